"""Small text helpers shared by the extractors: evidence, sentences, names, OCR-tolerant words.

Extractors read the repaired text (``document.text``); every span they report is mapped back to
the original text here, so that each fact quotes exactly what the source says.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from pkgraph.records import Document, Evidence

#: One letter of a German word (no digits, no underscore).
LETTER = r"[^\W\d_]"
UPPER = r"[A-ZÄÖÜ]"
#: Opening and closing quotation marks as used in German texts (typographic and ASCII).
OPEN_QUOTE = "„“\"»«‚‘'"
CLOSE_QUOTE = "“”\"«»‘’'"
#: Capitalised articles and prepositions: sentence starts that a capitalised-word pattern takes
#: for a name.
CAPITALISED_FUNCTION_WORDS = frozenset(
    [
        "Der",
        "Die",
        "Das",
        "Den",
        "Dem",
        "Des",
        "Ein",
        "Eine",
        "Im",
        "In",
        "Am",
        "An",
        "Auf",
        "Aus",
        "Bei",
        "Mit",
        "Von",
        "Zur",
        "Zum",
        "Für",
        "Und",
    ]
)
#: Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "z.B",
        "u.a",
        "bzw",
        "ca",
        "vgl",
        "Nr",
        "Dr",
        "Prof",
        "d",
        "u",
        "o.ä",
        "S",
        "Abs",
        "Art",
        "St",
        "Hr",
        "Fr",
        "ggf",
        "inkl",
        "evtl",
        "usw",
        "sog",
        "etc",
        "lt",
        "gem",
        "Tel",
        "Jh",
        "Mio",
        "Mrd",
        "Tsd",
        "Az",
        "Drs",
        "Bd",
        "i.V",
        "i.A",
        # council papers: "Tecklenburger Str. 10", "gez. Feldmann", "Kinderschutzbund e.V.
        # Lemgo", "Ziff. 3", "Pkt. 7", "stv. Vorsitzende", "o.g. Beschluss"
        "Str",
        "gez",
        "e.V",
        "Ziff",
        "Pkt",
        "Std",
        "Hrsg",
        "Dipl",
        "stv",
        "Stv",
        "z.T",
        "u.U",
        "o.g",
        "i.d.R",
        "a.D",
        "lfd",  # "ab dem lfd. Haushaltsjahr"
        # amounts and counts: "rd. 79.000 €", "insg. 12 Stellen", "zzgl. Sachkosten", "max. 3"
        "rd",
        "insg",
        "zzgl",
        "max",
        "mind",
        # months before a year or day: "am 5. Okt. 2019"
        "Jan",
        "Feb",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Okt",
        "Nov",
        "Dez",
    ]
)

#: A sentence ends at its mark, at a paragraph break and before a bulleted line ("• ...")
#: after a line of prose.
_SENTENCE_END = re.compile(
    r"[.!?]+[\"“”»']?(?=\s+[\"„“»(]?[A-ZÄÖÜ0-9])|\n[ \t]*\n|\n(?=[ \t]*[•▪●◦])"
)
_SPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
#: A longer one-line paragraph is a short paragraph, not a heading.
MAX_HEADING_WORDS = 10
_UMLAUT_ASCII = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
#: How OCR misreads umlauts and ß in German print (see pkgraph.ingest.ocr for the full model).
_OCR_VARIANTS = {
    "ä": "(?:ä|ae|a|d)",
    "ö": "(?:ö|oe|o|é)",
    "ü": "(?:ü|ue|u|U|lu|li|ii|l|i|t|G)",
    "Ü": "(?:Ü|Ue|U|Bl)",
    "ß": "(?:ß|ss|lR|R|B|ll|l)",
}


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _SPACE.sub(" ", text).strip()


def slugify(name: str) -> str:
    """A stable ASCII key for a name: "Kreistag (Kreis Coesfeld)" -> "kreistag-kreis-coesfeld"."""
    ascii_name = "".join(_UMLAUT_ASCII.get(ch, ch) for ch in name)
    ascii_name = unicodedata.normalize("NFKD", ascii_name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def ocr_tolerant(word: str) -> str:
    """A regex for ``word`` that also matches its usual OCR damage ("Höhe" -> "Héhe")."""
    return "".join(_OCR_VARIANTS.get(ch, re.escape(ch)) for ch in word)


def literal_alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, the longest first, as a trie: "Bad (?:Berleburg|...)".

    It matches what the longest-first alternation ``"|".join(sorted(words, key=len,
    reverse=True))`` does (a longer continuation is tried before a word ends, and backtracking
    falls back to a shorter word), but the engine tests each character once instead of every
    word at every position — much faster for hundreds of names."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


#: A character trie: each character to the words' rest; "" marks where a word ends.
_Trie = dict[str, "_Trie"]


def _trie_pattern(node: _Trie) -> str:
    branches = [
        re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char
    ]
    ends_here = "" in node
    if not branches:
        return ""
    if len(branches) == 1 and not ends_here:
        return branches[0]
    alternation = f"(?:{'|'.join(branches)})"
    return f"{alternation}?" if ends_here else alternation


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields when every match of ``pattern`` starts at one of
    ``starts`` (sorted, and the pattern never matches empty): trying only there is much cheaper
    than the scan, which tries the pattern at every position of the text."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)):
            end = match.end()
            yield match


def flexible_space(phrase: str) -> str:
    """A regex for ``phrase`` whose spaces match any whitespace run (line breaks included)."""
    return r"\s+".join(re.escape(part) for part in phrase.split())


@dataclass(frozen=True)
class Span:
    """A located piece of the repaired text."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class DocumentText:
    """The repaired text of a document with sentence lookup and evidence mapping."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        self._sentence_searches: dict[tuple[re.Pattern[str], int], re.Match[str] | None] = {}

    @cached_property
    def sentence_spans(self) -> tuple[Span, ...]:
        return tuple(Span(s, e) for s, e in split_sentences(self.text))

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [span.start for span in self.sentence_spans]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence that contains ``offset``."""
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def sentence_at(self, offset: int) -> Span:
        return self.sentence_spans[self.sentence_index(offset)]

    def search_sentence(self, pattern: re.Pattern[str], index: int) -> re.Match[str] | None:
        """``pattern.search`` over sentence ``index`` (offsets within the sentence), memoised:
        several extractors test every sentence for the same cues."""
        key = (pattern, index)
        if key not in self._sentence_searches:
            sentence = self.sentence_spans[index]
            self._sentence_searches[key] = pattern.search(self.text[sentence.start : sentence.end])
        return self._sentence_searches[key]

    @cached_property
    def _heading_ends(self) -> list[int]:
        return [end for _start, end in find_headings(self.text)]

    def section_start(self, offset: int) -> int:
        """Where the section holding ``offset`` begins: after the last heading before it."""
        index = bisect.bisect_right(self._heading_ends, offset) - 1
        return self._heading_ends[index] if index >= 0 else 0

    def evidence(self, start: int, end: int, extractor: str, confidence: float) -> Evidence:
        """Evidence for the repaired span ``[start, end)``, quoted from the original text."""
        start, end = _trim(self.text, start, end)
        o_start, o_end = self.document.repaired.to_original(start, end)
        return Evidence(
            start=o_start,
            end=o_end,
            quote=self.document.original_text[o_start:o_end],
            extractor=extractor,
            confidence=round(confidence, 2),
        )

    def original_slice(self, start: int, end: int) -> str:
        """The original text that produced the repaired span ``[start, end)``."""
        o_start, o_end = self.document.repaired.to_original(start, end)
        return self.document.original_text[o_start:o_end]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_headings(text: str) -> list[tuple[int, int]]:
    """Spans of headings: paragraphs of one short line that do not end like a sentence
    ("Entwicklung auf Kreisebene", "Begründung:")."""
    headings = []
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        paragraph = text[start:end].strip()
        if (
            paragraph
            and "\n" not in paragraph
            and len(paragraph.split()) <= MAX_HEADING_WORDS
            and paragraph[-1] not in ".!?;,"
        ):
            headings.append((start, end))
        start = match.end() if match else end
    return headings


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of German prose; paragraph breaks always end a sentence.

    A full stop after an abbreviation or a number ("z.B.", "17. Treffen", "9. November") does
    not end the sentence.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and _ends_with_abbreviation(text, match.start()):
            continue
        if match.group()[0] in "!?" and _inside_title(text, start, match.start()):
            continue
        if match.group() == "\n" and _is_list_item(text, match.start()):
            continue
        end = match.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


