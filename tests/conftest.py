"""Shared fixtures: one real build of the site per test session."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

from scripts.serve import base_url, precompress, serve_in_thread

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[http.server.ThreadingHTTPServer]:
    """A local server for the built site, started now so the build knows its address."""
    server, _ = serve_in_thread(tmp_path_factory.mktemp("site"))
    yield server
    server.shutdown()
    server.server_close()


def mkdocs_build(out: Path, site_url: str, sources: Path = ROOT, **env: str) -> None:
    """``mkdocs build --strict`` of ``sources`` into ``out``, for the address it will be served at."""
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=sources,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "FFR_SITE_URL": site_url, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session, shared by every browser tier (tests/e2e, tests/zensical):
    Playwright's sync API allows one driver per thread."""
    from playwright.sync_api import sync_playwright

    from scripts.chromium import FLAGS, chromium

    try:
        path = chromium()
    except RuntimeError as error:
        pytest.fail(str(error))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=FLAGS)
        yield browser
        browser.close()


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
def context(browser: Browser, watch: Watch) -> Iterator[BrowserContext]:
    """A fresh browser context; the test fails on any console error, page error or request off the site.

    ``watch`` comes from the browser tier's own conftest (tests/e2e, tests/zensical): the site it watches."""
    context = browser.new_context()
    context.on("page", watch.attach)
    yield context
    context.close()
    assert not watch.errors, watch.errors
    assert not watch.foreign, watch.foreign


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture(scope="session")
def built_site(site_server: http.server.ThreadingHTTPServer) -> Path:
    """Build the site with ``mkdocs build --strict`` into the server's folder."""
    out = Path(site_server.RequestHandlerClass.keywords["directory"])  # type: ignore[attr-defined]
    mkdocs_build(out, base_url(site_server))
    precompress(out)  # the server gzips like a host; once here rather than on a browser test's clock
    return out


def built_pages(site: Path) -> dict[str, Path]:
    """Every built HTML page by its URL path relative to the site root ("" is the home page).

    Tests iterate over this, never over a hand-written list, so new pages are checked too.
    """
    return {f.relative_to(site).as_posix().removesuffix("index.html"): f for f in sorted(site.rglob("*.html"))}


def page_paths(site: Path) -> list[str]:
    """URL paths of every built page."""
    return sorted(built_pages(site))


def calculator_paths(site: Path) -> list[str]:
    """URL paths of the pages that hold a live calculator (a form the browser recomputes)."""
    return [path for path, file in built_pages(site).items() if 'data-module="ffr-calculator"' in file.read_text()]


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[str]:
    """URL paths of every built page."""
    pages = page_paths(built_site)
    assert "" in pages and len(pages) >= 3, pages
    return pages


@pytest.fixture(scope="session")
def calculator_pages(built_site: Path) -> list[str]:
    """URL paths of every page with a live calculator."""
    pages = calculator_paths(built_site)
    assert pages, "no calculator page was built"
    return pages


FIGURES: list[str] = []
"""Lines that tests add for the end of the run: figures worth seeing in CI (Lighthouse scores, page weights)."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
