from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from pkgraph.errors import QueryError
from pkgraph.graph.export import FORMATS, export_dataset
from pkgraph.graph.store import GraphStore
from pkgraph.records import Document, Extraction
from pkgraph.settings import Settings

from .conftest import load_store

RDFLIB_FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}


@pytest.fixture()
def fresh_settings(any_backend: Settings) -> Settings:
    """Every test here runs on each backend: the embedded store and the remote servers."""
    return any_backend


@pytest.fixture()
def two_documents(
    fresh_settings: Settings,
    document_003: Document,
    extraction_003: Extraction,
    document_004: Document,
    extraction_004: Extraction,
) -> Settings:
    return load_store(
        fresh_settings, (document_003, extraction_003), (document_004, extraction_004)
    )


def parse_back(path: Path, format: str) -> tuple[int, int]:
    """(triples or quads read, named graphs read) from an exported file."""
    if format == "ttl":
        return len(Graph().parse(path, format="turtle")), 0
    dataset = Dataset()
    dataset.parse(path, format=RDFLIB_FORMATS[format])
    named = [g for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier]
    return sum(len(g) for g in named), len(named)


def store_figures(settings: Settings, doc_id: str | None) -> tuple[int, int, int]:
    """(quads, distinct triples, graphs) of the store or of one document's graph."""
    with GraphStore.open(settings, read_only=True) as store:
        graph = None if doc_id is None else store.iris.document_graph(doc_id)
        quads = list(store.quads(graph))
    return len(quads), len({q.triple for q in quads}), len({q.graph_name for q in quads})


@pytest.mark.parametrize("format", sorted(FORMATS))
def test_whole_dataset_round_trips(two_documents: Settings, tmp_path: Path, format: str) -> None:
    output = tmp_path / "out" / f"dataset.{format}"
    export_dataset(two_documents, format, output)
    quads, triples, graphs = store_figures(two_documents, None)
    assert graphs == 5  # two documents, entities, gazetteer, programs
    read, named = parse_back(output, format)
    if format == "ttl":
        assert read == triples
    else:
        assert (read, named) == (quads, graphs)


@pytest.mark.parametrize("format", sorted(FORMATS))
def test_one_document_round_trips(
    two_documents: Settings, document_004: Document, tmp_path: Path, format: str
) -> None:
    output = tmp_path / f"doc.{format}"
    export_dataset(two_documents, format, output, document=document_004.source)
    quads, triples, _graphs = store_figures(two_documents, document_004.doc_id)
    read, named = parse_back(output, format)
    assert read == (triples if format == "ttl" else quads)
    assert named == (0 if format == "ttl" else 1)


def test_export_to_stdout_by_doc_id(
    two_documents: Settings, document_003: Document, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    export_dataset(two_documents, "nq", None, document=document_003.doc_id)
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert len(lines) == store_figures(two_documents, document_003.doc_id)[0]
    assert all(document_003.doc_id in line.rsplit(" ", 2)[-2] for line in lines)


def test_bad_parameters_are_named(two_documents: Settings) -> None:
    with pytest.raises(QueryError) as error:
        export_dataset(two_documents, "xml", None)
    assert error.value.parameter == "format"
    with pytest.raises(QueryError) as error:
        export_dataset(two_documents, "ttl", None, document="/no/such/file.txt")
    assert error.value.parameter == "document"


def test_export_of_one_document_named_by_its_path(
    sample_build: Settings, sample_corpus: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """Documents are named by their path inside the ingested folder; any path to the file
    (here the absolute one) finds it."""
    path = (sample_corpus / "004_0bcc7c8f61a2b24f.txt").resolve()
    export_dataset(sample_build, "nq", None, document=str(path))
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert lines
    assert not any(str(sample_corpus.resolve()) in line for line in lines)  # no local path
