"""Do the stores agree? Documents, named graphs, entity descriptions, passages, vectors, BM25.

The document store is the record of what was ingested: a document counts as stored only
once its graph and its passages were written (pkgraph.pipeline writes it last). A process
killed between stores leaves a difference that this module finds and repairs from the
document store alone: a missing or outdated graph or passage set is rebuilt from the stored
document, a graph or passage set of no stored document is dropped. Vectors and BM25 channels
are derived from the passage rows and are reconciled with them whenever the index is opened;
the check reports how far the saved ones lag behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pkgraph.extract import extract_document
from pkgraph.graph.descriptions import (
    drop_descriptions,
    orphan_descriptions,
    undescribed_documents,
)
from pkgraph.graph.store import GraphStore
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.search.index import SearchIndex

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ConsistencyReport:
    documents: int
    passages: int
    #: stored documents without their named graph
    without_graph: tuple[str, ...] = ()
    #: stored documents whose passages are missing from the index or in another version
    without_passages: tuple[str, ...] = ()
    #: named graphs / indexed passages of documents that are not stored
    orphan_graphs: tuple[str, ...] = ()
    orphan_passages: tuple[str, ...] = ()
    #: stored documents naming an entity nothing describes / descriptions nothing refers to
    undescribed: tuple[str, ...] = ()
    orphan_descriptions: tuple[str, ...] = ()
    #: indexed passages without a saved vector / saved vectors of no indexed passage
    vectors_missing: int = 0
    vectors_orphaned: int = 0
    lexical_current: bool = True

    @property
    def stores_agree(self) -> bool:
        """Documents, graphs and passages agree (what a repair must restore)."""
        return not (
            self.without_graph
            or self.without_passages
            or self.orphan_graphs
            or self.orphan_passages
            or self.undescribed
            or self.orphan_descriptions
        )

    @property
    def ok(self) -> bool:
        """Everything agrees, including the saved vectors and BM25 channels."""
        saved = not (self.vectors_missing or self.vectors_orphaned) and self.lexical_current
        return self.stores_agree and saved

    def lines(self) -> list[str]:
        """The report as a user reads it."""
        out = [f"documents: {self.documents}, passages: {self.passages}"]
        for label, ids in (
            ("stored documents without a graph", self.without_graph),
            ("stored documents missing from search or outdated there", self.without_passages),
            ("graphs of documents not stored", self.orphan_graphs),
            ("passages of documents not stored", self.orphan_passages),
            ("documents naming an entity without a description", self.undescribed),
            ("descriptions of entities nothing refers to", self.orphan_descriptions),
        ):
            if ids:
                out.append(
                    f"{label}: {len(ids)} ({', '.join(ids[:5])}{' …' if len(ids) > 5 else ''})"
                )
        if self.vectors_missing or self.vectors_orphaned:
            out.append(
                f"saved vectors lag behind: {self.vectors_missing} missing, "
                f"{self.vectors_orphaned} orphaned (reconciled on the next open or repair)"
            )
        if not self.lexical_current:
            out.append("saved BM25 channels are older than the passages (rebuilt on repair)")
        out.append("consistent" if self.ok else "NOT consistent")
        return out


def _indexed_passages(index: SearchIndex) -> dict[str, dict[str, str]]:
    by_doc: dict[str, dict[str, str]] = {}
    for passage_id, text in index.texts(index.passage_ids()).items():
        by_doc.setdefault(passage_id.rpartition("/")[0], {})[passage_id] = text
    return by_doc


def _outdated(stored: dict[str, str], indexed: dict[str, str] | None) -> bool:
    """The index holds other passages than the stored document, or older texts of them (an
    indexed text is the passage's clean text, plus canonical names of what was found in it)."""
    if indexed is None or stored.keys() != indexed.keys():
        return True
    return any(not indexed[pid].startswith(text) for pid, text in stored.items())


def check_stores(
    docs: DocumentStore, graph: GraphStore, index: SearchIndex, descriptions: bool = True
) -> ConsistencyReport:
    """Compare every store with the document store (reads only). The entity descriptions
    (``descriptions``) are read in full; they are written in the same update as the graph
    naming them, so the check at the start of each ingest leaves them out."""
    stored = docs.passage_texts()
    graphs = set(graph.document_ids())
    indexed = _indexed_passages(index)
    saved = index.saved_state()
    indexed_ids = {pid for passages in indexed.values() for pid in passages}
    return ConsistencyReport(
        documents=len(stored),
        passages=len(indexed_ids),
        without_graph=tuple(sorted(stored.keys() - graphs)),
        without_passages=tuple(
            sorted(d for d, passages in stored.items() if _outdated(passages, indexed.get(d)))
        ),
        orphan_graphs=tuple(sorted(graphs - stored.keys())),
        orphan_passages=tuple(sorted(indexed.keys() - stored.keys())),
        undescribed=tuple(sorted(undescribed_documents(graph, graph.iris) & stored.keys()))
        if descriptions
        else (),
        orphan_descriptions=tuple(sorted(orphan_descriptions(graph, graph.iris)))
        if descriptions
        else (),
        vectors_missing=len(indexed_ids - saved.vector_ids),
        vectors_orphaned=len(saved.vector_ids - indexed_ids),
        lexical_current=saved.lexical_current or not indexed_ids,
    )


def repair_stores(
    docs: DocumentStore,
    graph: GraphStore,
    index: SearchIndex,
    report: ConsistencyReport,
    progress: Progress = lambda _message: None,
) -> int:
    """Restore agreement from the document store; returns the number of documents touched.

    Graph and passages of a document are rewritten from its stored version (extraction runs
    again: the stored text is the repaired one, so the facts are those of the last ingest).
    """
    for doc_id in report.orphan_graphs:
        graph.remove_document(doc_id)
    for doc_id in report.orphan_passages:
        index.remove_document(doc_id)
    if report.orphan_descriptions:
        graph.update(drop_descriptions(graph.iris, report.orphan_descriptions))
    rebuild = sorted({*report.without_graph, *report.without_passages, *report.undescribed})
    for number, doc_id in enumerate(rebuild, 1):
        document = docs.get(doc_id)
        if document is None:
            continue
        extraction = extract_document(document)
        graph.replace_document(document, extraction)
        index.replace_document(document, extraction)
        index.commit()
        progress(f"[{number}/{len(rebuild)}] {document.source}: rebuilt")
    index.warm_up()
    index.save()
    dropped = report.orphan_graphs + report.orphan_passages + report.orphan_descriptions
    return len(dropped) + len(rebuild)
