"""The network layer: on a small contract-shaped store, then on the real sample build."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from pyoxigraph import RdfFormat, parse

from pkgraph.cli import main as cli_main
from pkgraph.errors import PkgraphError, QueryError
from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.store import GraphStore
from pkgraph.network import (
    build_network,
    decision_network,
    ego_network,
    entity_kind,
    export_network,
    funding_network,
    municipality_network,
    participation_network,
)
from pkgraph.settings import Settings

BASE = "http://localhost:8000/"
ID = BASE + "id/"

# Two documents in the contract's shape: d1 (a Beschlussvorlage with a joint application of
# three applicants, a grant, a decision) and d2 (a later report restating one participation
# with another start and a grant without a recipient).
CONTRACT_TRIG = """
@prefix pk: <https://w3id.org/pkgraph/ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <http://localhost:8000/id/> .

<http://localhost:8000/graph/gazetteer> {
  id:municipality\\/05978004 a pk:Municipality, pk:Stadt ; skos:prefLabel "Bergkamen" ;
      pk:ags "05978004" ; pk:municipalityType "Stadt" ; pk:inKreis id:municipality\\/05978 .
  id:municipality\\/05978020 a pk:Municipality, pk:Stadt ; skos:prefLabel "Kamen" ;
      pk:ags "05978020" ; pk:inKreis id:municipality\\/05978 .
  id:municipality\\/05978 a pk:Municipality, pk:Kreis ; skos:prefLabel "Kreis Unna" ;
      pk:ags "05978" .
  id:municipality\\/05558 a pk:Municipality, pk:Kreis ; skos:prefLabel "Kreis Coesfeld" ;
      pk:ags "05558" .
}
<http://localhost:8000/graph/programs> {
  id:program\\/kkz a pk:Program ; skos:prefLabel "Kein Kind zurücklassen!" .
  id:program\\/kpk a pk:Program ; skos:prefLabel "Kommunale Präventionsketten" .
}
<http://localhost:8000/graph/document/d1> {
  id:document\\/d1 a pk:Document ; dcterms:title "Teilnahme am Modellvorhaben" .
  id:passage\\/d1\\/0 a pk:Passage ; pk:inDocument id:document\\/d1 .
  id:passage\\/d1\\/1 a pk:Passage ; pk:inDocument id:document\\/d1 .
  id:body\\/land-nrw a pk:Body ; skos:prefLabel "Land Nordrhein-Westfalen" .
  id:body\\/rat-bergkamen a pk:Body, pk:Council ; skos:prefLabel "Rat der Stadt Bergkamen" .
  id:participation\\/d1\\/0 a pk:Participation ; pk:participant id:municipality\\/05978004 ;
      pk:inProgram id:program\\/kkz ; pk:since "2014" ;
      prov:wasDerivedFrom id:passage\\/d1\\/0 ; pk:inDocument id:document\\/d1 .
  id:participation\\/d1\\/1 a pk:Participation ; pk:participant id:municipality\\/05978 ;
      pk:inProgram id:program\\/kkz ; pk:since "2012" ;
      prov:wasDerivedFrom id:passage\\/d1\\/0 ; pk:inDocument id:document\\/d1 .
  id:jointapplication\\/d1\\/0 a pk:JointApplication ;
      pk:applicant id:municipality\\/05978004, id:municipality\\/05978020, id:municipality\\/05978 ;
      pk:inProgram id:program\\/kkz ; prov:wasDerivedFrom id:passage\\/d1\\/1 ;
      pk:inDocument id:document\\/d1 .
  id:funding\\/d1\\/0 a pk:Funding, schema:MonetaryGrant ; schema:funder id:body\\/land-nrw ;
      pk:recipient id:municipality\\/05978 ; pk:amountEUR 64000.0 ; pk:fundingYear 2012 ;
      pk:amountText "64.000 Euro" ; pk:fundsProgram id:program\\/kkz ;
      prov:wasDerivedFrom id:passage\\/d1\\/1 ; pk:inDocument id:document\\/d1 .
  id:decision\\/d1\\/0 a pk:Decision ; pk:decidedBy id:body\\/rat-bergkamen ;
      dcterms:date "2012-07-05"^^xsd:date ; pk:decisionKind "Beschluss" ;
      pk:concernsProgram id:program\\/kkz ; pk:concernsDocument id:document\\/d1 ;
      prov:wasDerivedFrom id:passage\\/d1\\/0 ; pk:inDocument id:document\\/d1 .
}
<http://localhost:8000/graph/document/d2> {
  id:document\\/d2 a pk:Document ; dcterms:title "Sachstand" .
  id:passage\\/d2\\/0 a pk:Passage ; pk:inDocument id:document\\/d2 .
  id:participation\\/d2\\/0 a pk:Participation ; pk:participant id:municipality\\/05978004 ;
      pk:inProgram id:program\\/kkz ; pk:since "2012-06-05"^^xsd:date ;
      prov:wasDerivedFrom id:passage\\/d2\\/0 ; pk:inDocument id:document\\/d2 .
  id:participation\\/d2\\/1 a pk:Participation ; pk:participant id:municipality\\/05558 ;
      pk:inProgram id:program\\/kpk ;
      prov:wasDerivedFrom id:passage\\/d2\\/0 ; pk:inDocument id:document\\/d2 .
  id:funding\\/d2\\/0 a pk:Funding ; schema:funder id:body\\/land-nrw ; pk:amountEUR 17000000.0 ;
      prov:wasDerivedFrom id:passage\\/d2\\/0 ; pk:inDocument id:document\\/d2 .
}
"""

BERGKAMEN, KAMEN = ID + "municipality/05978004", ID + "municipality/05978020"
KREIS_UNNA, KREIS_COESFELD = ID + "municipality/05978", ID + "municipality/05558"
KKZ, KPK = ID + "program/kkz", ID + "program/kpk"
LAND, RAT = ID + "body/land-nrw", ID + "body/rat-bergkamen"


@pytest.fixture(scope="module")
def contract_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A real on-disk graph store holding :data:`CONTRACT_TRIG`."""
    settings = Settings.from_env(data_dir=tmp_path_factory.mktemp("contract"), base_iri=BASE)
    with GraphStore.open(settings) as store:
        store.bulk_load(parse(CONTRACT_TRIG.encode(), format=RdfFormat.TRIG))
    return settings


