"""The reader's steps on a calculator page, for any engine's driver (drivers.py).

Everything here asks the page through ``driver.js`` and types with real key presses, so
the same steps run in Firefox and in WebKit. Failures say what the reader would see.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from fit_tool.profile.profile_type import Sport

from calculators import CALCULATORS
from tests.e2e.test_ramp_up_page import NORMALISE
from tests.unit.watch_fixtures import TODAY, fit_file, gpx_file, read_in_cpython, ride, six_weeks

from .drivers import Driver

ROOT = '[data-module="ffr-calculator"]'
RESULT = f"{ROOT} .ffr-js-result"
READY_S = 120  # a cold Pyodide start in WebKit on a busy 2-core machine


def wait(driver: Driver, predicate: str, what: str, timeout: float = 30, args: list[Any] | None = None) -> Any:
    """Poll a JavaScript predicate until it is truthy; fail saying ``what`` the reader waited for."""
    deadline = time.monotonic() + timeout
    while True:
        value = driver.js(predicate, args or [])
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{driver.name}: after {timeout:.0f} s, still waiting for {what}")
        time.sleep(0.1)


def state(driver: Driver) -> str:
    return str(driver.js(f"() => document.querySelector('{ROOT}')?.dataset.ffrState || ''", []))


def wait_ready(driver: Driver) -> None:
    deadline = time.monotonic() + READY_S
    while (now := state(driver)) != "ready":
        if now in {"error", "failed"} or time.monotonic() > deadline:
            status = driver.js(f"() => document.querySelector('{ROOT} .ffr-js-status')?.textContent || ''", [])
            raise AssertionError(f"{driver.name}: the calculator never became ready (state {now!r}); the page says: {status.strip()!r}")
        time.sleep(0.1)


def computed(driver: Driver) -> int:
    return int(driver.js(f"() => Number(document.querySelector('{ROOT}')?.dataset.ffrComputed || 0)", []))


def wait_computed(driver: Driver, before: int, what: str) -> None:
    wait(driver, f"() => Number(document.querySelector('{ROOT}').dataset.ffrComputed || 0) > {before}", what)


def page_path(driver: Driver) -> str:
    return str(driver.js("() => location.pathname", []))


def python_from(driver: Driver) -> str:
    """Where the page's Python came from: "snapshot" or "fresh"."""
    return str(wait(driver, "() => document.documentElement.dataset.ffrPython", "Python to start", READY_S))


def normalised(driver: Driver, html: str) -> str:
    return str(driver.js(NORMALISE, [html]))


def result_html(driver: Driver) -> str:
    return str(driver.js(f"() => ({NORMALISE})(document.querySelector('{RESULT}').innerHTML)", []))


def form_values(driver: Driver, calc_id: str) -> dict[str, str]:
    """The raw values the form holds now, by field name, as the page would send them to Python."""
    names = [f.name for f in CALCULATORS[calc_id].fields]
    values = driver.js(
        """(calc, names) => {
          const out = {};
          for (const name of names) {
            const el = document.getElementById(`ffr-${calc}-${name}`);
            if (!el) continue;
            out[name] = el.type === 'checkbox' ? (el.checked ? 'on' : '') : el.value;
          }
          return out;
        }""",
        [calc_id, names],
    )
    return dict(values)


def cpython_html(calc_id: str, values: Mapping[str, str]) -> str:
    calc = CALCULATORS[calc_id]
    return calc.render_result(calc.compute(calc.parse_inputs(values)))


def first_difference(shown: str, expected: str) -> str:
    at = next((i for i, (a, b) in enumerate(zip(shown, expected, strict=False)) if a != b), min(len(shown), len(expected)))
    return f"at character {at}: the page shows {shown[max(0, at - 60) : at + 60]!r}, CPython gives {expected[max(0, at - 60) : at + 60]!r}"


