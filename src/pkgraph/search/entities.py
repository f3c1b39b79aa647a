"""The entities channels: passages whose document names what the question names, and, for a
question asking for a list of places, passages that list places.

At index time each document stores the keys of the programs and municipalities extraction
found in it (``program:<key>``, ``ags:<AGS>``). At query time the question is read by the same
finders extraction uses (pkgraph.extract.programs / municipalities), and a candidate scores the
share of the question's entities its document names: one dictionary lookup per candidate.

Measured among distractors (docs/SEARCH.md): the document's entities beat the passage's own;
scoring the passage's entities (alone, or half and half with the document's) did not help the
tune questions and was worse on the seed questions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from pkgraph.extract.municipalities import find_municipality_hits
from pkgraph.extract.programs import find_program_hits
from pkgraph.records import Extraction, ags_key


def _program_keys(key: str, parent_key: str | None) -> set[str]:
    return {f"program:{k}" for k in (key, parent_key) if k}


def document_entities(extraction: Extraction | None) -> frozenset[str]:
    """The entity keys extraction found anywhere in a document."""
    if extraction is None:
        return frozenset()
    keys = {ags_key(m.ags) for m in extraction.municipalities if m.mentions}
    for program in extraction.programs:
        if program.mentions:
            keys |= _program_keys(program.key, program.parent_key)
    return frozenset(keys)


def question_entities(question: str) -> frozenset[str]:
    """The program and municipality keys the question names, read as extraction reads text."""
    keys = {ags_key(hit.ags) for hit in find_municipality_hits(question)}
    for hit in find_program_hits(question, None):
        keys |= _program_keys(hit.key, hit.parent_key)
    return frozenset(keys)


def entity_scores(
    wanted: frozenset[str], candidates: Sequence[str], entities: Mapping[str, frozenset[str]]
) -> np.ndarray:
    """Per candidate: the share of ``wanted`` its document names (0 when ``wanted`` is empty)."""
    scores = np.zeros(len(candidates), dtype=np.float32)
    if wanted:
        for i, pid in enumerate(candidates):
            scores[i] = len(wanted & entities.get(pid, frozenset())) / len(wanted)
    return scores


#: "Welche Kommunen/Städte/Kreise ...": the question asks for a list of places.
_LIST_QUESTION = re.compile(
    r"\bwelche[nrs]?\s+(?:\w+\s+)?(?:Kommunen|Städte|Kreise|Gemeinden|Modellkommunen|"
    r"Standorte|Jugendämter|Teilnehmer)\b",
    re.IGNORECASE,
)
#: Places a passage must name to count as a full list.
LIST_PLACES = 6


def asks_for_places(question: str) -> bool:
    return bool(_LIST_QUESTION.search(question))


def place_list_scores(texts: Sequence[str]) -> np.ndarray:
    """Per candidate text: how far it is a list of places (distinct municipalities it names,
    up to :data:`LIST_PLACES`): the passage that answers "Welche Kommunen ..." lists them."""
    return (
        np.asarray(
            [min(len({h.ags for h in find_municipality_hits(t)}), LIST_PLACES) for t in texts],
            dtype=np.float32,
        )
        / LIST_PLACES
    )


def encode(keys: frozenset[str]) -> str:
    return " ".join(sorted(keys))


def decode(text: str) -> frozenset[str]:
    return frozenset(text.split())
