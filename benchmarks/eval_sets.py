"""Extraction quality on every evaluation set at once, and what a change does to the output.

Rules are kept only when no set loses, so each change is measured on all of them: the samples,
``eval/dev``, ``eval/heldout`` and every blind set under ``eval/blind/`` (built by annotators who
never ran pkgraph; their first-run figures are in docs/EXTRACTION.md).

- ``eval_sets.py`` prints micro F1/P/R and F1 per type for each set, and the blind sets summed.
- ``eval_sets.py --diff REV`` extracts the same documents (and the 124 distractors) with the code
  of git revision REV and with the working tree, and prints every item that appears or disappears.

Run: ``HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/eval_sets.py [--set NAME ...] [--diff HEAD]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pkgraph.evaluation.extraction import (
    extract_gold_documents,
    match_document,
    score,
)
from pkgraph.evaluation.gold import read_gold
from pkgraph.extract.items import ITEM_TYPES
from pkgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "eval"
DISTRACTORS = EVAL / "distractors" / "docs"
IGNORED_FIELDS = {"quote", "start", "end", "evidence", "mentions", "confidence"}


def evaluation_sets() -> Iterator[tuple[str, Path, Path]]:
    """(name, documents folder, gold file) of every set in the repository."""
    yield "seeds", ROOT / "corpus" / "seeds", EVAL / "seeds_gold.jsonl"
    for name in ("dev", "heldout"):
        yield name, EVAL / name / "docs", EVAL / name / "gold.jsonl"
    for folder in sorted((EVAL / "blind").glob("*/")):
        if (folder / "gold.jsonl").is_file():
            yield f"blind/{folder.name}", folder / "docs", folder / "gold.jsonl"


def counts_of(docs: Path, gold_file: Path, settings: Settings) -> dict[str, Any]:
    gold = read_gold(gold_file)
    extractions = extract_gold_documents(docs, gold, settings)
    return score([match_document(g, e) for g, e in zip(gold, extractions, strict=True)])


def summed(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-type and micro scores of several sets, from their summed counts."""

    def f1(tp: int, fp: int, fn: int) -> dict[str, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}

    per_type = {}
    for item_type in ITEM_TYPES:
        tp, fp, fn = (sum(r["per_type"][item_type][k] for r in results) for k in ("tp", "fp", "fn"))
        per_type[item_type] = {**f1(tp, fp, fn), "tp": tp, "fp": fp, "fn": fn}
    totals = [sum(t[k] for t in per_type.values()) for k in ("tp", "fp", "fn")]
    return {"per_type": per_type, "micro": f1(*totals)}


def print_row(name: str, result: dict[str, Any]) -> None:
    micro = result["micro"]
    types = " ".join(f"{t[:5]} {v['f1']:.2f}" for t, v in result["per_type"].items())
    print(
        f"{name:<14} F1 {micro['f1']:.3f} P {micro['precision']:.3f} "
        f"R {micro['recall']:.3f} | {types}",
        flush=True,
    )


def report(selected: list[str]) -> None:
    settings = Settings.from_env()
    blind = []
    for name, docs, gold in evaluation_sets():
        if selected and name not in selected:
            continue
        result = counts_of(docs, gold, settings)
        print_row(name, result)
        if name.startswith("blind/"):
            blind.append(result)
    if len(blind) > 1:
        print_row("blind (all)", summed(blind))


def extract_outputs(source: Path, folders: list[Path]) -> dict[tuple[str, str], dict[str, Any]]:
    """``pkgraph extract --json`` of each folder with the package under ``source``/src."""
    env = {**os.environ, "PYTHONPATH": str(source / "src"), "HF_HUB_OFFLINE": "1"}
    outputs = {}
    for folder in folders:
        lines = subprocess.run(
            [sys.executable, "-m", "pkgraph.cli", "extract", str(folder), "--json"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.splitlines()
        for line in lines:
            record = json.loads(line)
            outputs[(str(folder.relative_to(ROOT)), record["file"])] = record
    return outputs


def item_key(item: Any) -> str:
    if not isinstance(item, dict):
        return json.dumps(item, ensure_ascii=False)
    kept = {k: v for k, v in item.items() if k not in IGNORED_FIELDS}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False)


def diff(revision: str, selected: list[str]) -> None:
    folders = [docs for name, docs, _ in evaluation_sets() if not selected or name in selected]
    folders.append(DISTRACTORS)
    with tempfile.TemporaryDirectory() as tmp:
        worktree = Path(tmp) / "base"
        git = ["git", "-C", str(ROOT)]
        subprocess.run([*git, "worktree", "add", "--detach", str(worktree), revision], check=True)
        try:
            before = extract_outputs(worktree, folders)
        finally:
            subprocess.run([*git, "worktree", "remove", "--force", str(worktree)], check=True)
    after = extract_outputs(ROOT, folders)
    changes = 0
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key, {}), after.get(key, {})
        for field in ("doc_type", *ITEM_TYPES):
            was = {item_key(i) for i in _as_list(old.get(field))}
            now = {item_key(i) for i in _as_list(new.get(field))}
            for sign, items in (("-", was - now), ("+", now - was)):
                for item in sorted(items):
                    print(f"{key[0]} {key[1][:40]} {field} {sign} {item[:220]}")
                    changes += 1
    print(f"{changes} changes against {revision}")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", default=[], help="only this set (repeatable)")
    parser.add_argument("--diff", metavar="REV", help="compare extraction output with git REV")
    args = parser.parse_args()
    if args.diff:
        diff(args.diff, args.set)
    else:
        report(args.set)


if __name__ == "__main__":
    main()
