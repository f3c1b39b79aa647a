from __future__ import annotations

from pkgraph.extract import extract_document
from pkgraph.extract.bodies import BodyContext, base_form, find_body_hits
from pkgraph.extract.items import extraction_items
from pkgraph.extract.municipalities import find_municipality_hits
from pkgraph.gazetteer import load_gazetteer
from pkgraph.records import Extraction
from tests.extract.conftest import MakeDocument

LAND = "Land Nordrhein-Westfalen"


def bodies(text: str, author: str | None = None, program: str | None = None) -> set[tuple]:
    gazetteer = load_gazetteer()
    entry = gazetteer.by_name(author)[0] if author else None
    context = BodyContext(entry, program, tuple(find_municipality_hits(text)))
    return {(h.name, h.kind, h.of) for h in find_body_hits(text, context)}


def test_base_forms() -> None:
    assert base_form("Jugendhilfeausschusses") == "Jugendhilfeausschuss"
    assert base_form("Kultur- u. Schulsenates") == "Kultur- und Schulsenat"
    assert base_form("Kreistages") == "Kreistag"
    assert base_form("Instituts für Soziale Arbeit") == "Institut für Soziale Arbeit"


def test_councils_and_committees_belong_to_the_issuing_town() -> None:
    text = (
        "Der Rat der Stadt Hamm beschließt auf Empfehlung des Haupt- und Finanzausschusses und "
        "des Ausschusses für Kinder, Jugend und Familie."
    )
    assert bodies(text, author="Hamm") == {
        ("Rat der Stadt Hamm", "council", "Hamm"),
        ("Haupt- und Finanzausschuss (Hamm)", "committee", "Hamm"),
        ("Ausschuss für Kinder, Jugend und Familie (Hamm)", "committee", "Hamm"),
    }
    in_kreis = bodies("Der Kreistag und der Rat tagen.", author="Selm")
    assert ("Kreistag (Kreis Unna)", "council", "Kreis Unna") in in_kreis
    assert ("Rat der Stadt Selm", "council", "Selm") in in_kreis


def test_committee_with_several_truncated_parts_is_one_body() -> None:
    text = "Der Haupt-, Finanz- und Personalausschuss der Stadt Hamm berät die Vorlage."
    assert bodies(text, author="Hamm") == {
        ("Haupt-, Finanz- und Personalausschuss (Hamm)", "committee", "Hamm"),
    }


def test_explicit_owner_wins_over_the_author() -> None:
    found = bodies("Das Jugendamt der Stadt Münster berichtet.", author="Kreis Coesfeld")
    assert found == {("Jugendamt (Münster)", "agency", "Münster")}


def test_working_groups_and_abbreviations() -> None:
    text = (
        "Die Steuerungs- und Planungsgruppe sowie die Koordinierungsgruppe Integration und die "
        "neue „Lenkungs- und Steuerungsarbeitsgruppe“ („LeStAG“) tagen; die LeStAG berichtet."
    )
    found = bodies(text, author="Kreis Borken", program="Kommunale Präventionsketten")
    assert found == {
        (
            "Steuerungsgruppe (Kommunale Präventionsketten, Kreis Borken)",
            "working_group",
            "Kreis Borken",
        ),
        (
            "Planungsgruppe (Kommunale Präventionsketten, Kreis Borken)",
            "working_group",
            "Kreis Borken",
        ),
        ("Koordinierungsgruppe Integration (Kreis Borken)", "working_group", "Kreis Borken"),
        ("Lenkungs- und Steuerungsarbeitsgruppe (LeStAG)", "working_group", "Kreis Borken"),
    }


def test_state_bodies_foundations_institutes_companies() -> None:
    text = (
        "Die Landesregierung, das MKFFI, die Auridis Stiftung, das Institut für Soziale Arbeit "
        "(ISA), der LWL und die Prognos AG evaluieren."
    )
    assert bodies(text) == {
        ("Landesregierung Nordrhein-Westfalen", "state_government", None),
        (
            "Ministerium für Kinder, Familie, Flüchtlinge und Integration (MKFFI)",
            "ministry",
            "Land Nordrhein-Westfalen",
        ),
        ("Auridis Stiftung", "foundation", None),
        ("Institut für Soziale Arbeit (ISA)", "institute", None),
        ("Landschaftsverband Westfalen-Lippe (LWL)", "agency", None),
        ("Prognos AG", "company", None),
    }


def test_generic_words_are_not_bodies() -> None:
    text = "Städte mit oder ohne Jugendamt; der Rat von Fachleuten; die neue Arbeitsgruppe tagt."
    assert bodies(text, author="Bergkamen") == set()


def test_ocr_damaged_body_names(sample_extractions: dict[str, Extraction]) -> None:
    names = {b.name for b in sample_extractions["001"].bodies}
    assert "Bürgermeisterkonferenz (Kreis Coesfeld)" in names
    assert "Landeskoordinierungsstelle Kommunale Präventionsketten" in names
    assert "Kreistag (Kreis Coesfeld)" in names


