from __future__ import annotations

import pytest

from pkgraph.ingest.edits import Edit, apply_edits, identity_offsets


def test_edits_keep_offsets_into_the_original() -> None:
    original = "Mal-\nRnahmen und  mehr"
    edits = [Edit(3, 5, "", "hyphenation"), Edit(16, 18, " ", "whitespace")]
    text, offsets, corrections = apply_edits(
        original, original, identity_offsets(len(original)), edits
    )
    assert text == "MalRnahmen und mehr"
    assert len(offsets) == len(text) + 1 and offsets[-1] == len(original)
    for index, char in enumerate(text):
        assert original[offsets[index]] == char
    assert [(c.before, c.after, c.kind) for c in corrections] == [
        ("-\n", "", "hyphenation"),
        ("  ", " ", "whitespace"),
    ]


def test_second_pass_maps_through_the_first() -> None:
    original = "Mal-\nRnahmen"
    first, offsets, _ = apply_edits(
        original, original, identity_offsets(len(original)), [Edit(3, 5, "", "hyphenation")]
    )
    second, offsets, corrections = apply_edits(original, first, offsets, [Edit(2, 4, "ß", "ocr")])
    assert second == "Maßnahmen"
    assert corrections[0].before == "l-\nR"  # the whole original span of the two characters
    assert offsets[2] == 2 and offsets[3] == original.index("nahmen")


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError):
        apply_edits(
            "abcdef", "abcdef", identity_offsets(6), [Edit(0, 3, "x", "t"), Edit(2, 4, "y", "t")]
        )
