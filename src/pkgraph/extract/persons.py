"""Named persons with role and organisation.

Found in the constructions German council texts use: a title before the name
("Staatssekretär Andreas Bothe", "Familienminister Stamp"), an apposition after it ("Ilona
Heuchel, geschäftsführender Vorstand des Instituts ..."), a role and a comma ("die Leiterin des
Referats 324, Gudrun Schmidt"), "X von der <Organisation>", and signature blocks ("Amtsleiter
Kriegs", "In Vertretung Wenske Beigeordneter"); several names after one role ("der
Abgeordneten A B, C D und E F"); photo captions and lists ("Name (Statistikstelle), Name
(Gemeinde X)", "Name (r.)"); credits and quotes ("Foto: ISA / Name", "sagte Name", "unter der
Leitung von Name", a byline "Von Name"); contact lines ("Programmleitung: Name, Organisation");
names on a line of their own when they look like names (rare surname), and names that open
with a common given name of the region (``data/given_names.txt``). Later short forms
("Frau Schmidt") merge into the full name; a given name alone of a known person is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wordfreq import zipf_frequency

from pkgraph.extract.bodies import BodyHit
from pkgraph.extract.municipalities import MunicipalityHit
from pkgraph.extract.person_captions import add_captions
from pkgraph.extract.person_forms import AFTER_SURNAME, AS_ROLE, ROLE_IS, VERB_AFTER_SURNAME
from pkgraph.extract.person_names import (
    FULL_NAME,
    LONG_NAME,
    NAME,
    NAME_WORD,
    ROLE,
    SURNAME,
    TITLE,
    given_names,
    role_text,
)
from pkgraph.extract.person_rosters import add_roster
from pkgraph.extract.text import (
    CAPITALISED_FUNCTION_WORDS,
    DocumentText,
    matches_at,
    normalise_space,
    slugify,
)
from pkgraph.gazetteer import Municipality, load_gazetteer
from pkgraph.records import Person, ags_key

EXTRACTOR = "persons"

_ARTICLE_BEFORE = re.compile(
    r"\b(?:der|die|das|dem|den|des|ein|eine|einem|einer|eines|seine[mnrs]?|ihre[mnrs]?|unser\w*)\s+$",
    re.IGNORECASE,
)
_NOT_A_NAME = CAPITALISED_FUNCTION_WORDS | frozenset(
    [
        "Vom",
        "Oder",
        "Stadt",
        "Kreis",
        "Gemeinde",
        "Land",
        "Bund",
        "Landes",
        "Video",
        "Präsentation",
        "Input",
        "Foto",
        "Frau",
        "Herr",
        "Herrn",
        "Vertretung",
        "Auftrag",
        "Sitzung",
        "Rat",
        "Kreistag",
        "Ausschuss",
        "Verwaltung",
        # header abbreviations of council forms: "Zust. Dez. Zust. Dienststelle"
        "Zust",
        "Abt",
        "Ref",
    ]
)

#: Where a role word starts: a role is letters only, so these never overlap and the patterns
#: below that open with a role can only match here (see :func:`~pkgraph.extract.text.matches_at`).
_ROLE_START = re.compile(rf"(?<![\wäöüß]){ROLE}")
_ROLE_BEFORE = re.compile(
    rf"(?<![\wäöüß])(?P<role>{ROLE})"
    # whose: "die Familienministerin des Landes Nordrhein-Westfalen Ute Muster"
    r"(?: +(?P<of>(?:des|der) +(?:Landes|Stadt|Kreises|Gemeinde|Städteregion) +"
    r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*|"
    # of what it leads: "die Koordinatorin des Projektes Eva Muster"
    r"(?:des|der) +(?:Projekte?s|Netzwerke?s|Programme?s|Vorhabens|Initiative|Koordinierungsstelle|"
    r"Fachstelle)))?"
    # two given names when the third word ends the name ("Caritasdirektor Dr. Frank Johannes
    # Hensel."), else one
    rf" +(?P<name>{LONG_NAME}(?=[.,;:)!?]|\s+[a-zäöüß])|{NAME})(?![\wäöüß])"
)
_ROLE_COMMA = re.compile(
    rf"(?<![\wäöüß])(?P<role>{ROLE}(?:\s+(?:des|der)\s+[^,.;]{{1,60}}|\s+für\s+[^.;:]{{1,90}}?)?),\s+"
    rf"(?:(?:Frau|Herrn?)\s+)?(?P<name>{FULL_NAME})(?=[\s,.;])"
)
#: A role with its field of work before the name, the name closing the field ("Leiterin
#: Schule, Sport und Kultur Eva Maier,").
_ROLE_FIELD_BEFORE = re.compile(
    rf"(?<![\wäöüß])(?P<role>{ROLE}(?:(?:,\s*| und | für | )[A-ZÄÖÜ][a-zäöüß]+){{1,6}}?)"
    rf" (?P<name>{FULL_NAME})(?=[ \t]*(?:[,;\n]|$))",
    re.MULTILINE,
)
#: A signature: the name on its own line, the role alone on the next ("jugendpolitische
#: Sprecherin"), or both alone on one line when a reader joined them.
_NAME_OVER_ROLE = re.compile(
    rf"^[ \t]*(?P<name>{LONG_NAME})(?:[ \t]*\n[ \t]*| (?=[a-zäöüß])| (?={ROLE}[ \t]*$))"
    rf"(?P<role>(?:[a-zäöüß]+ )?{ROLE})[ \t]*$",
    re.MULTILINE,
)
_APPOSITION = re.compile(
    rf"(?P<name>{FULL_NAME}),\s+(?P<role>(?:[\wäöüß]+ ){{0,3}}?{ROLE}[^,.;:\n]{{0,90}})"
)
_FROM_ORG = re.compile(rf"(?P<name>{FULL_NAME})\s+(?:von\s+der|vom|von\s+dem)\s+")
_SIGNING_FOR = r"In\s+Vertretung|i\.\s?V\.|Im\s+Auftrag|i\.\s?A\."
_SIGNATURE = re.compile(
    rf"(?:{_SIGNING_FOR})\s+(?P<name>{NAME_WORD})\s+(?P<role>{ROLE})|"
    rf"(?P<role2>{ROLE})(?: {{2,}}|\t)[ \t]*(?P<name2>{NAME_WORD})"
)
_SIGNATURE_OPENING = re.compile(_SIGNING_FOR)
#: A role's last letter, the tab or wide gap after it and the capital of the name.
_ROLE_GAP = re.compile(r"[a-zäöüß](?: {2}|\t)[ \t]*[A-ZÄÖÜ]")
_ROLE_LETTER = re.compile(r"[A-ZÄÖÜa-zäöüß]")
#: More people after a role and its first name: ", Dr. C D und E F" in "der Abgeordneten A B,
#: Dr. C D und E F".
_LIST_REST = re.compile(rf"(?P<names>(?:, {FULL_NAME})* und {FULL_NAME})(?![\wäöüß])")
_LIST_SEPARATOR = re.compile(r", | und ")
#: A name credited or quoted: "Foto: ISA / Ursula Kansy", "sagte Anna Muster", "unter der
#: Leitung von Jan Muster", a byline "Von D. Muster-Frau".
_CREDIT = re.compile(
    # where its words can begin (a byline's "Von" also after a full stop), as a lookahead:
    # implied by the rest, but cheaper to test first
    r"(?=[FsebumLVP.!?])"
    rf"(?:\bFoto(?:s|grafie)?:\s*(?:[^/\n]{{1,40}}/\s*)?|\b(?:sagte?n?|erkl(?:ä|a)rte?n?|betonte?n?|"
    rf"berichtete?n?|erl(?:ä|a)uterte?n?|unterstrich(?:en)?|ergänzte?n?|meinte?n?|so)\s+|"
    rf"\bLeitung\s+von\s+|"
    # a contact's photo on a web page: "Portrait von Eva Muster"
    rf"\bPortr(?:ä|a)it\s+von\s+|(?:^|[.!?]\s+)Von\s+)"
    rf"(?P<name>{FULL_NAME})(?![\wäöüß])",
    re.MULTILINE,
)
#: A photo credit with the photographer first: "Foto: Thomas Muster/ Kreis Soest", or filed
#: surname first: "Foto: Muster, Thomas (tm)".
_CREDIT_NAME_FIRST = re.compile(
    rf"\bFoto(?:s|grafie)?:[ \t]*(?:(?P<name>{FULL_NAME})[ \t]*/"
    rf"|(?P<filed>{NAME_WORD}, {NAME_WORD})(?=[ \t]*(?:\(|$)))",
    re.MULTILINE,
)
#: An inflected adjective opens a heading, not a name ("Offene Ganztagsschule").
_ADJECTIVE_ENDING = re.compile(r"(?:isch|lich|ig|al|iv|en|er)e[nrs]?$")
#: A contact line: "Programmleitung: Name, Organisation", "Ansprechpartnerin: Frau Name".
_LABELLED = re.compile(
    r"(?<![\wäöüß])(?P<role>(?:Ansprechpartner(?:in)?|Ansprechperson|Kontakt|Verfasser(?:in)?|"
    r"[A-ZÄÖÜ][a-zäöüß]*(?:leitung|beratung|koordination|koordinierung|kontakt))"
    # the name on the label's line or the next ("Pressekontakt:\nEva Muster, Pressestelle")
    r"(?: [A-ZÄÖÜ][a-zäöüß]+){0,2})[ \t]*:[ \t]*\n?[ \t]*(?:(?:Frau|Herr)[ \t]+)?"
    rf"(?P<name>{FULL_NAME})(?=[ \t]*(?:[,;(\n]|$))",
    re.MULTILINE,
)
#: A name alone on its line, as under a motion or in a list of signatories.
_NAME_LINE = re.compile(rf"^[ \t]*(?P<name>{LONG_NAME})[ \t]*$", re.MULTILINE)
#: A surname this rare in running German text, on a line of its own, is taken for a name.
NAME_LINE_SURNAME_ZIPF = 3.3
#: A surname with a noun's ending may be one no dictionary knows, if it is this short.
MAX_UNKNOWN_SURNAME = 10
#: A given name on a line of its own is not a frequent word ("Weitere Informationen").
NAME_LINE_GIVEN_ZIPF = 4.8
_SALUTATION = re.compile(rf"\b(?:Frau|Herrn?)\s+(?P<name>{NAME})")
#: A known given name (:func:`~pkgraph.extract.person_names.given_names`), a second one and
#: the surname, on one line; not a name used for a street, school or prize ("Anne Frank
#: Schule", "Robert-Koch-Institut") nor a saint's.
_GIVEN_NAME_FIRST = re.compile(
    # (a saint's name is a church's or hospital's: "St. Josef Krankenhaus")
    rf"(?<![\wäöüß.-])(?<!St\. )(?<!Sankt )"
    rf"(?P<name>{TITLE}(?P<given>{NAME_WORD})(?: (?P<second>{NAME_WORD}))? {SURNAME})"
    r"(?![\wäöüß-])(?! (?:Straße|Str\.|Platz|Weg|Allee|Schule|Gymnasium|Realschule|"
    r"Gesamtschule|Grundschule|Haus|Kirche|Preis|Stiftung|Institut|Zentrum|Kolleg)\b)"
)
#: Where a capitalised word starts: the places :data:`_GIVEN_NAME_FIRST` is tried.
_CAPITALISED_WORD = re.compile(r"(?<![\wäöüß.-])(?:(?:Dr|Prof)\. ?)*(?P<word>[A-ZÄÖÜ][a-zäöüß]+)")
#: Roles held in a municipal administration: without another organisation named, the
#: person works for the issuing municipality.
_MUNICIPAL_ROLE = re.compile(
    r"(?:Bürgermeister|Beigeordnete|Dezernent|Kämmer|Amtsleiter|Sachbearbeiter|Fachbereichsleiter)"
)
#: A single word this frequent in German is a common word, not a surname ("Uber", "Schön").
COMMON_WORD_ZIPF = 4.0
#: Endings of German common nouns that are not surnames ("Jugendhilfe", "Planung").
_NOUN_ENDING = re.compile(
    r"(?:ung|ungen|heit|keit|schaft|ion|tät|hilfe|arbeit|ismus|wesen|politik|kette|ketten|amt|"
    r"gruppe|jugend|straße|strasse|str|allee|"
    r"stelle|konferenz|ausschuss|förderung|bereich|schule|zentrum|zentren|büro|netzwerk|hilfen|"
    r"familien|angebote|projekt|programm|dienst|verband|verein|"
    # groups of people and institutes: "Leitungskräfte", "Netzwerkbeteiligte", "Forschungsinstitut"
    r"kräfte|beteiligte|beteiligten|institut)$"
)


@dataclass(frozen=True)
class PersonInputs:
    municipality_hits: tuple[MunicipalityHit, ...]
    body_hits: tuple[BodyHit, ...]
    author: Municipality | None


@dataclass
class _Found:
    name: str
    role: str | None
    organisation: str | None
    organisation_key: str | None
    start: int
    end: int


def organisation_label(entry: Municipality) -> str:
    """How a person's municipal employer is named: "Stadt Köln", "Kreis Coesfeld"."""
    if entry.is_kreis:
        return entry.name
    return f"{'Gemeinde' if entry.type == 'Gemeinde' else 'Stadt'} {entry.name}"


