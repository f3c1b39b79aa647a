"""``SERVICE`` decided on the parsed query, never on its text.

A keyword search over the text can be fooled (``FILTER(?a<'>'||true)`` made a regex take the
rest of the query for an IRI). Here the query goes through rdflib's SPARQL grammar and the
parse tree is searched for ``ServiceGraphPattern`` nodes wherever they stand (OPTIONAL, UNION,
MINUS, FILTER EXISTS, subqueries). A SERVICE call passes only if ``Settings.sparql_allow_service``
is on and its endpoint is a constant IRI listed in ``Settings.sparql_service_allowlist``. The
same tree tells whether the query names its dataset (``FROM`` / ``FROM NAMED``). Text decides
only the one thing it can prove: a query without the letters of either keyword and without a
``\\u`` escape contains neither clause, so it is not parsed.

rdflib's grammar is not Oxigraph's: a query rdflib cannot read goes on to Oxigraph only when
the worker runs under the network sandbox (:mod:`pkgraph_api.sparql_sandbox`), so a parser
difference can never turn into a request to another host.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef, Variable

from pkgraph.graph.vocab import PREFIXES


def _nodes(tree: object) -> Iterator[CompValue]:
    """Every CompValue in a parse tree, depth first (read with ``dict.get``: ``CompValue.get``
    returns the key itself for a missing entry)."""
    if isinstance(tree, CompValue):
        yield tree
        for value in dict.values(tree):
            yield from _nodes(value)
    elif isinstance(tree, list | tuple | ParseResults):
        for item in tree:
            yield from _nodes(item)


def _endpoint(term: object, prefixes: dict[str, str]) -> str | None:
    """The SERVICE endpoint as an absolute IRI; None if it is a variable or cannot be resolved."""
    if isinstance(term, Variable):
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, CompValue) and term.name == "pname":
        namespace = prefixes.get(str(dict.get(term, "prefix") or ""))
        return None if namespace is None else namespace + str(dict.get(term, "localname") or "")
    return None


def _declared_prefixes(nodes: list[CompValue]) -> dict[str, str]:
    prefixes = dict(PREFIXES)
    for node in nodes:
        if node.name == "PrefixDecl":
            prefixes[str(dict.get(node, "prefix") or "")] = str(dict.get(node, "iri"))
    return prefixes


#: SERVICE and FROM are ASCII keywords (any case) or written with ``\u`` escapes: a query
#: without any of these has neither and is not parsed (rdflib takes 5-30 ms a query). The
#: ``from`` of ``prov:wasDerivedFrom`` (in most provenance queries) is no keyword: a name
#: ending in "derived" would take the letters that follow into itself.
_KEYWORD_HINT = re.compile(r"service|(?<!derived)from|\\u", re.IGNORECASE)


class UnreadableQuery(ValueError):
    """rdflib's grammar cannot read the query (it may still be SPARQL that Oxigraph reads)."""


@dataclass(frozen=True)
class QueryShape:
    """What the evaluation policy needs to know about a query."""

    #: every SERVICE endpoint, as an absolute IRI; None for a variable or unresolvable name
    services: tuple[str | None, ...]
    #: the query names its dataset (FROM / FROM NAMED), so the union default graph is off
    names_dataset: bool


@lru_cache(maxsize=512)
def query_shape(query: str) -> QueryShape:
    """Parse ``query`` and read its SERVICE endpoints and dataset clauses (cached: clients
    repeat their queries)."""
    if not _KEYWORD_HINT.search(query):
        return QueryShape(services=(), names_dataset=False)
    try:
        tree = parseQuery(query)
    except Exception as exc:  # rdflib raises ParseException, ValueError, ... on what it cannot read
        raise UnreadableQuery(str(exc)) from exc
    nodes = list(_nodes(tree))
    prefixes = _declared_prefixes(nodes)
    return QueryShape(
        services=tuple(
            _endpoint(dict.get(node, "term"), prefixes)
            for node in nodes
            if node.name == "ServiceGraphPattern"
        ),
        names_dataset=any(node.name == "DatasetClause" for node in nodes),
    )


def unreadable_refusal(error: UnreadableQuery) -> str:
    """Outside the sandbox, a query the guard cannot read is not run: the message says why."""
    return (
        "SERVICE calls are checked with rdflib's SPARQL parser, which cannot read this "
        f"query: {error}"
    )


def service_refusal(shape: QueryShape, allowlist: frozenset[str] | None) -> str | None:
    """Why the query's SERVICE calls must not run, or None; ``allowlist`` None: SERVICE is off."""
    if not shape.services:
        return None
    if allowlist is None:
        return (
            "SERVICE (federated query to another endpoint) is disabled on this server "
            "(Settings.sparql_allow_service)"
        )
    for endpoint in shape.services:
        if endpoint is None or endpoint not in allowlist:
            shown = "a variable or unresolvable IRI" if endpoint is None else f"<{endpoint}>"
            return (
                f"SERVICE {shown} is not in Settings.sparql_service_allowlist "
                f"({', '.join(sorted(allowlist)) or 'empty'})"
            )
    return None


def parse_allowlist(value: str) -> frozenset[str]:
    """``Settings.sparql_service_allowlist``: endpoint IRIs separated by spaces or commas."""
    return frozenset(part for part in value.replace(",", " ").split() if part)
