"""What the participation and joint-application extractors read of a document: its
municipality and program mentions, the year it speaks from, the year of its own decision and
the municipality that issued it (else the one it is about)."""

from __future__ import annotations

from dataclasses import dataclass

from pkgraph.extract.municipalities import MunicipalityHit
from pkgraph.extract.programs import ProgramHit
from pkgraph.extract.text import Span
from pkgraph.gazetteer import Municipality

EXTRACTOR = "participations"


@dataclass(frozen=True)
class ParticipationInputs:
    municipality_hits: tuple[MunicipalityHit, ...]
    program_hits: tuple[ProgramHit, ...]
    main_program: str | None
    year: int | None  # the year the document speaks from
    decision_year: int | None = None  # the year of the document's own decision
    author: Municipality | None = None  # the issuing municipality
    subject: Municipality | None = None  # without an issuer, the town the text is about


def hits_in(span: Span, inputs: ParticipationInputs) -> list[MunicipalityHit]:
    """The municipality mentions inside ``span``."""
    return [h for h in inputs.municipality_hits if span.start <= h.start < span.end]
