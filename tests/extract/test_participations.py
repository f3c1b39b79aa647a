from __future__ import annotations

import pytest

from pkgraph.extract import extract_document
from pkgraph.records import Extraction
from tests.extract.conftest import MakeDocument


def pairs(extraction: Extraction) -> set[tuple[str, str]]:
    return {(p.municipality, p.program_key) for p in extraction.participations}


def test_cue_and_locative_participation(make_document: MakeDocument) -> None:
    text = (
        "Seit 2018 nimmt die Stadt Gelsenkirchen an der Landesinitiative „Kommunale "
        "Präventionsketten“ teil. Der Aufbau der Kommunalen Präventionskette im Kreis Lippe "
        "schreitet voran. Die Stadt Bottrop hat kein Interesse."
    )
    extraction = extract_document(make_document(text))
    assert pairs(extraction) == {
        ("Gelsenkirchen", "kommunale-praeventionsketten"),
        ("Kreis Lippe", "kommunale-praeventionsketten"),
    }
    since = {p.municipality: p.since for p in extraction.participations}
    assert since["Gelsenkirchen"] == "2018"


def test_negation_and_partners(make_document: MakeDocument) -> None:
    text = (
        "Im Rahmen der Landesinitiative „kinderstark – NRW schafft Chancen“ bewirbt sich der "
        "Kreis Wesel zusammen mit den Städten Moers und Dinslaken. Die Stadt Xanten nimmt nicht "
        "teil."
    )
    extraction = extract_document(make_document(text))
    assert pairs(extraction) == {("Kreis Wesel", "kinderstark")}
    (joint,) = extraction.joint_applications
    assert set(joint.municipalities) == {"Kreis Wesel", "Moers", "Dinslaken"}


def test_anaphoric_program_from_previous_sentence(make_document: MakeDocument) -> None:
    text = (
        "Das Modellvorhaben „Kein Kind zurücklassen“ startete 2012. Ausgewählt sind die Städte "
        "Arnsberg und Witten sowie der Kreis Düren."
    )
    assert pairs(extract_document(make_document(text))) == {
        ("Arnsberg", "kein-kind-zuruecklassen"),
        ("Witten", "kein-kind-zuruecklassen"),
        ("Kreis Düren", "kein-kind-zuruecklassen"),
    }


def test_project_owners_form_a_joint_application(sample_extractions: dict[str, Extraction]) -> None:
    extraction = sample_extractions["004"]
    assert ("Bergkamen", "kein-kind-zuruecklassen") in pairs(extraction)
    assert ("Kamen", "kein-kind-zuruecklassen") not in pairs(extraction)
    projects = [j for j in extraction.joint_applications if j.project_key]
    assert projects and projects[0].project_key == "bruecken-fuer-familien"
    assert {"Kamen", "Lünen", "Selm", "Werne", "Unna", "Kreis Unna"} <= set(
        projects[0].municipalities
    )


def members(extraction: Extraction) -> list[set[str]]:
    return [set(joint.municipalities) for joint in extraction.joint_applications]


def since_of(extraction: Extraction) -> dict[tuple[str, str], str | None]:
    return {(p.municipality, p.program_key): p.since for p in extraction.participations}


KREIS_UNNA_APPLICANTS = {"Bergkamen", "Kamen", "Lünen", "Selm", "Werne", "Unna", "Kreis Unna"}


def test_joining_the_kreis_application_adds_the_joiners(
    sample_extractions: dict[str, Extraction],
) -> None:
    # "Verbundwerbung des Kreises Unna zusammen mit den Städten Kamen, Lünen, Selm und Unna",
    # later "Die Verwaltungen der Städte Bergkamen und Werne ... haben sich der
    # Verbundbewerbung des Kreises angeschlossen" (the Kreis of the issuing Bergkamen)
    extraction = sample_extractions["004"]
    assert {"Kreis Unna", "Kamen", "Lünen", "Selm", "Unna"} in members(extraction)
    assert KREIS_UNNA_APPLICANTS in members(extraction)
    (joined,) = [j for j in extraction.joint_applications if "angeschlossen" in j.evidence.quote]
    assert set(joined.municipalities) == KREIS_UNNA_APPLICANTS


def test_issuing_town_taking_part_in_a_joint_project(
    sample_extractions: dict[str, Extraction],
) -> None:
    # "beschließt die Teilnahme der Stadt Bergkamen am Präventionsprojekt „Brücken für
    # Familien“ der Städte Kamen, Lünen, Selm und Werne, der Kreisstadt Unna sowie des Kreises"
    projects = [j for j in sample_extractions["004"].joint_applications if j.project_key]
    assert [set(j.municipalities) for j in projects] == [KREIS_UNNA_APPLICANTS]
    assert projects[0].project_key == "bruecken-fuer-familien"
    assert projects[0].program_key == "kein-kind-zuruecklassen"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Die Gemeinde Senden schließt sich der Verbundbewerbung des Kreises Coesfeld an.",
            {"Senden", "Kreis Coesfeld"},
        ),
        (
            "Die Städte Bottrop und Gladbeck haben eine gemeinsame Bewerbung für das Programm "
            "„kinderstark“ eingereicht.",
            {"Bottrop", "Gladbeck"},
        ),
        (
            "Das Kooperationsprojekt der Städte Emsdetten und Greven wird im Rahmen der "
            "„Kommunalen Präventionsketten“ gefördert.",
            {"Emsdetten", "Greven"},
        ),
        (
            "Die Stadt Hamm bewirbt sich gemeinsam mit der Stadt Werl um die Aufnahme in das "
            "Programm „kinderstark“.",
            {"Hamm", "Werl"},
        ),
    ],
)
def test_joint_application_phrasings(
    make_document: MakeDocument, text: str, expected: set[str]
) -> None:
    assert members(extract_document(make_document(text))) == [expected]


def test_joining_a_verbund_named_before(make_document: MakeDocument) -> None:
    text = (
        "Im Rahmen der Landesinitiative „kinderstark“ bewirbt sich die Stadt Dülmen zusammen "
        "mit der Stadt Haltern am See. Später haben sich die Gemeinden Nottuln und Havixbeck "
        "dem Verbund angeschlossen. Die Stadt Rheine beteiligt sich nicht am Verbund."
    )
    extraction = extract_document(make_document(text))
    assert members(extraction) == [
        {"Dülmen", "Haltern am See"},
        {"Dülmen", "Haltern am See", "Nottuln", "Havixbeck"},
    ]
    assert ("Rheine", "kinderstark") not in pairs(extraction)


def test_the_kreis_without_a_name_is_the_documents_kreis(make_document: MakeDocument) -> None:
    text = (
        "Sitzungsvorlage der Stadt Selm\n\nDie Städte Selm und Werne bilden für die "
        "„Kommunalen Präventionsketten“ gemeinsam mit dem Kreis einen Verbund."
    )
    assert members(extract_document(make_document(text))) == [{"Selm", "Werne", "Kreis Unna"}]


def test_a_list_of_selected_towns_is_no_joint_application(
    sample_extractions: dict[str, Extraction],
) -> None:
    for joint in sample_extractions["004"].joint_applications:
        assert "Arnsberg" not in joint.municipalities


