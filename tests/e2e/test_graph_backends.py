"""The end-to-end scenario on every graph backend: the embedded default, ``oxigraph serve``
and Virtuoso each store, answer and forget the five samples the same way."""

from __future__ import annotations

import pytest

from pkgraph.settings import Settings
from tests.e2e.scenario import ScenarioReport, run_scenario


@pytest.fixture(scope="module")
def embedded_report(tmp_path_factory: pytest.TempPathFactory) -> ScenarioReport:
    """The reference: the scenario on the embedded store."""
    return run_scenario(Settings.from_env(data_dir=tmp_path_factory.mktemp("embedded")))


def _same_graph(report: ScenarioReport, reference: ScenarioReport) -> None:
    assert report.documents == reference.documents
    assert report.participations == reference.participations
    assert report.from_one_graph == reference.from_one_graph
    assert report.search_hits == reference.search_hits
    assert report.documents_after_removal == reference.documents_after_removal


@pytest.mark.slow
@pytest.mark.parametrize("store", ["oxigraph_settings", "virtuoso_settings"])
def test_a_remote_store_behaves_as_the_embedded_store(
    store: str,
    embedded_report: ScenarioReport,
    request: pytest.FixtureRequest,
    record_property: pytest.RecordProperty,
) -> None:
    """``oxigraph serve`` and Virtuoso, each started on loopback by its fixture."""
    report = run_scenario(request.getfixturevalue(store))
    record_property("ingest_seconds", round(report.ingest_seconds, 2))
    _same_graph(report, embedded_report)
    assert report.ask_items == embedded_report.ask_items
