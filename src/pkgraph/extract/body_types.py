"""The catalogue of body types: one :class:`BodyType` per kind of Gremium or organisation
(its regex, kind, owner level and naming), the lexicons of bodies known by abbreviation
(ministries, organisations, committees), and the base form of a name (genitive endings
dropped). :mod:`pkgraph.extract.bodies` finds, names and attaches them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pkgraph.extract.text import CAPITALISED_FUNCTION_WORDS, ocr_tolerant
from pkgraph.gazetteer import load_gazetteer
from pkgraph.records import BodyKind

LAND = "Land Nordrhein-Westfalen"
BUND = "Bund"

Owner = Literal["kreis", "district", "local", "land", "bund", "none"]
_CAP = r"[A-ZÄÖÜ][\wäöüß-]*"
#: "Haupt- und Finanz|ausschuss", "Haupt-, Finanz- und Personal|ausschuss": truncated first
#: parts joined to the head word.
_TRUNCATED = r"(?:(?:[A-ZÄÖÜ][\wäöüß]*-,\s+)*[A-ZÄÖÜ][\wäöüß]*-\s+(?:und|u\.)\s+)?"
#: Words after a committee's name in tables and minutes, not a second word of its topic.
_NOT_A_TOPIC = (
    r"(?:Beschluss|Kenntnisnahme|Entscheidung|Vorberatung|Beratung|Anhörung|Ausschuss"
    r"|Sitzung|Kreishaus|Rathaus|Empfehlung"
    # an abbreviation after the name ("Institut für Energietechnik IfE GmbH", "... NRW")
    r"|[A-ZÄÖÜ][a-zäöüß]*[A-ZÄÖÜ][\wäöüß]*)\b"
)
#: A topic list after "für": "für Kinder, Familie, Flüchtlinge und Integration".
#: Words of one topic are one space apart, so a table column after the name stays out.
_TOPIC = (
    rf"(?:(?!(?:der|die|das|den|dem|des|ein|eine)\s)[a-zäöüß]+(?:e|e[nmrs])\s+)?"
    rf"{_CAP}(?:[ \n](?!{_NOT_A_TOPIC}){_CAP})?"
)
#: Topics listed with commas and one "und" before the last: a second "und" joins the sentence
#: ("Amt für Schule, Bildung und Integration und Elke Ricken-Melchert").
#: What a ministry's short name says it is for ("Familienministerium", "Schulministerium").
_SHORT_MINISTRY = (
    r"(?:Familien|Jugend|Kinder|Integrations|Schul|Bildungs|Kultus|Gesundheits|Sozial|Arbeits"
    r"|Innen|Finanz|Wirtschafts|Bau|Heimat|Kommunal)"
)
_TOPICS = rf"{_TOPIC}(?:,\s*{_TOPIC})*(?:\s+und\s+{_TOPIC})?"
#: A unit named by its topics alone ("Referat Kinder, Jugend und Familien"): capitalised only.
_UNIT_TOPICS = rf"{_CAP}(?:,[ ]{_CAP})*(?:[ ]und[ ]{_CAP})?"
#: One capitalised word ending a name: not followed by another, which would belong to it.
_ONE_WORD = r"[A-ZÄÖÜ][\wäöüß-]+(?![\wäöüß-]|\s[A-ZÄÖÜ])"
#: The two Landschaftsverbände's regions, as their state-level bodies carry them.
_LV_REGION = r"(?:Rheinland|Westfalen-Lippe|Westfalen)"
#: The state as an adjective before a ministry: "des nordrhein-westfälischen Ministeriums".
_STATE_ADJECTIVE = r"\bnordrhein-westfälische[nmrs]?\s+"
#: Party names as Fraktionen carry them (domain knowledge, any capitalisation).
_PARTY = (
    r"(?:(?i:Bündnis\s+90\s*/\s*Die\s+Grünen|(?:Die\s+)?Grünen?|Die\s+Linke|Freie\s+Wähler)"
    r"|[A-ZÄÖÜ]{2,5}|AfD)(?![\wäöüß])"
)
NOT_A_NAME = CAPITALISED_FUNCTION_WORDS | frozenset(
    [
        "Einer",
        "Diese",
        "Dieser",
        "Jede",
        "Jeder",
        "Neue",
        "Beide",
        "Alle",
        "Auch",
        "Unter",
        "Nach",
        "Über",
        "Durch",
        "Sowie",
        "Als",
    ]
)


@dataclass(frozen=True)
class BodyType:
    """How to find, classify, name and attach one type of body."""

    pattern: str
    kind: BodyKind
    owner: Owner
    #: Canonical name from the match; None means "the match itself, in base form".
    name: Callable[[re.Match[str]], str] | None = None
    #: A generic name ("Steuerungsgruppe") that means nothing without its program.
    generic: bool = False
    #: The match is itself an abbreviation ("MKFFI") whose full name ``name`` gives.
    is_abbreviation: bool = False
    #: "Steuerungs- und Planungsgruppe" names two generic groups, not one.
    splits_pairs: bool = False
    #: A common noun ("Jugendamt") names a body only with an article or an owner after it.
    needs_article: bool = False
    #: An administrative unit ("Referat ...") means nothing without the municipality it serves.
    needs_owner: bool = False
    #: Words (case-folded), one of which every match (or its lookahead) contains: the pattern
    #: only runs on texts that have one (a substring test is far cheaper than the regex scan).
    cues: tuple[str, ...] = ()
    #: A unit named by the program it serves ("Koordinierungsstelle Kommunale
    #: Präventionsketten") is only a body with that name after it.
    needs_program: bool = False
    #: ``reject(text, start, end)``: the match is no body in its context (a title, a law).
    reject: Callable[[str, int, int], bool] | None = None
    #: The canonical name reorders what the text writes ("Koordinationsstelle Kinderarmut des
    #: LVR" -> "LVR-Koordinationsstelle Kinderarmut"): reported as written.
    reorders: bool = False


def _fixed(name: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: name


def _as_matched(match: re.Match[str]) -> str:
    """The match itself as the name, its spaces joined ("Stadtverwaltung Gütersloh")."""
    return " ".join(match.group().split())


#: The other German Länder (domain knowledge): their Landtag or government is not NRW's.
_OTHER_STATES = (
    r"(?P<state>(?:Baden-Württemberg|Bayern|Berlin|Brandenburg|Bremen|Hamburg|Hessen|Niedersachsen"
    r"|Mecklenburg-Vorpommern|Rheinland-Pfalz|Saarland|Sachsen(?:-Anhalt)?|Schleswig-Holstein"
    r"|Thüringen)s?)(?![\wäöüß-])"
)
_STATE_ADJECTIVE_BEFORE = re.compile(r"(?i)\b([a-zäöüß][\wäöüß-]*isch(?:e[nmrs]?)?)\s+$")
_OTHER_STATE_AFTER = re.compile(
    rf"\s+(?:des\s+(?:Landes|Freistaat(?:e?s))\s+|von\s+)?{_OTHER_STATES}"
)


def other_state_after(text: str, end: int) -> str | None:
    """The other Land a body is said to belong to ("... des Landes Schleswig-Holstein")."""
    match = _OTHER_STATE_AFTER.match(text, end)
    return f"Land {match.group('state').removesuffix('s')}" if match else None


def _other_state(text: str, start: int, end: int) -> bool:
    """ "im Niedersächsischen Landtag", "die Landesregierung Brandenburg": not NRW's."""
    adjective = _STATE_ADJECTIVE_BEFORE.search(text[max(0, start - 40) : start])
    if adjective and "westfäl" not in adjective.group(1).casefold():
        return True
    return bool(_OTHER_STATE_AFTER.match(text, end))


