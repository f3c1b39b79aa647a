"""A real ``pkgraph ingest`` killed with SIGKILL at a chosen point (tests and the fault
benchmark): after its n-th progress line, or n lines plus a delay (then maybe while it
embeds and saves the index)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path


def run_ingest(
    corpus: Path, data_dir: Path, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """One ingest to its end."""
    return subprocess.run(
        [sys.executable, "-m", "pkgraph.cli", "ingest", str(corpus)],
        env={**os.environ, "PKGRAPH_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def ingest_killed(corpus: Path, data_dir: Path, after_lines: int, delay_s: float) -> bool:
    """Start an ingest and SIGKILL it after ``after_lines`` progress lines and ``delay_s``;
    True if it was killed (False: it ended first)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pkgraph.cli", "ingest", str(corpus)],
        env={**os.environ, "PKGRAPH_DATA_DIR": str(data_dir)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    reached = threading.Event()

    def count_lines() -> None:
        assert process.stderr is not None
        for number, _line in enumerate(process.stderr, 1):
            if number >= after_lines:
                reached.set()
        reached.set()  # the process ended

    threading.Thread(target=count_lines, daemon=True).start()
    reached.wait(timeout=600)
    time.sleep(delay_s)
    if process.poll() is not None:
        return False
    process.send_signal(signal.SIGKILL)
    process.wait()
    return True
