"""Benchmark the ramp-up calculator page in headless Chromium, the way a reader meets it.

Usage: ``.venv/bin/python bench/bench_ramp_up.py [--runs 5] [--changes 20] [--server plain|own]``
(or ``make bench``). It builds the site into a temporary folder for its own server. All times
are in-page ``performance.now()`` stamps taken by bench/instrument.js (an init script that runs
before any page script); server-side figures come from the server's own log.
---
server   bench/static_server.py, a process of its own. "plain" (default): the shared harness's
         method (../shared/anchors), like GitHub Pages: max-age=600 + Last-Modified on every
         file, no compression. "own": scripts/serve.py (immutable Pyodide, gzip, CSP).
result   The first result Python computes for a value typed once the form works: when the
         calculator gets data-ffr-calculator-init (its listeners are attached in that task),
         weekly volume is set from the page's default to default + 10 (150 -> 160), with
         "input" and "change". Stamped when the headline that `python -m calculators ramp
         --weekly-volume 160` prints is in the result; its headline, week count and every
         table cell must equal the CLI's, or the run fails. (The baked-in result for the
         default is never timed.)
bare     Reference page bench/bare/: a module worker that starts Pyodide (the site's copy of the
         runtime, with the npm package's own standard library, as the harness's F has it;
         the site ships a compiled one) and fetches calc.py alongside, writes it into Pyodide's file system,
         imports it and posts plan(50, 12); stamped when "PLAN:[" is in the DOM, checked
         against the same function in CPython. Calculator and bare loads alternate, the
         order flips every run, and each ratio is worked out within its run.
cold     A fresh incognito-like context (browser.new_context(): empty, in-memory cache), goto.
         Per file, how many times it crossed the wire before the result, and the bytes the
         server wrote before it (server log, requests started before the result stamp).
warm     A returning visit: one on-disk profile each for the planner and the bare page
         (launch_persistent_context, temporary user-data-dir), primed by one visit that is
         not reported, then waiting until the planner's service worker is active with its
         calculators' copy filled and, if the page makes one, until it reports
         data-ffr-snapshot="saved" (or "failed"). Each warm run is then a new navigation
         (goto) in that tab, after clearing local storage and the address's fragment.
         "python" = the page's data-ffr-python ("snapshot" or "fresh", "-" if not set).
guide    From a guide page: a fresh context loads guide/transition/, waits until the server
         has had no request for 700 ms, hovers the article's first planner link for 200 ms
         and clicks it (Material instant navigation). From the click to the result for the
         value typed once the planner's form works. Blocking counts from the hover.
blocking Main-thread blocking before the result: sum of (duration - 50 ms) of the long tasks
         that start before the result stamp (cold: from navigation start). Each task's
         share goes to the calculator's scripts (calculator*.js/mjs), up to what they ran
         in it (long-animation-frame script entries), then to Material's bundle, the rest
         to "other" (HTML, CSS, the browser).
instant  On the warm page: click the nav link to References, then back to the planner
         (Material instant navigation, the worker survives): click -> ready and
         click -> result for the same typed value; three such trips a run, their median
         (one trip varies by +-20 ms). Reference: Material's instant navigation
         between two guide pages (Home -> References), click -> new article.
recompute  On the cold page once it has its result: --changes changes to weekly_volume,
         each from dispatching "change" to the DOM update (data-ffr-computed increments);
         pooled over all runs.
checkin  Then --changes weekly check-ins on the same page (pain 2, 4, 6, 3 in turn, each a
         week after the one before), each from submitting the check-in form to the re-flowed
         plan (data-ffr-logged increments); pooled over all runs.
longtasks  Every long task on the cold page (load + recomputes + check-ins), matched to long
         animation frames. Labels: "calculator" (calculator*.js/mjs ran in it, and without
         their time it would be 50 ms or less), "recompute", "checkin" (during those loops),
         all counted against the calculator; "pre-init" (ended before the calculator
         initialised: HTML, CSS, Material's bundle), "dcl+init" (Material's
         DOMContentLoaded task, with our init inside: shared, not counted), "other".
bytes    scripts/serve.py (gzip, as a static host sends it), fresh context each, load and
         wait for network idle: the home page, the guide page and the planner; encoded body +
         headers of every request of the page and its workers; the service worker's own
         background downloads counted apart. No request from a page that is not a
         calculator (nor its service worker) may touch /assets/pyodide/ or a .whl.
"""

