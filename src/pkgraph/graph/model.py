"""Records -> RDF quads, following the graph model contract of docs/ARCHITECTURE.md.

Pure functions: :func:`document_quads` turns one ``Document`` + ``Extraction`` into the quads of
the document's named graph (document node, passages, consultations, fact nodes with
provenance, mentions) and, apart, the description of each entity it names (type, label,
kind, owner). Descriptions live once, in the entities graph (:mod:`pkgraph.graph.descriptions`
writes them there), so the union default graph gives each triple once and a label join does
not grow with the number of documents naming an entity (issue 16).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol, TypeVar

from pyoxigraph import Literal, NamedNode, Quad

from pkgraph import records
from pkgraph.extract.text import slugify
from pkgraph.graph.iris import FactKind, IriScheme
from pkgraph.graph.terms import GraphWriter, date, decimal, integer, optional, pk_term, string
from pkgraph.graph.vocab import (
    DC_DATE,
    DC_IDENTIFIER,
    DC_SOURCE,
    DC_TITLE,
    FOAF_NAME,
    ORG_MEMBER,
    ORG_ORGANIZATION,
    PREF_LABEL,
    PROV_DERIVED_FROM,
    RDF_TYPE,
    SCHEMA_AMOUNT,
    SCHEMA_CURRENCY,
    SCHEMA_FUNDER,
    SCHEMA_LOCATION,
    SCHEMA_MONETARY_AMOUNT,
    SCHEMA_NAME,
    SCHEMA_START_DATE,
    SCHEMA_UNIT_TEXT,
    SCHEMA_VALUE,
)

F = TypeVar("F", bound="_Fact")

#: Bump when what a document's quads are changes (2: entity descriptions in the entities graph).
GRAPH_MODEL_VERSION = 2

#: ``BodyMention.kind`` -> the ontology subclass of ``pk:Body`` (any other kind is just a Body).
BODY_CLASSES: dict[str, str] = {
    "council": "Council",
    "committee": "Committee",
    "working_group": "WorkingGroup",
    "conference": "Conference",
    "ministry": "Ministry",
    "state_government": "StateGovernment",
    "foundation": "Foundation",
    "institute": "Institute",
    "agency": "Agency",
    "company": "Company",
}


def body_classes(kind: str) -> tuple[str, ...]:
    """``pk:Body`` plus the subclass for ``kind``, both asserted so queries need no inference."""
    return ("Body", BODY_CLASSES[kind]) if kind in BODY_CLASSES else ("Body",)


# --- the document graph -----------------------------------------------------------------------


class _PassageFinder:
    """Which passage holds an original offset: the last one starting at or before it."""

    def __init__(self, iris: IriScheme, passages: Sequence[records.Passage]) -> None:
        ordered = sorted(passages, key=lambda p: p.start)
        self._starts = [p.start for p in ordered]
        self._iris = [iris.passage(p.doc_id, p.index) for p in ordered]

    def passage_at(self, offset: int) -> NamedNode | None:
        if not self._iris:
            return None
        return self._iris[max(bisect_right(self._starts, offset) - 1, 0)]


class _Fact(Protocol):
    @property
    def evidence(self) -> records.Evidence: ...


@dataclass
class _DocumentGraph:
    """State shared while one document's quads are written."""

    document: records.Document
    extraction: records.Extraction
    iris: IriScheme
    out: GraphWriter
    passages: _PassageFinder
    mention_count: int = 0
    descriptions: dict[str, list[Quad]] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    @cached_property
    def doc_iri(self) -> NamedNode:
        """Built once: nearly every fact of the document refers to it."""
        return self.iris.document(self.doc_id)

    def extractor(self, evidence: records.Evidence) -> str:
        return f"{evidence.extractor}/{self.extraction.extractor_version}"

    def provenance(self, node: NamedNode, evidence: records.Evidence) -> None:
        """The contract's provenance on a fact node (the shapes check its consistency)."""
        out = self.out
        out.add(node, PROV_DERIVED_FROM, self.passages.passage_at(evidence.start))
        out.add(node, pk_term("inDocument"), self.doc_iri)
        out.add(node, pk_term("startOffset"), integer(evidence.start))
        out.add(node, pk_term("endOffset"), integer(evidence.end))
        out.add(node, pk_term("quote"), string(evidence.quote))
        out.add(node, pk_term("extractor"), string(self.extractor(evidence)))
        out.add(node, pk_term("confidence"), decimal(evidence.confidence))

    def fact_nodes(
        self, kind: FactKind, rdf_class: str, facts: Sequence[F]
    ) -> Iterator[tuple[NamedNode, F]]:
        """Each fact with its node, typed ``pk:<rdf_class>``; its provenance follows its quads."""
        for number, fact in enumerate(facts):
            node = self.iris.fact(kind, self.doc_id, number)
            self.out.add_type(node, rdf_class)
            yield node, fact
            self.provenance(node, fact.evidence)

    def mention(
        self, entity: NamedNode, evidence: records.Evidence, role: str | None = None
    ) -> None:
        """A ``pk:Mention`` fact, plus ``pk:mentions`` from the document and the passage."""
        node = self.iris.fact("mention", self.doc_id, self.mention_count)
        self.mention_count += 1
        self.out.add_type(node, "Mention")
        self.out.add(node, pk_term("mentionOf"), entity)
        self.out.add(node, pk_term("role"), optional(string, role))
        self.provenance(node, evidence)
        self.out.add(self.doc_iri, pk_term("mentions"), entity)
        passage = self.passages.passage_at(evidence.start)
        if passage is not None:
            self.out.add(passage, pk_term("mentions"), entity)

    def declare(
        self,
        node: NamedNode,
        classes: Sequence[str],
        label: str | None,
        label_predicate: NamedNode = PREF_LABEL,
        properties: Sequence[tuple[NamedNode, NamedNode | Literal | None]] = (),
    ) -> None:
        """Describe an entity (type, label, ``properties``) once: the first description wins."""
        if node.value in self.descriptions:
            return
        out = GraphWriter(self.iris.entities_graph)
        out.add_type(node, *classes)
        out.add(node, label_predicate, optional(string, label))
        for predicate, value in properties:
            out.add(node, predicate, value)
        self.descriptions[node.value] = out.quads

    def agent(self, key: str | None, name: str | None) -> NamedNode | None:
        """A funder/recipient/organisation: a municipality for ``ags:<AGS>``, else a body."""
        if key is None:
            return None
        if (ags := records.ags_of_key(key)) is not None:
            return self.iris.municipality(ags)
        node = self.iris.body(key)
        self.declare(node, ("Body",), name)
        return node

    def program(self, key: str | None, name: str | None = None) -> NamedNode | None:
        if key is None:
            return None
        node = self.iris.program(key)
        self.declare(node, ("Program",), name)
        return node


