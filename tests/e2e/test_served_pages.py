"""Every page as first served: the CSP in force and nothing violating it; what a guide page costs.

One cold visit per page (a fresh browser context, so an empty cache), shared by the
tests below. It records the policy the page arrived with, every CSP violation the page
reports, and every request with its size on the wire: gzip, as the local server
compresses like a static host. On calculator pages it also waits for Python and
recalculates, so the policy is shown to let the calculators work.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Request

from sitebuild.headers import CSP, CSP_META

from ..conftest import FIGURES
from .calculator_page import show_recomputed_result, wait_ready
from .conftest import Watch

pytestmark = pytest.mark.browser

GUIDE_PAGE_BUDGET = 200_000  # bytes on the wire, everything the page loads included

LISTEN = """
window.__ffrCsp = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__ffrCsp.push(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
"""
# An inline script, added the way an injected one would be: the policy must block it, and
# the listener must hear about it, or "no violations" would prove nothing.
PROBE = "() => { const s = document.createElement('script'); s.textContent = 'window.__ffrRan = true'; document.head.append(s); }"


@dataclass
class Visit:
    """What one cold load of a page did."""

    policy: str | None = None
    meta_policy: str | None = None
    violations: list[str] = field(default_factory=list)
    transferred: dict[str, int] = field(default_factory=dict)
    """Bytes on the wire by URL, for everything the page fetched (its workers included)."""
    offline_copy: dict[str, int] = field(default_factory=dict)
    """The same for what the service worker fetched on its own: the site's offline copy."""


def visit(browser: Browser, watch: Watch, url: str, calculator: bool) -> Visit:
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    watch.attach(page)
    record = Visit()

    def finished(request: Request) -> None:
        # Chromium reports no body size for some requests (worker scripts, images), so
        # the body counts as the Content-Length the server sent, which is the gzip size.
        response = request.response()
        length = response.header_value("content-length") if response else None
        sizes = request.sizes()
        size = sizes["responseHeadersSize"] + (int(length) if length else sizes["responseBodySize"])
        # A URL used twice (the logo is also the favicon) comes from the memory cache the second time.
        into = record.offline_copy if request.service_worker else record.transferred
        into[request.url] = max(size, into.get(request.url, 0))

    context.on("requestfinished", finished)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    record.policy = response.headers.get("content-security-policy")
    record.meta_policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    if calculator:
        wait_ready(page)
        show_recomputed_result(page)
    record.violations = page.evaluate("window.__ffrCsp")
    context.close()
    return record


@pytest.fixture(scope="module")
def visits(browser: Browser, base_url: str, site_pages: list[str], calculator_pages: list[str]) -> dict[str, Visit]:
    """One cold visit of every built page, with no console error and no request off the site."""
    watch = Watch(origin=base_url.rstrip("/"))
    found = {path: visit(browser, watch, base_url + path, path in calculator_pages) for path in site_pages}
    assert not watch.errors, watch.errors
    assert not watch.foreign, watch.foreign
    return found


def assert_inline_script_is_blocked_and_heard(browser: Browser, url: str) -> None:
    """An inline script added to the page at ``url`` does not run, and the listener hears the policy block it."""
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.goto(url)
    page.evaluate(PROBE)
    page.wait_for_function("() => window.__ffrCsp.length > 0")
    assert not page.evaluate("window.__ffrRan === true")
    assert page.evaluate("window.__ffrCsp")[0].startswith("script-src-elem blocked inline")
    context.close()


def test_the_policy_is_enforced_and_hears_violations(browser: Browser, base_url: str) -> None:
    """An inline script added to a page does not run and is reported: the policy and the listener both work."""
    assert_inline_script_is_blocked_and_heard(browser, base_url)


def test_every_page_arrives_with_the_policy_and_breaks_none_of_it(visits: dict[str, Visit]) -> None:
    """Each page gets the CSP as a header and as a meta tag, and reports no violation, calculators working."""
    for path, seen in visits.items():
        assert seen.policy == CSP, f"{path or '/'}: header {seen.policy!r}"
        assert seen.meta_policy == CSP_META, f"{path or '/'}: meta {seen.meta_policy!r}"
        assert not seen.violations, f"{path or '/'}: {seen.violations}"


def test_a_page_without_a_calculator_transfers_under_200_kb(visits: dict[str, Visit], calculator_pages: list[str]) -> None:
    """Every page without a calculator loads in under 200 KB on the wire, everything it fetches included, and no Pyodide.

    What the service worker then downloads on its own, for the site's offline copy, is
    not the page's: it is reported with the figures at the end of the run.
    """
    guide = {path: seen for path, seen in visits.items() if path not in calculator_pages}
    assert guide
    totals = {path or "/": sum(seen.transferred.values()) for path, seen in guide.items()}
    heavy = {path: total for path, total in totals.items() if total >= GUIDE_PAGE_BUDGET}
    offline = max(sum(seen.offline_copy.values()) for seen in guide.values())
    lightest, heaviest = min(totals.values()) / 1000, max(totals.values()) / 1000
    FIGURES.append(
        f"Page weight (gzip, on the wire): pages without a calculator {lightest:.0f}-{heaviest:.0f} kB "
        f"(budget {GUIDE_PAGE_BUDGET / 1000:.0f} kB); then the service worker's offline copy: at least {offline / 1000:.0f} kB"
    )
    assert not heavy, f"over {GUIDE_PAGE_BUDGET} bytes: {heavy}"
    for path, seen in guide.items():
        fetched = [*seen.transferred, *seen.offline_copy]
        assert not [url for url in fetched if "/assets/pyodide/" in url or "/assets/calculators/" in url or url.endswith(".whl")], path
