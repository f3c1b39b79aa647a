"""Extraction quality against a gold facts file, with the matching rules of eval/README.md.

Each document listed in the gold is read from the documents folder through the ingest stage,
extracted, and its facts turned into predicted items per type. A predicted item matches at most
one gold item (maximum one-to-one matching); precision, recall and F1 are computed per type from
summed counts and micro-averaged over all types.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pkgraph.errors import IngestError
from pkgraph.evaluation.gold import GoldDocument, read_gold
from pkgraph.extract import extract_document
from pkgraph.ingest import build_document, read_document
from pkgraph.records import Extraction
from pkgraph.settings import Settings

ITEM_TYPES = (
    "programs", "municipalities", "bodies", "decisions", "funding", "participations", "events",
    "persons", "doc_refs", "dates",
)  # fmt: skip

Item = Any
Matcher = Callable[[Item, Item], bool]


def normalise(text: str | None) -> str | None:
    """Whitespace collapsed to one space and stripped; None stays None."""
    return None if text is None else re.sub(r"\s+", " ", str(text)).strip()


def _folded(text: str | None) -> str | None:
    value = normalise(text)
    return None if value is None else value.casefold()


def _names_of(gold: dict[str, Any]) -> set[str | None]:
    return {_folded(gold.get("name"))} | {_folded(m) for m in gold.get("mentions") or []}


def name_matches(predicted: str | None, gold: dict[str, Any]) -> bool:
    """Predicted name equals the gold name or one of its mentions (case-insensitive)."""
    return predicted is not None and _folded(predicted) in _names_of(gold)


def _same_name(a: str | None, b: str | None) -> bool:
    """Names compared case-insensitively; two unknown (null) values count as the same."""
    return _folded(a) == _folded(b)


def _amounts_agree(predicted: dict[str, Any], gold: dict[str, Any]) -> bool:
    p, g = predicted.get("amount_eur"), gold.get("amount_eur")
    if p is not None and g is not None:
        return abs(float(p) - float(g)) <= 1.0
    return (
        p is None
        and g is None
        and normalise(predicted["amount_text"]) == normalise(gold.get("amount_text"))
    )


MATCHERS: dict[str, Matcher] = {
    "programs": lambda p, g: name_matches(p["name"], g),
    "municipalities": lambda p, g: name_matches(p["name"], g),
    "bodies": lambda p, g: name_matches(p["name"], g),
    "decisions": lambda p, g: _same_name(p["body"], g.get("body")) and p["date"] == g.get("date"),
    "funding": lambda p, g: (
        _amounts_agree(p, g)
        and (
            _same_name(p["funder"], g.get("funder"))
            or _same_name(p["recipient"], g.get("recipient"))
        )
    ),
    "participations": lambda p, g: (
        _same_name(p["municipality"], g.get("municipality"))
        and _same_name(p["program"], g.get("program"))
    ),
    "events": lambda p, g: (
        p["date"] == g.get("date")
        if p["date"] is not None or g.get("date") is not None
        else _same_name(p["name"], g.get("name"))
    ),
    "persons": lambda p, g: _same_name(p["name"], g.get("name")),
    "doc_refs": lambda p, g: normalise(p) == normalise(g),
    "dates": lambda p, g: normalise(p) == normalise(g),
}


def predicted_items(extraction: Extraction) -> dict[str, list[Item]]:
    """The extraction as items shaped like the gold's (string lists deduplicated)."""
    return {
        "programs": [{"name": p.name} for p in extraction.programs],
        "municipalities": [{"name": m.name} for m in extraction.municipalities],
        "bodies": [{"name": b.name} for b in extraction.bodies],
        "decisions": [{"body": d.body, "date": d.date} for d in extraction.decisions],
        "funding": [
            {
                "amount_eur": f.amount_eur,
                "amount_text": f.amount_text,
                "funder": f.funder,
                "recipient": f.recipient,
            }
            for f in extraction.funding
        ],
        "participations": [
            {"municipality": p.municipality, "program": p.program}
            for p in extraction.participations
        ],
        "events": [{"name": e.name, "date": e.date} for e in extraction.events],
        "persons": [{"name": p.name} for p in extraction.persons],
        "doc_refs": list(dict.fromkeys(r.reference for r in extraction.doc_refs)),
        "dates": list(dict.fromkeys(d.iso for d in extraction.dates)),
    }


