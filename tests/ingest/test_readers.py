from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from pkgraph.errors import IngestError
from pkgraph.ingest import read_document
from pkgraph.ingest.identity import doc_id_for, source_of
from pkgraph.ingest.readers import SUPPORTED_SUFFIXES
from pkgraph.settings import Settings
from tests.ingest.helpers import SEEDS, write_pdf

GERMAN = "Größere Maßnahmen für Kinder – „Kein Kind zurücklassen“ kostet 5 €."


def _error(path: Path, settings: Settings) -> IngestError:
    with pytest.raises(IngestError) as caught:
        read_document(path, settings)
    assert caught.value.source == str(path.resolve())
    assert str(path.resolve()) in str(caught.value)
    return caught.value


def test_supported_suffixes() -> None:
    assert frozenset({".txt", ".md", ".html", ".htm", ".pdf"}) == SUPPORTED_SUFFIXES


def test_sample_text_is_read_verbatim(sample_corpus: Path, fresh_settings: Settings) -> None:
    path = sample_corpus / "004_0bcc7c8f61a2b24f.txt"
    raw = read_document(path, fresh_settings)
    assert raw.text == path.read_text("utf-8")
    assert raw.format == "txt"
    assert raw.encoding == "utf-8"
    assert raw.source == path.name  # identity: the name, not the local path
    assert raw.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert raw.size_bytes == path.stat().st_size


