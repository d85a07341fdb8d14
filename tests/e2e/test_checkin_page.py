"""The planner's weekly check-in in Chromium: a week checked in by keyboard moves the plan,
the log stays in the browser (reload, instant navigation), goes out and back as a file,
a bad file changes nothing, and no address or request ever carries it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from calculators import CALCULATORS, default_values
from calculators import checkin as c
from calculators import ramp_up as r

from .calculator_page import ROOT, away_and_back, wait_ready
from .conftest import Watch
from .test_accessibility import violations
from .test_ramp_up_page import normalised, result_html

pytestmark = pytest.mark.browser

PATH = "calculators/ramp-up/"
CALC = CALCULATORS["ramp-up"]
RESULT = f"{ROOT} .ffr-js-result"
CHECKIN = f"{ROOT} form.ffr-js-checkin"
STATUS = f"{ROOT} .ffr-js-checkin-status"
STORED = "() => localStorage.getItem('ffr-log:ramp-up')"


def logged(page: Page) -> int:
    return int(page.get_attribute(ROOT, "data-ffr-logged") or 0)


def wait_logged(page: Page, before: int) -> None:
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrLogged || 0) > {before}")


def followed_html(page: Page, log: c.Log) -> str:
    """The plan CPython renders for the default values followed by ``log``, as the browser shows it."""
    inputs = CALC.parse_inputs(default_values(CALC.fields))
    return normalised(page, CALC.render_result(r.follow(inputs, log)[1]))


def check_in_by_keyboard(page: Page, pain: str, flag: str = "") -> c.CheckIn:
    """Answer this week's check-in with the keyboard alone and press Enter; returns the entry sent.

    The morning-after question has no default (a reader must answer it): the first choice, "Yes", is one
    arrow key down; with pain, where it hurt is asked too (the first place, the calf)."""
    if flag:
        page.locator(f"#ffr-ramp-up-checkin-flag_{flag}").focus()
        page.keyboard.press("Space")
    pain_field = page.locator("#ffr-ramp-up-checkin-pain")
    pain_field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(pain)
    page.locator("#ffr-ramp-up-checkin-settled").focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#ffr-ramp-up-checkin-settled")).to_have_value("yes")
    if pain != "0":
        page.locator("#ffr-ramp-up-checkin-where").focus()
        page.keyboard.press("ArrowDown")
        expect(page.locator("#ffr-ramp-up-checkin-where")).to_have_value("calf")
    day = page.input_value("#ffr-ramp-up-checkin-day")
    pain_field.focus()
    before = logged(page)
    page.keyboard.press("Enter")
    wait_logged(page, before)
    where = "calf" if pain != "0" else ""
    flags = {f"flag_{flag}": "on"} if flag else {}
    return c.parse_checkin({"day": day, "pain": pain, "settled": "yes", "where": where, "done": "yes", **flags})


def test_a_week_checked_in_by_keyboard_moves_the_plan(page: Page, base_url: str, watch: Watch) -> None:
    """Pain 7 goes back a week: the advice is announced, the plan is CPython's for that log, and the log is
    kept in this browser only, never in the address or any request."""
    page.goto(base_url + PATH)
    wait_ready(page)
    expect(page.locator("#ffr-ramp-up-checkin-day")).to_have_value(re.compile(r"^\d{4}-\d\d-\d\d$"))
    found = violations(page, "check-in ready")
    entry = check_in_by_keyboard(page, "7")
    expect(page.locator(STATUS)).to_contain_text("Go back a week")
    assert result_html(page) == followed_html(page, c.Log((entry,)))
    expect(page.locator(RESULT)).to_contain_text("then went back")
    stored = page.evaluate(STORED)
    assert c.load_log(stored) == c.Log((entry,))
    found += violations(page, "advice shown")

    address = page.url
    assert "?" not in address and "pain" not in address and entry.day.isoformat() not in address, "the log never goes into an address"
    assert not [u for u in watch.requests if entry.day.isoformat() in u or "pain=" in u], "nor into any request"

    # A second check-in on the same day is refused on its field, and the log is unchanged.
    page.locator("#ffr-ramp-up-checkin-day").fill(entry.day.isoformat())
    page.locator("#ffr-ramp-up-checkin-pain").fill("1")
    page.select_option("#ffr-ramp-up-checkin-settled", "yes")
    page.select_option("#ffr-ramp-up-checkin-where", "calf")
    page.locator("#ffr-ramp-up-checkin-pain").press("Enter")
    expect(page.locator("#ffr-ramp-up-checkin-day")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"{ROOT} .ffr-js-checkin-summary")).to_be_focused()
    assert page.evaluate(STORED) == stored
    found += violations(page, "check-in error")
    assert not found, "\n".join(found)


def test_a_red_flag_stops_the_plan_and_says_whom_to_see(page: Page, base_url: str) -> None:
    page.goto(base_url + PATH)
    wait_ready(page)
    entry = check_in_by_keyboard(page, "1", flag="no_tiptoe")
    expect(page.locator(STATUS)).to_contain_text("Red flag: get medical help today")
    expect(page.locator(RESULT)).to_contain_text("Urgent: get medical help today.")
    expect(page.locator(RESULT)).to_contain_text(c.flag_sign("no_tiptoe"))
    assert result_html(page) == followed_html(page, c.Log((entry,)))
    found = violations(page, "red flag")
    assert not found, "\n".join(found)


def test_the_log_survives_a_reload_and_instant_navigation(page: Page, base_url: str) -> None:
    page.goto(base_url + PATH)
    wait_ready(page)
    entry = check_in_by_keyboard(page, "3")
    expected = followed_html(page, c.Log((entry,)))
    page.reload()
    wait_ready(page)
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) >= 1")
    assert result_html(page) == expected, "a reload shows the plan as the log has it"
    away_and_back(page, "/" + PATH)
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) >= 1")
    assert result_html(page) == expected, "so does an instant navigation away and back"


def test_save_then_load_on_a_fresh_browser_restores_the_log(browser: Browser, page: Page, base_url: str) -> None:
    page.goto(base_url + PATH)
    wait_ready(page)
    first = check_in_by_keyboard(page, "2")
    expected = result_html(page)
    with page.expect_download() as download:
        page.click(f"{ROOT} .ffr-js-log-save")
    saved = download.value
    assert re.fullmatch(r"stride-shift-log-\d{4}-\d\d-\d\d\.json", saved.suggested_filename)
    text = saved.path().read_text(encoding="utf-8")
    assert text == page.evaluate(STORED) and c.load_log(text) == c.Log((first,))

    fresh = browser.new_context()
    other = fresh.new_page()
    other.goto(base_url + PATH)
    wait_ready(other)
    assert other.evaluate(STORED) is None
    before = logged(other)
    other.set_input_files(f"{ROOT} .ffr-js-log-load", files=[{"name": "log.json", "mimeType": "application/json", "buffer": text.encode()}])
    wait_logged(other, before)
    assert other.evaluate(STORED) == text
    assert result_html(other) == expected
    fresh.close()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\x89PNG\r\n\x1a\n not a log at all", "not a Stride Shift log"),
        (b'{"kind": "stride-shift-log", "version": 7, "entries": []}', "newer version"),
        (b'{"kind": "stride-shift-log", "version": 1, "entries": [{"day": "2027-01-10", "pain": 99}]}', "damaged"),
    ],
)
def test_a_bad_file_leaves_the_log_as_it_was(page: Page, base_url: str, content: bytes, says: str) -> None:
    page.goto(base_url + PATH)
    wait_ready(page)
    check_in_by_keyboard(page, "2")
    stored, shown = page.evaluate(STORED), result_html(page)
    page.set_input_files(f"{ROOT} .ffr-js-log-load", files=[{"name": "bad.json", "mimeType": "application/json", "buffer": content}])
    error = page.locator("#ffr-ramp-up-checkin-log-file-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text(says)
    expect(page.locator("#ffr-ramp-up-checkin-log-file")).to_have_attribute("aria-invalid", "true")
    assert page.evaluate(STORED) == stored and result_html(page) == shown
    found = violations(page, "load error")
    assert not found, "\n".join(found)


def test_loading_asks_before_it_replaces_a_log(page: Page, base_url: str) -> None:
    page.goto(base_url + PATH)
    wait_ready(page)
    check_in_by_keyboard(page, "2")
    stored = page.evaluate(STORED)
    other = c.dump_log(c.Log((c.parse_checkin({"day": "2027-01-10", "pain": "0", "done": "yes", "settled": "none"}),)))
    files = [{"name": "other.json", "mimeType": "application/json", "buffer": other.encode()}]
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.set_input_files(f"{ROOT} .ffr-js-log-load", files=files)
    expect(page.locator(STATUS)).to_contain_text("Kept your log as it was")
    assert page.evaluate(STORED) == stored
    page.once("dialog", lambda dialog: dialog.accept())
    before = logged(page)
    page.set_input_files(f"{ROOT} .ffr-js-log-load", files=files)
    wait_logged(page, before)
    assert page.evaluate(STORED) == other


def test_an_old_query_string_link_still_opens_the_plan(page: Page, base_url: str) -> None:
    """Links made before the fragment: the plan they give opens, and the address moves to the fragment."""
    page.goto(base_url + PATH + "?age=52&weekly_volume=120")
    wait_ready(page)
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) >= 1")
    values = default_values(CALC.fields) | {"age": "52", "weekly_volume": "120"}
    assert result_html(page) == normalised(page, CALC.render_result(CALC.compute(CALC.parse_inputs(values))))
    assert page.input_value("#ffr-ramp-up-age") == "52"
    assert "?" not in page.url and "age=52" in page.url.split("#", 1)[1], "the address moves the values to the fragment"


def test_a_log_from_a_newer_version_is_left_where_it_is(page: Page, base_url: str) -> None:
    newer = '{"kind": "stride-shift-log", "version": 99, "entries": []}'
    page.goto(base_url + PATH)
    page.evaluate("(text) => localStorage.setItem('ffr-log:ramp-up', text)", newer)
    page.reload()
    wait_ready(page)
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) >= 1")
    expect(page.locator(f"{ROOT} .ffr-js-status")).to_contain_text("newer version of this site")
    assert page.evaluate(STORED) == newer


def test_a_stored_log_that_cannot_be_read_is_set_aside_not_lost(page: Page, base_url: str) -> None:
    page.goto(base_url + PATH)
    page.evaluate("() => localStorage.setItem('ffr-log:ramp-up', 'not a log')")
    page.reload()
    wait_ready(page)
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) >= 1")
    expect(page.locator(f"{ROOT} .ffr-js-status")).to_contain_text("could not be read")
    aside = page.evaluate(
        "() => Object.keys(localStorage).filter((k) => k.startsWith('ffr-log-unreadable:ramp-up:')).map((k) => localStorage.getItem(k))"
    )
    assert aside == ["not a log"], "kept under a dated key, never lost"
    assert page.evaluate(STORED) is None
    entry = check_in_by_keyboard(page, "1")
    assert c.load_log(page.evaluate(STORED)) == c.Log((entry,))
