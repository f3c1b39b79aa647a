"""How council systems write a decision down: its sections ("Beschlussvorschlag:",
"Beschluss:"), the result lines of minutes ("Beschluss: einstimmig beschlossen",
"Beratungsergebnis:", "Abstimmung: Ja: 7, Nein: 3, Enthaltungen: 6"), the vote in its common
forms, and the kind of decision its verb states.

Pure text functions; :mod:`pkgraph.extract.decisions` attaches bodies and dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pkgraph.extract.text import Span
from pkgraph.records import Vote

#: Verbs of a decision, in the order their kinds are preferred when several occur.
DECISION_KINDS: tuple[tuple[str, str], ...] = (
    ("Kenntnisnahme", r"zur\s+Kenntnis"),
    ("Zustimmung", r"zugestimmt|stimm(?:t|en)\s+\S+(?:\s+\S+){0,12}?\s+zu\b|Zustimmung"),
    ("Beauftragung", r"beauftragt"),
    ("Empfehlung", r"empfiehlt|empfohlen|empfahl(?:en)?\b"),
    ("Genehmigung", r"genehmigt|bewilligt"),
    ("Votum", r"\bVotum\b"),
    ("Beschluss", r"beschlie(?:ß|ss)t|beschlossen|beschloss(?:en)?\b|verabschiedet"),
)

#: A decision heading: "Beschluss:" in running text, or a heading line of its own
#: ("### Beschlussvorschlag", "Geänderter Beschlussvorschlag:", "Beschlussvorschlag/Empfehlung:").
SECTION_HEAD = re.compile(
    r"^[ \t#*.]*(?:(?:Geänderter|Ergänzter|Neuer)\s+)?"
    r"(Beschlussvorschlag|Beschlussentwurf|Beschlussempfehlung|Beschlusstext|Beschluss)\b"
    r"(?:[ \t]*/[ \t]*\w+)?"  # "Beschlussvorschlag/Empfehlung:"
    # the body it is put to: "Beschlussvorschlag für den Jugendhilfeausschuss:"
    r"(?:[ \t]+(?:für|an)[ \t]+(?:den|die|das)[ \t]+(?P<to>[^\n:]{3,80}?)(?=[ \t*]*:))?"
    r"(?:[ \t*]*:|[ \t*]*$)[ \t*]*",
    re.MULTILINE,
)
_SECTION_END = re.compile(
    r"^[ \t#*.]*(?:Begr\S*ndung|Sachverhalt|Sachdarstellung|Darstellung|Abstimmungsergebnis|"
    r"Beratungsergebnis|Abstimmung\b|Ergebnis\s*:|Unterschrift|Anlage|Anlagen|Finanzielle|"
    r"Erl\S*uterung|Datenstand|Problem|Beratungsfolge|Protokoll\s*:|Reduzieren|TOP\b|"
    r"Tagesordnungspunkt|#|"
    # the Sachverhalt recounting an earlier session: "Der Ausschuss hat in seiner Sitzung am ..."
    r"(?:Der|Die|Das)\s+[^\n]{3,80}?\s+hat(?:te)?\s+in\s+(?:seiner|ihrer)\s+(?:\w+\s+)?"
    r"Sitzung\s+(?:am|vom)\b)",
    re.MULTILINE,
)
MAX_SECTION_CHARS = 1500
#: What a result line states: "(Vorberatung -) einstimmig beschlossen (und weiter)".
_STATUS = re.compile(
    r"^(?:(?:Vorberatung|Entscheidung|Kenntnisnahme|Empfehlung)\s*-\s*)?"
    r"(?:(?:einstimmig|mehrheitlich|einvernehmlich|ungeändert|geändert|mit\s+Änderungen|"
    r"wie\s+vorgeschlagen|so)\s+)*"
    r"(?:beschlossen|zugestimmt|empfohlen|abgelehnt|angenommen|(?:zur\s+)?Kenntnis\s+genommen|"
    r"vertagt|zurückgestellt|zurückgezogen|erledigt)(?:\s+und\s+weiter\w*)?\s*\.?\s*$|"
    r"^(?:einstimmig|mehrheitlich|einvernehmlich)\s*\.?\s*$",  # "Beschluss: einstimmig"
    re.IGNORECASE,
)
#: A line reporting how the body voted or what it resolved, in minutes and to0050 extracts.
RESULT_HEAD = re.compile(
    r"^[ \t#*]*(?:Beratungsergebnis|Abstimmungsergebnis|Abstimmung|Ergebnis)[ \t*]*:?[ \t*]*",
    re.MULTILINE | re.IGNORECASE,
)
#: Result words that say a resolution was taken (not rejected, postponed or withdrawn).
_TAKEN = re.compile(
    r"\b(?:beschlossen|zugestimmt|empfohlen|angenommen|Kenntnis\s+genommen|einstimmig"
    r"|mehrheitlich)\b",
    re.IGNORECASE,
)
#: A decision text states a decision: a decision verb, or a passive ("wird eingerichtet").
_DECIDES = re.compile(
    "|".join(pattern for _kind, pattern in DECISION_KINDS)
    + r"|\b(?:wird|werden|stimmt|stimmen)\b|möge"
    # a declared act of the issuer: "beteiligt sich der Kreis Coesfeld ab dem 01.07.2020 ..."
    + r"|\bbeteilig(?:t|en)\s+sich\b"
)
#: How far after a decision its result may stand.
VOTE_WINDOW = 400


@dataclass(frozen=True)
class Section:
    """A Beschlussvorschlag/Beschluss heading and its text."""

    heading: str
    text_span: Span
    #: Where the heading names the body the proposal is put to, if it does.
    addressee: Span | None = None


@dataclass(frozen=True)
class Result:
    """A result line: "Beschluss: einstimmig beschlossen", "Beratungsergebnis: ..."."""

    span: Span
    #: The line resolves something (beschlossen, zugestimmt, einstimmig, ...).
    taken: bool


def is_status(text: str) -> bool:
    """Whether ``text`` only states an outcome ("ungeändert beschlossen"), no decision text."""
    return _STATUS.match(text.strip()) is not None


#: A motion's request in running text: "Die SPD-Kreistagsfraktion beantragt deshalb: Der
#: Kreistag beauftragt ...", "beantragen wir Folgendes:"; the text after it is the resolution
#: proposed.
MOTION_HEAD = re.compile(
    r"\bbeantrag(?:t|en)(?:\s+(?:wir|deshalb|daher|hiermit|folgendes|Folgendes)){0,3}\s*:\s*"
    r"|^[ \t]*Antrag[ \t]*:[ \t]*\n\s*"  # a motion's heading line ("Antrag:")
    # "bitten wir Sie, folgenden Antrag auf die Tagesordnung … zu setzen:"
    r"|\bfolgenden\s+Antrag\b[^:\n]{0,200}:\s*",
    re.MULTILINE,
)
MOTION = "Antrag"


def find_sections(text: str) -> list[Section]:
    """Decision sections with a decision text, in order (status lines are results); a
    motion's request is a section headed "Antrag"."""
    sections = []
    for match in MOTION_HEAD.finditer(text):
        closing = _SECTION_END.search(text, match.end())
        stop = min(closing.start() if closing else len(text), match.end() + MAX_SECTION_CHARS)
        if _DECIDES.search(text, match.end(), stop):
            sections.append(Section(MOTION, Span(match.end(), stop)))
    for match in SECTION_HEAD.finditer(text):
        ends = [
            m.start()
            for m in (
                _SECTION_END.search(text, match.end()),
                SECTION_HEAD.search(text, match.end()),
            )
            if m
        ]
        end = min([*ends, len(text), match.end() + MAX_SECTION_CHARS])
        body = text[match.end() : end]
        same_line = text[match.end() : _line_end(text, match.end())]
        if _DECIDES.search(body) and not is_status(same_line or body):
            addressee = Span(*match.span("to")) if match["to"] else None
            sections.append(Section(match.group(1), Span(match.end(), end), addressee))
    return sorted(sections, key=lambda section: section.text_span.start)


