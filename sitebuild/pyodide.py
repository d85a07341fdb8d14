"""Pyodide, self-hosted: the one place that knows its version.

The version is ``package.json``'s pin (``dependencies.pyodide``); ``npm ci`` installs
exactly that into ``node_modules/pyodide``. The site serves Pyodide under its version
(``assets/pyodide/314.0.7/``) so that its files can be kept for good (immutable): a new
Pyodide comes at a new address. The worker's source names no version: it imports from
``../pyodide/PYODIDE_VERSION/``, and :func:`copy_into` writes the version in when it copies
Pyodide into the built site.
"""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

from . import ROOT, SiteError

PACKAGE_JSON = ROOT / "package.json"
INSTALLED = ROOT / "node_modules" / "pyodide"
FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
"""What the site ships of the npm package as it is: the loader, the runtime and the lock file."""
STDLIB = "python_stdlib.zip"
"""The npm package's standard library (sources only). The site ships it compiled instead, under
its own hash (``sitebuild.wheel``); the build reads it from here."""
SITE_DIR = "assets/pyodide/"
"""Where Pyodide goes in the built site, under its version."""
PLACEHOLDER = "PYODIDE_VERSION"
"""How a file of the site (the calculators' worker) names the version: the build writes it in."""
WORKER = "assets/javascripts/calculator-worker.mjs"
"""The site's file that loads Pyodide, by its path in the built site."""
WORKER_USES = 2
"""How often the worker names Pyodide's folder: its import, and the URL its files are fetched from."""


@functools.cache
def version() -> str:
    """The pinned version, from ``package.json`` (``314.0.7``)."""
    pin = json.loads(PACKAGE_JSON.read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    if not isinstance(pin, str) or not pin[:1].isdigit():
        raise SiteError(f"package.json: pin Pyodide to one exact version, not {pin!r}")
    return pin


def folder() -> str:
    """Pyodide's folder in the built site, from its root: ``assets/pyodide/314.0.7/``."""
    return f"{SITE_DIR}{version()}/"


def installed_version() -> str:
    """The version ``npm ci`` put into ``node_modules``, or ``""`` if none is there."""
    package = INSTALLED / "package.json"
    return str(json.loads(package.read_text(encoding="utf-8"))["version"]) if package.is_file() else ""


def check_installed() -> None:
    """Fail unless ``node_modules`` holds the pinned Pyodide, whole."""
    installed = installed_version()
    if installed != version():
        found = f"Pyodide {installed}" if installed else "no Pyodide"
        raise SiteError(f"package.json pins Pyodide {version()}, node_modules holds {found}: run `npm ci` first.")
    missing = [name for name in (*FILES, STDLIB) if not (INSTALLED / name).is_file()]
    if missing:
        raise SiteError(f"Pyodide files missing from {INSTALLED}: {', '.join(missing)}. Run `npm ci` first.")


def with_version(text: str, uses: int | None = None) -> str:
    """``text`` with the version written in for each ``PYODIDE_VERSION``.

    Parameters:
        text: A file that loads Pyodide from ``.../pyodide/PYODIDE_VERSION/``.
        uses: How often it must name the version (fails otherwise); None accepts any number but zero.
    """
    count = text.count(f"/{PLACEHOLDER}/")
    if count == 0 or (uses is not None and count != uses):
        expected = "at least once" if uses is None else f"{uses} times"
        raise SiteError(f"expected .../pyodide/{PLACEHOLDER}/ {expected}, found it {count} times")
    return text.replace(f"/{PLACEHOLDER}/", f"/{version()}/")


def copy_into(site: Path) -> Path:
    """Copy the pinned Pyodide into the built site, trim its lock file, and write its version into the worker.

    Returns:
        Pyodide's folder in the site.
    """
    check_installed()
    target = site / folder()
    target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copy2(INSTALLED / name, target / name)
    trim_lock(target / "pyodide-lock.json")
    worker = site / WORKER
    if not worker.is_file():
        raise SiteError(f"{WORKER} is missing from the built site")
    try:
        worker.write_text(with_version(worker.read_text(encoding="utf-8"), WORKER_USES), encoding="utf-8")
    except SiteError as error:
        raise SiteError(f"{WORKER}: {error}") from None
    return target


def trim_lock(lock: Path) -> None:
    """Keep only the lock file's packages whose files are in the site, next to it.

    The npm package's lock file lists some 350 packages whose wheels the site does not
    ship (the calculators need only the standard library): 119 KB of addresses that lead
    nowhere, which every first visit to a calculator would download. Pyodide starts with
    an empty list; ``scripts/check_artefact.py`` checks that no listed file is missing.
    """
    data = json.loads(lock.read_text())
    data["packages"] = {name: pkg for name, pkg in data["packages"].items() if (lock.parent / pkg["file_name"]).is_file()}
    lock.write_text(json.dumps(data, separators=(",", ":")))
