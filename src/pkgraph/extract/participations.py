"""Participation of municipalities in programs, with the start the text states, and joint
applications.

A municipality takes part when a sentence says so: the program "im Kreis X" / "in X", or a
participation word (Teilnahme, beteiligt, Modellkommune, ausgewählt, Bewerbung, Beitritt,
schließt sich an, ...) with the municipality in the same sentence. Partners of someone else's
application ("zusammen mit den Städten A, B") and the owners of a named project ("„Projekt“
der Städte A, B") are members of a :class:`JointApplication` instead. The program is the one
the sentence names, else the one the two sentences before name, else the document's main
program.

The start (``since``) is only what the text states, strongest first: "seit 2018", "seit
diesem Jahr", a date or year with a joining word ("zum 01.04.2020 beigetreten"); a decision to
take part (the year of the decision); a municipality joining now ("schließt sich ... an",
"vereinbart, dass sich X beteiligt": the document's year); the start of the program the
document announces ("Das Projekt startet im Jahr 2012", not before the document's year);
the date of an application. Nothing stated, no start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pkgraph.extract.dates import MONTHS, YEAR, find_dates
from pkgraph.extract.municipalities import MunicipalityHit, document_kreis, municipality_lists
from pkgraph.extract.programs import CATALOGUE_BY_KEY, ProgramHit
from pkgraph.extract.text import DocumentText, Span
from pkgraph.gazetteer import Municipality
from pkgraph.records import JointApplication, Participation

EXTRACTOR = "participations"

_CUE = re.compile(
    r"Teilnahme|teilnehm|Teilnehmende\s+(?:Kommunen|St(?:ä|a)dte|Gemeinden|Kreise|Jugend(?:ä|a)mt)|"
    r"\bnimmt\b.*\bteil\b|\bnehmen\b.*\bteil\b|[Bb]eteilig|Modellkommune|"
    r"Programmkommune|[Aa]usgew(?:ä|a)hlt|[Bb]ewerbung|bewirbt|bewerben|beworben|"
    r"[Vv]erbund\w*werbung|Koordinator|angeschlossen|schlie(?:ß|ss)(?:t|en)\s+sich\b|"
    r"[Bb]eitritt|beigetreten|beitreten|aufgenommen|hinzugekommen|mitwirk|[Ff](?:ö|o)rderzusage"
)
_NEGATED = re.compile(
    r"\b(?:nicht|keine?n?)\s+(?:\w+\s+)?(?:teil|beteilig|Teilnahme|ausgew|angeschlossen|beigetreten)|"
    r"\b(?:beteilig\w*|nimmt|nehmen|schlie(?:ß|ss)(?:t|en))\s+(?:sich\s+)?(?:\w+\s+)?nicht\b"
)
_LOCATIVE_GAP = re.compile(r"^[“”\"'’‘]?\s*(?:im|in(?:\s+der|\s+dem)?)\s+$")
_PLURAL = r"(?:St(?:ä|a)dten?|Gemeinden|Kommunen|Kreisen?)"
_PARTNERS_BEFORE = re.compile(
    rf"(?:zusammen|gemeinsam)?\s*\bmit\s+(?:den|dem|der)?\s*{_PLURAL}?\s*$"
)
_PROJECT_OWNERS_BEFORE = re.compile(rf"[“”\"]\s+(?:der|des)\s+{_PLURAL}?\s*$")
#: Words that name an application or project of several municipalities.
_JOINT_NOUN = (
    r"(?:Verbund\w*|\w*[Kk]ooperationsprojekt\w*|\w*[Kk]ooperationsvorhaben\w*|"
    r"[Gg]emeinsame[nrs]?\s+(?:Bewerbung|Antr(?:a|ä)g\w*|Projekt\w*|Vorhaben\w*|"
    r"Interessen(?:s)?bekundung)|[Ii]nterkommunale[nrs]?\s+(?:Projekt\w*|Vorhaben\w*|Bewerbung))"
)
_JOINT = re.compile(rf"\b(?P<definite>(?:der|dem|den|des|das|diese[mnrs]?)\s+)?{_JOINT_NOUN}")
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
#: "Beide Städte", "die beiden Gemeinden": the two municipalities the sentence before names.
_BOTH_ANAPHOR = re.compile(
    r"\b(?:[Bb]eide|[Dd]ie\s+beiden)\s+(?:St(?:ä|a)dte|Gemeinden|Kommunen|Kreise)\b"
)
#: Where a sentence joins main clauses ("X gilt als Vorbild, und Y nimmt teil"): a
#: municipality takes part only when its own clause says so.
_CLAUSE_BREAK = re.compile(r";\s|,\s+(?:und|aber|doch|während|wogegen)\s+")
#: A list line longer than this is running text, not an item.
MAX_LIST_ITEM = 80

# --- the start of a participation ---------------------------------------------------------
#: Month names written out ("Mai", "September"; abbreviations are prefixes of them).
_MONTH_NAMES = "|".join(
    sorted(
        (m for m in MONTHS if not any(o != m and o.startswith(m) for o in MONTHS)),
        key=len,
        reverse=True,
    )
)
_SINCE_YEAR = re.compile(
    rf"\b(?:[Ss]eit|[Aa]b)\s+(?:dem\s+Jahre?\s+|(?:Anfang|Mitte|Ende|Beginn)\s+|"
    rf"(?P<month>{_MONTH_NAMES})\s+)?(?P<year>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
_SINCE_THIS_YEAR = re.compile(r"\b[Ss]eit\s+(?:diesem|dem\s+laufenden)\s+Jahr\b")
_DATE_PREPOSITION = re.compile(r"\b(?:seit|ab|zum|am|vom)\s+(?:dem\s+)?$", re.IGNORECASE)
_SINCE_PREPOSITION = re.compile(r"\b(?:seit|ab)\s+(?:dem\s+)?$", re.IGNORECASE)
_STATED_YEAR = re.compile(
    rf"\b(?:im\s+Jahre?\s+|zum\s+Jahr\s+|(?:Anfang|Mitte|Ende|Fr(?:ü|u)hjahr|Sommer|Herbst|"
    rf"Winter)\s+|(?:im\s+)?(?P<month>{_MONTH_NAMES})\s+)(?P<year>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
_JOINING = re.compile(
    r"aufgenommen|hinzugekommen|beigetreten|[Bb]eitritt|angeschlossen|schlie(?:ß|ss)(?:t|en)\s+sich|"
    r"[Aa]usgew(?:ä|a)hlt|eingestiegen|[Ee]instieg"
)
_DECIDED = re.compile(r"\bbeschlie(?:ß|ss)t\b|\bbeschlossen\b")
_TAKING_PART = re.compile(r"Teilnahme|Beitritt|teilzunehmen|beizutreten|Beteiligung")
_JOINING_NOW = re.compile(
    r"\bschlie(?:ß|ss)(?:t|en)\s+sich\b|\b(?:vereinbart|beschlossen|entschieden|verst(?:ä|a)ndigt|"
    r"festgelegt)\b[^.]{0,60}\bdass\b[^.]{0,200}?(?:beteilig|teilnimmt|teilnehmen|mitwirkt|beitritt)"
)
_ONGOING = re.compile(r"\b(?:bereits|schon|bisher\w*|weiterhin|seit|nach\s+wie\s+vor|damals)\b")
_PROGRAM_STARTS = re.compile(
    r"\b(?:start(?:et|ete|eten|en)|beginn(?:t|en)|begann(?:en)?|gestartet|begonnen)\b"
)
_PROGRAM_WORD = re.compile(r"[Pp]rojekt|[Pp]rogramm|[Vv]orhaben|[Ii]nitiative")
_UNTIL_BEFORE = re.compile(r"\bbis\s+(?:\w+\s+)?$")
_APPLIED = re.compile(r"[Bb]ewerbung|beworben|bewirbt|Antrag|Interessen(?:s)?bekundung")


@dataclass(frozen=True)
class ParticipationInputs:
    municipality_hits: tuple[MunicipalityHit, ...]
    program_hits: tuple[ProgramHit, ...]
    main_program: str | None
    year: int | None  # the year the document speaks from
    decision_year: int | None = None  # the year of the document's own decision
    author: Municipality | None = None  # the issuing municipality


#: How sure a start is, by rank: stated, decided, joining now, program start, application.
START_CONFIDENCE = {1: 0.85, 2: 0.8, 3: 0.7, 4: 0.65, 5: 0.6}


@dataclass(frozen=True)
class Start:
    """A participation's start as the text states it."""

    value: str  # ISO date, year-month or year
    rank: int  # 1 stated ("seit 2018") ... 5 the date of an application; lower is stronger
    span: Span  # where the text states it (repaired offsets)


