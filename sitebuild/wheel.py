"""The calculators' wheel, as the browser loads it.

:func:`build` makes the ``calculators`` wheel (a PEP 517 build with hatchling, the
project's own backend) carrying, next to each module, the module compiled by Pyodide's
own Python (``compile_pyc.mjs`` under Node; see :func:`bytecode`), so the browser imports
the package from the wheel without compiling it. The wheel goes into the site under a
hash of its bytes (``assets/calculators/<hash>/<name>.whl``), so a browser may keep it
for good.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import CACHE, ROOT, SiteError, pyodide

PACKAGE = ROOT / "calculators"
COMPILER = Path(__file__).with_name("compile_pyc.mjs")
SITE_DIR = "assets/calculators/"
"""Where the wheel goes in the built site, under the hash of its bytes."""


@dataclass(frozen=True)
class Wheel:
    """A built wheel and its address in the site."""

    path: Path
    """The wheel file (in the build cache)."""
    url: str
    """Its path in the site, from the root: ``assets/calculators/<hash>/<name>.whl``."""


def bytecode() -> dict[str, str]:
    """Each module compiled for Pyodide's Python: ``{pyc file: its path in the wheel}``.

    Compiling means starting Pyodide under Node (a few seconds), so the result is cached
    in ``.build-cache/pyc/`` under a digest of the sources, the compiler script and the
    Pyodide version.
    """
    pyodide.check_installed()
    sources = sorted(PACKAGE.glob("*.py"))
    digest = hashlib.sha256(COMPILER.read_bytes() + (pyodide.INSTALLED / "package.json").read_bytes())
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    out = CACHE / "pyc" / digest.hexdigest()[:16]
    if not all((out / f"{s.name}c").is_file() for s in sources):
        scratch = Path(tempfile.mkdtemp(prefix="ffr-pyc-"))
        try:
            proc = subprocess.run(["node", str(COMPILER), str(PACKAGE), str(scratch)], capture_output=True, text=True, timeout=300)
        except FileNotFoundError as error:
            raise SiteError("Node.js is needed to compile the calculators for Pyodide (see the README)") from error
        if proc.returncode != 0:
            raise SiteError(f"Compiling the calculators for Pyodide failed:\n{proc.stdout}{proc.stderr}")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(out, ignore_errors=True)
        shutil.move(scratch, out)
    return {str(out / f"{s.name}c"): f"calculators/{s.name}c" for s in sources}


def build() -> Wheel:
    """Build the wheel, with its bytecode, into ``.build-cache/wheel/<hash>/``."""
    from hatchling.builders.wheel import WheelBuilder

    scratch = Path(tempfile.mkdtemp(prefix="ffr-wheel-"))
    try:
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"] = bytecode()
        builder = WheelBuilder(str(ROOT), config=project)
        built = Path(next(iter(builder.build(directory=str(scratch), versions=["standard"]))))
        digest = hashlib.sha256(built.read_bytes()).hexdigest()[:12]
        kept = CACHE / "wheel" / digest / built.name
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(built, kept)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Wheel(kept, f"{SITE_DIR}{digest}/{kept.name}")


def copy_into(site: Path, wheel: Wheel) -> None:
    """Put the wheel at its address in the built site."""
    target = site / wheel.url
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(wheel.path, target)
