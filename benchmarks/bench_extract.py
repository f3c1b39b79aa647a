"""Extraction throughput, and how time and memory grow with the size of one document.

1. documents/s over a corpus repeated to at least ``--mb`` MB of text: documents are built once
   through the ingest stage (not timed); only ``extract_document`` is timed, on one core.
2. ``--sizes 1,4,16,50``: one document of each size in MB (the corpus concatenated), built and
   extracted in a fresh process each, printing build and extraction seconds and the process's
   peak RSS: linear growth means seconds/MB stays flat.

Run: ``HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bench_extract.py [--mb 10] [--sizes 1,4]``.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from pkgraph.extract import extract_document
from pkgraph.ingest import build_document, read_document
from pkgraph.records import RawDocument
from pkgraph.settings import Settings

SAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "seeds"


def one_large_document(docs: Path, mb: float) -> None:
    """Build and extract one document of ``mb`` MB made of the corpus; print the figures."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(docs.glob("*.txt"))]
    parts: list[str] = []
    size = 0
    while size < mb * 1_000_000:
        parts.append(texts[len(parts) % len(texts)])
        size += len(parts[-1].encode("utf-8")) + 2
    text = "\n\n".join(parts)
    data = text.encode("utf-8")
    raw = RawDocument(
        source="bench://large.txt",
        format="txt",
        content_hash=hashlib.sha256(data).hexdigest(),
        text=text,
        size_bytes=len(data),
    )
    started = time.perf_counter()
    document = build_document(raw, Settings.from_env())
    built = time.perf_counter()
    extraction = extract_document(document)
    done = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(data) / 1e6:7.1f} MB  build {built - started:7.1f} s  "
        f"extract {done - built:7.1f} s  ({(done - built) / (len(data) / 1e6):.2f} s/MB)  "
        f"peak RSS {peak_mb:7.0f} MB  facts {len(extraction.bodies) + len(extraction.dates)}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=10.0, help="text to extract, in MB")
    parser.add_argument("--docs", type=Path, default=SAMPLES, help="folder of .txt documents")
    parser.add_argument("--sizes", help="comma-separated MB sizes of one document, e.g. 1,4,16")
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)  # a single size, in-process
    args = parser.parse_args()
    if args.one:
        one_large_document(args.docs, args.one)
        return
    if args.sizes:
        for mb in args.sizes.split(","):
            command = [sys.executable, __file__, "--docs", str(args.docs), "--one", mb]
            subprocess.run(command, check=True)
        return
    settings = Settings.from_env()
    documents = [
        build_document(read_document(path, settings), settings)
        for path in sorted(args.docs.glob("*.txt"))
    ]
    for document in documents:  # warm up: compiled patterns, gazetteer, word lists
        extract_document(document)
    tracemalloc.start()  # memory on one pass only: tracing slows everything down
    for document in documents:
        extract_document(document)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    target = int(args.mb * 1_000_000)
    done_chars = done_docs = facts = 0
    started = time.perf_counter()
    while done_chars < target:
        for document in documents:
            extraction = extract_document(document)
            facts += len(extraction.funding) + len(extraction.decisions) + len(extraction.bodies)
            done_chars += len(document.text.encode("utf-8"))
            done_docs += 1
    seconds = time.perf_counter() - started
    print(f"documents:        {done_docs} ({len(documents)} distinct, repeated)")
    print(f"text:             {done_chars / 1e6:.1f} MB")
    print(f"time:             {seconds:.1f} s")
    print(f"documents/s:      {done_docs / seconds:.1f}")
    print(f"MB/s:             {done_chars / 1e6 / seconds:.2f}")
    print(f"peak traced heap: {peak / 1e6:.1f} MB (one pass, extraction only)")
    print(f"facts (check):    {facts}")


if __name__ == "__main__":
    main()
