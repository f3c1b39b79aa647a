"""``pkgraph ingest`` and ``remove`` as real processes beside a running service on the same data
dir: they send the documents to it, and it answers from them at once, without a restart."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import httpx

from pkgraph.service_link import ANNOUNCEMENT, Announcement
from pkgraph.settings import Settings
from tests.api.conftest import TOKEN
from tests.api.live_server import LiveServer
from tests.api.live_support import (
    council_text,
    count_documents,
    document_page,
    search_hits,
)


def pkgraph(settings: Settings, *args: str, token: str = TOKEN) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PKGRAPH_DATA_DIR": str(settings.data_dir),
        "PKGRAPH_API_TOKEN": token,
        "HF_HUB_OFFLINE": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "pkgraph.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_ingest_and_remove_go_through_the_running_service(
    writing_server: LiveServer, tmp_path: Path
) -> None:
    folder = tmp_path / "neu"
    folder.mkdir()
    (folder / "quellwort.txt").write_text(council_text("Quellwortzehn"), encoding="utf-8")
    with httpx.Client(base_url=writing_server.url, timeout=60) as http:
        before = count_documents(http)

        added = pkgraph(writing_server.settings, "ingest", str(folder))
        assert added.returncode == 0, added.stderr
        assert "added 1," in added.stdout
        assert f"through {writing_server.url}" in added.stderr

        assert count_documents(http) == before + 1
        assert len(search_hits(http, "Quellwortzehn", "quellwort.txt")) == 1
        answer = http.get(
            "/ask", params={"q": "Welche Förderung erhält das Vorhaben Quellwortzehn?"}
        )
        assert answer.status_code == 200, answer.text
        assert "Quellwortzehn" in json.dumps(answer.json()["items"], ensure_ascii=False)
        page = document_page(http, "quellwort.txt")
        assert page.status_code == 200
        assert "Quellwortzehn" in page.text

        again = pkgraph(writing_server.settings, "ingest", str(folder))
        assert again.returncode == 0 and "unchanged 1," in again.stdout, again.stderr

        removed = pkgraph(writing_server.settings, "remove", "quellwort.txt")
        assert removed.returncode == 0, removed.stderr
        assert "removed 1 document(s)" in removed.stdout
        assert count_documents(http) == before
        assert search_hits(http, "Quellwortzehn", "quellwort.txt") == []
        assert document_page(http, "quellwort.txt").status_code == 404


def test_a_wrong_token_is_refused_and_nothing_opened(
    writing_server: LiveServer, tmp_path: Path
) -> None:
    file = tmp_path / "falsch.txt"
    file.write_text(council_text("Falschwort"), encoding="utf-8")
    done = pkgraph(writing_server.settings, "ingest", str(file), token="not-the-token")
    assert done.returncode == 2
    assert "refused the token" in done.stderr
    unset = pkgraph(writing_server.settings, "ingest", str(file), token="")
    assert unset.returncode == 2
    assert "set PKGRAPH_API_TOKEN" in unset.stderr


def test_a_read_only_service_makes_ingest_refuse(live_server: LiveServer, tmp_path: Path) -> None:
    """Without a token the service reads the stores: an ingest beside it would be undefined."""
    file = tmp_path / "nurlesen.txt"
    file.write_text(council_text("Nurlesewort"), encoding="utf-8")
    done = pkgraph(live_server.settings, "ingest", str(file))
    assert done.returncode == 2
    assert "open read-only" in done.stderr
    checked = pkgraph(live_server.settings, "check")
    assert checked.returncode == 2 and "stop it before `pkgraph check`" in checked.stderr


def test_a_stale_announcement_is_ignored(fresh_settings: Settings, tmp_path: Path) -> None:
    """A killed service leaves service.json behind; its pid is gone, so ingest writes itself."""
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    fresh_settings.data_dir.mkdir(parents=True)
    stale = Announcement("http://127.0.0.1:9", ended.pid, writer=True, nonce="gone")
    (fresh_settings.data_dir / ANNOUNCEMENT).write_text(json.dumps(asdict(stale)))
    file = tmp_path / "alt.txt"
    file.write_text(council_text("Altwort"), encoding="utf-8")
    done = pkgraph(fresh_settings, "ingest", "--no-index", str(file))
    assert done.returncode == 0, done.stderr
    assert "added 1," in done.stdout and "through" not in done.stderr


def test_reading_commands_refuse_beside_a_writing_service_only(
    writing_server: LiveServer, live_server: LiveServer
) -> None:
    """A reader beside a live Oxigraph writer is undefined: export and search stop with a clear
    error beside the writing service, and work beside a read-only one."""
    for args in (("export", "--format", "nq"), ("search", "Präventionskette")):
        refused = pkgraph(writing_server.settings, *args)
        assert refused.returncode == 2 and "stop it before `pkgraph" in refused.stderr
        assert "Traceback" not in refused.stderr
    assert pkgraph(live_server.settings, "search", "Präventionskette").returncode == 0
