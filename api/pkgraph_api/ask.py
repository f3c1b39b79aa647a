"""``GET/POST /ask``: a German question answered with graph facts and passages as evidence,
ranked together (``items``), each with the reason it was chosen."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from pkgraph.ask import answer_question
from pkgraph_api.errors import ApiError
from pkgraph_api.schemas import AnswerModel, AskRequest
from pkgraph_api.search_runner import SearchRunner

router = APIRouter(tags=["ask"])


async def _answer(request: Request, question: str) -> AnswerModel:
    settings = request.app.state.settings
    graph = request.app.state.graph
    runner: SearchRunner = request.app.state.search
    answer = await runner.run(
        lambda index: answer_question(question, settings, graph=graph, index=index), request
    )
    return AnswerModel.model_validate(answer.to_dict())


@router.get("/ask", response_model=AnswerModel, summary="Answer a question with evidence")
async def ask_get(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=1000, description="a question in German")],
) -> AnswerModel:
    return await _answer(request, q)


@router.post("/ask", response_model=AnswerModel, summary="Answer a question (JSON body or ?q=)")
async def ask_post(
    request: Request,
    body: AskRequest | None = None,
    q: Annotated[str | None, Query(min_length=1, max_length=1000)] = None,
) -> AnswerModel:
    question = body.q if body is not None else q
    if question is None:
        raise ApiError(
            422, "invalid_parameter", 'give the question as ?q= or {"q": ...}', parameter="q"
        )
    return await _answer(request, question)
