"""The whole site offline, and installable as an app.

- :func:`write_manifest` writes the web app manifest (``manifest.webmanifest``: name,
  description and language from the site's configuration, colours from
  ``identity.css``, the icons in ``overrides/assets/images/icons/``).
- :func:`write_service_worker`, last of the steps that add files (after Pyodide and the
  wheel are in, and after any plugin such as the PDF has written its files), lists every
  built file with workbox-build (``precache_manifest.mjs``), splits the list into
  groups, names the build's version after the files' hashes, and writes that into
  ``sw.js``, the service worker (``overrides/sw.js`` is its template).
- The groups: ``calculators`` is everything under ``CALCULATOR_PREFIXES`` (Pyodide
  and the calculators' wheel), cached only once a reader uses a calculator; ``watch`` is the
  browser's third-party wheels (``WATCH_PREFIXES``: ``fitdecode``), cached only once a reader
  has used the "From your watch" reader; ``site`` is everything else, cached after a
  reader's first page has loaded.
- A preview server (``mkdocs serve``) gets no list: its pages do not register the worker,
  and ``sw.js`` stays the template, which removes itself from any browser that had a
  production build of the site on the same address.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import ROOT, SiteError, pyodide, wheel, wheelhouse

LISTER = Path(__file__).with_name("precache_manifest.mjs")
IDENTITY_CSS = ROOT / "overrides" / "assets" / "stylesheets" / "identity.css"
SERVICE_WORKER = "sw.js"
WEB_MANIFEST = "manifest.webmanifest"
CALCULATOR_PREFIXES = (pyodide.SITE_DIR, wheel.SITE_DIR)
"""The calculators group: Pyodide and the wheel, by their folders in the site (``assets/pyodide/``, ``assets/calculators/``)."""
WATCH_PREFIXES = (wheelhouse.SITE_DIR,)
"""The watch group: the wheels only the activity-file reader loads (``assets/wheels/``), kept once a reader has used it."""
# Never cached: the worker itself (the browser fetches it apart) and source maps (only
# developer tools read them).
NEVER = [SERVICE_WORKER, "**/*.map"]
PLACEHOLDER = "/* ffr:build */ null /* /ffr:build */"
ICONS = [
    {"src": "assets/images/icons/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
    {"src": "assets/images/icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
    {"src": "assets/images/icons/icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
    {"src": "assets/images/logo.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
]


@dataclass(frozen=True)
class App:
    """What the web app manifest says about the site."""

    name: str
    description: str
    language: str


def theme_colour(css: str | None = None) -> str:
    """The header colour Material uses (``--md-primary-fg-color``) in ``identity.css``."""
    css = IDENTITY_CSS.read_text(encoding="utf-8") if css is None else css
    match = re.search(r"--md-primary-fg-color:\s*(#[0-9a-fA-F]{6})\b", css)
    if match is None:
        raise SiteError(f"{IDENTITY_CSS} sets no --md-primary-fg-color")
    return match.group(1).lower()


def web_manifest(app: App) -> dict[str, Any]:
    """The web app manifest. Its URLs are relative to itself, at the site's root."""
    return {
        "name": app.name,
        "short_name": app.name,
        "description": app.description,
        "lang": app.language,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": theme_colour(),
        "background_color": "#ffffff",  # Material's light page background, shown while the app starts
        "icons": ICONS,
    }


def write_manifest(site: Path, app: App) -> None:
    """Write ``manifest.webmanifest`` into the site; fail if an icon it names is missing."""
    (site / WEB_MANIFEST).write_text(json.dumps(web_manifest(app), indent=2) + "\n", encoding="utf-8")
    missing = [icon["src"] for icon in ICONS if not (site / icon["src"]).is_file()]
    if missing:
        raise SiteError(f"Icons named in the web app manifest are missing: {', '.join(missing)} (run scripts/render_icons.py)")


