"""The announcement a running service leaves in its data dir."""

from __future__ import annotations

import os
from pathlib import Path

from pkgraph.service_link import announced, read_announcement
from pkgraph.settings import Settings


def test_a_service_announces_itself_in_a_data_dir_not_yet_made(tmp_path: Path) -> None:
    settings = Settings.from_env(data_dir=tmp_path / "remote-store-only" / "data")
    with announced(settings, writer=False) as announcement:
        assert read_announcement(settings) == announcement
        assert announcement.pid == os.getpid()
    assert read_announcement(settings) is None
    assert list(settings.data_dir.iterdir()) == []
