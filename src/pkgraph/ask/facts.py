"""Reading candidate facts from the graph in a few small queries, whatever the question.

Candidates come two ways:

- **by passage**: every fact whose evidence lies in a passage the search ranked for the
  question (``prov:wasDerivedFrom``) — this is how a question that names nothing still gets
  facts, and why facts and passages rank on one scale;
- **by entity**: facts of the asked kinds that name a linked entity, widened to what facts
  point at (a Kreis's municipalities, a municipality's bodies, a program's predecessors,
  successors and phases) — list questions ("Welche Kommunen nehmen an … teil?") whose answer
  spans many documents.

Each query starts from bound values (the passages, the linked entities, then what they stand
for), so its cost does not grow with the store. A last query reads every value of every
candidate (predicate-generic, with the labels of what it points at); the values become
``details`` under stable names and a one-line summary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from pkgraph.ask.records import Intent, one_line
from pkgraph.ask.statements import passage_texts, statement, vote_statement
from pkgraph.graph.store import GraphStore, Value
from pkgraph.graph.vocab import DCTERMS, ORG, PK, PROV, RDF, SCHEMA

#: At most this many facts come in by entity (a program may have thousands of participations).
MAX_ENTITY_FACTS = 200

_KIND_OF_TYPE: dict[str, Intent] = {
    f"{PK}Participation": "participation",
    f"{PK}JointApplication": "participation",
    f"{PK}Funding": "funding",
    f"{PK}Decision": "decision",
    f"{PK}Event": "event",
    f"{PK}Membership": "person",
}
_TYPES_OF_KIND: dict[Intent, tuple[str, ...]] = {
    kind: tuple(t for t, k in _KIND_OF_TYPE.items() if k == kind) for kind in _KIND_OF_TYPE.values()
}
#: Kinds read only when the question asks for them, and only by passage (a passage holds many,
#: and a municipality named in thousands of documents must not pull in every mention): an
#: organisation is the mention of a body (a university, a ministry, a provider), a count a
#: stated quantity ("52 Kommunen").
_MENTION = f"{PK}Mention"
_QUANTITY = f"{PK}Quantity"
_ASKED_ONLY: dict[str, Intent] = {_MENTION: "organisation", _QUANTITY: "count"}
_BODY_KINDS = {
    "council": "Rat",
    "committee": "Ausschuss",
    "working_group": "Arbeitsgruppe",
    "conference": "Konferenz",
    "ministry": "Ministerium",
    "state_government": "Landesregierung",
    "foundation": "Stiftung",
    "institute": "Institut",
    "agency": "Behörde",
    "company": "Unternehmen",
}

#: predicate -> detail name; entity-valued ones also get ``<name>Label``.
_VALUE_NAMES: dict[str, str] = {
    f"{PK}since": "since",
    f"{PK}amountEUR": "amount",
    f"{PK}amountText": "amountText",
    f"{PK}fundingYear": "year",
    f"{PK}purpose": "purpose",
    f"{PK}sharePercent": "share",
    f"{PK}ownSharePercent": "ownShare",
    f"{DCTERMS}date": "date",
    f"{PK}decisionKind": "decisionKind",
    f"{PK}decisionText": "text",
    f"{PK}votesFor": "yes",
    f"{PK}votesAgainst": "no",
    f"{PK}abstentions": "abstain",
    f"{SCHEMA}name": "name",
    f"{SCHEMA}startDate": "date",
    f"{SCHEMA}location": "location",
    f"{PK}roleLabel": "role",
    f"{PK}quote": "quote",
    f"{PK}startOffset": "start",
    f"{PK}endOffset": "end",
    f"{SCHEMA}value": "value",
    f"{SCHEMA}unitText": "counted",
}
_ENTITY_NAMES: dict[str, str] = {
    f"{PK}participant": "participant",
    f"{PK}applicant": "participant",
    f"{PK}inProgram": "program",
    f"{PK}project": "project",
    f"{SCHEMA}funder": "funder",
    f"{PK}recipient": "recipient",
    f"{PK}fundsProgram": "program",
    f"{PK}decidedBy": "body",
    f"{PK}concernsProgram": "program",
    f"{PK}placeMunicipality": "place",
    f"{ORG}member": "person",
    f"{ORG}organization": "organisation",
    f"{PROV}wasDerivedFrom": "passage",
    f"{PK}inDocument": "document",
    f"{PK}mentionOf": "organisation",
}
#: Details that name agents (who does, gets, decides) and programs: entity matches count here.
AGENT_DETAILS = ("participant", "funder", "recipient", "body", "owner", "place", "organisation")
PROGRAM_DETAILS = ("program", "project")
DATE_DETAILS = ("date", "since", "year")
_LINKING = " | ".join(
    f"<{p}>"
    for p in _ENTITY_NAMES
    if _ENTITY_NAMES[p] not in ("passage", "document", "person") and p != f"{PK}mentionOf"
)


@dataclass
class RawFact:
    """A candidate fact: its kind, its values, and how it came in."""

    iri: str
    kind: Intent
    values: dict[str, Value] = field(default_factory=dict)
    #: IRIs of linked entities (after widening) the fact was reached through
    via: set[str] = field(default_factory=set)

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return None if value is None or value == "" else one_line(str(value))


def _iris(values: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in values)


def _one_of(types: Iterable[str]) -> str:
    """A filter on ``?type``: a ``VALUES`` block there makes the engine scan every typed fact
    of the store before joining the bound passages (seconds at 10k documents)."""
    return "FILTER(?type IN (" + ", ".join(f"<{t}>" for t in types) + "))"


def _passage_facts_query(passages: Sequence[str], kinds: Sequence[Intent], entities: str) -> str:
    """Facts derived from ``passages``: of every kind read always, and of the asked-only
    ``kinds`` (the mentions of bodies, which ``entities`` describes; quantities)."""
    derived = f"?fact <{PROV}wasDerivedFrom> ?passage ; a"
    branches = [f"{derived} ?type . {_one_of(_KIND_OF_TYPE)}"]
    if "organisation" in kinds:
        branches.append(
            f"{derived} <{_MENTION}> ; pk:mentionOf ?body . "
            f"GRAPH <{entities}> {{ ?body pk:bodyKind ?kind }}"
        )
    if "count" in kinds:
        branches.append(f"{derived} <{_QUANTITY}>")
    facts = " UNION ".join(f"{{ {branch} }}" for branch in branches)
    return f"""SELECT DISTINCT ?fact WHERE {{ VALUES ?passage {{ {_iris(passages)} }}
  {facts} }}"""


def _reached_query(named: Sequence[str]) -> str:
    """What the linked entities stand for: themselves, a Kreis's towns, a town's bodies, a
    program's phases, its predecessors and successors. Each entity is written into its own
    branch: a property path between two variables bound only by ``VALUES`` is one some
    stores (Virtuoso) refuse to start."""
    branches = []
    for iri in named:
        via = f"BIND(<{iri}> AS ?via)"
        branches += [
            f"{{ {via} BIND(<{iri}> AS ?entity) }}",
            f"{{ ?entity pk:inKreis|pk:bodyOf|pk:partOfProgram+ <{iri}> {via} }}",
            f"{{ <{iri}> (pk:successorOf|^pk:successorOf)+ ?lineage . "
            f"?entity pk:partOfProgram* ?lineage {via} }}",
        ]
    return "SELECT DISTINCT ?entity ?via WHERE {\n  " + "\n  UNION ".join(branches) + "\n}"


def _entity_facts_query(reached: Sequence[tuple[str, str]], kinds: Sequence[Intent]) -> str:
    pairs = " ".join(f"(<{entity}> <{via}>)" for entity, via in reached)
    types = [t for kind in kinds for t in _TYPES_OF_KIND.get(kind, ())]
    return f"""SELECT DISTINCT ?fact ?via WHERE {{ VALUES (?entity ?via) {{ {pairs} }}
  ?fact {_LINKING} ?entity ; a ?type . {_one_of(types)} }} LIMIT {MAX_ENTITY_FACTS}"""


def _candidates(
    graph: GraphStore, passages: Sequence[str], named: Sequence[str], kinds: Sequence[Intent]
) -> dict[str, set[str]]:
    """Candidate fact IRIs, each with the linked entities it was reached through. Separate
    queries, each starting from bound values: in one query the engine joined the store's
    every typed fact first (seconds a question at 10k documents)."""
    vias: dict[str, set[str]] = {}
    if passages:
        query = _passage_facts_query(passages, kinds, graph.iris.entities_graph.value)
        for row in graph.select(query):
            vias.setdefault(str(row["fact"]), set())
    if named and _TYPES_OF_KIND.keys() & set(kinds):
        reached = [(str(r["entity"]), str(r["via"])) for r in graph.select(_reached_query(named))]
        if reached:
            for row in graph.select(_entity_facts_query(reached, kinds)):
                vias.setdefault(str(row["fact"]), set()).add(str(row["via"]))
    return vias


#: A fact's values from its own document graph; the names of what they point at from the
#: graphs that describe entities (each once), titles and event names from the document graph.
_VALUES_QUERY = """
SELECT ?fact ?p ?o ?label ?owner ?bodyKind WHERE {{
  VALUES ?fact {{ {facts} }}
  GRAPH ?g {{ ?fact ?p ?o }}
  OPTIONAL {{ GRAPH ?g {{ ?o schema:name|dcterms:title ?own }} }}
  OPTIONAL {{ GRAPH ?reference {{ ?o skos:prefLabel|foaf:name ?shared }}
             VALUES ?reference {{ {references} }} }}
  OPTIONAL {{ GRAPH <{entities}> {{ ?o pk:bodyOf ?owner }} }}
  OPTIONAL {{ GRAPH <{entities}> {{ ?o pk:bodyKind ?bodyKind }} }}
  BIND(COALESCE(?own, ?shared) AS ?label)
}}
"""
_TYPE = f"{RDF}type"


def read_facts(
    graph: GraphStore, passages: Sequence[str], named: Sequence[str], kinds: Sequence[Intent]
) -> list[RawFact]:
    """Facts read from ``passages`` plus facts of ``kinds`` naming ``named``."""
    if not passages and not named:
        return []
    vias = _candidates(graph, passages, named, kinds)
    if not vias:
        return []
    facts: dict[str, RawFact] = {}
    labels: dict[tuple[str, str], set[str]] = {}
    iris = graph.iris
    entities = iris.entities_graph.value
    references = _iris([iris.gazetteer_graph.value, iris.programs_graph.value, entities])
    query = _VALUES_QUERY.format(facts=_iris(vias), references=references, entities=entities)
    for row in graph.select(query):
        iri, predicate, value = str(row["fact"]), str(row["p"]), row["o"]
        fact = facts.setdefault(iri, RawFact(iri, "participation", via=vias[iri]))
        if predicate == _TYPE and str(value) in _KIND_OF_TYPE:
            fact.kind = _KIND_OF_TYPE[str(value)]
        elif predicate == _TYPE and str(value) in _ASKED_ONLY:
            fact.kind = _ASKED_ONLY[str(value)]
        elif predicate in _VALUE_NAMES:
            fact.values.setdefault(_VALUE_NAMES[predicate], value)
        elif predicate in _ENTITY_NAMES:
            name = _ENTITY_NAMES[predicate]
            fact.values.setdefault(name, value)
            if row["label"] is not None:
                labels.setdefault((iri, name), set()).add(one_line(str(row["label"])))
            if row["owner"] is not None and name == "body":
                fact.values.setdefault("owner", row["owner"])
            if row["bodyKind"] is not None and name == "organisation":
                fact.values.setdefault("bodyKind", row["bodyKind"])
    for (iri, name), names in labels.items():
        label_name = "personName" if name == "person" else f"{name}Label"
        if name == "document":
            label_name = "title"
        facts[iri].values[label_name] = ", ".join(sorted(names))
    shown = [
        f
        for f in facts.values()
        if f.text("passage")
        and f.text("quote")
        and (f.kind != "organisation" or f.text("bodyKind"))
    ]
    _add_statements(graph, shown)
    return shown


def _add_statements(graph: GraphStore, facts: Sequence[RawFact]) -> None:
    """Each fact's ``sentence``: the passage sentence its evidence stands in (one query)."""
    texts = passage_texts(graph, (str(f.values["passage"]) for f in facts))
    for fact in facts:
        start, text = texts.get(str(fact.values["passage"]), (0, ""))
        begin, end = fact.values.get("start"), fact.values.get("end")
        if text and isinstance(begin, int) and isinstance(end, int):
            voted = fact.kind == "decision" and any(
                fact.values.get(n) is not None for n in ("yes", "no", "abstain")
            )
            show = vote_statement if voted else statement
            fact.values["sentence"] = show(text, begin - start, end - start)
        else:
            fact.values["sentence"] = fact.values["quote"]


