"""Pinned wheels for Pyodide, kept in a local cache and fetched only when missing.

Two users, one rule:

- the test run inside Pyodide (``tests/pyodide/fetch_wheels.py``: pytest, hypothesis, ...
  from ``requirements/pyodide-tests.txt`` into ``.cache/pyodide-wheels/``);
- the site (:func:`browser_wheels`, from the build's steps): the third-party wheels a
  feature of the site loads in the reader's browser, ``requirements/browser.txt``
  (``fitdecode``, which reads a watch's FIT files on the "From your watch" page), cached in
  ``.build-cache/browser-wheels/`` and copied into the site under a hash of their bytes
  (``assets/wheels/<hash>/<file>.whl``), so a browser may keep them for good. No page loads
  one until the reader uses its feature.

A requirements file holds exact ``name==version`` pins with ``--hash=sha256:...``. A cached
wheel counts only if it is a wheel of that pin that Pyodide can load and matches a pinned
hash (else it is deleted). Only when one is missing does :func:`ensure_wheels` run::

    python -m pip download --no-deps --only-binary=:all: \\
        --python-version 3.14 --implementation cp --abi cp314 \\
        --platform pyemscripten_2026_0_wasm32 -d DIR -r REQUIREMENTS

The target (Python version, ABI, platform) is read from Pyodide's own
``node_modules/pyodide/pyodide-lock.json``, so pip picks ``py3-none-any`` wheels or wheels
built for that exact Pyodide, never the host's. A run with a full cache makes no network
request. Standard library only (the test run calls it outside the build).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import CACHE, ROOT, SiteError, wheel

PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
BROWSER_REQUIREMENTS = ROOT / "requirements" / "browser.txt"
BROWSER_CACHE = CACHE / "browser-wheels"
SITE_DIR = "assets/wheels/"
"""Where the browser's third-party wheels go in the built site, each under the hash of its bytes."""

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)$")
_HASH = re.compile(r"^--hash=sha256:([0-9a-f]{64})$")


@dataclass(frozen=True)
class Pin:
    name: str
    """Canonical project name (PEP 503)."""
    version: str
    hashes: frozenset[str]


@dataclass(frozen=True)
class Target:
    python_version: str
    """``3.14``"""
    abi: str
    """``cp314``"""
    platform: str
    """``pyemscripten_2026_0_wasm32``"""