#: Fewer words make a line an item of a list ("• Bergheim", "• Kreis Soest"), one list.
MIN_PROSE_LINE_WORDS = 5


def _is_list_item(text: str, line_end: int) -> bool:
    """Whether the line ending at ``line_end`` is a short item of a list, not prose."""
    line = text[text.rfind("\n", 0, line_end) + 1 : line_end]
    return len(line.split()) < MIN_PROSE_LINE_WORDS


#: The program's own "!": "Kein Kind zurücklassen! Kommunen in NRW beugen vor".
_TITLE_MARK = re.compile(r"zur(?:ü|u|ue)ck(?:zu)?lassen$", re.IGNORECASE)


def _inside_title(text: str, start: int, mark: int) -> bool:
    """Whether the "!" or "?" at ``mark`` belongs to a quoted or a program title, not to the
    sentence: a German quotation opened in the sentence and closed shortly after
    („Kein Kind zurücklassen! Kommunen in NRW beugen vor“)."""
    if _TITLE_MARK.search(text[max(start, mark - 20) : mark]):
        return True
    before = text[start:mark]
    opened = before.count("„") > before.count("“") + before.count("”")
    return opened and bool(re.search("[“”]", text[mark : mark + 120]))


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip('(„"')
    if not word:
        return True
    digits = re.search(r"\d+$", word)
    if digits:  # "17. Treffen", "9. November" are ordinals; "im Jahr 2018." ends a sentence
        return len(digits.group()) <= 3
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())
