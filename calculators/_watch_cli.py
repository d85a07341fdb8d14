"""``python -m calculators watch FILE...``: the figures from watch files, in the terminal.

The terminal is the I/O shell: it reads the files and the clock and hands both to
``watch.read_files``, which is pure.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from typing import Any

from . import _watch_html as h
from . import watch as w
from ._format import format_date
from ._safety import red_flags_text

COMMAND = "watch"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``watch`` command's options."""
    parser = sub.add_parser(
        COMMAND,
        help="Figures from your watch's activity files",
        description="Reads .fit and .gpx activity files and prints the figures for the planner and the cadence tool.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="Activity files (.fit or .gpx).")
    parser.add_argument("--today", default="", metavar="YYYY-MM-DD", help="The date the figures are worked out for. Default: today.")
    parser.add_argument("--unit", choices=w.UNITS, default="km", help="Distances and paces in km or miles. Default: km.")


def render_text(figures: w.Figures) -> str:
    """The figures as plain text: the summary, the figures, the weeks, the files and the red flags."""
    lines = [h.summary(figures), ""]
    unit = figures.unit
    if figures.longest is not None:
        longest = figures.longest
        length = h.time_text(longest.seconds)
        if longest.metres is not None:
            length = f"{h.distance_text(longest.metres, unit)} ({length})"
        lines.append(f"Longest run in the last 30 days: {length} on {format_date(longest.day)}")
    if figures.planner is not None:
        p = figures.planner
        lines.append(
            f"For the planner: --unit {p['unit']} --weekly-volume {p['weekly_volume']} "
            f"--runs-per-week {p['runs_per_week']} --longest-run {p['longest_run']}"
        )
    if figures.easy_pace is not None:
        lines.append(f"Usual easy pace: {h.pace_words(figures.easy_pace, unit)}. {h.EASY_PACE_RULE}")
    base = figures.baseline
    if base.cadence is not None:
        lines.append(f"Cadence at easy pace: {base.cadence:.0f} steps a minute. {h.AT_PACE_RULE}")
    if figures.target is not None:
        lines.append(
            f"Target at the same pace: {figures.target.target_low} to {figures.target.target_high} steps a minute "
            "(5% to 10% more; Heiderscheit et al. 2011). Your own cadence, not a fixed 180 (Burns et al. 2019)."
        )
    if base.stance is not None:
        lines.append(f"Ground contact time at easy pace: {base.stance:.0f} ms")
    if base.bounce is not None:
        lines.append(f"Vertical oscillation at easy pace: {base.bounce / 10:.1f} cm")
    if base.stance is not None or base.bounce is not None:
        lines.append(h.FOOT_STRIKE)
    lines += list(figures.notes)
    if figures.weeks:
        lines += ["", "Week of           runs  distance  time       cadence  contact  bounce"]
        for week in figures.weeks:
            e = week.at_easy
            cad = f"{e.cadence:.0f}" if e.cadence is not None else "-"
            stance = f"{e.stance:.0f} ms" if e.stance is not None else "-"
            bounce = f"{e.bounce / 10:.1f} cm" if e.bounce is not None else "-"
            lines.append(
                f"{format_date(week.monday):<17} {week.runs:>4}  {h.distance_text(week.metres, unit):>8}  "
                f"{h.time_text(week.seconds):<9}  {cad:>7}  {stance:>7}  {bounce:>6}"
            )
    if figures.problems:
        lines += ["", "About your files:", *(f"- {problem.message}" for problem in figures.problems)]
    lines += ["", red_flags_text()]
    return "\n".join(lines)


def run(args: Any) -> int:
    """Read the files, print the figures; 0 if any run was counted, 1 if none, 2 for a bad option."""
    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        print(f"error: --today: {args.today!r} is not a date like 2027-01-04", file=sys.stderr)
        return 2
    reading = w.Reading(today, args.unit)
    unread = []
    for path in args.files:
        name = os.path.basename(path)
        try:
            size = os.path.getsize(path)
            if size > w.MAX_FILE_BYTES:
                unread.append(f"- {w.too_big(name, size).message}")
                continue
            with open(path, "rb") as file:
                data = file.read(w.MAX_FILE_BYTES + 1)
        except OSError as error:
            unread.append(f"- {name}: cannot open it ({error.strerror}).")
            continue
        reading.add(name, data)
    figures = reading.read_all()
    print(render_text(figures))
    if unread:
        print("\nFiles not read:\n" + "\n".join(unread))
    return 0 if figures.runs else 1
