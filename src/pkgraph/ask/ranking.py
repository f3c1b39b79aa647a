"""One ranking for facts and passages: what answers the question comes first.

A passage scores by its search rank (``1 / rank``). A fact has a **weight**, how well it
answers:

- whether it is what the question asks for: a value the question word wants (a person for
  "wer", a date for "wann", an amount for "wie viel", a place for "wo", municipalities for
  "welche Kommunen", a body of the named kind for "welche Hochschule", a stated count for
  "wie viele"), or — when the question word wants nothing in particular — a fact kind the
  question names;
- how many of the question's word stems its quote and values share;
- whether it names a linked entity (or one the entity stands for) and a year of the question.

The facts list is ordered by weight times ``rank ** -EVIDENCE_DECAY`` of the passage the
evidence lies in (the search already judged that passage; the decay is flat so an exact
answer from the fourth passage beats a fact that merely lies in the first). In the merged
list a fact stands at weight times its passage's score: a fact of weight ``LIFT`` or more
lifts its passage above better-ranked ones, and a strong passage outranks a weak fact. A fact
leads — stands before its passage — only when it states the value the question word asks
for; otherwise its passage comes first and the fact right after it. Every item carries a
German ``reason`` saying which of these chose it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pkgraph.ask.facts import AGENT_DETAILS, DATE_DETAILS, PROGRAM_DETAILS, SUMMARIES, RawFact
from pkgraph.ask.records import (
    AnswerItem,
    Fact,
    Intent,
    LinkedEntity,
    PassageEvidence,
    Source,
    one_line,
)
from pkgraph.graph.store import Value
from pkgraph.search.analysis import analyze

MAX_FACTS = 25
#: below this a fact is not shown: nothing ties it to the question but a low-ranked passage
MIN_FACT_SCORE = 0.05
#: facts of one passage that may rank among the passages (the rest follow them)
LIFTED_PER_PASSAGE = 1
#: the weight a fact needs to rank among the passages (it answers clearly more than its
#: passage); 1.5 let facts that state the asked value from a passage that does not answer push
#: the answering passage down a place (dev and unseen 4–6 measured, docs/SEARCH.md)
LIFT = 1.6
#: facts that may rank among the passages in all
MAX_LIFTED = 3
#: a fact's score is its weight times rank ** -EVIDENCE_DECAY of its passage: flatter than
#: the passages' 1 / rank, so a fact that answers exactly from the fourth passage still
#: beats a fact that merely lies in the first
EVIDENCE_DECAY = 0.5
#: the fact's weight (tuned on the tune half of eval/dev)
W_BASE = 0.5  # a fact that merely lies in the passage: below it
W_WORDS = 0.4  # times the share of the question's words in its quote and values
W_ASKED = 0.6  # it is what the question asks for: above its passage
W_ENTITY = 0.2  # per linked entity it names (at most two count)
W_REACHED = 0.1  # it names what a linked entity stands for (a Kreis's town, a phase)
W_YEAR = 0.2  # a year of the question is the fact's year

KIND_WORDS: dict[Intent, str] = {
    "participation": "Teilnahme",
    "funding": "Förderung",
    "decision": "Beschluss",
    "event": "Veranstaltung",
    "person": "Person",
    "organisation": "Organisation",
    "count": "Anzahl",
}
ASK_WORDS = {
    "who": "wer",
    "when": "wann",
    "amount": "wie viel",
    "where": "wo",
    "places": "welche Kommunen",
    "vote": "wie abgestimmt",
    "organisation": "welche Organisation",
    "count": "wie viele",
}


@dataclass(frozen=True)
class Question:
    """What ranking needs to know of the question."""

    intents: tuple[Intent, ...]
    asks: tuple[str, ...]
    entities: tuple[LinkedEntity, ...]
    #: the question's search tokens (stems, compound parts; ``pkgraph.search.lexical``)
    tokens: frozenset[str]
    #: the kinds of body an organisation question names (none: any body answers)
    body_kinds: frozenset[str] = frozenset()
    #: it asks for a day ("An welchem Tag …"): a year alone does not answer "when"
    wants_day: bool = False


def passage_score(rank: int) -> float:
    return 1.0 / rank


def _answers_ask(fact: RawFact, ask: str, question: Question) -> bool:
    """Whether the fact states what the question word asks for. "Wer" is answered by a
    person, or by a deciding body or a funder unless the question asks for a person
    ("Wer leitet …")."""
    has = fact.values.get
    if ask == "who":
        if fact.kind == "person":
            return True
        return "person" not in question.intents and any(has(n) for n in ("body", "funder"))
    if ask == "when":
        dates = [str(fact.values[n]) for n in DATE_DETAILS if has(n)]
        return any(len(d) == 10 for d in dates) if question.wants_day else bool(dates)
    if ask == "amount":  # a sum, not money named without one ("Fördermitteln des Landes")
        return fact.kind == "funding" and bool(
            has("amount") or re.search(r"\d", fact.text("amountText") or "")
        )
    if ask == "where":
        return bool(has("location") or has("place"))
    if ask == "organisation":
        kind = fact.text("bodyKind")
        return fact.kind == ask and (not question.body_kinds or kind in question.body_kinds)
    if ask == "count":
        return fact.kind == ask
    if ask == "places":
        return fact.kind == "participation"
    if ask == "vote":  # "Mit welcher Mehrheit …": a decision with its votes, not any decision
        votes = (has(n) for n in ("yes", "no", "abstain"))
        return fact.kind == "decision" and any(v is not None for v in votes)
    return False


def _asked(fact: RawFact, question: Question) -> list[str]:
    """What of the question this fact answers. The question word decides when it wants a
    value ("Wann ist die Ministerin …" wants a date, not the minister); the kinds the question
    names count when it does not, or when the fact also has the wanted value."""
    answered = [f"„{ASK_WORDS[a]}“" for a in question.asks if _answers_ask(fact, a, question)]
    if fact.kind in question.intents and (answered or not question.asks):
        answered.insert(0, KIND_WORDS[fact.kind])
    return answered


def _named(fact: RawFact, question: Question) -> list[LinkedEntity]:
    """Linked entities the fact names among its agents and programs."""
    values = {str(fact.values.get(n)) for n in (*AGENT_DETAILS, *PROGRAM_DETAILS)}
    return [e for e in question.entities if e.iri and e.iri in values]


def _year_hit(fact: RawFact, question: Question) -> bool:
    years = {e.label for e in question.entities if e.kind == "year"}
    stated = {str(fact.values[n])[:4] for n in DATE_DETAILS if fact.values.get(n) is not None}
    return bool(years & stated)


@dataclass(frozen=True)
class Scored:
    """A fact's ranking: ``weight`` how well it answers, ``score`` that weighed by where its
    evidence ranks; ``tied`` it names a linked entity; ``leads`` it states the asked value."""

    score: float
    weight: float
    reason: str
    tied: bool
    leads: bool


def score_fact(fact: RawFact, question: Question, ranks: dict[str, int]) -> Scored:
    """How well the fact answers the question, and why (in German)."""
    unranked = len(ranks) + 2
    summary = SUMMARIES[fact.kind](fact)
    words = question.tokens & set(analyze(f"{fact.text('sentence') or ''} {summary}"))
    share = len(words) / len(question.tokens) if question.tokens else 0.0
    rank = ranks.get(fact.text("passage") or "")
    asked = _asked(fact, question)
    named = _named(fact, question)
    reached = bool(fact.via) and not named
    year = _year_hit(fact, question)
    weight = (
        W_BASE
        + W_WORDS * share
        + (W_ASKED if asked else 0.0)
        + W_ENTITY * min(len(named), 2)
        + (W_REACHED if reached else 0.0)
        + (W_YEAR if year else 0.0)
    )
    score = weight * (rank or unranked) ** -EVIDENCE_DECAY
    reasons = []
    if asked:
        reasons.append("beantwortet " + ", ".join(asked))
    if named:
        reasons.append("nennt " + ", ".join(e.label for e in named))
    elif reached:
        via = [e.label for e in question.entities if e.iri in fact.via]
        reasons.append("gehört zu " + ", ".join(via))
    if year:
        reasons.append("passendes Jahr")
    if rank:
        reasons.append(f"Beleg in Suchtreffer {rank}")
    if words:
        reasons.append(f"{len(words)} von {len(question.tokens)} Wortstämmen der Frage")
    leads = any(_answers_ask(fact, a, question) for a in question.asks)
    return Scored(
        round(score, 4), round(weight, 4), "; ".join(reasons), bool(named or fact.via), leads
    )


_HIDDEN = {"passage", "document", "title", "quote", "start", "end", "sentence"}


def _fact(fact: RawFact, scored: Scored) -> Fact:
    values = fact.values
    source = Source(
        passage=str(values["passage"]),
        document=str(values.get("document") or ""),
        title=fact.text("title"),
        quote=str(values["quote"]),
        start=int(values.get("start") or 0),
        end=int(values.get("end") or 0),
        sentence=str(values.get("sentence") or values["quote"]),
    )
    details: dict[str, Value] = {
        k: v for k, v in values.items() if k not in _HIDDEN and v is not None
    }
    return Fact(
        kind=fact.kind,
        iri=fact.iri,
        summary=SUMMARIES[fact.kind](fact),
        details=details,
        source=source,
        score=scored.score,
        link="fact" if scored.tied else "passage",
        reason=scored.reason,
        leads=scored.leads,
        weight=scored.weight,
    )


def rank_facts(
    facts: Sequence[RawFact], question: Question, passages: Sequence[PassageEvidence]
) -> list[Fact]:
    """The facts worth showing, best first (at most ``MAX_FACTS``); a fact without a value
    to state (an event read without name, date or place) is not shown."""
    ranks = {p.passage: p.rank for p in passages}
    scored = [(score_fact(f, question, ranks), f) for f in facts if SUMMARIES[f.kind](f)]
    ordered = sorted(scored, key=lambda pair: (-pair[0].score, pair[1].iri))
    return [
        _fact(fact, score) for score, fact in ordered[:MAX_FACTS] if score.score >= MIN_FACT_SCORE
    ]


def with_reasons(passages: Sequence[PassageEvidence]) -> list[PassageEvidence]:
    """The passages with their score on the common scale and why they are there."""
    return [
        replace(p, reason=f"Suchtreffer {p.rank} für die Frage", score=passage_score(p.rank))
        for p in passages
    ]


def _fact_item(fact: Fact) -> AnswerItem:
    source = fact.source
    return AnswerItem(
        "fact",
        fact.iri,
        fact.score,
        fact.reason,
        fact.summary,
        source.sentence or source.quote,
        source.passage,
        source.document,
        source.title,
    )


def _passage_item(passage: PassageEvidence) -> AnswerItem:
    return AnswerItem(
        "passage",
        passage.passage,
        passage.score,
        passage.reason,
        " … ".join(passage.best_sentences) or one_line(passage.text)[:300],
        passage.text,
        passage.passage,
        passage.document,
        passage.title,
    )


def _placement(fact: Fact, passages: dict[str, PassageEvidence]) -> float:
    """A fact's score among the passages: its weight times its passage's score (a passage
    just below the last one when its passage was not retrieved)."""
    context = passages.get(fact.source.passage)
    return fact.weight * passage_score(context.rank if context else len(passages) + 2)


def merge(facts: Sequence[Fact], passages: Sequence[PassageEvidence]) -> list[AnswerItem]:
    """Facts and passages in one list by score (a passage first on a tie).

    A fact takes its retrieved passage along: after the fact when the fact leads, else before
    it. A fact that does not clearly beat its own passage (weight below ``LIFT``), any beyond the
    first ``LIFTED_PER_PASSAGE`` of a passage or ``MAX_LIFTED`` in all, follows all passages:
    one passage's list of names must not push the other passages out of sight.
    """
    by_iri = {p.passage: p for p in passages}
    lifting: list[Fact] = []
    rest: list[Fact] = []
    per_passage: dict[str, int] = {}
    for fact in facts:  # best first
        count = per_passage.get(fact.source.passage, 0)
        lifts = fact.weight >= LIFT or fact.source.passage not in by_iri
        if lifts and count < LIFTED_PER_PASSAGE and len(lifting) < MAX_LIFTED:
            lifting.append(fact)
            per_passage[fact.source.passage] = count + 1
        else:
            rest.append(fact)
    ranked: list[tuple[float, int, Fact | PassageEvidence]] = sorted(
        [(_placement(f, by_iri), 1, f) for f in lifting] + [(p.score, 0, p) for p in passages],
        key=lambda entry: (-entry[0], entry[1]),
    )
    ranked += [(f.score, 1, f) for f in rest]
    items: list[AnswerItem] = []
    shown: set[str] = set()
    for _, _, entry in ranked:
        if isinstance(entry, PassageEvidence):
            if entry.passage not in shown:
                items.append(_passage_item(entry))
                shown.add(entry.passage)
            continue
        context = by_iri.get(entry.source.passage)
        if context is not None and context.passage not in shown and not entry.leads:
            items.append(_passage_item(context))
            shown.add(context.passage)
        items.append(_fact_item(entry))
        if context is not None and context.passage not in shown:
            items.append(_passage_item(context))
            shown.add(context.passage)
    return items
