"""The "From your watch" page in Chromium: real FIT and GPX files read by Python in the worker.

The files are the Python tests' own (tests/unit/watch_fixtures.py: FIT written by fit-tool, GPX
by ElementTree), their six weeks of runs moved to end on the browser's today. They are put in the
page's file input or dropped on its drop zone, and read in the page's worker; the figures must be
the ones CPython's ``calculators._watch_web`` gives for the same files and the same day.
The tests also hold the page to its promises: the progress bar moves, Cancel stops the reading,
a bad file is named while the others count, nothing leaves the site and only the FIT reader's
wheel is fetched (never by the planner page), it works offline after one use, and a Python
restored from a memory snapshot still loads the FIT reader.
"""

from __future__ import annotations

import base64
import functools
import http.server
import re
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fit_tool.profile.profile_type import Sport
from playwright.sync_api import BrowserContext, FilePayload, Page, expect

from tests.unit.watch_fixtures import EASY, TODAY, Spec, fit_file, gpx_file, read_in_cpython, ride, six_weeks

from .calculator_page import navigate_instantly, wait_ready
from .conftest import Watch
from .test_accessibility import violations
from .test_offline import SW_ACTIVE, cache_counts, empty, offline, serving, wait_for_calculators_cached
from .test_offline import group_urls as sw_group_urls
from .test_ramp_up_page import normalised
from .test_snapshot import SNAPSHOTS, python_from

pytestmark = pytest.mark.browser

__all__ = ["empty"]  # a fixture, used by the offline test

PATH = "calculators/watch/"
READER = '[data-module="ffr-watch"]'
WHEEL = re.compile(r"/assets/wheels/[0-9a-f]{12}/fitdecode-0\.11\.0-py3-none-any\.whl$")

BROWSER_TODAY = """() => {
  const n = new Date();
  return [n.getFullYear(), n.getMonth() + 1, n.getDate()].map((x) => String(x).padStart(2, '0')).join('-');
}"""
PROGRESS_LOG = """() => {
  window.__progress = [];
  const bar = document.querySelector('#ffr-watch-progress');
  new MutationObserver(() => window.__progress.push(bar.value)).observe(bar, {attributes: true, attributeFilter: ['value']});
}"""
DROP = """([files]) => {
  const data = new DataTransfer();
  for (const [name, b64] of files) {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    data.items.add(new File([bytes], name));
  }
  const zone = document.querySelector('.ffr-watch__drop');
  zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: data, bubbles: true, cancelable: true}));
  zone.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
}"""
LONG_TASKS = """() => {
  window.__long = [];
  let reading = Infinity; // from the moment the page takes the files (the test harness's own work to set them is before)
  document.querySelector('#ffr-watch-files').addEventListener('change', () => (reading = performance.now()), {once: true});
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.startTime >= reading) window.__long.push(e.duration);
  }).observe({type: 'longtask'});
}"""
"""Record each task over 50 ms on the page's thread from when the page takes the files until they are read."""


@functools.cache
def reading(today: date) -> tuple[tuple[str, bytes], ...]:
    """The Python tests' six weeks of runs (one recorded without cadence), moved to end on ``today``, the last
    Saturday's run again as GPX, a bike ride, and a text file named .fit."""
    shift = today - TODAY
    runs = [replace(spec, start=spec.start + shift) for spec in six_weeks()]
    gpx = replace(runs[-1], name="last-saturday.gpx", start=runs[-1].start + timedelta(hours=3), every=5)
    ride_spec = ride()[0]
    return (
        *((spec.name, fit_file(spec)) for spec in runs),
        (gpx.name, gpx_file(gpx)),
        ("ride.fit", fit_file(replace(ride_spec, start=ride_spec.start + shift), sport=Sport.CYCLING)),
        ("notes.fit", b"Only a note, named like a FIT file.\n"),
    )


expected = read_in_cpython


def payloads(files: tuple[tuple[str, bytes], ...]) -> list[FilePayload]:
    return [{"name": name, "mimeType": "application/octet-stream", "buffer": data} for name, data in files]


