"""The ``pkgraph`` commands that fill and maintain a data dir's stores: ingest, remove, check,
stats, harvest, migrate. Thin as the rest of :mod:`pkgraph.cli`; heavy modules are imported
inside the handlers.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from pkgraph.errors import PkgraphError
from pkgraph.settings import Settings


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from pkgraph.pipeline import ingest_paths
    from pkgraph.service_link import ingest_through, service_client

    paths = [Path(p) for p in args.paths]
    client = service_client(settings)
    if client is None:
        report = ingest_paths(paths, settings, with_index=not args.no_index)
    else:
        with client:
            report = ingest_through(client, paths)
    print(
        f"added {len(report.added)}, replaced {len(report.replaced)}, "
        f"unchanged {len(report.unchanged)}, failed {len(report.failed)}, "
        f"skipped {len(report.skipped)} in {report.seconds:.1f}s"
        + (f" (repaired {report.repaired} after an interrupted run)" if report.repaired else "")
    )
    for source, reason in report.failed:
        print(f"error: {source}: {reason}", file=sys.stderr)
    for skipped in report.skipped:
        print(f"skipped: {skipped.path}: {skipped.reason}", file=sys.stderr)
    return min(len(report.failed) + len(report.skipped), 100)


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    from pkgraph.consistency import check_stores, repair_stores
    from pkgraph.graph.store import GraphStore
    from pkgraph.ingest.docstore import DocumentStore
    from pkgraph.pipeline import stderr_progress
    from pkgraph.search.index import SearchIndex
    from pkgraph.service_link import refuse_beside_service

    if not settings.documents_db.exists():
        raise PkgraphError(f"{settings.data_dir}: nothing ingested here yet")
    refuse_beside_service(settings, "check")
    with (
        DocumentStore.open(settings.documents_db) as docs,
        GraphStore.open(settings, read_only=not args.repair) as graph,
        SearchIndex.open(settings) as index,
    ):
        report = check_stores(docs, graph, index)
        if args.repair and not report.ok:
            repair_stores(docs, graph, index, report, stderr_progress)
            report = check_stores(docs, graph, index)
    if args.json:
        print_json({"ok": report.ok, **asdict(report)})
    else:
        print("\n".join(report.lines()))
    return 0 if report.ok else 1


def cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    from pkgraph.pipeline import remove_sources
    from pkgraph.service_link import service_client

    client = service_client(settings)
    if client is None:
        removed = remove_sources(args.sources, settings)
    else:
        with client:
            removed = [source for source in args.sources if client.remove(source)]
    print(f"removed {len(removed)} document(s)")
    return 0 if len(removed) == len(args.sources) else 1


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from pkgraph.ingest.docstore import DocumentStore

    with DocumentStore.open(settings.documents_db) as docs:
        stats = docs.stats()
    stats["harvested"] = _harvest_stats(settings)
    if args.json:
        print_json(stats)
        return 0
    print(f"data dir:   {settings.data_dir}")
    print(f"documents:  {stats['documents']}")
    print(f"passages:   {stats['passages']}")
    print(f"characters: {stats['characters']}")
    for fmt, row in sorted(stats["per_format"].items()):
        print(
            f"  {fmt:5} {row['documents']:6} docs {row['passages']:7} passages "
            f"{row['characters']:10} chars"
        )
    for system in stats["harvested"]:
        counts = ", ".join(f"{n} {kind}" for kind, n in system["counts"].items())
        print(f"harvested:  {system['name'] or system['system']} <{system['system']}>")
        print(
            f"  last run {system['last_run']} ({system['last_status']}), "
            f"last complete {system['last_success'] or 'never'}: {counts}"
        )
    return 0


def cmd_harvest(args: argparse.Namespace, settings: Settings) -> int:
    from pkgraph.harvest import HarvestOptions, HarvestReport, harvest_oparl
    from pkgraph.pipeline import stderr_progress
    from pkgraph.service_link import service_client

    options = HarvestOptions(
        url=args.url,
        body=args.body,
        since=args.since,
        match=args.match,
        max_papers=args.max_papers,
        with_index=not args.no_index,
    )
    client = service_client(settings)
    if client is None:
        report = harvest_oparl(options, settings)
    else:  # the running service harvests (and indexes: --no-index is its own business)
        with client:
            report = HarvestReport.from_dict(client.harvest(options, stderr_progress))
    if args.json:
        print_json(report.to_dict())
    else:
        print(report.format_text())
    return 0 if report.ok else 1


def _harvest_stats(settings: Settings) -> list[dict[str, Any]]:
    """Harvested systems with their last run and counts (nothing when none was harvested)."""
    if not settings.harvest_db.is_file():
        return []
    from pkgraph.harvest.state import HarvestState

    with HarvestState.open(settings.harvest_db) as state:
        return [
            {
                "system": s.system,
                "name": s.name,
                "last_run": s.last_run,
                "last_status": s.last_status,
                "last_success": s.last_success,
                "counts": state.counts(s.system),
            }
            for s in state.systems()
        ]


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    from pkgraph.migrate import endpoints, migrate_graph, migrate_search
    from pkgraph.pipeline import stderr_progress
    from pkgraph.service_link import refuse_beside_service

    if args.from_data_dir:
        settings = replace(settings, data_dir=Path(args.from_data_dir).expanduser().resolve())
    refuse_beside_service(settings, "migrate", readers=not args.back)
    source, target = endpoints(settings, args.graph, args.search, args.back)
    remote = source if args.back else target
    if not (remote.graph_url or remote.search_url):
        raise PkgraphError("migrate: give --graph URL and/or --search URL (or set them)")
    for part, url, run in (
        ("graph", remote.graph_url, migrate_graph),
        ("search index", remote.search_url, migrate_search),
    ):
        if url:
            report = run(source, target, stderr_progress)
            print(
                f"{part}: copied {len(report.copied)} ({report.items} quads or passages), "
                f"skipped {len(report.skipped)} already there, removed {len(report.removed)}, "
                f"in {report.seconds:.1f}s"
            )
    return 0
