"""Read-only copies of the embedded graph for the SPARQL worker processes of a writing service.

A worker is a separate process, and a read-only Oxigraph store opened beside a process that
writes it is undefined behaviour (pyoxigraph 0.5 has no secondary mode). So after each write
the service takes a checkpoint (``Store.backup``: hard links, milliseconds) under
``data_dir/service/graph-snapshots/<n>/graph`` and points the pool at it; a worker started on
an older checkpoint is replaced when it is next taken. A checkpoint is a consistent state, so
a query sees a document either before or after a write, never in between. An old checkpoint
is deleted once no query can still run on it (the query timeout after it was superseded).
"""

from __future__ import annotations

import contextlib
import shutil
import time
from dataclasses import replace
from pathlib import Path

from pkgraph.graph.oxigraph_store import OxigraphStore
from pkgraph.settings import Settings

#: Extra seconds beyond the query timeout before a superseded checkpoint is deleted.
_GRACE_S = 2.0


class GraphSnapshots:
    def __init__(self, settings: Settings, store: OxigraphStore) -> None:
        self.root = settings.data_dir / "service" / "graph-snapshots"
        self._settings = settings
        self._store = store
        self._number = 0
        self._superseded: list[tuple[Path, float]] = []
        shutil.rmtree(self.root, ignore_errors=True)  # left by a service that was killed
        self.root.mkdir(parents=True)

    def take(self) -> Settings:
        """A new checkpoint; returns the settings whose ``graph_dir`` is it."""
        self._number += 1
        data_dir = self.root / str(self._number)
        data_dir.mkdir()
        self._store.backup(data_dir / "graph")
        if self._number > 1:
            self._superseded.append((self.root / str(self._number - 1), time.monotonic()))
        self._prune()
        return replace(self._settings, data_dir=data_dir)

    def _prune(self) -> None:
        horizon = time.monotonic() - self._settings.sparql_timeout_s - _GRACE_S
        while self._superseded and self._superseded[0][1] < horizon:
            shutil.rmtree(self._superseded.pop(0)[0], ignore_errors=True)

    def close(self) -> None:
        """Delete every checkpoint (the workers are stopped first)."""
        shutil.rmtree(self.root, ignore_errors=True)
        with contextlib.suppress(OSError):
            self.root.parent.rmdir()
