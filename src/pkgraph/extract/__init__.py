"""Extraction: one module per fact type, run in dependency order on a document's repaired text.

Dates and references first, then programs (their names depend on the document's year),
municipalities (and the issuing one), bodies (named after their owner and program), and from
these decisions, funding, participations, events and persons. Every fact carries
:class:`~pkgraph.records.Evidence` in original offsets. See docs/EXTRACTION.md.
"""

from __future__ import annotations

import re

from pkgraph.extract.bodies import (
    BodyContext,
    extract_bodies,
    find_body_hits,
    with_default_owner,
)
from pkgraph.extract.dates import (
    extract_dates,
    latest_stated_year,
    month_stamp,
    reference_date,
)
from pkgraph.extract.decisions import DecisionInputs, extract_decisions
from pkgraph.extract.events import EventInputs, extract_events
from pkgraph.extract.funded_participations import funded_participations
from pkgraph.extract.funding import FundingInputs, extract_funding
from pkgraph.extract.funding_tables import allocation_rows
from pkgraph.extract.instrument_participations import (
    chain_coordinations,
    instrument_participations,
)
from pkgraph.extract.joint_applications import successful_partners
from pkgraph.extract.municipalities import (
    extract_municipalities,
    find_municipality_hits,
    issuing_municipality,
)
from pkgraph.extract.paper_participations import paper_participations
from pkgraph.extract.participations import (
    ParticipationInputs,
    extract_joint_applications,
    extract_participations,
)
from pkgraph.extract.persons import PersonInputs, extract_persons
from pkgraph.extract.program_catalogue import CATALOGUE_BY_KEY, PROGRAM_CATALOGUE
from pkgraph.extract.programs import (
    earliest_year_naming,
    extract_programs,
    find_program_hits,
    main_program,
    phases_of_participants,
)
from pkgraph.extract.quantities import extract_quantities
from pkgraph.extract.refs import extract_refs
from pkgraph.extract.text import DocumentText
from pkgraph.extract.windows import extract_in_windows
from pkgraph.records import Document, DocumentMetadata, Extraction

__all__ = ["EXTRACTOR_VERSION", "PROGRAM_CATALOGUE", "document_year", "extract_document"]

EXTRACTOR_VERSION = "0.5.28"


def document_year(document: Document) -> int | None:
    """The year the document speaks from: its metadata date, else its leading date stamp,
    else the latest date it states (see :func:`~pkgraph.extract.dates.latest_stated_year`),
    but not before the programs it names existed ("verfolgt seit 2012 ... (heute:
    kinderstark)" speaks from 2019 or later), else the year of its own number."""
    if document.metadata.date:
        return int(document.metadata.date[:4])
    if stamp := month_stamp(document.text):
        return stamp.year
    stated = latest_stated_year(document.text)
    if stated is None:  # the year of its own number ("Vorlage 026/2012") is the paper's own
        return _reference_year(document.text)
    floor = earliest_year_naming(document.text)
    return max(stated, floor) if stated is not None and floor is not None else stated


#: A council paper's own number with its year in its head ("Vorlage 026/2012"; not a
#: Landtag's "Drucksache 16/2012", whose first part is the parliament's term).
_OWN_NUMBER = re.compile(r"(?<!Drucksache )(?<![\d/])\d{1,5}/((?:19|20)\d{2})\b(?!/)")
_HEAD = 400


def _reference_year(text: str) -> int | None:
    """The year of the paper's own number, for a paper that states no date."""
    number = _OWN_NUMBER.search(text, 0, _HEAD)
    return int(number.group(1)) if number else None


def decision_year(metadata: DocumentMetadata) -> int | None:
    """The year of the document's own decision: its deciding consultation (marked
    beschließend/Entscheidung, else the last dated one), else the document's date."""
    dated = [c for c in metadata.consultations if c.date]
    deciding = [c for c in dated if c.role and re.search(r"(?i)beschl|entsch", c.role)]
    chosen = (deciding or dated)[-1:]
    date = chosen[0].date if chosen else metadata.date
    return int(date[:4]) if date else None


def extract_document(document: Document) -> Extraction:
    """Every fact of ``document``, each with evidence in original offsets; a very long
    document window by window (see :mod:`pkgraph.extract.windows`)."""
    return extract_in_windows(document, _extract_text)


def _extract_text(document: Document) -> Extraction:
    """Every fact of one document or window, read as a whole."""
    doc = DocumentText(document)
    metadata = document.metadata
    year = document_year(document)
    program_hits = find_program_hits(doc.text, year)
    main = main_program(program_hits)
    municipality_hits = find_municipality_hits(doc.text)
    author = issuing_municipality(doc, municipality_hits, metadata.municipality)
    body_context = with_default_owner(  # once: bodies, decisions and instruments read it
        doc.text,
        BodyContext(
            author=author,
            program_name=CATALOGUE_BY_KEY[main].name if main else None,
            municipality_hits=tuple(municipality_hits),
        ),
    )
    body_hits = tuple(find_body_hits(doc.text, body_context))
    participation_inputs = ParticipationInputs(
        tuple(municipality_hits),
        tuple(program_hits),
        main,
        year,
        decision_year=decision_year(metadata),
        author=author,
        subject=body_context.default_owner,
    )
    participations = extract_participations(doc, participation_inputs)
    joint_applications = extract_joint_applications(doc, participation_inputs)
    participations += successful_partners(
        doc, joint_applications, participations, participation_inputs
    )
    funding_inputs = FundingInputs(
        tuple(municipality_hits), body_hits, tuple(program_hits), author, main, year
    )
    funding = extract_funding(doc, funding_inputs)
    funding += allocation_rows(doc, funding, funding_inputs)
    participations += funded_participations(funding, participations, participation_inputs)
    document_date = reference_date(metadata.date, doc.text)
    decisions = extract_decisions(
        doc,
        DecisionInputs(
            body_hits=body_hits,
            body_context=body_context,
            consultations=metadata.consultations,
            program_hits=tuple(program_hits),
            main_program=main,
            own_reference=metadata.reference,
            document_date=document_date,
        ),
    )
    participations += paper_participations(
        doc, decisions, body_hits, participations, participation_inputs
    )
    participations += instrument_participations(
        doc, participations, participation_inputs, body_context.default_owner
    )
    participations += chain_coordinations(doc, participations, participation_inputs)
    participant_ags = {p.ags for p in participations} | {
        ags for joint in joint_applications for ags in joint.ags
    }
    return Extraction(
        doc_id=document.doc_id,
        doc_type=metadata.doc_type,
        programs=extract_programs(
            doc, phases_of_participants(program_hits, {p.program_key for p in participations})
        ),
        municipalities=extract_municipalities(
            doc, municipality_hits, author.ags if author else None, participant_ags
        ),
        bodies=extract_bodies(doc, list(body_hits)),
        decisions=decisions,
        funding=funding,
        participations=participations,
        joint_applications=joint_applications,
        events=extract_events(
            doc,
            EventInputs(tuple(municipality_hits), year, document_date),
        ),
        persons=extract_persons(doc, PersonInputs(tuple(municipality_hits), body_hits, author)),
        doc_refs=extract_refs(doc, metadata.reference),
        dates=extract_dates(doc, document_date),
        quantities=extract_quantities(doc),
        extractor_version=EXTRACTOR_VERSION,
    )
