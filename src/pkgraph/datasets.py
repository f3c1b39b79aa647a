"""The research tables: one row per fact with its source document, passage and quote.

Researchers analyse participations, funding, decisions, bodies, persons with roles and
documents in R, Stata or a spreadsheet; these tables are the graph flattened for that, with
the provenance kept on every row so that any number can be checked against its quote.
``pkgraph export dataset`` writes them (with the RDF dump and a ``datapackage.json``), the API
serves them under ``/datasets``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from pkgraph.dataframe import SparqlSource, rows_to_dataframe, select_rows


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Frictionless Table Schema type: string, integer, number, date
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    where: str  # the graph pattern binding the key (first field) and the other fields

    def query(self) -> str:
        """The SELECT of the table's columns in field order (a fact may come back twice when a
        linked entity has two labels; :func:`table_frame` keeps its first row)."""
        names = " ".join(f"?{field.name}" for field in self.fields)
        return f"SELECT DISTINCT {names} WHERE {{ {self.where} }} ORDER BY ?{self.fields[0].name}"

    def count_query(self) -> str:
        """The SELECT of the table's number of rows (``?rows``)."""
        key, where = self.fields[0].name, _split_optional(self.where)[0]
        return f"SELECT (COUNT(DISTINCT ?{key}) AS ?rows) WHERE {{ {where} }}"


SOURCE_FIELDS = (
    Field("document", "string", "IRI of the source document"),
    Field("document_title", "string", "title of the source document"),
    Field("passage", "string", "IRI of the passage the evidence starts in"),
    Field("quote", "string", "the original text the fact was read from"),
    Field("start_offset", "integer", "start of the quote in the document's original text"),
    Field("end_offset", "integer", "end of the quote in the document's original text"),
    Field("confidence", "number", "extractor confidence, 0..1"),
)

SOURCE_PATTERN = """
  ?fact pk:inDocument ?document ; prov:wasDerivedFrom ?passage ; pk:quote ?quote ;
        pk:startOffset ?start_offset ; pk:endOffset ?end_offset .
"""
SOURCE_OPTIONAL = """
  OPTIONAL { ?fact pk:confidence ?confidence }
  OPTIONAL { ?document dcterms:title ?document_title }
"""


def _split_optional(where: str) -> tuple[str, str]:
    """A table's pattern cut before its first OPTIONAL: what decides the rows, and the rest."""
    required, optional, rest = where.partition("OPTIONAL")
    return required, optional + rest


def _fact_table(
    name: str, title: str, description: str, fields: tuple[Field, ...], pattern: str
) -> Table:
    required, optional = _split_optional(pattern)
    return Table(
        name,
        title,
        description,
        (Field("fact", "string", "IRI of the fact node"), *fields, *SOURCE_FIELDS),
        "".join((required, SOURCE_PATTERN, optional, SOURCE_OPTIONAL)),
    )


