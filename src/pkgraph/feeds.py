"""Atom feeds of documents and facts: what a researcher or coordinator subscribes to in a feed
reader (or an e-mail-from-feed service) to hear of new council documents about a program, a
municipality or Kreis, or a body — no accounts needed.

Each fact entry links to the document page at the cited passage, with the quote as summary.
An entry's ``updated`` is the document's date; a document without one takes the time the data
last changed (the document store's modification time), so a new undated document still shows.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from pkgraph.dataframe import SparqlSource, select_rows

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 200

#: Fact classes in feeds, with the German word a reader sees in an entry title.
FACT_KINDS = {
    "Participation": "Teilnahme",
    "Funding": "Förderung",
    "Decision": "Beschluss",
    "JointApplication": "Gemeinsamer Antrag",
    "Event": "Veranstaltung",
    "Membership": "Funktion",
}


@dataclass(frozen=True)
class FeedScope:
    """Which facts and documents a feed holds: graph patterns over ``?fact`` and ``?doc``."""

    title: str
    fact_pattern: str = ""
    document_pattern: str = ""


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: datetime
    link: str  # path under the site root, e.g. /id/document/abc?hl=10-50#passage-2
    summary: str


def entry_date(value: object, fallback: datetime) -> datetime:
    """An xsd:date (or dateTime) as an aware datetime; ``fallback`` when absent or malformed."""
    try:
        parsed = datetime.fromisoformat(str(value)) if value else fallback
    except ValueError:
        return fallback
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _path(iri: str, base_iri: str) -> str:
    return "/" + iri[len(base_iri) :] if iri.startswith(base_iri) else iri


def document_entries(
    source: SparqlSource, scope: FeedScope, base_iri: str, changed: datetime
) -> list[Entry]:
    rows = select_rows(
        source,
        f"""SELECT ?doc (SAMPLE(?t) AS ?title) (SAMPLE(?dt) AS ?date) (SAMPLE(?ty) AS ?type)
                   (SAMPLE(?r) AS ?reference) WHERE {{
              ?doc a pk:Document . {scope.document_pattern}
              OPTIONAL {{ ?doc dcterms:title ?t }} OPTIONAL {{ ?doc dcterms:date ?dt }}
              OPTIONAL {{ ?doc pk:documentType ?ty }} OPTIONAL {{ ?doc pk:reference ?r }}
            }} GROUP BY ?doc""",
    )
    entries = []
    for row in rows:
        details = ", ".join(str(row[k]) for k in ("type", "reference", "date") if row[k])
        entries.append(
            Entry(
                id=str(row["doc"]),
                title=f"Dokument: {row['title'] or row['doc']}",
                updated=entry_date(row["date"], changed),
                link=_path(str(row["doc"]), base_iri),
                summary=details or "Neues Dokument",
            )
        )
    return entries


def fact_entries(
    source: SparqlSource, scope: FeedScope, base_iri: str, changed: datetime
) -> list[Entry]:
    kinds = " ".join(f"pk:{name}" for name in FACT_KINDS)
    rows = select_rows(
        source,
        f"""SELECT ?fact ?class ?doc ?quote ?start ?end ?index
                   (SAMPLE(?t) AS ?title) (SAMPLE(?dt) AS ?date) WHERE {{
              VALUES ?class {{ {kinds} }}
              ?fact a ?class ; pk:inDocument ?doc ; pk:quote ?quote ; pk:startOffset ?start ;
                    pk:endOffset ?end ; prov:wasDerivedFrom ?passage .
              ?passage pk:passageIndex ?index .
              {scope.fact_pattern}
              OPTIONAL {{ ?doc dcterms:title ?t }} OPTIONAL {{ ?doc dcterms:date ?dt }}
            }} GROUP BY ?fact ?class ?doc ?quote ?start ?end ?index""",
    )
    entries = []
    for row in rows:
        kind = FACT_KINDS[str(row["class"]).rsplit("#", 1)[-1]]
        quote = " ".join(str(row["quote"]).split())
        title = row["title"] or row["doc"]
        link = (
            f"{_path(str(row['doc']), base_iri)}?hl={row['start']}-{row['end']}"
            f"#passage-{row['index']}"
        )
        entries.append(
            Entry(
                id=str(row["fact"]),
                title=f"{kind}: {quote[:90]}{'…' if len(quote) > 90 else ''}",
                updated=entry_date(row["date"], changed),
                link=link,
                summary=f"„{quote}“ — {title}, Abschnitt {row['index']}",
            )
        )
    return entries


def feed_entries(
    source: SparqlSource, scope: FeedScope, base_iri: str, changed: datetime
) -> list[Entry]:
    """Documents and facts in scope, newest first (at most :data:`MAX_ENTRIES`)."""
    entries = document_entries(source, scope, base_iri, changed)
    entries += fact_entries(source, scope, base_iri, changed)
    entries.sort(key=lambda e: (e.updated, e.id), reverse=True)
    return entries[:MAX_ENTRIES]


def atom_feed(
    feed_id: str,
    title: str,
    site: str,
    self_path: str,
    entries: Sequence[Entry],
    changed: datetime,
) -> bytes:
    """The Atom 1.0 document (RFC 4287); ``site`` is the absolute root the links resolve to."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    root = site.rstrip("/")
    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", feed_id)
    sub(feed, "title", title)
    newest = max((e.updated for e in entries), default=changed)
    sub(feed, "updated", newest.isoformat())
    sub(feed, "link", rel="self", href=root + self_path, type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=root + "/", type="text/html")
    author = sub(feed, "author")
    sub(author, "name", "pkgraph")
    sub(feed, "generator", "pkgraph")
    for item in entries:
        entry = sub(feed, "entry")
        sub(entry, "id", item.id)
        sub(entry, "title", item.title)
        sub(entry, "updated", item.updated.isoformat())
        sub(entry, "link", rel="alternate", href=root + item.link, type="text/html")
        sub(entry, "summary", item.summary)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")
