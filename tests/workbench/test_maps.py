"""The map and timeline data and figures: every NRW place placed, participations by year."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.store import GraphStore
from pkgraph.maps import (
    Joined,
    participations,
    place_status,
    places,
    plot_map,
    plot_map_years,
    plot_timeline,
    project,
    select_participations,
)
from pkgraph.settings import Settings
from tests.conftest import ARTIFACTS


@pytest.fixture(scope="module")
def joined(sample_build: Settings) -> list[Joined]:
    with GraphStore.open(sample_build, read_only=True) as store:
        return participations(store, sample_build.base_iri)


def test_every_municipality_and_kreis_has_a_place_inside_nrw() -> None:
    placed = {p.ags: p for p in places()}
    assert len(placed) == len(load_gazetteer())
    kreis = placed["05978"]  # Kreis Unna: no coordinates of its own, so its members' mean
    assert kreis.is_kreis and 51.4 < kreis.lat < 51.8 and 7.3 < kreis.lon < 7.9
    for place in placed.values():
        assert 50.3 < place.lat < 52.6 and 5.8 < place.lon < 9.5, place
    # north is up and east is right
    assert project(52.0, 7.0)[1] > project(51.0, 7.0)[1]
    assert project(51.0, 8.0)[0] > project(51.0, 7.0)[0]


def test_participations_carry_their_source_and_filter_by_year(joined: list[Joined]) -> None:
    assert joined and all(j.quote and j.document and j.passage_index >= 0 for j in joined)
    years = sorted({j.year for j in joined if j.year is not None})
    assert len(years) >= 2, years
    first, last = years[0], years[-1]
    early = select_participations(joined, year=first)
    assert all(j.year in (None, first) for j in early)
    assert len(early) < len(select_participations(joined, year=last)) == len(joined)
    key = joined[0].program_key
    assert {j.program_key for j in select_participations(joined, key)} == {key}


def test_municipalities_of_a_joined_kreis_are_marked(joined: list[Joined]) -> None:
    status = place_status(joined)
    kreise = [j.ags for j in joined if len(j.ags) == 5]
    assert kreise
    members = load_gazetteer().members(kreise[0])
    assert members and all(status[m.ags] in ("joined", "in-kreis") for m in members)


def test_map_and_timeline_figures_are_drawn(joined: list[Joined]) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ax = plot_map(joined, "Teilnahme (alle Programme)")
    drawn = sum(len(c.get_offsets()) for c in ax.collections)
    assert drawn == len(places())
    labels = {t.get_text() for t in ax.texts}
    assert {j.place for j in joined} <= labels
    ax.figure.savefig(ARTIFACTS / "workbench-map.png", dpi=110)
    plt.close(ax.figure)

    ax = plot_timeline(joined)
    dated = [j for j in joined if j.year is not None]
    assert sum(len(c.get_offsets()) for c in ax.collections) == len(dated)
    ax.figure.savefig(ARTIFACTS / "workbench-timeline.png", dpi=110, bbox_inches="tight")
    plt.close(ax.figure)


def test_small_multiples_grow_with_the_years(joined: list[Joined]) -> None:
    years = sorted({j.year for j in joined if j.year is not None})
    figure = plot_map_years(joined, years)
    joined_per_map = [
        sum(len(c.get_offsets()) for c in ax.collections if c.get_label().startswith("nimmt"))
        for ax in figure.axes
    ]
    assert len(joined_per_map) == len(years)
    assert joined_per_map == sorted(joined_per_map) and joined_per_map[0] < joined_per_map[-1]
    figure.savefig(ARTIFACTS / "workbench-map-years.png", dpi=90, bbox_inches="tight")
    plt.close(figure)