@dataclass(frozen=True)
class DocumentQuads:
    """One document in the model: its named graph, and the description of each entity it
    names (quads in the entities graph, by entity IRI), written only where none exists yet."""

    graph: list[Quad]
    descriptions: dict[str, list[Quad]]

    def every_quad(self) -> list[Quad]:
        """The graph and all descriptions: a store holding this document alone."""
        return [*self.graph, *(q for quads in self.descriptions.values() for q in quads)]


def document_quads(
    document: records.Document, extraction: records.Extraction, iris: IriScheme
) -> DocumentQuads:
    """The quads of ``document``: its named graph and its entities' descriptions."""
    graph = _DocumentGraph(
        document=document,
        extraction=extraction,
        iris=iris,
        out=GraphWriter(iris.document_graph(document.doc_id)),
        passages=_PassageFinder(iris, document.passages),
    )
    _write_document_node(graph)
    _write_passages(graph)
    _write_entities(graph)
    _write_consultations(graph)
    _write_decisions(graph)
    _write_funding(graph)
    _write_participations(graph)
    _write_joint_applications(graph)
    _write_events(graph)
    _write_persons(graph)
    _write_quantities(graph)
    # a quad stated twice is one quad
    return DocumentQuads(list(dict.fromkeys(graph.out.quads)), graph.descriptions)


def _own_reference(document: records.Document, extraction: records.Extraction) -> str | None:
    if document.metadata.reference:
        return document.metadata.reference
    return next((ref.reference for ref in extraction.doc_refs if ref.is_own), None)


