"""Prepared documents stored in batches, in input order (:func:`pkgraph.pipeline.ingest_paths`).

Per batch the crash-safe order of one document holds for all of them: graphs, then passages
(one commit), then the document store, and a document's progress line only after that, so a
kill at any moment leaves every document stored whole or not recorded.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from pkgraph.errors import PkgraphError
from pkgraph.graph.store import GraphStore
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.ingest.prepare import PrepareOutcome, PreparePool
from pkgraph.records import Document, Extraction
from pkgraph.search.embed import EmbeddingProcess
from pkgraph.search.index import SearchIndex

if TYPE_CHECKING:
    from pkgraph.pipeline import IngestReport

#: Documents written to the graph in one update and to the passages in one commit (from
#: POOL_MIN_FILES files on; fewer ones are written one by one); fewer when the next prepared
#: document is not there yet (the writes then fill the wait).
WRITE_BATCH = 16


def write_all(
    outcomes: Iterable[PrepareOutcome],
    total: int,
    writer: BatchWriter,
    embedder: EmbeddingProcess | None,
    pool: PreparePool | None,
    batch: int = WRITE_BATCH,
) -> None:
    """Store the outcomes in order: in batches of ``batch``, or fewer whenever the next one
    would have to be waited for."""
    stages = writer.report.stages
    iterator = iter(outcomes)
    number = 0
    while not writer.stopped:
        waited = time.perf_counter()
        outcome = next(iterator, None)
        add_time(stages, "wait", time.perf_counter() - waited)
        if outcome is None:
            break
        number += 1
        for stage, seconds in outcome.seconds.items():
            add_time(stages, stage, seconds)
        if embedder is not None and outcome.texts is not None:
            embedder.add(outcome.texts, outcome.token_ids)
        writer.add(f"[{number}/{total}] {outcome.task.path}", outcome)
        if len(writer) >= batch or (pool is not None and not pool.next_is_ready()):
            writer.flush()
    writer.flush()


def add_time(stages: dict[str, float], stage: str, seconds: float) -> None:
    stages[stage] = stages.get(stage, 0.0) + seconds


class BatchWriter:
    """Prepared documents written together, in the crash-safe order of
    :func:`pkgraph.pipeline.ingest_paths` for the whole batch: the graphs
    (:meth:`GraphStore.write_documents`), then the passages (one commit), then each document
    in the document store; its progress line only after that. Unchanged and failed files wait
    in the batch too, so that every line comes in input order."""

    def __init__(
        self,
        docs: DocumentStore,
        graph: GraphStore,
        index: SearchIndex | None,
        report: IngestReport,
        progress: Callable[[str], None],
        version: str,
    ) -> None:
        self.docs, self.graph, self.index = docs, graph, index
        self.report, self.progress, self.version = report, progress, version
        self._pending: list[tuple[str, PrepareOutcome]] = []
        #: a store failed: nothing more is written
        self.stopped = False

    def __len__(self) -> int:
        return len(self._pending)

    def add(self, label: str, outcome: PrepareOutcome) -> None:
        self._pending.append((label, outcome))

    def flush(self) -> None:
        batch, self._pending = self._pending, []
        if not batch or self.stopped:
            return
        report, stages = self.report, self.report.stages
        storing = [(label, o) for label, o in batch if o.document is not None]
        was_stored = {o.task.source: self.docs.stored_state(o.task.source) for _, o in storing}
        try:
            began = time.perf_counter()
            self.graph.write_documents([_prepared(o) for _, o in storing])
            indexed = time.perf_counter()
            add_time(stages, "graph", indexed - began)
            if self.index is not None and storing:
                for _, o in storing:
                    self.index.replace_document(_document(o), o.extraction)
                self.index.commit()
            add_time(stages, "index", time.perf_counter() - indexed)
        except PkgraphError as exc:  # a remote store failed: stop, keep what is done
            first = storing[0][1]
            for label, outcome in batch:
                if outcome is first:
                    report.bytes_read += outcome.size_bytes
                    report.failed.append((str(outcome.task.path), str(exc)))
                    self.progress(f"{label}: FAILED, stopping: {exc}")
                    break
                self._report(label, outcome, None)
            self.stopped = True
            return
        for label, outcome in batch:
            if outcome.document is not None:
                saving = time.perf_counter()
                self.docs.save(outcome.document, self.version)
                add_time(stages, "docs", time.perf_counter() - saving)
            self._report(label, outcome, was_stored.get(outcome.task.source))

    def _report(self, label: str, outcome: PrepareOutcome, stored: object) -> None:
        report = self.report
        report.bytes_read += outcome.size_bytes
        source = outcome.task.source
        if outcome.error is not None:
            report.failed.append((str(outcome.task.path), outcome.error))
            self.progress(f"{label}: FAILED: {outcome.error}")
        elif outcome.unchanged:
            report.unchanged.append(source)
            self.progress(f"{label}: unchanged")
        else:
            document = _document(outcome)
            (report.replaced if stored else report.added).append(document.source)
            self.progress(
                f"{label}: {'replaced' if stored else 'added'} ({len(document.passages)} passages)"
            )


def _document(outcome: PrepareOutcome) -> Document:
    assert outcome.document is not None
    return outcome.document


def _prepared(outcome: PrepareOutcome) -> tuple[Document, Extraction]:
    assert outcome.document is not None and outcome.extraction is not None
    return outcome.document, outcome.extraction
