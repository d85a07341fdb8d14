"""The ramp-up plan as files: CSV for a spreadsheet, iCalendar for a calendar app.

Made from the same ``Result`` the page shows, by the same code in the reader's
browser (through the worker) and on the command line. Pure: the time stamp and
today's date come in as arguments.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from . import ramp_up as r
from ._checkin_html import CHECKIN_COLUMNS, advice_lines, checkin_rows
from ._errors import InputError
from ._format import format_amount, format_date, format_percent
from ._ics import AllDayEvent, calendar
from ._ramp_up_html import (
    GATE_WITH_SCOPE,
    KIND_NAMES,
    gate_text,
    input_items,
    race_in_doubt,
    race_line,
    race_points,
    shoe_text,
    stage_opens,
    strength_cell,
    strength_now,
)
from ._safety import CAUTIONS_TITLE, cautions_text, red_flags_text

MEDIA_TYPES = {"csv": "text/csv;charset=utf-8", "ics": "text/calendar;charset=utf-8"}
"""Each format this module writes, with its media type."""
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://stride-shift.invalid/ramp-up")
"""Namespace of the events' UIDs: a run keeps its UID when the plan is exported again."""
PRODUCT = "-//Stride Shift//Ramp-up planner//EN"


@dataclass(frozen=True)
class Export:
    """A file to hand to the reader."""

    text: str
    filename: str
    media_type: str


def _number(value: float) -> str:
    """A number for a spreadsheet: at most two decimals, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def csv_columns(unit: str) -> list[str]:
    """The CSV header; amounts are in the reader's unit, named in the header."""
    return [
        "Week",
        "Starts",
        "Ends",
        "Type",
        "Run dates",
        f"New strike per run ({unit})",
        f"New strike this week ({unit})",
        "New strike share (%)",
        f"Total this week ({unit})",
        "Shoe drop (mm)",
        "Shoe change",
        "Strength",
        "Before moving on",
    ]


def to_csv(result: r.Result) -> str:
    """One row per week, then a blank row and notes: the inputs, the pain gate and its scope, the strength work
    and the red flags (one cell, a line a group heading or a sign)."""
    dates: dict[int, list[str]] = {}
    for run in r.schedule(result):
        dates.setdefault(run.week.number, []).append(run.day.isoformat())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(csv_columns(result.inputs.unit))
    last = result.weeks[-1].number
    for w in result.weeks:
        writer.writerow(
            [
                w.number,
                w.start.isoformat() if w.start else "",
                (w.start + timedelta(days=6)).isoformat() if w.start else "",
                KIND_NAMES[w.kind],
                " ".join(dates.get(w.number, [])),
                _number(w.per_run),
                _number(w.new_strike),
                _number(w.share * 100),
                _number(w.total),
                f"{w.shoe_drop:g}",
                "yes" if w.shoe_change else "no",
                strength_cell(w, result),
                gate_text(w, last),
            ]
        )
    writer.writerow([])
    if result.logged:
        writer.writerows(_checkins(result))
        writer.writerow([])
    writer.writerows(input_items(result))
    if result.race is not None:
        writer.writerow(["Your race", "\n".join([race_line(result), *race_points(result)])])
    writer.writerow(["Pain gate", GATE_WITH_SCOPE])
    writer.writerow(["Strength now", strength_now(result)])
    writer.writerows([f"Strength: {stage.name}", f"{stage_opens(stage)}: {stage.text}"] for stage in r.STRENGTH_STAGES)
    writer.writerow(["Red flags", red_flags_text()])
    writer.writerow([CAUTIONS_TITLE, cautions_text()])
    return out.getvalue()


def _checkins(result: r.Result) -> list[list[str]]:
    """ "Your check-ins" for the CSV, beside the plan: a title row, the advice now, then a header and one row a
    check-in (the same columns as the page's table)."""
    unit = result.inputs.unit
    titles = [f"{title} ({unit})" if key == "new_strike" else title for key, title in CHECKIN_COLUMNS]
    found = [["Your check-ins"]]
    if result.advice is not None:
        found.append(["Advice now", "\n".join(advice_lines(result))])
    found.append(titles)
    for done, row in zip(result.logged, checkin_rows(result), strict=True):
        cells = {**row, "day": done.entry.day.isoformat(), "new_strike": _number(done.done)}
        found.append([cells[key] for key, _ in CHECKIN_COLUMNS])
    return found


def _uid(start: date, run: r.PlannedRun) -> str:
    """Stable: the same plan start, week and run give the same UID, so a calendar app
    that honours UIDs updates the event instead of adding a second one."""
    return str(uuid.uuid5(UID_NAMESPACE, f"{start.isoformat()}/week-{run.week.number}/run-{run.number}"))


def _strength_line(week: r.Week, result: r.Result) -> str:
    """The strength work for a week's runs: the stage and what opens the next in week 1, a heel-raise
    count in each easier week (the count, not the week, moves the reader on), and the stage otherwise."""
    if week.number == result.weeks[0].number:
        return f"{strength_now(result)} {r.STRENGTH_STAGES[result.strength].text}"
    if week.count_raises:
        return "count your single-leg heel raises on the weaker leg this week; the count opens the next stage."
    return "keep up the calf raises at your stage, a few times a week."


