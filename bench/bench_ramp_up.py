"""Benchmark the ramp-up calculator page in headless Chromium.

Usage: ``.venv/bin/python bench/bench_ramp_up.py [--runs 5] [--changes 20]`` (or
``make bench``). It builds the site into a temporary folder for its own server. All times are in-page
``performance.now()`` stamps (origin = navigation start), taken by a MutationObserver
that an init script installs before any page script runs.
---
cold     Fresh browser context (empty HTTP cache and storage), page.goto the planner.
         "init"   = navigation start -> calculator-page.mjs sets data-ffr-state="loading"
                    (during DOMContentLoaded; the worker is created then).
         "ready"  = navigation start -> data-ffr-state="ready" (Pyodide + wheel loaded).
         "result" = navigation start -> first applied result (data-ffr-computed="1") for
                    a change to weekly_volume dispatched at "init", as by a reader who
                    types at once; the page queues it until the worker is ready.
warm     Same context, storage cleared, full navigation (page.goto) to the same URL:
         HTTP cache warm (pages revalidated, 304s; Pyodide and the wheel immutable).
bare     Reference in the same run: bench/bare/ page whose module worker runs
         loadPyodide() then 1+1; navigation start -> reply on the main thread; cold in
         its own fresh context, warm = second load there. Each bare load runs right
         next to the matching calculator load (order alternates per run), and every
         timed load or click follows 1 s of quiet (SETTLE_MS).
         ratio = warm result / bare warm, per run.
instant  On the warm page: click the nav link to References, then back to the planner
         (Material instant navigation, the worker survives). click -> ready and
         click -> result for the same change as above. Reference in the same run:
         Material's instant navigation between two guide pages (Home -> References),
         click -> new article in the page: the part of the time that is not ours.
recompute  On the cold page once ready: --changes changes to weekly_volume (cycling
         values), each from dispatching "change" to the DOM update (data-ffr-computed
         increments); pooled over all runs.
checkin  Then --changes weekly check-ins on the same page (pain 2, 4, 6, 3 in turn, each
         dated a week after the one before), each from submitting the check-in form to
         the re-flowed plan in the page (data-ffr-logged increments); pooled over all runs.
longtasks  'longtask' entries (observer registered before any script) on the cold page
         during load + recomputes + check-ins, matched to overlapping long animation frames for
         attribution. Labels: "calculator" (calculator*.mjs/js scripts ran in it, and
         without their time the task would be 50 ms or less),
         "recompute" (during the recompute loop), "checkin" (during the check-ins), all
         counted against the calculator;
         "pre-init" (ended before the calculator initialised, i.e. before our code ran:
         HTML, CSS, Material's bundle); "dcl+init" (Material's DOMContentLoaded task,
         inside which calculator-page.mjs initialises: shared, not counted); "other".
bytes    Fresh context, load and wait for network idle: encoded body + headers of all
         requests of the page and its workers; the service worker's own background
         downloads (the offline copy, made after load) are counted apart; on the
         planner, after waiting for the copy of Pyodide (made once the page has had
         2 s without input, from the HTTP cache). No request
         from anyone on the home page may touch /assets/pyodide/ or a .whl.
         Loopback server, gzip as scripts/serve.py sends it (as a static host would).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scripts.chromium import FLAGS, chromium
from scripts.serve import base_url, make_server, precompress, serve_in_thread
from sitebuild import pyodide

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

ROOT = Path(__file__).resolve().parents[1]

CALC = "calculators/ramp-up/"
TIMEOUT = 30_000
SETTLE_MS = 1000  # quiet time before each timed navigation or click (2-core machines: wasm tier-up, GC)

INSTRUMENT = Path(__file__).with_name("instrument.js")  # init script: stamps, long tasks, helpers
ROWS = [
    ("cold: nav -> calculator init (DOMContentLoaded)", "cold init"),
    ("cold: nav -> ready", "cold ready"),
    ("cold: nav -> first recomputed result", "cold result"),
    ("warm: nav -> calculator init", "warm init"),
    ("warm: nav -> ready", "warm ready"),
    ("warm: nav -> first recomputed result", "warm result"),
    ("bare Pyodide cold: nav -> 1+1", "bare cold"),
    ("bare Pyodide warm: nav -> 1+1", "bare warm"),
    ("warm result / bare warm (ratio)", "ratio"),
    ("instant nav: click -> ready", "instant ready"),
    ("instant nav: click -> recomputed result", "instant result"),
    ("reference: instant nav guide -> guide (Material)", "instant guide"),
]
OURS = ("calculator", "recompute", "checkin")  # long-task labels counted against the calculator
SWAP = """(text) => new Promise((resolve) => {
  const old = document.querySelector("article"), start = performance.now();
  const observer = new MutationObserver(() => {
    if (document.querySelector("article") !== old) { observer.disconnect(); resolve(performance.now() - start); }
  });
  observer.observe(document.body, {subtree: true, childList: true});
  [...document.querySelectorAll(".md-sidebar--primary a.md-nav__link")].find((a) => a.textContent.trim() === text).click();
})"""
"""Click the nav link with this text; ms until Material has swapped in the new page's article (instant navigation)."""