def wait_read(page: Page, before: int = 0) -> None:
    """Wait until the page has shown a reading's result after the ``before``-th."""
    page.wait_for_function(f"() => Number(document.querySelector('{READER}').dataset.ffrRead || 0) > {before}", timeout=60_000)


def open_reader(page: Page, base_url: str) -> str:
    """The watch page, its Python started by the reader's intent (focus moves to the file input); returns the browser's today."""
    page.goto(base_url + PATH)
    expect(page.locator(READER)).to_have_attribute("data-ffr-state", "idle")
    page.focus("#ffr-watch-files")
    expect(page.locator(READER)).to_have_attribute("data-ffr-state", "ready", timeout=60_000)
    return str(page.evaluate(BROWSER_TODAY))


def test_files_are_read_in_the_browser_and_fill_the_planner(page: Page, base_url: str, watch: Watch) -> None:
    """The planner page downloads no byte of the FIT reader. On the watch page, picked files are read
    with a moving progress bar, no long task on the page's thread and no request but the FIT reader's
    wheel; the figures, the live sentence and each bad file's message are CPython's. Cancel midway stops
    the reading and the page reads the next files; another unit reads them again; axe passes with a
    result; "Use these in my plan" opens the planner with its fields filled, and "Use in the cadence
    tool" the cadence tool."""
    page.goto(base_url + "calculators/ramp-up/")
    wait_ready(page)
    assert not [u for u in watch.requests if "/assets/wheels/" in u], "the planner page fetched the FIT reader"

    navigate_instantly(page, base_url + PATH)  # the worker the planner started reads the files
    expect(page.locator(READER)).to_have_attribute("data-ffr-state", "ready", timeout=60_000)
    today = str(page.evaluate(BROWSER_TODAY))
    files = reading(date.fromisoformat(today))
    page.focus("#ffr-watch-files")  # by keyboard: the file input, then the unit, each a tab stop of its own
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "ffr-watch-unit"
    want = expected(files, today)
    assert want["planner"] and want["cadence"] and {"ride.fit", "notes.fit"} <= {p["file"] for p in want["problems"]}, want

    page.evaluate(PROGRESS_LOG)
    page.evaluate(LONG_TASKS)
    before = len(watch.requests)
    page.set_input_files("#ffr-watch-files", payloads(files))
    wait_read(page)

    reader = page.locator(READER)
    assert normalised(page, page.inner_html(".ffr-watch__result")) == normalised(page, want["html"])
    expect(reader.locator(".ffr-js-status")).to_have_text(want["live"])
    assert reader.locator(".ffr-js-status").get_attribute("aria-live") == "polite"
    assert not page.locator(".ffr-watch__result [aria-live]").count(), "the long result is outside the live region"
    for problem in want["problems"]:
        assert problem["message"] in page.inner_text(".ffr-watch__result")
    progress = page.evaluate("window.__progress")
    assert len(progress) >= 3 and progress == sorted(progress) and progress[-1] == 100, progress  # moved, step by step, to full
    assert int(reader.get_attribute("data-ffr-progress") or 0) >= 2
    assert page.is_hidden(".ffr-watch__progress")
    long_tasks = page.evaluate("window.__long")
    assert not [d for d in long_tasks if d > 50], f"long tasks on the page's thread while reading: {long_tasks}"
    during = watch.requests[before:]
    assert len(during) == 1 and WHEEL.search(during[0]), during

    # Cancel midway (files dropped this time): the worker stops reading and says so, no result is shown,
    # focus stays in the form, and the next files are read in full.
    start = datetime.combine(date.fromisoformat(today), datetime.min.time(), UTC) + timedelta(hours=7)
    long_runs = [(f"long-{i}.gpx", gpx_file(Spec(f"long-{i}.gpx", start - timedelta(days=i), 60, EASY, 82, every=1))) for i in range(6)]
    progressed = int(reader.get_attribute("data-ffr-progress") or 0)
    page.evaluate(DROP, [[(name, base64.b64encode(data).decode()) for name, data in long_runs]])
    page.wait_for_function(f"() => Number(document.querySelector('{READER}').dataset.ffrProgress || 0) > {progressed}", timeout=60_000)
    page.click(".ffr-watch__cancel")
    expect(reader).to_have_attribute("data-ffr-stopped", "1", timeout=30_000)
    expect(reader).to_have_attribute("data-ffr-state", "ready")
    assert reader.get_attribute("data-ffr-read") == "1", "a cancelled reading showed a result"
    assert page.is_hidden(".ffr-watch__progress")
    expect(reader.locator(".ffr-js-status")).to_contain_text("Reading stopped")
    assert page.evaluate("document.activeElement && document.activeElement.id") == "ffr-watch-files"
    page.set_input_files("#ffr-watch-files", payloads(files))
    wait_read(page, 1)
    assert normalised(page, page.inner_html(".ffr-watch__result")) == normalised(page, want["html"])

    # Another unit: the same files are read again, the figures in miles.
    want = expected(files, today, "mi")
    page.select_option("#ffr-watch-unit", "mi")
    wait_read(page, 2)
    assert normalised(page, page.inner_html(".ffr-watch__result")) == normalised(page, want["html"])
    assert want["planner"]["unit"] == "mi"

    assert not violations(page, PATH + " (a result)")

    # Use these in my plan: the planner opens with the figures in its fields, shown and kept; the
    # cadence tool likewise with the reader's cadence and easy pace.
    cadence_link = page.get_attribute(".ffr-watch__cadence", "href") or ""
    page.click(".ffr-watch__planner")
    page.wait_for_url(re.compile(r"/calculators/ramp-up/#"))
    wait_ready(page)
    for name, value in want["planner"].items():
        expect(page.locator(f"#ffr-ramp-up-{name}")).to_have_value(value)
    navigate_instantly(page, normalised_link(page, cadence_link))
    wait_ready(page)
    for name, value in want["cadence"].items():
        expect(page.locator(f"#ffr-cadence-{name}")).to_have_value(value)


