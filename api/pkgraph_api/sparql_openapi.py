"""The OpenAPI description of ``/sparql``: its parameters, request bodies and result types.

The routes read the request themselves (three protocol forms, repeatable graph parameters),
so FastAPI cannot infer any of this; without it ``/docs`` shows an operation it cannot run.
"""

from __future__ import annotations

from typing import Any

from pkgraph_api.sparql_results import GRAPH_OFFERS, SOLUTION_OFFERS

EXAMPLE = "SELECT ?program (COUNT(*) AS ?n) WHERE { ?p pk:inProgram ?program } GROUP BY ?program"
_IRI_LIST = {"type": "array", "items": {"type": "string", "format": "iri"}}
_GRAPH_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "default-graph-uri",
        "in": "query",
        "required": False,
        "description": "A graph of the default graph (repeatable); replaces FROM in the query.",
        "schema": _IRI_LIST,
        "style": "form",
        "explode": True,
    },
    {
        "name": "named-graph-uri",
        "in": "query",
        "required": False,
        "description": "A named graph (repeatable); replaces FROM NAMED in the query.",
        "schema": _IRI_LIST,
        "style": "form",
        "explode": True,
    },
]
_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
_RESPONSES: dict[str, Any] = {
    "200": {
        "description": "SELECT/ASK results or a CONSTRUCT/DESCRIBE graph, by Accept",
        "content": {offer.media_type: {"schema": {"type": "string"}} for offer in SOLUTION_OFFERS}
        | {offer.media_type: {"schema": {"type": "string"}} for offer in GRAPH_OFFERS},
    },
    "400": {"description": "malformed query, or SERVICE refused", "content": _ERROR},
    "403": {"description": "a SPARQL Update operation", "content": _ERROR},
    "406": {"description": "no acceptable result format", "content": _ERROR},
    "413": {"description": "query longer than Settings.sparql_max_query_chars", "content": _ERROR},
    "415": {"description": "a POST body of another type", "content": _ERROR},
    "503": {"description": "query ran longer than Settings.sparql_timeout_s", "content": _ERROR},
}

GET_OPENAPI: dict[str, Any] = {
    "parameters": [
        {
            "name": "query",
            "in": "query",
            "required": False,
            "description": "The SPARQL query (project prefixes predeclared); without it the "
            "service description.",
            "schema": {"type": "string"},
            "example": EXAMPLE,
        },
        *_GRAPH_PARAMETERS,
    ],
    "responses": _RESPONSES,
}

POST_OPENAPI: dict[str, Any] = {
    "parameters": _GRAPH_PARAMETERS,
    "requestBody": {
        "required": True,
        "content": {
            "application/sparql-query": {"schema": {"type": "string"}, "example": EXAMPLE},
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["query"],
                    "properties": {
                        "query": {"type": "string", "example": EXAMPLE},
                        "default-graph-uri": _IRI_LIST,
                        "named-graph-uri": _IRI_LIST,
                    },
                },
                "encoding": {
                    "default-graph-uri": {"style": "form", "explode": True},
                    "named-graph-uri": {"style": "form", "explode": True},
                },
            },
        },
    },
    "responses": _RESPONSES,
}
