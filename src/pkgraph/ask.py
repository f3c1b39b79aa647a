"""Answers to German questions from evidence only: linked entities, graph facts, passages.

A question is read for what it is about (municipalities and Kreise, programs, bodies, years) and
what it asks for (participation, funding, decisions, events, persons). The graph facts of that
kind about those entities come back through SPARQL on the contract vocabulary, each with the
passage it was read from; the best passages of the search index come with them. Nothing is
generated: every line of an answer is a graph value or a quoted source text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from pkgraph.errors import QueryError
from pkgraph.extract.municipalities import find_municipality_hits
from pkgraph.extract.programs import find_program_hits
from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.store import GraphStore, Value
from pkgraph.search.index import SearchIndex
from pkgraph.search.service import SearchFilters, SearchHit, search_passages
from pkgraph.settings import Settings

Intent = Literal["participation", "funding", "decision", "event", "person"]
EntityKind = Literal["municipality", "program", "body", "year"]

INTENTS: tuple[Intent, ...] = ("participation", "funding", "decision", "event", "person")
MAX_FACTS_PER_KIND = 25
MAX_PASSAGES = 5
MAX_SENTENCES = 2
LINK_WORDS = {"passage": "die Passage", "document": "das Dokument"}

# What a question asks for, by the German words that say so (casefolded, word starts).
_INTENT_PATTERNS: dict[Intent, re.Pattern[str]] = {
    "participation": re.compile(
        r"\bteil(?:nehm|nahm|genommen|nahme)|\bnehmen\b.*\bteil\b|\bnahmen?\b.*\bteil\b"
        r"|\bbeteilig|\bmitmach|\bmitgemacht|\bprogrammkommune|\bmodellkommune|\bdabei\b"
    ),
    "funding": re.compile(
        r"\bförder|\bgeld|\beuro\b|\bzuschu|\bfinanz|\bbetrag|\bbudget|\betat\b|\bmittel\b"
        r"|\bkosten|\bwie hoch\b|\bwie viel geld\b|\bzuwendung|\bbewillig"
    ),
    "decision": re.compile(
        r"\bbeschl|\bbeschluss|\bzugestimmt|\bzustimm|\bentschie|\bentscheid|\bkenntnis"
        r"|\babgestimmt|\bbeauftragt|\bverabschiedet|\bgenehmigt"
    ),
    "event": re.compile(
        r"\bkonferenz|\bveranstaltung|\btreffen|\btagung|\bworkshop|\bfand\b|\bstattgefunden"
        r"|\bsitzung|\bauftakt"
    ),
    "person": re.compile(
        r"\bwer\b|\bperson|\bbürgermeister|\bleiter|\bansprechpartner|\bkoordinator"
        r"|\bminister|\bvorstand|\bsprecher"
    ),
}

_STOPWORDS = frozenset(
    """der die das den dem des ein eine einer eines einem einen und oder aber an am im in ins zu
    zum zur für von vom mit bei auf aus als wie was wer wem wen wann wo wohin welche welcher
    welches welchen welchem hat haben hatte hatten war waren ist sind sein wird wurde wurden
    werden worden nehmen nimmt nahm teil sich es er sie ihr ihre sein seine nicht auch noch
    schon gibt gab viel viele hoch über unter nach vor seit bis durch gegen ob dass kreis
    kreises stadt gemeinde kommune kommunen""".split()  # noqa: SIM905 (a word list reads better)
)
_WORD = re.compile(r"[^\W\d_][\w\-]*", re.UNICODE)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"„»(]?[A-ZÄÖÜ0-9])|\n\s*\n")


# --- records ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkedEntity:
    """A thing the question names, linked to its graph IRI (years have none)."""

    kind: EntityKind
    label: str
    matched: str  # the words of the question that named it
    iri: str | None = None


@dataclass(frozen=True)
class Source:
    """Where a fact was read: the passage and the quoted evidence at its original offsets."""

    passage: str
    document: str
    title: str | None
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    kind: Intent
    iri: str
    summary: str  # the fact's graph values in one line
    details: dict[str, Value]
    source: Source
    score: float
    #: how the fact is tied to the question's entities: it names them ("fact"), its passage
    #: mentions them ("passage"), or only its document does ("document")
    link: str = "fact"


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


@dataclass(frozen=True)
class Answer:
    question: str
    intents: tuple[Intent, ...]
    entities: tuple[LinkedEntity, ...]
    facts: tuple[Fact, ...]
    passages: tuple[PassageEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def format_text(self) -> str:
        """The answer for a terminal: linked entities, facts with sources, passages."""
        lines = [f"Frage: {self.question}"]
        if self.entities:
            linked = "; ".join(f"{e.label} ({e.kind})" for e in self.entities)
            lines.append(f"Erkannt: {linked}")
        lines.append(f"Gesucht: {', '.join(self.intents) or 'alle Fakten zu den Erkannten'}")
        lines.append("")
        lines.append(f"Fakten ({len(self.facts)}):" if self.facts else "Keine passenden Fakten.")
        for number, fact in enumerate(self.facts, 1):
            tie = "" if fact.link == "fact" else f" (Bezug über {LINK_WORDS[fact.link]})"
            lines.append(f"{number:>3}. [{fact.kind}] {fact.summary}{tie}")
            lines.append(f"       Quelle: {fact.source.title or fact.source.document}")
            lines.append(f"       „{_one_line(fact.source.quote)}“ ({fact.source.passage})")
        lines.append("")
        lines.append(f"Passagen ({len(self.passages)}):")
        for number, passage in enumerate(self.passages, 1):
            lines.append(f"{number:>3}. {passage.title or passage.document} ({passage.passage})")
            for sentence in passage.best_sentences:
                lines.append(f"       » {_one_line(sentence)}")
        return "\n".join(lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- reading the question ---------------------------------------------------------------------


def detect_intents(question: str) -> tuple[Intent, ...]:
    """The fact kinds the question asks for, in a fixed order (none: the question is open)."""
    folded = question.casefold()
    return tuple(intent for intent in INTENTS if _INTENT_PATTERNS[intent].search(folded))


def content_stems(question: str, linked: Iterable[LinkedEntity] = ()) -> tuple[str, ...]:
    """Words that say what the question is about, cut to stems that also hit compounds.

    Words that only named a linked entity are left out: the entity link already counts.
    """
    named = {w.casefold() for entity in linked for w in _WORD.findall(entity.matched)}
    stems: list[str] = []
    for word in _WORD.findall(question):
        folded = word.casefold()
        if folded in _STOPWORDS or folded in named or len(folded) < 4:
            continue
        stem = folded[:6] if len(folded) > 7 else folded
        if stem not in stems:
            stems.append(stem)
    return tuple(stems)


def years_in(question: str) -> tuple[LinkedEntity, ...]:
    return tuple(LinkedEntity("year", m.group(1), m.group(0)) for m in _YEAR.finditer(question))


# --- linking names to graph entities ------------------------------------------------------------

_LABELS = """
SELECT ?entity ?label ?kind ?owner WHERE {
  { ?entity a pk:Program ; skos:prefLabel|skos:altLabel ?label . BIND("program" AS ?kind) }
  UNION { ?entity a pk:Body ; skos:prefLabel ?label . BIND("body" AS ?kind)
          OPTIONAL { ?entity pk:bodyOf ?owner } }
}
"""
_AFTER_KREIS_WORD = re.compile(
    r"(?:Kreistag(?:s|es)?|Kreisausschuss(?:es)?|Kreisverwaltung|Landrat|Landrätin)\s+$"
)


@dataclass(frozen=True)
class _Label:
    entity: str
    label: str
    kind: str
    owner: str | None


def _normal(text: str) -> str:
    """Casefolded words separated by single spaces: labels and questions compare this way."""
    return " ".join(_WORD.findall(text.casefold().replace("’", "'").replace("‘", "'")))


def _base_name(label: str) -> str:
    """A body's name without its owner in parentheses: "Kreistag (Kreis Coesfeld)" -> "Kreistag"."""
    return label.split(" (", 1)[0].strip()


