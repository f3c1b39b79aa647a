"""Reading gold files (eval/README.md): one JSON object per line, one line per document.

Kept free of any extraction logic so that search and question evaluations can reuse it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pkgraph.errors import PkgraphError


class GoldFormatError(PkgraphError):
    """A gold file is unreadable or malformed; the message names the file and line."""

    def __init__(self, path: Path, line: int | None, reason: str) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class GoldDocument:
    """The annotations of one document: ``facts[type]`` is the list for that item type."""

    file: str
    doc_type: str | None
    facts: dict[str, list[Any]] = field(default_factory=dict)
    line: int = 0

    def items(self, item_type: str) -> list[Any]:
        return self.facts.get(item_type) or []


def read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-empty line of a JSONL file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFormatError(path, None, f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise GoldFormatError(path, None, "not UTF-8 text") from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(path, number, f"invalid JSON: {exc.msg}") from exc
        if not isinstance(value, dict):
            raise GoldFormatError(path, number, "each line must be a JSON object")
        rows.append((number, value))
    return rows


def read_gold(path: Path) -> list[GoldDocument]:
    """The documents of a gold facts file, in file order."""
    documents = []
    for number, row in read_jsonl(path):
        name = row.get("file")
        if not isinstance(name, str) or not name:
            raise GoldFormatError(path, number, 'missing "file" (the document\'s file name)')
        facts = {key: value for key, value in row.items() if isinstance(value, list)}
        documents.append(GoldDocument(name, row.get("doc_type"), facts, number))
    return documents
