"""Citations of a document, passage or fact that a researcher can paste: plain text (German),
BibTeX and CSL-JSON (Zotero, pandoc, citeproc), naming the document's title, issuing body,
reference, date, the stable URL of the cited thing, the passage and the quote."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from pkgraph.dataframe import SparqlSource, select_rows

QUOTE_CHARS = 300


@dataclass(frozen=True)
class Citation:
    url: str  # the IRI of the cited document, passage or fact (it dereferences)
    title: str
    issuer: str | None
    reference: str | None
    date: str | None  # YYYY-MM-DD
    source: str | None  # where the document was published, when that is a URL
    passage: int | None
    quote: str | None
    accessed: dt.date

    @property
    def key(self) -> str:
        """A BibTeX key from the URL's last segments: ``pkgraph-09aeb74d-3``."""
        tail = [s for s in self.url.rstrip("/").split("/") if s][-2:]
        return "pkgraph-" + "-".join(re.sub(r"[^A-Za-z0-9]", "", s)[:8] for s in tail)

    def text(self) -> str:
        parts = [f"{self.issuer}: " if self.issuer else "", f"{self.title}."]
        details = ", ".join(x for x in (self.reference, self.date) if x)
        if details:
            parts.append(f" {details}.")
        if self.passage is not None:
            parts.append(f" Abschnitt {self.passage}")
            parts.append(f": „{self.quote}“." if self.quote else ".")
        if self.source:
            parts.append(f" Quelle: {self.source}.")
        parts.append(f" {self.url} (abgerufen am {self.accessed.isoformat()}).")
        return "".join(parts)

    def bibtex(self) -> str:
        fields = {
            "title": self.title,
            "author": f"{{{self.issuer}}}" if self.issuer else None,
            "number": self.reference,
            "date": self.date,
            "year": self.date[:4] if self.date else None,
            "url": self.url,
            "urldate": self.accessed.isoformat(),
            "howpublished": self.source,
            "note": self._note(),
        }
        body = ",\n".join(
            f"  {name} = {{{_bibtex_escape(value, name)}}}"
            for name, value in fields.items()
            if value
        )
        return f"@misc{{{self.key},\n{body}\n}}"

    def csl(self) -> dict[str, object]:
        item: dict[str, object] = {
            "id": self.key,
            "type": "document",
            "title": self.title,
            "URL": self.url,
            "accessed": {"date-parts": [_date_parts(self.accessed.isoformat())]},
        }
        if self.issuer:
            item["author"] = [{"literal": self.issuer}]
            item["publisher"] = self.issuer
        if self.reference:
            item["number"] = self.reference
        if self.date:
            item["issued"] = {"date-parts": [_date_parts(self.date)]}
        if self.source:
            item["source"] = self.source
        note = self._note()
        if note:
            item["note"] = note
        return item

    def csl_json(self) -> str:
        return json.dumps([self.csl()], ensure_ascii=False, indent=2)

    def _note(self) -> str | None:
        if self.passage is None:
            return None
        return f"Abschnitt {self.passage}" + (f": „{self.quote}“" if self.quote else "")


def _date_parts(value: str) -> list[int]:
    return [int(part) for part in value.split("-")[:3] if part.isdigit()]


def _bibtex_escape(value: str, name: str) -> str:
    """Braces balanced and TeX specials escaped; the author keeps its protecting braces."""
    if name in ("url", "author"):
        return value.replace("%", r"\%")
    return re.sub(r"([&%$#_{}])", r"\\\1", value)


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE_CHARS else flat[: QUOTE_CHARS - 1].rstrip() + "…"


def cite(source: SparqlSource, iri: str, today: dt.date | None = None) -> Citation | None:
    """The citation of a document, passage or fact IRI; None for anything else."""
    if any(char in iri for char in '<>"{}|^`\\ \n\t'):
        return None
    rows = select_rows(
        source,
        f"""SELECT ?doc ?index ?quote ?text (SAMPLE(?t) AS ?title) (SAMPLE(?i) AS ?issuer)
                   (SAMPLE(?r) AS ?ref) (SAMPLE(?d) AS ?date) (SAMPLE(?s) AS ?source) WHERE {{
              {{ <{iri}> a pk:Document . BIND(<{iri}> AS ?doc) }}
              UNION {{ <{iri}> a pk:Passage ; pk:inDocument ?doc ; pk:passageIndex ?index ;
                               pk:text ?text }}
              UNION {{ <{iri}> pk:inDocument ?doc ; pk:quote ?quote .
                       OPTIONAL {{ <{iri}> prov:wasDerivedFrom/pk:passageIndex ?index }} }}
              OPTIONAL {{ ?doc dcterms:title ?t }}
              OPTIONAL {{ ?doc pk:issuedBy/skos:prefLabel ?i }}
              OPTIONAL {{ ?doc pk:reference ?r }}
              OPTIONAL {{ ?doc dcterms:date ?d }}
              OPTIONAL {{ ?doc dcterms:source ?s }}
            }} GROUP BY ?doc ?index ?quote ?text LIMIT 1""",
    )
    if not rows or rows[0]["doc"] is None:
        return None
    row = rows[0]
    quote = row["quote"] or row["text"]
    src = str(row["source"] or "")
    return Citation(
        url=iri,
        title=str(row["title"] or row["doc"]),
        issuer=str(row["issuer"]) if row["issuer"] else None,
        reference=str(row["ref"]) if row["ref"] else None,
        date=str(row["date"])[:10] if row["date"] else None,
        source=src if src.startswith(("http://", "https://")) else None,
        passage=int(row["index"]) if row["index"] is not None else None,
        quote=_shorten(str(quote)) if quote else None,
        accessed=today or dt.date.today(),
    )
