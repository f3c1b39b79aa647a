"""Regression guard on the real development set (eval/dev): 36 public documents of the genre.

The rules were tuned on this set, so its figures are not a generalisation measure (see
docs/EXTRACTION.md for the held-apart half's first run); the guard keeps a later change from
losing what the set shows, type by type, and keeps the precision of the facts where a wrong
value is worse than a missing one.
"""

from __future__ import annotations

from typing import Any

import pytest

from pkgraph.evaluation.extraction import evaluate_extraction
from tests.conftest import EVAL_DIR

DEV = EVAL_DIR / "dev"
#: Figures measured at the end of the real-document pass (docs/EXTRACTION.md) minus a margin.
MIN_MICRO_F1 = 0.925 - 0.03
MIN_F1 = {"participations": 0.90, "decisions": 0.90, "funding": 0.80, "events": 0.75}
MIN_PRECISION = {"funding": 0.90, "decisions": 0.90}


@pytest.fixture(scope="module")
def dev_result() -> dict[str, Any]:
    return evaluate_extraction(DEV / "docs", DEV / "gold.jsonl")


def test_dev_micro_f1_does_not_regress(dev_result: dict[str, Any]) -> None:
    assert dev_result["micro"]["f1"] >= MIN_MICRO_F1


@pytest.mark.parametrize("item_type", sorted(MIN_F1))
def test_dev_f1_per_type(dev_result: dict[str, Any], item_type: str) -> None:
    assert dev_result["per_type"][item_type]["f1"] >= MIN_F1[item_type]


@pytest.mark.parametrize("item_type", sorted(MIN_PRECISION))
def test_dev_precision_of_money_and_decisions(dev_result: dict[str, Any], item_type: str) -> None:
    assert dev_result["per_type"][item_type]["precision"] >= MIN_PRECISION[item_type]