def _contains_words(haystack: str, needle: str) -> bool:
    return bool(needle) and re.search(rf"(?<!\w){re.escape(needle)}s?(?!\w)", haystack) is not None


def _link_municipalities(question: str, graph: GraphStore) -> list[LinkedEntity]:
    """The extraction's linker (every inflection, homonym rules), plus one reading only a
    question needs: a town name after a Kreis word ("Kreistag Coesfeld") means the Kreis."""
    gazetteer = load_gazetteer()
    found: list[LinkedEntity] = []
    for hit in find_municipality_hits(question):
        entry = gazetteer.by_ags(hit.ags)
        if entry is None:
            continue
        if not entry.is_kreis and _AFTER_KREIS_WORD.search(question[: hit.start]):
            entry = gazetteer.kreis(entry.name) or entry
        iri = graph.iris.municipality(entry.ags).value
        found.append(LinkedEntity("municipality", entry.name, question[hit.start : hit.end], iri))
    return _distinct(found)


def _link_by_label(
    question: str, labels: Sequence[_Label], kind: EntityKind, name_of: Callable[[str], str]
) -> list[LinkedEntity]:
    """Entities of ``kind`` whose (normalised) name occurs in the question; the longest wins
    where names overlap ("Kommunale Präventionsketten" over "Präventionsketten")."""
    normal_question = _normal(question)
    hits: dict[str, LinkedEntity] = {}
    for entry in labels:
        if entry.kind != kind:
            continue
        name = _normal(name_of(entry.label))
        if len(name) < 3 or not _contains_words(normal_question, name):
            continue
        current = hits.get(entry.entity)
        if current is None or len(name) > len(current.matched):
            hits[entry.entity] = LinkedEntity(kind, entry.label, name, entry.entity)
    longest = sorted(hits.values(), key=lambda e: -len(e.matched))
    kept: list[LinkedEntity] = []
    for entity in longest:
        if not any(
            entity.matched in other.matched and entity.matched != other.matched for other in kept
        ):
            kept.append(entity)
    return kept