def assert_shows(driver: Driver, expected_html: str, after: str) -> None:
    shown, expected = result_html(driver), normalised(driver, expected_html)
    assert shown == expected, f"{driver.name}: after {after}, the result is not what CPython computes; {first_difference(shown, expected)}"


def change(driver: Driver, calc_id: str, field: str, value: str) -> None:
    """Type a value in a field and press Enter; wait for the page to apply Python's reply."""
    selector = f"#ffr-{calc_id}-{field}"
    before = computed(driver)
    driver.fill(selector, value)
    driver.press(selector, "Enter")
    wait_computed(driver, before, f"a reply after typing {value!r} in {field}")


def navigate_instantly(driver: Driver, url: str) -> None:
    """Follow a link as a reader would; Material's instant navigation swaps the page and keeps the worker."""
    driver.js("() => { document.querySelector('article').dataset.ffrTestLeft = 'yes'; }", [])
    driver.js("(url) => { const a = document.createElement('a'); a.href = url; document.body.append(a); a.click(); a.remove(); }", [url])
    wait(
        driver,
        "(url) => location.href.split('#')[0] === url && !document.querySelector('[data-ffr-test-left]')",
        f"the page at {url}",
        args=[url],
    )
    assert driver.js("() => performance.getEntriesByType('navigation').length === 1", []), (
        f"{driver.name}: following a link to {url} reloaded the page instead of Material's instant navigation"
    )


SW_READY = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (worker.state !== 'activated') {
    await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
  }
  return true;
}"""

KEPT_FOR_OFFLINE = """async () => {
  for (const name of await caches.keys()) {
    if (!name.endsWith('-calculators')) continue;
    if ((await (await caches.open(name)).keys()).some((r) => r.url.endsWith('/pyodide.asm.wasm'))) return true;
  }
  return false;
}"""
"""Whether the service worker has kept Pyodide for offline use (its "calculators" group)."""


WATCH = '[data-module="ffr-watch"]'
"""The "From your watch" reader (calculators/watch/)."""
BROWSER_TODAY = """() => {
  const n = new Date();
  return [n.getFullYear(), n.getMonth() + 1, n.getDate()].map((x) => String(x).padStart(2, '0')).join('-');
}"""


def watch_files(today: date) -> tuple[tuple[str, bytes], ...]:
    """Three of the Python tests' files (tests/unit/watch_fixtures.py), moved to end on ``today``: the last
    Tuesday's easy run as FIT, the last Saturday's long run as GPX, and a bike ride as FIT (a bad file)."""
    shift = today - TODAY
    runs = [replace(spec, start=spec.start + shift) for spec in six_weeks()]
    tuesday, saturday = runs[-3], runs[-1]
    gpx = replace(saturday, name="last-saturday.gpx")
    bike = ride()[0]
    return (
        (tuesday.name, fit_file(tuesday)),
        (gpx.name, gpx_file(gpx)),
        ("ride.fit", fit_file(replace(bike, start=bike.start + shift), sport=Sport.CYCLING)),
    )


cpython_watch = read_in_cpython


def watch_state(driver: Driver) -> dict[str, str]:
    """The reader's state, how many readings it has shown, and what its status line says."""
    return dict(
        driver.js(
            f"""() => {{
              const root = document.querySelector('{WATCH}');
              return {{state: root?.dataset.ffrState || '', read: root?.dataset.ffrRead || '0',
                       status: root?.querySelector('.ffr-js-status')?.textContent.trim() || ''}};
            }}""",
            [],
        )
    )


def wait_watch(driver: Driver, done: set[str], what: str, timeout: float = READY_S) -> dict[str, str]:
    """Wait until the reader's state is one of ``done``; fail with what the page says if it is "error"."""
    deadline = time.monotonic() + timeout
    while (now := watch_state(driver))["state"] not in done:
        if now["state"] == "error" or time.monotonic() > deadline:
            raise AssertionError(f"{driver.name}: still waiting for {what} (state {now['state']!r}); the page says: {now['status']!r}")
        time.sleep(0.1)
    return now
