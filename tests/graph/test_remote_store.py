"""The remote store against real servers: dataset semantics equal to the embedded store's,
result types, clear errors and retries when the store is unreachable, and a write that fails
leaving nothing recorded."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, QueryBoolean, QuerySolutions, QueryTriples

from pkgraph.errors import PkgraphError, QueryError
from pkgraph.graph.remote_store import BULK_CHUNK, union_params
from pkgraph.graph.store import GraphStore
from pkgraph.ingest import read_document
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.pipeline import ingest_raw
from pkgraph.records import Document, Extraction
from pkgraph.settings import Settings
from tests.graph.servers import free_port, run_oxigraph

from .conftest import SAMPLE_004, load_store

DOCUMENTS = "SELECT ?d WHERE { ?d a pk:Document }"


@pytest.fixture()
def two_documents(
    any_backend: Settings,
    document_003: Document,
    extraction_003: Extraction,
    document_004: Document,
    extraction_004: Extraction,
) -> Settings:
    return load_store(any_backend, (document_003, extraction_003), (document_004, extraction_004))


def test_the_dataset_is_what_the_query_names(
    two_documents: Settings, document_004: Document
) -> None:
    """Union by default; FROM alone; FROM NAMED alone leaves the default graph empty."""
    with GraphStore.open(two_documents, read_only=True) as store:
        graph = store.iris.document_graph(document_004.doc_id).value
        assert len(store.select(DOCUMENTS)) == 2
        assert len(store.select(f"SELECT ?d FROM <{graph}> WHERE {{ ?d a pk:Document }}")) == 1
        named = f"SELECT ?d ?g FROM NAMED <{graph}> WHERE {{ GRAPH ?g {{ ?d a pk:Document }} }}"
        assert [row["g"] for row in store.select(named)] == [graph]
        nothing = f"SELECT ?d FROM NAMED <{graph}> WHERE {{ ?d a pk:Document }}"
        assert store.select(nothing) == []


def test_results_are_pyoxigraph_results(two_documents: Settings) -> None:
    with GraphStore.open(two_documents, read_only=True) as store:
        assert isinstance(store.query(DOCUMENTS), QuerySolutions)
        yes = store.query("ASK { ?d a pk:Document }")
        no = store.query("ASK { ?d a pk:NoSuchClass }")
        assert isinstance(yes, QueryBoolean) and bool(yes)
        assert isinstance(no, QueryBoolean) and not bool(no)
        built = store.query("CONSTRUCT { ?d a pk:Paper } WHERE { ?d a pk:Document }")
        assert isinstance(built, QueryTriples)
        assert len(list(built)) == 2


def test_a_bad_query_is_a_query_error(remote_settings: Settings) -> None:
    with GraphStore.open(remote_settings, read_only=True) as store, pytest.raises(QueryError):
        store.select("SELECT ?x WHERE { ?x a }")


def test_read_only_refuses_writes(remote_settings: Settings, document_004: Document) -> None:
    with GraphStore.open(remote_settings, read_only=True) as store:
        with pytest.raises(PkgraphError, match="read-only"):
            store.remove_document(document_004.doc_id)
        with pytest.raises(PkgraphError, match="read-only"):
            store.update("CLEAR ALL")


def test_an_unreachable_store_is_named_after_bounded_retries(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    settings = Settings.from_env(
        data_dir=tmp_path, graph_url=url, graph_retries=2, graph_backoff_s=0.05
    )
    started = time.monotonic()
    with pytest.raises(PkgraphError, match=r"127\.0\.0\.1.*3 attempts"):
        GraphStore.open(settings)
    assert time.monotonic() - started < 5


def test_a_wrong_union_setting_is_refused() -> None:
    assert union_params("native") == []
    assert union_params("urn:x-arq:UnionGraph") == [("default-graph-uri", "urn:x-arq:UnionGraph")]
    with pytest.raises(PkgraphError, match="graph_union_default"):
        union_params("always")


def test_a_store_gone_before_the_write_leaves_the_document_unrecorded(tmp_path: Path) -> None:
    """The document store records a document only after the graph write succeeded."""
    servers = run_oxigraph(tmp_path)
    server = next(servers)
    settings = server.settings(tmp_path / "data", graph_retries=1, graph_backoff_s=0.01)
    raw = read_document(SAMPLE_004, settings)
    with DocumentStore.open(settings.documents_db) as docs, GraphStore.open(settings) as graph:
        servers.close()  # the server stops while the store is open
        with pytest.raises(PkgraphError, match="cannot be reached"):
            ingest_raw(raw, settings, docs, graph, None)
        assert docs.stored_state(raw.source) is None


def test_a_wrong_auth_setting_is_refused(tmp_path: Path) -> None:
    settings = Settings.from_env(
        data_dir=tmp_path, graph_url="http://127.0.0.1:9", graph_auth="kerberos"
    )
    with pytest.raises(PkgraphError, match="graph_auth"):
        GraphStore.open(settings)


def test_an_ingest_run_whose_store_goes_away_keeps_what_it_finished(tmp_path: Path) -> None:
    """The files done before the store stopped are stored and indexed; the run stops."""
    from pkgraph.pipeline import ingest_paths
    from pkgraph.search.index import SearchIndex

    servers = run_oxigraph(tmp_path)
    settings = next(servers).settings(tmp_path / "data", graph_retries=1, graph_backoff_s=0.01)

    def stop_after_the_first(message: str) -> None:
        if message.startswith("[1/"):
            servers.close()

    report = ingest_paths([SAMPLE_004.parent], settings, progress=stop_after_the_first)
    assert len(report.added) == 1
    ((_path, reason),) = report.failed
    assert "cannot be reached" in reason
    with DocumentStore.open(settings.documents_db) as docs:
        (doc_id,) = [docs.resolve(source) for source in report.added]
        assert docs.stats()["documents"] == 1
    with SearchIndex.open(settings) as index:
        assert doc_id is not None and index.passage_ids(doc_id)
        assert len({pid.split("/")[0] for pid in index.passage_ids()}) == 1


def test_bulk_load_adds_quads_in_their_graphs(remote_settings: Settings) -> None:
    base = remote_settings.base_iri
    graphs = [NamedNode(f"{base}graph/bulk/{n}") for n in range(2)]
    quads = [
        Quad(NamedNode(f"{base}id/x/{i}"), NamedNode(f"{base}p"), Literal(str(i)), graphs[i % 2])
        for i in range(BULK_CHUNK + 500)  # more than one request
    ]
    with GraphStore.open(remote_settings) as store:
        store.bulk_load(quads)
        assert sorted(g.value for g in store.named_graphs()) == [g.value for g in graphs]
        assert store.count_triples() == len(quads)
        assert set(store.quads(graphs[1])) == {q for q in quads if q.graph_name == graphs[1]}
