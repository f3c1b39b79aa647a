"""Ranked result lists shared by the lexical, dense and hybrid retrievers."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: (passage id, score), best first.
Ranked = list[tuple[str, float]]


def top_k(ids: Sequence[str], scores: np.ndarray, k: int, *, floor: float | None = None) -> Ranked:
    """The ``k`` highest-scoring ids, best first; ids scoring ``<= floor`` are left out."""
    if k <= 0 or len(scores) == 0:
        return []
    count = min(k, len(scores))
    best = np.argpartition(-scores, count - 1)[:count]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [(ids[i], float(scores[i])) for i in best if floor is None or scores[i] > floor]
