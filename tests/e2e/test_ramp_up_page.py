"""The planner page in headless Chromium, as a reader uses it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from calculators import CALCULATORS, default_values

from .calculator_page import ROOT, away_and_back, computed, wait_computed, wait_ready
from .conftest import Watch

pytestmark = pytest.mark.browser

CALC = CALCULATORS["ramp-up"]
PATH = "calculators/ramp-up/"
RESULT = ".ffr-js-result"


def python_html(**changes: str) -> str:
    """The result CPython renders for the defaults with these changes."""
    values = default_values(CALC.fields) | changes
    return CALC.render_result(CALC.compute(CALC.parse_inputs(values)))


NORMALISE = """(html) => {
  const d = document.createElement('div');
  d.innerHTML = html;
  for (const a of d.querySelectorAll('a[href]')) a.setAttribute('href', new URL(a.getAttribute('href'), location.href).href);
  return d.innerHTML;
}"""
"""Serialise as the browser does, with links made absolute as Material's instant navigation does."""


def normalised(page: Page, html: str) -> str:
    """HTML as the browser would show it, so it compares with the live result region."""
    return page.evaluate(NORMALISE, html)


def result_html(page: Page) -> str:
    return normalised(page, page.inner_html(RESULT))


def change(page: Page, field: str, value: str) -> None:
    """Type a value and leave the field, then wait for the page to apply the reply."""
    before = computed(page)
    page.fill(f"#ffr-ramp-up-{field}", value)
    page.press(f"#ffr-ramp-up-{field}", "Tab")
    wait_computed(page, before)


def test_default_plan_is_there_before_python_is_ready(page: Page, base_url: str) -> None:
    """At first paint the default plan is in the page while Pyodide is still loading."""
    page.goto(base_url + PATH, wait_until="domcontentloaded")
    assert page.get_attribute(ROOT, "data-ffr-state") in {"static", "loading"}
    assert result_html(page) == normalised(page, python_html())
    wait_ready(page)


def test_without_javascript_the_page_still_gives_the_plan(browser: Browser, base_url: str) -> None:
    """With JavaScript off, the form, the default plan and a plain note are all there."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PATH)
    assert "weeks from 5% to 100%" in page.inner_text(".ffr-summary")
    assert "Recalculating needs JavaScript" in page.inner_text(".ffr-js-status")
    assert page.is_visible("#ffr-ramp-up-weekly_volume")
    context.close()


def test_changing_an_input_shows_the_plan_cpython_computes(page: Page, base_url: str) -> None:
    """A new value gives exactly the plan that CPython renders for it."""
    page.goto(base_url + PATH)
    wait_ready(page)
    change(page, "age", "52")
    assert result_html(page) == normalised(page, python_html(age="52"))
    page.select_option("#ffr-ramp-up-unit", "km")
    change(page, "weekly_volume", "30")
    change(page, "longest_run", "12")
    assert result_html(page) == normalised(page, python_html(age="52", unit="km", weekly_volume="30", longest_run="12"))
    assert page.locator(RESULT).get_attribute("aria-live") is None, "the week table is never announced whole"
    status = page.locator(f"{ROOT} .ffr-js-status")
    assert status.get_attribute("aria-live") == "polite"
    expect(status).to_have_text(re.compile(r"^Updated: \d+ weeks from 5% to 100% of your running"))


def test_bad_value_shows_its_field_error_and_keeps_the_last_plan(page: Page, base_url: str) -> None:
    """A bad value is marked on its field, summarised, and the last good plan stays."""
    page.goto(base_url + PATH)
    wait_ready(page)
    change(page, "age", "50")
    good = result_html(page)
    change(page, "age", "3")
    age = page.locator("#ffr-ramp-up-age")
    expect(age).to_have_attribute("aria-invalid", "true")
    assert "ffr-ramp-up-age-error" in (age.get_attribute("aria-describedby") or "").split()
    expect(page.locator("#ffr-ramp-up-age-error")).to_be_visible()
    expect(page.locator("#ffr-ramp-up-age-error")).to_contain_text("Age must be at least 14 years")
    expect(page.locator(".ffr-js-summary")).to_be_visible()
    assert result_html(page) == good
    change(page, "age", "51")
    expect(age).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#ffr-ramp-up-age-error")).to_be_hidden()


def test_a_longest_run_shorter_than_the_average_is_pointed_out_on_its_field(page: Page, base_url: str) -> None:
    """A 300-minute week in 3 runs with the 60-minute longest run: the message sits on the longest-run
    field, the last good plan stays, and a longest run that fits clears it."""
    page.goto(base_url + PATH)
    wait_ready(page)
    good = result_html(page)
    change(page, "weekly_volume", "300")
    field = page.locator("#ffr-ramp-up-longest_run")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert "ffr-ramp-up-longest_run-error" in (field.get_attribute("aria-describedby") or "").split()
    expect(page.locator("#ffr-ramp-up-longest_run-error")).to_contain_text("cannot be shorter than your average run (100 min)")
    assert result_html(page) == good
    change(page, "longest_run", "120")
    expect(field).not_to_have_attribute("aria-invalid", "true")
    assert result_html(page) == normalised(page, python_html(weekly_volume="300", longest_run="120"))


def test_instant_navigation_away_and_back_keeps_working(page: Page, base_url: str) -> None:
    """After Material's instant navigation away and back, the calculator still recalculates."""
    page.goto(base_url + PATH)
    wait_ready(page)
    away_and_back(page, PATH)
    change(page, "age", "60")
    assert result_html(page) == normalised(page, python_html(age="60"))