def _link_catalogued_programs(
    question: str, graph: GraphStore, labels: Sequence[_Label]
) -> list[LinkedEntity]:
    """Programs the extraction's catalogue patterns find (inflected, OCR-tolerant names)."""
    known = {entry.entity for entry in labels if entry.kind == "program"}
    found = []
    for hit in find_program_hits(question, None):
        iri = graph.iris.program(hit.key).value
        if iri in known:
            found.append(LinkedEntity("program", hit.name, question[hit.start : hit.end], iri))
    return found


def link_entities(question: str, graph: GraphStore) -> tuple[LinkedEntity, ...]:
    """Everything the question names that the graph knows, plus the years it mentions."""
    labels = [
        _Label(
            str(row["entity"]),
            str(row["label"]),
            str(row["kind"]),
            None if row["owner"] is None else str(row["owner"]),
        )
        for row in graph.select(_LABELS)
    ]
    municipalities = _link_municipalities(question, graph)
    programs = _link_catalogued_programs(question, graph, labels)
    programs += _link_by_label(question, labels, "program", str)
    bodies = _link_by_label(question, labels, "body", _base_name)
    towns = {m.iri for m in municipalities}
    owners = {entry.entity: entry.owner for entry in labels if entry.kind == "body"}
    owned = [body for body in bodies if owners.get(body.iri or "") in towns]
    if towns and owned:
        bodies = owned
    return (*municipalities, *_distinct(programs), *_distinct(bodies), *years_in(question))


def _distinct(entities: Iterable[LinkedEntity]) -> list[LinkedEntity]:
    """One entity per IRI, the first found."""
    unique: dict[str | None, LinkedEntity] = {}
    for entity in entities:
        unique.setdefault(entity.iri, entity)
    return list(unique.values())


# --- graph facts ------------------------------------------------------------------------------

_PROVENANCE = """
  ?fact prov:wasDerivedFrom ?passage ; pk:quote ?quote ; pk:startOffset ?start ;
        pk:endOffset ?end ; pk:inDocument ?document .
  OPTIONAL { ?document dcterms:title ?title }
"""


