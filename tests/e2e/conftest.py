"""The remote servers of the graph tests, for the end-to-end scenario."""

from tests.graph.servers import (  # noqa: F401 (fixtures for the tests in this folder)
    oxigraph_server,
    oxigraph_settings,
    virtuoso_server,
    virtuoso_settings,
)