from __future__ import annotations

import argparse
import html.parser
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scripts.chromium import FLAGS, chromium
from sitebuild import pyodide

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Request

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent

CALC = "calculators/ramp-up/"
GUIDE = "guide/transition/"
BARE = "bench-bare/"
NAV_LINK = f'article a[href$="{CALC}"]'  # the guide's first link to the planner
TIMEOUT = 60_000
SETTLE_MS = 1000  # quiet time before each timed navigation or click (2-core machines: wasm tier-up, GC)
HOVER_MS = 200  # guide: hover the planner link this long, then click (as the shared harness does)
INSTANT_TRIPS = 3  # instant navigation: planner -> References -> planner this often per run (one trip varies by +-20 ms)
QUIET_S = 0.7  # guide: the server has seen no request for this long before the hover
TYPED = 10  # the value typed = the page's default weekly volume + this (150 -> 160)

INSTRUMENT = HERE / "instrument.js"  # init script: stamps, long tasks, helpers
ROWS = [
    ("cold: nav -> calculator wired (typed)", "cold init"),
    ("cold: nav -> ready", "cold ready"),
    ("cold: nav -> result (typed value)", "cold result"),
    ("bare cold: nav -> result", "bare cold"),
    ("cold result / bare cold (ratio)", "cold ratio"),
    ("warm: nav -> calculator wired (typed)", "warm init"),
    ("warm: nav -> ready", "warm ready"),
    ("warm: nav -> result (typed value)", "warm result"),
    ("bare warm: nav -> result", "bare warm"),
    ("warm result / bare warm (ratio)", "warm ratio"),
    ("guide: click -> result (hovered 200 ms)", "guide result"),
    ("guide: hover -> result", "guide from hover"),
    ("guide result / bare cold (ratio)", "guide ratio"),
    ("cold: blocking before result, all", "cold blocking"),
    ("cold: blocking, calculator's share", "cold blocking calculator"),
    ("cold: blocking, Material's bundle", "cold blocking material"),
    ("warm: blocking before result, all", "warm blocking"),
    ("warm: blocking, calculator's share", "warm blocking calculator"),
    ("guide: blocking from hover, all", "guide blocking"),
    ("guide: blocking, calculator's share", "guide blocking calculator"),
    ("instant nav: click -> ready", "instant ready"),
    ("instant nav: click -> result", "instant result"),
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

SW_STATE = """async () => {
  const registration = navigator.serviceWorker ? await navigator.serviceWorker.getRegistration() : null;
  const names = self.caches ? await caches.keys() : [];
  const calc = names.find((name) => name.endsWith("-calculators"));
  return {active: Boolean(registration && registration.active),
          calculators: calc ? (await (await caches.open(calc)).keys()).length : 0,
          python: document.documentElement.dataset.ffrPython || null,
          snapshot: document.documentElement.dataset.ffrSnapshot || null};
}"""
"""The service worker's state, how many files its calculators' copy holds, and the page's snapshot markers."""

FORGET = "() => { localStorage.clear(); history.replaceState(history.state, '', location.pathname); }"
"""Undo what the page keeps of a typed value (local storage, the address's fragment), so the next load starts from its defaults."""


# ----------------------------------------------------------------- servers


class Server:
    """bench/static_server.py in a process of its own, with its response log."""

    def __init__(self, root: Path, mode: str, log: Path) -> None:
        with socket.socket() as probe:  # a free port, known before the site is built for it
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.root, self.mode, self.log, self.offset = root, mode, log, 0
        self.base = f"http://127.0.0.1:{self.port}/"
        self.proc: subprocess.Popen[str] | None = None

    def start(self) -> None:
        self.log.touch()
        command = [sys.executable, str(HERE / "static_server.py"), "--root", str(self.root), "--port", str(self.port)]
        command += ["--log", str(self.log), "--mode", self.mode]
        self.proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        if not self.proc.stdout or self.proc.stdout.readline().strip() != "listening":
            raise RuntimeError(f"the {self.mode} server did not start")

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()  # our own child, by its handle
            self.proc.wait(10)

    def mark(self) -> None:
        self.offset = self.log.stat().st_size

    def since_mark(self) -> list[dict[str, Any]]:
        with self.log.open() as log:
            log.seek(self.offset)
            return [json.loads(line) for line in log.read().splitlines() if line.strip()]

    def quiet(self, quiet_s: float, max_s: float = 20) -> None:
        """Wait until the server has logged nothing for quiet_s (at most max_s)."""
        t0 = last = time.time()
        size = self.log.stat().st_size
        while time.time() - t0 < max_s and time.time() - last < quiet_s:
            time.sleep(0.05)
            if self.log.stat().st_size != size:
                size, last = self.log.stat().st_size, time.time()


def build(site: Path, base: str) -> None:
    """Build the site for this address, and add bench/bare/ with the build's Pyodide version.

    Material matches instant-navigation links against sitemap.xml, port included, so the
    site is built with FFR_SITE_URL set to the timing server's address (as the tests do).
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "FFR_SITE_URL": base}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)], cwd=ROOT, env=env, check=True)
    bare = site / BARE.strip("/")
    shutil.copytree(HERE / "bare", bare)
    # Bare Pyodide starts with the npm package's own standard library (sources), which the site
    # does not ship (it ships the modules Python's start and its calculators use compiled).
    shutil.copy2(pyodide.INSTALLED / pyodide.STDLIB, site / pyodide.folder() / pyodide.STDLIB)
    worker = bare / "worker.mjs"  # it loads the site's Pyodide runtime, with the npm standard library (above)
    worker.write_text(pyodide.with_version(worker.read_text(encoding="utf-8")), encoding="utf-8")


# ----------------------------------------------------------------- expected answers


class _Planner(html.parser.HTMLParser):
    """The built planner's default weekly volume and its baked-in headline."""

    def __init__(self) -> None:
        super().__init__()
        self.volume: str | None = None
        self.summary: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("name") == "weekly_volume":
            self.volume = a.get("value")
        if self.depth:
            self.depth += tag == "p"
        elif tag == "p" and "ffr-summary" in (a.get("class") or "").split() and not self.summary:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "p":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.summary.append(data)


def cli(volume: str) -> dict[str, Any]:
    """`python -m calculators ramp --weekly-volume N`: its headline, and its week table's rows."""
    command = [sys.executable, "-m", "calculators", "ramp", "--weekly-volume", volume]
    lines = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("week "))
    columns = len(re.split(r" {2,}", lines[head].strip()))
    rows = []
    for line in lines[head + 1 :]:
        if not line.strip():
            break
        rows.append(re.split(r" {2,}", line.strip()))
        if len(rows[-1]) != columns:
            raise RuntimeError(f"cannot read the CLI's week table: {line!r}")
    return {"command": " ".join(["python", *command[1:]]), "headline": lines[0].strip(), "rows": rows}