@dataclass(frozen=True)
class FactQuery:
    """How one kind of fact is read: its graph pattern, which variables may name a linked
    entity (agents: municipalities and bodies; programs), and how its values read as a line."""

    kind: Intent
    pattern: str  # binds ?fact and what every fact of the kind has
    optionals: str  # values a fact may lack
    agents: tuple[str, ...]
    programs: tuple[str, ...]
    dates: tuple[str, ...]
    summary: Callable[[dict[str, Value]], str]

    def sparql(self, agent_iris: Sequence[str], program_iris: Sequence[str]) -> str:
        """Facts tied to every linked kind of entity, each tie graded in ``?link_<kind>``:
        2 the fact names it, 1 the fact's passage mentions it, 0 its document does."""
        ties = [
            _tie(name, variables, iris)
            for name, variables, iris in (
                ("agents", self.agents, agent_iris),
                ("programs", self.programs, program_iris),
            )
            if iris
        ]
        parts = (self.pattern, _PROVENANCE, self.optionals, *ties)
        return "SELECT * WHERE {\n" + "\n".join(parts) + "\n}"


LINKS = {2: "fact", 1: "passage", 0: "document"}


def _tie(name: str, variables: Sequence[str], iris: Sequence[str]) -> str:
    members = ", ".join(f"<{iri}>" for iri in iris)
    named = " || ".join(f"(BOUND(?{v}) && ?{v} IN ({members}))" for v in variables) or "false"
    mentioned = f"?{name}Entity IN ({members})"
    return f"""
  BIND(IF({named}, 2,
       IF(EXISTS {{ ?passage pk:mentions ?{name}Entity FILTER({mentioned}) }}, 1,
       IF(EXISTS {{ ?document pk:issuedBy|pk:mentions ?{name}Entity FILTER({mentioned}) }}, 0,
       -1))) AS ?link_{name})
  FILTER(?link_{name} >= 0)"""


def _link_level(row: dict[str, Value]) -> int:
    """How closely a fact is tied to the question's entities: its weakest tie (2 if none)."""
    levels = [int(v) for k, v in row.items() if k.startswith("link_") and isinstance(v, int)]
    return min(levels, default=2)


def _value(row: dict[str, Value], variable: str) -> str | None:
    value = row.get(variable)
    return None if value is None or value == "" else _one_line(str(value))


def _of(row: dict[str, Value], variable: str) -> str | None:
    """An entity's label, or its IRI when it has none."""
    return _value(row, f"{variable}Label") or _value(row, variable)


def _date(row: dict[str, Value], variable: str) -> str | None:
    """An ISO date as Germans write it; years and partial dates stay as they are."""
    text = _value(row, variable)
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text or "")
    return f"{match.group(3)}.{match.group(2)}.{match.group(1)}" if match else text


def _percent(row: dict[str, Value], variable: str) -> str | None:
    value = row.get(variable)
    if not isinstance(value, int | float):
        return None
    return f"{value:g} %".replace(".", ",")


def _euro(row: dict[str, Value]) -> str | None:
    amount = row.get("amount")
    if _value(row, "amountText") or not isinstance(amount, int | float):
        return _value(row, "amountText")
    return f"{amount:,.0f} €".replace(",", ".")


def _prefixed(prefix: str, value: str | None) -> str | None:
    return f"{prefix} {value}" if value else None


