"""Every engine: the site in Firefox and in WebKit, as one reader uses it, visit after visit.

A smoke tier, not a copy of tests/e2e (Chromium): one browser per engine for the whole
tier, whose tests follow one reader in order: a first visit to each calculator (the first
by a full load, the others by Material's instant navigation), the weekly check-in and its
log across a reload, a returning visit (Python from a memory snapshot), a damaged
snapshot, a reload with the server gone, and watch files picked on the "From your watch" page. Every test ends with no console error or
warning and no CSP violation beyond tests/engines/expected.py's list (conftest.quiet).
"""

from __future__ import annotations

import os
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest

from calculators import CALCULATORS, default_values
from calculators import checkin as c
from calculators import ramp_up as r

from ..conftest import FIGURES
from .conftest import Traffic
from .drivers import Driver
from .expected import ENGINES, unexpected
from .scenario import (
    BROWSER_TODAY,
    KEPT_FOR_OFFLINE,
    ROOT,
    SW_READY,
    WATCH,
    assert_shows,
    change,
    computed,
    cpython_html,
    cpython_watch,
    first_difference,
    form_values,
    navigate_instantly,
    normalised,
    page_path,
    python_from,
    result_html,
    wait,
    wait_computed,
    wait_ready,
    wait_watch,
    watch_files,
)
from .webdriver import MINIBROWSER, start_xvfb

pytestmark = pytest.mark.engines

# The value a reader changes on each calculator, and a bad one with the start of its field's message.
STEPS = {
    "ramp-up": (("age", "52"), ("age", "3", "Age must be at least 14")),
    "checklist": (("age", "47"), ("age", "forty", "")),
    "cadence": (("steps", "84"), ("pace", "6:75", "")),
    "pain": (("days", "5"), ("days", "several", "")),
}
WASM = "/pyodide.asm.wasm"


def open_calculator(driver: Driver, base_url: str, calc_id: str) -> None:
    """A calculator page with its worker ready: by instant navigation from a calculator page, else a full load."""
    url = f"{base_url}calculators/{calc_id}/"
    if driver.js(f"() => Boolean(document.querySelector('{ROOT}'))", []):
        navigate_instantly(driver, url)
    else:
        driver.goto(url)
    wait_ready(driver)


@pytest.mark.parametrize("calc_id", list(STEPS))
def test_every_calculator_answers_as_cpython_and_keeps_its_result_on_a_bad_value(
    driver: Driver, base_url: str, traffic: Traffic, calc_id: str
) -> None:
    assert set(STEPS) == set(CALCULATORS), "every calculator has its steps here"
    started = time.monotonic()
    first = not driver.js(f"() => Boolean(document.querySelector('{ROOT}'))", [])
    open_calculator(driver, base_url, calc_id)
    if not first:
        assert not traffic.since(started, WASM), f"{driver.name}: the instant navigation to {calc_id} started Python again"
    (field, value), (bad_field, bad, message) = STEPS[calc_id]
    change(driver, calc_id, field, value)
    assert_shows(driver, cpython_html(calc_id, form_values(driver, calc_id)), f"typing {value} in {field} on {calc_id}")
    good, good_values = result_html(driver), form_values(driver, calc_id)

    change(driver, calc_id, bad_field, bad)
    state = driver.js(
        """(id) => {
          const el = document.getElementById(id);
          const described = (el.getAttribute('aria-describedby') || '').split(/\\s+/).map((i) => document.getElementById(i));
          const error = document.getElementById(id + '-error');
          return {invalid: el.getAttribute('aria-invalid'), points: described.includes(error),
                  shown: Boolean(error && error.offsetParent !== null), text: error ? error.textContent.trim() : ''};
        }""",
        [f"ffr-{calc_id}-{bad_field}"],
    )
    where = f"{driver.name}, {calc_id}: typing {bad!r} in {bad_field}"
    assert state["invalid"] == "true", f"{where} does not mark the field invalid"
    assert state["points"] and state["shown"] and state["text"], f"{where} shows no message tied to the field: {state}"
    assert message in state["text"], f"{where} says {state['text']!r}"
    assert result_html(driver) == good, f"{where} changed the last good result"
    change(driver, calc_id, bad_field, good_values[bad_field])
    assert driver.js("(id) => document.getElementById(id).getAttribute('aria-invalid')", [f"ffr-{calc_id}-{bad_field}"]) != "true", (
        f"{where}, then its good value again, leaves the field marked invalid"
    )
    assert result_html(driver) == good, f"{where}, then its good value again, does not show the plan for it"
    if first:
        assert python_from(driver) == "fresh"
        cold = time.monotonic() - started
        FIGURES.append(f"engines: {driver.name} {driver.version}, first result {cold:.1f} s from a cold start (not a benchmark)")


