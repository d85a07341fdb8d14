"""The whole site offline, in headless Chromium: the service worker, its two groups, updates.

"Offline" here is both Playwright's network emulation and a server that answers 404 to
everything (it serves an empty folder), so nothing can quietly come from the network.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from scripts.serve import Handler
from scripts.serve import base_url as base_url_of
from sitebuild import pyodide
from sitebuild.offline import CALCULATOR_PREFIXES

from ..conftest import mkdocs_build
from .conftest import Watch
from .test_ramp_up_page import ROOT as CALC_ROOT
from .test_ramp_up_page import change, normalised, python_html, result_html, wait_ready

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
MARKER = "Kestrelwing"  # a word no page uses, added to the second build's glossary page (search indexes it)

SW_ACTIVE = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (worker.state !== 'activated') {
    await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
  }
  return registration.scope;
}"""
"""Wait until this page's service worker has installed (cached the site) and activated."""

CACHE_COUNTS = """async () => {
  const out = {};
  for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).length;
  return out;
}"""

FETCH_ALL = """async (urls) => {
  const out = [];
  for (const url of urls) {
    try {
      const response = await fetch(url);
      const body = await response.arrayBuffer();
      out.push([url, response.status, body.byteLength, response.headers.get('content-type')]);
    } catch (error) {
      out.push([url, 0, 0, String(error)]);
    }
  }
  return out;
}"""


@contextmanager
def serving(server: http.server.ThreadingHTTPServer, directory: Path, log: list[str] | None = None) -> Iterator[None]:
    """Make the session's server serve another folder for a while, noting each path it is asked for."""
    seen = log if log is not None else []

    class Recording(Handler):
        def send_response(self, code: int, message: str | None = None) -> None:
            seen.append(self.path.split("?", 1)[0])
            super().send_response(code, message)

    before = server.RequestHandlerClass
    server.RequestHandlerClass = functools.partial(Recording, directory=str(directory))
    try:
        yield
    finally:
        server.RequestHandlerClass = before


@contextmanager
def offline(context: BrowserContext, server: http.server.ThreadingHTTPServer, empty: Path) -> Iterator[list[str]]:
    """No network for the browser, and a server with nothing on it.

    Yields the paths the server was asked for anyway, less the browser's own check for
    a newer sw.js (Playwright's offline mode does not stop it; a 404 leaves the worker be).
    """
    log: list[str] = []
    context.set_offline(True)
    try:
        with serving(server, empty, log):
            yield log
            log[:] = [path for path in log if path != "/sw.js"]
    finally:
        context.set_offline(False)


def build_info(site: Path) -> dict[str, object]:
    """The version and file groups that the build wrote into sw.js."""
    match = re.search(r"const BUILD = (\{.*?\});\n", (site / "sw.js").read_text())
    assert match, "sw.js holds no build manifest"
    info: dict[str, object] = json.loads(match.group(1))
    return info


def group_urls(site: Path, group: str) -> list[str]:
    groups = build_info(site)["groups"]
    assert isinstance(groups, dict)
    return [url for url, _ in groups[group]]


def page_urls(site: Path) -> list[str]:
    """Every page the sitemap lists, as paths from the site root."""
    locs = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text())
    return [re.sub(r"^https?://[^/]+/", "", loc) for loc in locs]


def cache_counts(page: Page) -> dict[str, int]:
    counts: dict[str, int] = page.evaluate(CACHE_COUNTS)
    return counts


def wait_for_calculators_cached(page: Page, expected: int, timeout_s: float = 60) -> dict[str, int]:
    """Poll Cache Storage until the calculators group holds all its files."""
    deadline = time.monotonic() + timeout_s
    while True:
        counts = cache_counts(page)
        if sum(n for name, n in counts.items() if name.endswith("-calculators")) >= expected:
            return counts
        assert time.monotonic() < deadline, f"calculators never cached: {counts}"
        page.wait_for_timeout(250)


def search(page: Page, query: str) -> list[str]:
    """Type into Material's search box; the titles of the results (none: an empty list)."""
    page.click("input.md-search__input")  # the header's search box (a wide window shows it)
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # Material searches on key events: one, with the whole query
    expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile("Initializing|Type to start"), timeout=20_000)
    titles = page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()
    links = page.locator(".md-search-result__link").evaluate_all("(links) => links.map((a) => a.href)")
    carried = [href for href in links if urlsplit(href).query]
    assert not carried, f"a result's address would carry the search words to the host: {carried}"
    page.keyboard.press("Escape")
    return titles


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


