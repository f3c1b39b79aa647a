"""The HTML pages: search, questions, lists, entity and document pages, the SPARQL editor.

The core app includes :data:`router` and calls :func:`render_entity_page` for browser requests of
an entity IRI. Pages read the read-only graph from ``request.app.state.graph`` and settings from
``request.app.state.settings``; search and questions run in the browser against the JSON
endpoints ``/search`` and ``/ask``, so the pages never duplicate their logic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from pkgraph.citations import cite
from pkgraph.graph.vocab import DCTERMS, PK, PREFIXES
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.settings import Settings
from pkgraph_api.map_svg import locator
from pkgraph_api.page_queries import (
    DocumentFact,
    EntityView,
    Statement,
    describe_entity,
    document_consultations,
    document_facts,
    document_link,
    filter_options,
    list_bodies,
    list_documents,
    list_municipalities,
    list_programs,
)
from pkgraph_api.page_terms import GraphReader, Node, Terms
from pkgraph_api.text_marks import MarkSpan, PassageSpan, mark_text

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
router = APIRouter(include_in_schema=False)

Cell = Node | str | int | None


@dataclass(frozen=True)
class Table:
    """A list page: a heading, column titles and rows of cells (links for nodes)."""

    nav: str  # the navigation entry the page belongs to
    title: str
    intro: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class SparqlExample:
    title: str
    query: str


def _example(title: str, body: str) -> SparqlExample:
    """An example query with the PREFIX lines of just the namespaces it uses."""
    used = "".join(
        f"PREFIX {prefix}: <{namespace}>\n"
        for prefix, namespace in PREFIXES.items()
        if f"{prefix}:" in body
    )
    return SparqlExample(title, used + "\n" + body.strip() + "\n")


SPARQL_EXAMPLES: tuple[SparqlExample, ...] = (
    _example(
        "Teilnahme je Programm",
        """
SELECT ?programm (COUNT(DISTINCT ?kommune) AS ?kommunen)
       (GROUP_CONCAT(DISTINCT ?name; separator=", ") AS ?teilnehmende)
WHERE {
  ?teilnahme a pk:Participation ; pk:inProgram ?p ; pk:participant ?kommune .
  ?p skos:prefLabel ?programm .
  ?kommune skos:prefLabel ?name .
}
GROUP BY ?programm
ORDER BY DESC(?kommunen)""",
    ),
    _example(
        "Förderung nach Geldgeber und Jahr",
        """
SELECT ?geldgeber ?jahr (SUM(?betrag) AS ?summeEUR) (COUNT(?f) AS ?anzahl)
WHERE {
  ?f a pk:Funding .
  OPTIONAL { ?f pk:amountEUR ?betrag }
  OPTIONAL { ?f pk:fundingYear ?jahr }
  OPTIONAL { ?f schema:funder ?g . ?g skos:prefLabel ?geldgeber }
}
GROUP BY ?geldgeber ?jahr
ORDER BY ?geldgeber ?jahr""",
    ),
    _example(
        "Beschlüsse nach Gremium",
        """
SELECT ?gremium ?datum ?art ?beschluss ?dokument
WHERE {
  ?b a pk:Decision ; pk:decidedBy ?g .
  ?g skos:prefLabel ?gremium .
  OPTIONAL { ?b dcterms:date ?datum }
  OPTIONAL { ?b pk:decisionKind ?art }
  OPTIONAL { ?b pk:decisionText ?beschluss }
  OPTIONAL { ?b pk:inDocument ?d . ?d dcterms:title ?dokument }
}
ORDER BY ?gremium ?datum""",
    ),
    _example(
        "Herkunft eines Fakts (Provenienz)",
        """
SELECT ?fakt ?zitat ?start ?ende ?abschnitt ?dokument ?quelle ?extraktor ?konfidenz
WHERE {
  ?fakt a pk:Funding ;
        prov:wasDerivedFrom ?abschnitt ;
        pk:inDocument ?d ;
        pk:quote ?zitat ;
        pk:startOffset ?start ;
        pk:endOffset ?ende .
  OPTIONAL { ?fakt pk:extractor ?extraktor }
  OPTIONAL { ?fakt pk:confidence ?konfidenz }
  OPTIONAL { ?d dcterms:title ?dokument }
  OPTIONAL { ?d dcterms:source ?quelle }
}
ORDER BY ?dokument ?start
LIMIT 50""",
    ),
)


# --- helpers ----------------------------------------------------------------------------------


def _graph(request: Request) -> GraphReader:
    graph: GraphReader = request.app.state.graph
    return graph


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _terms(request: Request) -> Terms:
    return Terms(_settings(request).base_iri)


def _page(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render ``template``; every page gets the root path for links to static files."""
    root = request.scope.get("root_path", "").rstrip("/")
    base = {"root": root, "base_iri": _settings(request).base_iri}
    return TEMPLATES.TemplateResponse(request, template, base | context, status_code=status_code)


