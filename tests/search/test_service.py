"""search_passages over the full sample build: hits, highlights and graph filters."""

from __future__ import annotations

import json

import pytest

from pkgraph.errors import QueryError
from pkgraph.graph.store import GraphStore
from pkgraph.search.service import SearchFilters, SearchHit, search_passages
from pkgraph.settings import Settings

pytestmark = pytest.mark.slow

QUERY = "Wie viel Geld gab das Land für die Präventionsketten?"


def _documents(hits: list[SearchHit]) -> set[str]:
    return {hit.document_iri for hit in hits}


@pytest.fixture(scope="module")
def unfiltered(sample_build: Settings) -> list[SearchHit]:
    return search_passages(QUERY, sample_build, k=50)


def test_hits_carry_text_highlight_document_and_entities(
    sample_build: Settings, unfiltered: list[SearchHit]
) -> None:
    assert unfiltered and len(unfiltered) <= 50
    assert [h.score for h in unfiltered] == sorted((h.score for h in unfiltered), reverse=True)
    for hit in unfiltered:
        assert 0 <= hit.highlight_start < hit.highlight_end <= len(hit.text)
        assert hit.highlight.strip() and hit.highlight in hit.text
        assert hit.passage_iri.startswith(sample_build.base_iri + "id/passage/")
        assert hit.document_iri.startswith(sample_build.base_iri + "id/document/")
        assert hit.end - hit.start >= len(hit.text.strip())
        assert all(iri.startswith(sample_build.base_iri + "id/") for iri in hit.entities)
    assert any(hit.entities for hit in unfiltered)
    assert any(hit.title for hit in unfiltered)
    as_json = json.loads(json.dumps(unfiltered[0].to_dict()))
    assert as_json["highlight"] == unfiltered[0].highlight
    text = unfiltered[0].format_text(1)
    assert text.startswith(" 1.") and unfiltered[0].passage_iri in text and ">>>" in text


@pytest.mark.parametrize("method", ["lexical", "dense", "hybrid"])
def test_every_method_answers(sample_build: Settings, method: str) -> None:
    hits = search_passages(QUERY, sample_build, k=3, method=method)
    assert 1 <= len(hits) <= 3


def _kreis_with_member(settings: Settings) -> tuple[str, str, str]:
    """A Kreis whose own documents are stored, its AGS, and one of its municipalities."""
    with GraphStore.open(settings, read_only=True) as graph:
        rows = graph.select(
            """SELECT ?label ?ags ?memberLabel WHERE {
                 ?doc pk:issuedBy ?member . ?member pk:inKreis ?kreis ;
                 skos:prefLabel ?memberLabel . ?kreis skos:prefLabel ?label ; pk:ags ?ags .
               } ORDER BY ?label ?memberLabel LIMIT 1"""
        )
    assert rows, "the sample build has a document issued by a municipality of a Kreis"
    return str(rows[0]["label"]), str(rows[0]["ags"]), str(rows[0]["memberLabel"])


def test_municipality_filter_by_name_or_ags_includes_the_kreis_members(
    sample_build: Settings, unfiltered: list[SearchHit]
) -> None:
    kreis, ags, member = _kreis_with_member(sample_build)
    by_name = search_passages(QUERY, sample_build, k=50, filters=SearchFilters(municipality=kreis))
    by_ags = search_passages(QUERY, sample_build, k=50, filters=SearchFilters(municipality=ags))
    only_member = search_passages(
        QUERY, sample_build, k=50, filters=SearchFilters(municipality=member.upper())
    )
    assert [h.passage_id for h in by_name] == [h.passage_id for h in by_ags]
    assert only_member and _documents(only_member) <= _documents(by_name)
    assert _documents(by_name) <= _documents(unfiltered)
    assert _documents(by_name) != _documents(unfiltered)


def test_doc_type_and_date_filters(sample_build: Settings, unfiltered: list[SearchHit]) -> None:
    typed = next(h for h in unfiltered if h.doc_type)
    hits = search_passages(
        QUERY, sample_build, k=50, filters=SearchFilters(doc_type=str(typed.doc_type).lower())
    )
    assert hits and {h.doc_type for h in hits} == {typed.doc_type}

    dated = next(h for h in unfiltered if h.date)
    same_day = SearchFilters(date_from=dated.date, date_to=dated.date)
    hits = search_passages(QUERY, sample_build, k=50, filters=same_day)
    assert hits and {h.date for h in hits} == {dated.date}
    later = search_passages(
        QUERY, sample_build, k=50, filters=SearchFilters(date_from="2999-01-01")
    )
    assert later == []


def test_program_filter(sample_build: Settings, unfiltered: list[SearchHit]) -> None:
    with GraphStore.open(sample_build, read_only=True) as graph:
        rows = graph.select(
            """SELECT ?label (COUNT(DISTINCT ?doc) AS ?n) WHERE {
                 ?doc a pk:Document ; pk:mentions ?p . ?p a pk:Program ; skos:prefLabel ?label .
               } GROUP BY ?label ORDER BY ?n ?label LIMIT 1"""
        )
    label = str(rows[0]["label"])
    hits = search_passages(QUERY, sample_build, k=50, filters=SearchFilters(program=label))
    assert hits and _documents(hits) <= _documents(unfiltered)
    assert len(_documents(hits)) <= int(str(rows[0]["n"]))


@pytest.mark.parametrize(
    ("filters", "parameter"),
    [
        (SearchFilters(municipality="Atlantis an der Ruhr"), "municipality"),
        (SearchFilters(program="Gibt es nicht"), "program"),
        (SearchFilters(doc_type="Liebesbrief"), "doc_type"),
        (SearchFilters(date_from="12.03.2019"), "date_from"),
        (SearchFilters(date_to="2019-13-01"), "date_to"),
        (SearchFilters(date_from="2020-01-01", date_to="2019-01-01"), "date_from"),
    ],
)
def test_invalid_filters_name_the_parameter(
    sample_build: Settings, filters: SearchFilters, parameter: str
) -> None:
    with pytest.raises(QueryError) as error:
        search_passages(QUERY, sample_build, filters=filters)
    assert error.value.parameter == parameter


def test_invalid_query_method_and_k(sample_build: Settings) -> None:
    for kwargs, parameter in (
        ({"query": "  "}, "query"),
        ({"query": QUERY, "method": "magic"}, "method"),
        ({"query": QUERY, "k": 0}, "k"),
    ):
        with pytest.raises(QueryError) as error:
            search_passages(settings=sample_build, **kwargs)  # type: ignore[arg-type]
        assert error.value.parameter == parameter
