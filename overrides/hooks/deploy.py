"""MkDocs hook: the site's headers, for hosts that read a headers file and hosts that send none.

- ``on_config`` hands the Content-Security-Policy to the templates (``extra.ffr_csp_meta``),
  which put it in a ``<meta http-equiv>`` at the top of every page's head, for hosts
  that cannot send headers (GitHub Pages). ``mkdocs serve`` gets none: its live-reload
  script is inline, and the policy would block it.
- ``on_post_build`` writes ``_headers`` (Netlify, Cloudflare Pages) into the site. It runs
  after every other hook (event priority -200, after the offline hook's -100), so the
  file covers everything they add; being last, ``_headers`` itself is not in the
  service worker's list, and no host serves it.

The headers come from ``scripts/site_headers.py``, as do the local server's.
``scripts/check_artefact.py`` checks that the folder references nothing outside itself.

This file is build glue; nothing here is shipped to the browser.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import site_headers  # noqa: E402

_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: Any) -> Any:
    config.extra["ffr_csp_meta"] = None if _serving else site_headers.CSP_META
    return config


@event_priority(-200)
def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    (site / "_headers").write_text(site_headers.headers_file(site))
