"""Answers to German questions from evidence only: linked entities, graph facts, passages.

The question is searched like any query (hybrid passage search); the graph facts whose
evidence lies in the found passages, and the facts of the asked kind about the entities the
question names, are ranked together with the passages by how well they answer: the kind and
value asked for ("wer", "wann", "wie viel", ...), the entities and years named, the search
rank of the evidence. Nothing is generated: every item is a graph value or a quoted source.

Modules: ``question`` (intents, question words, abbreviations), ``linking`` (entities),
``passages`` (search), ``facts`` (candidate facts in two SPARQL queries), ``ranking`` (one
score for facts and passages, reasons), ``answer`` (the whole), ``records`` (the answer's
dataclasses).
"""

from pkgraph.ask.answer import answer_question
from pkgraph.ask.linking import link_entities
from pkgraph.ask.passages import best_sentences
from pkgraph.ask.question import content_stems, detect_asks, detect_intents, expand_abbreviations
from pkgraph.ask.records import (
    INTENTS,
    Answer,
    AnswerItem,
    EntityKind,
    Fact,
    Intent,
    LinkedEntity,
    PassageEvidence,
    Source,
)

__all__ = [
    "INTENTS",
    "Answer",
    "AnswerItem",
    "EntityKind",
    "Fact",
    "Intent",
    "LinkedEntity",
    "PassageEvidence",
    "Source",
    "answer_question",
    "best_sentences",
    "content_stems",
    "detect_asks",
    "detect_intents",
    "expand_abbreviations",
    "link_entities",
]