@pytest.fixture()
def contract_store(contract_settings: Settings) -> Iterator[GraphStore]:
    with GraphStore.open(contract_settings, read_only=True) as store:
        yield store


# --- on the contract-shaped store ---------------------------------------------------------------


def test_entity_kind_reads_the_iri_path() -> None:
    assert entity_kind(ID + "participation/d1/0") == "participation"
    assert entity_kind(BERGKAMEN) == "municipality"
    assert entity_kind("http://example.org/other") == "entity"


def test_participation_edges_carry_earliest_since_and_all_evidence(
    contract_store: GraphStore,
) -> None:
    graph = participation_network(contract_store)
    assert graph.nodes[BERGKAMEN]["bipartite"] == 0
    assert graph.nodes[KKZ]["bipartite"] == 1
    assert graph.nodes[BERGKAMEN]["label"] == "Bergkamen"
    assert graph.nodes[BERGKAMEN]["kreis"] == "Kreis Unna"
    edge = graph.edges[BERGKAMEN, KKZ]
    assert edge["since"] == "2012-06-05"
    assert set(edge["facts"]) == {ID + "participation/d1/0", ID + "participation/d2/0"}
    assert set(edge["passages"]) == {ID + "passage/d1/0", ID + "passage/d2/0"}
    assert set(edge["documents"]) == {ID + "document/d1", ID + "document/d2"}
    assert edge["weight"] == 2
    assert "since" not in graph.edges[KREIS_COESFELD, KPK]
    expected = [(BERGKAMEN, KKZ), (KREIS_UNNA, KKZ), (KREIS_COESFELD, KPK)]
    assert {frozenset(e) for e in graph.edges} == {frozenset(e) for e in expected}


def test_municipality_projection_joins_programs_and_joint_applications(
    contract_store: GraphStore,
) -> None:
    graph = municipality_network(contract_store)
    assert set(graph.nodes) == {BERGKAMEN, KAMEN, KREIS_UNNA, KREIS_COESFELD}
    both = graph.edges[BERGKAMEN, KREIS_UNNA]
    assert both["shared_programs"] == (KKZ,)
    assert both["joint_applications"] == (ID + "jointapplication/d1/0",)
    assert both["weight"] == 2
    assert ID + "participation/d1/1" in both["facts"]
    joint_only = graph.edges[KAMEN, BERGKAMEN]
    assert joint_only["shared_programs"] == ()
    assert joint_only["passages"] == (ID + "passage/d1/1",)
    assert graph.degree(KREIS_COESFELD) == 0


def test_funding_edges_are_grants_weighted_by_amount(contract_store: GraphStore) -> None:
    graph = funding_network(contract_store)
    assert graph.number_of_edges() == 1  # the grant without recipient is not a flow
    edge = graph.edges[LAND, KREIS_UNNA, ID + "funding/d1/0"]
    assert edge["weight"] == 64000.0
    assert edge["year"] == 2012
    assert edge["program"] == KKZ
    assert edge["passages"] == (ID + "passage/d1/1",)
    assert graph.nodes[LAND]["kind"] == "body"


