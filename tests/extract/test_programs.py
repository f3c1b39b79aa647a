from __future__ import annotations

from pyoxigraph import Store

from pkgraph.extract import extract_document
from pkgraph.extract.items import extraction_items
from pkgraph.extract.program_catalogue import CATALOGUE_BY_KEY, PROGRAM_CATALOGUE, program_in_use
from pkgraph.extract.programs import earliest_year_naming, find_program_hits, main_program
from pkgraph.graph.iris import IriScheme
from pkgraph.graph.reference import program_catalogue_quads
from pkgraph.graph.vocab import PREFIXES
from pkgraph.records import Extraction
from tests.extract.conftest import MakeDocument


def keys(text: str, year: int | None = None) -> list[str]:
    return [hit.key for hit in find_program_hits(text, year)]


def test_catalogue_links_are_consistent() -> None:
    assert len({entry.key for entry in PROGRAM_CATALOGUE}) == len(PROGRAM_CATALOGUE)
    for entry in PROGRAM_CATALOGUE:
        assert entry.successor_of is None or entry.successor_of in CATALOGUE_BY_KEY
        assert entry.part_of is None or entry.part_of in CATALOGUE_BY_KEY


def test_aliases_spellings_and_ocr_damage() -> None:
    text = (
        "„Kein Kind zurücklassen! Kommunen in NRW beugen vor“, kurz KeKiz; die Kommunalen "
        "Praventionsketten; Landesinitiative „Gemeinsam klappt’s“; kinderstark – NRW schafft "
        "Chancen; das LVR-Programm „Teilhabe ermöglichen – Kommunale Netzwerke gegen Kinderarmut“; "
        "die Bundesstiftung Frühe Hilfen; Mittel des Europäischen Sozialfonds"
    )
    assert keys(text, 2021) == [
        "kein-kind-zuruecklassen",
        "kein-kind-zuruecklassen",
        "kommunale-praeventionsketten",
        "gemeinsam-klappts",
        "kinderstark",
        "teilhabe-ermoeglichen",
        "fruehe-hilfen",
        "esf",
    ]


def test_generic_phrases_are_not_programs() -> None:
    text = "Eine kommunale Präventionskette soll Teilhabe ermöglichen; frühe Hilfen für Familien."
    assert keys(text) == []


def test_renamed_program_resolves_to_the_name_in_use_at_the_time() -> None:
    assert program_in_use("kommunale-praeventionsketten", 2012) == "kein-kind-zuruecklassen"
    assert program_in_use("kommunale-praeventionsketten", 2019) == "kommunale-praeventionsketten"
    assert program_in_use("kinderstark", 2018) == "kommunale-praeventionsketten"
    assert program_in_use("kommunale-praeventionsketten", None) == "kommunale-praeventionsketten"


def test_unknown_quoted_program_after_a_program_word_gets_its_parent() -> None:
    text = (
        "Die Stadt beteiligt sich am Modellprojekt „Starke Nachbarn“ im Rahmen der "
        "Landesinitiative „Kommunale Präventionsketten“. Das Projekt „Starke Nachbarn“ läuft."
    )
    hits = [h for h in find_program_hits(text, 2019) if h.key == "starke-nachbarn"]
    assert [h.name for h in hits] == ["Starke Nachbarn", "Starke Nachbarn"]
    assert {h.parent_key for h in hits} == {"kommunale-praeventionsketten"}
    assert main_program(find_program_hits(text, 2019)) == "kommunale-praeventionsketten"


def test_samples(sample_extractions: dict[str, Extraction]) -> None:
    old = {p.key: p for p in sample_extractions["004"].programs}  # a paper from 2012
    assert set(old) == {"kein-kind-zuruecklassen", "bruecken-fuer-familien"}
    assert old["bruecken-fuer-familien"].parent_key == "kein-kind-zuruecklassen"
    new = {p.name for p in sample_extractions["000"].programs}
    assert new == {"Kommunale Präventionsketten", "gemeinsam klappt's", "ESF-Förderung"}


# --- phases, renames and the program graph ------------------------------------------------


