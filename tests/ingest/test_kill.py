"""SIGKILL at random points of real ingests loses nothing: after a clean re-run, every
document is in the graph and in search with its last text, and ``pkgraph check`` agrees."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import EVAL_DIR
from tests.ingest.kill_support import ingest_killed, run_ingest

MARK = "Zauberwortprüfung"
#: Ingests to start; one that ends before its kill makes the next one re-ingest three files.
MAX_ATTEMPTS = 6


def _pkgraph(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pkgraph.cli", *args],
        env={**os.environ, "PKGRAPH_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_kills_during_ingest_lose_no_document(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    shutil.copytree(EVAL_DIR / "dev" / "docs", corpus)
    files = sorted(corpus.iterdir())
    seed = random.randrange(1 << 30)
    chance = random.Random(seed)
    killed = 0
    for attempt in range(MAX_ATTEMPTS):
        if attempt == 2:  # a document changes between two killed runs
            changed = files[chance.randrange(len(files))]
            changed.write_text(changed.read_text("utf-8") + f"\n\n{MARK} im Nachtrag.\n", "utf-8")
        # a kill while documents are stored, or (lines past the last) while the index is saved
        if ingest_killed(corpus, data, chance.randint(1, len(files) + 2), chance.random()):
            killed += 1
        else:  # the ingest ended first: give the next one documents to be killed among
            for other in chance.sample(files, 3):
                other.write_text(other.read_text("utf-8") + "\n\nNachtrag.\n", "utf-8")
        if killed >= 2 and attempt >= 3:
            break
    assert killed >= 2, f"seed {seed}: the ingests ended before the kill"

    final = run_ingest(corpus, data)
    assert final.returncode == 0, f"seed {seed}: {final.stderr[-2000:]}"
    check = _pkgraph(data, "check", "--json")
    report = json.loads(check.stdout)
    assert check.returncode == 0 and report["ok"], f"seed {seed}: {report}"
    assert report["documents"] == len(files)
    hits = json.loads(_pkgraph(data, "search", MARK, "--json", "--k", "1").stdout)
    assert MARK in json.dumps(hits, ensure_ascii=False), f"seed {seed}: stale search text"
