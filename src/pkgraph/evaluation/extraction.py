"""Extraction quality against a gold facts file, with the matching rules of eval/README.md.

Each document listed in the gold is read from the documents folder through the ingest stage,
extracted, and its facts turned into predicted items per type. A predicted item matches at most
one gold item (maximum one-to-one matching); precision, recall and F1 are computed per type from
summed counts and micro-averaged over all types.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pkgraph.errors import IngestError
from pkgraph.evaluation.gold import GoldDocument, read_gold
from pkgraph.extract import extract_document
from pkgraph.extract.items import ITEM_TYPES, extraction_items
from pkgraph.ingest import build_document, read_document
from pkgraph.records import Extraction
from pkgraph.settings import Settings

Item = Any
Matcher = Callable[[Item, Item], bool]


_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_QUOTES = re.compile("[\u201e\u201c\u201d\u201a\u2018\u2019\u00ab\u00bb\"'`\u00b4]")

# The state as a party counts as one name (eval/README.md).
STATE_NAMES = frozenset(
    {
        "land nordrhein-westfalen",
        "land nrw",
        "landesregierung nordrhein-westfalen",
        "landesregierung nrw",
        "nrw-landesregierung",
        "landesregierung",
    }
)


def normalise(text: str | None) -> str | None:
    """Whitespace collapsed to one space and stripped; None stays None."""
    return None if text is None else re.sub(r"\s+", " ", str(text)).strip()


def fold(text: str | None) -> str | None:
    """A name as the matching rules compare it: NFC, case-folded, whitespace collapsed, every
    dash read as "-", quotation marks removed."""
    if text is None:
        return None
    value = unicodedata.normalize("NFC", str(text)).translate(_DASHES)
    return normalise(_QUOTES.sub("", value).casefold())


def _names_of(gold: dict[str, Any]) -> set[str | None]:
    return {fold(gold.get("name"))} | {fold(m) for m in gold.get("mentions") or []}


def name_matches(predicted: str | None, gold: dict[str, Any]) -> bool:
    """Predicted name equals the gold name or one of its mentions (after :func:`fold`)."""
    return predicted is not None and fold(predicted) in _names_of(gold)


@dataclass(frozen=True)
class GoldEntities:
    """The names each entity of one gold document goes by, to resolve names inside facts.

    A name inside a decision, funding or participation matches the gold value, or any name or
    mention of the program, municipality or body entry that the gold value names.
    """

    names: dict[str, frozenset[str]]

    @classmethod
    def of(cls, gold: GoldDocument | None) -> GoldEntities:
        names: dict[str, set[str]] = {}
        for item_type in ("programs", "municipalities", "bodies"):
            for entry in gold.items(item_type) if gold else []:
                known = {n for n in _names_of(entry) if n}
                for name in known:
                    names.setdefault(name, set()).update(known)
        return cls({key: frozenset(value) for key, value in names.items()})

    def accepts(self, predicted: str | None, gold_value: str | None) -> bool:
        """Whether the predicted name inside a fact matches the gold value (both None too)."""
        p, g = fold(predicted), fold(gold_value)
        if p is None or g is None:
            return p is None and g is None
        if p == g or (p in STATE_NAMES and g in STATE_NAMES):
            return True
        return p in self.names.get(g, ())


def _amounts_agree(predicted: dict[str, Any], gold: dict[str, Any]) -> bool:
    p, g = predicted.get("amount_eur"), gold.get("amount_eur")
    if p is not None and g is not None:
        return abs(float(p) - float(g)) <= 1.0
    return (
        p is None and g is None and fold(predicted["amount_text"]) == fold(gold.get("amount_text"))
    )


def _party_matches(entities: GoldEntities, predicted: Item, gold: Item) -> bool:
    """The funder or the recipient matches: a named party equal to the gold's (an unknown
    party matches nothing, unless the gold names neither party and neither does the
    prediction)."""
    named = [role for role in ("funder", "recipient") if gold.get(role) is not None]
    if not named:
        return predicted["funder"] is None and predicted["recipient"] is None
    return any(entities.accepts(predicted[role], gold[role]) for role in named)


def matchers(entities: GoldEntities) -> dict[str, Matcher]:
    """The matching rule of every item type, resolving names through one document's gold."""
    same = entities.accepts
    return {
        "programs": lambda p, g: name_matches(p["name"], g),
        "municipalities": lambda p, g: name_matches(p["name"], g),
        "bodies": lambda p, g: name_matches(p["name"], g),
        "decisions": lambda p, g: same(p["body"], g.get("body")) and p["date"] == g.get("date"),
        "funding": lambda p, g: _amounts_agree(p, g) and _party_matches(entities, p, g),
        "participations": lambda p, g: (
            same(p["municipality"], g.get("municipality")) and same(p["program"], g.get("program"))
        ),
        "events": lambda p, g: (
            p["date"] == g.get("date")
            if p["date"] is not None or g.get("date") is not None
            else same(p["name"], g.get("name"))
        ),
        "persons": lambda p, g: fold(p["name"]) == fold(g.get("name")),
        "doc_refs": lambda p, g: fold(p) == fold(g),
        "dates": lambda p, g: fold(p) == fold(g),
    }