def test_a_bare_name_means_the_phase_running_in_the_documents_year() -> None:
    text = "Die Stadt arbeitet in der Initiative „Kein Kind zurücklassen“ mit."
    assert keys(text, 2014) == ["kein-kind-zuruecklassen"]
    assert keys(text, 2017) == ["kein-kind-zuruecklassen-nrw"]
    # after the name was given up, a text looks back at the model phase ...
    assert keys(text, 2022) == ["kein-kind-zuruecklassen"]
    # ... unless its wording points to the expansion
    widened = text + " Seit Anfang 2017 gehören 22 weitere Kommunen dazu."
    assert keys(widened, 2022) == ["kein-kind-zuruecklassen-nrw"]
    assert keys(widened, None) == ["kein-kind-zuruecklassen-nrw"]
    assert keys("Das Projekt KeKiz läuft gut.", None) == ["kein-kind-zuruecklassen"]


def test_a_subtitle_names_its_phase_whatever_the_year() -> None:
    assert keys("„Kein Kind zurücklassen! Für ganz Nordrhein-Westfalen“", 2021) == [
        "kein-kind-zuruecklassen-nrw"
    ]
    assert keys("„Kein Kind zurücklassen. Kommunen in NRW beugen vor“", 2017) == [
        "kein-kind-zuruecklassen"
    ]


def test_a_later_name_used_early_resolves_through_the_phases() -> None:
    assert program_in_use("kommunale-praeventionsketten", 2013) == "kein-kind-zuruecklassen"
    assert program_in_use("kinderstark", 2017) == "kommunale-praeventionsketten"


def test_the_ordinary_phrase_names_the_program_only_in_its_years() -> None:
    text = "Die Initiative „Kommunale Präventionsketten“ unterstützt den Aufbau kommunaler "
    text += "Präventionsketten."
    assert keys(text, 2018) == ["kommunale-praeventionsketten"] * 2
    assert keys(text, 2023) == ["kommunale-praeventionsketten"]
    assert keys("Die Landesinitiative Kommunale Präventionsketten endete.", 2023) == [
        "kommunale-praeventionsketten"
    ]


def test_a_quoted_name_containing_a_catalogued_name_is_its_own_program() -> None:
    text = "Der LWL startet das Programm „Wirkungsanalyse kommunaler Präventionsketten“ im Herbst."
    hits = find_program_hits(text, 2018)
    assert [(h.name, h.parent_key) for h in hits] == [
        ("Wirkungsanalyse kommunaler Präventionsketten", None)
    ]


def test_a_quoted_name_ending_in_a_program_noun_names_itself() -> None:
    text = (
        "Das „Familienlotsenprogramm“ der Klinik und das „Warendorfer Modell“ ergänzen "
        "„kinderstark – NRW schafft Chancen“. Ein „Projekt“ allein ist kein Name."
    )
    hits = {h.name: h.parent_key for h in find_program_hits(text, 2021)}
    assert hits == {
        "Familienlotsenprogramm": None,
        "Warendorfer Modell": None,
        "kinderstark - NRW schafft Chancen": None,
    }


def test_a_strategy_named_in_quotes_is_a_program() -> None:
    text = "Der Rat beschließt die Gesamtstrategie „Starke Kinder! – Jede Chance zählt!“ heute."
    assert [h.name for h in find_program_hits(text, 2020)] == [
        "Starke Kinder! – Jede Chance zählt!"
    ]


def test_capitalised_fruehe_hilfen_inside_a_sentence_is_the_program() -> None:
    assert keys("Sie koordiniert Kinderschutz und Frühe Hilfen im Kreis.") == ["fruehe-hilfen"]
    assert keys("Die Fachstelle der Frühen Hilfen berät.") == ["fruehe-hilfen"]
    assert keys("Familien brauchen frühe Hilfen.") == []


def test_lvr_program_with_a_full_stop_before_its_subtitle() -> None:
    text = "mit dem Projekt „Teilhabe ermöglichen. Kommunale Netzwerke gegen Kinderarmut“"
    assert keys(text, 2012) == ["teilhabe-ermoeglichen"]


