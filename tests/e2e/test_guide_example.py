"""The worked example on the transition guide, and the planner it opens, in headless Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from calculators import CALCULATORS, default_values

from ..build.test_examples import page_example
from .test_ramp_up_page import ROOT, computed, normalised, result_html, wait_ready

pytestmark = pytest.mark.browser


def test_the_example_opens_the_planner_with_the_same_plan(context: BrowserContext, page: Page, base_url: str) -> None:
    """Following the example's button lands on the planner with the example's answers in the form,
    even when the reader stored other answers there before, and Python in the browser shows the same
    plan as the one baked into the guide."""
    calc_id, given = page_example()
    values = default_values(CALCULATORS[calc_id].fields) | given
    page.goto(base_url + f"calculators/{calc_id}/")
    wait_ready(page)
    assert "body_mass" not in given  # an answer the example leaves at its default...
    page.fill(f"#ffr-{calc_id}-body_mass", "95")  # ...that an earlier visit left in local storage
    page.press(f"#ffr-{calc_id}-body_mass", "Tab")
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) > 0")

    page.goto(base_url + "guide/transition/")
    baked = normalised(page, page.inner_html(".ffr-example .ffr-result"))
    page.click(".ffr-example__open a")
    page.wait_for_url(f"**/calculators/{calc_id}/?*")
    wait_ready(page)
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) > 0")
    for name, value in values.items():
        control = page.locator(f"#ffr-{calc_id}-{name}")
        if control.get_attribute("type") == "checkbox":
            expect(control).to_be_checked(checked=bool(value))
        else:
            expect(control).to_have_value(value)
    assert computed(page) >= 1
    assert result_html(page) == baked
