"""What a harvest remembers between runs (SQLite ``harvest.sqlite`` in the data dir).

Per system: the start time of its last *complete* run, which the next run sends as
``modified_since``. Per object: a fingerprint of what was stored (the object's JSON, the
pipeline version and the ``--match`` pattern), the documents made from it, and a meeting's
date. An object's row is written *after* its documents and graph, so a run killed at any
point left either a finished object (skipped next time) or one without a row (redone next time,
replacing whatever half of it was stored): resuming never duplicates and never loses.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pkgraph.closing import ClosedOnExit

_SCHEMA = """
CREATE TABLE IF NOT EXISTS systems (
    system TEXT PRIMARY KEY,
    start_url TEXT NOT NULL,
    name TEXT,
    last_success TEXT,
    last_run TEXT,
    last_status TEXT,
    last_report TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS objects (
    id TEXT PRIMARY KEY,
    system TEXT NOT NULL,
    type TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    sources TEXT NOT NULL DEFAULT '[]',
    date TEXT
);
CREATE INDEX IF NOT EXISTS objects_by_system ON objects(system, type);
CREATE TABLE IF NOT EXISTS pending (
    id TEXT PRIMARY KEY,
    system TEXT NOT NULL,
    type TEXT NOT NULL,
    reason TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class SystemState:
    system: str
    start_url: str
    name: str | None
    last_success: str | None
    last_run: str | None
    last_status: str | None
    last_report: dict[str, Any]


class HarvestState(ClosedOnExit):
    """``with HarvestState.open(path) as state: ...``; every write is its own transaction."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    @classmethod
    def open(cls, path: Path) -> HarvestState:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.executescript(_SCHEMA)
        return cls(connection)

    def close(self) -> None:
        self._db.close()

    # --- systems -----------------------------------------------------------------------------

    def system(self, system: str) -> SystemState | None:
        row = self._db.execute(
            "SELECT system, start_url, name, last_success, last_run, last_status, last_report "
            "FROM systems WHERE system = ?",
            (system,),
        ).fetchone()
        if row is None:
            return None
        system_id, start_url, name, last_success, last_run, last_status, report = row
        return SystemState(
            system_id, start_url, name, last_success, last_run, last_status, json.loads(report)
        )

    def systems(self) -> list[SystemState]:
        rows = self._db.execute("SELECT system FROM systems ORDER BY system").fetchall()
        return [state for (system,) in rows if (state := self.system(system)) is not None]

    def begin_run(self, system: str, start_url: str, name: str | None, started: str) -> None:
        with self._db:
            self._db.execute(
                "INSERT INTO systems (system, start_url, name, last_run, last_status) "
                "VALUES (?, ?, ?, ?, 'running') ON CONFLICT(system) DO UPDATE SET "
                "start_url = excluded.start_url, name = excluded.name, "
                "last_run = excluded.last_run, last_status = 'running'",
                (system, start_url, name, started),
            )

    def finish_run(
        self, system: str, started: str, complete: bool, status: str, report: dict[str, Any]
    ) -> None:
        """Record the run; only a complete run moves ``last_success`` (the next ``since``)."""
        with self._db:
            self._db.execute(
                "UPDATE systems SET last_status = ?, last_report = ?, "
                "last_success = CASE WHEN ? THEN ? ELSE last_success END WHERE system = ?",
                (status, json.dumps(report, ensure_ascii=False), complete, started, system),
            )

    def counts(self, system: str) -> dict[str, int]:
        """Stored objects per OParl type, plus ``documents`` made from them."""
        counts = {
            kind: n
            for kind, n in self._db.execute(
                "SELECT type, COUNT(*) FROM objects WHERE system = ? GROUP BY type ORDER BY type",
                (system,),
            )
        }
        counts["documents"] = sum(
            len(json.loads(sources))
            for (sources,) in self._db.execute(
                "SELECT sources FROM objects WHERE system = ?", (system,)
            )
        )
        return counts

    # --- objects -----------------------------------------------------------------------------

    def fingerprint(self, object_id: str) -> str | None:
        row = self._db.execute(
            "SELECT fingerprint FROM objects WHERE id = ?", (object_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def sources(self, object_id: str) -> list[str]:
        row = self._db.execute("SELECT sources FROM objects WHERE id = ?", (object_id,)).fetchone()
        return [] if row is None else list(json.loads(row[0]))

    def date(self, object_id: str) -> str | None:
        row = self._db.execute("SELECT date FROM objects WHERE id = ?", (object_id,)).fetchone()
        return None if row is None else row[0]

    def known(self, object_id: str) -> bool:
        return self.fingerprint(object_id) is not None

    def save_object(
        self,
        object_id: str,
        system: str,
        kind: str,
        fingerprint: str,
        sources: list[str],
        date: str | None = None,
    ) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO objects VALUES (?, ?, ?, ?, ?, ?)",
                (object_id, system, kind, fingerprint, json.dumps(sources), date),
            )
            self._db.execute("DELETE FROM pending WHERE id = ?", (object_id,))

    def remove_object(self, object_id: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM objects WHERE id = ?", (object_id,))
            self._db.execute("DELETE FROM pending WHERE id = ?", (object_id,))

    # --- objects to try again ----------------------------------------------------------------

    def add_pending(self, object_id: str, system: str, kind: str, reason: str) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO pending VALUES (?, ?, ?, ?)",
                (object_id, system, kind, reason),
            )

    def drop_pending(self, object_id: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM pending WHERE id = ?", (object_id,))

    def pending(self, system: str) -> list[tuple[str, str]]:
        """(id, type) of listed objects that failed in an earlier run: fetched again by id."""
        return [
            (str(object_id), str(kind))
            for object_id, kind in self._db.execute(
                "SELECT id, type FROM pending WHERE system = ? ORDER BY id", (system,)
            )
        ]