def test_guide_visit_keeps_the_whole_site_offline_but_no_pyodide(
    context: BrowserContext, page: Page, base_url: str, built_site: Path, site_server: http.server.ThreadingHTTPServer, empty: Path
) -> None:
    """After one guide page, every page, the search and the PDF work offline; Pyodide was never downloaded."""
    asked: list[str] = []
    with serving(site_server, built_site, asked):
        page.goto(base_url)
        page.evaluate(SW_ACTIVE)
    assert not [p for p in asked if p.lstrip("/").startswith(CALCULATOR_PREFIXES) or p.endswith(".whl")], asked
    counts = cache_counts(page)
    assert [n for n in counts if n.endswith("-site")] and not any(counts[n] for n in counts if n.endswith("-calculators")), counts

    with offline(context, site_server, empty) as reached:
        page.reload()
        for path in page_urls(built_site):
            response = page.goto(base_url + path)
            assert response is not None and response.ok, path
            assert page.locator("article h1").count() == 1, path
        # Every file of the site group, the PDF among them, byte for byte.
        site = group_urls(built_site, "site")
        for url, status, size, kind in page.evaluate(FETCH_ALL, [base_url + u for u in site]):
            rel = url.removeprefix(base_url)
            assert (status, size) == (200, (built_site / rel).stat().st_size), (rel, status, kind)
            if rel.endswith(".pdf"):
                assert kind == "application/pdf", kind
        page.goto(base_url)
        assert "Ramp-up planner" in search(page, "ramp")
        # A calculator page: the baked default plan and a plain offline note, no error.
        page.goto(base_url + "calculators/ramp-up/")
        expect(page.locator(".ffr-js-status")).to_contain_text("You are offline", timeout=30_000)
        assert result_html(page) == normalised(page, python_html())
        assert page.is_visible("#ffr-ramp-up-weekly_volume")
    assert not reached, f"the server was asked for {reached} while offline"


def test_calculator_visit_makes_the_calculators_work_offline(
    context: BrowserContext, page: Page, base_url: str, built_site: Path, site_server: http.server.ThreadingHTTPServer, empty: Path
) -> None:
    """After one calculator page, offline: a guide page loads, Python recomputes a changed plan, and the
    weekly check-in works and survives an offline reload.

    Making the offline copy downloads nothing large twice: Pyodide's big files and the
    wheel (all but a few KB of the 14 MB) are asked of the server once, by the calculator,
    and copied from the HTTP cache. (Small files may be asked again: the lock file is
    revalidated like a page.)
    """
    calculators = group_urls(built_site, "calculators")
    asked: list[str] = []
    with serving(site_server, built_site, asked):
        page.goto(base_url + "calculators/cadence/")
        expect(page.locator(CALC_ROOT)).to_have_attribute("data-ffr-state", "ready", timeout=60_000)
        page.evaluate(SW_ACTIVE)
        counts = wait_for_calculators_cached(page, len(calculators))
    assert len([n for n in counts if n.startswith("ffr-")]) == 2, counts
    big = sorted(u for u in calculators if (built_site / u).stat().st_size > 100_000)
    assert len(big) >= 4  # the wasm, the standard library, Pyodide's JavaScript, the wheel
    assert sorted(p.lstrip("/") for p in asked if p.lstrip("/") in big) == big

    # Without the browser's HTTP cache, as after a reader clears it: offline, Pyodide
    # can then only come from the service worker's checked copy.
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    with offline(context, site_server, empty) as reached:
        page.goto(base_url + "references/")
        expect(page.locator("article h1")).to_have_text(re.compile("References"))
        page.goto(base_url + "calculators/ramp-up/")
        wait_ready(page)
        change(page, "weekly_volume", "142")
        assert result_html(page) == normalised(page, python_html(weekly_volume="142"))
        wasm = page.evaluate(
            """async (wasm) => {
              const response = await fetch(wasm);
              const type = response.headers.get('content-type');
              const checked = response.headers.get('x-ffr-integrity');  // set on the worker's copy only
              await WebAssembly.compileStreaming(response);  // throws unless application/wasm
              return [type, Boolean(checked)];
            }""",
            f"../../{pyodide.folder()}pyodide.asm.wasm",
        )
        assert wasm == ["application/wasm", True]

        # The weekly check-in works offline, and an offline reload keeps the log and the plan it shaped.
        before = int(page.get_attribute(CALC_ROOT, "data-ffr-logged") or 0)
        page.fill("#ffr-ramp-up-checkin-pain", "6")
        page.select_option("#ffr-ramp-up-checkin-settled", "yes")
        page.select_option("#ffr-ramp-up-checkin-where", "achilles")
        page.press("#ffr-ramp-up-checkin-pain", "Enter")
        page.wait_for_function(f"() => Number(document.querySelector('{CALC_ROOT}').dataset.ffrLogged || 0) > {before}")
        expect(page.locator(f"{CALC_ROOT} .ffr-js-checkin-status")).to_contain_text("Go back a week")
        shaped = result_html(page)
        page.reload()
        wait_ready(page)
        page.wait_for_function(f"() => Number(document.querySelector('{CALC_ROOT}').dataset.ffrComputed || 0) >= 1")
        assert result_html(page) == shaped, "offline, a reload shows the plan as the log shaped it"
        assert "then went back" in shaped
    assert not reached, f"the server was asked for {reached} while offline"