def test_fraktionen_by_party() -> None:
    text = (
        "Die Fraktion der SPD beantragt eine Vertagung; die Fraktion BÜNDNIS 90/DIE GRÜNEN und "
        "die FDP-Ratsfraktion stimmen zu. Die Fraktion Die Verwaltung ist keine."
    )
    assert bodies(text, author="Bocholt") == {
        ("Fraktion der SPD (Bocholt)", "other", "Bocholt"),
        ("Fraktion BÜNDNIS 90/DIE GRÜNEN (Bocholt)", "other", "Bocholt"),
        ("FDP-Ratsfraktion (Bocholt)", "other", "Bocholt"),
    }


def test_state_youth_offices_and_committees_keep_their_region() -> None:
    text = (
        "Das LWL-Landesjugendamt Westfalen prüft den Antrag, den der Landesjugendhilfeausschuss "
        "Westfalen-Lippe beraten hat; auch das Landesjugendamt Rheinland ist beteiligt."
    )
    assert bodies(text, author="Bocholt") == {
        ("LWL-Landesjugendamt Westfalen", "agency", None),
        ("Landesjugendhilfeausschuss Westfalen-Lippe", "committee", None),
        ("Landesjugendamt Rheinland", "agency", None),
    }


def test_administrative_units_belong_to_their_town() -> None:
    text = (
        "Der Fachbereich Schule, Sport und Kultur und die Koordinierungsstelle Kinderarmut im "
        "Referat Soziales berichten; die Fachstelle „Frühförderung“ berät."
    )
    assert bodies(text, author="Herne") == {
        ("Fachbereich Schule, Sport und Kultur (Herne)", "agency", "Herne"),
        ("Koordinierungsstelle Kinderarmut (Herne)", "agency", "Herne"),
        ("Referat Soziales (Herne)", "agency", "Herne"),
        ("Fachstelle Frühförderung (Herne)", "agency", "Herne"),
    }


def test_units_without_a_known_town_and_talks_are_not_bodies() -> None:
    text = (
        "Die Koordinierungsstelle Frühe Hilfen und der Fachbereich Jugend tagen. "
        "Ein Referat über Kinderarmut folgt."
    )
    assert bodies(text) == set()
    assert bodies("Ein Referat über Kinderarmut folgt.", author="Herne") == set()


def test_table_column_after_a_committee_is_not_part_of_its_name() -> None:
    text = "14.03.2022   Ausschuss für Familie und Soziales             Vorberatung"
    assert bodies(text, author="Herne") == {
        ("Ausschuss für Familie und Soziales (Herne)", "committee", "Herne"),
    }


def test_state_actors_foundations_and_parties() -> None:
    text = (
        "Das Land NRW unterstützt das Vorhaben der Bertelsmannstiftung; die Staatskanzlei lädt "
        "ein. Die SPD und die FDP stimmen zu, die Initiative des Landes NRW ist beliebt."
    )
    assert bodies(text) == {
        ("Land Nordrhein-Westfalen", "state_government", None),
        ("Bertelsmann Stiftung", "foundation", None),
        ("Staatskanzlei Nordrhein-Westfalen", "state_government", None),
        ("SPD", "other", None),
        ("FDP", "other", None),
    }


def test_ministries_take_abbreviations_only_from_the_text() -> None:
    text = (
        "Das Bundesministerium für Familie, Senioren, Frauen und Jugend und das Ministerium "
        "für Schule und Bildung NRW (MSB) sowie der Ausschuss für Familie, Kinder und Jugend "
        "des Landtags Nordrhein-Westfalen beraten."
    )
    assert bodies(text) == {
        ("Bundesministerium für Familie, Senioren, Frauen und Jugend", "ministry", "Bund"),
        ("Ministerium für Schule und Bildung (MSB)", "ministry", "Land Nordrhein-Westfalen"),
        (
            "Ausschuss für Familie, Kinder und Jugend (Landtag Nordrhein-Westfalen)",
            "committee",
            None,
        ),
        ("Landtag Nordrhein-Westfalen", "council", None),
    }


def test_a_document_record_names_a_ministry_as_the_text_writes_it(
    make_document: MakeDocument,
) -> None:
    """The graph joins a ministry's mentions under one canonical name across documents; the
    document's record keeps the text's own form, with the abbreviation it writes right after
    (blind annotators name ministries so; their official names change with each cabinet), in
    its funding too."""
    text = (
        "Stadt Hamm\nDas Ministerium für Arbeit, Gesundheit und Soziales des Landes "
        "Nordrhein-Westfalen fördert die Stadt Hamm mit 50.000 Euro. Beteiligt sind Fachleute "
        "des Ministeriums für Kinder, Familie, Flüchtlinge und\nIntegration (MKFFI)."
    )
    extraction = extract_document(make_document(text))
    ministries = {(b.name, b.stated_name) for b in extraction.bodies if b.kind == "ministry"}
    assert ministries == {
        (
            "Ministerium für Arbeit, Gesundheit und Soziales (MAGS)",
            "Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen",
        ),
        (
            "Ministerium für Kinder, Familie, Flüchtlinge und Integration (MKFFI)",
            "Ministeriums für Kinder, Familie, Flüchtlinge und Integration (MKFFI)",
        ),
    }
    funding = extraction_items(extraction)["funding"]
    assert [(f["funder"], f["amount_eur"]) for f in funding] == [
        ("Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen", 50000)
    ]


