"""networkx views of the knowledge graph, built through SPARQL on the contract vocabulary.

Nodes are entity IRIs (``kind``, ``label`` and, for municipalities, ``ags``, ``municipality_type``,
``kreis`` as attributes). Every edge carries the evidence it was read from: ``facts`` (fact node
IRIs), ``passages`` and ``documents`` (tuples of IRIs). See docs/NETWORKS.md.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx

from pkgraph.dataframe import Row, SparqlSource, select_rows
from pkgraph.errors import PkgraphError, QueryError
from pkgraph.settings import Settings

EXPORT_FORMATS = ("graphml", "gexf", "csv")
EGO_PREFIX = "ego:"
EVIDENCE_KEYS = ("facts", "passages", "documents")
NODE_BATCH = 500  # node IRIs per description query

#: Evidence of an edge: ``facts``, ``passages``, ``documents`` -> IRIs.
EvidenceIris = dict[str, tuple[str, ...]]
G = TypeVar("G", bound="nx.Graph[str]")

PARTICIPATION_QUERY = """
SELECT ?fact ?municipality ?program ?since ?passage ?document WHERE {
  ?fact a pk:Participation ; pk:participant ?municipality ; pk:inProgram ?program .
  OPTIONAL { ?fact pk:since ?since }
  OPTIONAL { ?fact prov:wasDerivedFrom ?passage }
  OPTIONAL { ?fact pk:inDocument ?document }
}"""

JOINT_APPLICATION_QUERY = """
SELECT ?fact ?applicant ?passage ?document WHERE {
  ?fact a pk:JointApplication ; pk:applicant ?applicant .
  OPTIONAL { ?fact prov:wasDerivedFrom ?passage }
  OPTIONAL { ?fact pk:inDocument ?document }
}"""

FUNDING_QUERY = """
SELECT ?fact ?funder ?recipient ?amount ?amountText ?year ?purpose ?program ?passage ?document
WHERE {
  ?fact a pk:Funding ; schema:funder ?funder ; pk:recipient ?recipient .
  FILTER(isIRI(?funder) && isIRI(?recipient))
  OPTIONAL { ?fact pk:amountEUR ?amount }
  OPTIONAL { ?fact pk:amountText ?amountText }
  OPTIONAL { ?fact pk:fundingYear ?year }
  OPTIONAL { ?fact pk:purpose ?purpose }
  OPTIONAL { ?fact pk:fundsProgram ?program }
  OPTIONAL { ?fact prov:wasDerivedFrom ?passage }
  OPTIONAL { ?fact pk:inDocument ?document }
}"""

DECISION_QUERY = """
SELECT ?fact ?body ?date ?kind ?program ?paper ?passage ?document WHERE {
  ?fact a pk:Decision .
  OPTIONAL { ?fact pk:decidedBy ?body }
  OPTIONAL { ?fact dcterms:date ?date }
  OPTIONAL { ?fact pk:decisionKind ?kind }
  OPTIONAL { ?fact pk:concernsProgram ?program }
  OPTIONAL { ?fact pk:concernsDocument ?paper FILTER(isIRI(?paper)) }
  OPTIONAL { ?fact prov:wasDerivedFrom ?passage }
  OPTIONAL { ?fact pk:inDocument ?document }
}"""

# Facts touching the frontier (as an object, or the frontier node being a fact or passage
# itself) with every entity each such fact links to; documents count only via concernsDocument.
EGO_QUERY = """
SELECT DISTINCT ?center ?fact ?entity ?passage ?document WHERE {
  VALUES ?center { %s }
  { ?fact ?via ?center . ?fact prov:wasDerivedFrom ?passage . }
  UNION { ?center prov:wasDerivedFrom ?passage . BIND(?center AS ?fact) }
  UNION { ?fact prov:wasDerivedFrom ?center . BIND(?center AS ?passage) }
  ?fact ?link ?entity .
  FILTER(isIRI(?entity)
         && ?link NOT IN (rdf:type, prov:wasDerivedFrom, pk:inDocument, schema:amount))
  OPTIONAL { ?fact pk:inDocument ?document }
}"""

KNOWN_QUERY = "SELECT ?p WHERE { { <%s> ?p ?o } UNION { ?s ?p <%s> } } LIMIT 1"

NODE_QUERY = """
SELECT ?node (SAMPLE(?name) AS ?label) (SAMPLE(?key) AS ?ags) (SAMPLE(?mtype) AS ?municipality_type)
       (SAMPLE(?kreisName) AS ?kreis) (SAMPLE(?dated) AS ?date) (SAMPLE(?dkind) AS ?decision_kind)
