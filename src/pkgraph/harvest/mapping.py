"""OParl objects -> RDF quads: the council system's own facts, beside what is read from text.

Each top-level OParl object (System, Body, Organization, Person, Meeting, Paper) gets its own
named graph ``{base}graph/oparl/{hash}``, holding the object and what OParl embeds in it
(memberships in a person, agenda items and files in a meeting, consultations and files in a
paper). Replacing or deleting an object is then one graph operation, like a document. Nodes are
the OParl IRIs themselves (they are global, dereferenceable identifiers); the classes and
properties are pkgraph's where the model has them (``pk:Body``, ``pk:Person``, ``pk:Meeting``,
``skos:prefLabel``, ``org:member``) and OParl's otherwise (``oparl:Consultation``,
``oparl:AgendaItem``, ``oparl:File``, ``oparl:role``, ...). See docs/HARVEST.md.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from pkgraph.graph.iris import IriScheme
from pkgraph.graph.model import body_classes, date, integer, string
from pkgraph.graph.store import GraphStore
from pkgraph.graph.vocab import (
    DC_DATE,
    DC_TITLE,
    DCTERMS,
    FOAF_NAME,
    OPARL,
    ORG,
    ORG_MEMBER,
    ORG_ORGANIZATION,
    PREF_LABEL,
    PROV_DERIVED_FROM,
    RDF_TYPE,
    SCHEMA_NAME,
    SCHEMA_START_DATE,
    XSD,
    pk,
)
from pkgraph.harvest.objects import (
    OParlObject,
    as_list,
    clean_text,
    iso_date,
    parse_datetime,
    ref,
    type_name,
)

Term = NamedNode | Literal
DC_MODIFIED = NamedNode(DCTERMS + "modified")
_IRI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
_COUNCIL = re.compile(r"^(gemeinderat|stadtrat|rat\b|rat der|kreistag|städteregionstag)", re.I)
_FILE_FIELDS = ("mainFile", "auxiliaryFile", "invitation", "resultsProtocol", "verbatimProtocol")


def oparl(local: str) -> NamedNode:
    return NamedNode(OPARL + local)


def node(url: str) -> NamedNode:
    """The IRI of an OParl object (characters IRIs forbid, e.g. spaces, percent-encoded)."""
    return NamedNode(quote(url.strip(), safe=_IRI_SAFE))


def oparl_graph(iris: IriScheme, object_id: str) -> NamedNode:
    """The named graph of one top-level OParl object."""
    digest = hashlib.sha256(object_id.encode("utf-8")).hexdigest()[:16]
    return NamedNode(f"{iris.base}graph/oparl/{digest}")


@dataclass(frozen=True)
class DerivedDocument:
    """A document made from a paper: its IRI and the paper or file it renders."""

    document: NamedNode
    derived_from: str


@dataclass(frozen=True)
class DecisionLink:
    """A decision read from a paper's text, and the consultation (meeting) it was taken in."""

    decision: NamedNode
    consultation: str
    meeting: str | None


class _Writer:
    def __init__(self, graph: NamedNode) -> None:
        self.graph = graph
        self.quads: list[Quad] = []

    def add(
        self, subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal | None
    ) -> None:
        if obj is not None:
            self.quads.append(Quad(subject, predicate, obj, self.graph))

    def text(self, subject: NamedNode, predicate: NamedNode, value: Any) -> None:
        label = clean_text(value)
        self.add(subject, predicate, string(label) if label else None)

    def day(self, subject: NamedNode, predicate: NamedNode, value: Any) -> None:
        day = iso_date(value)
        self.add(subject, predicate, date(day) if day else None)

    def moment(self, subject: NamedNode, predicate: NamedNode, value: Any) -> None:
        parsed = parse_datetime(value)
        if parsed is not None:
            self.add(subject, predicate, Literal(parsed.isoformat(), datatype=_DATETIME))

    def link(self, subject: NamedNode, predicate: NamedNode, value: Any) -> None:
        for item in as_list(value):
            url = ref(item)
            self.add(subject, predicate, node(url) if url else None)

    def common(self, subject: NamedNode, obj: OParlObject) -> None:
        """What every OParl object states: its web page and last change."""
        self.moment(subject, DC_MODIFIED, obj.get("modified"))
        web = obj.get("web")
        if isinstance(web, str) and web.startswith(("http://", "https://")):
            self.add(subject, oparl("web"), Literal(web, datatype=_ANY_URI))

    def file(self, owner: NamedNode, predicate: NamedNode, value: Any) -> None:
        """An embedded File (or a reference to one)."""
        if not isinstance(value, dict):
            self.link(owner, predicate, value)
            return
        url = ref(value)
        if url is None:
            return
        subject = node(url)
        self.add(owner, predicate, subject)
        self.add(subject, RDF_TYPE, oparl("File"))
        self.text(subject, PREF_LABEL, value.get("name") or value.get("fileName"))
        self.text(subject, oparl("mimeType"), value.get("mimeType"))
        self.day(subject, DC_DATE, value.get("date"))
        for key in ("accessUrl", "downloadUrl"):
            target = value.get(key)
            if isinstance(target, str) and target.strip():
                self.add(subject, oparl(key), Literal(target.strip(), datatype=_ANY_URI))


