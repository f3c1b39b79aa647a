"""``pkgraph migrate`` of the search index: the embedded index copied into Milvus (Lite, the
real engine) and back, resumably, with the same rankings on every side."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from pkgraph.migrate import endpoints, migrate_search
from pkgraph.search.index import SearchIndex
from pkgraph.settings import Settings

QUERIES = ("Förderung der Präventionskette", "Jugendhilfeausschuss Beschluss", "Kreis Unna")


def _rankings(settings: Settings) -> dict[str, list[str]]:
    with SearchIndex.open(settings) as index:
        return {q: [pid for pid, _ in index.search(q, 10, "hybrid")] for q in QUERIES}


def test_the_index_is_copied_to_milvus_and_back(sample_build: Settings, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(sample_build.data_dir, data)
    settings = Settings.from_env(data_dir=data)
    expected = _rankings(settings)

    source, target = endpoints(settings, None, "milvus:search.db", back=False)
    first = migrate_search(source, target)
    assert len(first.copied) == 5 and first.items > 0 and not first.skipped
    assert _rankings(target) == expected
    again = migrate_search(source, target)
    assert not again.copied and len(again.skipped) == 5

    fresh = replace(target, data_dir=tmp_path / "back")
    fresh.search_dir.mkdir(parents=True)  # the engine's file alone, no embedded index
    shutil.copy2(data / "search" / "search.db", fresh.search_dir / "search.db")
    back_source, back_target = endpoints(fresh, None, "milvus:search.db", back=True)
    back = migrate_search(back_source, back_target)
    assert len(back.copied) == 5
    assert _rankings(back_target) == expected
