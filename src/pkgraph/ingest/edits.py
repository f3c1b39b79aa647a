"""Offset-keeping text edits: every repair pass is a list of :class:`Edit` applied here.

A pass sees the current (partly repaired) text; :func:`apply_edits` rewrites it and carries the
map from each current character to its offset in the original, so that the final repaired text
still points back into the text as read.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from pkgraph.records import Correction


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of the current text by ``replacement``."""

    start: int
    end: int
    replacement: str
    kind: str


def identity_offsets(length: int) -> array[int]:
    """The offset map of an unrepaired text: character ``i`` is at ``i``; plus the end."""
    return array("q", range(length + 1))


def apply_edits(
    original: str, text: str, offsets: array[int], edits: Sequence[Edit]
) -> tuple[str, array[int], list[Correction]]:
    """Apply non-overlapping ``edits`` (sorted by start) to ``text``.

    Returns the new text, its offset map into ``original`` and the corrections in original
    offsets. A replacement character ``k`` maps to the original of the ``k``-th replaced
    character (the last one when the replacement is longer), so spans stay inside the source.
    """
    pieces: list[str] = []
    new_offsets: array[int] = array("q")
    corrections: list[Correction] = []
    position = 0
    for edit in edits:
        if edit.start < position:
            raise ValueError(f"overlapping edits at {edit.start}")
        pieces.append(text[position : edit.start])
        new_offsets.extend(offsets[position : edit.start])
        span = edit.end - edit.start
        if span:
            last = edit.end - 1
            new_offsets.extend(
                offsets[min(edit.start + k, last)] for k in range(len(edit.replacement))
            )
            source_start, source_end = offsets[edit.start], offsets[last] + 1
        else:
            source_start = source_end = offsets[edit.start]
            new_offsets.extend(source_start for _ in edit.replacement)
        pieces.append(edit.replacement)
        corrections.append(
            Correction(
                start=source_start,
                end=source_end,
                before=original[source_start:source_end],
                after=edit.replacement,
                kind=edit.kind,
            )
        )
        position = edit.end
    pieces.append(text[position:])
    new_offsets.extend(offsets[position:])
    return "".join(pieces), new_offsets, corrections
