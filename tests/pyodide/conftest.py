"""Start the Pyodide run as soon as pytest knows it will be needed.

It is one Node process on one core for a minute or two. Started when collection ends, it runs
beside the rest of the suite (the site build, the browser tests) on the other core, and
``test_unit_tests_pass_in_pyodide`` then reads its outcome instead of waiting for it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TEST = "test_unit_tests_pass_in_pyodide"

_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pyodide-run")
_outcome: Future[PyodideRun] | None = None


@dataclass(frozen=True)
class PyodideRun:
    """What each step printed; ``failed`` names the step that stopped the run, if one did."""

    failed: str | None
    output: str
    returncode: int
    seconds: float


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)


def _pyodide_run() -> PyodideRun:
    """Fetch the pinned wheels, build the project's wheel, run tests/unit inside Pyodide under Node."""
    node = shutil.which("node")
    if not node:
        return PyodideRun("node is not on PATH (deselect with -m 'not pyodide')", "", 3, 0.0)
    if not (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").is_file():
        return PyodideRun("node_modules/pyodide is missing: run 'npm ci'", "", 3, 0.0)
    fetch = _run([sys.executable, "-m", "tests.pyodide.fetch_wheels"], timeout=600)
    if fetch.returncode:
        return PyodideRun("fetch_wheels failed", fetch.stdout + fetch.stderr, fetch.returncode, 0.0)
    out = Path(tempfile.mkdtemp(prefix="pyodide-wheel-"))
    build = _run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)], timeout=300)
    if build.returncode:
        return PyodideRun("building the project wheel failed", build.stdout + build.stderr, build.returncode, 0.0)
    (wheel,) = out.glob("stride_shift-*-py3-none-any.whl")
    started = time.monotonic()
    run = _run([node, str(HERE / "run.mjs"), "--project-wheel", str(wheel)], timeout=900)
    shutil.rmtree(out, ignore_errors=True)
    return PyodideRun(None, run.stdout + run.stderr, run.returncode, time.monotonic() - started)


def pytest_collection_finish(session: pytest.Session) -> None:
    global _outcome
    if _outcome is None and any(item.name == TEST for item in session.items):
        _outcome = _pool.submit(_pyodide_run)


@pytest.fixture
def pyodide_run() -> PyodideRun:
    """The Pyodide run's outcome (started at the end of collection; started now if it was not)."""
    global _outcome
    if _outcome is None:
        _outcome = _pool.submit(_pyodide_run)
    return _outcome.result(timeout=1800)
