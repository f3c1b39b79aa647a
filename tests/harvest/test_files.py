"""A paper's files, fetched from the loopback server: read by the response's Content-Type,
the ``text`` rendition used without a request, ``downloadUrl`` when ``accessUrl`` fails."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pkgraph.harvest.client import OParlClient
from pkgraph.harvest.files import fetch_file, paper_record
from pkgraph.settings import Settings
from tests.harvest.server import OParlServer
from tests.ingest.helpers import write_pdf


@pytest.fixture()
def client(harvest_settings: Settings) -> Iterator[OParlClient]:
    with OParlClient(harvest_settings) as http:
        yield http


def _file(server: OParlServer, **fields: Any) -> dict[str, Any]:
    return {"id": server.url("files/1"), "type": "https://schema.oparl.org/1.1/File", **fields}


def test_a_pdf_is_read_as_pdf_and_html_by_its_content_type(
    oparl_server: OParlServer, client: OParlClient, harvest_settings: Settings, tmp_path: Path
) -> None:
    pdf = write_pdf(tmp_path / "vorlage.pdf", ["Aufbau der Präventionskette im Kreis Düren"])
    oparl_server.extra["f/vorlage.pdf"] = (200, "application/pdf", pdf.read_bytes())
    page = "<html><body><h1>Frühe Hilfen</h1><p>Bericht der Verwaltung</p></body></html>"
    oparl_server.extra["f/page"] = (200, "text/html; charset=utf-8", page)

    read = fetch_file(
        client, _file(oparl_server, accessUrl=oparl_server.url("f/vorlage.pdf")), harvest_settings
    )
    assert read.raw is not None and read.raw.format == "pdf"
    assert "Präventionskette" in read.raw.text and read.raw.source == oparl_server.url("files/1")
    # ALLRIS says mimeType "pdf", the server sends HTML: the response decides.
    html = _file(oparl_server, accessUrl=oparl_server.url("f/page"), mimeType="pdf")
    read = fetch_file(client, html, harvest_settings)
    assert read.raw is not None and read.raw.format == "html"
    assert read.raw.text.startswith("Frühe Hilfen")


def test_the_text_rendition_needs_no_request(
    oparl_server: OParlServer, client: OParlClient, harvest_settings: Settings
) -> None:
    given = _file(oparl_server, text="Der Rat beschließt.", accessUrl=oparl_server.url("f/x"))
    read = fetch_file(client, given, harvest_settings)
    assert read.raw is not None and read.raw.text == "Der Rat beschließt."
    assert oparl_server.log == []


def test_download_url_when_access_url_fails_and_clear_errors_otherwise(
    oparl_server: OParlServer, client: OParlClient, harvest_settings: Settings
) -> None:
    oparl_server.extra["f/download"] = (200, "text/plain; charset=utf-8", "Beschlussvorlage")
    oparl_server.extra["f/archive"] = (200, "application/zip", b"PK\x03\x04")
    both = _file(
        oparl_server,
        accessUrl=oparl_server.url("f/gone"),
        downloadUrl=oparl_server.url("f/download"),
    )
    assert fetch_file(client, both, harvest_settings).raw is not None

    gone = _file(oparl_server, accessUrl=oparl_server.url("f/gone"), downloadUrl="")
    assert fetch_file(client, gone, harvest_settings).error == (
        "file content not available (accessUrl: HTTP 404)"
    )
    archive = _file(oparl_server, accessUrl=oparl_server.url("f/archive"))
    assert fetch_file(client, archive, harvest_settings).error == (
        "accessUrl: unsupported content (application/zip)"
    )
    assert fetch_file(client, _file(oparl_server), harvest_settings).error == (
        "file content not available (no accessUrl, downloadUrl or text)"
    )


def test_the_paper_record_reads_like_a_cover_sheet() -> None:
    paper = {
        "id": "http://oparl.test/p/1",
        "name": "Lokale\nPräventionskonferenz",
        "reference": "137/2015",
        "paperType": "Beschlussvorlage",
        "date": "2015-10-22",
    }
    record = paper_record(paper)
    assert record is not None and record.source == "http://oparl.test/p/1"
    assert (
        record.text
        == "Lokale Präventionskonferenz\n\nBeschlussvorlage Nr. 137/2015 vom 22.10.2015\n"
    )
    assert paper_record({"id": "http://oparl.test/p/2"}) is None
