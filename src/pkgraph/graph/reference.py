"""The reference graphs: official municipalities (gazetteer) and the program catalogue.

They describe the entities every document may name, once, with their source; documents
refer to them and never repeat their descriptions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from pyoxigraph import NamedNode, Quad

from pkgraph.gazetteer import Gazetteer, Municipality
from pkgraph.graph.iris import IriScheme
from pkgraph.graph.terms import GraphWriter, decimal, integer, optional, string
from pkgraph.graph.vocab import (
    ALT_LABEL,
    DC_LICENSE,
    DC_RIGHTS,
    DC_SOURCE,
    PREF_LABEL,
    SCHEMA_LATITUDE,
    SCHEMA_LONGITUDE,
    pk,
)

#: Gazetteer ``type`` -> the ontology subclass of ``pk:Municipality``.
MUNICIPALITY_CLASSES: dict[str, str] = {
    "Gemeinde": "Gemeinde",
    "Stadt": "Stadt",
    "kreisfreie Stadt": "KreisfreieStadt",
    "Kreis": "Kreis",
    "Städteregion": "Staedteregion",
}

GAZETTEER_SOURCE = (
    "Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys"
)
GAZETTEER_LICENSE = "https://www.govdata.de/dl-de/by-2-0"
GAZETTEER_ATTRIBUTION = "© Statistisches Bundesamt (Destatis)"


class CatalogueEntry(Protocol):
    """A canonical program as the extraction's ``PROGRAM_CATALOGUE`` lists it."""

    @property
    def key(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...
    @property
    def successor_of(self) -> str | None: ...
    @property
    def part_of(self) -> str | None: ...
    @property
    def since_year(self) -> int | None: ...
    @property
    def until_year(self) -> int | None: ...


def _municipality_quads(out: GraphWriter, iris: IriScheme, entry: Municipality) -> None:
    node = iris.municipality(entry.ags)
    out.add_type(node, "Municipality", MUNICIPALITY_CLASSES.get(entry.type, "Municipality"))
    out.add(node, PREF_LABEL, string(entry.name))
    if entry.official_name != entry.name:
        out.add(node, ALT_LABEL, string(entry.official_name))
    out.add(node, pk("ags"), string(entry.ags))
    out.add(node, pk("ars"), string(entry.ars))
    out.add(node, pk("municipalityType"), string(entry.type))
    if entry.parent_ags:
        out.add(node, pk("inKreis"), iris.municipality(entry.parent_ags))
    out.add(node, pk("population"), optional(integer, entry.population))
    out.add(node, pk("regierungsbezirk"), string(entry.regierungsbezirk))
    out.add(node, SCHEMA_LATITUDE, optional(decimal, entry.lat))
    out.add(node, SCHEMA_LONGITUDE, optional(decimal, entry.lon))


def gazetteer_quads(gazetteer: Gazetteer, iris: IriScheme) -> list[Quad]:
    """The gazetteer graph: every NRW municipality and Kreis, with its source and licence."""
    out = GraphWriter(iris.gazetteer_graph)
    graph = iris.gazetteer_graph
    out.add(graph, DC_SOURCE, string(GAZETTEER_SOURCE))
    out.add(graph, DC_LICENSE, NamedNode(GAZETTEER_LICENSE))
    out.add(graph, DC_RIGHTS, string(GAZETTEER_ATTRIBUTION))
    for entry in gazetteer:
        _municipality_quads(out, iris, entry)
    return out.quads


def program_catalogue_quads(catalogue: Iterable[CatalogueEntry], iris: IriScheme) -> list[Quad]:
    """The programs graph: canonical programs, their aliases, renames, parents (a phase's
    whole program) and years, so a query can ask for a whole program or one phase."""
    out = GraphWriter(iris.programs_graph)
    for entry in catalogue:
        node = iris.program(entry.key)
        out.add_type(node, "Program")
        out.add(node, PREF_LABEL, string(entry.name))
        for alias in entry.aliases:
            out.add(node, ALT_LABEL, string(alias))
        if entry.successor_of:
            out.add(node, pk("successorOf"), iris.program(entry.successor_of))
        if entry.part_of:
            out.add(node, pk("partOfProgram"), iris.program(entry.part_of))
        out.add(node, pk("sinceYear"), optional(integer, entry.since_year))
        out.add(node, pk("untilYear"), optional(integer, entry.until_year))
    return out.quads
