"""The worker side of ``pkgraph ingest``: read, repair, segment and extract files in worker
processes while the ingesting process stores and embeds (pipeline.ingest_paths).

A worker never opens a store. It gets a :class:`PrepareTask` (the file, its name, and the
content hash under which it is stored and current, if it is) and returns a
:class:`PrepareOutcome`: unchanged, failed with the reason ``ingest`` prints, or the document
and its extraction, with the passages' searchable texts and, for a model that embeds token
ids (USE), their tokens, so that the embedding process only multiplies matrices.

:class:`PreparePool` runs the tasks in processes started by the ``forkserver`` context (the
ingesting process may hold threads), with a bounded number in flight, and yields the outcomes
in input order. The same :func:`prepare_file` runs in-process for small inputs.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from types import TracebackType

from pkgraph.errors import IngestError
from pkgraph.extract import extract_document
from pkgraph.ingest import build_document, read_document
from pkgraph.records import Document, Extraction
from pkgraph.settings import Settings

Tokenize = Callable[[str], list[int]]
#: Tasks in flight per worker: enough that a worker never waits for the next file, few enough
#: that a failure or Ctrl-C leaves little work thrown away.
WINDOW_PER_WORKER = 8
#: New pools after a worker died; after that, the rest of the files run in-process.
MAX_RESTARTS = 3
DIED = "the worker process preparing it ended unexpectedly"


@dataclass(frozen=True)
class PrepareTask:
    path: Path
    source: str
    #: The content hash it is stored under by this pipeline version and searchable: a file
    #: with this hash is unchanged. None: always prepared.
    current_hash: str | None = None


@dataclass
class PrepareOutcome:
    task: PrepareTask
    size_bytes: int = 0
    unchanged: bool = False
    #: Why the file failed (printed as ``FAILED: reason``); None when it did not.
    error: str | None = None
    document: Document | None = None
    extraction: Extraction | None = None
    #: The passages' searchable texts (search.index) when the index is kept; the index
    #: computes the same from the document, these feed the embedder ahead of it.
    texts: list[str] | None = None
    #: Token ids of ``texts`` for a model that embeds from tokens (None: embed the texts).
    token_ids: list[list[int]] | None = None
    #: Seconds per stage in the process that prepared it (read, build, extract, tokenize).
    seconds: dict[str, float] = field(default_factory=dict)


def failure_reason(exc: Exception) -> str:
    """The reason printed for a file: an IngestError's own, anything else is a bug on one odd
    file and says so."""
    if isinstance(exc, IngestError):
        return exc.reason
    return f"internal error while reading or extracting ({type(exc).__name__}: {exc})"


def prepare_file(
    task: PrepareTask,
    settings: Settings,
    *,
    with_texts: bool = False,
    tokenize: Tokenize | None = None,
) -> PrepareOutcome:
    """Read ``task``'s file and, unless unchanged, build and extract it; never raises for a
    bad file (the outcome carries the reason)."""
    outcome = PrepareOutcome(task)
    seconds = outcome.seconds
    try:
        started = time.perf_counter()
        raw = read_document(task.path, settings, task.source)
        outcome.size_bytes = raw.size_bytes
        read_at = time.perf_counter()
        seconds["read"] = read_at - started
        if task.current_hash is not None and raw.content_hash == task.current_hash:
            outcome.unchanged = True
            return outcome
        document = build_document(raw, settings)
        built_at = time.perf_counter()
        seconds["build"] = built_at - read_at
        extraction = extract_document(document)
        seconds["extract"] = time.perf_counter() - built_at
    except Exception as exc:
        outcome.error = failure_reason(exc)
        return outcome
    outcome.document, outcome.extraction = document, extraction
    if with_texts:
        try:
            tokenized_at = time.perf_counter()
            from pkgraph.search.index import passage_search_texts

            outcome.texts = passage_search_texts(document, extraction)
            if tokenize is not None:
                outcome.token_ids = [tokenize(text) for text in outcome.texts]
            seconds["tokenize"] = time.perf_counter() - tokenized_at
        except Exception:  # the index computes the texts again and the model embeds them
            outcome.texts = outcome.token_ids = None
    return outcome


# --- worker processes ------------------------------------------------------------------------


def exit_with_parent() -> None:
    """In a process this module's pools started: end it as soon as the ingesting process is
    gone (killed with SIGKILL, it cannot end its workers), instead of waiting on its queue."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="pkgraph-exit-with-parent", daemon=True).start()


_worker: tuple[Settings, bool, Tokenize | None] | None = None