def test_units_of_the_landschaftsverbaende() -> None:
    text = (
        "Die Leiterin des LWL-Fachbereichs Jugend spricht; die Koordinationsstelle "
        "Kinderarmut des Landschaftsverbandes Rheinland berät."
    )
    names = {name for name, _kind, _of in bodies(text)}
    assert {"LWL-Fachbereich Jugend", "LVR-Koordinationsstelle Kinderarmut"} <= names


def test_local_units_and_organisations() -> None:
    text = (
        "Die Leiterin des Bereichs Jugend und Soziales lädt ein. Im Bereich Bildung gibt es "
        "viel zu tun. Das Präventionsbüro, die Kreisverwaltung, die Volkshochschule Lippe-West "
        "und der Kinderschutzbund Lemgo e.V. arbeiten mit dem JHA zusammen."
    )
    assert bodies(text, author="Lemgo") == {
        ("Bereich Jugend und Soziales (Lemgo)", "agency", "Lemgo"),
        ("Präventionsbüro (Lemgo)", "agency", "Lemgo"),
        ("Kreisverwaltung (Kreis Lippe)", "agency", "Kreis Lippe"),
        ("Volkshochschule Lippe-West", "other", None),
        ("Kinderschutzbund Lemgo e.V.", "other", None),
        ("Jugendhilfeausschuss (Lemgo)", "committee", "Lemgo"),
    }


def test_a_press_article_owns_its_bodies_by_its_dateline() -> None:
    text = (
        "Bottrop. Das Jugendamt baut die Präventionskette aus. Auch das Gesundheitsamt und "
        "Partner aus Gladbeck und Essen machen mit."
    )
    assert bodies(text) == {
        ("Jugendamt (Bottrop)", "agency", "Bottrop"),
        ("Gesundheitsamt (Bottrop)", "agency", "Bottrop"),
    }


def test_the_one_municipality_a_paper_names_owns_its_bodies() -> None:
    """A motion naming its town once (in the council it goes to) owns its committees; a town
    named only as where people travel to does not."""
    motion = (
        "Gemeinsamer Antrag zu den Sitzungen des Jugendhilfeausschusses am 14.11.2023 und "
        "des Rates der Stadt Duisburg am 27.11.2023. Die Stadtverwaltung wird gebeten ..."
    )
    assert ("Jugendhilfeausschuss (Duisburg)", "committee", "Duisburg") in bodies(motion)
    trip = "Das Jugendamt hat zu einem Fachtag nach Köln eingeladen."
    assert bodies(trip) == {("Jugendamt", "agency", None)}


def test_a_spaced_slash_is_closed_in_an_owned_name() -> None:
    text = "Die Fraktion Bündnis 90/ DIE GRÜNEN im Rat der Stadt Dortmund beantragt ..."
    assert ("Fraktion Bündnis 90/DIE GRÜNEN (Dortmund)", "other", "Dortmund") in bodies(
        text, author="Dortmund"
    )


def test_a_kreis_press_release_is_dated_from_its_seat() -> None:
    """A Kreis dates its press releases from its seat ("Soest (pm). … beim Kreis Soest"): the
    bodies are the Kreis's, unless the text speaks of the town as such."""
    text = "Soest (pm). Das Jugendamt koordiniert das Programm, das der Kreis Soest umsetzt."
    assert bodies(text) == {("Jugendamt (Kreis Soest)", "agency", "Kreis Soest")}
    town = "Soest (pm). Das Jugendamt berät. Die Stadt Soest und der Kreis Soest planen."
    assert bodies(town) == {("Jugendamt (Soest)", "agency", "Soest")}


def test_a_group_named_after_its_program() -> None:
    text = (
        "Die Steuerungsgruppe Kommunale Präventionsketten tagte. Die Koordinierungsstelle "
        "Kommunale Präventionsketten lädt ein; die Steuerungsgruppe berät."
    )
    assert bodies(text, author="Kreis Höxter", program="Kommunale Präventionsketten") == {
        (
            "Steuerungsgruppe Kommunale Präventionsketten (Kreis Höxter)",
            "working_group",
            "Kreis Höxter",
        ),
        (
            "Koordinierungsstelle Kommunale Präventionsketten (Kreis Höxter)",
            "agency",
            "Kreis Höxter",
        ),
    }


def test_welfare_services_universities_and_chambers() -> None:
    text = (
        "Der Migrationsdienst der Diakonie Mark-Ruhr, die Universität Bielefeld, das Klinikum "
        "Dortmund und die IHK beraten. Später berichtet der Migrationsdienst der Diakonie."
    )
    assert bodies(text) == {
        ("Migrationsdienst der Diakonie Mark-Ruhr", "other", None),
        ("Universität Bielefeld", "institute", None),
        ("Klinikum Dortmund", "other", None),
        ("IHK", "agency", None),
    }