def _write_document_node(graph: _DocumentGraph) -> None:
    document, extraction, out, node = graph.document, graph.extraction, graph.out, graph.doc_iri
    metadata = document.metadata
    own_reference = _own_reference(document, extraction)
    out.add_type(node, "Document")
    out.add(node, DC_IDENTIFIER, string(document.doc_id))
    out.add(node, DC_TITLE, optional(string, metadata.title))
    out.add(node, pk_term("reference"), optional(string, own_reference))
    other_references = {ref.reference for ref in extraction.doc_refs} - {own_reference}
    for reference in sorted(other_references - {None}):
        out.add(node, pk_term("mentionsReference"), string(reference))
    out.add(
        node, pk_term("documentType"), optional(string, metadata.doc_type or extraction.doc_type)
    )
    out.add(node, DC_DATE, optional(date, metadata.date))
    out.add(node, DC_SOURCE, string(document.source))
    out.add(node, pk_term("contentHash"), string(document.content_hash))
    out.add(node, pk_term("format"), string(document.format))
    out.add(node, pk_term("characterCount"), integer(len(document.original_text)))
    for municipality in extraction.municipalities:
        if municipality.role == "author":
            out.add(node, pk_term("issuedBy"), graph.iris.municipality(municipality.ags))


def _write_passages(graph: _DocumentGraph) -> None:
    out = graph.out
    for passage in graph.document.passages:
        node = graph.iris.passage(passage.doc_id, passage.index)
        out.add_type(node, "Passage")
        out.add(node, pk_term("inDocument"), graph.doc_iri)
        out.add(node, pk_term("passageIndex"), integer(passage.index))
        out.add(node, pk_term("startOffset"), integer(passage.start))
        out.add(node, pk_term("endOffset"), integer(passage.end))
        out.add(node, pk_term("text"), string(passage.text))


def _write_entities(graph: _DocumentGraph) -> None:
    """Programs, bodies and municipalities named in the document, each mention with evidence."""
    iris = graph.iris
    for program in graph.extraction.programs:
        node = iris.program(program.key)
        parent = graph.program(program.parent_key)
        graph.declare(
            node, ("Program",), program.name, properties=[(pk_term("partOfProgram"), parent)]
        )
        for evidence in program.mentions:
            graph.mention(node, evidence)
    bodies_by_name = {body.name: body for body in graph.extraction.bodies}
    for body in graph.extraction.bodies:
        node = iris.body(body.key)
        owner = bodies_by_name.get(body.of) if body.of else None
        of: NamedNode | None = None
        if body.of_ags:
            of = iris.municipality(body.of_ags)
        elif owner is not None and owner.key != body.key:
            of = iris.body(owner.key)
        properties = [(pk_term("bodyKind"), string(body.kind)), (pk_term("bodyOf"), of)]
        graph.declare(node, body_classes(body.kind), body.name, properties=properties)
        for evidence in body.mentions:
            graph.mention(node, evidence)
    for municipality in graph.extraction.municipalities:
        node = iris.municipality(municipality.ags)
        for evidence in municipality.mentions:
            graph.mention(node, evidence, municipality.role)


def _base_name(name: str) -> str:
    """A body name without its owner in parentheses: "Kreistag (Kreis Coesfeld)" -> "Kreistag"."""
    return name.split(" (", 1)[0].strip().casefold()


def _consulting_body(graph: _DocumentGraph, name: str) -> NamedNode:
    """The extracted body a Beratungsfolge row names, or a new body keyed by the name."""
    wanted = name.strip().casefold()
    for body in graph.extraction.bodies:
        if wanted in (body.name.casefold(), _base_name(body.name)):
            return graph.iris.body(body.key)
    node = graph.iris.body(slugify(name))
    graph.declare(node, ("Body",), name)
    return node


def _write_consultations(graph: _DocumentGraph) -> None:
    out = graph.out
    for consultation in graph.document.metadata.consultations:
        node = graph.iris.consultation(graph.doc_id, consultation.order)
        out.add_type(node, "Consultation")
        out.add(graph.doc_iri, pk_term("consultation"), node)
        out.add(node, pk_term("consultingBody"), _consulting_body(graph, consultation.body))
        out.add(node, DC_DATE, optional(date, consultation.date))
        out.add(node, pk_term("order"), integer(consultation.order))
        out.add(node, pk_term("consultationRole"), optional(string, consultation.role))


def _write_decisions(graph: _DocumentGraph) -> None:
    out = graph.out
    own_reference = _own_reference(graph.document, graph.extraction)
    for node, decision in graph.fact_nodes("decision", "Decision", graph.extraction.decisions):
        out.add(node, pk_term("decidedBy"), graph.agent(decision.body_key, decision.body))
        out.add(node, DC_DATE, optional(date, decision.date))
        out.add(node, pk_term("decisionKind"), string(decision.kind))
        out.add(node, pk_term("decisionText"), string(decision.text))
        if decision.vote is not None:
            out.add(node, pk_term("votesFor"), optional(integer, decision.vote.yes))
            out.add(node, pk_term("votesAgainst"), optional(integer, decision.vote.no))
            out.add(node, pk_term("abstentions"), optional(integer, decision.vote.abstain))
        out.add(node, pk_term("concernsProgram"), graph.program(decision.program_key))
        out.add(node, pk_term("concernsReference"), optional(string, decision.paper))
        if decision.paper is None or decision.paper == own_reference:
            out.add(node, pk_term("concernsDocument"), graph.doc_iri)