TABLES: tuple[Table, ...] = (
    _fact_table(
        "participations",
        "Participations",
        "A municipality or Kreis taking part in a program, with the year or date it joined.",
        (
            Field("municipality", "string", "IRI of the participant"),
            Field("municipality_name", "string", "name of the participant"),
            Field("ags", "string", "official municipality key (AGS)"),
            Field("program", "string", "IRI of the program"),
            Field("program_name", "string", "name of the program"),
            Field("since", "string", "when it joined: YYYY, YYYY-MM or YYYY-MM-DD"),
        ),
        """?fact a pk:Participation ; pk:participant ?municipality ; pk:inProgram ?program .
  OPTIONAL { ?municipality skos:prefLabel ?municipality_name }
  OPTIONAL { ?municipality pk:ags ?ags }
  OPTIONAL { ?program skos:prefLabel ?program_name }
  OPTIONAL { ?fact pk:since ?since_raw } BIND(STR(?since_raw) AS ?since)""",
    ),
    _fact_table(
        "funding",
        "Funding",
        "Grants: who funds whom, how much, for which year, program and purpose.",
        (
            Field("funder", "string", "IRI of the funding body"),
            Field("funder_name", "string", "name of the funding body"),
            Field("recipient", "string", "IRI of the recipient"),
            Field("recipient_name", "string", "name of the recipient"),
            Field("amount_eur", "number", "amount in euro"),
            Field("amount_text", "string", "the amount as written"),
            Field("funding_year", "integer", "year of the funding"),
            Field("share_percent", "number", "funded share in percent"),
            Field("program", "string", "IRI of the funded program"),
            Field("program_name", "string", "name of the funded program"),
            Field("purpose", "string", "what the money is for"),
        ),
        """?fact a pk:Funding .
  OPTIONAL { ?fact schema:funder ?funder . OPTIONAL { ?funder skos:prefLabel ?funder_name } }
  OPTIONAL { ?fact pk:recipient ?recipient .
             OPTIONAL { ?recipient skos:prefLabel ?recipient_name } }
  OPTIONAL { ?fact pk:amountEUR ?amount_eur }
  OPTIONAL { ?fact pk:amountText ?amount_text }
  OPTIONAL { ?fact pk:fundingYear ?funding_year }
  OPTIONAL { ?fact pk:sharePercent ?share_percent }
  OPTIONAL { ?fact pk:fundsProgram ?program .
             OPTIONAL { ?program skos:prefLabel ?program_name } }
  OPTIONAL { ?fact pk:purpose ?purpose }""",
    ),
    _fact_table(
        "decisions",
        "Decisions",
        "Council and committee decisions with date, kind, votes and the program concerned.",
        (
            Field("body", "string", "IRI of the deciding body"),
            Field("body_name", "string", "name of the deciding body"),
            Field("date", "date", "date of the decision"),
            Field("kind", "string", "kind of decision"),
            Field("decision_text", "string", "the text of the decision"),
            Field("votes_for", "integer", "votes for"),
            Field("votes_against", "integer", "votes against"),
            Field("abstentions", "integer", "abstentions"),
            Field("program", "string", "IRI of the program concerned"),
            Field("program_name", "string", "name of the program concerned"),
        ),
        """?fact a pk:Decision .
  OPTIONAL { ?fact pk:decidedBy ?body . OPTIONAL { ?body skos:prefLabel ?body_name } }
  OPTIONAL { ?fact dcterms:date ?date }
  OPTIONAL { ?fact pk:decisionKind ?kind }
  OPTIONAL { ?fact pk:decisionText ?decision_text }
  OPTIONAL { ?fact pk:votesFor ?votes_for }
  OPTIONAL { ?fact pk:votesAgainst ?votes_against }
  OPTIONAL { ?fact pk:abstentions ?abstentions }
  OPTIONAL { ?fact pk:concernsProgram ?program .
             OPTIONAL { ?program skos:prefLabel ?program_name } }""",
    ),
    _fact_table(
        "bodies",
        "Bodies",
        "Councils, committees, ministries and other bodies: one row per mention in a document.",
        (
            Field("body", "string", "IRI of the body"),
            Field("body_name", "string", "name of the body"),
            Field("body_kind", "string", "kind of body"),
            Field("part_of", "string", "IRI of the municipality or body it belongs to"),
        ),
        """?fact a pk:Mention ; pk:mentionOf ?body . FILTER EXISTS { ?body a pk:Body }
  OPTIONAL { ?body skos:prefLabel ?body_name }
  OPTIONAL { ?body pk:bodyKind ?body_kind }
  OPTIONAL { ?body pk:bodyOf ?part_of }""",
    ),
    _fact_table(
        "persons",
        "Persons with roles",
        "Persons and the role they hold in a body or municipality.",
        (
            Field("person", "string", "IRI of the person"),
            Field("person_name", "string", "name of the person"),
            Field("role", "string", "the role as written"),
            Field("organization", "string", "IRI of the body or municipality"),
            Field("organization_name", "string", "name of the body or municipality"),
        ),
        """?fact a pk:Membership ; org:member ?person .
  OPTIONAL { ?person foaf:name ?person_name }
  OPTIONAL { ?fact pk:roleLabel ?role }
  OPTIONAL { ?fact org:organization ?organization .
             OPTIONAL { ?organization skos:prefLabel ?organization_name } }""",
    ),
    Table(
        "documents",
        "Documents",
        "The council documents every fact comes from.",
        (
            Field("document", "string", "IRI of the document"),
            Field("doc_id", "string", "document id"),
            Field("title", "string", "title"),
            Field("reference", "string", "the document's reference (Drucksachennummer)"),
            Field("document_type", "string", "kind of document"),
            Field("date", "date", "date of the document"),
            Field("issuer", "string", "IRI of the issuing municipality"),
            Field("issuer_name", "string", "name of the issuing municipality"),
            Field("source", "string", "where the document was read from (path or URL)"),
            Field("characters", "integer", "length of the original text"),
        ),
        """?document a pk:Document ; dcterms:identifier ?doc_id .
  OPTIONAL { ?document dcterms:title ?title }
  OPTIONAL { ?document pk:reference ?reference }
  OPTIONAL { ?document pk:documentType ?document_type }
  OPTIONAL { ?document dcterms:date ?date }
  OPTIONAL { ?document pk:issuedBy ?issuer .
             OPTIONAL { ?issuer skos:prefLabel ?issuer_name } }
  OPTIONAL { ?document dcterms:source ?source }
  OPTIONAL { ?document pk:characterCount ?characters }""",
    ),
)

TABLES_BY_NAME = {table.name: table for table in TABLES}


class TableError(LookupError):
    pass


def table_named(name: str) -> Table:
    """The table ``name``; an unknown name raises TableError listing the choices."""
    try:
        return TABLES_BY_NAME[name]
    except KeyError:
        raise TableError(f"{name!r} is not one of {', '.join(TABLES_BY_NAME)}") from None


def table_frame(source: SparqlSource, table: Table) -> pd.DataFrame:
    """The table's rows as a DataFrame with typed columns (missing values are NA)."""
    key = table.fields[0].name
    frame = rows_to_dataframe(
        select_rows(source, table.query()), [field.name for field in table.fields]
    ).drop_duplicates(subset=key, ignore_index=True)
    for field in table.fields:
        if field.type == "integer":
            frame[field.name] = frame[field.name].astype("Int64")
        elif field.type == "number":
            frame[field.name] = pd.to_numeric(frame[field.name]).astype("Float64")
        else:
            frame[field.name] = frame[field.name].astype("string")
    return frame


def table_rows(source: SparqlSource, table: Table) -> int:
    """How many rows the table has, without reading them."""
    return int(select_rows(source, table.count_query())[0]["rows"])


def all_tables(source: SparqlSource) -> Iterator[tuple[Table, pd.DataFrame]]:
    """Every table with its rows, in :data:`TABLES` order."""
    for table in TABLES:
        yield table, table_frame(source, table)
