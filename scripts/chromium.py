"""The machine's Chromium, and the flags every headless run here launches it with.

Playwright's own browser download does not work on this kind of machine, so the tests,
the benchmarks, Lighthouse and the icon renderer all use the system's Chromium
(``make test`` installs it). Without the networking flags it keeps trying to reach
Google and logs the refused connections.
"""

from __future__ import annotations

import os
import shutil

FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def chromium() -> str:
    """The Chromium binary: ``$CHROMIUM``, else the one on ``PATH``."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Chromium is not installed: `make test` installs it (apt-get install chromium)")
    return path
