"""From your watch: the reader's own activity files turned into figures for the planner and the cadence tool.

``Reading`` takes files (FIT or GPX, as bytes) and reads them a budget of records at a time,
so the page stays responsive and can show progress; ``summarise`` turns what was read into
``Figures``. Pure: no clock (``today`` is an input), no I/O; the bytes come from the caller.

The figures, and where each rule comes from:

- for the planner: weekly running over the last four weeks (its field asks for a typical week
  over the last month), runs a week, and the longest run in the last 30 days (the window of
  Frandsen et al. 2025, which the planner's field uses);
- for the cadence tool: cadence against pace, and the reader's own cadence at their usual
  easy pace, with a target 5 to 10% above it at that same pace (Heiderscheit et al. 2011),
  never a fixed 180 (Burns et al. 2019: cadence varies between runners and with speed);
- ground contact time and vertical oscillation at easy pace, where the file has them: the
  reader's own baseline, to compare over time; they do not show how the foot lands;
- the same, week by week, at the same easy pace, so a change is not a change of pace.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from . import cadence, ramp_up
from ._errors import InputError
from ._fields import default_values
from ._watch_files import PACE_BIN, Bin, Outcome, Problem, Reader, Run, read_fit, read_gpx

Unit = Literal["km", "mi"]
UNITS: tuple[Unit, ...] = ("km", "mi")
METRES_PER: Mapping[str, float] = cadence.METRES_PER

MAX_FILE_BYTES = 25 * 1024 * 1024
"""Largest file read: our convention. A run of a whole day recorded every second is well under it
(a one-hour FIT file is some 100 to 300 KB); above it, a file is most likely not one activity."""
WEEKS_BACK = 4
"""Weeks the planner's figures average over: its field asks for "a typical week over the last month"."""
LONGEST_DAYS = 30
"""The longest run is looked for over this many days, today included: the window in which a much longer
single run came with more injuries (Frandsen et al. 2025), as the planner's field asks."""
EASY_BAND = 0.05
"""Moments within 5% of the easy pace count as "at easy pace": our convention."""
MIN_SECONDS_AT_PACE = 120.0
"""Fewest seconds at easy pace (with the figure recorded) to give a cadence, contact time or bounce
figure, for all the runs or for one week: our convention."""
CHART_SECONDS = 60.0
"""Fewest seconds with cadence at a pace for the chart to show a point there: our convention."""
CHART_BAND = 15.0
"""Width of the chart's pace bands, in seconds per km or per mile."""
SAME_RUN_SECONDS = 60.0
"""Two files whose runs start this close together are the same run (a FIT and a GPX of it, say)."""


@dataclass(frozen=True)
class Progress:
    """How far a reading has got."""

    done: bool
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    current: str
    """The file being read ("" when none is)."""


@dataclass(frozen=True)
class AtPace:
    """Time-weighted averages over the moments at easy pace; ``None`` with too little time to say."""

    cadence: float | None
    """Steps a minute."""
    stance: float | None
    """Ground contact time, ms."""
    bounce: float | None
    """Vertical oscillation, mm."""


@dataclass(frozen=True)
class Week:
    """One calendar week, Monday to Sunday."""

    monday: date
    runs: int
    metres: float
    """Distance of its runs that have one."""
    seconds: float
    at_easy: AtPace


@dataclass(frozen=True)
class Point:
    """One point of the chart: average cadence at a band of pace."""

    pace: float
    """Seconds per ``unit``: the average pace of the running in the band."""
    cadence: float
    seconds: float


@dataclass(frozen=True)
class Figures:
    """Everything the reader's files say, for the page, the command line and the other calculators."""

    today: date
    unit: Unit
    files: int
    runs: tuple[Run, ...]
    """The runs counted, oldest first."""
    problems: tuple[Problem, ...]
    """Per file, in the order read: files left out, and runs counted with a caveat."""
    recent: tuple[Run, ...]
    """Runs in the last ``WEEKS_BACK`` weeks."""
    weekly_metres: float | None
    """Average a week over the last four weeks; ``None`` if one of those runs has no distance."""
    weekly_seconds: float
    runs_per_week: float
    longest: Run | None
    """Longest run of the last 30 days, by distance (by time if one has no distance)."""
    easy_pace: float | None
    """Seconds per km."""
    baseline: AtPace
    target: cadence.Result | None
    """The cadence tool's own result for the baseline at easy pace (its target band)."""
    points: tuple[Point, ...]
    weeks: tuple[Week, ...]
    planner: dict[str, str] | None
    """The planner's field names and values."""
    cadence_fields: dict[str, str] | None
    """The cadence tool's field names and values."""
    notes: tuple[str, ...]
    """Plain sentences about the figures as a whole."""