def expected(site: Path) -> dict[str, Any]:
    """What the typed value must give: the CLI's answer for the page's default + TYPED."""
    page = _Planner()
    page.feed((site / CALC / "index.html").read_text(encoding="utf-8"))
    if page.volume is None:
        raise RuntimeError("the planner page has no weekly_volume field")
    default = float(page.volume)
    baked = " ".join("".join(page.summary).split())
    if cli(f"{default:g}")["headline"] != baked:
        raise RuntimeError(f"the CLI's headline for the default is not the page's baked one: {baked!r}")
    answer = cli(f"{default + TYPED:g}")
    if answer["headline"] == baked:
        raise RuntimeError("the typed value gives the default's headline: change TYPED")
    return {**answer, "value": f"{default + TYPED:g}"}


def bare_expected() -> str:
    """What bench/bare/ must show: its calc.plan(50, 12), run here in CPython."""
    source = HERE / "bare" / "calc.py"
    namespace: dict[str, Any] = {}
    exec(compile(source.read_text(encoding="utf-8"), str(source), "exec"), namespace)  # noqa: S102 - our own file
    return "PLAN:" + json.dumps(namespace["plan"](50, 12))


def check_form(bench: dict[str, Any], want: dict[str, Any]) -> None:
    """Raise unless the page's first answer to the typed value is the CLI's (headline, weeks, every cell)."""
    if bench["error"]:
        raise RuntimeError("the calculator reported an error")
    if bench["wrong"]:
        raise RuntimeError(f"Python's first answer is not the CLI's: {bench['wrong']['headline'][:120]!r} ({bench['wrong']['status']!r})")
    seen = bench["seen"]
    if seen["headline"] != want["headline"] or seen["rows"] != want["rows"] or seen["weeks"] != str(len(want["rows"])):
        raise RuntimeError(f"the result differs from `{want['command']}`: weeks {seen['weeks']}, rows {len(seen['rows'])}")