def test_the_program_graph_answers_for_a_whole_program_or_one_phase() -> None:
    iris = IriScheme("http://localhost:8000/")
    store = Store()
    store.extend(program_catalogue_quads(PROGRAM_CATALOGUE, iris))

    def labels(sparql: str) -> set[str]:
        result = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        return {row["label"].value for row in result}  # type: ignore[union-attr]

    whole = iris.program("kein-kind-zuruecklassen-initiative").value
    phases = labels(
        f"SELECT ?label WHERE {{ ?p pk:partOfProgram <{whole}> ; skos:prefLabel ?label }}"
    )
    assert phases == {
        "Kein Kind zurücklassen! Kommunen in NRW beugen vor",
        "Kein Kind zurücklassen! Für ganz Nordrhein-Westfalen",
    }
    # the whole program with everything that continued it under a new name
    lineage = labels(
        "SELECT ?label WHERE { ?p (pk:successorOf|pk:partOfProgram)+ ?root ; "
        f"skos:prefLabel ?label . FILTER(?root = <{whole}>) }}"
    )
    assert {"Kommunale Präventionsketten", "kinderstark - NRW schafft Chancen"} < lineage
    phase_2017 = labels(
        "SELECT ?label WHERE { ?p pk:sinceYear ?since ; pk:untilYear ?until ; pk:partOfProgram ?w ;"
        " skos:prefLabel ?label . FILTER(?since <= 2017 && 2017 <= ?until) }"
    )
    assert phase_2017 == {"Kein Kind zurücklassen! Für ganz Nordrhein-Westfalen"}


def test_a_stored_pages_date_stamp_dates_the_document(make_document: MakeDocument) -> None:
    text = " date 2017-03 Die Stadt ist Teil der Initiative „Kein Kind zurücklassen!“. Seit 2012 "
    text += "gibt es Modellkommunen."
    programs = extract_document(make_document(text)).programs
    assert [p.key for p in programs] == ["kein-kind-zuruecklassen-nrw"]


def test_one_towns_chain_is_the_program_only_in_its_years() -> None:
    text = "Die Kommunale Präventionskette der Stadt wächst."
    assert keys(text, 2021) == []
    assert keys(text, 2018) == ["kommunale-praeventionsketten"]
    assert keys("Die Kommunale Präventionskette NRW endete.", 2021) == [
        "kommunale-praeventionsketten"
    ]
    assert keys("Ein „Lernnetzwerk“ und ein „Projekt“ sind keine Namen.", 2021) == []


def test_a_phase_announced_the_year_before_it_starts(make_document: MakeDocument) -> None:
    """A 2016 text announcing „… Für ganz Nordrhein-Westfalen“ names that phase."""
    text = (
        "Düsseldorf, 21. November 2016. Die Erkenntnisse des Modellvorhabens sollen nun als "
        "Landesinitiative „Kein Kind zurücklassen! Für ganz Nordrhein-Westfalen“ in die Fläche "
        "getragen werden."
    )
    programs = {p.key for p in extract_document(make_document(text)).programs}
    assert "kein-kind-zuruecklassen-nrw" in programs


def test_a_capitalised_program_written_only_in_lower_case_is_the_common_phrase() -> None:
    assert keys("Projekte wie dieses zeigen, dass kommunale Präventionsketten wirken.", 2018) == []
    assert keys("Das Programm kinderstark läuft.", 2021) == ["kinderstark"]


def test_early_help_after_its_institution_also_lower_case(make_document: MakeDocument) -> None:
    """ "Fachstelle „frühe Hilfen“" and "Netzwerk "frühe Hilfen"" name the program; the bare
    lower-case term in running text is the field, not a program."""
    named = extract_document(
        make_document('Die Fachstelle "frühe Hilfen" der Stadt koordiniert die Hebammen.')
    )
    assert [p.name for p in named.programs] == ["Frühe Hilfen"]
    unquoted = extract_document(make_document("Das Netzwerk frühe Hilfen berät Eltern."))
    assert [p.name for p in unquoted.programs] == ["Frühe Hilfen"]
    concept = extract_document(make_document("Das Konzept „Frühe Hilfen/Präventionsketten“ gilt."))
    assert [p.name for p in concept.programs] == ["Frühe Hilfen"]
    generic = extract_document(make_document("Das gilt für die frühen Hilfen im Kreis."))
    assert generic.programs == ()


def test_a_program_named_dates_the_text_no_earlier_than_its_start(
    make_document: MakeDocument,
) -> None:
    text = (
        "Ausgehend von der Landesinitiative „Kein Kind zurücklassen“ (heute: kinderstark – NRW "
        "schafft Chancen) verfolgt der Kreis Düren seit 2012 einen vorbeugenden Ansatz."
    )
    assert earliest_year_naming(text) == 2019
    programs = {p.key for p in extract_document(make_document(text)).programs}
    assert programs == {"kein-kind-zuruecklassen", "kinderstark"}