def test_a_body_of_another_state_is_not_nrw() -> None:
    assert bodies("Die Anhörung fand im Niedersächsischen Landtag statt.") == set()
    assert bodies("Der Bayerische Landtag hat das Gesetz beschlossen.") == set()
    assert bodies("Die Landesregierung Brandenburg fördert Frauenhäuser.") == set()
    assert bodies("Der Landtag des Landes Schleswig-Holstein berät.") == set()
    assert bodies("Die nordrhein-westfälische Landesregierung fördert das Programm.") == {
        ("Landesregierung Nordrhein-Westfalen", "state_government", None)
    }
    assert bodies("Der Landtag NRW hat beschlossen.") == {
        ("Landtag Nordrhein-Westfalen", "council", None)
    }


def test_the_state_in_a_law_title_is_no_body() -> None:
    text = "Gemäß § 41 der Gemeindeordnung für das Land Nordrhein-Westfalen (GO NRW) beschließt."
    assert not any(name == "Land Nordrhein-Westfalen" for name, _k, _o in bodies(text))
    assert ("Land Nordrhein-Westfalen", "state_government", None) in bodies(
        "Die Stadt hat sich beim Land NRW um die Förderung beworben."
    )
    assert ("Land Nordrhein-Westfalen", "state_government", None) in bodies(
        "Das Familienbüro wird vom Land Nordrhein-Westfalen gefördert."
    )


def test_an_office_is_not_the_council() -> None:
    assert bodies("Es sprach der Erste Stadtrat Uwe Hajdu.", author="Hamm") == set()
    assert bodies("gez. Jörg Weber, Erster Stadtrat", author="Hamm") == set()
    assert bodies("Die Rede des Ersten Stadtrats wurde verteilt.", author="Hamm") == set()
    assert ("Rat der Stadt Hamm", "council", "Hamm") in bodies(
        "Der Stadtrat beschließt den Haushalt.", author="Hamm"
    )


def test_a_party_after_a_persons_name_is_an_affiliation() -> None:
    text = "Mitglieder: RM Rita Brandt(SPD), RM Ute Mais (CDU), Minister Joachim Stamp (FDP/DVP)."
    assert bodies(text) == set()
    assert ("SPD", "other", None) in bodies("Der Antrag der SPD wurde abgelehnt.")
    assert ("FDP", "other", None) in bodies("Kleine Anfrage der Abgeordneten Henning Höne FDP")


def test_an_association_name_is_not_cut_after_an_adjective() -> None:
    text = "Die Beratung des Sozialdienstes katholischer Frauen e.V. Bonn wird fortgesetzt."
    assert not any(name.endswith("e.V.") for name, _k, _o in bodies(text))
    assert ("Kinder Hilfe e.V.", "other", None) in bodies("Der Zuschuss an den Kinder Hilfe e.V.")


def test_ministry_topics_are_names_not_numbers_or_repeats() -> None:
    assert bodies("Nach einer Mitteilung des Ministeriums für drei Kitas in Vechta.") == set()
    text = (
        "Das Ministerium für Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht "
        "und Integration fördert den Ausbau."
    )
    assert {name for name, _k, _o in bodies(text)} == {
        "Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration (MKJFGFI)"
    }
    assert ("Ministerium für Frühe Bildung", "ministry", "Land Nordrhein-Westfalen") in bodies(
        "Das Ministerium für Frühe Bildung fördert."
    )


def test_a_ministry_of_another_state_belongs_to_that_state() -> None:
    text = "Der Erlass des Ministeriums für Bildung und Kultur des Landes Schleswig-Holstein gilt."
    assert bodies(text) == {
        ("Ministerium für Bildung und Kultur", "ministry", "Land Schleswig-Holstein")
    }


def test_a_bare_fachausschuss_names_no_committee() -> None:
    assert bodies("Über die Freigabe entscheidet der Fachausschuss.", author="Hamm") == set()
    assert ("Sozialausschuss (Hamm)", "committee", "Hamm") in bodies(
        "Der Sozialausschuss entscheidet.", author="Hamm"
    )


def test_a_kreis_prefixed_committee_belongs_to_the_kreis() -> None:
    text = "Die Vorlage, über die der Kreis-Arbeits- und Sozialausschuss beriet, empfiehlt viel."
    assert bodies(text, author="Kreis Unna") == {
        ("Arbeits- und Sozialausschuss (Kreis Unna)", "committee", "Kreis Unna")
    }
    assert bodies(text, author="Selm") == {
        ("Arbeits- und Sozialausschuss (Kreis Unna)", "committee", "Kreis Unna")
    }


def test_an_association_branch_keeps_its_area() -> None:
    text = "Träger: Deutscher Kinderschutzbund Kreisverband Ostholstein, Neustadt."
    assert ("Deutscher Kinderschutzbund Kreisverband Ostholstein", "other", None) in bodies(text)


def test_a_unit_of_another_organisation_is_not_the_towns() -> None:
    text = (
        "Marco Becker leitet den Arbeitsstab im Referat Familienzentren/Kommunale "
        "Präventionsketten des Familienministeriums."
    )
    assert not any(name.startswith("Referat") for name, _k, _o in bodies(text, author="Bochum"))
    assert ("Referat Jugend (Bochum)", "agency", "Bochum") in bodies(
        "Das Referat Jugend der Verwaltung berichtet.", author="Bochum"
    )