WHERE {
  VALUES ?node { %s }
  OPTIONAL { ?node skos:prefLabel ?prefLabel }
  OPTIONAL { ?node foaf:name ?foafName }
  OPTIONAL { ?node dcterms:title ?title }
  OPTIONAL { ?node schema:name ?schemaName }
  OPTIONAL { ?node pk:reference ?reference }
  OPTIONAL { ?node pk:decisionKind ?dkind }
  BIND(COALESCE(?prefLabel, ?foafName, ?title, ?schemaName, ?reference) AS ?name)
  OPTIONAL { ?node pk:ags ?key }
  OPTIONAL { ?node pk:municipalityType ?mtype }
  OPTIONAL { ?node pk:inKreis/skos:prefLabel ?kreisName }
  OPTIONAL { ?node dcterms:date ?dated }
}
GROUP BY ?node"""


# --- helpers -----------------------------------------------------------------------------------


def entity_kind(iri: str) -> str:
    """The kind segment of a contract IRI (``{base}id/{kind}/...``), else ``"entity"``."""
    _, marker, path = iri.partition("/id/")
    return path.split("/", 1)[0] if marker and path else "entity"


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _evidence(row: Row) -> EvidenceIris:
    """The evidence IRIs of one result row, as one-element tuples."""
    return {
        "facts": (str(row["fact"]),),
        "passages": tuple(filter(None, [_text(row.get("passage"))])),
        "documents": tuple(filter(None, [_text(row.get("document"))])),
    }


def _add_evidence(graph: nx.Graph[str], u: str, v: str, evidence: EvidenceIris) -> dict[str, Any]:
    """Add the edge ``u``–``v`` or extend its evidence; returns the edge's attributes.

    While a graph is built, IRI lists are dicts (ordered sets, cheap to extend);
    :func:`_finish` turns them into tuples.
    """
    if not graph.has_edge(u, v):
        graph.add_edge(u, v, **{key: {} for key in EVIDENCE_KEYS})
    data: dict[str, Any] = graph.edges[u, v]
    for key in EVIDENCE_KEYS:
        data[key].update(dict.fromkeys(evidence[key]))
    return data


def _finish(source: SparqlSource, graph: G) -> G:
    """Freeze IRI sets into tuples, weight edges by fact count unless set, describe nodes."""
    for *_, data in graph.edges(data=True):
        for key, value in data.items():
            if isinstance(value, dict):
                data[key] = tuple(value)
        data.setdefault("weight", len(data["facts"]))
    _describe_nodes(source, graph)
    return graph


def _describe_nodes(source: SparqlSource, graph: nx.Graph[str]) -> None:
    """Give every node its ``kind`` and, from the graph, its label and descriptive attributes."""
    nodes = list(graph.nodes)
    for node in nodes:
        graph.nodes[node].setdefault("kind", entity_kind(node))
    for start in range(0, len(nodes), NODE_BATCH):
        values = " ".join(f"<{node}>" for node in nodes[start : start + NODE_BATCH])
        for row in select_rows(source, NODE_QUERY % values):
            attributes = {k: v for k, v in row.items() if k != "node" and v is not None}
            if "date" in attributes:
                attributes["date"] = str(attributes["date"])
            graph.nodes[str(row["node"])].update(attributes)
    for node in nodes:
        graph.nodes[node].setdefault("label", node.rsplit("/", 1)[-1])


# --- networks ----------------------------------------------------------------------------------


def participation_network(source: SparqlSource) -> nx.Graph[str]:
    """Bipartite municipality–program graph from ``pk:Participation`` facts.

    Municipalities have ``bipartite=0``, programs ``bipartite=1``; an edge's ``since`` is the
    earliest date any of its facts states.
    """
    graph: nx.Graph[str] = nx.Graph(name="participation")
    for row in select_rows(source, PARTICIPATION_QUERY):
        municipality, program = str(row["municipality"]), str(row["program"])
        graph.add_node(municipality, bipartite=0)
        graph.add_node(program, bipartite=1)
        data = _add_evidence(graph, municipality, program, _evidence(row))
        since = _text(row.get("since"))
        if since is not None:
            data["since"] = min(filter(None, [data.get("since"), since]))
    return _finish(source, graph)


def municipality_network(source: SparqlSource) -> nx.Graph[str]:
    """Municipalities linked by shared programs and by joint applications.

    ``shared_programs`` lists the programs both take part in (evidence: both participation
    facts), ``joint_applications`` the application facts naming both; ``weight`` is the sum of
    the two counts.
    """
    graph: nx.Graph[str] = nx.Graph(name="municipalities")
    participation = participation_network(source)
    programs = [n for n, side in participation.nodes(data="bipartite") if side == 1]
    for program in programs:
        for u, v in combinations(sorted(participation.neighbors(program)), 2):
            evidence = {
                key: participation.edges[u, program][key] + participation.edges[v, program][key]
                for key in EVIDENCE_KEYS
            }
            _add_relation(graph, u, v, "shared_programs", program, evidence)
    applicants: dict[str, set[str]] = {}
    evidence_of: dict[str, EvidenceIris] = {}
    for row in select_rows(source, JOINT_APPLICATION_QUERY):
        fact = str(row["fact"])
        applicants.setdefault(fact, set()).add(str(row["applicant"]))
        evidence_of[fact] = _evidence(row)
    for fact, members in applicants.items():
        graph.add_nodes_from(members)
        for u, v in combinations(sorted(members), 2):
            _add_relation(graph, u, v, "joint_applications", fact, evidence_of[fact])
    graph.add_nodes_from(n for n, side in participation.nodes(data="bipartite") if side == 0)
    for *_, data in graph.edges(data=True):
        data["weight"] = len(data["shared_programs"]) + len(data["joint_applications"])
    return _finish(source, graph)


def _add_relation(
    graph: nx.Graph[str],
    u: str,
    v: str,
    relation: str,
    item: str,
    evidence: EvidenceIris,
) -> None:
    """Record ``item`` under ``relation`` (``shared_programs``/``joint_applications``)."""
    data = _add_evidence(graph, u, v, evidence)
    for key in ("shared_programs", "joint_applications"):
        data.setdefault(key, {})
    data[relation][item] = None


def funding_network(source: SparqlSource) -> nx.MultiDiGraph[str]:
    """Money flows: one edge funder → recipient per ``pk:Funding`` fact, keyed by its IRI.

    ``weight`` is the amount in EUR (0.0 when the text states none, e.g. only a share);
    ``amount_eur``, ``year``, ``purpose``, ``program`` are set when known. Grants without an
    identified funder or recipient are not part of this graph.
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="funding")
    for row in select_rows(source, FUNDING_QUERY):
        fact = str(row["fact"])
        if graph.has_edge(str(row["funder"]), str(row["recipient"]), key=fact):
            continue
        amount = None if row.get("amount") is None else float(row["amount"])
        details = {
            "amount_eur": amount,
            "amount_text": _text(row.get("amountText")),
            "year": None if row.get("year") is None else int(row["year"]),
            "purpose": _text(row.get("purpose")),
            "program": _text(row.get("program")),
        }
        graph.add_edge(
            str(row["funder"]),
            str(row["recipient"]),
            key=fact,
            weight=amount or 0.0,
            **{k: v for k, v in details.items() if v is not None},
            **_evidence(row),
        )
    return _finish(source, graph)


