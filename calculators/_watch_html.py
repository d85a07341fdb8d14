"""The figures from a reader's watch files as HTML (with an SVG chart), and the page's words before any file.

Renderers only present ``watch.Figures``; every number comes from ``watch.py``.
"""

from __future__ import annotations

import math
from datetime import timedelta

from . import watch as w
from ._format import escape, format_date
from .render import REFERENCES_URL, cite, render_red_flags

UNIT_WORDS = {"km": "km", "mi": "mile"}
FOOT_STRIKE = (
    "Neither figure shows how your foot lands: they are not a measure of foot strike. "
    "Use them as your own baseline, to compare with later weeks."
)
EASY_PACE_RULE = (
    "Your usual easy pace is the middle one of your runs' average paces: half your runs were slower, half faster. "
    "That is our convention: we take your typical run to be an easy one."
)
AT_PACE_RULE = "At easy pace means moments within 5% of that pace (our convention)."

DROP_TEXT = "Drop your activity files here, or choose them."
CHOOSE_LABEL = "Choose files"
CANCEL_LABEL = "Stop reading"
USE_PLANNER_LABEL = "Use these in my plan"
USE_CADENCE_LABEL = "Use these in the cadence tool"
"""Words of the page's controls: the page's markup (its script's side) takes them from here."""


def distance_text(metres: float, unit: w.Unit) -> str:
    return f"{metres / w.METRES_PER[unit]:.1f} {unit}"


