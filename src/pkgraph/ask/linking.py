"""Linking what a question names to graph entities: municipalities, programs, bodies, years.

Municipalities and catalogued programs go through the extraction's own linkers (every German
inflection, OCR-tolerant patterns, homonym rules), so a question links the way a document
does. Other programs and bodies match their graph labels word by word, tolerant of German
case endings ("des Jugendhilfeausschusses") and of abbreviations the question analysis has
written out (``expand_abbreviations``).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pkgraph.ask.question import WORD, years_in
from pkgraph.ask.records import EntityKind, LinkedEntity
from pkgraph.extract.municipalities import MunicipalityHit, find_municipality_hits
from pkgraph.extract.programs import find_program_hits
from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.store import GraphStore

#: Over the union: each entity is described once (entities, programs and OParl graphs).
_LABELS = """
SELECT DISTINCT ?entity ?label ?kind ?owner WHERE {
  { ?entity a pk:Program ; skos:prefLabel|skos:altLabel ?label BIND("program" AS ?kind) }
  UNION { ?entity a pk:Body ; skos:prefLabel ?label OPTIONAL { ?entity pk:bodyOf ?owner }
          BIND("body" AS ?kind) }
}
"""
_AFTER_KREIS_WORD = re.compile(
    r"(?:Kreistag(?:s|es)?|Kreisausschuss(?:es)?|Kreisverwaltung|Landrat|Landrätin)\s+$"
)
#: A town's adjective: "Bochumer", "Aachener", "Kölner" (the town name plus "er").
_TOWN_ADJECTIVE = re.compile(r"\b([A-ZÄÖÜ][a-zäöüß]{2,}(?:-[A-ZÄÖÜ][a-zäöüß]+)*)er\b")
#: German case endings a name may carry in a question ("Ausschusses", "Kommunalen").
_ENDING = r"(?:s|es|n|en|e|m)?"
_MAX_ENDING = 2


@dataclass(frozen=True)
class Label:
    entity: str
    label: str
    kind: str
    owner: str | None
    name: str  # normalised, as a question would say it (a body without its owner)


@dataclass(frozen=True)
class Labels:
    """The graph's program and body labels, indexed by the first word of their name so a
    question is compared with the few labels that could occur in it, not with all of them."""

    labels: tuple[Label, ...]
    by_first_word: dict[str, tuple[Label, ...]]

    def candidates(self, normal_question: str) -> list[Label]:
        """Labels whose first word is a question word, or one without a case ending."""
        found: dict[int, Label] = {}
        for word in normal_question.split():
            for cut in range(_MAX_ENDING + 1):
                for label in self.by_first_word.get(word[: len(word) - cut], ()):
                    found[id(label)] = label
        return list(found.values())


#: Labels per open store: the API's store is read-only while it serves (ingest runs with the
#: server stopped), so its labels are read once instead of once per question.
_LABEL_CACHE: weakref.WeakKeyDictionary[GraphStore, Labels] = weakref.WeakKeyDictionary()


def graph_labels(graph: GraphStore) -> Labels:
    """Every program and body label of the graph (cached for a read-only store)."""
    cached = _LABEL_CACHE.get(graph)
    if cached is not None:
        return cached
    labels = []
    for row in graph.select(_LABELS):
        label, kind = str(row["label"]), str(row["kind"])
        name = normal(_base_name(label) if kind == "body" else label)
        if len(name) >= 3:
            owner = None if row["owner"] is None else str(row["owner"])
            labels.append(Label(str(row["entity"]), label, kind, owner, name))
    by_first_word: dict[str, list[Label]] = {}
    for entry in labels:
        by_first_word.setdefault(entry.name.split()[0], []).append(entry)
    index = Labels(tuple(labels), {w: tuple(e) for w, e in by_first_word.items()})
    if graph.read_only:
        _LABEL_CACHE[graph] = index
    return index


def normal(text: str) -> str:
    """Casefolded words separated by single spaces: labels and questions compare this way."""
    return " ".join(WORD.findall(text.casefold().replace("’", "'").replace("‘", "'")))


def _base_name(label: str) -> str:
    """A body's name without its owner in parentheses: "Kreistag (Kreis Coesfeld)" -> "Kreistag"."""
    return label.split(" (", 1)[0].strip()


