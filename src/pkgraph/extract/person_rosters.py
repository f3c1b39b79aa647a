"""People listed by council papers line by line: the attendance list of minutes ("Anwesend vom
Gremium:" followed by one member per line, surname first: "Dünner, Johannes", "Dr. Rolle,
Jürgen Vorsitzender", "Hyeng, Peter für Pütz, Thomas", grouped under lines naming the party or
group), and the row of signatures under "gezeichnet:" ("Richrath      Molitor      Adomat")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pkgraph.extract.person_names import NAME_WORD, ROLE, TITLE

#: The heading of an attendance list.
_ROSTER_HEAD = re.compile(
    r"^[ \t]*(?:Anwesend|Anwesende|Anwesenheit|Teilnehmende|Teilnehmer(?:innen)?|"
    r"Sitzungsteilnehmer\w*)\b[^\n]{0,40}?:?[ \t]*$",
    re.MULTILINE,
)
#: One member, surname first: "Natus-Can M.A., Astrid", "Peil, Stefan (TOP 17)".
_MEMBER = re.compile(
    rf"(?P<title>{TITLE})(?P<surname>{NAME_WORD})(?:[ \t]+[A-Z]\.[A-Z]\.)?,[ \t]*"
    rf"(?P<given>{NAME_WORD}(?:[ -](?!{ROLE}){NAME_WORD})?)(?![\wäöüß-])"
)
#: "für Pütz, Thomas": the member a deputy stands in for.
_DEPUTY_FOR = re.compile(r"[ \t]+für[ \t]+")
#: A role after the name on its line ("Vorsitzender").
_ROLE_AFTER = re.compile(rf"[ \t]+(?P<role>{ROLE})[ \t]*$")
#: How many lines in a row may name no member (group headings) before the list has ended.
MAX_HEADING_LINES = 2


@dataclass(frozen=True)
class RosterMember:
    name: str
    role: str | None
    start: int
    end: int


def roster_members(text: str) -> Iterator[RosterMember]:
    """Every member the attendance lists of ``text`` name, given name first."""
    for head in _ROSTER_HEAD.finditer(text):
        position, misses = head.end() + 1, 0
        while position < len(text) and misses <= MAX_HEADING_LINES:
            end = text.find("\n", position)
            end = len(text) if end < 0 else end
            line = text[position:end]
            if not line.strip():
                break
            members = list(_members_of(line, position))
            misses = 0 if members else misses + 1
            yield from members
            position = end + 1


def _members_of(line: str, offset: int) -> Iterator[RosterMember]:
    """The member a line names and the one a deputy stands in for ("X, Y für Z, W")."""
    for part_start, part in _parts(line):
        member = _MEMBER.match(part)
        if member is None or member.end() < len(part.rstrip()) - 40:
            continue
        role = _ROLE_AFTER.search(part, member.end())
        name = f"{member['title']}{member['given']} {member['surname']}"
        yield RosterMember(
            name,
            role["role"] if role else None,
            offset + part_start + member.start(),
            offset + part_start + member.end(),
        )


def _parts(line: str) -> Iterator[tuple[int, str]]:
    start = len(line) - len(line.lstrip())
    for deputy in _DEPUTY_FOR.finditer(line):
        yield start, line[start : deputy.start()]
        start = deputy.end()
    yield start, line[start:]


def add_roster(
    text: str, add: Callable[[str, str | None, int, int, tuple[int, int]], None]
) -> None:
    """Hand every member of the attendance lists to ``add`` (name, role, span, org span)."""
    for member in (*roster_members(text), *signature_names(text)):
        add(member.name, member.role, member.start, member.end, (member.end, member.end))


#: "gezeichnet:" or "gez." opening the signature block of a council paper.
_SIGNED = re.compile(r"^[ \t]*(?:gezeichnet|gez\.)[ \t]*:?[ \t]*$", re.MULTILINE | re.IGNORECASE)
#: A row of signatures laid out in columns: surnames separated by wide gaps.
_SIGNATURE_ROW = re.compile(
    rf"^[ \t]*(?:{NAME_WORD})(?:(?:[ \t]*\t[ \t]*|[ ]{{3,}})(?:{NAME_WORD}))*[ \t]*$", re.MULTILINE
)
_SIGNATURE_NAME = re.compile(NAME_WORD)
#: How many lines after "gezeichnet:" the row of names may stand (a row "In Vertretung").
MAX_SIGNATURE_LINES = 4


def signature_names(text: str) -> Iterator[RosterMember]:
    """The surnames of a signature row after "gezeichnet:" ("Richrath      Molitor      Adomat"),
    with "In Vertretung" as the role of a name standing under it."""
    for signed in _SIGNED.finditer(text):
        lines_end = signed.end()
        for _ in range(MAX_SIGNATURE_LINES):
            lines_end = text.find("\n", lines_end + 1)
            if lines_end < 0:
                lines_end = len(text)
                break
        row = _SIGNATURE_ROW.search(text, signed.end(), lines_end)
        if row is None:
            continue
        for name in _SIGNATURE_NAME.finditer(text, row.start(), row.end()):
            yield RosterMember(name.group(), None, name.start(), name.end())
