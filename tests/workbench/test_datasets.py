"""The research tables on the sample build: every format validated by the frictionless library,
every fact row carrying a document, a passage and a quote that is really at its offsets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import frictionless
import pandas as pd
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from pkgraph.datapackage import FORMATS, datapackage_descriptor, export_tables
from pkgraph.datasets import SOURCE_FIELDS, TABLES, TableError, table_frame, table_named
from pkgraph.dcat import DCAT as DCAT_NS
from pkgraph.dcat import dataset_iri, dcat_turtle
from pkgraph.errors import QueryError
from pkgraph.graph.store import GraphStore
from pkgraph.ingest.docstore import DocumentStore
from pkgraph.settings import Settings

DCAT = Namespace(DCAT_NS)
FACT_TABLES = [t for t in TABLES if t.fields[-len(SOURCE_FIELDS) :] == SOURCE_FIELDS]


@pytest.fixture(scope="module")
def frames(sample_build: Settings) -> dict[str, pd.DataFrame]:
    with GraphStore.open(sample_build, read_only=True) as store:
        return {table.name: table_frame(store, table) for table in TABLES}


@pytest.mark.parametrize("format", FORMATS)
def test_export_is_a_valid_data_package(
    format: str, sample_build: Settings, tmp_path: Path
) -> None:
    written = {p.name for p in export_tables(sample_build, format, tmp_path)}
    assert {"datapackage.json", "dcat.ttl", "graph.nq"} <= written
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    package = frictionless.Package(str(tmp_path / "datapackage.json"))
    rows = {r.name: len(r.read_rows()) for r in package.resources if r.name != "graph"}
    assert rows["participations"] > 0 and rows["documents"] == 5
    assert package.licenses[0]["name"] == "dl-de-by-2.0"


def test_every_fact_row_carries_its_source_and_the_quote_is_at_its_offsets(
    frames: dict[str, pd.DataFrame], sample_build: Settings
) -> None:
    with DocumentStore.open(sample_build.documents_db) as store:
        texts = {d.doc_id: d.original_text for d in store.documents()}
    assert FACT_TABLES and {t.name for t in FACT_TABLES} >= {"participations", "funding"}
    for table in FACT_TABLES:
        frame = frames[table.name]
        assert len(frame) > 0, table.name
        assert frame["fact"].is_unique
        for row in frame.itertuples():
            assert row.passage.startswith(row.document.replace("/document/", "/passage/"))
            text = texts[row.document.rsplit("/", 1)[-1]]
            assert text[row.start_offset : row.end_offset] == row.quote, (table.name, row.fact)


def test_the_tables_hold_what_the_graph_says(frames: dict[str, pd.DataFrame]) -> None:
    participations = frames["participations"]
    bergkamen = participations[participations["municipality_name"] == "Bergkamen"]
    assert "2012" in set(bergkamen["since"].dropna())
    assert frames["funding"]["amount_eur"].dropna().gt(0).all()
    assert str(frames["decisions"]["votes_for"].dtype) == "Int64"
    assert set(participations["document"]) <= set(frames["documents"]["document"])


def test_dcat_describes_the_dataset_and_every_table(sample_build: Settings) -> None:
    graph = Graph().parse(data=dcat_turtle(sample_build.base_iri), format="turtle")
    dataset = URIRef(dataset_iri(sample_build.base_iri))
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    urls = {
        str(graph.value(d, DCAT.downloadURL)) for d in graph.objects(dataset, DCAT.distribution)
    }
    base = sample_build.base_iri
    assert {f"{base}datasets/{t.name}.csv" for t in TABLES} <= urls
    assert f"{base}datasets/graph.nq" in urls


def test_bad_names_and_formats_are_refused_naming_the_parameter() -> None:
    with pytest.raises(TableError, match="participations"):
        table_named("people")
    with pytest.raises(QueryError) as error:
        datapackage_descriptor("sav", [], "http://localhost:8000/")
    assert error.value.parameter == "format"


def test_cli_writes_the_dataset_and_refuses_a_missing_folder(
    sample_build: Settings, tmp_path: Path
) -> None:
    command = [sys.executable, "-m", "pkgraph.cli", "--data-dir", str(sample_build.data_dir)]
    done = subprocess.run(
        [*command, "export", "dataset", "--format", "csv", "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    descriptor = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in descriptor["resources"]][:1] == ["participations.csv"]
    refused = subprocess.run(
        [*command, "export", "dataset", "--format", "xlsx"], capture_output=True, text=True
    )
    assert refused.returncode != 0 and "--output" in refused.stderr