def _is_role_word(word: str) -> bool:
    """A role, also with a prefix: "Bürgermeister", "Ex-Bürgermeister", "Vize-Präsidentin",
    "Caritas-Bereichsleiterin"."""
    return bool(re.fullmatch(rf"(?:[A-ZÄÖÜ][\wäöüß]*-)?{ROLE}", word))


def _clean_name(name: str, salutation: bool = False) -> str | None:
    words = normalise_space(name).split(" ")
    while words and (words[-1] in _NOT_A_NAME or _is_role_word(words[-1])):
        words.pop()
    while words and (words[0] in _NOT_A_NAME or _is_role_word(words[0])):
        words.pop(0)
    plain = [w for w in words if not w.endswith(".")]
    if not plain:
        return None
    common = len(plain) == 1 and zipf_frequency(plain[0].lower(), "de") >= COMMON_WORD_ZIPF
    if common and (not salutation or plain[0] in ("Dr", "Prof")):
        return None
    # a noun's ending ("Koordinierung", "Jugendhilfe") is no name's — except a short surname
    # that is no German word at all ("Stefan Zimkeit"); long unknown words are compounds
    if any(_NOUN_ENDING.search(w) and not _unknown_surname(w, plain) for w in plain):
        return None
    if any(_NOUN_ENDING.fullmatch(w.lower()) for w in plain):  # "Frühe Hilfen", "Jugend"
        return None
    last = plain[-1]
    if load_gazetteer().by_name(last) or (
        last.endswith("s") and load_gazetteer().by_name(last[:-1])
    ):
        return None  # a place, also in the genitive ("Dormagens Ex-Bürgermeister")
    return " ".join(words)


