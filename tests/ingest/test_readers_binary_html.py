"""A binary file named ``.html`` is refused at ingest, as one named ``.txt`` already was."""

from __future__ import annotations

from pathlib import Path

import pytest

from pkgraph.errors import IngestError
from pkgraph.ingest import read_document
from pkgraph.settings import Settings


def _error(path: Path, settings: Settings) -> IngestError:
    with pytest.raises(IngestError) as caught:
        read_document(path, settings)
    return caught.value


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 64,
        b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 16,  # no NUL byte, many controls
    ],
)
def test_binary_junk_named_html_fails_clearly(
    tmp_path: Path, fresh_settings: Settings, data: bytes
) -> None:
    path = tmp_path / "junk.html"
    path.write_bytes(data)
    assert "binary data, not HTML" in _error(path, fresh_settings).reason


def test_utf16_html_is_no_binary(tmp_path: Path, fresh_settings: Settings) -> None:
    path = tmp_path / "utf16.html"
    path.write_bytes(
        "<html><body><p>Förderung für Präventionsketten</p></body></html>".encode("utf-16")
    )
    assert read_document(path, fresh_settings).text == "Förderung für Präventionsketten"
