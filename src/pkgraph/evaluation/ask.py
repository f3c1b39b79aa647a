"""``pkgraph eval ask``: how good the answers of ``/ask`` are, as a user sees them.

The answer is the ranked list the endpoint returns (``Answer.items``: facts and passages in
one order).
Over the same stores as ``eval search`` (DIR + ``--pool`` distractors, plus the graph) each
question is answered by :func:`pkgraph.ask.answer_question`, the function behind ``/ask``, and
scored:

- fact-hit@1 / fact-hit@5: one of the first 1 / 5 facts comes from the question's file and its
  evidence (the quote and the sentence it stands in, as the answer shows it) or its values
  contain an answer snippet (whitespace-normalised);
- answer MRR@10: reciprocal rank of the first item of the whole list (fact or passage) from the
  question's file whose quote or passage text contains an answer snippet;
- share of questions answered without any fact, and p50/p95 latency per question (stores open,
  model and BM25 loaded before timing, as in a running server).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from pkgraph.ask import Answer, answer_question
from pkgraph.evaluation.search import (
    EvalPool,
    Question,
    build_pool,
    contains_answer,
    first_hit_rank,
    format_pool,
    load_questions,
    normalize_space,
)
from pkgraph.graph.store import GraphStore
from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings

FACT_CUTOFFS = (1, 5)


def _file_of(document_iri: str, pool: EvalPool) -> str | None:
    """The DIR file name of a document IRI (``.../id/document/<doc id>``); None for distractors."""
    return pool.files.get(document_iri.rstrip("/").rsplit("/", 1)[-1])


def _fact_hits(answer: Answer, question: Question, pool: EvalPool) -> list[bool]:
    """Per fact: from the question's file, with an answer snippet in its quote or its values."""
    hits: list[bool] = []
    for fact in answer.facts:
        values = " ".join(str(v) for v in (fact.summary, *fact.details.values()) if v is not None)
        text = normalize_space(f"{fact.source.sentence} {fact.source.quote} {values}")
        own = _file_of(fact.source.document, pool) in question.files
        hits.append(own and contains_answer(text, question))
    return hits


def _item_hits(answer: Answer, question: Question, pool: EvalPool) -> list[bool]:
    """The ranked answer a user sees (``answer.items``: facts and passages in the endpoint's
    order): an item is relevant if its quote or text (a fact's values) has a snippet."""
    items = [(item.document, f"{item.quote} {item.text}") for item in answer.items]
    return [
        _file_of(document, pool) in question.files
        and contains_answer(normalize_space(text), question)
        for document, text in items
    ]


def score_answers(
    fact_hits: Sequence[Sequence[bool]],
    item_hits: Sequence[Sequence[bool]],
    seconds: Sequence[float],
    k: int = 10,
) -> dict[str, float]:
    """The ask metrics from per-question fact relevance, item relevance and latency."""
    total = len(fact_hits) or 1
    metrics = {
        f"fact_hit@{cut}": sum(1 for hits in fact_hits if any(hits[:cut])) / total
        for cut in FACT_CUTOFFS
    }
    ranks = [first_hit_rank(hits, k) for hits in item_hits]
    metrics[f"answer_mrr@{k}"] = sum(1.0 / r for r in ranks if r is not None) / total
    metrics["no_fact_share"] = sum(1 for hits in fact_hits if not hits) / total
    millis = np.asarray(seconds or [0.0]) * 1000.0
    metrics["p50_ms"] = float(np.percentile(millis, 50))
    metrics["p95_ms"] = float(np.percentile(millis, 95))
    return {name: round(value, 4) for name, value in metrics.items()}


def evaluate_ask(
    docs_dir: Path,
    questions_file: Path,
    settings: Settings,
    k: int = 10,
    pool_dirs: Sequence[Path] = (),
) -> dict[str, Any]:
    """Build (or reuse) graph and index over ``docs_dir`` + pools; answer and score questions."""
    questions = load_questions(questions_file)
    pool = build_pool(docs_dir, pool_dirs, settings, with_graph=True)
    fact_hits: list[list[bool]] = []
    item_hits: list[list[bool]] = []
    seconds: list[float] = []
    with (
        GraphStore.open(pool.settings, read_only=True) as graph,
        SearchIndex.open(pool.settings) as index,
    ):
        index.warm_up()
        for question in questions:
            started = time.perf_counter()
            answer = answer_question(question.question, pool.settings, graph=graph, index=index)
            seconds.append(time.perf_counter() - started)
            fact_hits.append(_fact_hits(answer, question, pool))
            item_hits.append(_item_hits(answer, question, pool))
    return {
        "questions": len(questions),
        "pool": pool.summary(),
        "model": settings.embedding_model,
        "method": settings.search_method,
        "metrics": score_answers(fact_hits, item_hits, seconds, k),
    }


def format_report(result: dict[str, Any]) -> str:
    """One line per metric under the pool size."""
    lines = [format_pool(result) + f"; model {result['model']}, search {result['method']}"]
    lines += [f"{name:16}{value:>10.3f}" for name, value in result["metrics"].items()]
    return "\n".join(lines)