def test_since_in_the_samples(sample_extractions: dict[str, Extraction]) -> None:
    kekiz = since_of(sample_extractions["004"])
    # "Das Projekt startet im Jahr 2012" in a paper of June 2012, a decision of July 2012
    assert {value for (_name, key), value in kekiz.items() if key == "kein-kind-zuruecklassen"} == {
        "2012"
    }
    bergkamen = next(
        p for p in sample_extractions["004"].participations if p.municipality == "Bergkamen"
    )
    assert "beschließt die Teilnahme" in bergkamen.evidence.quote
    arnsberg = next(
        p for p in sample_extractions["004"].participations if p.municipality == "Arnsberg"
    )
    assert arnsberg.since_evidence and "startet im Jahr 2012" in arnsberg.since_evidence.quote
    coesfeld = since_of(sample_extractions["000"])
    # "ist vereinbart worden, dass sich der Kreis Coesfeld an der Landesinitiative ... beteiligt"
    assert coesfeld[("Kreis Coesfeld", "gemeinsam-klappts")] == "2019"
    # "Die bisher an der Initiative beteiligten 40 Kommunen inklusive des Kreises Coesfeld"
    assert coesfeld[("Kreis Coesfeld", "kommunale-praeventionsketten")] is None
    # "seit diesem Jahr Koordinatorin ... in Ahlen" at a meeting on "Mittwoch, den 13.09." (2017)
    assert since_of(sample_extractions["002"])[("Ahlen", "kommunale-praeventionsketten")] == "2017"
    assert (
        since_of(sample_extractions["002"])[("Dinslaken", "kommunale-praeventionsketten")] is None
    )


@pytest.mark.parametrize(
    ("text", "since"),
    [
        (
            "Die Stadt Bochum nimmt seit Mai 2017 an den „Kommunalen Präventionsketten“ teil.",
            "2017-05",
        ),
        (
            "Die Stadt Herne ist der Landesinitiative „kinderstark“ zum 01.04.2020 beigetreten.",
            "2020-04-01",
        ),
        (
            "Die Stadt Hagen wurde im Jahr 2017 in das Programm „Kommunale Präventionsketten“ "
            "aufgenommen.",
            "2017",
        ),
        (
            "Die Stadt Siegen nimmt an den „Kommunalen Präventionsketten“ teil, die Förderung "
            "läuft bis 2022.",
            None,
        ),
        ("Die Stadt Bonn ist Modellkommune im Programm „Kein Kind zurücklassen“.", None),
    ],
)
def test_since_only_when_the_text_states_it(
    make_document: MakeDocument, text: str, since: str | None
) -> None:
    (participation,) = extract_document(
        make_document(f"Datum: 10.02.2020\n\n{text}")
    ).participations
    assert participation.since == since
    assert (participation.since_evidence is None) == (since is None)


def test_since_from_the_decision_to_take_part(make_document: MakeDocument) -> None:
    text = (
        "Beschlussvorlage\n\nBeratungsfolge\tDatum\n1.\tRat der Gemeinde Nottuln\t28.01.2021\n\n"
        "Beschlussvorschlag:\nDer Rat der Gemeinde Nottuln beschließt die Teilnahme an der "
        "Landesinitiative „kinderstark – NRW schafft Chancen“.\n"
    )
    (participation,) = extract_document(make_document(text)).participations
    assert (participation.municipality, participation.since) == ("Nottuln", "2021")


def test_since_from_the_programs_announced_start(make_document: MakeDocument) -> None:
    def since(dated: str) -> set[str | None]:
        text = (
            f"Datum: {dated}\n\nDas Modellvorhaben „Kein Kind zurücklassen“ startet im Jahr 2012 "
            "und läuft bis 2015. Ausgewählt sind die Städte Arnsberg und Witten."
        )
        return {p.since for p in extract_document(make_document(text)).participations}

    assert since("05.06.2012") == {"2012"}
    assert since("05.06.2014") == {None}  # a start long past says nothing about who joined when


def test_a_project_with_its_owners_named_stands_alone(make_document: MakeDocument) -> None:
    text = (
        "Im Rahmen der Landesinitiative „kinderstark“ bewirbt sich die Stadt Dülmen zusammen "
        "mit der Stadt Haltern am See. Daneben läuft das Kooperationsprojekt der Städte "
        "Emsdetten und Greven, an dem sich die Gemeinde Saerbeck beteiligt."
    )
    assert members(extract_document(make_document(text))) == [
        {"Dülmen", "Haltern am See"},
        {"Emsdetten", "Greven", "Saerbeck"},
    ]


def test_list_after_a_colon_takes_part(make_document: MakeDocument) -> None:
    text = (
        "Am Programm „kinderstark – NRW schafft Chancen“ wirken viele Kommunen mit.\n\n"
        "Folgende Kommunen haben sich dem Programm angeschlossen:\n\n"
        "Stadt Hamm\nKreis Soest\nStadt Lippstadt (Kreis Soest)\n\n"
        "Die Stadt Unna prüft ihre Möglichkeiten."
    )
    assert pairs(extract_document(make_document(text))) == {
        ("Hamm", "kinderstark"),
        ("Kreis Soest", "kinderstark"),
        ("Lippstadt", "kinderstark"),
    }


def test_both_towns_refers_to_the_two_named_before(make_document: MakeDocument) -> None:
    text = (
        "Die Stadt Bielefeld tauscht sich regelmäßig mit der Stadt Gütersloh und der Stadt "
        "Herford aus. Die beiden Städte nehmen ebenfalls an der Landesinitiative „Kommunale "
        "Präventionsketten“ teil."
    )
    assert pairs(extract_document(make_document(text))) >= {
        ("Gütersloh", "kommunale-praeventionsketten"),
        ("Herford", "kommunale-praeventionsketten"),
    }
    text_three = (
        "Die Städte Hagen, Witten und Hattingen treffen sich. Beide Städte nehmen an der "
        "Landesinitiative „Kommunale Präventionsketten“ teil."
    )
    assert pairs(extract_document(make_document(text_three))) == set()


def test_funding_source_context_gives_no_main_program(make_document: MakeDocument) -> None:
    text = (
        "Betreff: Netzwerk Frühe Hilfen im Kreis Borken\n\nDer Kreis richtet eine Stelle ein. "
        "Die Kosten werden zur Hälfte aus dem Europäischen Sozialfonds (ESF) gefördert. Den "
        "Rest tragen die beteiligten Gemeinden Velen und Raesfeld."
    )
    found = pairs(extract_document(make_document(text)))
    assert not {m for m, _program in found} & {"Velen", "Raesfeld"}


def test_participation_only_in_its_own_clause(make_document: MakeDocument) -> None:
    text = (
        "Die Stadt Monheim ist mit ihrem eigenen Modell seit Jahren bekannt, und die Städte "
        "Hilden und Haan nehmen an der Landesinitiative „Kommunale Präventionsketten“ teil."
    )
    assert pairs(extract_document(make_document(text))) == {
        ("Hilden", "kommunale-praeventionsketten"),
        ("Haan", "kommunale-praeventionsketten"),
    }
    inline_list = (
        "Teilnehmende Kommunen der Landesinitiative „Kommunale Präventionsketten“: "
        "Hilden, Haan und Monheim am Rhein."
    )
    assert len(pairs(extract_document(make_document(inline_list)))) == 3


# --- the ways the genre states participation ------------------------------------------------


def test_an_enumeration_in_the_next_sentence(make_document: MakeDocument) -> None:
    text = (
        "Düsseldorf, 12.03.2021. Das Ministerium hat heute die zwölf Kommunen bekanntgegeben, "
        "die für das Landesprogramm „kinderstark – NRW schafft Chancen“ ausgewählt wurden. Es "
        "sind die Städte Solingen, Remscheid und Velbert sowie die Kreise Kleve und Mettmann. "
        "Weitere Kommunen wie Goch können sich später bewerben."
    )
    assert pairs(extract_document(make_document(text))) == {
        (name, "kinderstark")
        for name in ("Solingen", "Remscheid", "Velbert", "Kreis Kleve", "Kreis Mettmann")
    }


def test_part_of_the_initiative_since_a_month(make_document: MakeDocument) -> None:
    text = (
        "Die Stadt Ahlen ist seit März 2018 Teil der Landesinitiative „Kommunale "
        "Präventionsketten“."
    )
    assert since_of(extract_document(make_document(text))) == {
        ("Ahlen", "kommunale-praeventionsketten"): "2018-03"
    }


def test_one_of_so_many_sites(make_document: MakeDocument) -> None:
    text = (
        "Das Landesprogramm „kinderstark – NRW schafft Chancen“ fördert seit 2020 Kommunen. Der "
        "Kreis Soest ist einer von 22 Standorten des Landesprogramms in Westfalen."
    )
    assert pairs(extract_document(make_document(text))) == {("Kreis Soest", "kinderstark")}