def normalised_link(page: Page, href: str) -> str:
    return str(page.evaluate("(href) => new URL(href, location.href).href", href))


def test_after_one_use_the_reader_works_offline_from_a_snapshot(
    context: BrowserContext,
    page: Page,
    base_url: str,
    built_site: Path,
    site_server: http.server.ThreadingHTTPServer,
    empty: Path,
    watch: Watch,
) -> None:
    """The offline copy keeps the FIT reader only once a reader has used it. Reading files (which loads
    the FIT reader) leaves Python's stored image as it was made at start-up: offline, the next visit
    restores it, loads the FIT reader again from the offline copy, and reads as CPython."""
    with serving(site_server, built_site):
        today = open_reader(page, base_url)
        assert python_from(page) == "fresh"
        page.evaluate(SW_ACTIVE)
        wait_for_calculators_cached(page, len(sw_group_urls(built_site, "calculators")))
        assert not [n for n, count in cache_counts(page).items() if n.endswith("-watch") and count], "kept before any use"
        files = reading(date.fromisoformat(today))[-6:-3]
        page.set_input_files("#ffr-watch-files", payloads(files))
        wait_read(page)
        expect(page.locator("html")).to_have_attribute("data-ffr-snapshot", "saved", timeout=60_000)
        assert len(page.evaluate(SNAPSHOTS)) == 1
        deadline = time.monotonic() + 30
        while not [n for n, count in cache_counts(page).items() if n.endswith("-watch") and count]:
            assert time.monotonic() < deadline, cache_counts(page)
            page.wait_for_timeout(200)

    want = expected(files, today)
    with offline(context, site_server, empty) as reached:
        page.reload()
        page.focus("#ffr-watch-files")
        expect(page.locator(READER)).to_have_attribute("data-ffr-state", "ready", timeout=60_000)
        assert python_from(page) == "snapshot"
        before = len(watch.requests)
        page.set_input_files("#ffr-watch-files", payloads(files))
        wait_read(page)
        assert [u for u in watch.requests[before:] if WHEEL.search(u)], "the restored Python did not load the FIT reader"
        expect(page.locator(f"{READER} .ffr-js-status")).to_have_text(want["live"])
        assert normalised(page, page.inner_html(".ffr-watch__result")) == normalised(page, want["html"])
    assert not reached, f"the server was asked for {reached} while offline"
