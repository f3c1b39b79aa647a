"""``/ask`` over HTTP: the same evidence as the library, as JSON with a stable schema."""

from __future__ import annotations

import httpx
import pytest

QUESTIONS = (
    "Welche Kommunen nehmen an Kein Kind zurücklassen teil?",
    "Wie hoch war die Förderung für den Kreis Unna?",
    "Wann hat der Kreistag Coesfeld dem Leitbild zugestimmt?",
)


@pytest.mark.parametrize("question", QUESTIONS)
def test_get_answers_with_facts_and_sources(client: httpx.Client, question: str) -> None:
    response = client.get("/ask", params={"q": question})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["question"] == question
    assert body["entities"] and body["facts"] and body["passages"]
    assert body["items"] and all(item["reason"] for item in body["items"])
    shown = {item["iri"] for item in body["items"]}
    assert {f["iri"] for f in body["facts"]} <= shown
    assert {p["passage"] for p in body["passages"]} <= shown
    for fact in body["facts"]:
        assert fact["link"] in ("fact", "passage")
        assert fact["reason"]
        source = fact["source"]
        assert source["quote"] and source["end"] > source["start"]
        assert source["passage"].startswith(source["document"].replace("/document/", "/passage/"))
    for passage in body["passages"]:
        assert passage["hit"]["passage_iri"] == passage["passage"]


def test_an_amount_question_leads_with_the_funding_fact(client: httpx.Client) -> None:
    body = client.get("/ask", params={"q": QUESTIONS[1]}).json()
    assert body["asks"] == ["amount"] and body["intents"] == ["funding"]
    best = body["facts"][0]
    assert best["kind"] == "funding" and best["leads"]
    order = [item["iri"] for item in body["items"]]
    assert order.index(best["iri"]) + 1 == order.index(best["source"]["passage"])


def test_post_json_and_query_agree(client: httpx.Client) -> None:
    question = QUESTIONS[1]
    by_body = client.post("/ask", json={"q": question})
    by_query = client.post("/ask", params={"q": question})
    assert by_body.status_code == by_query.status_code == 200
    facts = [f["iri"] for f in by_body.json()["facts"]]
    assert facts == [f["iri"] for f in by_query.json()["facts"]]


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("GET", {}),
        ("GET", {"params": {"q": ""}}),
        ("GET", {"params": {"q": "x" * 1001}}),
        ("POST", {}),
        ("POST", {"json": {"q": ""}}),
        ("POST", {"json": {"frage": "Wer?"}}),
    ],
)
def test_missing_or_bad_question_is_422(
    client: httpx.Client, method: str, kwargs: dict[str, object]
) -> None:
    response = client.request(method, "/ask", **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "invalid_parameter"
    assert body["parameter"] in ("q", "q.q", "body", "body.q")
