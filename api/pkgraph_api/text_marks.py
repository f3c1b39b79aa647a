"""Cut a document's text into pieces so that facts and passages can be highlighted at their offsets.

Facts may overlap each other and cross passage borders; HTML elements may not overlap. So the text
is split at every span border: each piece knows which spans cover it, and each passage becomes one
container of consecutive pieces. The template renders the pieces; escaping stays with Jinja.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class MarkSpan:
    """A highlighted span ``[start, end)`` of the text; ``key`` names it (e.g. ``fact-3``)."""

    key: str
    start: int
    end: int
    css_class: str
    title: str


@dataclass(frozen=True)
class PassageSpan:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Piece:
    """Text covered by the same set of spans; ``anchors`` are the keys of spans starting here."""

    text: str
    spans: tuple[MarkSpan, ...]
    anchors: tuple[str, ...]

    @property
    def css_classes(self) -> str:
        return " ".join(dict.fromkeys(span.css_class for span in self.spans))

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(span.title for span in self.spans))


@dataclass(frozen=True)
class Block:
    """A run of pieces: one passage (``passage`` is its index) or text between passages (None)."""

    passage: int | None
    pieces: tuple[Piece, ...]


def clip_spans(spans: Sequence[MarkSpan], length: int) -> list[MarkSpan]:
    """Spans restricted to ``[0, length)``; empty or out-of-range spans are dropped."""
    clipped = []
    for span in spans:
        start, end = max(0, span.start), min(length, span.end)
        if start < end:
            clipped.append(
                MarkSpan(span.key, start, end, span.css_class, span.title)
                if (start, end) != (span.start, span.end)
                else span
            )
    return clipped


def passage_blocks(text: str, passages: Sequence[PassageSpan]) -> list[tuple[int | None, int, int]]:
    """Non-overlapping ``(passage index or None, start, end)`` ranges covering the whole text.

    Passages are taken in start order; one that overlaps its predecessor begins where that one
    ends, so every character belongs to exactly one block.
    """
    ranges: list[tuple[int | None, int, int]] = []
    position = 0
    for passage in sorted(passages, key=lambda p: (p.start, p.index)):
        start, end = max(passage.start, position), min(passage.end, len(text))
        if start >= end:
            continue
        if start > position:
            ranges.append((None, position, start))
        ranges.append((passage.index, start, end))
        position = end
    if position < len(text):
        ranges.append((None, position, len(text)))
    return ranges


def mark_text(text: str, passages: Sequence[PassageSpan], spans: Sequence[MarkSpan]) -> list[Block]:
    """The text as blocks of pieces, each piece carrying the spans that cover it.

    One sweep over the cut points keeps the covering spans, so long documents with many facts
    stay linear in the number of cuts plus spans.
    """
    marks = clip_spans(spans, len(text))
    blocks = passage_blocks(text, passages)
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for number, mark in enumerate(marks):
        starting.setdefault(mark.start, []).append(number)
        ending.setdefault(mark.end, []).append(number)
    cuts = sorted({0, len(text), *starting, *ending, *(b[1] for b in blocks)})
    active: dict[int, MarkSpan] = {}
    anchored: set[str] = set()
    pieces: list[tuple[int, Piece]] = []
    for start, end in pairwise(cuts):
        for number in ending.get(start, ()):
            active.pop(number, None)
        for number in starting.get(start, ()):
            active[number] = marks[number]
        covering = tuple(active.values())
        anchors = tuple(dict.fromkeys(m.key for m in covering if m.key not in anchored))
        anchored.update(anchors)
        pieces.append((start, Piece(text[start:end], covering, anchors)))
    result: list[Block] = []
    position = 0
    for passage, _block_start, block_end in blocks:
        first = position
        while position < len(pieces) and pieces[position][0] < block_end:
            position += 1
        result.append(Block(passage, tuple(piece for _, piece in pieces[first:position])))
    return result
