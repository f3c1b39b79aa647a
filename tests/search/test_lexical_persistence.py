"""Saved BM25 segments: reopened and updated without a rebuild, rankings identical, never stale."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pkgraph.records import Document, DocumentMetadata, Passage, RepairedText
from pkgraph.search import lexical_store
from pkgraph.search.index import SearchIndex
from pkgraph.search.lexical import LexicalChannels
from pkgraph.search.lexical_store import LexicalStore
from pkgraph.search.segments import Segment
from pkgraph.settings import Settings

QUESTIONS = [
    "Wie viel Geld gab das Land für die Entwicklungskonferenz?",
    "Welche Kommunen nehmen am Landesprogramm teil?",
    "Wer ist für die Entscheidung über das Leitbild zuständig?",
    "Wann wurde das Modellvorhaben gestartet?",
    "Welche Rolle spielen Familienzentren in der Präventionskette?",
    "Praventionsketten Etat Abstimmung",
]


class HashEmbedder:
    """Vectors from text hashes: the dense channel without loading a model."""

    model_id = "test-hash"
    dimension = 8

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest()[:8], np.uint8) for t in texts]
        vectors = np.asarray(rows, dtype=np.float32).reshape(len(texts), self.dimension) + 1.0
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_passages(texts)


@contextmanager
def opened(settings: Settings) -> Iterator[SearchIndex]:
    with SearchIndex.open(settings) as index:
        index._embedder = HashEmbedder()
        yield index


def synthetic_documents(sample_documents: list[Document], count: int = 300) -> list[Document]:
    """``count`` passages (10 a document) recombined from the sample corpus's sentences."""
    rng = random.Random(7)
    sentences = [
        s
        for d in sample_documents
        for p in d.passages
        for s in re.split(r"(?<=[.!?])\s+", p.clean_text)
    ]
    texts = [" ".join(rng.sample(sentences, rng.randint(2, 6))) for _ in range(count)]
    documents = []
    for start in range(0, count, 10):
        doc_id = f"synthetic-{start:04d}"
        chunk, spans, offset = texts[start : start + 10], [], 0
        for i, text in enumerate(chunk):
            spans.append(Passage(doc_id, i, offset, offset + len(text), text, text))
            offset += len(text) + 2
        full = "\n\n".join(chunk)
        documents.append(
            Document(
                doc_id=doc_id,
                source=f"test://{doc_id}",
                format="txt",
                content_hash=doc_id,
                repaired=RepairedText(full, full, tuple(range(len(full) + 1))),
                metadata=DocumentMetadata(),
                passages=tuple(spans),
            )
        )
    return documents


def queries_for(documents: list[Document]) -> list[str]:
    """The fixed questions plus a sentence and a few words of every document."""
    found = list(QUESTIONS)
    for document in documents:
        first = document.passages[0].clean_text
        found.append(re.split(r"(?<=[.!?])\s+", first)[0])
        found.append(" ".join(re.findall(r"\w{7,}", document.passages[-1].clean_text)[:3]))
    return found


def rankings(
    index: SearchIndex,
    queries: list[str],
    allowed: list[str] | None = None,
    methods: tuple[str, ...] = ("lexical", "hybrid"),
) -> list:
    return [index.search(query, 10, method, allowed) for query in queries for method in methods]


def fresh_rankings(
    settings: Settings, documents: list[Document], queries: list[str], **kwargs: Any
) -> list:
    """Rankings of an index built in memory from ``documents``, never saved."""
    with opened(settings) as index:
        for document in documents:
            index.replace_document(document)
        assert not (settings.search_dir / "lexical").exists()
        return rankings(index, queries, **kwargs)


def build_and_save(settings: Settings, documents: list[Document]) -> None:
    with opened(settings) as index:
        for document in documents:
            index.replace_document(document)
        index.save()


