"""What a harvest run did, for the terminal, ``--json`` and the state of the system."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class HarvestReport:
    system: str = ""
    name: str | None = None
    since: str | None = None  # the modified_since sent; None: a full walk
    started: str = ""
    complete: bool = False  # every list walked to its end (the next run can be incremental)
    stored: Counter[str] = field(default_factory=Counter)  # new or changed objects per type
    unchanged: int = 0  # listed objects whose stored version was current
    deleted: int = 0  # stored objects removed because the server reports them deleted
    tombstones: int = 0  # deleted objects listed (stored or not)
    documents: Counter[str] = field(default_factory=Counter)  # added/replaced/unchanged/removed
    files_fetched: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.complete and not self.failures

    @property
    def objects_seen(self) -> int:
        return sum(self.stored.values()) + self.unchanged + self.tombstones

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "name": self.name,
            "since": self.since,
            "started": self.started,
            "complete": self.complete,
            "stored": dict(sorted(self.stored.items())),
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "tombstones": self.tombstones,
            "documents": dict(sorted(self.documents.items())),
            "files_fetched": self.files_fetched,
            "failures": [{"url": url, "reason": reason} for url, reason in self.failures],
            "requests": self.requests,
            "retries": self.retries,
            "seconds": round(self.seconds, 2),
            "objects_per_second": round(self.objects_seen / self.seconds, 1) if self.seconds else 0,
            "documents_per_second": (
                round(self._documents_processed / self.seconds, 2) if self.seconds else 0
            ),
        }

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> HarvestReport:
        """The report :meth:`to_dict` gave (a run inside a service, sent back as JSON)."""
        return cls(
            system=values["system"],
            name=values["name"],
            since=values["since"],
            started=values["started"],
            complete=values["complete"],
            stored=Counter(values["stored"]),
            unchanged=values["unchanged"],
            deleted=values["deleted"],
            tombstones=values["tombstones"],
            documents=Counter(values["documents"]),
            files_fetched=values["files_fetched"],
            failures=[(f["url"], f["reason"]) for f in values["failures"]],
            requests=values["requests"],
            retries=values["retries"],
            seconds=values["seconds"],
        )

    @property
    def _documents_processed(self) -> int:
        return self.documents["added"] + self.documents["replaced"]

    def format_text(self) -> str:
        stored = ", ".join(f"{n} {kind}" for kind, n in sorted(self.stored.items())) or "none"
        docs = ", ".join(f"{n} {what}" for what, n in sorted(self.documents.items())) or "none"
        since = f"modified since {self.since}" if self.since else "full walk"
        lines = [
            f"{self.name or self.system} ({since}): "
            f"{'complete' if self.complete else 'INCOMPLETE'} in {self.seconds:.1f}s, "
            f"{self.requests} requests ({self.retries} retries)",
            f"  objects stored: {stored}; unchanged {self.unchanged}; "
            f"deleted {self.deleted} (tombstones listed {self.tombstones})",
            f"  documents: {docs}; files fetched {self.files_fetched}",
            f"  failures: {len(self.failures)}",
        ]
        lines += [f"    {url}: {reason}" for url, reason in self.failures]
        return "\n".join(lines)
