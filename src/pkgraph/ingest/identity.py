"""Document identity: a document is its source (a URL, or a path relative to the folder it was
ingested from: pkgraph.ingest.files); its id derives from it."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def source_of(path_or_url: str | Path) -> str:
    """A URL unchanged, a path made absolute and resolved: how data dirs written before
    relative identities named a document (still resolved by ``pkgraph remove``)."""
    text = str(path_or_url)
    if _URL.match(text):
        return text
    return str(Path(text).expanduser().resolve())


def doc_id_for(source: str) -> str:
    """First 16 hex digits of sha256(source): stable across runs and machines for one source."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]
