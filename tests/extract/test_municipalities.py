from __future__ import annotations

from pkgraph.extract import extract_document
from pkgraph.extract.municipalities import find_municipality_hits, municipality_lists
from pkgraph.records import Extraction
from tests.extract.conftest import MakeDocument


def names(text: str) -> list[str]:
    return [hit.name for hit in find_municipality_hits(text)]


def test_kreis_inflections_and_special_kreise() -> None:
    text = (
        "des Kreises Coesfeld, im Kreis Unna, dem Märkischen Kreis, des Hochsauerlandkreises, "
        "im Rhein-Sieg-Kreis, des Oberbergischen Kreises, der Städteregion Aachen"
    )
    assert names(text) == [
        "Kreis Coesfeld",
        "Kreis Unna",
        "Märkischer Kreis",
        "Hochsauerlandkreis",
        "Rhein-Sieg-Kreis",
        "Oberbergischer Kreis",
        "Städteregion Aachen",
    ]


def test_town_and_kreis_of_the_same_name_are_told_apart() -> None:
    hits = find_municipality_hits("Die Kreisstadt Unna und der Kreis Unna; Unna selbst.")
    assert [(h.name, h.ags) for h in hits] == [
        ("Unna", "05978036"),
        ("Kreis Unna", "05978"),
        ("Unna", "05978036"),
    ]
    assert hits[0].start == 4  # the mention includes "Kreisstadt"


def test_lists_after_plural_words() -> None:
    text = "der Städte Kamen, Lünen, Selm und Werne sowie der Gemeinden Bönen und Holzwickede"
    assert names(text) == ["Kamen", "Lünen", "Selm", "Werne", "Bönen", "Holzwickede"]
    hits = find_municipality_hits(text)
    assert [len(group) for group in municipality_lists(text, hits)] == [6]


def test_common_words_need_support() -> None:
    assert names("Das Essen war gut, die Lage ist ernst und das Wetter schön.") == []
    assert names("Sie kamen zum Essen und blieben beim Essen.") == []
    assert names("Die Stadt Essen ist in schwieriger Lage; Essen hat zugesagt.") == [
        "Essen",
        "Essen",
    ]
    assert names("Beteiligt sind Dortmund, Essen, Hagen und Bochum.") == [
        "Dortmund",
        "Essen",
        "Hagen",
        "Bochum",
    ]


def test_people_named_like_towns_are_not_towns() -> None:
    assert names("Frau Werne und Herr Dr. Moers berichteten.") == []


def test_qualified_names_and_short_forms() -> None:
    assert names("in Halle (Westf.), in Mülheim an der Ruhr und in Mülheim") == [
        "Halle (Westf.)",
        "Mülheim an der Ruhr",
        "Mülheim an der Ruhr",
    ]


def test_roles_on_the_samples(sample_extractions: dict[str, Extraction]) -> None:
    roles = {m.name: m.role for m in sample_extractions["004"].municipalities}
    assert roles["Bergkamen"] == "author"
    assert roles["Kreis Unna"] == "participant"
    assert roles["Werne"] == "participant"
    assert len(roles) == 24
    coesfeld = {m.name: m.role for m in sample_extractions["000"].municipalities}
    assert coesfeld == {"Kreis Coesfeld": "author", "Olfen": "mentioned"}
    assert sample_extractions["003"].municipalities == ()  # Regensburg is not in NRW
    assert all(m.role != "author" for m in sample_extractions["002"].municipalities)


def test_town_and_kreis_named_at_once() -> None:
    """ "die Stadt sowie der Kreis Viersen" names the town Viersen as well as its Kreis."""
    text = "Nettetal, die Stadt sowie der Kreis Viersen und Willich bilden die Staffel."
    names = [h.name for h in find_municipality_hits(text)]
    assert names == ["Nettetal", "Viersen", "Kreis Viersen", "Willich"]


def test_a_paper_naming_several_towns_of_one_kreis_is_none_of_theirs(
    make_document: MakeDocument,
) -> None:
    """The Kreis's Beschlussvorlage about a midwife "für die Jugendamtsbezirke Grevenbroich,
    Kaarst und Korschenbroich sowie Jüchen" is not Jüchen's, though Jüchen is named twice."""
    text = (
        "Beschlussvorlage\n\nDer Jugendhilfeausschuss nimmt die Ausführungen zur Kenntnis. "
        "Eine Familienhebamme für Grevenbroich, Kaarst und Korschenbroich sowie Jüchen. "
        "In einer Familie aus Jüchen ist die Hebamme bereits im Einsatz."
    )
    municipalities = extract_document(make_document(text)).municipalities
    assert "author" not in {m.role for m in municipalities}
    bodies = extract_document(make_document(text)).bodies
    assert {b.name for b in bodies} == {"Jugendhilfeausschuss"}


