"""Very long documents are extracted window by window, so that time and memory stay linear.

The extractors relate every sentence to the hits around it; on a document of many megabytes
(a year of minutes in one file) that is quadratic. Facts are local to their paragraphs, so a
long text is cut at paragraph breaks into windows of about :data:`WINDOW_CHARS` characters, each
window is extracted as a document of its own that shares the original text and the offset map
(evidence stays in original offsets), and the results are merged: entities by key with their
mentions joined, facts concatenated and deduplicated as one whole-document run would.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import replace
from typing import Any, TypeVar

from pkgraph.records import (
    BodyMention,
    Document,
    Extraction,
    MunicipalityMention,
    ProgramMention,
    RepairedText,
)

#: Texts up to this length are extracted whole; longer ones in windows of about this size.
WINDOW_CHARS = 60_000
_ROLE_RANK = {"author": 0, "participant": 1, "mentioned": 2}

T = TypeVar("T")


def window_bounds(text: str, size: int = WINDOW_CHARS) -> Iterator[tuple[int, int]]:
    """[start, end) spans covering ``text``, each cut at the last paragraph break (else line
    break, else sentence end) before ``size`` characters."""
    start = 0
    while len(text) - start > size:
        limit = start + size
        cut = -1
        for separator in ("\n\n", "\n", ". "):
            cut = text.rfind(separator, start + size // 2, limit)
            if cut != -1:
                cut += len(separator)
                break
        end = cut if cut != -1 else limit
        yield start, end
        start = end
    yield start, len(text)


def window_document(document: Document, start: int, end: int) -> Document:
    """The repaired text ``[start, end)`` as a document of its own, in the same original."""
    repaired = document.repaired
    window = RepairedText(
        original=repaired.original,
        text=repaired.text[start:end],
        offsets=repaired.offsets[start : end + 1],
    )
    return replace(document, repaired=window, passages=())


def _unique(items: Iterable[T], key: Callable[[T], Hashable]) -> tuple[T, ...]:
    seen: dict[Hashable, T] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return tuple(seen.values())


Named = TypeVar("Named", ProgramMention, BodyMention)


def _joined(items: Iterable[Named]) -> tuple[Named, ...]:
    """Programs or bodies of all windows, one per key with the mentions of every window."""
    merged: dict[str, Named] = {}
    for item in items:
        known = merged.get(item.key)
        merged[item.key] = (
            replace(known, mentions=known.mentions + item.mentions) if known else item
        )
    return tuple(merged.values())


def _municipalities(parts: list[Extraction]) -> tuple[MunicipalityMention, ...]:
    merged: dict[str, MunicipalityMention] = {}
    for place in (m for part in parts for m in part.municipalities):
        known = merged.get(place.ags)
        if known is None:
            merged[place.ags] = place
            continue
        role = min(known.role, place.role, key=_ROLE_RANK.__getitem__)
        merged[place.ags] = replace(known, role=role, mentions=known.mentions + place.mentions)
    return tuple(merged.values())


def merge_extractions(parts: list[Extraction]) -> Extraction:
    """One extraction from the extractions of consecutive windows of one document."""
    first = parts[0]
    if len(parts) == 1:
        return first

    def every(name: str) -> list[Any]:
        return [item for part in parts for item in getattr(part, name)]

    own = [r for r in every("doc_refs") if r.is_own][:1]
    return replace(
        first,
        programs=_joined(p for part in parts for p in part.programs),
        municipalities=_municipalities(parts),
        bodies=_joined(b for part in parts for b in part.bodies),
        decisions=_unique(every("decisions"), lambda d: (d.body_key, d.date or d.evidence.start)),
        funding=tuple(every("funding")),
        participations=_unique(every("participations"), lambda p: (p.ags, p.program_key)),
        joint_applications=tuple(every("joint_applications")),
        events=tuple(every("events")),
        persons=_unique(every("persons"), lambda p: p.key),
        doc_refs=_unique(
            own + [replace(r, is_own=False) for r in every("doc_refs") if r not in own],
            lambda r: r.reference,
        ),
        dates=_unique(every("dates"), lambda d: d.iso),
        quantities=tuple(every("quantities")),
    )


def extract_in_windows(
    document: Document, extract: Callable[[Document], Extraction], size: int = WINDOW_CHARS
) -> Extraction:
    """``extract`` on the whole document when it is short, else window by window, merged."""
    if len(document.text) <= size:
        return extract(document)
    return merge_extractions(
        [extract(window_document(document, a, b)) for a, b in window_bounds(document.text, size)]
    )