@dataclass(frozen=True)
class SiteWheel:
    """A pinned wheel and its address in the built site."""

    name: str
    """Its project's canonical name: ``fitdecode``."""
    path: Path
    """The cached file."""
    url: str
    """Its path in the site, from the root: ``assets/wheels/<hash>/<file>.whl``."""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path) -> list[Pin]:
    """Parse ``name==version --hash=sha256:...`` lines (comments and continuations allowed)."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    pins = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        spec, *options = line.split()
        match = _PIN.match(spec)
        hashes = {m.group(1) for o in options if (m := _HASH.match(o))}
        if not match or not hashes or len(hashes) != len(options):
            raise SiteError(f"{path}:{number}: expected 'name==version --hash=sha256:...', got {raw!r}")
        pins.append(Pin(canonical(match.group(1)), match.group(2), frozenset(hashes)))
    if not pins:
        raise SiteError(f"{path}: no requirements")
    return pins


def read_target(pyodide_dir: Path = PYODIDE_PACKAGE) -> Target:
    """The interpreter and platform that the npm Pyodide package is built for."""
    lock = pyodide_dir / "pyodide-lock.json"
    if not lock.is_file():
        raise SiteError(f"{lock} not found: run 'npm ci' first")
    info = json.loads(lock.read_text(encoding="utf-8"))["info"]
    major, minor = info["python"].split(".")[:2]
    return Target(
        python_version=f"{major}.{minor}",
        abi=f"cp{major}{minor}",
        platform=f"pyemscripten_{info['abi_version']}_{info['arch']}",
    )


def wheel_fits(filename: str, pin: Pin, target: Target) -> bool:
    """Whether ``filename`` is a wheel of ``pin`` that Pyodide can load."""
    parts = filename[: -len(".whl")].split("-")
    if not filename.endswith(".whl") or len(parts) not in (5, 6):
        return False
    name, version, pythons, abis, platforms = parts[0], parts[1], parts[-3], parts[-2], parts[-1]
    if canonical(name) != pin.name or version != pin.version:
        return False
    tags = {(p, a, pl) for p in pythons.split(".") for a in abis.split(".") for pl in platforms.split(".")}
    pure = any(p.startswith("py3") and a == "none" and pl == "any" for p, a, pl in tags)
    built = any(pl == target.platform and a in (target.abi, "abi3", "none") for _, a, pl in tags)
    return pure or built


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def find_cached(dest: Path, pins: list[Pin], target: Target) -> dict[Pin, Path]:
    """The cached wheel of each pin that is present, loadable and matches a pinned hash (others are deleted)."""
    found: dict[Pin, Path] = {}
    if not dest.is_dir():
        return found
    for path in sorted(dest.glob("*.whl")):
        for pin in pins:
            if pin not in found and wheel_fits(path.name, pin, target):
                if sha256(path) in pin.hashes:
                    found[pin] = path
                else:
                    print(f"wheelhouse: {path.name} does not match its pinned hash; fetching it again", file=sys.stderr)
                    path.unlink()
    return found


def download(requirements: Path, dest: Path, target: Target) -> None:
    """``pip download`` every pin of ``requirements`` for Pyodide's target into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable, "-m", "pip", "download",
        "--no-deps", "--only-binary=:all:",
        "--python-version", target.python_version,
        "--implementation", "cp",
        "--abi", target.abi,
        "--platform", target.platform,
        "--disable-pip-version-check",
        "-d", str(dest),
        "-r", str(requirements),
    ]  # fmt: skip
    print("wheelhouse: " + " ".join(cmd), flush=True)
    proc = subprocess.run(cmd, check=False)
    if proc.returncode != 0:
        raise SiteError(f"pip download of {requirements.name} failed with exit status {proc.returncode}")


def ensure_wheels(requirements: Path, dest: Path, pyodide_dir: Path = PYODIDE_PACKAGE) -> list[Path]:
    """Fetch what is missing from ``dest``; return the wheel of each pin, in requirement order.

    Raises:
        SiteError: On a malformed requirements file, no Pyodide, a failed download, or no
            loadable wheel with a pinned hash after it.
    """
    pins = read_pins(requirements)
    target = read_target(pyodide_dir)
    found = find_cached(dest, pins, target)
    if len(found) < len(pins):
        missing = ", ".join(f"{p.name}=={p.version}" for p in pins if p not in found)
        print(f"wheelhouse: missing from {dest}: {missing}", flush=True)
        download(requirements, dest, target)
        found = find_cached(dest, pins, target)
        still = [f"{p.name}=={p.version}" for p in pins if p not in found]
        if still:
            raise SiteError(f"no loadable wheel with a pinned hash for {', '.join(still)} (target {target})")
    return [found[p] for p in pins]


def browser_wheels(
    requirements: Path = BROWSER_REQUIREMENTS, dest: Path = BROWSER_CACHE, pyodide_dir: Path = PYODIDE_PACKAGE
) -> dict[str, SiteWheel]:
    """The browser's third-party wheels by project name, fetched into the build cache when missing."""
    pins = read_pins(requirements)
    wheels = ensure_wheels(requirements, dest, pyodide_dir)
    return {
        pin.name: SiteWheel(pin.name, path, f"{SITE_DIR}{wheel.folder_name(path)}/{path.name}")
        for pin, path in zip(pins, wheels, strict=True)
    }


def copy_into(site: Path, wheels: dict[str, SiteWheel]) -> None:
    """Put each wheel at its address in the built site."""
    for made in wheels.values():
        target = site / made.url
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(made.path, target)
