"""A municipality's own paper, or a report about one municipality's own services, whose main
program is one a municipality runs a part of itself states that the municipality works in it:
a Kreis's Vorlage on continuing its Familienhebammendienst is the Kreis's part in Frühe Hilfen,
and so is a local paper's report on what the town's Jugendamt does in its Frühe Hilfen, though
no sentence says "nimmt teil" (likewise a Soziales Frühwarnsystem).

Read after decisions and participations ran. An issuer's paper must record a decision of its
own or of its bodies (not one it reports of a ministry). A paper without an issuer speaks for
the town it is about (:func:`pkgraph.extract.bodies.with_default_owner`) only where it names a
body of that town: a Fachtag held in a town hall is not the town's Frühe Hilfen.
"""

from __future__ import annotations

from collections.abc import Sequence

from pkgraph.extract.bodies import BodyHit
from pkgraph.extract.participation_inputs import ParticipationInputs
from pkgraph.extract.participation_programs import implied_participation
from pkgraph.extract.text import DocumentText, slugify
from pkgraph.gazetteer import Municipality
from pkgraph.records import Decision, Participation

EXTRACTOR = "participations"
#: Programs a municipality runs a part of on its own (its network, its services).
LOCAL_FIELDS = frozenset({"fruehe-hilfen", "soziales-fruehwarnsystem"})


def paper_participations(
    doc: DocumentText,
    decisions: Sequence[Decision],
    bodies: Sequence[BodyHit],
    participations: Sequence[Participation],
    inputs: ParticipationInputs,
) -> tuple[Participation, ...]:
    """The paper's municipality's participation in the paper's main program, when that is a
    local field and no participation of the municipality in it was found."""
    municipality, program = _speaking_for(decisions, bodies, inputs), inputs.main_program
    if municipality is None or program not in LOCAL_FIELDS:
        return ()
    if any(p.ags == municipality.ags and p.program_key == program for p in participations):
        return ()
    mention = next(h for h in inputs.program_hits if (h.parent_key or h.key) == program)
    evidence = doc.evidence(mention.start, mention.end, EXTRACTOR, 0.55)
    return (implied_participation(municipality.ags, municipality.name, program, inputs, evidence),)


def _speaking_for(
    decisions: Sequence[Decision], bodies: Sequence[BodyHit], inputs: ParticipationInputs
) -> Municipality | None:
    """The issuer whose paper decides, else the town the paper is about where it names one of
    the town's bodies."""
    if inputs.author is not None:
        own = slugify(inputs.author.name)  # a body's key ends with its owner's
        decides = any(d.body_key is None or d.body_key.endswith(own) for d in decisions)
        return inputs.author if decides else None
    subject = inputs.subject
    if subject is not None and any(b.of_ags == subject.ags for b in bodies):
        return subject
    return None
