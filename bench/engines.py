"""The first result in Chromium, Firefox and WebKit, in the same run, on the same server.

Usage: ``.venv/bin/python -m bench.engines [--runs 5]`` (or ``make bench-engines``); as a module, because it
imports the tests' drivers and textstat installs a stray top-level ``tests`` package. It builds the
site into a temporary folder and serves it with scripts/serve.py's handler (the production
headers, gzip). Drivers: Playwright for Chromium (scripts/chromium.py's flags), and the
cross-engine tier's for Firefox (puppeteer-core over BiDi) and WebKit (WebKitWebDriver and
MiniBrowser on Xvfb), tests/engines/drivers.py.
---
cold     Each run starts every engine afresh (an empty profile), in a rotating order, and opens
         the planner. "ready": the page's clock (performance.now(), from navigation start) when
         the calculator reports data-ffr-state="ready"; "result": when the first result Python
         computes for a typed weekly volume (160, "change" dispatched as soon as the form is
         ready) is in the page (data-ffr-computed increments). Both are stamped in the page by
         a MutationObserver, so the driver's polling adds nothing; a page that was ready before
         the observer ran is stamped when it ran (the run says "late").
return   Then, once the page has stored its memory snapshot (data-ffr-snapshot) and the service
         worker has kept Pyodide, a new navigation to the planner in the same browser:
         ready and result as above, and where its Python came from ("snapshot" or "fresh").
wasm     How many times pyodide.asm.wasm crossed the wire during the cold visit and during
         the return visit (the server's log; the service worker's own copy counts once).
Medians over the runs; each engine's ratio to Chromium's median.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from scripts.serve import Handler, make_server, precompress, serve_in_thread
from tests.conftest import mkdocs_build
from tests.engines.drivers import Driver, missing, start

STAMP = """async (change) => {
  const root = document.querySelector('[data-module="ffr-calculator"]');
  const when = (test) => new Promise((resolve) => {
    if (test()) return resolve([performance.now(), true]);
    const seen = new MutationObserver(() => { if (test()) { seen.disconnect(); resolve([performance.now(), false]); } });
    seen.observe(root, {attributes: true});
  });
  const [ready, late] = await when(() => root.dataset.ffrState === 'ready');
  const before = Number(root.dataset.ffrComputed || 0);
  const field = document.getElementById('ffr-ramp-up-weekly_volume');
  field.value = change;
  field.dispatchEvent(new Event('input', {bubbles: true}));
  field.dispatchEvent(new Event('change', {bubbles: true}));
  const [result] = await when(() => Number(root.dataset.ffrComputed || 0) > before);
  return {ready, result, late, python: document.documentElement.dataset.ffrPython || '-'};
}"""

SETTLED = """async () => {
  const html = document.documentElement;
  for (let i = 0; i < 600 && !html.dataset.ffrSnapshot; i++) await new Promise((r) => setTimeout(r, 100));
  const registration = await navigator.serviceWorker.ready;
  for (let i = 0; i < 600; i++) {
    for (const name of await caches.keys()) {
      const keys = name.endsWith('-calculators') ? await (await caches.open(name)).keys() : [];
      if (keys.some((r) => r.url.endsWith('.wasm'))) return html.dataset.ffrSnapshot || '-';
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return 'not kept';
}"""


class Chromium:
    """The machine's Chromium through Playwright, answering the two commands the bench uses."""

    name = "chromium"

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        from scripts.chromium import FLAGS, chromium

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=chromium(), args=FLAGS)
        self._page = self._browser.new_context().new_page()
        self.version = self._browser.version

    def goto(self, url: str) -> None:
        self._page.goto(url)

    def js(self, source: str, args: list[Any]) -> Any:
        return self._page.evaluate(f"(args) => ({source})(...args)", args)

    def close(self) -> None:
        self._browser.close()
        self._pw.stop()


class Log:
    def __init__(self) -> None:
        self.lines: list[tuple[float, str]] = []
        self.lock = threading.Lock()

    def count(self, since: float, suffix: str) -> int:
        with self.lock:
            return sum(1 for t, path in self.lines if t >= since and path.split("?", 1)[0].endswith(suffix))


def recording(log: Log) -> type[Handler]:
    class Recording(Handler):
        def send_response(self, code: int, message: str | None = None) -> None:
            if self.command == "GET":
                with log.lock:
                    log.lines.append((time.monotonic(), self.path))
            super().send_response(code, message)

    return Recording


def one(engine: str, base: str, log: Log) -> dict[str, Any]:
    driver: Driver | Chromium = Chromium() if engine == "chromium" else start(engine)
    try:
        url = base + "calculators/ramp-up/"
        t0 = time.monotonic()
        driver.goto(url)
        cold = driver.js(STAMP, ["160"])
        cold["wasm"] = log.count(t0, "/pyodide.asm.wasm")
        cold["snapshot"] = driver.js(SETTLED, [])
        t1 = time.monotonic()
        driver.goto(base + "references/")
        driver.goto(url)
        back = driver.js(STAMP, ["170"])
        back["wasm"] = log.count(t1, "/pyodide.asm.wasm")
        return {"version": driver.version, "cold": cold, "return": back}
    finally:
        driver.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    engines = ["chromium", "firefox", "webkit"]
    for engine in engines[1:]:
        if why := missing(engine):
            raise SystemExit(why)
    log = Log()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        server = make_server(site)
        server.RequestHandlerClass = functools.partial(recording(log), directory=str(site))  # type: ignore[assignment]
        server, base = serve_in_thread(site, server)
        print(f"Building the site for {base} ...", flush=True)
        mkdocs_build(site, base, FFR_PDF="0")
        precompress(site)
        results: dict[str, list[dict[str, Any]]] = {e: [] for e in engines}
        for run in range(args.runs):
            order = engines[run % 3 :] + engines[: run % 3]
            for engine in order:
                r = one(engine, base, log)
                results[engine].append(r)
                c, b = r["cold"], r["return"]
                print(
                    f"run {run + 1} {engine:8} cold ready {c['ready']:6.0f} result {c['result']:6.0f} ms{' late' if c['late'] else ''}"
                    f" wasm {c['wasm']} | return ready {b['ready']:6.0f} result {b['result']:6.0f} ms ({b['python']}) wasm {b['wasm']}",
                    flush=True,
                )
        server.shutdown()
    print()
    print(f"Medians of {args.runs} runs (ms from navigation start; ratio to Chromium)")
    print(f"{'engine':26} {'cold ready':>12} {'cold result':>14} {'return result':>16}  python  wasm cold/return")
    base_med = {k: statistics.median(r[p][q] for r in results["chromium"]) for k, (p, q) in _COLUMNS.items()}
    for engine in engines:
        rs = results[engine]
        cells = []
        for k, (p, q) in _COLUMNS.items():
            m = statistics.median(r[p][q] for r in rs)
            cells.append(f"{m:7.0f} ({m / base_med[k]:.1f}x)")
        pythons = "/".join(sorted({r["return"]["python"] for r in rs}))
        wasm = f"{statistics.median(r['cold']['wasm'] for r in rs):g}/{statistics.median(r['return']['wasm'] for r in rs):g}"
        print(f"{engine + ' ' + str(rs[0]['version']):26} {cells[0]:>12} {cells[1]:>14} {cells[2]:>16}  {pythons:7} {wasm}")


_COLUMNS = {"cold ready": ("cold", "ready"), "cold result": ("cold", "result"), "return result": ("return", "result")}

if __name__ == "__main__":
    main()
