"""Interrupted runs resume without duplicates and without losing what was stored: a server
failing mid-list, an exception between two documents, and a real SIGKILL of the CLI."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import replace

import pytest

import pkgraph.harvest.run as harvest_run
from pkgraph.harvest.state import HarvestState
from pkgraph.settings import PROJECT_ROOT, Settings
from tests.harvest.helpers import documents, harvest, snapshot
from tests.harvest.server import OParlServer


@pytest.fixture()
def clean(
    oparl_server: OParlServer, harvest_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, str], set[str], dict[str, tuple[str, str]]]:
    """What one uninterrupted harvest of Hürtgenwald stores (same server, another data dir)."""
    settings = replace(harvest_settings, data_dir=tmp_path_factory.mktemp("clean") / "data")
    harvest(oparl_server, "huertgenwald", settings)
    return snapshot(settings)


def _last_success(settings: Settings) -> str | None:
    with HarvestState.open(settings.harvest_db) as state:
        (system,) = state.systems()
        return system.last_success


def test_a_list_failing_midway_leaves_the_run_incomplete_and_the_rerun_completes_it(
    oparl_server: OParlServer, harvest_settings: Settings, clean: tuple[object, ...]
) -> None:
    oparl_server.break_path("huertgenwald/body/1/paper?page=2")
    broken = harvest(oparl_server, "huertgenwald", harvest_settings)

    assert not broken.complete and not broken.ok
    assert any("paper list not walked to its end: HTTP 500" in why for _, why in broken.failures)
    assert len(documents(harvest_settings)) == 10  # page 1 is kept
    assert _last_success(harvest_settings) is None

    oparl_server.mend()
    resumed = harvest(oparl_server, "huertgenwald", harvest_settings)

    assert resumed.complete and resumed.since is None  # the whole walk again, not "since"
    assert resumed.documents["added"] == 16 and resumed.documents["unchanged"] == 0
    assert resumed.stored["Paper"] == 16  # the first 10 were current: skipped
    assert snapshot(harvest_settings) == clean


def test_an_interruption_between_two_documents_resumes_without_duplicates(
    oparl_server: OParlServer,
    harvest_settings: Settings,
    clean: tuple[object, ...],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = {"n": 0}
    real = harvest_run.store_prepared

    def interrupted(*args: object, **kwargs: object) -> str:
        calls["n"] += 1
        if calls["n"] == 13:
            raise KeyboardInterrupt  # Ctrl-C in the middle of page 2 of the papers
        return real(*args, **kwargs)

    monkeypatch.setattr(harvest_run, "store_prepared", interrupted)
    with pytest.raises(KeyboardInterrupt):
        harvest(oparl_server, "huertgenwald", harvest_settings)
    assert len(documents(harvest_settings)) == 12
    with HarvestState.open(harvest_settings.harvest_db) as state:
        (system,) = state.systems()
        assert (system.last_status, system.last_success) == ("interrupted", None)
    monkeypatch.setattr(harvest_run, "store_prepared", real)

    resumed = harvest(oparl_server, "huertgenwald", harvest_settings)

    assert resumed.complete and resumed.stored["Paper"] == 14
    assert snapshot(harvest_settings) == clean


def test_a_killed_harvest_resumes_where_it_was(
    oparl_server: OParlServer, harvest_settings: Settings, clean: tuple[object, ...]
) -> None:
    env = {
        **os.environ,
        "PKGRAPH_HARVEST_RATE": "40",  # slow enough to be killed in the middle
        "PKGRAPH_DATA_DIR": str(harvest_settings.data_dir),
        "PYTHONPATH": str(PROJECT_ROOT / "src"),
    }
    url = oparl_server.url("huertgenwald/system")
    command = [sys.executable, "-m", "pkgraph.cli", "harvest", "oparl", url, "--no-index"]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    for line in process.stderr:
        if "paper page 1:" in line:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    stored = documents(harvest_settings)
    assert 10 <= len(stored) < 26

    resumed = harvest(oparl_server, "huertgenwald", harvest_settings)

    assert resumed.complete and resumed.stored["Paper"] <= 26 - 10
    assert snapshot(harvest_settings) == clean
