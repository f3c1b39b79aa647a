"""The sentence of a passage that best matches a query, as offsets into the passage text.

A result shows the whole passage but points the reader at the sentence that answers: the one
sharing most stemmed query words or words the genre uses for them.
"""

from __future__ import annotations

import re

from pkgraph.search.analysis import QueryTerms, analyze, char_grams

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


def best_sentence(text: str, terms: QueryTerms) -> tuple[int, int]:
    """Offsets in ``text`` of its best-matching sentence (the whole text if it has none).

    Words only, never an embedding: embedding the sentences of every hit was most of a
    search's time (issue 16). A sentence scores its shared query stems, plus half for each
    stem the genre thesaurus relates to the query ("Geld" -> "Euro", "Mittel"); shared
    character grams (inflections, OCR damage) break ties, then the earlier sentence wins.
    ``terms`` are the query's, analysed once for all hits; grams are read only from the
    sentences tied for the most stems.
    """
    spans = sentence_spans(text)
    if not spans:
        return 0, len(text)
    wanted, related = set(terms.tokens), set(terms.related)

    def shared(span: tuple[int, int]) -> float:
        words = set(analyze(text[span[0] : span[1]]))
        return len(wanted & words) + 0.5 * len(related & words)

    scores = [shared(span) for span in spans]
    best = max(scores)
    tied = [span for span, score in zip(spans, scores, strict=True) if score == best]
    if len(tied) == 1:
        return tied[0]
    grams = set(terms.grams)
    # max keeps the first of equal scores
    return max(tied, key=lambda span: len(grams & set(char_grams(text[span[0] : span[1]]))))
