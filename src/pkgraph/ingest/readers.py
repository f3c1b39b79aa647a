"""One reader per file format: bytes in, the document's original text out.

The text a reader returns is the *original* every later offset points into: for ``.txt`` and
``.md`` the decoded file, for HTML the visible text, for PDF the text layer of every page.
Every failure raises :class:`~pkgraph.errors.IngestError` naming the file and the reason.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import charset_normalizer
from bs4 import BeautifulSoup, Comment, NavigableString, PageElement, Tag
from pypdf import PdfReader

from pkgraph.errors import IngestError
from pkgraph.records import DocFormat, RawDocument
from pkgraph.settings import Settings

FORMAT_BY_SUFFIX: dict[str, DocFormat] = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
SUPPORTED_SUFFIXES = frozenset(FORMAT_BY_SUFFIX)

#: Share of control characters above which decoded bytes are taken for binary data.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: German council documents that are not UTF-8 are almost always Windows-1252 (or its subset
#: ISO-8859-1); statistical detection is tried only when cp1252 cannot decode the bytes.
_LEGACY_ENCODING = "cp1252"

TextExtractor = Callable[[bytes, str], tuple[str, str | None]]


def read_document(path: Path, settings: Settings, source: str | None = None) -> RawDocument:
    """Read one file into a :class:`RawDocument`; raises IngestError naming it on bad input.

    ``source`` is the document's identity (pkgraph.ingest.files): by default the file's name.
    """
    source = source or path.name
    named = str(path)  # errors name the file as it was given
    suffix = path.suffix.lower()
    if suffix not in FORMAT_BY_SUFFIX:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise IngestError(named, f"unsupported file type '{suffix}' (supported: {supported})")
    if not path.exists():
        raise IngestError(named, "no such file")
    if not path.is_file():
        raise IngestError(named, "not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(named, "empty file")
    if size > settings.max_file_bytes:
        raise IngestError(
            named,
            f"file is {size / 1e6:.1f} MB, larger than the limit of "
            f"{settings.max_file_bytes / 1e6:.1f} MB (PKGRAPH_MAX_FILE_BYTES)",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(named, f"cannot read file: {exc.strerror or exc}") from exc
    try:
        return read_bytes(data, source, FORMAT_BY_SUFFIX[suffix])
    except IngestError as exc:
        raise IngestError(named, exc.reason) from exc


def read_bytes(data: bytes, source: str, doc_format: DocFormat) -> RawDocument:
    """Read bytes fetched from elsewhere (a harvested file): ``source`` is its identity (URL)."""
    text, encoding = _EXTRACTORS[doc_format](data, source)
    if not text.strip():
        raise IngestError(source, "no text content")
    return RawDocument(
        source=source,
        format=doc_format,
        content_hash=hashlib.sha256(data).hexdigest(),
        text=text,
        size_bytes=len(data),
        encoding=encoding,
    )


# --- plain text and Markdown ------------------------------------------------------------------


def decode_text(data: bytes, source: str) -> tuple[str, str | None]:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252, else guess."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked_text(_decode(data, encoding, source), source), encoding
    if b"\x00" in data[:65536]:
        raise IngestError(source, "binary data, not text (contains NUL bytes)")
    try:
        return _checked_text(data.decode("utf-8-sig"), source), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return _checked_text(data.decode(_LEGACY_ENCODING), source), _LEGACY_ENCODING
    except UnicodeDecodeError:
        pass
    guess = charset_normalizer.from_bytes(data[: 1 << 20]).best()
    if guess is None:
        raise IngestError(source, "binary data or unknown text encoding")
    return _checked_text(_decode(data, guess.encoding, source), source), guess.encoding


def _decode(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise IngestError(source, f"cannot decode text as {encoding}: {exc}") from exc


def _checked_text(text: str, source: str) -> str:
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise IngestError(source, "binary data, not text (too many control characters)")
    return text


# --- HTML -------------------------------------------------------------------------------------

_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
_PARAGRAPH_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote", "pre",
     "section", "article", "header", "footer", "main", "aside", "nav", "figure", "form", "title"}
)  # fmt: skip
_LINE_TAGS = frozenset(
    {"div", "li", "tr", "dt", "dd", "br", "hr", "figcaption", "address", "caption", "option"}
)
_CELL_TAGS = frozenset({"td", "th"})
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_SEPARATOR_STRENGTH = {"": 0, "\t": 1, "\n": 2, "\n\n": 3}


def extract_html(data: bytes, source: str) -> tuple[str, str | None]:
    """Visible text of an HTML page: blocks become lines and paragraphs, table cells tabs."""
    _refuse_binary_html(data, source)
    try:
        soup = BeautifulSoup(data, "html.parser")
    except Exception as exc:  # the parser raises assorted errors on malformed input
        raise IngestError(source, f"unreadable HTML: {exc}") from exc
    chunks: list[str] = []
    _walk_html(soup, chunks, preformatted=False)
    return _join_html_chunks(chunks), soup.original_encoding


def _refuse_binary_html(data: bytes, source: str) -> None:
    """The HTML parser reads anything, so binary bytes (an image, a ZIP) named ``.html`` would
    become text full of control characters; refuse them as :func:`decode_text` does."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # UTF-16 HTML is full of NUL bytes
    sample = data[:65536]
    if b"\x00" in sample:
        raise IngestError(source, "binary data, not HTML (contains NUL bytes)")
    if len(_CONTROL_BYTES.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise IngestError(source, "binary data, not HTML (too many control characters)")


def _walk_html(root: Tag, chunks: list[str], *, preformatted: bool) -> None:
    """Text and separators of ``root``'s subtree in document order; with a stack of its own,
    so that nesting of any depth (a page of 100,000 nested ``div``) reads as any other."""
    stack: list[tuple[Iterator[PageElement], bool, str]] = [(iter(root.children), preformatted, "")]
    while stack:
        children, pre, closing = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            chunks.append(closing)
            continue
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # skips CData, doctype, processing instructions
                chunks.append(str(child) if pre else _SPACES.sub(" ", str(child)))
            continue
        if not isinstance(child, Tag) or child.name in _SKIPPED_TAGS:
            continue
        if child.name == "head":
            title = child.find("title")
            if isinstance(title, Tag):
                stack.append((iter(title.children), False, "\n\n"))
            continue
        separator = _separator(child.name)
        chunks.append(separator)
        stack.append((iter(child.children), pre or child.name == "pre", separator))


def _separator(tag: str) -> str:
    if tag in _PARAGRAPH_TAGS:
        return "\n\n"
    if tag in _LINE_TAGS:
        return "\n"
    if tag in _CELL_TAGS:
        return "\t"
    return ""


def _join_html_chunks(chunks: list[str]) -> str:
    """Merge text and separators: the strongest separator between two texts wins."""
    parts: list[str] = []
    pending = ""
    for chunk in chunks:
        if chunk in _SEPARATOR_STRENGTH:
            if _SEPARATOR_STRENGTH[chunk] > _SEPARATOR_STRENGTH[pending]:
                pending = chunk
            continue
        text = chunk.lstrip(" ") if pending or not parts else chunk
        if not text:
            continue
        if pending and parts:
            parts[-1] = parts[-1].rstrip(" ")
            parts.append(pending)
        parts.append(text)
        pending = ""
    return "".join(parts).strip()


# --- PDF --------------------------------------------------------------------------------------


def extract_pdf(data: bytes, source: str) -> tuple[str, str | None]:
    """The text layer of every page, pages separated by a blank line."""
    if not data.lstrip()[:1024].startswith(b"%PDF-"):
        raise IngestError(source, "not a PDF file (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(source, "truncated or damaged PDF (no end-of-file marker)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(source, "encrypted PDF: a password is required to read it")
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many error types on damaged files
        raise IngestError(source, f"unreadable PDF: {type(exc).__name__}: {exc}") from exc
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise IngestError(source, "PDF has no text layer (scanned image?): OCR it first")
    return text, None


_EXTRACTORS: dict[DocFormat, TextExtractor] = {
    "txt": decode_text,
    "md": decode_text,
    "html": extract_html,
    "pdf": extract_pdf,
}
