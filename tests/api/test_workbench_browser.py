"""The workbench pages (map, timeline, datasets, feeds, citations) in headless Chromium against
the real server: filters, keyboard use, links to entities and passages, no request to another
host, and axe-core's accessibility rules (bundled by axe-playwright-python, so offline).
Screenshots: tests/artifacts/pages-map*.png, -timeline, -datasets, -feeds, -citation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

from pkgraph.gazetteer import load_gazetteer
from tests.api.live_server import LiveServer
from tests.api.page_support import VIEWPORT, launch_chromium
from tests.conftest import ARTIFACTS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture()
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A tab that fails the test on a script error or a request to another host."""
    context = browser.new_context(viewport=VIEWPORT, locale="de-DE", base_url=live_server.url)
    context.set_default_timeout(30_000)
    problems: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((live_server.url, "data:"))
            else problems.append(f"request to another host: {request.url}")
        ),
    )
    yield tab
    context.close()
    assert problems == []


def shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"pages-{name}.png"), full_page=True)


def assert_accessible(page: Page) -> None:
    """No axe-core violation (WCAG 2.1 A/AA rules and best practices) on the page."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    results = axe.Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def joined_places(page: Page) -> int:
    return page.locator("svg#map a.place--joined").count()


def test_map_shows_every_place_and_filters_by_program_and_year(page: Page) -> None:
    page.goto("/map")
    assert page.locator("svg#map circle").count() == len(load_gazetteer())
    everything = joined_places(page)
    assert everything > 0
    assert_accessible(page)
    shoot(page, "map")

    slider = page.get_by_label("Teilnahme bis Jahr")
    slider.focus()
    page.keyboard.press("Home")  # the earliest year; the form submits on change
    page.wait_for_url(lambda url: "year=" in url)
    earliest = slider.input_value()
    assert f"year={earliest}" in page.url
    assert 0 < joined_places(page) < everything
    shoot(page, "map-earliest-year")

    select = page.get_by_label("Programm")
    option = select.locator("option").nth(1)
    select.select_option(option.get_attribute("value"))
    page.wait_for_url(lambda url: "program=" in url and "program=&" not in url)
    assert select.input_value() == option.get_attribute("value")
    rows = page.locator("table.participations tbody tr")
    assert rows.count() > 0
    programme = option.inner_text()
    assert all(programme == r.locator("td").nth(1).inner_text() for r in rows.all())


def test_a_place_on_the_map_opens_its_page_from_the_keyboard(page: Page) -> None:
    page.goto("/map")
    place = page.locator("svg#map a.place--joined").first
    name = (place.get_attribute("aria-label") or "").split(":")[0]
    place.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/id/municipality/*")
    assert page.locator("h1").inner_text() == name


def test_timeline_marks_open_the_passage_that_says_so(page: Page, client: httpx.Client) -> None:
    page.goto("/timeline")
    marks = page.locator("svg#timeline a.mark")
    dated = [row for row in client.get("/datasets/participations.csv").text.splitlines()[1:] if row]
    assert 0 < marks.count() <= len(dated)
    assert_accessible(page)
    shoot(page, "timeline")
    marks.first.click()
    page.wait_for_selector("#hl")
    assert page.locator("#hl").is_visible()
    assert page.locator("#doc-text mark.hit").count() >= 1


def test_datasets_page_offers_downloads_that_work(page: Page) -> None:
    page.goto("/datasets")
    links = page.locator("a.download")
    assert links.count() >= 7
    for href in [links.nth(i).get_attribute("href") for i in range(links.count())]:
        assert page.request.get(href or "").ok, href
    assert_accessible(page)
    shoot(page, "datasets")


def test_feeds_page_is_discoverable_and_accessible(page: Page) -> None:
    page.goto("/feeds/")
    alternate = page.locator("link[rel=alternate][type='application/atom+xml']")
    assert alternate.get_attribute("href") == "/feeds/programs.atom"
    assert page.locator("ul.feed-list a").count() > 5
    assert_accessible(page)
    shoot(page, "feeds")


def test_a_fact_page_offers_a_citation(page: Page, client: httpx.Client) -> None:
    feed = client.get("/feeds/programs.atom").text
    start = feed.index("<id>", feed.index("/id/participation/") - 200)
    fact = feed[start + 4 : feed.index("</id>", start)]
    page.goto("/" + fact.split("/", 3)[3])
    citation = page.locator("#cite-text")
    assert "abgerufen am" in citation.inner_text()
    page.get_by_text("BibTeX", exact=True).click()
    assert page.locator("#cite-bibtex").inner_text().startswith("@misc{")
    assert_accessible(page)
    shoot(page, "citation")


@pytest.mark.parametrize(
    "path",
    ["/", "/question", "/programs", "/municipalities", "/bodies", "/documents"],
)
def test_the_other_pages_pass_axe(page: Page, path: str) -> None:
    page.goto(path)
    assert_accessible(page)


def test_search_results_and_a_document_page_pass_axe(page: Page) -> None:
    page.goto("/?q=Pr%C3%A4vention")
    page.wait_for_selector("#results .result")
    assert_accessible(page)
    page.locator("#results a.result-link").first.click()
    page.wait_for_selector("#doc-text")
    assert_accessible(page)
    assert page.locator("#cite-text").is_visible()


def test_a_municipality_page_shows_where_the_place_lies(page: Page) -> None:
    """The page of a Kreis shows the NRW map with that place marked, not two numbers."""
    page.goto("/municipalities")
    page.get_by_role("link", name="Kreis Unna").first.click()
    assert "Kreis Unna" in (page.locator("#locator-title").text_content() or "")
    assert page.locator("figure.locator circle.here").count() == 1
    assert page.locator("figure.locator circle").count() > 400  # all of NRW around it
    assert_accessible(page)
    shoot(page, "municipality-locator")
