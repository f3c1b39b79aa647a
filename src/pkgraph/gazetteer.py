"""The official NRW gazetteer (Destatis GV-ISys, see data/gazetteer/SOURCE.md).

Every municipality and Kreis has one entry keyed by its official key (AGS); extraction links
names to it and the graph builds municipality IRIs from the key.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

KREIS_TYPES = frozenset({"Kreis", "Städteregion"})


@dataclass(frozen=True)
class Municipality:
    ags: str
    ars: str
    name: str  # common name: "Bergkamen", "Kreis Unna", "Städteregion Aachen"
    official_name: str
    type: str  # Gemeinde, Stadt, kreisfreie Stadt, Kreis, Städteregion
    parent_ags: str | None
    parent_name: str | None
    regierungsbezirk: str
    population: int | None
    lat: float | None
    lon: float | None

    @property
    def is_kreis(self) -> bool:
        return self.type in KREIS_TYPES

    @property
    def bare_name(self) -> str:
        """The name without a leading "Kreis " ("Unna" for "Kreis Unna")."""
        for prefix in ("Kreis ", "Städteregion "):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name


class Gazetteer:
    """Lookup by key, by exact name, and the members of a Kreis."""

    def __init__(self, entries: list[Municipality]) -> None:
        self.entries = entries
        self._by_ags = {m.ags: m for m in entries}
        self._by_name: dict[str, list[Municipality]] = {}
        for m in entries:
            self._by_name.setdefault(m.name.casefold(), []).append(m)

    def __iter__(self) -> Iterator[Municipality]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def by_ags(self, ags: str) -> Municipality | None:
        return self._by_ags.get(ags)

    def by_name(self, name: str) -> list[Municipality]:
        """Entries whose common name equals ``name`` (case-insensitive)."""
        return list(self._by_name.get(name.strip().casefold(), []))

    def kreis(self, bare_name: str) -> Municipality | None:
        """The Kreis called ``bare_name`` ("Unna" -> Kreis Unna), if any."""
        for m in self.by_name(f"Kreis {bare_name}") + self.by_name(f"Städteregion {bare_name}"):
            return m
        for m in self.entries:
            if m.is_kreis and m.bare_name.casefold() == bare_name.strip().casefold():
                return m
        return None

    def members(self, kreis_ags: str) -> list[Municipality]:
        """The municipalities that belong to the Kreis ``kreis_ags``."""
        return [m for m in self.entries if m.parent_ags == kreis_ags]


def _optional_float(value: str) -> float | None:
    return float(value) if value else None


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer shipped with the package (read once per process)."""
    source = files("pkgraph") / "data" / "gazetteer" / "nrw_municipalities.csv"
    with io.TextIOWrapper(source.open("rb"), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return Gazetteer(
        [
            Municipality(
                ags=row["ags"],
                ars=row["ars"],
                name=row["name"],
                official_name=row["official_name"],
                type=row["type"],
                parent_ags=row["parent_kreis_ags"] or None,
                parent_name=row["parent_kreis_name"] or None,
                regierungsbezirk=row["regierungsbezirk"],
                population=int(row["population"]) if row["population"] else None,
                lat=_optional_float(row["lat"]),
                lon=_optional_float(row["lon"]),
            )
            for row in rows
        ]
    )
