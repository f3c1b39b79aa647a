"""Properties every extraction must have, checked on all sample documents."""

from __future__ import annotations

from pkgraph.extract import EXTRACTOR_VERSION, extract_document
from pkgraph.records import Document, Evidence, Extraction
from tests.extract.conftest import MakeDocument


def all_evidence(extraction: Extraction) -> list[Evidence]:
    evidence: list[Evidence] = []
    for group in (extraction.programs, extraction.municipalities, extraction.bodies):
        for record in group:
            evidence.extend(record.mentions)
    for facts in (
        extraction.decisions,
        extraction.funding,
        extraction.participations,
        extraction.joint_applications,
        extraction.events,
        extraction.persons,
        extraction.doc_refs,
        extraction.dates,
    ):
        evidence.extend(fact.evidence for fact in facts)
    evidence.extend(p.since_evidence for p in extraction.participations if p.since_evidence)
    return evidence


def test_every_fact_quotes_the_original_text(
    sample_documents: dict[str, Document], sample_extractions: dict[str, Extraction]
) -> None:
    for prefix, extraction in sample_extractions.items():
        original = sample_documents[prefix].original_text
        evidence = all_evidence(extraction)
        assert evidence
        for item in evidence:
            assert original[item.start : item.end] == item.quote
            assert item.quote.strip() == item.quote and item.quote
            assert 0.0 < item.confidence <= 1.0
            assert item.extractor


def test_version_and_doc_type(sample_extractions: dict[str, Extraction]) -> None:
    assert sample_extractions["004"].extractor_version == EXTRACTOR_VERSION
    assert sample_extractions["004"].doc_type == "Beschlussvorlage"


def test_empty_document(make_document: MakeDocument) -> None:
    extraction = extract_document(make_document("Kein Inhalt."))
    assert all_evidence(extraction) == []
