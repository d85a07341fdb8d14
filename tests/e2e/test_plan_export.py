"""Keeping a plan: printing it, adding it to a calendar, downloading it as CSV, in headless Chromium."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from calculators import CALCULATORS, default_values
from calculators._ramp_up_export import to_csv, to_ics
from calculators._safety import GATE_SCOPE, RED_FLAGS, RED_FLAGS_TITLE

from .calculator_page import away_and_back
from .test_ramp_up_page import PATH, ROOT, change, computed, wait_ready

pytestmark = pytest.mark.browser

CALC = CALCULATORS["ramp-up"]
NOW = datetime(2027, 1, 2, 14, 30, tzinfo=UTC)  # a Saturday
STUB_PRINT = "window.__printed = 0; window.print = () => { window.__printed += 1; };"


def python_result(**changes: str) -> Any:
    return CALC.compute(CALC.parse_inputs(default_values(CALC.fields) | changes))


def open_planner(page: Page, base_url: str) -> None:
    page.clock.set_fixed_time(NOW)
    page.add_init_script(STUB_PRINT)
    page.goto(base_url + PATH)
    wait_ready(page)


def tick_days(page: Page, *days: str) -> None:
    """Tick exactly these run days (by value), then wait for the page to apply the reply."""
    before = computed(page)
    for box in page.locator("input[name=weekdays]").all():
        box.set_checked(box.get_attribute("value") in days)
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) > {before}")


def downloaded(page: Page, button: str, keyboard: bool = False) -> tuple[str, str]:
    """Click (or focus and press Enter on) a button and return the downloaded file's name and text."""
    with page.expect_download() as info:
        if keyboard:
            page.get_by_role("button", name=button).focus()
            page.keyboard.press("Enter")
        else:
            page.get_by_role("button", name=button).click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes().decode("utf-8")


def test_download_csv_gives_what_cpython_writes_for_the_readers_values(page: Page, base_url: str) -> None:
    """After the reader changes values, the CSV download (used from the keyboard) is exactly CPython's CSV for them."""
    open_planner(page, base_url)
    change(page, "age", "52")
    page.select_option("#ffr-ramp-up-unit", "km")
    change(page, "weekly_volume", "30")
    change(page, "longest_run", "12")
    name, text = downloaded(page, "Download CSV", keyboard=True)
    assert name == "stride-shift-plan.csv"
    assert text == to_csv(python_result(age="52", unit="km", weekly_volume="30", longest_run="12"))
    expect(page.locator(".ffr-js-export-status")).to_contain_text("nothing was sent anywhere")


def test_add_to_calendar_gives_cpythons_calendar_on_the_picked_days(page: Page, base_url: str) -> None:
    """With a start date and Tue/Thu/Sat ticked, the .ics download equals CPython's for the same values and clock."""
    open_planner(page, base_url)
    change(page, "start_date", "2027-01-04")
    tick_days(page, "tue", "thu", "sat")
    assert "weekdays=tue%2Cthu%2Csat" in page.url, "the run days are kept in the address like every other value"
    name, text = downloaded(page, "Add to calendar (.ics)")
    assert name == "stride-shift-plan-2027-01-04.ics"
    assert text == to_ics(python_result(start_date="2027-01-04", weekdays="tue,thu,sat"), NOW)
    assert "DTSTART;VALUE=DATE:20270105\r\n" in text


def test_a_calendar_without_a_start_date_points_at_the_start_date_field(page: Page, base_url: str) -> None:
    """No start date: no file; the start date field says what to enter (next Monday) and takes the focus."""
    open_planner(page, base_url)
    downloads: list[object] = []
    page.on("download", lambda d: downloads.append(d))
    page.get_by_role("button", name="Add to calendar (.ics)").click()
    field = page.locator("#ffr-ramp-up-start_date")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#ffr-ramp-up-start_date-error")).to_contain_text("for example next Monday, 2027-01-04")
    expect(field).to_be_focused()
    expect(page.locator(".ffr-js-export-status")).to_contain_text("Add a start date")
    assert not downloads
    change(page, "start_date", "2027-01-04")
    expect(field).not_to_have_attribute("aria-invalid", "true")
    name, _ = downloaded(page, "Add to calendar (.ics)")
    assert name.endswith(".ics")


