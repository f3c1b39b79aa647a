"""Citations of documents, passages and facts on the sample build, in text, BibTeX and CSL-JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace

import pytest

from pkgraph.citations import cite
from pkgraph.graph.store import GraphStore
from pkgraph.settings import Settings

TODAY = dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def store(sample_build: Settings) -> Iterator[GraphStore]:
    with GraphStore.open(sample_build, read_only=True) as graph:
        yield graph


def first(store: GraphStore, cls: str) -> dict[str, object]:
    rows = store.select(
        f"""SELECT ?x ?doc ?title ?date WHERE {{ ?x a {cls} ; pk:inDocument ?doc .
              ?doc dcterms:title ?title ; dcterms:date ?date }} ORDER BY ?x LIMIT 1"""
    )
    assert rows, cls
    return rows[0]


def test_a_fact_citation_names_document_date_passage_and_quote(store: GraphStore) -> None:
    row = first(store, "pk:Funding")
    quote = store.select(f"SELECT ?q WHERE {{ <{row['x']}> pk:quote ?q }}")[0]["q"]
    citation = cite(store, str(row["x"]), TODAY)
    assert citation is not None
    text = citation.text()
    assert str(row["title"]) in text and str(row["date"]) in text
    assert f"„{' '.join(str(quote).split())}“" in text
    assert str(row["x"]) in text and "abgerufen am 2026-01-15" in text
    assert citation.passage is not None and f"Abschnitt {citation.passage}" in text

    bibtex = citation.bibtex()
    assert bibtex.startswith(f"@misc{{{citation.key},") and bibtex.count("{") == bibtex.count("}")
    assert f"url = {{{row['x']}}}" in bibtex and "year = {" + str(row["date"])[:4] + "}" in bibtex

    csl = json.loads(citation.csl_json())[0]
    assert csl["type"] == "document" and csl["URL"] == row["x"]
    assert csl["issued"]["date-parts"][0] == [int(p) for p in str(row["date"]).split("-")]
    assert csl["accessed"]["date-parts"][0] == [2026, 1, 15]


def test_passages_and_documents_are_citable_and_other_things_not(store: GraphStore) -> None:
    row = first(store, "pk:Passage")
    passage = cite(store, str(row["x"]), TODAY)
    assert passage is not None and passage.quote and passage.passage is not None
    document = cite(store, str(row["doc"]), TODAY)
    assert document is not None and document.passage is None and document.title == row["title"]
    assert "Abschnitt" not in document.text()
    programme = store.select("SELECT ?p WHERE { ?p a pk:Program } LIMIT 1")[0]["p"]
    assert cite(store, str(programme)) is None
    assert cite(store, "http://example.org/x> } DROP ALL { <y") is None


def test_bibtex_escapes_tex_specials(store: GraphStore) -> None:
    citation = cite(store, str(first(store, "pk:Passage")["doc"]), TODAY)
    assert citation is not None
    tricky = replace(citation, title="50% & 3_000 #1 {x}")
    assert r"title = {50\% \& 3\_000 \#1 \{x\}}" in tricky.bibtex()
