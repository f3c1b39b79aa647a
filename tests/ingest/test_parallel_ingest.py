"""Ingest with worker processes (pipeline.ingest_paths, ingest.prepare): the stores hold
exactly what one process writes, failures are reported alike, and a kill or Ctrl-C of a
parallel ingest leaves stores a re-run brings into agreement."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from pkgraph import pipeline
from pkgraph.graph.store import GraphStore
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.ingest.prepare import PrepareTask, prepare_file, worker_count
from pkgraph.pipeline import IngestReport, ingest_paths
from pkgraph.search.embed import load_embedder, passage_tokenizer
from pkgraph.search.index import SearchIndex
from pkgraph.settings import USE_MODEL, Settings
from tests.conftest import EVAL_DIR, SAMPLE_CORPUS
from tests.ingest.kill_support import ingest_killed, run_ingest

BINARY = b"\x00\x01\x02binary\x00" * 50


def _corpus(folder: Path) -> Path:
    """The sample corpus, the dev and held-out documents, and one file that fails."""
    folder.mkdir()
    for source in (SAMPLE_CORPUS, EVAL_DIR / "dev" / "docs", EVAL_DIR / "heldout" / "docs"):
        for path in sorted(source.iterdir()):
            shutil.copy(path, folder / f"{source.parent.name}_{path.name}")
    (folder / "broken.txt").write_bytes(BINARY)
    return folder


def _ingest(corpus: Path, data_dir: Path, workers: int) -> tuple[IngestReport, list[str]]:
    lines: list[str] = []
    settings = Settings.from_env(data_dir=data_dir, ingest_workers=workers)
    report = ingest_paths([corpus], settings, progress=lines.append)
    return report, lines


def _stores(data_dir: Path) -> tuple[set[str], dict[str, str], dict[str, str], set[str]]:
    """Every quad, every passage text, every stored document's repaired text, and the
    passage ids with a saved vector."""
    settings = Settings.from_env(data_dir=data_dir)
    with GraphStore.open(settings, read_only=True) as graph:
        quads = {str(quad) for quad in graph.quads()}
    with SearchIndex.open(settings) as index:
        ids = index.passage_ids()
        texts = index.texts(ids)
        vectors = set(index.saved_state().vector_ids)
    with DocumentStore.open(settings.documents_db) as docs:
        documents = {d.doc_id: d.text for d in docs.documents()}
    return quads, texts, documents, vectors


def _same_reports(one: IngestReport, other: IngestReport) -> None:
    assert (one.added, one.replaced, one.unchanged) == (
        other.added,
        other.replaced,
        other.unchanged,
    )
    assert one.failed == other.failed and one.bytes_read == other.bytes_read


def test_workers_store_exactly_what_one_process_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 2)  # a pool for these few files
    corpus = _corpus(tmp_path / "corpus")
    alone, alone_lines = _ingest(corpus, tmp_path / "alone", workers=0)
    parallel, parallel_lines = _ingest(corpus, tmp_path / "parallel", workers=2)
    assert (alone.workers, parallel.workers) == (0, 2)
    _same_reports(alone, parallel)
    assert parallel_lines == alone_lines  # the same lines, in input order
    assert [path for path, _ in parallel.failed] == [str(corpus / "broken.txt")]
    assert any("broken.txt: FAILED: " in line for line in parallel_lines)
    assert len(parallel.added) == len(list(corpus.iterdir())) - 1
    assert _stores(tmp_path / "parallel") == _stores(tmp_path / "alone")

    # a changed file is written alone (it replaces its graph), the others are unchanged
    changed = sorted(corpus.glob("dev_*"))[3]
    changed.write_text(changed.read_text("utf-8") + "\n\nNachtrag vom 09.07.2015.\n", "utf-8")
    alone, alone_lines = _ingest(corpus, tmp_path / "alone", workers=0)
    parallel, parallel_lines = _ingest(corpus, tmp_path / "parallel", workers=2)
    _same_reports(alone, parallel)
    assert parallel.replaced == [changed.name] and parallel_lines == alone_lines
    assert _stores(tmp_path / "parallel") == _stores(tmp_path / "alone")


def test_vectors_from_worker_tokens_equal_the_models_own() -> None:
    tokenize = passage_tokenizer(USE_MODEL)
    assert tokenize is not None
    texts = [p.read_text("utf-8")[:900] for p in sorted(SAMPLE_CORPUS.iterdir())]
    embedder = load_embedder(USE_MODEL)
    by_tokens = embedder.embed_token_ids([tokenize(text) for text in texts])  # type: ignore[attr-defined]
    assert np.allclose(by_tokens, embedder.embed_passages(texts), atol=1e-5)


def test_a_worker_outcome_is_what_ingest_reports(tmp_path: Path) -> None:
    settings = Settings.from_env(data_dir=tmp_path / "data")
    path = sorted(SAMPLE_CORPUS.iterdir())[0]
    prepared = prepare_file(PrepareTask(path, path.name), settings, with_texts=True)
    assert prepared.error is None and prepared.document is not None and prepared.texts
    assert len(prepared.texts) == len(prepared.document.passages)
    again = prepare_file(PrepareTask(path, path.name, prepared.document.content_hash), settings)
    assert again.unchanged and again.document is None
    (tmp_path / "bad.txt").write_bytes(BINARY)
    failed = prepare_file(PrepareTask(tmp_path / "bad.txt", "bad.txt"), settings)
    assert failed.error is not None and failed.error.startswith("binary data")


def test_few_files_stay_in_process() -> None:
    settings = Settings.from_env(ingest_workers=3)
    assert worker_count(settings, 5, 48) == 0
    assert worker_count(settings, 100, 48) == 2
    assert worker_count(settings, 1000, 48) == 3
    assert worker_count(Settings.from_env(ingest_workers=0), 1000, 48) == 0


def _big_corpus(folder: Path, count: int) -> list[Path]:
    """Enough distinct files for a worker pool (POOL_MIN_FILES)."""
    folder.mkdir()
    sources = sorted((EVAL_DIR / "dev" / "docs").iterdir())
    paths = []
    for number in range(count):
        source = sources[number % len(sources)]
        path = folder / f"{number:03d}_{source.name}"
        path.write_text(source.read_text("utf-8") + f"\n\nKopie {number}.\n", "utf-8")
        paths.append(path)
    return paths


def _check(data_dir: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "pkgraph.cli", "check", "--json"],
        env={**os.environ, "PKGRAPH_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    report: dict[str, object] = json.loads(done.stdout)
    assert done.returncode == 0 and report["ok"], report
    return report


def test_kills_of_a_parallel_ingest_lose_no_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PKGRAPH_INGEST_WORKERS", "1")
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    files = _big_corpus(corpus, pipeline.POOL_MIN_FILES + 12)
    seed = random.randrange(1 << 30)
    chance = random.Random(seed)
    killed = sum(
        ingest_killed(corpus, data, chance.randint(1, len(files) + 2), chance.random() / 2)
        for _ in range(3)
    )
    assert killed >= 1, f"seed {seed}: the ingests ended before the kill"
    final = run_ingest(corpus, data)
    assert final.returncode == 0, f"seed {seed}: {final.stderr[-2000:]}"
    assert _check(data)["documents"] == len(files)


def test_ctrl_c_ends_a_parallel_ingest_and_its_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    files = _big_corpus(corpus, pipeline.POOL_MIN_FILES + 40)
    process = subprocess.Popen(
        [sys.executable, "-m", "pkgraph.cli", "ingest", str(corpus)],
        env={**os.environ, "PKGRAPH_DATA_DIR": str(data), "PKGRAPH_INGEST_WORKERS": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    assert process.stderr is not None
    lines = [process.stderr.readline() for _ in range(3)]
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends: to every process of the group
    rest = process.stderr.read()
    assert process.wait(timeout=60) == 130, [*lines, rest]
    assert "Traceback" not in rest and "interrupted" in rest, rest
    _group_ends(process.pid)  # the workers and the fork server end too
    final = run_ingest(corpus, data)
    assert final.returncode == 0, final.stderr[-2000:]
    assert _check(data)["documents"] == len(files)


def test_a_killed_parallel_ingest_leaves_no_process_behind(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    _big_corpus(corpus, pipeline.POOL_MIN_FILES + 40)
    process = subprocess.Popen(
        [sys.executable, "-m", "pkgraph.cli", "ingest", str(corpus)],
        env={**os.environ, "PKGRAPH_DATA_DIR": str(data), "PKGRAPH_INGEST_WORKERS": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    for _ in range(3):
        process.stderr.readline()
    process.kill()  # SIGKILL: it cannot end its workers, they notice it is gone
    process.wait()
    _group_ends(process.pid)


def _group_ends(group: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    pytest.fail("worker processes outlived the ingest")
