"""Which municipalities a participation sentence speaks of besides those it names plainly —
"die Stadt" in the town's own paper is the town, "Bochumer Projekte" are Bochum's, "beide
Städte" are the two the sentence before names — and which named ones take no part: partners of
someone else's application ("zusammen mit den Städten A, B"), the owners of a named project
("„Projekt“ der Städte A, B"; both are members of a joint application instead) and a Kreis
that only locates a town ("Dinslaken (Kreis Wesel)"), and the place where members met
("Vertreter aus den Modellkommunen in Oberhausen zogen Bilanz").
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from pkgraph.extract.joint_applications import PARTNERS_BEFORE, PROJECT_OWNERS_BEFORE
from pkgraph.extract.municipalities import MunicipalityHit, municipality_lists
from pkgraph.extract.participation_inputs import ParticipationInputs, hits_in
from pkgraph.extract.text import DocumentText, Span
from pkgraph.gazetteer import Municipality, load_gazetteer

#: "Dinslaken (Kreis Wesel)": a Kreis in brackets after a town only locates it.
_LOCATOR_GAP = re.compile(r"^\s*\($")

#: "die Stadt", "der Kreis", "die (Kreis)verwaltung" without a name after it: the issuing
#: municipality (of that kind).
_AUTHOR_ANAPHOR = re.compile(
    r"\b(?:[Dd]ie|[Dd]er|[Uu]nsere|[Dd]iese)\s+(?:(?P<kind>(?:Landeshaupt)?[Ss]tadt|Gemeinde|Kreis)"
    r"(?:verwaltung)?|"
    r"Verwaltung)\b(?![-\w])(?!\s+[A-ZÄÖÜ])"
)

#: "Beide Städte", "die beiden Gemeinden": the two municipalities the sentence before names.
_BOTH_ANAPHOR = re.compile(
    r"\b(?:[Bb]eide|[Dd]ie\s+beiden)\s+(?:St(?:ä|a)dte|Gemeinden|Kommunen|Kreise)\b"
)


_NUMBER = {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8}
_COUNT = r"(?P<count>\d+|zwei|drei|vier|fünf|sechs|sieben|acht)"
#: "In diesen vier der bislang 18 Kommunen", "Diese Städte sind Modellkommunen": the
#: municipalities the sentence before lists (as many as the number says).
_THESE_ANAPHOR = re.compile(
    rf"\b[Dd]iese[n]?\s+(?:{_COUNT}\s+der\s+[^.;,]{{0,50}}?(?:Kommunen|St(?:ä|a)dte|Gemeinden|"
    rf"Kreise)|(?:{_COUNT.replace('count', 'counted')}\s+)?(?:St(?:ä|a)dte|Gemeinden|Kommunen|"
    r"Kreise))\b"
)


def counts_members(text: str) -> bool:
    """Whether the sentence counts members of the program's group ("In diesen vier der
    bislang 18 Kekiz-Kommunen wollen sie sich informieren"): the noun phrase states the
    membership, whatever the verb of the sentence says of others."""
    these = _THESE_ANAPHOR.search(text)
    return bool(these and these.group("count"))


#: After a list: the group it counts ("… fast alle Kreis-Kommunen", "… drei kreisfreie Städte").
_COLLECTIVE_AFTER = re.compile(
    r"\s+(?:fast\s+|nahezu\s+|damit\s+)?(?:alle|beide|zwei|drei|vier|fünf|sechs|sieben|acht|neun|"
    r"zehn|\d+)\s+(?:[a-zäöüß]+e[n]?\s+)?[\w-]*(?:[Kk]ommunen|St(?:ä|a)dte|Kreise|Gemeinden)\b"
)


#: Before a municipality the sentence excepts: "nehmen alle Städte teil bis auf die Stadt X",
#: "außer Y", "mit Ausnahme des Kreises Z".
_EXCEPTED_BEFORE = re.compile(
    r"\b(?:bis\s+auf|außer|ausgenommen|mit\s+Ausnahme(?:\s+von)?)\s+(?:(?:der|die|den|des|dem)\s+)?"
    r"(?:(?:Stadt|Gemeinde|Kreis(?:es)?)\s+)?$"
)


#: Taking part as a fact ("teilnehmen wird", "ist beteiligt", "wurde aufgenommen"), which
#: partners share; an application ("bewirbt sich", "Antrag") is only the applicant's.
_TAKES_PART = re.compile(
    r"teilnehm|teilnimmt|teilnahm|teilgenommen|\bTeilnahme\b|beteilig|aufgenommen|"
    r"ausgew(?:ä|a)hlt"
)
_APPLIES = re.compile(r"[Bb]ewerb|bewirbt|beworben|[Aa]ntrag|beantrag|bekundung")


def non_participants(doc: DocumentText, sentence: Span, inputs: ParticipationInputs) -> set[int]:
    """Start offsets of hits that are partners, project owners or excepted, not participants.
    Partners joined to a participation stated as a fact take part too ("dass der Kreis
    gemeinsam mit den Städten A und B am Modellprojekt teilnehmen wird")."""
    hits = hits_in(sentence, inputs)
    excluded = {
        h.start for h in hits if _EXCEPTED_BEFORE.search(doc.text[max(0, h.start - 40) : h.start])
    }
    text = doc.text[sentence.start : sentence.end]
    partners_take_part = bool(_TAKES_PART.search(text)) and not _APPLIES.search(text)
    for group in municipality_lists(doc.text, hits):
        before = doc.text[max(sentence.start, group[0].start - 40) : group[0].start]
        if _COLLECTIVE_AFTER.match(doc.text, group[-1].end):
            continue  # "mit A, B und C fast alle Kreis-Kommunen": the members it counts
        partners = PARTNERS_BEFORE.search(before) and not partners_take_part
        if partners or PROJECT_OWNERS_BEFORE.search(before):
            excluded.update(h.start for h in group)
    return excluded | locators(doc, hits)


#: "aus den Modellkommunen in Oberhausen": a group of members cannot be one town, so the
#: town after it is where they are (met, worked), not one of them.
_GROUP_IN = re.compile(r"[\w-]*[Kk]ommunen\s+in\s+$")


#: "des Diözesan-Caritasverbandes Köln", "der Diakonie Düsseldorf", "die Sparkasse Hamm": a
#: place that names an organisation, which takes part, not the town.
_ORGANISATION_BEFORE = re.compile(
    r"(?:[Vv]erband(?:es|s)?|Caritas|Diakonie|Diözese|[Bb]istums?|Kirchenkreis(?:es)?|"
    r"Sparkasse|Volksbank|Universität|Hochschule|Jobcenter|Stiftung|Verein(?:s)?|"
    # and its seat after its legal form: "des Bunten Kreises Münsterland e.V., Coesfeld"
    r"e\.\s?V\.,?|g?GmbH,)"
    r"\s+$"
)


#: A news item's dateline: where it was reported from, not who takes part ("Wuppertal /
#: Düsseldorf · Wuppertal bekommt 433.000 Euro", "Köln (epd) – ...").
_DATELINE = re.compile(
    r"[ \t]*[A-ZÄÖÜ][\w.-]*(?:[ \t]+[A-ZÄÖÜ][\w.-]*){0,2}"
    r"(?:[ \t]*/[ \t]*[A-ZÄÖÜ][\w.-]*(?:[ \t]+[A-ZÄÖÜ][\w.-]*){0,2})*"
    r"[ \t]*(?:·|\((?:dpa|epd|kna|afp|dts|ots|lnw|ddp)[^)\n]{0,10}\)[ \t]*[-–—:]?)"
)
#: How far before a hit its dateline's line may start.
DATELINE_CHARS = 200


def _in_dateline(text: str, hit: MunicipalityHit) -> bool:
    """Whether the hit stands in the dateline opening its line (only that line is read)."""
    floor = max(0, hit.start - DATELINE_CHARS)
    newline = text.rfind("\n", floor, hit.start)
    if newline < 0 and floor > 0:
        return False  # far from its line's start
    dateline = _DATELINE.match(text, newline + 1)
    return dateline is not None and hit.start < dateline.end()


def locators(doc: DocumentText, hits: list[MunicipalityHit]) -> set[int]:
    """Start offsets of Kreise in brackets after a town ("Dinslaken (Kreis Wesel)"), of a
    single town after a plural group ("den Modellkommunen in Oberhausen"), of a place in an
    organisation's name ("des Caritasverbandes Köln") and of the places of a dateline."""
    gazetteer = load_gazetteer()
    bracketed = {
        hit.start
        for before, hit in pairwise(hits)
        if _LOCATOR_GAP.match(doc.text[before.end : hit.start])
        and (entry := gazetteer.by_ags(hit.ags)) is not None
        and entry.is_kreis
    }
    listed = {
        h.start for group in municipality_lists(doc.text, hits) if len(group) > 1 for h in group
    }
    meeting_places = {
        hit.start
        for hit in hits
        if hit.start not in listed
        and _GROUP_IN.search(doc.text[max(0, hit.start - 40) : hit.start])
    }
    named = {
        hit.start
        for hit in hits
        if _ORGANISATION_BEFORE.search(doc.text[max(0, hit.start - 30) : hit.start])
    }
    reported_from = {h.start for h in hits if _in_dateline(doc.text, h)}
    return bracketed | meeting_places | named | reported_from


def anaphor_referents(
    doc: DocumentText, index: int, inputs: ParticipationInputs
) -> list[MunicipalityHit]:
    """The municipalities "beide Städte" / "diese vier (der 18 Kommunen)" / "diese Städte"
    refer to: the last enumeration of the sentence before, when it names as many as the
    anaphor says (two for "beide", at least two for a plain "diese Städte")."""
    sentence = doc.sentence_spans[index]
    text = doc.text[sentence.start : sentence.end]
    if index == 0:
        return []
    these = _THESE_ANAPHOR.search(text)
    if _BOTH_ANAPHOR.search(text):
        wanted: int | None = 2
    elif these:
        count = these.group("count") or these.group("counted")
        wanted = None if count is None else _NUMBER.get(count) or int(count)
    else:
        return []
    groups = municipality_lists(doc.text, hits_in(doc.sentence_spans[index - 1], inputs))
    named = {h.ags: h for h in groups[-1]} if groups else {}
    if wanted is None:
        return list(named.values()) if len(named) >= 2 else []
    return list(named.values()) if len(named) == wanted else []


def demonyms(
    doc: DocumentText, sentence: Span, inputs: ParticipationInputs
) -> list[MunicipalityHit]:
    """Towns of the document named by their adjective in ``sentence`` ("Bochumer Projekte"),
    not inside a program's name („Starke Kinder im Tecklenburger Land“)."""
    text = doc.text[sentence.start : sentence.end]
    towns = {h.name: h for h in inputs.municipality_hits if " " not in h.name and len(h.ags) > 5}
    found = [
        replace(hit, start=sentence.start + m.start(), end=sentence.start + m.end())
        for name, hit in towns.items()
        for m in re.finditer(rf"\b{re.escape(name.removesuffix('e'))}er\b", text)
    ]
    return [
        hit for hit in found if not any(p.start <= hit.start < p.end for p in inputs.program_hits)
    ]


def author_anaphors(
    doc: DocumentText, sentence: Span, inputs: ParticipationInputs
) -> list[MunicipalityHit]:
    """ "die Stadt" in a sentence naming no municipality, in a paper the town issued, as the
    town ("..., an der die Stadt ohne Unterbrechung teilgenommen hat"); "der Kreis" and "die
    Verwaltung" likewise. Without an issuer, "die Stadt" is the town the text is about and "der
    Kreis" the one Kreis it names."""
    if hits_in(sentence, inputs):
        return []
    text = doc.text[sentence.start : sentence.end]
    found = []
    for m in _AUTHOR_ANAPHOR.finditer(text):
        author = inputs.author
        if author is None and m["kind"] == "Kreis":
            author = _sole_kreis(inputs)
        elif author is None and m["kind"] is not None:
            author = inputs.subject
        if author is not None and (m["kind"] is None or (m["kind"] == "Kreis") == author.is_kreis):
            start, end = sentence.start + m.start(), sentence.start + m.end()
            found.append(MunicipalityHit(author.ags, author.name, start, end, True))
    return found


def _sole_kreis(inputs: ParticipationInputs) -> Municipality | None:
    """The one Kreis a text without an issuer names ("Der Kreis beteiligt sich …" in a report
    that names the Kreis Unna and its towns), if it names exactly one."""
    gazetteer = load_gazetteer()
    kreise = {
        h.ags for h in inputs.municipality_hits if (e := gazetteer.by_ags(h.ags)) and e.is_kreis
    }
    return gazetteer.by_ags(kreise.pop()) if len(kreise) == 1 else None