@dataclass(frozen=True)
class TypeMatch:
    """Matched pairs and the leftovers of one item type in one document."""

    pairs: list[tuple[Item, Item]]
    unmatched_predicted: list[Item]
    unmatched_gold: list[Item]


def match_items(predicted: Sequence[Item], gold: Sequence[Item], matcher: Matcher) -> TypeMatch:
    """Maximum one-to-one matching (augmenting paths) between predicted and gold items."""
    gold_of: dict[int, int] = {}  # gold index -> predicted index

    def assign(p: int, seen: set[int]) -> bool:
        for g in range(len(gold)):
            if g in seen or not matcher(predicted[p], gold[g]):
                continue
            seen.add(g)
            if g not in gold_of or assign(gold_of[g], seen):
                gold_of[g] = p
                return True
        return False

    for p in range(len(predicted)):
        assign(p, set())
    matched_predicted = set(gold_of.values())
    return TypeMatch(
        pairs=[(predicted[p], gold[g]) for g, p in sorted(gold_of.items())],
        unmatched_predicted=[
            item for i, item in enumerate(predicted) if i not in matched_predicted
        ],
        unmatched_gold=[item for i, item in enumerate(gold) if i not in gold_of],
    )


def match_document(gold: GoldDocument, extraction: Extraction) -> dict[str, TypeMatch]:
    """Per item type, how one document's extraction matches its gold."""
    predicted = predicted_items(extraction)
    return {
        item_type: match_items(predicted[item_type], gold.items(item_type), MATCHERS[item_type])
        for item_type in ITEM_TYPES
    }


def _scores(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def score(matches: Sequence[dict[str, TypeMatch]]) -> dict[str, Any]:
    """Per-type and micro-averaged precision/recall/F1 from per-document matches."""
    per_type: dict[str, dict[str, float | int]] = {}
    totals = [0, 0, 0]
    for item_type in ITEM_TYPES:
        tp = sum(len(m[item_type].pairs) for m in matches)
        fp = sum(len(m[item_type].unmatched_predicted) for m in matches)
        fn = sum(len(m[item_type].unmatched_gold) for m in matches)
        per_type[item_type] = {**_scores(tp, fp, fn), "tp": tp, "fp": fp, "fn": fn}
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
    return {"per_type": per_type, "micro": _scores(*totals)}


def extract_gold_documents(
    docs_dir: Path, gold: list[GoldDocument], settings: Settings
) -> list[Extraction]:
    """Read, build and extract every document the gold lists, in gold order."""
    extractions = []
    for entry in gold:
        path = docs_dir / entry.file
        if not path.is_file():
            raise IngestError(str(path), f"listed in the gold (line {entry.line}) but not found")
        raw = read_document(path, settings)
        extractions.append(extract_document(build_document(raw, settings)))
    return extractions


def evaluate_extraction(docs_dir: Path, gold_file: Path) -> dict[str, Any]:
    """Precision, recall and F1 per type and micro-averaged, shaped as eval/README.md asks."""
    settings = Settings.from_env()
    gold = read_gold(gold_file)
    extractions = extract_gold_documents(docs_dir, gold, settings)
    return score([match_document(g, e) for g, e in zip(gold, extractions, strict=True)])


def format_report(result: dict[str, Any]) -> str:
    """A readable table of :func:`evaluate_extraction`'s result."""
    lines = [f"{'type':<15}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for item_type, row in result["per_type"].items():
        lines.append(
            f"{item_type:<15}{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}"
            f"{row['tp']:>6}{row['fp']:>6}{row['fn']:>6}"
        )
    micro = result["micro"]
    lines.append(
        f"{'micro':<15}{micro['precision']:>7.3f}{micro['recall']:>7.3f}{micro['f1']:>7.3f}"
    )
    return "\n".join(lines)
