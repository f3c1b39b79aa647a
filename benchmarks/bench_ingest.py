"""Ingest throughput: read + repair + metadata + segment on the sample corpus multiplied.

The five sample documents are copied (as separate files in a temporary folder) until the
corpus holds at least ``--megabytes`` MB; every file is then read and built into a
:class:`~pkgraph.records.Document`. Prints documents/s and MB/s, and with ``--single`` the
time and peak memory for one file of that size.

    .venv/bin/python benchmarks/bench_ingest.py [--megabytes 50] [--single]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=50.0)
    parser.add_argument("--single", action="store_true", help="one file of that size instead")
    args = parser.parse_args()
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