def test_guillemets_and_a_towns_network_of_the_lvr_program() -> None:
    text = (
        "Wie, darüber hat das Netzwerk »Frühe Hilfen und Kinderschutz« der Stadt Enger beraten. "
        "Bei der Auftaktveranstaltung „Teilhabe ermöglichen - Hückelhovener Netzwerk gegen "
        "Kinderarmut” im Juni 2011 trafen sich 20 Vertreter."
    )
    keys = {hit.key for hit in find_program_hits(text, 2019)}
    assert keys == {"fruehe-hilfen", "teilhabe-ermoeglichen"}


def test_an_ended_phase_named_by_what_its_successor_builds(make_document: MakeDocument) -> None:
    """In a text from after 2019, "den Aufbau Kommunaler Präventionsketten" is what the
    program does, not the ended phase named after that phrase; "seit 2017 mit dem Projekt
    Kommunale Präventionsketten" still names it."""
    later = (
        "Seit März 2023 nimmt die Stadt am Programm „kinderstark – NRW schafft Chancen“ teil. "
        "Das Land unterstützt damit den Aufbau Kommunaler Präventionsketten."
    )
    names = {p.name for p in extract_document(make_document(later)).programs}
    assert names == {"kinderstark - NRW schafft Chancen"}
    recalled = later + " Die Arbeit begann seit 2017 mit dem Projekt Kommunale Präventionsketten."
    names = {p.name for p in extract_document(make_document(recalled)).programs}
    assert "Kommunale Präventionsketten" in names


def test_a_local_offer_named_in_quotes_is_a_program(make_document: MakeDocument) -> None:
    """ "das Angebot „Willkommen im Leben“" names a local program as "das Projekt „…“" does."""
    text = "Seit 2015 macht das Jugendamt Olpe allen Familien das Angebot „Willkommen im Leben“."
    names = [p.name for p in extract_document(make_document(text)).programs]
    assert names == ["Willkommen im Leben"]


def test_the_main_program_is_counted_by_its_names_not_the_phrase() -> None:
    """A kinderstark text says three times that it builds "kommunale Präventionsketten": that
    phrase names the earlier program too, but the document is about the one it names."""
    text = (
        "Die Stadt erhält Geld aus dem Programm „kinderstark – NRW schafft Chancen“. Damit "
        "werden kommunale Präventionsketten ausgebaut, denn kommunale Präventionsketten wirken. "
        "Im früheren Programm „Kommunale Präventionsketten“ war die Stadt schon dabei; der "
        "Aufbau kommunaler Präventionsketten geht weiter."
    )
    assert main_program(find_program_hits(text, None)) == "kinderstark"


def test_the_lvr_program_by_its_subtitle_near_the_lvr() -> None:
    """ "ein Netzwerk gegen Kinderarmut" the LVR pays for is its program; without the LVR, or
    after the program's years, it is a town's network."""
    funded = (
        "Die Stadt Hilden erhält vom Landschaftsverband Rheinland (LVR) drei Jahre lang "
        "Fördermittel. Damit soll ein Netzwerk gegen Kinderarmut aufgebaut werden."
    )
    assert keys(funded, 2014) == ["teilhabe-ermoeglichen"]
    assert keys(funded, 2023) == []
    assert keys("Damit soll ein Netzwerk gegen Kinderarmut aufgebaut werden.", 2014) == []


def test_names_written_apart_self_named_initiatives_and_a_term_after_a_dash() -> None:
    text = (
        "Gefördert aus „Kinder stark - NRW schafft Chancen“. Die Stiftung trägt die „Initiative "
        "Familienzentren Westfalen“. Vortrag: Kooperation gestalten – Frühe Hilfen vor Ort."
    )
    names = [hit.name for hit in find_program_hits(text, 2022)]
    assert names == [
        "kinderstark - NRW schafft Chancen",
        "Initiative Familienzentren Westfalen",
        "Frühe Hilfen",
    ]


