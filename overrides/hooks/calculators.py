"""MkDocs hook: bake calculators into pages and ship their browser runtime.

- ``on_config`` builds the ``calculators`` wheel (a PEP 517 build with hatchling)
  and records its content-hashed URL in ``extra.ffr_wheel`` for the templates.
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
import sys
import tempfile
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


def _build_wheel() -> Path:
    from hatchling.builders.wheel import WheelBuilder

    out = Path(tempfile.mkdtemp(prefix="ffr-wheel-"))
    builder = WheelBuilder(str(ROOT))
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