def _preceded_by(pattern: str, width: int) -> Callable[[str, int, int], bool]:
    """A ``reject``: the ``width`` characters before the match end with ``pattern``."""
    compiled = re.compile(rf"(?:{pattern})$")
    return lambda text, start, _end: bool(compiled.search(text, max(0, start - width), start))


#: "Gemeindeordnung für das Land Nordrhein-Westfalen" names a law, not the state.
_LAW_TITLE = _preceded_by(r"(?:ordnung|gesetz(?:es)?|gesetzbuch)\s+für\s+das\s+", 60)
#: "Erster Stadtrat Uwe Hajdu": an office held by a person, not the council.
_TITLE = _preceded_by(r"\b[Ee]rste[nmrs]?\s+", 12)
#: "Sozialdienst katholischer Frauen e.V.": the name begins before the match.
_TRUNCATED_NAME = _preceded_by(
    r"[A-ZÄÖÜ][\wäöüß-]+\s+(?!(?:d(?:e[rsmn]|ie|as)|ein(?:e[rsmn]?)?|und|oder|sowie|vo[mn]"
    r"|beim|i[mn]|am|zu[mr]|mit|für|bei)\s)[a-zäöüß]+\s+",
    60,
)
#: "Beratungs- und Kontaktstelle des Kinderschutzbundes": two units; the body is the
#: organisation.
_TRUNCATED_PAIR = _preceded_by(r"[A-ZÄÖÜ][\wäöüß]*-\s+(?:und|oder|u\.)\s+", 40)


def _affiliation(text: str, start: int, end: int) -> bool:
    """ "Joachim Stamp (FDP)", "RM Rita Brandt(SPD)": a person's party, not an actor."""
    before = re.search(r"[A-ZÄÖÜ][\wäöüß.-]+\s?\($", text[max(0, start - 40) : start])
    return bool(before) and text[end : end + 1] in (")", "/")


def _not_a_town_after(text: str, start: int, end: int) -> bool:
    """ "Stadtverwaltung Informationen": the word after the administration is no town's name."""
    return not load_gazetteer().by_name(text[start:end].split()[-1])


def _bare_plural(text: str, start: int, end: int) -> bool:
    """ "Berufskollegs, Ausländerbehörden und Jobcenter": a kind of body, not one; one body has
    an article or its place ("das Jobcenter", "Jobcenter Kreis Unna")."""
    article = re.search(
        r"\b(?:[Dd](?:as|es|em)|im|vom|beim|zum|ihr(?:e[ms]?)?)\s+$",
        text[max(0, start - 8) : start],
    )
    return not article and not re.match(r"[ ]+[A-ZÄÖÜ]", text[end : end + 2])


