"""The search index in Milvus (Milvus Lite, the real engine): same rankings as the embedded one.

Every test runs the engine for real (``search_url = milvus:engine.db`` under the test's data
dir). Milvus Lite's dense index is exact, so rankings must equal the embedded default's up to
float rounding, with and without filters, after replacing and removing documents, and after
reopening.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from pkgraph.errors import PkgraphError
from pkgraph.extract import extract_document
from pkgraph.records import Document, Extraction
from pkgraph.search.embed import Embedder
from pkgraph.search.index import METHODS, SearchIndex
from pkgraph.search.milvus_store import Engine
from pkgraph.search.ranking import Ranked
from pkgraph.settings import Settings
from tests.conftest import EVAL_DIR
from tests.search.test_lexical_persistence import QUESTIONS, HashEmbedder, synthetic_documents

ENGINE_URL = "milvus:engine.db"
#: Float32 scores computed by two engines (Milvus' BM25 carries a factor k1 + 1).
SCORE_TOLERANCE = 1e-5


def _questions() -> list[str]:
    lines = (EVAL_DIR / "seeds_questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()] + QUESTIONS


@contextmanager
def _opened(settings: Settings, embedder: Embedder) -> Iterator[SearchIndex]:
    with SearchIndex.open(settings) as index:
        index._embedder = embedder
        yield index


Rankings = dict[tuple[str, str], Ranked]


def _fill(
    index: SearchIndex, documents: list[Document], extractions: dict[str, Extraction]
) -> None:
    for document in documents:
        index.replace_document(document, extractions.get(document.doc_id))
    index.save()


def _rankings(index: SearchIndex, queries: list[str], allowed: list[str] | None = None) -> Rankings:
    return {(q, m): index.search(q, 10, m, allowed) for q in queries for m in METHODS}


def _assert_same(expected: Rankings, got: Rankings) -> None:
    assert expected.keys() == got.keys()
    for key, ranked in expected.items():
        assert [pid for pid, _ in got[key]] == [pid for pid, _ in ranked], key
        scores = np.asarray([s for _, s in got[key]]) - np.asarray([s for _, s in ranked])
        assert np.all(np.abs(scores) <= SCORE_TOLERANCE), key


@pytest.fixture(scope="module")
def extractions(sample_documents: list[Document]) -> dict[str, Extraction]:
    return {d.doc_id: extract_document(d) for d in sample_documents}


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory,
    sample_documents: list[Document],
    extractions: dict[str, Extraction],
    embedder: Embedder,
) -> tuple[Settings, Settings]:
    """The sample corpus indexed twice: embedded default, and Milvus."""
    root = tmp_path_factory.mktemp("engine")
    embedded = Settings(data_dir=root / "embedded")
    engine = Settings(data_dir=root / "engine", search_url=ENGINE_URL)
    for settings in (embedded, engine):
        with _opened(settings, embedder) as index:
            _fill(index, sample_documents, extractions)
    return embedded, engine


def test_same_rankings_as_embedded(built: tuple[Settings, Settings], embedder: Embedder) -> None:
    embedded, engine = built
    queries = _questions()
    with _opened(embedded, embedder) as index:
        expected = _rankings(index, queries)
        stored = (index.passage_ids(), index.entities, len(index), index.texts(index.passage_ids()))
    with _opened(engine, embedder) as index:
        ids = index.passage_ids()
        assert (ids, index.entities, len(index), index.texts(ids)) == stored
        _assert_same(expected, _rankings(index, queries))


def test_filters_by_documents_and_passages(
    built: tuple[Settings, Settings], embedder: Embedder
) -> None:
    embedded, engine = built
    queries = _questions()[:8]
    with _opened(embedded, embedder) as index:
        first, second = sorted({pid.rsplit("/", 1)[0] for pid in index.passage_ids()})[:2]
        allowed = index.passage_ids(first) + index.passage_ids(second)[:2]
        expected = _rankings(index, queries, allowed)
        of_documents = index.passages_of({first, second, "unknown"})
    with _opened(engine, embedder) as index:
        assert index.passages_of({first, second, "unknown"}) == of_documents
        assert set(of_documents) == set(index.passage_ids(first) + index.passage_ids(second))
        got = _rankings(index, queries, allowed)
        assert all(pid in allowed for ranked in got.values() for pid, _ in ranked)
        assert any(got.values())
        _assert_same(expected, got)
        assert index.search(queries[0], 5, "hybrid", []) == []
        assert index.search(queries[0], 5, "dense", []) == []


def test_add_replace_remove(
    tmp_path: Path,
    sample_documents: list[Document],
    extractions: dict[str, Extraction],
    embedder: Embedder,
) -> None:
    """Each change reaches every channel: the embedded index, changed alike, ranks the same."""
    first, *rest = sample_documents
    passage = first.passages[0]
    changed = replace(
        first,
        passages=[
            replace(passage, clean_text=passage.clean_text + " Quartiersmanagerin Zwölfling"),
            *first.passages[1:],
        ],
    )
    query = ["Quartiersmanagerin Zwölfling", *_questions()[:4]]
    results = []
    for name, url in (("embedded", ""), ("engine", ENGINE_URL)):
        settings = Settings(data_dir=tmp_path / name, search_url=url)
        with _opened(settings, embedder) as index:
            _fill(index, rest, extractions)
            assert not index.passage_ids(first.doc_id)
            index.replace_document(first, extractions[first.doc_id])  # add
            added = _rankings(index, query)
            index.replace_document(changed, extractions[first.doc_id])
            replaced = _rankings(index, query)
            assert replaced[query[0], "lexical"][0][0] == passage.passage_id
            assert "Zwölfling" in index.texts([passage.passage_id])[passage.passage_id]
            index.remove_document(rest[0].doc_id)
            index.save()
            assert not index.passage_ids(rest[0].doc_id)
            removed = _rankings(index, query)
            assert not any(
                pid.startswith(rest[0].doc_id + "/") for r in removed.values() for pid, _ in r
            )
            results.append((added, replaced, removed, len(index), index.entities))
    (embedded, engine) = results
    for expected, got in zip(embedded[:3], engine[:3], strict=True):
        _assert_same(expected, got)
    assert embedded[3:] == engine[3:]


def test_reopen_gives_identical_rankings(
    tmp_path: Path, sample_documents: list[Document], embedder: Embedder
) -> None:
    """Written rows survive close (also without save) and a restart of the engine."""
    settings = Settings(data_dir=tmp_path, search_url=ENGINE_URL)
    queries = _questions()[:6]
    with _opened(settings, embedder) as index:
        _fill(index, sample_documents[:3], {})
        index.replace_document(sample_documents[3])  # buffered, never saved
        before = _rankings(index, queries)
        ids = index.passage_ids()
    with _opened(settings, embedder) as reopened:
        assert reopened.passage_ids() == ids
        assert _rankings(reopened, queries) == before


def test_bm25_statistics_follow_removals(tmp_path: Path, sample_documents: list[Document]) -> None:
    """300 passages, a third removed: document frequencies and lengths as the embedded index's."""
    documents = synthetic_documents(sample_documents)
    rankings = []
    for name, url in (("embedded", ""), ("engine", ENGINE_URL)):
        with _opened(Settings(data_dir=tmp_path / name, search_url=url), HashEmbedder()) as index:
            _fill(index, documents, {})
            for document in documents[::3]:
                index.remove_document(document.doc_id)
            rankings.append(_rankings(index, QUESTIONS))
    _assert_same(*rankings)


def test_refuses_another_models_collection(
    tmp_path: Path, sample_documents: list[Document], embedder: Embedder
) -> None:
    settings = Settings(data_dir=tmp_path, search_url=ENGINE_URL)
    with _opened(settings, HashEmbedder()) as index:
        _fill(index, sample_documents[:1], {})
    with _opened(settings, embedder) as index:
        with pytest.raises(PkgraphError, match="holds vectors of 'test-hash'"):
            index.replace_document(sample_documents[1])
        assert index.passage_ids() == sorted(p.passage_id for p in sample_documents[0].passages)


def test_engine_urls(tmp_path: Path) -> None:
    assert Engine.parse("milvus:x/engine.db", tmp_path) == Engine(
        str(tmp_path / "x/engine.db"), True
    )
    assert Engine.parse("milvus:///tmp/a.db", tmp_path).uri == "/tmp/a.db"
    server = Engine.parse("http://user:p%40ss@milvus.example:19530", tmp_path)
    assert server == Engine("http://milvus.example:19530", False, "user:p@ss")
    for bad in ("milvus:engine", "ftp://host", "http://"):
        with pytest.raises(PkgraphError, match="search_url"):
            Engine.parse(bad, tmp_path)
