"""MkDocs hook: bake calculators into pages and ship their browser runtime.

- ``on_config`` builds the ``calculators`` wheel (a PEP 517 build with hatchling)
  and records its content-hashed URL in ``extra.ffr_wheel`` for the templates. The
  wheel also carries each module compiled by Pyodide's own Python
  (``scripts/compile-pyc.mjs``, cached in ``.cache/pyc``), so the browser imports the
  package from the wheel without compiling it.
- ``on_page_content`` replaces ``<!-- calc:ID -->`` with the calculator's form and
  its default result, rendered by the same Python the browser runs, and
  ``<!-- calc-print:ID -->`` with its printable blank version, marked
  ``data-ffr-print="ID"`` so the PDF can point to it. An unknown id fails the build.
- ``<!-- calc-example:ID name=value ... -->`` bakes a worked example into a guide
  page: the result for those inputs (the same ``parse_inputs``, ``compute`` and
  ``render_result``), with no form and no worker, and a link that opens the
  calculator with those inputs. An unknown id or field, or a value the calculator
  refuses, fails the build with the calculator's own message.
- ``<!-- safety:red-flags -->``, ``<!-- safety:cautions -->`` and ``<!-- safety:gate-scope -->``
  put the red flags (in their groups), the cautions before barefoot drills or the switch, and
  what the pain gate does not cover into a guide page, rendered from ``calculators/_safety.py``
  by the same code as every calculator result, so no page writes them by hand. The first two
  are blocks (put them on a line of their own); ``gate-scope`` is a sentence that can go inside a
  paragraph, a list item or a caption. An unknown ``safety:`` name fails the build.
- ``on_post_build`` copies the wheel and the pinned, self-hosted Pyodide from
  ``node_modules/pyodide`` into the site.

This file is build glue; nothing here is shipped to the browser.
"""

from __future__ import annotations

import hashlib
import importlib
import itertools
import json
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import tomllib
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
# Pyodide goes under its own version (assets/pyodide/314.0.7/), so its files can be kept
# for good (immutable): a new Pyodide comes at a new address. The worker imports it from
# there, which this hook checks.
PYODIDE_VERSION = json.loads((PYODIDE_DIR / "package.json").read_text())["version"] if (PYODIDE_DIR / "package.json").is_file() else ""
WORKER_JS = ROOT / "overrides" / "assets" / "javascripts" / "calculator-worker.mjs"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
SHORTCODE = re.compile(r"<!--\s*calc(-print)?:([a-z0-9-]+)\s*-->")
# Matched loosely and parsed strictly, so that a malformed example fails the build
# instead of staying behind as an invisible comment.
EXAMPLE = re.compile(r"<!--\s*calc-example:(.*?)-->", re.S)
SAFETY = re.compile(r"<!--\s*safety:([a-z0-9-]*)\s*-->")
REFERENCES_PAGE = "references.md"

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


def _calculator(calc_id: str, shortcode: str = "calc:") -> Any:
    calculators = _state["calculators"]
    calc = calculators.CALCULATORS.get(calc_id)
    if calc is None:
        known = ", ".join(sorted(calculators.CALCULATORS))
        raise PluginError(f"Unknown calculator {calc_id!r} in a {shortcode} shortcode (known: {known})")
    return calc


def render_blank(calc_id: str) -> str:
    """A calculator's printable blank version (``<!-- calc-print:ID -->``)."""
    calc = _calculator(calc_id)
    if calc.blank is None:
        raise PluginError(f"Calculator {calc_id!r} has no printable blank version")
    return calc.blank()


def render_widget(calc_id: str) -> str:
    """The form and default result of one calculator, as the page ships them."""
    return str(_state["calculators"].render.render_widget(_calculator(calc_id)))


def parse_example(body: str, where: str) -> tuple[str, dict[str, str]]:
    """Read the inside of a ``calc-example:`` shortcode.

    Parameters:
        body: The text after ``calc-example:``, like ``ramp-up unit=km age=48``.
            A value with spaces goes in double quotes.
        where: The page, for error messages.

    Returns:
        The calculator id and the raw values given, by field name.

    Raises:
        PluginError: On an unknown id or field, a token that is not ``name=value``,
            or a field given twice.
    """
    try:
        tokens = shlex.split(body)
    except ValueError as error:
        raise PluginError(f"{where}: cannot read calc-example shortcode {body.strip()!r}: {error}") from None
    if not tokens:
        raise PluginError(f"{where}: calc-example shortcode names no calculator")
    calc = _calculator(tokens[0], "calc-example:")
    names = [spec.name for spec in calc.fields]
    given: dict[str, str] = {}
    for token in tokens[1:]:
        name, sep, value = token.partition("=")
        if not sep:
            raise PluginError(f"{where}: calc-example:{tokens[0]} expects name=value, got {token!r}")
        if name not in names:
            raise PluginError(f"{where}: calc-example:{tokens[0]} has no field {name!r} (fields: {', '.join(names)})")
        if name in given:
            raise PluginError(f"{where}: calc-example:{tokens[0]} gives {name!r} twice")
        given[name] = value
    return tokens[0], given


def _describe(calc: Any, given: dict[str, str], values: dict[str, str]) -> str:
    """The given inputs as a reader would say them: "Age: 48 years"."""
    return str(_state["calculators"].render.render_given(calc.fields, values, given))


