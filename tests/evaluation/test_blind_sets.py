"""The blind sets (eval/blind): well-formed, and a regression guard on their extraction figures.

Each set's first run is its generalisation figure (docs/EXTRACTION.md); once tuned on, a set
guards what later changes keep. Every quoted field must be an exact substring of its document,
as the matching rules of eval/README.md assume.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pkgraph.evaluation.extraction import evaluate_extraction
from tests.conftest import EVAL_DIR

BLIND = sorted(p for p in (EVAL_DIR / "blind").glob("*/") if (p / "gold.jsonl").is_file())
#: Quoted fields per item type that must appear verbatim in the document.
QUOTED = {
    "decisions": ("text_snippet",),
    "funding": ("amount_text",),
    "participations": ("evidence",),
}
#: Micro F1 of each set when this guard was written (docs/EXTRACTION.md) minus a margin.
MIN_MICRO_F1 = {
    "u13": 0.82, "u14": 0.85, "u15": 0.72, "u16": 0.80, "u17": 0.71, "u18": 0.76,
    "u19": 0.80, "u20": 0.75, "u21": 0.74, "u22": 0.69, "u23": 0.66, "u24": 0.68,
    "u25": 0.72, "u26": 0.76, "u27": 0.79, "u28": 0.68, "u29": 0.68, "u30": 0.67,
    "u31": 0.76, "u32": 0.69, "u33": 0.74, "u35": 0.69,
}  # fmt: skip


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _quotes(record: dict[str, Any]) -> list[str]:
    quotes = []
    for item_type in ("programs", "municipalities", "bodies"):
        quotes += [m for entry in record.get(item_type) or [] for m in entry.get("mentions") or []]
    for item_type, fields in QUOTED.items():
        quotes += [e[f] for e in record.get(item_type) or [] for f in fields if e.get(f)]
    return quotes


def test_there_are_blind_sets() -> None:
    assert len(BLIND) >= 6


@pytest.mark.parametrize("folder", BLIND, ids=lambda p: p.name)
def test_every_quote_is_in_its_document(folder: Path) -> None:
    for record in _records(folder / "gold.jsonl"):
        text = (folder / "docs" / record["file"]).read_text(encoding="utf-8")
        missing = [q for q in _quotes(record) if q not in text]
        assert not missing, f"{record['file']}: {missing[:3]}"
    for question in _records(folder / "questions.jsonl"):
        files = question.get("files") or [question["file"]]
        texts = " ".join((folder / "docs" / f).read_text(encoding="utf-8") for f in files)
        flat = " ".join(texts.split())
        assert any(" ".join(s.split()) in flat for s in question["answer_snippets"]), question["id"]


@pytest.mark.parametrize("name", sorted(MIN_MICRO_F1))
def test_blind_micro_f1_does_not_regress(name: str) -> None:
    folder = EVAL_DIR / "blind" / name
    result = evaluate_extraction(folder / "docs", folder / "gold.jsonl")
    assert result["micro"]["f1"] >= MIN_MICRO_F1[name]
