"""``/datasets`` over real HTTP: the descriptor validated by frictionless reading the tables from
the server, the CSVs equal to the graph, the DCAT links served, clear errors."""

from __future__ import annotations

import io

import frictionless
import httpx
import pandas as pd
from bs4 import BeautifulSoup
from rdflib import Graph, Namespace

from pkgraph.datasets import TABLES
from pkgraph.dcat import DCAT as DCAT_NS
from tests.api.live_server import LiveServer
from tests.api.page_support import sparql_select

DCAT = Namespace(DCAT_NS)


def test_the_served_data_package_is_valid(live_server: LiveServer) -> None:
    url = f"{live_server.url}/datasets/datapackage.json"
    report = frictionless.validate(url)
    assert report.valid, report.flatten(["type", "note"])
    package = frictionless.Package(url)
    assert [r.name for r in package.resources] == [t.name for t in TABLES] + ["graph"]


def test_a_csv_has_one_row_per_fact_of_the_graph(client: httpx.Client) -> None:
    response = client.get("/datasets/participations.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    frame = pd.read_csv(io.StringIO(response.text), dtype=str)
    facts = sparql_select(client, "SELECT DISTINCT ?f WHERE { ?f a pk:Participation }")
    assert set(frame["fact"]) == {row["f"] for row in facts}
    assert frame[["document", "passage", "quote"]].notna().all().all()


def test_the_rdf_dump_and_the_dcat_links_are_served(
    client: httpx.Client, live_server: LiveServer
) -> None:
    dump = client.get("/datasets/graph.nq")
    assert dump.status_code == 200 and dump.headers["content-type"].startswith(
        "application/n-quads"
    )
    health = client.get("/health").json()
    assert len(dump.text.strip().splitlines()) == health["triples"]

    dcat = client.get("/datasets/dcat.ttl")
    assert dcat.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=dcat.text, format="turtle")
    base = live_server.settings.base_iri
    downloads = [str(url) for url in graph.objects(None, DCAT.downloadURL)]
    assert len(downloads) == len(TABLES) + 3
    for url in downloads:
        assert client.get("/" + url[len(base) :]).status_code == 200, url


def test_the_workbook_has_a_sheet_per_table(client: httpx.Client) -> None:
    response = client.get("/datasets/pkgraph.xlsx")
    assert response.status_code == 200
    sheets = pd.read_excel(io.BytesIO(response.content), sheet_name=None, dtype=str)
    assert list(sheets) == [t.name for t in TABLES]
    csv = pd.read_csv(io.StringIO(client.get("/datasets/funding.csv").text), dtype=str)
    assert sheets["funding"]["fact"].tolist() == csv["fact"].tolist()


def test_an_unknown_table_names_the_parameter(client: httpx.Client) -> None:
    response = client.get("/datasets/people.csv")
    assert response.status_code == 404
    assert response.json()["parameter"] == "name"
    assert "participations" in response.json()["message"]


def test_the_page_lists_every_table_with_its_row_count(client: httpx.Client) -> None:
    soup = BeautifulSoup(client.get("/datasets").text, "html.parser")
    links = {a["href"] for a in soup.select("a.download")}
    assert {f"/datasets/{t.name}.csv" for t in TABLES} <= links
    counts = sparql_select(client, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a pk:Document }")
    row = next(r for r in soup.select("table.datasets tbody tr") if "Documents" in r.th.text)
    assert row.select_one("td.num").text == counts[0]["n"]
    assert "dl-de/by-2-0" in soup.text