def test_identity_is_the_resolved_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("x", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert source_of("a.txt") == str(tmp_path / "a.txt")
    assert source_of("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert doc_id_for("/x") == hashlib.sha256(b"/x").hexdigest()[:16]


def test_markdown_is_read_as_text(tmp_path: Path, fresh_settings: Settings) -> None:
    path = tmp_path / "vorlage.md"
    path.write_text("## **Betreff:**\n\n" + GERMAN + "\n", "utf-8")
    raw = read_document(path, fresh_settings)
    assert raw.format == "md"
    assert raw.text == path.read_text("utf-8")


def test_cp1252_file_is_decoded(tmp_path: Path, fresh_settings: Settings) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(GERMAN.encode("cp1252"))
    raw = read_document(path, fresh_settings)
    assert raw.text == GERMAN
    assert raw.encoding == "cp1252"


def test_utf16_with_bom_is_decoded(tmp_path: Path, fresh_settings: Settings) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(GERMAN.encode("utf-16"))
    assert read_document(path, fresh_settings).text == GERMAN


def test_html_visible_text_with_blocks_and_cells(tmp_path: Path, fresh_settings: Settings) -> None:
    path = tmp_path / "seite.html"
    path.write_bytes(
        (
            "<html><head><meta charset='iso-8859-1'><title>Lernnetzwerk</title>"
            "<style>p {color: red}</style><script>var x = 1;</script></head><body>"
            "<h1>Prävention &amp; Bildung</h1><p>Erster   Absatz\n mit <b>fettem</b> Wort.</p>"
            "<!-- Kommentar --><table><tr><td>Jugendhilfeausschuss</td><td>27.06.2012</td></tr>"
            "</table><ul><li>Eins</li><li>Zwei</li></ul></body></html>"
        ).encode("iso-8859-1")
    )
    raw = read_document(path, fresh_settings)
    assert raw.format == "html"
    assert raw.text == (
        "Lernnetzwerk\n\nPrävention & Bildung\n\nErster Absatz mit fettem Wort.\n\n"
        "Jugendhilfeausschuss\t27.06.2012\n\nEins\nZwei"
    )
    assert read_document(path.rename(tmp_path / "seite.htm"), fresh_settings).format == "html"


def test_pdf_text_layer_of_every_page(tmp_path: Path, fresh_settings: Settings) -> None:
    path = write_pdf(tmp_path / "vorlage.pdf", ["Betreff: Teilnahme\n" + GERMAN, "Zweite Seite."])
    raw = read_document(path, fresh_settings)
    assert raw.format == "pdf"
    assert GERMAN in raw.text
    assert raw.text.index("Betreff") < raw.text.index("Zweite Seite.")


def test_encrypted_pdf_with_open_access_is_read(tmp_path: Path, fresh_settings: Settings) -> None:
    writer = PdfWriter(clone_from=write_pdf(tmp_path / "plain.pdf", [GERMAN]))
    writer.encrypt(user_password="", owner_password="owner")
    path = tmp_path / "permissions.pdf"
    writer.write(path)
    assert PdfReader(path).is_encrypted
    assert GERMAN in read_document(path, fresh_settings).text


def test_password_protected_pdf_fails_clearly(tmp_path: Path, fresh_settings: Settings) -> None:
    writer = PdfWriter(clone_from=write_pdf(tmp_path / "plain.pdf", [GERMAN]))
    writer.encrypt(user_password="geheim", owner_password="geheim")
    path = tmp_path / "encrypted.pdf"
    writer.write(path)
    assert "password" in _error(path, fresh_settings).reason


def test_truncated_pdf_fails_clearly(tmp_path: Path, fresh_settings: Settings) -> None:
    data = write_pdf(tmp_path / "whole.pdf", [GERMAN]).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert "truncated" in _error(path, fresh_settings).reason


def test_binary_junk_named_pdf_fails_clearly(tmp_path: Path, fresh_settings: Settings) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(bytes(range(256)) * 64)
    assert "not a PDF" in _error(path, fresh_settings).reason


def test_pdf_without_text_layer_fails_clearly(tmp_path: Path, fresh_settings: Settings) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "scan.pdf"
    path.write_bytes(buffer.getvalue())
    assert "no text layer" in _error(path, fresh_settings).reason


def test_binary_junk_named_txt_fails_clearly(tmp_path: Path, fresh_settings: Settings) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 64)
    assert "binary" in _error(path, fresh_settings).reason


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.html"])
def test_empty_file_fails_clearly(tmp_path: Path, fresh_settings: Settings, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    assert _error(path, fresh_settings).reason == "empty file"


def test_whitespace_only_file_fails_clearly(tmp_path: Path, fresh_settings: Settings) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n", "utf-8")
    assert _error(path, fresh_settings).reason == "no text content"


def test_unknown_extension_fails_clearly(tmp_path: Path, fresh_settings: Settings) -> None:
    path = tmp_path / "vorlage.docx"
    path.write_bytes(b"PK\x03\x04")
    reason = _error(path, fresh_settings).reason
    assert "'.docx'" in reason and ".pdf" in reason


def test_missing_file_and_folder_fail_clearly(tmp_path: Path, fresh_settings: Settings) -> None:
    assert _error(tmp_path / "missing.txt", fresh_settings).reason == "no such file"
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert _error(folder, fresh_settings).reason == "not a regular file"


def test_file_over_the_size_limit_fails_before_reading(tmp_path: Path) -> None:
    settings = Settings.from_env(data_dir=tmp_path / "data", max_file_bytes=1000)
    path = tmp_path / "big.txt"
    path.write_text("Prävention " * 200, "utf-8")
    reason = _error(path, settings).reason
    assert "PKGRAPH_MAX_FILE_BYTES" in reason and "2.2 MB" not in reason


def test_fifty_megabyte_text(tmp_path: Path, fresh_settings: Settings) -> None:
    """A 50 MB text is rejected by the default limit with a clear reason, or read whole."""
    unit = (SEEDS / "004_0bcc7c8f61a2b24f.txt").read_bytes()
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        for _ in range(50_000_000 // len(unit) + 1):
            handle.write(unit)
    size = path.stat().st_size
    assert size >= 50_000_000
    if size > fresh_settings.max_file_bytes:
        assert "larger than the limit" in _error(path, fresh_settings).reason
    else:
        raw = read_document(path, fresh_settings)
        assert raw.size_bytes == size
        assert len(raw.text) == len(unit.decode("utf-8")) * (50_000_000 // len(unit) + 1)


def test_deeply_nested_html_is_read(tmp_path: Path, fresh_settings: Settings) -> None:
    path = tmp_path / "tief.html"
    depth = 100_000
    path.write_text(f"<p>Anfang</p>{'<div>' * depth}Präventionskette{'</div>' * depth}", "utf-8")
    assert read_document(path, fresh_settings).text.split() == ["Anfang", "Präventionskette"]