def check_in(driver: Driver, pain: str) -> c.CheckIn:
    """Answer this week's check-in (pain, how the morning after felt, where it hurt) and press Enter."""
    before = int(driver.js(f"() => Number(document.querySelector('{ROOT}').dataset.ffrLogged || 0)", []))
    driver.fill("#ffr-ramp-up-checkin-pain", pain)
    driver.js(
        """(pain) => {
          for (const [id, value] of [['ffr-ramp-up-checkin-settled', 'yes'], ['ffr-ramp-up-checkin-where', pain === '0' ? '' : 'calf']]) {
            const el = document.getElementById(id);
            if (!el || !value) continue;
            el.value = value;
            el.dispatchEvent(new Event('input', {bubbles: true}));
            el.dispatchEvent(new Event('change', {bubbles: true}));
          }
        }""",
        [pain],
    )
    day = str(driver.js("() => document.getElementById('ffr-ramp-up-checkin-day').value", []))
    driver.press("#ffr-ramp-up-checkin-pain", "Enter")
    try:
        wait(driver, f"() => Number(document.querySelector('{ROOT}').dataset.ffrLogged || 0) > {before}", "the check-in to be logged")
    except AssertionError as error:
        says = driver.js(f"() => document.querySelector('{ROOT} .ffr-js-checkin-status').textContent.trim()", [])
        raise AssertionError(f"{error}; the check-in says {says!r}") from None
    return c.parse_checkin({"day": day, "pain": pain, "settled": "yes", "where": "" if pain == "0" else "calf", "done": "yes"})


def test_the_weekly_check_in_moves_the_plan_and_its_log_survives_a_reload(driver: Driver, base_url: str) -> None:
    open_calculator(driver, base_url, "ramp-up")
    driver.js("() => localStorage.removeItem('ffr-log:ramp-up')", [])
    entry = check_in(driver, "7")
    calc = CALCULATORS["ramp-up"]
    inputs = calc.parse_inputs(default_values(calc.fields) | form_values(driver, "ramp-up"))
    expected = calc.render_result(r.follow(inputs, c.Log((entry,)))[1])
    status = str(driver.js(f"() => document.querySelector('{ROOT} .ffr-js-checkin-status').textContent", []))
    assert "Go back a week" in status, f"{driver.name}: pain 7 in the check-in says {status.strip()!r}"
    assert_shows(driver, expected, "checking in a week with pain 7")
    stored = driver.js("() => localStorage.getItem('ffr-log:ramp-up')", [])
    assert c.load_log(stored) == c.Log((entry,)), f"{driver.name}: the log kept in this browser is {stored!r}"

    driver.reload()
    wait_ready(driver)
    wait(driver, f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) >= 1", "the plan after the reload")
    assert_shows(driver, expected, "a reload of the planner with one week logged")


def test_a_returning_reader_gets_python_from_a_snapshot_with_the_same_answers(driver: Driver, base_url: str) -> None:
    """The first visit stored an image of Python once the page paused; a new visit restores it (where the engine
    can) and answers as CPython on a calculator the stored image never used."""
    engine = ENGINES[driver.name]
    stored = "async () => (await (await caches.open('stride-shift-python')).keys()).length"
    if engine.snapshot:
        wait(driver, stored, "the worker to store its snapshot", 60)
    else:
        time.sleep(5)
        assert not driver.js(stored, []), f"{driver.name} stored a snapshot: expected.py says it cannot"
    driver.goto(base_url + "calculators/cadence/")
    wait_ready(driver)
    assert python_from(driver) == ("snapshot" if engine.snapshot else "fresh"), f"{driver.name}: {engine.note}"
    change(driver, "cadence", "steps", "86")
    assert_shows(driver, cpython_html("cadence", form_values(driver, "cadence")), "typing 86 steps after a return visit")


def test_a_damaged_snapshot_gives_a_fresh_start_with_the_right_answer(driver: Driver, base_url: str) -> None:
    """The fallback every engine keeps: an image that cannot be restored is deleted, Python starts normally."""
    driver.js(
        """async () => {
          const cache = await caches.open('stride-shift-python');
          for (const request of await cache.keys()) {
            const stored = await cache.match(request);
            const bytes = new Uint8Array(await stored.arrayBuffer()).fill(7);
            await cache.put(request, new Response(bytes, {headers: stored.headers}));
          }
        }""",
        [],
    )
    driver.goto(base_url + "calculators/cadence/")
    wait_ready(driver)
    assert python_from(driver) == "fresh", f"{driver.name}: a damaged snapshot was used"
    change(driver, "cadence", "steps", "88")
    assert_shows(driver, cpython_html("cadence", form_values(driver, "cadence")), "a damaged snapshot and typing 88 steps")