def test_a_truncated_pair_of_units_names_the_organisation() -> None:
    text = "Die Beratungs- und Kontaktstelle des Kinderschutzbundes wird gestärkt."
    assert bodies(text) == {("Kinderschutzbund", "other", None)}


def test_a_plural_kind_of_body_is_no_body() -> None:
    text = "Partner sind Bildungsträger, Berufskollegs, Ausländerbehörden und Jobcenter."
    assert bodies(text, author="Hamm") == set()
    assert ("Jobcenter (Hamm)", "agency", "Hamm") in bodies(
        "Darunter ist das Jobcenter.", author="Hamm"
    )
    assert ("Jobcenter (Kreis Unna)", "agency", "Kreis Unna") in bodies(
        "Dort liegt Jobcenter Kreis Unna vorn.", author="Kreis Unna"
    )


def test_an_abbreviation_after_a_topic_is_not_part_of_it() -> None:
    text = "Vorgestellt vom Institut für Energietechnik IfE GmbH an der Hochschule Amberg-Weiden."
    names = {name for name, _k, _o in bodies(text)}
    assert "Institut für Energietechnik" in names
    assert ("Institut für Soziale Arbeit", "institute", None) in bodies(
        "Das Institut für Soziale Arbeit begleitet."
    )


def test_offices_and_alliances_named_by_their_topics() -> None:
    text = (
        "Das Amt für Kinder, Jugend und Familie berichtet dem Lokalen Bündnis für Familie; "
        "der Ausbau des Familienhebammendienstes wird beschlossen."
    )
    assert bodies(text, author="Hamm") == {
        ("Amt für Kinder, Jugend und Familie (Hamm)", "agency", "Hamm"),
        ("Bündnis für Familie (Hamm)", "other", "Hamm"),
        ("Familienhebammendienst (Hamm)", "agency", "Hamm"),
    }
    assert bodies("Die Leiterin des Amtes für Schule und Sport spricht.") == {
        ("Amt für Schule und Sport", "agency", None)
    }
    assert bodies("Familienhebammendienste gibt es in vielen Kreisen.", author="Hamm") == set()


def test_a_body_named_once_with_its_owner_keeps_it() -> None:
    text = (
        "Der Familienhebammendienst im Kreis Heinsberg wird ausgebaut. Für den Ausbau des "
        "Familienhebammendienstes ist ein Beschluss zu fassen."
    )
    assert bodies(text) == {
        ("Familienhebammendienst (Kreis Heinsberg)", "agency", "Kreis Heinsberg")
    }


def test_foundations_named_after_people_and_units_called_fachdienst(
    make_document: MakeDocument,
) -> None:
    text = (
        "Die Stadt Remscheid berichtet. Eine Studie im Auftrag der Hans-Böckler-Stiftung und "
        "der Bertelsmann-Stiftung liegt vor, betonte die Leiterin des Fachdienstes Jugend, "
        "Soziales und Wohnen bei der Stadt."
    )
    names = {b.name for b in extract_document(make_document(text)).bodies}
    assert {"Hans-Böckler-Stiftung", "Bertelsmann Stiftung"} <= names
    assert "Fachdienst Jugend, Soziales und Wohnen (Remscheid)" in names


def test_a_topic_list_ends_at_its_one_und(make_document: MakeDocument) -> None:
    text = (
        "Der Kreis Düren lädt ein. Es sprachen das Amt für Schule, Bildung und Integration und "
        "Elke Muster."
    )
    names = {b.name for b in extract_document(make_document(text)).bodies}
    assert "Amt für Schule, Bildung und Integration (Kreis Düren)" in names


def test_a_town_adjective_names_the_owner_of_a_common_noun() -> None:
    text = "Das erklärte Eva Muster vom Dürener Jugendamt. Ein Jugendamt allein reicht nicht."
    assert bodies(text) == {("Jugendamt (Düren)", "agency", "Düren")}


def test_welfare_associations_with_their_prefix_in_the_nominative() -> None:
    text = (
        "Der Präsident des Deutschen Kinderschutzbundes sprach. Der Sozialdienst Katholischer "
        "Frauen (SKF) und der Diözesan-Caritasverband Köln beraten."
    )
    assert {name for name, _kind, _of in bodies(text)} == {
        "Deutscher Kinderschutzbund",
        "Sozialdienst Katholischer Frauen (SKF)",
        "Diözesan-Caritasverband Köln",
    }


def test_a_known_ministry_goes_by_its_short_name_and_abbreviation() -> None:
    """An NRW ministry of the lexicon is "Ministerium für … (ABBR)" whether its text writes
    "… des Landes Nordrhein-Westfalen", "… NRW", the abbreviation or none (one key); an
    unknown one keeps its written-out official name."""
    text = (
        "Das Ministerium für Schule und Bildung des Landes Nordrhein-Westfalen und das "
        "Ministerium für Arbeit, Gesundheit und Soziales NRW rufen auf. Später fördert das "
        "Ministerium für Schule und Bildung."
    )
    assert bodies(text) == {
        ("Ministerium für Schule und Bildung (MSB)", "ministry", LAND),
        ("Ministerium für Arbeit, Gesundheit und Soziales (MAGS)", "ministry", LAND),
    }
    typo = "Gefördert vom Ministerium für Kinder, Familen und Integration des Landes NRW."
    assert bodies(typo) == {
        ("Ministerium für Kinder, Familen und Integration des Landes NRW", "ministry", LAND)
    }
    assert bodies("Es lud das Landesministerium für Schule und Bildung ein.") == {
        ("Ministerium für Schule und Bildung (MSB)", "ministry", LAND)
    }