_DATETIME = NamedNode(XSD + "dateTime")
_ANY_URI = NamedNode(XSD + "anyURI")


def _label(obj: OParlObject) -> str:
    return clean_text(obj.get("name")) or clean_text(obj.get("shortName")) or str(obj["id"])


def organization_kind(org: OParlObject) -> str:
    """The pkgraph body kind of an OParl Organization (council, committee, agency, other)."""
    name = _label(org)
    described = " ".join(
        filter(None, (clean_text(org.get(k)) for k in ("organizationType", "classification")))
    ).casefold()
    if _COUNCIL.match(name):
        return "council"
    if "fraktion" in described or "partei" in described:
        return "other"
    if "ausschuss" in described or "gremi" in described or "ausschuss" in name.casefold():
        return "committee"
    if any(word in described for word in ("dienststelle", "verwaltung", "amt")):
        return "agency"
    return "other"


def system_quads(system: OParlObject, iris: IriScheme) -> list[Quad]:
    out = _Writer(oparl_graph(iris, system["id"]))
    subject = node(system["id"])
    out.add(subject, RDF_TYPE, oparl("System"))
    out.add(subject, PREF_LABEL, string(_label(system)))
    out.text(subject, oparl("oparlVersion"), system.get("oparlVersion"))
    out.common(subject, system)
    return out.quads


def body_quads(body: OParlObject, iris: IriScheme, ags: str | None) -> list[Quad]:
    """The OParl Body (the local authority), linked to the gazetteer when its AGS is known."""
    out = _Writer(oparl_graph(iris, body["id"]))
    subject = node(body["id"])
    out.add(subject, RDF_TYPE, oparl("Body"))
    out.add(subject, PREF_LABEL, string(_label(body)))
    out.link(subject, oparl("system"), body.get("system"))
    out.text(subject, oparl("ags"), body.get("ags"))
    out.add(subject, pk("municipality"), iris.municipality(ags) if ags else None)
    out.common(subject, body)
    return out.quads


def organization_quads(org: OParlObject, iris: IriScheme, ags: str | None) -> list[Quad]:
    out = _Writer(oparl_graph(iris, org["id"]))
    subject = node(org["id"])
    kind = organization_kind(org)
    for local in body_classes(kind):
        out.add(subject, RDF_TYPE, pk(local))
    out.add(subject, RDF_TYPE, oparl("Organization"))
    out.add(subject, PREF_LABEL, string(_label(org)))
    out.add(subject, pk("bodyKind"), string(kind))
    out.add(subject, pk("bodyOf"), iris.municipality(ags) if ags else None)
    out.link(subject, oparl("body"), org.get("body"))
    out.text(subject, oparl("organizationType"), org.get("organizationType"))
    out.text(subject, oparl("classification"), org.get("classification"))
    out.day(subject, oparl("startDate"), org.get("startDate"))
    out.day(subject, oparl("endDate"), org.get("endDate"))
    out.common(subject, org)
    return out.quads


def person_quads(person: OParlObject, iris: IriScheme) -> list[Quad]:
    """A person with the memberships OParl embeds in it (organization, role, dates)."""
    out = _Writer(oparl_graph(iris, person["id"]))
    subject = node(person["id"])
    out.add(subject, RDF_TYPE, pk("Person"))
    out.add(subject, FOAF_NAME, string(_label(person)))
    out.link(subject, oparl("body"), person.get("body"))
    out.common(subject, person)
    for membership in as_list(person.get("membership")):
        url = ref(membership)
        if url is None or not isinstance(membership, dict):
            continue
        item = node(url)
        out.add(item, RDF_TYPE, oparl("Membership"))
        out.add(item, RDF_TYPE, NamedNode(ORG + "Membership"))
        out.add(item, ORG_MEMBER, subject)
        out.link(item, ORG_ORGANIZATION, membership.get("organization"))
        out.text(item, oparl("role"), membership.get("role"))
        out.day(item, oparl("startDate"), membership.get("startDate"))
        out.day(item, oparl("endDate"), membership.get("endDate"))
        if isinstance(membership.get("votingRight"), bool):
            out.add(item, oparl("votingRight"), _boolean(membership["votingRight"]))
    return out.quads


