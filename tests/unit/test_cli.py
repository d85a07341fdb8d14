"""The command line: ``python -m calculators ramp``."""

from __future__ import annotations

import csv
import io
import os
import sys

import pytest

from calculators import ramp_up
from calculators._cli import main


def test_help_explains_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    """``ramp --help`` lists each input with its meaning."""
    with pytest.raises(SystemExit) as exited:
        main(["ramp", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for option in ["--weekly-volume", "--runs-per-week", "--target-share", "--injury", "--start-date", "--unit {min,km,mi}"]:
        assert option in out


def test_plan_prints_summary_table_and_red_flags(capsys: pytest.CaptureFixture[str]) -> None:
    """A call prints the plan's summary, a row per week and the red flags."""
    assert main(["ramp", "--unit", "km", "--weekly-volume", "30", "--longest-run", "12", "--start-date", "2027-01-04"]) == 0
    out = capsys.readouterr().out
    weeks = len(ramp_up.compute(ramp_up.parse_inputs({"unit": "km", "weekly_volume": "30", "longest_run": "12"})).weeks)
    assert out.startswith(f"{weeks} weeks from 5% to 100%")
    assert "Mon 4 Jan 2027" in out
    assert "see a clinician" in out


def test_bad_input_exits_2_naming_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    """Bad values exit with status 2 and one line per option at fault."""
    assert main(["ramp", "--age", "3", "--weekly-volume", "lots"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "error: --weekly-volume: Current weekly running must be a number, like 150",
        "error: --age: Age must be at least 14 years",
    ]


def test_csv_has_one_row_per_week(capsys: pytest.CaptureFixture[str]) -> None:
    """``--format csv`` writes a header and one row per planned week, then notes after a blank row."""
    assert main(["ramp", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out, newline="")))
    weeks = rows[1 : rows.index([])]
    assert rows[0][0] == "Week" and weeks[0][0] == "1" and weeks[-1][0] == str(len(weeks))


@pytest.mark.skipif(sys.platform == "emscripten", reason="no operating-system pipes in Pyodide")
def test_a_closed_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Piping the plan into `head` should end the command quietly with status 0, not a traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone, as `head` goes after its first lines
    with os.fdopen(write_end, "w") as closed:
        monkeypatch.setattr(sys, "stdout", closed)
        assert main(["ramp", "--age", "90", "--injury"]) == 0