def test_taken_in_as_a_new_municipality_of_the_expansion(make_document: MakeDocument) -> None:
    text = (
        "Pressemitteilung vom 16.01.2017\n\nDie Stadt Hagen wurde als eine von 22 neuen "
        "Kommunen in die Landesinitiative „Kein Kind zurücklassen!“ aufgenommen."
    )
    assert since_of(extract_document(make_document(text))) == {
        ("Hagen", "kein-kind-zuruecklassen-nrw"): "2017"
    }


def test_receiving_funds_from_the_program(make_document: MakeDocument) -> None:
    text = (
        "Für ihr Netzwerk gegen Kinderarmut erhält die Stadt Wesseling vom LVR Fördermittel "
        "in Höhe von 40.000 Euro. Grundlage ist das Programm „Teilhabe ermöglichen – Kommunale "
        "Netzwerke gegen Kinderarmut“."
    )
    assert pairs(extract_document(make_document(text))) == {("Wesseling", "teilhabe-ermoeglichen")}


def test_a_town_writing_about_its_own_participation(make_document: MakeDocument) -> None:
    text = (
        "Stadt Bocholt\nMitteilungsvorlage\nDatum: 03.05.2021\n\n"
        "Betreff: Landesprogramm „kinderstark – NRW schafft Chancen“\n\n"
        "Der Rat der Stadt Bocholt wird informiert. Die Stadt nimmt seit dem 01.01.2021 an dem "
        "Landesprogramm teil."
    )
    assert since_of(extract_document(make_document(text))) == {
        ("Bocholt", "kinderstark"): "2021-01-01"
    }


def test_a_table_of_participants(make_document: MakeDocument) -> None:
    text = (
        "Am Programm „Kommunale Präventionsketten“ nehmen im Regierungsbezirk teil:\n\n"
        "| Kommune | seit |\n|---|---|\n| Stadt Lünen | 2017 |\n| Stadt Hamm | 2012 |\n"
        "| Kreis Warendorf | 2012 |\n"
    )
    assert pairs(extract_document(make_document(text))) == {
        ("Lünen", "kommunale-praeventionsketten"),
        ("Hamm", "kommunale-praeventionsketten"),
        ("Kreis Warendorf", "kommunale-praeventionsketten"),
    }


def test_a_visit_on_the_programs_occasion(make_document: MakeDocument) -> None:
    text = (
        "Zum Jahrestag von „kinderstark – NRW schafft Chancen“ besuchte die Ministerin am "
        "3. Mai 2022 die Stadt Gladbeck. Anschließend fuhr sie weiter nach Dorsten zu einem "
        "Termin mit dem Bürgermeister."
    )
    assert pairs(extract_document(make_document(text))) == {("Gladbeck", "kinderstark")}


def test_towns_working_with_an_organisation_on_its_program(make_document: MakeDocument) -> None:
    text = (
        "Der LVR erprobt gemeinsam mit den Jugendämtern der Städte Hilden und Langenfeld das "
        "Programm „Familienzeit im Quartier“."
    )
    assert pairs(extract_document(make_document(text))) == {
        ("Hilden", "familienzeit-im-quartier"),
        ("Langenfeld (Rheinland)", "familienzeit-im-quartier"),
    }


def test_with_it_and_a_kreis_locating_a_town(make_document: MakeDocument) -> None:
    text = (
        "Das Netzwerk „Kein Kind zurücklassen! Für ganz NRW“ wächst. Neben Krefeld sind auch "
        "Emsdetten (Kreis Steinfurt) und die Stadt Leverkusen mit dabei."
    )
    assert pairs(extract_document(make_document(text))) == {
        (name, "kein-kind-zuruecklassen-nrw") for name in ("Krefeld", "Emsdetten", "Leverkusen")
    }


def test_what_is_no_participation(make_document: MakeDocument) -> None:
    text = (
        "Das Landesprogramm „kinderstark – NRW schafft Chancen“ läuft seit 2020. Hat die Stadt "
        "Goch sich beworben? Die Stadt Kleve hat sich nicht beworben. Der Bürgermeister der "
        "Stadt Emmerich besuchte eine Fachtagung in Köln. Das Projekt „Starke Kinder im "
        "Borkener Land“ ist ein Vorbild für den Landrat, der es in Düsseldorf vorgestellt hat."
    )
    assert pairs(extract_document(make_document(text))) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a relative clause about the selected municipalities
            "Datum: 20.02.2012\nWitten gehört zu den 18 ausgewählten Städten und Kreisen, die "
            "am Modellvorhaben „Kein Kind zurücklassen!“ teilnehmen.",
            {("Witten", "kein-kind-zuruecklassen")},
        ),
        (  # the funds before the verb
            "Mit dem Programm „Teilhabe ermöglichen – Kommunale Netzwerke gegen Kinderarmut“ "
            "unterstützt der LVR Jugendämter. Fördergelder erhalten der Kreis Heinsberg sowie "
            "die Städte Erkelenz und Viersen.",
            {
                (name, "teilhabe-ermoeglichen")
                for name in ("Kreis Heinsberg", "Erkelenz", "Viersen")
            },
        ),
        (
            "Beim Lernnetzwerk der Landesinitiative „Kommunale Präventionsketten“ am 12.11.2018 "
            "trafen sich die 40 Kommunen – darunter auch die Stadt Ahlen.",
            {("Ahlen", "kommunale-praeventionsketten")},
        ),
        (
            "Mit dem LVR-Programm „Teilhabe ermöglichen – Kommunale Netzwerke gegen "
            "Kinderarmut“ geht es weiter. Bergheim, Elsdorf und der Rhein-Erft-Kreis bilden "
            "die vierte Förderstaffel.",
            {
                (name, "teilhabe-ermoeglichen")
                for name in ("Bergheim", "Elsdorf", "Rhein-Erft-Kreis")
            },
        ),
        (
            "Datum: 05.06.2021\nDie Stadt Kerpen erhält im Rahmen von „kinderstark – NRW "
            "schafft Chancen“ 120.000 Euro für zwei Stellen.",
            {("Kerpen", "kinderstark")},
        ),
        (  # carrying the program out
            "Datum: 05.06.2022\nDas Programm „kinderstark – NRW schafft Chancen“ wird in Herne "
            "und im Kreis Recklinghausen umgesetzt. Seit 2017 setzt die Stadt Unna die "
            "Landesinitiative „Kommunale Präventionsketten“ um.",
            {
                ("Herne", "kinderstark"),
                ("Kreis Recklinghausen", "kinderstark"),
                ("Unna", "kommunale-praeventionsketten"),
            },
        ),
        (  # the relative clause right after the town says it
            "Datum: 05.06.2019\nDie Stadt Marl, die seit 2017 an den „Kommunalen "
            "Präventionsketten“ teilnimmt, baut ihr Netzwerk aus.",
            {("Marl", "kommunale-praeventionsketten")},
        ),
        (  # intent and refusal are no participation
            "Datum: 05.06.2021\nDie Stadt Moers prüft eine Teilnahme am Landesprogramm "
            "„kinderstark – NRW schafft Chancen“. Die Stadt Kamp-Lintfort plant ebenfalls die "
            "Teilnahme. Die Bewerbung der Stadt Wesel für „kinderstark“ wurde abgelehnt. Die "
            "Stadt Xanten kann sich im nächsten Jahr bewerben.",
            set(),
        ),
        (  # far from the program, a long header names towns
            "Ministerium für Familie, 40190 Düsseldorf 11.06.2014 Seite 1 von 2 An die "
            "Präsidentin des Landtags Platz des Landtags 1 40221 Düsseldorf Aktenzeichen 3.26 "
            "Telefon 0211 555-1000 Telefax 0211 555-1001 Unterrichtung des Ausschusses für "
            "Familie, Kinder und Jugend des Landtags über das Landesgesamtkonzept zur Umsetzung "
            "der Bundesinitiative Frühe Hilfen in Nordrhein-Westfalen",
            set(),
        ),
    ],
)
def test_genre_phrasings(
    make_document: MakeDocument, text: str, expected: set[tuple[str, str]]
) -> None:
    assert pairs(extract_document(make_document(text))) == expected


