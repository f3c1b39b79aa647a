"""Extraction throughput: documents/s over the sample corpus repeated to at least 10 MB of text.

Documents are built once through the ingest stage (not timed); only ``extract_document`` is
timed. Run: ``HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bench_extract.py [--mb 10]``.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

from pkgraph.extract import extract_document
from pkgraph.ingest import build_document, read_document
from pkgraph.settings import Settings

SAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=10.0, help="text to extract, in MB")
    parser.add_argument("--docs", type=Path, default=SAMPLES, help="folder of .txt documents")
    args = parser.parse_args()
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