# --- one line per fact ------------------------------------------------------------------------


def _of(fact: RawFact, name: str) -> str | None:
    """An entity's label, or its IRI when it has none."""
    return fact.text(f"{name}Label") or fact.text(name)


def _date(fact: RawFact, name: str) -> str | None:
    """An ISO date as Germans write it; years and partial dates stay as they are."""
    text = fact.text(name)
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text or "")
    return f"{match.group(3)}.{match.group(2)}.{match.group(1)}" if match else text


def _percent(fact: RawFact, name: str) -> str | None:
    value = fact.values.get(name)
    if not isinstance(value, int | float):
        return None
    return f"{value:g} %".replace(".", ",")


def _euro(fact: RawFact) -> str | None:
    amount = fact.values.get("amount")
    if fact.text("amountText") or not isinstance(amount, int | float):
        return fact.text("amountText")
    return f"{amount:,.0f} €".replace(",", ".")


def _prefixed(prefix: str, value: str | None) -> str | None:
    return f"{prefix} {value}" if value else None


def _join(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


def _participation_line(f: RawFact) -> str:
    since = _prefixed("seit", _date(f, "since"))
    project = _prefixed("mit", _of(f, "project"))
    return _join(_of(f, "participant"), "nimmt teil an", _of(f, "program"), project, since)


def _funding_line(f: RawFact) -> str:
    return _join(
        _euro(f),
        _prefixed("von", _of(f, "funder")),
        _prefixed("für", _of(f, "recipient")),
        _prefixed("im Jahr", f.text("year")),
        _prefixed("Zweck:", f.text("purpose")),
        _prefixed("Anteil", _percent(f, "share")),
        _prefixed("Eigenanteil", _percent(f, "ownShare")),
    )


def _votes(f: RawFact) -> str | None:
    """The votes as counted, or "einstimmig" for none against (and no abstentions stated)."""
    yes, no, abstain = (f.values.get(n) for n in ("yes", "no", "abstain"))
    if yes is None and no == 0 and abstain in (None, 0):
        return "(einstimmig)"
    counts = [(f.values.get(n), word) for n, word in (("yes", "ja"), ("no", "nein"))]
    counts.append((f.values.get("abstain"), "Enthaltungen"))
    shown = [f"{value} {word}" for value, word in counts if value is not None]
    return f"({', '.join(shown)})" if shown else None


def _decision_line(f: RawFact) -> str:
    return _join(
        _of(f, "body"),
        _prefixed("–", f.text("decisionKind")),
        _prefixed("am", _date(f, "date")),
        _prefixed("–", f.text("text")),
        _votes(f),
    )


def _event_line(f: RawFact) -> str:
    return _join(
        f.text("name"), _prefixed("am", _date(f, "date")), _prefixed("in", f.text("location"))
    )


def _person_line(f: RawFact) -> str:
    return _join(
        f.text("personName"),
        _prefixed("–", f.text("role")),
        _prefixed("bei", _of(f, "organisation")),
    )


def _count_line(f: RawFact) -> str:
    value = f.values.get("value")
    if not isinstance(value, int | float):
        return ""
    whole = value == int(value)
    number = f"{value:,.0f}".replace(",", ".") if whole else f"{value:g}".replace(".", ",")
    return _join(number, f.text("counted"))


def _organisation_line(f: RawFact) -> str:
    kind = _BODY_KINDS.get(f.text("bodyKind") or "")
    return _join(_of(f, "organisation"), _prefixed("–", kind))


SUMMARIES: dict[Intent, Callable[[RawFact], str]] = {
    "participation": _participation_line,
    "funding": _funding_line,
    "decision": _decision_line,
    "event": _event_line,
    "person": _person_line,
    "organisation": _organisation_line,
    "count": _count_line,
}
