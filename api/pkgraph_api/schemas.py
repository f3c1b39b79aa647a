"""Pydantic models of every JSON response: the stable, documented schemas in OpenAPI.

Records whose JSON form is exactly their fields (``LinkedEntity``, ``Source``) are used as they
are; pydantic reads their schema from the dataclass.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from pkgraph.ask import LinkedEntity, Source


class ErrorBody(BaseModel):
    """Every 4xx/5xx JSON answer."""

    error: str = Field(description="stable machine-readable code, e.g. 'malformed_query'")
    message: str = Field(description="what went wrong, for a person")
    parameter: str | None = Field(None, description="the request parameter at fault, if one is")


class SparqlLimits(BaseModel):
    timeout_s: float
    result_cap: int
    max_query_chars: int
    allow_service: bool
    memory_mb: int = Field(description="heap cap of a query worker (0: none)")


class Health(BaseModel):
    status: str = Field(
        description="'ok' when the stores are open and the search threads warm (200); "
        "'warming' before, or why search cannot start (503)"
    )
    store_open: bool
    triples: int = Field(
        description="quads in the store (all named graphs), counted at most every 10 s"
    )
    documents: int = Field(description="documents with a named graph, counted with the quads")
    embedding_model: str
    search_method: str
    base_iri: str
    sparql: SparqlLimits


# --- /search ----------------------------------------------------------------------------------


class SearchFiltersModel(BaseModel):
    municipality: str | None = Field(None, description="name or AGS; a Kreis includes its towns")
    program: str | None = Field(None, description="program name, alias or key")
    doc_type: str | None = Field(None, description="e.g. Sitzungsvorlage")
    date_from: str | None = Field(None, description="YYYY-MM-DD, inclusive")
    date_to: str | None = Field(None, description="YYYY-MM-DD, inclusive")


class SearchHitModel(BaseModel):
    """One passage: its text, the best sentence (``highlight_*`` offsets into ``text``), and
    its document's metadata; ``start``/``end`` are original offsets in the document."""

    passage_id: str
    passage_iri: str
    document_iri: str
    score: float
    text: str
    start: int
    end: int
    highlight_start: int
    highlight_end: int
    highlight: str
    title: str | None
    reference: str | None
    date: str | None
    doc_type: str | None
    source: str | None
    municipality: str | None
    municipality_iri: str | None
    entities: list[str] = Field(description="IRIs of the entities the passage mentions")


class SearchResponse(BaseModel):
    query: str
    method: str
    k: int
    filters: SearchFiltersModel
    hits: list[SearchHitModel]


# --- /ask -------------------------------------------------------------------------------------


class FactModel(BaseModel):
    kind: str = Field(
        description="participation, funding, decision, event, person, organisation (a body the "
        "passage names, for 'welche Hochschule …') or count (a stated quantity, for 'wie viele …')"
    )
    iri: str
    summary: str = Field(description="the fact's graph values in one line")
    details: dict[str, str | int | float]
    source: Source
    score: float
    link: str = Field(
        description="how the fact is tied to the question: 'fact' (it names a linked entity "
        "or what one stands for), 'passage' (it was read from a passage the search found)"
    )
    reason: str = Field(description="why the fact was chosen, in German")
    leads: bool = Field(
        description="it states the value the question word asks for (a person for 'wer', a "
        "date for 'wann', an amount for 'wie viel', ...): it stands before its passage"
    )
    weight: float = Field(description="how well it answers, whatever its passage's rank")


class PassageEvidenceModel(BaseModel):
    passage: str
    document: str
    title: str | None
    text: str
    score: float
    best_sentences: list[str]
    hit: SearchHitModel
    rank: int = Field(description="1-based rank in the search for the question")
    reason: str = Field(description="why the passage was chosen, in German")


class AnswerItemModel(BaseModel):
    """One line of the ranked answer: a fact or a passage."""

    kind: str = Field(description="'fact' or 'passage'")
    iri: str = Field(description="the fact's or the passage's IRI")
    score: float
    reason: str = Field(description="why it was chosen, in German")
    text: str = Field(description="the fact's summary or the passage's best sentences")
    quote: str = Field(description="the sentence stating the fact, or the passage text")
    passage: str
    document: str
    title: str | None


class AnswerModel(BaseModel):
    """Evidence for a question: nothing here is generated text."""

    question: str
    intents: list[str]
    asks: list[str] = Field(
        description="what the question word wants stated: who, when, amount, where, places"
    )
    entities: list[LinkedEntity]
    items: list[AnswerItemModel] = Field(
        description="facts and passages in one ranking, what answers the question first"
    )
    facts: list[FactModel] = Field(description="the chosen facts, best answer first")
    passages: list[PassageEvidenceModel] = Field(description="the search's passages, in order")


class AskRequest(BaseModel):
    q: str = Field(min_length=1, max_length=1000, description="a question in German")
