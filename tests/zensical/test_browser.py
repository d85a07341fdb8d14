"""The browser suite's core against the Zensical build, served with the production headers.

A calculator recomputes in Python after instant navigation; every page keeps to the
build's policy with no violation (the search included, styled by the one hash the policy
adds for it); after one calculator visit the site and its calculators work offline.
The checks are ``tests/e2e``'s, run on ``python -m sitebuild zensical``'s output.
"""

from __future__ import annotations

import http.server
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from sitebuild.headers import site_csp

from ..conftest import Watch, calculator_paths, page_paths
from ..e2e.calculator_page import ROOT, show_recomputed_result, wait_ready
from ..e2e.test_offline import SW_ACTIVE, group_urls, offline, page_urls, serving, wait_for_calculators_cached
from ..e2e.test_ramp_up_page import change, normalised, python_html, result_html
from ..e2e.test_served_pages import LISTEN, assert_inline_script_is_blocked_and_heard

pytestmark = pytest.mark.browser

SEARCH_STYLE = """() => {
  const host = [...document.body.children].find((e) => e.shadowRoot && e.shadowRoot.querySelector('dialog'));
  const style = host && host.shadowRoot.querySelector('style');
  return Boolean(style && style.sheet);
}"""
"""Whether the search's shadow root has its stylesheet (a <style> the policy blocked has no sheet)."""


def test_every_page_keeps_to_the_build_s_policy(browser: Browser, zensical_site: Path, zensical_url: str) -> None:
    """Cold visits of every page: the policy as header and meta, no violation, calculators recomputing in Python.

    The policy is the MkDocs build's plus one style hash, and an inline script is still blocked and heard.
    """
    policy, meta = site_csp(zensical_site), site_csp(zensical_site, meta=True)
    assert policy.count("'sha256-") == 1
    watch = Watch(origin=zensical_url.rstrip("/"))
    calculators = calculator_paths(zensical_site)
    for path in page_paths(zensical_site):
        context = browser.new_context()
        context.add_init_script(LISTEN)
        page = context.new_page()
        watch.attach(page)
        response = page.goto(zensical_url + path, wait_until="networkidle")
        assert response is not None and response.ok, path
        assert response.headers.get("content-security-policy") == policy, path
        assert page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content") == meta, path
        if path in calculators:
            wait_ready(page)
            show_recomputed_result(page)
        assert page.evaluate("window.__ffrCsp") == [], path
        context.close()
    assert not watch.errors, watch.errors
    assert not watch.foreign, watch.foreign
    # The listener hears what the policy blocks: an inline script added to a page neither runs nor goes unreported.
    assert_inline_script_is_blocked_and_heard(browser, zensical_url)


def test_search_finds_pages_and_is_styled_under_the_policy(browser: Browser, zensical_url: str, watch: Watch) -> None:
    """Zensical's search (its own UI, in a shadow root) finds the planner, with its stylesheet allowed by hash."""
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    watch.attach(page)
    page.goto(zensical_url)
    page.click(".md-search__button")
    query = page.locator("dialog input").first  # Playwright's locators see into open shadow roots
    query.press_sequentially("ramp")
    first = page.locator("dialog a").first
    expect(first).to_contain_text("Ramp-up planner", timeout=20_000)
    assert (first.get_attribute("href") or "").startswith(zensical_url + "calculators/ramp-up/")
    assert page.evaluate(SEARCH_STYLE), "the search's <style> was blocked"
    assert page.evaluate("window.__ffrCsp") == []
    context.close()
    assert not watch.errors and not watch.foreign, (watch.errors, watch.foreign)


def test_instant_navigation_to_a_calculator_that_recomputes_in_python(page: Page, zensical_url: str) -> None:
    """A sidebar link swaps the page without a load; the planner then gives exactly the plan CPython renders."""
    page.goto(zensical_url)
    page.evaluate("window.__sameDocument = true")
    page.click("nav.md-nav--primary a[href$='calculators/ramp-up/']")
    page.wait_for_url(zensical_url + "calculators/ramp-up/")
    expect(page.locator("article h1")).to_have_text(re.compile("^Ramp-up planner"))
    wait_ready(page)
    assert page.evaluate("window.__sameDocument === true"), "navigation was a reload, not instant"
    assert page.evaluate("() => performance.getEntriesByType('navigation').length === 1")
    assert result_html(page) == normalised(page, python_html())
    change(page, "age", "52")
    assert result_html(page) == normalised(page, python_html(age="52"))


def test_after_one_calculator_visit_the_site_and_its_calculators_work_offline(
    context: BrowserContext,
    page: Page,
    zensical_url: str,
    zensical_site: Path,
    zensical_server: http.server.ThreadingHTTPServer,
    tmp_path: Path,
) -> None:
    """The service worker caches the site and, after a calculator page, Pyodide and the wheel; then, with no
    network and a server with nothing on it, every page loads and the planner recomputes in Python."""
    with serving(zensical_server, zensical_site):
        page.goto(zensical_url + "calculators/cadence/")
        expect(page.locator(ROOT)).to_have_attribute("data-ffr-state", "ready", timeout=60_000)
        page.evaluate(SW_ACTIVE)
        wait_for_calculators_cached(page, len(group_urls(zensical_site, "calculators")))
    empty = tmp_path / "empty"
    empty.mkdir()
    context.new_cdp_session(page).send("Network.clearBrowserCache")  # only the service worker's copy is left
    with offline(context, zensical_server, empty) as reached:
        for path in page_urls(zensical_site):
            response = page.goto(zensical_url + path)
            assert response is not None and response.ok, path
            expect(page.locator("article h1")).to_have_count(1)
        page.goto(zensical_url + "calculators/ramp-up/")
        wait_ready(page)
        change(page, "weekly_volume", "142")
        assert result_html(page) == normalised(page, python_html(weekly_volume="142"))
        expect(page.locator(f"{ROOT} .ffr-js-status")).not_to_have_text(re.compile("offline", re.I))
    assert not reached, f"the server was asked for {reached} while offline"
