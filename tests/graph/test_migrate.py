"""``pkgraph migrate``: the embedded graph copied to a real remote store and back, resumably."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pkgraph.cli import main
from pkgraph.graph.store import GraphStore
from pkgraph.migrate import content_hash, endpoints, migrate_graph
from pkgraph.records import Document, Extraction
from pkgraph.settings import Settings


def _hashes(settings: Settings) -> dict[str, str]:
    with GraphStore.open(settings, read_only=True) as store:
        return {g.value: content_hash(store.quads(g)) for g in store.named_graphs()}


def test_every_graph_is_copied_once_and_a_changed_one_again(
    store_003_004: Settings,
    remote_settings: Settings,
    document_004: Document,
    extraction_004: Extraction,
) -> None:
    settings = replace(remote_settings, data_dir=store_003_004.data_dir)
    source, target = endpoints(settings, remote_settings.graph_url, "", back=False)
    first = migrate_graph(source, target)
    assert len(first.copied) == 5 and not first.skipped  # 2 documents, entities, 2 references
    assert _hashes(remote_settings) == _hashes(store_003_004)

    again = migrate_graph(source, target)
    assert not again.copied and len(again.skipped) == 5

    with GraphStore.open(store_003_004) as embedded:
        embedded.replace_document(document_004, replace(extraction_004, events=()))
    resumed = migrate_graph(source, target)
    assert resumed.copied == [f"{settings.base_iri}graph/document/{document_004.doc_id}"]
    assert _hashes(remote_settings) == _hashes(store_003_004)


def test_the_command_copies_to_the_url_given_and_back(
    store_004: Settings, oxigraph_settings: Settings, tmp_path: Path
) -> None:
    url = oxigraph_settings.graph_url
    assert main(["migrate", "--graph", url, "--from-data-dir", str(store_004.data_dir)]) == 0
    assert _hashes(oxigraph_settings) == _hashes(store_004)
    fresh = tmp_path / "back"
    assert main(["migrate", "--graph", url, "--back", "--from-data-dir", str(fresh)]) == 0
    assert _hashes(replace(store_004, data_dir=fresh)) == _hashes(store_004)
