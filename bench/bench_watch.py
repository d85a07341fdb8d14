"""Figures for "From your watch": reading activity files in the browser against CPython, and the page's thread.

Usage: ``.venv/bin/python -m bench.bench_watch [--runs 3]``. It builds the site (no PDF) into a
temporary folder for its own server (loopback, ``scripts/serve.py``'s headers and gzip), writes
the files with the Python tests' writers (``tests/unit/watch_fixtures.py``: fit-tool), and prints:
---
files     The two sets read: a one-hour FIT run (a record a second) and the tests' six weeks of
          runs (18 FIT files, a record every 15 s), moved to end today.
cpython   This process: ``calculators._watch_web`` start, add, step until done, result.
first     Fresh context, the watch page with Python ready: the file input's change -> the result
          shown. Includes fetching the FIT reader's wheel and importing it (the first reading).
again     The same page, the same files again: the reading alone, in the browser.
ratio     again / cpython, within each run.
longest   The longest task on the page's thread from the change to the result (the bar: 50 ms; the
          Long Tasks API reports only tasks over 50 ms, so 0 means none).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from calculators import _watch_web
from scripts.chromium import FLAGS, chromium
from scripts.serve import base_url, make_server, serve_in_thread
from tests.unit.watch_fixtures import EASY, TODAY, Spec, fit_file, six_weeks

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[1]
READER = '[data-module="ffr-watch"]'
PAGE_TODAY = """() => {
  const n = new Date();
  return [n.getFullYear(), n.getMonth() + 1, n.getDate()].map((x) => String(x).padStart(2, '0')).join('-');
}"""
WATCH = """() => {
  const bench = (window.__bench = {longest: 0, start: 0, end: 0});
  const root = document.querySelector('[data-module="ffr-watch"]');
  const reset = () => Object.assign(bench, {longest: 0, start: performance.now(), end: 0});
  document.querySelector('#ffr-watch-files').addEventListener('change', reset);
  new MutationObserver(() => (bench.end = performance.now())).observe(root, {attributes: true, attributeFilter: ['data-ffr-read']});
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (bench.start && e.startTime >= bench.start) bench.longest = Math.max(bench.longest, e.duration);
  }).observe({type: 'longtask'});
}"""


def file_sets(today: date) -> dict[str, list[tuple[str, bytes]]]:
    shift = today - TODAY
    start = datetime.combine(today - timedelta(days=1), datetime.min.time(), UTC) + timedelta(hours=7)
    hour = Spec("hour.fit", start, 60, EASY, 82.0, 250.0, 85.0, every=1)
    return {
        "one-hour FIT": [(hour.name, fit_file(hour))],
        "six weeks (18 FIT)": [(s.name, fit_file(replace(s, start=s.start + shift))) for s in six_weeks()],
    }


def cpython(files: list[tuple[str, bytes]], today: str) -> float:
    started = time.perf_counter()
    _watch_web.start(today, "km")
    for name, data in files:
        _watch_web.add(name, data)
    while not json.loads(_watch_web.step(2000))["done"]:
        pass
    _watch_web.result()
    _watch_web.cancel()
    return (time.perf_counter() - started) * 1000


def read_in_page(page: Page, files: list[tuple[str, bytes]], count: int) -> tuple[float, float]:
    """(ms from the change to the result, the longest task in between)."""
    page.set_input_files("#ffr-watch-files", [{"name": n, "mimeType": "application/octet-stream", "buffer": b} for n, b in files])
    page.wait_for_function(f"() => Number(document.querySelector('{READER}').dataset.ffrRead || 0) >= {count}", timeout=120_000)
    page.wait_for_timeout(100)  # the observer's last entries
    bench = page.evaluate("window.__bench")
    return float(bench["end"] - bench["start"]), float(bench["longest"])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print((__doc__ or "").split("---\n", 1)[1])
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        site = Path(tmp)
        server = make_server(site)
        base = base_url(server)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "FFR_PDF": "0", "FFR_SITE_URL": base}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", tmp], cwd=ROOT, env=env, check=True)
        serve_in_thread(site, server)
        browser = pw.chromium.launch(executable_path=chromium(), args=FLAGS)
        rows: dict[str, dict[str, list[float]]] = {}
        for run in range(args.runs):
            for label, files in file_sets(date.today()).items():
                ctx = browser.new_context()
                page = ctx.new_page()
                page.goto(base + "calculators/watch/")
                page.wait_for_selector(f'{READER}[data-ffr-state="idle"]', state="attached")  # wired: focus now starts Python
                page.focus("#ffr-watch-files")
                page.wait_for_selector(f'{READER}[data-ffr-state="ready"]', state="attached", timeout=120_000)
                today = page.evaluate(PAGE_TODAY)
                if run == 0:
                    print(f"files {label:<20} {len(files):3d} files {sum(len(b) for _, b in files) / 1e3:8.0f} KB")
                page.evaluate(WATCH)
                first, long_first = read_in_page(page, files, 1)
                again, long_again = read_in_page(page, files, 2)
                py = cpython(files, today)
                ctx.close()
                row = rows.setdefault(label, {"cpython": [], "first": [], "again": [], "ratio": [], "longest": []})
                row["cpython"].append(py)
                row["first"].append(first)
                row["again"].append(again)
                row["ratio"].append(again / py)
                row["longest"].append(max(long_first, long_again))
        browser.close()
        server.shutdown()
    for label, row in rows.items():
        print(label)
        for name, values in row.items():
            unit = "x" if name == "ratio" else "ms"
            print(f"  {name:<8} median {statistics.median(values):8.1f} {unit}  min {min(values):8.1f}  max {max(values):8.1f}")


if __name__ == "__main__":
    main()
