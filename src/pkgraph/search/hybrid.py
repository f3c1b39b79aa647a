"""Fusion of lexical and dense scores into one ranking.

Measured on the German sample questions (docs/SEARCH.md), a convex combination of min-max
normalised scores beat reciprocal rank fusion: RRF throws away how far ahead a clear BM25 winner
is, and on short German questions BM25 is usually right when it is confident. Both score lists
must cover the same candidates (the union of each retriever's top hits, every candidate scored
by both), so that normalisation compares like with like.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pkgraph.search.ranking import Ranked, top_k

#: Weight of the lexical score; the dense score gets the rest.
LEXICAL_WEIGHT = 0.6


def _min_max(scores: np.ndarray) -> np.ndarray:
    low, high = float(scores.min()), float(scores.max())
    if high - low <= 1e-9:
        return np.zeros_like(scores)
    return (scores - low) / (high - low)


def fuse_scores(
    candidates: Sequence[str],
    lexical: np.ndarray,
    dense: np.ndarray,
    k: int,
    lexical_weight: float = LEXICAL_WEIGHT,
) -> Ranked:
    """The ``k`` best candidates by ``w * minmax(lexical) + (1 - w) * minmax(dense)``."""
    if not candidates:
        return []
    fused = lexical_weight * _min_max(lexical) + (1.0 - lexical_weight) * _min_max(dense)
    return top_k(candidates, fused.astype(np.float32), k)
