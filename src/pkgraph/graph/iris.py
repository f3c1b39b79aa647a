"""The IRI scheme of the graph (docs/ARCHITECTURE.md, "Graph model").

Every IRI is ``{base}`` + a fixed path, so a deployment that sets ``Settings.base_iri`` to its
public URL gets IRIs that dereference against its API, and the same data under another base is
a plain string substitution. Keys are slugs or official numbers; anything else is
percent-encoded so that an IRI is always valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args
from urllib.parse import quote

from pyoxigraph import NamedNode

from pkgraph.settings import Settings

FactKind = Literal[
    "decision",
    "funding",
    "participation",
    "jointapplication",
    "event",
    "membership",
    "mention",
    "quantity",
]
FACT_KINDS: tuple[FactKind, ...] = get_args(FactKind)


def _segment(key: str) -> str:
    return quote(key, safe="-._~")


@dataclass(frozen=True)
class IriScheme:
    """Builds the IRI of every node and named graph from one base (ending in ``/``)."""

    base: str

    def __post_init__(self) -> None:
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")

    @classmethod
    def from_settings(cls, settings: Settings) -> IriScheme:
        return cls(settings.base_iri)

    def _iri(self, *segments: str) -> NamedNode:
        return NamedNode(self.base + "/".join(segments))

    def document(self, doc_id: str) -> NamedNode:
        return self._iri("id", "document", _segment(doc_id))

    def passage(self, doc_id: str, index: int) -> NamedNode:
        return self._iri("id", "passage", _segment(doc_id), str(index))

    def consultation(self, doc_id: str, order: int) -> NamedNode:
        """A row of the document's Beratungsfolge (not in the contract table: an addition)."""
        return self._iri("id", "consultation", _segment(doc_id), str(order))

    def municipality(self, ags: str) -> NamedNode:
        return self._iri("id", "municipality", _segment(ags))

    def program(self, key: str) -> NamedNode:
        return self._iri("id", "program", _segment(key))

    def body(self, key: str) -> NamedNode:
        return self._iri("id", "body", _segment(key))

    def person(self, key: str) -> NamedNode:
        return self._iri("id", "person", _segment(key))

    def fact(self, kind: FactKind, doc_id: str, number: int) -> NamedNode:
        return self._iri("id", kind, _segment(doc_id), str(number))

    def monetary_amount(self, doc_id: str, number: int) -> NamedNode:
        """The schema:MonetaryAmount of funding ``number``: ``{funding IRI}/amount``."""
        return NamedNode(self.fact("funding", doc_id, number).value + "/amount")

    def document_graph(self, doc_id: str) -> NamedNode:
        return self._iri("graph", "document", _segment(doc_id))

    @property
    def gazetteer_graph(self) -> NamedNode:
        return self._iri("graph", "gazetteer")

    @property
    def programs_graph(self) -> NamedNode:
        return self._iri("graph", "programs")

    @property
    def entities_graph(self) -> NamedNode:
        """Where each body, person and uncatalogued program named by documents is described."""
        return self._iri("graph", "entities")

    @property
    def described_prefixes(self) -> tuple[str, ...]:
        """IRI prefixes of the entities the entities graph describes (bodies, persons, programs)."""
        return tuple(self._iri("id", kind, "").value for kind in ("body", "person", "program"))

    def doc_id_of_graph(self, graph: NamedNode) -> str | None:
        """The doc id of a document's named graph; None for any other graph."""
        prefix = self.base + "graph/document/"
        return graph.value[len(prefix) :] if graph.value.startswith(prefix) else None
