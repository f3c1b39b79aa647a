"""A municipality that receives a program's money takes part in it: "Auf Antrag kann der
Jugendamtsbezirk Viersen 60.852 Euro … erhalten" in a text about "kinderstark" states that
Viersen is in kinderstark, whatever participation word the text uses or lacks.

Read from the funding facts after both extractors ran, so the rule sees the recipient and the
program funding resolved (its own sentence's program, else the document's main one). Money of
a program that only funds (ESF) makes no participation.
"""

from __future__ import annotations

from collections.abc import Sequence

from pkgraph.extract.participation_inputs import ParticipationInputs
from pkgraph.extract.participation_programs import implied_participation
from pkgraph.extract.program_catalogue import CATALOGUE_BY_KEY, phase_for_member
from pkgraph.records import Funding, Participation, ags_of_key


def funded_participations(
    funding: Sequence[Funding], participations: Sequence[Participation], inputs: ParticipationInputs
) -> tuple[Participation, ...]:
    """The participations the funding states that ``participations`` lacks."""
    known = {(p.ags, p.program_key) for p in participations}
    found: list[Participation] = []
    for grant in funding:
        ags, program = ags_of_key(grant.recipient_key), grant.program_key
        if ags is None or program is None:
            continue
        entry = CATALOGUE_BY_KEY.get(program)
        if entry is not None:  # the phase this municipality can be in (as participations do)
            program = phase_for_member(program, ags)
        if (entry is not None and entry.funding_only) or (ags, program) in known:
            continue
        known.add((ags, program))
        name = grant.recipient or ags
        found.append(implied_participation(ags, name, program, inputs, grant.evidence))
    return tuple(found)