def test_a_program_compound_and_a_table_under_a_heading(make_document: MakeDocument) -> None:
    compound = "Datum: 03.03.2021\nDie Stadt Gütersloh ist jetzt kinderstark-Kommune."
    assert pairs(extract_document(make_document(compound))) == {("Gütersloh", "kinderstark")}
    table = (
        "Datum: 03.03.2019\nLandesinitiative „Kommunale Präventionsketten“\n\n"
        "Teilnehmende Kommunen\n\n| Kommune | seit |\n|---|---|\n| Stadt Lünen | 2017 |\n"
        "| Kreis Warendorf | 2012 |\n"
    )
    assert pairs(extract_document(make_document(table))) == {
        ("Lünen", "kommunale-praeventionsketten"),
        ("Kreis Warendorf", "kommunale-praeventionsketten"),
    }
    tabbed = (
        "Datum: 03.03.2019\nLandesinitiative „Kommunale Präventionsketten“\n\n"
        "Beteiligte Kommunen\n\nStadt Lünen\t2017\nKreis Warendorf\t2012\n"
    )
    assert pairs(extract_document(make_document(tabbed))) == pairs(
        extract_document(make_document(table))
    )
    prose = (
        "Datum: 03.03.2019\nLandesinitiative „Kommunale Präventionsketten“\n\nTeilnahme\n\n"
        "Die Stadt Lünen legt einen Bericht vor."
    )
    assert pairs(extract_document(make_document(prose))) == set()


def test_a_bare_year_with_a_joining_word(make_document: MakeDocument) -> None:
    joined = (
        "Datum: 03.03.2021\nDer Kreis Borken ist 2019 der Landesinitiative „Kommunale "
        "Präventionsketten“ beigetreten."
    )
    assert since_of(extract_document(make_document(joined))) == {
        ("Kreis Borken", "kommunale-praeventionsketten"): "2019"
    }
    two_years = (
        "Datum: 03.03.2021\nDie 2012 gestartete Initiative „Kein Kind zurücklassen“, der die "
        "Stadt Hamm 2017 beigetreten ist, läuft weiter."
    )
    assert set(since_of(extract_document(make_document(two_years))).values()) == {None}


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Stadt Köln lud zur Fachtagung ein, an der Vertreter aus Bonn und Leverkusen "
        "teilnahmen.",
        "An der Sitzung in Detmold nahmen 40 Fachkräfte teil.",
        "Die Bürgerbeteiligung in Hamm ist hoch.",
        "Die Beteiligung der Eltern in Hamm ist hoch.",
        "Die beteiligten Träger in Bochum stellten ihre Angebote vor.",
    ],
)
def test_taking_part_in_something_else(make_document: MakeDocument, sentence: str) -> None:
    text = (
        "Datum: 03.03.2021\nDie Landesinitiative „kinderstark – NRW schafft Chancen“ wird "
        f"fortgesetzt. {sentence}"
    )
    assert pairs(extract_document(make_document(text))) == set()


def test_an_event_of_the_program_counts(make_document: MakeDocument) -> None:
    text = (
        "Datum: 03.03.2021\nDie Stadt Lünen nahm am Lernnetzwerktreffen der Landesinitiative "
        "„kinderstark – NRW schafft Chancen“ teil. Die beteiligten Kommunen Hamm und Unna "
        "berichteten."
    )
    assert pairs(extract_document(make_document(text))) == {
        (name, "kinderstark") for name in ("Lünen", "Hamm", "Unna")
    }


def test_the_issuing_kreis_as_its_administration(make_document: MakeDocument) -> None:
    text = (
        "Kreis Viersen\nDer Landrat\nSitzungsvorlage\nDatum: 03.03.2021\n\nBetreff: Prävention"
        "\n\nDer Kreistag des Kreises Viersen berät. Die Kreisverwaltung hat die Teilnahme am "
        "Landesprogramm „kinderstark – NRW schafft Chancen“ erklärt. Die Verwaltung nimmt an "
        "der Fachtagung in Krefeld teil."
    )
    assert pairs(extract_document(make_document(text))) == {("Kreis Viersen", "kinderstark")}


# --- enumerations of participating municipalities -------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the participants as a heading, the enumeration after it
            "Pressemitteilung: „Kommunale Präventionsketten“\n\nNeue Teilnehmer der "
            "Landesinitiative stehen fest\n\nDazu gehören die Städte Hürth, Kerpen und Wesseling "
            "sowie der Kreis Olpe. Weitere Kommunen wie Hennef prüfen eine Bewerbung.",
            {
                (name, "kommunale-praeventionsketten")
                for name in ("Hürth", "Kerpen", "Wesseling", "Kreis Olpe")
            },
        ),
        (  # a named program, the selection in a relative clause, the list after
            "Datum: 03.05.2021\nDie Landesregierung hat die Namen der neun Städte und Kreise "
            "mitgeteilt, die für „kinderstark – NRW schafft Chancen“ ausgewählt worden sind. Es "
            "sind die Städte Bocholt, Rheine und Lünen sowie die Kreise Soest und Höxter.",
            {
                (name, "kinderstark")
                for name in ("Bocholt", "Rheine", "Lünen", "Kreis Soest", "Kreis Höxter")
            },
        ),
    ],
)
def test_an_enumeration_after_the_sentence_about_the_group(
    make_document: MakeDocument, text: str, expected: set[tuple[str, str]]
) -> None:
    assert pairs(extract_document(make_document(text))) == expected


def test_members_of_a_group_said_to_take_part(make_document: MakeDocument) -> None:
    text = (
        "Datum: 10.02.2021\nDas Land hat die Kommunen vorgestellt, die neu am Programm "
        "„kinderstark – NRW schafft Chancen“ teilnehmen. Es gab 50 Bewerbungen. Zu den "
        "ausgewählten Standorten zählen mit Hamm und Siegen zwei Großstädte sowie mit Olpe "
        "eine Kreisstadt. Darüber hinaus beteiligen sich die drei Kreise Höxter, "
        "Minden-Lübbecke und Paderborn."
    )
    assert pairs(extract_document(make_document(text))) == {
        (name, "kinderstark")
        for name in (
            "Hamm",
            "Siegen",
            "Olpe",
            "Kreis Höxter",
            "Kreis Minden-Lübbecke",
            "Kreis Paderborn",
        )
    }
    group = (
        "Datum: 10.02.2021\nIm Programm „kinderstark – NRW schafft Chancen“ sind die "
        "teilnehmenden Kommunen bekannt. Unter den neuen Kommunen befinden sich mit Bonn, "
        "Hagen und Solingen drei kreisfreie Städte."
    )
    assert pairs(extract_document(make_document(group))) == {
        (name, "kinderstark") for name in ("Bonn", "Hagen", "Solingen")
    }


def test_members_of_a_group_need_participation_said(make_document: MakeDocument) -> None:
    text = (
        "Datum: 10.02.2021\nDas Programm „kinderstark – NRW schafft Chancen“ läuft. Unter den "
        "Kommunen im Kreis Soest befinden sich mit Lippstadt und Warstein zwei Mittelstädte."
    )
    assert pairs(extract_document(make_document(text))) == set()


def test_a_truncated_kreis_at_the_end_is_no_other_town(make_document: MakeDocument) -> None:
    text = (
        "Datum: 10.02.2017\nAn der Landesinitiative „Kommunale Präventionsketten“ beteiligen "
        "sich die Kreise Soest, Lippe sowie der Kreis Minden-Lüb"
    )
    assert pairs(extract_document(make_document(text))) == {
        (name, "kommunale-praeventionsketten")
        for name in ("Kreis Soest", "Kreis Lippe", "Kreis Minden-Lübbecke")
    }


