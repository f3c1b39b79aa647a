from __future__ import annotations

from pkgraph.extract import extract_document
from pkgraph.records import Extraction
from tests.extract.conftest import MakeDocument


def people(text: str, make_document: MakeDocument) -> dict[str, tuple[str | None, str | None]]:
    extraction = extract_document(make_document(text))
    return {p.name: (p.role, p.organisation) for p in extraction.persons}


def test_titles_appositions_and_merging(make_document: MakeDocument) -> None:
    text = (
        "Landrätin Dr. Anna Beispielfrau eröffnete. Jens Mustermann, Leiter des Jugendamtes der "
        "Stadt Hamm, berichtete. Später dankte Frau Beispielfrau dem Team. Gemeinsam mit dem "
        "Landrat Uber das Verfahren beraten."
    )
    assert people(text, make_document) == {
        "Dr. Anna Beispielfrau": ("Landrätin", None),
        "Jens Mustermann": ("Leiter", "Jugendamt (Hamm)"),
    }


def test_signature_block(make_document: MakeDocument) -> None:
    text = (
        "Beschlussvorlage der Stadt Kamen\n\nDer Bürgermeister In Vertretung Lindemann "
        "Beigeordneter\n\nAmtsleiter Kowalski\tSachbearbeiterin Nowak\n"
    )
    assert people(text, make_document) == {
        "Lindemann": ("Beigeordneter", "Stadt Kamen"),
        "Kowalski": ("Amtsleiter", "Stadt Kamen"),
        "Nowak": ("Sachbearbeiterin", "Stadt Kamen"),
    }


def test_common_nouns_after_roles_are_not_people(make_document: MakeDocument) -> None:
    assert people("Fachbereichsleiter Jugendhilfe, Koordinatorin Prävention.", make_document) == {}


def test_samples(sample_extractions: dict[str, Extraction]) -> None:
    names = {p.name for p in sample_extractions["002"].persons}
    assert {"Ilona Heuchel", "Dr. Ralf Heinen", "Andreas Bothe", "Gudrun Schmidt"} <= names
    assert "Schmidt" not in names  # "Frau Schmidt" merged into the full name


def test_role_with_field_of_work_before_the_name(make_document: MakeDocument) -> None:
    text = "Anwesend:\nAmtsleiterin Schule, Sport und Kultur Henrike Vossberg,\nweitere Gäste"
    names = {p.name for p in extract_document(make_document(text)).persons}
    assert "Henrike Vossberg" in names


def test_long_role_with_salutation_before_the_name(make_document: MakeDocument) -> None:
    text = "Die Abteilungsleiterin für Kinder und Jugend, Frau Dr. Mareike Tenhagen, berichtet."
    (person,) = extract_document(make_document(text)).persons
    assert person.name == "Dr. Mareike Tenhagen"
    assert person.role is not None and person.role.startswith("Abteilungsleiterin")


def test_signature_name_over_role(make_document: MakeDocument) -> None:
    text = "Mit freundlichen Grüßen\n\nTobias Kleinhorst\nsozialpolitischer Sprecher\n"
    (person,) = extract_document(make_document(text)).persons
    assert (person.name, person.role) == ("Tobias Kleinhorst", "sozialpolitischer Sprecher")


def test_role_words_in_two_column_signature_are_not_names(make_document: MakeDocument) -> None:
    text = (
        "Jana Stemmer                        Olaf Rietkötter\n"
        "Vorsitzende                         Schriftführer\n"
    )
    names = {p.name for p in extract_document(make_document(text)).persons}
    assert not names & {"Schriftführer", "Vorsitzende"}


def test_photo_captions_and_positions(make_document: MakeDocument) -> None:
    text = (
        "Freuen sich über den Start: Tanja Vollmerhaus (Jugendhilfeplanung), Jens Peter "
        "Brakelmann (Gemeinde Rosendahl) und Lea Sommerkamp (Familienbüro). Landrat Klaus "
        "Wessing (2.v.l.) begrüßte außerdem Nadine Kerkhoff (r.)."
    )
    names = set(people(text, make_document))
    assert {
        "Tanja Vollmerhaus",
        "Jens Peter Brakelmann",
        "Lea Sommerkamp",
        "Klaus Wessing",
        "Nadine Kerkhoff",
    } <= names


