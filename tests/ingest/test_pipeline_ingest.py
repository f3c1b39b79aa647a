"""Ingest through the whole pipeline (without the search index): identity and bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

from pkgraph.ingest.docstore import DocumentStore
from pkgraph.pipeline import PIPELINE_VERSION, IngestReport, ingest_paths
from pkgraph.settings import Settings


def _ingest(paths: list[Path], settings: Settings) -> IngestReport:
    return ingest_paths(paths, settings, progress=lambda _: None, with_index=False)


def _snapshot(settings: Settings) -> dict[str, str]:
    with DocumentStore.open(settings.documents_db) as docs:
        return {d.source: d.content_hash for d in docs.documents()}


def test_reingest_is_idempotent_and_a_change_replaces_one_document(
    sample_corpus: Path, tmp_path: Path, fresh_settings: Settings
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_corpus, corpus)
    first = _ingest([corpus], fresh_settings)
    assert first.ok and len(first.added) == 5
    before = _snapshot(fresh_settings)

    again = _ingest([corpus], fresh_settings)
    assert (again.added, again.replaced, len(again.unchanged)) == ([], [], 5)
    assert _snapshot(fresh_settings) == before

    changed = corpus / "003_982e31faa310d561.txt"
    changed.write_text(changed.read_text("utf-8") + "\nNachtrag vom 09.07.2015.\n", "utf-8")
    third = _ingest([corpus], fresh_settings)
    assert third.replaced == [changed.name] and len(third.unchanged) == 4
    after = _snapshot(fresh_settings)
    assert {s for s in after if after[s] != before[s]} == {changed.name}
    with DocumentStore.open(fresh_settings.documents_db) as docs:
        assert docs.stats()["documents"] == 5


def test_a_document_from_an_older_pipeline_is_processed_again(
    sample_corpus: Path, fresh_settings: Settings
) -> None:
    path = sample_corpus / "004_0bcc7c8f61a2b24f.txt"
    assert _ingest([path], fresh_settings).added == [path.name]
    with DocumentStore.open(fresh_settings.documents_db) as docs:
        (document,) = docs.documents()
        docs.save(document, "pkgraph-0.0.1/extract-0.0.1")  # as an older version left it

    report = _ingest([path], fresh_settings)
    assert report.replaced == [path.name] and not report.unchanged
    with DocumentStore.open(fresh_settings.documents_db) as docs:
        assert docs.stored_state(path.name) == (document.content_hash, PIPELINE_VERSION)
    assert _ingest([path], fresh_settings).unchanged == [path.name]


def test_bad_files_fail_clearly_and_the_batch_continues(
    sample_corpus: Path, tmp_path: Path, fresh_settings: Settings
) -> None:
    good = sample_corpus / "004_0bcc7c8f61a2b24f.txt"
    assert _ingest([good], fresh_settings).ok
    before = _snapshot(fresh_settings)

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "junk.pdf").write_bytes(bytes(range(256)) * 16)
    (bad / "notes.docx").write_bytes(b"PK")
    legacy = bad / "legacy.txt"
    legacy.write_bytes("Beschlussvorlage\n\nBetreff: Förderung für Kinder\n".encode("cp1252"))
    report = _ingest(
        [bad / "empty.txt", bad / "junk.pdf", bad / "notes.docx", legacy, good], fresh_settings
    )
    assert not report.ok
    failed = dict(report.failed)
    assert set(failed) == {str(bad / n) for n in ("empty.txt", "junk.pdf", "notes.docx")}
    assert report.added == [legacy.name]
    assert report.unchanged == [good.name]
    after = _snapshot(fresh_settings)
    assert {s: h for s, h in after.items() if s in before} == before
