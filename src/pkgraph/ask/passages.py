"""The passages of an answer: the hybrid search's ranking, each with its best sentences.

The search runs over the whole index, as ``/search`` without filters does: a linked entity
counts in the ranking of facts (``ranking``) instead of excluding passages whose document the
graph does not tie to it — and a filter would list every passage id, linear in the index.
"""

from __future__ import annotations

from collections.abc import Sequence

from pkgraph.ask.records import PassageEvidence, one_line
from pkgraph.ask.statements import SENTENCE_END
from pkgraph.graph.store import GraphStore
from pkgraph.search.index import SearchIndex
from pkgraph.search.service import SearchHit, search_passages
from pkgraph.settings import Settings

MAX_PASSAGES = 10
MAX_SENTENCES = 2


def best_sentences(text: str, stems: Sequence[str], limit: int = MAX_SENTENCES) -> tuple[str, ...]:
    """The passage's sentences that contain most question words, in text order."""
    sentences = [s.strip() for s in SENTENCE_END.split(text) if s.strip()]
    scored = [(sum(stem in s.casefold() for stem in stems), i) for i, s in enumerate(sentences)]
    chosen = sorted(i for score, i in sorted(scored, reverse=True)[:limit] if score > 0)
    return tuple(one_line(sentences[i]) for i in chosen)


def _evidence(hit: SearchHit, rank: int, stems: Sequence[str]) -> PassageEvidence:
    """The hit with its best sentences: the search's own highlight first, then question words."""
    sentences = [hit.highlight.strip()] if hit.highlight.strip() else []
    sentences += [s for s in best_sentences(hit.text, stems) if s not in sentences]
    return PassageEvidence(
        passage=hit.passage_iri,
        document=hit.document_iri,
        title=hit.title,
        text=hit.text,
        score=hit.score,
        best_sentences=tuple(one_line(s) for s in sentences[:MAX_SENTENCES]),
        hit=hit.to_dict(),
        rank=rank,
    )


def find_passages(
    query: str,
    settings: Settings,
    stems: Sequence[str],
    *,
    graph: GraphStore,
    index: SearchIndex | None = None,
    k: int = MAX_PASSAGES,
) -> list[PassageEvidence]:
    """The ``k`` best passages for the (abbreviation-expanded) question, best first."""
    hits = search_passages(query, settings, k=k, index=index, graph=graph)
    return [_evidence(hit, rank, stems) for rank, hit in enumerate(hits, 1)]
