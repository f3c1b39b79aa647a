"""Typed records passed between pipeline stages.

ingest (readers -> repair -> metadata -> segment) produces a :class:`Document`;
extract produces an :class:`Extraction`; graph turns both into RDF; search indexes passages.
All offsets are character offsets into :attr:`Document.original_text` (the text exactly as read),
so that every fact can be shown at its place in the source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

DocFormat = Literal["txt", "md", "html", "pdf"]
MunicipalityRole = Literal["author", "participant", "mentioned"]
BodyKind = Literal[
    "council",
    "committee",
    "working_group",
    "conference",
    "ministry",
    "state_government",
    "foundation",
    "institute",
    "agency",
    "company",
    "other",
]


# --- ingest -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RawDocument:
    """A file as read: its decoded text (for HTML/PDF the extracted text) and identity."""

    source: str  # absolute path or URL: the document's identity
    format: DocFormat
    content_hash: str  # sha256 hex of the file's bytes: tells whether it changed
    text: str  # the original text; all offsets point into it
    size_bytes: int
    encoding: str | None = None  # detected encoding for text formats


@dataclass(frozen=True)
class Correction:
    """One repair applied to the original text, in original offsets."""

    start: int
    end: int
    before: str
    after: str
    kind: str  # "unicode", "mojibake", "hyphenation", "whitespace", "ocr"


@dataclass(frozen=True)
class RepairedText:
    """Repaired text plus a map back to the original.

    ``offsets[i]`` is the original offset of ``text[i]``; ``offsets[len(text)]`` is
    ``len(original)``. Use :meth:`to_original` to map a span.
    """

    original: str
    text: str
    offsets: Sequence[int]  # an array('q') from ingest: 8 bytes an entry, not a tuple's ~36
    corrections: tuple[Correction, ...] = ()

    def __hash__(self) -> int:  # the offset array is unhashable; equal texts hash equal
        return hash((self.original, self.text))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the repaired span ``[start, end)`` to the original span that produced it.

        The span reaches up to the original position of the next repaired character, so that
        characters merged into the last one ("lR" read as "ß") are included; whitespace the
        repair collapsed after it is not.
        """
        original_start = self.offsets[start]
        original_end = self.offsets[end]
        while original_end > original_start and self.original[original_end - 1].isspace():
            original_end -= 1
        return original_start, original_end


@dataclass(frozen=True)
class Consultation:
    """One row of a Beratungsfolge: the body that deliberates and when."""

    body: str
    date: str | None  # ISO YYYY-MM-DD
    order: int
    role: str | None = None  # e.g. "Beschließend", "Vorberatung", "Kenntnisnahme"


@dataclass(frozen=True)
class DocumentMetadata:
    title: str | None = None
    doc_type: str | None = None  # Sitzungsvorlage, Beschlussvorlage, Antrag, Niederschrift, ...
    reference: str | None = None  # the document's own reference number
    date: str | None = None  # ISO date of the document
    consultations: tuple[Consultation, ...] = ()
    municipality: str | None = None  # issuing municipality as named in the text
    mentioned_references: tuple[str, ...] = ()  # other papers' references, in order of appearance


@dataclass(frozen=True)
class Passage:
    """A retrieval-sized span of a document. ``text == original_text[start:end]``."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str  # the original slice
    clean_text: str  # the repaired text of the same span: what is embedded and searched

    @property
    def passage_id(self) -> str:
        return f"{self.doc_id}/{self.index}"


@dataclass(frozen=True)
class Document:
    doc_id: str
    source: str
    format: DocFormat
    content_hash: str
    repaired: RepairedText
    metadata: DocumentMetadata
    passages: tuple[Passage, ...]

    @property
    def original_text(self) -> str:
        return self.repaired.original

    @property
    def text(self) -> str:
        """The repaired text, which extraction reads."""
        return self.repaired.text

    @property
    def name(self) -> str:
        """File name (last path segment) of the source."""
        return self.source.rstrip("/").rsplit("/", 1)[-1]


# --- extract ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: original offsets, quoted text, who read it, how sure."""

    start: int
    end: int
    quote: str  # original_text[start:end]
    extractor: str  # e.g. "funding"
    confidence: float


@dataclass(frozen=True)
class ProgramMention:
    key: str  # stable slug of the canonical program, e.g. "kein-kind-zuruecklassen"
    name: str  # canonical name
    mentions: tuple[Evidence, ...]
    parent_key: str | None = None  # a local project's program
    #: the name as the document writes it, for a program whose catalogue name is pkgraph's own
    #: ("Zusammen im Quartier" for "Zusammen im Quartier - Kinder stärken - Zukunft sichern")
    stated: str | None = None

    @property
    def stated_name(self) -> str:
        return self.stated or self.name