def test_a_list_of_practice_examples_in_a_program_report(make_document: MakeDocument) -> None:
    text = (
        "Jahresbericht 2022 zum Landesprogramm „kinderstark – NRW schafft Chancen“\n"
        "Inhalt\n3 Vorwort\n8 Gute Beispiele aus den Kommunen\n9 Stadt Velbert: Ein Haus für "
        "alle\n12 Bocholt: Lotsen für Familien\n14 Jugend und Beruf\n15 Kreis Soest: Der "
        "Übergang gelingt\n18 Impressum"
    )
    assert pairs(extract_document(make_document(text))) == {
        (name, "kinderstark") for name in ("Velbert", "Bocholt", "Kreis Soest")
    }
    unnumbered = (
        "Broschüre: „Kommunale Präventionsketten“\nPraxisbeispiele\nHerne: Früh ansetzen\n"
        "Kreis Lippe: Gemeinsam stark\nMarl: Alle an einem Tisch\n"
    )
    assert pairs(extract_document(make_document(unnumbered))) == {
        (name, "kommunale-praeventionsketten") for name in ("Herne", "Kreis Lippe", "Marl")
    }


@pytest.mark.parametrize(
    "text",
    [
        (  # only two entries: no list
            "Bericht zu „kinderstark – NRW schafft Chancen“\n4 Velbert: Ein Haus für alle\n"
            "8 Bocholt: Lotsen für Familien\n"
        ),
        (  # two programs one can take part in: the report is not about one
            "Bericht zu „kinderstark – NRW schafft Chancen“ und „gemeinsam klappt's“\n"
            "4 Velbert: Ein Haus\n8 Bocholt: Lotsen\n10 Herne: Früh ansetzen\n"
        ),
        (  # datelines of press releases with no program
            "Herne: Die Stadt baut Kitas.\nBocholt: Der Rat tagt.\nMarl: Neue Schule.\n"
        ),
    ],
)
def test_place_lines_that_are_no_list_of_participants(
    make_document: MakeDocument, text: str
) -> None:
    assert pairs(extract_document(make_document(text))) == set()


def test_since_the_year_before_and_beside_other_municipalities(
    make_document: MakeDocument,
) -> None:
    text = (
        "Datum: 14.03.2019\nDie Stadt berichtet über die „Kommunale Präventionskette“. Seit "
        "Mitte des letzten Jahres nimmt Herne neben 39 anderen Kommunen an der Landesinitiative "
        "teil, um Familien früh helfen zu können."
    )
    assert since_of(extract_document(make_document(text))) == {
        ("Herne", "kommunale-praeventionsketten"): "2018"
    }


def test_a_later_name_of_a_program_named_before(make_document: MakeDocument) -> None:
    text = (
        "Datum: 14.03.2019\nDie Präventionsarbeit – früher „Kein Kind zurücklassen“ – wurde "
        "im Ausschuss vorgestellt. Hamm nimmt an der Kommunalen Präventionskette teil."
    )
    assert pairs(extract_document(make_document(text))) == {
        ("Hamm", "kommunale-praeventionsketten")
    }


def test_an_infinitive_of_purpose_is_not_the_clauses(make_document: MakeDocument) -> None:
    text = (
        "Datum: 14.03.2021\nDie Stadt Unna nimmt an „kinderstark – NRW schafft Chancen“ teil, "
        "um Kinder besser fördern zu können. Um am Programm „kinderstark – NRW schafft "
        "Chancen“ teilnehmen zu können, muss die Stadt Selm Personal einstellen."
    )
    assert pairs(extract_document(make_document(text))) == {("Unna", "kinderstark")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Seit dem 01.09.2019 wird die Stadt Herne im Landesprogramm „Kommunale "
            "Präventionsketten NRW“ mit Landesmitteln gefördert.",
            {("Herne", "kommunale-praeventionsketten")},
        ),
        (
            "Die Gemeinde Hiddenhausen wird im Rahmen von „kinderstark – NRW schafft Chancen“ "
            "seit diesem Jahr gefördert.",
            {("Hiddenhausen", "kinderstark")},
        ),
        (
            "Ab sofort startet das Landesprogramm „kinderstark – NRW schafft Chancen“ auch in "
            "Castrop-Rauxel.",
            {("Castrop-Rauxel", "kinderstark")},
        ),
    ],
)
def test_funded_within_a_program_or_starting_in_a_town(
    make_document: MakeDocument, text: str, expected: set[tuple[str, str]]
) -> None:
    assert pairs(extract_document(make_document(text))) == expected


def test_funding_since_a_stated_date(make_document: MakeDocument) -> None:
    text = (
        "Seit dem 01.09.2019 wird die Stadt Herne im Landesprogramm „Kommunale "
        "Präventionsketten NRW“ gefördert."
    )
    (participation,) = extract_document(make_document(text)).participations
    assert participation.since == "2019-09-01"


def test_part_of_a_program_while_another_town_starts_now(make_document: MakeDocument) -> None:
    text = (
        "Während Gelsenkirchen schon lange Teil des Programms „kinderstark – NRW schafft "
        "Chancen“ ist, soll es in Gladbeck im kommenden Monat starten."
    )
    assert pairs(extract_document(make_document(text))) == {
        ("Gelsenkirchen", "kinderstark"),
        ("Gladbeck", "kinderstark"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Das Programm „kinderstark – NRW schafft Chancen“ könnte in Gladbeck starten.",
        "Die Stadt Gladbeck soll im Programm „kinderstark – NRW schafft Chancen“ gefördert werden.",
        "Die Stadt Gladbeck wird vom Bund gefördert. Sie prüft „kinderstark – NRW schafft "
        "Chancen“.",
    ],
)
def test_possible_starts_and_funding_without_the_program(
    make_document: MakeDocument, text: str
) -> None:
    assert pairs(extract_document(make_document(text))) == set()


def test_these_municipalities_are_the_ones_listed_before(make_document: MakeDocument) -> None:
    text = (
        "Der Staatssekretär besuchte Bottrop, Marl, Dorsten und den Kreis Kleve. In "
        "diesen vier der inzwischen 40 Kommunen der Landesinitiative „Kommunale "
        "Präventionsketten“ wächst das Netzwerk weiter. Im Programm arbeiten auch Moers und "
        "Kamp-Lintfort mit. Diese Städte sind Modellkommunen."
    )
    assert pairs(extract_document(make_document(text))) == {
        ("Bottrop", "kommunale-praeventionsketten"),
        ("Marl", "kommunale-praeventionsketten"),
        ("Dorsten", "kommunale-praeventionsketten"),
        ("Kreis Kleve", "kommunale-praeventionsketten"),
        ("Moers", "kommunale-praeventionsketten"),
        ("Kamp-Lintfort", "kommunale-praeventionsketten"),
    }


@pytest.mark.parametrize(
    "second",
    [
        "In diesen drei der 40 Kommunen der Initiative „Kommunale Präventionsketten“ wächst "
        "das Netzwerk.",  # four named, "drei" said
        "Diese Städte können sich für „Kommunale Präventionsketten“ bewerben.",
    ],
)
def test_these_municipalities_when_the_count_or_the_mood_differs(
    make_document: MakeDocument, second: str
) -> None:
    text = f"Der Staatssekretär war am Dienstag in Bottrop, Marl, Dorsten und Kleve. {second}"
    assert pairs(extract_document(make_document(text))) == set()


def test_town_and_kreis_youth_office_participation(make_document: MakeDocument) -> None:
    text = (
        "Am Programm „kinderstark – NRW schafft Chancen“ nehmen Ahlen und Beckum direkt, "
        "Ennigerloh und Oelde als Teil des Zuständigkeitsbereichs des Kreisjugendamtes teil. "
        "Die Stadt Sendenhorst hat die Teilnahme an „kinderstark – NRW schafft Chancen“ erklärt."
    )
    assert pairs(extract_document(make_document(text))) == {
        (town, "kinderstark") for town in ("Ahlen", "Beckum", "Ennigerloh", "Oelde", "Sendenhorst")
    }