def parse_highlight(value: str | None) -> tuple[int, int] | None:
    """``"120-180"`` -> ``(120, 180)``; anything else (absent, malformed, empty) -> None."""
    if not value:
        return None
    start, _, end = value.partition("-")
    if not (start.isdigit() and end.isdigit()) or int(start) >= int(end):
        return None
    return int(start), int(end)


# --- pages ------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    """Start page: German search with filters; results come from ``/search``."""
    return _page(request, "search.html", {"options": filter_options(_graph(request))})


@router.get("/question", response_class=HTMLResponse)
def question_page(request: Request) -> HTMLResponse:
    """A German question answered with graph facts and passages from ``/ask``."""
    return _page(request, "question.html", {})


@router.get("/sparql-editor", response_class=HTMLResponse)
def sparql_editor_page(request: Request) -> HTMLResponse:
    """The bundled YASGUI editor posting to ``/sparql``, with example queries."""
    return _page(request, "sparql_editor.html", {"examples": SPARQL_EXAMPLES})


@dataclass(frozen=True)
class ListPage:
    """A list page's heading and columns, and how its rows are read from the graph."""

    nav: str  # the page's path and navigation entry
    title: str
    intro: str
    columns: tuple[str, ...]
    numeric: frozenset[int]
    rows: Callable[[GraphReader, Terms], Iterable[tuple[Cell, ...]]]


LIST_PAGES = (
    ListPage(
        nav="programs",
        title="Programme",
        intro="Präventionsprogramme aus dem Programmkatalog und den Dokumenten.",
        columns=("Programm", "Nachfolger von", "Dokumente", "Teilnehmende Kommunen"),
        numeric=frozenset({2, 3}),
        rows=lambda graph, terms: (
            (r.program, r.successor_of, r.documents, r.participants)
            for r in list_programs(graph, terms)
        ),
    ),
    ListPage(
        nav="municipalities",
        title="Kommunen",
        intro="Städte, Gemeinden und Kreise, die in den Dokumenten erwähnt werden.",
        columns=("Kommune", "Art", "Kreis", "Dokumente"),
        numeric=frozenset({3}),
        rows=lambda graph, terms: (
            (r.municipality, r.kind, r.kreis, r.documents)
            for r in list_municipalities(graph, terms)
        ),
    ),
    ListPage(
        nav="bodies",
        title="Gremien und Organisationen",
        intro="Räte, Ausschüsse, Arbeitsgruppen, Ministerien, Ämter und weitere Akteure.",
        columns=("Name", "Art", "gehört zu", "Dokumente"),
        numeric=frozenset({3}),
        rows=lambda graph, terms: (
            (r.body, r.kind, r.of, r.documents) for r in list_bodies(graph, terms)
        ),
    ),
    ListPage(
        nav="documents",
        title="Dokumente",
        intro="Alle erfassten Ratsdokumente, neueste zuerst.",
        columns=("Titel", "Aktenzeichen", "Art", "Datum", "Herausgeber", "Fakten"),
        numeric=frozenset({5}),
        rows=lambda graph, terms: (
            (r.document, r.reference, r.doc_type, r.date, r.issuer, r.facts)
            for r in list_documents(graph, terms)
        ),
    ),
)


def _list_route(page: ListPage) -> Callable[[Request], HTMLResponse]:
    def list_page(request: Request) -> HTMLResponse:
        rows = tuple(page.rows(_graph(request), _terms(request)))
        table = Table(page.nav, page.title, page.intro, page.columns, rows, page.numeric)
        return _page(request, "list.html", {"table": table, "active": table.nav})

    return list_page


for _list_page in LIST_PAGES:
    router.add_api_route(
        f"/{_list_page.nav}", _list_route(_list_page), methods=["GET"], response_class=HTMLResponse
    )