def _program_key(hit: ProgramHit) -> str:
    return hit.parent_key or hit.key


def _takes_part_in(hit: ProgramHit) -> bool:
    entry = CATALOGUE_BY_KEY.get(_program_key(hit))
    return entry is not None and not entry.funding_only


def _sentence_program(doc: DocumentText, index: int, inputs: ParticipationInputs) -> str | None:
    """The program the sentence (or the two before it) names; else the document's main program,
    unless the program last named before is a funding source one does not take part in (the
    text then speaks about that funding, not the main program)."""
    for back in range(3):
        if index - back < 0:
            break
        span = doc.sentence_spans[index - back]
        inside = [
            h for h in inputs.program_hits if span.start <= h.start < span.end and _takes_part_in(h)
        ]
        if inside:
            return _program_key(inside[-1] if back else inside[0])
    end = doc.sentence_spans[index].end
    before = [h for h in inputs.program_hits if h.start < end and h.is_catalogued]
    if before and not _takes_part_in(max(before, key=lambda h: h.start)):
        return None
    return inputs.main_program


def _times(doc: DocumentText, sentence: Span, introduced_by: re.Pattern[str]) -> list[Start]:
    """Dates and years in ``sentence`` that a time word introduces (rank left at 0)."""
    text = doc.text[sentence.start : sentence.end]
    found = [
        Start(d.iso, 0, Span(sentence.start + d.start, sentence.start + d.end))
        for d in find_dates(text)
        if introduced_by.search(text[max(0, d.start - 12) : d.start])
    ]
    for match in _STATED_YEAR.finditer(text):
        if not _UNTIL_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            span = Span(sentence.start + match.start(), sentence.start + match.end())
            found.append(Start(_year_or_month(match), 0, span))
    return found