def time_text(seconds: float) -> str:
    """A duration as "1 h 05 min" or "42 min"."""
    minutes = round(seconds / 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


def pace_words(seconds_per_km: float, unit: w.Unit) -> str:
    """A pace as "6:05 per km"."""
    return f"{w.pace_text(seconds_per_km * w.METRES_PER[unit] / 1000)} per {UNIT_WORDS[unit]}"


def _runs(count: int) -> str:
    return "1 run" if count == 1 else f"{count} runs"


def _files(count: int) -> str:
    return "1 file" if count == 1 else f"{count} files"


def weekly_text(figures: w.Figures) -> str:
    """The weekly running of the last four weeks, as said: "19.7 km (1 h 52 min) a week"."""
    time = time_text(figures.weekly_seconds)
    if figures.weekly_metres is None:
        return f"{time} a week"
    return f"{distance_text(figures.weekly_metres, figures.unit)} ({time}) a week"


def summary(figures: w.Figures) -> str:
    """What the files gave, in one or two sentences."""
    if not figures.runs:
        return f"No runs could be read from {_files(figures.files)}."
    text = f"Read {_runs(len(figures.runs))} from {_files(figures.files)}."
    if figures.recent:
        text += f" Over the last four weeks you ran {weekly_text(figures)}, in about {figures.runs_per_week:.1f} runs a week."
    else:
        text += " None is from the last four weeks."
    if figures.easy_pace is not None and figures.baseline.cadence is not None:
        text += (
            f" At your usual easy pace ({pace_words(figures.easy_pace, figures.unit)}) you take about "
            f"{figures.baseline.cadence:.0f} steps a minute."
        )
    return text


def live(figures: w.Figures) -> str:
    """The live region's words: the summary, and how many files were left out."""
    left_out = sum(1 for problem in figures.problems if not problem.counted)
    if not left_out:
        return summary(figures)
    return f"{summary(figures)} {_files(left_out).capitalize()} could not be used; the list below says why."


def _planner(figures: w.Figures) -> str:
    items = []
    if figures.recent:
        first = figures.today - timedelta(days=w.WEEKS_BACK * 7 - 1)
        items.append(f"<dt>Weekly running, {escape(format_date(first))} to {escape(format_date(figures.today))}</dt>")
        items.append(f"<dd>{escape(weekly_text(figures))}, on average over four weeks</dd>")
        items.append(f"<dt>Runs a week</dt><dd>{figures.runs_per_week:.1f} ({_runs(len(figures.recent))} in four weeks)</dd>")
    longest = figures.longest
    if longest is not None:
        length = time_text(longest.seconds)
        if longest.metres is not None:
            length = f"{distance_text(longest.metres, figures.unit)} ({length})"
        items.append(f"<dt>Longest run in the last 30 days</dt><dd>{escape(length)} on {escape(format_date(longest.day))}</dd>")
    planner = figures.planner
    passed = ""
    if planner is not None:
        unit = planner["unit"]
        passed = (
            f'<p class="ffr-watch-passed">For the planner: weekly running {escape(planner["weekly_volume"])} {escape(unit)}, '
            f"{escape(planner['runs_per_week'])} {'run' if planner['runs_per_week'] == '1' else 'runs'} a week, "
            f"longest run {escape(planner['longest_run'])} {escape(unit)}. "
            "Check them before you plan: a week off or a race in these weeks changes them.</p>"
        )
    body = f'<dl class="ffr-figures">{"".join(items)}</dl>' if items else ""
    return f"<h3>For the planner</h3>{body}{passed}"


def _cadence(figures: w.Figures, refs: str) -> str:
    pace, base, unit = figures.easy_pace, figures.baseline, figures.unit
    if pace is None:
        return "<h3>Your cadence</h3><p>These runs have no distance, so there is no pace to compare cadence at.</p>"
    items = [f"<dt>Usual easy pace</dt><dd>{escape(pace_words(pace, unit))}</dd>"]
    if base.cadence is not None:
        items.append(f"<dt>Cadence at easy pace</dt><dd>{base.cadence:.0f} steps a minute</dd>")
    target = ""
    if figures.target is not None:
        low, high = figures.target.target_low, figures.target.target_high
        items.append(f"<dt>Target at the same pace</dt><dd>{low} to {high} steps a minute: 5% to 10% more</dd>")
        target = (
            f"<p>In the lab, 5% more steps a minute at the same speed lowered the load the knee absorbed, and 10% more "
            f"also at the hip ({cite('heiderscheit-2011', refs)}). The target comes from your own cadence at your own "
            f"pace, not a fixed 180: cadence differs from runner to runner and rises with speed ({cite('burns-2019', refs)}).</p>"
        )
    dynamics = []
    if base.stance is not None:
        dynamics.append(f"<dt>Ground contact time at easy pace</dt><dd>{base.stance:.0f} ms</dd>")
    if base.bounce is not None:
        dynamics.append(f"<dt>Vertical oscillation at easy pace</dt><dd>{base.bounce / 10:.1f} cm</dd>")
    strike = f"<p>{escape(FOOT_STRIKE)}</p>" if dynamics else ""
    return (
        f'<h3>Your cadence</h3><dl class="ffr-figures">{"".join(items + dynamics)}</dl>'
        f"<p>{escape(EASY_PACE_RULE)} {escape(AT_PACE_RULE)}</p>{target}{strike}{render_chart(figures)}"
    )


def _chart_desc(figures: w.Figures) -> str:
    unit = UNIT_WORDS[figures.unit]
    points = "; ".join(f"at {w.pace_text(p.pace)} per {unit}, {p.cadence:.0f}" for p in figures.points)
    text = f"Your cadence in steps a minute at each pace: {points}."
    if figures.easy_pace is not None and figures.target is not None:
        text += (
            f" Your easy pace is {pace_words(figures.easy_pace, figures.unit)}; the target there is "
            f"{figures.target.target_low} to {figures.target.target_high}."
        )
    return text


def render_chart(figures: w.Figures) -> str:
    """An SVG chart of cadence against pace (faster to the right), the easy pace and the target band at it."""
    points = figures.points
    if not points:
        return ""
    per = w.METRES_PER[figures.unit] / 1000
    easy = figures.easy_pace * per if figures.easy_pace is not None else None
    target = figures.target
    paces = [p.pace for p in points] + ([easy] if easy is not None else [])
    cadences = [p.cadence for p in points] + ([target.target_low, target.target_high] if target is not None else [])
    slow, fast = max(paces) + w.CHART_BAND, min(paces) - w.CHART_BAND
    low, high = min(cadences) - 5, max(cadences) + 5
    width, height, left, bottom, top, right = 640, 240, 56, 40, 12, 16
    plot_w, plot_h = width - left - right, height - bottom - top

    def x(pace: float) -> float:
        return left + plot_w * (slow - pace) / (slow - fast)

    def y(steps: float) -> float:
        return top + plot_h * (high - steps) / (high - low)

    dots = "".join(
        f'<circle class="ffr-chart__point" cx="{x(p.pace):.1f}" cy="{y(p.cadence):.1f}" r="5" fill="currentColor"/>' for p in points
    )
    marks = ""
    if easy is not None:
        marks += (
            f'<line class="ffr-chart__easy" x1="{x(easy):.1f}" y1="{top}" x2="{x(easy):.1f}" y2="{top + plot_h}" '
            'stroke="currentColor" stroke-dasharray="4 4"/>'
            f'<text class="ffr-chart__label" x="{x(easy) + 4:.1f}" y="{top + 10}">easy pace</text>'
        )
        if target is not None:
            marks += (
                f'<rect class="ffr-chart__target" x="{x(easy) - 6:.1f}" y="{y(target.target_high):.1f}" width="12" '
                f'height="{y(target.target_low) - y(target.target_high):.1f}" fill="none" stroke="currentColor"/>'
                f'<text class="ffr-chart__label" x="{x(easy) + 10:.1f}" y="{y(target.target_high) + 4:.1f}">target</text>'
            )
    labels = "".join(
        f'<text class="ffr-chart__label" x="{x(p.pace):.1f}" y="{height - 22}" text-anchor="middle">{w.pace_text(p.pace)}</text>'
        for i, p in enumerate(points)
        if i % max(1, round(len(points) / 8)) == 0
    )
    ticks = "".join(
        f'<text class="ffr-chart__label" x="{left - 6}" y="{y(steps) + 4:.1f}" text-anchor="end">{steps}</text>'
        f'<line class="ffr-chart__grid" x1="{left}" y1="{y(steps):.1f}" x2="{width - right}" y2="{y(steps):.1f}" '
        'stroke="currentColor" stroke-opacity="0.15"/>'
        for steps in range(math.ceil(low / 10) * 10, math.floor(high) + 1, 10)
    )
    axis = (
        f'<line class="ffr-chart__axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="currentColor"/>'
        f'<line class="ffr-chart__axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="currentColor"/>{ticks}'
        f'<text class="ffr-chart__label" x="{left + plot_w / 2:.0f}" y="{height - 4}" text-anchor="middle">'
        f"pace, minutes per {UNIT_WORDS[figures.unit]} (faster to the right)</text>"
    )
    return (
        f'<figure class="ffr-chart ffr-watch-chart"><svg viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="ffr-watch-chart-title ffr-watch-chart-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="ffr-watch-chart-title">Your cadence against your pace</title>'
        f'<desc id="ffr-watch-chart-desc">{escape(_chart_desc(figures))}</desc>{axis}{marks}{dots}{labels}</svg>'
        "<figcaption>Each dot is your average cadence (steps a minute, up the side) over all your running at that pace. "
        "Cadence usually rises as you run faster.</figcaption></figure>"
    )


def _cell(value: float | None, text: str) -> str:
    return f'<td class="ffr-num">{escape(text) if value is not None else "-"}</td>'


def render_weeks(figures: w.Figures) -> str:
    """The runs week by week, with cadence, contact time and bounce at the same easy pace."""
    if not figures.weeks:
        return ""
    stance = any(week.at_easy.stance is not None for week in figures.weeks)
    bounce = any(week.at_easy.bounce is not None for week in figures.weeks)
    head = '<th scope="col">Week of</th><th scope="col">Runs</th><th scope="col">Distance</th><th scope="col">Time</th>'
    head += '<th scope="col">Cadence at easy pace</th>'
    head += '<th scope="col">Ground contact time</th>' if stance else ""
    head += '<th scope="col">Vertical oscillation</th>' if bounce else ""
    rows = []
    for week in figures.weeks:
        easy = week.at_easy
        cells = (
            f'<th scope="row">{escape(format_date(week.monday))}</th><td class="ffr-num">{week.runs}</td>'
            f'<td class="ffr-num">{escape(distance_text(week.metres, figures.unit))}</td>'
            f'<td class="ffr-num">{escape(time_text(week.seconds))}</td>'
            + _cell(easy.cadence, f"{easy.cadence or 0:.0f}")
            + (_cell(easy.stance, f"{easy.stance or 0:.0f} ms") if stance else "")
            + (_cell(easy.bounce, f"{(easy.bounce or 0) / 10:.1f} cm") if bounce else "")
        )
        rows.append(f"<tr>{cells}</tr>")
    pace = f" ({escape(pace_words(figures.easy_pace, figures.unit))})" if figures.easy_pace is not None else ""
    return (
        '<div class="ffr-table-wrap" tabindex="0" role="region" aria-label="Your runs week by week">'
        f'<table class="ffr-table"><caption>Week by week, at your usual easy pace{pace}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        "<p>A dash means too little running at easy pace that week to say. While you switch, compare each week's "
        "cadence and contact time with your first weeks, at the same pace.</p>"
    )


def render_problems(figures: w.Figures) -> str:
    """Each file's message: left out, or counted with a note."""
    if not figures.problems:
        return ""
    items = "".join(f"<li>{escape(problem.message)}</li>" for problem in figures.problems)
    return f'<h3>About your files</h3><ul class="ffr-watch-problems">{items}</ul>'


def render_result(figures: w.Figures, refs: str = REFERENCES_URL) -> str:
    """The whole result: the summary, the figures for each calculator, the red flags, the chart, the weeks, the files."""
    notes = "".join(f"<p>{escape(note)}</p>" for note in figures.notes)
    body = _planner(figures) + _cadence(figures, refs) if figures.runs else ""
    return (
        '<div class="ffr-watch">'
        f'<p class="ffr-summary"><strong>{escape(summary(figures))}</strong></p>'
        f"{body}{notes}{render_red_flags('ffr-watch')}{render_weeks(figures)}{render_problems(figures)}"
        "</div>"
    )


def render_page() -> str:
    """The feature as the page ships it, before any file: what it does, what is read, what never leaves the
    device, and the red flags. The page's script adds the file picker, progress and buttons."""
    return (
        '<div class="ffr-watch-intro">'
        "<p>Choose or drop the activity files your watch recorded: <code>.fit</code> files (Garmin, Coros, Suunto, "
        "Wahoo and most watches export them) or <code>.gpx</code> files. You can pick several at once: the last six "
        "weeks of runs is a good amount.</p>"
        "<p><strong>Your files never leave this device.</strong> Python running in this page reads them; nothing is "
        "uploaded.</p>"
        "<p>What is read: the date, time and distance of each run, its pace and its cadence, and, where your watch or "
        "sensor records them, ground contact time and vertical oscillation. In a GPX file, positions are used only to "
        "work out distance and pace. Bike rides, walks and other sports are left out.</p>"
        "<p>What you get: your weekly running for the planner, and your cadence at your usual easy pace with a "
        "target for the cadence tool. You can check and change every figure before you use it.</p>"
        '<p class="ffr-watch-nojs ffr-js-watch-nojs">Reading files needs JavaScript. Without it, count your steps with the cadence tool '
        "and type your weekly running into the planner.</p>"
        f"</div>{render_red_flags('ffr-watch-page')}"
    )
