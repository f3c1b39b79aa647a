"""The cheap pre-checks in front of expensive patterns change no result: a lookahead on the
first character, candidate start positions (:func:`~pkgraph.extract.text.matches_at`) and
substring tests before a regex."""

from __future__ import annotations

import re

import pytest

from pkgraph.extract import (
    dates,
    funding_amounts,
    joint_applications,
    participation_cues,
    person_names,
    persons,
    programs,
)
from pkgraph.extract.text import matches_at
from pkgraph.records import Document

#: Texts with the words the patterns look for, in the layouts that matter (tabs, wide gaps,
#: quotes, hyphenated compounds, dates), besides the sample documents.
_EXAMPLES = (
    "Die Stadt ist kinderstark-Kommune und nimmt seit 2018 teil; eine der 18 Kommunen.",
    "Sie tritt zum 01.08.2022 der Landesinitiative bei und erhält 40.000 Euro Fördermittel.",
    "In diesen vier der bislang 18 Kommunen ist man mit dabei, denn es gab den Zuschlag.",
    "In Vertretung Müller Beigeordneter\ni. V. Schmidt Bürgermeisterin\nAmtsleiter\tKriegs",
    "Projektleiterin  Anna Berg\nXLeiter\tNora Sachbearbeiter \tUdo ABCLeiter  Tim",
    "das Projekt „Starke Kinder“, das Programm 'Kein Kind', das Modellprojekt »Netz«",
    "Ilona Heuchel, geschäftsführender Vorstand; Eva Roth von der Stadt; sagte Anna Muster.",
    "Foto: ISA / Ursula Kansy. Von D. Muster-Frau. Unter der Leitung von Jan Muster.",
    "am 25. April, am 13.09., 12./13.06.2019, 2019-05-04 und 5. und 6. Oktober 2022",
    "zwei Millionen Euro, eine halbe Million €, 1,5 Mio. € und 50 % der Personalkosten",
    "die Verbundbewerbung, eine gemeinsame Bewerbung, das Kooperationsprojekt der Städte",
)


@pytest.fixture(scope="module")
def texts(sample_documents: dict[str, Document]) -> list[str]:
    """The examples and every line of the sample documents."""
    lines = [line for doc in sample_documents.values() for line in doc.text.split("\n")]
    return [*_EXAMPLES, *lines]


def _unguarded(pattern: re.Pattern[str], guard: str) -> re.Pattern[str]:
    assert guard in pattern.pattern
    return re.compile(pattern.pattern.replace(guard, "", 1), pattern.flags)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("pattern", "guard"),
    [
        (participation_cues.CUE, participation_cues._CUE_START),
        (persons._APPOSITION, f"(?=[{person_names.UPPER}])"),
        (persons._FROM_ORG, f"(?=[{person_names.UPPER}])"),
        (persons._CREDIT, "(?=[FsebumLVP.!?])"),
        (dates._WRITTEN, "(?=\\d)"),
        (dates._DAY_MONTH, "(?=\\d)"),
        (dates.YEAR, "(?=[12])"),
    ],
)
def test_first_character_lookahead_is_implied(
    pattern: re.Pattern[str], guard: str, texts: list[str]
) -> None:
    plain = _unguarded(pattern, guard)
    assert any(_spans(pattern, text) for text in texts)
    for text in texts:
        assert _spans(pattern, text) == _spans(plain, text)


def test_matches_at_is_finditer_given_every_start() -> None:
    pattern = re.compile(r"\b[A-Z]\w+(?: [A-Z]\w+)?")
    text = "Eva Roth und Jan Muster trafen Ute"
    starts = [m.start() for m in re.finditer(r"\b[A-Z]", text)]
    found = [match.group() for match in matches_at(pattern, text, starts)]
    assert (
        found
        == [match.group() for match in pattern.finditer(text)]
        == ["Eva Roth", "Jan Muster", "Ute"]
    )


def test_candidate_starts_find_what_the_scan_finds(texts: list[str]) -> None:
    for text in texts:
        signatures = matches_at(persons._SIGNATURE, text, persons._signature_starts(text))
        assert [m.span() for m in signatures] == _spans(persons._SIGNATURE, text)
        quoted = matches_at(programs._QUOTED_NAME, text, programs._introducer_starts(text))
        assert [m.span() for m in quoted] == _spans(programs._QUOTED_NAME, text)


def test_substring_checks_miss_nothing(texts: list[str]) -> None:
    amount_patterns = [
        funding_amounts._PERCENT_GRANT,
        funding_amounts._SOURCED_SHARE,
        funding_amounts._PREFIXED,
        funding_amounts._SCALED,
        funding_amounts._PLAIN,
        funding_amounts._WORDED,
    ]
    date_patterns = [dates._NUMERIC, dates._WRITTEN, dates._LEADING_DAY, dates._DAY_MONTH]
    date_patterns += [dates._DAY_MONTH_WRITTEN]
    for text in texts:
        found = joint_applications.find_joint_word(text)
        expected = joint_applications.JOINT.search(text)
        assert (found and found.span()) == (expected and expected.span())
        if not funding_amounts.may_state_amount(text):
            assert not any(pattern.search(text) for pattern in amount_patterns)
        if not dates._DAY_DOT.search(text):
            assert not any(pattern.search(text) for pattern in date_patterns)
        if not dates._DIGIT_DASH.search(text):
            assert not dates._ISO.search(text)
