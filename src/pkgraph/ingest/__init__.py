"""Ingestion: read a file, repair its text, detect metadata, cut passages.

``read_document`` is the I/O edge (one file to a :class:`RawDocument`); ``build_document`` is
pure (a :class:`RawDocument` to a :class:`Document`). See docs/INGEST.md.
"""

from __future__ import annotations

from pkgraph.ingest.identity import doc_id_for
from pkgraph.ingest.metadata import detect_metadata
from pkgraph.ingest.readers import read_document
from pkgraph.ingest.repair import repair_text
from pkgraph.ingest.segment import segment
from pkgraph.records import Document, RawDocument
from pkgraph.settings import Settings

__all__ = ["build_document", "read_document"]


def build_document(raw: RawDocument, settings: Settings) -> Document:
    """Repair, describe and segment a read document."""
    repaired = repair_text(raw.text)
    doc_id = doc_id_for(raw.source)
    return Document(
        doc_id=doc_id,
        source=raw.source,
        format=raw.format,
        content_hash=raw.content_hash,
        repaired=repaired,
        metadata=detect_metadata(repaired.text, raw.format),
        passages=tuple(
            segment(repaired, doc_id, settings.passage_min_chars, settings.passage_max_chars)
        ),
    )
