"""Fixtures: a fresh loopback OParl server per test and settings for a quick, impolite client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pkgraph.settings import Settings
from tests.harvest.server import OParlServer, serve


@pytest.fixture(autouse=True)
def _no_default_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command run without --data-dir must never touch the project's index/."""
    monkeypatch.setenv("PKGRAPH_DATA_DIR", str(tmp_path / "default-data-dir"))


@pytest.fixture()
def oparl_server() -> Iterator[OParlServer]:
    yield from serve()


@pytest.fixture()
def harvest_settings(tmp_path: Path) -> Settings:
    """No rate limit, short timeouts and back-off: loopback needs no politeness."""
    return Settings.from_env(
        data_dir=tmp_path / "data",
        harvest_rate=0.0,
        harvest_retries=2,
        harvest_backoff_s=0.01,
        harvest_timeout_s=2.0,
        harvest_concurrency=2,
    )