def _write_funding(graph: _DocumentGraph) -> None:
    out = graph.out
    facts = graph.fact_nodes("funding", "Funding", graph.extraction.funding)
    for number, (node, funding) in enumerate(facts):
        out.add(node, SCHEMA_FUNDER, graph.agent(funding.funder_key, funding.funder))
        out.add(node, pk_term("recipient"), graph.agent(funding.recipient_key, funding.recipient))
        if funding.amount_eur is not None:
            out.add(node, pk_term("amountEUR"), decimal(funding.amount_eur))
            amount = graph.iris.monetary_amount(graph.doc_id, number)
            out.add(node, SCHEMA_AMOUNT, amount)
            out.add(amount, RDF_TYPE, SCHEMA_MONETARY_AMOUNT)
            out.add(amount, SCHEMA_VALUE, decimal(funding.amount_eur))
            out.add(amount, SCHEMA_CURRENCY, string("EUR"))
        out.add(node, pk_term("amountText"), string(funding.amount_text))
        out.add(node, pk_term("fundingYear"), optional(integer, funding.year))
        out.add(node, pk_term("sharePercent"), optional(decimal, funding.share_percent))
        out.add(node, pk_term("ownSharePercent"), optional(decimal, funding.own_share_percent))
        out.add(node, pk_term("purpose"), optional(string, funding.purpose))
        out.add(node, pk_term("fundsProgram"), graph.program(funding.program_key))


def _write_participations(graph: _DocumentGraph) -> None:
    out = graph.out
    facts = graph.fact_nodes("participation", "Participation", graph.extraction.participations)
    for node, participation in facts:
        out.add(node, pk_term("participant"), graph.iris.municipality(participation.ags))
        program = graph.program(participation.program_key, participation.program)
        out.add(node, pk_term("inProgram"), program)
        out.add(node, pk_term("since"), optional(date, participation.since))


def _write_joint_applications(graph: _DocumentGraph) -> None:
    out = graph.out
    applications = graph.extraction.joint_applications
    for node, application in graph.fact_nodes("jointapplication", "JointApplication", applications):
        for ags in application.ags:
            out.add(node, pk_term("applicant"), graph.iris.municipality(ags))
        out.add(node, pk_term("inProgram"), graph.program(application.program_key))
        out.add(node, pk_term("project"), graph.program(application.project_key))


def _write_events(graph: _DocumentGraph) -> None:
    out = graph.out
    for node, event in graph.fact_nodes("event", "Event", graph.extraction.events):
        out.add(node, SCHEMA_NAME, string(event.name))
        out.add(node, SCHEMA_START_DATE, optional(date, event.date))
        out.add(node, SCHEMA_LOCATION, optional(string, event.place))
        if event.place_ags:
            out.add(node, pk_term("placeMunicipality"), graph.iris.municipality(event.place_ags))


def _write_persons(graph: _DocumentGraph) -> None:
    """Each person with a ``pk:Membership`` fact: who, in which organisation, in which role."""
    out = graph.out
    for node, person in graph.fact_nodes("membership", "Membership", graph.extraction.persons):
        person_node = graph.iris.person(person.key)
        graph.declare(person_node, ("Person",), person.name, FOAF_NAME)
        graph.mention(person_node, person.evidence)
        out.add(node, ORG_MEMBER, person_node)
        out.add(node, ORG_ORGANIZATION, graph.agent(person.organisation_key, person.organisation))
        out.add(node, pk_term("roleLabel"), optional(string, person.role))


def _write_quantities(graph: _DocumentGraph) -> None:
    """Each stated count as a ``pk:Quantity`` (a ``schema:QuantitativeValue``)."""
    out = graph.out
    for node, quantity in graph.fact_nodes("quantity", "Quantity", graph.extraction.quantities):
        out.add(node, SCHEMA_VALUE, decimal(quantity.value))
        out.add(node, SCHEMA_UNIT_TEXT, string(quantity.counted))
