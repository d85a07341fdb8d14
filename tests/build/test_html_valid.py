"""Every built page (and every SVG image) passes the Nu HTML Checker.

The checker is the npm package ``vnu-jar`` (pinned in package-lock.json), run on the
machine's Java 17. Errors and warnings both fail: a warning is the checker pointing at
markup that is very likely wrong (an obsolete attribute, a misused role, a section
without a heading). Plain "info" messages are not failures: they are style notes, such
as the trailing slash that Python-Markdown writes on void elements like ``<img />``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_passes_the_nu_html_checker(built_site: Path) -> None:
    """The checker reports no error and no warning on any built HTML page or SVG file."""
    java = shutil.which("java")
    assert java, "Java is not installed: `make test` installs it (apt-get install default-jre-headless)"
    assert VNU.is_file(), f"{VNU} is missing: run `npm ci`"
    files = sorted(str(f) for f in [*built_site.rglob("*.html"), *built_site.rglob("*.svg")])
    assert any(f.endswith("index.html") for f in files)
    proc = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--also-check-svg", *files], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(proc.stderr)["messages"]
    problems = [
        f"{m.get('url', '').removeprefix('file:').removeprefix(f'{built_site}/')}:{m.get('lastLine', '?')}: "
        f"{m.get('subType') or m['type']}: {m['message']}"
        for m in messages
        if m["type"] != "info" or m.get("subType") == "warning"
    ]
    assert not problems, "\n".join(problems)