def test_a_short_ministry_name_is_the_ministry_named_in_full() -> None:
    text = (
        "Das Ministerium für Familie, Kinder, Jugend, Kultur und Sport fördert. Das "
        "Familienministerium begleitet die Kommunen."
    )
    assert {name for name, _k, _o in bodies(text)} == {
        "Ministerium für Familie, Kinder, Jugend, Kultur und Sport (MFKJKS)"
    }
    assert len(bodies("Das Familienministerium und das Schulministerium luden ein.")) == 2


def test_a_ministry_by_its_short_name() -> None:
    assert bodies("Das berichtete das NRW-Familienministerium am Montag.") == {
        ("NRW-Familienministerium", "ministry", LAND)
    }
    assert bodies("Das Familienministerium NRW möchte Kommunen stärken.") == {
        ("Familienministerium NRW", "ministry", LAND)
    }
    assert bodies("Es fördert das Bundesfamilienministerium.") == {
        ("Bundesfamilienministerium", "ministry", "Bund")
    }


def test_a_bezirksregierung_is_a_state_authority() -> None:
    assert bodies("Die Bezirksregierung Arnsberg koordiniert die Zentren.") == {
        ("Bezirksregierung Arnsberg", "agency", LAND)
    }


def test_the_red_cross_in_any_case() -> None:
    text = "das internationale Müttercafe des Roten Kreuzes und die Kleiderkammer des DRK"
    assert ("Rotes Kreuz", "other", None) in bodies(text)
    assert ("Deutsches Rotes Kreuz", "other", None) in bodies(
        "Träger ist der Ortsverein des Deutschen Roten Kreuzes."
    )


def test_the_administrations_board_but_not_the_office_before_a_name() -> None:
    assert ("Verwaltungsvorstand (Dortmund)", "committee", "Dortmund") in bodies(
        "Der Verwaltungsvorstand beschloss, das Programm weiterzuführen.", author="Dortmund"
    )
    assert not any(
        name.startswith("Verwaltungsvorstand")
        for name, _kind, _of in bodies(
            "Es berichtete Verwaltungsvorstand Karl-Eitel John im Verwaltungsvorstandsbereich 2.",
            author="Dortmund",
        )
    )


def test_a_kreis_committee_named_so_is_the_kreiss() -> None:
    text = "Der Kreisjugendhilfeausschuss hatte am 23. Mai 2022 einstimmig beschlossen."
    assert bodies(text, author="Hückeswagen") == {
        ("Kreisjugendhilfeausschuss (Oberbergischer Kreis)", "committee", "Oberbergischer Kreis")
    }


def test_a_document_level_record_names_a_body_as_its_text_does(
    make_document: MakeDocument,
) -> None:
    """The graph names a council or generic group with the owner and program the context
    gives ("Rat der Stadt Bonn"); a record of the document (``pkgraph extract --json``) keeps
    the word the text writes, with the owner in ``of`` — and a decision of that body too."""
    text = (
        "Bundesstadt Bonn\nMitteilungsvorlage\n\nDas Landesprogramm „kinderstark – NRW schafft "
        "Chancen“ wird in Bonn umgesetzt. Die Steuerungsgruppe tagt monatlich. Nun beschloss "
        "der Rat das Leitbild einstimmig."
    )
    extraction = extract_document(make_document(text))
    council = next(b for b in extraction.bodies if b.kind == "council")
    assert (council.name, council.stated_name, council.of) == ("Rat der Stadt Bonn", "Rat", "Bonn")
    items = extraction_items(extraction)
    assert {(b["name"], b["of"]) for b in items["bodies"]} >= {
        ("Rat", "Bonn"),
        ("Steuerungsgruppe", "Bonn"),
    }
    assert [d["body"] for d in items["decisions"]] == ["Rat"]
    written = extract_document(make_document("Der Rat der Stadt Hamm beschloss das Konzept."))
    assert [b.stated_name for b in written.bodies] == ["Rat der Stadt Hamm"]


def test_an_integration_centre_belongs_to_the_kreis_of_its_town() -> None:
    """Kreise and kreisfreie Städte run the Kommunale Integrationszentren: "KI Heinsberg" in a
    Kreis paper is the Kreis's, "KI Bochum" the city's."""
    text = (
        "Das Kommunale Integrationszentrum für den Kreis Heinsberg lädt ein. Eingeladen hatte "
        "das Kommunale Integrationszentrum Heinsberg."
    )
    assert bodies(text) == {
        ("Kommunales Integrationszentrum (Kreis Heinsberg)", "agency", "Kreis Heinsberg")
    }
    assert bodies("Das Kommunale Integrationszentrum Bochum berät.") == {
        ("Kommunales Integrationszentrum (Bochum)", "agency", "Bochum")
    }


