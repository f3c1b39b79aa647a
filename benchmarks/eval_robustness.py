"""Extraction quality when the same documents arrive hard-wrapped or OCR-damaged.

Most evaluation documents are text of web pages; users' own papers are often PDFs, whose text
layer breaks every line at the page width, and scans, whose OCR loses umlauts. Each set is
extracted as it is, wrapped (every paragraph broken at ``--width`` characters, half of the long
words that do not fit hyphenated across the break, as PDF text layers do) and OCR-damaged (a
share ``--rate`` of the words damaged with the confusion model of ``pkgraph.ingest.ocr``,
as in ``repair_eval.py``). The gold stays that of the clean text: a damaged person's or
place's name counts as a miss, so the OCR column is a lower bound.

Run: ``HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/eval_robustness.py [--set dev ...]
[--width 60] [--rate 0.1]``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval_sets import counts_of, evaluation_sets
from repair_eval import damage_text

from pkgraph.evaluation.gold import read_gold
from pkgraph.settings import Settings

#: Words longer than this that do not fit are hyphenated at the break (half of them).
HYPHENATED_WORD = 10


def wrapped(text: str, width: int, rng: random.Random) -> str:
    """``text`` with every line broken before ``width`` characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            if line and len(line) + 1 + len(word) > width:
                if len(word) > HYPHENATED_WORD and word.isalpha() and rng.random() < 0.5:
                    cut = len(word) // 2
                    line, word = f"{line} {word[:cut]}-", word[cut:]
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return "\n".join(lines)


def _score(
    docs: Path, gold_file: Path, damage: Callable[[str, int], str], settings: Settings
) -> dict[str, Any]:
    """The scores of the set with each document passed through ``damage`` first."""
    with tempfile.TemporaryDirectory() as folder:
        for number, entry in enumerate(read_gold(gold_file)):
            text = (docs / entry.file).read_text(encoding="utf-8")
            (Path(folder) / entry.file).write_text(damage(text, number), encoding="utf-8")
        return counts_of(Path(folder), gold_file, settings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", default=[], help="only this set (repeatable)")
    parser.add_argument("--width", type=int, default=60, help="line width of the wrapped copy")
    parser.add_argument("--rate", type=float, default=0.1, help="share of OCR-damaged words")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    settings = Settings()
    variants: dict[str, Callable[[str, int], str]] = {
        "as is": lambda text, _n: text,
        f"wrapped at {args.width}": lambda text, n: wrapped(
            text, args.width, random.Random(args.seed + n)
        ),
        f"OCR {args.rate:.0%}": lambda text, n: damage_text(text, args.rate, args.seed + n)[0],
    }
    print(f"{'set':<14}" + "".join(f"{name:>16}" for name in variants), flush=True)
    for name, docs, gold_file in evaluation_sets():
        if args.set and name not in args.set:
            continue
        scores = [_score(docs, gold_file, damage, settings) for damage in variants.values()]
        print(
            f"{name:<14}" + "".join(f"{s['micro']['f1']:>16.3f}" for s in scores),
            flush=True,
        )


if __name__ == "__main__":
    main()