# ----------------------------------------------------------------- measuring


class Bench:
    """One benchmark session: the servers, the browser, the warm profiles and what the pages must show."""

    def __init__(self, pw: Playwright, server: Server, want: dict[str, Any], bare_want: str, snapshot_wait: float) -> None:
        self.pw, self.server, self.want, self.bare_want = pw, server, want, bare_want
        self.snapshot_wait = snapshot_wait
        self.form = "window.__BENCH_FORM = " + json.dumps({"value": want["value"], "headline": want["headline"]}) + ";"
        self.browser = pw.chromium.launch(executable_path=chromium(), args=FLAGS, headless=True)
        self.profiles = Path(tempfile.mkdtemp(prefix="ffr-bench-profiles-"))
        self.warm: dict[str, Page] = {}
        self.contexts: list[BrowserContext] = []

    def instrument(self, ctx: BrowserContext) -> BrowserContext:
        ctx.add_init_script(script=self.form)
        ctx.add_init_script(path=INSTRUMENT)
        return ctx

    def close(self) -> None:
        for ctx in self.contexts:
            ctx.close()
        self.browser.close()
        shutil.rmtree(self.profiles, ignore_errors=True)

    def wait(self, page: Page) -> dict[str, Any]:
        """The page's stamps once it has its result (or failed)."""
        for _ in range(100):  # None while the new document is not there yet
            got = page.evaluate("ms => window.__benchResult ? window.__benchResult(ms) : null", TIMEOUT)
            if got is not None:
                return dict(got)
            page.wait_for_timeout(50)
        raise RuntimeError("the page never ran the instrument")

    def load(self, page: Page, kind: str, navigate: Any) -> dict[str, Any]:
        """Navigate, wait for the checked result; with the server's log since the navigation."""
        page.wait_for_timeout(SETTLE_MS)
        self.server.mark()
        navigate()
        bench = self.wait(page)
        if kind == "bare":
            if bench["text"] != self.bare_want:
                raise RuntimeError(f"bare page: {bench['text']!r} is not CPython's {self.bare_want!r}")
        else:
            check_form(bench, self.want)
        page.wait_for_timeout(300)  # the long-task entries of the last frame
        more = page.evaluate(
            "() => ({lt: window.__bench.lt, loaf: window.__bench.loaf, origin: performance.timeOrigin, "
            "python: document.documentElement.dataset.ffrPython || '-'})"
        )
        bench.update(more)
        bench["served"] = self.server.since_mark()
        return bench

    def prime(self) -> dict[str, Any]:
        """The unreported first visits of the warm profiles; returns the planner's service worker state."""
        state: dict[str, Any] = {}
        for kind, path in (("calc", CALC), ("bare", BARE)):
            ctx = self.pw.chromium.launch_persistent_context(
                str(self.profiles / kind), executable_path=chromium(), args=FLAGS, headless=True, viewport={"width": 1280, "height": 900}
            )
            self.contexts.append(self.instrument(ctx))
            page = ctx.pages[0] if ctx.pages else ctx.new_page()
            self.warm[kind] = page
            self.load(page, kind, lambda page=page, path=path: page.goto(self.server.base + path))
            page.wait_for_timeout(2000)  # code caches
            if kind == "calc":
                state = self.returning(page)
                page.evaluate(FORGET)
        return state

    def returning(self, page: Page) -> dict[str, Any]:
        """Wait until the planner's service worker is active with its calculators' copy, and for the snapshot."""
        t0, state = time.time(), {}
        files = calculator_files(self.server.root)
        while time.time() - t0 < 30:
            state = page.evaluate(SW_STATE)
            if state["active"] and state["calculators"] >= files:
                break
            page.wait_for_timeout(250)
        state["copy_s"] = round(time.time() - t0, 1)
        # The snapshot (issue 14): a page that says which Python it started (data-ffr-python) makes one;
        # wait for it to say "saved" or "failed". Without the marker, look briefly and carry on.
        t1 = time.time()
        limit = self.snapshot_wait if state.get("python") else 3
        while time.time() - t1 < limit and state.get("snapshot") not in ("saved", "failed"):
            page.wait_for_timeout(250)
            state = {**state, **page.evaluate(SW_STATE)}
        state["snapshot_s"] = round(time.time() - t1, 1)
        state["files"] = files
        return state

    def cold(self, kind: str, changes: int) -> dict[str, Any]:
        ctx = self.instrument(self.browser.new_context(viewport={"width": 1280, "height": 900}))
        try:
            page = ctx.new_page()
            path = CALC if kind == "calc" else BARE
            bench = self.load(page, kind, lambda: page.goto(self.server.base + path))
            if kind == "calc":
                bench["samples"] = page.evaluate("n => window.__recompute(n)", changes)
                page.wait_for_timeout(200)
                bench["checkins"] = page.evaluate("n => window.__checkin(n)", changes)
                page.wait_for_timeout(200)
                bench.update(page.evaluate("() => ({lt: window.__bench.lt, loaf: window.__bench.loaf})"))
            return bench
        finally:
            ctx.close()

    def returning_visit(self, kind: str) -> dict[str, Any]:
        page = self.warm[kind]
        path = CALC if kind == "calc" else BARE
        if kind == "calc":
            page.evaluate(FORGET)
        return self.load(page, kind, lambda: page.goto(self.server.base + path))

    def from_guide(self) -> dict[str, Any]:
        """A fresh context: the guide page, quiet, then hover the planner link for HOVER_MS and click it."""
        ctx = self.instrument(self.browser.new_context(viewport={"width": 1280, "height": 900}))
        try:
            page = ctx.new_page()
            page.mouse.move(0, 0)  # not over the link: a pointerover would start the worker early
            page.goto(self.server.base + GUIDE, wait_until="load")
            doc = page.evaluate("window.__bench.doc")
            link = page.locator(NAV_LINK).first
            link.scroll_into_view_if_needed()
            self.server.quiet(QUIET_S)  # Material's sitemap, the service worker's install of the site
            page.evaluate("() => { window.__bench.pointerArmed = true; }")
            self.server.mark()
            link.hover()
            page.wait_for_timeout(HOVER_MS)
            link.click()
            bench = self.wait(page)
            check_form(bench, self.want)
            page.wait_for_timeout(300)
            bench.update(page.evaluate("() => ({lt: window.__bench.lt, loaf: window.__bench.loaf, origin: performance.timeOrigin})"))
            bench["served"] = self.server.since_mark()
            if bench["doc"] != doc or bench["click"] is None or not page.evaluate("location.pathname").endswith(CALC):
                raise RuntimeError("the planner link caused a full page load, not instant navigation")
            return bench
        finally:
            ctx.close()

    def instant(self) -> dict[str, float]:
        """On the warm planner: to References and back by the nav links (instant navigation), INSTANT_TRIPS times; the median trip."""
        page = self.warm["calc"]
        doc = page.evaluate("window.__bench.doc")
        ready, result, swap = [], [], {}
        for trip in range(INSTANT_TRIPS):
            page.click('.md-sidebar--primary a.md-nav__link[href$="references/"]')
            page.wait_for_function(
                "() => location.pathname.endsWith('/references/') && !document.querySelector('[data-module=\"ffr-calculator\"]')",
                timeout=TIMEOUT,
            )
            page.evaluate(FORGET)
            page.wait_for_timeout(SETTLE_MS)  # also lets Material finish (scroll restore) so the click lands
            if trip == 0:
                for target in ("Home", "References"):  # reference: guide -> guide, Material's own share of the time
                    swap[target] = page.evaluate(SWAP, target)
                    page.wait_for_timeout(SETTLE_MS)
            page.click(f'.md-sidebar--primary a.md-nav__link[href$="{CALC}"]')
            inst = self.wait(page)
            check_form(inst, self.want)
            if inst["doc"] != doc or inst["click"] is None:
                raise RuntimeError("the nav links caused full page loads, not instant navigation")
            ready.append(inst["ready"] - inst["click"])
            result.append(inst["result"] - inst["click"])
        return {
            "instant ready": statistics.median(ready),
            "instant result": statistics.median(result),
            "instant guide": swap["References"],
        }