def test_reload_keeps_the_inputs(page: Page, base_url: str) -> None:
    """After a reload the reader's values and their plan are back."""
    page.goto(base_url + PATH)
    wait_ready(page)
    change(page, "runs_per_week", "4")
    page.goto(base_url + PATH)  # the address carries the values too; drop them to test storage alone
    wait_ready(page)
    expect(page.locator("#ffr-ramp-up-runs_per_week")).to_have_value("4")
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) >= 1")
    assert result_html(page) == normalised(page, python_html(runs_per_week="4"))


def test_a_copied_url_reproduces_the_plan(page: Page, base_url: str, browser: Browser, watch: Watch) -> None:
    """The address after a change opens the same plan in a browser with nothing stored."""
    page.goto(base_url + PATH)
    wait_ready(page)
    page.check("#ffr-ramp-up-injury")
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) >= 1")
    change(page, "start_date", "2027-03-01")
    url = page.url
    address = urlsplit(url)
    assert not address.query, "the reader's answers never go in the query string, which reaches the server's logs"
    assert "injury=on" in address.fragment and "start_date=2027-03-01" in address.fragment
    other: BrowserContext = browser.new_context()
    fresh = other.new_page()
    watch.attach(fresh)
    fresh.goto(url)
    wait_ready(fresh)
    fresh.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) >= 1")
    assert result_html(fresh) == normalised(fresh, python_html(injury="on", start_date="2027-03-01"))
    expect(fresh.locator("#ffr-ramp-up-injury")).to_be_checked()
    other.close()


def test_an_old_query_string_link_still_opens_its_plan_and_moves_to_the_fragment(page: Page, base_url: str) -> None:
    """A link made before the answers moved to the fragment (``?age=52&unit=km...``) still opens that plan,
    and the address then carries the answers in the fragment only."""
    page.goto(base_url + PATH + "?age=52&unit=km&weekly_volume=30&longest_run=12")
    wait_ready(page)
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) >= 1")
    assert result_html(page) == normalised(page, python_html(age="52", unit="km", weekly_volume="30", longest_run="12"))
    change(page, "runs_per_week", "4")
    address = urlsplit(page.url)
    assert not address.query
    assert "age=52" in address.fragment and "runs_per_week=4" in address.fragment


def test_an_address_spelt_otherwise_opens_its_plan_in_the_forms_spelling(page: Page, base_url: str) -> None:
    """A hand-made address (``injury=yes``, ``weekdays=Tue Thu;Sat``) is read as Python reads it: the boxes
    come up ticked, with Python's plan for those answers, and the address then spells them as the form does."""
    page.goto(base_url + PATH + "#injury=yes&weekdays=Tue%20Thu%3BSat&age=52")
    wait_ready(page)
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) >= 1")
    expect(page.locator("#ffr-ramp-up-injury")).to_be_checked()
    ticked = [box.get_attribute("value") for box in page.locator("input[name=weekdays]:checked").all()]
    assert ticked == ["tue", "thu", "sat"]
    assert result_html(page) == normalised(page, python_html(injury="on", weekdays="tue,thu,sat", age="52"))
    fragment = urlsplit(page.url).fragment
    assert "injury=on" in fragment and "weekdays=tue%2Cthu%2Csat" in fragment and "age=52" in fragment