def unused_search_languages(site: Path, languages: Iterable[str]) -> list[str]:
    """Material's lunr language files that the search worker will not load.

    The worker imports ``lunr/min/lunr.stemmer.support.min.js`` and one file per
    language other than English (and ``lunr.multi``, ``tinyseg.js``, ``wordcut.js`` in
    some cases); an English-only site loads none of them (about 1 MB).

    Parameters:
        site: The built site.
        languages: The search's languages (``plugins: search: lang`` in ``mkdocs.yml``).
    """
    langs = list(languages) or ["en"]
    needed = set()
    if any(lang != "en" for lang in langs):
        needed.add("min/lunr.stemmer.support.min.js")
        needed.update(f"min/lunr.{lang}.min.js" for lang in langs if lang != "en")
        needed.update({"min/lunr.multi.min.js"} if len(langs) > 1 else set())
        needed.update({"tinyseg.js"} if "ja" in langs else set())
        needed.update({"wordcut.js"} if {"hi", "th"} & set(langs) else set())
    lunr = site / "assets" / "javascripts" / "lunr"
    files = sorted(p.relative_to(lunr).as_posix() for p in lunr.rglob("*") if p.is_file()) if lunr.is_dir() else []
    return [f"assets/javascripts/lunr/{name}" for name in files if name not in needed]


def list_files(site: Path, ignores: list[str]) -> list[dict[str, Any]]:
    """Every built file with its revision, SHA-256 integrity and size (workbox-build)."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "workbox-build").is_dir():
        raise SiteError("The offline copy needs Node and workbox-build: run `npm ci` first.")
    proc = subprocess.run(
        [node, str(LISTER), str(site), json.dumps({"globIgnores": ignores})],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if proc.returncode != 0:
        raise SiteError(f"Listing the built files for the service worker failed:\n{proc.stderr}")
    result = json.loads(proc.stdout)
    if result["warnings"]:  # e.g. a file left out for its size: never cache a partial site silently
        raise SiteError("workbox-build left files out: " + "; ".join(result["warnings"]))
    entries: list[dict[str, Any]] = result["entries"]
    return entries


def group_of(url: str) -> str:
    """The group of a file, by its URL from the site's root."""
    if url.startswith(CALCULATOR_PREFIXES):
        return "calculators"
    return "watch" if url.startswith(WATCH_PREFIXES) else "site"


def split(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The ``site``, ``calculators`` and ``watch`` groups, each sorted by URL."""
    groups: dict[str, list[dict[str, Any]]] = {"site": [], "calculators": [], "watch": []}
    for entry in sorted(entries, key=lambda e: str(e["url"])):
        groups[group_of(str(entry["url"]))].append(entry)
    return groups


def version_of(entries: list[dict[str, Any]]) -> str:
    """A name for this build: a hash of every file's URL and content hash."""
    listing = "\n".join(f"{e['url']} {e['revision']}" for e in sorted(entries, key=lambda e: str(e["url"])))
    return hashlib.sha256(listing.encode()).hexdigest()[:16]


def service_worker(template: str, version: str, groups: dict[str, list[dict[str, Any]]]) -> str:
    """The worker's source with this build's file list in place of the placeholder."""
    if template.count(PLACEHOLDER) != 1:
        raise SiteError(f"{SERVICE_WORKER}: expected the placeholder {PLACEHOLDER!r} exactly once")
    build = {"version": version, "groups": {name: [[e["url"], e["integrity"]] for e in files] for name, files in groups.items()}}
    return template.replace(PLACEHOLDER, json.dumps(build, separators=(",", ":")))


def write_service_worker(site: Path, search_languages: Iterable[str]) -> list[str]:
    """Write the list of every built file into ``sw.js``.

    Returns:
        One line per group (files, size, version), for the build's log.
    """
    worker = site / SERVICE_WORKER
    if not worker.is_file():
        raise SiteError(f"{SERVICE_WORKER} is missing from the site (its template is overrides/{SERVICE_WORKER})")
    entries = list_files(site, NEVER + unused_search_languages(site, search_languages))
    groups = split(entries)
    version = version_of(entries)
    worker.write_text(service_worker(worker.read_text(encoding="utf-8"), version, groups), encoding="utf-8")
    return [
        f"{name} group, {len(files)} files, {sum(int(e['size']) for e in files) / 1e6:.2f} MB (version {version})"
        for name, files in groups.items()
    ]
