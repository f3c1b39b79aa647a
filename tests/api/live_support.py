"""Helpers of the live-update tests: a council document named by one marker word, and what the
running service answers about it."""

from __future__ import annotations

import httpx

from pkgraph.ingest.identity import doc_id_for

COUNT_DOCUMENTS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a pk:Document }"


def council_text(marker: str, euros: str = "45.000") -> str:
    """A Sitzungsvorlage whose title, decision and funding quote all name ``marker``."""
    return (
        f"Betreff\n{marker} Bericht zur Förderung\nVorlage\nSV-9-9999\nArt\nSitzungsvorlage\n\n"
        "Beschlussvorschlag:\n\nDer Rat der Stadt Coesfeld beschließt die Teilnahme an der "
        f"Landesinitiative „Kommunale Präventionsketten“ mit dem Vorhaben {marker}.\n\n"
        f"Begründung:\n\nFür das Vorhaben {marker} erhält die Stadt Coesfeld aus dem Programm "
        f"„Kommunale Präventionsketten“ eine Förderung in Höhe von {euros} Euro für das Jahr "
        f"2024. Das Vorhaben {marker} stärkt die Prävention in Coesfeld und wird vom Jugendamt "
        "begleitet.\n"
    )


def document_path(source: str) -> str:
    return f"/id/document/{doc_id_for(source)}"


def count_documents(http: httpx.Client) -> int:
    answer = http.get(
        "/sparql",
        params={"query": COUNT_DOCUMENTS},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert answer.status_code == 200, answer.text
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def search_hits(http: httpx.Client, query: str, source: str) -> list[dict[str, str]]:
    """The lexical hits in the document ``source`` (character grams find others too)."""
    answer = http.get("/search", params={"q": query, "method": "lexical", "k": 10})
    assert answer.status_code == 200, answer.text
    hits: list[dict[str, str]] = answer.json()["hits"]
    return [hit for hit in hits if hit["document_iri"].endswith(document_path(source))]


def document_page(http: httpx.Client, source: str) -> httpx.Response:
    return http.get(document_path(source), headers={"Accept": "text/html"})