def _unknown_surname(word: str, words: list[str]) -> bool:
    return (
        len(words) > 1
        and word == words[-1]
        and len(word) <= MAX_UNKNOWN_SURNAME
        and zipf_frequency(word.lower(), "de") == 0
    )


#: A place preposition before a town: where the person acts ("hat heute in Essen die
#: Förderbescheide übergeben"), not whom the person works for — unless the person
#: coordinates there ("Koordinatorin der Präventionskette in Ahlen").
_PLACE_BEFORE = re.compile(r"\b(?:in|nach)\s+$")
_COORDINATOR = re.compile(r"Koordinat", re.IGNORECASE)


def _organisation(
    text: str, span: tuple[int, int], role: str | None, inputs: PersonInputs
) -> tuple[str | None, str | None]:
    """The body or municipality named in ``span`` (the first one, not a place)."""
    start, end = span
    for hit in inputs.body_hits:
        if start <= hit.start < end:
            return hit.name, hit.key
    coordinates = bool(role and _COORDINATOR.search(role))
    for muni in inputs.municipality_hits:
        place = _PLACE_BEFORE.search(text, max(0, muni.start - 6), muni.start)
        if start <= muni.start < end and (coordinates or not place):
            entry = load_gazetteer().by_ags(muni.ags)
            if entry:
                return organisation_label(entry), ags_key(entry.ags)
    return None, None