def test_the_only_town_a_council_paper_names_issued_it(make_document: MakeDocument) -> None:
    text = (
        "Niederschrift\n\nHerr Muster berichtet über die Präventionskette. Dies sei auch eine "
        "Aufgabe für die neue AG78 Schwelm.\n\nBeschlussvorschlag:\n\nDer Jugendhilfeausschuss "
        "nimmt den Bericht zur Kenntnis."
    )
    extraction = extract_document(make_document(text))
    assert [(m.name, m.role) for m in extraction.municipalities] == [("Schwelm", "author")]
    assert {b.name for b in extraction.bodies} == {"Jugendhilfeausschuss (Schwelm)"}


def test_a_paper_to_the_kreistag_naming_one_town_is_the_kreis(
    make_document: MakeDocument,
) -> None:
    text = (
        "Beschluss:\n\nDer Jugendhilfeausschuss empfiehlt dem Kreisausschuss, dem Kreistag "
        "folgenden Beschlussvorschlag zu unterbreiten: Die pauschale Förderung der "
        "Familienbildungsstätte Lüdinghausen wird nicht fortgesetzt."
    )
    extraction = extract_document(make_document(text))
    assert {m.name: m.role for m in extraction.municipalities} == {"Lüdinghausen": "mentioned"}
    assert "Jugendhilfeausschuss (Kreis Coesfeld)" in {b.name for b in extraction.bodies}


def test_a_landtag_paper_is_no_towns(make_document: MakeDocument) -> None:
    text = (
        "LANDTAG NORDRHEIN-WESTFALEN 16. Wahlperiode Drucksache 16/14257\n\nAntwort der "
        "Landesregierung: Die Stadt Münster und die Stadt Münster ... Postfach, 40002 Düsseldorf."
    )
    roles = {m.name: m.role for m in extract_document(make_document(text)).municipalities}
    assert "author" not in roles.values()


def test_a_place_joined_to_another_names_an_institution() -> None:
    text = "Begleitet vom IAQ (Universität Duisburg-Essen) in Köln-Ehrenfeld."
    assert [h.name for h in find_municipality_hits(text)] == ["Köln"]


def test_the_seat_of_a_state_authority_issued_nothing(make_document: MakeDocument) -> None:
    text = (
        "Informationsvorlage\n\nBeschlussvorschlag:\n\nDer Ausschuss nimmt Kenntnis. Die "
        "Landeskoordinierungsstelle (Bezirksregierung Arnsberg) begleitet die Kommunen."
    )
    roles = {m.name: m.role for m in extract_document(make_document(text)).municipalities}
    assert roles.get("Arnsberg") != "author"


def test_the_staedteregion_in_its_official_spelling(make_document: MakeDocument) -> None:
    """ "StädteRegion Aachen" (its own spelling) is the Kreis-like region, not the city."""
    text = "Das Gesundheitsamt der StädteRegion Aachen berät die Familien in Alsdorf."
    names = {m.name: m.ags for m in extract_document(make_document(text)).municipalities}
    assert names == {"Städteregion Aachen": "05334", "Alsdorf": "05334004"}


def test_a_place_preposition_settles_a_name_that_is_also_a_word() -> None:
    assert names("Die Ministerin war am Montag in Kamen zu Gast.") == ["Kamen"]
    assert names("Die Fachkräfte kamen aus Hagen und stellten ihr Netzwerk vor.") == ["Hagen"]
    assert names("Nach dem Essen ging es weiter; im Essen war kein Fleisch.") == []
    assert names("Die Eltern standen in Schlangen vor dem Familienbüro.") == []


def test_a_kreis_office_before_a_bare_name_is_the_kreis() -> None:
    assert names("Es beraten die Abteilungsleitungen der Kreisverwaltung Coesfeld.") == [
        "Kreis Coesfeld"
    ]
    assert names("Das Angebot des Kreisjugendamtes Paderborn ist kostenlos.") == ["Kreis Paderborn"]
