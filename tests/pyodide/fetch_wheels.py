"""Make sure the wheels that run the unit tests inside Pyodide are in a local cache.

Reads ``requirements/pyodide-tests.txt`` (exact ``name==version`` pins with
``--hash=sha256:...``) and fetches into the cache folder (default
``.cache/pyodide-wheels/``) only what is missing or does not match its hash, for Pyodide's
own target: the rule is ``sitebuild.wheelhouse``'s, which the site's build uses for the
browser's wheels too. A repeat run with a full cache makes no network request.

It then writes ``DIR/manifest.txt``: the wheel file names for the current pins, one
a line, which ``tests/pyodide/run.mjs`` loads (and nothing else in DIR).

Run it from the repository's root as ``python -m tests.pyodide.fetch_wheels``. Exit status 0
on success, 1 with a message otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitebuild import SiteError
from sitebuild.wheelhouse import PYODIDE_PACKAGE, ensure_wheels, read_pins

ROOT = Path(__file__).resolve().parents[2]

DEFAULT_REQUIREMENTS = ROOT / "requirements" / "pyodide-tests.txt"
DEFAULT_DEST = ROOT / ".cache" / "pyodide-wheels"
DEFAULT_PYODIDE = PYODIDE_PACKAGE
MANIFEST = "manifest.txt"

__all__ = ["DEFAULT_REQUIREMENTS", "fetch", "read_pins"]


def fetch(requirements: Path, dest: Path, pyodide_dir: Path) -> list[Path]:
    """Fetch what is missing; return the wheel paths in requirement order; write the manifest."""
    wheels = ensure_wheels(requirements, dest, pyodide_dir)
    (dest / MANIFEST).write_text("".join(f"{w.name}\n" for w in wheels), encoding="utf-8")
    return wheels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--requirements", type=Path, default=DEFAULT_REQUIREMENTS)
    parser.add_argument("--dest", type=Path, default=DEFAULT_DEST, help="cache folder (default: %(default)s)")
    parser.add_argument("--pyodide-dir", type=Path, default=DEFAULT_PYODIDE, help="npm pyodide package (for its target)")
    args = parser.parse_args(argv)
    try:
        wheels = fetch(args.requirements, args.dest, args.pyodide_dir)
    except SiteError as error:
        print(f"fetch_wheels: {error}", file=sys.stderr)
        return 1
    print(f"fetch_wheels: {len(wheels)} wheels ready in {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