def blocking(bench: dict[str, Any], start: float) -> dict[str, float]:
    """Blocking (sum of duration - 50 ms) of the long tasks from start to the result, by whose scripts ran in them."""
    out = {"all": 0.0, "calculator": 0.0, "material": 0.0}
    for task in bench["lt"]:
        begin, end = task["startTime"], task["startTime"] + task["duration"]
        if not start <= begin <= bench["result"]:
            continue
        excess = max(0.0, task["duration"] - 50)
        frames = [f for f in bench["loaf"] if f["startTime"] < end and begin < f["startTime"] + f["duration"]]
        scripts = [(script_name(x), x.get("duration", 0)) for f in frames for x in f.get("scripts", [])]
        ours = min(excess, sum(d for name, d in scripts if name.startswith("calculator")))
        material = min(excess - ours, sum(d for name, d in scripts if name.startswith("bundle.")))
        out["all"] += excess
        out["calculator"] += ours
        out["material"] += material
    return out


def script_name(entry: dict[str, Any]) -> str:
    """The file name of a long-animation-frame script entry ("?" if none)."""
    url = str(entry.get("sourceURL") or entry.get("invoker") or "?")
    return url.split("?", 1)[0].rsplit("/", 1)[-1]


def classify(bench: dict[str, Any]) -> list[tuple[float, float, str, str]]:
    """Each long task of the cold page as (start, duration, label, detail), attributed via overlapping LoAFs."""
    out = []
    for task in bench["lt"]:
        start, end = task["startTime"], task["startTime"] + task["duration"]
        frames = [f for f in bench["loaf"] if f["startTime"] < end and start < f["startTime"] + f["duration"]]
        entries = [(script_name(x), x.get("duration", 0)) for f in frames for x in f.get("scripts", [])]
        scripts = {name for name, _ in entries}
        ours = sum(duration for name, duration in entries if "calculator" in name)
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