@dataclass(frozen=True)
class MunicipalityMention:
    ags: str  # official key (8 digits for municipalities, 5 for Kreise)
    name: str  # gazetteer name ("Kreis Coesfeld", "Bergkamen")
    role: MunicipalityRole
    mentions: tuple[Evidence, ...]


@dataclass(frozen=True)
class BodyMention:
    key: str  # stable slug of ``name``
    name: str  # canonical, with owner in parentheses where known: "Kreistag (Kreis Coesfeld)"
    kind: BodyKind
    of: str | None  # owning municipality (gazetteer name) or organisation name
    of_ags: str | None
    mentions: tuple[Evidence, ...]
    #: the name as the document writes it where ``name`` adds the owner or program from the
    #: context ("Rat", "Steuerungsgruppe") or is a ministry's canonical name; a
    #: document-level record names the body so
    stated: str | None = None

    @property
    def stated_name(self) -> str:
        return self.stated or self.name


@dataclass(frozen=True)
class Vote:
    yes: int | None
    no: int | None
    abstain: int | None


@dataclass(frozen=True)
class Decision:
    body: str | None  # canonical body name (as BodyMention.name); None: minutes name none
    body_key: str | None
    date: str | None  # ISO
    kind: str  # Zustimmung, Kenntnisnahme, Beauftragung, Beschluss
    text: str
    vote: Vote | None
    program_key: str | None
    paper: str | None  # document reference concerned
    evidence: Evidence


#: How a party key names a municipality by its official key: "ags:05978" (else a body's key).
AGS_KEY_PREFIX = "ags:"


def ags_key(ags: str) -> str:
    return f"{AGS_KEY_PREFIX}{ags}"


def ags_of_key(key: str | None) -> str | None:
    """The AGS a party key names, or None for a body's key (or no key)."""
    return key.removeprefix(AGS_KEY_PREFIX) if key and key.startswith(AGS_KEY_PREFIX) else None


@dataclass(frozen=True)
class Funding:
    amount_eur: float | None
    amount_text: str
    funder: str | None  # canonical body/municipality name
    funder_key: str | None  # BodyMention.key or ags_key(AGS)
    recipient: str | None
    recipient_key: str | None
    year: int | None
    purpose: str | None
    share_percent: float | None
    own_share_percent: float | None
    program_key: str | None
    evidence: Evidence


@dataclass(frozen=True)
class Participation:
    ags: str
    municipality: str
    program_key: str
    program: str
    since: str | None  # ISO date or year
    evidence: Evidence
    #: Where the text states the start, when that is not inside ``evidence`` (e.g. "Das
    #: Projekt startet im Jahr 2012" two paragraphs before the list of participants).
    since_evidence: Evidence | None = None


@dataclass(frozen=True)
class JointApplication:
    """Several municipalities applying or acting together within a program."""

    ags: tuple[str, ...]
    municipalities: tuple[str, ...]
    program_key: str | None
    project_key: str | None  # a local project (ProgramMention.key), e.g. "Brücken für Familien"
    evidence: Evidence


@dataclass(frozen=True)
class Event:
    name: str
    date: str | None  # ISO; None when the text gives no resolvable date
    place: str | None
    place_ags: str | None
    evidence: Evidence


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    role: str | None
    organisation: str | None
    organisation_key: str | None
    evidence: Evidence


@dataclass(frozen=True)
class Quantity:
    """A number the text states of what it counts ("52 Kommunen", "neun Zentren")."""

    value: float
    counted: str  # the words counted, as written ("rheinische Kommunen", "Prozent der Kinder")
    evidence: Evidence


@dataclass(frozen=True)
class DocRef:
    reference: str
    is_own: bool
    evidence: Evidence


@dataclass(frozen=True)
class DateMention:
    iso: str
    evidence: Evidence


@dataclass(frozen=True)
class Extraction:
    """Everything read from one document."""

    doc_id: str
    doc_type: str | None = None
    programs: tuple[ProgramMention, ...] = ()
    municipalities: tuple[MunicipalityMention, ...] = ()
    bodies: tuple[BodyMention, ...] = ()
    decisions: tuple[Decision, ...] = ()
    funding: tuple[Funding, ...] = ()
    participations: tuple[Participation, ...] = ()
    joint_applications: tuple[JointApplication, ...] = ()
    events: tuple[Event, ...] = ()
    persons: tuple[Person, ...] = ()
    doc_refs: tuple[DocRef, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    extractor_version: str = field(default="0")
