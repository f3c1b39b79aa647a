from __future__ import annotations

import numpy as np

from pkgraph.search.hybrid import fuse_scores


def test_fusion_weighs_normalised_scores() -> None:
    candidates = ["a", "b", "c"]
    lexical = np.asarray([10.0, 0.0, 5.0])
    dense = np.asarray([0.1, 0.9, 0.5])
    assert [pid for pid, _ in fuse_scores(candidates, lexical, dense, 3, lexical_weight=1.0)] == [
        "a",
        "c",
        "b",
    ]
    assert fuse_scores(candidates, lexical, dense, 1, lexical_weight=0.0)[0][0] == "b"
    balanced = dict(fuse_scores(candidates, lexical, dense, 3, lexical_weight=0.5))
    assert balanced["c"] == max(balanced.values())  # good in both beats best in one
    assert all(0.0 <= s <= 1.0 for s in balanced.values())


def test_fusion_of_nothing_or_equal_scores() -> None:
    assert fuse_scores([], np.zeros(0), np.zeros(0), 5) == []
    ranked = fuse_scores(["x", "y"], np.zeros(2), np.asarray([0.2, 0.4]), 5)
    assert [pid for pid, _ in ranked] == ["y", "x"]