def _contains_words(haystack: str, needle: str) -> bool:
    """``needle``'s words in ``haystack``, each word allowed a German case ending."""
    if not needle:
        return False
    pattern = r"\s".join(re.escape(word) + _ENDING for word in needle.split())
    return re.search(rf"(?<!\w){pattern}(?!\w)", haystack) is not None


def _town_adjectives(question: str) -> list[MunicipalityHit]:
    """Towns named by their adjective ("die Bochumer Präventionskette"): the word without
    "er" must be a whole town name to the extraction's linker."""
    hits = []
    for match in _TOWN_ADJECTIVE.finditer(question):
        name = match.group(1)
        for hit in find_municipality_hits(name):
            if hit.start == 0 and hit.end == len(name):
                hits.append(replace(hit, start=match.start(), end=match.end()))
    return hits


def _link_municipalities(question: str, graph: GraphStore) -> list[LinkedEntity]:
    """The extraction's linker, plus two readings only a question needs: a town's adjective
    ("Aachener Ausschüsse") names the town, and a town name after a Kreis word ("Kreistag
    Coesfeld") means the Kreis."""
    gazetteer = load_gazetteer()
    found: list[LinkedEntity] = []
    for hit in [*find_municipality_hits(question), *_town_adjectives(question)]:
        entry = gazetteer.by_ags(hit.ags)
        if entry is None:
            continue
        if not entry.is_kreis and _AFTER_KREIS_WORD.search(question[: hit.start]):
            entry = gazetteer.kreis(entry.name) or entry
        iri = graph.iris.municipality(entry.ags).value
        found.append(LinkedEntity("municipality", entry.name, question[hit.start : hit.end], iri))
    return distinct(found)


def _link_by_label(question: str, labels: Labels, kind: EntityKind) -> list[LinkedEntity]:
    """Entities of ``kind`` whose name occurs in the question; the longest wins where names
    overlap ("Kommunale Präventionsketten" over "Präventionsketten")."""
    normal_question = normal(question)
    hits: dict[str, LinkedEntity] = {}
    for entry in labels.candidates(normal_question):
        if entry.kind != kind or not _contains_words(normal_question, entry.name):
            continue
        current = hits.get(entry.entity)
        if current is None or len(entry.name) > len(current.matched):
            hits[entry.entity] = LinkedEntity(kind, entry.label, entry.name, entry.entity)
    kept: list[LinkedEntity] = []
    for entity in sorted(hits.values(), key=lambda e: -len(e.matched)):
        if not any(
            entity.matched in other.matched and entity.matched != other.matched for other in kept
        ):
            kept.append(entity)
    return kept


def _link_catalogued_programs(
    question: str, graph: GraphStore, labels: Labels
) -> list[LinkedEntity]:
    """Programs the extraction's catalogue patterns find (inflected, OCR-tolerant names)."""
    known = {entry.entity for entry in labels.labels if entry.kind == "program"}
    found = []
    for hit in find_program_hits(question, None):
        iri = graph.iris.program(hit.key).value
        if iri in known:
            found.append(LinkedEntity("program", hit.name, question[hit.start : hit.end], iri))
    return found


def link_entities(question: str, graph: GraphStore) -> tuple[LinkedEntity, ...]:
    """Everything the question names that the graph knows, plus the years it mentions.

    Bodies are narrowed to those of a named municipality when the question names one
    ("Jugendhilfeausschuss" + "Kreis Coesfeld" -> that Kreis's committee only).
    """
    labels = graph_labels(graph)
    municipalities = _link_municipalities(question, graph)
    programs = _link_catalogued_programs(question, graph, labels)
    programs += _link_by_label(question, labels, "program")
    bodies = _link_by_label(question, labels, "body")
    towns = {m.iri for m in municipalities}
    owners = {entry.entity: entry.owner for entry in labels.labels if entry.kind == "body"}
    owned = [body for body in bodies if owners.get(body.iri or "") in towns]
    if towns and owned:
        bodies = owned
    return (*municipalities, *distinct(programs), *distinct(bodies), *years_in(question))


def distinct(entities: Iterable[LinkedEntity]) -> list[LinkedEntity]:
    """One entity per IRI, the first found."""
    unique: dict[str | None, LinkedEntity] = {}
    for entity in entities:
        unique.setdefault(entity.iri, entity)
    return list(unique.values())
