"""Errors that carry what went wrong and where, for messages a user can act on."""

from __future__ import annotations


class PkgraphError(Exception):
    """Base of every error the CLI and API turn into a clear message."""


class IngestError(PkgraphError):
    """A file could not be ingested; ``source`` names it, ``reason`` says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class QueryError(PkgraphError):
    """A query or filter parameter is invalid; ``parameter`` names it."""

    def __init__(self, parameter: str, reason: str) -> None:
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason
