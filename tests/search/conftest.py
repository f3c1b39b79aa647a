"""Search fixtures: the configured embedding model (loaded once) and the sample documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from pkgraph.records import Document
from pkgraph.search.embed import Embedder, load_embedder
from pkgraph.settings import Settings


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The default embedding model, loaded offline once per test session."""
    return load_embedder(Settings().embedding_model)


@pytest.fixture(scope="session")
def sample_documents(sample_corpus: Path) -> list[Document]:
    """The sample corpus through the real ingest stages (read, repair, segment)."""
    from pkgraph.ingest import build_document, read_document

    settings = Settings()
    return [
        build_document(read_document(path, settings), settings)
        for path in sorted(sample_corpus.glob("*.txt"))
    ]