def test_after_one_visit_a_reload_works_offline(driver: Driver, base_url: str, traffic: Traffic) -> None:
    """With the service worker active and Pyodide kept, the page and its calculator work with no server at all."""
    driver.js(SW_READY, [])
    wait(driver, KEPT_FOR_OFFLINE, "the service worker to keep Pyodide for offline use", 60)
    traffic.offline = True
    try:
        driver.reload()
        wait_ready(driver)
        before = computed(driver)
        driver.fill("#ffr-cadence-steps", "90")
        driver.press("#ffr-cadence-steps", "Enter")
        wait_computed(driver, before, "a reply offline")
        assert_shows(driver, cpython_html("cadence", form_values(driver, "cadence")), "a reload offline and typing 90 steps")
    finally:
        traffic.offline = False
    assert page_path(driver).endswith("/calculators/cadence/")


def test_watch_files_picked_in_the_file_input_are_read_as_cpython_reads_them(driver: Driver, base_url: str, tmp_path: Path) -> None:
    """On "From your watch", a FIT run, a GPX run and a bike ride, picked through the page's own file input
    (set as the file picker sets it, from files on disk), are read by Python in the worker: the figures and the
    live sentence are CPython's for the same files and day, and the ride gets its message naming it."""
    started = time.monotonic()
    driver.goto(base_url + "calculators/watch/")
    wait_watch(driver, {"idle", "loading", "ready"}, "the reader on the watch page")  # picking the files starts Python
    today = str(driver.js(BROWSER_TODAY, []))
    files = watch_files(date.fromisoformat(today))
    want = cpython_watch(files, today)
    assert want["planner"] and want["cadence"] and [p["file"] for p in want["problems"]] == ["ride.fit"], want
    for name, data in files:
        (tmp_path / name).write_bytes(data)

    driver.upload("#ffr-watch-files", [str(tmp_path / name) for name, _ in files])
    picked = driver.js("() => Array.from(document.getElementById('ffr-watch-files').files, (f) => [f.name, f.size])", [])
    assert picked == [[name, len(data)] for name, data in files], f"{driver.name}: the file input holds {picked}"
    now = wait_watch(driver, {"read"}, "Python to start and read the picked files")

    where = f"{driver.name}, the watch page after picking {', '.join(name for name, _ in files)}"
    shown = str(driver.js(f"() => document.querySelector('{WATCH} .ffr-watch__result').innerHTML", []))
    shown, expected = normalised(driver, shown), normalised(driver, want["html"])
    assert shown == expected, f"{where}: the result is not what CPython computes; {first_difference(shown, expected)}"
    assert now["status"] == want["live"], f"{where}: the live region says {now['status']!r}"
    text = str(driver.js(f"() => document.querySelector('{WATCH} .ffr-watch__result').innerText", []))
    assert want["problems"][0]["message"] in text, f"{where}: the ride's message is not shown; the result says {text!r:.400}"
    took = time.monotonic() - started
    FIGURES.append(f"engines: {driver.name}, the watch page read 3 picked files in {took:.1f} s from its load (not a benchmark)")


def test_webkit_logs_nothing_while_a_calculator_page_loads(driver: Driver, base_url: str, traffic: Traffic) -> None:
    """WebKit under automation keeps its console to itself; outside automation MiniBrowser prints it. A private
    MiniBrowser opens the planner cold and runs until the service worker has kept Pyodide: not one line."""
    if driver.name != "webkit":
        pytest.skip("Firefox's console is read from the first byte of every page (WebDriver BiDi)")
    xvfb, display = start_xvfb()
    started = time.monotonic()
    browser = subprocess.Popen(
        [str(MINIBROWSER), "--private", "--enable-write-console-messages-to-stdout=true", base_url + "calculators/ramp-up/"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        deadline = started + 120
        while time.monotonic() < deadline and len(traffic.since(started, WASM)) < 2:
            time.sleep(0.5)  # the page's own download, then the service worker's copy for offline use
        time.sleep(2)
    finally:
        browser.terminate()
        out, _ = browser.communicate(timeout=10)
        xvfb.terminate()
        xvfb.wait(timeout=10)
    lines = [{"type": "console", "text": line} for line in out.splitlines() if line.startswith("CONSOLE")]
    found = unexpected("webkit", lines)
    assert not found, "WebKit logged while the planner loaded:\n" + "\n".join(found)
