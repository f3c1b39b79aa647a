"""Joint applications: municipalities applying or acting together.

Partners of an application ("Verbundbewerbung des Kreises Unna zusammen mit den Städten A, B"),
the owners of a joint or named project ("Kooperationsprojekt der Städte A, B", "„Projekt“ der
Städte A, B") and whoever the sentence says joins it, or — with a joint word and a participation
word — every municipality of the sentence ("A und B haben sich der Verbundbewerbung
angeschlossen"). "des Kreises" without a name is the document's Kreis; a joint word with a
definite article ("dem Verbund") refers to an application named before and adds its members.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pkgraph.extract.municipalities import MunicipalityHit, document_kreis, municipality_lists
from pkgraph.extract.participation_cues import CUE, NEGATED
from pkgraph.extract.participation_inputs import EXTRACTOR, ParticipationInputs, hits_in
from pkgraph.extract.participation_programs import implied_participation, sentence_program
from pkgraph.extract.text import DocumentText, Span
from pkgraph.records import JointApplication, Participation

_PLURAL = r"(?:St(?:ä|a)dten?|Gemeinden|Kommunen|Kreisen?)"
#: Before a list of partners: "X zusammen mit den Städten A, B".
PARTNERS_BEFORE = re.compile(
    rf"(?:zusammen|gemeinsam)?\s*\bmit\s+(?:den|dem|der)?\s*{_PLURAL}?\s*$"
)
#: Before the owners of a named project: "„Projekt“ der Städte A, B".
PROJECT_OWNERS_BEFORE = re.compile(rf"[“”\"]\s+(?:der|des)\s+{_PLURAL}?\s*$")
#: Words that name an application or project of several municipalities.
_JOINT_NOUN = (
    r"(?:Verbund\w*|\w*[Kk]ooperationsprojekt\w*|\w*[Kk]ooperationsvorhaben\w*|"
    r"[Gg]emeinsame[nrs]?\s+(?:Bewerbung|Antr(?:a|ä)g\w*|Projekt\w*|Vorhaben\w*|"
    r"Interessen(?:s)?bekundung)|[Ii]nterkommunale[nrs]?\s+(?:Projekt\w*|Vorhaben\w*|Bewerbung))"
)
JOINT = re.compile(rf"\b(?P<definite>(?:der|dem|den|des|das|diese[mnrs]?)\s+)?{_JOINT_NOUN}")
#: One of these is in every :data:`JOINT` match (it is case-sensitive).
_JOINT_WORDS = (
    "Verbund",
    "ooperationsprojekt",
    "ooperationsvorhaben",
    "emeinsame",
    "nterkommunale",
)
_JOINT_OWNERS_BEFORE = re.compile(rf"(?:[“”\"]|\b{_JOINT_NOUN})\s+(?:der|des)\s+{_PLURAL}?\s*$")
_OWNERS_NAMED_AFTER = re.compile(
    r"^\s*(?:[„“\"»]|(?:der|des)\s+(?:St(?:ä|a)dte|Gemeinden|Kommunen|Kreise|Stadt|Gemeinde)\b|"
    r"des\s+Kreises\s+[A-ZÄÖÜ])"
)

#: "des Kreises", "mit dem Kreis" without a name: the Kreis the document speaks for.
_KREIS_ANAPHOR = re.compile(r"\b(?:des\s+Kreises|dem\s+Kreis|den\s+Kreis|der\s+Kreis)\b(?!-)")

_RELATIVE_JOINING = re.compile(r"\b(?:an\s+)?(?:dem|der|den|denen)\s+sich\b")
_NAME_AFTER = re.compile(r"^\s+[A-ZÄÖÜ]")
_PARTNER_ANAPHOR_BEFORE = re.compile(r"(?:zusammen|gemeinsam)\s+mit\s+$")


@dataclass(frozen=True)
class _Member:
    ags: str
    name: str
    span: Span


def _member(hit: MunicipalityHit) -> _Member:
    return _Member(hit.ags, hit.name, Span(hit.start, hit.end))


def _kreis_anaphors(
    doc: DocumentText, sentence: Span, inputs: ParticipationInputs
) -> list[_Member]:
    """ "des Kreises", "mit dem Kreis" without a name, as the document's Kreis."""
    kreis = document_kreis(inputs.author)
    if kreis is None:
        return []
    text = doc.text[sentence.start : sentence.end]
    return [
        _Member(kreis.ags, kreis.name, Span(sentence.start + m.start(), sentence.start + m.end()))
        for m in _KREIS_ANAPHOR.finditer(text)
        if not _NAME_AFTER.match(text[m.end() :])
    ]


def _joiners(
    text: str,
    hits: list[MunicipalityHit],
    owners: list[MunicipalityHit],
    cue: re.Match[str] | None,
) -> list[MunicipalityHit]:
    """Who joins the owners' project: named before them in a sentence about taking part
    ("Teilnahme der Stadt X am Projekt ... der Städte A, B"), or after them in a relative
    clause ("..., an dem sich die Gemeinde X beteiligt")."""
    if cue is None:
        return []
    before = [h for h in hits if h.start < owners[0].start]
    after = [
        h
        for h in hits
        if h.start > owners[-1].end and _RELATIVE_JOINING.search(text[owners[-1].end : h.start])
    ]
    return before + after


