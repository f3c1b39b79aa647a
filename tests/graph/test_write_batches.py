"""``GraphStore.write_documents``, the batched path of ``pkgraph ingest``: a batch stores what
the same documents written one by one store, new documents go in one insert with one read of
the descriptions, and the first description of an entity wins as it does one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from pkgraph.graph.store import GraphStore
from pkgraph.records import Document, Extraction
from pkgraph.settings import Settings
from tests.graph.conftest import COUNCIL, renamed_body

Pair = tuple[Document, Extraction]


def stored(settings: Settings) -> set[str]:
    with GraphStore.open(settings, read_only=True) as store:
        return {str(quad) for quad in store.quads()}


def one_by_one(settings: Settings, before: list[Pair], pairs: list[Pair]) -> set[str]:
    with GraphStore.open(settings) as store:
        store.ensure_reference_data()
        store.write_documents(before)
        for document, extraction in pairs:
            store.replace_document(document, extraction)
    return stored(settings)


def batched(settings: Settings, before: list[Pair], pairs: list[Pair]) -> set[str]:
    with GraphStore.open(settings) as store:
        store.ensure_reference_data()
        store.write_documents(before)
        store.write_documents(pairs)
    return stored(settings)


def settings_in(folder: Path) -> Settings:
    return Settings.from_env(data_dir=folder)


def test_new_documents_in_one_batch_equal_one_by_one(
    tmp_path: Path,
    document_003: Document,
    extraction_003_naming_the_council: Extraction,
    document_004: Document,
    extraction_004: Extraction,
) -> None:
    # 003 names 004's council too, under another label: the first document's label wins
    pairs = [(document_003, extraction_003_naming_the_council), (document_004, extraction_004)]
    expected = one_by_one(settings_in(tmp_path / "one"), [], pairs)
    assert batched(settings_in(tmp_path / "batch"), [], pairs) == expected
    labels = [q for q in expected if f"{COUNCIL}> <" in q and "prefLabel" in q]
    assert len(labels) == 1 and '"Rat"' in labels[0]


@pytest.mark.parametrize("replaced_first", [True, False])
def test_a_batch_mixing_new_and_replaced_documents_equals_one_by_one(
    tmp_path: Path,
    replaced_first: bool,
    document_003: Document,
    extraction_003: Extraction,
    document_004: Document,
    extraction_004: Extraction,
) -> None:
    before = [(document_004, extraction_004)]
    renamed = (document_004, renamed_body(extraction_004, COUNCIL, "Stadtrat"))
    new = (document_003, extraction_003)
    pairs = [renamed, new] if replaced_first else [new, renamed]
    expected = one_by_one(settings_in(tmp_path / "one"), before, pairs)
    assert batched(settings_in(tmp_path / "batch"), before, pairs) == expected
    assert any('"Stadtrat"' in quad for quad in expected)
    assert not any('"Rat der Stadt Bergkamen"' in quad for quad in expected)


def test_new_documents_are_one_insert_after_one_read(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    document_003: Document,
    extraction_003: Extraction,
    document_004: Document,
    extraction_004: Extraction,
) -> None:
    calls: list[str] = []
    with GraphStore.open(settings_in(tmp_path)) as store:
        store.ensure_reference_data()
        insert, select = store.insert, store.select
        monkeypatch.setattr(store, "insert", lambda quads: calls.append("insert") or insert(quads))
        monkeypatch.setattr(
            store, "select", lambda sparql: calls.append("select") or select(sparql)
        )
        store.write_documents([(document_003, extraction_003), (document_004, extraction_004)])
    assert calls == ["select", "insert"]