def decision_network(source: SparqlSource) -> nx.DiGraph[str]:
    """body → decision → program / paper; every edge carries the decision's evidence."""
    graph: nx.DiGraph[str] = nx.DiGraph(name="decisions")
    for row in select_rows(source, DECISION_QUERY):
        decision = str(row["fact"])
        graph.add_node(decision)
        targets = [
            (_text(row.get("body")), decision, "decided"),
            (decision, _text(row.get("program")), "concerns_program"),
            (decision, _text(row.get("paper")), "concerns_document"),
        ]
        for u, v, relation in targets:
            if u is not None and v is not None:
                _add_evidence(graph, u, v, _evidence(row))["relation"] = relation
    _finish(source, graph)
    for _, data in graph.nodes(data=True):
        if data["kind"] == "decision":
            parts = [data.get("decision_kind"), data.get("date")]
            data["label"] = " ".join(filter(None, parts)) or data["label"]
    return graph


def ego_network(source: SparqlSource, iri: str, radius: int = 1) -> nx.Graph[str]:
    """Entities within ``radius`` fact-hops of ``iri``.

    A fact node (participation, funding, decision, …) links every entity it names; two
    entities are adjacent when some fact names both. ``relations`` lists the fact kinds.
    """
    if radius < 1:
        raise QueryError("radius", f"must be at least 1, got {radius}")
    if not select_rows(source, KNOWN_QUERY % (iri, iri)):
        raise QueryError("iri", f"unknown entity <{iri}>")
    graph: nx.Graph[str] = nx.Graph(name=f"ego {iri}")
    graph.add_node(iri, ego=True)
    frontier, seen = {iri}, {iri}
    for _ in range(radius):
        members: dict[str, set[str]] = {}
        evidence_of: dict[str, EvidenceIris] = {}
        values = " ".join(f"<{node}>" for node in sorted(frontier))
        for row in select_rows(source, EGO_QUERY % values):
            fact = str(row["fact"])
            members.setdefault(fact, set()).update({str(row["center"]), str(row["entity"])})
            evidence_of[fact] = _evidence(row)
        for fact, entities in members.items():
            graph.add_nodes_from(entities)
            for u, v in combinations(sorted(entities), 2):
                data = _add_evidence(graph, u, v, evidence_of[fact])
                data.setdefault("relations", {})[entity_kind(fact)] = None
        frontier = set(graph.nodes) - seen
        seen |= frontier
        if not frontier:
            break
    return _finish(source, graph)