def test_the_states_neighbourhood_program_and_a_subtitle_of_its_own(
    make_document: MakeDocument,
) -> None:
    """The subtitle's last word miswritten ("Zukunft richten") is still the state's program,
    reported as the text writes it; another subtitle is the text's own program."""
    named = "Das Landesprogramm „Zusammen im Quartier – Kinder stärken – Zukunft sichern“ startet."
    assert keys(named, 2018) == ["zusammen-im-quartier"]
    miswritten = "Das Programm „Zusammen im Quartier - Kinder stärken - Zukunft richten“ startet."
    assert keys(miswritten, 2018) == ["zusammen-im-quartier"]
    (program,) = extract_document(make_document(miswritten)).programs
    assert program.stated_name == "Zusammen im Quartier - Kinder stärken - Zukunft richten"
    other = "Das Projekt „Zusammen im Quartier – Kinder stärken: Von Daten zu Taten“ startet."
    assert "zusammen-im-quartier" not in keys(other, 2018)


def test_a_bare_name_given_as_the_former_name_of_its_successor() -> None:
    """ "„Kommunale Präventionsketten“ (zuvor: „Kein Kind zurücklassen!“)": the phase that
    program continued, not the model phase a bare name would otherwise mean."""
    text = 'Gefördert durch "Kommunale Präventionsketten" (zuvor: "Kein Kind zurücklassen!").'
    assert keys(text, 2021) == ["kommunale-praeventionsketten", "kein-kind-zuruecklassen-nrw"]


def test_the_model_phase_by_its_eighteen_and_an_open_question_of_expansion(
    make_document: MakeDocument,
) -> None:
    text = (
        "„Kein Kind zurücklassen“ – Der Kreis Unna zählt zu den 18 Städten und Gemeinden, die "
        "sich an dem Modellprojekt beteiligen. Anschließend wird entschieden, ob es auf alle "
        "Kommunen ausgeweitet wird."
    )
    programs = {p.key for p in extract_document(make_document(text)).programs}
    assert programs == {"kein-kind-zuruecklassen"}


def test_a_clause_looking_back_at_how_the_program_began_means_its_first_phase() -> None:
    """A text about the expansion names the model phase where a clause tells of its years,
    its 18 municipalities or its beginning; its other mentions keep the document's phase."""
    expansion = " Seit Januar 2017 sind 22 weitere Kommunen Teil der Landesinitiative."
    looking_back = (
        "Im Jahr 2013 hatte die Stadt die Teilnahme an „Kein Kind zurücklassen“ beantragt.",
        "Die Initiative „Kein Kind zurücklassen!“ lief zunächst in einer Modellphase.",
        "An „KeKiz“ nahmen von Anfang an 18 Städte und Kreise teil.",
        "Was als „Kein Kind zurücklassen“ begann, heißt heute anders.",
    )
    for sentence in looking_back:
        assert keys(sentence + expansion, 2017) == ["kein-kind-zuruecklassen"], sentence
    both = "Die Stadt setzt „Kein Kind zurücklassen“ um. " + looking_back[0] + expansion
    assert keys(both, 2017) == ["kein-kind-zuruecklassen-nrw", "kein-kind-zuruecklassen"]
    # a later year in the clause, or a place where the program starts, is not a look back
    for sentence in (
        "Von 2012 bis 2018 läuft „Kein Kind zurücklassen“ in der Stadt.",
        "„Kein Kind zurücklassen“ ist jetzt im Kreis gestartet.",
        "In 22 neuen Kommunen begann „Kein Kind zurücklassen“ erst jetzt.",
    ):
        assert keys(sentence + expansion, 2017) == ["kein-kind-zuruecklassen-nrw"], sentence


def test_the_states_social_early_warning_system_in_every_case() -> None:
    """The model project local early-help networks grew out of, inflected and quoted as a
    name; an early-warning system that is no name ("als Frühwarnsystem für …") is not it."""
    texts = (
        "Die Kooperationsvereinbarung für das Soziale Frühwarnsystem wurde unterzeichnet.",
        "Strukturen der Projektgruppen zum Aufbau eines Sozialen Frühwarnsystems (Module I "
        "und II) werden überführt.",
        "Die Verwaltung wird beauftragt, ein „Frühwarnsystem“ für Kinder zu entwickeln.",
    )
    for text in texts:
        keys = {hit.key for hit in find_program_hits(text, 2011)}
        assert keys == {"soziales-fruehwarnsystem"}, text
    plain = "Das Netz dient als Frühwarnsystem für mögliche Kindeswohlgefährdungen."
    assert find_program_hits(plain, 2011) == []


