"""The pages in headless Chromium against the real server over the sample build.

A researcher's paths: search and open a result at its passage, browse from a document to an
entity and back to the text, run a query in the SPARQL editor, ask a question. Every page must
load without script errors and without a request to another host. Screenshots are saved to
tests/artifacts/ (pages-*.png) to be looked at.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.api.live_server import LiveServer
from tests.api.page_support import VIEWPORT, launch_chromium, sparql_select
from tests.conftest import ARTIFACTS, EVAL_DIR

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LOAD_FAILURE = "Failed to load resource"


@dataclass
class Tab:
    """A browser page on the test server that records what must not happen on any page."""

    page: Page
    problems: list[str] = field(default_factory=list)

    def expect_failed_request(self) -> None:
        """Forget the console line of a request the test made fail on purpose."""
        self.problems = [p for p in self.problems if LOAD_FAILURE not in p]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture()
def tab(browser: Browser, live_server: LiveServer) -> Iterator[Tab]:
    context = browser.new_context(viewport=VIEWPORT, locale="de-DE", base_url=live_server.url)
    context.set_default_timeout(30_000)
    tab = Tab(context.new_page())
    tab.page.on("pageerror", lambda error: tab.problems.append(f"script error: {error}"))
    tab.page.on(
        "console",
        lambda message: (
            tab.problems.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    tab.page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((live_server.url, "data:"))
            else tab.problems.append(f"request to another host: {request.url}")
        ),
    )
    yield tab
    context.close()
    assert tab.problems == []


def shoot(page: Page, name: str, *, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"pages-{name}.png"), full_page=full_page)


def flat(text: str) -> str:
    return " ".join(text.split())


def first_eval_question() -> str:
    with (EVAL_DIR / "seeds_questions.jsonl").open(encoding="utf-8") as lines:
        return str(json.loads(next(lines))["question"])


def wait_for_search(page: Page) -> None:
    page.wait_for_function(
        "() => { const s = document.getElementById('search-status');"
        " return s.textContent && !s.textContent.includes('läuft'); }"
    )


def test_search_result_opens_the_document_at_its_passage(tab: Tab) -> None:
    page = tab.page
    page.goto("/")
    page.get_by_label("Suchanfrage").fill(first_eval_question())
    page.get_by_role("button", name="Suchen").click()
    wait_for_search(page)
    results = page.locator("#results .result")
    assert results.count() >= 1
    first = results.first
    sentence = first.locator(".result-passage mark").inner_text()
    assert sentence.strip()
    assert "Score" in first.locator(".result-meta").inner_text()
    shoot(page, "search-results")

    first.locator("a.result-link").click()
    page.wait_for_selector("#doc-text")
    fragment = urlsplit(page.url).fragment
    assert fragment.startswith("passage-")
    assert page.evaluate("document.querySelector(':target').id") == fragment
    background = page.evaluate(
        "id => getComputedStyle(document.getElementById(id)).backgroundColor", fragment
    )
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    marked = "".join(page.locator("#doc-text mark.hit").all_text_contents())
    assert flat(marked) == flat(sentence)
    assert page.locator("#hl").is_visible()
    box = page.locator("#hl").bounding_box()
    assert box is not None and 0 <= box["y"] < VIEWPORT["height"]
    shoot(page, "document-passage")


def test_search_with_a_filter_keeps_it_in_the_link(tab: Tab) -> None:
    page = tab.page
    page.goto("/")
    page.get_by_label("Suchanfrage").fill("Prävention")
    municipality = page.locator("select[name=municipality]")
    choice = municipality.locator("option").nth(1)
    value, label = choice.get_attribute("value"), choice.inner_text()
    assert value
    municipality.select_option(value)
    page.get_by_role("button", name="Suchen").click()
    wait_for_search(page)
    assert parse_qs(urlsplit(page.url).query)["municipality"] == [value]
    assert municipality.input_value() == value, f"filter {label} not kept after reload"
    status = page.locator("#search-status")
    assert "error" not in (status.get_attribute("class") or "")
    shoot(page, "search-filtered")


def test_a_bad_filter_value_is_shown_as_a_clear_message(tab: Tab) -> None:
    page = tab.page
    page.goto("/?q=Pr%C3%A4vention&date_from=2020-13-45")
    wait_for_search(page)
    status = page.locator("#search-status")
    assert "error" in (status.get_attribute("class") or "")
    assert "date_from" in status.inner_text()
    assert page.locator("#results .result").count() == 0
    tab.expect_failed_request()


def test_document_to_entity_and_back_to_the_text(tab: Tab) -> None:
    page = tab.page
    page.goto("/documents")
    rows = page.locator("table.data tbody tr")
    fact_counts = [int(row.locator("td").last.inner_text()) for row in rows.all()]
    richest = rows.nth(fact_counts.index(max(fact_counts)))
    richest.locator("a[href^='/id/document/']").click()
    page.wait_for_selector("#doc-text")
    facts = page.locator(".fact-item a.fact-quote")
    assert facts.count() == max(fact_counts) >= 1
    key = (facts.first.get_attribute("href") or "").lstrip("#")
    facts.first.click()
    assert page.evaluate("document.querySelector(':target').id") == key
    assert page.locator(f"[id='{key}']").is_visible()
    page.get_by_label("Erwähnungen unterstreichen").check()
    assert "show-mentions" in (page.locator("#doc-text").get_attribute("class") or "")
    shoot(page, "document", full_page=True)

    entity = page.locator("ul.mentioned li a").first
    name = entity.inner_text()
    entity.click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == name
    evidence = page.locator(".evidence li")
    assert evidence.count() >= 1
    assert page.locator("table.props tbody tr").count() >= 1
    shoot(page, "entity", full_page=True)

    quote = evidence.first.locator("mark.hit").inner_text()
    evidence.first.locator("a").click()
    page.wait_for_selector("#hl")
    assert flat("".join(page.locator("#doc-text mark.hit").all_text_contents())) == flat(quote)
    assert page.locator("#hl").is_visible()


def test_sparql_editor_runs_a_query_into_a_results_table(tab: Tab, client: httpx.Client) -> None:
    page = tab.page
    page.goto("/sparql-editor")
    page.wait_for_selector(".yasqe .CodeMirror")
    page.get_by_role("button", name="Beschlüsse nach Gremium").click()
    assert "pk:Decision" in page.evaluate("window.pkgraphEditor.yasqe.getValue()")

    select = (
        "SELECT ?titel (COUNT(?abschnitt) AS ?abschnitte) WHERE {\n"
        "  ?d a pk:Document ; dcterms:title ?titel .\n"
        "  ?abschnitt a pk:Passage ; pk:inDocument ?d .\n"
        "} GROUP BY ?titel ORDER BY ?titel"
    )
    prologue = (
        "PREFIX pk: <https://w3id.org/pkgraph/ns#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
    )
    page.locator(".yasqe .CodeMirror").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(prologue + select)
    page.locator(".yasqe_queryButton").click()
    rows = page.locator(".yasr table tbody tr")
    rows.first.wait_for()
    expected = sparql_select(client, select)
    assert rows.count() == len(expected) > 0
    table_text = page.locator(".yasr table tbody").inner_text()
    assert all(row["titel"] in table_text for row in expected)
    shoot(page, "sparql-editor", full_page=True)


def test_question_page_shows_the_evidence_of_the_answer(tab: Tab, client: httpx.Client) -> None:
    question = "Wie hoch war die Förderung für den Kreis Unna?"
    answer = client.get("/ask", params={"q": question}).json()
    page = tab.page
    page.goto("/question")
    page.get_by_label("Frage", exact=True).fill(question)
    page.get_by_role("button", name="Fragen").click()
    page.wait_for_selector("#answer:not([hidden])")
    assert page.locator("#answer-entities li").count() == len(answer["entities"])
    assert page.locator("#answer-facts li.answer-fact").count() == len(answer["facts"])
    assert page.locator("#answer-passages .result").count() == len(answer["passages"]) > 0
    shoot(page, "question", full_page=True)
    if answer["facts"]:
        page.locator("#answer-facts li.answer-fact .fact-meta a").first.click()
        page.wait_for_selector("#hl")
        marked = "".join(page.locator("#doc-text mark.hit").all_text_contents())
        assert flat(marked) == flat(answer["facts"][0]["source"]["quote"])
