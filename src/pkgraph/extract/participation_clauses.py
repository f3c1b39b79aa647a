"""The clauses of a sentence a participation is read from: main clauses (cut at "; " and
", und", so that "X gilt als Vorbild, und Y nimmt teil" speaks only of Y) and relative clauses
(", die seit 2012 teilnimmt,"); a relative clause about "the 22 Kommunen" speaks for the main
clause's list. A municipality's clause also decides its program when it names one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pkgraph.extract.municipalities import MunicipalityHit
from pkgraph.extract.participation_cues import ANY_CUE, CUE, EVENT, STARTS, states
from pkgraph.extract.participation_inputs import ParticipationInputs
from pkgraph.extract.participation_programs import program_of, takes_part_in
from pkgraph.extract.text import Span

#: Where a sentence joins main clauses ("X gilt als Vorbild, und Y nimmt teil"): a
#: municipality takes part only when its own clause says so.
#: ", aber auch weitere Kreise" joins noun phrases, not clauses.
_CLAUSE_BREAK = re.compile(r";\s|,\s+(?:und|aber(?!\s+auch\b)|doch|während|wogegen)\s+")

#: A leading contrastive clause ("Während X von Anfang an Teil ... ist, soll ..."): a clause
#: of its own, its modal-free verb not the main clause's; not the preposition ("Während der
#: Laufzeit, …").
_LEADING_CONTRAST = re.compile(r"\s*Während\b(?!\s+(?:der|des|eines|einer)\b)[^,.;]{0,250},\s")

#: How far (characters) from a municipality its clause's program may stand.
NEAR = 250

#: A relative clause begins: ", die jetzt ...", ", der das Vorhaben ...", ", an der sich ...";
#: not an apposition (", die Stadt Hamm"). It ends at the next comma, on its verb (a
#: lowercase word: ", die sogenannten „Präventionsketten“ – seit sieben Jahren," is none).
_RELATIVE_START = re.compile(
    r",\s+(?:(?:an|in|bei|mit|zu|von|f(?:ü|u)r|um|aus)\s+)?(?:der|die|das|dem|den|denen|deren|"
    r"dessen|welche[mnrs]?)\s+(?=[a-zäöüß])"
)
#: What a relative clause may describe for its cue to carry to the main clause: municipalities
#: ("Zu den 22 Kommunen, die jetzt aufgenommen wurden, gehören A, B").
_MUNICIPAL_ANTECEDENT = re.compile(
    r"(?:[Kk]ommunen|St(?:ä|a)dten?|Gemeinden|Kreisen?|Standorten?)\s*$"
)

_VERB_LAST = re.compile(r"\b[a-zäöüß]+\W*$")


@dataclass(frozen=True)
class _RelativeClause:
    """A relative clause of a sentence, in offsets relative to the sentence."""

    start: int
    end: int
    carries: bool  # about municipalities ("die 22 Kommunen, die ..."): holds for the rest


@lru_cache(maxsize=256)
def _relative_clauses(text: str) -> tuple[_RelativeClause, ...]:
    """Relative clauses: from the relative pronoun to the next comma, ending on a verb
    (cached: each municipality of a sentence asks)."""
    relatives: list[_RelativeClause] = []
    for match in _RELATIVE_START.finditer(text):
        if relatives and match.start() < relatives[-1].end:
            continue
        comma = text.find(",", match.end())
        end = comma if comma >= 0 else len(text)
        if not _VERB_LAST.search(text[match.end() : end]):
            continue
        antecedent = text[max(0, match.start() - 40) : match.start()]
        carries = bool(_MUNICIPAL_ANTECEDENT.search(antecedent))
        relatives.append(_RelativeClause(match.start() + 1, end, carries))
    return tuple(relatives)


def _main_clause(text: str, offset: int) -> tuple[int, int]:
    """The span (relative to the sentence) of the main clause holding ``offset``, relative
    clauses included."""
    cuts = _clause_cuts(text)
    start = max(cut for cut in cuts if cut <= offset)
    return start, min((cut for cut in cuts if cut > offset), default=len(text))


@lru_cache(maxsize=256)
def _clause_cuts(text: str) -> tuple[int, ...]:
    cuts = [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    lead = _LEADING_CONTRAST.match(text)  # "Während X Teil ... ist, soll es in Y starten"
    if lead:
        cuts = sorted({lead.end(), *cuts})
    return (0, *cuts, len(text))


def clause_program(
    sentence: Span, offset: int, inputs: ParticipationInputs, text: str
) -> str | None:
    """The program named near ``offset`` (a document offset) in the main clause holding it,
    a program of its own included („Dormagener Modell“ in "X gilt mit ihrem „Dormagener
    Modell“ als Vorbild, und Y nimmt an ... teil")."""
    local = offset - sentence.start
    start, end = _main_clause(text, local)
    low = sentence.start + max(start, local - NEAR)
    high = sentence.start + min(end, local + NEAR)
    named = [
        h
        for h in inputs.program_hits
        if low <= h.start < high and (takes_part_in(h) or not (h.is_catalogued or h.parent_key))
    ]
    return program_of(named[0]) if named else None


def said_of(text: str, where: Span, cue: re.Pattern[str]) -> bool:
    """Whether a clause about the municipality at ``where`` (relative to the sentence) says
    the participation: its own clause, a relative clause right after it ("X, die seit 2012
    teilnimmt, ..."), or — for a main clause — a relative clause about municipalities ("Zu
    den Kommunen, die aufgenommen wurden, gehören X, Y"). Main clauses are cut at "; " and
    ", und"; relative clauses run to the next comma. A clause with a modal ("können sich
    bewerben", "will teilnehmen") states a possibility, not a participation."""
    relatives = _relative_clauses(text)
    own = next((c for c in relatives if c.start <= where.start < c.end), None)
    if own is not None:
        return states(text[own.start : own.end], cue)
    start, end = _main_clause(text, where.start)
    inner = [c for c in relatives if start <= c.start < end]
    main = "".join(
        text[a:b]
        for a, b in zip(
            [start] + [c.end for c in inner], [c.start for c in inner] + [end], strict=True
        )
    )
    return states(main, cue) or any(
        (c.carries or text[where.end : c.start] == ",") and states(text[c.start : c.end], cue)
        for c in relatives
    )


#: "Die Ministerin hat in Düsseldorf die teilnehmenden Kommunen vorgestellt": a town after a
#: locative "in" is where something happens; the participle describes the group (and "die
#: Koordinatoren der 40 teilnehmenden Kommunen" its people), not the town.
_LOCATIVE = re.compile(r"\b(?:[Ii]n|nach)\s+(?:der\s+Stadt\s+)?$")
_ATTRIBUTIVE = re.compile(
    r"\b(?:Koordinator\w*\s+(?:und\s+Koordinator\w*\s+)?der\s+(?:\d+\s+)?)?"
    r"(?:teilnehmend|beteiligt)e[nr]?\s+(?:[\w-]+\s+)?(?:Kommunen|St(?:ä|a)dte|Gemeinden|"
    r"Kreise|Jugend(?:ä|a)mter|Standorte)\b"
)


#: "alle kreisangehörigen Kommunen (außer X) sind dabei", "(ohne die Stadt X)": X is the
#: exception.
_EXCEPTED = re.compile(
    r"\b(?:au(?:ß|ss)er|ausgenommen|mit\s+Ausnahme\s+(?:von|der|des)|ohne(?:\s+die)?)\s+"
    r"(?:(?:der|des|dem)\s+(?:Stadt|Gemeinde|Kreis(?:es)?)\s+)?(?:[\w-]+(?:,\s*|\s+und\s+))*$"
)


#: "Amtsleiter aus Stadt und Kreis X haben durch ihre Teilnahme gezeigt ...": where people come
#: from; they take part in a meeting, the town is not said to join a program. Likewise where
#: news came from: "reagierte auf die Nachricht aus Düsseldorf, dass der Kreis … teilnimmt".
_ORIGIN = re.compile(
    r"(?:[Vv]ertreter|[Mm]itarbeiter|[Ff]achkr(?:ä|a)ft|[Ll]eiter|[Kk]r(?:ä|a)fte|[Ff](?:ü|u)hrer|"
    r"Nachricht|Mitteilung|Post|Signal)"
    r"[\wäöüß]*\s+aus\s+(?:(?:von|der|dem|den|Stadt|Kreis|und)\s+){0,4}$"
)


#: A state authority named by its seat: "beim Landesjugendamt Münster", "die Bezirksregierung
#: Arnsberg" — the town is the authority's seat, not a participant.
_AUTHORITY_SEAT = re.compile(r"\b(?:Landesjugendamt(?:e?s)?|Bezirksregierung(?:en)?)\s+(?:in\s+)?$")


def _only_located(text: str, where: Span) -> bool:
    """The town is an exception ("außer X"), where people come from ("Vertreter aus X"), an
    authority's seat ("Landesjugendamt Münster"), or a place ("in X") and its clause's only
    participation words describe a group ("die 40 teilnehmenden Kommunen")."""
    before = text[max(0, where.start - 60) : where.start]
    if _EXCEPTED.search(before) or _ORIGIN.search(before) or _AUTHORITY_SEAT.search(before):
        return True
    if not _LOCATIVE.search(before):
        return False
    start, end = _main_clause(text, where.start)
    clause = text[start:end]
    return bool(_ATTRIBUTIVE.search(clause)) and not ANY_CUE.search(_ATTRIBUTIVE.sub(" ", clause))


#: The program named before, taken up by its noun: "das Projekt", "die Landesinitiative".
_THE_PROGRAM = re.compile(
    r"\b(?:das|dieses|dem|diesem|am)\s+(?:Landes|Modell|Förder)?(?:[Pp]rojekt|[Pp]rogramm|"
    r"[Vv]orhaben)\b|\b(?:die|diese|der|dieser)\s+(?:Landes)?[Ii]nitiative\b"
)

#: Carrying out the program so taken up, as the clause's subject: "Der Kreis X setzt das
#: Projekt um" (not "…, der das Vorhaben in Düsseldorf unterstützt").
_CARRIES_OUT = re.compile(
    r"^\s*(?:Auch\s+|Nun\s+|Jetzt\s+)?(?:der|die|das)?\s*(?:Kreis|Stadt|Gemeinde)?\s*"
    r"[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)?\s+setz(?:t|en|te|ten)\b[^.;]{0,80}?\bum\b"
)


def says_so(text: str, hit: MunicipalityHit, sentence: Span, inputs: ParticipationInputs) -> bool:
    """Whether the clause of the municipality ``hit`` states its participation: a
    participation word, or — when the clause names the program — a visit, a duration, its
    carrying out or the program's support. Taking part in an event ("nahmen an der
    Fachtagung teil") counts only when the clause names the program."""
    where = Span(hit.start - sentence.start, hit.end - sentence.start)
    if _only_located(text, where):
        return False
    program = clause_program(sentence, hit.start, inputs, text)
    if program is None and _THE_PROGRAM.search(text) and said_of(text, where, _CARRIES_OUT):
        return True  # "Auch der Kreis Lippe setzt das Projekt um."
    if program is None:  # "…, soll es in Y erst jetzt starten" in a sentence naming it
        return (said_of(text, where, CUE) and not said_of(text, where, EVENT)) or (
            said_of(text, where, STARTS)
            and any(
                sentence.start <= h.start < sentence.end and takes_part_in(h)
                for h in inputs.program_hits
            )
        )
    return said_of(text, where, ANY_CUE)
