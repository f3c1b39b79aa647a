"""People in photo captions and lists: "Name (Statistikstelle), Name (Gemeinde X) und Name
(r.)", "(v.l.) Name (Rolle), Name (Rolle)", "Name, Name, Name (alle Abteilung Jugend)"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pkgraph.extract.person_names import LONG_NAME, role_text

#: "Name (Statistikstelle), Name (Gemeinde X) und Name (r.)": photo captions and lists. The
#: parenthesis is found first and the name read backwards from it, which is much cheaper than
#: trying a name at every capital letter.
_CAPTION_PAREN = re.compile(r" \((?P<inside>[^()\n]{1,120})\)")
_NAME_BEFORE = re.compile(rf"(?<![\wäöüß])(?P<name>{LONG_NAME})$")
#: How far before its parenthesis a caption's name may start.
CAPTION_NAME_CHARS = 60
#: A position in a photo: "(r.)", "(2.v.l.)", "(Mitte)", "(links)".
_PHOTO_POSITION = re.compile(
    r"(?:\d\.\s?)?(?:v\.\s?)?[lr]\.|Mitte|links|rechts|v\.\s?l\.\s?n\.\s?r\."
)
#: A caption naming the employer, not the role: "(Gemeinde Kalletal)", "(Kreis Soest)".
_EMPLOYER = re.compile(r"(?:Stadt|Gemeinde|Kreis|Landkreis)\s+[A-ZÄÖÜ]")
#: An affiliation that only a person has: "Gerda Muster (Institut für Sozialarbeit ...)",
#: "Prof. Dr. Jan Muster (Universität Bielefeld)".
_AFFILIATION = re.compile(
    r"(?:Institut|Universität|Hochschule|Fachhochschule|FH|Technische\s+Universität|"
    r"(?:[\wäöüß-]+\s+)?School|Akademie)\b"
)
_TITLED = re.compile(r"(?:Prof\.|Dr\.)")
#: How far apart two captions of one list may stand (", vordere Reihe: ").
CAPTION_GAP = 25
#: A photo's caption opens with the order of the people in it: "(v.l.)", "v.l.n.r.:".
_ORDER_OPENER = re.compile(r"(?:\(\s*)?v\.\s?l\.(?:\s?n\.\s?r\.)?\s*\)?\s*:?\s*$")
#: A parenthesis for everyone listed before it: "A, B, C (alle Abteilung Jugend)".
_FOR_ALL = re.compile(r"(?:alle|beide)\s+")
#: One more name before such a list's last one (", " or " und " after it).
_LISTED_BEFORE = re.compile(rf"(?<![\wäöüß])(?P<name>{LONG_NAME})(?:, | und )$")


@dataclass(frozen=True)
class _Caption:
    name: str
    start: int
    inside: str
    inside_start: int
    end: int


def _captions(text: str) -> list[_Caption]:
    """Every "Name (something)" in ``text``; abbreviations ("(ISA)") are no captions."""
    found: list[_Caption] = []
    for paren in _CAPTION_PAREN.finditer(text):
        if paren["inside"].isupper():
            continue
        name = _NAME_BEFORE.search(text, max(0, paren.start() - CAPTION_NAME_CHARS), paren.start())
        if name:
            found.append(
                _Caption(
                    name["name"], name.start(), paren["inside"], paren.start("inside"), paren.end()
                )
            )
    return found


def _listed_with(text: str, caption: _Caption) -> list[tuple[str, int, int]]:
    """The names listed before a caption "for all" ("Isabel Schaefer, Maren Kerber, Ilona
    Overath (alle Abteilung Jugend)"), nearest last, with their offsets."""
    if not _FOR_ALL.match(caption.inside):
        return []
    names: list[tuple[str, int, int]] = []
    start = caption.start
    while (
        found := _LISTED_BEFORE.search(text, max(0, start - CAPTION_NAME_CHARS), start)
    ) is not None:
        names.insert(0, (found["name"], found.start("name"), found.end("name")))
        start = found.start("name")
    return names


def add_captions(
    text: str, add: Callable[[str, str | None, int, int, tuple[int, int]], None]
) -> None:
    """People in a photo caption or list, "Name (role or employer)": a caption counts when it
    names a photo position ("(r.)"), stands next to another caption or right after the order
    of a photo ("(v.l.)"); "(alle …)" is the caption of every name listed before it."""
    captions = _captions(text)
    for index, caption in enumerate(captions):
        position = _PHOTO_POSITION.fullmatch(caption.inside.strip())
        neighbours = captions[max(0, index - 1) : index] + captions[index + 1 : index + 2]
        listed = any(
            0 <= other.start - caption.end <= CAPTION_GAP
            or 0 <= caption.start - other.end <= CAPTION_GAP
            for other in neighbours
        )
        opened = _ORDER_OPENER.search(text, max(0, caption.start - 16), caption.start)
        affiliated = _AFFILIATION.match(caption.inside) or _TITLED.match(caption.name)
        if not (position or listed or opened or affiliated):
            continue
        employer = (
            _EMPLOYER.match(caption.inside)
            or _FOR_ALL.match(caption.inside)
            or _AFFILIATION.match(caption.inside)
        )
        role = None if position or employer else role_text(caption.inside)
        span = (caption.inside_start, caption.inside_start + len(caption.inside))
        for name, start, end in [*_listed_with(text, caption), (caption.name, caption.start, 0)]:
            add(name, role, start, end or caption.end, span)
