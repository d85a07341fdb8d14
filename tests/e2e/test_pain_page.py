"""'What is this pain?' in headless Chromium: answered by keyboard alone, a red flag comes first, and axe finds nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .calculator_page import computed, wait_computed, wait_ready
from .test_accessibility import violations
from .test_checklist_page import python_html, tab_to
from .test_ramp_up_page import normalised, result_html

pytestmark = pytest.mark.browser

PATH = "calculators/pain/"


def test_keyboard_answers_give_the_red_flag_first_and_axe_finds_nothing(page: Page, base_url: str) -> None:
    """Choosing 'suddenly' with the arrow keys, typing the days and ticking 'swollen' with Space gives, in the
    browser, the same result as Python: the urgent red flag (a possible clot) before any kind, announced first
    in the summary; the page then has no WCAG 2.2 A/AA violation."""
    page.goto(base_url + PATH)
    wait_ready(page)
    page.locator("#ffr-pain-onset").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#ffr-pain-onset")).to_have_value("sudden")
    tab_to(page, "ffr-pain-days")
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    before = computed(page)
    page.keyboard.press("Enter")
    wait_computed(page, before)
    expect(page.locator(".ffr-summary")).to_contain_text("It looks most like a calf strain")

    tab_to(page, "ffr-pain-swelling")
    before = computed(page)
    page.keyboard.press("Space")
    wait_computed(page, before)
    summary = page.locator(".ffr-summary")
    expect(summary).to_have_text(
        "Red flag: pain in one calf with swelling, warmth or redness. Get medical help today; this check is not a diagnosis."
    )
    assert result_html(page) == normalised(page, python_html("pain", onset="sudden", days="1", swelling="on"))
    order = page.evaluate(
        """() => {
            const flag = document.querySelector('.ffr-js-result .ffr-pain-flags');
            const kinds = [...document.querySelectorAll('.ffr-js-result .ffr-pain-kind')];
            return kinds.length > 0 && kinds.every((kind) => flag.compareDocumentPosition(kind) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )
    assert order, "every kind comes after the red flag"
    assert not violations(page, f"{PATH} (red flag)")
