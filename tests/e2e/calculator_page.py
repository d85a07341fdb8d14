"""Helpers that drive any calculator page the same way, whatever its fields."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

ROOT = '[data-module="ffr-calculator"]'
FORM = f"{ROOT} form.ffr-js-form"
FIRST_TEXT = f"{FORM} input.ffr-input[type=text] >> nth=0"
NOT_A_NUMBER = "not a number"


def wait_ready(page: Page) -> None:
    """Wait until the page's Python worker has started."""
    expect(page.locator(ROOT)).to_have_attribute("data-ffr-state", "ready", timeout=60_000)


def render_skipped(page: Page) -> None:
    """Draw every part the browser may skip while it is off screen (``content-visibility: auto``).

    A reader who scrolls there sees it drawn; axe measures only what is drawn (contrast,
    target sizes), so without this it would pass over those parts or measure them at their
    placeholder size. Those parts stay drawn for the rest of the test.
    """
    page.evaluate("""() => { for (const el of document.querySelectorAll('*'))
      if (getComputedStyle(el).contentVisibility === 'auto') el.style.contentVisibility = 'visible'; }""")


def settle(page: Page) -> None:
    """Wait until the page's CSS transitions have run their course.

    A recomputed result or a field in error scrolls the page, and Material then fades its
    header's title and recolours the sidebar's links. axe reads colours as drawn: caught
    mid-fade, a colour is one no reader is left with (white at 57% over the header's green
    once measured 4.49:1). Two frames first, so that the scroll's own changes have begun.
    """
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function("() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running')")


def computed(page: Page) -> int:
    """How many replies from Python the page has applied so far."""
    return int(page.get_attribute(ROOT, "data-ffr-computed") or 0)


def wait_computed(page: Page, before: int) -> None:
    """Wait until the page has applied a reply after the ``before``-th."""
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) > {before}")


def submit_first_field(page: Page, value: str | None = None) -> None:
    """Type ``value`` (or keep the current one) in the form's first text field and press Enter."""
    before = computed(page)
    field = page.locator(FIRST_TEXT)
    if value is not None:
        field.fill(value)
    field.press("Enter")
    wait_computed(page, before)


def show_recomputed_result(page: Page) -> None:
    """Submit the form as it is: the result on screen is then one Python recomputed in the browser."""
    submit_first_field(page)
    expect(page.locator(f"{ROOT} .ffr-js-status")).to_have_text(re.compile(r"^Updated: \S"))


def show_field_error(page: Page) -> str:
    """Submit text where a number belongs; returns the id of the field that is now in error."""
    submit_first_field(page, NOT_A_NUMBER)
    field_id = page.locator(FIRST_TEXT).get_attribute("id") or ""
    expect(page.locator(f"#{field_id}")).to_have_attribute("aria-invalid", "true")
    return field_id


def navigate_instantly(page: Page, url: str) -> None:
    """Follow a link to ``url`` as a reader would, so Material's instant navigation keeps the Python worker."""
    page.evaluate("document.querySelector('article').dataset.ffrTestLeft = 'yes'")  # the article is swapped on arrival
    page.evaluate("(url) => { const a = document.createElement('a'); a.href = url; document.body.append(a); a.click(); a.remove(); }", url)
    page.wait_for_url(url)
    page.wait_for_function("() => !document.querySelector('[data-ffr-test-left]')")
    assert page.evaluate("() => performance.getEntriesByType('navigation').length === 1"), "the navigation was not instant"


def away_and_back(page: Page, nav_path: str) -> None:
    """Click the sidebar's References link, then the link back to ``nav_path``: the worker must survive both."""
    page.evaluate("window.__sameDocument = true")
    page.click("nav.md-nav--primary a[href$='references/']")
    page.wait_for_url(re.compile(r"/references/$"))
    page.click(f"nav.md-nav--primary a[href$='{nav_path.rstrip('/').rsplit('/', 1)[-1]}/']")
    page.wait_for_url(re.compile(re.escape(nav_path)))
    wait_ready(page)
    assert page.evaluate("window.__sameDocument === true"), "navigation was instant, not a reload"


def open_calculator(page: Page, base_url: str, path: str, first: bool) -> None:
    """Show a calculator page with its worker ready: a full load the first time, then instant navigation."""
    if first:
        page.goto(base_url + path)
    else:
        navigate_instantly(page, base_url + path)
    wait_ready(page)