def test_single_caption_or_abbreviation_is_no_person(make_document: MakeDocument) -> None:
    text = "Das Institut für Soziale Arbeit (ISA) und die Frühen Hilfen (Netzwerk) berichten."
    assert people(text, make_document) == {}


def test_lists_after_a_role_quotes_and_credits(make_document: MakeDocument) -> None:
    text = (
        "Antrag der Abgeordneten Lisa Kemper, Dr. Udo Wilmsen und Jana Tiemeyer. "
        "„Das lohnt sich“, sagte Carsten Höfling. Foto: Kreis Soest / Maren Vosskötter. "
        "Die Fachstelle arbeitet unter der Leitung von Olga Brenninkmeyer."
    )
    names = set(people(text, make_document))
    assert {
        "Lisa Kemper",
        "Dr. Udo Wilmsen",
        "Jana Tiemeyer",
        "Carsten Höfling",
        "Maren Vosskötter",
        "Olga Brenninkmeyer",
    } <= names
    assert "Soest" not in names


def test_names_on_lines_of_their_own(make_document: MakeDocument) -> None:
    text = "Anfrage der Fraktion\n\nWeitere Informationen\nOffene Ganztagsschule\nSvenja Terhörst\n"
    assert set(people(text, make_document)) == {"Svenja Terhörst"}


def test_role_for_a_ministry_and_a_dative_role(make_document: MakeDocument) -> None:
    text = (
        "Die Ministerin für Schule, Bildung und Sport, Miriam Scholten-Brandt, kam. "
        "Begrüßt wurden alle von der Beigeordneten Ruth Tenbergen."
    )
    names = set(people(text, make_document))
    assert {"Miriam Scholten-Brandt", "Ruth Tenbergen"} <= names


def test_given_name_alone_merges_into_the_known_person(make_document: MakeDocument) -> None:
    text = (
        "Ministerin Petra Kolbeck eröffnete. Danach hat Ministerin Petra die Gäste begrüßt. "
        "Herr Brinkmann-von der Heide stellte das Konzept vor."
    )
    names = set(people(text, make_document))
    assert names == {"Petra Kolbeck", "Brinkmann-von der Heide"}


def test_contact_lines_and_caption_employers(make_document: MakeDocument) -> None:
    text = (
        "Kontakt\nProjektleitung: Hanna Oltmanns, Jugendamt der Stadt Hagen\n"
        "Ansprechpartnerin: Frau Elif Demirtas\n\n"
        "Im Bild: Tim Hövelbrink (Gemeinde Nottuln) und Eva Grothues (Netzwerkkoordination)."
    )
    found = people(text, make_document)
    assert found["Hanna Oltmanns"][0] == "Projektleitung"
    assert "Hagen" in (found["Hanna Oltmanns"][1] or "")
    assert "Elif Demirtas" in found
    assert found["Tim Hövelbrink"] == (None, "Gemeinde Nottuln")
    assert found["Eva Grothues"][0] == "Netzwerkkoordination"


def test_names_with_letters_beyond_german(make_document: MakeDocument) -> None:
    found = people(
        "Der heimische SPD-Landtagsabgeordnete André Stinka kritisiert das. Dezernentin "
        "Zoë Çelik stellte das Konzept vor.",
        make_document,
    )
    assert {"André Stinka", "Zoë Çelik"} <= set(found)


