"""The unit tests should pass inside Pyodide 314 under Node.

The calculators run in the reader's browser under Pyodide (Python 3.14 on
WebAssembly), so ``tests/unit`` also runs there, offline, to catch behaviour that
only holds on CPython or on the host's Python version. ``fetch_wheels.py`` caches
the pinned pytest and hypothesis wheels (``requirements/pyodide-tests.txt``), the
project's own wheel is built fresh, and ``run.mjs`` runs pytest inside Pyodide.

Deselect with ``-m "not pyodide"``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import pytest

from .fetch_wheels import DEFAULT_REQUIREMENTS, read_pins

pytestmark = pytest.mark.pyodide

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
_SUMMARY = re.compile(r"^=+ (?P<counts>.+) in [\d.]+s(?: \([^)]*\))? =+$", re.MULTILINE)


def test_pins_match_host_venv() -> None:
    """pytest, hypothesis, icalendar, fitdecode and fit-tool in Pyodide are the versions the host runs, so both sides run
    the same tests the same way."""
    pins = {pin.name: pin.version for pin in read_pins(DEFAULT_REQUIREMENTS)}
    for name in ("pytest", "hypothesis", "icalendar", "fitdecode", "fit-tool"):
        assert pins[name] == version(name), f"{DEFAULT_REQUIREMENTS.name} pins {name}=={pins[name]}; host has {version(name)}"


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)


def test_unit_tests_pass_in_pyodide(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """tests/unit, run by pytest inside Pyodide against the project's wheel, all pass."""
    node = shutil.which("node")
    assert node, "node is not on PATH (deselect with -m 'not pyodide')"
    assert (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").is_file(), "node_modules/pyodide is missing: run 'npm ci'"

    fetch = _run([sys.executable, "-m", "tests.pyodide.fetch_wheels"], timeout=600)
    assert fetch.returncode == 0, f"fetch_wheels.py failed:\n{fetch.stdout}\n{fetch.stderr}"

    build = _run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)], timeout=300)
    assert build.returncode == 0, f"building the project wheel failed:\n{build.stdout}\n{build.stderr}"
    (wheel,) = tmp_path.glob("stride_shift-*-py3-none-any.whl")

    started = time.monotonic()
    run = _run([node, str(HERE / "run.mjs"), "--project-wheel", str(wheel)], timeout=900)
    seconds = time.monotonic() - started
    with capsys.disabled():  # always in the log, not only on failure
        print(f"\n--- tests/unit inside Pyodide (node tests/pyodide/run.mjs, {seconds:.1f} s) ---")
        print(run.stdout, end="")
        print(run.stderr, end="", file=sys.stderr)
        print("--- end of Pyodide run ---")

    assert run.returncode == 0, f"pytest inside Pyodide exited with {run.returncode}"
    assert "platform emscripten -- Python 3.14" in run.stdout, "the tests did not run under Pyodide's Python 3.14"
    summaries = _SUMMARY.findall(run.stdout)
    assert summaries, "no pytest summary line in the output"
    counts = summaries[-1]
    assert re.search(r"\b[1-9]\d* passed\b", counts), counts
    assert not re.search(r"\b(failed|errors?)\b", counts), counts