def _event(result: r.Result, run: r.PlannedRun, start: date, lead: tuple[str, ...] = ()) -> AllDayEvent:
    week, inputs, last = run.week, result.inputs, result.weeks[-1].number
    unit, runs = inputs.unit, inputs.runs_per_week
    kind = KIND_NAMES[week.kind].lower()
    gate = gate_text(week, last)
    if gate == "Pain gate":
        gate = f"Pain gate. {GATE_WITH_SCOPE}"
    elif week.kind in ("race", "recover"):
        gate = f"{gate}: an easy week for the new strike."
    elif week.kind == "deload":
        gate = f"{gate}: this is an easier week."
    else:
        gate = f"{gate}: this is the last week of the plan."
    race = result.race
    near = race is not None and week.start is not None and r.race_role(race.day, race.distance, week.start) is not None
    race_lines = [race_line(result)] if near else []
    lines = [
        *lead,
        f"Week {week.number} of {last} ({kind}), run {run.number} of {runs}.",
        *(
            [
                f"New strike in this run: {format_amount(week.per_run, unit)}, as one block after an easy warm-up, "
                "while you are fresh. Run the rest as you usually do."
            ]
            if week.new_strike > 0
            else ["No new strike this week: run as you usually do."]
        ),
        f"This week: {format_amount(week.new_strike, unit)} with the new strike ({format_percent(week.share)}) "
        f"of {format_amount(week.total, unit)}.",
        f"Shoes: {shoe_text(week, inputs)}.",
        f"Strength: {_strength_line(week, result)}",
        f"Before the next week: {gate}",
        *race_lines,
        red_flags_text(),
        *([cautions_text()] if week.number == 1 and run.number == 1 else []),
        "Made with the Stride Shift ramp-up planner.",
    ]
    return AllDayEvent(
        uid=_uid(start, run),
        day=run.day,
        summary=(
            f"Run: {format_amount(week.per_run, unit)} new strike (week {week.number} of {last})"
            if week.new_strike > 0
            else f"Run as usual, no new strike yet (week {week.number} of {last})"
        ),
        description="\n".join(lines),
        categories=("Running",),
    )


def start_date_needed(today: date | None) -> InputError:
    """The message for a calendar without a start date, suggesting next Monday when today is known."""
    if today is None:
        example = "like 2027-01-04"
    else:
        monday = today + timedelta(days=7 - today.weekday())
        example = f"for example next Monday, {monday.isoformat()}"
    return InputError({"start_date": f"Add a start date to put the plan in your calendar, {example}"})


def to_ics(result: r.Result, stamp: datetime, today: date | None = None) -> str:
    """One all-day event per planned run, on the reader's run days. For a plan the reader follows
    (checks in), only the runs from ``today`` on, the first of them opening with the advice of the
    latest check-in.

    Raises:
        InputError: On ``start_date``, if the plan has none.
    """
    start = result.inputs.start_date
    if start is None:
        raise start_date_needed(today)
    race = result.race
    runs = tuple(run for run in r.schedule(result) if race is None or run.day != race.day)  # race day: the race is the run
    if not result.logged:
        events = [_event(result, run, start) for run in runs]
    else:
        ahead = [run for run in runs if today is None or run.day >= today]
        lead = (*advice_lines(result), "") if result.advice is not None else ()
        events = [_event(result, run, start, lead if i == 0 else ()) for i, run in enumerate(ahead)]
    if race is not None and (today is None or not result.logged or race.day >= today):
        events.append(_race_event(result, start))
        events.sort(key=lambda event: event.day)
    return calendar(f"Stride Shift: new-strike plan from {format_date(start)}", PRODUCT, events, stamp)


def _race_event(result: r.Result, start: date) -> AllDayEvent:
    """The race, as its own all-day event, with what the plan does around it and the red flags."""
    race = result.race
    assert race is not None
    lines = [race_line(result), *race_points(result), red_flags_text(), "Made with the Stride Shift ramp-up planner."]
    return AllDayEvent(
        uid=str(uuid.uuid5(UID_NAMESPACE, f"{start.isoformat()}/race/{race.day.isoformat()}")),
        day=race.day,
        summary=f"Race: {race.name}, " + ("check your latest advice first" if race_in_doubt(result) else "in your usual strike"),
        description="\n".join(lines),
        categories=("Running",),
    )


def export(result: r.Result, fmt: str, stamp: datetime, today: date | None = None) -> Export:
    """The plan as a file of format ``fmt`` (``csv`` or ``ics``).

    Parameters:
        result: The computed plan.
        fmt: A key of ``MEDIA_TYPES``.
        stamp: When the file is made (the calendar's ``DTSTAMP``), time zone aware.
        today: The reader's date, to suggest a start date when the calendar needs one.

    Raises:
        InputError: If the plan cannot be written in this format (a calendar needs a start date).
        ValueError: For an unknown format.
    """
    if fmt not in MEDIA_TYPES:
        raise ValueError(f"unknown export format {fmt!r}")
    start = result.inputs.start_date
    name = f"stride-shift-plan-{start.isoformat()}" if start else "stride-shift-plan"
    text = to_csv(result) if fmt == "csv" else to_ics(result, stamp, today)
    return Export(text, f"{name}.{fmt}", MEDIA_TYPES[fmt])
