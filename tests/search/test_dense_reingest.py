"""A re-ingested document with changed text gets new vectors, also when the dense index was
not loaded while it was replaced (the passage ids stay the same)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pkgraph.records import Document
from pkgraph.settings import Settings
from tests.search.test_lexical_persistence import HashEmbedder, build_and_save, opened, reworded


def test_changed_text_is_embedded_again_after_a_reopen(
    sample_documents: list[Document], tmp_path: Path
) -> None:
    settings = Settings.from_env(data_dir=tmp_path / "index")
    build_and_save(settings, sample_documents)
    changed = reworded(sample_documents[0])
    with opened(settings) as index:  # the dense index is not loaded here
        index.replace_document(changed)
        index.save()
    passage = changed.passages[0]
    with opened(settings) as index:
        stored = index.texts([passage.passage_id])[passage.passage_id]
        expected = HashEmbedder().embed_passages([stored])[0]
        cosine = index.backend.dense.similarities(expected, [passage.passage_id])[0]
    assert np.isclose(cosine, 1.0)
