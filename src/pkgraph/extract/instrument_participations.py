"""A municipality that runs a program's own instrument, or has its money, takes part in it:
"das Netzwerk „Frühe Hilfen“ der Stadt Hamm", "die Fachstelle 'frühe Hilfen' koordiniert
alles", "die Netzwerkkoordination Frühe Hilfen", "ein neues Angebot der frühen Hilfen",
"77.411 Euro aus dem Landesprogramm „kinderstark“" state that the town is in the program
although no participation word is written.

The instrument's owner is the municipality written right after it ("… der Stadt X", "im Kreis
X"), else the town whose adjective precedes it ("das Briloner Netzwerk"), else the issuing
municipality, else the one a document without an issuer is about (its dateline, or the town it
names most; see :func:`pkgraph.extract.bodies.with_default_owner`). A state's or federal
instrument ("Landeskoordinierungsstelle", "Bundesinitiative") is no municipality's. A town
whose prevention chain has a coordinator takes part in the state's chain program the text is
about (:func:`chain_coordinations`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pkgraph.extract.bodies import town_of_adjective
from pkgraph.extract.participation_inputs import EXTRACTOR, ParticipationInputs
from pkgraph.extract.participation_programs import implied_participation
from pkgraph.extract.program_catalogue import CATALOGUE_BY_KEY, phase_for_member
from pkgraph.extract.programs import ProgramHit
from pkgraph.extract.text import DocumentText
from pkgraph.gazetteer import Municipality, load_gazetteer
from pkgraph.records import Participation

#: An instrument a municipality runs for a program, written right before the program's name
#: (or as the first word of a name the catalogue knows: "Netzwerk Frühe Hilfen"): its network,
#: its coordination or office, an offer of the program or its expansion.
_INSTRUMENT = (
    r"\b(?:Netzwerk(?:e|es|s|forum|koordination)?|(?:Netzwerk)?[Kk]oordinator(?:in|en|innen)?"
    r"|Koordinierungsstelle|Koordinationsstelle|Fachstelle"
    r"|(?:Service)?[Aa]ngebot(?:e|es|s)?\s+der|Ausbau\s+der"
    # its money or support: "77.411 Euro aus dem Landesprogramm „kinderstark“", "mit Mitteln
    # des Landesprogramms", "eine Landesförderung aus dem Projekt", "dank des
    # Förderprogrammes", "unterstützt durch das Programm"
    r"|(?:Mitteln?|Geldern?|F(?:ö|o)rdermitteln?|F(?:ö|o)rdergeldern?|Euro|€"
    r"|(?:Landes)?[Ff](?:ö|o)rderung)\s+(?:aus\s+dem|des)"
    r"|(?:[Dd]ank|[Uu]nterst(?:ü|u)tzt\s+durch|[Gg]ef(?:ö|o)rdert\s+(?:durch|über))\s+(?:des|das|dem)"
    # work done under it: "im Rahmen des Programms „kinderstark“", "im Rahmen der Frühen Hilfen"
    r"|(?P<frame>[Ii]m\s+Rahmen\s+(?:des|der))"
    r")"
    r"\s+(?:[\w-]*(?:[Pp]rogramm(?:e?s)?|[Pp]rojekts?)(?:\s+des\s+Landes)?\s+)?"
    r"(?:(?:der|präventiven|kommunalen)\s+)*[„\"“'‚‘»]?\s*"
)
_INSTRUMENT_BEFORE = re.compile(_INSTRUMENT + "$")
_INSTRUMENT_AT = re.compile(_INSTRUMENT)
#: Between the program's name and the municipality that owns the instrument.
_OWNER_GAP = re.compile(
    r"^[“”\"'’‘«]?\s*(?:(?:der|des|im|in\s+der|in)\s+)?(?:(?:Stadt|Gemeinde|Kreises)\s+)?$"
)
_REACH = 60  # characters before a program name an instrument is looked for


def instrument_participations(
    doc: DocumentText,
    participations: Sequence[Participation],
    inputs: ParticipationInputs,
    default_owner: Municipality | None,
) -> tuple[Participation, ...]:
    """The participations that a program's instruments state and ``participations`` lacks."""
    known = {(p.ags, p.program_key) for p in participations}
    found: list[Participation] = []
    for hit in inputs.program_hits:
        entry = CATALOGUE_BY_KEY.get(hit.key)
        if entry is not None and entry.funding_only:
            continue
        instrument = _INSTRUMENT_AT.match(doc.text, hit.start, hit.end) or (
            _INSTRUMENT_BEFORE.search(doc.text, max(0, hit.start - _REACH), hit.start)
        )
        if instrument is None or (entry is None and instrument["frame"]):
            continue  # (work "im Rahmen" of a local project says less than of a state program)
        owner = _owner(doc.text, instrument.start(), hit, inputs) or default_owner
        if owner is None:
            continue
        program = phase_for_member(hit.key, owner.ags) if entry is not None else hit.key
        if (owner.ags, program) in known:
            continue
        known.add((owner.ags, program))
        evidence = doc.evidence(instrument.start(), hit.end, EXTRACTOR, 0.6)
        found.append(implied_participation(owner.ags, owner.name, program, inputs, evidence))
    return tuple(found)


#: The programs of the state's prevention chains, one line of renamings.
_CHAIN_PROGRAMS = (
    "kein-kind-zuruecklassen",
    "kein-kind-zuruecklassen-nrw",
    "kommunale-praeventionsketten",
    "kinderstark",
)
#: Who coordinates a town's prevention chain: "Koordinatorin für den Aufbau der
#: Präventionskette in Neuss", "Koordinator der kommunalen Präventionskette der Stadt X".
_CHAIN_COORDINATOR = re.compile(
    r"\b(?:Netzwerk)?[Kk]oordinator(?:in|en|innen)?\s+(?:für\s+den\s+(?:Auf|Aus)bau\s+)?"
    r"(?:der|des|von)\s+(?:kommunalen\s+)?Präventionskette[n]?\s+(?:in|der\s+Stadt|des\s+Kreises|"
    r"der\s+Gemeinde|im)\s+$"
)


def chain_coordinations(
    doc: DocumentText,
    participations: Sequence[Participation],
    inputs: ParticipationInputs,
) -> tuple[Participation, ...]:
    """The towns whose prevention chain a text about the state's chain program has someone
    coordinate: they take part in that program."""
    program = inputs.main_program
    if program not in _CHAIN_PROGRAMS:
        return ()
    known = {p.ags for p in participations if p.program_key == program}
    found: list[Participation] = []
    for town in inputs.municipality_hits:
        coordinator = _CHAIN_COORDINATOR.search(doc.text, max(0, town.start - 120), town.start)
        if coordinator is None or town.ags in known:
            continue
        known.add(town.ags)
        evidence = doc.evidence(coordinator.start(), town.end, EXTRACTOR, 0.6)
        found.append(implied_participation(town.ags, town.name, program, inputs, evidence))
    return tuple(found)


def _owner(
    text: str, start: int, hit: ProgramHit, inputs: ParticipationInputs
) -> Municipality | None:
    """The municipality named as the instrument's owner, else the issuing one."""
    gazetteer = load_gazetteer()
    for town in inputs.municipality_hits:
        if hit.end <= town.start <= hit.end + 40 and _OWNER_GAP.match(text[hit.end : town.start]):
            return gazetteer.by_ags(town.ags)
    return town_of_adjective(text, start) or inputs.author
