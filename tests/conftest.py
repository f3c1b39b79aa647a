"""Shared fixtures: the bundled sample corpus, the eval set, and one full sample build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from pkgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CORPUS = ROOT / "corpus" / "seeds"
EVAL_DIR = ROOT / "eval"
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def sample_corpus() -> Path:
    return SAMPLE_CORPUS


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The whole pipeline run once over the sample corpus into a fresh data dir."""
    from pkgraph.pipeline import ingest_paths

    settings = Settings.from_env(data_dir=tmp_path_factory.mktemp("sample-build"))
    report = ingest_paths([SAMPLE_CORPUS], settings, progress=lambda _message: None)
    assert report.ok, report.failed
    assert len(report.added) == 5
    return settings


@pytest.fixture()
def fresh_settings(tmp_path: Path) -> Settings:
    """Settings pointing at an empty data dir of the test's own."""
    return Settings.from_env(data_dir=tmp_path / "data")
