"""The cadence page in headless Chromium: recalculation, and the metronome by keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .test_ramp_up_page import computed, normalised, result_html

pytestmark = pytest.mark.browser

PATH = "calculators/cadence/"
ROOT = '[data-module="ffr-calculator"]'


def python_html(**changes: str) -> str:
    from calculators import CALCULATORS, default_values

    calc = CALCULATORS["cadence"]
    return calc.render_result(calc.compute(calc.parse_inputs(default_values(calc.fields) | changes)))


def beats(page: Page, selector: str) -> int:
    return int(page.get_attribute(selector, "data-ffr-beats") or 0)


def test_a_new_count_gives_the_cpython_result(page: Page, base_url: str) -> None:
    """Typing a new count shows exactly what CPython renders for it; a bad count is marked on its field."""
    page.goto(base_url + PATH)
    expect(page.locator(ROOT)).to_have_attribute("data-ffr-state", "ready", timeout=60_000)
    before = computed(page)
    page.fill("#ffr-cadence-steps", "84")
    page.press("#ffr-cadence-steps", "Enter")
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) > {before}")
    assert result_html(page) == normalised(page, python_html(steps="84"))
    page.fill("#ffr-cadence-pace", "6:75")
    page.press("#ffr-cadence-pace", "Enter")
    expect(page.locator("#ffr-cadence-pace")).to_have_attribute("aria-invalid", "true")
    assert result_html(page) == normalised(page, python_html(steps="84"))


def test_metronome_starts_and_stops_by_keyboard_and_stops_when_leaving(page: Page, base_url: str) -> None:
    """The metronome is a button: Enter starts it, Space stops it, and leaving the page stops it."""
    page.goto(base_url + PATH)
    expect(page.locator(ROOT)).to_have_attribute("data-ffr-state", "ready", timeout=60_000)
    first = 'button[data-module="ffr-metronome"] >> nth=0'
    page.focus(first)
    page.keyboard.press("Enter")
    expect(page.locator(first)).to_have_attribute("aria-pressed", "true")
    page.wait_for_function("() => Number(document.querySelector('button[data-module=ffr-metronome]').dataset.ffrBeats || 0) > 3")
    page.keyboard.press("Space")
    expect(page.locator(first)).to_have_attribute("aria-pressed", "false")
    stopped = beats(page, first)
    page.wait_for_timeout(600)
    assert beats(page, first) == stopped, "no beats after stopping"

    page.keyboard.press("Space")
    expect(page.locator(first)).to_have_attribute("aria-pressed", "true")
    button = page.locator(first).element_handle()
    page.click("nav.md-nav--primary a[href$='references/']")
    page.wait_for_url(re.compile(r"/references/$"))
    # The new page's scripts stop the metronome in a task of their own, just after the swap.
    page.wait_for_function("b => b.getAttribute('aria-pressed') === 'false'", arg=button, timeout=5_000)
    count = int(button.evaluate("b => Number(b.dataset.ffrBeats || 0)"))
    page.wait_for_timeout(600)
    assert int(button.evaluate("b => Number(b.dataset.ffrBeats || 0)")) == count, "leaving the page stops the clicks"
