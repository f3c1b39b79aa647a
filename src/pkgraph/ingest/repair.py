"""Text repair that keeps the original: each pass yields edits, the offset map follows them.

Passes, in order: mojibake (ftfy), Unicode (NFC, ligatures, invisible characters), words
hyphenated across line breaks, layout whitespace, OCR-damaged German words. The result is a
:class:`~pkgraph.records.RepairedText` whose ``offsets`` point every repaired character back
into the text as read.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from itertools import pairwise

import ftfy
import regex
from ftfy.badness import is_bad

from pkgraph.ingest.edits import Edit, apply_edits, identity_offsets
from pkgraph.ingest.ocr import ocr_edits
from pkgraph.records import Correction, RepairedText

Pass = Callable[[str], list[Edit]]


def repair_text(original: str) -> RepairedText:
    """Run every pass over ``original``; corrections are listed in original order."""
    text = original
    offsets = identity_offsets(len(original))
    corrections: list[Correction] = []
    for repair_pass in PASSES:
        edits = repair_pass(text)
        if edits:
            text, offsets, applied = apply_edits(original, text, offsets, edits)
            corrections.extend(applied)
    corrections.sort(key=lambda c: (c.start, c.end))
    return RepairedText(
        original=original, text=text, offsets=offsets, corrections=tuple(corrections)
    )


# --- mojibake ---------------------------------------------------------------------------------


def mojibake_edits(text: str) -> list[Edit]:
    """Undo text decoded with the wrong encoding ("FÃ¶rderung"), line by line, via ftfy."""
    if not is_bad(text):
        return []
    edits: list[Edit] = []
    for line in re.finditer(r"[^\n]+", text):
        if not is_bad(line.group()):
            continue
        fixed = ftfy.fix_encoding(line.group())
        edits.extend(_diff_edits(line.start(), line.group(), fixed, "mojibake"))
    return edits


def _diff_edits(offset: int, before: str, after: str, kind: str) -> list[Edit]:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [
        Edit(offset + i1, offset + i2, after[j1:j2], kind)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


# --- Unicode ----------------------------------------------------------------------------------

#: Characters PDF text layers carry that are no text of their own: ligatures, soft hyphens,
#: zero-width characters and stray byte-order marks.
_CHARACTER_FIXES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u00ad": "",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
}
_CHARACTER_FIX = re.compile("[" + "".join(_CHARACTER_FIXES) + "]")
#: A character with its combining marks: the unit NFC composes.
_CLUSTER = regex.compile(r"[^\x00-\x7f]\p{M}*|[\x00-\x7f]\p{M}+")


def unicode_edits(text: str) -> list[Edit]:
    """Compose to NFC ("u" + combining diaeresis -> "ü") and drop or expand layout characters."""
    edits = [
        Edit(m.start(), m.end(), _CHARACTER_FIXES[m.group()], "unicode")
        for m in _CHARACTER_FIX.finditer(text)
    ]
    if not unicodedata.is_normalized("NFC", text):
        for m in _CLUSTER.finditer(text):
            composed = unicodedata.normalize("NFC", m.group())
            if composed != m.group() and m.group() not in _CHARACTER_FIXES:
                edits.append(Edit(m.start(), m.end(), composed, "unicode"))
        edits.sort(key=lambda e: e.start)
    return edits


# --- hyphenation ------------------------------------------------------------------------------

#: A hyphen ending a line after a word character, the line break(s), and the next word.
_LINE_END_HYPHEN = re.compile(r"(?<=\w)-[ \t\xa0]*(?:\r?\n[ \t\xa0]*){1,2}(?=(\w+))")
#: Conjunctions after which a line-end hyphen is a suspended compound ("Auf- und Ausbau").
_COORDINATING = frozenset({"und", "oder", "bzw", "sowie", "bis", "als", "wie"})


def hyphenation_edits(text: str) -> list[Edit]:
    """Join "weiter-\\nzuentwickeln"; keep the hyphen of "SV-9-\\n1217", "Auf-\\nund" and
    "Jugend-\\nAmt" (the break goes)."""
    edits: list[Edit] = []
    for m in _LINE_END_HYPHEN.finditer(text):
        following = m.group(1)
        previous = text[m.start() - 1]
        if following in _COORDINATING:
            replacement = "- "
        elif following[0].islower() and previous.isalpha():
            replacement = ""
        else:
            replacement = "-"
        edits.append(Edit(m.start(), m.end(), replacement, "hyphenation"))
    return edits


# --- whitespace -------------------------------------------------------------------------------

#: Whitespace worth rewriting: any run with a line break, two or more blanks, or a single
#: blank that is not a plain space. A single space or tab between words is left alone.
_LAYOUT_SPACE = re.compile(r"\s*[\n\r\f\v\x1c-\x1e\x85\u2028\u2029]\s*|[^\S\n]{2,}|[^\S \t\n]")
_ENUMERATOR = re.compile(r"\d{1,3}[.)]\s")
#: A row of a table of contents or a numbered list: a page or item number, then a capital.
_NUMBERED_ROW = re.compile(r"[^\S\n]*\d{1,3}[^\S\n]+[A-ZÄÖÜ„\"]")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n|[\f\v\u2029]")
#: A gap between the cells of a table laid out in plain text: a tab, two spaces, or three or
#: more blanks of any kind (one no-break space next to a space is prose from HTML).
_CELL_GAP = re.compile(r"\t| {2}|[^\S\n]{3}")
_INNER_BLANKS = re.compile(r"(?<=\S)[^\S\n]+(?=\S)")
#: A table row that opens with a date and goes on with a cell ("08.06.2021 Jugendhilfeausschuss").
_DATED_ROW = re.compile(r"[^\S\n]*\d{1,2}\.\d{1,2}\.\d{2,4}[^\S\n]+[A-Za-zÄÖÜ]")


def whitespace_edits(text: str) -> list[Edit]:
    """Collapse layout whitespace: blanks to one space (one tab between table cells), blank
    lines to one paragraph break, trailing and leading blanks of lines away, and unwrap lines
    broken inside a sentence — never the rows of a table."""
    width = wrap_width(text)
    edits: list[Edit] = []
    for m in _LAYOUT_SPACE.finditer(text):
        run = m.group()
        replacement = _collapsed(run, text, m.start(), m.end(), width)
        if replacement != run:
            edits.append(Edit(m.start(), m.end(), replacement, "whitespace"))
    return edits


#: A text is hard-wrapped (a PDF's text layer, a mail) when this many of its lines reach
#: :data:`FULL_LINE` of the width its longest lines share.
MIN_FULL_LINES = 4
FULL_LINE = 0.8
#: The width of a wrapped text's lines: the length of its longest lines but a few (an
#: unwrapped paragraph or URL may run past it).
WIDTH_PERCENTILE = 0.75
#: Lines shorter than this say nothing about the width (headings, addresses, table rows).
MIN_WRAPPED_WIDTH = 40
#: Full lines followed by a lowercase word: breaks inside sentences that prove the wrapping.
MIN_BREAKS_IN_SENTENCES = 3


def wrap_width(text: str) -> int | None:
    """The width a hard-wrapped text was broken at, or None when its lines show none: enough
    of them reach nearly one width, and some of those break before a lowercase word (a list
    of long items or labelled fields from a web page does not)."""
    lines = text.split("\n")
    lengths = sorted(n for line in lines if (n := len(line.rstrip())) >= MIN_WRAPPED_WIDTH)
    if len(lengths) < MIN_FULL_LINES:
        return None
    width = lengths[min(len(lengths) - 1, int(len(lengths) * WIDTH_PERCENTILE))]
    full = sum(1 for n in lengths if FULL_LINE * width <= n <= width)
    inside = sum(
        1
        for line, following in pairwise(lines)
        if len(line.rstrip()) >= FULL_LINE * width and following[:1].islower()
    )
    return width if full >= MIN_FULL_LINES and inside >= MIN_BREAKS_IN_SENTENCES else None


def _collapsed(run: str, text: str, start: int, end: int, width: int | None = None) -> str:
    if start == 0 or end == len(text):
        return ""
    normalised = run.replace("\r\n", "\n").replace("\r", "\n")
    if _PARAGRAPH_BREAK.search(normalised):
        return "\n\n"
    if "\n" in normalised or "\x85" in normalised or "\u2028" in normalised:
        if _between_table_rows(text, start, end):
            return "\n"
        if _continues_sentence(text, start, end) or _wrapped(text, start, end, width):
            return " "
        return "\n"
    return "\t" if _CELL_GAP.search(run) else " "


def _line_at(text: str, position: int) -> str:
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    return text[line_start : len(text) if line_end < 0 else line_end]


def _has_cell_gap(line: str) -> bool:
    return any(_CELL_GAP.search(gap) for gap in _INNER_BLANKS.findall(line))


def _between_table_rows(text: str, break_start: int, break_end: int) -> bool:
    """A line break next to a row with cell gaps, or inside a run of rows that open with a
    date (the row before or the row after the next one is dated too)."""
    before, after = _line_at(text, break_start - 1), _line_at(text, break_end)
    if _has_cell_gap(before) or _has_cell_gap(after):
        return True
    if not _DATED_ROW.match(after):
        return False
    next_break = text.find("\n", break_end)
    following = _line_at(text, next_break + 1) if next_break >= 0 else ""
    return bool(_DATED_ROW.match(before) or _DATED_ROW.match(following))


def _continues_sentence(text: str, break_start: int, break_end: int) -> bool:
    """A line that ends in a lowercase letter or comma, followed by a lowercase word or a
    number that is no list enumerator ("1." before a tab or blank) and no row of a numbered
    list like the line before ("04 Hannelore Kraft, …" / "05 Dr. Brigitte Mohn, …")."""
    before, after = text[break_start - 1], text[break_end]
    if not (before.islower() or before in ",;"):
        return False
    if after.islower():
        return True
    if not after.isdigit() or _ENUMERATOR.match(text, break_end):
        return False
    line_before = _line_at(text, break_start - 1)
    return not (_NUMBERED_ROW.match(line_before) and _NUMBERED_ROW.match(text, break_end))


#: What opens a line of its own even in wrapped text: a list mark or an enumerator.
_ITEM_START = re.compile(r"[•*·–—-]\s|\d{1,3}[.)]\s|[a-z][.)]\s")
#: What ends a sentence (or introduces a list) at a line's end.
_CLAUSE_END = ".!?:;"
_WORD = re.compile(r"\S+")


def _wrapped(text: str, break_start: int, break_end: int, width: int | None) -> bool:
    """In a hard-wrapped text, a line broken because the next word did not fit ("…
    Ministerpräsidentin Hannelore\nKraft hat …"): the line and that word run past the width,
    and neither a sentence ends nor a list item begins at the break."""
    if width is None or text[break_start - 1] in _CLAUSE_END:
        return False
    line = _line_at(text, break_start - 1).rstrip()
    following = _WORD.match(text, break_end)
    if following is None or _ITEM_START.match(text, break_end):
        return False
    if _NUMBERED_ROW.match(line) and _NUMBERED_ROW.match(text, break_end):
        return False  # "04 Hannelore Kraft, …" / "05 Dr. Brigitte Mohn, …"
    return len(line) >= FULL_LINE * width and len(line) + 1 + len(following.group()) > width


PASSES: tuple[Pass, ...] = (
    mojibake_edits,
    unicode_edits,
    hyphenation_edits,
    whitespace_edits,
    ocr_edits,
)