def test_a_caption_list_with_long_employers(make_document: MakeDocument) -> None:
    found = people(
        "(v.l.) Dr. Eva Stein (Fachdienst Bildung Kreis Lippe), Tom Brandt (Ministerium für "
        "Kinder, Familie, Flüchtlinge und Integration des Landes Nordrhein-Westfalen), Ute Lau "
        "(Teamleitung „Familienfreundlicher Kreis“, Frühe Hilfen und Kinderschutz Kreis Lippe), "
        "Jan Roth (Universität Bochum). Foto: Kreis Lippe",
        make_document,
    )
    assert {"Dr. Eva Stein", "Tom Brandt", "Ute Lau", "Jan Roth"} <= set(found)


def test_a_caption_for_all_names_before_it_and_one_after_the_photo_order(
    make_document: MakeDocument,
) -> None:
    found = people(
        "Teilnehmende: Isabel Schaefer, Maren Kerber, Tina Lorenz (alle Abteilung Jugend, Kreis "
        "Gütersloh). Foto oben: (v.l.) Ulrike Glathe (Fachbereichsleiterin Jugend und Familie).",
        make_document,
    )
    assert {"Isabel Schaefer", "Maren Kerber", "Tina Lorenz", "Ulrike Glathe"} <= set(found)
    assert found["Ulrike Glathe"][0] == "Fachbereichsleiterin Jugend und Familie"


def test_photo_credits_with_the_name_first_or_filed(make_document: MakeDocument) -> None:
    found = people(
        "Das Bündnis wurde gegründet. Foto: Jana Beispiel/ Kreis Soest\n\n"
        "Die Anlaufstelle ist offen.\nFoto: Muster, Stephan (sm)\n",
        make_document,
    )
    assert {"Jana Beispiel", "Muster, Stephan"} <= set(found)


def test_a_name_with_an_academic_affiliation_or_title(make_document: MakeDocument) -> None:
    found = people(
        "Zum Auftakt spricht Prof. Dr. Jan Beispiel (Hochschule Niederrhein). So hinterfragt "
        "Eva Muster (Institut für Sozialarbeit, Frankfurt) die Angebote. Kein Kind "
        "zurücklassen (Modellvorhaben) bleibt ein Programm.",
        make_document,
    )
    assert {"Prof. Dr. Jan Beispiel", "Eva Muster"} == set(found)


def test_a_profession_or_an_office_of_the_land_before_the_name(
    make_document: MakeDocument,
) -> None:
    found = people(
        "„Das hilft“, sagt Hebamme Jana Beispiel. Die Familienministerin des Landes "
        "Nordrhein-Westfalen Eva Muster eröffnete die Ausstellung.",
        make_document,
    )
    assert {"Jana Beispiel", "Eva Muster"} == set(found)


def test_a_list_after_a_role_stops_at_the_next_role(make_document: MakeDocument) -> None:
    text = "Bürgermeister Jan Beispiel und Kita-Leiterin Eva Muster-Probe zeigten die Räume."
    found = people(text, make_document)
    assert set(found) == {"Jan Beispiel", "Eva Muster-Probe"}
    assert found["Jan Beispiel"][0] == "Bürgermeister"
    assert found["Eva Muster-Probe"][0] != "Bürgermeister"


def test_a_surname_with_a_nouns_ending_that_is_no_word(make_document: MakeDocument) -> None:
    """ "Zimkeit" ends like "Gelegenheit" but is no German word: a quoted speaker's name; a
    real noun or a long compound with such an ending still is none."""
    text = (
        "„Das ist wichtig“, betont Stefan Zimkeit. Das sagte Koordinierung Jugendhilfe. "
        "Es berichtete Kommunale Präventionsketten."
    )
    assert set(people(text, make_document)) == {"Stefan Zimkeit"}


def test_press_quotes_and_westphalian_double_surnames(make_document: MakeDocument) -> None:
    text = (
        "„Es geht um mehr“, ergänzt SPD-Fraktionschef Jan Große Beispiel. „Das ist gut“, meinte "
        "Eva Muster. Ministerin Anna Schulze Probe eröffnete. Die Große Koalition beschloss."
    )
    found = people(text, make_document)
    assert set(found) == {"Jan Große Beispiel", "Eva Muster", "Anna Schulze Probe"}
    assert found["Jan Große Beispiel"][0] == "Fraktionschef"


