"""The stores agree after every kind of damage a crash can leave, once checked and repaired."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from pkgraph.consistency import check_stores, repair_stores
from pkgraph.graph.store import GraphStore
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.pipeline import ingest_paths
from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings


@pytest.fixture()
def built(sample_build: Settings, tmp_path: Path) -> Settings:
    """A private copy of the sample build, free to damage."""
    data = tmp_path / "data"
    shutil.copytree(sample_build.data_dir, data)
    return Settings.from_env(data_dir=data)


def _open(settings: Settings) -> tuple[DocumentStore, GraphStore, SearchIndex]:
    return (
        DocumentStore.open(settings.documents_db),
        GraphStore.open(settings),
        SearchIndex.open(settings),
    )


def test_a_fresh_build_is_consistent(built: Settings) -> None:
    docs, graph, index = _open(built)
    with docs, graph, index:
        report = check_stores(docs, graph, index)
    assert report.ok and report.documents == 5, report.lines()


def test_every_disagreement_is_found_and_repaired(built: Settings) -> None:
    docs, graph, index = _open(built)
    with docs, graph, index:
        ids = graph.document_ids()
        graph.remove_document(ids[0])  # a kill after the document store, before the graph
        index.remove_document(ids[1])  # ... or before the passages
        index.commit()
        gone = docs.get(ids[2])
        assert gone is not None
        docs.remove(ids[2])  # a removal killed after the document store
        report = check_stores(docs, graph, index)
        assert (report.without_graph, report.without_passages) == ((ids[0],), (ids[1],))
        assert (report.orphan_graphs, report.orphan_passages) == ((ids[2],), (ids[2],))
        assert not report.ok and "NOT consistent" in report.lines()[-1]
        assert repair_stores(docs, graph, index, report) == 4
        after = check_stores(docs, graph, index)
        assert after.ok, after.lines()
        assert sorted(graph.document_ids()) == sorted(set(ids) - {ids[2]})
        assert index.passage_ids(ids[1]) and not index.passage_ids(ids[2])


def test_lost_and_orphaned_descriptions_are_found_and_repaired(built: Settings) -> None:
    docs, graph, index = _open(built)
    with docs, graph, index:
        entities = graph.iris.entities_graph.value
        (named,) = graph.select(
            f"SELECT ?e ?g WHERE {{ GRAPH <{entities}> {{ ?e a pk:Body }} "
            "GRAPH ?g { ?m pk:mentionOf ?e } } ORDER BY ?e ?g LIMIT 1"
        )
        graph.update(f"DELETE WHERE {{ GRAPH <{entities}> {{ <{named['e']}> ?p ?o }} }}")
        stray = f"{built.base_iri}id/body/named-by-nothing"
        graph.update(
            f'INSERT DATA {{ GRAPH <{entities}> {{ <{stray}> a pk:Body ; skos:prefLabel "x" }} }}'
        )
        report = check_stores(docs, graph, index)
        doc_id = graph.iris.doc_id_of_graph(NamedNode(str(named["g"])))
        assert doc_id in report.undescribed
        assert report.orphan_descriptions == (stray,)
        assert not report.ok
        repair_stores(docs, graph, index, report)
        after = check_stores(docs, graph, index)
        assert after.ok, after.lines()
        assert graph.select(f"SELECT ?l WHERE {{ <{named['e']}> skos:prefLabel ?l }}")


def test_the_next_ingest_repairs_and_no_index_is_caught_up(
    sample_corpus: Path, fresh_settings: Settings
) -> None:
    quiet = {"progress": lambda _m: None}
    assert ingest_paths([sample_corpus], fresh_settings, with_index=False, **quiet).ok
    report = ingest_paths([sample_corpus], fresh_settings, **quiet)
    assert report.ok and report.repaired == 5 and len(report.unchanged) == 5
    docs, graph, index = _open(fresh_settings)
    with docs, graph, index:
        assert check_stores(docs, graph, index).ok
        assert {pid.rpartition("/")[0] for pid in index.passage_ids()} == set(graph.document_ids())
