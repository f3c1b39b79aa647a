"""Documents and passages on SQLite: the record of what was ingested, one row per source.

A document is saved in one transaction that replaces its old version (passages included), so a
failed or interrupted save leaves the previous version intact. The offset map is stored as its
runs (places where it does not advance by one), which keeps it small.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np

from pkgraph.closing import ClosedOnExit
from pkgraph.ingest.identity import doc_id_for, source_of
from pkgraph.records import (
    Consultation,
    Correction,
    Document,
    DocumentMetadata,
    Passage,
    RepairedText,
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    original TEXT NOT NULL,
    repaired TEXT NOT NULL,
    offset_runs BLOB NOT NULL,
    corrections TEXT NOT NULL,
    metadata TEXT NOT NULL,
    pipeline TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS passages (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    clean_text TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
"""


class DocumentStore(ClosedOnExit):
    """``with DocumentStore.open(path) as docs: ...``; every method is one transaction."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    @classmethod
    def open(cls, path: Path) -> DocumentStore:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.executescript(_SCHEMA)
        columns = {row[1] for row in connection.execute("PRAGMA table_info(documents)")}
        if "pipeline" not in columns:  # a store written before the pipeline version was kept
            connection.execute("ALTER TABLE documents ADD COLUMN pipeline TEXT NOT NULL DEFAULT ''")
        return cls(connection)

    def close(self) -> None:
        self._db.close()

    # --- identity ----------------------------------------------------------------------------

    def stored_state(self, source: str) -> tuple[str, str] | None:
        """The stored (content hash, pipeline version) of ``source``; None when never ingested.

        Both decide whether re-ingesting is needed: a changed file, or an unchanged file that an
        older pipeline (other extractor rules) processed.
        """
        row = self._db.execute(
            "SELECT content_hash, pipeline FROM documents WHERE source = ?", (source,)
        ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def resolve(self, source_or_doc_id: str) -> str | None:
        """The doc id of a stored document named by its doc id, its source, or a path to it
        (the longest stored relative source that ends the path; the absolute source that
        data dirs written before relative identities hold)."""
        given = source_or_doc_id
        parts = PurePosixPath(Path(given).as_posix()).parts if "://" not in given else ()
        suffixes = ["/".join(parts[i:]) for i in range(len(parts)) if parts[i] != "/"]
        for doc_id in (given, *map(doc_id_for, (given, *suffixes, source_of(given)))):
            if self._db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone():
                return doc_id
        return None

    # --- writing -----------------------------------------------------------------------------

    def save(self, document: Document, pipeline: str = "") -> None:
        """Store ``document``, replacing any earlier version of it atomically; ``pipeline``
        names the version of the stages that processed it ("" = unknown, always redone)."""
        row = (
            document.doc_id,
            document.source,
            document.format,
            document.content_hash,
            document.original_text,
            document.text,
            encode_offsets(document.repaired.offsets),
            json.dumps([asdict(c) for c in document.repaired.corrections], ensure_ascii=False),
            json.dumps(asdict(document.metadata), ensure_ascii=False),
            pipeline,
        )
        with self._db:
            self._db.execute("DELETE FROM documents WHERE doc_id = ?", (document.doc_id,))
            self._db.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            self._db.executemany(
                "INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (p.doc_id, p.index, p.start, p.end, p.text, p.clean_text)
                    for p in document.passages
                ],
            )

    def remove(self, doc_id: str) -> bool:
        """Delete a document and its passages; False when there was none."""
        with self._db:
            cursor = self._db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
        return cursor.rowcount > 0

    # --- reading -----------------------------------------------------------------------------

    def get(self, doc_id: str) -> Document | None:
        row = self._db.execute(f"{_SELECT_DOCUMENT} WHERE doc_id = ?", (doc_id,)).fetchone()
        return None if row is None else self._document(row)

    def documents(self) -> Iterator[Document]:
        """Every stored document, ordered by source."""
        for row in self._db.execute(f"{_SELECT_DOCUMENT} ORDER BY source").fetchall():
            yield self._document(row)

    def passage_texts(self) -> dict[str, dict[str, str]]:
        """Per stored doc id, its passages' clean texts by passage id (what the index holds)."""
        by_doc: dict[str, dict[str, str]] = {
            doc_id: {} for (doc_id,) in self._db.execute("SELECT doc_id FROM documents")
        }
        for doc_id, index, text in self._db.execute("SELECT doc_id, idx, clean_text FROM passages"):
            by_doc[doc_id][f"{doc_id}/{index}"] = text
        return by_doc

    def passages(self, passage_ids: Iterable[str]) -> list[Passage]:
        """Passages by id (``"<doc_id>/<index>"``) in the order asked; unknown ids are skipped."""
        found: list[Passage] = []
        for passage_id in passage_ids:
            doc_id, _, index = passage_id.rpartition("/")
            if not index.isdigit():
                continue
            row = self._db.execute(
                f"{_SELECT_PASSAGE} WHERE doc_id = ? AND idx = ?", (doc_id, int(index))
            ).fetchone()
            if row is not None:
                found.append(Passage(*row))
        return found

    def stats(self) -> dict[str, Any]:
        """Counts of documents, passages and original characters, in total and per format."""
        per_format: dict[str, dict[str, int]] = {}
        for fmt, documents, characters in self._db.execute(
            "SELECT format, COUNT(*), SUM(LENGTH(original)) FROM documents GROUP BY format"
        ):
            per_format[fmt] = {"documents": documents, "passages": 0, "characters": characters}
        for fmt, passages in self._db.execute(
            "SELECT d.format, COUNT(*) FROM passages p JOIN documents d USING (doc_id) "
            "GROUP BY d.format"
        ):
            per_format[fmt]["passages"] = passages
        return {
            "documents": sum(row["documents"] for row in per_format.values()),
            "passages": sum(row["passages"] for row in per_format.values()),
            "characters": sum(row["characters"] for row in per_format.values()),
            "per_format": per_format,
        }

    def _document(self, row: tuple[Any, ...]) -> Document:
        doc_id, source, fmt, content_hash, original, repaired, runs, corrections, metadata = row
        passages = tuple(
            Passage(*p)
            for p in self._db.execute(
                f"{_SELECT_PASSAGE} WHERE doc_id = ? ORDER BY idx", (doc_id,)
            ).fetchall()
        )
        return Document(
            doc_id=doc_id,
            source=source,
            format=fmt,
            content_hash=content_hash,
            repaired=RepairedText(
                original=original,
                text=repaired,
                offsets=decode_offsets(runs, len(repaired) + 1),
                corrections=tuple(Correction(**c) for c in json.loads(corrections)),
            ),
            metadata=_metadata(json.loads(metadata)),
            passages=passages,
        )


