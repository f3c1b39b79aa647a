"""A municipality's own council paper deciding about the program it is about states that the
municipality works in it: a Kreis's Vorlage on continuing its Familienhebammendienst is the
Kreis's part in Frühe Hilfen, though no sentence says "nimmt teil" (so is a report on its
Soziales Frühwarnsystem, also a network it runs itself).

Read after decisions and participations ran: the paper must record a decision of its own or
of its issuer's bodies (not one it reports of a ministry), its issuer must be a municipality,
and the program must be the document's main one.
"""

from __future__ import annotations

from collections.abc import Sequence

from pkgraph.extract.participation_inputs import ParticipationInputs
from pkgraph.extract.participation_programs import implied_participation
from pkgraph.extract.text import DocumentText, slugify
from pkgraph.records import Decision, Participation

EXTRACTOR = "participations"
#: Programs a municipality runs a part of on its own (its network, its services).
LOCAL_FIELDS = frozenset({"fruehe-hilfen", "soziales-fruehwarnsystem"})


def paper_participations(
    doc: DocumentText,
    decisions: Sequence[Decision],
    participations: Sequence[Participation],
    inputs: ParticipationInputs,
) -> tuple[Participation, ...]:
    """The issuer's participation in the paper's main program, when the paper decides and no
    participation of the issuer in it was found."""
    author, program = inputs.author, inputs.main_program
    if author is None or program not in LOCAL_FIELDS:
        return ()
    own = slugify(author.name)  # a body's key ends with its owner's: "rat-der-stadt-hagen"
    if not any(d.body_key is None or d.body_key.endswith(own) for d in decisions):
        return ()  # no decision of the paper or of the issuer's own bodies
    if any(p.ags == author.ags and p.program_key == program for p in participations):
        return ()
    mention = next(h for h in inputs.program_hits if (h.parent_key or h.key) == program)
    evidence = doc.evidence(mention.start, mention.end, EXTRACTOR, 0.55)
    return (implied_participation(author.ags, author.name, program, inputs, evidence),)
