"""The lexical channels on disk: segments that grow with the passages, never rebuilt whole.

bm25s cannot add documents, so every change used to rebuild all three channels from every
stored row: 39–47 s and about 2 GB at 100k passages, out of reach at a million. Now the
channels are segments (``segments.py``: term frequencies of whole documents, memory-mapped)
scored with global statistics at query time (``lexical.LexicalChannels``). Saving after a
change writes the changed documents as a new small segment and marks their old rows in older
segments as removed; segments are merged log-structured (``MERGE_FACTOR`` of a size tier into
one, at most ``MAX_SEGMENTS``), which also drops removed rows. A build from the table reads
the rows in document order and writes a segment every ``SEGMENT_PASSAGES`` passages, so it
holds one chunk's tokens at a time; merges stream (``segment_merge``).

Consistency with the passages table (the source of truth):

- ``lexical/manifest.json`` names the complete segments, each with its file of removed
  document rows, the fingerprint (``segments.row_digest`` summed over the rows) of the passages
  they hold, and the channel format. A segment folder or a removal file is written under a
  temporary name, flushed and renamed before a manifest names it; the manifest is replaced the
  same way. A crash leaves the old manifest and its files whole; what it does not name is
  deleted at the next save.
- The table records the documents changed since the last save (``PassageSource.pending``) in
  the transaction that changes their rows. Opening masks those documents in the segments and
  indexes their current rows in memory (saving writes them as a segment); the result is used
  only if its fingerprint — the manifest's, minus the masked documents' digests, plus the new
  rows' — and its passage count equal the table's. Otherwise (no manifest, another format, a
  damaged file, a table edited by another program) the channels are built again from the table.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Protocol

import numpy as np

from pkgraph.search.lexical import (
    DOCUMENTS_BM25,
    GRAMS_BM25,
    WORDS_BM25,
    LexicalChannels,
    build_segment,
)
from pkgraph.search.segment_merge import merge_segments
from pkgraph.search.segments import (
    Row,
    Segment,
    combine,
    encoded,
    lookup,
    sync_directory,
    sync_folder,
    whole_documents,
)

log = logging.getLogger(__name__)

#: Bump when what the channels hold changes without the passages changing (grams, weights).
FORMAT = 2
#: Passages per segment written by a build (more when a document is cut otherwise).
SEGMENT_PASSAGES = 50_000
#: Segments of one size tier merged into one; tiers grow by this factor from TIER_BASE.
MERGE_FACTOR = 4
TIER_BASE = 1_000
MAX_SEGMENTS = 12
#: A segment with more removed than live passages is rewritten without them.
MAX_REMOVED_SHARE = 0.5
MANIFEST_FILE = "manifest.json"
_SEGMENTS = "segments"


def format_key() -> str:
    """What the saved channels were made with; another key means building them again."""
    parameters = (FORMAT, WORDS_BM25, GRAMS_BM25, DOCUMENTS_BM25)
    return hashlib.sha256(repr(parameters).encode()).hexdigest()[:16]


class PassageSource(Protocol):
    """The passages table, as the store reads it."""

    def fingerprint(self) -> int: ...

    def count(self) -> int: ...

    def pending(self) -> list[str]:
        """Documents whose rows changed since the channels were last saved."""
        ...

    def rows_of(self, doc_ids: Sequence[str]) -> Iterator[Row]:
        """The rows of ``doc_ids``, grouped by document."""
        ...

    def rows(self) -> Iterator[Row]:
        """Every row, grouped by document, read as one snapshot."""
        ...

    def correct_fingerprint(self, fingerprint: int) -> None:
        """The stored fingerprint was not that of the rows (edited by another program)."""
        ...


@dataclass(frozen=True)
class _Part:
    """A segment with the mask of its removed document rows."""

    name: str | None  # folder under segments/; None: held in memory only
    segment: Segment
    deleted: np.ndarray
    deleted_file: str | None  # the file holding ``deleted`` as published

    @property
    def live(self) -> int:
        return int((~self.deleted)[self.segment.document_of].sum())


class LexicalStore:
    """The segments under ``root`` (``search/lexical``) and the manifest naming them."""

    def __init__(self, root: Path, segment_passages: int | None = None) -> None:
        self.root = root
        self.segment_passages = segment_passages or SEGMENT_PASSAGES

    def current(self, fingerprint: int) -> bool:
        """Whether the saved channels hold exactly the passages with ``fingerprint``."""
        manifest = self._manifest()
        return manifest is not None and int(manifest["fingerprint"], 16) == fingerprint

    def open(self, source: PassageSource) -> LexicalChannels:
        """The channels of the table's passages: saved segments reconciled with the changes
        since, or built again (written to disk as segments, bounded in memory)."""
        parts = self._reconciled(source, write=False)
        if parts is None:
            parts = self._rebuild(source)
        return LexicalChannels([p.segment for p in parts], [p.deleted for p in parts])

    def save(self, source: PassageSource) -> None:
        """Make the saved channels those of the table's passages (writes nothing if they are)."""
        if self.current(source.fingerprint()):
            self.prune()
            return
        parts = self._reconciled(source, write=True)
        if parts is None:
            self._rebuild(source)
        else:
            self._publish(self._merged(parts), source.fingerprint())
        self.prune()

    def prune(self) -> None:
        """Delete whatever the manifest does not name: leftovers of crashes, merged segments,
        older removal files, channel sets of earlier formats."""
        if not self.root.is_dir():
            return
        manifest = self._manifest() or {"segments": []}
        named = {entry["name"]: entry["deleted"] for entry in manifest["segments"]}
        for path in self.root.iterdir():
            if path.name not in (MANIFEST_FILE, _SEGMENTS):
                _remove(path)
        folder = self.root / _SEGMENTS
        for path in folder.iterdir() if folder.is_dir() else ():
            if path.name not in named:
                _remove(path)
            else:
                for file in path.glob("deleted-*.npy"):
                    if file.name != named[path.name]:
                        file.unlink()

    # --- reading ---------------------------------------------------------------------------

    def _manifest(self) -> dict | None:
        try:
            manifest = json.loads((self.root / MANIFEST_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return manifest if manifest.get("format") == format_key() else None

    def _load(self) -> tuple[list[_Part], int] | None:
        """The published segments and their fingerprint; none at all before the first save;
        None if unreadable or of another format."""
        if not (self.root / MANIFEST_FILE).exists():
            return [], 0
        manifest = self._manifest()
        if manifest is None:
            return None
        parts = []
        try:
            for entry in manifest["segments"]:
                folder = self.root / _SEGMENTS / entry["name"]
                segment = Segment.load(folder)
                deleted = np.zeros(len(segment.doc_ids), dtype=bool)
                if entry["deleted"]:
                    deleted[np.load(folder / entry["deleted"], allow_pickle=False)] = True
                parts.append(_Part(entry["name"], segment, deleted, entry["deleted"]))
        except (OSError, ValueError, KeyError, IndexError) as error:
            log.warning("lexical segments unreadable (%s); building them again", error)
            return None
        return parts, int(manifest["fingerprint"], 16)

    def _reconciled(self, source: PassageSource, write: bool) -> list[_Part] | None:
        """The published segments with the pending documents masked and indexed anew, if that
        is exactly the table; segments of the new rows are written to disk when ``write``."""
        loaded = self._load()
        if loaded is None:
            return None
        parts, fingerprint = loaded
        pending = sorted(source.pending())
        if pending:
            wanted = encoded(pending)
            for number, part in enumerate(parts):
                at = lookup(part.segment.doc_ids, wanted)
                rows = at[at >= 0]
                newly = rows[~part.deleted[rows]]
                if len(newly):
                    fingerprint = combine(fingerprint, part.segment.digest(newly), -1)
                    deleted = part.deleted.copy()
                    deleted[newly] = True
                    parts[number] = replace(part, deleted=deleted, deleted_file=None)
            for part in self._segments(source.rows_of(pending), write):
                fingerprint = combine(fingerprint, _digest(part.segment))
                parts.append(part)
        count = sum(part.live for part in parts)
        if fingerprint != source.fingerprint() or count != source.count():
            log.warning("lexical segments do not match the passages; building them again")
            return None
        return parts

    # --- writing ---------------------------------------------------------------------------

    def _segments(self, rows: Iterable[Row], write: bool) -> Iterator[_Part]:
        """Segments of ``rows`` (grouped by document), one chunk of passages at a time."""
        for chunk in whole_documents(rows, self.segment_passages):
            segment = build_segment(chunk)
            deleted = np.zeros(len(segment.doc_ids), dtype=bool)
            if not write:
                yield _Part(None, segment, deleted, None)
                continue
            name = self._written(segment.save)
            yield _Part(name, Segment.load(self.root / _SEGMENTS / name), deleted, None)

    def _rebuild(self, source: PassageSource) -> list[_Part]:
        """Every row of the table as new segments, published; merged as they come."""
        parts: list[_Part] = []
        fingerprint = 0
        for part in self._segments(source.rows(), write=True):
            fingerprint = combine(fingerprint, _digest(part.segment))
            parts = self._merged([*parts, part])
        if fingerprint != source.fingerprint():
            log.warning("the stored passage fingerprint was not that of the rows; corrected")
            source.correct_fingerprint(fingerprint)
        self._publish(parts, fingerprint)
        return parts

    def _written(self, write: Callable[[Path], object]) -> str:
        """Run ``write(folder)`` into a temporary folder and rename it into place."""
        folder = self.root / _SEGMENTS
        folder.mkdir(parents=True, exist_ok=True)
        name = uuid.uuid4().hex[:16]
        temporary = folder / f".{name}.partial"
        write(temporary)
        sync_folder(temporary)
        os.rename(temporary, folder / name)
        sync_directory(folder)
        return name

    def _merged(self, parts: list[_Part]) -> list[_Part]:
        """``parts`` with the merges the policy asks for done (inputs left for ``prune``)."""
        parts = [part for part in parts if part.live]  # wholly removed: nothing to keep
        while (
            plan := merge_plan([p.live for p in parts], [len(p.segment) for p in parts])
        ) is not None:
            inputs = [(parts[i].segment, parts[i].deleted) for i in plan]
            name = self._written(partial(merge_segments, inputs))
            segment = Segment.load(self.root / _SEGMENTS / name)
            merged = _Part(name, segment, np.zeros(len(segment.doc_ids), dtype=bool), None)
            parts = [p for i, p in enumerate(parts) if i not in plan] + [merged]
        return parts

    def _publish(self, parts: list[_Part], fingerprint: int) -> None:
        """Write the removal files the parts need, then the manifest naming them (atomically)."""
        self.root.mkdir(parents=True, exist_ok=True)
        previous = self._manifest()
        generation = (previous or {}).get("generation", 0) + 1
        entries = []
        for part in parts:
            assert part.name is not None, "only written segments are published"
            deleted_file = part.deleted_file
            if deleted_file is None and part.deleted.any():
                folder = self.root / _SEGMENTS / part.name
                deleted_file = f"deleted-{generation}.npy"
                temporary = folder / f".{deleted_file}.partial"
                with temporary.open("wb") as handle:
                    np.save(handle, np.flatnonzero(part.deleted).astype(np.int32))
                    handle.flush()
                    os.fsync(handle.fileno())
                os.rename(temporary, folder / deleted_file)
                sync_directory(folder)
            entries.append({"name": part.name, "deleted": deleted_file, "passages": part.live})
        manifest = {
            "format": format_key(),
            "generation": generation,
            "fingerprint": f"{fingerprint:032x}",
            "passages": sum(part.live for part in parts),
            "segments": entries,
        }
        temporary = self.root / f".{MANIFEST_FILE}.partial"
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(manifest, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.root / MANIFEST_FILE)
        sync_directory(self.root)


def merge_plan(live: Sequence[int], rows: Sequence[int]) -> list[int] | None:
    """Which segments to merge next, by their live and total passages; None: none.

    Tiered: a segment's tier is how many times MERGE_FACTOR its live passages exceed
    TIER_BASE; MERGE_FACTOR segments of one tier become one of the next, so each passage is
    rewritten about log(N / TIER_BASE) times and a query touches a few segments per tier.
    """
    for i, (alive, total) in enumerate(zip(live, rows, strict=True)):
        if total and (total - alive) / total > MAX_REMOVED_SHARE:
            return [i]
    tiers: dict[int, list[int]] = {}
    for i, alive in enumerate(live):
        tier = 0
        while alive >= TIER_BASE * MERGE_FACTOR ** (tier + 1):
            tier += 1
        tiers.setdefault(tier, []).append(i)
    for tier in sorted(tiers):
        if len(tiers[tier]) >= MERGE_FACTOR:
            return sorted(tiers[tier], key=lambda i: live[i])[:MERGE_FACTOR]
    if len(live) > MAX_SEGMENTS:
        return sorted(range(len(live)), key=lambda i: live[i])[:MERGE_FACTOR]
    return None


def _digest(segment: Segment) -> int:
    return segment.digest(np.arange(len(segment.doc_ids)))


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
