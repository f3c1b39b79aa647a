from __future__ import annotations

from dataclasses import replace

import pytest

from pkgraph.graph.store import GraphStore
from pkgraph.graph.validate import ValidationReport, validate_store
from pkgraph.records import Document, Extraction
from pkgraph.settings import Settings

from .conftest import load_store


@pytest.fixture()
def fresh_settings(any_backend: Settings) -> Settings:
    """Every test here runs on each backend: the embedded store and the remote servers."""
    return any_backend


def violations(report: ValidationReport) -> list[tuple[str, str | None, str]]:
    return [(r.focus, r.path, r.message) for r in report.results if r.severity == "Violation"]


def update(settings: Settings, sparql_update: str) -> None:
    """Break the stored data on purpose, through the store itself."""
    with GraphStore.open(settings) as store:
        store.update(sparql_update)


def test_hand_built_graph_conforms(store_004: Settings) -> None:
    report = validate_store(store_004)
    assert report.conforms, report.text
    assert "conforms" in report.text


def test_funding_without_amount_is_a_violation(
    fresh_settings: Settings, document_004: Document, extraction_004: Extraction
) -> None:
    (funding,) = extraction_004.funding
    broken = replace(extraction_004, funding=(replace(funding, amount_eur=None),))
    load_store(fresh_settings, (document_004, broken))
    report = validate_store(fresh_settings)
    assert not report.conforms
    ((focus, _path, message),) = violations(report)
    assert focus.endswith(f"funding/{document_004.doc_id}/0")
    assert "amount" in message
    assert "funding" in report.text


def test_decision_without_body_is_a_warning(store_004: Settings) -> None:
    """A resolution whose body the text does not name is kept and flagged, not refused."""
    update(store_004, "DELETE WHERE { GRAPH ?g { ?d pk:decidedBy ?body } }")
    report = validate_store(store_004)
    assert report.conforms
    warnings = [r for r in report.results if r.severity == "Warning"]
    assert warnings and all("/decision/" in r.focus for r in warnings)
    assert {r.path for r in warnings} == {"pk:decidedBy"}
    assert "body" in warnings[0].message


def test_decision_with_two_bodies_is_a_violation(store_004: Settings) -> None:
    update(
        store_004,
        "INSERT { GRAPH ?g { ?d pk:decidedBy ?other } } WHERE { GRAPH ?g { ?d pk:decidedBy ?b } "
        "GRAPH ?h { ?other a pk:Body } FILTER(?other != ?b) }",
    )
    report = validate_store(store_004)
    assert not report.conforms
    assert any(path == "pk:decidedBy" for _focus, path, _message in violations(report))


def test_passage_beyond_its_document_is_a_violation(
    store_004: Settings, document_004: Document
) -> None:
    last = document_004.passages[-1]
    too_long = len(document_004.original_text) + 25
    update(
        store_004,
        f"""DELETE {{ GRAPH ?g {{ ?p pk:endOffset ?end }} }}
            INSERT {{ GRAPH ?g {{ ?p pk:endOffset {too_long} }} }}
            WHERE {{ GRAPH ?g {{ ?p pk:passageIndex {last.index} ; pk:endOffset ?end }} }}""",
    )
    report = validate_store(store_004)
    assert not report.conforms
    messages = [message for focus, _path, message in violations(report)]
    assert any(f"offset {too_long}, beyond" in message for message in messages), report.text


def test_fact_whose_evidence_lies_outside_its_passage_is_a_violation(
    store_004: Settings, document_004: Document
) -> None:
    assert len(document_004.passages) > 1
    update(
        store_004,
        """DELETE { GRAPH ?g { ?f prov:wasDerivedFrom ?p } }
           INSERT { GRAPH ?g { ?f prov:wasDerivedFrom ?other } }
           WHERE { GRAPH ?g { ?f a pk:Funding ; prov:wasDerivedFrom ?p .
                              ?other a pk:Passage ; pk:passageIndex 0 } }""",
    )
    report = validate_store(store_004)
    assert any("outside its passage" in message for _f, _p, message in violations(report))


def test_mention_of_an_unknown_municipality_is_a_violation(
    fresh_settings: Settings, document_004: Document, extraction_004: Extraction
) -> None:
    (first, *rest) = extraction_004.municipalities
    broken = replace(extraction_004, municipalities=(replace(first, ags="05999999"), *rest))
    load_store(fresh_settings, (document_004, broken))
    report = validate_store(fresh_settings)
    assert not report.conforms
    assert {path for _f, path, _m in violations(report)} >= {"pk:mentionOf"}


@pytest.mark.slow
def test_sample_build_conforms(sample_build: Settings) -> None:
    report = validate_store(sample_build)
    assert report.conforms, report.text
    assert "5 document graph(s)" in report.text
