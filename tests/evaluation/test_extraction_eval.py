from __future__ import annotations

import json
from pathlib import Path

import pytest

from pkgraph.cli import main
from pkgraph.evaluation.extraction import (
    ITEM_TYPES,
    MATCHERS,
    GoldEntities,
    format_report,
    match_items,
    matchers,
    score,
)
from pkgraph.evaluation.gold import GoldDocument, GoldFormatError, read_gold

ROOT = Path(__file__).resolve().parents[2]


def _counts(item_type: str, predicted: list, gold: list) -> tuple[int, int, int]:
    match = match_items(predicted, gold, MATCHERS[item_type])
    return len(match.pairs), len(match.unmatched_predicted), len(match.unmatched_gold)


def test_names_match_gold_name_or_mention_case_and_space_insensitively() -> None:
    gold = [{"name": "Kreis Coesfeld", "mentions": ["Kreises  Coesfeld"]}]
    assert _counts("municipalities", [{"name": "kreises\ncoesfeld"}], gold) == (1, 0, 0)
    assert _counts("municipalities", [{"name": "Kreis Borken"}], gold) == (0, 1, 1)


def test_matching_is_one_to_one() -> None:
    gold = [{"name": "Rat", "mentions": []}]
    assert _counts("bodies", [{"name": "Rat"}, {"name": "rat"}], gold) == (1, 1, 0)
    # the second prediction can only take the second gold item: a maximum matching finds it
    gold2 = [{"name": "A", "mentions": ["B"]}, {"name": "A", "mentions": []}]
    assert _counts("bodies", [{"name": "B"}, {"name": "A"}], gold2) == (2, 0, 0)
    assert _counts("bodies", [{"name": "A"}, {"name": "B"}], gold2) == (2, 0, 0)


def test_decisions_events_funding_participations_refs() -> None:
    decision = [{"body": "Kreistag (Kreis Soest)", "date": None}]
    assert _counts("decisions", [{"body": "kreistag (kreis soest)", "date": None}], decision)[0]
    assert not _counts(
        "decisions", [{"body": "Kreistag (Kreis Soest)", "date": "2019-01-01"}], decision
    )[0]
    event = [{"name": "Fachtag", "date": None}]
    assert _counts("events", [{"name": "fachtag", "date": None}], event)[0]
    assert not _counts("events", [{"name": "Fachtag", "date": "2019-01-01"}], event)[0]
    funding = [
        {
            "amount_eur": 43750,
            "amount_text": "43.750 Euro",
            "funder": "Land NRW",
            "recipient": "Kreis Coesfeld",
        }
    ]
    near = {
        "amount_eur": 43750.8,
        "amount_text": "x",
        "funder": None,
        "recipient": "Kreis Coesfeld",
    }
    assert _counts("funding", [near], funding)[0]
    wrong_amount = {**near, "amount_eur": 43700.0}
    assert not _counts("funding", [wrong_amount], funding)[0]
    wrong_parties = {**near, "recipient": "Kreis Borken"}
    assert not _counts("funding", [wrong_parties], funding)[0]
    share = [
        {
            "amount_eur": None,
            "amount_text": "Förderung in Höhe von 50 % der Kosten",
            "funder": "ESF",
            "recipient": None,
        }
    ]
    same_text = {
        "amount_eur": None,
        "amount_text": "Förderung in  Höhe von 50 % der Kosten",
        "funder": "ESF",
        "recipient": "Kreis Coesfeld",
    }
    assert _counts("funding", [same_text], share)[0]
    participation = [{"municipality": "Werne", "program": "Kommunale Präventionsketten"}]
    assert _counts(
        "participations",
        [{"municipality": "werne", "program": "kommunale präventionsketten"}],
        participation,
    )[0]
    assert _counts("doc_refs", ["SV-9-1217"], ["SV-9-1217"])[0]
    assert _counts("doc_refs", ["sv\u20139\u20131217"], ["SV-9-1217"])[0]  # en dashes, case
    assert not _counts("doc_refs", ["SV-9-1218"], ["SV-9-1217"])[0]


def test_dashes_and_quotes_are_normalised_in_names() -> None:
    gold = [{"name": "kinderstark \u2013 NRW schafft Chancen", "mentions": []}]
    assert _counts("programs", [{"name": "kinderstark - NRW schafft Chancen"}], gold)[0]
    gold = [{"name": "gemeinsam klappt's", "mentions": []}]
    assert _counts("programs", [{"name": "\u201egemeinsam klappt\u2019s\u201c"}], gold)[0]


def _document_counts(item_type: str, predicted: list, record: dict) -> tuple[int, int, int]:
    gold = GoldDocument("x.txt", None, record)
    match = match_items(
        predicted, gold.items(item_type), matchers(GoldEntities.of(gold))[item_type]
    )
    return len(match.pairs), len(match.unmatched_predicted), len(match.unmatched_gold)