def wire(bench: dict[str, Any]) -> dict[str, Any]:
    """From the server's log: per file, downloads (200s) before the result, and all bytes written before it."""
    at = (bench["origin"] + bench["result"]) / 1000
    before = [r for r in bench["served"] if r["t0"] <= at]
    files = Counter(r["path"].split("?", 1)[0].rsplit("/", 1)[-1] for r in before if r["status"] == 200 and is_pyodide(r["path"]))
    return {"files": dict(files), "bytes": sum(r["bytes"] for r in before)}


def one_run(bench: Bench, changes: int, bare_first: bool) -> dict[str, Any]:
    """Cold, warm and from the guide; each calculator load next to a bare load, the order flipping per run."""
    order = ("bare", "calc") if bare_first else ("calc", "bare")
    cold = {kind: bench.cold(kind, changes) for kind in order}
    warm = {kind: bench.returning_visit(kind) for kind in order}
    guide = bench.from_guide()
    out: dict[str, Any] = bench.instant()
    for phase, got in (("cold", cold), ("warm", warm)):
        calc, bare = got["calc"], got["bare"]
        share = blocking(calc, 0.0)
        out.update({f"{phase} {key}": calc[key] for key in ("init", "ready", "result")})
        out.update({f"bare {phase}": bare["result"], f"{phase} ratio": calc["result"] / bare["result"]})
        out.update({f"{phase} blocking": share["all"], f"{phase} blocking calculator": share["calculator"]})
        out.update({f"{phase} blocking material": share["material"], f"{phase} wire": wire(calc), f"bare {phase} wire": wire(bare)})
    share = blocking(guide, guide["pointer"] if guide["pointer"] is not None else guide["click"])
    out.update({"guide result": guide["result"] - guide["click"], "guide ratio": (guide["result"] - guide["click"]) / out["bare cold"]})
    out.update({"guide from hover": guide["result"] - (guide["pointer"] or guide["click"]), "guide wire": wire(guide)})
    out.update({"guide blocking": share["all"], "guide blocking calculator": share["calculator"]})
    out.update({"python": warm["calc"]["python"], "samples": cold["calc"]["samples"], "checkins": cold["calc"]["checkins"]})
    out["tasks"] = classify(cold["calc"])
    return out


# ----------------------------------------------------------------- bytes (production server, gzip)


def is_pyodide(url: str) -> bool:
    return "/assets/pyodide/" in url or "/assets/calculators/" in url or ".whl" in url


def calculator_files(site: Path) -> int:
    """How many files the service worker's "calculators" group lists in this build."""
    match = re.search(r"const BUILD = (\{.*?\});\n", (site / "sw.js").read_text())
    if not match:
        raise RuntimeError("sw.js holds no build manifest")
    return len(json.loads(match.group(1))["groups"]["calculators"])


CALCULATORS_CACHED = """async (count) => {
  const names = (await caches.keys()).filter((name) => name.endsWith("-calculators"));
  return names.length > 0 && (await (await caches.open(names[0])).keys()).length === count;
}"""
"""Whether the service worker holds its whole copy of Pyodide and the wheel (count: the files sw.js lists)."""


