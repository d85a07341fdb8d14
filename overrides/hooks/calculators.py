"""MkDocs hook: bake calculators into pages and ship their browser runtime.

- ``on_config`` builds the ``calculators`` wheel (a PEP 517 build with hatchling)
  and records its content-hashed URL in ``extra.ffr_wheel`` for the templates. The
  wheel also carries each module compiled by Pyodide's own Python
  (``scripts/compile-pyc.mjs``, cached in ``.cache/pyc``), so the browser imports the
  package from the wheel without compiling it.
- ``on_page_content`` replaces ``<!-- calc:ID -->`` with the calculator's form and
  its default result, rendered by the same Python the browser runs. An unknown id
  fails the build.
- ``on_post_build`` copies the wheel and the pinned, self-hosted Pyodide from
  ``node_modules/pyodide`` into the site.

This file is build glue; nothing here is shipped to the browser.
"""

from __future__ import annotations

import hashlib
import importlib
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
SHORTCODE = re.compile(r"<!--\s*calc(-print)?:([a-z0-9-]+)\s*-->")

_state: dict[str, Any] = {}


def _fresh_calculators() -> Any:
    """Import the calculators anew, so ``mkdocs serve`` picks up edits."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    for name in [n for n in sys.modules if n == "calculators" or n.startswith("calculators.")]:
        del sys.modules[name]
    return importlib.import_module("calculators")


def _bytecode() -> dict[str, str]:
    """Each module compiled for Pyodide's Python: ``{pyc file: its path in the wheel}``.

    Compiling means starting Pyodide under Node (a few seconds), so the result is cached
    under a digest of the sources, the compiler script and the Pyodide version.
    """
    package, script = ROOT / "calculators", ROOT / "scripts" / "compile-pyc.mjs"
    sources = sorted(package.glob("*.py"))
    digest = hashlib.sha256(script.read_bytes() + (PYODIDE_DIR / "package.json").read_bytes())
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    out = ROOT / ".cache" / "pyc" / digest.hexdigest()[:16]
    if not all((out / f"{s.name}c").is_file() for s in sources):
        scratch = Path(tempfile.mkdtemp(prefix="ffr-pyc-"))
        try:
            proc = subprocess.run(["node", str(script), str(package), str(scratch)], capture_output=True, text=True, timeout=300)
        except FileNotFoundError as error:
            raise PluginError("Node.js is needed to compile the calculators for Pyodide (see the README)") from error
        if proc.returncode != 0:
            raise PluginError(f"Compiling the calculators for Pyodide failed:\n{proc.stdout}{proc.stderr}")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(out, ignore_errors=True)
        shutil.move(scratch, out)
    return {str(out / f"{s.name}c"): f"calculators/{s.name}c" for s in sources}


def _build_wheel() -> Path:
    from hatchling.builders.wheel import WheelBuilder

    out = Path(tempfile.mkdtemp(prefix="ffr-wheel-"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"] = _bytecode()
    builder = WheelBuilder(str(ROOT), config=project)
    paths = list(builder.build(directory=str(out), versions=["standard"]))
    return Path(paths[0])


def on_config(config: Any) -> Any:
    _state.clear()
    _state["calculators"] = _fresh_calculators()
    wheel = _build_wheel()
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()[:12]
    _state["wheel"] = wheel
    _state["wheel_url"] = f"assets/calculators/{digest}/{wheel.name}"
    config.extra["ffr_wheel"] = _state["wheel_url"]
    return config


def _calculator(calc_id: str) -> Any:
    calculators = _state["calculators"]
    calc = calculators.CALCULATORS.get(calc_id)
    if calc is None:
        known = ", ".join(sorted(calculators.CALCULATORS))
        raise PluginError(f"Unknown calculator {calc_id!r} in a calc: shortcode (known: {known})")
    return calc


def render_blank(calc_id: str) -> str:
    """A calculator's printable blank version (``<!-- calc-print:ID -->``)."""
    calc = _calculator(calc_id)
    if calc.blank is None:
        raise PluginError(f"Calculator {calc_id!r} has no printable blank version")
    return calc.blank()


def render_widget(calc_id: str) -> str:
    """The form and default result of one calculator, as the page ships them."""
    calculators = _state["calculators"]
    calc = _calculator(calc_id)
    values = calculators.default_values(calc.fields)
    result = calc.compute(calc.parse_inputs(values))
    return (
        f'<div class="ffr-calculator" data-module="ffr-calculator" data-calculator="{escape(calc_id)}" '
        f'data-ffr-state="static">'
        f"{calculators.render_form(calc_id, calc.fields, values, submit=calc.submit)}"
        f'<div class="ffr-result ffr-js-result" aria-live="polite">{calc.render_result(result)}</div>'
        f"</div>"
    )


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if not SHORTCODE.search(html):
        return html
    page.meta["ffr_calculators"] = " ".join(m.group(2) for m in SHORTCODE.finditer(html) if not m.group(1))
    return SHORTCODE.sub(lambda m: render_blank(m.group(2)) if m.group(1) else render_widget(m.group(2)), html)


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    wheel_target = site / _state["wheel_url"]
    wheel_target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(_state["wheel"], wheel_target)
    shutil.rmtree(_state["wheel"].parent, ignore_errors=True)
    missing = [name for name in PYODIDE_FILES if not (PYODIDE_DIR / name).is_file()]
    if missing:
        raise PluginError(f"Pyodide files missing from {PYODIDE_DIR}: {', '.join(missing)}. Run `npm ci` first.")
    target = site / "assets" / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE_DIR / name, target / name)
    _state.clear()
