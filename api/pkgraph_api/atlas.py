"""``/map`` and ``/timeline``: program participation drawn as SVG on the server from the
gazetteer's coordinates (no tiles, no scripts from elsewhere); each place links to its page and
each participation to the passage it is read from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from pkgraph.maps import (
    STATUS_COLOURS,
    STATUS_LABELS,
    Joined,
    participations,
    place_status,
    select_participations,
)
from pkgraph_api.errors import ApiError
from pkgraph_api.map_svg import MAP_WIDTH, map_points
from pkgraph_api.pages import _page, _settings

router = APIRouter(include_in_schema=False)

YEAR_WIDTH = 46.0


@dataclass(frozen=True)
class TimelineRow:
    place: str
    href: str
    program: str
    marks: tuple[tuple[float, Joined], ...]  # x position and the participation


def _joined(request: Request) -> list[Joined]:
    return participations(request.app.state.graph, _settings(request).base_iri)


def _program_choice(joined: Sequence[Joined], program: str | None) -> dict[str, str]:
    """The programs that have participations (key -> name); 422 for an unknown ``program``."""
    programs = {j.program_key: j.program for j in joined}
    if program is not None and program not in programs:
        known = ", ".join(sorted(programs)) or "none"
        raise ApiError(
            422,
            "invalid_parameter",
            f"{program!r} is not a program with participations ({known})",
            parameter="program",
        )
    return dict(sorted(programs.items(), key=lambda item: item[1]))


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request,
    program: Annotated[str | None, Query(description="program key")] = None,
    year: Annotated[int | None, Query(ge=1990, le=2100, description="joined by this year")] = None,
) -> HTMLResponse:
    """NRW's municipalities and Kreise coloured by participation, filtered by program and year."""
    joined = _joined(request)
    programs = _program_choice(joined, program or None)
    years = sorted({j.year for j in joined if j.year is not None})
    shown = select_participations(joined, program or None, year)
    status = place_status(shown)
    points, height = map_points(status)
    context = {
        "active": "map",
        "programs": programs,
        "program": program or "",
        "years": years,
        "year": year,
        "points": points,
        "width": MAP_WIDTH,
        "height": height,
        "colours": STATUS_COLOURS,
        "labels": STATUS_LABELS,
        "shown": shown,
        "counts": {key: sum(1 for p in points if p.status == key) for key in STATUS_LABELS},
    }
    return _page(request, "map.html", context)


def timeline_rows(joined: Sequence[Joined], years: Sequence[int]) -> list[TimelineRow]:
    """One row per place and program with a mark per dated participation."""
    rows: dict[tuple[str, str], list[tuple[float, Joined]]] = {}
    for j in joined:
        if j.year is None:
            continue
        x = YEAR_WIDTH * (years.index(j.year) + 0.5)
        rows.setdefault((j.program, j.place), []).append((x, j))
    return [
        TimelineRow(place, f"/id/municipality/{marks[0][1].ags}", program, tuple(marks))
        for (program, place), marks in sorted(rows.items())
    ]


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    program: Annotated[str | None, Query(description="program key")] = None,
) -> HTMLResponse:
    """Who joined which program when, each mark linking to the passage that says so."""
    joined = _joined(request)
    programs = _program_choice(joined, program or None)
    shown = select_participations(joined, program or None)
    dated_years = sorted({j.year for j in shown if j.year is not None})
    years = list(range(dated_years[0], dated_years[-1] + 1)) if dated_years else []
    rows = timeline_rows(shown, years)
    context = {
        "active": "timeline",
        "programs": programs,
        "program": program or "",
        "years": years,
        "rows": rows,
        "year_width": YEAR_WIDTH,
        "undated": [j for j in shown if j.year is None],
        "shown": shown,
    }
    return _page(request, "timeline.html", context)