def page_bytes(browser: Browser, url: str, calculator: int = 0) -> tuple[float, int, list[str], float, float]:
    """(KB the page transferred, its request count, Pyodide/wheel URLs fetched by anyone, their KB,
    KB the service worker fetched in the background to keep the site offline) for one cold load.

    ``calculator``: for a calculator page, how many files the calculators' offline copy holds.
    """
    ctx = browser.new_context(service_workers="allow")
    requests: list[Request] = []
    ctx.on("requestfinished", lambda request: requests.append(request))
    page = ctx.new_page()
    page.mouse.move(0, 0)
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
    fetched = [u for u, _, _ in sizes if is_pyodide(u)]
    own = [(u, n) for u, n, by_sw in sizes if not by_sw]
    background = sum(n for _, n, by_sw in sizes if by_sw) / 1024
    return sum(n for _, n in own) / 1024, len(own), fetched, sum(n for u, n, _ in sizes if is_pyodide(u)) / 1024, background


# ----------------------------------------------------------------- report


def files_line(wires: list[dict[str, Any]]) -> str:
    """Per file, downloads before the result in each run; then the median bytes."""
    names = sorted({name for w in wires for name in w["files"]})
    counts = ", ".join(f"{name} " + "/".join(str(w["files"].get(name, 0)) for w in wires) for name in names)
    return f"{counts or 'none'}; {statistics.median(w['bytes'] for w in wires) / 1e6:.2f} MB to result"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--changes", type=int, default=20, help="recomputes and check-ins per run")
    parser.add_argument("--server", choices=("plain", "own"), default="plain", help="the timing server (see above)")
    parser.add_argument("--snapshot-wait", type=float, default=30, help="s to wait for data-ffr-snapshot when priming")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(__doc__.split("---\n", 1)[1])
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        timing = Server(site, args.server, Path(tmp) / "timing.log")
        gzip = Server(site, "own", Path(tmp) / "own.log")
        build(site, timing.base)
        want, bare_want = expected(site), bare_expected()
        print(f"typed: weekly volume {want['value']}; checked against `{want['command']}`: {want['headline'][:70]}...")
        timing.start()
        gzip.start()
        try:
            with sync_playwright() as pw:
                bench = Bench(pw, timing, want, bare_want, args.snapshot_wait)
                try:
                    runs, state = session(bench, args)
                    home = page_bytes(bench.browser, gzip.base)
                    guide = page_bytes(bench.browser, gzip.base + GUIDE)
                    calc = page_bytes(bench.browser, gzip.base + CALC, calculator=calculator_files(site))
                finally:
                    bench.close()
        finally:
            timing.stop()
            gzip.stop()
    report(runs, state, home, guide, calc, args.server)


