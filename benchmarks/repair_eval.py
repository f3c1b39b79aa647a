"""Measured OCR-repair rates on held-apart text.

Correct German text (the clean sample documents, never the OCR-damaged 001) is damaged with the
OCR confusion model of ``pkgraph.ingest.ocr`` at a known rate with a fixed seed; the repair then
runs on it and every word is compared with the original:

- correction rate: damaged words restored exactly (and ignoring case);
- false-correction rate: correct words changed;
- precision: changes that restored the original word / all changes.

Also: how many frequent German words (wordfreq's top list) the repair would change, and what
it makes of the damages named for sample 001.

    .venv/bin/python benchmarks/repair_eval.py [--rate 0.15] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from pathlib import Path

from wordfreq import top_n_list

from pkgraph.ingest.edits import apply_edits, identity_offsets
from pkgraph.ingest.ocr import damage_word, german_lexicon, ocr_edits, repair_word
from pkgraph.ingest.repair import repair_text

ROOT = Path(__file__).resolve().parents[1]
CLEAN_SAMPLES = ("000_926e73689645af8e.txt", "002_a1f5b0cbbc1d22bb.txt",
                 "003_982e31faa310d561.txt", "004_0bcc7c8f61a2b24f.txt")  # fmt: skip
DAMAGED_SAMPLE = "001_913ea547a9c01a34.txt"
#: The damages the issue names for sample 001, with the words that were printed.
NAMED_DAMAGES = {
    "Praventionsketten": "Präventionsketten",
    "Aktivitdten": "Aktivitäten",
    "MalRnahmen": "Maßnahmen",
    "Férdervoraussetzungen": "Fördervoraussetzungen",
    "Blrgermeisterkonferenz": "Bürgermeisterkonferenz",
    "flir": "für",
    "Gber": "über",
}
WORD = re.compile(r"[^\W\d_]+")


def damage_text(text: str, rate: float, seed: int) -> tuple[str, dict[int, str]]:
    """The text with a share ``rate`` of its words (3+ letters) damaged; damaged word index ->
    original word."""
    rng = random.Random(seed)
    pieces: list[str] = []
    damaged: dict[int, str] = {}
    position = 0
    for index, m in enumerate(WORD.finditer(text)):
        pieces.append(text[position : m.start()])
        word = m.group()
        replacement = damage_word(word, rng) if len(word) >= 3 and rng.random() < rate else None
        if replacement is not None:
            damaged[index] = word
        pieces.append(replacement or word)
        position = m.end()
    pieces.append(text[position:])
    return "".join(pieces), damaged


def evaluate(texts: list[str], rate: float, seed: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    for number, clean in enumerate(texts):
        damaged_text, damaged = damage_text(clean, rate, seed + number)
        edits = ocr_edits(damaged_text)
        repaired, _, _ = apply_edits(
            damaged_text, damaged_text, identity_offsets(len(damaged_text)), edits
        )
        originals = WORD.findall(clean)
        repaired_words = WORD.findall(repaired)
        read_words = WORD.findall(damaged_text)
        assert len(originals) == len(repaired_words) == len(read_words)
        for index, (original, read, result) in enumerate(
            zip(originals, read_words, repaired_words, strict=True)
        ):
            changed = result != read
            counts["changes"] += changed
            if index in damaged:
                counts["damaged"] += 1
                counts["restored"] += result == original
                counts["restored_ignoring_case"] += result.casefold() == original.casefold()
            else:
                counts["correct"] += 1
                counts["false_corrections"] += changed
            counts["right_changes"] += changed and result == original
    return counts


def lexicon_false_corrections(size: int) -> tuple[int, int, list[tuple[str, str]]]:
    """How many of the ``size`` most frequent German words the repair would change."""
    lexicon = german_lexicon()
    changed = []
    words = [w for w in top_n_list("de", size) if WORD.fullmatch(w) and len(w) >= 3]
    for word in words:
        for form in (word, word.capitalize()):
            result = repair_word(form, sentence_initial=False, lexicon=lexicon)
            if result is not None:
                changed.append((form, result.after))
    return len(changed), 2 * len(words), changed


def named_damages() -> list[tuple[str, str, int, int]]:
    """Per named damage in sample 001: occurrences and how many became the printed word."""
    repaired = repair_text((ROOT / "corpus" / "seeds" / DAMAGED_SAMPLE).read_text("utf-8"))
    rows = []
    for read, printed in NAMED_DAMAGES.items():
        fixed = total = 0
        for m in re.finditer(rf"(?<!\w){re.escape(read)}(?!\w)", repaired.original):
            total += 1
            start = repaired.offsets.index(m.start()) if m.start() in repaired.offsets else -1
            word = WORD.match(repaired.text, start) if start >= 0 else None
            fixed += word is not None and word.group() == printed
        rows.append((read, printed, fixed, total))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=0.15)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--lexicon-words", type=int, default=20000)
    args = parser.parse_args()
    texts = [(ROOT / "corpus" / "seeds" / name).read_text("utf-8") for name in CLEAN_SAMPLES]
    c = evaluate(texts, args.rate, args.seed)
    print(f"held-apart text: {', '.join(CLEAN_SAMPLES)}; damage rate {args.rate}, seed {args.seed}")
    print(f"  words: {c['damaged'] + c['correct']}, damaged: {c['damaged']}")
    print(
        f"  correction rate:        {c['restored'] / c['damaged']:.3f} "
        f"({c['restored']}/{c['damaged']}; ignoring case "
        f"{c['restored_ignoring_case'] / c['damaged']:.3f})"
    )
    print(
        f"  false-correction rate:  {c['false_corrections'] / c['correct']:.4f} "
        f"({c['false_corrections']}/{c['correct']})"
    )
    print(
        f"  precision of changes:   {c['right_changes'] / max(1, c['changes']):.3f} "
        f"({c['right_changes']}/{c['changes']})"
    )
    changed, total, examples = lexicon_false_corrections(args.lexicon_words)
    print(
        f"top {args.lexicon_words} German words (lower + capitalised): {changed}/{total} "
        f"would be changed ({changed / total:.4f}); e.g. {examples[:12]}"
    )
    print(f"named damages in {DAMAGED_SAMPLE}:")
    for read, printed, fixed, total in named_damages():
        print(f"  {read:24} -> {printed:24} fixed {fixed}/{total}")


if __name__ == "__main__":
    main()
