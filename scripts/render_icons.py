"""Render the app icons from the logo with headless Chromium (Playwright).

Usage: ``.venv/bin/python scripts/render_icons.py`` after changing
``overrides/assets/images/logo.svg``; commit the PNGs it writes to
``overrides/assets/images/icons/``. The web app manifest (written by
``sitebuild/offline.py``) and ``overrides/main.html`` name them.

- ``icon-192.png``, ``icon-512.png``: the logo as it is (rounded corners, transparent outside).
- ``icon-maskable-512.png``: the logo's colour to every edge and the drawing inside the
  central safe zone, so a phone can cut it to a circle or a squircle.
- ``apple-touch-icon.png`` (180): full-bleed too; iOS rounds the corners itself.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from scripts.chromium import FLAGS, chromium

ROOT = Path(__file__).resolve().parents[1]
LOGO = ROOT / "overrides" / "assets" / "images" / "logo.svg"
OUT = ROOT / "overrides" / "assets" / "images" / "icons"
# (file, size in px, full-bleed, share of the side the logo takes)
ICONS = [
    ("icon-192.png", 192, False, 1.0),
    ("icon-512.png", 512, False, 1.0),
    # The safe zone of a maskable icon is a centred circle of 80% of the side; the
    # logo's drawing sits well inside it at 70%.
    ("icon-maskable-512.png", 512, True, 0.7),
    ("apple-touch-icon.png", 180, True, 0.8),
]


def logo_colour(svg: str) -> str:
    """The logo's background colour (its first ``<rect>``'s fill)."""
    match = re.search(r'<rect[^>]*\bfill="(#[0-9a-fA-F]{3,6})"', svg)
    if match is None:
        raise SystemExit(f"{LOGO}: no <rect fill=...> to take the background colour from")
    return match.group(1)


def page_html(svg: str, size: int, bleed: bool, share: float) -> str:
    data = base64.b64encode(svg.encode()).decode()
    inner = round(size * share)
    background = logo_colour(svg) if bleed else "transparent"
    return (
        "<!doctype html><html><body style='margin:0;background:transparent'>"
        f"<div id='icon' style='width:{size}px;height:{size}px;display:grid;place-items:center;background:{background}'>"
        f"<img src='data:image/svg+xml;base64,{data}' width='{inner}' height='{inner}' alt=''></div></body></html>"
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    svg = LOGO.read_text(encoding="utf-8")
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=FLAGS)
        page = browser.new_page(viewport={"width": 600, "height": 600}, device_scale_factor=1)
        for name, size, bleed, share in ICONS:
            page.set_content(page_html(svg, size, bleed, share))
            page.wait_for_function("document.querySelector('#icon img').complete")
            page.locator("#icon").screenshot(path=str(OUT / name), omit_background=True)
            print(f"wrote {(OUT / name).relative_to(ROOT)} ({size}x{size})")
        browser.close()


if __name__ == "__main__":
    main()
