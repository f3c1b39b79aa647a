"""The server-rendered pages over the sample build, checked against the graph and the stores.

Runs the real app on uvicorn (the ``live_server`` fixture) and reads the HTML a browser would get;
what the browser does with it is tested in ``test_pages_browser.py``.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from bs4 import BeautifulSoup, Tag

from pkgraph.ingest.docstore import DocumentStore
from pkgraph.records import Document
from pkgraph_api.page_queries import FACT_CLASSES
from pkgraph_api.pages import SPARQL_EXAMPLES
from tests.api.live_server import LiveServer
from tests.api.page_support import sparql_select

HTML = {"Accept": "text/html"}
LIST_PAGES = ("/programs", "/municipalities", "/bodies", "/documents")


def page(client: httpx.Client, path: str, status: int = 200) -> BeautifulSoup:
    response = client.get(path, headers=HTML)
    assert response.status_code == status, (path, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    # The document text is whitespace-exact: keep whitespace-only strings (bs4 drops them).
    return BeautifulSoup(response.text, "html.parser", preserve_whitespace_tags=["div", "pre"])


def entity_path(iri: str, server: LiveServer) -> str:
    """The path at which the test server dereferences an entity IRI of the graph."""
    base = server.settings.base_iri
    assert iri.startswith(base), iri
    return "/" + iri[len(base) :]


@pytest.fixture(scope="module")
def documents(live_server: LiveServer) -> list[Document]:
    with DocumentStore.open(live_server.settings.documents_db) as store:
        return list(store.documents())


def document_path(document: Document) -> str:
    return f"/id/document/{document.doc_id}"


def fact_quotes(client: httpx.Client, document: Document, server: LiveServer) -> dict[str, str]:
    """Path of each fact node (not mentions) of the document -> its quoted evidence."""
    classes = " ".join(f"pk:{name}" for name in FACT_CLASSES)
    base = server.settings.base_iri
    rows = sparql_select(
        client,
        f"""SELECT DISTINCT ?f ?quote WHERE {{
              ?f pk:inDocument <{base}id/document/{document.doc_id}> ; a ?c ; pk:quote ?quote .
              VALUES ?c {{ {classes} }} }}""",
    )
    return {entity_path(row["f"], server): row["quote"] for row in rows}


def table_rows(soup: BeautifulSoup) -> list[Tag]:
    return soup.select("table.data tbody tr")


# --- lists ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "count_query"),
    [
        ("/programs", "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a pk:Program }"),
        (
            "/municipalities",
            """SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {
                 ?d a pk:Document ; pk:mentions ?m . ?m pk:ags ?ags }""",
        ),
        ("/bodies", "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?b pk:bodyKind ?k }"),
        ("/documents", "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a pk:Document }"),
    ],
)
def test_list_pages_show_every_entity_of_the_graph(
    client: httpx.Client, path: str, count_query: str
) -> None:
    expected = int(sparql_select(client, count_query)[0]["n"])
    assert expected > 0, f"the sample build has nothing for {path}"
    rows = table_rows(page(client, path))
    assert len(rows) == expected


def test_municipality_list_names_the_kreis_of_its_towns(client: httpx.Client) -> None:
    expected = {
        row["town"]: row["kreis"]
        for row in sparql_select(
            client,
            """SELECT DISTINCT ?town ?kreis WHERE {
                 ?d a pk:Document ; pk:mentions ?m . ?m skos:prefLabel ?town ;
                 pk:inKreis/skos:prefLabel ?kreis }""",
        )
    }
    shown = {
        row.select("td")[0].get_text(strip=True): row.select("td")[2].get_text(strip=True)
        for row in table_rows(page(client, "/municipalities"))
    }
    assert expected, "the sample mentions towns that belong to a Kreis"
    assert {town: shown.get(town) for town in expected} == expected


def test_every_link_in_the_lists_dereferences(client: httpx.Client) -> None:
    hrefs = {
        link["href"]
        for path in LIST_PAGES
        for link in page(client, path).select("table.data a[href^='/id/']")
    }
    assert hrefs
    for href in sorted(hrefs):
        assert client.get(str(href), headers=HTML).status_code == 200, href


# --- documents --------------------------------------------------------------------------------


def test_document_pages_show_the_original_text_and_every_fact(
    client: httpx.Client, live_server: LiveServer, documents: list[Document]
) -> None:
    assert len(documents) == 5
    total_facts = 0
    for document in documents:
        soup = page(client, document_path(document))
        text = soup.select_one("#doc-text")
        assert text is not None
        assert text.get_text() == document.original_text
        passages = soup.select("#doc-text .passage")
        assert [p["id"] for p in passages] == [f"passage-{p.index}" for p in document.passages]
        quotes = fact_quotes(client, document, live_server)
        items = soup.select(".fact-item")
        assert len(items) == len(quotes)
        total_facts += len(items)
        for item in items:
            link, details = item.select_one("a.fact-quote"), item.select_one(".fact-meta a")
            assert link is not None and details is not None
            target = soup.find(id=str(link["href"]).lstrip("#"))
            assert isinstance(target, Tag), link["href"]
            quote = quotes[str(details["href"])]
            assert quote.startswith(target.get_text())
            assert quote.startswith(link.get_text().strip("„“").removesuffix("…"))
    assert total_facts > 0, "the sample build has extracted facts"


def test_highlight_parameter_marks_exactly_that_span(
    client: httpx.Client, documents: list[Document]
) -> None:
    document = documents[0]
    passage = document.passages[len(document.passages) // 2]
    soup = page(client, f"{document_path(document)}?hl={passage.start}-{passage.end}")
    marked = "".join(mark.get_text() for mark in soup.select("#doc-text mark.hit"))
    assert marked == passage.text
    assert soup.select_one("mark#hl") is not None, "the span owns the #hl anchor"


@pytest.mark.parametrize("value", ["abc", "30-10", "-5", "5-", "10-10", "999999999-1000000000"])
def test_bad_highlight_values_are_ignored(
    client: httpx.Client, documents: list[Document], value: str
) -> None:
    soup = page(client, f"{document_path(documents[0])}?hl={value}")
    assert soup.select("#doc-text mark.hit") == []


# --- entities ---------------------------------------------------------------------------------


def most_mentioned_entity(client: httpx.Client) -> dict[str, str]:
    """The entity with the most mentions, and at how many distinct places the text names it."""
    return sparql_select(
        client,
        """SELECT ?e (SAMPLE(?l) AS ?label)
                  (COUNT(DISTINCT CONCAT(STR(?d), " ", STR(?s), " ", STR(?end))) AS ?n)
           WHERE { ?m pk:mentionOf ?e ; pk:inDocument ?d ; pk:startOffset ?s ; pk:endOffset ?end .
                   ?e skos:prefLabel ?l }
           GROUP BY ?e ORDER BY DESC(?n) LIMIT 1""",
    )[0]


def test_entity_page_shows_label_neighbours_and_evidence(
    client: httpx.Client, live_server: LiveServer
) -> None:
    entity = most_mentioned_entity(client)
    soup = page(client, entity_path(entity["e"], live_server))
    heading = soup.select_one("h1")
    assert heading is not None and heading.get_text(strip=True) == entity["label"]
    evidence = soup.select(".evidence li")
    assert len(evidence) == min(int(entity["n"]), 100)
    first = evidence[0]
    quote = first.select_one("mark.hit")
    link = first.select_one("a")
    assert quote is not None and link is not None
    target = urlsplit(str(link["href"]))
    start, end = (int(x) for x in parse_qs(target.query)["hl"][0].split("-"))
    linked = page(client, f"{target.path}?{target.query}")
    assert "".join(m.get_text() for m in linked.select("#doc-text mark.hit")) == quote.get_text()
    assert end - start == len(quote.get_text())
    assert soup.select("dl.incoming dt"), "a mentioned entity has incoming links"


def test_fact_page_links_to_its_place_in_the_document(
    client: httpx.Client, live_server: LiveServer
) -> None:
    classes = " ".join(f"pk:{name}" for name in FACT_CLASSES)
    fact = sparql_select(
        client,
        f"""SELECT ?f ?quote WHERE {{ ?f a ?c ; pk:quote ?quote . VALUES ?c {{ {classes} }} }}
            LIMIT 1""",
    )[0]
    soup = page(client, entity_path(fact["f"], live_server))
    source = soup.find("a", string="Im Dokument zeigen")
    assert isinstance(source, Tag)
    document = page(client, str(source["href"]).split("#")[0])
    marked = "".join(m.get_text() for m in document.select("#doc-text mark.hit"))
    assert marked == fact["quote"]


def test_unknown_entity_is_not_found(client: httpx.Client) -> None:
    response = client.get("/id/municipality/00000000", headers=HTML)
    assert response.status_code == 404


# --- search form, editor, assets --------------------------------------------------------------


def test_every_filter_choice_is_accepted_by_the_search_endpoint(client: httpx.Client) -> None:
    soup = page(client, "/")
    checked = 0
    for name in ("municipality", "program", "doc_type"):
        values = [o["value"] for o in soup.select(f"select[name={name}] option") if o["value"]]
        assert values, f"no choices for the {name} filter"
        for value in values:
            response = client.get(
                "/search", params={"q": "Prävention", "k": 1, "method": "lexical", name: value}
            )
            assert response.status_code == 200, (name, value, response.text)
            checked += 1
    assert checked >= 3


def test_sparql_examples_run_on_the_endpoint(client: httpx.Client) -> None:
    for example in SPARQL_EXAMPLES:
        response = client.post(
            "/sparql",
            data={"query": example.query},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert response.status_code == 200, (example.title, response.text)
        assert response.json()["head"]["vars"], example.title


def test_pages_load_assets_only_from_this_server(client: httpx.Client) -> None:
    for path in ("/", "/question", "/sparql-editor", *LIST_PAGES):
        soup = page(client, path)
        assets = [s["src"] for s in soup.select("script[src]")] + [
            link["href"] for link in soup.select("link[rel=stylesheet]")
        ]
        assert assets, path
        for asset in assets:
            assert str(asset).startswith("/static/"), (path, asset)
            assert client.get(str(asset)).status_code == 200, asset
