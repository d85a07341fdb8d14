"""Run Lighthouse (npm ``lighthouse`` 12.2.3, mobile profile) on pages of a served site.

Usage: ``python scripts/lighthouse.py URL...`` prints each page's four scores, its key
metrics and every audit that cost it points. ``bench/lighthouse.py`` builds and serves
the site and prints the table; ``tests/e2e/test_lighthouse.py`` holds the floors.

Lighthouse launches the machine's Chromium (``CHROMIUM`` or /usr/bin/chromium) with the
flags that keep it off the network, and keeps its default mobile settings: a mid-range
phone's screen and a 4x slower CPU, and a slow 4G network simulated from the trace.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.chromium import FLAGS, chromium

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
CHROME_FLAGS = ["--headless=new", *FLAGS]


@dataclass
class Report:
    """One page's Lighthouse result, boiled down."""

    url: str
    scores: dict[str, int]
    metrics: dict[str, str]
    lost: dict[str, list[str]] = field(default_factory=dict)  # category -> audits that scored below 1
    bytes: int = 0
    warnings: list[str] = field(default_factory=list)
    # Lighthouse's own measure of the host's processor (higher is faster). Its simulated phone
    # is the host slowed down by ``cpu_slowdown`` (4x unless set), so with the default the same
    # page scores higher on a faster host.
    benchmark_index: float = 0.0
    cpu_slowdown: float = 0.0  # as Lighthouse applied it (its settings in the report)


def boil(lhr: dict[str, Any]) -> Report:
    """The scores, metrics and point-losing audits of a Lighthouse result (LHR)."""
    audits = lhr["audits"]
    report = Report(
        url=lhr["finalDisplayedUrl"],
        scores={c: round(100 * (lhr["categories"][c]["score"] or 0)) for c in CATEGORIES},
        metrics={short: audits[key].get("displayValue", "?").replace("\u00a0", " ") for key, short in METRICS.items()},
        bytes=int(audits["total-byte-weight"].get("numericValue", 0)),
        warnings=list(lhr.get("runWarnings", [])),
        benchmark_index=float(lhr.get("environment", {}).get("benchmarkIndex") or 0),
        cpu_slowdown=float(lhr.get("configSettings", {}).get("throttling", {}).get("cpuSlowdownMultiplier") or 0),
    )
    for category in CATEGORIES:
        for ref in lhr["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                report.lost.setdefault(category, []).append(f"{ref['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}".strip())
    return report


def usual_pages(pages: list[str], calculator_pages: list[str]) -> list[str]:
    """The pages audited by default: the home page, the first guide page (or else the first other page) and every calculator page."""
    others = [p for p in pages if p and p not in calculator_pages and p.endswith("/")]
    guide = next((p for p in others if p.startswith("guide/")), others[0] if others else None)
    return ["", *([guide] if guide else []), *calculator_pages]


def calibrated(benchmark_index: float) -> float:
    """The CPU slowdown that makes a host of this speed the phone Lighthouse's default 4x intends.

    The default assumes a high-end desktop host (benchmarkIndex about 1,500): on a faster host
    its simulated phone is faster, on a slower one slower. Lighthouse's documentation
    (docs/throttling.md, "Calibrating the CPU slowdown") links a calculator for the multiplier
    to use instead; these are its anchor points: 1x at a benchmarkIndex of 150, 2x at 800,
    3x at 1,300, and one more for every 233 above that (4x at 1,533, 6x at 2,000, its last
    anchor; beyond it the line is extrapolated, and the calculator's own range widens), straight
    lines between. It is an estimate, not a measurement of the phone.

    Raises:
        ValueError: below 150, where the calculator says the host is too slow to emulate the
            phone Lighthouse intends (0 means Lighthouse reported no benchmarkIndex).
    """
    if benchmark_index < 150:
        raise ValueError(f"benchmarkIndex {benchmark_index:.0f}: this host is too slow to emulate Lighthouse's phone")
    if benchmark_index >= 1300:
        return 3 + (benchmark_index - 1300) / 233
    if benchmark_index >= 800:
        return 2 + (benchmark_index - 800) / 500
    return 1 + (benchmark_index - 150) / 650


def run(url: str, tries: int = 3, cpu_slowdown: float | None = None) -> Report:
    """Lighthouse's mobile audit of one URL.

    On a busy machine Lighthouse now and then loses the page load's trace and says so
    ("Please run Lighthouse again", NO_NAVSTART): then it runs again, up to ``tries`` times.
    ``cpu_slowdown`` replaces the default 4x CPU slowdown of the simulated phone (see ``calibrated``).
    """
    node = shutil.which("node")
    if node is None or not CLI.is_file():
        raise RuntimeError("Lighthouse needs Node and `npm ci`")
    for attempt in range(1, tries + 1):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "report.json"
            command = [node, str(CLI), url, "--output=json", f"--output-path={out}", "--quiet"]
            command += [f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
            if cpu_slowdown is not None:
                command.append(f"--throttling.cpuSlowdownMultiplier={cpu_slowdown:.2f}")
            proc = subprocess.run(command, capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": chromium()})
            if proc.returncode == 0 and out.is_file():
                report = boil(json.loads(out.read_text()))
                # Lighthouse's command line drops a throttling setting it does not know, silently.
                if cpu_slowdown is not None and abs(report.cpu_slowdown - cpu_slowdown) > 0.01:
                    raise RuntimeError(f"Lighthouse ran {url} at a {report.cpu_slowdown}x CPU slowdown, not {cpu_slowdown:.2f}x")
                return report
            if "Please run Lighthouse again" not in proc.stderr or attempt == tries:
                raise RuntimeError(f"Lighthouse failed on {url}:\n{proc.stderr[-2000:]}")
    raise AssertionError("unreachable")


def table(reports: list[Report], base: str = "") -> str:
    """The scores and key metrics as a plain-text table, one page a row."""
    head = f"{'page':34} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4}  " + " ".join(f"{m:>7}" for m in METRICS.values()) + "   bytes"
    rows = [head, "-" * len(head)]
    for r in reports:
        page = r.url.removeprefix(base) or "/"
        scores = " ".join(f"{r.scores[c]:>4}" for c in CATEGORIES)
        metrics = " ".join(f"{r.metrics[m]:>7}" for m in METRICS.values())
        rows.append(f"{page[:34]:34} {scores}  {metrics} {r.bytes / 1000:6.0f} kB")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    args = parser.parse_args()
    reports = [run(url) for url in args.urls]
    print(table(reports))
    for r in reports:
        for category, audits in r.lost.items():
            print(f"{r.url} {category}: {'; '.join(audits)}")


if __name__ == "__main__":
    main()
