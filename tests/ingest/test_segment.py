from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from pkgraph.ingest.repair import repair_text
from pkgraph.ingest.segment import iter_units, segment
from pkgraph.settings import Settings
from tests.ingest.helpers import CLEAN_SAMPLES, OCR_SAMPLE

SAMPLES = [*CLEAN_SAMPLES, OCR_SAMPLE]


@pytest.mark.parametrize("name", SAMPLES)
def test_passages_point_into_the_original(sample_corpus: Path, name: str) -> None:
    settings = Settings()
    repaired = repair_text((sample_corpus / name).read_text("utf-8"))
    passages = segment(repaired, "doc", settings.passage_min_chars, settings.passage_max_chars)
    assert [p.index for p in passages] == list(range(len(passages)))
    for passage in passages:
        assert passage.text == repaired.original[passage.start : passage.end]
        assert passage.text == passage.text.strip()
        assert len(passage.clean_text) <= settings.passage_max_chars
        assert passage.passage_id == f"doc/{passage.index}"
    # together the passages cover every word of the text, in order, without overlap
    assert all(a.end <= b.start for a, b in itertools.pairwise(passages))
    covered = " ".join(p.clean_text for p in passages).split()
    assert covered == repaired.text.split()
    # only a document's last passage may be shorter than the minimum
    assert all(len(p.clean_text) >= settings.passage_min_chars for p in passages[:-1])


@pytest.mark.parametrize("name", SAMPLES)
def test_passages_end_at_sentence_or_line_ends(sample_corpus: Path, name: str) -> None:
    repaired = repair_text((sample_corpus / name).read_text("utf-8"))
    unit_ends = {u.end for u in iter_units(repaired.text)}
    for passage in segment(repaired, "doc", 300, 1000):
        end = repaired.text.index(passage.clean_text) + len(passage.clean_text)
        assert end in unit_ends


def test_sentences_are_split_but_not_at_abbreviations() -> None:
    text = (
        "Am 10. Mai kam Dr. Stolz, z.B. mit Nr. 5 dabei. Danach sprach er. Dann kam Ende 2018. Gut!"
    )
    units = [text[u.start : u.end] for u in iter_units(text)]
    assert units == [
        "Am 10. Mai kam Dr. Stolz, z.B. mit Nr. 5 dabei.",
        "Danach sprach er.",
        "Dann kam Ende 2018.",
        "Gut!",
    ]


def test_sentence_longer_than_the_limit_is_cut_at_blanks() -> None:
    sentence = "Wort " * 400 + "Ende."
    repaired = repair_text(sentence)
    passages = segment(repaired, "doc", 300, 1000)
    assert len(passages) == 3
    assert all(len(p.clean_text) <= 1000 for p in passages)
    assert all(re.fullmatch(r"(Wort )*(Wort|Ende\.)", p.clean_text) for p in passages)


def test_small_paragraphs_are_packed_and_big_ones_kept_apart() -> None:
    paragraphs = [f"Absatz {n}: " + "Ein kurzer Satz. " * 6 for n in range(6)]
    repaired = repair_text("\n\n".join(paragraphs))
    passages = segment(repaired, "doc", 300, 1000)
    assert [p.clean_text[:8] for p in passages] == ["Absatz 0", "Absatz 3"]
    assert all(300 <= len(p.clean_text) <= 1000 for p in passages)
