"""Passage search as the CLI and the API offer it: query + graph filters -> :class:`SearchHit`.

Filters are answered by the graph (docs/ARCHITECTURE.md, "Graph model"): each selects
documents, and the search runs over the passages of the documents every given filter selects.

- municipality (name or AGS): documents issued by it or mentioning it; a Kreis (or
  Städteregion) brings all its municipalities (``pk:inKreis``);
- program (label, alias or key): documents mentioning it or one of its sub-programs;
- doc_type: ``pk:documentType``, case-insensitive;
- date_from / date_to (YYYY-MM-DD, inclusive): ``dcterms:date`` of the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields
from typing import Any
from urllib.parse import unquote

from pyoxigraph import Literal as RdfLiteral

from pkgraph.errors import QueryError
from pkgraph.graph.store import GraphStore
from pkgraph.search.analysis import QueryTerms
from pkgraph.search.highlight import best_sentence
from pkgraph.search.index import SearchIndex, check_method
from pkgraph.settings import Settings

_SNIPPET_CONTEXT = 300


@dataclass(frozen=True)
class SearchFilters:
    municipality: str | None = None
    program: str | None = None
    doc_type: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "") for f in fields(self))


@dataclass(frozen=True)
class SearchHit:
    """One ranked passage with what a reader needs to judge and cite it."""

    passage_id: str
    passage_iri: str
    document_iri: str
    score: float
    text: str  # the passage as in the original document
    start: int  # original offsets of the passage in its document
    end: int
    highlight_start: int  # best-matching sentence, offsets into ``text``
    highlight_end: int
    title: str | None
    reference: str | None
    date: str | None
    doc_type: str | None
    source: str | None
    municipality: str | None
    municipality_iri: str | None
    entities: tuple[str, ...]

    @property
    def highlight(self) -> str:
        return self.text[self.highlight_start : self.highlight_end]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "entities": list(self.entities), "highlight": self.highlight}

    def format_text(self, rank: int) -> str:
        """A block for the terminal: header, the passage with the sentence marked, entities."""
        header = " · ".join(
            part
            for part in (self.doc_type, self.reference, self.date, self.municipality, self.title)
            if part
        )
        before = self.text[: self.highlight_start]
        after = self.text[self.highlight_end :]
        if len(before) > _SNIPPET_CONTEXT:
            before = "…" + before[-_SNIPPET_CONTEXT:]
        if len(after) > _SNIPPET_CONTEXT:
            after = after[:_SNIPPET_CONTEXT] + "…"
        body = " ".join(f"{before}>>>{self.highlight}<<<{after}".split())
        lines = [
            f"{rank:>2}. [{self.score:.3f}] {header or self.document_iri}",
            f"    {self.passage_iri}",
            f"    {body}",
        ]
        if self.entities:
            lines.append("    entities: " + " ".join(self.entities))
        return "\n".join(lines)


# --- filters -----------------------------------------------------------------------------------


def _literal(value: str) -> str:
    """``value`` as a safely escaped SPARQL string literal."""
    return str(RdfLiteral(value))


def _iso_date(parameter: str, value: str) -> str:
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError as exc:
        raise QueryError(parameter, f"{value!r} is not a date YYYY-MM-DD") from exc


def _column(rows: list[dict[str, Any]], name: str) -> set[str]:
    return {str(row[name]) for row in rows if row[name] is not None}


def _named_documents(
    graph: GraphStore, parameter: str, value: str, find: str, unknown: str, documents: str
) -> set[str]:
    """The documents ``documents`` selects for the entities ``find`` matches ``value`` to.

    ``find`` binds ``?x`` and compares with ``{wanted}`` (``value`` as a casefolded literal);
    ``documents`` binds ``?doc`` from ``{values}`` (the matched IRIs). A value matching no
    entity is a :class:`QueryError` on ``parameter``: ``value`` followed by ``unknown``.
    """
    wanted = _literal(value.strip().casefold())
    matched = _column(graph.select(find.format(wanted=wanted)), "x")
    if not matched:
        raise QueryError(parameter, f"{value!r} {unknown}")
    values = " ".join(f"<{iri}>" for iri in sorted(matched))
    return _column(graph.select(documents.format(values=values)), "doc")


def _municipality_documents(graph: GraphStore, value: str) -> set[str]:
    return _named_documents(
        graph,
        "municipality",
        value,
        find="""SELECT DISTINCT ?x WHERE {{
              ?x pk:ags ?ags ; skos:prefLabel ?label .
              FILTER(str(?ags) = {wanted} || lcase(str(?label)) = {wanted})
            }}""",
        unknown="is neither a municipality name nor an AGS",
        documents="""SELECT DISTINCT ?doc WHERE {{
              VALUES ?place {{ {values} }}
              ?m pk:inKreis? ?place .
              {{ ?doc pk:issuedBy ?m }} UNION {{ ?doc a pk:Document ; pk:mentions ?m }}
            }}""",
    )


def _program_documents(graph: GraphStore, value: str) -> set[str]:
    return _named_documents(
        graph,
        "program",
        value,
        find="""SELECT DISTINCT ?x WHERE {{
              ?x a pk:Program .
              OPTIONAL {{ ?x skos:prefLabel|skos:altLabel ?label }}
              FILTER(lcase(str(?label)) = {wanted}
                     || lcase(strafter(str(?x), "/program/")) = {wanted})
            }}""",
        unknown="is no known program name, alias or key",
        documents="""SELECT DISTINCT ?doc WHERE {{
              VALUES ?program {{ {values} }}
              ?part pk:partOfProgram* ?program .
              ?doc a pk:Document ; pk:mentions ?part .
            }}""",
    )


def _doc_type_documents(graph: GraphStore, value: str) -> set[str]:
    rows = graph.select(
        "SELECT DISTINCT ?doc ?type WHERE { ?doc a pk:Document ; pk:documentType ?type }"
    )
    matching = {
        str(r["doc"]) for r in rows if str(r["type"]).casefold() == value.strip().casefold()
    }
    if not matching:
        known = ", ".join(sorted({str(r["type"]) for r in rows})) or "none stored"
        raise QueryError("doc_type", f"{value!r} is no stored document type (known: {known})")
    return matching


def _date_documents(graph: GraphStore, date_from: str | None, date_to: str | None) -> set[str]:
    low = _iso_date("date_from", date_from) if date_from else None
    high = _iso_date("date_to", date_to) if date_to else None
    if low and high and low > high:
        raise QueryError("date_from", f"{low} is after date_to {high}")
    conditions = []
    if low:
        conditions.append(f"?date >= {_literal(low)}^^xsd:date")
    if high:
        conditions.append(f"?date <= {_literal(high)}^^xsd:date")
    return _column(
        graph.select(
            f"""SELECT DISTINCT ?doc WHERE {{
              ?doc a pk:Document ; dcterms:date ?date .
              FILTER({" && ".join(conditions)})
            }}"""
        ),
        "doc",
    )


def filtered_documents(graph: GraphStore, filters: SearchFilters) -> set[str] | None:
    """IRIs of the documents every given filter selects; None when no filter is given."""
    selections: list[set[str]] = []
    if filters.municipality:
        selections.append(_municipality_documents(graph, filters.municipality))
    if filters.program:
        selections.append(_program_documents(graph, filters.program))
    if filters.doc_type:
        selections.append(_doc_type_documents(graph, filters.doc_type))
    if filters.date_from or filters.date_to:
        selections.append(_date_documents(graph, filters.date_from, filters.date_to))
    if not selections:
        return None
    return set.intersection(*selections)


# --- hits --------------------------------------------------------------------------------------


def _hit_facts(graph: GraphStore, passage_iris: list[str]) -> dict[str, dict[str, Any]]:
    """Per passage IRI: document facts, the issuing municipality and mentioned entities.

    Two queries, each joined on the bound passages: an OPTIONAL over ``pk:mentions`` (or a
    label outside the document's graph) makes the engine build the whole store's side of the
    join — 24 s a search at 10k documents instead of milliseconds.
    """
    values = " ".join(f"<{iri}>" for iri in passage_iris)
    gazetteer = graph.iris.gazetteer_graph.value
    rows = graph.select(
        f"""SELECT ?passage ?doc ?text ?start ?end ?title ?reference ?date ?type ?source
                   ?place ?placeLabel WHERE {{
          VALUES ?passage {{ {values} }}
          GRAPH ?g {{
            ?passage pk:inDocument ?doc ; pk:text ?text ; pk:startOffset ?start ;
                     pk:endOffset ?end .
            OPTIONAL {{ ?doc dcterms:title ?title }}
            OPTIONAL {{ ?doc pk:reference ?reference }}
            OPTIONAL {{ ?doc dcterms:date ?date }}
            OPTIONAL {{ ?doc pk:documentType ?type }}
            OPTIONAL {{ ?doc dcterms:source ?source }}
            OPTIONAL {{ ?doc pk:issuedBy ?place .
                       OPTIONAL {{ GRAPH <{gazetteer}> {{ ?place skos:prefLabel ?placeLabel }} }} }}
          }}
        }}"""
    )
    facts: dict[str, dict[str, Any]] = {}
    for row in rows:
        facts.setdefault(str(row["passage"]), {**row, "entities": set()})
    mentions = graph.select(
        f"SELECT ?passage ?entity WHERE {{ VALUES ?passage {{ {values} }} "
        "?passage pk:mentions ?entity }"
    )
    for row in mentions:
        if str(row["passage"]) in facts:
            facts[str(row["passage"])]["entities"].add(str(row["entity"]))
    return facts


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)


def search_passages(
    query: str,
    settings: Settings,
    k: int = 10,
    method: str | None = None,
    filters: SearchFilters | None = None,
    *,
    index: SearchIndex | None = None,
    graph: GraphStore | None = None,
) -> list[SearchHit]:
    """The ``k`` best passages for ``query`` under ``filters``, best first.

    ``index`` and ``graph`` let a long-running caller (the API) reuse open stores; otherwise
    they are opened (the graph read-only) and closed here.
    """
    if not query.strip():
        raise QueryError("query", "is empty")
    chosen = check_method(method or settings.search_method)
    own_index = index is None
    own_graph = graph is None
    search_index = index if index is not None else SearchIndex.open(settings)
    graph_store = graph if graph is not None else GraphStore.open(settings, read_only=True)
    try:
        allowed = None
        documents = filtered_documents(graph_store, filters or SearchFilters())
        if documents is not None:
            allowed = search_index.passages_of(_doc_ids(graph_store, documents))
        ranked = search_index.search(query, k, chosen, allowed)
        passage_iris = [
            graph_store.iris.passage(*_split_passage_id(pid)).value for pid, _ in ranked
        ]
        facts = _hit_facts(graph_store, passage_iris) if ranked else {}
        terms = QueryTerms.of(query)
        hits = []
        for (pid, score), iri in zip(ranked, passage_iris, strict=True):
            fact = facts.get(iri)
            if fact is None:  # indexed but not in the graph: stores out of step, skip it
                continue
            text = str(fact["text"])
            start, end = best_sentence(text, terms)
            hits.append(
                SearchHit(
                    passage_id=pid,
                    passage_iri=iri,
                    document_iri=str(fact["doc"]),
                    score=round(score, 6),
                    text=text,
                    start=int(fact["start"]),
                    end=int(fact["end"]),
                    highlight_start=start,
                    highlight_end=end,
                    title=_optional_str(fact["title"]),
                    reference=_optional_str(fact["reference"]),
                    date=_optional_str(fact["date"]),
                    doc_type=_optional_str(fact["type"]),
                    source=_optional_str(fact["source"]),
                    municipality=_optional_str(fact["placeLabel"]),
                    municipality_iri=_optional_str(fact["place"]),
                    entities=tuple(sorted(fact["entities"])),
                )
            )
        return hits
    finally:
        if own_index:
            search_index.close()
        if own_graph:
            graph_store.close()


def _doc_ids(graph: GraphStore, document_iris: set[str]) -> set[str]:
    """The doc ids of document IRIs (``IriScheme.document`` read backwards)."""
    prefix = graph.iris.document("").value
    return {unquote(iri[len(prefix) :]) for iri in document_iris if iri.startswith(prefix)}


def _split_passage_id(passage_id: str) -> tuple[str, int]:
    doc_id, index = passage_id.rsplit("/", 1)
    return doc_id, int(index)
