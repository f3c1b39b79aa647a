"""The words of a person mention: role words ("Bürgermeisterin", "Landtagsabgeordneter") and
name patterns (given names and surnames, titles, initials, double surnames, letters beyond
German ones), shared by the person finders and the caption lists."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from pkgraph.extract.text import normalise_space

ROLE_HEADS = (
    r"[Bb]ürgermeister|Landrat|Landrätin|Landesrat|Landesrätin|[Ss]taatssekretär|[Mm]inister|Ministerpräsident|"
    r"Beigeordnete|[Dd]ezernent|Kreisdirektor|Kämmerer|Kämmerin|[Ll]eiter|[Gg]eschäftsführer|"
    r"[Vv]orsitzende|[Vv]orstand|[Kk]oordinator|[Kk]olleg(?:e|in)|[Pp]laner|Sachbearbeiter|[Rr]eferent|[Pp]räsident|[Dd]irektor|"
    r"Professor|"
    r"[Bb]erater|[Bb]eauftragte|[Ss]chriftführer|[Pp]rotokollführer|[Ss]precher|Stadtrat|"
    r"Stadträtin|Ratsherr|Ratsfrau|[Aa]bgeordnete[nr]?|[Mm]itglied|[Mm]itarbeiter|[Vv]ertreter|"
    # the professions of the field: "sagt Hebamme Eva Muster", "Sozialarbeiterin Ute Muster"
    r"[Hh]ebamme|[Ss]ozialarbeiter|[Ss]ozialpädagog[ei]|[Ee]rzieher|[Pp]farrer|"
    # members of a committee who are not councillors: "Sachkundiger Bürger Becker"
    r"[Ss]achkundige[rn]?\s+Bürger|[Rr]edakteur|[Mm]oderator|[Bb]egleiter|"
    # "Fraktionschef", "SPD-Ratsfraktionschef", "Verwaltungschefin" (after a capitalised part)
    r"chef|"
    # the abbreviations of minutes: "Der Stv. Vincent Muster", "AM Hans Muster", "RM", "KTA"
    r"Stv\.|AM|RM|KTA|Ktabg\.|Dez\."
)


def first_letters(alternation: str) -> str:
    """The letters the words of ``alternation`` ("[Bb]ürgermeister|Landrat|...") can begin with."""
    letters: set[str] = set()
    for word in alternation.split("|"):
        letters |= set(word[1 : word.index("]")]) if word.startswith("[") else {word[0]}
    return "".join(sorted(letters))


#: A role word. The lookahead on its first letter is implied by the rest; it only spares the
#: engine the lazy prefix and every head at a word that cannot start a role ("eine", "und").
ROLE = (
    rf"(?=[A-ZÄÖÜ{first_letters(ROLE_HEADS)}])"
    rf"(?:[A-ZÄÖÜ][a-zäöüß]*?)?(?:{ROLE_HEADS})(?:in|r|n|s|en)?(?![\wäöüß])"
)
#: Letters of names, also beyond German ones ("André", "Çelik", "Łukasz", "Şahin").
UPPER = "A-ZÄÖÜÁÀÂÉÈÊÍÓÔÚÇŁŚŠŞŻŹ"
LOWER = "a-zäöüßáàâãéèêëíìîïóòôõúùûçñłńśšşğıćźż"
#: One part of a name; a double surname may carry a particle ("Jüttner-von der Gathen"), and
#: a Westphalian one is two words ("Schulze Föcking", "Große Brömer").
_WESTPHALIAN = rf"(?:Große|Schulze|Schulte|Meyer zu) (?=[{UPPER}])"
_WORD = rf"[{UPPER}][{LOWER}]+(?:-(?:(?:von|van|de)(?: der| den| dem)? )?[{UPPER}][{LOWER}]+)?"
NAME_WORD = rf"(?:{_WESTPHALIAN})?{_WORD}"
#: A surname may also follow a particle ("von der Leyen", "Al Ghusain", "De Marco"; not
#: "Frau X von der Verwaltung", "Geschäftsführerin von Seiten des Jugendamtes": a noun after
#: it is no name).
_PARTICLE = (
    rf"(?:von der|von|van der|van den|van|Al|El|Abu|De|Di|Da|Dos) (?=[{UPPER}])"
    r"(?![\wäöüß]+(?:ung|heit|keit|schaft|amt|ion|tät|ium|erei)\b|Seiten\b)"
)
SURNAME = rf"(?:{_WESTPHALIAN}|{_PARTICLE})?{_WORD}"
#: Parts of one name are separated by a single space: tabs and line breaks separate fields.
TITLE = r"(?:(?:Dr\.|Prof\.) ?)*"
#: A full name starts with a capital; the lookahead is implied by the rest, it only spares the
#: engine the title and the initials at every other position.
FULL_NAME = rf"(?=[{UPPER}]){TITLE}(?:(?:[A-Z]\. ?)+|{NAME_WORD} ){SURNAME}"
NAME = rf"{TITLE}(?:(?:[A-Z]\. ?)+|{NAME_WORD} )?{SURNAME}"
#: A full name with one or two given names ("Margit Monika Hahn"), where the context shows
#: that all capitalised words belong to it (a caption, a list, a line of its own).
LONG_NAME = rf"{TITLE}(?:(?:[A-Z]\. ?)+|(?:{NAME_WORD} ){{1,2}}){SURNAME}"
#: Where the organisation begins in a role text ("Leiterin des Jugendamtes").
ORG_CONNECTOR = re.compile(r"\s+(?:des|der|im|in|beim|vom|von\s+der)\s+(?!\d)")


def role_text(role: str) -> str:
    connector = ORG_CONNECTOR.search(role)
    text = role[: connector.start()] if connector else role
    return normalise_space(text.strip(' ,“”"„'))


@cache
def given_names() -> frozenset[str]:
    """Common given names of the region (``data/given_names.txt``): a capitalised word pair
    opening with one is a person even without a role or quote around it."""
    text = files("pkgraph").joinpath("data/given_names.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