#: Ministries by abbreviation (domain knowledge: NRW and federal ministries for families/youth).
MINISTRIES: dict[str, tuple[str, Owner]] = {
    "MKFFI": ("Ministerium für Kinder, Familie, Flüchtlinge und Integration", "land"),
    "MFKJKS": ("Ministerium für Familie, Kinder, Jugend, Kultur und Sport", "land"),
    "MKJFGFI": (
        "Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration",
        "land",
    ),
    "MAGS": ("Ministerium für Arbeit, Gesundheit und Soziales", "land"),
    "MAIS": ("Ministerium für Arbeit, Integration und Soziales", "land"),
    "MSB": ("Ministerium für Schule und Bildung", "land"),
    "MSW": ("Ministerium für Schule und Weiterbildung", "land"),
    "MGEPA": ("Ministerium für Gesundheit, Emanzipation, Pflege und Alter", "land"),
    "BMFSFJ": ("Bundesministerium für Familie, Senioren, Frauen und Jugend", "bund"),
    "BMAS": ("Bundesministerium für Arbeit und Soziales", "bund"),
}
#: Other organisations known by abbreviation: abbreviation -> (full name, kind).
ORGANISATIONS: dict[str, tuple[str, BodyKind]] = {
    "ISA": ("Institut für Soziale Arbeit", "institute"),
    "LVR": ("Landschaftsverband Rheinland", "agency"),
    "LWL": ("Landschaftsverband Westfalen-Lippe", "agency"),
    "DJI": ("Deutsches Jugendinstitut", "institute"),
    "NZFH": ("Nationales Zentrum Frühe Hilfen", "agency"),
}

#: Foundations that texts also write as one word ("Bertelsmannstiftung").
FOUNDATIONS = ("Bertelsmann", "Auridis", "Wübben", "Mercator", "Bosch")
#: Committees known by abbreviation in council papers.
COMMITTEES = {"JHA": "Jugendhilfeausschuss", "HFA": "Haupt- und Finanzausschuss"}
#: Party names that texts name as actors ("die CDU", "Henning Höne FDP").
PARTIES = ("CDU", "CSU", "SPD", "FDP", "AfD")
#: Units of the Landschaftsverbände, named "LVR-Fachbereich Jugend" or "Koordinationsstelle
#: Kinderarmut des LVR".
_LV_UNIT = (
    r"(?:Koordinationsstelle|Koordinierungsstelle|Fachbereich|Dezernat|Abteilung|Stabsstelle"
    r"|Servicestelle|Fachstelle)(?:s|es)?"
)
_LV_TOPIC = rf"{_CAP}(?:[ \t]+{_CAP})?"
#: A branch of an association, named by its area ("Kreisverband Ostholstein").
_BRANCH = r"(?:Kreis|Orts|Stadt|Landes|Bezirks|Regional)verband"
#: A registered association's suffix and the local branch written after it, both part of its
#: name: "Sozialdienst katholischer Frauen e.V. Ortsverein Eschweiler", "… e.V. Bonn und
#: Rhein-Sieg-Kreis".
_REGISTERED = (
    rf"(?:\s+e\.\s?V\.(?:\s+Ortsverein\s+{_CAP}|"
    rf"\s+(?!(?:Der|Die|Das|Den|Dem|Des|Im|In|Am|Mit|Auch|Seit|Als|Bei|Zum|Zur|Für)\b){_CAP}"
    rf"(?:\s+und\s+{_CAP})?)?)?"
)
#: The words of an association's or company's name before its legal form: a leading
#: "Kath."/"ev." (not a role before the name: "Träger"), capitalised words, a truncated compound
#: ("Bildungs- und Kulturverein"), and "im" ("Familienbildung im Bistum Essen gGmbH").
_ASSOCIATION_LEAD = (
    r"(?<![\w.-])(?!(?:Träger|Projektträger|Partner|Kooperationspartner|Anbieter|Firma)\s)"
    r"(?:(?:[Kk]ath|[Ee]v)\.\s+)?"
)
_ASSOCIATION_WORDS = r"(?:[A-ZÄÖÜ][\w&.-]*(?:(?<=-)\s+(?:und|&))?\s+(?:im\s+(?=[A-ZÄÖÜ]))?)"
#: Welfare associations (Wohlfahrtsverbände) and child-protection organisations.
_WELFARE = (
    # "Diözesan-Caritasverband", "Deutscher Kinderschutzbund" with their prefix
    r"(?:[A-ZÄÖÜ][a-zäöüß]+-)?Caritasverband|Caritas(?![\w-])|Diakonisches\s+Werk|Diakonie|"
    r"Arbeiterwohlfahrt|AWO|SkF|SKFM"
    r"|(?:Deutsche[ns]?\s+)?Rote[ns]?\s+Kreuz(?:es)?|DRK|(?:Deutsche[nrs]?\s+)?Kinderschutzbund"
    r"|Der\s+Paritätische"
    r"|Sozialdienst(?:es|s)?\s+[Kk]atholischer\s+(?:Frauen|Männer)"
)
#: One of these is in every name :data:`_WELFARE` matches.
_WELFARE_CUES = (
    "caritas",
    "skf",
    "diakoni",
    "arbeiterwohlfahrt",
    "awo",
    "rote",
    "drk",
    "kinderschutzbund",
    "paritätische",
    "sozialdienst",
)


def _welfare_name(match: re.Match[str]) -> str:
    """The association's name in the nominative ("des Deutschen Kinderschutzbundes" →
    "Deutscher Kinderschutzbund")."""
    name = re.sub(r"^Deutsche[ns]?\s+(?=Kinderschutzbund)", "Deutscher ", base_form(match.group()))
    name = re.sub(r"^Deutsche[ns]?\s+(?=Rote)", "Deutsches ", name)
    return re.sub(r"\bRote[ns]?\s+Kreuz(?:es)?$", "Rotes Kreuz", name)