def find_joint_word(text: str) -> re.Match[str] | None:
    """``JOINT.search(text)``; a text without one of its words skips the regex, whose ``\\w*``
    tries every word."""
    if not any(word in text for word in _JOINT_WORDS):
        return None
    return JOINT.search(text)


def _sentence_members(
    doc: DocumentText,
    sentence: Span,
    words: tuple[re.Match[str] | None, re.Match[str] | None],
    inputs: ParticipationInputs,
) -> list[_Member]:
    """Members of a joint application the sentence states (``words``: its joint word and its
    participation word, if any)."""
    joint, cue = words
    hits = hits_in(sentence, inputs)
    groups = municipality_lists(doc.text, hits)
    anaphors = _kreis_anaphors(doc, sentence, inputs)
    members: list[_Member] = []
    for number, group in enumerate(groups):
        before = doc.text[max(sentence.start, group[0].start - 40) : group[0].start]
        if PARTNERS_BEFORE.search(before):  # "X zusammen mit den Städten A, B"
            lead = groups[number - 1] if number > 0 else []
            members += [_member(h) for h in lead + group]
        elif _JOINT_OWNERS_BEFORE.search(before):  # "„Projekt“ der Städte A, B"
            members += [_member(h) for h in [*_joiners(doc.text, hits, group, cue), *group]]
    for anaphor in anaphors:  # "gemeinsam mit dem Kreis"
        if _PARTNER_ANAPHOR_BEFORE.search(doc.text[sentence.start : anaphor.span.start]):
            before_anaphor = [g for g in groups if g[-1].end <= anaphor.span.start]
            lead = before_anaphor[-1] if before_anaphor else []
            members += [_member(h) for h in lead] + [anaphor]
    if joint and cue and not members:  # "A und B haben sich der Verbundbewerbung angeschlossen"
        members = [_member(h) for h in hits] + anaphors
    return members


def _identity(joint: JointApplication) -> tuple[object, ...]:
    return (joint.ags, joint.program_key, joint.project_key)


def extract_joint_applications(
    doc: DocumentText, inputs: ParticipationInputs
) -> tuple[JointApplication, ...]:
    """Municipalities applying or acting together: partners ("zusammen mit"), the owners of a
    joint project and those who join it, and members of a joint application ("Verbund-
    bewerbung") — joining one named before ("der Verbundbewerbung ... angeschlossen") adds
    its members."""
    found: list[JointApplication] = []
    for index, sentence in enumerate(doc.sentence_spans):
        text = doc.text[sentence.start : sentence.end]
        if doc.search_sentence(NEGATED, index):
            continue
        joint_word, cue = find_joint_word(text), doc.search_sentence(CUE, index)
        members = _sentence_members(doc, sentence, (joint_word, cue), inputs)
        if not members:
            continue
        unique = {m.ags: m.name for m in members}
        project = next(
            (
                h.key
                for h in inputs.program_hits
                if sentence.start <= h.start < sentence.end and not h.is_catalogued
            ),
            None,
        )
        # "dem Verbund": one named before (sharing a member, else the latest) unless its
        # owners are named right after ("das Kooperationsprojekt der Städte A und B")
        sharing = [j for j in found if set(j.ags) & set(unique)]
        named = joint_word and _OWNERS_NAMED_AFTER.match(text[joint_word.end() :])
        earlier = sharing or ([] if named else found)
        if joint_word and joint_word["definite"] and earlier:
            referred = earlier[-1]
            unique = {**dict(zip(referred.ags, referred.municipalities, strict=True)), **unique}
            project = project or referred.project_key
        if len(unique) < 2:
            continue
        words = [joint_word, *CUE.finditer(text)]  # the evidence shows the joining words
        spans = [m.span for m in members] + [
            Span(sentence.start + word.start(), sentence.start + word.end())
            for word in words
            if word
        ]
        application = JointApplication(
            ags=tuple(unique),
            municipalities=tuple(unique.values()),
            program_key=sentence_program(doc, index, inputs),
            project_key=project,
            evidence=doc.evidence(
                min(s.start for s in spans), max(s.end for s in spans), EXTRACTOR, 0.7
            ),
        )
        if all(_identity(j) != _identity(application) for j in found):
            found.append(application)
    return tuple(found)


#: The document says the application succeeded: "Die Bewerbung war erfolgreich", "erhielt
#: den Zuschlag".
_SUCCEEDED = re.compile(
    r"\b(?:Bewerbung|Verbundbewerbung|Antrag)\s+(?:war|ist|wurde|waren)\s+(?:\w+\s+)?erfolgreich\b|"
    r"\b(?:erhielt|erhielten|erhalten|bekam|bekamen)\s+(?:\w+\s+){0,3}?den\s+Zuschlag\b"
)


def successful_partners(
    doc: DocumentText,
    joint_applications: Sequence[JointApplication],
    participations: Sequence[Participation],
    inputs: ParticipationInputs,
) -> tuple[Participation, ...]:
    """The partners of a joint application for a program take part in it when the document
    says the application succeeded (without that, applying is no participation)."""
    if not _SUCCEEDED.search(doc.text):
        return ()
    known = {(p.ags, p.program_key) for p in participations}
    found = []
    for joint in joint_applications:
        if joint.program_key is None:
            continue
        for ags, name in zip(joint.ags, joint.municipalities, strict=True):
            if (ags, joint.program_key) not in known:
                known.add((ags, joint.program_key))
                found.append(
                    implied_participation(ags, name, joint.program_key, inputs, joint.evidence)
                )
    return tuple(found)