def test_run_days_that_do_not_match_runs_per_week_are_pointed_out(page: Page, base_url: str) -> None:
    """Two days ticked for three runs: a message on the run-days group; a third day clears it."""
    open_planner(page, base_url)
    tick_days(page, "mon", "thu")
    error = page.locator("#ffr-ramp-up-weekdays-error")
    expect(error).to_contain_text("You run 3 times a week: pick 3 days")
    group = page.locator("fieldset.ffr-days")
    assert "ffr-ramp-up-weekdays-error" in (group.get_attribute("aria-describedby") or "").split()
    tick_days(page, "mon", "thu", "sat")
    expect(error).to_be_hidden()
    assert "Thu and Sat (your days)" in page.inner_text(".ffr-days-note")


def test_print_gives_the_readers_plan_without_site_chrome(page: Page, base_url: str) -> None:
    """Print prints the reader's plan, dated, on at most two pages, with every red flag and the pain gate's
    scope, and none of the site around it."""
    open_planner(page, base_url)
    change(page, "age", "52")
    change(page, "start_date", "2027-01-04")
    tick_days(page, "tue", "thu", "sat")
    page.get_by_role("button", name="Print or save as PDF").click()
    page.wait_for_function("() => window.__printed === 1")
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = "\n".join(p.extract_text() for p in reader.pages)
    flat = " ".join(text.split())
    assert 1 <= len(reader.pages) <= 2, f"{len(reader.pages)} pages"
    assert "Made on 2 January 2027 with the Stride Shift ramp-up planner" in flat
    assert "start_date=2027-01-04" in flat, "the printout gives the address that reopens the plan"
    weeks = len(python_result(age="52", start_date="2027-01-04").weeks)
    for wanted in [
        "What you entered",
        "52 years",
        "Tue, Thu and Sat (your days)",
        f"{weeks} weeks from 5% to 100%",
        "Age over 45",
        RED_FLAGS_TITLE,
        "The pain gate before each new week",
        "Strength work all the way through",
        "Your plan, week by week",
        "Mon 4 Jan 2027",
        f"Weeks 1 to {weeks}",
    ]:
        assert wanted in flat, wanted
    joined = "".join(flat.replace("-", "").split())
    for words in [GATE_SCOPE, *(group.title for group in RED_FLAGS), *(sign for group in RED_FLAGS for sign in group.signs)]:
        assert "".join(words.replace("-", "").split()) in joined, f"the printed plan lacks {words!r}"
    for chrome in [
        "Skip to content",
        "Cadence tool",
        "Overstride and calf-load check",
        "Printable checklist",
        "Search",
        "Measure running in",
        "Share already run with the new strike",
        "Update the plan",
        "Keep your plan",
        "Download CSV",
        "Why these numbers",
        "How to use the plan",
        "Tell the planner where you are now",
        "Information, not diagnosis",
    ]:
        assert chrome not in flat, chrome


def test_without_javascript_the_buttons_are_disabled_and_say_why(browser: Browser, base_url: str) -> None:
    """With JavaScript off, the buttons are there but disabled, and the page says printing still works."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PATH)
    for name in ["Print or save as PDF", "Add to calendar (.ics)", "Download CSV"]:
        expect(page.get_by_role("button", name=name)).to_be_disabled()
    expect(page.locator(".ffr-js-export-status")).to_contain_text("needs JavaScript")
    page.emulate_media(media="print")
    assert page.inner_text(".ffr-made") == "Made with the Stride Shift ramp-up planner.", "no build-time date in the printout"
    context.close()


def test_buttons_wait_for_python_then_work_after_instant_navigation(page: Page, base_url: str) -> None:
    """The buttons are disabled until Python is ready; after Material's instant navigation away and back they still work."""
    page.clock.set_fixed_time(NOW)
    page.add_init_script(STUB_PRINT)
    page.goto(base_url + PATH, wait_until="domcontentloaded")
    if page.get_attribute(ROOT, "data-ffr-state") != "ready":
        expect(page.get_by_role("button", name="Download CSV")).to_be_disabled()
    wait_ready(page)
    away_and_back(page, PATH)
    change(page, "runs_per_week", "4")
    _, text = downloaded(page, "Download CSV")
    assert text == to_csv(python_result(runs_per_week="4"))
    page.get_by_role("button", name="Print or save as PDF").click()
    page.wait_for_function("() => window.__printed === 1")
    assert page.text_content(".ffr-made") == f"Made on 2 January 2027 with the Stride Shift ramp-up planner: {page.url}."