GENERIC_GROUP = BodyType(
    r"\b(?:Steuerungs|Planungs|Lenkungs)(?:gruppe|kreis|gremium)\b(?!-)",
    "working_group",
    "local",
    generic=True,
    cues=("steuerungs", "planungs", "lenkungs"),
)
BODY_TYPES: tuple[BodyType, ...] = (
    # councils
    BodyType(r"\bRat(?:es|s)?(?=\s+der\s+(?:Stadt|Gemeinde)\s)", "council", "local", cues=("rat",)),
    BodyType(
        # the lookahead first: the engine tests one letter, not the lookbehind, at each position
        r"(?=Rat)(?<=\b[Dd]e[rsmn]\s)Rat(?:es|s)?\b(?!\s+(?:für|von|zur|des|der\s+[A-Z]))",
        "council",
        "local",
        cues=("rat",),
    ),
    BodyType(
        r"\b(?:Stadt|Gemeinde)rat(?:es|s)?\b",
        "council",
        "local",
        cues=("stadtrat", "gemeinderat"),
        reject=_TITLE,
    ),
    BodyType(r"\bKreistag(?:es|s)?\b", "council", "kreis", cues=("kreistag",)),
    BodyType(
        r"\bLandtag(?:es|s)?\b(?:\s+(?:NRW|Nordrhein-Westfalen))?",
        "council",
        "none",
        name=_fixed("Landtag Nordrhein-Westfalen"),
        cues=("landtag",),
        reject=_other_state,
    ),
    BodyType(rf"\bBezirksvertretung[ \t]+{_CAP}", "council", "local", cues=("bezirksvertretung",)),
    # committees
    BodyType(
        rf"\b(?:(?:LVR|LWL)-)?Landes[\wäöüß]*ausschuss(?:es)?\b(?:\s+{_LV_REGION}\b)?",
        "committee",
        "none",
        cues=("ausschuss",),
    ),
    # a committee of the Kreis by its name ("Kreisjugendhilfeausschuss", "Kreisausschuss",
    # "Kreisausschuss für Kinder, Jugendliche und Familien")
    BodyType(
        rf"\bKreis[\wäöüß]*ausschuss(?:es)?\b(?:\s+für\s+{_TOPICS})?",
        "committee",
        "kreis",
        cues=("kreis",),
    ),
    BodyType(
        # a bare "Fachausschuss" is "the committee in charge", no name
        rf"\b{_TRUNCATED}(?!Fachausschuss)[A-ZÄÖÜ][\wäöüß]*ausschuss(?:es)?\b",
        "committee",
        "local",
        cues=("ausschuss",),
    ),
    BodyType(  # a compound written with a hyphen is the committee: "Jugendhilfe-Ausschuss"
        r"\b[A-ZÄÖÜ][a-zäöüß]+-Ausschuss(?:es)?\b",
        "committee",
        "local",
        name=lambda m: base_form(m.group().replace("-Ausschuss", "ausschuss")),
        cues=("-ausschuss",),
    ),
    BodyType(
        rf"\bUnterausschuss(?:es)?[ \t]+{_CAP}", "committee", "local", cues=("unterausschuss",)
    ),
    BodyType(
        rf"\bAusschuss(?:es)?\s+für\s+{_TOPICS}(?=\s+des\s+Landtag(?:e?s)?\s+"
        r"(?:NRW|Nordrhein-Westfalen))",
        "committee",
        "none",
        name=lambda m: f"{base_form(m.group())} (Landtag Nordrhein-Westfalen)",
        cues=("ausschuss",),
    ),
    BodyType(rf"\bAusschuss(?:es)?\s+für\s+{_TOPICS}", "committee", "local", cues=("ausschuss",)),
    BodyType(
        r"\b(?:" + "|".join(COMMITTEES) + r")\b",
        "committee",
        "local",
        name=lambda m: COMMITTEES[m.group()],
        cues=tuple(abbreviation.casefold() for abbreviation in COMMITTEES),
    ),
    BodyType(
        rf"\b{_TRUNCATED}[A-ZÄÖÜ][\wäöüß]*senat(?:es|s)?\b", "committee", "local", cues=("senat",)
    ),
    # working groups
    GENERIC_GROUP,
    BodyType(
        r"\b[A-ZÄÖÜ][\wäöüß]*-\s+(?:und|u\.)\s+[A-ZÄÖÜ][\wäöüß]*(?:gruppe|arbeitskreis|"
        r"[Ss]teuerungskreis|[Ll]enkungskreis)\b",
        "working_group",
        "local",
        splits_pairs=True,
        cues=("gruppe", "arbeitskreis", "steuerungskreis", "lenkungskreis"),
    ),
    BodyType(
        r"\b(?:[A-ZÄÖÜ][\wäöüß]*[Aa]rbeitsgruppe|[A-ZÄÖÜ][\wäöüß]*[Aa]rbeitskreis|"
        # its name on the same line ("Projektgruppe\nVorlage" is a heading and a field)
        r"Koordinierungsgruppe|Projektgruppe)[ \t]+(?P<n>[A-ZÄÖÜ][\wäöüß-]+)(?![\wäöüß])",
        "working_group",
        "local",
        cues=("arbeitsgruppe", "arbeitskreis", "koordinierungsgruppe", "projektgruppe"),
    ),
    # conferences
    BodyType(
        ocr_tolerant("Bürgermeister") + r"(?:innen)?konferenz\b",
        "conference",
        "kreis",
        name=_fixed("Bürgermeisterkonferenz"),
        cues=("konferenz",),
    ),
    BodyType(
        r"\b(?:Gesundheits|Hauptverwaltungsbeamten|Jugendhilfe|Sozial)konferenz\b",
        "conference",
        "local",
        cues=(
            "gesundheitskonferenz",
            "hauptverwaltungsbeamtenkonferenz",
            "jugendhilfekonferenz",
            "sozialkonferenz",
        ),
    ),
    # ministries and governments
    BodyType(
        # "Ministerium für Ministerium für ...": the doubled word is a typo, the name follows
        # "das Landesministerium für Kinder, Familie, ...": the state's own, by its name
        # "NRW-Ministerium für ...", "das nordrhein-westfälische Ministerium für ...", "... und
        # Integration NRW": the state written with the name
        rf"(?:\bNRW-|{_STATE_ADJECTIVE}|(?<![\wäöüß-]))(?:Landes)?[Mm]inisteri(?:um|ums)\s+für\s+(?!Ministeri)"
        rf"{_TOPICS}(?:\s+des\s+Landes\s+(?:NRW|Nord\w*-\s*Westfalen)|\s+NRW(?![\wäöüß-]))?",
        "ministry",
        "land",
        name=lambda m: _ministry_name(m.group()),
        cues=("ministeri",),
    ),
    BodyType(
        rf"\bBundesministeri(?:um|ums)\s+für\s+{_TOPICS}",
        "ministry",
        "bund",
        name=lambda m: _ministry_name(m.group()),
        cues=("ministeri",),
    ),
    BodyType(
        # a ministry by its short name as written: "NRW-Familienministerium", "das
        # Familienministerium NRW", "des Schulministeriums"
        rf"\b(?:NRW-)?{_SHORT_MINISTRY}ministeri(?:um|ums)\b"
        r"(?:\s+(?:NRW|Nordrhein-Westfalen)\b|\s+des\s+Landes\s+(?:NRW|Nordrhein-Westfalen)\b)?",
        "ministry",
        "land",
        cues=("ministeri",),
    ),
    BodyType(
        rf"\bBundes{_SHORT_MINISTRY.lower()}ministeri(?:um|ums)\b",
        "ministry",
        "bund",
        cues=("ministeri",),
    ),
    BodyType(
        r"\b(?:" + "|".join(MINISTRIES) + r")\b",
        "ministry",
        "land",
        name=lambda m: MINISTRIES[m.group()][0],
        is_abbreviation=True,
        cues=tuple(abbreviation.casefold() for abbreviation in MINISTRIES),
    ),
    BodyType(
        r"\bLandesregierung(?:\s+(?:NRW|Nordrhein-Westfalen|des\s+Landes\s+"
        r"(?:NRW|Nordrhein-Westfalen)))?\b",
        "state_government",
        "none",
        name=_fixed("Landesregierung Nordrhein-Westfalen"),
        cues=("landesregierung",),
        reject=_other_state,
    ),
    BodyType(
        r"\bBundesregierung\b",
        "state_government",
        "none",
        name=_fixed("Bundesregierung"),
        cues=("bundesregierung",),
    ),
    BodyType(
        # "(?=Land\s)" first: one letter tested at each position instead of four lookbehinds
        r"(?=Land\s)(?:(?<=\b[Dd]as\s)|(?<=\bdem\s)|(?<=\bvom\s)|(?<=\bbeim\s)|(?<=\ban\s))"
        r"Land\s+(?:NRW|Nordrhein-Westfalen)\b",
        "state_government",
        "none",
        name=_fixed(LAND),
        cues=("land",),
        reject=_LAW_TITLE,
    ),
    BodyType(
        r"\bStaatskanzlei\b(?:\s+(?:NRW|Nordrhein-Westfalen|des\s+Landes\s+"
        r"(?:NRW|Nordrhein-Westfalen)))?",
        "state_government",
        "none",
        name=_fixed("Staatskanzlei Nordrhein-Westfalen"),
        cues=("staatskanzlei",),
    ),
    # foundations, institutes, agencies, companies
    BodyType(
        r"\b(?P<n>(?:[A-ZÄÖÜ][\wäöüß&]+-)*[A-ZÄÖÜ][\wäöüß&]+)[ -]Stiftung\b",
        "foundation",
        "none",
        # "Bertelsmann-Stiftung" is the Bertelsmann Stiftung; a name of several parts keeps its
        # hyphens ("Hans-Böckler-Stiftung")
        name=lambda m: (
            f"{m.group('n')}-Stiftung" if "-" in m.group("n") else f"{m.group('n')} Stiftung"
        ),
        cues=("stiftung",),
    ),
    BodyType(rf"\bStiftung[ \t]+{_CAP}", "foundation", "none", cues=("stiftung",)),
    BodyType(  # the federal foundation funding the early-help networks (domain knowledge)
        r"\bBundesstiftung\b(?:\s+[„\"]?Frühe\s+Hilfen\b[“\"]?)?",
        "foundation",
        "none",
        name=_fixed("Bundesstiftung Frühe Hilfen"),
        cues=("bundesstiftung",),
    ),
    BodyType(
        r"\b(?P<n>" + "|".join(FOUNDATIONS) + r")stiftung\b",
        "foundation",
        "none",
        name=lambda m: f"{m.group('n')} Stiftung",
        cues=tuple(f"{name}stiftung".casefold() for name in FOUNDATIONS),
    ),
    BodyType(rf"\bInstitut(?:s|es)?\s+für\s+{_TOPICS}", "institute", "none", cues=("institut",)),
    BodyType(
        rf"\b(?:Fachstelle|Servicestelle|Zentrum|Zentrale)\s+für\s+{_TOPICS}",
        "agency",
        "none",
        cues=("fachstelle", "servicestelle", "zentrum", "zentrale"),
    ),
    BodyType(
        r"\bLandeskoordinierungsstelle\b",
        "agency",
        "none",
        generic=True,
        cues=("landeskoordinierungsstelle",),
    ),
    BodyType(
        r"\bKoordinierungsstelle\b",
        "agency",
        "local",
        generic=True,
        needs_program=True,
        cues=("koordinierungsstelle",),
    ),
    BodyType(
        r"\b(?:" + "|".join(ORGANISATIONS) + r")(?![\wäöüß])",
        "agency",
        "none",
        name=lambda m: ORGANISATIONS[m.group()][0],
        is_abbreviation=True,
        cues=tuple(abbreviation.casefold() for abbreviation in ORGANISATIONS),
    ),
    BodyType(
        r"\bLandschaftsverband(?:es|s)?\s+(?:Rheinland|Westfalen-Lippe)\b",
        "agency",
        "none",
        cues=("landschaftsverband",),
    ),
    BodyType(
        rf"\b(?:(?:LVR|LWL)-)?Landesjugendamt(?:es|s)?\b(?:\s+{_LV_REGION}\b)?",
        "agency",
        "none",
        cues=("landesjugendamt",),
    ),
    BodyType(
        rf"\b(?:Referat|Fachbereich|Fachdienst)(?:e?s)?\s+{_UNIT_TOPICS}",
        "agency",
        "local",
        needs_owner=True,
        cues=("referat", "fachbereich", "fachdienst"),
    ),
    # "des Bereichs Kinder, Jugend und Familie" is a unit; "im Bereich Bildung" a topic
    BodyType(
        # the lookahead first: the engine tests one letter, not the lookbehind, at each position
        rf"(?=Bereich)(?<=\b(?:des|dem|vom)\s)Bereich(?:e?s)?\s+{_UNIT_TOPICS}",
        "agency",
        "local",
        needs_owner=True,
        cues=("bereich",),
    ),
    BodyType(
        rf"\b(?P<unit>Koordinierungsstelle|Fachstelle)\s+[„\"]?(?P<n>{_ONE_WORD})[“\"]?",
        "agency",
        "local",
        name=lambda m: f"{m.group('unit')} {m.group('n')}",
        needs_owner=True,
        cues=("koordinierungsstelle", "fachstelle"),
    ),
    BodyType(
        rf"\b(?P<lv>LVR|LWL)-(?P<unit>{_LV_UNIT})\s+(?P<topic>{_LV_TOPIC})",
        "agency",
        "none",
        name=lambda m: f"{m.group('lv')}-{base_form(m.group('unit'))} {m.group('topic')}",
        cues=("lvr-", "lwl-"),
    ),
    BodyType(
        rf"\b(?P<unit>{_LV_UNIT})\s+(?P<topic>{_LV_TOPIC})(?=\s+(?:des|beim)\s+"
        r"(?P<lv>LVR|LWL|Landschaftsverband(?:es|s)?\s+(?:Rheinland|Westfalen-Lippe)))",
        "agency",
        "none",
        name=lambda m: (
            f"{_lv_abbreviation(m.group('lv'))}-{base_form(m.group('unit'))} {m.group('topic')}"
        ),
        reorders=True,
        cues=("lvr", "lwl", "landschaftsverband"),  # in its lookahead
    ),
    BodyType(
        r"\b(?:[A-ZÄÖÜ][\wäöüß]*-)?Präventionsbüro(?:s)?\b",
        "agency",
        "local",
        cues=("präventionsbüro",),
    ),
    BodyType(
        r"\b(?:Regionale[sn]?\s+)?Bildungsbüro(?:s)?\b",
        "agency",
        "local",
        name=lambda m: (
            "Regionales Bildungsbüro" if m.group().startswith("Region") else "Bildungsbüro"
        ),
        needs_article=True,
        cues=("bildungsbüro",),
    ),
    BodyType(
        # a town's or Kreis's office for families ("das Familienbüro der Stadt", "im
        # Familienbüro"; one with a name of its own, "Familienbüro Warendorfer Land", is left)
        r"\bFamilienbüro(?:s)?\b(?![„\"\s]*[A-ZÄÖÜ])",
        "agency",
        "local",
        name=_fixed("Familienbüro"),
        needs_article=True,
        cues=("familienbüro",),
    ),
    BodyType(r"\bKreisverwaltung\b", "agency", "kreis", cues=("kreisverwaltung",)),
    BodyType(rf"\bVolkshochschule[ \t]+{_CAP}", "other", "none", cues=("volkshochschule",)),
    BodyType(
        # not the abbreviation with the legal form of the name before: "… Arbeit (ISA e.V.)"
        r"\b(?!(?:Der|Die|Das|Des|Dem|Den)\s)(?!(?<=\()[A-ZÄÖÜ]{2,8}\s+e\.\s?V\.\s*\))"
        rf"(?P<n>{_ASSOCIATION_LEAD}{_ASSOCIATION_WORDS}{{1,3}}e\.\s?V\.)",
        "other",
        "none",
        name=lambda m: " ".join(m.group("n").split()),
        cues=("v.",),
        reject=_TRUNCATED_NAME,
    ),
    BodyType(
        r"(?<![\w-])(?:" + "|".join(PARTIES) + r")(?![\w-])",
        "other",
        "none",
        name=lambda m: m.group(),
        reject=_affiliation,
        cues=tuple(party.casefold() for party in PARTIES),
    ),
    BodyType(  # the Greens as the text writes them: "Bündnis 90/Die Grünen", "GRÜNE", "die Grünen"
        r"(?<![\w-])(?:(?i:Bündnis|B)\s*90\s*/\s*(?i:Die\s+)?(?i:Grünen?)|GRÜNEN?|"
        r"(?<=\b[Dd]ie\s)Grünen|(?<=\bund\s)Grüne[n]?)(?![\w-]|\s+[A-ZÄÖÜ])",
        "other",
        "none",
        name=_as_matched,
        reject=_affiliation,
        cues=("grüne", "grün"),
    ),
    BodyType(  # the town's administration by its name: "Stadtverwaltung Gütersloh"
        rf"\b(?:Stadt|Gemeinde)verwaltung\s+{_ONE_WORD}",
        "agency",
        "none",
        name=_as_matched,
        reject=_not_a_town_after,
        cues=("verwaltung",),
    ),
    BodyType(
        r"\b(?:Stadt|Gemeinde)verwaltung\b(?!\s+[A-ZÄÖÜ])",
        "agency",
        "local",
        needs_article=True,
        cues=("verwaltung",),
    ),
    # universities, clinics, welfare associations and chambers: named as written
    BodyType(
        # "Ruhr-Universität Bochum" (also written "Ruhr Universität"), "Technische Hochschule"
        rf"\b(?:Technische\s+|(?!(?:Die|Der|Des|Den|Dem|Eine[rn]?)\s)[A-ZÄÖÜ][a-zäöüß]+[- ]"
        r"(?=Universität))?"
        rf"(?:Universität|Fachhochschule|Hochschule)[ \t]+{_CAP}",
        "institute",
        "none",
        cues=("universität", "hochschule"),
    ),
    BodyType(
        rf"\b(?:Kinderklinik|Klinikum)[ \t]+{_CAP}",
        "other",
        "none",
        cues=("kinderklinik", "klinikum"),
    ),
    # hospitals by their own names: "Cura-Krankenhaus", "St.-Vinzenz-Hospital", "Clemenshospital
    # Münster"
    BodyType(
        r"\b(?:St\.[ -]?)?[A-ZÄÖÜ][\wäöüß]*-(?:[A-ZÄÖÜ][\wäöüß]*-)*(?:Hospital|Krankenhaus|"
        r"Klinik|Kliniken|Klinikum)\b|\b[A-ZÄÖÜ][a-zäöüß]+hospital\b(?:\s+(?!der\b|des\b)[A-ZÄÖÜ][\wäöüß]+)?",
        "other",
        "none",
        cues=("hospital", "krankenhaus", "klinik"),
    ),
    BodyType(
        rf"\b[A-ZÄÖÜ][\wäöüß]*(?:dienst|beratung|stelle|zentrum)\s+(?:der|des)\s+"
        rf"(?:{_WELFARE})(?:es|s)?\b(?:\s+(?!der\b|des\b|die\b|und\b){_CAP})?",
        "other",
        "none",
        name=_as_matched,
        reject=_TRUNCATED_PAIR,
        cues=_WELFARE_CUES,
    ),
    BodyType(
        rf"\b(?:{_WELFARE})(?:es|s)?\b(?:\s+{_BRANCH}\s+{_CAP}|\s+(?!der\b|des\b|die\b|und\b){_CAP}|"
        rf"\s+für\s+die\s+Stadt\s+{_CAP})?{_REGISTERED}",
        "other",
        "none",
        name=_welfare_name,
        cues=_WELFARE_CUES,
    ),
    BodyType(
        r"\b(?:(?:Bundes)?[Aa]gentur\s+für\s+Arbeit|Industrie-\s+und\s+Handelskammer|"
        r"Handwerkskammer|S?IHK)\b",
        "agency",
        "none",
        cues=("agentur", "handelskammer", "handwerkskammer", "ihk"),
    ),
    BodyType(r"\bKreisjugendamt(?:es|s)?\b", "agency", "kreis", cues=("kreisjugendamt",)),
    BodyType(
        r"\b(?:Jugend|Sozial|Gesundheits|Schul|Schulverwaltungs|Familien)amt(?:es|s)?\b",
        "agency",
        "local",
        needs_article=True,
        cues=(
            "jugendamt",
            "sozialamt",
            "gesundheitsamt",
            "schulamt",
            "schulverwaltungsamt",
            "familienamt",
        ),
    ),
    BodyType(rf"\bAmt(?:e?s)?\s+für\s+{_UNIT_TOPICS}", "agency", "local", cues=("amt",)),
    # "Lokales Bündnis für Familie": a local network of the town
    BodyType(rf"\bBündnis(?:ses)?\s+für\s+{_UNIT_TOPICS}", "other", "local", cues=("bündnis",)),
    BodyType(
        r"\bFamilienhebammendienst(?:e?s)?\b",
        "agency",
        "local",
        name=_fixed("Familienhebammendienst"),
        needs_article=True,
        cues=("familienhebammendienst",),
    ),
    BodyType(r"\bJobcenter\b", "agency", "local", cues=("jobcenter",), reject=_bare_plural),
    # the board of a town's or Kreis's administration ("Der Verwaltungsvorstand beschloss");
    # before a name it is an office ("Verwaltungsvorstand Karl-Eitel John")
    BodyType(
        r"\bVerwaltungsvorstand(?:e?s)?\b(?!-|\s+(?:[IVX]+\b|[A-ZÄÖÜ][a-zäöüß]+[ -][A-ZÄÖÜ]))",
        "committee",  # a collegial board that resolves, like a committee
        "local",
        name=_fixed("Verwaltungsvorstand"),
        needs_article=True,
        cues=("verwaltungsvorstand",),
    ),
    BodyType(
        # a state authority of a Regierungsbezirk ("Bezirksregierung Arnsberg"), or the one
        # of the text's region ("die Bezirksregierung")
        r"\bBezirksregierung(?:\s+(?:Arnsberg|Detmold|Düsseldorf|Köln|Münster)\b)?",
        "agency",
        "land",
        cues=("bezirksregierung",),
    ),
    BodyType(
        # set up by Kreise and kreisfreie Städte: "das KI Heinsberg" is the Kreis's
        r"\b[Kk]ommunale[nms]?\s+Integrationszentr(?:um|ums)\b",
        "agency",
        "district",
        name=_fixed("Kommunales Integrationszentrum"),
        cues=("integrationszentr",),
    ),
    BodyType(
        r"\bKommunale[n]?\s+Koordinierung\b",
        "agency",
        "local",
        name=_fixed("Kommunale Koordinierung"),
        cues=("koordinierung",),
    ),
    BodyType(r"\bKreissportbund(?:es|s)?\b", "other", "kreis", cues=("kreissportbund",)),
    BodyType(r"\bStadtsportbund(?:es|s)?\b", "other", "local", cues=("stadtsportbund",)),
    BodyType(
        r"\b[A-ZÄÖÜ][\wäöüß/]*-(?:Stadtrats|Rats|Kreistags|Landtags)?[Ff]raktion\b",
        "other",
        "local",
        cues=("fraktion",),
    ),
    BodyType(rf"\bFraktion\s+(?:der\s+)?{_PARTY}", "other", "local", cues=("fraktion",)),
    BodyType(
        rf"(?P<n>{_ASSOCIATION_LEAD}{_ASSOCIATION_WORDS}{{1,5}}(?:GmbH|gGmbH|mbH|AG|KG|Consulting|Consult))\b",
        "company",
        "none",
        name=lambda m: m.group("n"),
    ),
)