def test_names_inside_facts_resolve_through_the_gold_entity_they_name() -> None:
    record = {
        "bodies": [
            {"name": "Jugendhilfeausschuss (Kreis Coesfeld)", "mentions": ["Jugendhilfeausschuss"]}
        ],
        "municipalities": [{"name": "Kreis Unna", "mentions": ["Kreises Unna"]}],
        "programs": [{"name": "Kommunale Präventionsketten", "mentions": ["KePKe"]}],
        "decisions": [{"body": "Jugendhilfeausschuss (Kreis Coesfeld)", "date": "2019-03-01"}],
        "participations": [
            {"municipality": "Kreis Unna", "program": "Kommunale Präventionsketten"}
        ],
        "funding": [{"amount_eur": 1000, "funder": "Land NRW", "recipient": None}],
    }
    decision = {"body": "Jugendhilfeausschuss", "date": "2019-03-01"}
    assert _document_counts("decisions", [decision], record) == (1, 0, 0)
    other_body = {"body": "Kreistag", "date": "2019-03-01"}
    assert _document_counts("decisions", [other_body], record) == (0, 1, 1)
    participation = {"municipality": "Kreises Unna", "program": "KePKe"}
    assert _document_counts("participations", [participation], record) == (1, 0, 0)
    # the state as a party is one name, whichever of its forms the prediction uses
    state = {"amount_eur": 1000.4, "amount_text": "1.000 Euro", "funder": "Landesregierung NRW",
             "recipient": None}  # fmt: skip
    assert _document_counts("funding", [state], record) == (1, 0, 0)
    assert _document_counts("funding", [{**state, "funder": "Bund"}], record) == (0, 1, 1)


def test_a_wrong_answer_lowers_the_score() -> None:
    gold = [{"name": "A", "mentions": []}, {"name": "B", "mentions": []}]
    right = score(
        [
            {"bodies": match_items([{"name": "A"}, {"name": "B"}], gold, MATCHERS["bodies"])}
            | _empty_rest("bodies")
        ]
    )
    wrong = score(
        [
            {"bodies": match_items([{"name": "A"}, {"name": "C"}], gold, MATCHERS["bodies"])}
            | _empty_rest("bodies")
        ]
    )
    assert right["per_type"]["bodies"]["f1"] == 1.0
    assert wrong["per_type"]["bodies"] == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "tp": 1,
        "fp": 1,
        "fn": 1,
    }
    assert wrong["micro"]["f1"] < right["micro"]["f1"]


def _empty_rest(except_type: str) -> dict:
    return {t: match_items([], [], MATCHERS[t]) for t in ITEM_TYPES if t != except_type}


def test_gold_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"file": "a.txt"}\n{"file": \n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"gold.jsonl:2"):
        read_gold(bad)
    bad.write_text('{"programs": []}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match='missing "file"'):
        read_gold(bad)


def test_cli_on_the_samples(capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "eval",
        "extraction",
        "--docs",
        str(ROOT / "corpus" / "seeds"),
        "--gold",
        str(ROOT / "eval" / "seeds_gold.jsonl"),
    ]
    assert main([*args, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"per_type", "micro"}
    assert set(result["per_type"]) == set(ITEM_TYPES)
    for row in result["per_type"].values():
        assert set(row) == {"precision", "recall", "f1", "tp", "fp", "fn"}
    assert set(result["micro"]) == {"precision", "recall", "f1"}
    for item_type in ("programs", "municipalities", "doc_refs", "dates"):
        assert result["per_type"][item_type]["f1"] >= 0.9, item_type
    for item_type in ("bodies", "decisions", "funding", "participations"):
        assert result["per_type"][item_type]["f1"] >= 0.8, item_type
    assert main(args) == 0
    table = capsys.readouterr().out
    assert table == format_report(result) + "\n"


def test_cli_names_a_missing_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "missing.txt"}\n', encoding="utf-8")
    assert main(["eval", "extraction", "--docs", str(tmp_path), "--gold", str(gold)]) == 2
    assert "missing.txt" in capsys.readouterr().err


def test_per_document_lists_the_misses_and_false_facts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A gold line that claims a fact the document does not state shows up as a miss, and a
    fact the gold leaves out as a false one, under that document's name."""
    source = ROOT / "eval" / "dev" / "docs"
    gold_rows = [json.loads(line) for line in (ROOT / "eval" / "dev" / "gold.jsonl").open()]
    row = next(r for r in gold_rows if r["persons"] and r["dates"])
    invented = {"name": "Erika Mustermann", "role": None, "organisation": None}
    row = {**row, "persons": [*row["persons"], invented], "dates": row["dates"][1:]}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    args = ["eval", "extraction", "--docs", str(source), "--gold", str(gold), "--per-document"]
    assert main([*args, "--json"]) == 0
    (document,) = json.loads(capsys.readouterr().out)["documents"]
    assert document["file"] == row["file"]
    assert invented in document["misses"]["persons"]
    dropped = next(r for r in gold_rows if r["file"] == row["file"])["dates"][0]
    assert dropped in document["false"]["dates"]
    assert main(args) == 0
    report = capsys.readouterr().out
    assert f"\n{row['file']}\n" in report
    assert "miss  persons        name='Erika Mustermann'" in report