def _year_or_month(match: re.Match[str]) -> str:
    """ "Mai 2017" -> "2017-05", "2017" -> "2017"."""
    month = match["month"]
    return f"{match['year']}-{MONTHS[month.lower()]:02d}" if month else match["year"]


def _single(times: list[Start], rank: int) -> Start | None:
    values = {t.value for t in times}
    return replace(times[0], rank=rank) if len(values) == 1 else None


def _stated_start(doc: DocumentText, sentence: Span, inputs: ParticipationInputs) -> Start | None:
    text = doc.text[sentence.start : sentence.end]
    since_dates = [
        t for t in _times(doc, sentence, _SINCE_PREPOSITION) if len(t.value) == len("2012-06-05")
    ]
    if since_dates:
        return replace(since_dates[0], rank=1)
    if match := _SINCE_YEAR.search(text):
        span = Span(sentence.start + match.start(), sentence.start + match.end())
        return Start(_year_or_month(match), 1, span)
    if (match := _SINCE_THIS_YEAR.search(text)) and inputs.year is not None:
        return Start(
            str(inputs.year), 1, Span(sentence.start + match.start(), sentence.start + match.end())
        )
    if _JOINING.search(text):
        return _single(_times(doc, sentence, _DATE_PREPOSITION), 1)
    return None


def _start_in(doc: DocumentText, sentence: Span, inputs: ParticipationInputs) -> Start | None:
    """The start a participation sentence states, by rank (the program's start aside)."""
    text = doc.text[sentence.start : sentence.end]
    if stated := _stated_start(doc, sentence, inputs):
        return stated
    decided = _DECIDED.search(text)
    if decided and _TAKING_PART.search(text):
        dated = _single(_times(doc, sentence, _DATE_PREPOSITION), 2)
        if dated:
            return replace(dated, value=dated.value[:4])
        if inputs.decision_year is not None:
            span = Span(sentence.start + decided.start(), sentence.start + decided.end())
            return Start(str(inputs.decision_year), 2, span)
    joining = _JOINING_NOW.search(text)
    if joining and not _ONGOING.search(text) and inputs.year is not None:
        span = Span(sentence.start + joining.start(), sentence.start + joining.end())
        return Start(str(inputs.year), 3, span)
    if _APPLIED.search(text):
        applied = _single(_times(doc, sentence, _DATE_PREPOSITION), 5)
        return replace(applied, value=applied.value[:4]) if applied else None
    return None


