from __future__ import annotations

import numpy as np

from pkgraph.search.hybrid import CHANNEL_WEIGHTS, fuse_channels


def test_fusion_weighs_normalised_scores() -> None:
    candidates = ["a", "b", "c"]
    channels = {"words": np.asarray([10.0, 0.0, 5.0]), "dense": np.asarray([0.1, 0.9, 0.5])}
    lexical_only = {"words": 1.0, "dense": 0.0}
    ranked = fuse_channels(candidates, channels, 3, weights=lexical_only)
    assert [pid for pid, _ in ranked] == ["a", "c", "b"]
    assert fuse_channels(candidates, channels, 1, weights={"words": 0.0, "dense": 1.0})[0][0] == "b"
    balanced = dict(fuse_channels(candidates, channels, 3, weights={"words": 0.5, "dense": 0.5}))
    assert balanced["c"] == max(balanced.values())  # good in both beats best in one
    assert all(0.0 <= s <= 1.0 for s in balanced.values())


def test_every_channel_has_a_weight_and_only_given_channels_count() -> None:
    assert set(CHANNEL_WEIGHTS) == {"words", "grams", "documents", "dense", "entities", "places"}
    candidates = ["a", "b"]
    ranked = fuse_channels(candidates, {"documents": np.asarray([0.0, 3.0])}, 2)
    assert ranked == [("b", 1.0), ("a", 0.0)]


def test_fusion_of_nothing_or_equal_scores() -> None:
    assert fuse_channels([], {"words": np.zeros(0)}, 5) == []
    ranked = fuse_channels(["x", "y"], {"words": np.zeros(2), "dense": np.asarray([0.2, 0.4])}, 5)
    assert [pid for pid, _ in ranked] == ["y", "x"]