MATCHERS: dict[str, Matcher] = matchers(GoldEntities({}))  # rules without a document's entities


def predicted_items(extraction: Extraction) -> dict[str, list[Item]]:
    """The extraction as items shaped like the gold's (see :mod:`pkgraph.extract.items`)."""
    record = extraction_items(extraction)
    return {item_type: record[item_type] for item_type in ITEM_TYPES}


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
    rules = matchers(GoldEntities.of(gold))
    return {
        item_type: match_items(predicted[item_type], gold.items(item_type), rules[item_type])
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


def evaluate_extraction(
    docs_dir: Path, gold_file: Path, *, per_document: bool = False
) -> dict[str, Any]:
    """Precision, recall and F1 per type and micro-averaged, shaped as eval/README.md asks;
    with ``per_document``, also every document's misses and false facts."""
    settings = Settings.from_env()
    gold = read_gold(gold_file)
    extractions = extract_gold_documents(docs_dir, gold, settings)
    matches = [match_document(g, e) for g, e in zip(gold, extractions, strict=True)]
    result = score(matches)
    if per_document:
        result["documents"] = [
            document_errors(g.file, m) for g, m in zip(gold, matches, strict=True)
        ]
    return result


def _brief(item: Item) -> Item:
    """An item without its evidence offsets, for reading in a report."""
    if not isinstance(item, dict):
        return item
    return {k: v for k, v in item.items() if k not in {"start", "end", "mentions"}}


def document_errors(file: str, matches: dict[str, TypeMatch]) -> dict[str, Any]:
    """One document's misses (gold not found) and false facts (predicted, not in the gold)."""
    return {
        "file": file,
        "misses": {
            t: [_brief(i) for i in m.unmatched_gold] for t, m in matches.items() if m.unmatched_gold
        },
        "false": {
            t: [_brief(i) for i in m.unmatched_predicted]
            for t, m in matches.items()
            if m.unmatched_predicted
        },
    }


def _format_item(item: Item) -> str:
    if not isinstance(item, dict):
        return str(item)
    shown = {k: v for k, v in item.items() if v is not None and k not in {"quote", "mentions"}}
    return ", ".join(f"{k}={v!r}" if isinstance(v, str) else f"{k}={v}" for k, v in shown.items())


def format_report(result: dict[str, Any]) -> str:
    """A readable table of :func:`evaluate_extraction`'s result (and its per-document errors)."""
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
    for document in result.get("documents", []):
        if not document["misses"] and not document["false"]:
            continue
        lines.append(f"\n{document['file']}")
        for label, key in (("miss", "misses"), ("false", "false")):
            for item_type, items in document[key].items():
                lines.extend(f"  {label:<5} {item_type:<14} {_format_item(i)}" for i in items)
    return "\n".join(lines)
