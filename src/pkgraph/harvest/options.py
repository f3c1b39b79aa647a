"""What a harvest is asked to do, checked before anything is fetched or opened."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pkgraph.errors import PkgraphError
from pkgraph.harvest.objects import parse_datetime


@dataclass(frozen=True)
class HarvestOptions:
    url: str
    body: str | None = None  # only this Body (its id URL, last path segment or name)
    since: str | None = None  # overrides the stored last successful run
    match: str | None = None  # regex: only papers whose name/reference/file text matches
    max_papers: int | None = None  # stop after this many papers (the run is then incomplete)
    with_index: bool = True


def since_iso(value: str) -> str:
    parsed = parse_datetime(value)
    if parsed is None:
        raise PkgraphError(f"--since: not an ISO date or date-time: {value!r}")
    return parsed.isoformat()


def check_options(options: HarvestOptions) -> None:
    """A bad ``--match`` or ``--since`` is an error before anything is asked or opened."""
    if options.match:
        try:
            re.compile(options.match)
        except re.error as exc:
            raise PkgraphError(f"--match: not a valid regular expression: {exc}") from exc
    if options.since:
        since_iso(options.since)