def test_decision_graph_runs_body_to_decision_to_program_and_paper(
    contract_store: GraphStore,
) -> None:
    graph = decision_network(contract_store)
    decision = ID + "decision/d1/0"
    assert list(graph.successors(RAT)) == [decision]
    assert set(graph.successors(decision)) == {KKZ, ID + "document/d1"}
    assert graph.edges[RAT, decision]["relation"] == "decided"
    assert graph.edges[decision, KKZ]["facts"] == (decision,)
    assert graph.nodes[decision]["label"] == "Beschluss 2012-07-05"


def test_ego_network_grows_with_radius(contract_store: GraphStore) -> None:
    near = ego_network(contract_store, KAMEN)
    assert set(near.nodes) == {KAMEN, BERGKAMEN, KREIS_UNNA, KKZ}
    assert near.edges[KAMEN, KREIS_UNNA]["relations"] == ("jointapplication",)
    assert near.nodes[KAMEN]["ego"] is True
    far = ego_network(contract_store, KAMEN, radius=2)
    assert {LAND, RAT, ID + "document/d1"} <= set(far.nodes)
    assert KREIS_COESFELD not in far
    assert "funding" in far.edges[LAND, KREIS_UNNA]["relations"]


def test_ego_network_around_a_document_holds_its_facts_entities(contract_store: GraphStore) -> None:
    graph = ego_network(contract_store, ID + "document/d2")
    assert set(graph.nodes) == {ID + "document/d2", BERGKAMEN, KKZ, KREIS_COESFELD, KPK, LAND}


def test_ego_network_rejects_unknown_iri_and_bad_radius(contract_store: GraphStore) -> None:
    with pytest.raises(QueryError) as unknown:
        ego_network(contract_store, ID + "municipality/00000000")
    assert unknown.value.parameter == "iri"
    with pytest.raises(QueryError) as radius:
        ego_network(contract_store, KAMEN, radius=0)
    assert radius.value.parameter == "radius"


@pytest.mark.parametrize("kind", ["participation", "municipalities", "funding", "decisions"])
def test_graphml_and_gexf_exports_read_back(
    kind: str, contract_settings: Settings, tmp_path: Path
) -> None:
    built = build_network(kind, contract_settings)
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        target = tmp_path / f"{kind}.{fmt}"
        export_network(kind, fmt, target, contract_settings)
        back = read(target)
        assert set(back.nodes) == set(built.nodes)
        assert back.number_of_edges() == built.number_of_edges()
        for u, v, data in back.edges(data=True):
            assert data["facts"].split(), (u, v)
            assert all(iri.startswith(ID) for iri in data["passages"].split())
        some = next(iter(built.nodes))
        assert back.nodes[some]["label"] == built.nodes[some]["label"]


def test_funding_graphml_keeps_amount_year_and_evidence(
    contract_settings: Settings, tmp_path: Path
) -> None:
    target = tmp_path / "funding.graphml"
    export_network("funding", "graphml", target, contract_settings)
    back = nx.read_graphml(target, force_multigraph=True)
    (data,) = [d for _, _, d in back.edges(data=True)]
    assert data["amount_eur"] == 64000.0
    assert data["year"] == 2012
    assert data["facts"] == ID + "funding/d1/0"


