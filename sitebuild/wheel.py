"""The calculators' wheel, and the standard library they start with, as the browser loads them.

:func:`build` makes the ``calculators`` wheel (a PEP 517 build with hatchling, the
project's own backend) carrying, next to each module, the module compiled by Pyodide's
own Python (``compile_pyc.mjs`` under Node; see :func:`bytecode`), so the browser imports
the package from the wheel without compiling it. The same run writes Pyodide's standard
library with the modules that Python's start and the calculators import compiled too
(``python_stdlib.zip``): the npm package's zip holds sources only, and compiling them took
most of a first visit's start (bench/README.md). Both go into the site under a hash of
their bytes (``assets/calculators/<hash>/``), so a browser may keep them for good and a
memory snapshot made with one pair is never restored with another.
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
"""Where the wheel and the standard library go in the built site, under the hash of their bytes."""
STDLIB = "python_stdlib.zip"
"""The compiled standard library's name, next to the wheel (the worker finds it there)."""


@dataclass(frozen=True)
class Wheel:
    """A built wheel and its address in the site."""

    path: Path
    """The wheel file (in the build cache)."""
    url: str
    """Its path in the site, from the root: ``assets/calculators/<hash>/<name>.whl``."""
    stdlib: Path
    """The compiled standard library (in the build cache), which goes next to the wheel as ``STDLIB``."""


def bytecode() -> tuple[dict[str, str], Path]:
    """Each module compiled for Pyodide's Python (``{pyc file: its path in the wheel}``), and the compiled standard library.

    Compiling means starting Pyodide under Node (about ten seconds), so the result is cached
    in ``.build-cache/pyc/`` under a digest of the sources, the compiler script and the
    Pyodide version.
    """
    pyodide.check_installed()
    sources = sorted(PACKAGE.glob("*.py"))
    digest = hashlib.sha256(COMPILER.read_bytes() + (pyodide.INSTALLED / "package.json").read_bytes())
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    out = CACHE / "pyc" / digest.hexdigest()[:16]
    if not all((out / f"{s.name}c").is_file() for s in sources) or not (out / STDLIB).is_file():
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
    return {str(out / f"{s.name}c"): f"calculators/{s.name}c" for s in sources}, out / STDLIB


def build() -> Wheel:
    """Build the wheel, with its bytecode, into ``.build-cache/wheel/<hash>/``."""
    from hatchling.builders.wheel import WheelBuilder

    scratch = Path(tempfile.mkdtemp(prefix="ffr-wheel-"))
    try:
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        pycs, stdlib = bytecode()
        project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"] = pycs
        builder = WheelBuilder(str(ROOT), config=project)
        built = Path(next(iter(builder.build(directory=str(scratch), versions=["standard"]))))
        digest = folder_digest(built.read_bytes(), stdlib.read_bytes())
        kept = CACHE / "wheel" / digest / built.name
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(built, kept)
        shutil.copy2(stdlib, kept.parent / STDLIB)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Wheel(kept, f"{SITE_DIR}{digest}/{kept.name}", kept.parent / STDLIB)


def folder_digest(wheel: bytes, stdlib: bytes) -> str:
    """The name of the folder that holds this wheel and this standard library: a hash of both."""
    return hashlib.sha256(hashlib.sha256(wheel).digest() + hashlib.sha256(stdlib).digest()).hexdigest()[:12]


def copy_into(site: Path, wheel: Wheel) -> None:
    """Put the wheel, and the standard library next to it, at their addresses in the built site."""
    target = site / wheel.url
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(wheel.path, target)
    shutil.copy2(wheel.stdlib, target.parent / STDLIB)