def _candidates(doc: DocumentText, inputs: PersonInputs) -> list[_Found]:
    text = doc.text
    found: list[_Found] = []

    def add(
        name: str,
        role: str | None,
        start: int,
        end: int,
        org_span: tuple[int, int],
        salutation: bool = False,
    ) -> None:
        cleaned = _clean_name(name, salutation)
        if cleaned is None:
            return
        organisation, key = _organisation(text, org_span, role, inputs)
        if organisation is None and inputs.author and role and _MUNICIPAL_ROLE.match(role):
            organisation, key = organisation_label(inputs.author), ags_key(inputs.author.ags)
        found.append(_Found(cleaned, role, organisation, key, start, end))

    for match in _APPOSITION.finditer(text):
        role_end = match.end("role")
        add(
            match["name"],
            role_text(match["role"]),
            match.start(),
            role_end,
            (match.start("role"), role_end + 25),
        )
    role_starts = [match.start() for match in _ROLE_START.finditer(text)]
    for match in matches_at(_ROLE_COMMA, text, role_starts):
        add(
            match["name"],
            role_text(match["role"]),
            match.start(),
            match.end(),
            (match.start(), match.end()),
        )
    for matches in (
        matches_at(_ROLE_FIELD_BEFORE, text, role_starts),
        _NAME_OVER_ROLE.finditer(text),
    ):
        for match in matches:
            if not _is_whole_name(match["name"]) or any(
                word.strip(",") in _NOT_A_NAME for word in match["role"].split()
            ):
                continue  # a role word or function word, not a field of work or a name
            add(
                match["name"],
                normalise_space(match["role"]),
                match.start(),
                match.end(),
                (match.start(), match.end()),
            )
    for match in matches_at(_ROLE_BEFORE, text, role_starts):
        article = _ARTICLE_BEFORE.search(text[max(0, match.start() - 12) : match.start()])
        if article and not re.fullmatch(FULL_NAME, match["name"]):
            continue  # "mit dem Landrat Uber das Verfahren", but "der Beigeordneten Eva Roth"
        sentence = doc.sentence_at(match.start())
        rest = _LIST_REST.match(text, match.end())
        end = rest.end() if rest else match.end()
        org_span = match.span("of") if match["of"] else (end, min(sentence.end, end + 40))
        # "Sachkundiger Bürger Becker begrüßt ...": a role names the person like a salutation
        named = not article and not rest and bool(VERB_AFTER_SURNAME.match(text, match.end()))
        add(match["name"], match["role"], match.start(), end, org_span, named)
        for name in _LIST_SEPARATOR.split(rest["names"])[1:] if rest else []:
            if not _ROLE_START.search(name):  # "… und Kita-Leiterin Elke X": her own role
                add(name, match["role"], match.start(), end, org_span)
    for match in _FROM_ORG.finditer(text):
        add(match["name"], None, match.start(), match.end(), (match.end(), match.end() + 5))
    for match in [*AS_ROLE.finditer(text), *ROLE_IS.finditer(text)]:
        add(match["name"], match["role"], match.start(), match.end(), match.span("role"))
    for match in matches_at(_SIGNATURE, text, _signature_starts(text)):
        name, role = (
            (match["name"], match["role"]) if match["name"] else (match["name2"], match["role2"])
        )
        add(name, role, match.start(), match.end(), (match.start(), match.end()))
    for match in _SALUTATION.finditer(text):
        # "Frau Klein antwortete", "Herr Becker, ...": a common word as the surname of an
        # addressed person, when a verb or punctuation (not a noun) follows
        named = bool(AFTER_SURNAME.match(text, match.end()))
        add(match["name"], None, match.start(), match.end(), (match.end(), match.end()), named)
    for match in _LABELLED.finditer(text):
        if _is_whole_name(match["name"]):
            org_span = (match.end(), match.end() + 60)
            add(match["name"], match["role"], match.start(), match.end(), org_span)
    for match in _CREDIT.finditer(text):
        if _is_whole_name(match["name"]):
            add(match["name"], None, match.start("name"), match.end(), (match.end(), match.end()))
            # "berichteten Eva Muster und Jan Beispiel"
            if rest := _LIST_REST.match(text, match.end()):
                for name in _LIST_SEPARATOR.split(rest["names"])[1:]:
                    if _is_whole_name(name):
                        add(name, None, match.start("name"), rest.end(), (rest.end(), rest.end()))
    for match in _CREDIT_NAME_FIRST.finditer(text):
        group = "name" if match["name"] else "filed"
        if _is_whole_name(match[group].replace(",", "")):
            start, end = match.span(group)
            add(match[group], None, start, end, (match.end(), match.end()))
    for match in _NAME_LINE.finditer(text):
        if _is_whole_name(match["name"]) and _looks_like_name_line(match["name"]):
            add(match["name"], None, match.start("name"), match.end(), (match.end(), match.end()))
    add_captions(text, add)
    add_roster(text, add)
    for match in _given_name_first(text):
        add(match["name"], None, match.start(), match.end(), (match.end(), match.end()))
    return found


