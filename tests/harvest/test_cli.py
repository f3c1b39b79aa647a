"""``pkgraph harvest oparl`` and the harvest lines of ``pkgraph stats``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pkgraph.cli import main
from tests.harvest.server import OParlServer


@pytest.fixture()
def quick_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PKGRAPH_HARVEST_RATE", "0")
    monkeypatch.setenv("PKGRAPH_HARVEST_BACKOFF_S", "0.01")
    monkeypatch.setenv("PKGRAPH_HARVEST_RETRIES", "1")


def test_harvest_reports_and_says_in_its_exit_code_that_files_were_missing(
    oparl_server: OParlServer,
    tmp_path: Path,
    quick_env: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    url = oparl_server.url("huertgenwald/system")
    argv = ["harvest", "oparl", url, "--no-index", "--json", "--match", "Prävention", *data]

    assert main(argv) == 1  # complete, but the recorded papers' files are not there
    report = json.loads(capsys.readouterr().out)
    assert report["complete"] and report["stored"]["Paper"] == 26
    assert report["documents"] == {"added": 2}
    assert all(f["reason"].startswith("file content not available") for f in report["failures"])

    assert main(["harvest", "oparl", url, "--no-index", "--match", "Prävention", *data]) == 0
    assert "modified since" in capsys.readouterr().out  # the second run is incremental

    assert main(["stats", "--json", *data]) == 0
    (system,) = json.loads(capsys.readouterr().out)["harvested"]
    assert system["system"] == url and system["last_status"] == "ok"
    assert system["counts"]["Paper"] == 26 and system["counts"]["documents"] == 2
    assert main(["stats", *data]) == 0
    assert f"harvested:  SD.NET RIM <{url}>" in capsys.readouterr().out


def test_bad_arguments_and_unreachable_systems_are_clear_errors(
    oparl_server: OParlServer,
    tmp_path: Path,
    quick_env: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    url = oparl_server.url("huertgenwald/system")
    assert main(["harvest", "oparl", url, "--match", "(", *data]) == 2
    assert "--match: not a valid regular expression" in capsys.readouterr().err
    assert main(["harvest", "oparl", url, "--since", "gestern", *data]) == 2
    assert "--since: not an ISO date" in capsys.readouterr().err
    assert main(["harvest", "oparl", url, "--body", "7", *data]) == 2
    assert "--body 7: no such body (the system has http://127.0.0.1" in capsys.readouterr().err
    missing = oparl_server.url("nowhere/system")
    assert main(["harvest", "oparl", missing, *data]) == 2
    assert f"error: {missing}: HTTP 404" in capsys.readouterr().err


def test_one_body_of_a_system_is_remembered_on_its_own(
    oparl_server: OParlServer,
    tmp_path: Path,
    quick_env: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    url = oparl_server.url("huertgenwald/system")
    argv = ["harvest", "oparl", url, "--body", "1", "--no-index", "--json", "--match", "^$"]
    main([*argv, *data])
    report = json.loads(capsys.readouterr().out)
    assert report["system"] == oparl_server.url("huertgenwald/body/1")
    assert report["stored"]["Paper"] == 26 and report["documents"] == {}