@pytest.fixture(scope="module")
def second_build(tmp_path_factory: pytest.TempPathFactory, site_server: http.server.ThreadingHTTPServer, built_site: Path) -> Path:
    """A real second build of a copy of the sources, with one word added to the glossary page.

    Without the PDF (FFR_PDF=0), which has its own tests and would double this build's time.
    """
    src = tmp_path_factory.mktemp("src") / "repo"
    heavy = {
        ".git",
        ".venv",
        "node_modules",
        ".cache",
        ".build-cache",
        "site",
        "__pycache__",
        ".pytest_cache",
        ".mypy_cache",
        ".ruff_cache",
        ".hypothesis",
    }
    shutil.copytree(REPO, src, ignore=lambda _dir, names: [n for n in names if n in heavy])
    (REPO / ".build-cache").mkdir(exist_ok=True)
    for name in ["node_modules", ".build-cache"]:  # the npm packages, and the build's compiled bytecode
        (src / name).symlink_to(REPO / name)
    glossary = src / "docs" / "glossary.md"
    glossary.write_text(glossary.read_text() + f"\n\n{MARKER} is the word that only the second build has.\n")
    out = tmp_path_factory.mktemp("site2")
    mkdocs_build(out, base_url_of(site_server), src, FFR_PDF="0")
    return out


def test_a_new_build_replaces_the_old_one_whole(
    context: BrowserContext,
    base_url: str,
    built_site: Path,
    second_build: Path,
    site_server: http.server.ThreadingHTTPServer,
    watch: Watch,
) -> None:
    """Open tabs keep the old build until the reader accepts the new one; then every tab shows the new build and the old cache is gone."""
    old, new = build_info(built_site)["version"], build_info(second_build)["version"]
    assert old != new
    first = context.new_page()
    with serving(site_server, built_site):
        first.goto(base_url)
        first.evaluate(SW_ACTIVE)
        other = context.new_page()
        other.goto(base_url + "glossary/")
        expect(other.locator("article")).not_to_contain_text(MARKER)

    with serving(site_server, second_build):
        first.reload()  # the browser checks sw.js on a navigation and installs the new build beside the old one
        expect(first.locator(".ffr-update")).to_contain_text("A new version of this site is ready", timeout=30_000)
        # Until the reader says so, this tab is the old build: its pages (instant navigation) and its search.
        first.click('.md-sidebar--primary a.md-nav__link[href$="glossary/"]')
        expect(first.locator("article h1")).to_have_text(re.compile("Glossary"))
        expect(first.locator("article")).not_to_contain_text(MARKER)
        assert search(first, MARKER) == []
        assert any(name.startswith(f"ffr-{old}-") for name in cache_counts(first))

        with first.expect_navigation():
            first.get_by_role("button", name="Reload").click()
        expect(first.locator("article")).to_contain_text(MARKER)
        # The other tab reloaded by itself: no tab goes on with the old build.
        expect(other.locator("article")).to_contain_text(MARKER, timeout=10_000)
        assert "Glossary" in search(first, MARKER)
        names = list(cache_counts(first))
        assert names and all(name.startswith(f"ffr-{new}-") for name in names), names