def test_an_answer_spelt_otherwise_survives_an_edit_made_before_python_answers(browser: Browser, base_url: str) -> None:
    """A hand-made address's ``injury=yes`` cannot show in the form until Python spells it; if the reader changes
    another answer first (here Python never starts), the injury answer is kept in the address and in storage,
    not replaced by the unticked box."""
    context = browser.new_context()
    context.add_init_script("delete globalThis.WebAssembly")
    page = context.new_page()
    page.goto(base_url + PATH + "#injury=yes&age=52")
    expect(page.locator(ROOT)).to_have_attribute("data-ffr-state", "error")
    page.locator("#ffr-ramp-up-age").fill("53")
    page.locator("#ffr-ramp-up-age").dispatch_event("change")
    page.wait_for_function("() => location.hash.includes('age=53')")
    fragment = urlsplit(page.url).fragment
    assert "injury=yes" in fragment, fragment
    stored = page.evaluate("() => localStorage.getItem('ffr:ramp-up')")
    assert stored and '"injury":"yes"' in stored.replace(" ", ""), stored
    context.close()


def test_an_address_in_the_forms_spelling_shows_without_waiting_for_python(browser: Browser, base_url: str) -> None:
    """Values spelt as the form gives them are in the form at once: here Python never starts, and they still show."""
    context = browser.new_context()
    context.add_init_script("delete globalThis.WebAssembly")
    page = context.new_page()
    page.goto(base_url + PATH + "#injury=on&weekdays=tue%2Cthu%2Csat&age=52")
    expect(page.locator(ROOT)).to_have_attribute("data-ffr-state", "error")
    expect(page.locator("#ffr-ramp-up-injury")).to_be_checked()
    ticked = [box.get_attribute("value") for box in page.locator("input[name=weekdays]:checked").all()]
    assert ticked == ["tue", "thu", "sat"]
    expect(page.locator("#ffr-ramp-up-age")).to_have_value("52")
    context.close()


def test_unreadable_stored_state_is_ignored(page: Page, base_url: str) -> None:
    """Garbage in local storage does not break the page: the defaults are used."""
    page.goto(base_url + PATH)
    page.evaluate("localStorage.setItem('ffr:ramp-up', '{not json')")
    page.reload()
    wait_ready(page)
    assert result_html(page) == normalised(page, python_html())
    page.evaluate("localStorage.setItem('ffr:ramp-up', JSON.stringify({age: 70, runs_per_week: '5', bogus: 'x'}))")
    page.reload()
    wait_ready(page)
    expect(page.locator("#ffr-ramp-up-runs_per_week")).to_have_value("5")
    expect(page.locator("#ffr-ramp-up-age")).to_have_value("35")


def test_guide_page_loads_no_pyodide_until_the_reader_points_at_a_calculator(page: Page, base_url: str, watch: Watch) -> None:
    """A reader who only reads downloads no Pyodide; pointing at the planner link starts it."""
    page.goto(base_url, wait_until="networkidle")
    assert not [u for u in watch.requests if "/assets/pyodide/" in u or "/assets/calculators/" in u or u.endswith(".whl")]
    with page.expect_request(re.compile(r"/assets/pyodide/[\d.]+/pyodide\.asm\.wasm$"), timeout=30_000):
        page.hover("article a[href$='calculators/ramp-up/']")


def test_without_webassembly_the_page_says_so_and_keeps_the_plan(browser: Browser, base_url: str) -> None:
    """If WebAssembly is unavailable, a plain message appears and the default plan stays."""
    context = browser.new_context()
    context.add_init_script("delete globalThis.WebAssembly")
    page = context.new_page()
    page.goto(base_url + PATH)
    expect(page.locator(ROOT)).to_have_attribute("data-ffr-state", "error")
    expect(page.locator(".ffr-js-status")).to_contain_text("cannot run the calculator")
    assert "weeks from 5% to 100%" in page.inner_text(".ffr-summary")
    context.close()


def test_an_impossible_date_typed_in_the_browser_is_pointed_out(page: Page, base_url: str) -> None:
    """A start date that does not exist gets a message on its field; the plan keeps its last good form."""
    page.goto(base_url + PATH)
    wait_ready(page)
    change(page, "start_date", "2027-03-01")
    good = result_html(page)
    change(page, "start_date", "2027-02-30")
    expect(page.locator("#ffr-ramp-up-start_date")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#ffr-ramp-up-start_date-error")).to_contain_text("must be a real date")
    assert result_html(page) == good
    assert "start_date=2027-02-30" in page.url, "what the reader typed is kept, not lost"


def test_a_stale_change_does_not_follow_the_reader_to_another_page(page: Page, base_url: str) -> None:
    """Typing and leaving within the typing delay does not write the calculator's values into another page's address."""
    page.goto(base_url + PATH)
    wait_ready(page)
    page.fill("#ffr-ramp-up-age", "61")
    page.click("nav.md-nav--primary a[href$='references/']")
    page.wait_for_url(re.compile(r"/references/$"))
    page.wait_for_timeout(600)
    assert "age=" not in page.url
