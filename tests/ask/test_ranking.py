"""The merged ranking of facts and passages, on hand-made records (no store needed)."""

from __future__ import annotations

from pkgraph.ask import Fact, PassageEvidence, Source
from pkgraph.ask.ranking import merge, passage_score


def _passage(rank: int) -> PassageEvidence:
    return PassageEvidence(
        passage=f"p{rank}",
        document="d",
        title=None,
        text=f"text {rank}",
        score=passage_score(rank),
        best_sentences=(f"sentence {rank}",),
        rank=rank,
        reason=f"Suchtreffer {rank}",
    )


def _fact(name: str, passage: str, weight: float, *, leads: bool = False) -> Fact:
    source = Source(passage=passage, document="d", title=None, quote=name, start=0, end=1)
    return Fact("funding", name, name, {}, source, weight, "passage", "why", leads, weight)


def _order(facts: list[Fact], passages: int = 3) -> list[str]:
    return [item.iri for item in merge(facts, [_passage(r) for r in range(1, passages + 1)])]


def test_a_leading_fact_comes_before_its_passage() -> None:
    # weight 1.6 from the second passage: 0.8 among the passages (1, 0.5, 0.33)
    assert _order([_fact("f", "p2", 1.6, leads=True)]) == ["p1", "f", "p2", "p3"]


def test_a_strong_fact_that_does_not_lead_lifts_its_passage_above_others() -> None:
    assert _order([_fact("f", "p3", 2.0)]) == ["p1", "p3", "f", "p2"]


def test_a_fact_that_merely_lies_in_a_passage_follows_all_passages() -> None:
    assert _order([_fact("f", "p1", 1.0, leads=True)]) == ["p1", "p2", "p3", "f"]


def test_one_passage_lifts_only_one_of_its_facts() -> None:
    facts = [_fact(f"f{n}", "p2", 2.4, leads=True) for n in range(3)]
    assert _order(facts) == ["f0", "p2", "p1", "p3", "f1", "f2"]


def test_a_fact_from_no_retrieved_passage_ranks_below_the_retrieved_ones() -> None:
    # as if from a passage two below the last: weight 2.0 -> 0.4, between 0.5 and 0.33
    assert _order([_fact("f", "elsewhere", 2.0, leads=True)]) == ["p1", "p2", "f", "p3"]


def test_a_vote_question_is_answered_by_a_decision_with_votes_only() -> None:
    from pkgraph.ask.facts import RawFact
    from pkgraph.ask.ranking import Question, score_fact

    asked = Question(("decision",), ("vote",), (), frozenset({"mehrheit", "beschluss"}))
    counted = RawFact("f1", "decision", {"no": 0, "passage": "p1", "quote": "beschließt"})
    uncounted = RawFact("f2", "decision", {"passage": "p1", "quote": "beschließt"})
    ranks = {"p1": 1}
    assert score_fact(counted, asked, ranks).leads
    assert not score_fact(uncounted, asked, ranks).leads
    assert score_fact(counted, asked, ranks).weight > score_fact(uncounted, asked, ranks).weight


def test_a_year_does_not_answer_a_question_for_the_day() -> None:
    from pkgraph.ask.facts import RawFact
    from pkgraph.ask.question import asks_for_day
    from pkgraph.ask.ranking import Question, score_fact

    question = "An welchem Tag wurde die Förderung bekannt gegeben?"
    day = Question(("funding",), ("when",), (), frozenset(), wants_day=asks_for_day(question))
    year_only = RawFact("f1", "funding", {"year": 2019, "passage": "p1", "quote": "2019"})
    dated = RawFact("f2", "funding", {"date": "2019-05-03", "passage": "p1", "quote": "3. Mai"})
    assert not score_fact(year_only, day, {"p1": 1}).leads
    assert score_fact(dated, day, {"p1": 1}).leads
    any_time = Question(("funding",), ("when",), (), frozenset())
    assert score_fact(year_only, any_time, {"p1": 1}).leads


def test_money_named_without_a_sum_does_not_answer_how_much() -> None:
    from pkgraph.ask.facts import RawFact
    from pkgraph.ask.ranking import Question, score_fact

    how_much = Question(("funding",), ("amount",), (), frozenset({"zuschuss"}))
    sum_stated = RawFact("f1", "funding", {"amountText": "30.000 Euro", "passage": "p1"})
    unstated = RawFact(
        "f2", "funding", {"amountText": "Fördermitteln des Landesprogramms", "passage": "p1"}
    )
    assert score_fact(sum_stated, how_much, {"p1": 1}).leads
    assert not score_fact(unstated, how_much, {"p1": 1}).leads
