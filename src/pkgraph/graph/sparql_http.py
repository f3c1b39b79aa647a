"""HTTP to a SPARQL 1.1 store: the Protocol's query and update operations and the Graph Store
Protocol's GET, with bounded retries, and the answers read as pyoxigraph results.

Every request here is safe to repeat (a query, a read, or an update that drops a graph before
writing it), so a connection error, a timeout or a 502/503/504 is retried with doubling
back-off; what still fails raises :class:`PkgraphError` naming the URL, and nothing the caller
reports as written was not acknowledged by the store.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import httpx
from pyoxigraph import (
    DefaultGraph,
    Quad,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    parse,
    parse_query_results,
)

from pkgraph.errors import PkgraphError, QueryError
from pkgraph.graph.store import QueryResult
from pkgraph.settings import Settings

SOLUTIONS_TYPE = "application/sparql-results+json"
TRIPLES_TYPE = "application/n-triples"
_RETRIED_STATUS = frozenset((429, 502, 503, 504))


class SparqlHttp:
    """One HTTP client for the store at ``Settings.graph_url`` (paths joined to it)."""

    def __init__(self, settings: Settings) -> None:
        base = settings.graph_url.rstrip("/")
        self.query_url = base + settings.graph_query_path
        self.update_url = base + settings.graph_update_path
        self.store_url = base + settings.graph_store_path if settings.graph_store_path else ""
        self.retries = max(0, settings.graph_retries)
        self.backoff_s = settings.graph_backoff_s
        auth, headers = _credentials(settings)
        self._client: httpx.Client | None = httpx.Client(
            auth=auth,
            timeout=settings.graph_timeout_s,
            headers={"User-Agent": "pkgraph", **headers},
        )

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = None

    def _send(
        self,
        method: str,
        url: str,
        *,
        data: dict[str, str | list[str]] | None = None,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """The store's answer (any status), after retrying what may pass on a second try."""
        if self._client is None:
            raise PkgraphError("the graph store is closed")
        attempts = self.retries + 1
        for attempt in range(attempts):
            try:
                response = self._client.request(
                    method, url, data=data, params=params, headers=headers
                )
            except httpx.TransportError as exc:
                failure = f"{type(exc).__name__}: {exc}"
            else:
                if response.status_code not in _RETRIED_STATUS:
                    return response
                failure = f"HTTP {response.status_code}: {response.text[:200]}"
            if attempt + 1 < attempts:
                time.sleep(self.backoff_s * 2**attempt)
        raise PkgraphError(
            f"the graph store at {url} cannot be reached ({attempts} attempts): {failure}"
        )

    @staticmethod
    def _checked(response: httpx.Response, sparql: bool = True) -> httpx.Response:
        """``response`` if it succeeded; a 400 to SPARQL is the query's fault (QueryError)."""
        if response.is_success:
            return response
        answer = f"HTTP {response.status_code}: {response.text[:1000]}"
        if sparql and response.status_code == 400:  # the store's message, not its address
            raise QueryError("sparql", f"the graph store refused it: {answer}")
        raise PkgraphError(f"{response.url}: {answer}")

    def query(self, sparql: str, params: list[tuple[str, str]], form: str) -> QueryResult:
        """POST ``sparql`` (form-encoded, with the dataset ``params``) and read the answer."""
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        response = self._send(
            "POST",
            self.query_url,
            data={"query": sparql, **_grouped(params)},
            headers={"Accept": TRIPLES_TYPE if graph_form else SOLUTIONS_TYPE},
        )
        return _read_results(self._checked(response), form)

    def update(self, sparql_update: str) -> None:
        response = self._send("POST", self.update_url, data={"update": sparql_update})
        self._checked(response)

    def graph_triples(self, graph: str) -> list[Triple] | None:
        """The triples of one named graph by GSP GET (None: not found)."""
        response = self._send(
            "GET", self.store_url, params={"graph": graph}, headers={"Accept": TRIPLES_TYPE}
        )
        if response.status_code == 404:
            return None
        body = self._checked(response, sparql=False).content
        return [quad.triple for quad in parse(body, format=_rdf_format(response))]


def _credentials(settings: Settings) -> tuple[httpx.Auth | None, dict[str, str]]:
    """(httpx auth, extra headers) for ``graph_auth``; nothing without user / token."""
    kind, user, password = settings.graph_auth, settings.graph_user, settings.graph_password
    if kind not in ("basic", "digest", "bearer"):
        raise PkgraphError(f"graph_auth must be basic, digest or bearer, not {kind!r}")
    if kind == "bearer":
        return None, {"Authorization": f"Bearer {password}"} if password else {}
    if not user:
        return None, {}
    return (httpx.DigestAuth if kind == "digest" else httpx.BasicAuth)(user, password), {}


def _grouped(params: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key, value in params:
        grouped.setdefault(key, []).append(value)
    return grouped


def _rdf_format(response: httpx.Response) -> RdfFormat:
    media_type = response.headers.get("content-type", TRIPLES_TYPE).split(";")[0].strip()
    rdf_format = RdfFormat.from_media_type(media_type)
    if rdf_format is None:
        raise PkgraphError(f"{response.url}: RDF in {media_type!r} cannot be read")
    return rdf_format


def _read_results(response: httpx.Response, form: str) -> QueryResult:
    """The answer as the result type pyoxigraph's own ``Store.query`` returns."""
    media_type = response.headers.get("content-type", SOLUTIONS_TYPE).split(";")[0].strip()
    results_format = QueryResultsFormat.from_media_type(media_type)
    if results_format is None:
        triples = parse(response.content, format=_rdf_format(response))
        return _as_query_triples(quad.triple for quad in triples)
    results = parse_query_results(response.content, format=results_format)
    if form == "ASK" and isinstance(results, QuerySolutions):
        # Virtuoso answers ASK as one row with one value (__ASK_RETVAL 1 or 0)
        values = [term.value for row in results for term in row if term is not None]
        answer = "true" if values and values[0] not in ("0", "false") else "false"
        return parse_query_results(f'{{"boolean": {answer}}}', format=QueryResultsFormat.JSON)
    return results


def _as_query_triples(triples: Iterable[Triple]) -> QueryResult:
    """Triples as pyoxigraph ``QueryTriples`` (a CONSTRUCT over an in-memory copy)."""
    memory = Store()
    memory.extend(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples)
    return memory.query("CONSTRUCT WHERE { ?s ?p ?o }")
