"""``pkgraph.ask`` on the sample build: entity linking, facts with real sources, the ranking.

Expected facts come from the gold annotations (eval/seeds_gold.jsonl), not from the code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pkgraph.ask import Answer, answer_question, expand_abbreviations, link_entities
from pkgraph.ask.records import one_line
from pkgraph.errors import QueryError
from pkgraph.evaluation.gold import read_gold
from pkgraph.extract.program_catalogue import CATALOGUE_BY_KEY
from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.iris import IriScheme
from pkgraph.graph.store import GraphStore
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.settings import Settings

GOLD = Path(__file__).resolve().parents[2] / "eval" / "seeds_gold.jsonl"


def _gold(item_type: str) -> list[dict[str, object]]:
    return [item for doc in read_gold(GOLD) for item in doc.items(item_type)]


@pytest.fixture(scope="module")
def iris(sample_build: Settings) -> IriScheme:
    return IriScheme.from_settings(sample_build)


def _assert_sources_are_real(answer: Answer, settings: Settings) -> None:
    """Every fact quotes its document exactly at the stated original offsets."""
    with DocumentStore.open(settings.documents_db) as documents:
        for fact in answer.facts:
            doc_id = fact.source.document.rsplit("/", 1)[1]
            document = documents.get(doc_id)
            assert document is not None
            assert document.original_text[fact.source.start : fact.source.end] == fact.source.quote
            # the sentence shown with the fact holds the quote; it (and a decision's vote
            # sentence, after " … ") is quoted from the document
            assert one_line(fact.source.quote) in fact.source.sentence
            for part in fact.source.sentence.split(" … "):
                assert part in one_line(document.original_text)
            assert fact.source.passage.startswith(
                fact.source.document.replace("document", "passage")
            )


# --- linking -----------------------------------------------------------------------------------


def _linked(question: str, settings: Settings) -> dict[str, set[str]]:
    with GraphStore.open(settings, read_only=True) as graph:
        entities = link_entities(question, graph)
    linked: dict[str, set[str]] = {}
    for entity in entities:
        linked.setdefault(entity.kind, set()).add(entity.label)
    return linked


@pytest.mark.parametrize(
    ("question", "kind", "label"),
    [
        # abbreviations of bodies, narrowed to the named municipality
        ("Was hat der JHA des Kreises Coesfeld beschlossen?", "body", "Jugendhilfeausschuss"),
        ("Hat der HFA in Bergkamen zugestimmt?", "body", "Haupt- und Finanzausschuss"),
        # German case endings on body names
        (
            "Was empfahl der Vorsitzende des Jugendhilfeausschusses in Bergkamen?",
            "body",
            "Jugendhilfeausschuss",
        ),
        # program abbreviation and inflected municipality names
        ("Seit wann nimmt Bergkamen an KeKiz teil?", "program", "Kein Kind zurücklassen"),
        ("Wie hoch ist der Etat des Kreises Coesfeld?", "municipality", "Kreis Coesfeld"),
    ],
)
def test_linking_reads_abbreviations_and_inflections(
    sample_build: Settings, question: str, kind: str, label: str
) -> None:
    labels = _linked(expand_abbreviations(question), sample_build).get(kind, set())
    assert any(found.startswith(label) for found in labels), labels


def test_bodies_narrow_to_the_named_municipality(sample_build: Settings) -> None:
    bodies = _linked("Was beschloss der Jugendhilfeausschuss in Bergkamen?", sample_build)["body"]
    assert bodies == {"Jugendhilfeausschuss (Bergkamen)"}


# --- answers on the sample build --------------------------------------------------------------


def test_participation_in_a_program(sample_build: Settings, iris: IriScheme) -> None:
    answer = answer_question("Welche Kommunen nehmen an Kein Kind zurücklassen teil?", sample_build)
    program = next(e for e in answer.entities if e.kind == "program")
    key = program.iri.rsplit("/", 1)[1] if program.iri else ""
    assert key in CATALOGUE_BY_KEY
    gold_names = {
        str(p["municipality"])
        for p in _gold("participations")
        if CATALOGUE_BY_KEY[key].name == p["program"]
    }
    assert gold_names, "the gold set has participations in this program"
    participations = [f for f in answer.facts if f.kind == "participation"]
    direct = {
        str(f.details.get("participantLabel"))
        for f in participations
        if f.details.get("program") == program.iri
    }
    recall = len(direct & gold_names) / len(gold_names)
    assert recall >= 0.8, sorted(gold_names - direct)
    assert participations[0].details["program"] == program.iri  # the program asked for first
    _assert_sources_are_real(answer, sample_build)


def test_funding_for_a_kreis(sample_build: Settings, iris: IriScheme) -> None:
    answer = answer_question("Wie hoch war die Förderung für den Kreis Unna?", sample_build)
    kreis = load_gazetteer().kreis("Unna")
    assert kreis is not None
    linked = [e.iri for e in answer.entities if e.kind == "municipality"]
    assert linked == [iris.municipality(kreis.ags).value]
    gold = [f for f in _gold("funding") if f["recipient"] == "Kreis Unna"]
    assert gold
    amounts = {f.details.get("amount") for f in answer.facts if f.kind == "funding"}
    assert {g["amount_eur"] for g in gold} <= amounts
    best = answer.facts[0]
    assert best.kind == "funding" and best.details.get("amount") == gold[0]["amount_eur"]
    assert str(gold[0]["amount_text"]) in best.source.quote
    # it states the amount "wie hoch" asks for: it stands before its passage in the answer
    assert best.leads and "Kreis Unna" in best.reason
    order = [item.iri for item in answer.items]
    assert order.index(best.iri) + 1 == order.index(best.source.passage)
    _assert_sources_are_real(answer, sample_build)


def test_decision_of_a_kreistag(sample_build: Settings) -> None:
    answer = answer_question(
        "Wann hat der Kreistag Coesfeld dem Leitbild zugestimmt?", sample_build
    )
    gold = [
        d
        for d in _gold("decisions")
        if d["body"] == "Kreistag (Kreis Coesfeld)" and d["date"] and d["kind"] == "Zustimmung"
    ]
    assert gold
    assert answer.intents == ("decision",)
    assert any(e.kind == "body" and e.label == gold[0]["body"] for e in answer.entities)
    first = answer.facts[0]
    assert first.kind == "decision"
    assert first.details.get("date") == gold[0]["date"]
    assert first.details.get("bodyLabel") == gold[0]["body"]
    assert "Leitbild" in first.source.quote or "leitbild" in first.source.quote
    _assert_sources_are_real(answer, sample_build)


def test_answer_has_passages_with_best_sentences(sample_build: Settings) -> None:
    answer = answer_question(
        "Wann hat der Kreistag Coesfeld dem Leitbild zugestimmt?", sample_build
    )
    assert answer.passages
    for passage in answer.passages:
        assert passage.best_sentences
        for sentence in passage.best_sentences:
            assert sentence in " ".join(passage.text.split())


def test_answer_serialises_and_prints(sample_build: Settings) -> None:
    answer = answer_question("Wie hoch war die Förderung für den Kreis Unna?", sample_build)
    data = json.loads(json.dumps(answer.to_dict(), ensure_ascii=False))
    assert data["question"] == answer.question
    assert len(data["facts"]) == len(answer.facts)
    text = answer.format_text()
    assert answer.facts[0].summary in text
    assert answer.facts[0].source.passage in text


def test_question_naming_no_entity_still_gets_facts(sample_build: Settings) -> None:
    """Facts come from the passages the search found, not only from linked entities."""
    answer = answer_question("Wie viel Geld stellt das Land bereit?", sample_build)
    assert not [e for e in answer.entities if e.kind != "year"]
    funding = [f for f in answer.facts if f.kind == "funding"]
    assert funding and answer.facts[0].kind == "funding"
    ranked = {p.passage: p.rank for p in answer.passages}
    assert all(f.source.passage in ranked for f in funding)
    _assert_sources_are_real(answer, sample_build)


def test_open_question_puts_a_passage_first(sample_build: Settings) -> None:
    """Nothing asked for a fact to state: the best passage answers first, every item says why."""
    answer = answer_question("Was ist eine Präventionskette?", sample_build)
    assert answer.items[0].kind == "passage"
    assert answer.items[0].iri == answer.passages[0].passage
    assert all(item.reason for item in answer.items)
    passages = [item.iri for item in answer.items if item.kind == "passage"]
    assert passages == [p.passage for p in answer.passages]  # the search order is kept


def test_empty_question_is_refused(sample_build: Settings) -> None:
    with pytest.raises(QueryError) as error:
        answer_question("   ", sample_build)
    assert error.value.parameter == "question"


def test_a_count_question_gets_the_stated_count_first(sample_build: Settings) -> None:
    """ "Wie viele …" is answered by a stated quantity of the passage, not by a funding amount."""
    answer = answer_question(
        "Wie viele Teilnehmende arbeiteten in der Workshop-Phase an Fallbeispielen?", sample_build
    )
    assert "count" in answer.asks
    first = answer.facts[0]
    assert first.kind == "count"
    assert first.summary == "130 Teilnehmende"
    assert "Fallbeispielen" in first.source.sentence
    _assert_sources_are_real(answer, sample_build)


def test_an_organisation_question_gets_the_named_body(sample_build: Settings) -> None:
    answer = answer_question("Welches Unternehmen hat das Modellprojekt evaluiert?", sample_build)
    assert "organisation" in answer.asks
    first = answer.facts[0]
    assert first.kind == "organisation"
    assert first.summary == "Ramboll Management Consulting – Unternehmen"
    _assert_sources_are_real(answer, sample_build)


def test_counts_and_organisations_come_only_when_asked(sample_build: Settings) -> None:
    """A passage states many numbers and names many bodies: they are no answer to a question
    about something else."""
    answer = answer_question("Wie hoch war die Förderung für den Kreis Unna?", sample_build)
    assert answer.facts
    assert not [f for f in answer.facts if f.kind in ("count", "organisation")]
