"""Quantities the text states of what it counts: "52 Kommunen", "neun Zentren", "einer von
22 Standorten", "rund 150 Akteure", "1.232 dieser jungen volljährigen Flüchtlinge",
"80 Prozent der Jugendämter".

Council texts answer "how many" in such phrases: how many municipalities applied, took part,
came new; how many families, centres, conferences. A quantity is a number (digits or a German
number word) and, at most three adjectives later, the capitalised noun it counts. Money
belongs to funding, and dates, times, paragraphs and ordinals ("26. März", "§ 8",
"2. Förderstaffel") are not counts.
"""

from __future__ import annotations

import re

from pkgraph.extract.text import DocumentText
from pkgraph.records import Quantity

EXTRACTOR = "quantities"
CONFIDENCE = 0.6

NUMBER_WORDS: dict[str, int] = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100,
}  # fmt: skip

_WORD_NUMBER = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
#: digits with thousands dots or a decimal comma, not part of a date, a reference or a range
_DIGITS = r"(?<![\w.,/:§-])(?:\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)(?![\d/]|\.\d|\.\s)"
#: lowercase words between number and noun: inflected adjectives ("22 neuen", "72 weitere
#: kreisfreie") and "dieser", never an article or a preposition
_FUNCTION_WORD = r"(?:der|die|das|des|dem|den|und|oder|in|im|am|an|auf|aus|bei|mit|von|zu)\b"
_MODIFIER = rf"(?:(?!{_FUNCTION_WORD})[a-zäöüß][\wäöüß-]*(?:e|en|er|es|em)\b|dieser)"
_NOUN = r"(?:[A-ZÄÖÜ][\wäöüßÄÖÜ]*-\s+und\s+)?[A-ZÄÖÜ][\wäöüßÄÖÜ-]+"
_QUANTITY = re.compile(
    rf"(?P<number>{_DIGITS}|(?i:\b(?:{_WORD_NUMBER})\b))"
    rf"(?:\s+{_MODIFIER}){{0,3}}\s+(?P<noun>{_NOUN}|%)"
    r"(?P<of>\s+(?:der|des)\s+(?:[a-zäöüß]+\s+){0,2}[A-ZÄÖÜ][\wäöüßÄÖÜ-]+)?"
)
#: nouns after a number that are no counted things: money, time, dates, legal and page units
_NOT_COUNTED = re.compile(
    r"(?:Euro|EUR|Mio|Mrd|Millionen|Milliarden|Tausend|Uhr|Januar|Februar|März|April|Mai|Juni"
    r"|Juli|August|September|Oktober|November|Dezember|Nr|Seiten?|Abs|Absatz|Satz|Anlagen?|TOP"
    r"|SGB|KW|Stunden?|Minuten?|Wochenstunden)\b"
)
_PERCENT = ("Prozent", "%")
_YEAR = re.compile(r"(?:19|20)\d{2}")


def _value(number: str) -> float:
    word = NUMBER_WORDS.get(number.casefold())
    if word is not None:
        return float(word)
    return float(number.replace(".", "").replace(",", "."))


def extract_quantities(doc: DocumentText) -> tuple[Quantity, ...]:
    """Every counted quantity of the text, in order."""
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(doc.text):
        number, noun = match.group("number"), match.group("noun")
        if _YEAR.fullmatch(number) or _NOT_COUNTED.match(noun):
            continue
        end = match.end("of") if noun in _PERCENT and match.group("of") else match.end("noun")
        counted = " ".join(doc.text[match.end("number") : end].split())
        found.append(
            Quantity(
                value=_value(number),
                counted=counted,
                evidence=doc.evidence(match.start(), end, EXTRACTOR, CONFIDENCE),
            )
        )
    return tuple(found)