def meeting_quads(meeting: OParlObject, iris: IriScheme) -> list[Quad]:
    """A meeting with its date, organizations, files and agenda items (number, name, result)."""
    out = _Writer(oparl_graph(iris, meeting["id"]))
    subject = node(meeting["id"])
    out.add(subject, RDF_TYPE, pk("Meeting"))
    out.add(subject, SCHEMA_NAME, string(_label(meeting)))
    out.day(subject, SCHEMA_START_DATE, meeting.get("start"))
    out.moment(subject, oparl("start"), meeting.get("start"))
    out.moment(subject, oparl("end"), meeting.get("end"))
    out.link(subject, oparl("organization"), meeting.get("organization"))
    out.text(subject, oparl("meetingState"), meeting.get("meetingState"))
    if isinstance(meeting.get("cancelled"), bool):
        out.add(subject, oparl("cancelled"), _boolean(meeting["cancelled"]))
    out.common(subject, meeting)
    for key in ("invitation", "resultsProtocol", "verbatimProtocol", "auxiliaryFile"):
        for value in as_list(meeting.get(key)):
            out.file(subject, oparl(key), value)
    for position, item in enumerate(as_list(meeting.get("agendaItem")), 1):
        url = ref(item)
        if url is None or not isinstance(item, dict):
            continue
        agenda = node(url)
        out.add(agenda, RDF_TYPE, oparl("AgendaItem"))
        out.add(subject, oparl("agendaItem"), agenda)
        out.add(agenda, oparl("meeting"), subject)
        order = item.get("order")
        if not isinstance(order, int) or isinstance(order, bool):
            order = position
        out.add(agenda, oparl("order"), integer(order))
        out.text(agenda, oparl("number"), item.get("number"))
        out.text(agenda, PREF_LABEL, item.get("name"))
        out.text(agenda, oparl("result"), item.get("result"))
        out.link(agenda, oparl("consultation"), item.get("consultation"))
        out.file(agenda, oparl("resolutionFile"), item.get("resolutionFile"))
        for value in as_list(item.get("auxiliaryFile")):
            out.file(agenda, oparl("auxiliaryFile"), value)
    return out.quads


def paper_quads(
    paper: OParlObject,
    iris: IriScheme,
    ags: str | None,
    documents: Sequence[DerivedDocument] = (),
    decisions: Sequence[DecisionLink] = (),
) -> list[Quad]:
    """A paper, its consultations and files, the documents made from it and the decisions
    read from them linked to the consultation and meeting they were taken in."""
    out = _Writer(oparl_graph(iris, paper["id"]))
    subject = node(paper["id"])
    out.add(subject, RDF_TYPE, oparl("Paper"))
    out.text(subject, DC_TITLE, paper.get("name"))
    out.text(subject, oparl("reference"), paper.get("reference"))
    out.text(subject, oparl("paperType"), paper.get("paperType"))
    out.day(subject, DC_DATE, paper.get("date"))
    out.link(subject, oparl("body"), paper.get("body"))
    out.link(subject, oparl("underDirectionOf"), paper.get("underDirectionOf"))
    out.common(subject, paper)
    for key in _FILE_FIELDS:
        for value in as_list(paper.get(key)):
            out.file(subject, oparl(key), value)
    for consultation in as_list(paper.get("consultation")):
        url = ref(consultation)
        if url is None:
            continue
        item = node(url)
        out.add(subject, oparl("consultation"), item)
        if not isinstance(consultation, dict):
            continue
        out.add(item, RDF_TYPE, oparl("Consultation"))
        out.add(item, oparl("paper"), subject)
        out.link(item, oparl("meeting"), consultation.get("meeting"))
        out.link(item, oparl("agendaItem"), consultation.get("agendaItem"))
        out.link(item, oparl("organization"), consultation.get("organization"))
        out.text(item, oparl("role"), consultation.get("role"))
        if isinstance(consultation.get("authoritative"), bool):
            out.add(item, oparl("authoritative"), _boolean(consultation["authoritative"]))
    for derived in documents:
        out.add(derived.document, PROV_DERIVED_FROM, node(derived.derived_from))
        out.add(derived.document, oparl("paper"), subject)
        out.add(derived.document, pk("issuedBy"), iris.municipality(ags) if ags else None)
    for link in decisions:
        out.add(link.decision, pk("atConsultation"), node(link.consultation))
        out.add(link.decision, pk("atMeeting"), node(link.meeting) if link.meeting else None)
    return out.quads


def object_quads(obj: OParlObject, iris: IriScheme, ags: str | None) -> list[Quad]:
    """The quads of a top-level object other than a Paper (which needs its documents)."""
    kind = type_name(obj)
    if kind == "System":
        return system_quads(obj, iris)
    if kind == "Body":
        return body_quads(obj, iris, ags)
    if kind == "Organization":
        return organization_quads(obj, iris, ags)
    if kind == "Person":
        return person_quads(obj, iris)
    if kind == "Meeting":
        return meeting_quads(obj, iris)
    raise ValueError(f"{obj.get('id')}: no mapping for OParl type {kind}")


def _boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))


def replace_object_graph(store: GraphStore, graph: NamedNode, quads: Sequence[Quad]) -> None:
    """Drop ``graph`` and insert ``quads`` as one transaction (as documents are replaced)."""
    store.replace_graph(graph, list(dict.fromkeys(quads)))


def drop_object_graph(store: GraphStore, graph: NamedNode) -> None:
    store.remove_graph(graph)