def test_compound_roles_and_nouns_after_them(make_document: MakeDocument) -> None:
    text = (
        "„Niemand soll abgehängt werden“, betonte Integrationsstaatssekretärin Anna Özdemir. "
        "Ansprechpartnerin ist die Netzwerkkoordinatorin, Frau Elke Beispiel. Die "
        "Netzwerkkoordinatorin Frühe Hilfen lädt ein. Kontakt: Pressereferentin, "
        "Tecklenburger Str. 10."
    )
    assert people(text, make_document) == {
        "Anna Özdemir": ("Integrationsstaatssekretärin", None),
        "Elke Beispiel": ("Netzwerkkoordinatorin", None),
    }


def test_planners_colleagues_and_boards_as_roles(make_document: MakeDocument) -> None:
    text = (
        "Jugendhilfeplaner Udo Neumann stellte die Zahlen vor. Daher haben meine Kollegen "
        "Marcel Hafke und ich eine Anfrage gestellt. Unter Leitung des Verwaltungsvorstands "
        "Karl-Eitel John tagte die Gruppe. Das Vorhaben wurde von Ministerpräsidenten Hannelore "
        "Kraft gestartet."
    )
    found = people(text, make_document)
    assert found["Udo Neumann"][0] == "Jugendhilfeplaner"
    assert "Marcel Hafke" in found
    assert found["Karl-Eitel John"][0] is not None
    assert "Hannelore Kraft" in found  # a role in the dative


def test_surnames_after_a_particle(make_document: MakeDocument) -> None:
    text = (
        "„Früh helfen wirkt“, erklärt Samir Al Haddad, Beigeordneter der Stadt. "
        "Bürgermeisterin Ursula von der Heide begrüßte Dezernent Jan van den Berg. Frau Kremer "
        "von der Verwaltung stellte die Zahlen vor."
    )
    names = set(people(text, make_document))
    assert {"Samir Al Haddad", "Ursula von der Heide", "Jan van den Berg"} <= names
    assert not any("Verwaltung" in name for name in names)


def test_a_former_role_after_a_town_is_no_name(make_document: MakeDocument) -> None:
    text = (
        "Das bilanzierte der Präsident des Kinderschutzbundes, Wesels Ex-Bürgermeister Hans "
        "Muster (SPD), am Freitag in Düsseldorf."
    )
    names = set(people(text, make_document))
    assert not any("Bürgermeister" in name or name == "Wesels" for name in names)


def test_the_abbreviated_roles_of_minutes(make_document: MakeDocument) -> None:
    """ "Der Stv. Jan Beispiel", "AM Hanna Muster", "RM Luca Di Santo", "Dez. Probst": the
    councillors and officers of a council's minutes; a form's header ("Zust. Dez. Zust.") names
    no one."""
    text = (
        "Protokoll:\n\nDer Stv. Jan Beispiel bedankt sich für den Bericht. AM Hanna Muster fragt "
        "nach den Kosten. RM Luca Di Santo (SPD) stimmt zu. Dez. Probst erläutert die Vorlage.\n\n"
        "Sachkonto BGM Zust. Dez. Zust. Dienststelle\n"
    )
    assert set(people(text, make_document)) == {
        "Jan Beispiel",
        "Hanna Muster",
        "Luca Di Santo",
        "Probst",
    }