def find_results(text: str) -> list[Result]:
    """Result lines: a Beschluss heading with an outcome, or a Beratungs-/Abstimmungsergebnis
    with what follows it (up to the next blank-line-separated block of prose)."""
    results = []
    for match in SECTION_HEAD.finditer(text):
        line_end = _line_end(text, match.end())
        if is_status(text[match.end() : line_end]):
            span = Span(match.start(), line_end)
            results.append(Result(span, bool(_TAKEN.search(text[span.start : span.end]))))
    for match in RESULT_HEAD.finditer(text):
        end = _result_end(text, match.end())
        if end > match.end():
            span = Span(match.start(), end)
            block = text[span.start : span.end]
            results.append(Result(span, bool(_TAKEN.search(block)) or _carried(block)))
    return sorted(results, key=lambda r: r.span.start)


def _carried(block: str) -> bool:
    """Counts alone that carry a motion ("Ja: 13 / Nein: - / Enthaltung: -")."""
    vote = parse_vote(block)
    return vote is not None and vote.yes is not None and vote.yes > (vote.no or 0)


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return end if end >= 0 else len(text)


def _result_end(text: str, start: int) -> int:
    """End of a result block: outcome words and counts, over blank lines, until prose."""
    end = start
    position = start
    while position < min(len(text), start + VOTE_WINDOW):
        line_end = _line_end(text, position)
        line = text[position:line_end].strip()
        if line and (len(line) > 120 or not _looks_like_result(line)):
            break
        if line:
            end = line_end
        position = line_end + 1
    return end


def _looks_like_result(line: str) -> bool:
    return bool(
        _TAKEN.search(line)
        or is_status(line)
        or re.search(r"\d|(?i:daf\S*r|dagegen|enth|ja\b|nein\b|abgelehnt|gegenstimm)", line)
        or line in "-:"
    )


