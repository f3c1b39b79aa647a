"""POST / DELETE /documents on a real server: the token, the answers, and readers that never
see a document half replaced while it is re-ingested again and again."""

from __future__ import annotations

import socket
import threading
from collections import Counter
from http.client import HTTPResponse

import httpx

from pkgraph.ingest.identity import doc_id_for
from tests.api.conftest import TOKEN
from tests.api.live_server import LiveServer
from tests.api.live_support import (
    council_text,
    count_documents,
    document_page,
    search_hits,
)

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _post(http: httpx.Client, source: str, text: str, **headers: str) -> httpx.Response:
    return http.post(
        "/documents", params={"source": source}, content=text.encode("utf-8"), headers=headers
    )


def test_documents_need_the_token(writing_server: LiveServer, live_server: LiveServer) -> None:
    text = council_text("Schluesselwort")
    with httpx.Client(base_url=writing_server.url, timeout=60) as http:
        missing = _post(http, "a/schluessel.txt", text)
        assert missing.status_code == 401
        assert missing.headers["www-authenticate"] == "Bearer"
        assert missing.json()["parameter"] == "Authorization"
        wrong = _post(http, "a/schluessel.txt", text, Authorization="Bearer nicht-das-token")
        assert wrong.status_code == 403
        assert http.delete("/documents/a/schluessel.txt").status_code == 401
        assert search_hits(http, "Schluesselwort", "a/schluessel.txt") == []
    with httpx.Client(base_url=live_server.url, timeout=60) as http:
        read_only = _post(http, "a/schluessel.txt", text, **AUTH)
        assert read_only.status_code == 403
        assert read_only.json()["error"] == "writes_disabled"


def test_add_replace_remove(writing_server: LiveServer) -> None:
    source = "ordner/vorlage.txt"
    with httpx.Client(base_url=writing_server.url, timeout=60) as http:
        before = count_documents(http)
        added = _post(http, source, council_text("Ahornblatt"), **AUTH)
        assert added.status_code == 200, added.text
        assert added.json() | {"passages": 0} == {
            "status": "added",
            "doc_id": doc_id_for(source),
            "source": source,
            "passages": 0,
        }
        assert added.json()["passages"] >= 1
        assert (
            _post(http, source, council_text("Ahornblatt"), **AUTH).json()["status"] == "unchanged"
        )
        replaced = _post(http, source, council_text("Eisvogelnest"), **AUTH)
        assert replaced.json()["status"] == "replaced"
        assert count_documents(http) == before + 1
        assert search_hits(http, "Ahornblatt", source) == []
        assert len(search_hits(http, "Eisvogelnest", source)) == 1

        removed = http.delete("/documents/" + source, headers=AUTH)
        assert removed.json()["status"] == "removed", removed.text
        assert http.delete("/documents/" + source, headers=AUTH).status_code == 404
        assert count_documents(http) == before


def test_bad_documents_name_the_parameter(writing_server: LiveServer) -> None:
    with httpx.Client(base_url=writing_server.url, timeout=60) as http:
        program = _post(http, "werkzeug.exe", "MZ", **AUTH)
        assert program.status_code == 422
        assert program.json()["parameter"] == "source"
        typed = http.post(
            "/documents",
            params={"source": "https://rat.example/vorlage/17", "filename": "vorlage.exe"},
            content=b"x",
            headers=AUTH,
        )
        assert typed.status_code == 422 and typed.json()["parameter"] == "filename"
        empty = _post(http, "leer.txt", "", **AUTH)
        assert empty.status_code == 422 and empty.json()["parameter"] == "body"
        binary = _post(http, "kaputt.txt", "\x00\x01\x02 binär", **AUTH)
        assert binary.status_code == 422 and binary.json()["parameter"] == "body"
        assert document_page(http, "kaputt.txt").status_code == 404


def test_readers_see_one_version_while_it_is_replaced(writing_server: LiveServer) -> None:
    """Page text (document store) and fact quotes (graph), search ranking (index) and hit text
    (graph) come from one version, however the reads fall between the writes."""
    source = "wechsel.txt"
    versions = {"Kiefernzapfen": "45.000", "Muschelgrotte": "60.000"}
    seen: Counter[str] = Counter()
    mixed: list[str] = []
    writing = threading.Event()
    writing.set()

    def read_pages() -> None:
        with httpx.Client(base_url=writing_server.url, timeout=60) as http:
            while writing.is_set():
                page = document_page(http, source)
                shown = [marker for marker in versions if marker in page.text]
                seen["page " + "+".join(shown)] += 1
                if len(shown) > 1:
                    mixed.append(f"page shows {shown}")

    def read_search() -> None:
        with httpx.Client(base_url=writing_server.url, timeout=60) as http:
            while writing.is_set():
                for marker in versions:
                    for hit in search_hits(http, marker, source):
                        seen["hit " + marker] += 1
                        if marker not in hit["text"]:
                            mixed.append(f"search for {marker} found {hit['text'][:80]!r}")

    with httpx.Client(base_url=writing_server.url, timeout=60) as http:
        assert _post(http, source, council_text("Kiefernzapfen"), **AUTH).status_code == 200
        readers = [threading.Thread(target=read_pages) for _ in range(2)]
        readers.append(threading.Thread(target=read_search))
        for reader in readers:
            reader.start()
        try:
            for round_ in range(8):
                marker = ("Muschelgrotte", "Kiefernzapfen")[round_ % 2]
                answer = _post(http, source, council_text(marker, versions[marker]), **AUTH)
                assert answer.json()["status"] == "replaced", answer.text
        finally:
            writing.clear()
            for reader in readers:
                reader.join()
        assert http.delete("/documents/" + source, headers=AUTH).status_code == 200
    assert not mixed, mixed
    assert seen["page Kiefernzapfen"] and seen["page Muschelgrotte"], seen
    assert seen["hit Kiefernzapfen"] and seen["hit Muschelgrotte"], seen


def test_a_document_over_the_file_limit_is_refused_unread(writing_server: LiveServer) -> None:
    """A declared length over Settings.max_file_bytes answers 413 before any byte is read."""
    too_long = writing_server.settings.max_file_bytes + 1
    host, port = writing_server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(
            f"POST /documents?source=riesig.txt HTTP/1.1\r\nHost: {host}\r\n"
            f"Authorization: Bearer {TOKEN}\r\nContent-Length: {too_long}\r\n\r\n".encode()
        )
        answer = HTTPResponse(connection)
        answer.begin()
        body = answer.read().decode("utf-8")
    assert answer.status == 413, body
    assert "Settings.max_file_bytes" in body