def too_big(name: str, size: int) -> Problem:
    """The message for a file over ``MAX_FILE_BYTES``."""
    limit = MAX_FILE_BYTES // 1024 // 1024
    said = f"{size / 1024 / 1024:.1f} MB"
    return Problem(name, f"{name}: the file is {said}, more than the {limit} MB we read for one run (our limit). Left out.")


def _sniff(name: str, data: bytes) -> Reader | Problem:
    """The reader for a file, by its name, or by its first bytes when the name does not say."""
    if not data:
        return Problem(name, f"{name}: the file is empty. Left out; export it again from your watch's app.")
    if len(data) > MAX_FILE_BYTES:
        return too_big(name, len(data))
    lower = name.lower()
    if lower.endswith(".fit") or (not lower.endswith(".gpx") and data[8:12] == b".FIT"):
        return read_fit(name, data)
    if lower.endswith(".gpx") or data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        return read_gpx(name, data)
    if data[:2] == b"PK":
        return Problem(name, f"{name}: this is a zip file. Unzip it first, then choose the .fit file inside. Left out.")
    return Problem(name, f"{name}: only .fit and .gpx activity files can be read. Left out.")


class Reading:
    """Files queued, then read a budget of records per ``step``; ``figures`` at any time.

    Only the file being read is parsed; each keeps its sums (a ``Run``), not its records, and
    its bytes are let go once read. ``step`` never raises for a bad file: it becomes a
    ``Problem`` that names it.
    """

    def __init__(self, today: date, unit: Unit) -> None:
        self.today, self.unit = today, unit
        self._queue: deque[tuple[str, bytes, int]] = deque()
        self._current: tuple[str, int, Reader] | None = None
        self._outcomes: list[Outcome] = []
        self._files = self._bytes = self._bytes_read = 0
        self._position = 0

    def add(self, name: str, data: bytes, size: int | None = None) -> None:
        """Queue one file. ``size``: the file's real size when ``data`` is left empty because the file is over
        ``MAX_FILE_BYTES`` (the page does not read such a file at all)."""
        size = len(data) if size is None else max(size, len(data))
        self._queue.append((name, data, size))
        self._files += 1
        self._bytes += size

    def _finish(self, outcome: Outcome, size: int) -> None:
        self._outcomes.append(outcome)
        self._bytes_read += size
        self._current, self._position = None, 0

    def step(self, budget: int = 2000) -> Progress:
        """Read up to about ``budget`` records (each new file counts as one), then say how far it got."""
        count = 0
        while count < max(budget, 1):
            count += 1
            if self._current is None:
                if not self._queue:
                    break
                name, data, size = self._queue.popleft()
                reader = too_big(name, size) if size > MAX_FILE_BYTES else _sniff(name, data)
                if isinstance(reader, Problem):
                    self._finish(reader, size)
                    continue
                self._current = (name, len(data), reader)
            name, size, reader = self._current
            try:
                self._position = min(next(reader), size)
            except StopIteration as stop:
                self._finish(stop.value, size)
            except Exception:  # noqa: BLE001 - a reader failing in a way it did not foresee: that file's problem, not a crash
                self._finish(Problem(name, f"{name}: this file could not be read; it may be damaged. Left out."), size)
        return self.progress()

    def progress(self) -> Progress:
        current = self._current[0] if self._current else ""
        done = self._current is None and not self._queue
        return Progress(done, len(self._outcomes), self._files, self._bytes_read + self._position, self._bytes, current)

    def read_all(self, budget: int = 2000) -> Figures:
        """Read every queued file to the end, then give the figures."""
        while not self.step(budget).done:
            pass
        return self.figures()

    def figures(self) -> Figures:
        """The figures of the files read so far."""
        return summarise(self._outcomes, self.today, self.unit)


def _merge(runs: Iterable[Run]) -> dict[int, Bin]:
    bins: dict[int, Bin] = {}
    for run in runs:
        for key, band in run.bins.items():
            bins.setdefault(key, Bin()).merge(band)
    return bins