def test_a_role_held_a_signature_line_and_a_press_contact(make_document: MakeDocument) -> None:
    text = (
        "Eröffnet wird der Fachtag von Landrat Jan Beispiel, Hauptreferentin ist Dr. Lea "
        "Muster-Frau. Es sprach auch Kreisdirektor Dr. Karl Otto Probst.\n\n"
        "Pressekontakt:\nMia Schmitz, Pressestelle, Telefon 0211 123\n\n"
        "Dank an Eva Roth als Geschäftsführerin von Seiten des Hagener Jugendamtes.\n\n"
        "Mit freundlichen Grüßen\nTom Weber Pressesprecher\n"
    )
    found = people(text, make_document)
    assert {name: role for name, (role, _org) in found.items()} == {
        "Jan Beispiel": "Landrat",
        "Dr. Lea Muster-Frau": "Hauptreferentin",
        "Dr. Karl Otto Probst": "Kreisdirektor",
        "Mia Schmitz": "Pressekontakt",
        "Eva Roth": "Geschäftsführerin",
        "Tom Weber": "Pressesprecher",
    }


def test_a_known_given_name_opens_a_name_without_role(make_document: MakeDocument) -> None:
    """A name that opens with a common given name is a person without a role or quote around
    it (in a list, as a subject, as an object); a name given to a school, a street or an
    institute, or a saint's, is none."""
    text = (
        "Roswitha Quast stellte anschließend vor, wie das Netzwerk arbeitet. Eingeladen hatten "
        "Regine Pollmeier und Margit Monika Tiedtke. Von da an übernahm Joachim Wetterkamp die "
        "Aufgabe. Die Anne Frank Schule, das St. Josef Krankenhaus und das "
        "Robert-Koch-Institut beteiligen sich."
    )
    names = {p.name for p in extract_document(make_document(text)).persons}
    assert names == {
        "Roswitha Quast",
        "Regine Pollmeier",
        "Margit Monika Tiedtke",
        "Joachim Wetterkamp",
    }


def test_a_pastor_is_a_role(make_document: MakeDocument) -> None:
    text = "Beim Workshop sprach Pfarrerin Ilka Beispielhaus über die Arbeit der Gemeinde."
    assert people(text, make_document) == {"Ilka Beispielhaus": ("Pfarrerin", None)}


def test_role_of_a_project_before_the_name(make_document: MakeDocument) -> None:
    """ "die Koordinatorin des Projektes Jana Beispiel": the role, whatever it leads."""
    text = "„Wir begleiten jeden“, erklärt die Koordinatorin des Projektes Jana Beispiel vom Kreis."
    assert people(text, make_document)["Jana Beispiel"][0] == "Koordinatorin"


def test_a_person_is_cited_where_the_role_is_stated(make_document: MakeDocument) -> None:
    """The first mention ("bilanziert Jana Beispiel") says nothing of her; the fact cites the
    later one that gives her role."""
    text = (
        "„Das Netzwerk wächst“, bilanziert Jana Beispiel. Die Zahl der Partner stieg. "
        "„Wir wollen mehr“, sagt Jana Beispiel, Koordinatorin der Frühen Hilfen im Jugendamt."
    )
    (person,) = extract_document(make_document(text)).persons
    assert person.role == "Koordinatorin"
    assert "Koordinatorin" in text[person.evidence.start : person.evidence.end + 20]
    assert person.evidence.start > text.index("Die Zahl")


def test_the_town_a_person_acts_in_is_not_their_organisation(make_document: MakeDocument) -> None:
    text = (
        "Staatssekretärin Petra Lindner hat heute in Bochum die ersten Förderbescheide "
        "übergeben. Die Koordinatorin Anna Brettschneider in Hamm stellte das Netzwerk vor."
    )
    persons = {p.name: p.organisation for p in extract_document(make_document(text)).persons}
    assert persons["Petra Lindner"] != "Stadt Bochum"
    assert persons["Anna Brettschneider"] == "Stadt Hamm"


def test_a_role_compound_with_its_organisation_is_no_part_of_the_name(
    make_document: MakeDocument,
) -> None:
    text = (
        "Das sagte Caritas-Bereichsleiterin Annika Schuhmacher am Montag. Auch "
        "Netzwerk-Koordinatorin Juliane Muster freut sich."
    )
    names = {p.name for p in extract_document(make_document(text)).persons}
    assert names == {"Annika Schuhmacher", "Juliane Muster"}
