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
from importlib.metadata import version

import pytest

from .conftest import PyodideRun
from .fetch_wheels import DEFAULT_REQUIREMENTS, read_pins

pytestmark = pytest.mark.pyodide

_SUMMARY = re.compile(r"^=+ (?P<counts>.+) in [\d.]+s(?: \([^)]*\))? =+$", re.MULTILINE)


def test_pins_match_host_venv() -> None:
    """pytest, hypothesis, icalendar, fitdecode and fit-tool in Pyodide are the versions the host runs, so both sides run
    the same tests the same way."""
    pins = {pin.name: pin.version for pin in read_pins(DEFAULT_REQUIREMENTS)}
    for name in ("pytest", "hypothesis", "icalendar", "fitdecode", "fit-tool"):
        assert pins[name] == version(name), f"{DEFAULT_REQUIREMENTS.name} pins {name}=={pins[name]}; host has {version(name)}"


def test_unit_tests_pass_in_pyodide(pyodide_run: PyodideRun, capsys: pytest.CaptureFixture[str]) -> None:
    """tests/unit, run by pytest inside Pyodide against the project's wheel, all pass (the run starts when collection
    ends, beside the rest of the suite: conftest.py)."""
    assert pyodide_run.failed is None, f"{pyodide_run.failed}:\n{pyodide_run.output}"
    with capsys.disabled():  # always in the log, not only on failure
        print(f"\n--- tests/unit inside Pyodide (node tests/pyodide/run.mjs, {pyodide_run.seconds:.1f} s) ---")
        print(pyodide_run.output, end="")
        print("--- end of Pyodide run ---")

    assert pyodide_run.returncode == 0, f"pytest inside Pyodide exited with {pyodide_run.returncode}"
    assert "platform emscripten -- Python 3.14" in pyodide_run.output, "the tests did not run under Pyodide's Python 3.14"
    summaries = _SUMMARY.findall(pyodide_run.output)
    assert summaries, "no pytest summary line in the output"
    counts = summaries[-1]
    assert re.search(r"\b[1-9]\d* passed\b", counts), counts
    assert not re.search(r"\b(failed|errors?)\b", counts), counts