_SELECT_DOCUMENT = (
    "SELECT doc_id, source, format, content_hash, original, repaired, offset_runs, corrections,"
    " metadata FROM documents"
)
_SELECT_PASSAGE = "SELECT doc_id, idx, start, end, text, clean_text FROM passages"


def _metadata(values: dict[str, Any]) -> DocumentMetadata:
    values["consultations"] = tuple(Consultation(**c) for c in values.get("consultations", ()))
    values["mentioned_references"] = tuple(values.get("mentioned_references", ()))
    return DocumentMetadata(**values)


def encode_offsets(offsets: Sequence[int]) -> bytes:
    """The offset map as (index, value) pairs where it does not advance by one from before."""
    values = np.asarray(offsets, dtype=np.int64)
    starts = np.flatnonzero(np.diff(values) != 1) + 1
    starts = np.concatenate(([0], starts)).astype(np.int64)
    return np.stack([starts, values[starts]], axis=1).tobytes()


def decode_offsets(blob: bytes, length: int) -> array[int]:
    """Inverse of :func:`encode_offsets` for a map of ``length`` entries."""
    runs = np.frombuffer(blob, dtype=np.int64).reshape(-1, 2)
    values = np.arange(length, dtype=np.int64)
    run_of = np.searchsorted(runs[:, 0], values, side="right") - 1
    values = runs[run_of, 1] + (values - runs[run_of, 0])
    return array("q", values.tobytes())
