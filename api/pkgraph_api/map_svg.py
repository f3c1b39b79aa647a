"""NRW's municipalities and Kreise as points of an SVG drawn on the server (north up), from
the gazetteer's coordinates: the `/map` page and the locator on a municipality's page."""

from __future__ import annotations

from dataclasses import dataclass

from pkgraph.maps import places, project

MAP_WIDTH = 640.0
MARGIN = 12.0


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    r: float
    status: str
    name: str
    href: str
    is_kreis: bool


def map_points(status: dict[str, str]) -> tuple[list[Point], float]:
    """Every place projected into the SVG box (north up), and the box's height."""
    projected = [(p, *project(p.lat, p.lon)) for p in places()]
    xs = [x for _, x, _ in projected]
    ys = [y for _, _, y in projected]
    scale = (MAP_WIDTH - 2 * MARGIN) / (max(xs) - min(xs))
    height = (max(ys) - min(ys)) * scale + 2 * MARGIN
    points = [
        Point(
            x=round(MARGIN + (x - min(xs)) * scale, 1),
            y=round(MARGIN + (max(ys) - y) * scale, 1),
            r=7.0 if place.is_kreis else 3.2,
            status=status.get(place.ags, ""),
            name=place.name,
            href=f"/id/municipality/{place.ags}",
            is_kreis=place.is_kreis,
        )
        for place, x, y in projected
    ]
    # Kreise first, so that the municipalities in them stay clickable on top.
    points.sort(key=lambda p: (not p.is_kreis, p.status != ""))
    return points, round(height, 1)


def locator(ags: str) -> tuple[list[Point], float] | None:
    """The map with one place marked (status "here"), for that place's page; None for an
    AGS the gazetteer does not place."""
    if not any(place.ags == ags for place in places()):
        return None
    points, height = map_points({ags: "here"})
    return sorted(points, key=lambda p: p.status == "here"), height