def _join(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


def _participation_line(r: dict[str, Value]) -> str:
    since = _prefixed("seit", _date(r, "since"))
    return _join(_of(r, "participant"), "nimmt teil an", _of(r, "program"), since)


def _funding_line(r: dict[str, Value]) -> str:
    return _join(
        _euro(r),
        _prefixed("von", _of(r, "funder")),
        _prefixed("für", _of(r, "recipient")),
        _prefixed("im Jahr", _value(r, "year")),
        _prefixed("Zweck:", _value(r, "purpose")),
        _prefixed("Anteil", _percent(r, "share")),
        _prefixed("Eigenanteil", _percent(r, "ownShare")),
    )


def _decision_line(r: dict[str, Value]) -> str:
    return _join(
        _of(r, "body"),
        _prefixed("–", _value(r, "decisionKind")),
        _prefixed("am", _date(r, "date")),
        _prefixed("–", _value(r, "text")),
    )


def _event_line(r: dict[str, Value]) -> str:
    return _join(
        _value(r, "name"), _prefixed("am", _date(r, "date")), _prefixed("in", _value(r, "location"))
    )


def _person_line(r: dict[str, Value]) -> str:
    return _join(
        _value(r, "personName"),
        _prefixed("–", _value(r, "role")),
        _prefixed("bei", _of(r, "organisation")),
    )


FACT_QUERIES: dict[Intent, FactQuery] = {
    query.kind: query
    for query in (
        FactQuery(
            kind="participation",
            pattern="?fact a pk:Participation ; pk:participant ?participant ; "
            "pk:inProgram ?program .",
            optionals="OPTIONAL { ?fact pk:since ?since }",
            agents=("participant",),
            programs=("program",),
            dates=("since",),
            summary=_participation_line,
        ),
        FactQuery(
            kind="funding",
            pattern="?fact a pk:Funding .",
            optionals="""
  OPTIONAL { ?fact pk:amountEUR ?amount } OPTIONAL { ?fact pk:amountText ?amountText }
  OPTIONAL { ?fact schema:funder ?funder } OPTIONAL { ?fact pk:recipient ?recipient }
  OPTIONAL { ?fact pk:fundingYear ?year } OPTIONAL { ?fact pk:purpose ?purpose }
  OPTIONAL { ?fact pk:sharePercent ?share } OPTIONAL { ?fact pk:ownSharePercent ?ownShare }
  OPTIONAL { ?fact pk:fundsProgram ?program }""",
            agents=("funder", "recipient"),
            programs=("program",),
            dates=("year",),
            summary=_funding_line,
        ),
        FactQuery(
            kind="decision",
            pattern="?fact a pk:Decision ; pk:decidedBy ?body .",
            optionals="""
  OPTIONAL { ?body pk:bodyOf ?owner }
  OPTIONAL { ?fact dcterms:date ?date } OPTIONAL { ?fact pk:decisionKind ?decisionKind }
  OPTIONAL { ?fact pk:decisionText ?text } OPTIONAL { ?fact pk:concernsProgram ?program }
  OPTIONAL { ?fact pk:votesFor ?yes } OPTIONAL { ?fact pk:votesAgainst ?no }
  OPTIONAL { ?fact pk:abstentions ?abstain }""",
            agents=("body", "owner"),
            programs=("program",),
            dates=("date",),
            summary=_decision_line,
        ),
        FactQuery(
            kind="event",
            pattern="?fact a pk:Event ; schema:name ?name .",
            optionals="""
  OPTIONAL { ?fact schema:startDate ?date } OPTIONAL { ?fact schema:location ?location }
  OPTIONAL { ?fact pk:placeMunicipality ?place } OPTIONAL { ?document pk:issuedBy ?issuer }""",
            agents=("place", "issuer"),
            programs=(),
            dates=("date",),
            summary=_event_line,
        ),
        FactQuery(
            kind="person",
            pattern="?fact a pk:Membership ; org:member ?person . ?person foaf:name ?personName .",
            optionals="""
  OPTIONAL { ?fact org:organization ?organisation } OPTIONAL { ?fact pk:roleLabel ?role }""",
            agents=("organisation",),
            programs=(),
            dates=(),
            summary=_person_line,
        ),
    )
}

_RELATED_PROGRAMS = """
SELECT DISTINCT ?related WHERE {{
  VALUES ?start {{ {starts} }}
  ?start (pk:successorOf|^pk:successorOf)* ?lineage .
  ?related pk:partOfProgram* ?lineage .
}}
"""
_OWNED_BODIES = """
SELECT DISTINCT ?body WHERE {{ VALUES ?owner {{ {owners} }} ?body pk:bodyOf ?owner }}
"""
_KREIS_MEMBERS = """
SELECT DISTINCT ?member WHERE {{ VALUES ?kreis {{ {kreise} }} ?member pk:inKreis ?kreis }}
"""


def _iris(values: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in values)


def _column(graph: GraphStore, template: str, name: str, iris: Sequence[str]) -> list[str]:
    if not iris:
        return []
    rows = graph.select(template.format(**{name: _iris(iris)}))
    return [str(value) for row in rows for value in row.values() if value is not None]


@dataclass(frozen=True)
class _Scope:
    """The IRIs a fact may name to be about the question, and the ones that name it exactly."""

    agents: tuple[str, ...]
    programs: tuple[str, ...]
    exact: frozenset[str]
    years: frozenset[str]


def _scope(graph: GraphStore, entities: Sequence[LinkedEntity]) -> _Scope:
    """Widen the linked entities to what facts point at: a Kreis's municipalities, the bodies
    of a municipality, a program's predecessors, successors and local projects."""
    by_kind: dict[str, list[str]] = {}
    for entity in entities:
        if entity.iri:
            by_kind.setdefault(entity.kind, []).append(entity.iri)
    municipalities = by_kind.get("municipality", [])
    bodies = by_kind.get("body", [])
    programs = by_kind.get("program", [])
    agents = [*municipalities, *bodies]
    agents += _column(graph, _KREIS_MEMBERS, "kreise", municipalities)
    if not bodies:
        agents += _column(graph, _OWNED_BODIES, "owners", municipalities)
    related = _column(graph, _RELATED_PROGRAMS, "starts", programs)
    return _Scope(
        agents=tuple(dict.fromkeys(agents)),
        programs=tuple(dict.fromkeys([*programs, *related])),
        exact=frozenset(e.iri for e in entities if e.iri),
        years=frozenset(e.label for e in entities if e.kind == "year"),
    )


def _text_of(row: dict[str, Value]) -> str:
    return " ".join(str(value) for value in row.values() if value is not None).casefold()


_ENTITY_LABELS = """
SELECT ?entity ?label WHERE {{
  VALUES ?entity {{ {entities} }}
  ?entity skos:prefLabel|foaf:name|schema:name ?label .
}}
"""


def _with_labels(graph: GraphStore, query: FactQuery, rows: list[dict[str, Value]]) -> None:
    """Add ``<variable>Label`` for every entity a fact names (one query for all rows)."""
    variables = (*query.agents, *query.programs)
    entities = sorted({str(r[v]) for r in rows for v in variables if r.get(v) is not None})
    labels: dict[str, Value] = {}
    if entities:
        for row in graph.select(_ENTITY_LABELS.format(entities=_iris(entities))):
            labels.setdefault(str(row["entity"]), row["label"])
    for row in rows:
        for variable in variables:
            row[f"{variable}Label"] = labels.get(str(row.get(variable)))


def _score(row: dict[str, Value], query: FactQuery, scope: _Scope, stems: Sequence[str]) -> float:
    """Exact entity hits weigh most, then a matching year, then question words in the fact;
    among equals a dated fact (which answers "wann?") comes first."""
    named = [row.get(v) for v in (*query.agents, *query.programs)]
    exact = sum(1 for value in named if value in scope.exact)
    years = {str(row[d])[:4] for d in query.dates if row.get(d) is not None}
    year_hit = 1 if scope.years & years else 0
    text = _text_of(row)
    words = sum(1 for stem in stems if stem in text)
    dated = 0.25 if years else 0.0
    return 2.0 * _link_level(row) + 1.0 * exact + 1.5 * year_hit + 0.5 * words + dated


def _fact(row: dict[str, Value], query: FactQuery, score: float) -> Fact:
    source = Source(
        passage=str(row["passage"]),
        document=str(row["document"]),
        title=None if row.get("title") is None else str(row["title"]),
        quote=str(row["quote"]),
        start=int(row["start"] or 0),
        end=int(row["end"] or 0),
    )
    hidden = {"fact", "passage", "document", "title", "quote", "start", "end"}
    details: dict[str, Value] = {
        k: v
        for k, v in row.items()
        if k not in hidden and not k.startswith("link_") and v is not None
    }
    link = LINKS[_link_level(row)]
    return Fact(query.kind, str(row["fact"]), query.summary(row), details, source, score, link)


def find_facts(
    graph: GraphStore,
    intents: Sequence[Intent],
    entities: Sequence[LinkedEntity],
    stems: Sequence[str],
) -> list[Fact]:
    """The facts of the asked kinds about the linked entities, best first within each kind.

    An open question (no kind asked) gets every kind, but only when it names an entity.
    """
    scope = _scope(graph, entities)
    if not intents and not (scope.agents or scope.programs):
        return []
    facts: list[Fact] = []
    for intent in intents or INTENTS:
        query = FACT_QUERIES[intent]
        rows = graph.select(query.sparql(scope.agents, scope.programs))
        unique = {str(row["fact"]): row for row in reversed(rows)}
        # facts tied by their own values or passage; by the document only when nothing closer
        closest = max((_link_level(row) for row in unique.values()), default=0)
        unique = {k: r for k, r in unique.items() if _link_level(r) >= min(1, closest)}
        if not (scope.agents or scope.programs) and stems:
            # nothing named: only facts that share a word with the question are about it
            unique = {k: r for k, r in unique.items() if any(s in _text_of(r) for s in stems)}
        _with_labels(graph, query, list(unique.values()))
        scored = sorted(
            ((_score(row, query, scope, stems), row) for row in unique.values()),
            key=lambda pair: (-pair[0], str(pair[1]["fact"])),
        )
        facts += [_fact(row, query, score) for score, row in scored[:MAX_FACTS_PER_KIND]]
    return facts


# --- passages ---------------------------------------------------------------------------------


def best_sentences(text: str, stems: Sequence[str], limit: int = MAX_SENTENCES) -> tuple[str, ...]:
    """The passage's sentences that contain most question words, in text order."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    scored = [(sum(stem in s.casefold() for stem in stems), i) for i, s in enumerate(sentences)]
    chosen = sorted(i for score, i in sorted(scored, reverse=True)[:limit] if score > 0)
    return tuple(_one_line(sentences[i]) for i in chosen)


def _passage_filters(entities: Sequence[LinkedEntity]) -> SearchFilters | None:
    """Restrict the search when the question names one municipality or one program."""
    municipalities = [e for e in entities if e.kind == "municipality"]
    programs = [e for e in entities if e.kind == "program"]
    municipality = municipalities[0].label if len(municipalities) == 1 else None
    program = programs[0].label if len(programs) == 1 else None
    if municipality is None and program is None:
        return None
    return SearchFilters(municipality=municipality, program=program)


def _evidence(hit: SearchHit, stems: Sequence[str]) -> PassageEvidence:
    """The hit with its best sentences: the search's own highlight first, then question words."""
    sentences = [hit.highlight.strip()] if hit.highlight.strip() else []
    sentences += [s for s in best_sentences(hit.text, stems) if s not in sentences]
    return PassageEvidence(
        passage=hit.passage_iri,
        document=hit.document_iri,
        title=hit.title,
        text=hit.text,
        score=hit.score,
        best_sentences=tuple(_one_line(s) for s in sentences[:MAX_SENTENCES]),
        hit=hit.to_dict(),
    )


def find_passages(
    question: str,
    settings: Settings,
    entities: Sequence[LinkedEntity],
    stems: Sequence[str],
    *,
    graph: GraphStore,
    index: SearchIndex | None = None,
) -> list[PassageEvidence]:
    """Top passages for the question, restricted to the linked entities when that finds any."""
    filters = _passage_filters(entities)
    hits = search_passages(
        question, settings, k=MAX_PASSAGES, filters=filters, index=index, graph=graph
    )
    if filters is not None and not hits:
        hits = search_passages(question, settings, k=MAX_PASSAGES, index=index, graph=graph)
    return [_evidence(hit, stems) for hit in hits]


# --- the whole answer -------------------------------------------------------------------------


def answer_question(
    question: str,
    settings: Settings,
    *,
    graph: GraphStore | None = None,
    index: SearchIndex | None = None,
) -> Answer:
    """Link, find facts, find passages. ``graph``/``index``: open stores to reuse (the API's)."""
    if not question.strip():
        raise QueryError("question", "is empty")
    if graph is None:
        with GraphStore.open(settings, read_only=True) as own_graph:
            return answer_question(question, settings, graph=own_graph, index=index)
    intents = detect_intents(question)
    entities = link_entities(question, graph)
    stems = content_stems(question, entities)
    facts = find_facts(graph, intents, entities, stems)
    passages = find_passages(question, settings, entities, stems, graph=graph, index=index)
    return Answer(question, intents, entities, tuple(facts), tuple(passages))
