"""Make sure the wheels that run the unit tests inside Pyodide are in a local cache.

Reads ``requirements/pyodide-tests.txt`` (exact ``name==version`` pins with
``--hash=sha256:...``) and checks the cache folder (default
``.cache/pyodide-wheels/``) for each pinned wheel. Only when one is missing or
does not match its hash does it run::

    python -m pip download --no-deps --only-binary=:all: \\
        --python-version 3.14 --implementation cp --abi cp314 \\
        --platform pyemscripten_2026_0_wasm32 -d DIR -r requirements/pyodide-tests.txt

The target (Python version, ABI, platform) is read from Pyodide's own
``node_modules/pyodide/pyodide-lock.json``, so pip picks ``py3-none-any`` wheels or
wheels built for that exact Pyodide, never the host's. A repeat run with a full
cache makes no network request.

It then writes ``DIR/manifest.txt``: the wheel file names for the current pins, one
a line, which ``tests/pyodide/run.mjs`` loads (and nothing else in DIR).

Standard library only. Exit status 0 on success, 1 with a message otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REQUIREMENTS = ROOT / "requirements" / "pyodide-tests.txt"
DEFAULT_DEST = ROOT / ".cache" / "pyodide-wheels"
DEFAULT_PYODIDE = ROOT / "node_modules" / "pyodide"
MANIFEST = "manifest.txt"

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
        if not match or len(hashes) != len(options):
            raise SystemExit(f"{path}:{number}: expected 'name==version --hash=sha256:...', got {raw!r}")
        pins.append(Pin(canonical(match.group(1)), match.group(2), frozenset(hashes)))
    if not pins:
        raise SystemExit(f"{path}: no requirements")
    return pins


def read_target(pyodide_dir: Path) -> Target:
    """The interpreter and platform that the npm Pyodide package is built for."""
    lock = pyodide_dir / "pyodide-lock.json"
    if not lock.is_file():
        raise SystemExit(f"{lock} not found: run 'npm ci' first")
    info = json.loads(lock.read_text(encoding="utf-8"))["info"]
    major, minor = info["python"].split(".")[:2]
    return Target(
        python_version=f"{major}.{minor}",
        abi=f"cp{major}{minor}",
        platform=f"pyemscripten_{info['abi_version']}_{info['arch']}",
    )


def _wheel_fits(filename: str, pin: Pin, target: Target) -> bool:
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


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def find_cached(dest: Path, pins: list[Pin], target: Target) -> dict[Pin, Path]:
    """The cached wheel of each pin that is present, loadable and matches a pinned hash."""
    found: dict[Pin, Path] = {}
    if not dest.is_dir():
        return found
    for path in sorted(dest.glob("*.whl")):
        for pin in pins:
            if pin not in found and _wheel_fits(path.name, pin, target):
                if _sha256(path) in pin.hashes:
                    found[pin] = path
                else:
                    print(f"fetch_wheels: {path.name} does not match its pinned hash; fetching it again", file=sys.stderr)
                    path.unlink()
    return found


def download(requirements: Path, dest: Path, target: Target) -> None:
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
    print("fetch_wheels: " + " ".join(cmd), flush=True)
    proc = subprocess.run(cmd, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"fetch_wheels: pip download failed with exit status {proc.returncode}")


def ensure_wheels(requirements: Path, dest: Path, pyodide_dir: Path) -> list[Path]:
    """Fetch what is missing; return the wheel paths in requirement order; write the manifest."""
    pins = read_pins(requirements)
    target = read_target(pyodide_dir)
    found = find_cached(dest, pins, target)
    if len(found) < len(pins):
        missing = ", ".join(f"{p.name}=={p.version}" for p in pins if p not in found)
        print(f"fetch_wheels: missing from {dest}: {missing}", flush=True)
        download(requirements, dest, target)
        found = find_cached(dest, pins, target)
        still = [f"{p.name}=={p.version}" for p in pins if p not in found]
        if still:
            raise SystemExit(f"fetch_wheels: no loadable wheel for {', '.join(still)} (target {target})")
    wheels = [found[p] for p in pins]
    (dest / MANIFEST).write_text("".join(f"{w.name}\n" for w in wheels), encoding="utf-8")
    return wheels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requirements", type=Path, default=DEFAULT_REQUIREMENTS)
    parser.add_argument("--dest", type=Path, default=DEFAULT_DEST, help="cache folder (default: %(default)s)")
    parser.add_argument("--pyodide-dir", type=Path, default=DEFAULT_PYODIDE, help="npm pyodide package (for its target)")
    args = parser.parse_args(argv)
    wheels = ensure_wheels(args.requirements, args.dest, args.pyodide_dir)
    print(f"fetch_wheels: {len(wheels)} wheels ready in {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