def text_before_result(text: str, result: Span) -> Span | None:
    """The decision text a result line follows without a heading of its own: the paragraph
    right before it ("Die Verwaltung wird beauftragt, ... \nBeschluss: einstimmig"), when it
    states a decision."""
    end = text.rfind("\n", 0, result.start)
    if end <= 0:
        return None
    blank = text.rfind("\n\n", 0, end)
    start = max(blank + 2 if blank >= 0 else 0, end - MAX_SECTION_CHARS)
    paragraph = text[start:end].strip()
    if not paragraph or not _DECIDES.search(paragraph) or RESULT_HEAD.search(paragraph):
        return None
    offset = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    return Span(offset, offset + len(paragraph))


def vote_window(text: str, span: Span) -> str:
    """The text after a decision where its vote stands, up to the next decision heading."""
    following = SECTION_HEAD.search(text, span.end, span.end + VOTE_WINDOW)
    return text[span.start : following.start() if following else span.end + VOTE_WINDOW]


def decision_kind(text: str) -> str:
    """The kind of the decision ``text`` states, from its first decision verb."""
    found = [
        (match.start(), kind)
        for kind, pattern in DECISION_KINDS
        if (match := re.search(pattern, text))
    ]
    return min(found)[1] if found else "Beschluss"


# --- votes ------------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "keine": 0, "keiner": 0, "ein": 1, "eine": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
}  # fmt: skip
_COUNT = r"(\d+|" + "|".join(_NUMBER_WORDS) + r")"
#: Vote labels; a count stands after them ("Dafür: 12") or, in the other style, before them
#: ("12 Ja-Stimmen, 2 Nein-Stimmen, 1 Enthaltung", "bei zwei Enthaltungen"). One text uses one
#: style.
_VOTE_LABELS = {
    "yes": r"(?:daf(?:ü|u)r|ja-?stimmen|ja|zustimmungen|stimmen\s+daf(?:ü|u)r)",
    "no": r"(?:dagegen|nein-?stimmen|nein|ablehnungen|gegenstimmen?|stimmen\s+dagegen)",
    "abstain": r"(?:(?:stimm)?enthaltung(?:en)?|enth\.)",
}
_VOTE_STYLES = (
    {
        # "Nein: -" in a result table: none
        part: re.compile(rf"\b{label}\s*:?\s*(\d+(?!\.\d)|-(?=[ \t]*(?:\n|$)))", re.IGNORECASE)
        for part, label in _VOTE_LABELS.items()
    },
    {
        part: re.compile(rf"(?<![\w.]){_COUNT}\s+{label}(?![\w-])", re.IGNORECASE)
        for part, label in _VOTE_LABELS.items()
    },
)
_UNANIMOUS = re.compile(r"\b(?:einstimmig|ohne\s+Gegenstimmen?)\b", re.IGNORECASE)
_MAJORITY = re.compile(
    r"\b(?:mehrheitlich|mit\s+(?:großer|breiter|knapper|deutlicher)?\s*Mehrheit)\b", re.IGNORECASE
)
_NO_ABSTENTIONS = re.compile(r"\bohne\s+(?:Stimm)?[Ee]nthaltungen?\b")


def _count(value: str) -> int:
    if value == "-":
        return 0
    return int(value) if value.isdigit() else _NUMBER_WORDS[value.lower()]


#: Counts in a table: a row of labels, then a row of numbers ("Ja | Nein | Enthaltungen").
_VOTE_TABLE = re.compile(
    rf"{_VOTE_LABELS['yes']}[\s|:]+{_VOTE_LABELS['no']}[\s|:]+{_VOTE_LABELS['abstain']}"
    r"[\s|:]*\n[\s|]*(\d+)[\s|]+(\d+)[\s|]+(\d+)",
    re.IGNORECASE,
)


def _counts(text: str) -> dict[str, int | None]:
    """Vote counts in the first style ``text`` uses (a table, label first, count first)."""
    table = _VOTE_TABLE.search(text)
    if table:
        return dict(zip(("yes", "no", "abstain"), map(int, table.groups()), strict=True))
    for style in _VOTE_STYLES:
        matches = {part: pattern.search(text) for part, pattern in style.items()}
        counts = {part: _count(m.group(1)) if m else None for part, m in matches.items()}
        if any(value is not None for value in counts.values()):
            return counts
    return {"yes": None, "no": None, "abstain": None}


def parse_vote(text: str) -> Vote | None:
    """The vote ``text`` states: counts ("Ja: 11, Nein: 0", "bei 2 Enthaltungen"), "einstimmig"
    (no votes against; no abstentions unless counted), a majority without counts
    (``Vote(None, None, None)``); None when it states none."""
    counts = _counts(text)
    if _UNANIMOUS.search(text):
        counts["no"] = 0 if counts["no"] is None else counts["no"]
        if counts["abstain"] is None and counts["yes"] is None:
            counts["abstain"] = 0
    if _NO_ABSTENTIONS.search(text) and counts["abstain"] is None:
        counts["abstain"] = 0
    if any(value is not None for value in counts.values()) or _MAJORITY.search(text):
        return Vote(yes=counts["yes"], no=counts["no"], abstain=counts["abstain"])
    return None