def _given_name_first(text: str) -> list[re.Match[str]]:
    """Names that open with a known given name ("Roswitha Biermann stellte ... vor"); a second
    word counts as a given name only when it is one ("Margit Monika Hahn")."""
    known = given_names()
    starts = [word.start() for word in _CAPITALISED_WORD.finditer(text) if word["word"] in known]
    return [
        match
        for match in matches_at(_GIVEN_NAME_FIRST, text, starts)
        if match["given"] in known and (match["second"] is None or match["second"] in known)
    ]


def _signature_starts(text: str) -> list[int]:
    """Where :data:`_SIGNATURE` can match: at "In Vertretung", "i. V.", "Im Auftrag" or "i. A."
    (none of which overlaps another), or in the word whose last letter stands before a tab or
    wide gap and a capital (a role is letters only). Trying only there is much cheaper than the
    scan, which tries a role at every word."""
    starts = {opening.start() for opening in _SIGNATURE_OPENING.finditer(text)}
    for gap in _ROLE_GAP.finditer(text):
        start = gap.start()
        while start > 0 and _ROLE_LETTER.match(text, start - 1):
            start -= 1
        starts.update(range(start, gap.start() + 1))
    return sorted(starts)


def _is_whole_name(name: str) -> bool:
    """Every word of ``name`` belongs to the name ("Foto: Kreis Lippe" is no one)."""
    return _clean_name(name) == normalise_space(name)


