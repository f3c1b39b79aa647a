"""Program participation on a map of NRW and on a timeline, drawn offline from the gazetteer.

No tiles and no boundaries ship with the project (no maintained package carries NRW municipal
boundaries under a fitting licence), so places are points at their Destatis coordinates; a Kreis,
which has none, sits at the mean of its municipalities. The web pages (``/map``, ``/timeline``)
and the matplotlib figures of :func:`plot_map`, :func:`plot_map_years` (small multiples) and
:func:`plot_timeline` use the same data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from pkgraph.dataframe import SparqlSource, select_rows
from pkgraph.gazetteer import load_gazetteer

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: The map's projection: equirectangular, longitudes shrunk by the cosine of NRW's mid-latitude.
MID_LATITUDE = 51.5
X_SCALE = math.cos(math.radians(MID_LATITUDE))


@dataclass(frozen=True)
class Place:
    ags: str
    name: str
    is_kreis: bool
    kreis_ags: str | None
    lat: float
    lon: float


@dataclass(frozen=True)
class Joined:
    """One participation fact: who joined which program when, and where it is written."""

    fact: str
    ags: str
    place: str
    program_key: str
    program: str
    since: str | None  # YYYY, YYYY-MM or YYYY-MM-DD as the document gives it
    document: str
    document_title: str
    passage_index: int
    start: int
    end: int
    quote: str

    @property
    def year(self) -> int | None:
        return int(self.since[:4]) if self.since and self.since[:4].isdigit() else None


@cache
def places() -> tuple[Place, ...]:
    """Every NRW municipality and Kreis with coordinates (Kreise at their members' mean)."""
    gazetteer = load_gazetteer()
    out = []
    for entry in gazetteer:
        lat, lon = entry.lat, entry.lon
        if lat is None or lon is None:
            points = [(m.lat, m.lon) for m in gazetteer.members(entry.ags) if m.lat and m.lon]
            if not points:
                continue
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
        out.append(Place(entry.ags, entry.name, entry.is_kreis, entry.parent_ags, lat, lon))
    return tuple(out)


def participations(source: SparqlSource, base_iri: str) -> list[Joined]:
    """Every participation fact with its place, program, date and source, by date.

    The fact's values are joined inside its document's graph, the names taken from the graphs
    that describe each entity once (gazetteer, program catalogue, entities).
    """
    rows = select_rows(
        source,
        f"""SELECT ?fact ?ags ?program ?since ?doc ?index ?start ?end ?quote
                  (SAMPLE(?pl) AS ?place) (SAMPLE(?pn) AS ?programName)
                  (SAMPLE(?t) AS ?title) WHERE {{
             GRAPH ?g {{
               ?fact a pk:Participation ; pk:participant ?m ; pk:inProgram ?program ;
                     pk:inDocument ?doc ; pk:quote ?quote ; pk:startOffset ?start ;
                     pk:endOffset ?end ; prov:wasDerivedFrom ?passage .
               ?passage pk:passageIndex ?index .
               OPTIONAL {{ ?fact pk:since ?sinceValue }}
               OPTIONAL {{ ?doc dcterms:title ?t }}
             }}
             OPTIONAL {{ GRAPH <{base_iri}graph/entities> {{
                          ?program skos:prefLabel ?localName }} }}
             GRAPH <{base_iri}graph/gazetteer> {{ ?m pk:ags ?ags .
                                                 OPTIONAL {{ ?m skos:prefLabel ?pl }} }}
             OPTIONAL {{ GRAPH <{base_iri}graph/programs> {{ ?program skos:prefLabel ?known }} }}
             BIND(STR(?sinceValue) AS ?since)
             BIND(COALESCE(?known, ?localName) AS ?pn)
           }} GROUP BY ?fact ?ags ?program ?since ?doc ?index ?start ?end ?quote""",
    )
    prefix = f"{base_iri}id/program/"
    joined = [
        Joined(
            fact=str(r["fact"]),
            ags=str(r["ags"]),
            place=str(r["place"] or r["ags"]),
            program_key=str(r["program"]).removeprefix(prefix),
            program=str(r["programName"] or r["program"]),
            since=str(r["since"]) if r["since"] else None,
            document=str(r["doc"]),
            document_title=str(r["title"] or r["doc"]),
            passage_index=int(r["index"]),
            start=int(r["start"]),
            end=int(r["end"]),
            quote=" ".join(str(r["quote"]).split()),
        )
        for r in rows
    ]
    return sorted(joined, key=lambda j: (j.program, j.since or "9999", j.place, j.fact))


def select_participations(
    joined: Sequence[Joined], program: str | None = None, year: int | None = None
) -> list[Joined]:
    """Those in ``program`` (a key; None: all) that had joined by ``year`` (None: ever).

    A participation without a date counts for every year: the document says it takes part.
    """
    return [
        j
        for j in joined
        if (program is None or j.program_key == program)
        and (year is None or j.year is None or j.year <= year)
    ]


def place_status(joined: Sequence[Joined]) -> dict[str, str]:
    """AGS -> ``"joined"`` for participants, ``"in-kreis"`` for members of a joined Kreis."""
    status = {j.ags: "joined" for j in joined}
    for place in places():
        if place.kreis_ags in status and place.ags not in status:
            status[place.ags] = "in-kreis"
    return status


def project(lat: float, lon: float) -> tuple[float, float]:
    """Map coordinates (x east, y north) in degrees of latitude."""
    return (lon - 7.5) * X_SCALE, lat - MID_LATITUDE


STATUS_COLOURS = {"joined": "#b3367a", "in-kreis": "#e9a8cb", "": "#c3c9d4"}
STATUS_LABELS = {
    "joined": "nimmt teil",
    "in-kreis": "im teilnehmenden Kreis",
    "": "keine Teilnahme belegt",
}


def plot_map(
    joined: Sequence[Joined], title: str = "", ax: Axes | None = None, labels: bool = True
) -> Axes:
    """The participation map as a matplotlib figure: NRW's places, coloured by status."""
    import matplotlib.pyplot as plt

    if ax is None:
        _figure, ax = plt.subplots(figsize=(7, 7))
    status = place_status(joined)
    for key in ("", "in-kreis", "joined"):
        chosen = [p for p in places() if status.get(p.ags, "") == key and not p.is_kreis]
        kreise = [p for p in places() if status.get(p.ags, "") == key and p.is_kreis]
        for group, size, marker in ((chosen, 14, "o"), (kreise, 90, "s")):
            if not group:
                continue
            xy = [project(p.lat, p.lon) for p in group]
            ax.scatter(
                [x for x, _ in xy],
                [y for _, y in xy],
                s=size,
                marker=marker,
                c=STATUS_COLOURS[key],
                edgecolors="#333333" if key == "joined" else "none",
                linewidths=0.5,
                label=f"{STATUS_LABELS[key]}{' (Kreis)' if marker == 's' else ''}",
                zorder=3 if key else 1,
            )
    if labels:
        for place in places():
            if status.get(place.ags) == "joined":
                x, y = project(place.lat, place.lon)
                ax.annotate(
                    place.name, (x, y), xytext=(4, 3), textcoords="offset points", fontsize=7
                )
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.legend(loc="lower left", fontsize=7, frameon=False)
    ax.set_title(title or "Programmteilnahme in NRW")
    return ax


def plot_map_years(joined: Sequence[Joined], years: Sequence[int]) -> Figure:
    """Small multiples: one map per year, each with the places that had joined by then."""
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, len(years), figsize=(4 * len(years), 4.8), squeeze=False)
    for ax, year in zip(axes[0], years, strict=True):
        plot_map(select_participations(joined, year=year), f"bis {year}", ax=ax, labels=False)
        legend = ax.get_legend()
        if legend is not None:
            legend.remove()
    handles, labels = axes[0][-1].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=7, frameon=False)
    return figure


def plot_timeline(joined: Sequence[Joined], ax: Axes | None = None) -> Axes:
    """Who joined when, one row per place and program (participations with a year only)."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    dated = [(j, j.year) for j in joined if j.year is not None]
    rows = sorted({(j.program, j.place) for j, _ in dated})
    if ax is None:
        _figure, ax = plt.subplots(figsize=(8, max(2.5, 0.28 * len(rows) + 1)))
    programs = sorted({j.program for j, _ in dated})
    colours = plt.get_cmap("tab10")
    for j, year in dated:
        y = rows.index((j.program, j.place))
        ax.scatter([year], [y], color=colours(programs.index(j.program) % 10), s=30, zorder=3)
    ax.set_yticks(range(len(rows)), [f"{place} ({program[:24]})" for program, place in rows])
    ax.tick_params(axis="y", labelsize=7)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", color="#dddddd")
    ax.set_xlabel("Jahr der Teilnahme (laut Quelle)")
    ax.set_title("Teilnahme je Programm")
    return ax
