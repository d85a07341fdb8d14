"""Reading watch files: the figures for the planner and the cadence tool, from real FIT and GPX files.

Every expected figure is worked out here from the values that generated the files
(``watch_fixtures.Spec``), not by the code under test.
"""

from __future__ import annotations

import json
import math
import sys
from datetime import UTC, datetime, timedelta

import pytest
from fit_tool.profile.profile_type import FileType

from calculators import cadence, ramp_up, watch
from calculators._fields import default_values

from .watch_fixtures import EASY, EASY_STRIDES, STANCE, TODAY, Spec, fit_file, gpx_file, one_run, ride, six_weeks, six_weeks_files


def _read(files: list[tuple[str, bytes]] | tuple[tuple[str, bytes], ...], unit: watch.Unit = "km") -> watch.Figures:
    return watch.read_files(files, TODAY, unit)


def _messages(figures: watch.Figures) -> dict[str, str]:
    return {problem.file: problem.message for problem in figures.problems}


def _recent(specs: tuple[Spec, ...], days: int) -> list[Spec]:
    return [spec for spec in specs if TODAY - timedelta(days=days - 1) <= spec.day <= TODAY]


def test_six_weeks_give_the_planner_its_figures() -> None:
    """Weekly running over the last four weeks, runs a week and the longest run of 30 days, in the planner's fields."""
    specs = six_weeks()
    figures = _read(six_weeks_files())
    recent = _recent(specs, 28)
    assert len(figures.runs) == len(specs) == 18
    assert len(figures.recent) == len(recent) == 12
    assert figures.weekly_metres == pytest.approx(sum(s.metres for s in recent) / 4)
    assert figures.weekly_seconds == pytest.approx(sum(s.seconds for s in recent) / 4)
    assert figures.runs_per_week == 3
    longest = max(_recent(specs, 30), key=lambda s: s.metres)
    assert figures.longest is not None and figures.longest.file == longest.name
    assert figures.longest.metres == pytest.approx(longest.metres)
    assert figures.planner == {
        "unit": "km",
        "weekly_volume": f"{sum(s.metres for s in recent) / 4 / 1000:.1f}",
        "runs_per_week": "3",
        "longest_run": f"{math.ceil(longest.metres / 100) / 10:.1f}",
    }
    ramp_up.parse_inputs({**default_values(ramp_up.FIELDS), **figures.planner})


def test_planner_figures_in_miles() -> None:
    """With miles chosen, the planner gets miles."""
    figures = _read(six_weeks_files(), "mi")
    recent = _recent(six_weeks(), 28)
    assert figures.planner is not None
    assert figures.planner["unit"] == "mi"
    assert figures.planner["weekly_volume"] == f"{sum(s.metres for s in recent) / 4 / 1609.344:.1f}"
    ramp_up.parse_inputs({**default_values(ramp_up.FIELDS), **figures.planner})


def _weighted(specs: list[Spec], value: str) -> float:
    total = sum(getattr(s, value) * s.seconds for s in specs)
    return total / sum(s.seconds for s in specs)


def test_cadence_baseline_at_easy_pace_and_its_target() -> None:
    """Easy pace is the median run pace; cadence, contact time and bounce there are time-weighted over the easy runs;
    the target is 5-10% above the rounded cadence, as the cadence tool words it."""
    specs = six_weeks()
    figures = _read(six_weeks_files())
    paces = sorted(1000 / s.speed for s in specs)
    assert figures.easy_pace == pytest.approx((paces[8] + paces[9]) / 2)
    easy = [s for s in specs if s.speed == EASY and s.strides is not None]
    steps = _weighted(easy, "steps")
    assert figures.baseline.cadence == pytest.approx(steps)
    assert figures.baseline.stance == pytest.approx(_weighted(easy, "stance"))
    assert figures.baseline.bounce == pytest.approx(85.0)
    assert figures.cadence_fields == {"count_seconds": "known", "steps": str(round(steps)), "pace_unit": "km", "pace": "5:57"}
    assert figures.target is not None
    assert (figures.target.target_low, figures.target.target_high) == (round(round(steps) * 1.05), round(round(steps) * 1.10))
    cadence.parse_inputs(figures.cadence_fields)


def test_cadence_against_pace() -> None:
    """The chart has a point at the easy pace (the easy runs' cadence) and one at the quick pace (176 steps)."""
    figures = _read(six_weeks_files())
    quick = [p for p in figures.points if p.pace < 300]
    easy = [p for p in figures.points if 340 < p.pace < 370]
    assert [round(p.cadence, 6) for p in quick] == [176.0]
    assert len(easy) == 1 and easy[0].cadence == pytest.approx(figures.baseline.cadence)