def _looks_like_name_line(name: str) -> bool:
    """A line of capitalised words is a name when its surname is a rare word and its given
    name no frequent one: "Birgit Schentek", not "Weitere Informationen"."""
    words = [word for word in name.split(" ") if not word.endswith(".")]
    return (
        not any(word in _NOT_A_NAME for word in words)
        and not _ADJECTIVE_ENDING.search(words[0])
        and zipf_frequency(words[-1].lower(), "de") < NAME_LINE_SURNAME_ZIPF
        and zipf_frequency(words[0].lower(), "de") < NAME_LINE_GIVEN_ZIPF
    )


def _surname(name: str) -> str:
    return name.split(" ")[-1].split(".")[-1]


def extract_persons(doc: DocumentText, inputs: PersonInputs) -> tuple[Person, ...]:
    """One :class:`Person` per surname, named by its fullest form, with role and organisation,
    cited where its role is first stated (else at its first mention); a given name alone
    ("Ministerpräsidentin Hannelore die ...") of a known person is no one."""
    merged: dict[str, _Found] = {}
    for candidate in sorted(_candidates(doc, inputs), key=lambda f: f.start):
        key = _surname(candidate.name)
        known = merged.get(key)
        if known is None:
            merged[key] = candidate
            continue
        if len(candidate.name.replace(".", "")) > len(known.name.replace(".", "")):
            known.name = candidate.name
        if known.role is None and candidate.role:
            # cite the mention that says who the person is, not merely the first one
            known.role, known.start, known.end = candidate.role, candidate.start, candidate.end
        if known.organisation is None:
            known.organisation, known.organisation_key = (
                candidate.organisation,
                candidate.organisation_key,
            )
    given = {_plain_words(f.name)[0] for f in merged.values() if len(_plain_words(f.name)) > 1}
    kept = [f for f in merged.values() if len(_plain_words(f.name)) > 1 or f.name not in given]
    return tuple(
        Person(
            key=slugify(found.name.replace("Dr.", "").replace("Prof.", "")),
            name=found.name,
            role=found.role,
            organisation=found.organisation,
            organisation_key=found.organisation_key,
            evidence=doc.evidence(found.start, found.end, EXTRACTOR, 0.75 if found.role else 0.6),
        )
        for found in kept
    )


def _plain_words(name: str) -> list[str]:
    """The words of a name without titles and initials."""
    return [word for word in name.split(" ") if not word.endswith(".")] or [name]
