"""Documents for extractor tests, built through the real ingest stage from text or samples."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from pkgraph.extract import extract_document
from pkgraph.extract.text import DocumentText
from pkgraph.ingest import build_document, read_document
from pkgraph.records import Document, Extraction, RawDocument
from pkgraph.settings import Settings

MakeDocument = Callable[[str], Document]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="session")
def make_document(settings: Settings) -> MakeDocument:
    """A :class:`Document` built by the real ingest stage from a text."""

    def build(text: str) -> Document:
        data = text.encode("utf-8")
        raw = RawDocument(
            source=f"memory://{hashlib.sha256(data).hexdigest()[:12]}.txt",
            format="txt",
            content_hash=hashlib.sha256(data).hexdigest(),
            text=text,
            size_bytes=len(data),
            encoding="utf-8",
        )
        return build_document(raw, settings)

    return build


@pytest.fixture(scope="session")
def sample_documents(sample_corpus: Path, settings: Settings) -> dict[str, Document]:
    """The five sample documents by file-name prefix ("000" ... "004")."""
    return {
        path.name[:3]: build_document(read_document(path, settings), settings)
        for path in sorted(sample_corpus.glob("*.txt"))
    }


@pytest.fixture(scope="session")
def sample_extractions(sample_documents: dict[str, Document]) -> dict[str, Extraction]:
    return {prefix: extract_document(doc) for prefix, doc in sample_documents.items()}


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixture_extractions(settings: Settings) -> dict[str, Extraction]:
    """Extractions of the council documents under ``fixtures/`` (written for these tests, not
    tuned on), by file stem."""
    return {
        path.stem: extract_document(build_document(read_document(path, settings), settings))
        for path in sorted(FIXTURES.glob("*.txt"))
    }


def text_of(document: Document) -> DocumentText:
    return DocumentText(document)