def session(bench: Bench, args: argparse.Namespace) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Prime the warm profiles, then the runs (a failed run is left out, not fatal)."""
    state = bench.prime()
    print(
        f"primed: service worker active {state.get('active')}, calculators' copy {state.get('calculators')}/{state.get('files')} "
        f"files after {state.get('copy_s')} s; data-ffr-python {state.get('python') or '-'}, "
        f"data-ffr-snapshot {state.get('snapshot') or '- (none reported)'} after {state.get('snapshot_s')} s more",
        flush=True,
    )
    runs = []
    for i in range(args.runs):
        try:
            run = one_run(bench, args.changes, bare_first=i % 2 == 1)
        except Exception as error:  # noqa: BLE001 - one bad run should not sink the others
            print(f"run {i + 1}/{args.runs}: FAILED, left out: {error}", flush=True)
            continue
        runs.append({**run, "n": i + 1})
        print(
            f"run {i + 1}/{args.runs}: cold {run['cold result']:.0f} ms (bare {run['bare cold']:.0f}), "
            f"warm {run['warm result']:.0f} ms (bare {run['bare warm']:.0f}, python {run['python']}), "
            f"guide {run['guide result']:.0f} ms from the click, instant {run['instant result']:.0f} ms",
            flush=True,
        )
    if not runs:
        sys.exit("every run failed")
    return runs, state


def report(runs: list[dict[str, Any]], state: dict[str, Any], home: Any, guide: Any, calc: Any, server: str) -> None:
    med = lambda key: statistics.median(r[key] for r in runs)  # noqa: E731
    samples = [s for run in runs for s in run["samples"]]
    checkins = [s for run in runs for s in run["checkins"]]
    tasks = [t for run in runs for t in run["tasks"]]
    print(f"\n{f'metric (ms unless stated), {len(runs)} runs, {server} server':52} {'median':>9} {'min':>9} {'max':>9}")
    for label, values in [
        *((label, [run[key] for run in runs]) for label, key in ROWS),
        (f"recompute: change -> DOM ({len(samples)} changes)", samples),
        (f"check-in: submit -> re-flowed plan ({len(checkins)})", checkins),
        ("long tasks per cold load+recomputes (count)", [len(r["tasks"]) for r in runs]),
        ("longest long task per run", [max((t[1] for t in r["tasks"]), default=0) for r in runs]),
    ]:
        fmt = "9.3f" if "ratio" in label else "9.1f"
        print(f"{label:52} " + " ".join(f"{v:{fmt}}" for v in (statistics.median(values), min(values), max(values))))
    print(f"warm runs' data-ffr-python: {', '.join(r['python'] for r in runs)}")
    for run in runs:
        for start, duration, label, detail in run["tasks"]:
            print(f"  run {run['n']}: long task at {start:7.0f} ms, {duration:5.0f} ms, {label:10} {detail}")
    print("\ndownloads before the result (per file, run by run; server log):")
    for label, key in (
        ("cold planner", "cold wire"),
        ("cold bare", "bare cold wire"),
        ("warm planner", "warm wire"),
        ("warm bare", "bare warm wire"),
    ):
        print(f"  {label:13} {files_line([r[key] for r in runs])}")
    print(f"  {'guide->planner':13} {files_line([r['guide wire'] for r in runs])} (from the hover)")
    print(
        f"\nbytes, cold load, scripts/serve.py (gzip): home {home[0]:.1f} KB in {home[1]} requests; guide {guide[0]:.1f} KB "
        f"in {guide[1]}; planner {calc[0]:.1f} KB in {calc[1]} requests ({len(calc[2])} Pyodide/wheel: {calc[3]:.1f} KB)\n"
        f"  plus, after load, the service worker's offline copy: {home[4]:.1f} KB after the home page, "
        f"{guide[4]:.1f} KB after the guide, {calc[4]:.1f} KB after the planner"
    )
    for name, page in (("home", home), ("guide", guide)):
        for url in page[2]:
            print(f"  FLAG: the {name} page fetched {url}")

    once = all(max(r["cold wire"]["files"].values(), default=0) <= 1 for r in runs)
    targets = [
        (
            "warm result <= 0.5x bare warm",
            med("warm ratio") <= 0.5,
            f"ratio {med('warm ratio'):.3f}; python {', '.join(r['python'] for r in runs)}",
        ),
        ("cold result <= 1.05x bare cold", med("cold ratio") <= 1.05, f"ratio {med('cold ratio'):.3f}"),
        ("cold, private context: each Pyodide file downloaded once", once, files_line([r["cold wire"] for r in runs])),
        ("from a guide (hover, click) <= 0.6x bare cold", med("guide ratio") <= 0.6, f"ratio {med('guide ratio'):.3f}"),
        (
            "calculator's blocking before the result 0 ms",
            max(max(r[k] for r in runs) for k in ("cold blocking calculator", "warm blocking calculator", "guide blocking calculator"))
            == 0,
            "cold/warm/guide, max over runs: "
            + "/".join(
                f"{max(r[k] for r in runs):.0f}"
                for k in ("cold blocking calculator", "warm blocking calculator", "guide blocking calculator")
            )
            + f" ms (Material's bundle, cold median: {med('cold blocking material'):.0f} ms)",
        ),
        ("guide pages download no Pyodide", not home[2] and not guide[2], f"{len(home[2]) + len(guide[2])} Pyodide/wheel requests"),
        ("guide page < 200 KB", guide[0] < 200 and home[0] < 200, f"home {home[0]:.0f} KB, guide {guide[0]:.0f} KB"),
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
        ("after instant navigation < 100 ms", med("instant result") < 100, f"{med('instant result'):.1f} ms"),
    ]
    print("\ntargets (issue 14 and before):")
    for name, ok, detail in targets:
        print(f"  {'PASS' if ok else 'FAIL'}  {name:56} ({detail})")


if __name__ == "__main__":
    main()