@pytest.fixture()
def rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the builds of all channels from the table (each entry: passages built)."""
    counted: list[int] = []
    rebuild = LexicalStore._rebuild

    def count(self: LexicalStore, source: lexical_store.PassageSource) -> list:
        counted.append(source.count())
        return rebuild(self, source)

    monkeypatch.setattr(LexicalStore, "_rebuild", count)
    return counted


def lexical_dir(settings: Settings) -> Path:
    return settings.search_dir / "lexical"


def manifest(settings: Settings) -> dict:
    return json.loads((lexical_dir(settings) / "manifest.json").read_text(encoding="utf-8"))


def segment_names(settings: Settings) -> list[str]:
    return sorted(entry["name"] for entry in manifest(settings)["segments"])


def on_disk(settings: Settings) -> list[str]:
    """Every file and folder under lexical/, relative."""
    root = lexical_dir(settings)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


@pytest.mark.parametrize("corpus", ["sample", "synthetic"])
def test_reopened_rankings_equal_a_fresh_build(
    corpus: str, sample_documents: list[Document], tmp_path: Path, rebuilds: list[int]
) -> None:
    documents = sample_documents if corpus == "sample" else synthetic_documents(sample_documents)
    queries = queries_for(documents)
    saved = Settings.from_env(data_dir=tmp_path / "saved")
    build_and_save(saved, documents)
    expected = fresh_rankings(Settings.from_env(data_dir=tmp_path / "fresh"), documents, queries)
    allowed = [p.passage_id for d in documents[1::2] for p in d.passages]
    expected_allowed = fresh_rankings(
        Settings.from_env(data_dir=tmp_path / "fresh-allowed"), documents, queries, allowed=allowed
    )
    with opened(saved) as reopened:
        assert rankings(reopened, queries) == expected  # ids and float scores, exactly
        assert rankings(reopened, queries, allowed) == expected_allowed
        segment = reopened.backend.lexical.segments[0]
        assert isinstance(segment.channels["words"].tf, np.memmap)
    assert rebuilds == []
    assert sum(len(r) for r in expected) > 10 * len(queries)  # the queries do find passages


def test_channel_scores_are_byte_identical_after_reopen(
    sample_documents: list[Document], fresh_settings: Settings
) -> None:
    build_and_save(fresh_settings, sample_documents)
    with opened(fresh_settings) as index:
        loaded = index.backend.lexical
        rows = index.backend._db.execute(
            "SELECT passage_id, doc_id, text, tokens FROM passages ORDER BY passage_id"
        ).fetchall()
    built = LexicalChannels.build(
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        [r[3].split() for r in rows],
    )
    assert loaded.passage_ids == built.passage_ids == [r[0] for r in rows]
    for query in queries_for(sample_documents):
        mine, theirs = loaded.scores(query), built.scores(query)
        assert all(mine[c].tobytes() == theirs[c].tobytes() for c in theirs), query


def test_changes_add_a_segment_and_mask_old_rows_without_a_rebuild(
    sample_documents: list[Document], tmp_path: Path, rebuilds: list[int]
) -> None:
    first, second, third, *rest = sample_documents
    settings = Settings.from_env(data_dir=tmp_path / "saved")
    build_and_save(settings, sample_documents)
    [old] = segment_names(settings)
    files = {p: p.stat().st_mtime_ns for p in (lexical_dir(settings) / "segments" / old).iterdir()}
    queries = [*queries_for(sample_documents), "Quantenchromodynamik"]
    with opened(settings) as index:
        index.remove_document(first.doc_id)
        index.replace_document(second)  # same content: no change of its own
        index.replace_document(reworded(third))
        changed = rankings(index, queries)  # before saving: pending documents in memory
        index.save()
    assert rebuilds == []
    entries = {entry["name"]: entry for entry in manifest(settings)["segments"]}
    assert old in entries and len(entries) == 2  # the old segment stays, with a removal file
    assert (
        entries[old]["deleted"]
        and (lexical_dir(settings) / "segments" / old / entries[old]["deleted"]).is_file()
    )
    assert all(p.stat().st_mtime_ns == mtime for p, mtime in files.items())  # not rewritten
    expected = fresh_rankings(
        Settings.from_env(data_dir=tmp_path / "fresh"), [second, reworded(third), *rest], queries
    )
    assert changed == expected
    with opened(settings) as reopened:
        assert rankings(reopened, queries) == expected
        assert not any(
            pid.startswith(first.doc_id) for r in rankings(reopened, queries) for pid, _ in r
        )
    assert rebuilds == []


def test_segments_merge_and_a_build_is_chunked(
    sample_documents: list[Document],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rebuilds: list[int],
) -> None:
    documents = synthetic_documents(sample_documents)
    queries = queries_for(documents)
    monkeypatch.setattr(lexical_store, "SEGMENT_PASSAGES", 25)
    settings = Settings.from_env(data_dir=tmp_path / "saved")
    written: list[int] = []
    build = Segment.build

    def counted(rows: list, grams: object) -> Segment:
        written.append(len(rows))
        return build(rows, grams)

    monkeypatch.setattr(Segment, "build", counted)
    with opened(settings) as index:
        for document in documents[:12]:
            index.replace_document(document)
        index.save()  # 120 passages in chunks of 25 (whole documents of 10): 30, 30, 30, 30
        assert written == [30, 30, 30, 30]
        assert len(segment_names(settings)) == 1  # four of one tier merged into one
        for number in range(12, len(documents), 3):  # more saves, each a small segment
            for document in documents[number : number + 3]:
                index.replace_document(document)
            index.save()
            assert len(manifest(settings)["segments"]) < lexical_store.MERGE_FACTOR + 1
        for document in documents[::4]:
            index.remove_document(document.doc_id)
        index.save()
    kept = [d for i, d in enumerate(documents) if i % 4]
    expected = fresh_rankings(Settings.from_env(data_dir=tmp_path / "fresh"), kept, queries)
    with opened(settings) as reopened:
        assert rankings(reopened, queries) == expected
    assert manifest(settings)["passages"] == sum(len(d.passages) for d in kept)
    assert rebuilds == []
    # a build from the table (another format) writes chunk by chunk, never all rows at once
    written.clear()
    (lexical_dir(settings) / "manifest.json").unlink()
    with opened(settings) as reopened:
        assert rankings(reopened, queries) == expected
    assert rebuilds == [sum(len(d.passages) for d in kept)]
    assert written and max(written) < 25 + 10


def test_fingerprint_follows_content_and_is_computed_for_an_old_index(
    sample_documents: list[Document], fresh_settings: Settings
) -> None:
    build_and_save(fresh_settings, sample_documents)
    with opened(fresh_settings) as index:
        fingerprint = index.backend._fingerprint
        for document in reversed(sample_documents):  # re-ingest unchanged, another order
            index.replace_document(document)
        assert index.backend._fingerprint == fingerprint
        index.remove_document(sample_documents[0].doc_id)
        assert index.backend._fingerprint != fingerprint
    with sqlite3.connect(fresh_settings.search_dir / "passages.sqlite") as db:
        db.execute("DELETE FROM search_meta")  # an index written before fingerprints
    with opened(fresh_settings) as index:
        changed = index.backend._fingerprint
        index.replace_document(sample_documents[0])
        assert index.backend._fingerprint == fingerprint != changed


def reworded(document: Document) -> Document:
    """``document`` with the same passages, each ending in a word no other passage has."""
    passages = tuple(
        replace(p, clean_text=f"{p.clean_text} Quantenchromodynamik") for p in document.passages
    )
    return replace(document, passages=passages)


@pytest.mark.parametrize("moment", ["segment folder", "removal file", "manifest", "pending"])
def test_a_crash_while_saving_loses_nothing_and_is_reconciled(
    moment: str,
    sample_documents: list[Document],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rebuilds: list[int],
) -> None:
    settings = Settings.from_env(data_dir=tmp_path / "saved")
    build_and_save(settings, sample_documents)
    before = on_disk(settings)
    changed = [reworded(sample_documents[0]), *sample_documents[1:]]
    crash = {
        "segment folder": ("pkgraph.search.lexical_store.os.rename", ".partial"),
        "removal file": ("pkgraph.search.lexical_store.os.rename", "deleted-"),
        "manifest": ("pkgraph.search.lexical_store.os.replace", "manifest"),
    }
    with monkeypatch.context() as patch, opened(settings) as index:
        if moment == "pending":  # published, but the pending documents not yet cleared
            save = LexicalStore.save

            def published(self: LexicalStore, source: lexical_store.PassageSource) -> None:
                save(self, source)
                raise OSError("killed")

            patch.setattr(LexicalStore, "save", published)
        else:
            target, part = crash[moment]
            real = os.rename if target.endswith("rename") else os.replace

            def dies(source: Path, destination: Path) -> None:
                if part in str(source) or part in str(destination):
                    raise OSError("killed")
                real(source, destination)

            patch.setattr(target, dies)
        index.replace_document(changed[0])  # as many passages as before: only content tells
        with pytest.raises(OSError, match="killed"):
            index.save()  # the passages are committed, the channels are not all written
    if moment != "pending":
        assert set(before) <= set(on_disk(settings))  # the published state is whole
    queries = [*queries_for(sample_documents), "Quantenchromodynamik"]
    lexical = ("lexical",)  # the dense index matches its vectors by id (not this module's part)
    expected = fresh_rankings(
        Settings.from_env(data_dir=tmp_path / "fresh"), changed, queries, methods=lexical
    )
    with opened(settings) as reopened:
        assert rankings(reopened, queries, methods=lexical) == expected  # reconciled
        assert reopened.search("Quantenchromodynamik", 3, "lexical")
        assert not reopened.saved_state().lexical_current or moment == "pending"
        reopened.save()
        assert reopened.saved_state().lexical_current
    assert rebuilds == []
    assert not [p for p in on_disk(settings) if "partial" in p]  # leftovers deleted
    with opened(settings) as reopened:
        assert rankings(reopened, queries, methods=lexical) == expected
        assert not reopened.backend._db.execute("SELECT * FROM lexical_pending").fetchall()
    assert rebuilds == []


@pytest.mark.parametrize(
    "damage", ["truncated matrix", "no manifest", "row deleted outside", "old format"]
)
def test_a_damaged_or_old_index_is_built_again(
    damage: str, sample_documents: list[Document], tmp_path: Path, rebuilds: list[int]
) -> None:
    settings = Settings.from_env(data_dir=tmp_path / "saved")
    build_and_save(settings, sample_documents)
    folder = lexical_dir(settings) / "segments" / segment_names(settings)[0]
    gone = sample_documents[0].passages[0].passage_id
    if damage == "truncated matrix":
        matrix = folder / "grams.rows.npy"
        matrix.write_bytes(matrix.read_bytes()[:100])
    elif damage == "no manifest":
        (lexical_dir(settings) / "manifest.json").unlink()
    elif damage == "old format":  # a set of FORMAT 1 (bm25s matrices), never read again
        shutil.rmtree(lexical_dir(settings))
        (lexical_dir(settings) / "0123abcd" / "words").mkdir(parents=True)
    else:  # another program edited the table: the fingerprint is stale, the count is not
        with sqlite3.connect(settings.search_dir / "passages.sqlite") as db:
            db.execute("DELETE FROM passages WHERE passage_id = ?", [gone])
    with opened(settings) as reopened:
        assert reopened.search("Förderung", 5, "lexical")
        stored = reopened.passage_ids()
        assert rebuilds == [len(stored)] and reopened.backend.lexical.passage_ids == stored
        assert (gone in stored) == (damage != "row deleted outside")
        reopened.save()
    assert on_disk(settings)[0] == "manifest.json" and "0123abcd" not in on_disk(settings)
    with opened(settings) as reopened:  # built once: the next open uses what was built
        assert reopened.search("Förderung", 5, "lexical")
        assert reopened.saved_state().lexical_current
    assert len(rebuilds) == 1


def test_keys_change_with_the_channel_format(monkeypatch: pytest.MonkeyPatch) -> None:
    key = lexical_store.format_key()
    assert lexical_store.format_key() == key
    monkeypatch.setattr(lexical_store, "FORMAT", lexical_store.FORMAT + 1)
    assert lexical_store.format_key() != key


def test_an_emptied_index_saves_and_searches(
    sample_documents: list[Document], fresh_settings: Settings
) -> None:
    build_and_save(fresh_settings, sample_documents)
    with opened(fresh_settings) as index:
        for document in sample_documents:
            index.remove_document(document.doc_id)
        index.save()
    assert manifest(fresh_settings)["segments"] == [] and on_disk(fresh_settings) == [
        "manifest.json",
        "segments",
    ]
    with opened(fresh_settings) as reopened:
        assert len(reopened) == 0
        assert reopened.search("Förderung", 5, "lexical") == []
        assert reopened.saved_state().lexical_current
