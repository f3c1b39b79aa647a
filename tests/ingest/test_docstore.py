from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pkgraph.ingest import build_document, read_document
from pkgraph.ingest.docstore import DocumentStore, decode_offsets, encode_offsets
from pkgraph.records import Document
from pkgraph.settings import Settings
from tests.ingest.helpers import CLEAN_SAMPLES, OCR_SAMPLE


@pytest.fixture(scope="module")
def sample_documents(sample_corpus: Path) -> list[Document]:
    settings = Settings()
    return [
        build_document(read_document(sample_corpus / name, settings), settings)
        for name in sorted([*CLEAN_SAMPLES, OCR_SAMPLE])
    ]


def test_saved_documents_come_back_equal(tmp_path: Path, sample_documents: list[Document]) -> None:
    path = tmp_path / "docs.sqlite"
    with DocumentStore.open(path) as store:
        for document in sample_documents:
            store.save(document)
    with DocumentStore.open(path) as store:  # persisted, not cached
        for document in sample_documents:
            assert store.get(document.doc_id) == document
            assert store.stored_state(document.source) == (document.content_hash, "")
        assert [d.doc_id for d in store.documents()] == [
            d.doc_id for d in sorted(sample_documents, key=lambda d: d.source)
        ]
        assert store.get("0" * 16) is None
        assert store.stored_state("/nowhere.txt") is None


def test_save_replaces_the_old_version_only(
    tmp_path: Path, sample_documents: list[Document]
) -> None:
    first, second = sample_documents[:2]
    with DocumentStore.open(tmp_path / "docs.sqlite") as store:
        store.save(first)
        store.save(second)
        shorter = replace(first, content_hash="changed", passages=first.passages[:1])
        store.save(shorter)
        assert store.get(first.doc_id) == shorter
        assert store.get(second.doc_id) == second
        assert store.stats()["passages"] == 1 + len(second.passages)
        assert store.passages([f"{first.doc_id}/1"]) == []


def test_remove_and_resolve(
    tmp_path: Path, sample_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    document = sample_documents[0]
    with DocumentStore.open(tmp_path / "docs.sqlite") as store:
        store.save(document)
        assert store.resolve(document.doc_id) == document.doc_id
        assert store.resolve(document.source) == document.doc_id
        monkeypatch.chdir(Path(document.source).parent)
        assert store.resolve(Path(document.source).name) == document.doc_id
        assert store.resolve("unknown") is None
        assert store.remove(document.doc_id)
        assert not store.remove(document.doc_id)
        assert store.get(document.doc_id) is None
        assert store.stats()["passages"] == 0


def test_passages_by_id_in_the_order_asked(
    tmp_path: Path, sample_documents: list[Document]
) -> None:
    a, b = sample_documents[:2]
    with DocumentStore.open(tmp_path / "docs.sqlite") as store:
        store.save(a)
        store.save(b)
        asked = [b.passages[1].passage_id, "bad", a.passages[0].passage_id, "x/notanumber"]
        assert store.passages(asked) == [b.passages[1], a.passages[0]]


def test_stats_per_format(tmp_path: Path, sample_documents: list[Document]) -> None:
    with DocumentStore.open(tmp_path / "docs.sqlite") as store:
        assert store.stats() == {"documents": 0, "passages": 0, "characters": 0, "per_format": {}}
        for document in sample_documents:
            store.save(document)
        stats = store.stats()
    passages = sum(len(d.passages) for d in sample_documents)
    characters = sum(len(d.original_text) for d in sample_documents)
    assert stats == {
        "documents": 5,
        "passages": passages,
        "characters": characters,
        "per_format": {"txt": {"documents": 5, "passages": passages, "characters": characters}},
    }


def test_offsets_encode_as_runs(sample_documents: list[Document]) -> None:
    for document in sample_documents:
        offsets = document.repaired.offsets
        blob = encode_offsets(offsets)
        assert decode_offsets(blob, len(offsets)) == offsets
        assert len(blob) < 8 * len(offsets)
