"""The sentence of a passage that best matches a query, as offsets into the passage text.

A result shows the whole passage but points the reader at the sentence that answers: the one
sharing most stemmed query words, with the embedding similarity breaking ties (and deciding
when no word is shared, e.g. "Geld" against "Fördermittel ... Euro").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from pkgraph.search.embed import Embedder
from pkgraph.search.lexical import analyze

# A sentence ends at . ! ? ; or : followed by space and an upper-case letter/digit/quote, or
# at a blank line or a line that starts a list item.
_BOUNDARY = re.compile(r"(?<=[.!?;:])\s+(?=[A-ZÄÖÜ0-9„\"(])|\n\s*\n|\n(?=\s*[-•*–]\s)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence of ``text``, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in [*_BOUNDARY.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start = boundary.end() if boundary else len(text)
    return spans


def best_sentence(
    text: str,
    query_tokens: Sequence[str],
    query_vector: np.ndarray | None = None,
    embedder: Embedder | None = None,
) -> tuple[int, int]:
    """Offsets in ``text`` of its best-matching sentence (the whole text if it has none).

    Only sentences tied for the most shared words are embedded: embedding every sentence of
    every hit was most of a search's time (issue 16), and the words decide all other cases.
    """
    spans = sentence_spans(text)
    if not spans:
        return 0, len(text)
    wanted = set(query_tokens)
    overlap = np.asarray([len(wanted & set(analyze(text[s:e]))) for s, e in spans])
    tied = [i for i in range(len(spans)) if overlap[i] == overlap.max()]
    if len(tied) == 1 or query_vector is None or embedder is None:
        return spans[tied[0]]
    vectors = embedder.embed_passages([text[spans[i][0] : spans[i][1]] for i in tied])
    return spans[tied[int(np.argmax(vectors @ query_vector))]]
