"""The checklist page in headless Chromium: filled by keyboard alone, then on into the planner."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .test_ramp_up_page import normalised, result_html

pytestmark = pytest.mark.browser

PATH = "calculators/checklist/"
ROOT = '[data-module="ffr-calculator"]'


def python_html(calc_id: str, **changes: str) -> str:
    from calculators import CALCULATORS, default_values

    calc = CALCULATORS[calc_id]
    return calc.render_result(calc.compute(calc.parse_inputs(default_values(calc.fields) | changes)))


def tab_to(page: Page, element_id: str, limit: int = 60) -> None:
    """Press Tab until the element with this id has focus."""
    for _ in range(limit):
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_keyboard_alone_fills_the_check_and_the_planner_link_carries_the_answers(page: Page, base_url: str) -> None:
    """Tab and Space tick answers, typing fills age; the result matches CPython; its link opens a filled planner."""
    page.goto(base_url + PATH)
    expect(page.locator(ROOT)).to_have_attribute("data-ffr-state", "ready", timeout=60_000)
    page.locator("#ffr-checklist-foot_ahead").focus()
    page.keyboard.press("Space")
    tab_to(page, "ffr-checklist-on_toes")
    page.keyboard.press("Space")
    tab_to(page, "ffr-checklist-injury")
    page.keyboard.press("Space")
    tab_to(page, "ffr-checklist-age")
    page.keyboard.type("52")
    page.keyboard.press("Enter")
    expected = python_html("checklist", foot_ahead="on", on_toes="on", injury="on", age="52")
    expect(page.locator(".ffr-concern--high")).to_contain_text("(5 points)")  # injury, on toes and age all counted
    assert result_html(page) == normalised(page, expected)

    link = page.locator("a", has_text="Plan your transition with these answers")
    href = link.get_attribute("href") or ""
    assert "?" not in href and "age=52" in href.split("#", 1)[1], "the reader's answers travel in the fragment, never to the server"
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/calculators/ramp-up/**")
    expect(page.locator(ROOT)).to_have_attribute("data-ffr-state", "ready", timeout=60_000)
    expect(page.locator("#ffr-ramp-up-age")).to_have_value("52")
    expect(page.locator("#ffr-ramp-up-injury")).to_be_checked()
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) >= 1")
    assert result_html(page) == normalised(page, python_html("ramp-up", age="52", injury="on"))


def test_a_red_flag_overrides_the_bands(page: Page, base_url: str) -> None:
    """Ticking a red flag puts the stop-and-see-a-clinician message first and drops the planner link."""
    page.goto(base_url + PATH)
    expect(page.locator(ROOT)).to_have_attribute("data-ffr-state", "ready", timeout=60_000)
    page.check("#ffr-checklist-flag_tiptoe")
    expect(page.locator(".ffr-summary")).to_contain_text("You ticked a red flag")
    expect(page.locator("a", has_text="Plan your transition")).to_have_count(0)


def test_contradictory_answers_are_pointed_out(page: Page, base_url: str) -> None:
    """'No pain at all' with 'pain above 5/10' marks the field and keeps the last result."""
    page.goto(base_url + PATH)
    expect(page.locator(ROOT)).to_have_attribute("data-ffr-state", "ready", timeout=60_000)
    page.check("#ffr-checklist-pain_high")
    expect(page.locator(".ffr-summary")).to_contain_text("Calf overload: high")
    good = result_html(page)
    page.check("#ffr-checklist-no_pain")
    expect(page.locator("#ffr-checklist-no_pain")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#ffr-checklist-no_pain-error")).to_contain_text("untick")
    assert result_html(page) == good
