"""Comparing rankings across threads: the same passages in the same order, and scores equal up
to float noise (a query embedded on another thread may differ in the last bits)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

Ranking = Sequence[tuple[str, float]]


def same_rankings(found: Sequence[Ranking], expected: Sequence[Ranking]) -> bool:
    """Whether every ranking lists the same passages in order with scores within 1e-5."""
    ids = [[pid for pid, _ in ranking] for ranking in found]
    if ids != [[pid for pid, _ in ranking] for ranking in expected]:
        return False
    scores = [score for ranking in found for _, score in ranking]
    wanted = [score for ranking in expected for _, score in ranking]
    return scores == pytest.approx(wanted, abs=1e-5)
