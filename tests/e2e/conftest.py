"""Browser fixtures: the built site served locally, headless Chromium, a fresh context per test.

Every page records console errors, page errors and requests; a test fails if any
request leaves the site's origin or anything is logged as an error.
"""

from __future__ import annotations

import http.server
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from scripts.serve import base_url as base_url_of


@pytest.fixture(scope="session")
def base_url(built_site: Path, site_server: http.server.ThreadingHTTPServer) -> str:
    """The built site, served with the production headers."""
    return base_url_of(site_server)


@dataclass
class Watch:
    """What a page did that a reader would not want: errors, and requests off the site."""

    origin: str
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("request", self._request)

    def _request(self, request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        self.requests.append(url)
        if not (url.startswith(self.origin) or url.startswith(("data:", "blob:", "about:"))):
            self.foreign.append(url)


@pytest.fixture
def watch(base_url: str) -> Watch:
    return Watch(origin=base_url.rstrip("/"))


@pytest.fixture
def context(browser: Browser, watch: Watch) -> Iterator[BrowserContext]:
    context = browser.new_context()
    context.on("page", watch.attach)
    yield context
    context.close()
    assert not watch.errors, watch.errors
    assert not watch.foreign, watch.foreign


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