def test_a_race_shows_on_the_page_and_in_the_csv_and_calendar(page: Page, base_url: str) -> None:
    """A reader with a half marathon picks its date and distance: the page shows the race where CPython puts it, the
    distance's field asks for itself until it is given, and the CSV and the calendar carry the race."""
    open_planner(page, base_url)
    change(page, "start_date", "2027-01-04")
    change(page, "race_date", "2027-03-14")
    distance = page.locator("#ffr-ramp-up-race_distance")
    expect(distance).to_have_attribute("aria-invalid", "true")
    before = computed(page)
    distance.select_option("half")
    page.wait_for_function(f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) > {before}")
    expect(distance).not_to_have_attribute("aria-invalid", "true")
    values = {"start_date": "2027-01-04", "race_date": "2027-03-14", "race_distance": "half"}
    expect(page.locator(".ffr-race")).to_contain_text("Your half marathon on Sun 14 Mar 2027 is in week 10")
    expect(page.locator(".ffr-table tbody tr").nth(9)).to_contain_text("Race week")
    assert page.locator(".ffr-chart__race").count() == 1
    assert "race_distance=half" in page.url, "the race is kept in the address like every other value"
    _, text = downloaded(page, "Download CSV")
    assert text == to_csv(python_result(**values))
    _, ics = downloaded(page, "Add to calendar (.ics)")
    assert ics == to_ics(python_result(**values), NOW)
    assert "SUMMARY:Race: half marathon\\, in your usual strike" in ics
    page.get_by_role("button", name="Print or save as PDF").click()
    page.wait_for_function("() => window.__printed === 1")
    page.emulate_media(media="print")
    printed = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages).split())
    for wanted in ["Your race", "Race half marathon on Sun 14 Mar 2027", "Race week", "Before the race", "After the race"]:
        assert wanted in printed, f"the printout shows the race: {wanted!r}"


def test_printout_saved_as_tagged_pdf_keeps_its_heading_table_headers_and_chart_text(page: Page, base_url: str) -> None:
    """Saved as a tagged PDF (Chromium's print to PDF, as a browser's "Save as PDF" does), the plan is
    in English, headed by the planner's title, its table keeps the column headers and each week's
    row header, and the chart reads with the text it has on the page.

    Chromium writes no /Scope on header cells and tags the chart's <figure> as a second Figure
    without text, so the printout is tagged but not PDF/UA: the guide's PDF is the one that is."""
    from tests.build.test_pdf_tags import marked_content_text, read_tree

    open_planner(page, base_url)
    columns = [" ".join(t.split()) for t in page.locator(".ffr-plan thead th").all_text_contents()]
    weeks = [" ".join(t.split()) for t in page.locator(".ffr-plan tbody th").all_text_contents()]
    chart_name = page.locator(".ffr-chart svg[role=img]").first.evaluate(
        "svg => svg.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent).join(' ')"
    )
    page.get_by_role("button", name="Print or save as PDF").click()
    page.wait_for_function("() => window.__printed === 1")
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", tagged=True)))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "en"
    tree = read_tree(reader, [marked_content_text(p) for p in reader.pages])
    elements = list(tree.walk())
    headings = [(e.role, e.text) for e in elements if e.role in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")]
    assert headings[0] == ("/H1", "Ramp-up planner"), headings
    header_cells = [e.text for e in elements if e.role == "/TH"]
    assert columns and header_cells[: len(columns)] == columns
    assert weeks and header_cells[len(columns) : len(columns) + len(weeks)] == weeks
    assert " ".join(chart_name.split()) in [e.alt for e in elements if e.role == "/Figure"]
