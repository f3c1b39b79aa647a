"""The whole pipeline for a batch of files: read, repair, segment, extract, store, index.

Each file is processed on its own: a file that fails is reported and skipped, and nothing that
was stored before is touched. A file whose source and content hash are already stored by this
pipeline version is skipped (idempotent re-ingest); a changed file, or one an older version
processed, replaces exactly its old version everywhere.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from pkgraph import __version__
from pkgraph.consistency import check_stores, repair_stores
from pkgraph.extract import EXTRACTOR_VERSION, extract_document
from pkgraph.graph.model import GRAPH_MODEL_VERSION
from pkgraph.graph.store import GraphStore
from pkgraph.ingest import build_document
from pkgraph.ingest.batches import WRITE_BATCH, BatchWriter, write_all
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.ingest.files import InputFile, SkippedFile, select_input_files
from pkgraph.ingest.identity import doc_id_for
from pkgraph.ingest.prepare import (
    PreparePool,
    PrepareTask,
    forkserver_context,
    prepare_file,
    worker_count,
)
from pkgraph.records import Document, DocumentMetadata, Extraction, RawDocument
from pkgraph.search.embed import EmbeddingProcess
from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings

Progress = Callable[[str], None]
#: Stored with each document: an unchanged file processed by another version is redone.
PIPELINE_VERSION = f"pkgraph-{__version__}/extract-{EXTRACTOR_VERSION}/model-{GRAPH_MODEL_VERSION}"


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: files of the folders given that were not read, with the reason
    skipped: list[SkippedFile] = field(default_factory=list)
    #: documents whose stores a crash had left in disagreement, restored before this run
    repaired: int = 0
    seconds: float = 0.0
    bytes_read: int = 0
    #: worker processes that prepared the files (0: this process)
    workers: int = 0
    #: seconds per stage (read, build, extract, tokenize: summed over the workers; graph,
    #: index, docs: writes; wait: for the workers; embed, embed_tokenize: the embedding
    #: process; embed_wait: for it after the last document; save: the index)
    stages: dict[str, float] = field(default_factory=dict)
    #: what the embedding process did: seconds (wall, CPU) in the network, passages, tokens
    embedded: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.skipped


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def restore_agreement(
    docs: DocumentStore, graph: GraphStore, index: SearchIndex, progress: Progress
) -> int:
    """Repair what an interrupted run left behind (pkgraph.consistency) before going on."""
    report = check_stores(docs, graph, index, descriptions=False)
    if report.ok:
        return 0
    progress("an earlier run was interrupted: restoring agreement of the stores")
    for line in report.lines():
        progress(f"  {line}")
    return repair_stores(docs, graph, index, report, progress)


def _is_current(
    source: str, version: str, content_hash: str, docs: DocumentStore, index: SearchIndex | None
) -> bool:
    """Stored by this version with this content, and searchable when the index is kept."""
    if docs.stored_state(source) != (content_hash, version):
        return False
    return index is None or bool(index.passage_ids(doc_id_for(source)))


def _store(
    document: Document,
    extraction: Extraction,
    version: str,
    docs: DocumentStore,
    graph: GraphStore,
    index: SearchIndex | None,
) -> None:
    """Graph, then passages (committed), then the document store: a document is recorded as
    stored only when the stores before it hold it, whenever the process is killed."""
    graph.replace_document(document, extraction)
    if index is not None:
        index.replace_document(document, extraction)
        index.commit()
    docs.save(document, version)


#: Below this many files everything runs in this process: starting worker processes (about a
#: second) would cost more than they save.
POOL_MIN_FILES = 48


def ingest_paths(
    paths: Iterable[Path],
    settings: Settings,
    *,
    progress: Progress = stderr_progress,
    with_index: bool = True,
) -> IngestReport:
    """Run every stage on ``paths``; stores under ``settings.data_dir``.

    Files are read, repaired and extracted by ``settings.ingest_workers`` worker processes
    (in this process for a few files) while this process writes the documents in batches and
    another process embeds their passages; outcomes are stored and reported in input order.
    """
    report = IngestReport()
    started = time.perf_counter()
    selection = select_input_files(paths)
    report.skipped = selection.skipped
    for skipped in selection.skipped:
        progress(f"skipped {skipped.path}: {skipped.reason}")
    files = selection.files
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with (
        DocumentStore.open(settings.documents_db) as docs,
        GraphStore.open(settings) as graph,
        SearchIndex.open(settings) if with_index else nullcontext() as index,
    ):
        graph.ensure_reference_data()
        if index is not None:
            report.repaired = restore_agreement(docs, graph, index, progress)
        report.workers = worker_count(settings, len(files), POOL_MIN_FILES)
        writer = BatchWriter(docs, graph, index, report, progress, PIPELINE_VERSION)
        tasks = (_task(item, docs, index) for item in files)
        embedder = None
        if report.workers and index is not None:
            embedder = EmbeddingProcess(
                settings.embedding_model, index.folder / "embeddings.sqlite", forkserver_context()
            )
        try:
            if report.workers:
                # one worker is the slowest stage: the embedding process tokenizes
                tokenizing = settings.embedding_model if report.workers >= 2 else None
                with PreparePool(
                    settings, report.workers, with_texts=index is not None, model=tokenizing
                ) as pool:
                    write_all(pool.outcomes(tasks), len(files), writer, embedder, pool)
            else:
                outcomes = (prepare_file(task, settings) for task in tasks)
                batch = WRITE_BATCH if len(files) >= POOL_MIN_FILES else 1
                write_all(outcomes, len(files), writer, None, None, batch)
        except BaseException:
            if embedder is not None:
                embedder.stop()
            raise
        if embedder is not None:
            waited = time.perf_counter()
            embedder.finish()
            report.stages["embed_wait"] = time.perf_counter() - waited
            report.embedded = embedder.stats
            report.stages["embed_tokenize"] = embedder.stats.get("tokenize", 0.0)
            report.stages["embed"] = embedder.stats.get("seconds", 0.0)
        if index is not None:
            saving = time.perf_counter()
            index.save()
            report.stages["save"] = time.perf_counter() - saving
    report.seconds = time.perf_counter() - started
    return report


def _task(item: InputFile, docs: DocumentStore, index: SearchIndex | None) -> PrepareTask:
    """What a worker needs to know of the stores: the hash under which the file is current."""
    state = docs.stored_state(item.source)
    if state is None or state[1] != PIPELINE_VERSION:
        return PrepareTask(item.path, item.source)
    if index is not None and not index.passage_ids(doc_id_for(item.source)):
        return PrepareTask(item.path, item.source)
    return PrepareTask(item.path, item.source, current_hash=state[0])


def remove_sources(sources: Iterable[str], settings: Settings) -> list[str]:
    """Delete documents (by source or doc id) from every store; returns the removed doc ids."""
    removed: list[str] = []
    with (
        DocumentStore.open(settings.documents_db) as docs,
        GraphStore.open(settings) as graph,
        SearchIndex.open(settings) as index,
    ):
        for source in sources:
            doc_id = docs.resolve(source)
            if doc_id is not None and remove_stored(doc_id, docs, graph, index):
                removed.append(doc_id)
        index.save()
    return removed


@dataclass(frozen=True)
class PreparedDocument:
    """A document read and extracted, not yet stored: the slow part, done before a writer
    takes the stores (the service prepares outside its write lock)."""

    document: Document
    extraction: Extraction
    version: str


def _version(metadata: DocumentMetadata | None) -> str:
    """The stored version: metadata given by the source is part of it."""
    if metadata is None:
        return PIPELINE_VERSION
    given = json.dumps(asdict(metadata), sort_keys=True, ensure_ascii=False)
    return PIPELINE_VERSION + "+meta-" + hashlib.sha256(given.encode("utf-8")).hexdigest()[:12]


def raw_is_current(
    raw: RawDocument,
    docs: DocumentStore,
    index: SearchIndex | None,
    metadata: DocumentMetadata | None = None,
) -> bool:
    """Stored with this content and version (and searchable): nothing to do."""
    return _is_current(raw.source, _version(metadata), raw.content_hash, docs, index)


def prepare_raw(
    raw: RawDocument, settings: Settings, metadata: DocumentMetadata | None = None
) -> PreparedDocument:
    """Build and extract ``raw``; ``metadata`` overrides detection (see :func:`ingest_raw`)."""
    document = build_document(raw, settings)
    if metadata is not None:
        overrides = {k: v for k, v in asdict(metadata).items() if v not in (None, (), [])}
        document = replace(document, metadata=replace(document.metadata, **overrides))
    return PreparedDocument(document, extract_document(document), _version(metadata))


def store_prepared(
    prepared: PreparedDocument, docs: DocumentStore, graph: GraphStore, index: SearchIndex | None
) -> str:
    """Write a prepared document in the crash-safe order; returns "added" or "replaced"."""
    stored = docs.stored_state(prepared.document.source)
    _store(prepared.document, prepared.extraction, prepared.version, docs, graph, index)
    return "replaced" if stored else "added"


def ingest_raw(
    raw: RawDocument,
    settings: Settings,
    docs: DocumentStore,
    graph: GraphStore,
    index: SearchIndex | None,
    metadata: DocumentMetadata | None = None,
) -> str:
    """One document read elsewhere (a harvested file or record) through every later stage,
    into open stores; returns "added", "replaced" or "unchanged".

    ``metadata`` known from the source (e.g. an OParl paper's title, reference, date and type)
    wins over what detection reads from the text, field by field where it is set; it is part
    of the stored version, so a changed title alone re-processes the document. Errors
    propagate to the caller, with every store as it was.
    """
    if raw_is_current(raw, docs, index, metadata):
        return "unchanged"
    return store_prepared(prepare_raw(raw, settings, metadata), docs, graph, index)


def remove_stored(
    source: str, docs: DocumentStore, graph: GraphStore, index: SearchIndex | None
) -> bool:
    """Delete one document (by source or doc id) from open stores; False when it was not stored.

    The document store goes first: what a kill leaves in the other stores is then an orphan,
    which the next check or ingest drops, never a document brought back.
    """
    doc_id = docs.resolve(source)
    if doc_id is None:
        return False
    docs.remove(doc_id)
    graph.remove_document(doc_id)
    if index is not None:
        index.remove_document(doc_id)
        index.commit()
    return True
