"""What :class:`~pkgraph.search.index.SearchIndex` needs of the store behind it.

One interface, two implementations: the embedded default (``embedded.py``: SQLite rows, faiss
vectors, bm25s channels in files under ``search/``) and a search engine that scales out
(``milvus_backend.py``: the same rows, vectors and BM25 channels in Milvus collections). The
index analyses passages and fuses the channels (``hybrid.py``) the same way for both, so both
rank alike; a backend only stores and retrieves.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from pkgraph.search.embed import Embedder
from pkgraph.search.ranking import Ranked

#: The index's embedder, loaded when a backend first asks for it.
EmbedderSource = Callable[[], Embedder]
#: Per candidate passage id, each channel's score (arrays aligned with the candidates).
Channels = tuple[list[str], dict[str, np.ndarray]]


@dataclass(frozen=True)
class PassageRow:
    """A passage as indexed: its searchable text and that text's analysed tokens."""

    passage_id: str
    doc_id: str
    text: str
    tokens: str  # ``analysis.analyze`` of the text, joined by spaces

    def as_tuple(self) -> tuple[str, str, str, str]:
        return (self.passage_id, self.doc_id, self.text, self.tokens)


@dataclass(frozen=True)
class SavedState:
    """What a backend holds beside its passage rows (pkgraph.consistency)."""

    #: Passage ids whose saved vectors match their text.
    vector_ids: set[str]
    #: Whether the saved BM25 channels are those of the current passages.
    lexical_current: bool


class SearchBackend(Protocol):
    """Passages with their vectors and lexical entries, searchable by channel."""

    def passage_ids(self, doc_id: str | None = None) -> list[str]:
        """Stored passage ids (of one document if given), sorted."""
        ...

    def passages_of(self, doc_ids: Collection[str]) -> list[str]:
        """The passage ids of those documents (filters: the documents the graph selected)."""
        ...

    def texts(self, passage_ids: Iterable[str]) -> dict[str, str]: ...

    def count(self) -> int: ...

    def entities(self) -> dict[str, frozenset[str]]:
        """Per passage id, the entity keys extraction found in the passage's document."""
        ...

    def entities_of(self, passage_ids: Sequence[str]) -> Mapping[str, frozenset[str]]:
        """The :meth:`entities` of ``passage_ids`` (passages without entities may be absent)."""
        ...

    def replace(self, doc_id: str, rows: Sequence[PassageRow], entities: frozenset[str]) -> None:
        """Store ``rows`` as all of ``doc_id``'s passages, in place of what it had."""
        ...

    def remove(self, doc_id: str) -> None: ...

    def commit(self) -> None:
        """Make the passage rows written so far durable (ingest commits each document)."""
        ...

    def save(self) -> None:
        """Make every change so far durable."""
        ...

    def saved_state(self) -> SavedState:
        """What is durable beside the rows, read without loading the model."""
        ...

    def close(self) -> None: ...

    def warm_up(self) -> None: ...

    def dense_search(
        self, vector: np.ndarray, k: int, allowed: frozenset[str] | None
    ) -> Ranked: ...

    def channels(
        self, query: str, vector: np.ndarray | None, depth: int, allowed: frozenset[str] | None
    ) -> Channels:
        """Candidates and their scores in the words, grams, documents (and dense) channels.

        Candidates: the ``depth`` best passages (among ``allowed``) of the words and of the
        grams channel and, given ``vector``, of the dense channel; each is scored by every
        channel, ``dense`` only when ``vector`` is given. Candidates come sorted by id.
        """
        ...
