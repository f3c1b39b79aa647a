"""Regression guard for the held-out set (eval/heldout): invented documents annotated before the
extractor ran on them, so their score says how extraction generalises beyond the samples."""

from __future__ import annotations

from pkgraph.evaluation.extraction import evaluate_extraction
from tests.conftest import EVAL_DIR

HELDOUT = EVAL_DIR / "heldout"
#: Micro F1 measured after the held-out fixes (docs/EXTRACTION.md) minus a 0.05 margin.
MIN_MICRO_F1 = 0.944 - 0.05


def test_heldout_extraction_micro_f1_does_not_regress() -> None:
    result = evaluate_extraction(HELDOUT / "docs", HELDOUT / "gold.jsonl")
    assert result["micro"]["f1"] >= MIN_MICRO_F1
