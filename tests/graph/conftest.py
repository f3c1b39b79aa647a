"""Records built by hand from a real sample document (004, a Bergkamen Beschlussvorlage).

Every fact quotes a real sentence of the document; offsets are found in its text, so the
records are what extraction would produce for them, independent of the extraction stage.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from pkgraph.gazetteer import load_gazetteer
from pkgraph.graph.store import GraphStore
from pkgraph.records import (
    BodyMention,
    Consultation,
    Decision,
    Document,
    DocumentMetadata,
    Event,
    Evidence,
    Extraction,
    Funding,
    JointApplication,
    MunicipalityMention,
    Participation,
    Passage,
    Person,
    ProgramMention,
    RepairedText,
    Vote,
)
from pkgraph.settings import Settings
from tests.graph.servers import (  # noqa: F401 (fixtures for the tests in this folder)
    any_backend,
    oxigraph_server,
    oxigraph_settings,
    remote_settings,
    virtuoso_server,
)

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "seeds"
SAMPLE_003 = SEEDS / "003_982e31faa310d561.txt"
SAMPLE_004 = SEEDS / "004_0bcc7c8f61a2b24f.txt"
METADATA_004 = DocumentMetadata(
    title='Teilnahme der Stadt Bergkamen am Modellvorhaben "Kommunale Präventionsketten"',
    doc_type="Beschlussvorlage",
    reference=None,
    date="2012-06-05",
    consultations=(
        Consultation("Jugendhilfeausschuss", "2012-06-27", 1, "Vorberatung"),
        Consultation("Haupt- und Finanzausschuss", "2012-07-04", 2, "Vorberatung"),
        Consultation("Rat der Stadt Bergkamen", "2012-07-05", 3, "Entscheidung"),
    ),
    municipality="Bergkamen",
)
METADATA_003 = DocumentMetadata(
    title='Antrag der UBV-Stadtratsfraktion zur Information über "Kein Kind zurücklassen"',
    doc_type="Antrag",
    reference="5kss/1/5/15",
    date="2015-01-11",
    consultations=(Consultation("Kultur- und Schulsenat", "2015-03-05", 1, "Beschließend"),),
)
PASSAGE_CHARS = 900


def paragraph_passages(doc_id: str, text: str) -> tuple[Passage, ...]:
    """Consecutive spans ending at paragraph breaks, each about PASSAGE_CHARS long."""
    passages: list[Passage] = []
    start = 0
    while start < len(text):
        cut = text.find("\n\n", start + PASSAGE_CHARS)
        end = len(text) if cut == -1 else cut + 2
        span = text[start:end]
        passages.append(Passage(doc_id, len(passages), start, end, span, span))
        start = end
    return tuple(passages)


def make_document(path: Path, metadata: DocumentMetadata, text: str | None = None) -> Document:
    """A Document of ``path`` with identity repair (``text`` overrides the file's text)."""
    original = path.read_text(encoding="utf-8") if text is None else text
    source = str(path)
    doc_id = hashlib.sha256(source.encode()).hexdigest()[:16]
    return Document(
        doc_id=doc_id,
        source=source,
        format="txt",
        content_hash=hashlib.sha256(original.encode()).hexdigest(),
        repaired=RepairedText(original, original, tuple(range(len(original) + 1))),
        metadata=metadata,
        passages=paragraph_passages(doc_id, original),
    )


def evidence(text: str, quote: str, extractor: str, confidence: float = 0.9) -> Evidence:
    start = text.index(quote)
    return Evidence(start, start + len(quote), quote, extractor, confidence)


def ags(name: str) -> str:
    (entry,) = load_gazetteer().by_name(name)
    return entry.ags


def make_extraction_003(document: Document) -> Extraction:
    """The program and the decision of sample 003, quoted from its text."""
    text = document.original_text
    kkz, senat = "kein-kind-zuruecklassen", "kultur-und-schulsenat"
    return Extraction(
        doc_id=document.doc_id,
        doc_type="Antrag",
        extractor_version="0.1.0",
        programs=(
            ProgramMention(
                kkz,
                "Kein Kind zurücklassen! Kommunen in NRW beugen vor",
                (evidence(text, "Kein Kind zurücklassen! Kommunen in NRW beugen vor", "programs"),),
            ),
        ),
        bodies=(
            BodyMention(
                senat,
                "Kultur- und Schulsenat",
                "committee",
                None,
                None,
                (evidence(text, "Kultur- und Schulsenat", "bodies"),),
            ),
        ),
        decisions=(
            Decision(
                body="Kultur- und Schulsenat",
                body_key=senat,
                date="2015-03-05",
                kind="Kenntnisnahme",
                text="Der Ausschuss nimmt die Information über das Modellvorhaben zur Kenntnis.",
                vote=Vote(0, 0, None),
                program_key=kkz,
                paper="5kss/1/5/15",
                evidence=evidence(text, "Der Ausschuss nimmt die Information", "decisions"),
            ),
        ),
    )


def make_extraction(document: Document) -> Extraction:
    """The facts of sample 004, quoted from its text."""
    text = document.original_text

    def ev(quote: str, extractor: str) -> Evidence:
        return evidence(text, quote, extractor)

    kkz, bruecken = "kein-kind-zuruecklassen", "bruecken-fuer-familien"
    rat = "rat-der-stadt-bergkamen"
    land = "landesregierung-nordrhein-westfalen"
    return Extraction(
        doc_id=document.doc_id,
        doc_type="Beschlussvorlage",
        extractor_version="0.1.0",
        programs=(
            ProgramMention(
                kkz,
                "Kein Kind zurücklassen! Kommunen in NRW beugen vor",
                (ev("Kein Kind zurücklassen - Kommunen in NRW beugen vor", "programs"),),
            ),
            ProgramMention(
                bruecken,
                "Brücken für Familien",
                (ev("Brücken für Familien", "programs"),),
                parent_key=kkz,
            ),
        ),
        municipalities=(
            MunicipalityMention(
                ags("Bergkamen"), "Bergkamen", "author", (ev("Stadt Bergkamen", "places"),)
            ),
            MunicipalityMention(
                ags("Kreis Unna"), "Kreis Unna", "participant", (ev("Kreises Unna", "places"),)
            ),
            MunicipalityMention(ags("Werne"), "Werne", "participant", (ev("Werne", "places"),)),
        ),
        bodies=(
            BodyMention(
                rat,
                "Rat der Stadt Bergkamen",
                "council",
                "Bergkamen",
                ags("Bergkamen"),
                (ev("Der Rat der Stadt Bergkamen", "bodies"),),
            ),
            BodyMention(
                "jugendhilfeausschuss-bergkamen",
                "Jugendhilfeausschuss (Bergkamen)",
                "committee",
                "Bergkamen",
                ags("Bergkamen"),
                (ev("Jugendhilfeausschuss", "bodies"),),
            ),
            BodyMention(
                land,
                "Landesregierung Nordrhein-Westfalen",
                "state_government",
                None,
                None,
                (ev("Landesregierung NRW", "bodies"),),
            ),
        ),
        decisions=(
            Decision(
                body="Rat der Stadt Bergkamen",
                body_key=rat,
                date="2012-07-05",
                kind="Beschlussvorschlag",
                text="Der Rat der Stadt Bergkamen beschließt die Teilnahme der Stadt Bergkamen am "
                "Präventionsprojekt „Brücken für Familien“",
                vote=None,
                program_key=kkz,
                paper=None,
                evidence=ev("Der Rat der Stadt Bergkamen beschließt die Teilnahme", "decisions"),
            ),
        ),
        funding=(
            Funding(
                amount_eur=64000.0,
                amount_text="64.000 Euro",
                funder="Landesregierung Nordrhein-Westfalen",
                funder_key=land,
                recipient="Kreis Unna",
                recipient_key=f"ags:{ags('Kreis Unna')}",
                year=None,
                purpose="Personal- und Sachkosten (Brücken für Familien)",
                share_percent=None,
                own_share_percent=None,
                program_key=bruecken,
                evidence=ev("Landesförderung in Höhe von 64.000 Euro", "funding"),
            ),
        ),
        participations=(
            Participation(
                ags("Bergkamen"),
                "Bergkamen",
                kkz,
                "Kein Kind zurücklassen! Kommunen in NRW beugen vor",
                "2012",
                ev("beschließt die Teilnahme der Stadt Bergkamen am Präventionsprojekt", "parts"),
            ),
        ),
        joint_applications=(
            JointApplication(
                (ags("Kreis Unna"), ags("Bergkamen"), ags("Werne")),
                ("Kreis Unna", "Bergkamen", "Werne"),
                kkz,
                bruecken,
                ev("haben sich der Verbundbewerbung des Kreises angeschlossen", "joint"),
            ),
        ),
        events=(
            Event(
                "Auftaktveranstaltung Kein Kind zurücklassen",
                "2011-11-09",
                None,
                None,
                ev("Auftaktveranstaltung am 9. November 2011", "events"),
            ),
        ),
        persons=(
            Person(
                "wenske",
                "Wenske",
                "Beigeordneter",
                "Stadt Bergkamen",
                f"ags:{ags('Bergkamen')}",
                ev("Wenske Beigeordneter", "persons"),
            ),
        ),
    )


@pytest.fixture(scope="session")
def document_004() -> Document:
    return make_document(SAMPLE_004, METADATA_004)


@pytest.fixture(scope="session")
def document_003() -> Document:
    return make_document(SAMPLE_003, METADATA_003)


@pytest.fixture(scope="session")
def extraction_003(document_003: Document) -> Extraction:
    return make_extraction_003(document_003)


@pytest.fixture(scope="session")
def extraction_004(document_004: Document) -> Extraction:
    return make_extraction(document_004)


#: The council that 004 names and 003 does not.
COUNCIL = "rat-der-stadt-bergkamen"


def renamed_body(extraction: Extraction, key: str, name: str) -> Extraction:
    bodies = tuple(replace(b, name=name) if b.key == key else b for b in extraction.bodies)
    return replace(extraction, bodies=bodies)


@pytest.fixture(scope="session")
def extraction_003_naming_the_council(
    extraction_003: Extraction, extraction_004: Extraction
) -> Extraction:
    """003 naming 004's council too, under another label ("Rat")."""
    council = next(b for b in extraction_004.bodies if b.key == COUNCIL)
    return replace(extraction_003, bodies=(*extraction_003.bodies, replace(council, name="Rat")))


def load_store(settings: Settings, *pairs: tuple[Document, Extraction]) -> Settings:
    """Reference data plus each (document, extraction) written to the on-disk store, closed."""
    with GraphStore.open(settings) as store:
        store.ensure_reference_data()
        for document, extraction in pairs:
            store.replace_document(document, extraction)
    return settings


@pytest.fixture()
def store_004(
    fresh_settings: Settings, document_004: Document, extraction_004: Extraction
) -> Settings:
    """A fresh on-disk store holding the reference graphs and sample 004 (closed again)."""
    return load_store(fresh_settings, (document_004, extraction_004))


@pytest.fixture()
def store_003_004(
    fresh_settings: Settings,
    document_003: Document,
    extraction_003: Extraction,
    document_004: Document,
    extraction_004: Extraction,
) -> Settings:
    """A fresh on-disk store holding the reference graphs and samples 003 and 004."""
    return load_store(
        fresh_settings, (document_003, extraction_003), (document_004, extraction_004)
    )
