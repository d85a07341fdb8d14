"""Figures for the site offline: what the service worker caches, and how long it takes.

Usage: ``.venv/bin/python bench/bench_offline.py [--runs 3]``. It builds the site into a
temporary folder for its own server (loopback, no compression) and prints:
---
groups    Files and bytes of each group that sw.js lists: "site" (cached after the
          first page has loaded) and "calculators" (Pyodide and the wheel, cached once
          a calculator is used).
install   Fresh context, load the home page: the page's load event -> the service
          worker activated (registered, the site group downloaded, checked against its
          digests and cached).
calc      Fresh context, load the planner: the calculator ready -> the calculators
          group cached (it comes from the HTTP cache the worker just filled: 304s).
offline   In that context, with the network off: navigation -> the planner ready
          again (every file from the service worker's cache).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.chromium import FLAGS, chromium
from scripts.serve import base_url, make_server, serve_in_thread

ROOT = Path(__file__).resolve().parents[1]

INSTALL = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (worker.state !== 'activated') {
    await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
  }
  return performance.now() - performance.getEntriesByType('navigation')[0].loadEventEnd;
}"""
CALCULATORS_CACHED = """async () => {
  for (const name of await caches.keys()) {
    if (name.endsWith('-calculators')) return (await (await caches.open(name)).keys()).length;
  }
  return 0;
}"""


def groups(site: Path) -> dict[str, list[str]]:
    match = re.search(r"const BUILD = (\{.*?\});\n", (site / "sw.js").read_text())
    if match is None:
        raise SystemExit("sw.js holds no build manifest")
    return {name: [url for url, _ in files] for name, files in json.loads(match.group(1))["groups"].items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(__doc__.split("---\n", 1)[1])
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        site = Path(tmp)
        server = make_server(site)
        base = base_url(server)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "FFR_SITE_URL": base}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", tmp], cwd=ROOT, env=env, check=True)
        serve_in_thread(site, server)
        listed = groups(site)
        for name, urls in listed.items():
            size = sum((site / url).stat().st_size for url in urls)
            print(f"group {name:<12} {len(urls):4d} files {size / 1e6:7.2f} MB")
        browser = pw.chromium.launch(executable_path=chromium(), args=FLAGS)
        installs, calcs, offline = [], [], []
        for _ in range(args.runs):
            ctx = browser.new_context()
            page = ctx.new_page()
            page.goto(base)
            installs.append(page.evaluate(INSTALL))
            ctx.close()

            ctx = browser.new_context()
            page = ctx.new_page()
            page.goto(base + "calculators/ramp-up/")
            page.wait_for_selector('[data-ffr-state="ready"]', timeout=120_000)
            start = time.monotonic()
            while page.evaluate(CALCULATORS_CACHED) < len(listed["calculators"]):
                page.wait_for_timeout(50)
            calcs.append((time.monotonic() - start) * 1000)
            ctx.set_offline(True)
            page.goto(base + "calculators/ramp-up/")
            page.wait_for_selector('[data-ffr-state="ready"]', timeout=120_000)
            offline.append(page.evaluate("performance.now()"))
            ctx.close()
        browser.close()
        server.shutdown()
    figures = {"install (load -> site cached)": installs, "calc (ready -> Pyodide cached)": calcs, "offline planner ready": offline}
    for label, values in figures.items():
        print(f"{label:<34} median {statistics.median(values):7.0f} ms  min {min(values):7.0f}  max {max(values):7.0f}")


if __name__ == "__main__":
    main()
