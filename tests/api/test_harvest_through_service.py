"""``pkgraph harvest`` as a real process beside a running service: the service runs the harvest
(``POST /harvest``) and answers from the harvested papers at once, without a restart."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from pkgraph.settings import Settings
from tests.api.conftest import TOKEN
from tests.api.live_server import LiveServer, serve
from tests.api.live_support import count_documents
from tests.api.test_cli_through_service import pkgraph
from tests.harvest.server import OParlServer
from tests.harvest.server import serve as serve_oparl

MATCH = ("--json", "--match", "Prävention")
PAPERS = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a oparl:Paper }"


@pytest.fixture()
def oparl_server() -> Iterator[OParlServer]:
    yield from serve_oparl()


@pytest.fixture()
def harvesting_server(sample_build: Settings, tmp_path: Path) -> Iterator[LiveServer]:
    """A writing service over its own copy of the sample build, impolite to loopback."""
    data_dir = tmp_path / "data"
    shutil.copytree(sample_build.data_dir, data_dir, ignore=shutil.ignore_patterns("service*"))
    quick = replace(
        sample_build,
        data_dir=data_dir,
        api_token=TOKEN,
        harvest_rate=0.0,
        harvest_retries=2,
        harvest_backoff_s=0.01,
    )
    yield from serve(quick)


def papers(http: httpx.Client) -> int:
    answer = http.get(
        "/sparql", params={"query": PAPERS}, headers={"Accept": "application/sparql-results+json"}
    )
    assert answer.status_code == 200, answer.text
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def test_a_harvest_beside_the_service_runs_in_it_and_is_answered_at_once(
    harvesting_server: LiveServer, oparl_server: OParlServer
) -> None:
    url = oparl_server.url("huertgenwald/system")
    with httpx.Client(base_url=harvesting_server.url, timeout=60) as http:
        before = count_documents(http)
        assert papers(http) == 0

        run = pkgraph(harvesting_server.settings, "harvest", "oparl", url, *MATCH)
        assert run.returncode == 1, run.stderr  # complete, but the recorded files are missing
        report = json.loads(run.stdout)
        assert report["complete"] and report["stored"]["Paper"] == 26
        assert report["documents"] == {"added": 2}
        assert all(f["reason"].startswith("file content not available") for f in report["failures"])
        assert f"(in {harvesting_server.url})" in run.stderr  # progress came from the service

        assert papers(http) == 26  # SPARQL answers from the new checkpoint
        assert count_documents(http) == before + 2

        again = pkgraph(harvesting_server.settings, "harvest", "oparl", url, *MATCH)
        assert again.returncode == 0, again.stderr
        assert (
            "modified since" in json.dumps(json.loads(again.stdout))
            or json.loads(again.stdout)["since"]
        )
        assert count_documents(http) == before + 2


def test_a_harvest_needs_the_token_and_bad_options_are_refused_before_it_starts(
    harvesting_server: LiveServer, oparl_server: OParlServer
) -> None:
    url = oparl_server.url("huertgenwald/system")
    refused = pkgraph(harvesting_server.settings, "harvest", "oparl", url, token="falsch")
    assert refused.returncode != 0
    assert "refused the token" in refused.stderr
    with httpx.Client(base_url=harvesting_server.url, timeout=60) as http:
        anonymous = http.post("/harvest", json={"url": url})
        assert anonymous.status_code == 401
        bad = http.post(
            "/harvest",
            json={"url": url, "match": "("},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert bad.status_code == 422 and "--match" in bad.json()["message"]
        assert papers(http) == 0