def serve_root(tmp: Path) -> tuple[ThreadingHTTPServer, str]:
    """Build the site for this server's own address, and serve it with bench/bare/.

    Material matches instant-navigation links against sitemap.xml, port included, so the
    site is built with FFR_SITE_URL set to the server's address (as the tests do).
    """
    server = make_server(tmp)
    base = base_url(server)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "FFR_SITE_URL": base}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(tmp)], cwd=ROOT, env=env, check=True)
    bare = tmp / "bench-bare"
    shutil.copytree(ROOT / "bench" / "bare", bare)
    worker = bare / "worker.mjs"  # it loads the site's Pyodide: the build's version goes in, as in the site's own worker
    worker.write_text(pyodide.with_version(worker.read_text(encoding="utf-8")), encoding="utf-8")
    precompress(tmp)  # the server gzips as a host does; do it before any timed load
    serve_in_thread(tmp, server)
    return server, base


def loaded(page: Page, url: str) -> dict[str, Any]:
    """After SETTLE_MS, navigate and wait for the first applied result; returns window.__bench."""
    page.wait_for_timeout(SETTLE_MS)
    page.goto(url)
    return checked(page.evaluate("ms => window.__benchResult(ms)", TIMEOUT))


def bare(page: Page, url: str) -> float:
    """After SETTLE_MS, load the bare Pyodide page; navigation start -> 1+1 reply, in ms."""
    page.wait_for_timeout(SETTLE_MS)
    page.goto(url)
    result, ms = page.evaluate("ms => window.__bareResult(ms)", TIMEOUT)
    if result != "2":
        raise RuntimeError(f"bare Pyodide page failed: {result}")
    return float(ms)


def checked(bench: dict[str, Any]) -> dict[str, Any]:
    if bench["error"] or not str(bench["status"]).startswith("Updated"):
        raise RuntimeError(f"calculator did not compute: error={bench['error']} status={bench['status']!r}")
    return bench


def classify(bench: dict[str, Any]) -> list[tuple[float, float, str, str]]:
    """Each long task as (start, duration, label, detail), attributed via overlapping LoAFs."""
    out = []
    for task in bench["lt"]:
        start, end = task["startTime"], task["startTime"] + task["duration"]
        frames = [f for f in bench["loaf"] if f["startTime"] < end and start < f["startTime"] + f["duration"]]
        entries = [(x.get("sourceURL") or x.get("invoker") or "?", x.get("duration", 0)) for f in frames for x in f.get("scripts", [])]
        scripts = {url.rsplit("/", 1)[-1] for url, _ in entries}
        ours = sum(duration for url, duration in entries if "calculator" in url.rsplit("/", 1)[-1])
        render = max((f["startTime"] + f["duration"] - f["renderStart"] for f in frames if f.get("renderStart")), default=0)
        if ours and task["duration"] - ours <= 50:  # long because of our scripts: without them it would not be
            label = "calculator"
        elif bench["rc"] and start < bench["rc"][1] and bench["rc"][0] < end:
            label = "recompute"
        elif bench["ci"] and start < bench["ci"][1] and bench["ci"][0] < end:
            label = "checkin"
        elif bench["init"] is not None and end <= bench["init"]:
            label = "pre-init"
        elif bench["init"] is not None and start <= bench["init"] <= end + 1:
            label = "dcl+init"
        else:
            label = "other"
        detail = f"scripts: {','.join(sorted(scripts)) or '-'} (ours {ours:.0f} ms); render {render:.0f} ms"
        out.append((start, task["duration"], label, detail))
    return out


def one_run(browser: Browser, base: str, changes: int, bare_first: bool) -> dict[str, Any]:
    """Cold then warm, each a calculator load and a bare load back to back; then instant navigation."""
    calc_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    calc_ctx.add_init_script(path=INSTRUMENT)
    bare_ctx = browser.new_context()
    bare_ctx.add_init_script(path=INSTRUMENT)  # the same in-page overhead on both pages
    try:
        return measure(calc_ctx.new_page(), bare_ctx.new_page(), base, changes, bare_first)
    finally:
        calc_ctx.close()
        bare_ctx.close()


