"""Passages for retrieval: paragraphs and sentences packed to ``passage_min/max_chars``.

Segmentation reads the repaired text (clean sentence boundaries) and maps every passage back
to the original, so that ``passage.text == original[passage.start:passage.end]``. A passage
ends at a paragraph break once it is long enough, never inside a sentence unless that sentence
alone is longer than the maximum.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pkgraph.records import Passage, RepairedText

#: Abbreviations whose period ends no sentence.
ABBREVIATIONS = frozenset(
    {
        "abs", "anl", "art", "bd", "bzw", "ca", "dr", "evtl", "fr", "gem", "ggf", "hr", "inkl",
        "jh", "kap", "lt", "mio", "mrd", "nr", "prof", "sog", "st", "std", "str", "tel", "tsd",
        "usw", "vgl", "ziff", "zzgl", "abt", "aufl", "bzgl", "lfd", "ff", "geb", "max", "min",
    }
)  # fmt: skip
#: End of a sentence: terminal punctuation (and closing quotes), then a blank and a capital,
#: a digit or an opening quote; or the end of a line.
_SENTENCE_END = re.compile(r"[.!?…][\"'“”»)\]]*(?=[ \t]+[\"„“»(\[]?[A-ZÄÖÜ0-9])|(?=\n)")
_WORD_BEFORE = re.compile(r"(\w+)\.$")


@dataclass(frozen=True)
class Unit:
    """A sentence or line of the repaired text; ``opens_paragraph`` after a blank line."""

    start: int
    end: int
    opens_paragraph: bool


def segment(repaired: RepairedText, doc_id: str, min_chars: int, max_chars: int) -> list[Passage]:
    """Passages of ``repaired``, numbered from 0, with spans in original offsets."""
    passages: list[Passage] = []
    units = list(iter_units(repaired.text))
    for start, end in pack_units(repaired.text, units, min_chars, max_chars):
        original_start, original_end = repaired.to_original(start, end)
        passages.append(
            Passage(
                doc_id=doc_id,
                index=len(passages),
                start=original_start,
                end=original_end,
                text=repaired.original[original_start:original_end],
                clean_text=repaired.text[start:end],
            )
        )
    return passages


def iter_units(text: str) -> Iterator[Unit]:
    """Sentences and lines, trimmed of whitespace, with paragraph starts marked."""
    for paragraph in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        first = True
        position = paragraph.start()
        for end in _sentence_ends(paragraph.group(), paragraph.start()):
            unit = _trimmed(text, position, end)
            if unit is not None:
                yield Unit(unit[0], unit[1], first)
                first = False
            position = end
        unit = _trimmed(text, position, paragraph.end())
        if unit is not None:
            yield Unit(unit[0], unit[1], first)


def _sentence_ends(paragraph: str, offset: int) -> Iterator[int]:
    for m in _SENTENCE_END.finditer(paragraph):
        if m.group() and m.group()[0] == "." and _is_abbreviation(paragraph[: m.start() + 1]):
            continue
        yield offset + m.end()


def _is_abbreviation(text_to_period: str) -> bool:
    """ "z.B.", "Nr.", "10." (ordinal or list number) end no sentence."""
    m = _WORD_BEFORE.search(text_to_period[-12:])
    if m is None:
        return False
    word = m.group(1)
    if len(word) == 1 or word.casefold() in ABBREVIATIONS:
        return True
    return word.isdigit() and len(word) <= 3


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def pack_units(
    text: str, units: list[Unit], min_chars: int, max_chars: int
) -> list[tuple[int, int]]:
    """Greedy packing: close a passage before a unit that would overflow it, or at a new
    paragraph once it has ``min_chars``; a unit longer than ``max_chars`` is cut at blanks."""
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for unit in _split_long(text, units, max_chars):
        if current is not None:
            length = current[1] - current[0]
            if unit.end - current[0] > max_chars or (unit.opens_paragraph and length >= min_chars):
                spans.append(current)
                current = None
        current = (unit.start, unit.end) if current is None else (current[0], unit.end)
    if current is not None:
        if spans and current[1] - current[0] < min_chars and current[1] - spans[-1][0] <= max_chars:
            current = (spans.pop()[0], current[1])
        spans.append(current)
    return spans


def _split_long(text: str, units: list[Unit], max_chars: int) -> Iterator[Unit]:
    """Units as they are, except that one longer than ``max_chars`` is cut at its last blank
    before the limit (or at the limit when it has none there)."""
    for unit in units:
        start, opens = unit.start, unit.opens_paragraph
        while unit.end - start > max_chars:
            blank = max(
                text.rfind(" ", start + 1, start + max_chars + 1),
                text.rfind("\n", start + 1, start + max_chars + 1),
            )
            cut = blank if blank > start else start + max_chars
            yield Unit(start, cut, opens)
            start, opens = cut, False
            while start < unit.end and text[start].isspace():
                start += 1
        if start < unit.end:
            yield Unit(start, unit.end, opens)