def program_starts(doc: DocumentText, inputs: ParticipationInputs) -> dict[str, Start]:
    """Per program, the start year the document announces ("Das Projekt startet im Jahr
    2012"), when it is not before the document's own year (so its participants start then)."""
    starts: dict[str, Start] = {}
    if inputs.year is None:
        return starts
    for index, sentence in enumerate(doc.sentence_spans):
        text = doc.text[sentence.start : sentence.end]
        if not _PROGRAM_STARTS.search(text) or not _PROGRAM_WORD.search(text):
            continue
        years = [
            int(match.group(1))
            for match in YEAR.finditer(text)
            if not _UNTIL_BEFORE.search(text[max(0, match.start() - 12) : match.start()])
        ]
        program = _sentence_program(doc, index, inputs)
        if years and program and min(years) >= inputs.year:
            starts.setdefault(program, Start(str(min(years)), 4, sentence))
    return starts


def _excluded(doc: DocumentText, sentence: Span, inputs: ParticipationInputs) -> set[int]:
    """Start offsets of hits that are partners or project owners, not participants."""
    hits = [h for h in inputs.municipality_hits if sentence.start <= h.start < sentence.end]
    excluded: set[int] = set()
    for group in municipality_lists(doc.text, hits):
        before = doc.text[max(sentence.start, group[0].start - 40) : group[0].start]
        if _PARTNERS_BEFORE.search(before) or _PROJECT_OWNERS_BEFORE.search(before):
            excluded.update(h.start for h in group)
    return excluded


@dataclass(frozen=True)
class _Candidate:
    """One sentence's evidence that a municipality takes part in a program."""

    hit: MunicipalityHit
    program_key: str
    span: Span
    confidence: float
    start: Start | None


def _hits_in(span: Span, inputs: ParticipationInputs) -> list[MunicipalityHit]:
    """The municipality mentions inside ``span``."""
    return [h for h in inputs.municipality_hits if span.start <= h.start < span.end]


def _clause_at(doc: DocumentText, sentence: Span, offset: int) -> str:
    """The main clause of ``sentence`` that holds ``offset``."""
    text = doc.text[sentence.start : sentence.end]
    breaks = list(_CLAUSE_BREAK.finditer(text))
    start = max((m.end() for m in breaks if sentence.start + m.end() <= offset), default=0)
    end = min(
        (m.start() for m in breaks if sentence.start + m.start() >= offset), default=len(text)
    )
    return text[start:end]


def _listed_after(
    doc: DocumentText, index: int, inputs: ParticipationInputs
) -> list[MunicipalityHit]:
    """The municipalities of the list a sentence ending in a colon introduces ("Folgende
    Kommunen haben sich angeschlossen:"): the first one of each line, when every line of the
    next block is a short item naming one ("Stadt Grevenbroich (Rhein-Kreis Neuss)")."""
    sentence = doc.sentence_spans[index]
    if index + 1 >= len(doc.sentence_spans) or not (
        doc.text[sentence.start : sentence.end].rstrip().endswith(":")
    ):
        return []
    block = doc.sentence_spans[index + 1]
    offset, items = block.start, []
    for line in doc.text[block.start : block.end].split("\n"):
        named = _hits_in(Span(offset, offset + len(line)), inputs)
        offset += len(line) + 1
        if not line.strip():
            continue
        if len(line) > MAX_LIST_ITEM or not named:
            return []
        items.append(named[0])
    return items


def _anaphor_referents(
    doc: DocumentText, index: int, inputs: ParticipationInputs
) -> list[MunicipalityHit]:
    """The two municipalities "beide Städte" refers to: the last enumeration of the sentence
    before, when it names two ("mit der Stadt A und der Stadt B")."""
    sentence = doc.sentence_spans[index]
    if index == 0 or not _BOTH_ANAPHOR.search(doc.text[sentence.start : sentence.end]):
        return []
    groups = municipality_lists(doc.text, _hits_in(doc.sentence_spans[index - 1], inputs))
    named = {h.ags: h for h in groups[-1]} if groups else {}
    return list(named.values()) if len(named) == 2 else []


