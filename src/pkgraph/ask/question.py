"""Reading a German question: what kind of fact it asks for, what it asks of it, its words.

Two readings, both from general council vocabulary (never from a document):

- ``detect_intents``: the fact kinds the question names (participation, funding, ...);
- ``detect_asks``: what the answer has to state, from the question word — a person ("wer"),
  a date ("wann", "seit wann"), an amount ("wie viel", "welchen Betrag"), a place ("wo"),
  municipalities ("welche Kommunen/Städte/Kreise"), an organisation ("welche Hochschule"),
  a count ("wie viele Kommunen").

``expand_abbreviations`` writes out the abbreviations councils use for their bodies and
programs (JHA, HFA, KeKiz, ...) so linking and search see the full names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pkgraph.ask.records import INTENTS, Intent, LinkedEntity

#: "Welche Hochschule …", "Welches Ministerium …", "Mit welchen Partnern …": an organisation.
_ORGANISATION = re.compile(
    r"\bwelche[nrsm]? (?:\w+ )?\w*(?:hochschule|universität|institut|ministeri|stiftung|träger"
    r"|verband|verein|organisation|partner|einrichtung|behörde|dienst|beratungsstelle|akteur"
    r"|unternehmen|gremi)|\bvon wem\b|\bdurch wen\b"
)

#: The kinds of body (``BodyMention.kind``) an organisation noun of the question asks for;
#: "Partner", "Träger", "Einrichtung" ask for any.
_BODY_KIND_NOUNS: dict[str, tuple[str, ...]] = {
    "hochschul": ("institute",),
    "universität": ("institute",),
    "institut": ("institute",),
    "ministeri": ("ministry", "state_government"),
    "stiftung": ("foundation",),
    "unternehmen": ("company",),
    "behörde": ("agency",),
    "gremi": ("council", "committee", "working_group", "conference"),
}

#: "Wie viele Kommunen …", "Einer von wie vielen …", "Wie viel Prozent …": a count (money
#: asked "wie viele Euro" is an amount).
_COUNT = re.compile(
    r"\bwie viele[nm]?\b(?! (?:euro|mittel|gelder)\b)|\bwie viel prozent\b|\banzahl\b"
)

# What a question asks for, by the German words that say so (casefolded, word starts).
_INTENT_PATTERNS: dict[Intent, re.Pattern[str]] = {
    "participation": re.compile(
        r"\bteil(?:nehm|nahm|genommen|nahme)|\bnehmen\b.*\bteil\b|\bnahmen?\b.*\bteil\b"
        r"|\bbeteilig|\bmitmach|\bmitgemacht|\bprogrammkommune|\bmodellkommune|\bdabei\b"
        r"|\bausgewählt|\bhinzu(?:gekommen|kommen|kamen)|\bneu dabei|\baufgenommen"
    ),
    "funding": re.compile(
        r"\bförder|\bgeld|\beuro\b|\bzuschu|\bfinanz|\bbetrag|\bbudget|\betat\b|\bmittel\b"
        r"|\bkosten|\bwie hoch\b|\bwie viel geld\b|\bzuwendung|\bbewillig|\bsumme\b"
        r"|\bmillionen\b|\bunterstützt\b.*\bmit\b|\bbezahlt|\bfinanziert"
    ),
    "decision": re.compile(
        r"\bbeschl|\bbeschluss|\bzugestimmt|\bzustimm|\bentschie|\bentscheid|\bkenntnis"
        r"|\babgestimmt|\babstimmung|\bbeauftragt|\bverabschiedet|\bgenehmigt|\bempf(?:ahl|ieh)"
        r"|\bberatungsergebnis|\bvotum"
    ),
    "event": re.compile(
        r"\bkonferenz|\bveranstaltung|\btreffen|\btagung|\bworkshop|\bfand\b|\bstattgefunden"
        r"|\bsitzung|\bauftakt|\bausstellung|\bbesuch"
    ),
    "person": re.compile(
        r"\bwer\b|\bperson|\bbürgermeister|\bleiter|\bleitet\b|\bansprechpartner|\bkoordinator"
        r"|\bminister|\bvorstand|\bsprecher|\bmitarbeiter|\babgeordnete|\bwelche[rn]? frau\b"
        r"|\bwelche[rn]? herr"
    ),
    "organisation": _ORGANISATION,
    "count": _COUNT,
}

#: What the answer must state, by the question word (casefolded).
_ASK_PATTERNS: dict[str, re.Pattern[str]] = {
    "who": re.compile(r"\bwer\b|\bwen\b|\bwem\b|\bwessen\b|\ban wen\b"),
    "when": re.compile(
        r"\bwann\b|\bseit wann\b|\bbis wann\b|\ban welchem (?:tag|datum)\b"
        r"|\bwelche[nm]? (?:tag|datum|termin|zeitpunkt|zeitraum|jahr)\b|\bin welchem jahr\b"
        r"|\bwie lange\b|\bum wie viel uhr"
    ),
    "amount": re.compile(
        r"\bwie viel\b(?! prozent)|\bwie viele (?:euro|mittel|gelder)\b|\bwie hoch\b"
        r"|\bwelche[nrs]? (?:betrag|summe|höhe)\b|\bmit welcher summe|\bwie groß\b"
    ),
    "where": re.compile(r"\bwo\b|\bwohin\b|\bin welche[rmn]? (?:stadt|ort|halle|raum|gebäude)"),
    "places": re.compile(
        r"\bwelche[nrs]? (?:\w+ )?(?:kommunen|städte|kreise|gemeinden|jugendämter|orte"
        r"|modellkommunen|teilnehmer)\b|\bwelche[rs]? (?:kommune|stadt|kreis|gemeinde)\b"
    ),
    "vote": re.compile(
        r"\bmit welche[rm]? (?:mehrheit|stimmenmehrheit|ergebnis|stimmergebnis)\b"
        r"|\bstimmergebnis|\babstimmung|\babgestimmt\b|\beinstimmig|\bgegenstimmen?\b"
        r"|\benthaltungen?\b"
    ),
    "organisation": _ORGANISATION,
    "count": _COUNT,
}

#: Abbreviations of German council bodies and NRW programs, written out for linking and
#: search. Only unambiguous, widely used ones; matched as whole words, case-sensitive.
ABBREVIATIONS: dict[str, str] = {
    "JHA": "Jugendhilfeausschuss",
    "HFA": "Haupt- und Finanzausschuss",
    "HuFA": "Haupt- und Finanzausschuss",
    "BV": "Bezirksvertretung",
    "RPA": "Rechnungsprüfungsausschuss",
    "ASG": "Ausschuss für Soziales und Gesundheit",
    "KeKiz": "Kein Kind zurücklassen",
    "KEKIZ": "Kein Kind zurücklassen",
    "KKZ": "Kein Kind zurücklassen",
    "ESF": "Europäischer Sozialfonds",
    "LVR": "Landschaftsverband Rheinland",
    "LWL": "Landschaftsverband Westfalen-Lippe",
}
_ABBREVIATION = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ABBREVIATIONS)) + r")(?![\w-])")

_STOPWORDS = frozenset(
    """der die das den dem des ein eine einer eines einem einen und oder aber an am im in ins zu
    zum zur für von vom mit bei auf aus als wie was wer wem wen wann wo wohin welche welcher
    welches welchen welchem hat haben hatte hatten war waren ist sind sein wird wurde wurden
    werden worden nehmen nimmt nahm teil sich es er sie ihr ihre sein seine nicht auch noch
    schon gibt gab viel viele hoch über unter nach vor seit bis durch gegen ob dass kreis
    kreises stadt gemeinde kommune kommunen soll sollen sollte sollten laut dessen deren
    denen diese dieser dieses diesem diesen jetzt bereits lange""".split()  # noqa: SIM905
)
WORD = re.compile(r"[^\W\d_][\w\-]*", re.UNICODE)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def expand_abbreviations(question: str) -> str:
    """The question with known abbreviations followed by their full names ("JHA" ->
    "JHA (Jugendhilfeausschuss)"), so both the short and the long form can match."""
    return _ABBREVIATION.sub(lambda m: f"{m.group(1)} ({ABBREVIATIONS[m.group(1)]})", question)


def detect_intents(question: str) -> tuple[Intent, ...]:
    """The fact kinds the question asks for, in a fixed order (none: the question is open)."""
    folded = question.casefold()
    return tuple(intent for intent in INTENTS if _INTENT_PATTERNS[intent].search(folded))


def detect_asks(question: str) -> tuple[str, ...]:
    """What the answer has to state: who, when, amount, where, places, vote, organisation,
    count (none: anything)."""
    folded = question.casefold()
    return tuple(ask for ask, pattern in _ASK_PATTERNS.items() if pattern.search(folded))


#: "An welchem Tag …", "Welches Datum …": a day, which a year alone does not state.
_DAY = re.compile(
    r"\ban welchem tag\b|\bwelche[nms]? (?:tag|datum)\b|\bwann genau\b|\bam wievielten\b"
)


def asks_for_day(question: str) -> bool:
    return bool(_DAY.search(question.casefold()))


def asked_body_kinds(question: str) -> frozenset[str]:
    """The body kinds an organisation question names ("Welche Hochschule …": institutes);
    empty when it names none or asks for no organisation."""
    folded = question.casefold()
    if not _ORGANISATION.search(folded):
        return frozenset()
    return frozenset(
        kind for noun, kinds in _BODY_KIND_NOUNS.items() if noun in folded for kind in kinds
    )


def content_stems(question: str, linked: Iterable[LinkedEntity] = ()) -> tuple[str, ...]:
    """Words that say what the question is about, cut to stems that also hit compounds.

    Words that only named a linked entity are left out: the entity link already counts.
    """
    named = {w.casefold() for entity in linked for w in WORD.findall(entity.matched)}
    stems: list[str] = []
    for word in WORD.findall(question):
        folded = word.casefold()
        if folded in _STOPWORDS or folded in named or len(folded) < 4:
            continue
        stem = folded[:6] if len(folded) > 7 else folded
        if stem not in stems:
            stems.append(stem)
    return tuple(stems)


def years_in(question: str) -> tuple[LinkedEntity, ...]:
    return tuple(LinkedEntity("year", m.group(1), m.group(0)) for m in _YEAR.finditer(question))
