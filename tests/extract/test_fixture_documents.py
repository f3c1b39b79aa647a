"""Whole council documents written for these tests (tests/extract/fixtures/), in phrasings the
samples do not use: minutes with a vote, a Kreis joining "kinderstark", a Gemeinde joining
a cooperation project."""

from __future__ import annotations

from pkgraph.records import Extraction, Vote


def test_minutes_of_a_committee(fixture_extractions: dict[str, Extraction]) -> None:
    extraction = fixture_extractions["niederschrift_jha_herford"]
    (decision,) = extraction.decisions
    assert (decision.body, decision.date, decision.vote) == (
        "Jugendhilfeausschuss (Herford)",
        "2020-11-17",
        Vote(12, 2, 1),
    )
    since = {p.program_key: p.since for p in extraction.participations}
    # "nimmt seit 2017 an der Landesinitiative „Kommunale Präventionsketten“ teil"; the
    # committee only recommends that the council decide on kinderstark: no start yet
    assert since == {"kommunale-praeventionsketten": "2017", "kinderstark": None}
    (funding,) = extraction.funding
    assert (funding.amount_eur, funding.funder, funding.recipient) == (
        85000.0,
        "Land Nordrhein-Westfalen",
        "Herford",
    )
    assert (funding.year, funding.own_share_percent) == (2021, 10.0)


def test_a_kreis_joining_kinderstark(fixture_extractions: dict[str, Extraction]) -> None:
    extraction = fixture_extractions["sitzungsvorlage_kreis_recklinghausen"]
    since = {(p.municipality, p.program_key): p.since for p in extraction.participations}
    assert since == {
        ("Kreis Recklinghausen", "kinderstark"): "2020-04-01",  # "Beitritt ... zum 01.04.2020"
        ("Castrop-Rauxel", "kinderstark"): None,  # "haben sich ... angeschlossen": not when
        ("Datteln", "kinderstark"): None,
        ("Waltrop", "kinderstark"): None,
        ("Haltern am See", "kommunale-praeventionsketten"): "2018",
    }
    # "Die Städte Castrop-Rauxel, Datteln und Waltrop ... bilden gemeinsam mit dem Kreis
    # einen Verbund"
    assert [set(j.municipalities) for j in extraction.joint_applications] == [
        {"Castrop-Rauxel", "Datteln", "Waltrop", "Kreis Recklinghausen"}
    ]
    (funding,) = extraction.funding  # the own contribution of 180.000 Euro is no grant
    assert (funding.amount_text, funding.amount_eur, funding.recipient, funding.year) == (
        "1,2 Mio. €",
        1_200_000.0,
        "Kreis Recklinghausen",
        2020,
    )
    assert funding.funder == "Ministerium für Kinder, Familie, Flüchtlinge und Integration (MKFFI)"
    assert funding.own_share_percent == 15.0
    decisions = {(d.body, d.date, d.kind) for d in extraction.decisions}
    assert decisions == {
        ("Kreistag (Kreis Recklinghausen)", "2020-03-16", "Beschluss"),
        ("Jugendhilfeausschuss (Kreis Recklinghausen)", "2020-02-26", "Beratung"),
    }


def test_a_gemeinde_joining_a_cooperation_project(
    fixture_extractions: dict[str, Extraction],
) -> None:
    extraction = fixture_extractions["mitteilung_gemeinde_saerbeck"]
    joint = {frozenset(j.municipalities): j for j in extraction.joint_applications}
    project = joint[frozenset({"Saerbeck", "Ibbenbüren", "Tecklenburg", "Lengerich"})]
    assert project.project_key == "starke-kinder-im-tecklenburger-land"
    assert project.program_key == "kein-kind-zuruecklassen"
    assert frozenset({"Kreis Steinfurt", "Ladbergen", "Lienen"}) in joint
    since = {p.municipality: p.since for p in extraction.participations}
    # "Die Gemeinde Saerbeck schließt sich ... an" in May 2013; "Bereits im Jahr 2012 ...
    # angeschlossen"; "Die Stadt Rheine beteiligt sich nicht."
    assert since == {
        "Saerbeck": "2013",
        "Kreis Steinfurt": "2012",
        "Ladbergen": "2012",
        "Lienen": "2012",
    }
    (funding,) = extraction.funding
    assert (funding.amount_eur, funding.funder, funding.recipient, funding.year) == (
        8500.0,
        "Land Nordrhein-Westfalen",
        "Saerbeck",
        None,
    )