NETWORK_BUILDERS: dict[str, Callable[[SparqlSource], nx.Graph[str]]] = {
    "participation": participation_network,
    "municipalities": municipality_network,
    "funding": funding_network,
    "decisions": decision_network,
}


def network_from_source(source: SparqlSource, kind: str) -> nx.Graph[str]:
    """The network called ``kind``: a key of :data:`NETWORK_BUILDERS` or ``ego:<IRI>``."""
    if kind.startswith(EGO_PREFIX):
        return ego_network(source, kind.removeprefix(EGO_PREFIX).strip("<>"))
    builder = NETWORK_BUILDERS.get(kind)
    if builder is None:
        choices = ", ".join([*NETWORK_BUILDERS, EGO_PREFIX + "<IRI>"])
        raise PkgraphError(f"unknown network kind {kind!r}: choose one of {choices}")
    return builder(source)


def build_network(kind: str, settings: Settings | None = None) -> nx.Graph[str]:
    """Open the graph store of ``settings`` (default: from the environment) read-only and build."""
    from pkgraph.graph.store import GraphStore

    with GraphStore.open(settings or Settings.from_env(), read_only=True) as store:
        return network_from_source(store, kind)


# --- export ------------------------------------------------------------------------------------


def _flat(value: Any) -> Any:
    """A GraphML/GEXF/CSV-safe value: tuples become space-separated IRIs."""
    return " ".join(map(str, value)) if isinstance(value, tuple | list | set) else value


def flat_copy(graph: nx.Graph[str]) -> nx.Graph[str]:
    """A copy whose attribute values are all scalars, as file formats require."""
    flat = graph.copy()
    for _, data in flat.nodes(data=True):
        data.update({k: _flat(v) for k, v in data.items()})
    for *_, data in flat.edges(data=True):
        data.update({k: _flat(v) for k, v in data.items()})
    return flat


def _csv_rows(
    items: Iterable[tuple[dict[str, Any], dict[str, Any]]],
) -> tuple[list[str], list[dict[str, Any]]]:
    """Header (fixed columns first) and rows for ``csv.DictWriter``."""
    rows = [{**fixed, **attributes} for fixed, attributes in items]
    header: list[str] = []
    for row in rows:
        header.extend(name for name in row if name not in header)
    return header, rows


def write_csv(graph: nx.Graph[str], folder: Path) -> None:
    """``nodes.csv`` (Id, Label, …) and ``edges.csv`` (Source, Target, Type, Weight, …) as
    Gephi's spreadsheet import expects."""
    flat = flat_copy(graph)
    direction = "Directed" if flat.is_directed() else "Undirected"
    nodes = (
        (
            {"Id": node, "Label": data.get("label", node)},
            {k: v for k, v in data.items() if k != "label"},
        )
        for node, data in flat.nodes(data=True)
    )
    edges = (
        (
            {"Source": u, "Target": v, "Type": direction, "Weight": data.get("weight", 1)},
            {k: v for k, v in data.items() if k != "weight"},
        )
        for u, v, data in flat.edges(data=True)
    )
    folder.mkdir(parents=True, exist_ok=True)
    for name, items in (("nodes.csv", nodes), ("edges.csv", edges)):
        header, rows = _csv_rows(items)
        with (folder / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows(rows)


def _check_format(fmt: str) -> None:
    if fmt not in EXPORT_FORMATS:
        choices = ", ".join(EXPORT_FORMATS)
        raise PkgraphError(f"unknown network format {fmt!r}: choose one of {choices}")


def write_network(graph: nx.Graph[str], fmt: str, output: Path | None) -> None:
    """Write ``graph`` as graphml, gexf (to a file, or stdout) or csv (into a folder)."""
    _check_format(fmt)
    if fmt == "csv" and output is None:
        raise PkgraphError("--output: csv export writes nodes.csv and edges.csv into a folder")
    try:
        if fmt == "csv" and output is not None:
            write_csv(graph, output)
            return
        writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
        if output is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
        writer(flat_copy(graph), output if output is not None else sys.stdout.buffer)
    except OSError as exc:
        raise PkgraphError(f"{output}: cannot write the network: {exc}") from exc


def export_network(kind: str, fmt: str, output: Path | None, settings: Settings) -> None:
    """``pkgraph export network KIND --format FMT``: build the network and write it."""
    _check_format(fmt)
    write_network(build_network(kind, settings), fmt, output)
