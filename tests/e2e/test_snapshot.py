"""Python from a memory snapshot for a returning reader (calculator-worker.mjs, "Memory snapshots").

A first visit starts Python normally and, once the page has paused, stores an image of the
interpreter in Cache Storage; the next visit restores it. These tests hold the snapshot to
what a reader would notice: the same answers as CPython's, and any bad image ignored,
deleted and replaced while the page goes on working with a normal start.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from calculators import CALCULATORS, default_values

from .calculator_page import ROOT, wait_computed, wait_ready
from .test_ramp_up_page import PATH, change, normalised, python_html, result_html

pytestmark = pytest.mark.browser

CACHE = "stride-shift-python"
KEY = re.compile(r"/assets/calculators/[0-9a-f]+/python-[\d.]+-\d+-[0-9a-f]{12}\.snapshot$")  # Pyodide, LAYOUT, standard library

SNAPSHOTS = """async () => {
  const cache = await caches.open('stride-shift-python');
  return (await cache.keys()).map((request) => request.url);
}"""

REWRITE = """async ([url, how]) => {
  const cache = await caches.open('stride-shift-python');
  const stored = await cache.match(url);
  const bytes = new Uint8Array(await stored.arrayBuffer());
  const headers = new Headers(stored.headers);
  let key = url;
  if (how === 'garbage') bytes.fill(7);
  if (how === 'truncated') { await cache.put(url, new Response(bytes.slice(0, -65536), {headers})); return url; }  // its last 64 KiB lost
  if (how === 'other-pyodide') bytes[16] ^= 0xff;           // the header's build id: another Pyodide's image
  if (how === 'wrong-answer') headers.set('X-FFR-Check', '0'.repeat(64));
  if (how === 'old-build') {                                   // an older wheel's image, left behind
    await cache.delete(url);
    key = url.replace(/\\/[0-9a-f]+\\/(python-[\\d.]+-\\d+-[0-9a-f]+\\.snapshot)$/, '/000000000000/$1');
  }
  if (how === 'old-stdlib') {                                  // made with another standard library (its index is in the image)
    await cache.delete(url);
    key = url.replace(/-[0-9a-f]+\\.snapshot$/, '-000000000000.snapshot');
  }
  await cache.put(key, new Response(bytes, {headers}));
  return key;
}"""


def python_from(page: Page) -> str:
    """Where the page's Python came from: "snapshot" or "fresh" (a normal start)."""
    expect(page.locator("html")).to_have_attribute("data-ffr-python", re.compile("."), timeout=60_000)
    return page.get_attribute("html", "data-ffr-python") or ""


def first_visit(page: Page, base_url: str) -> str:
    """Open the planner, use it, and wait until the worker has stored its snapshot; returns its key."""
    page.goto(base_url + PATH)
    wait_ready(page)
    assert python_from(page) == "fresh"
    change(page, "weekly_volume", "160")
    expect(page.locator("html")).to_have_attribute("data-ffr-snapshot", "saved", timeout=60_000)
    (key,) = page.evaluate(SNAPSHOTS)
    assert KEY.search(key), key
    return key


def test_a_returning_reader_gets_python_from_a_snapshot_with_the_same_answers(context: BrowserContext, base_url: str) -> None:
    """The second visit restores the image; its results are CPython's to the byte, on the planner and on a
    calculator the first visit never used (whose modules the restored Python imports from the wheel)."""
    first = context.new_page()
    first_visit(first, base_url)
    first.close()

    page = context.new_page()
    page.goto(base_url + PATH)
    wait_ready(page)
    assert python_from(page) == "snapshot"
    # The reader's value came back from the address and storage, as after any visit.
    assert page.input_value("#ffr-ramp-up-weekly_volume") == "160"
    change(page, "weekly_volume", "175")
    assert result_html(page) == normalised(page, python_html(weekly_volume="175"))

    calc = CALCULATORS["cadence"]
    page.goto(base_url + "calculators/cadence/")
    wait_ready(page)
    assert python_from(page) == "snapshot"
    field = next(f for f in calc.fields if f.name == "steps")
    before = int(page.get_attribute(ROOT, "data-ffr-computed") or 0)
    page.fill(f"#ffr-cadence-{field.name}", "86")
    page.press(f"#ffr-cadence-{field.name}", "Enter")
    wait_computed(page, before)
    values = default_values(calc.fields) | {field.name: "86"}
    expected = calc.render_result(calc.compute(calc.parse_inputs(values)))
    assert normalised(page, page.inner_html(".ffr-js-result")) == normalised(page, expected)
    # Nothing was stored twice: one image, made on the first visit.
    assert len(page.evaluate(SNAPSHOTS)) == 1


@pytest.mark.parametrize("how", ["garbage", "truncated", "other-pyodide", "wrong-answer"])
def test_a_bad_snapshot_is_deleted_and_python_starts_normally(context: BrowserContext, base_url: str, how: str) -> None:
    """A damaged image, one made by another Pyodide, or one whose Python gives another answer: the page
    starts Python normally, keeps the reader's value, answers as CPython, and stores a good image instead."""
    first = context.new_page()
    key = first_visit(first, base_url)
    first.evaluate(REWRITE, [key, how])
    first.close()

    page = context.new_page()
    page.goto(base_url + PATH)
    wait_ready(page)
    assert python_from(page) == "fresh"
    assert page.evaluate(SNAPSHOTS) == []  # deleted before Python started (a new one is stored only after a pause)
    assert page.input_value("#ffr-ramp-up-weekly_volume") == "160"
    change(page, "weekly_volume", "170")
    assert result_html(page) == normalised(page, python_html(weekly_volume="170"))
    expect(page.locator("html")).to_have_attribute("data-ffr-snapshot", "saved", timeout=60_000)
    assert page.evaluate(SNAPSHOTS) == [key]

    again = context.new_page()
    again.goto(base_url + PATH)
    wait_ready(again)
    assert python_from(again) == "snapshot"


@pytest.mark.parametrize("older", ["old-build", "old-stdlib"])
def test_a_new_build_never_restores_an_older_builds_snapshot(context: BrowserContext, base_url: str, older: str) -> None:
    """An image stored for another wheel (an older build of the calculators) or another standard library is
    never restored, and is deleted once this build's own image is stored."""
    first = context.new_page()
    key = first_visit(first, base_url)
    old = first.evaluate(REWRITE, [key, older])
    assert old != key
    first.close()

    page = context.new_page()
    page.goto(base_url + PATH)
    wait_ready(page)
    assert python_from(page) == "fresh"
    expect(page.locator("html")).to_have_attribute("data-ffr-snapshot", "saved", timeout=60_000)
    assert page.evaluate(SNAPSHOTS) == [key]
