"""The Atom feeds over real HTTP, parsed by feedparser: valid Atom, entries in scope, each
linking to the document page at the cited passage, where the quote stands marked."""

from __future__ import annotations

from urllib.parse import urlsplit

import feedparser
import httpx
import pytest
from bs4 import BeautifulSoup

from pkgraph.gazetteer import load_gazetteer
from tests.api.live_server import LiveServer
from tests.api.page_support import sparql_select


def parse(client: httpx.Client, path: str) -> feedparser.FeedParserDict:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text[:300])
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title and feed.feed.id and feed.feed.updated_parsed
    for entry in feed.entries:
        assert entry.id and entry.title and entry.updated_parsed and entry.link
    return feed


def local(link: str) -> str:
    parts = urlsplit(link)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def fact_count(client: httpx.Client, pattern: str) -> int:
    rows = sparql_select(
        client,
        "SELECT (COUNT(DISTINCT ?fact) AS ?n) WHERE { VALUES ?c { pk:Participation pk:Funding "
        "pk:Decision pk:JointApplication pk:Event pk:Membership } ?fact a ?c ; pk:quote ?q . "
        f"{pattern} }}",
    )
    return int(rows[0]["n"])


def test_the_all_programs_feed_holds_every_document_and_fact(client: httpx.Client) -> None:
    feed = parse(client, "/feeds/programs.atom")
    documents = [e for e in feed.entries if "/id/document/" in e.id]
    assert len(documents) == 5
    assert len(feed.entries) - len(documents) == fact_count(client, "")


def test_a_fact_entry_opens_the_document_at_its_quote(client: httpx.Client) -> None:
    feed = parse(client, "/feeds/programs.atom")
    entry = next(e for e in feed.entries if "/id/participation/" in e.id)
    path = local(entry.link)
    assert "?hl=" in path and "#passage-" in entry.link
    quote = sparql_select(client, f"SELECT ?q WHERE {{ <{entry.id}> pk:quote ?q }}")[0]["q"]
    page = client.get(path, headers={"Accept": "text/html"})
    soup = BeautifulSoup(page.text, "html.parser")
    marked = "".join(m.text for m in soup.select("#doc-text mark.hit"))
    assert " ".join(marked.split()) == " ".join(quote.split())
    assert soup.find(id=urlsplit(entry.link).fragment) is not None


def test_a_program_feed_holds_only_that_program(
    client: httpx.Client, live_server: LiveServer
) -> None:
    key = "kommunale-praeventionsketten"
    feed = parse(client, f"/feeds/program/{key}.atom")
    facts = [e for e in feed.entries if "/id/document/" not in e.id]
    program = f"<{live_server.settings.base_iri}id/program/{key}>"
    pattern = f"?fact pk:inProgram|pk:fundsProgram|pk:concernsProgram {program}"
    assert len(facts) == fact_count(client, pattern) > 0
    assert len(facts) < len(parse(client, "/feeds/programs.atom").entries)


def test_a_kreis_feed_includes_its_municipalities(client: httpx.Client) -> None:
    kreis = load_gazetteer().kreis("Unna")
    assert kreis is not None
    kreis_feed = parse(client, f"/feeds/municipality/{kreis.ags}.atom")
    town_feed = parse(client, "/feeds/municipality/05978004.atom")  # Bergkamen, in Kreis Unna
    assert town_feed.feed.title.endswith("Bergkamen")
    assert {e.id for e in town_feed.entries} <= {e.id for e in kreis_feed.entries}
    assert len(town_feed.entries) < len(kreis_feed.entries)


def test_a_body_feed_and_a_saved_search(client: httpx.Client) -> None:
    body = parse(client, "/feeds/body/rat-der-stadt-bergkamen.atom")
    assert any("/id/decision/" in e.id for e in body.entries)
    search = parse(client, "/feeds/search.atom?q=Pr%C3%A4ventionskette")
    assert search.entries and all("#passage-" in e.link for e in search.entries)


@pytest.mark.parametrize(
    ("path", "status", "parameter"),
    [
        ("/feeds/program/nope.atom", 404, "key"),
        ("/feeds/body/nope.atom", 404, "key"),
        ("/feeds/municipality/99999.atom", 404, "ags"),
        ("/feeds/search.atom", 422, "q"),
    ],
)
def test_bad_feed_parameters_are_named(
    client: httpx.Client, path: str, status: int, parameter: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["parameter"] == parameter


def test_the_feeds_page_links_every_feed_it_lists(client: httpx.Client) -> None:
    soup = BeautifulSoup(client.get("/feeds/").text, "html.parser")
    links = [a["href"] for a in soup.select("ul.feed-list a")]
    assert any("/feeds/program/" in h for h in links) and any("/feeds/body/" in h for h in links)
    for href in links[:40]:
        parse(client, href)
