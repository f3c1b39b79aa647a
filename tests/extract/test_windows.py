"""Long documents extracted window by window give the facts of a whole-document run."""

from __future__ import annotations

import itertools

from pkgraph.extract import extract_document
from pkgraph.extract.windows import extract_in_windows, window_bounds, window_document
from pkgraph.records import Document

from .conftest import MakeDocument


def test_windows_cover_the_text_and_cut_at_paragraph_breaks() -> None:
    text = "\n\n".join(f"Absatz {i}. " + "Wort " * 40 for i in range(50))
    bounds = list(window_bounds(text, size=1_000))
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(end - start <= 1_000 for start, end in bounds)
    assert all(text[end - 2 : end] == "\n\n" for _, end in bounds[:-1])


def test_a_text_without_breaks_is_still_cut() -> None:
    bounds = list(window_bounds("x" * 2_500, size=1_000))
    assert bounds == [(0, 1_000), (1_000, 2_000), (2_000, 2_500)]


def test_a_window_quotes_the_original_text(sample_documents: dict[str, Document]) -> None:
    document = sample_documents["004"]
    start = document.text.index("\n\n") + 2
    window = window_document(document, start, len(document.text))
    for fact in extract_document(window).funding:
        quote = document.original_text[fact.evidence.start : fact.evidence.end]
        assert fact.evidence.quote == quote


def test_a_long_document_has_the_facts_of_its_parts(
    sample_documents: dict[str, Document], make_document: MakeDocument
) -> None:
    """Five sample documents in one file, extracted in windows smaller than the file, find
    the entities and facts of the five documents extracted one by one."""
    parts = [sample_documents[key] for key in sorted(sample_documents)]
    joined = make_document("\n\n".join(doc.original_text for doc in parts))
    size = max(len(doc.text) for doc in parts) + 2_000
    assert len(joined.text) > 2 * size
    windowed = extract_in_windows(joined, extract_document, size=size)
    alone = [extract_document(doc) for doc in parts]

    def names(extractions: list, attribute: str) -> set[str]:  # type: ignore[type-arg]
        return {item.name for e in extractions for item in getattr(e, attribute)}

    # bodies may differ: their owner comes from the issuing municipality of the whole file
    for attribute in ("programs", "municipalities", "persons"):
        assert names([windowed], attribute) == names(alone, attribute), attribute
    amounts = {f.amount_text for e in alone for f in e.funding}
    assert amounts <= {f.amount_text for f in windowed.funding}
    assert all(
        joined.original_text[m.start : m.end] == m.quote
        for program in windowed.programs
        for m in program.mentions
    )
    assert len({m.ags for m in windowed.municipalities}) == len(windowed.municipalities)
