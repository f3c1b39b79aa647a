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


class Health(BaseModel):
    status: str = Field(description="'ok' when the graph store is open")
    store_open: bool
    triples: int = Field(description="quads in the store (all named graphs)")
    documents: int = Field(description="documents with a named graph")
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
    kind: str = Field(description="participation, funding, decision, event or person")
    iri: str
    summary: str = Field(description="the fact's graph values in one line")
    details: dict[str, str | int | float]
    source: Source
    score: float
    link: str = Field(
        description="how the fact is tied to the question's entities: 'fact' (it names them), "
        "'passage' or 'document' (only its passage or document mentions them)"
    )


class PassageEvidenceModel(BaseModel):
    passage: str
    document: str
    title: str | None
    text: str
    score: float
    best_sentences: list[str]
    hit: SearchHitModel


class AnswerModel(BaseModel):
    """Evidence for a question: nothing here is generated text."""

    question: str
    intents: list[str]
    entities: list[LinkedEntity]
    facts: list[FactModel]
    passages: list[PassageEvidenceModel]


class AskRequest(BaseModel):
    q: str = Field(min_length=1, max_length=1000, description="a question in German")
