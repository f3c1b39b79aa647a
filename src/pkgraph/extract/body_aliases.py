"""Two names of one body in one document: "das Jugendamt" of a Kreis paper that also says
"das Kreisjugendamt" is that Kreisjugendamt (the Kreis has one youth office), "das
Landesjugendamt" of a text naming the "Landesjugendamt Rheinland" is that one, and "die Caritas"
or "die Grünen" of a text naming one "Caritasverband …" or one Green Fraktion is that one."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pkgraph.extract.bodies import BodyHit

YOUTH_OFFICE = "Jugendamt"
KREIS_YOUTH_OFFICE = "Kreisjugendamt"
STATE_YOUTH_OFFICE = "Landesjugendamt"


def _base(hit: BodyHit) -> str:
    return (
        hit.name[: -len(hit.of) - 3] if hit.of and hit.name.endswith(f" ({hit.of})") else hit.name
    )


def _one_state_youth_office(hits: list[BodyHit]) -> list[BodyHit]:
    """A bare "Landesjugendamt" in a text that names one with its region ("Landesjugendamt
    Rheinland") is that one."""
    named = {(h.key, h.name) for h in hits if h.name.startswith(STATE_YOUTH_OFFICE + " ")}
    if len(named) != 1:
        return hits
    key, name = named.pop()
    return [replace(h, key=key, name=name) if h.name == STATE_YOUTH_OFFICE else h for h in hits]


#: A ministry by its short name: "Familienministerium", "NRW-Familienministerium".
_SHORT_MINISTRY = re.compile(r"^(?:NRW-)?(?P<topic>[A-ZÄÖÜ][a-zäöüß]+?)(?:s|n)?ministerium\b")


def _one_ministry(hits: list[BodyHit]) -> list[BodyHit]:
    """A short "Familienministerium" in a text that names one ministry in full with that topic
    ("Ministerium für Familie, Kinder, Jugend, Kultur und Sport") is that ministry."""
    full = [h for h in hits if h.kind == "ministry" and h.name.startswith("Ministerium für ")]
    renamed = []
    for hit in hits:
        short = _SHORT_MINISTRY.match(hit.name) if hit.kind == "ministry" else None
        if short:
            topic = re.compile(rf"\b{short['topic']}", re.IGNORECASE)
            named = {(h.key, h.name) for h in full if topic.search(h.name[len("Ministerium") :])}
            if len(named) == 1:
                key, name = named.pop()
                hit = replace(hit, key=key, name=name)
        renamed.append(hit)
    return renamed


#: Short names of an organisation -> the word that the one longer name of it in the same
#: text contains ("Caritas" -> "Caritasverband für die Region Kempen-Viersen", "GRÜNE" ->
#: "Fraktion Bündnis 90/Die Grünen (Krefeld)").
_SHORT_ORGANISATION = (
    (re.compile(r"^Caritas$"), "caritas"),
    (re.compile(r"^(?:(?:Bündnis|B)\s*90\s*/\s*(?:Die\s+)?)?Grünen?$", re.IGNORECASE), "grün"),
)


def _one_organisation(hits: list[BodyHit]) -> list[BodyHit]:
    """A short name (:data:`_SHORT_ORGANISATION`) in a text that names one longer body with
    its word is that body."""
    renamed = []
    for hit in hits:
        for short, word in _SHORT_ORGANISATION:
            if short.match(hit.name):
                longer = {
                    (h.key, h.name, h.kind, h.of, h.of_ags)
                    for h in hits
                    if word in h.name.casefold() and not short.match(h.name)
                }
                if len(longer) == 1:
                    key, name, kind, of, of_ags = longer.pop()
                    hit = replace(hit, key=key, name=name, kind=kind, of=of, of_ags=of_ags)
        renamed.append(hit)
    return renamed


def _same_youth_office(hits: list[BodyHit]) -> list[BodyHit]:
    """A "Jugendamt" without an owner, or with the same owner as the one "Kreisjugendamt" the
    document names, is that Kreisjugendamt."""
    kreis_offices = {
        (h.key, h.name, h.of, h.of_ags) for h in hits if _base(h) == KREIS_YOUTH_OFFICE
    }
    if len(kreis_offices) != 1:
        return hits
    key, name, of, of_ags = kreis_offices.pop()
    return [
        replace(hit, key=key, name=name, of=of, of_ags=of_ags)
        if _base(hit) == YOUTH_OFFICE and hit.of in (None, of)
        else hit
        for hit in hits
    ]


def merge_aliases(hits: list[BodyHit]) -> list[BodyHit]:
    """Every short name of a body the document also names in full, named as that body."""
    return _same_youth_office(_one_state_youth_office(_one_ministry(_one_organisation(hits))))
