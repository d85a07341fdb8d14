"""Properties of the watch reader over many generated runs and over any bytes at all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import cadence, ramp_up, watch
from calculators._fields import default_values

from .watch_fixtures import TODAY, Spec, gpx_file, one_run

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def run_specs(draw: st.DrawFn) -> list[Spec]:
    """Up to eight runs over nine weeks before ``TODAY`` (some on the same day), each a GPX track."""
    specs = []
    for number in range(draw(st.integers(1, 8))):
        day = TODAY - timedelta(days=draw(st.integers(0, 62)))
        start = datetime(day.year, day.month, day.day, 5 + 2 * number, 0, tzinfo=UTC)  # one start per run: none is a copy
        minutes = draw(st.integers(12, 100))
        speed = draw(st.floats(2.0, 5.0))
        strides = draw(st.none() | st.integers(75, 95))
        specs.append(Spec(f"run{number}.gpx", start, minutes, speed, strides, every=10))
    return specs


def _read(specs: list[Spec], unit: watch.Unit = "km") -> watch.Figures:
    return watch.read_files([(spec.name, gpx_file(spec)) for spec in specs], TODAY, unit)


@SETTINGS
@given(run_specs())
def test_weekly_totals_are_the_sum_of_the_runs(specs: list[Spec]) -> None:
    """Each week's runs, distance and time are those of the runs generated in it; the four-week average is their sum over four."""
    figures = _read(specs)
    assert len(figures.runs) == len(specs)
    for week in figures.weeks:
        mine = [s for s in specs if week.monday <= s.day < week.monday + timedelta(days=7)]
        assert week.runs == len(mine)
        assert week.metres == pytest.approx(sum(s.metres for s in mine), rel=1e-6)
        assert week.seconds == pytest.approx(sum(s.seconds for s in mine))
    assert sum(week.runs for week in figures.weeks) == len(specs)
    recent = [s for s in specs if s.day >= TODAY - timedelta(days=27)]
    assert figures.weekly_metres == pytest.approx(sum(s.metres for s in recent) / 4, rel=1e-6)
    assert figures.runs_per_week == len(recent) / 4


@SETTINGS
@given(run_specs())
def test_the_longest_run_is_the_longest_of_the_last_30_days(specs: list[Spec]) -> None:
    """The longest run is the maximum distance over the runs of the last 30 days, today included, and none before."""
    figures = _read(specs)
    window = [s for s in specs if s.day >= TODAY - timedelta(days=29)]
    if not window:
        assert figures.longest is None
        return
    assert figures.longest is not None and figures.longest.metres is not None
    assert figures.longest.metres == pytest.approx(max(s.metres for s in window), rel=1e-6)
    assert figures.longest.day >= TODAY - timedelta(days=29)


@SETTINGS
@given(run_specs(), st.sampled_from(["km", "mi"]))
def test_values_passed_on_parse_in_the_other_calculators(specs: list[Spec], unit: watch.Unit) -> None:
    """Whatever runs were read, the planner's and the cadence tool's values parse with their own parse_inputs."""
    figures = _read(specs, unit)
    if figures.planner is not None:
        inputs = ramp_up.parse_inputs({**default_values(ramp_up.FIELDS), **figures.planner})
        assert inputs.runs_per_week >= 1
    else:
        assert figures.notes
    if figures.cadence_fields is not None:
        assert cadence.parse_inputs(figures.cadence_fields).count_seconds is None


def _spoiled(data: bytes) -> st.SearchStrategy[bytes]:
    """``data`` cut short, with bytes changed, or with bytes put in."""
    size = len(data)
    cut = st.integers(0, size).map(lambda n: data[:n])
    flipped = st.lists(st.tuples(st.integers(0, size - 1), st.integers(1, 255)), min_size=1, max_size=8).map(
        lambda changes: bytes(b ^ dict(changes).get(i, 0) for i, b in enumerate(data))
    )
    inserted = st.tuples(st.integers(0, size), st.binary(min_size=1, max_size=40)).map(lambda t: data[: t[0]] + t[1] + data[t[0] :])
    return cut | flipped | inserted


_, FIT = one_run()
GPX = gpx_file(Spec("g.gpx", datetime(2027, 3, 12, 7, 0, tzinfo=UTC), 5, 2.8, 82, every=10))


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["x.fit", "x.gpx", "x.bin"]),
    st.binary(max_size=300) | _spoiled(FIT) | _spoiled(GPX) | st.just(b"") | st.just(FIT[:14]),
)
def test_any_bytes_parse_or_give_the_reader_s_own_message(name: str, data: bytes) -> None:
    """Any bytes under any name: the reader never raises; the file is a run, or a message names it."""
    reading = watch.Reading(TODAY, "km")
    reading.add(name, data)
    while not reading.step(7).done:
        pass
    figures = reading.figures()
    left_out = [p for p in figures.problems if not p.counted]
    assert len(figures.runs) + len(left_out) == 1
    for problem in figures.problems:
        assert problem.file == name and problem.message.startswith(f"{name}: ")
