"""Cutting a real sample document into highlighted pieces keeps its text and every span intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pkgraph.ingest import build_document, read_document
from pkgraph.records import Document
from pkgraph.settings import Settings
from pkgraph_api.text_marks import Block, MarkSpan, PassageSpan, mark_text, passage_blocks


@pytest.fixture(scope="module")
def document(sample_corpus: Path) -> Document:
    path = sorted(sample_corpus.glob("000_*.txt"))[0]
    settings = Settings()
    return build_document(read_document(path, settings), settings)


def passages_of(document: Document) -> list[PassageSpan]:
    return [PassageSpan(p.index, p.start, p.end) for p in document.passages]


def spans_of(document: Document, pattern: str, css_class: str) -> list[MarkSpan]:
    """One span per match of ``pattern`` in the original text, named after its position."""
    return [
        MarkSpan(f"{css_class}-{m.start()}", m.start(), m.end(), css_class, css_class)
        for m in re.finditer(pattern, document.original_text)
    ]


def covered_text(blocks: list[Block], key: str) -> str:
    return "".join(
        piece.text
        for block in blocks
        for piece in block.pieces
        if any(span.key == key for span in piece.spans)
    )


def test_pieces_rebuild_the_original_text(document: Document) -> None:
    spans = spans_of(document, r"Präventionskette\w*", "program") + spans_of(
        document, r"\d{2}\.\d{2}\.\d{4}", "date"
    )
    blocks = mark_text(document.original_text, passages_of(document), spans)
    rebuilt = "".join(piece.text for block in blocks for piece in block.pieces)
    assert rebuilt == document.original_text
    assert spans, "the sample must contain the patterns this test marks"
    for span in spans:
        assert covered_text(blocks, span.key) == document.original_text[span.start : span.end]


def test_every_passage_is_one_block_at_its_offsets(document: Document) -> None:
    blocks = mark_text(document.original_text, passages_of(document), [])
    position = 0
    seen = []
    for block in blocks:
        text = "".join(piece.text for piece in block.pieces)
        if block.passage is not None:
            passage = document.passages[block.passage]
            assert document.original_text[position : position + len(text)] == text
            assert passage.start <= position and position + len(text) <= passage.end
            seen.append(block.passage)
        position += len(text)
    assert seen == [p.index for p in document.passages]


def test_overlapping_spans_crossing_a_passage_border(document: Document) -> None:
    first, second = document.passages[0], document.passages[1]
    crossing = MarkSpan("cross", first.end - 5, second.start + 5, "fact", "Fakt")
    inner = MarkSpan("inner", first.end - 3, first.end - 1, "mention", "Erwähnung")
    blocks = mark_text(document.original_text, passages_of(document), [crossing, inner])
    assert covered_text(blocks, "cross") == document.original_text[crossing.start : crossing.end]
    assert covered_text(blocks, "inner") == document.original_text[inner.start : inner.end]
    holders = [
        b.passage for b in blocks for p in b.pieces if any(s.key == "cross" for s in p.spans)
    ]
    assert {first.index, second.index} <= set(holders)
    both = [p for b in blocks for p in b.pieces if {s.key for s in p.spans} == {"cross", "inner"}]
    assert both and both[0].css_classes == "fact mention"


def test_each_span_is_anchored_once_where_it_starts(document: Document) -> None:
    spans = [
        MarkSpan("a", 10, 40, "fact", "A"),
        MarkSpan("b", 10, 20, "fact", "B"),  # starts with "a": both anchored on the same piece
        MarkSpan("c", 30, 60, "fact", "C"),
    ]
    blocks = mark_text(document.original_text, passages_of(document), spans)
    anchors = [(a, p.text) for b in blocks for p in b.pieces for a in p.anchors]
    assert [key for key, _ in anchors] == ["a", "b", "c"]
    assert anchors[2][1] == document.original_text[30:40]


def test_spans_outside_the_text_are_clipped_or_dropped() -> None:
    text = "Der Kreistag stimmt zu."
    spans = [MarkSpan("late", 15, 99, "fact", "x"), MarkSpan("gone", 40, 50, "fact", "y")]
    blocks = mark_text(text, [PassageSpan(0, 0, len(text))], spans)
    assert covered_text(blocks, "late") == text[15:]
    assert covered_text(blocks, "gone") == ""


def test_overlapping_passages_cover_each_character_once() -> None:
    text = "x" * 100
    ranges = passage_blocks(text, [PassageSpan(0, 0, 60), PassageSpan(1, 50, 100)])
    assert ranges == [(0, 0, 60), (1, 60, 100)]
    assert passage_blocks(text, [PassageSpan(0, 10, 20)]) == [
        (None, 0, 10),
        (0, 10, 20),
        (None, 20, 100),
    ]
