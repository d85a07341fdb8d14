"""Every built page (and every SVG image) passes the Nu HTML Checker.

The checker is the npm package ``vnu-jar`` (pinned in package-lock.json), run on the
machine's Java 17. Pages are checked as the local server serves them, so the checker
also weighs each page against its own Content-Security-Policy meta tag ('self' means
nothing for a file: URL); SVG files are checked from disk.

Errors and warnings both fail: a warning is the checker pointing at markup that is very
likely wrong (an obsolete attribute, a misused role, a section without a heading, a
resource the page's policy blocks). Plain "info" messages are not failures: they are
style notes, such as the trailing slash Python-Markdown writes on ``<img />``. One
warning is a known false alarm and is skipped: the checker counts Material's
``<script type="application/json">`` configuration as an inline script under the CSP,
but a data block never runs, and browsers do not apply script-src to it.
"""

from __future__ import annotations

import http.server
import json
import shutil
import subprocess
from pathlib import Path

from scripts.serve import base_url

from ..conftest import page_paths

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def false_alarm(message: dict[str, str]) -> bool:
    """The checker's one known false alarm (see the module docstring)."""
    return message["message"].startswith("Inline script violates Content Security Policy") and 'type="application/json"' in message.get(
        "extract", ""
    )


def nu_problems(site: Path, base: str) -> list[str]:
    """Every error and warning the checker reports on the built ``site``'s pages, as served from ``base``, and its SVG files."""
    java = shutil.which("java")
    assert java, "Java is not installed: `make test` installs it (apt-get install default-jre-headless)"
    assert VNU.is_file(), f"{VNU} is missing: run `npm ci`"
    targets = [base + path for path in page_paths(site)] + sorted(str(f) for f in site.rglob("*.svg"))
    assert len(targets) >= 3
    # The checker refuses loopback addresses unless told they are fine: here they are the point.
    command = [java, "-Dnu.validator.servlet.allow-forbidden-hosts=true", "-jar", str(VNU), "--format", "json", "--also-check-svg"]
    proc = subprocess.run([*command, *targets], capture_output=True, text=True, timeout=300)
    messages = json.loads(proc.stderr)["messages"]
    return [
        f"{m.get('url', '').removeprefix(base).removeprefix('file:')}:{m.get('lastLine', '?')}: "
        f"{m.get('subType') or m['type']}: {m['message']}"
        for m in messages
        if (m["type"] != "info" or m.get("subType") == "warning") and not false_alarm(m)
    ]


def test_every_page_passes_the_nu_html_checker(built_site: Path, site_server: http.server.ThreadingHTTPServer) -> None:
    """The checker reports no error and no warning on any built page (as served) or SVG file."""
    problems = nu_problems(built_site, base_url(site_server))
    assert not problems, "\n".join(problems)
