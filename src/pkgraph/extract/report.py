"""``pkgraph extract``: what extraction finds in files, for a user to inspect a document.

Each file goes through the same stages as ingest (read, repair, metadata, extract) without
touching any store; the result is the gold-shaped record of :mod:`pkgraph.extract.items`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pkgraph.errors import IngestError
from pkgraph.extract import extract_document
from pkgraph.extract.items import EXTRA_TYPES, ITEM_TYPES, extraction_items
from pkgraph.ingest import build_document, read_document
from pkgraph.ingest.files import select_input_files
from pkgraph.settings import Settings

Record = dict[str, Any]


def extract_paths(paths: Iterable[Path], settings: Settings) -> Iterator[tuple[Path, Record | str]]:
    """(file, record) for every file under ``paths``; a file that cannot be read gives
    (file, reason) and the rest go on."""
    for item in select_input_files(paths).files:
        path = item.path
        try:
            document = build_document(read_document(path, settings, item.source), settings)
        except IngestError as exc:
            yield path, exc.reason
            continue
        yield path, extraction_items(extract_document(document), file=path.name)


def _describe(item_type: str, item: Any) -> str:
    if not isinstance(item, dict):
        return str(item)
    if item_type == "decisions":
        vote = item["vote"]
        votes = f", vote {vote['yes']}/{vote['no']}/{vote['abstain']}" if vote else ""
        return f"{item['body_entity']} on {item['date'] or '?'}: {item['kind']}{votes}"
    if item_type == "funding":
        year = f" ({item['year']})" if item["year"] else ""
        parties = f"from {item['funder'] or '?'} to {item['recipient'] or '?'}"
        return f"{item['amount_text']} {parties}{year}"
    if item_type == "participations":
        since = f" since {item['since']}" if item["since"] else ""
        return f"{item['municipality']} in {item['program']}{since}"
    if item_type == "events":
        place = f" at {item['place']}" if item["place"] else ""
        return f"{item['name']} on {item['date'] or '?'}{place}"
    if item_type == "persons":
        role = ", ".join(v for v in (item["role"], item["organisation"]) if v)
        return f"{item['name']}{f' ({role})' if role else ''}"
    if item_type == "bodies":
        return f"{item['name']} [{item['kind']}]"
    if item_type == "quantities":
        return f"{item['value']:g} {item['counted']}"
    if item_type == "municipalities":
        return f"{item['name']} ({item['ags']}, {item['role']})"
    return str(item["name"])


def format_summary(record: Record) -> str:
    """A readable summary of one document's record: type, then one line per item."""
    lines = [f"{record['file']} ({record['doc_type'] or 'type unknown'})"]
    for item_type in (*ITEM_TYPES, *EXTRA_TYPES):
        items = record[item_type]
        if items:
            lines.append(f"  {item_type} ({len(items)})")
            lines.extend(f"    - {_describe(item_type, item)}" for item in items)
    return "\n".join(lines)
