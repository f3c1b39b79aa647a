"""Which files a command reads when it is given files and folders, and what each is called.

A document's identity is its path relative to the folder it was found in (a file given by
itself: its name), written with ``/``: copying a corpus elsewhere and ingesting it again
changes nothing, and no machine's local path reaches the graph or the pages.
Everything in a folder that is not read is reported with the reason, never dropped silently.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pkgraph.ingest.readers import SUPPORTED_SUFFIXES


@dataclass(frozen=True)
class InputFile:
    path: Path
    #: The document's identity: relative path inside the folder given (or the file's name).
    source: str


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


@dataclass
class InputSelection:
    files: list[InputFile] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)


def _printable(path: str) -> str:
    """A path whose name is not valid UTF-8, with the bad bytes shown as escapes."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _name_problem(relative: str) -> str | None:
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        return "file name is not valid UTF-8 (rename the file)"
    return None


def _walk_folder(root: Path, selection: InputSelection) -> None:
    """Every file under ``root``, following links to folders but never into a loop."""
    seen: set[tuple[int, int]] = set()
    pending = [root]
    found: list[tuple[str, Path]] = []
    while pending:
        folder = pending.pop()
        try:
            stat = folder.stat()
        except OSError as exc:
            selection.skipped.append(SkippedFile(_printable(str(folder)), f"unreadable: {exc}"))
            continue
        if (stat.st_dev, stat.st_ino) in seen:
            selection.skipped.append(SkippedFile(_printable(str(folder)), "link loop: visited"))
            continue
        seen.add((stat.st_dev, stat.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            selection.skipped.append(SkippedFile(_printable(str(folder)), f"unreadable: {exc}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=True):
                pending.append(path)
            elif entry.is_file(follow_symlinks=True):
                found.append((path.relative_to(root).as_posix(), path))
            elif entry.is_symlink():
                selection.skipped.append(SkippedFile(_printable(entry.path), "dangling link"))
            else:
                selection.skipped.append(SkippedFile(_printable(entry.path), "not a regular file"))
    for relative, path in sorted(found):
        _add_file(path, relative, selection)


def _add_file(path: Path, source: str, selection: InputSelection) -> None:
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        supported = " ".join(sorted(SUPPORTED_SUFFIXES))
        reason = f"unsupported type {path.suffix or '(none)'!r} (supported: {supported})"
        selection.skipped.append(SkippedFile(_printable(str(path)), reason))
        return
    problem = _name_problem(source)
    if problem is not None:
        selection.skipped.append(SkippedFile(_printable(str(path)), problem))
        return
    selection.files.append(InputFile(path, source))


def _without_twins(selection: InputSelection) -> InputSelection:
    """Two files of one run with one identity (``a/x.txt`` given beside a folder holding
    ``x.txt``) would overwrite each other: the later ones are skipped."""
    first: dict[str, InputFile] = {}
    unique: list[InputFile] = []
    for item in selection.files:
        earlier = first.setdefault(item.source, item)
        if earlier is item:
            unique.append(item)
        else:
            reason = f"same identity {item.source!r} as {_printable(str(earlier.path))}"
            selection.skipped.append(SkippedFile(_printable(str(item.path)), reason))
    selection.files = unique
    return selection


def select_input_files(paths: Iterable[Path]) -> InputSelection:
    """Folders expanded (recursively, sorted by relative path); files given are passed on
    whatever their type, so that reading them reports the problem."""
    selection = InputSelection()
    for path in paths:
        if path.is_dir():
            _walk_folder(path, selection)
        else:
            problem = _name_problem(path.name)
            if problem is None:
                selection.files.append(InputFile(path, path.name))
            else:
                selection.skipped.append(SkippedFile(_printable(str(path)), problem))
    return _without_twins(selection)
