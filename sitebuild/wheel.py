"""The calculators' wheel, and the standard library they start with, as the browser loads them.

:func:`build` makes the ``calculators`` wheel (a PEP 517 build with hatchling, the
project's own backend) carrying, next to each module, the module compiled by Pyodide's
own Python (``compile_pyc.mjs`` under Node; see :func:`bytecode`), so the browser imports
the package from the wheel without compiling it. The same run writes Pyodide's standard
library with the modules that Python's start and the calculators import compiled too
(``python_stdlib.zip``): the npm package's zip holds sources only, and compiling them took
most of a first visit's start (bench/README.md). Each goes into the site under a hash of
its own bytes (``assets/calculators/<hash>/``), so a browser may keep both for good and a
new build of the calculators does not make a returning reader download the unchanged
standard library again. The build writes the standard library's folder into the worker
(``STDLIB_PLACEHOLDER``), which keys its memory snapshots by it too.
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
"""Where the wheel and the standard library go in the built site, each under the hash of its bytes."""
STDLIB = "python_stdlib.zip"
"""The compiled standard library's name, in its own folder."""
STDLIB_PLACEHOLDER = "STDLIB_FOLDER"
"""How the worker names the standard library's folder (``../calculators/STDLIB_FOLDER/``): the build writes in the hash."""


@dataclass(frozen=True)
class Wheel:
    """A built wheel and its address in the site."""

    path: Path
    """The wheel file (in the build cache)."""
    url: str
    """Its path in the site, from the root: ``assets/calculators/<hash>/<name>.whl``."""
    stdlib: Path
    """The compiled standard library (in the build cache)."""

    @property
    def stdlib_url(self) -> str:
        """The standard library's path in the site, from the root: ``assets/calculators/<hash>/python_stdlib.zip``."""
        return f"{SITE_DIR}{self.stdlib.parent.name}/{STDLIB}"


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
        digest = folder_name(built)
        kept = CACHE / "wheel" / digest / built.name
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(built, kept)
        zipped = CACHE / "stdlib" / folder_name(stdlib) / STDLIB
        zipped.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(stdlib, zipped)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Wheel(kept, f"{SITE_DIR}{digest}/{kept.name}", zipped)


def folder_name(path: Path) -> str:
    """The name of the folder a content-addressed file of the site goes in: a hash of its bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def copy_into(site: Path, wheel: Wheel) -> None:
    """Put the wheel and the standard library at their addresses in the built site, and name the latter's folder in the worker."""
    for source, url in ((wheel.path, wheel.url), (wheel.stdlib, wheel.stdlib_url)):
        target = site / url
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    worker = site / pyodide.WORKER
    text = worker.read_text(encoding="utf-8") if worker.is_file() else ""
    if text.count(STDLIB_PLACEHOLDER) != 1:
        raise SiteError(f"{pyodide.WORKER} must name the standard library's folder once, as {STDLIB_PLACEHOLDER}")
    worker.write_text(text.replace(STDLIB_PLACEHOLDER, wheel.stdlib.parent.name), encoding="utf-8")