def _start_worker(settings: Settings, with_texts: bool, model: str | None) -> None:
    """Runs once in each worker: Ctrl-C is the ingesting process's to handle (it ends the
    workers), the slow-to-load parts load now."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent()
    tokenize = None
    if with_texts and model is not None:
        from pkgraph.search.embed import passage_tokenizer

        tokenize = passage_tokenizer(model)
    from pkgraph.ingest.ocr import german_lexicon

    german_lexicon()
    _worker = (settings, with_texts, tokenize)


def _run_task(task: PrepareTask) -> PrepareOutcome:
    assert _worker is not None, "worker not started"
    settings, with_texts, tokenize = _worker
    return prepare_file(task, settings, with_texts=with_texts, tokenize=tokenize)


class PreparePool:
    """``workers`` processes preparing files; :meth:`outcomes` yields in input order with at
    most ``workers * WINDOW_PER_WORKER`` tasks in flight. Leaving the ``with`` block by an
    exception (Ctrl-C) terminates the workers."""

    def __init__(
        self, settings: Settings, workers: int, *, with_texts: bool, model: str | None
    ) -> None:
        self._initargs = (settings, with_texts, model)
        self.workers = workers
        self._context = forkserver_context()
        self._executor = self._new_executor()
        self._in_flight: deque[tuple[PrepareTask, Future[PrepareOutcome]]] = deque()
        self._worked = False  # a worker returned an outcome
        self._restarts = 0
        self._in_this_process = False

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=self._context,
            initializer=_start_worker,
            initargs=self._initargs,
        )

    def __enter__(self) -> PreparePool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self._executor.shutdown(wait=True)
        else:
            self.terminate()

    def terminate(self) -> None:
        """End the workers now, whatever they are doing."""
        processes = dict(getattr(self._executor, "_processes", None) or {})
        self._executor.shutdown(wait=False, cancel_futures=True)
        for process in processes.values():
            if process.is_alive():
                process.terminate()
        for process in processes.values():
            process.join(timeout=5)

    def outcomes(self, tasks: Iterable[PrepareTask]) -> Iterator[PrepareOutcome]:
        window = self.workers * WINDOW_PER_WORKER
        in_flight = self._in_flight
        pending = iter(tasks)
        while True:
            while len(in_flight) < window and (task := next(pending, None)) is not None:
                in_flight.append((task, self._executor.submit(_run_task, task)))
            if not in_flight:
                return
            task, future = in_flight.popleft()
            try:
                outcome = future.result()
            except BrokenProcessPool:
                if not self._worked or self._restarts >= MAX_RESTARTS:
                    # the workers cannot start (e.g. a script without a __main__ guard) or
                    # keep dying: the rest is prepared in this process
                    yield from self._in_process(task, pending)
                    return
                # a worker died (killed, out of memory): this file is reported, the others
                # go on in a new pool
                self._restarts += 1
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._new_executor()
                for number, (waiting, _old) in enumerate(list(in_flight)):
                    in_flight[number] = (waiting, self._executor.submit(_run_task, waiting))
                outcome = PrepareOutcome(task, error=DIED)
            except Exception as exc:  # e.g. a result that cannot be sent back
                outcome = PrepareOutcome(task, error=failure_reason(exc))
            else:
                self._worked = True
            yield outcome

    def _in_process(
        self, head: PrepareTask, rest: Iterator[PrepareTask]
    ) -> Iterator[PrepareOutcome]:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._in_this_process = True
        waiting = [task for task, _future in self._in_flight]
        self._in_flight.clear()
        if self._worked:
            yield PrepareOutcome(head, error=DIED)
        else:
            waiting.insert(0, head)
        settings, with_texts, model = self._initargs
        tokenize = None
        if with_texts and model is not None:
            from pkgraph.search.embed import passage_tokenizer

            tokenize = passage_tokenizer(model)
        for task in chain(waiting, rest):
            yield prepare_file(task, settings, with_texts=with_texts, tokenize=tokenize)

    def next_is_ready(self) -> bool:
        """Whether the next outcome is there (or nothing is in flight): no waiting for it."""
        if self._in_this_process or not self._in_flight:
            return True
        return self._in_flight[0][1].done()


def forkserver_context() -> multiprocessing.context.BaseContext:
    """The ``forkserver`` start method (the ingesting process may hold threads): processes
    fork from a server that has imported the extraction modules once."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pkgraph.ingest.prepare"])
    return context


def worker_count(settings: Settings, files: int, minimum_files: int) -> int:
    """Worker processes for ``files`` files: none below ``minimum_files`` (a pool's start-up
    costs more than it saves) or when ``ingest_workers`` is 0."""
    if settings.ingest_workers <= 0 or files < minimum_files:
        return 0
    return min(settings.ingest_workers, max(1, files // minimum_files))