def test_the_model_project_of_a_text_naming_no_program(make_document: MakeDocument) -> None:
    """ "das Modellvorhaben" alone is the genre's model project (2012–2016); not in a text
    that names its program, nor in one written after the project ended."""
    page = (
        "Hamm\n\n„Wir machen bei dem Modellvorhaben mit, weil jedes Kind in Hamm eine faire "
        "Chance verdient.“\nThomas Hunsteger-Petermann, Oberbürgermeister\n\n"
        "Ausgangslage 2012\n\nDie Stadt Hamm baut ihre Angebote für Familien aus."
    )
    keys = {p.key for p in extract_document(make_document(page)).programs}
    assert keys == {"kein-kind-zuruecklassen"}
    named = page.replace("dem Modellvorhaben", "dem Modellvorhaben „Familiengrundschulzentren“")
    assert "kein-kind-zuruecklassen" not in {
        p.key for p in extract_document(make_document(named)).programs
    }
    later = page.replace("Ausgangslage 2012", "Stand: 12.03.2021")
    assert extract_document(make_document(later)).programs == ()


def names_found(text: str) -> list[str]:
    return sorted({hit.name for hit in find_program_hits(text, 2019)})


def test_every_quoted_name_of_a_list_one_program_word_introduces() -> None:
    text = (
        "Die Stiftung unterstützt Projekte wie „Starke Eltern“, „Lesepaten im Quartier“ und "
        "„Frühstart Bewegung“ in der Nordstadt."
    )
    assert names_found(text) == ["Frühstart Bewegung", "Lesepaten im Quartier", "Starke Eltern"]


def test_a_named_network_a_measure_or_a_concept_is_a_program() -> None:
    text = (
        "Seit 2015 arbeitet das Netzwerk „Gut begleitet in Rheine“ mit der Maßnahme "
        "„Kita Sozialarbeit“ und dem Konzept „Familienfreundliches Warendorf“."
    )
    assert names_found(text) == [
        "Familienfreundliches Warendorf",
        "Gut begleitet in Rheine",
        "Kita Sozialarbeit",
    ]


def test_a_common_noun_after_a_concept_word_and_a_catalogued_network_are_no_new_program() -> None:
    text = (
        "Das Konzept „Präventionskette“ wurde früh entwickelt. Die Stadt gründet Netzwerke "
        "„Frühe Hilfen und Kinderschutz“ in allen Ortsteilen."
    )
    assert "Präventionskette" not in names_found(text)
    assert "Frühe Hilfen und Kinderschutz" not in names_found(text)


def test_a_program_named_by_pkgraph_is_reported_as_the_text_writes_it(
    make_document: MakeDocument,
) -> None:
    text = (
        "Zusammen im Quartier – Projekte in Herne\n\nDie Stadt Herne erhält Fördermittel aus "
        "„Zusammen im Quartier“ für das Quartier Sodingen."
    )
    extraction = extract_document(make_document(text))
    (program,) = extraction.programs
    assert program.name == "Zusammen im Quartier - Kinder stärken - Zukunft sichern"
    items = extraction_items(extraction)
    assert [p["name"] for p in items["programs"]] == ["Zusammen im Quartier"]
    assert {p["program"] for p in items["participations"]} == {"Zusammen im Quartier"}


def test_a_text_writing_the_full_name_too_is_reported_by_it(make_document: MakeDocument) -> None:
    text = (
        "Zusammen im Quartier – Projekte in Bonn\n\nDas Programm „Zusammen im Quartier – Kinder "
        "stärken – Zukunft sichern“ fördert Projekte in Tannenbusch."
    )
    items = extraction_items(extract_document(make_document(text)))
    assert [p["name"] for p in items["programs"]] == [
        "Zusammen im Quartier - Kinder stärken - Zukunft sichern"
    ]


def test_the_field_in_the_genitive_of_what_belongs_to_it_is_the_program(
    make_document: MakeDocument,
) -> None:
    """ "ein Angebot der frühen Hilfen" names the field though written in lower case; a lone
    "der frühen Hilfen" (a common phrase) does not."""
    text = "Das Café ist ein kostenloses Angebot der frühen Hilfen des Kreisjugendamtes."
    assert {p.name for p in extract_document(make_document(text)).programs} == {"Frühe Hilfen"}
    phrase = "Die Leitung der frühen Hilfen durch die Eltern ist gefragt."
    assert extract_document(make_document(phrase)).programs == ()