def render_entity_page(request: Request, iri: str) -> HTMLResponse:
    """The HTML page of any entity IRI; a document gets its text with the facts highlighted.

    Unknown IRIs get a 404 page. ``?hl=START-END`` marks a span of a document's text.
    """
    terms = _terms(request)
    view = describe_entity(_graph(request), iri, terms)
    if view is None:
        return _page(request, "not_found.html", {"iri": iri}, status_code=404)
    if any(t.iri == PK + "Document" for t in view.types):
        return _document_page(request, view, terms)
    citation = cite(request.app.state.graph, iri)
    context: dict[str, object] = {"view": view, "source": source_link(view), "citation": citation}
    municipality = f"{_settings(request).base_iri}id/municipality/"
    if iri.startswith(municipality):  # where the place lies, instead of two numbers
        context["locator"] = locator(iri.removeprefix(municipality))
    return _page(request, "entity.html", context)


def source_link(view: EntityView) -> str | None:
    """Link to where a passage or fact node stands in its document, from its own statements."""
    values = {s.predicate.iri: s.value for s in view.outgoing}
    document = values.get(PK + "inDocument")
    start, end = values.get(PK + "startOffset"), values.get(PK + "endOffset")
    if document is None or document.href is None or start is None or end is None:
        return None
    index = values.get(PK + "passageIndex")
    return document_link(
        document, int(index.text) if index is not None else None, int(start.text), int(end.text)
    )


#: Document statements shown above its text, in this order.
DOCUMENT_SUMMARY = (
    PK + "reference",
    PK + "documentType",
    DCTERMS + "date",
    PK + "issuedBy",
    PK + "mentionsReference",
    DCTERMS + "source",
)


def pick_statements(view: EntityView, predicates: Sequence[str]) -> list[Statement]:
    """The view's statements with these predicates, in the order given."""
    order = {predicate: rank for rank, predicate in enumerate(predicates)}
    chosen = [s for s in view.outgoing if s.predicate.iri in order]
    return sorted(chosen, key=lambda s: order[s.predicate.iri or ""])


def _document_page(request: Request, view: EntityView, terms: Terms) -> HTMLResponse:
    settings = _settings(request)
    doc_id = unquote(view.iri.rstrip("/").rsplit("/", 1)[-1])
    with DocumentStore.open(settings.documents_db) as documents:
        document = documents.get(doc_id)
    keyed = [
        (fact_key(n), fact)
        for n, fact in enumerate(document_facts(_graph(request), view.iri, terms))
    ]
    highlight = parse_highlight(request.query_params.get("hl"))
    blocks = []
    if document is not None:
        blocks = mark_text(
            document.original_text,
            [PassageSpan(p.index, p.start, p.end) for p in document.passages],
            fact_marks(keyed, highlight),
        )
    facts = [(key, fact) for key, fact in keyed if not fact.is_mention]
    context = {
        "active": "documents",
        "view": view,
        "summary": pick_statements(view, DOCUMENT_SUMMARY),
        "document": document,
        "blocks": blocks,
        "facts": facts,
        "fact_kinds": sorted({(fact.kind, fact.kind_label) for _, fact in facts}),
        "mentioned": mentioned_entities(keyed),
        "consultations": document_consultations(_graph(request), view.iri, terms),
        "citation": cite(request.app.state.graph, view.iri),
    }
    return _page(request, "document.html", context)


def fact_key(number: int) -> str:
    return f"fact-{number}"


KeyedFact = tuple[str, DocumentFact]


def fact_marks(facts: Sequence[KeyedFact], highlight: tuple[int, int] | None) -> list[MarkSpan]:
    """Highlights for the text: the requested span, then each fact or mention at its offsets.

    The requested span comes first so that it owns the element id where it starts (``#hl``),
    even when a fact starts at the same offset.
    """
    marks = [] if highlight is None else [MarkSpan("hl", *highlight, "hit", "Fundstelle")]
    marks.extend(
        MarkSpan(
            key,
            fact.start,
            fact.end,
            "mention" if fact.is_mention else f"fact fact--{fact.kind}",
            f"{fact.kind_label}: {fact.about.text}" if fact.about else fact.kind_label,
        )
        for key, fact in facts
    )
    return marks


@dataclass(frozen=True)
class MentionedEntity:
    entity: Node
    count: int
    first_key: str


def mentioned_entities(facts: Sequence[KeyedFact]) -> list[MentionedEntity]:
    """The entities the document mentions, with how often and where first, by name."""
    counts: dict[str, MentionedEntity] = {}
    for key, fact in facts:
        if not fact.is_mention or fact.about is None or fact.about.iri is None:
            continue
        seen = counts.get(fact.about.iri)
        counts[fact.about.iri] = MentionedEntity(
            fact.about, (seen.count if seen else 0) + 1, seen.first_key if seen else key
        )
    return sorted(counts.values(), key=lambda m: m.entity.text.casefold())