def test_csv_export_writes_gephi_nodes_and_edges(
    contract_settings: Settings, tmp_path: Path
) -> None:
    export_network("municipalities", "csv", tmp_path / "out", contract_settings)
    with (tmp_path / "out" / "nodes.csv").open(encoding="utf-8") as handle:
        nodes = list(csv.DictReader(handle))
    with (tmp_path / "out" / "edges.csv").open(encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    assert {row["Id"]: row["Label"] for row in nodes}[KAMEN] == "Kamen"
    assert len(nodes) == 4
    assert len(edges) == 3
    kamen_bergkamen = next(e for e in edges if {e["Source"], e["Target"]} == {KAMEN, BERGKAMEN})
    assert kamen_bergkamen["Type"] == "Undirected"
    assert kamen_bergkamen["joint_applications"] == ID + "jointapplication/d1/0"
    assert kamen_bergkamen["Weight"] == "1"


def test_ego_export_through_the_cli(contract_settings: Settings, tmp_path: Path) -> None:
    target = tmp_path / "ego.gexf"
    argv = ["export", "network", f"ego:{KAMEN}", "--format", "gexf", "-o", str(target)]
    assert cli_main([*argv, "--data-dir", str(contract_settings.data_dir)]) == 0
    assert KREIS_UNNA in nx.read_gexf(target)


def test_graphml_export_to_stdout(
    contract_settings: Settings, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    export_network("funding", "graphml", None, contract_settings)
    assert b"<graphml" in capsysbinary.readouterr().out


def test_unwritable_output_is_named(contract_settings: Settings, tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    with pytest.raises(PkgraphError, match="taken"):
        export_network("funding", "csv", blocker, contract_settings)
    assert blocker.read_text() == "a file, not a folder"


@pytest.mark.parametrize(
    ("kind", "fmt", "output", "named"),
    [
        ("friends", "graphml", "x.graphml", "friends"),
        ("funding", "pajek", "x.net", "pajek"),
        ("funding", "csv", None, "--output"),
    ],
)
def test_bad_export_arguments_are_named(
    kind: str, fmt: str, output: str | None, named: str, contract_settings: Settings, tmp_path: Path
) -> None:
    with pytest.raises(PkgraphError, match=named):
        export_network(kind, fmt, tmp_path / output if output else None, contract_settings)
    assert not list(tmp_path.iterdir())


# --- on the sample build ------------------------------------------------------------------------


def _iri_of(name: str, settings: Settings) -> str:
    (municipality,) = load_gazetteer().by_name(name)
    return f"{settings.base_iri}id/municipality/{municipality.ags}"


@pytest.mark.slow
def test_sample_joint_application_links_the_kreis_unna_municipalities(
    sample_build: Settings,
) -> None:
    graph = build_network("municipalities", sample_build)
    applicants = ["Bergkamen", "Kamen", "Lünen", "Selm", "Werne", "Unna", "Kreis Unna"]
    iris = [_iri_of(name, sample_build) for name in applicants]
    for u, v in [(a, b) for i, a in enumerate(iris) for b in iris[i + 1 :]]:
        assert graph.has_edge(u, v), (u, v)
        data = graph.edges[u, v]
        assert data["joint_applications"], (u, v)
        assert all(fact.startswith(f"{sample_build.base_iri}id/") for fact in data["facts"])
        assert data["passages"]


@pytest.mark.slow
def test_sample_participations_have_evidence(sample_build: Settings) -> None:
    graph = build_network("participation", sample_build)
    bergkamen = _iri_of("Bergkamen", sample_build)
    kreis_coesfeld = _iri_of("Kreis Coesfeld", sample_build)
    assert graph.nodes[bergkamen]["bipartite"] == 0
    assert graph.degree(bergkamen) >= 1
    assert graph.degree(kreis_coesfeld) >= 1
    with GraphStore.open(sample_build, read_only=True) as store:
        for u, v, data in graph.edges(data=True):
            assert data["facts"] and data["passages"] and data["documents"], (u, v)
            (row,) = store.select(
                f"SELECT ?p WHERE {{ <{data['facts'][0]}> prov:wasDerivedFrom ?p }}"
            )
            assert row["p"] in data["passages"]


@pytest.mark.slow
def test_sample_participation_since_is_the_start_the_text_states(sample_build: Settings) -> None:
    graph = build_network("participation", sample_build)
    since = [
        data.get("since") for *_, data in graph.edges(_iri_of("Bergkamen", sample_build), data=True)
    ]
    assert any(s and s.startswith("2012") for s in since), since


@pytest.mark.slow
def _grants_into(name: str, settings: Settings) -> list[dict[str, Any]]:
    with GraphStore.open(settings, read_only=True) as store:
        graph = funding_network(store)
    return [data for *_, data in graph.in_edges(_iri_of(name, settings), data=True)]


@pytest.mark.slow
def test_sample_funding_weights_are_amounts(sample_build: Settings) -> None:
    grants = _grants_into("Kreis Coesfeld", sample_build)
    assert 43750.0 in [grant["weight"] for grant in grants]
    assert all(grant["passages"] and grant["facts"] for grant in grants)
    assert all(grant["weight"] == grant.get("amount_eur", 0.0) for grant in grants)


@pytest.mark.slow
def test_sample_funding_reaches_the_kreis_unna(sample_build: Settings) -> None:
    assert 64000.0 in [grant["weight"] for grant in _grants_into("Kreis Unna", sample_build)]


@pytest.mark.slow
def test_sample_decision_graph_starts_at_bodies(sample_build: Settings) -> None:
    with GraphStore.open(sample_build, read_only=True) as store:
        decisions = decision_network(store)
    kreistage = [n for n, label in decisions.nodes(data="label") if "Kreistag" in str(label)]
    assert kreistage
    assert all(decisions.nodes[n]["kind"] == "body" for n in kreistage)
    assert any(decisions.out_degree(n) >= 1 for n in kreistage)


@pytest.mark.slow
def test_sample_ego_network_of_bergkamen_reaches_its_co_applicants(sample_build: Settings) -> None:
    ego = build_network(f"ego:{_iri_of('Bergkamen', sample_build)}", sample_build)
    assert _iri_of("Kamen", sample_build) in ego
    assert all(data["passages"] for _, _, data in ego.edges(data=True))
