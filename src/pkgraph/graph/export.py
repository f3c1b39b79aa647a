"""Export the stored graph: the whole dataset or one document's graph, as ttl|trig|nq|jsonld.

Turtle has no named graphs, so it gets the union of the selected graphs (each triple once);
TriG, N-Quads and JSON-LD keep every triple in its named graph.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Triple

from pkgraph.errors import QueryError
from pkgraph.graph.store import GraphStore
from pkgraph.graph.terms import serialize_bytes
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.ingest.identity import doc_id_for, source_of
from pkgraph.settings import Settings

FORMATS: dict[str, RdfFormat] = {
    "ttl": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "nq": RdfFormat.N_QUADS,
    "jsonld": RdfFormat.JSON_LD,
}


def union_triples(quads: Iterable[Quad]) -> list[Triple]:
    """The triples of ``quads`` with graph names dropped, each once, in first-seen order."""
    return list(dict.fromkeys(quad.triple for quad in quads))


def resolve_document(store: GraphStore, document: str) -> str:
    """The doc id of ``document``, given as a doc id or as its source (path or URL)."""
    known = set(store.document_ids())
    for doc_id in (document, doc_id_for(source_of(document))):
        if doc_id in known:
            return doc_id
    raise QueryError("document", f"{document!r} is neither a stored doc id nor a stored source")


def serialize_dataset(store: GraphStore, format: str, document: str | None = None) -> bytes:
    """The dataset (or one document's graph) serialized in ``format``."""
    rdf_format = FORMATS.get(format)
    if rdf_format is None:
        raise QueryError("format", f"{format!r} is not one of {', '.join(FORMATS)}")
    graph = None
    if document is not None:
        graph = store.iris.document_graph(resolve_document(store, document))
    quads = store.quads(graph)
    if not rdf_format.supports_datasets:
        return serialize_bytes(union_triples(quads), rdf_format, prefixes=True)
    return serialize_bytes(quads, rdf_format, prefixes=True)


def export_dataset(
    settings: Settings, format: str, output: Path | None = None, document: str | None = None
) -> None:
    """Write the export to ``output`` (created with its folder), or to stdout when None;
    ``document``: a doc id, a stored source, or a path to the file."""
    if document is not None and settings.documents_db.exists():
        with DocumentStore.open(settings.documents_db) as docs:
            document = docs.resolve(document) or document
    with GraphStore.open(settings, read_only=True) as store:
        data = serialize_dataset(store, format, document)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
