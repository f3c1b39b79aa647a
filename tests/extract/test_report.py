"""``pkgraph extract``: gold-shaped records with evidence, and a readable summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pkgraph.cli import main
from pkgraph.extract.items import ITEM_TYPES

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus" / "seeds"


def test_json_lines_carry_gold_keys_and_evidence_in_original_offsets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["extract", str(SEEDS), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["file"] for r in records] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for record in records:
        assert set(ITEM_TYPES) | {"file", "doc_type"} <= set(record)
        original = (SEEDS / record["file"]).read_text(encoding="utf-8")
        for item_type in ITEM_TYPES:
            if item_type in {"doc_refs", "dates"}:
                assert all(isinstance(value, str) for value in record[item_type])
                continue
            for item in record[item_type]:
                assert original[item["start"] : item["end"]] == item["quote"], item
    funding = [f for r in records for f in r["funding"]]
    assert funding and all({"amount_eur", "funder", "recipient"} <= set(f) for f in funding)


def test_summary_and_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "leer.txt"
    bad.write_text("", encoding="utf-8")
    good = SEEDS / "004_0bcc7c8f61a2b24f.txt"
    assert main(["extract", str(good), str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(good.name)
    assert "  municipalities (" in out and "    - " in out
    assert "leer.txt" in err


def test_a_decision_names_its_body_as_its_passage_writes_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The scorer resolves a body's surface form through the gold body entry, so the passage's
    own words match under every annotator's naming; the resolved entity stays beside it."""
    assert main(["extract", str(SEEDS / "004_0bcc7c8f61a2b24f.txt"), "--json"]) == 0
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_date = {d["date"]: d for d in record["decisions"]}
    committee = by_date["2012-06-27"]
    assert committee["body"] == "Jugendhilfeausschuss"
    assert committee["body_entity"] == "Jugendhilfeausschuss (Bergkamen)"
    assert committee["body"] in committee["quote"]