#: Full names (casefolded) of known bodies -> (full name as written in the lexicon, abbreviation).
KNOWN_FULL_NAMES = {
    full.casefold(): (full, abbreviation)
    for abbreviation, (full, _kind) in {**MINISTRIES, **ORGANISATIONS}.items()
}


def known_full_name(base: str) -> tuple[str, str | None]:
    """(lexicon name, abbreviation) of a known body, else (``base``, None); a ministry written
    out with "des Landes Nordrhein-Westfalen" is known by the name without it."""
    return KNOWN_FULL_NAMES.get(_OFFICIAL_SUFFIX.sub("", base).casefold(), (base, None))


_GENITIVE = (
    (re.compile(r"(ausschuss|schuss)es$"), r"\1"),
    (
        re.compile(
            r"(senat|tag|[Rr]at|[Aa]mt|bund|verband|institut|[Bb]ereich|[Rr]eferat|[Dd]ienst|gremium)"
            r"(?:es|s)$"
        ),
        r"\1",
    ),
    (re.compile(r"(büro)s$"), r"\1"),
    (re.compile(r"^(Bündnis)ses$"), r"\1"),
    (re.compile(r"(zentrum|ministerium|gremium)s$"), r"\1"),
)


def base_form(surface: str) -> str:
    """Nominative of a body name: genitive endings dropped, "u." spelled out, spaces joined."""
    words = re.sub(r"\s+", " ", surface.strip()).replace(" u. ", " und ").split(" ")
    head = next((i for i in range(len(words) - 1, -1, -1) if words[i][:1].isupper()), 0)
    for i in range(len(words)):
        if i == 0 or i == head:
            for pattern, replacement in _GENITIVE:
                words[i] = pattern.sub(replacement, words[i])
    if words[0].startswith("Instituts") or words[0].startswith("Ministeriums"):
        words[0] = words[0][:-1]
    return " ".join(words)