def test_week_by_week_shows_the_change_at_the_same_pace() -> None:
    """Each week: its runs, distance and time, and cadence and contact time on its easy runs only."""
    specs = six_weeks()
    figures = _read(six_weeks_files())
    assert len(figures.weeks) == 6
    for number, week in enumerate(figures.weeks):
        mine = [s for s in specs if week.monday <= s.day < week.monday + timedelta(days=7)]
        assert week.runs == len(mine) == 3
        assert week.metres == pytest.approx(sum(s.metres for s in mine))
        assert week.seconds == pytest.approx(sum(s.seconds for s in mine))
        assert week.at_easy.cadence == pytest.approx(2 * EASY_STRIDES[number])
        assert week.at_easy.stance == pytest.approx(STANCE[number])
        assert week.at_easy.bounce == pytest.approx(85.0)


def test_a_run_without_cadence_counts_for_the_planner_with_a_note() -> None:
    """The run recorded without cadence is in the weekly figures, and its file gets a note saying so."""
    figures = _read(six_weeks_files())
    message = _messages(figures)["w3-thu.fit"]
    assert "no cadence" in message and "counts for the weekly figures" in message
    assert any(run.file == "w3-thu.fit" for run in figures.recent)


def test_bad_files_each_get_a_message_and_the_rest_still_count() -> None:
    """A bike ride, a truncated file, a non-FIT file named .fit, an empty file, a course and an oversized file are
    left out, each with a message naming it; the runs' figures are as without them."""
    good = list(six_weeks_files())
    _, one = one_run()
    bad = [
        ("ride.fit", ride()[1]),
        ("cut.fit", one[: len(one) * 2 // 3]),
        ("photo.fit", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        ("empty.fit", b""),
        ("course.fit", fit_file(one_run()[0], file_type=FileType.COURSE)),
        ("huge.gpx", b" " * (watch.MAX_FILE_BYTES + 1)),
        ("notes.txt", b"ran 5k today"),
    ]
    figures = _read(good[:9] + bad + good[9:])
    messages = _messages(figures)
    for name, _ in bad:
        assert name in messages and messages[name].startswith(f"{name}: ") and "Left out" in messages[name]
    assert "bike ride" in messages["ride.fit"]
    assert "cut short" in messages["cut.fit"]
    assert "not a FIT file" in messages["photo.fit"]
    assert "empty" in messages["empty.fit"]
    assert "course" in messages["course.fit"]
    assert "our limit" in messages["huge.gpx"]
    clean = _read(good)
    assert figures.planner == clean.planner and figures.cadence_fields == clean.cadence_fields
    assert len(figures.runs) == 18 and figures.files == 18 + len(bad)


def test_damaged_bytes_inside_a_fit_file_are_caught() -> None:
    """A FIT file with a byte changed in the middle fails its check sum: left out as damaged."""
    _, data = one_run()
    spoiled = bytearray(data)
    spoiled[len(data) // 2] ^= 0xFF
    figures = _read([("spoiled.fit", bytes(spoiled))])
    assert figures.runs == ()
    assert "damaged" in _messages(figures)["spoiled.fit"]


def test_fractional_cadence_and_running_dynamics_from_fit() -> None:
    """82.5 strides a minute are 165 steps; contact time and bounce come through as written."""
    spec, data = one_run()
    figures = _read([(spec.name, data)])
    (run,) = figures.runs
    assert run.metres == pytest.approx(spec.metres) and run.seconds == pytest.approx(spec.seconds)
    assert figures.baseline == watch.AtPace(165.0, 250.0, 85.0)


def test_a_run_is_dated_by_the_watch_s_local_time() -> None:
    """A run starting at 23:30 UTC on a watch two hours ahead is on the next day."""
    spec = Spec("late.fit", datetime(2027, 3, 10, 23, 30, tzinfo=UTC), 20, EASY, 82, offset_hours=2)
    (run,) = _read([(spec.name, fit_file(spec))]).runs
    assert run.day == spec.day == spec.start.date() + timedelta(days=1)


def test_gpx_with_garmin_cadence() -> None:
    """A GPX track with TrackPointExtension cadence (strides a minute): distance, time and cadence in steps."""
    spec = Spec("park.gpx", datetime(2027, 3, 11, 7, 0, tzinfo=UTC), 40, EASY, 82, every=5)
    figures = _read([(spec.name, gpx_file(spec))])
    (run,) = figures.runs
    assert run.metres == pytest.approx(spec.metres, rel=1e-6)
    assert run.seconds == pytest.approx(spec.seconds)
    assert figures.baseline.cadence == pytest.approx(164.0)
    assert figures.problems == ()


def test_gpx_without_the_extension_counts_without_cadence() -> None:
    """A plain GPX track counts for the planner, with a note that it has no cadence."""
    spec = Spec("plain.gpx", datetime(2027, 3, 11, 7, 0, tzinfo=UTC), 30, EASY, 82, every=5)
    figures = _read([(spec.name, gpx_file(spec, cadence=False))])
    assert len(figures.runs) == 1 and figures.baseline.cadence is None and figures.cadence_fields is None
    assert "no cadence" in _messages(figures)["plain.gpx"]


def test_gpx_of_a_bike_ride_or_of_no_sport() -> None:
    """A GPX marked as cycling is left out; one that names no sport counts as a run, with a note."""
    spec = Spec("ride.gpx", datetime(2027, 3, 11, 7, 0, tzinfo=UTC), 30, EASY, 82, every=5)
    figures = _read([("ride.gpx", gpx_file(spec, kind="cycling")), ("what.gpx", gpx_file(spec, kind=""))])
    messages = _messages(figures)
    assert "bike ride" in messages["ride.gpx"] and "Left out" in messages["ride.gpx"]
    assert "counted as a run" in messages["what.gpx"]
    assert [run.file for run in figures.runs] == ["what.gpx"]


def test_the_same_run_twice_counts_once() -> None:
    """A run exported as FIT and as GPX counts once, with a note naming both files."""
    spec = Spec("twice.fit", datetime(2027, 3, 11, 7, 0, tzinfo=UTC), 30, EASY, 82)
    figures = _read([("twice.fit", fit_file(spec)), ("twice.gpx", gpx_file(spec))])
    assert [run.file for run in figures.runs] == ["twice.fit"]
    assert "same run as twice.fit" in _messages(figures)["twice.gpx"]


def test_a_run_after_today_is_left_out() -> None:
    """A run dated after the reader's today says so and is left out."""
    spec = Spec("future.fit", datetime(2027, 3, 20, 7, 0, tzinfo=UTC), 30, EASY, 82)
    figures = _read([(spec.name, fit_file(spec))])
    assert figures.runs == () and "after today" in _messages(figures)["future.fit"]


def test_no_recent_runs_gives_no_planner_values() -> None:
    """Runs older than four weeks give no planner values, and a sentence saying why."""
    spec = Spec("old.fit", datetime(2027, 1, 4, 7, 0, tzinfo=UTC), 30, EASY, 82)
    figures = _read([(spec.name, fit_file(spec))])
    assert figures.planner is None and figures.recent == ()
    assert any("last four weeks" in note for note in figures.notes)


def test_files_covering_less_than_four_weeks_get_a_warning() -> None:
    """Runs from the last week only: the weekly figures may be low, and the reader is told."""
    spec = Spec("recent.fit", datetime(2027, 3, 12, 7, 0, tzinfo=UTC), 30, EASY, 82)
    figures = _read([(spec.name, fit_file(spec))])
    assert any("less than four weeks back" in note for note in figures.notes)


def test_reading_steps_within_its_budget_and_reports_progress() -> None:
    """A small budget reads a file over several steps; progress counts files and bytes until done."""
    files = six_weeks_files()[:3]
    reading = watch.Reading(TODAY, "km")
    for name, data in files:
        reading.add(name, data)
    total = sum(len(data) for _, data in files)
    first = reading.step(50)
    assert not first.done and first.files_done == 0 and first.current == files[0][0]
    assert 0 < first.bytes_done < len(files[0][1]) and first.bytes_total == total
    steps = 1
    while not (progress := reading.step(50)).done:
        steps += 1
        assert progress.bytes_done <= total
    assert steps > 6
    assert (progress.files_done, progress.files_total, progress.bytes_done, progress.current) == (3, 3, total, "")
    assert len(reading.figures().runs) == 3


def test_import_works_without_the_fit_parser() -> None:
    """The watch module loads fitdecode only inside the FIT reader: importing it does not import the parser."""
    import subprocess

    if sys.platform == "emscripten":
        pytest.skip("no subprocess in Pyodide")
    code = "import sys, calculators.watch, calculators._watch_web; print('fitdecode' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_without_the_fit_parser_gpx_still_reads_and_fit_files_say_why(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where fitdecode cannot load, a GPX run still counts and a FIT file gets a plain message."""
    monkeypatch.setitem(sys.modules, "fitdecode", None)  # an import of it now fails
    spec = Spec("park.gpx", datetime(2027, 3, 11, 7, 0, tzinfo=UTC), 20, EASY, 82, every=5)
    figures = _read([("park.gpx", gpx_file(spec)), ("one.fit", one_run()[1])])
    assert [run.file for run in figures.runs] == ["park.gpx"]
    assert "FIT reader is not available" in _messages(figures)["one.fit"]


def test_summarise_is_the_order_of_the_files_read() -> None:
    """Problems come in the order the files were read."""
    figures = _read([("b.fit", b""), ("a.fit", b"")])
    assert [problem.file for problem in figures.problems] == ["b.fit", "a.fit"]


def test_a_file_the_page_did_not_read_for_its_size_is_named_from_its_size() -> None:
    """The page does not read a file over the limit at all (memory stays bounded): it sends the name, no bytes and the
    size, and the reader names the file and its size; the other files still count."""
    from calculators import _watch_web

    _watch_web.start(TODAY.isoformat(), "km")
    for name, data in six_weeks_files():
        _watch_web.add(name, data)
    _watch_web.add("year.fit", b"", 300 * 1024 * 1024)
    while not json.loads(_watch_web.step())["done"]:
        pass
    result = json.loads(_watch_web.result())
    problems = {p["file"]: p["message"] for p in result["problems"]}
    assert problems["year.fit"] == "year.fit: the file is 300.0 MB, more than the 25 MB we read for one run (our limit). Left out."
    assert result["planner"] is not None
    _watch_web.cancel()
