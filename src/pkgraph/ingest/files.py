"""Which files a command reads when it is given files and folders."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pkgraph.ingest.readers import SUPPORTED_SUFFIXES


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders (recursively, supported suffixes only, sorted); pass files through."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
        else:
            yield path
