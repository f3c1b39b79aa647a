"""What an answer is made of: linked entities, graph facts with sources, passages, one ranking.

Nothing here is generated text: a fact's summary is its graph values in one line, a passage's
sentences are quoted, and every ranked item says why it was chosen (``reason``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from pkgraph.graph.store import Value

Intent = Literal["participation", "funding", "decision", "event", "person", "organisation", "count"]
EntityKind = Literal["municipality", "program", "body", "year"]
ItemKind = Literal["fact", "passage"]

INTENTS: tuple[Intent, ...] = (
    "participation",
    "funding",
    "decision",
    "event",
    "person",
    "organisation",
    "count",
)
LINK_WORDS = {"passage": "die Passage", "document": "das Dokument"}


@dataclass(frozen=True)
class LinkedEntity:
    """A thing the question names, linked to its graph IRI (years have none)."""

    kind: EntityKind
    label: str
    matched: str  # the words of the question that named it
    iri: str | None = None


@dataclass(frozen=True)
class Source:
    """Where a fact was read: the passage, the quoted evidence at its original offsets, and
    the sentence of the passage that evidence stands in (what a reader is shown)."""

    passage: str
    document: str
    title: str | None
    quote: str
    start: int
    end: int
    sentence: str = ""


@dataclass(frozen=True)
class Fact:
    kind: Intent
    iri: str
    summary: str  # the fact's graph values in one line
    details: dict[str, Value]
    source: Source
    score: float
    #: how the fact is tied to the question: it names a linked entity ("fact"), or it was read
    #: from a passage the search ranked for the question ("passage")
    link: str = "fact"
    reason: str = ""
    #: it states the value the question word asks for, so it stands before its passage
    leads: bool = False
    #: how well it answers, whatever the rank of its passage (``score`` weighs that in)
    weight: float = 0.0


@dataclass(frozen=True)
class PassageEvidence:
    """A passage from the search index, with the sentences that best match the question."""

    passage: str
    document: str
    title: str | None
    text: str
    score: float
    best_sentences: tuple[str, ...]
    hit: dict[str, Any] = field(default_factory=dict)
    rank: int = 0  # 1-based rank in the search
    reason: str = ""


@dataclass(frozen=True)
class AnswerItem:
    """One line of the ranked answer: a fact or a passage, best first, with why it is there.

    ``text`` is the fact's summary or the passage's best sentences; ``quote`` the sentence
    stating the fact (for a passage: its text); ``passage``/``document`` where to read it.
    """

    kind: ItemKind
    iri: str
    score: float
    reason: str
    text: str
    quote: str
    passage: str
    document: str
    title: str | None


@dataclass(frozen=True)
class Answer:
    question: str
    intents: tuple[Intent, ...]
    entities: tuple[LinkedEntity, ...]
    facts: tuple[Fact, ...]
    passages: tuple[PassageEvidence, ...]
    #: facts and passages in one ranking: what answers the question first
    items: tuple[AnswerItem, ...] = ()
    #: what the question asks for beyond fact kinds: "who", "when", "amount", "where", "places",
    #: "vote", "organisation", "count"
    asks: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def format_text(self) -> str:
        """The answer for a terminal: linked entities, then the ranked items with sources."""
        lines = [f"Frage: {self.question}"]
        if self.entities:
            linked = "; ".join(f"{e.label} ({e.kind})" for e in self.entities)
            lines.append(f"Erkannt: {linked}")
        asked = [*self.intents, *self.asks]
        lines.append(f"Gesucht: {', '.join(asked) or 'alles zu den Erkannten'}")
        lines.append("")
        lines.append(f"Fakten: {len(self.facts)}" if self.facts else "Keine passenden Fakten.")
        lines.append(f"Antwort ({len(self.items)} Einträge, bestes zuerst):")
        for number, item in enumerate(self.items, 1):
            label = "Fakt" if item.kind == "fact" else "Passage"
            lines.append(f"{number:>3}. [{label}] {one_line(item.text)}")
            lines.append(f"       Quelle: {item.title or item.document} ({item.passage})")
            if item.kind == "fact":
                lines.append(f"       „{one_line(item.quote)}“")
            lines.append(f"       Warum: {item.reason}")
        return "\n".join(lines)


def one_line(text: str) -> str:
    return " ".join(text.split())
