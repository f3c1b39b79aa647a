"""The search threads of a read-only service hold the vectors once; a writing service's one
thread keeps an index of its own (issue 16: two threads at 1M passages were 10.4 GB RSS)."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from typing import Any

from pkgraph.search.embedded import EmbeddedBackend
from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings
from pkgraph_api.search_runner import SearchRunner
from tests.search.ranking_checks import same_rankings

QUESTIONS = [
    "Wie hoch war die Förderung für den Kreis Unna?",
    "Welche Kommunen nehmen an Kein Kind zurücklassen teil?",
    "Entwicklungskonferenz Leohaus Olfen",
]
METHODS = ("lexical", "dense", "hybrid")


def rankings(index: SearchIndex) -> list:
    return [index.search(q, 10, m) for q in QUESTIONS for m in METHODS]


def started(settings: Settings) -> SearchRunner:
    runner = SearchRunner(settings)
    runner.warm_up()
    while not runner.ready:
        assert runner.failure is None, runner.failure
        threading.Event().wait(0.01)
    return runner


def on_every_thread(runner: SearchRunner) -> list[dict[str, Any]]:
    """What each search thread's index holds, one job per thread (all wait for each other)."""
    barrier = threading.Barrier(runner.threads, timeout=60)

    def look(index: SearchIndex) -> dict[str, Any]:
        backend = index.backend
        assert isinstance(backend, EmbeddedBackend)
        barrier.wait()  # so that no thread takes two jobs
        return {
            "thread": threading.get_ident(),
            "dense": backend.dense,
            "lexical": backend.lexical,
            "db": backend._db,
            "rankings": rankings(index),
        }

    async def run() -> list[dict[str, Any]]:
        return list(await asyncio.gather(*(runner.run(look) for _ in range(runner.threads))))

    return asyncio.run(run())


def test_the_threads_of_a_read_only_service_share_one_faiss_index(sample_build: Settings) -> None:
    with SearchIndex.open(sample_build) as alone:
        expected = rankings(alone)
    runner = started(replace(sample_build, search_threads=2, api_token=""))
    try:
        first, second = on_every_thread(runner)
    finally:
        runner.close()
    assert first["thread"] != second["thread"]
    assert first["db"] is not second["db"]  # SQLite stays per thread
    assert first["dense"] is second["dense"] and first["dense"].shared
    assert first["dense"]._index is second["dense"]._index  # one faiss object
    assert first["lexical"] is second["lexical"]  # one mapping of the BM25 segments
    assert same_rankings(first["rankings"], expected)
    assert same_rankings(second["rankings"], expected)


def test_a_writing_service_never_shares_its_index(sample_build: Settings) -> None:
    reader = started(replace(sample_build, search_threads=1, api_token=""))
    writer = started(replace(sample_build, search_threads=2, api_token="a-token"))
    try:
        assert writer.threads == 1 and not writer.shared and reader.shared
        [read] = on_every_thread(reader)
        [written] = on_every_thread(writer)
    finally:
        writer.close()
        reader.close()
    assert read["dense"].shared and not written["dense"].shared
    assert written["dense"] is not read["dense"]
    assert written["dense"]._index is not read["dense"]._index
    assert written["lexical"] is not read["lexical"]
    assert written["rankings"] == read["rankings"]