def test_a_bare_kekiz_name_for_a_town_outside_the_model_phase_means_the_expansion(
    make_document: MakeDocument,
) -> None:
    """The model phase had 18 members; a bare "Kein Kind zurücklassen" for another place (a
    document without a year) is the phase open to all, and so is the document's program."""
    text = (
        "Das Modellprojekt „Kein Kind zurücklassen“ (KeKiz) hilft Familien früh. Seit diesem "
        "Jahr nimmt auch der Kreis Höxter daran teil. Auch Hamm nimmt daran teil."
    )
    extraction = extract_document(make_document(text))
    assert pairs(extraction) == {
        ("Kreis Höxter", "kein-kind-zuruecklassen-nrw"),
        ("Hamm", "kein-kind-zuruecklassen"),  # one of the 18 model municipalities
    }
    # a town of a member Kreis took part through its Kreis: still the model phase
    town = extract_document(
        make_document("„Kein Kind zurücklassen“: Auch Kreuzau nimmt daran teil.")
    )
    assert pairs(town) == {("Kreuzau", "kein-kind-zuruecklassen")}


def test_the_program_of_a_document_whose_participants_joined_later(
    make_document: MakeDocument,
) -> None:
    text = "„Kein Kind zurücklassen“: Seit diesem Jahr nimmt auch der Kreis Olpe daran teil."
    programs = {p.key for p in extract_document(make_document(text)).programs}
    assert programs == {"kein-kind-zuruecklassen-nrw"}


def test_members_counted_after_an_enumeration(make_document: MakeDocument) -> None:
    """ "In diesen vier der bislang 18 Kekiz-Kommunen wollen sie sich informieren": the noun
    phrase states membership, the modal verb is about the visitors."""
    text = (
        "Die Gäste aus Österreich besuchen Arnsberg, Dortmund, Gelsenkirchen und den Kreis Unna. "
        "In diesen vier der bislang 18 Kekiz-Kommunen wollen sie sich über Angebote informieren."
    )
    found = pairs(extract_document(make_document(text)))
    assert {m for m, _ in found} == {"Arnsberg", "Dortmund", "Gelsenkirchen", "Kreis Unna"}


def test_an_enumeration_without_verb_after_a_group_that_receives_funds(
    make_document: MakeDocument,
) -> None:
    text = (
        "Aus dem Programm „kinderstark“ erhalten mehrere Städte des Kreises Borken "
        "Fördergelder. Bocholt und Gronau direkt, Heek und Legden über das Kreisjugendamt."
    )
    found = {m for m, _ in pairs(extract_document(make_document(text)))}
    assert {"Bocholt", "Gronau (Westf.)", "Heek", "Legden"} <= found


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Kreis Kleve macht deshalb bei der Landesinitiative „Gemeinsam klappt's“ mit.",
        "Das Programm „Teilhabe ermöglichen“ gibt es seit 2011. Der LVR unterstützt nun die "
        "Stadt Kleve über drei Jahre mit insgesamt 30 000 Euro.",
    ],
)
def test_taking_part_said_by_joining_in_or_by_money(
    make_document: MakeDocument, sentence: str
) -> None:
    assert {m for m, _ in pairs(extract_document(make_document(sentence)))} & {
        "Kreis Kleve",
        "Kleve",
    }


def test_taking_part_in_the_programs_a_plural_refers_to(make_document: MakeDocument) -> None:
    text = (
        "Was unter dem Namen „Kein Kind zurücklassen“ begann, wurde seit 2017 mit dem Projekt "
        "„Kommunale Präventionsketten“ fortgeführt. Heute fördert das Land die Kommunen mit "
        "„kinderstark – NRW schafft Chancen“. Die Stadt Hamm arbeitet beständig in diesen "
        "Initiativen mit und gilt als Vorbild."
    )
    programs = {p for m, p in pairs(extract_document(make_document(text))) if m == "Hamm"}
    assert {"kommunale-praeventionsketten", "kinderstark"} <= programs


@pytest.mark.parametrize(
    ("sentence", "town"),
    [
        (
            "Höxter beteiligt sich seit dem 1. Juni 2024 am Landesprogramm kinderstark – NRW "
            "schafft Chancen, weil wir Familien früh stärken möchten.",
            "Höxter",
        ),
        (
            "Neben 39 anderen Kommunen ist der Kreis Olpe seit Januar 2017 Teil der Initiative "
            "„Kommunale Präventionsketten“ und beabsichtigt, eine Präventionskette aufzubauen.",
            "Kreis Olpe",
        ),
    ],
)
def test_a_modal_of_a_later_clause_is_not_the_participations(
    make_document: MakeDocument, sentence: str, town: str
) -> None:
    assert town in {m for m, _ in pairs(extract_document(make_document(sentence)))}


def test_a_modal_in_the_clause_still_makes_it_a_plan(make_document: MakeDocument) -> None:
    text = "Der Kreis Olpe möchte sich am Landesprogramm kinderstark beteiligen."
    assert pairs(extract_document(make_document(text))) == set()


@pytest.mark.parametrize(
    ("sentence", "towns"),
    [
        (
            "Die Stadt Herne profitiert vom Förderprogramm „kinderstark“ des Landes.",
            {"Herne"},
        ),
        (
            "2009 schlossen sich die Städte Unna und Kamen zu einem Netzwerk Frühe Hilfen "
            "zusammen.",
            {"Unna", "Kamen"},
        ),
        (
            "Seit 2021 stellt die Landesregierung der Stadt Herne Mittel aus dem Projekt "
            "„kinderstark“ zur Verfügung.",
            {"Herne"},
        ),
    ],
)
def test_benefiting_and_joining_in_the_past(
    make_document: MakeDocument, sentence: str, towns: set[str]
) -> None:
    assert towns <= {m for m, _ in pairs(extract_document(make_document(sentence)))}


def test_a_cover_page_without_full_stops_states_no_participation(
    make_document: MakeDocument,
) -> None:
    people = " ".join(f"Eva Muster{i} (Stadt Kamen) Jan Beispiel{i} (Stadt Selm)" for i in range(9))
    text = (
        f"Kreis Unna Gesamtleitung Stadt Kamen Stadt Selm {people} Dezember 2011 Projektantrag "
        "„Kommunale Präventionsketten“ 1 Überblick 2 Einleitung 3 Beteiligte 4 Ziele"
    )
    assert len(text) > 600
    assert pairs(extract_document(make_document(text))) == set()


def test_a_list_of_kreise_after_dabei_takes_part(make_document: MakeDocument) -> None:
    """ "… sind acht Kreise dabei: A, B, …": bare names after the plural are Kreise, also a
    name that is no town ("Lippe") and a Kreis by its full name inside the list."""
    text = (
        "Die Landesinitiative „Kommunale Präventionsketten“ wird ausgeweitet. Daneben sind drei "
        "Kreise dabei: Borken, Lippe, Rhein-Kreis Neuss und Steinfurt und zudem die Städte Hamm "
        "und Moers."
    )
    found = pairs(extract_document(make_document(text)))
    program = "kommunale-praeventionsketten"
    assert {
        ("Kreis Borken", program),
        ("Kreis Lippe", program),
        ("Rhein-Kreis Neuss", program),
        ("Kreis Steinfurt", program),
        ("Hamm", program),
        ("Moers", program),
    } <= found
    assert ("Borken", program) not in found and ("Steinfurt", program) not in found


