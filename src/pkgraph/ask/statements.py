"""The sentence that states a fact: what an answer shows around the fact's evidence quote.

The extracted evidence is the shortest span that carries the fact ("gehören Bochum,
Bottrop"); a reader needs the sentence it stands in ("Zu den Kommunen, die 2017 neu
aufgenommen wurden, gehören Bochum, Bottrop, Herne …"). The sentence is cut from the stored
passage text at the evidence's original offsets, so it is a quote of the source too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pkgraph.ask.records import one_line
from pkgraph.extract.decision_text import VOTE_WINDOW, parse_vote
from pkgraph.graph.store import GraphStore

#: A sentence ends after ".", "!" or "?" before a capital or digit — not after a day or an
#: ordinal ("seit dem 1. Juni 2025", "die 2. Förderstaffel") — or at a blank line.
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b\d\.)(?<!\b\d\d\.)\s+(?=[\"„»(]?[A-ZÄÖÜ0-9])|\n\s*\n")
#: a sentence longer than this is cut to a window of about this size around the evidence
MAX_STATEMENT = 600
#: how many sentences after a decision may hold its vote
VOTE_SENTENCES = 3

_PASSAGES_QUERY = """
SELECT ?passage ?start ?text WHERE {{
  VALUES ?passage {{ {passages} }}
  ?passage pk:text ?text ; pk:startOffset ?start .
}}
"""


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets in ``text`` of the sentence(s) that hold ``[start, end)``."""
    begin, finish = 0, len(text)
    for boundary in SENTENCE_END.finditer(text):
        if boundary.end() <= start:
            begin = boundary.end()
        elif boundary.start() >= end:
            finish = boundary.start()
            break
    if finish - begin > MAX_STATEMENT:
        margin = max(0, (MAX_STATEMENT - (end - start)) // 2)
        begin, finish = max(begin, start - margin), min(finish, end + margin)
    return begin, finish


def statement(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around ``[start, end)``, on one line."""
    begin, finish = sentence_bounds(text, max(0, start), min(len(text), end))
    return one_line(text[begin:finish])


def _sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every sentence of ``text``."""
    bounds, begin = [], 0
    for boundary in SENTENCE_END.finditer(text):
        bounds.append((begin, boundary.start()))
        begin = boundary.end()
    return [*bounds, (begin, len(text))]


def vote_statement(text: str, start: int, end: int) -> str:
    """A decision's sentence and the nearest sentence that states its vote ("Ja: 11, Nein: 0,
    Enthaltungen: 0", "einstimmig beschlossen"): minutes write the result on a line of its
    own, after the decision text or, in extracts of a session, before it. Distances count
    from the decision's end (after it) and start (before it): a long decision text does not
    push its result line out of reach."""
    shown = statement(text, start, end)
    spans = _sentences(text)
    first = next((i for i, (_, finish) in enumerate(spans) if finish >= start), len(spans) - 1)
    last = next((i for i, (_, finish) in enumerate(spans) if finish >= end), len(spans) - 1)
    nearby = [(last + step, True) for step in range(1, VOTE_SENTENCES + 1)]
    nearby += [(first - step, False) for step in range(1, VOTE_SENTENCES + 1)]
    for index, after in nearby:
        if not 0 <= index < len(spans):
            continue
        begin, finish = spans[index]
        distance = begin - end if after else start - finish
        if distance <= VOTE_WINDOW and parse_vote(text[begin:finish]) is not None:
            vote = one_line(text[begin:finish])
            return f"{shown} … {vote}" if after else f"{vote} … {shown}"
    return shown


def passage_texts(graph: GraphStore, passages: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Each passage IRI's original start offset and text (one query)."""
    wanted = sorted(set(passages))
    if not wanted:
        return {}
    rows = graph.select(_PASSAGES_QUERY.format(passages=" ".join(f"<{p}>" for p in wanted)))
    return {str(row["passage"]): (int(str(row["start"])), str(row["text"])) for row in rows}
