"""WCAG 2.2 AA by axe-core on every built page, in both palettes and in each calculator state.

axe-core runs inside the page (axe-playwright-python evaluates it through the
DevTools protocol, so the site's CSP does not have to allow it). Only the WCAG A and
AA rules up to 2.2 run: best-practice rules are advice, not the bar.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from .calculator_page import open_calculator, render_skipped, settle, show_field_error, show_recomputed_result
from .conftest import Watch

pytestmark = pytest.mark.browser

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}
AXE = Axe()


def violations(page: Page, where: str) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it settles, every part drawn, one readable line per element."""
    render_skipped(page)
    settle(page)
    result = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]})
    return [
        f"{where}: {v['id']} ({v['impact']}) {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}"
        for v in result.response["violations"]
        for node in v["nodes"]
    ]


def open_in(browser: Browser, watch: Watch, scheme: str) -> Page:
    """A fresh page whose system colour scheme is ``scheme``; Material follows it."""
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    watch.attach(page)
    return page


def goto(page: Page, url: str, scheme: str) -> None:
    page.goto(url)
    palette = page.get_attribute("body", "data-md-color-scheme")
    assert palette == SCHEMES[scheme], f"{url}: expected the {scheme} palette, got {palette}"


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_every_page_meets_wcag_22_aa(browser: Browser, base_url: str, site_pages: list[str], watch: Watch, scheme: str) -> None:
    """Every built page, as first shown, has no WCAG 2.2 A/AA violation in this palette."""
    page = open_in(browser, watch, scheme)
    found: list[str] = []
    for path in site_pages:
        goto(page, base_url + path, scheme)
        found += violations(page, path or "/")
    page.context.close()
    assert not found, "\n".join(found)
    assert not watch.errors, watch.errors


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_calculator_results_and_errors_meet_wcag_22_aa(
    browser: Browser, base_url: str, calculator_pages: list[str], watch: Watch, scheme: str
) -> None:
    """Each calculator, with a result recomputed in the browser and then with a field error shown, has no WCAG 2.2 A/AA violation."""
    page = open_in(browser, watch, scheme)
    found: list[str] = []
    for i, path in enumerate(calculator_pages):
        open_calculator(page, base_url, path, first=i == 0)
        assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
        show_recomputed_result(page)
        found += violations(page, f"{path} (recomputed result)")
        show_field_error(page)
        found += violations(page, f"{path} (field error)")
    page.context.close()
    assert not found, "\n".join(found)
    assert not watch.errors, watch.errors