def test_a_steering_board_is_a_generic_group() -> None:
    found = bodies("Das Steuerungsgremium des Kreises tagte.", author="Kreis Coesfeld")
    assert ("Steuerungsgremium (Kreis Coesfeld)", "working_group", "Kreis Coesfeld") in found


def test_a_named_working_group_is_named_on_its_line() -> None:
    assert bodies("Abschlussbericht der Projektgruppe\nVorlage\n11/0345") == set()
    assert ("Projektgruppe Familienbildung", "working_group", None) in bodies(
        "Die Projektgruppe Familienbildung tagt."
    )


def test_a_university_with_its_regional_name() -> None:
    assert ("Ruhr-Universität Bochum", "institute", None) in bodies(
        "Prof. Dr. Eva Muster, Ruhr-Universität Bochum, sprach."
    )
    assert ("Universität Köln", "institute", None) in bodies("Die Universität Köln begleitet es.")


def test_a_landschaftsverband_goes_by_its_abbreviation() -> None:
    assert bodies("Der Landschaftsverband Rheinland fördert das Netzwerk.") == {
        ("Landschaftsverband Rheinland (LVR)", "agency", None)
    }


def test_a_towns_office_for_families() -> None:
    """ "Das Familienbüro" with its article is the office of the town the text is about; the
    plural of a funding call ("kommunale Familienbüros") names none."""
    text = "Das neue Familienbüro der Stadt öffnet im Mai. Es berät Eltern im Familienbüro."
    assert bodies(text, author="Dormagen") == {("Familienbüro (Dormagen)", "agency", "Dormagen")}
    assert bodies("Gefördert werden etwa kommunale Familienbüros.", author="Dormagen") == set()


def test_hospitals_by_their_own_names() -> None:
    """Hospitals named like the clinics the genre works with (Babylotsen, Frühe Hilfen):
    "St.-Josef-Hospital", "Marien-Krankenhaus", "Vinzenzhospital Rheine"."""
    text = (
        "Die Babylotsinnen arbeiten im St.-Josef-Hospital, im Marien-Krankenhaus und im "
        "Vinzenzhospital Rheine. Das Krankenhaus informiert."
    )
    assert bodies(text) == {
        ("St.-Josef-Hospital", "other", None),
        ("Marien-Krankenhaus", "other", None),
        ("Vinzenzhospital Rheine", "other", None),
    }


def test_a_name_does_not_run_across_lines() -> None:
    """ "Stiftung" closing a line and a town opening the next are two things, not the
    "Stiftung Köln" (the repair has joined every line broken inside a sentence)."""
    text = "Gefördert wird es von einer Stiftung\n\nKöln. Die Stiftung Wohlfahrtspflege hilft."
    assert ("Stiftung Köln", "foundation", None) not in bodies(text)
    assert ("Stiftung Wohlfahrtspflege", "foundation", None) in bodies(text)


def test_registered_associations_and_companies_are_named_whole() -> None:
    """The legal form, the local branch after "e.V.", a truncated compound and a leading
    "Kath."/"ev." belong to the name; a role before it ("Träger") does not."""
    text = (
        "Gefördert werden der Sozialdienst katholischer Frauen e.V. Ortsverein Kleve, der "
        "Caritasverband für die Stadt Kleve e.V., der Träger Kath. Jugendwerk Kleve e.V., der "
        "Emmericher Sport- und Kulturverein e.V. sowie die ev. Jugend- und Familienhilfe GmbH."
    )
    names = {name for name, *_ in bodies(text)}
    assert {
        "Sozialdienst katholischer Frauen e.V. Ortsverein Kleve",
        "Caritasverband für die Stadt Kleve e.V.",
        "Kath. Jugendwerk Kleve e.V.",
        "Emmericher Sport- und Kulturverein e.V.",
        "ev. Jugend- und Familienhilfe GmbH",
    } <= names
    genitive = bodies(
        "Die Familienhebamme des Sozialdienstes katholischer Frauen e.V. Kleve hilft."
    )
    assert "Sozialdienst katholischer Frauen e.V. Kleve" in {name for name, *_ in genitive}


def test_the_greens_caritas_and_town_administrations() -> None:
    text = (
        "Die Grünen und die SPD beantragen Mittel. Die Caritas und der SKFM beraten Familien. "
        "Die Stadtverwaltung Borken lädt ein; die Stadtverwaltung Informationen sind online."
    )
    assert {name for name, *_ in bodies(text)} == {
        "Grünen",
        "SPD",
        "Caritas",
        "SKFM",
        "Stadtverwaltung Borken",
    }


def test_a_short_name_is_the_one_long_name_of_the_text() -> None:
    text = (
        "Der Caritasverband Remscheid trägt das Projekt „Guter Start“. Die Caritas "
        "berät seit 2019. Die Fraktion Bündnis 90/Die Grünen beantragt: Die GRÜNEN wollen mehr."
    )
    assert {name for name, *_ in bodies(text, author="Willich")} == {
        "Caritasverband Remscheid",
        "Fraktion Bündnis 90/Die Grünen (Willich)",
    }


