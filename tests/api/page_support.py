"""Helpers shared by the page tests: SPARQL reads to cross-check pages, and headless Chromium.

Only the system browser is used (``/usr/bin/chromium``, Debian's package) driven by Playwright:
Playwright's own browser downloads are never needed. Browser tests skip with a clear reason
when Chromium or Playwright is missing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from pkgraph.graph.vocab import sparql_prefixes

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ViewportSize

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
VIEWPORT: ViewportSize = {"width": 1366, "height": 900}


def sparql_select(client: httpx.Client, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT sent to the server's ``/sparql`` (values as plain strings)."""
    response = client.post(
        "/sparql",
        data={"query": sparql_prefixes() + query},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.text
    return [
        {name: cell["value"] for name, cell in binding.items()}
        for binding in response.json()["results"]["bindings"]
    ]


def chromium_path() -> str | None:
    """Debian's Chromium, or None when it is not installed."""
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return shutil.which("chromium")


@contextmanager
def launch_chromium() -> Iterator[Browser]:
    """A headless Chromium; skips the calling test when Chromium or Playwright is absent."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install chromium): no browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()