def test_the_kreis_of_a_report_and_the_members_a_list_counts(make_document: MakeDocument) -> None:
    """In a report without an issuer, "Der Kreis" is the one Kreis it names; "mit A, B und C
    fast alle Kreis-Kommunen" names members, not partners; "Ebenfalls dabei sind A, B"."""
    text = (
        "Der Kreis beteiligt sich seit 2013 an der Landesinitiative „Kommunale "
        "Präventionsketten“. Mit dabei sind außerdem mit Ahaus, Gronau und Vreden fast alle "
        "Kreis-Kommunen. Ebenfalls dabei sind Bocholt und Borken. Die Konferenz fand im Kreis "
        "Borken statt."
    )
    found = pairs(extract_document(make_document(text)))
    program = "kommunale-praeventionsketten"
    named = ("Kreis Borken", "Ahaus", "Gronau (Westf.)", "Vreden", "Bocholt")
    assert {(name, program) for name in named} <= found


def test_a_recipient_of_program_money_takes_part(make_document: MakeDocument) -> None:
    text = (
        "Mit dem Förderprogramm „kinderstark – NRW schafft Chancen“ will das Land die Prävention "
        "stärken. Auf Antrag kann die Stadt Kempen 25.000 Euro erhalten."
    )
    assert ("Kempen", "kinderstark") in pairs(extract_document(make_document(text)))


def test_a_program_of_its_owner(make_document: MakeDocument) -> None:
    text = "Sie informierte sich über die Kommunalen Präventionsketten des Kreises Lippe."
    assert pairs(extract_document(make_document(text))) == {
        ("Kreis Lippe", "kommunale-praeventionsketten")
    }


def test_a_bulleted_list_under_a_heading_with_a_misspelt_item(make_document: MakeDocument) -> None:
    text = (
        "Programm-Kommunen im Überblick\n\n„kinderstark – NRW schafft Chancen“ soll allen "
        "Kindern ein gelingendes Aufwachsen ermöglichen.\n\nProgrammkommunen seit 2020\n\n"
        "  • Bergheim\n  • Kamen\n  • Kerpen\n  • Luenen\n  • Hagen\n  • Kreis Soest\n"
    )
    extraction = extract_document(make_document(text))
    assert pairs(extraction) == {
        (town, "kinderstark") for town in ("Bergheim", "Kamen", "Kerpen", "Hagen", "Kreis Soest")
    }
    assert {p.since for p in extraction.participations} == {"2020"}


def test_a_town_that_starts_into_the_program(make_document: MakeDocument) -> None:
    text = (
        "Mit einem gemeinsamen Auftaktworkshop sind die Stadt Borken und die Träger jetzt in "
        "die Aktion „kinderstark – NRW schafft Chancen“ gestartet."
    )
    assert pairs(extract_document(make_document(text))) == {("Borken", "kinderstark")}


def test_where_members_met_and_places_in_organisation_names(make_document: MakeDocument) -> None:
    """ "Vertreter aus den Modellkommunen in Hamm zogen Bilanz": a group of members cannot be
    one town, so Hamm is where they met; "des Caritasverbandes Köln" names an organisation."""
    met = (
        "Jetzt zogen Vertreter des Landes und aus den Modellkommunen in Hamm eine Zwischenbilanz "
        "des Modellvorhabens „Kein Kind zurücklassen! Kommunen in NRW beugen vor“."
    )
    assert not pairs(extract_document(make_document(met)))
    named = "Das Angebot in Brühl ist Teil des Projekts „Frühe Hilfen“ des Caritasverbandes Köln."
    assert ("Köln", "fruehe-hilfen") not in pairs(extract_document(make_document(named)))


def test_a_visit_to_a_municipality_about_the_program(make_document: MakeDocument) -> None:
    text = (
        "Die Ministerin hat sich bei einem Besuch im Kreis Unna ein Bild von der Entwicklung "
        "des Modellvorhabens „Kein Kind zurücklassen! Kommunen in NRW beugen vor“ gemacht."
    )
    assert ("Kreis Unna", "kein-kind-zuruecklassen") in pairs(extract_document(make_document(text)))


def test_a_municipality_left_out_takes_no_part(make_document: MakeDocument) -> None:
    text = (
        "Die Städte des Kreises Soest (ohne die Stadt Lippstadt) haben sich zusammen mit 17 "
        "anderen Kommunen am Projekt des Landes „Kein Kind zurücklassen“ (KeKiz) beteiligt."
    )
    assert "Lippstadt" not in {m for m, _p in pairs(extract_document(make_document(text)))}


def test_funded_initiatives_in_listed_towns(make_document: MakeDocument) -> None:
    """ "Bis 2020 erhielten Initiativen in Städten wie A und B diese Unterstützung", "Weitere
    geförderte Initiativen sind in C und D": the program's funding reaches those towns."""
    text = (
        "Das Land fördert 20 Projekte. Bis 2022 erhielten Initiativen in Städten wie Hagen und "
        "Herne diese Unterstützung. Das Programm „Starke Nachbarschaft“ wolle Familien "
        "stärken. Weitere geförderte Initiativen sind in Moers und Velbert."
    )
    towns = {m for m, _p in pairs(extract_document(make_document(text)))}
    assert {"Hagen", "Herne", "Moers", "Velbert"} <= towns


def test_people_involved_are_no_participation(make_document: MakeDocument) -> None:
    text = (
        "„Kein Kind zurücklassen“ wirkt, sagte sie: Dormagen habe 2005 mit Hebammen, Lehrern "
        "und vielen anderen Beteiligten begonnen."
    )
    assert not pairs(extract_document(make_document(text)))


def test_a_participation_goes_on_under_the_programs_new_name(make_document: MakeDocument) -> None:
    """ "… an dem Landesprogramm „Kein Kind zurücklassen! …“ (KeKiz), 2017 umbenannt in
    „Kommunale Präventionsketten NRW“": the Kreis takes part in both (the program's "!" ends
    no sentence)."""
    text = (
        "Der Kreis Warendorf beteiligt sich seit 2012 an dem Landesprogramm „Kein Kind "
        "zurücklassen! Kommunen in NRW beugen vor“ (KeKiz), "
        "2017 umbenannt in „Kommunale Präventionsketten NRW“."
    )
    found = pairs(extract_document(make_document(text)))
    assert found == {
        ("Kreis Warendorf", "kein-kind-zuruecklassen"),
        ("Kreis Warendorf", "kommunale-praeventionsketten"),
    }


def test_coordinating_the_program_there(make_document: MakeDocument) -> None:
    text = (
        "„Wir sind gut vernetzt“, sagt Eva Muster, die beim Kreis Olpe das landesweite Projekt "
        "„kinderstark - NRW schafft Chancen“ koordiniert."
    )
    assert ("Kreis Olpe", "kinderstark") in pairs(extract_document(make_document(text)))


def test_a_network_of_early_help_in_the_singular(make_document: MakeDocument) -> None:
    text = "Das hat sich das „Netzwerk Frühe Hilfe in der Stadt Würselen“ vorgenommen."
    assert ("Würselen", "fruehe-hilfen") in pairs(extract_document(make_document(text)))


@pytest.mark.parametrize(
    "dateline", ["Bochum / Düsseldorf · ", "Düsseldorf · ", "Düsseldorf (dpa) – "]
)
def test_the_place_of_a_dateline_takes_no_part(make_document: MakeDocument, dateline: str) -> None:
    text = (
        f"Zusage aus dem Ministerium\n{dateline}Bochum bekommt 250.000 Euro vom Land. Das "
        "Programm „kinderstark – NRW schafft Chancen“ fördert kommunale Koordinierung."
    )
    assert pairs(extract_document(make_document(text))) == {("Bochum", "kinderstark")}


def test_a_modal_of_the_first_predicate_is_not_the_seconds(make_document: MakeDocument) -> None:
    """ "will … verbinden und nimmt am Programm teil": the town takes part; "will … teilnehmen"
    alone states an intent."""
    taking_part = (
        "Die Stadt Siegen will ihre Angebote zu einer Präventionskette verbinden und nimmt am "
        "Programm „kinderstark – NRW schafft Chancen“ teil."
    )
    assert pairs(extract_document(make_document(taking_part))) == {("Siegen", "kinderstark")}
    intent = (
        "Die Stadt Siegen will ihre Angebote verbinden und am Programm „kinderstark – NRW "
        "schafft Chancen“ teilnehmen."
    )
    assert not pairs(extract_document(make_document(intent)))


