"""Linked data: every entity IRI ``{base}id/...`` dereferences at this server.

RDF clients get the entity's description by content negotiation (Turtle, JSON-LD, N-Triples,
RDF/XML): its outgoing triples, the labels of what they point to, the description of nodes it
owns (``{iri}/amount``), and the fact nodes that point at it with their provenance. Browsers get
the HTML page the pages module renders for the same IRI.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pyoxigraph import Triple

from pkgraph.graph.store import GraphStore
from pkgraph_api.errors import ApiError
from pkgraph_api.negotiation import Offer, choose
from pkgraph_api.pages import render_entity_page
from pkgraph_api.sparql_results import GRAPH_OFFERS, serialize_triples

router = APIRouter(tags=["linked data"])

HTML = Offer("text/html")
#: Most fact nodes point at an entity through these; a municipality may have thousands.
INCOMING_LIMIT = 2000

_DESCRIPTION = """
CONSTRUCT {{
  <{iri}> ?p ?o . ?o ?labelProperty ?label . ?o ?ownedProperty ?ownedValue .
  ?fact ?factProperty <{iri}> . ?fact a ?factType ; pk:quote ?quote ;
        prov:wasDerivedFrom ?passage ; pk:inDocument ?document .
}} WHERE {{
  {{
    <{iri}> ?p ?o .
    OPTIONAL {{
      ?o ?labelProperty ?label .
      FILTER(?labelProperty IN (skos:prefLabel, dcterms:title, foaf:name, schema:name))
    }}
    OPTIONAL {{
      ?o ?ownedProperty ?ownedValue .
      FILTER(isIRI(?o) && STRSTARTS(STR(?o), CONCAT(STR(<{iri}>), "/")))
    }}
  }} UNION {{
    SELECT ?fact ?factProperty ?factType ?quote ?passage ?document WHERE {{
      ?fact ?factProperty <{iri}> ; prov:wasDerivedFrom ?passage ; a ?factType .
      OPTIONAL {{ ?fact pk:quote ?quote }}
      OPTIONAL {{ ?fact pk:inDocument ?document }}
    }} LIMIT {limit}
  }}
}}
"""


def entity_iri(request: Request, base_iri: str) -> str:
    """The IRI this request dereferences: the configured base plus the raw request path."""
    raw_path: bytes | None = request.scope.get("raw_path")
    path = raw_path.decode("latin-1") if raw_path else quote(request.url.path, safe="/-._~%")
    return base_iri + path.split("?", 1)[0].lstrip("/")


def describe(graph: GraphStore, iri: str) -> list[Triple]:
    """The entity's description (deduplicated across named graphs); empty if unknown."""
    result = graph.query(_DESCRIPTION.format(iri=iri, limit=INCOMING_LIMIT))
    return list(dict.fromkeys(result))  # type: ignore[arg-type]


@router.get(
    "/id/{path:path}",
    summary="Dereference an entity IRI (HTML, Turtle, JSON-LD, N-Triples, RDF/XML)",
    responses={404: {"description": "no entity with this IRI"}},
)
def entity(request: Request, path: str) -> Response:
    """Sync on purpose: FastAPI runs it in its thread pool, so store reads don't block the loop."""
    settings = request.app.state.settings
    iri = entity_iri(request, settings.base_iri)
    if any(ch in iri for ch in '<>"{}|^`\\ '):
        raise ApiError(404, "not_found", f"not an entity IRI: {iri}")
    offer = choose(request.headers.get("accept"), (*GRAPH_OFFERS, HTML))
    if offer is None:
        names = ", ".join(o.media_type for o in (*GRAPH_OFFERS, HTML))
        raise ApiError(406, "not_acceptable", f"entities are served as: {names}")
    if offer is HTML:
        return render_entity_page(request, iri)  # a German 404 page for unknown IRIs
    triples = describe(request.app.state.graph, iri)
    if not triples:
        raise ApiError(404, "not_found", f"no entity with the IRI {iri}", parameter="path")
    body = serialize_triples(triples, offer)
    return Response(body, media_type=offer.content_type, headers={"Vary": "Accept"})
