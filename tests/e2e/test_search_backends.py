"""The end-to-end scenario with the search index in Milvus (Milvus Lite, the real engine).

Ingest, SPARQL, search, /search, /ask and removal must pass as on the embedded default and
see the same: the same search hits in the same order, the same /ask choice, and the same hits
(and highlighted sentences) under each graph filter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pkgraph.search.service import SearchFilters, SearchHit, search_passages
from pkgraph.settings import Settings
from tests.e2e.scenario import run_scenario

QUERY = "Präventionskette Förderung Familien"


def _filters(hits: list[SearchHit]) -> list[SearchFilters]:
    """One filter of each kind that selects some of the documents ``hits`` come from."""
    place = next(h.municipality for h in hits if h.municipality)
    typed = next(h.doc_type for h in hits if h.doc_type)
    dated = next(h.date for h in hits if h.date)
    return [
        SearchFilters(municipality=place),
        SearchFilters(doc_type=typed),
        SearchFilters(date_from=dated, date_to=dated),
        SearchFilters(program="Kein Kind zurücklassen"),
    ]


def _seen(hits: list[SearchHit]) -> list[tuple[str, float, int, int]]:
    return [(h.passage_id, h.score, h.highlight_start, h.highlight_end) for h in hits]


def test_scenario_with_search_engine(tmp_path: Path) -> None:
    embedded_settings = Settings.from_env(data_dir=tmp_path / "embedded", search_url="")
    engine_settings = Settings.from_env(data_dir=tmp_path / "engine", search_url="milvus:engine.db")
    embedded = run_scenario(embedded_settings)
    engine = run_scenario(engine_settings)
    assert (engine_settings.search_dir / "engine.db").exists()
    assert not (engine_settings.search_dir / "passages.sqlite").exists()
    assert engine.search_hits == embedded.search_hits
    assert engine.ask_items == embedded.ask_items
    assert (engine.documents, engine.documents_after_removal) == (5, 4)
    assert engine.participations == embedded.participations

    unfiltered = search_passages(QUERY, embedded_settings, k=50)
    for filters in _filters(unfiltered):
        expected = _seen(search_passages(QUERY, embedded_settings, k=20, filters=filters))
        got = _seen(search_passages(QUERY, engine_settings, k=20, filters=filters))
        assert expected, filters
        assert [h[0] for h in got] == [h[0] for h in expected], filters
        assert [h[2:] for h in got] == [h[2:] for h in expected], filters
        assert [h[1] for h in got] == pytest.approx([h[1] for h in expected], abs=1e-5)
