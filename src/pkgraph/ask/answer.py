"""The whole answer: read the question, search, pull the facts of what was found, rank."""

from __future__ import annotations

from pkgraph.ask.facts import read_facts
from pkgraph.ask.linking import link_entities
from pkgraph.ask.passages import find_passages
from pkgraph.ask.question import (
    asked_body_kinds,
    asks_for_day,
    content_stems,
    detect_asks,
    detect_intents,
    expand_abbreviations,
)
from pkgraph.ask.ranking import Question, merge, rank_facts, with_reasons
from pkgraph.ask.records import INTENTS, Answer, Intent
from pkgraph.errors import QueryError
from pkgraph.graph.store import GraphStore
from pkgraph.search.analysis import analyze
from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings

#: Fact kinds that state what a question word asks for, when no kind is named.
_KINDS_FOR_ASK: dict[str, tuple[Intent, ...]] = {
    "who": ("person", "decision"),
    "when": ("decision", "event", "participation"),
    "amount": ("funding",),
    "where": ("event",),
    "places": ("participation",),
    "vote": ("decision",),
    "organisation": ("organisation",),
    "count": ("count",),
}


def _entity_kinds(intents: tuple[Intent, ...], asks: tuple[str, ...]) -> tuple[Intent, ...]:
    """The kinds worth reading by entity: named ones, else what the question word wants."""
    if intents:
        return intents
    wanted = {kind for ask in asks for kind in _KINDS_FOR_ASK[ask]}
    return tuple(kind for kind in INTENTS if kind in wanted)


def answer_question(
    question: str,
    settings: Settings,
    *,
    graph: GraphStore | None = None,
    index: SearchIndex | None = None,
) -> Answer:
    """Evidence for a German question, best first. ``graph``/``index``: open stores to reuse
    (the API's); otherwise they are opened here.

    Two search-index calls (BM25 + one query embedding) and at most three SPARQL queries
    (candidate facts, their values; the labels for linking once per read-only store).
    """
    if not question.strip():
        raise QueryError("question", "is empty")
    if graph is None:
        with GraphStore.open(settings, read_only=True) as own_graph:
            return answer_question(question, settings, graph=own_graph, index=index)
    expanded = expand_abbreviations(question)
    intents = detect_intents(expanded)
    asks = detect_asks(question)
    entities = link_entities(expanded, graph)
    stems = content_stems(expanded, entities)
    passages = with_reasons(find_passages(expanded, settings, stems, graph=graph, index=index))
    named = [e.iri for e in entities if e.iri]
    candidates = read_facts(
        graph, [p.passage for p in passages], named, _entity_kinds(intents, asks)
    )
    tokens = frozenset(analyze(expanded))
    asked = Question(
        intents, asks, entities, tokens, asked_body_kinds(question), asks_for_day(question)
    )
    facts = rank_facts(candidates, asked, passages)
    items = merge(facts, passages)
    return Answer(question, intents, entities, tuple(facts), tuple(passages), tuple(items), asks)