def at_pace(bins: Mapping[int, Bin], pace: float) -> AtPace:
    """Cadence, contact time and bounce over the pace bands within ``EASY_BAND`` of ``pace`` (s per km)."""
    near = Bin()
    for key, band in bins.items():
        if abs((key + 0.5) * PACE_BIN - pace) <= pace * EASY_BAND:
            near.merge(band)

    def mean(total: float, seconds: float) -> float | None:
        return total / seconds if seconds >= MIN_SECONDS_AT_PACE else None

    return AtPace(mean(near.cadence, near.cadence_seconds), mean(near.stance, near.stance_seconds), mean(near.bounce, near.bounce_seconds))


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def easy_pace(runs: Iterable[Run]) -> float | None:
    """The usual easy pace, our convention: the median of each run's average pace (seconds per km),
    over the runs with a distance. We take the reader's typical run to be an easy one."""
    paces = [pace for run in runs if (pace := run.pace) is not None]
    return _median(paces) if paces else None


def _points(bins: Mapping[int, Bin], unit: Unit) -> tuple[Point, ...]:
    """The chart's points: cadence over bands of ``CHART_BAND`` seconds per ``unit``, each placed at the
    time-weighted average pace of the running in it."""
    per = METRES_PER[unit] / 1000
    bands: dict[int, tuple[Bin, list[float]]] = {}
    for key, band in bins.items():
        pace = (key + 0.5) * PACE_BIN * per
        merged, weighted = bands.setdefault(int(pace // CHART_BAND), (Bin(), [0.0]))
        merged.merge(band)
        weighted[0] += pace * band.cadence_seconds
    return tuple(
        Point(weighted[0] / band.cadence_seconds, band.cadence / band.cadence_seconds, band.cadence_seconds)
        for _, (band, weighted) in sorted(bands.items())
        if band.cadence_seconds >= CHART_SECONDS
    )


def _tenths(value: float) -> str:
    return f"{round(value, 1):.1f}"


def pace_text(seconds: float) -> str:
    """A pace, seconds per unit, as minutes and seconds: "6:05"."""
    whole, rest = divmod(round(seconds), 60)
    return f"{whole}:{rest:02d}"


def planner_values(unit: Unit, recent: tuple[Run, ...], longest: Run | None, by_distance: bool) -> tuple[dict[str, str] | None, str]:
    """The planner's fields for these runs, and "" or a sentence saying why there are none.

    In the reader's unit of distance when every run of the last 30 days has a distance, else in
    minutes. Runs a week round to the nearest whole run, at least one, and up if the planner would
    otherwise see an average run longer than the longest run.
    """
    if not recent or longest is None:
        return None, "There are no runs from the last four weeks in these files, so there is nothing to put in the planner."
    if by_distance:
        plan_unit: str = unit
        weekly = _tenths(sum(run.metres or 0.0 for run in recent) / METRES_PER[unit] / WEEKS_BACK)
        most = f"{math.ceil((longest.metres or 0.0) / METRES_PER[unit] * 10 - 1e-6) / 10:.1f}"  # up: never below a run it bounds
    else:
        plan_unit = "min"
        weekly = f"{sum(run.seconds for run in recent) / 60 / WEEKS_BACK:.0f}"
        most = f"{math.ceil(longest.seconds / 60 - 1e-6)}"
    runs = max(1, int(len(recent) / WEEKS_BACK + 0.5))
    if float(weekly) > runs * float(most):
        runs = math.ceil(float(weekly) / float(most))
    values = {"unit": plan_unit, "weekly_volume": weekly, "runs_per_week": f"{runs:.0f}", "longest_run": most}
    try:
        ramp_up.parse_inputs({**default_values(ramp_up.FIELDS), **values})
    except InputError as error:
        said = "; ".join(error.errors.values())
        return None, f"These figures are outside what the planner can plan with ({said}), so they are not passed to it."
    return values, ""


def cadence_values(unit: Unit, pace: float | None, baseline: AtPace) -> tuple[dict[str, str] | None, cadence.Result | None]:
    """The cadence tool's fields for the cadence at easy pace, and its result (the target band)."""
    if pace is None or baseline.cadence is None:
        return None, None
    values = {
        "count_seconds": "known",
        "steps": f"{round(baseline.cadence)}",
        "pace_unit": unit,
        "pace": pace_text(pace * METRES_PER[unit] / 1000),
    }
    try:
        return values, cadence.compute(cadence.parse_inputs(values))
    except InputError:
        return None, None


def _counted(outcomes: Iterable[Outcome], today: date) -> tuple[list[Run], list[Problem]]:
    """The runs that count, and every file's message, in order."""
    runs: list[Run] = []
    problems: list[Problem] = []
    for outcome in outcomes:
        if isinstance(outcome, Problem):
            problems.append(outcome)
            continue
        name = outcome.file
        same = next((run for run in runs if abs((run.start - outcome.start).total_seconds()) <= SAME_RUN_SECONDS), None)
        if same is not None:
            problems.append(Problem(name, f"{name}: the same run as {same.file} (same start time); counted once.", True))
            continue
        if outcome.day > today:
            problems.append(Problem(name, f"{name}: this run is dated {outcome.day.isoformat()}, after today. Left out."))
            continue
        runs.append(outcome)
        if not outcome.sport_known:
            problems.append(Problem(name, f"{name}: the file does not say which sport it was; it is counted as a run.", True))
        if not outcome.has_cadence:
            problems.append(Problem(name, f"{name}: no cadence in this run. It counts for the weekly figures, not for cadence.", True))
    return sorted(runs, key=lambda run: run.start), problems


def summarise(outcomes: Iterable[Outcome], today: date, unit: Unit) -> Figures:
    """The figures from the files read (in the order read), as of ``today``."""
    outcomes = list(outcomes)
    runs, problems = _counted(outcomes, today)
    first_recent = today - timedelta(days=WEEKS_BACK * 7 - 1)
    first_longest = today - timedelta(days=LONGEST_DAYS - 1)
    recent = tuple(run for run in runs if run.day >= first_recent)
    window = [run for run in runs if run.day >= first_longest]
    by_distance = all(run.metres is not None for run in window)
    longest = max(window, key=lambda run: (run.metres or 0.0) if by_distance else run.seconds, default=None)
    weekly_metres = None
    if all(run.metres is not None for run in recent):
        weekly_metres = sum(run.metres or 0.0 for run in recent) / WEEKS_BACK
    pace = easy_pace(runs)
    bins = _merge(runs)
    baseline = at_pace(bins, pace) if pace is not None else AtPace(None, None, None)
    planner, planner_note = planner_values(unit, recent, longest, by_distance)
    fields, target = cadence_values(unit, pace, baseline)
    notes = [planner_note] if planner_note else []
    if recent and runs[0].day > first_recent:
        notes.append(
            f"Your files start on {runs[0].day.isoformat()}, less than four weeks back, so the weekly figures may be "
            "too low. Add older runs, or check the figures before you use them."
        )
    if runs and pace is not None and baseline.cadence is None:
        notes.append("Too few of these runs have cadence at your easy pace to give your cadence there.")
    return Figures(
        today=today,
        unit=unit,
        files=len(outcomes),
        runs=tuple(runs),
        problems=tuple(problems),
        recent=recent,
        weekly_metres=weekly_metres,
        weekly_seconds=sum(run.seconds for run in recent) / WEEKS_BACK,
        runs_per_week=len(recent) / WEEKS_BACK,
        longest=longest,
        easy_pace=pace,
        baseline=baseline,
        target=target,
        points=_points(bins, unit),
        weeks=_weeks(runs, pace),
        planner=planner,
        cadence_fields=fields,
        notes=tuple(notes),
    )


def _weeks(runs: list[Run], pace: float | None) -> tuple[Week, ...]:
    """Every calendar week from the first run's to the last run's, empty weeks included."""
    if not runs:
        return ()
    first = runs[0].day - timedelta(days=runs[0].day.weekday())
    last = max(run.day for run in runs)
    weeks = []
    monday = first
    while monday <= last:
        mine = [run for run in runs if monday <= run.day < monday + timedelta(days=7)]
        easy = at_pace(_merge(mine), pace) if pace is not None else AtPace(None, None, None)
        weeks.append(Week(monday, len(mine), sum(run.metres or 0.0 for run in mine), sum(run.seconds for run in mine), easy))
        monday += timedelta(days=7)
    return tuple(weeks)


def read_files(files: Iterable[tuple[str, bytes]], today: date, unit: Unit) -> Figures:
    """Read files to the end at once (the command line, tests): ``Reading`` without the steps."""
    reading = Reading(today, unit)
    for name, data in files:
        reading.add(name, data)
    return reading.read_all()
