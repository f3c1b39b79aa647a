"""Decisions a text reports rather than makes: "Der Kreistag hat in der Sitzung vom 12.12.2018
dem Leitbild zugestimmt", "Das Bundesministerium ... hat das Konzept erneut genehmigt",
"Einstimmig hat der Rat ... beschlossen", "Dabei empfahl der Ausschuss dem Rat ...". A body
before the decision verb (a simple past right next to it: "Der Rat beschloss", "beschloss der
Rat"), no modal or question in the verb's clause; the date is the session's near the body (not a
start or deadline), else the session of that body an earlier sentence of the section names
("hat in seiner Sitzung am 29.11.2018 ... beraten"); without either the body must be the subject
of a perfect-tense report. After such a session a passive act without a body ("Den Anträgen
wurde ein positives Votum ausgesprochen") is the session's. Several acts of one session are
kept apart when their kinds differ or a report says so ("des Weiteren", "außerdem").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from itertools import pairwise

from pkgraph.extract.bodies import BodyHit
from pkgraph.extract.dates import YEAR, find_dates
from pkgraph.extract.decision_report_dates import (
    DATE_AFTER_BODY,
    DATE_BEFORE_BODY,
    SESSION_DATE_BEFORE,
    dates_near,
    reported_date,
    sentence_dates,
)
from pkgraph.extract.decision_setting import DECIDING_KINDS, DecisionInputs, make_decision
from pkgraph.extract.decision_text import decision_kind, parse_vote
from pkgraph.extract.refs import find_refs
from pkgraph.extract.text import DocumentText, Span
from pkgraph.records import Decision

REPORTING_KINDS = ("council", "committee", "conference", "working_group", "ministry")
DECISION_VERB = re.compile(
    r"\b(?:zugestimmt|zur\s+Kenntnis\s+genommen|beschlossen|verabschiedet|genehmigt|"
    r"bewilligt|beauftragt|"
    # an attribute with its session: "des am 07.05.2018 durch den Rat beschlossenen Konzeptes"
    r"(?P<attribute>beschlossene[nmrs]?)|"
    # the noun with its body and day: "Mit Beschluss des Rates der Stadt X vom 14.12.2015"
    r"(?P<noun>Beschluss)(?=\s+(?:des|der)\s+[A-ZÄÖÜ])|"
    # "Der Rat hat sich in seiner heutigen Sitzung (22.09.) dazu entschieden, ..."
    r"(?<=\bsich\s)(?:[^;]{0,80}?\s)?entschieden|"
    # "Der Rat hat am 05.07.2012 den Beschluss zur Teilnahme an dem Projekt gefasst"
    r"(?<=Beschluss\s)(?:[^.;]{0,100}?\s)?gefasst|"
    # simple past of a report: "Der Rat beschloss ...", "stimmte der Ausschuss ... zu"
    r"(?P<past>beschloss(?:en)?|verabschiedete[n]?|genehmigte[n]?|bewilligte[n]?|billigte[n]?|"
    r"beauftragte[n]?|stimmte[n]?(?=\s(?:[^.;]*?\s)?zu\b)))\b"
)
#: A commission: a council's decision, a ministry's or a network's contract.
_COMMISSIONED = re.compile(r"beauftragt")
#: Only a council or committee recommends as a decision ("hat ... die Teilnahme empfohlen").
_RECOMMENDED = re.compile(r"\b(?:empfohlen|empfahl(?:en)?)\b")
#: A vote of a session without its body: "Dem Antrag wurde ein positives Votum ausgesprochen".
_PASSIVE_VOTE = re.compile(
    r"\b(?:wurden?|ist|sind)\s+(?:\S+\s+){0,3}?(?:positives|negatives|einstimmiges|"
    r"zustimmendes)\s+Votum\s+(?:ausgesprochen|abgegeben|erteilt)\b|"
    r"\bwurden?\s+(?:\S+\s+){0,8}?(?:beschlossen|zugestimmt|verabschiedet|genehmigt|"
    r"bewilligt|zur\s+Kenntnis\s+genommen)\b|"
    # "Dazu wurde der Beschluss gefasst, ..."
    r"\bwurden?\s+(?:der|ein|folgender)\s+Beschluss\s+gefasst\b"
)
_MODAL = re.compile(
    r"\b(?:soll(?:en|te|ten)?|wird\s+\S+\s+werden|werden\s+\S+\s+werden|würde[n]?|möge|"
    r"könnte[n]?|müsste[n]?)\b"
)
#: Another act of the same session: "beschloss des Weiteren", "außerdem", "zudem".
_FURTHER = re.compile(
    r"\b(?:des\s+Weiteren|außerdem|zudem|ferner|darüber\s+hinaus|zusätzlich|schließlich|"
    r"ebenso|weiterhin)\b",
    re.IGNORECASE,
)
#: Where the clause of a verb begins and ends (a modal outside it belongs to another clause).
_CLAUSE_BREAK = re.compile(r"[,;:()]")

#: The body is the subject right at the start of its clause: "Der Rat hat ...", "Bereits am
#: 24.11.2021 hat der Jugendhilfeausschuss ...".
_SUBJECT_BEFORE = re.compile(
    r"(?:^\s*|[.:;]\s+|\bhat\s+|\bhaben\s+|\bwurde\s+|\bund\s+)(?:der|die|das|Der|Die|Das)?\s*$"
)
#: The subject right after a finite verb: "Dabei empfahl der Jugendhilfeausschuss ...".
_SUBJECT_AFTER_VERB = re.compile(r"^\s+(?:der|die|das)\s+$")


#: A subordinate clause of its own before the verb: "…, das der Rat bereits am … beschlossen
#: hat", "…, nachdem der Kreistag … zugestimmt hatte".
_SUBORDINATE_OPENING = re.compile(
    r"[,;(]\s*(?:das|die|der|dem|den|welche[snmr]?|nachdem|weil|da|als|wie)\s+[^,;:()]*$"
)


def _modal_governs(text: str, verb: re.Match[str]) -> bool:
    """A modal before the decision verb or in its clause ("Der Rat soll ... beschließen"); one
    in a later clause ("..., soweit die Mittel nicht reichen sollten") or in the main clause
    of a subordinate report ("Es soll …, das der Rat beschlossen hat") does not."""
    clause_end = _CLAUSE_BREAK.search(text, verb.end())
    subordinate = _SUBORDINATE_OPENING.search(text, 0, verb.start())
    begin = subordinate.start() if subordinate else 0
    return bool(_MODAL.search(text[begin : clause_end.start() if clause_end else len(text)]))


def _session(doc: DocumentText, sentence: Span, inputs: DecisionInputs) -> _Session | None:
    """The session a sentence reports a body met in ("Der Ausschuss hat in seiner Sitzung am
    29.11.2018 ... beraten"): its deciding body and date."""
    text = doc.text[sentence.start : sentence.end]
    for found in find_dates(text):
        if not SESSION_DATE_BEFORE.search(text[max(0, found.start - 40) : found.start]):
            continue
        for hit in inputs.body_hits:
            relative = hit.start - sentence.start
            near = found.start - DATE_AFTER_BODY <= relative <= found.start + DATE_BEFORE_BODY
            if 0 <= relative < len(text) and hit.kind in DECIDING_KINDS and near:
                return _Session(hit, found.iso)
    return None


@dataclass(frozen=True)
class _Session:
    body: BodyHit
    date: str


def _body_of(
    doc: DocumentText,
    sentence: Span,
    verb: re.Match[str],
    kinds: tuple[str, ...],
    inputs: DecisionInputs,
) -> BodyHit | None:
    """The body deciding in the sentence: one before the verb, else the subject right after
    it ("beschloss der Rat")."""
    absolute = sentence.start + verb.start()
    bodies = [
        h for h in inputs.body_hits if sentence.start <= h.start < absolute and h.kind in kinds
    ]
    if verb.re is DECISION_VERB and verb["past"] is not None:
        # a simple past ("genehmigte", "beschloss") right after its subject, not an adjective
        bodies = [h for h in bodies if not doc.text[h.end : absolute].strip()]
    if verb.re is DECISION_VERB and verb["noun"] is not None:
        return _noun_agent(doc, sentence.start + verb.end(), kinds, inputs)
    if verb.re is DECISION_VERB and verb["attribute"] is not None:
        # "durch den Rat beschlossenen": the agent of the attribute, not any earlier body
        return next((h for h in reversed(bodies) if _is_attribute_agent(doc, h, absolute)), None)
    if bodies:
        return bodies[0]
    for hit in inputs.body_hits:
        if hit.start >= sentence.start + verb.end() and hit.kind in kinds:
            gap = doc.text[sentence.start + verb.end() : hit.start]
            return hit if _SUBJECT_AFTER_VERB.match(gap) else None
    return None


def reported_decisions(
    doc: DocumentText, inputs: DecisionInputs, skip: list[Span]
) -> list[Decision]:
    """Every sentence outside ``skip`` (the paper's own decisions) that reports one; a
    sentence after one naming a body's session ("hat in seiner Sitzung am 29.11.2018 ...")
    reports that session's acts, also without a date or, in the passive, without a body."""
    decisions = []
    session: _Session | None = None
    section = -1
    hits = sorted(inputs.body_hits, key=lambda h: h.start)
    starts = [h.start for h in hits]
    for sentence in doc.sentence_spans:
        if doc.section_start(sentence.start) != section:
            session, section = None, doc.section_start(sentence.start)
        text = doc.text[sentence.start : sentence.end]
        # the bodies of this sentence only: linear in the document
        inside = hits[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
        local = replace(inputs, body_hits=tuple(inside))
        named_session = _session(doc, sentence, local)
        # the sentence's words (a line break before them may close the paper's own section)
        words = Span(sentence.start + len(text) - len(text.lstrip()), sentence.end)
        if any(words.overlaps(span) for span in skip):
            # the paper's own resolution may date an earlier one: "auf der Grundlage des am
            # 07.05.2018 durch den Rat beschlossenen Fachkonzeptes"
            earlier = _dated_attribute(doc, sentence, text, local)
            decisions += [earlier] if earlier is not None else []
            session = named_session or session
            continue
        decision = _reported(doc, sentence, text, local, named_session or session)
        if decision is not None:
            decisions.append(decision)
            partner = _coordinated(doc, inside, decision)
            if partner is not None:  # "haben der Jugendhilfeausschuss und der Rat … beschlossen"
                alone = replace(local, body_hits=tuple(h for h in inside if h is not partner[0]))
                also = _reported(doc, sentence, text, alone, named_session or session)
                decisions += [also] if also is not None and also.body_key == partner[1] else []
        session = named_session or session
    return decisions


def _dated_attribute(
    doc: DocumentText, sentence: Span, text: str, inputs: DecisionInputs
) -> Decision | None:
    """The dated decision a participle attribute reports inside another decision's text."""
    attribute = next((v for v in DECISION_VERB.finditer(text) if v["attribute"]), None)
    if attribute is None:
        return None
    decision = _reported(doc, sentence, text, inputs, None, attribute)
    if decision is None or decision.date is None:
        return None
    return replace(decision, kind=decision_kind(attribute.group()))


_AND_THE = re.compile(r"\s+(?:und|sowie)\s+(?:der|die|das)\s+$")


def _coordinated(
    doc: DocumentText, hits: list[BodyHit], decision: Decision
) -> tuple[BodyHit, str] | None:
    """The body a decision's body shares the subject with ("der Jugendhilfeausschuss und der
    Rat"): the decision's body hit, to leave out, and the other body's key."""
    for first, second in pairwise(hits):
        if first.key == decision.body_key and _AND_THE.fullmatch(
            " " + doc.text[first.end : second.start]
        ):
            return first, second.key
    return None


def _reported(
    doc: DocumentText,
    sentence: Span,
    text: str,
    inputs: DecisionInputs,
    session: _Session | None,
    verb: re.Match[str] | None = None,
) -> Decision | None:
    """The decision one sentence reports (by ``verb``, else its first decision verb), if any."""
    verb = verb or DECISION_VERB.search(text) or _RECOMMENDED.search(text)
    passive = _PASSIVE_VOTE.search(text)
    if text.rstrip()[-1:] == "?":
        return None
    body: BodyHit | None = None
    if verb and not _modal_governs(text, verb):
        kinds = DECIDING_KINDS if verb.re is _RECOMMENDED else REPORTING_KINDS
        body = _body_of(doc, sentence, verb, kinds, inputs)
        if body is not None and body.kind not in DECIDING_KINDS and _COMMISSIONED.match(verb[0]):
            body = None  # "Das MSB hat das Institut ... beauftragt": a contract, no decision
    dated = False
    if body is not None:
        dates = dates_near(
            sentence_dates(text, inputs.document_date),
            text,
            body.start - sentence.start,
            body.end - sentence.start,
        )
        date, dated = reported_date(text, dates), bool(dates)
        in_session = session is not None and session.body.key == body.key
        if date is None and in_session and not YEAR.search(text):
            date, dated = (session.date, True) if session else (None, False)  # "Dabei empfahl"
        elif not (
            dates
            or _is_subject(doc, sentence, body)
            or _simple_past(verb)
            or _is_agent(doc, sentence, body)
        ):
            return None
    elif passive and session is not None and not _modal_governs(text, passive):
        body, date, dated = session.body, session.date, True  # "wurde ein Votum ausgesprochen"
    else:
        return None
    refs = find_refs(text)
    decision = make_decision(
        doc,
        inputs,
        body,
        sentence,
        date,
        decision_kind(text),
        parse_vote(text),
        0.8 if dated else 0.7,
    )
    return replace(decision, paper=refs[0].reference if refs else None)


def distinct_acts(decisions: list[Decision]) -> list[Decision]:
    """One decision per body and date, unless a report names another act of the session
    ("beschloss des Weiteren", another kind: a recommendation and a Beschluss)."""
    kept: list[Decision] = []
    for decision in decisions:
        same = [d for d in kept if (d.body_key, d.date) == (decision.body_key, decision.date)]
        further = _FURTHER.search(decision.text) is not None
        if not same or all(d.kind != decision.kind for d in same) or further:
            kept.append(decision)
    return kept


#: The subject after the auxiliary of a perfect or pluperfect report, also the second of two
#: ("haben der Jugendhilfeausschuss und der Rat der Stadt Meerbusch … zur Kenntnis genommen"),
#: also after a pronoun or adverb ("das hat gestern der Kreisausschuss", "So hat es auch der Rat").
_AUXILIARY_BEFORE = re.compile(
    r"\b(?:hat|haben|hatte|hatten)\s+(?:[a-zäöüß]+\s+){0,2}?(?:der|die|das)\s+"
    r"(?:[^,.;]{1,80}?\s+und\s+(?:der|die|das)\s+)?$"
)


def _simple_past(verb: re.Match[str] | None) -> bool:
    """A simple past next to its body ("Nun beschloss der Rat ...", "Der Kreistag
    verabschiedete ..."): the report of an act, with or without its date."""
    return verb is not None and verb.re is DECISION_VERB and verb["past"] is not None


def _is_subject(doc: DocumentText, sentence: Span, body: BodyHit) -> bool:
    """The body leads the sentence as its subject, in the perfect tense of a report ("Der
    Jugendhilfeausschuss hat ... beschlossen", "Das Bundesministerium hat ... genehmigt")."""
    before = doc.text[sentence.start : body.start]
    after = doc.text[body.end : sentence.end]
    if _AUXILIARY_BEFORE.search(before[-140:]):
        return True  # "Einstimmig hat der Rat ... beschlossen", "hatte der Rat der Stadt X"
    return (
        len(before) <= 40
        and _SUBJECT_BEFORE.search(before) is not None
        and re.match(r"\s*(?:hat|haben|habe|hatte|hatten)\b", after) is not None
    )


#: The agent of a past passive: "wurde jüngst einstimmig vom Rat der Stadt Kleve beschlossen".
_AGENT_BEFORE = re.compile(
    r"\b(?:wurden?|worden)\s+(?:[^,;]{0,80}?\s)?(?:vom|von\s+der|von\s+dem|durch\s+den|"
    r"durch\s+die)\s+$"
)


def _is_agent(doc: DocumentText, sentence: Span, body: BodyHit) -> bool:
    """The body is the agent of a past passive report ("Die Richtlinie wurde vom
    Jugendhilfeausschuss beschlossen"): the report of an act, with or without its date."""
    return (
        _AGENT_BEFORE.search(doc.text[max(sentence.start, body.start - 120) : body.start])
        is not None
    )


_OF_THE = re.compile(r"\s+(?:des|der)\s+")
_DAY_AFTER = re.compile(r"\s+vom\s+\d")


def _noun_agent(
    doc: DocumentText, end: int, kinds: tuple[str, ...], inputs: DecisionInputs
) -> BodyHit | None:
    """The body of "Beschluss des Rates vom <day>": right after the noun, its day right after
    it (an undated "nach Beschluss des Rates" reports no decision of a known session)."""
    for hit in inputs.body_hits:
        if hit.start >= end and hit.kind in kinds and _OF_THE.fullmatch(doc.text[end : hit.start]):
            return hit if _DAY_AFTER.match(doc.text, hit.end) else None
    return None


#: The agent right before its body: "des am 07.05.2018 durch den Rat beschlossenen Konzeptes".
_AGENT_RIGHT_BEFORE = re.compile(r"\b(?:vom|von\s+der|von\s+dem|durch\s+den|durch\s+die)\s+$")
#: How far an attribute's agent may end before the attribute ("vom Rat der Stadt am ...").
MAX_AGENT_DISTANCE = 50


def _is_attribute_agent(doc: DocumentText, body: BodyHit, attribute: int) -> bool:
    """The body is the agent of a participle attribute ("vom Rat beschlossene Konzept"): near
    it, with its preposition; a body farther off ("vom Landtag ... Gesetzes") is not."""
    return attribute - body.end <= MAX_AGENT_DISTANCE and bool(
        _AGENT_RIGHT_BEFORE.search(doc.text[max(0, body.start - 12) : body.start])
    )


#: A resolution proposed in the present passive: "Die Verwaltung wird beauftragt, ...".
_PROPOSED = re.compile(r"\b(?:wird|werden)\s+$")


def _reports_decision(sentence: str) -> bool:
    return not _MODAL.search(sentence) and any(
        not _PROPOSED.search(sentence[max(0, verb.start() - 8) : verb.start()])
        and verb["attribute"] is None  # the attribute dates an act the sentence may also tell
        for verb in DECISION_VERB.finditer(sentence)
    )


def reported_decision_sentences(doc: DocumentText) -> set[int]:
    """Indices of sentences that report a decision (events leave these to decisions); a
    motion's proposed resolution ("Die Verwaltung wird beauftragt") reports none."""
    return {
        index
        for index, sentence in enumerate(doc.sentence_spans)
        if _reports_decision(doc.text[sentence.start : sentence.end])
    }
