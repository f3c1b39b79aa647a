"""Faults: N random SIGKILLs during real ingests of a corpus, then the consistency check.

    python benchmarks/bench_faults.py [--docs eval/dev/docs] [--kills 5] [--seed N]

After each killed run it prints what ``pkgraph check`` finds (the damage a kill leaves), then
runs one clean ingest and prints the check again: it must say "consistent", with every
document of the corpus stored.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.ingest.kill_support import ingest_killed, run_ingest


def _check(data_dir: Path) -> dict[str, object]:
    run = subprocess.run(
        [sys.executable, "-m", "pkgraph.cli", "--data-dir", str(data_dir), "check", "--json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(run.stdout) if run.stdout else {"ok": False, "error": run.stderr[-300:]}


def _summary(report: dict[str, object]) -> str:
    keys = ("documents", "passages", "vectors_missing", "vectors_orphaned", "lexical_current")
    lists = ("without_graph", "without_passages", "orphan_graphs", "orphan_passages")
    counts = {k: len(report.get(k) or []) for k in lists}  # type: ignore[arg-type]
    return f"ok={report.get('ok')} " + " ".join(
        f"{k}={v}" for k, v in [*((k, report.get(k)) for k in keys), *counts.items()]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=Path("eval/dev/docs"))
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=random.randrange(1 << 30))
    args = parser.parse_args()
    chance = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        corpus, data = Path(tmp) / "corpus", Path(tmp) / "data"
        shutil.copytree(args.docs, corpus)
        files = sorted(p for p in corpus.rglob("*") if p.is_file())
        print(f"{len(files)} documents, {args.kills} kills, seed {args.seed}")
        for number in range(1, args.kills + 1):
            if number == args.kills // 2 + 1:
                changed = files[chance.randrange(len(files))]
                changed.write_text(changed.read_text("utf-8") + "\n\nNachtrag.\n", "utf-8")
            lines, delay = chance.randint(1, len(files) + 2), chance.random()
            killed = ingest_killed(corpus, data, lines, delay)
            state = "killed" if killed else "ended before the kill"
            print(
                f"run {number}: after {lines} lines + {delay:.2f}s {state}: "
                f"{_summary(_check(data))}"
            )
        started = time.perf_counter()
        final = run_ingest(corpus, data)
        print(f"clean run: exit {final.returncode} in {time.perf_counter() - started:.1f}s")
        report = _check(data)
        print(f"after it: {_summary(report)}")
        print(
            "consistent"
            if report.get("ok") and report.get("documents") == len(files)
            else "NOT consistent"
        )


if __name__ == "__main__":
    main()