#: The state a ministry belongs to, after its name: "... NRW", "... des Landes NRW".
_STATE_SUFFIX = re.compile(
    r"\s+(?:NRW|Nordrhein-Westfalen|des\s+Landes(?:\s+(?:NRW|Nordrhein-Westfalen))?)$"
)
#: The part of a ministry's official name that is written out: "des Landes Nordrhein-Westfalen".
_OFFICIAL_SUFFIX = re.compile(r"\s+des\s+Landes\s+(?:NRW|Nord\w*-\s*Westfalen)$")


def _ministry_name(surface: str) -> str:
    """Base form; a written-out official name keeps "des Landes Nordrhein-Westfalen", a short
    "... und Integration NRW" drops the state (the owner says that)."""
    name = base_form(re.sub(rf"^(?:NRW-|{_STATE_ADJECTIVE})", "", surface))
    official = _OFFICIAL_SUFFIX.search(name)
    name = _STATE_SUFFIX.sub("", _OFFICIAL_SUFFIX.sub("", name))
    if official:
        name += (
            " des Landes NRW" if "NRW" in official.group() else " des Landes Nordrhein-Westfalen"
        )
    name = re.sub(
        r"^(Bundes|Landes)?[Mm]inisteriums?",
        lambda m: "BundesMinisterium" if m.group(1) == "Bundes" else "Ministerium",
        name,
    )
    return name.replace("BundesMinisterium", "Bundesministerium")


def _lv_abbreviation(name: str) -> str:
    return "LWL" if name == "LWL" or "Westfalen" in name else "LVR"
