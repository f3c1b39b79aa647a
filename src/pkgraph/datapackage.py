"""The dataset as files: tables (CSV, Parquet or one XLSX workbook), the RDF dump, a Frictionless
``datapackage.json`` and a DCAT description.

The same descriptor serves the exported folder and the API's ``/datasets/`` (resource paths are
relative, so a reader resolves them against wherever the descriptor lies).
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pkgraph.dataframe import SparqlSource, select_rows
from pkgraph.datasets import TABLES, Table, all_tables
from pkgraph.errors import QueryError
from pkgraph.settings import Settings

FORMATS = ("csv", "parquet", "xlsx")
WORKBOOK = "pkgraph.xlsx"
RDF_DUMP = "graph.nq"
MEDIA_TYPES = {
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

#: Licences of what the dataset is made of: the gazetteer's, and the documents' (see sources).
LICENSES = (
    {
        "name": "dl-de-by-2.0",
        "path": "https://www.govdata.de/dl-de/by-2-0",
        "title": "Datenlizenz Deutschland – Namensnennung – Version 2.0 "
        "(Gazetteer: © Statistisches Bundesamt (Destatis), GV-ISys)",
    },
)
ATTRIBUTION = (
    "Facts extracted by pkgraph from public council documents of NRW municipalities; the rights "
    "to the documents and quotes remain with their publishers (see sources). Municipality keys, "
    "names and coordinates: © Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV-ISys, "
    "dl-de/by-2-0."
)


@dataclass(frozen=True)
class Source:
    title: str
    path: str | None  # the document's URL, when it was read from one


def document_sources(source: SparqlSource) -> list[Source]:
    """Every stored document as a datapackage source (title and, for web documents, URL)."""
    rows = select_rows(
        source,
        """SELECT DISTINCT ?d ?title ?src WHERE { ?d a pk:Document .
             OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d dcterms:source ?src } }
           ORDER BY ?title""",
    )
    seen: dict[str, Source] = {}
    for row in rows:
        src = str(row["src"] or "")
        path = src if src.startswith(("http://", "https://")) else None
        seen.setdefault(str(row["d"]), Source(str(row["title"] or row["d"]), path))
    return list(seen.values())


def table_resource(table: Table, format: str) -> dict[str, Any]:
    """The Frictionless resource of one table in ``format``."""
    resource: dict[str, Any] = {
        "name": table.name,
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": format,
        "mediatype": MEDIA_TYPES[format],
        "schema": {
            "fields": [
                {"name": f.name, "type": f.type, "description": f.description} for f in table.fields
            ],
            "primaryKey": [table.fields[0].name],
        },
    }
    if format == "xlsx":
        resource["path"] = WORKBOOK
        resource["dialect"] = {"excel": {"sheet": table.name}}
    else:
        resource["path"] = f"{table.name}.{format}"
        resource["encoding"] = "utf-8"
    return resource


def datapackage_descriptor(format: str, sources: Sequence[Source], base_iri: str) -> dict[str, Any]:
    """The ``datapackage.json`` of the tables in ``format`` plus the RDF dump."""
    if format not in FORMATS:
        raise QueryError("format", f"{format!r} is not one of {', '.join(FORMATS)}")
    rdf = {
        "name": "graph",
        "title": "The whole knowledge graph (RDF, N-Quads, one named graph per document)",
        "path": RDF_DUMP,
        "format": "nq",
        "mediatype": "application/n-quads",
    }
    return {
        "profile": "data-package",
        "name": "pkgraph",
        "id": f"{base_iri}datasets/",
        "title": "pkgraph: prevention programs in NRW council documents",
        "description": (
            "Participations, funding, decisions, bodies, persons with roles and documents read "
            "from German council documents, one row per fact with its source document, passage "
            "and quote. " + ATTRIBUTION
        ),
        "homepage": f"{base_iri}datasets",
        "licenses": list(LICENSES),
        "sources": [{"title": s.title, **({"path": s.path} if s.path else {})} for s in sources],
        "keywords": ["Präventionskette", "Kinderarmut", "NRW", "Ratsinformation", "RDF"],
        "resources": [table_resource(table, format) for table in TABLES] + [rdf],
    }


def workbook_bytes(frames: Sequence[tuple[Table, pd.DataFrame]]) -> bytes:
    """All tables as one XLSX workbook, a sheet per table named like the table."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as workbook:
        for table, frame in frames:
            frame.to_excel(workbook, sheet_name=table.name, index=False)
    return buffer.getvalue()


def write_tables(frames: Sequence[tuple[Table, pd.DataFrame]], format: str, folder: Path) -> None:
    """Each table as ``{name}.csv`` / ``{name}.parquet``, or all as sheets of one workbook."""
    if format == "xlsx":
        (folder / WORKBOOK).write_bytes(workbook_bytes(frames))
        return
    for table, frame in frames:
        target = folder / f"{table.name}.{format}"
        if format == "csv":
            frame.to_csv(target, index=False, encoding="utf-8")
        else:
            frame.to_parquet(target, index=False)


def export_tables(settings: Settings, format: str, folder: Path) -> list[Path]:
    """Write the tables, the RDF dump, ``datapackage.json`` and ``dcat.ttl`` into ``folder``."""
    from pkgraph.dcat import dcat_turtle
    from pkgraph.graph.export import serialize_dataset
    from pkgraph.graph.store import GraphStore

    if format not in FORMATS:
        raise QueryError("format", f"{format!r} is not one of {', '.join(FORMATS)}")
    folder.mkdir(parents=True, exist_ok=True)
    with GraphStore.open(settings, read_only=True) as store:
        frames = list(all_tables(store))
        sources = document_sources(store)
        (folder / RDF_DUMP).write_bytes(serialize_dataset(store, "nq"))
    write_tables(frames, format, folder)
    descriptor = datapackage_descriptor(format, sources, settings.base_iri)
    (folder / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (folder / "dcat.ttl").write_text(dcat_turtle(settings.base_iri), encoding="utf-8")
    return sorted(folder.iterdir())