def test_carrying_out_the_program_named_before(make_document: MakeDocument) -> None:
    """ "Auch der Kreis X setzt das Projekt um" after the program, named with its former name
    ("(früher „…“)"): the Kreis is in the program the sentence before is about."""
    text = (
        "Ziel des Projekts „Kommunale Präventionsketten“ (früher „Kein Kind zurücklassen“) des "
        "Landes ist ein gutes Aufwachsen. Auch der Kreis Olpe setzt das Projekt um."
    )
    assert pairs(extract_document(make_document(text))) == {
        ("Kreis Olpe", "kommunale-praeventionsketten")
    }
    supported = (
        "Ziel des Projekts „Kommunale Präventionsketten“ ist ein gutes Aufwachsen. Dafür warb "
        "die Abgeordnete, die das Vorhaben in Düsseldorf unterstützt."
    )
    assert not pairs(extract_document(make_document(supported)))


def test_a_network_started_in_a_town_and_one_named_after_it(make_document: MakeDocument) -> None:
    started = "In Brilon ist das Netzwerk „Frühe Hilfen und Kinderschutz“ an den Start gegangen."
    assert pairs(extract_document(make_document(started))) == {("Brilon", "fruehe-hilfen")}
    named = "Im Oktober 2016 gründete sich das Netzwerk „Frühe Hilfen Lippstadt“."
    assert pairs(extract_document(make_document(named))) == {("Lippstadt", "fruehe-hilfen")}


def test_taking_part_from_the_start_is_the_first_phase(make_document: MakeDocument) -> None:
    """In a text of 2017, a model municipality "war von Anfang an mit dabei": the model phase,
    since 2012 (the bare name alone would mean the phase running then)."""
    text = (
        "Duisburg, 10. Mai 2017. Die Landesinitiative „Kein Kind zurücklassen!“ wurde zwischen "
        "2012 und 2016 in einer Modellphase erprobt. Dortmund war von Anfang an mit dabei."
    )
    found = {
        (p.municipality, p.program_key, p.since)
        for p in extract_document(make_document(text)).participations
    }
    assert ("Dortmund", "kein-kind-zuruecklassen", "2012") in found


def test_towns_stepping_into_an_offer_of_early_help(make_document: MakeDocument) -> None:
    """ "steigen in ein neues Angebot der „frühen Hilfen“ ein": both towns join; the quoted
    term in the dative names the program."""
    text = "Voerde und Dinslaken steigen in ein neues Angebot der „frühen Hilfen“ für Familien ein."
    assert pairs(extract_document(make_document(text))) == {
        ("Voerde (Niederrhein)", "fruehe-hilfen"),
        ("Dinslaken", "fruehe-hilfen"),
    }


def test_a_member_page_of_the_program_gives_place_and_start(make_document: MakeDocument) -> None:
    """A program's page on one member: the place as its heading, the start as a field below
    it. A place named elsewhere on the page, or a year under another field, takes no part."""
    text = (
        "Sprache\n\nKreis Lippe\n\nSeit wann dabei:\n\n2017\n\nEinwohnerzahl:\n\n2019\n\n"
        "Mit „kinderstark – NRW schafft Chancen“ baut der Kreis ein Netzwerk auf. Die "
        "Erfahrungen aus Detmold helfen dabei.\n"
    )
    extraction = extract_document(make_document(text))
    assert pairs(extraction) == {("Kreis Lippe", "kinderstark")}
    assert since_of(extraction)[("Kreis Lippe", "kinderstark")] == "2017"


def test_a_program_existing_in_a_town_since_a_year(make_document: MakeDocument) -> None:
    """ "Das Projekt „Frühe Hilfe“ besteht in X seit 2015", "In Y gibt es das Netzwerk
    „Frühe Hilfen“ seit 2011": the town takes part since then (also the singular name)."""
    text = (
        "Das Projekt „Frühe Hilfe“ besteht in Velbert inzwischen seit 2015. In Hemer gibt es "
        "das Netzwerk „Frühe Hilfen“ bereits seit 2011."
    )
    extraction = extract_document(make_document(text))
    assert since_of(extraction) == {
        ("Velbert", "fruehe-hilfen"): "2015",
        ("Hemer", "fruehe-hilfen"): "2011",
    }


def test_a_program_running_in_a_town_since_a_month(make_document: MakeDocument) -> None:
    """ "Das Landesprojekt „kinderstark“ läuft bereits seit Juli 2020 in X": the town takes
    part since that month's year."""
    text = (
        "Das Landesprojekt „kinderstark – NRW schafft Chancen“ läuft bereits seit Juli 2020 "
        "in Gütersloh und wird nun verstetigt."
    )
    extraction = extract_document(make_document(text))
    assert pairs(extraction) == {("Gütersloh", "kinderstark")}
    assert (since_of(extraction)[("Gütersloh", "kinderstark")] or "").startswith("2020")


def test_a_programs_local_owners_listed_after_it(make_document: MakeDocument) -> None:
    """ "die Frühen Hilfen der Städte A, B und C", "… des Kreises K, sowie der Städte A und B",
    "„Frühe Hilfen“ auch in X": each has the program; a local project's owners ("„Brücken für
    Familien“ der Städte A und B") are its partners, not the program's members."""
    text = (
        "Die Koordinatorinnen der Frühen Hilfen der Städte Soest, Lippstadt und Werl trafen "
        "sich. Es sprach die Leiterin der Frühen Hilfen des Kreises Olpe, sowie der Städte "
        "Attendorn und Lennestadt. Seit 2015: „Frühe Hilfen“ auch in Erwitte."
    )
    found = {m for m, key in pairs(extract_document(make_document(text))) if key == "fruehe-hilfen"}
    assert found == {
        "Soest",
        "Lippstadt",
        "Werl",
        "Kreis Olpe",
        "Attendorn",
        "Lennestadt",
        "Erwitte",
    }
    local = (
        "Die Stadt Hamm nimmt am Modellvorhaben „Kein Kind zurücklassen! Kommunen in NRW beugen "
        "vor“ teil, mit dem Projekt „Starke Familien“ der Städte Kamen und Lünen."
    )
    assert {m for m, _ in pairs(extract_document(make_document(local)))} == {"Hamm"}


def test_a_municipality_the_sentence_excepts_takes_no_part(make_document: MakeDocument) -> None:
    text = (
        "Am Modellvorhaben „Kein Kind zurücklassen! Kommunen in NRW beugen vor“ nehmen im Kreis "
        "Unna alle Städte teil bis auf die Stadt Schwerte, darunter Bergkamen und Kamen."
    )
    found = {p.municipality for p in extract_document(make_document(text)).participations}
    assert "Schwerte" not in found
    assert {"Bergkamen", "Kamen"} <= found


def test_the_partners_of_a_successful_joint_application_take_part(
    make_document: MakeDocument,
) -> None:
    """A paper dated only by its number ("Vorlage 026/2012") speaks from that year, so
    "Kommunale Präventionsketten" is the model phase; the partners of its joint application
    take part once it says the application succeeded, not before."""
    text = (
        "Betreff\nBeteiligung am Modellprojekt „Kommunale Präventionsketten“\nVorlage\n026/2012\n\n"
        "Die Stadt Kamen hat sich mit den Kommunen Lünen, Selm und dem Kreis Unna an einer "
        "Verbundbewerbung beteiligt. Die Bewerbung war erfolgreich."
    )
    found = {
        (p.municipality, p.program_key)
        for p in extract_document(make_document(text)).participations
    }
    model = "kein-kind-zuruecklassen"
    assert found == {("Kamen", model), ("Lünen", model), ("Selm", model), ("Kreis Unna", model)}
    applied = text.replace(" Die Bewerbung war erfolgreich.", "")
    found = {p.municipality for p in extract_document(make_document(applied)).participations}
    assert found == {"Kamen"}