def measure(page: Page, bare_page: Page, base: str, changes: int, bare_first: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for phase in ("cold", "warm"):
        for kind in ("bare", "calc") if bare_first else ("calc", "bare"):
            if kind == "bare":
                out[f"bare {phase}"] = bare(bare_page, base + "bench-bare/")
                continue
            if phase == "warm":
                page.evaluate("localStorage.clear()")  # else the stored change recomputes on its own
            bench = loaded(page, base + CALC)
            out.update({f"{phase} {key}": bench[key] for key in ("init", "ready", "result")})
            if phase == "cold":
                out["samples"] = page.evaluate("n => window.__recompute(n)", changes)
                page.wait_for_timeout(200)
                out["checkins"] = page.evaluate("n => window.__checkin(n)", changes)
                page.wait_for_timeout(200)
                out["tasks"] = classify(page.evaluate("window.__bench"))
    doc = page.evaluate("window.__bench.doc")
    page.click('.md-sidebar--primary a.md-nav__link[href$="references/"]')
    page.wait_for_function(
        "() => location.pathname.endsWith('/references/') && !document.querySelector('[data-module=\"ffr-calculator\"]')", timeout=TIMEOUT
    )
    page.evaluate("localStorage.clear()")
    page.wait_for_timeout(SETTLE_MS)  # also lets Material finish (scroll restore) so the click lands
    swap = {}
    for target in ("Home", "References"):  # reference: guide -> guide, Material's own share of the time
        swap[target] = page.evaluate(SWAP, target)
        page.wait_for_timeout(SETTLE_MS)
    page.click('.md-sidebar--primary a.md-nav__link[href$="calculators/ramp-up/"]')
    inst = checked(page.evaluate("ms => window.__benchResult(ms)", TIMEOUT))
    if inst["doc"] != doc or inst["click"] is None:
        raise RuntimeError("the nav links caused full page loads, not instant navigation")
    return {
        **out,
        "instant ready": inst["ready"] - inst["click"],
        "instant result": inst["result"] - inst["click"],
        "instant guide": swap["References"],
        "ratio": out["warm result"] / out["bare warm"],
    }


def is_pyodide(url: str) -> bool:
    return "/assets/pyodide/" in url or ".whl" in url


CALCULATORS_CACHED = """async (count) => {
  const names = (await caches.keys()).filter((name) => name.endsWith("-calculators"));
  return names.length > 0 && (await (await caches.open(names[0])).keys()).length === count;
}"""
"""Whether the service worker holds its whole copy of Pyodide and the wheel (count: the files sw.js lists)."""


def calculator_files(site: Path) -> int:
    """How many files the service worker's "calculators" group lists in this build."""
    match = re.search(r"const BUILD = (\{.*?\});\n", (site / "sw.js").read_text())
    if not match:
        raise RuntimeError("sw.js holds no build manifest")
    return len(json.loads(match.group(1))["groups"]["calculators"])


def page_bytes(browser: Browser, url: str, calculator: int = 0) -> tuple[float, int, list[str], float, float]:
    """(KB the page transferred, its request count, Pyodide/wheel URLs fetched by anyone, their KB,
    KB the service worker fetched in the background to keep the site offline) for one cold load.

    ``calculator``: for a calculator page, how many files the calculators' offline copy holds.
    """
    ctx = browser.new_context(service_workers="allow")
    requests: list[Request] = []
    ctx.on("requestfinished", lambda request: requests.append(request))
    page = ctx.new_page()
    page.goto(url)
    if calculator:
        page.wait_for_selector('[data-ffr-state="ready"]', timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # let the service worker's background caching finish
    if calculator:  # offline.js makes the calculators' copy after 2 s without input: wait for it
        for _ in range(TIMEOUT // 250):
            if page.evaluate(CALCULATORS_CACHED, calculator):
                break
            page.wait_for_timeout(250)
        else:
            raise RuntimeError("the service worker never finished its copy of the calculators")
    sizes = []
    for request in requests:
        size, response = request.sizes(), request.response()
        declared = response.headers.get("content-length", 0) if response else 0
        body = size["responseBodySize"] or int(declared)  # worker main scripts report 0
        body = max(body, 0)  # negative: served from the HTTP cache, nothing on the wire
        sizes.append((request.url, body + max(size["responseHeadersSize"], 0), request.service_worker is not None))
    ctx.close()
    pyodide = [u for u, _, _ in sizes if is_pyodide(u)]
    own = [(u, n) for u, n, by_sw in sizes if not by_sw]
    background = sum(n for _, n, by_sw in sizes if by_sw) / 1024
    return sum(n for _, n in own) / 1024, len(own), pyodide, sum(n for u, n, _ in sizes if is_pyodide(u)) / 1024, background


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--changes", type=int, default=20, help="recomputes per run")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(__doc__.split("---\n", 1)[1])
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        server, base = serve_root(Path(tmp))
        browser = pw.chromium.launch(executable_path=chromium(), args=FLAGS, headless=True)
        runs = []
        for i in range(args.runs):
            try:
                run = one_run(browser, base, args.changes, bare_first=i % 2 == 1)  # alternate to spread drift
            except Exception as error:  # noqa: BLE001 - one bad run should not sink the others
                print(f"run {i + 1}/{args.runs}: FAILED, left out: {error}", flush=True)
                continue
            runs.append({**run, "n": i + 1})
            print(
                f"run {i + 1}/{args.runs}: cold {run['cold result']:.0f} ms (bare {run['bare cold']:.0f}), "
                f"warm {run['warm result']:.0f} ms (bare {run['bare warm']:.0f}), instant {run['instant result']:.0f} ms",
                flush=True,
            )
        if not runs:
            sys.exit("every run failed")
        home = page_bytes(browser, base)
        calc = page_bytes(browser, base + CALC, calculator=calculator_files(Path(tmp)))
        browser.close()
        server.shutdown()

    samples = [s for run in runs for s in run["samples"]]
    checkins = [s for run in runs for s in run["checkins"]]
    tasks = [t for run in runs for t in run["tasks"]]
    print(f"\n{f'metric (ms unless stated), {len(runs)} runs':48} {'median':>9} {'min':>9} {'max':>9}")
    for label, values in [
        *((label, [run[key] for run in runs]) for label, key in ROWS),
        (f"recompute: change -> DOM ({len(samples)} changes)", samples),
        (f"check-in: submit -> re-flowed plan ({len(checkins)})", checkins),
        ("long tasks per cold load+recomputes (count)", [len(r["tasks"]) for r in runs]),
        ("longest long task per run", [max((t[1] for t in r["tasks"]), default=0) for r in runs]),
    ]:
        fmt = "9.3f" if "ratio" in label else "9.1f"
        print(f"{label:48} " + " ".join(f"{v:{fmt}}" for v in (statistics.median(values), min(values), max(values))))
    for run in runs:
        for start, duration, label, detail in run["tasks"]:
            print(f"  run {run['n']}: long task at {start:7.0f} ms, {duration:5.0f} ms, {label:10} {detail}")
    print(
        f"\nbytes, cold load: home {home[0]:.1f} KB in {home[1]} requests; "
        f"calculator {calc[0]:.1f} KB in {calc[1]} requests ({len(calc[2])} Pyodide/wheel: {calc[3]:.1f} KB)\n"
        f"  plus, after load, the service worker's offline copy: {home[4]:.1f} KB after the home page, "
        f"{calc[4]:.1f} KB after the planner"
    )
    for url in home[2]:
        print(f"  FLAG: home page fetched {url}")

    ratio = statistics.median(r["ratio"] for r in runs)
    targets = [
        ("guide page downloads no Pyodide", not home[2], f"{len(home[2])} Pyodide/wheel requests"),
        ("recompute median < 16 ms", statistics.median(samples) < 16, f"{statistics.median(samples):.1f} ms"),
        ("check-in to re-flowed plan median < 16 ms", statistics.median(checkins) < 16, f"{statistics.median(checkins):.1f} ms"),
        (
            "no long task > 50 ms caused by a check-in",
            not any(t[2] == "checkin" and t[1] > 50 for t in tasks),
            f"{sum(t[2] == 'checkin' for t in tasks)} long tasks during the check-ins",
        ),
        (
            "no long task > 50 ms attributable to the calculator",
            not any(t[2] in OURS and t[1] > 50 for t in tasks),
            f"{sum(t[2] in OURS for t in tasks)} of {len(tasks)} long tasks",
        ),
        ("warm result within 10% of bare Pyodide warm", ratio <= 1.10, f"ratio {ratio:.3f}"),
        (
            "after instant navigation < 100 ms",
            statistics.median(r["instant result"] for r in runs) < 100,
            f"{statistics.median(r['instant result'] for r in runs):.1f} ms",
        ),
    ]
    print("\ntargets:")
    for name, ok, detail in targets:
        print(f"  {'PASS' if ok else 'FAIL'}  {name:52} ({detail})")


if __name__ == "__main__":
    main()