def test_a_generic_state_office_is_reported_as_written(make_document: MakeDocument) -> None:
    text = (
        "Die Stadt Ahlen nimmt an den „Kommunalen Präventionsketten“ teil. Die "
        "Landeskoordinierungsstelle begleitet das Lernnetzwerk."
    )
    extraction = extract_document(make_document(text))
    (office,) = [b for b in extraction.bodies if b.key.startswith("landeskoordinierungsstelle")]
    assert office.name == "Landeskoordinierungsstelle Kommunale Präventionsketten"
    assert [b["name"] for b in extraction_items(extraction)["bodies"]] == [
        "Landeskoordinierungsstelle"
    ]


def test_a_unit_of_the_landschaftsverband_is_reported_in_the_texts_order(
    make_document: MakeDocument,
) -> None:
    text = "Die Koordinationsstelle Kinderarmut des LVR berät die Jugendämter im Rheinland."
    extraction = extract_document(make_document(text))
    unit = next(b for b in extraction.bodies if "Kinderarmut" in b.name)
    assert unit.name == "LVR-Koordinationsstelle Kinderarmut"
    assert "Koordinationsstelle Kinderarmut" in [
        b["name"] for b in extraction_items(extraction)["bodies"]
    ]


def test_an_owner_written_right_after_its_body_is_part_of_its_name(
    make_document: MakeDocument,
) -> None:
    text = (
        "Das Angebot des Kreisjugendamtes Borken ist kostenlos. Das Jobcenter Kreis Unna berät "
        "mit, ebenso der Jugendhilfeausschuss des Kreises Soest."
    )
    extraction = extract_document(make_document(text))
    written = {b["name"] for b in extraction_items(extraction)["bodies"]}
    assert {"Kreisjugendamt Borken", "Jobcenter Kreis Unna"} <= written
    assert "Jugendhilfeausschuss (Kreis Soest)" in written
    assert "Kreisjugendamt (Kreis Borken)" in {b.name for b in extraction.bodies}


def test_the_state_written_with_a_ministry_is_kept_in_its_reported_name(
    make_document: MakeDocument,
) -> None:
    text = (
        "Das Ministerium für Arbeit, Gesundheit und Soziales NRW fördert die Stelle. Laut "
        "NRW-Ministerium für Arbeit, Gesundheit und Soziales ist das Programm beliebt. Das "
        "nordrhein-westfälische Ministerium für Schule und Bildung prüft den Antrag."
    )
    extraction = extract_document(make_document(text))
    ministries = [b for b in extraction.bodies if b.kind == "ministry"]
    assert sorted(b.name for b in ministries) == [
        "Ministerium für Arbeit, Gesundheit und Soziales (MAGS)",
        "Ministerium für Schule und Bildung (MSB)",
    ]
    assert sorted(b["name"] for b in extraction_items(extraction)["bodies"]) == [
        "Ministerium für Arbeit, Gesundheit und Soziales NRW",
        "nordrhein-westfälische Ministerium für Schule und Bildung",
    ]


def test_an_institute_is_reported_as_written_with_its_legal_form(
    make_document: MakeDocument,
) -> None:
    written = {
        "Das Institut für soziale Arbeit e.V. begleitet die Kommunen.": (
            "Institut für soziale Arbeit e.V."
        ),
        "Die Landeskoordinierung liegt beim Institut für soziale Arbeit (ISA e.V.) in Münster.": (
            "Institut für soziale Arbeit (ISA e.V.)"
        ),
        "Das ISA berät die Kommunen.": "Institut für Soziale Arbeit (ISA)",
    }
    for text, name in written.items():
        extraction = extract_document(make_document(text))
        reported = [b["name"] for b in extraction_items(extraction)["bodies"]]
        assert reported == [name], text
        (institute,) = extraction.bodies
        assert institute.name.startswith("Institut für Soziale Arbeit"), text


def test_a_committee_of_the_landtag_is_not_the_towns() -> None:
    text = "Bielefeld. Der Ausschuss für Familie, Kinder und Jugend des Landtags berät den Antrag."
    assert ("Ausschuss für Familie, Kinder und Jugend", "committee", None) in bodies(text)


def test_a_state_office_named_by_a_program_it_coordinates() -> None:
    """ "die Landeskoordinierungsstelle „Kein Kind zurücklassen“" is named as written, and its
    later bare mention is the same office."""
    text = (
        "Moers. Mit der Landeskoordinierungsstelle „Kein Kind zurücklassen“ lädt die Stadt ein. "
        "Die Landeskoordinierungsstelle berät."
    )
    assert bodies(text) == {("Landeskoordinierungsstelle „Kein Kind zurücklassen“", "agency", None)}


def test_a_kreis_has_no_rat() -> None:
    """A Kreis the paper is about owns its committees, but a council "Rat" is a town's."""
    text = "Kreis Gütersloh. Der Rat hat getagt; der Jugendhilfeausschuss berät."
    found = bodies(text)
    assert ("Rat", "council", None) in found
    assert ("Jugendhilfeausschuss (Kreis Gütersloh)", "committee", "Kreis Gütersloh") in found
