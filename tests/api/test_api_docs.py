"""``/docs`` and ``/redoc`` work offline, and the OpenAPI document can run a SPARQL query."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.api.live_server import LiveServer
from tests.api.page_support import VIEWPORT, launch_chromium

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ASSET = re.compile(r"""(?:src|href)=["']([^"']+)["']|url\s*:\s*["']([^"']+)["']""")


def _assets(html: str) -> list[str]:
    return [first or second for first, second in ASSET.findall(html)]


@pytest.mark.parametrize(("path", "script"), [("/docs", "SwaggerUIBundle"), ("/redoc", "Redoc")])
def test_doc_pages_load_only_local_files(client: httpx.Client, path: str, script: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assets = _assets(page.text)
    assert assets, page.text
    assert "googleapis" not in page.text
    for asset in assets:
        assert asset.startswith("/"), f"{path} loads {asset} from another host"
        response = client.get(asset)
        assert response.status_code == 200, asset
    javascript = [a for a in assets if a.endswith(".js")]
    assert javascript
    assert any(script in client.get(a).text for a in javascript)


@pytest.fixture(scope="module")
def spec(live_server: LiveServer) -> dict[str, Any]:
    return dict(httpx.get(f"{live_server.url}/openapi.json", timeout=60).json())


def test_sparql_operations_are_described(spec: dict[str, Any]) -> None:
    get = spec["paths"]["/sparql"]["get"]
    post = spec["paths"]["/sparql"]["post"]
    names = {parameter["name"] for parameter in get["parameters"]}
    assert names == {"query", "default-graph-uri", "named-graph-uri"}
    assert set(post["requestBody"]["content"]) == {
        "application/sparql-query",
        "application/x-www-form-urlencoded",
    }
    results = set(get["responses"]["200"]["content"])
    assert {"application/sparql-results+json", "application/sparql-results+xml"} <= results
    assert {"text/turtle", "application/rdf+xml"} <= results


def test_the_described_requests_run(client: httpx.Client, spec: dict[str, Any]) -> None:
    """Requests built only from the document's parameters and examples get results."""
    get = spec["paths"]["/sparql"]["get"]
    (query,) = [p for p in get["parameters"] if p["name"] == "query"]
    by_get = client.get(
        "/sparql",
        params={"query": query["example"]},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert by_get.status_code == 200, by_get.text
    assert by_get.json()["results"]["bindings"]
    body = spec["paths"]["/sparql"]["post"]["requestBody"]["content"]
    direct = body["application/sparql-query"]
    by_post = client.post(
        "/sparql",
        content=direct["example"].encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert by_post.status_code == 200, by_post.text
    assert by_post.json() == by_get.json()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as chromium:
        yield chromium


@pytest.mark.browser
@pytest.mark.slow
def test_swagger_ui_runs_a_query_offline(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url)
    context.set_default_timeout(30_000)
    page = context.new_page()
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((live_server.url, "data:"))
            else elsewhere.append(request.url)
        ),
    )
    page.goto("/docs")
    operation = page.locator("#operations-sparql-sparql_get_sparql_get")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    field = operation.locator("tr[data-param-name='query'] input").first
    field.fill("ASK { ?s ?p ?o }")
    operation.get_by_role("button", name="Execute").click()
    answer = operation.locator(".live-responses-table tbody .response-col_status").first
    answer.wait_for()
    assert answer.inner_text().strip() == "200"
    body = operation.locator(".live-responses-table tbody .response-col_description").first
    assert '"boolean": true' in body.inner_text()
    context.close()
    assert elsewhere == []
