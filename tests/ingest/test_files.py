"""What a folder ingest reads, what it skips and says why, and what each document is called."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pkgraph.ingest.files import select_input_files


def _reasons(folder: Path) -> dict[str, str]:
    selection = select_input_files([folder])
    return {Path(s.path).name: s.reason for s in selection.skipped}


def test_identity_is_the_path_inside_the_folder(sample_corpus: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_corpus, corpus / "sub")
    (corpus / "top.txt").write_text("Präventionskette", encoding="utf-8")
    selection = select_input_files([corpus, corpus / "sub" / "000_926e73689645af8e.txt"])
    names = sorted(p.name for p in sample_corpus.iterdir())
    # the file given by itself is called by its name: another identity, so it is read too
    assert [f.source for f in selection.files] == [
        *(f"sub/{name}" for name in names),
        "top.txt",
        "000_926e73689645af8e.txt",
    ]


def test_every_file_not_read_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("Text", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK")
    (folder / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (folder / "loop").symlink_to(folder)
    bad_name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes: not a UTF-8 file name
    (folder / bad_name).write_text("Text", encoding="utf-8")
    selection = select_input_files([folder])
    assert [f.source for f in selection.files] == ["ok.txt"]
    reasons = {Path(s.path).name: s.reason for s in selection.skipped}
    assert reasons["notes.docx"].startswith("unsupported type '.docx'")
    assert reasons["gone.txt"] == "dangling link"
    assert reasons["loop"] == "link loop: visited"
    assert "not valid UTF-8" in reasons["caf\\xe9.txt"]


def test_two_files_with_one_identity_are_not_both_read(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.txt").write_text(f"Text {name}", encoding="utf-8")
    selection = select_input_files([tmp_path / "a", tmp_path / "b"])
    assert [f.path.parent.name for f in selection.files] == ["a"]
    assert "same identity 'x.txt'" in selection.skipped[0].reason


def test_the_exit_code_counts_skipped_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("Die Stadt Hamm baut eine Präventionskette auf.", "utf-8")
    (folder / "a.docx").write_bytes(b"PK")
    (folder / "b.odt").write_bytes(b"PK")
    run = subprocess.run(
        [sys.executable, "-m", "pkgraph.cli", "ingest", str(folder), "--no-index"],
        env={**os.environ, "PKGRAPH_DATA_DIR": str(tmp_path / "data")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2, run.stderr
    assert "skipped 2" in run.stdout and "a.docx: unsupported type" in run.stderr
    assert "Traceback" not in run.stderr
