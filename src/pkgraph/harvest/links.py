"""What links harvested objects to each other and to what was read from their texts.

``references``: the organizations and meetings an object names by URL (a harvest fetches the
ones no list delivered, so a 404 there is reported as a dangling reference).
``decision_links``: a decision read from a paper's document, tied to the consultation (and
meeting) of that paper whose meeting took place on the decision's date.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import NamedNode

from pkgraph.graph.store import GraphStore
from pkgraph.graph.vocab import DC_DATE
from pkgraph.harvest.mapping import DecisionLink, DerivedDocument
from pkgraph.harvest.objects import OParlObject, as_list, ref, type_name
from pkgraph.harvest.state import HarvestState
from pkgraph.ingest.identity import doc_id_for


def references(obj: OParlObject) -> Iterator[tuple[object, str]]:
    """(reference, OParl type) of what an object names and a harvest must know: a meeting's
    organizations, a consultation's meeting and organizations, a membership's organization,
    the organizations a paper is under the direction of."""
    kind = type_name(obj)
    if kind == "Meeting":
        yield from ((v, "Organization") for v in as_list(obj.get("organization")))
    elif kind == "Paper":
        yield from ((v, "Organization") for v in as_list(obj.get("underDirectionOf")))
        for consultation in as_list(obj.get("consultation")):
            if isinstance(consultation, dict):
                yield consultation.get("meeting"), "Meeting"
                yield from ((v, "Organization") for v in as_list(consultation.get("organization")))
    elif kind == "Person":
        for membership in as_list(obj.get("membership")):
            if isinstance(membership, dict):
                yield membership.get("organization"), "Organization"


#: A paper's consultation: its URL, its meeting's URL and the meeting's date (both if known).
Consultation = tuple[str, str | None, str | None]


def paper_consultations(state: HarvestState, paper: OParlObject) -> list[Consultation]:
    """The paper's consultations with the dates of their meetings (harvested before papers)."""
    return [
        (url, meeting, state.date(meeting) if meeting else None)
        for c in as_list(paper.get("consultation"))
        if isinstance(c, dict) and (url := ref(c))
        for meeting in [ref(c.get("meeting"))]
    ]


def decision_links(
    graph: GraphStore, consultations: list[Consultation], derived: list[DerivedDocument]
) -> list[DecisionLink]:
    """Decisions read from the paper's documents, linked to the consultation whose meeting was
    on the decision's date (or to the only consultation, for a decision the text leaves
    undated: a paper's proposed resolution is decided where the paper is consulted)."""
    if not consultations or not derived:
        return []
    links: list[DecisionLink] = []
    for document in derived:
        named = graph.iris.document_graph(doc_id_for(document.derived_from))
        rows = graph.select(
            f"SELECT ?decision ?date WHERE {{ GRAPH <{named.value}> {{ ?decision a pk:Decision . "
            f"OPTIONAL {{ ?decision <{DC_DATE.value}> ?date }} }} }}"
        )
        for row in rows:
            on_day = [c for c in consultations if row["date"] and c[2] == row["date"]]
            if not row["date"] and len(consultations) == 1:
                on_day = consultations
            for url, meeting, _ in on_day[:1]:
                links.append(DecisionLink(NamedNode(str(row["decision"])), url, meeting))
    return links