def _candidates(doc: DocumentText, inputs: ParticipationInputs) -> list[_Candidate]:
    found: list[_Candidate] = []
    for program in inputs.program_hits:  # "Präventionskette im Kreis Coesfeld"
        if not _takes_part_in(program):
            continue
        for hit in inputs.municipality_hits:
            if program.end <= hit.start < program.end + 25 and _LOCATIVE_GAP.match(
                doc.text[program.end : hit.start]
            ):
                sentence = doc.sentence_at(hit.start)
                start = _stated_start(doc, Span(sentence.start, hit.end), inputs)
                span = Span(program.start, hit.end)
                found.append(_Candidate(hit, _program_key(program), span, 0.8, start))
    for index, sentence in enumerate(doc.sentence_spans):
        text = doc.text[sentence.start : sentence.end]
        cue = _CUE.search(text)
        if not cue or _NEGATED.search(text):
            continue
        program_key = _sentence_program(doc, index, inputs)
        if program_key is None:
            continue
        excluded = _excluded(doc, sentence, inputs)
        cue_start = sentence.start + cue.start()
        start = _start_in(doc, sentence, inputs)
        hits = [
            h
            for h in _hits_in(sentence, inputs)
            if h.start not in excluded and _CUE.search(_clause_at(doc, sentence, h.start))
        ]
        hits += _listed_after(doc, index, inputs)
        cue_span = Span(cue_start, cue_start + len(cue.group()))
        for hit in hits:
            span = Span(min(hit.start, cue_span.start), max(hit.end, cue_span.end))
            found.append(_Candidate(hit, program_key, span, 0.7, start))
        if not hits:  # "Beide Städte nehmen ebenfalls teil"
            for hit in _anaphor_referents(doc, index, inputs):
                found.append(_Candidate(hit, program_key, sentence, 0.65, start))
    return found


def _rank(candidate: _Candidate) -> int:
    return candidate.start.rank if candidate.start else len(START_CONFIDENCE) + 1


def extract_participations(
    doc: DocumentText, inputs: ParticipationInputs
) -> tuple[Participation, ...]:
    """One participation per municipality and program: the evidence that states its start
    (the first evidence when none does), with the strongest start the text gives."""
    by_key: dict[tuple[str, str], list[_Candidate]] = {}
    for candidate in _candidates(doc, inputs):
        by_key.setdefault((candidate.hit.ags, candidate.program_key), []).append(candidate)
    announced = program_starts(doc, inputs)
    participations = []
    for (_ags, program_key), candidates in by_key.items():
        stated = [c for c in candidates if c.start is not None]
        evidence_of = min(stated, key=_rank) if stated else candidates[0]
        start = evidence_of.start if stated else announced.get(program_key)
        participations.append(
            Participation(
                ags=evidence_of.hit.ags,
                municipality=evidence_of.hit.name,
                program_key=program_key,
                program=CATALOGUE_BY_KEY[program_key].name,
                since=start.value if start else None,
                evidence=doc.evidence(
                    evidence_of.span.start, evidence_of.span.end, EXTRACTOR, evidence_of.confidence
                ),
                since_evidence=(
                    doc.evidence(
                        start.span.start, start.span.end, EXTRACTOR, START_CONFIDENCE[start.rank]
                    )
                    if start
                    else None
                ),
            )
        )
    return tuple(participations)


# --- joint applications -------------------------------------------------------------------


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


def _sentence_members(
    doc: DocumentText,
    sentence: Span,
    words: tuple[re.Match[str] | None, re.Match[str] | None],
    inputs: ParticipationInputs,
) -> list[_Member]:
    """Members of a joint application the sentence states (``words``: its joint word and its
    participation word, if any)."""
    joint, cue = words
    hits = [h for h in inputs.municipality_hits if sentence.start <= h.start < sentence.end]
    groups = municipality_lists(doc.text, hits)
    anaphors = _kreis_anaphors(doc, sentence, inputs)
    members: list[_Member] = []
    for number, group in enumerate(groups):
        before = doc.text[max(sentence.start, group[0].start - 40) : group[0].start]
        if _PARTNERS_BEFORE.search(before):  # "X zusammen mit den Städten A, B"
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
        if _NEGATED.search(text):
            continue
        joint_word, cue = _JOINT.search(text), _CUE.search(text)
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
        words = [joint_word, *_CUE.finditer(text)]  # the evidence shows the joining words
        spans = [m.span for m in members] + [
            Span(sentence.start + word.start(), sentence.start + word.end())
            for word in words
            if word
        ]
        application = JointApplication(
            ags=tuple(unique),
            municipalities=tuple(unique.values()),
            program_key=_sentence_program(doc, index, inputs),
            project_key=project,
            evidence=doc.evidence(
                min(s.start for s in spans), max(s.end for s in spans), EXTRACTOR, 0.7
            ),
        )
        if all(_identity(j) != _identity(application) for j in found):
            found.append(application)
    return tuple(found)
