"""Fusion of the retrieval channels (lexical words, grams, documents; dense) into one ranking.

A weighted sum of min-max normalised scores over the candidates: reciprocal rank fusion throws
away how far ahead a clear winner is, and on short German questions BM25 is usually right when
it is confident (measured, docs/SEARCH.md: RRF MRR@10 0.67 vs 0.83 for min-max among
distractors). Every candidate must be scored by every channel, so that normalisation compares
like with like.

Weights chosen on two question sets among real distractors (docs/SEARCH.md): the dev tune
questions (474 passages) and the seed questions (seeds + distractors), for the best mean MRR@10.
Grams help on both; the dense and the documents channel help at a small weight and hurt at a
larger one on the seed set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from pkgraph.search.ranking import Ranked, top_k

#: Weight of each channel's normalised score; only the ratios matter.
#: ``entities`` (pkgraph.search.entities) is fused only for a query naming a program or
#: municipality; among distractors any weight from 0.3 to 1.5 gave the same rankings.
#: ``places`` only for a question asking for a list of places ("Welche Kommunen ..."): 0.4
#: and 0.6 gave the same gains (docs/SEARCH.md), 0.5 between them.
CHANNEL_WEIGHTS: dict[str, float] = {
    "words": 0.6,
    "grams": 0.4,
    "documents": 0.2,
    "dense": 0.2,
    "entities": 0.4,
    "places": 0.5,
}


def _min_max(scores: np.ndarray) -> np.ndarray:
    low, high = float(scores.min()), float(scores.max())
    if high - low <= 1e-9:
        return np.zeros_like(scores)
    return (scores - low) / (high - low)


def fuse_channels(
    candidates: Sequence[str],
    channels: Mapping[str, np.ndarray],
    k: int,
    weights: Mapping[str, float] = CHANNEL_WEIGHTS,
) -> Ranked:
    """The ``k`` best candidates by the weighted sum of min-max normalised channel scores.

    ``channels`` maps a channel name to the candidates' scores in that channel (aligned with
    ``candidates``); the result's scores are divided by the weights used, so they lie in 0..1.
    """
    if not candidates:
        return []
    used = {name: weights[name] for name in channels}
    total = sum(used.values()) or 1.0
    fused = np.zeros(len(candidates), dtype=np.float64)
    for name, scores in channels.items():
        fused += used[name] * _min_max(np.asarray(scores, dtype=np.float64))
    return top_k(candidates, (fused / total).astype(np.float32), k)
