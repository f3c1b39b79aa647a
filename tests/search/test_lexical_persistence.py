"""Saved BM25 channels: reopened without a rebuild, rankings byte-identical, never stale."""

from __future__ import annotations

import hashlib
import random
import re
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
def no_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    """Building the channels from tokens fails: they must come from the saved files."""

    def refuse(*_args: object) -> LexicalChannels:
        raise AssertionError("lexical channels rebuilt although saved ones match")

    monkeypatch.setattr(LexicalChannels, "build", refuse)


def saved_sets(settings: Settings) -> list[str]:
    return sorted(p.name for p in (settings.search_dir / "lexical").iterdir())


@pytest.mark.parametrize("corpus", ["sample", "synthetic"])
def test_reopened_rankings_equal_a_fresh_build(
    corpus: str, sample_documents: list[Document], tmp_path: Path, request: pytest.FixtureRequest
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
    request.getfixturevalue("no_rebuild")
    with opened(saved) as reopened:
        assert rankings(reopened, queries) == expected  # ids and float scores, exactly
        assert rankings(reopened, queries, allowed) == expected_allowed
        words = reopened.backend.lexical.words.bm25
        assert words is not None and isinstance(words.scores["data"], np.memmap)
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
    assert loaded.words.bm25 is not None and isinstance(loaded.words.bm25.scores["data"], np.memmap)
    assert loaded.passage_ids == built.passage_ids
    assert loaded.documents.passage_ids == built.documents.passage_ids
    assert np.array_equal(loaded.document_of, built.document_of)
    for query in queries_for(sample_documents):
        mine, theirs = loaded.scores(query), built.scores(query)
        assert all(mine[c].tobytes() == theirs[c].tobytes() for c in theirs), query


def test_save_after_changes_replaces_the_set_and_reopen_matches(
    sample_documents: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, *rest = sample_documents
    settings = Settings.from_env(data_dir=tmp_path / "saved")
    build_and_save(settings, sample_documents)
    before = saved_sets(settings)
    with opened(settings) as index:
        index.remove_document(first.doc_id)
        index.replace_document(second)  # same content: no change of its own
        index.save()
        key = index.backend._lexical_key
    assert saved_sets(settings) == [key] != before  # the old set is gone
    queries = queries_for(sample_documents)
    expected = fresh_rankings(
        Settings.from_env(data_dir=tmp_path / "fresh"), [second, *rest], queries
    )
    monkeypatch.setattr(LexicalChannels, "build", None)  # a rebuild would fail
    with opened(settings) as reopened:
        assert rankings(reopened, queries) == expected
        assert not any(
            pid.startswith(first.doc_id) for r in rankings(reopened, queries) for pid, _ in r
        )


def test_fingerprint_follows_content_and_is_computed_for_an_old_index(
    sample_documents: list[Document], fresh_settings: Settings
) -> None:
    build_and_save(fresh_settings, sample_documents)
    with opened(fresh_settings) as index:
        key = index.backend._lexical_key
        for document in reversed(sample_documents):  # re-ingest unchanged, another order
            index.replace_document(document)
        assert index.backend._lexical_key == key
        index.remove_document(sample_documents[0].doc_id)
        assert index.backend._lexical_key != key
    with sqlite3.connect(fresh_settings.search_dir / "passages.sqlite") as db:
        db.execute("DELETE FROM search_meta")  # an index written before fingerprints
    with opened(fresh_settings) as index:
        changed = index.backend._lexical_key
        index.replace_document(sample_documents[0])
        assert index.backend._lexical_key == key != changed


def reworded(document: Document) -> Document:
    """``document`` with the same passages, each ending in a word no other passage has."""
    passages = tuple(
        replace(p, clean_text=f"{p.clean_text} Quantenchromodynamik") for p in document.passages
    )
    return replace(document, passages=passages)


def test_crash_before_the_channels_are_written_falls_back_to_a_rebuild(
    sample_documents: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings.from_env(data_dir=tmp_path / "saved")
    build_and_save(settings, sample_documents)
    stale = saved_sets(settings)
    changed = [reworded(sample_documents[0]), *sample_documents[1:]]

    def crash(self: LexicalStore, channels: LexicalChannels, key: str) -> None:
        (self.root / f".{key}.partial").mkdir()  # half written, never renamed
        raise OSError("disk full")

    with monkeypatch.context() as patch, opened(settings) as index:
        patch.setattr(LexicalStore, "save", crash)
        index.replace_document(changed[0])  # as many passages as before: only the key tells
        with pytest.raises(OSError, match="disk full"):
            index.save()  # the passages are committed, the channels are not
    assert stale[0] in saved_sets(settings)
    queries = [*queries_for(sample_documents), "Quantenchromodynamik"]
    # lexical only: the dense index matches its vectors by passage id (not this module's part)
    lexical = ("lexical",)
    expected = fresh_rankings(
        Settings.from_env(data_dir=tmp_path / "fresh"), changed, queries, methods=lexical
    )
    with opened(settings) as reopened:
        assert (
            rankings(reopened, queries, methods=lexical) == expected
        )  # rebuilt, not the stale set
        assert reopened.search("Quantenchromodynamik", 3, "lexical")
        reopened.save()  # writes the set of the committed passages, drops the rest
        assert saved_sets(settings) == [reopened.backend._lexical_key]
    with opened(settings) as reopened:
        monkeypatch.setattr(LexicalChannels, "build", None)
        assert rankings(reopened, queries, methods=lexical) == expected


@pytest.mark.parametrize("damage", ["truncated matrix", "no manifest", "row deleted outside"])
def test_a_damaged_set_is_rebuilt(
    damage: str, sample_documents: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings.from_env(data_dir=tmp_path / "saved")
    build_and_save(settings, sample_documents)
    folder = settings.search_dir / "lexical" / saved_sets(settings)[0]
    gone = sample_documents[0].passages[0].passage_id
    if damage == "truncated matrix":
        matrix = folder / "grams" / "data.csc.index.npy"
        matrix.write_bytes(matrix.read_bytes()[:100])
    elif damage == "no manifest":
        (folder / "manifest.json").unlink()
    else:  # another program edited the table: the fingerprint is stale, the count is not
        with sqlite3.connect(settings.search_dir / "passages.sqlite") as db:
            db.execute("DELETE FROM passages WHERE passage_id = ?", [gone])
    builds: list[int] = []
    build = LexicalChannels.build

    def counted(*args: list) -> LexicalChannels:
        builds.append(len(args[0]))
        return build(*args)

    monkeypatch.setattr(LexicalChannels, "build", counted)
    with opened(settings) as reopened:
        assert reopened.search("Förderung", 5, "lexical")
        stored = reopened.passage_ids()
        assert builds == [len(stored)] and reopened.backend.lexical.passage_ids == stored
        assert (gone in stored) == (damage != "row deleted outside")


def test_keys_change_with_the_channel_format(monkeypatch: pytest.MonkeyPatch) -> None:
    key = lexical_store.channel_key(12345)
    assert lexical_store.channel_key(12345) == key != lexical_store.channel_key(12346)
    monkeypatch.setattr(lexical_store, "FORMAT", lexical_store.FORMAT + 1)
    assert lexical_store.channel_key(12345) != key


def test_an_emptied_index_saves_and_searches(
    sample_documents: list[Document], fresh_settings: Settings
) -> None:
    build_and_save(fresh_settings, sample_documents)
    with opened(fresh_settings) as index:
        for document in sample_documents:
            index.remove_document(document.doc_id)
        index.save()
    assert saved_sets(fresh_settings) == []
    with opened(fresh_settings) as reopened:
        assert len(reopened) == 0
        assert reopened.search("Förderung", 5, "lexical") == []