def render_example(calc_id: str, given: dict[str, str], page: Any, files: Any) -> str:
    """A worked example: the result for ``given`` (other fields at their defaults) and a
    link that opens the calculator with exactly these inputs."""
    where = page.file.src_uri
    calculators = _state["calculators"]
    calc = _calculator(calc_id, "calc-example:")
    values = {**calculators.default_values(calc.fields), **given}
    try:
        result = calc.compute(calc.parse_inputs(values))
    except calculators.InputError as error:
        problems = "; ".join(f"{name}={values[name]!r}: {message}" for name, message in error.errors.items())
        raise PluginError(f"{where}: calc-example:{calc_id} cannot use these values: {problems}") from None
    except calculators.CalculatorError as error:
        raise PluginError(f"{where}: calc-example:{calc_id} failed: {error}") from None
    target = files.get_file_from_path(f"calculators/{calc_id}.md")
    references = files.get_file_from_path(REFERENCES_PAGE)
    if target is None or references is None:
        raise PluginError(f"{where}: calc-example:{calc_id} needs calculators/{calc_id}.md and {REFERENCES_PAGE} in the docs")
    # Every field goes in the query, defaults included: the page fills its form from the
    # query first, then from what the reader stored, so a field left out could come from
    # an earlier visit and the plan would not match this example.
    # The example's own public answers, not a reader's, so a query string is fine here (the PDF's link
    # check reads a fragment as a missing anchor); the page moves them into the fragment on arrival.
    link = f"{target.url_relative_to(page.file)}?{urlencode(values)}"
    name = calc.title[0].lower() + calc.title[1:]
    return (
        f'<div class="ffr-example" data-calculator-example="{escape(calc_id)}">'
        f'<p class="ffr-example__given">{_describe(calc, given, values)}. Every other answer is at the '
        f"{escape(name)}'s starting value.</p>"
        f'<div class="ffr-result">{calc.render_result(result, references.url_relative_to(page.file))}</div>'
        f'<p class="ffr-example__open"><a class="md-button" href="{escape(link)}">Open this example in the '
        f"{escape(name)}</a> and change any answer to see your own.</p>"
        "</div>"
    )


def _examples(html: str, page: Any, files: Any) -> str:
    where = page.file.src_uri
    found = [parse_example(m.group(1), where) for m in EXAMPLE.finditer(html)]
    live = {m.group(2) for m in SHORTCODE.finditer(html) if not m.group(1)}
    ids = [calc_id for calc_id, _ in found]
    for calc_id in ids:
        if ids.count(calc_id) > 1 or calc_id in live:
            # The rendered result carries element ids (the planner's chart); twice on a page they would clash.
            raise PluginError(f"{where}: one {calc_id} result per page (calc: or calc-example:), found more")
    rendered = iter([render_example(calc_id, given, page, files) for calc_id, given in found])
    return EXAMPLE.sub(lambda m: next(rendered), html)


def render_safety(html: str, where: str) -> str:
    """Replace each ``<!-- safety:NAME -->`` with its part, rendered by ``calculators.render``.

    Raises:
        PluginError: On a name that is not ``red-flags``, ``cautions`` or ``gate-scope``.
    """
    render = _state["calculators"].render
    lists = itertools.count(1)  # each red-flag list on a page labels its groups with ids of its own
    parts = {
        "red-flags": lambda: render.render_red_flags(f"ffr-page-{next(lists)}"),
        "cautions": render.render_cautions,
        "gate-scope": render.render_gate_scope,
    }

    def part(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in parts:
            raise PluginError(f"{where}: unknown shortcode safety:{name} (known: {', '.join(parts)})")
        return str(parts[name]())

    return SAFETY.sub(part, html)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if SAFETY.search(html):
        html = render_safety(html, page.file.src_uri)
    if EXAMPLE.search(html):
        html = _examples(html, page, files)
    if not SHORTCODE.search(html):
        return html
    page.meta["ffr_calculators"] = " ".join(m.group(2) for m in SHORTCODE.finditer(html) if not m.group(1))
    return SHORTCODE.sub(lambda m: _print_sheet(m.group(2)) if m.group(1) else render_widget(m.group(2)), html)


def _print_sheet(calc_id: str) -> str:
    """The blank version, marked with its calculator so the PDF can point to it."""
    return f'<div class="ffr-print" data-ffr-print="{escape(calc_id)}">{render_blank(calc_id)}</div>'


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    wheel_target = site / _state["wheel_url"]
    wheel_target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(_state["wheel"], wheel_target)
    shutil.rmtree(_state["wheel"].parent, ignore_errors=True)
    missing = [name for name in PYODIDE_FILES if not (PYODIDE_DIR / name).is_file()]
    if missing:
        raise PluginError(f"Pyodide files missing from {PYODIDE_DIR}: {', '.join(missing)}. Run `npm ci` first.")
    named = set(re.findall(r"\.\./pyodide/([^/\"]+)/", WORKER_JS.read_text()))
    if named != {PYODIDE_VERSION}:
        wanted = f"../pyodide/{PYODIDE_VERSION}/"
        raise PluginError(f"{WORKER_JS.name} must load Pyodide from {wanted}, the installed version, not {sorted(named)}.")
    target = site / "assets" / "pyodide" / PYODIDE_VERSION
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE_DIR / name, target / name)
    trim_pyodide_lock(target / "pyodide-lock.json")
    _state.clear()


def trim_pyodide_lock(lock: Path) -> None:
    """Keep only the lock file's packages whose files are in the site, next to it.

    The npm package's lock file lists some 350 packages whose wheels the site does not
    ship (the calculators need only the standard library): 119 KB of addresses that lead
    nowhere, which every first visit to a calculator would download. Pyodide starts with
    an empty list; ``scripts/check_artefact.py`` checks that no listed file is missing.
    """
    data = json.loads(lock.read_text())
    data["packages"] = {name: pkg for name, pkg in data["packages"].items() if (lock.parent / pkg["file_name"]).is_file()}
    lock.write_text(json.dumps(data, separators=(",", ":")))
