"""A paper's texts: its files (fetched, read by Content-Type) and its own record.

A File's ``text`` rendition is used as it is; otherwise ``accessUrl`` and then ``downloadUrl``
are tried, and the *response's* Content-Type decides the reader (the File object may say
``application/pdf``, or ``pdf``, and the server still send text or HTML). The paper record
itself (name, reference, type, date) becomes a short text document with the paper's IRI as its
source, so that a paper whose files cannot be fetched is still found by search and its
consultations are reachable from a document.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from pkgraph.errors import IngestError
from pkgraph.harvest.client import HarvestError, OParlClient
from pkgraph.harvest.objects import OParlObject, as_list, clean_text, iso_date, ref
from pkgraph.ingest.readers import FORMAT_BY_SUFFIX, read_bytes
from pkgraph.records import DocFormat, DocumentMetadata, RawDocument
from pkgraph.settings import Settings

FILE_FIELDS = ("mainFile", "auxiliaryFile")
_FORMAT_BY_TYPE: dict[str, DocFormat] = {
    "application/pdf": "pdf",
    "pdf": "pdf",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "html": "html",
    "text/plain": "txt",
    "txt": "txt",
    "text/markdown": "md",
}


@dataclass(frozen=True)
class FileText:
    """A file read (``raw``) or why it could not be (``error``)."""

    file_id: str
    raw: RawDocument | None = None
    error: str | None = None


def paper_files(paper: OParlObject) -> list[OParlObject]:
    """The embedded File objects of a paper: main file first, then attachments, each once."""
    found: dict[str, OParlObject] = {}
    for key in FILE_FIELDS:
        for item in as_list(paper.get(key)):
            url = ref(item)
            if isinstance(item, dict) and url and url not in found:
                found[url] = item
    return list(found.values())


def _format(content_type: str, file_obj: OParlObject, url: str) -> DocFormat | None:
    media = content_type.split(";", 1)[0].strip().lower()
    if media in _FORMAT_BY_TYPE:
        return _FORMAT_BY_TYPE[media]
    declared = str(file_obj.get("mimeType") or "").strip().lower()
    if media in ("", "application/octet-stream") and declared in _FORMAT_BY_TYPE:
        return _FORMAT_BY_TYPE[declared]
    suffix = "." + urlsplit(url).path.rsplit(".", 1)[-1].lower()
    return FORMAT_BY_SUFFIX.get(suffix) if media in ("", "application/octet-stream") else None


def fetch_file(client: OParlClient, file_obj: OParlObject, settings: Settings) -> FileText:
    """The text of one File, under the File's IRI as source; never raises for a bad file."""
    file_id = str(file_obj["id"])
    text = file_obj.get("text")
    if isinstance(text, str) and text.strip():
        data = text.encode("utf-8")
        return FileText(file_id, read_bytes(data, file_id, "txt"))
    tried: list[str] = []
    for key in ("accessUrl", "downloadUrl"):
        url = file_obj.get(key)
        if not isinstance(url, str) or not url.strip():
            continue
        try:
            response = client.get(url.strip())
        except HarvestError as exc:
            tried.append(f"{key}: {exc.reason}")
            continue
        if response.status != 200:
            tried.append(f"{key}: HTTP {response.status}")
            continue
        if len(response.content) > settings.max_file_bytes:
            return FileText(file_id, error=f"{key}: larger than PKGRAPH_MAX_FILE_BYTES")
        doc_format = _format(response.content_type, file_obj, url)
        if doc_format is None:
            return FileText(file_id, error=f"{key}: unsupported content ({response.content_type})")
        try:
            return FileText(file_id, read_bytes(response.content, file_id, doc_format))
        except IngestError as exc:
            return FileText(file_id, error=f"{key}: {exc.reason}")
    reason = "; ".join(tried) if tried else "no accessUrl, downloadUrl or text"
    return FileText(file_id, error=f"file content not available ({reason})")


def paper_metadata(paper: OParlObject) -> DocumentMetadata:
    """What the paper record says, to override detection on every document made from it."""
    return DocumentMetadata(
        title=clean_text(paper.get("name")),
        doc_type=clean_text(paper.get("paperType")),
        reference=clean_text(paper.get("reference")),
        date=iso_date(paper.get("date")),
    )


def paper_record(paper: OParlObject) -> RawDocument | None:
    """The paper record as a short German text (title; type, reference, date); None if the
    paper has no name. Its content hash is that of the text, so it changes with the record."""
    metadata = paper_metadata(paper)
    if metadata.title is None:
        return None
    facts = [metadata.doc_type or "Vorlage"]
    if metadata.reference:
        facts.append(f"Nr. {metadata.reference}")
    if metadata.date:
        year, month, day = metadata.date.split("-")
        facts.append(f"vom {day}.{month}.{year}")
    text = f"{metadata.title}\n\n{' '.join(facts)}\n"
    data = text.encode("utf-8")
    return RawDocument(
        source=str(paper["id"]),
        format="txt",
        content_hash=hashlib.sha256(data).hexdigest(),
        text=text,
        size_bytes=len(data),
        encoding="utf-8",
    )
