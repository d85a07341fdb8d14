"""The ramp-up plan as HTML (with an SVG chart) and as plain rows."""

from __future__ import annotations

from . import ramp_up as r
from ._fields import WEEKDAYS
from ._format import escape, format_amount, format_date, format_percent
from .render import REFERENCES_URL, cite, render_cautions, render_gate_scope, render_red_flags

KIND_NAMES = {"start": "Start", "build": "Build", "deload": "Easier", "hold": "Hold"}
GATE = (
    "Move on only if pain during your runs stayed at 5 out of 10 or lower (0 to 2 is safe, up to 5 is "
    "acceptable), it had settled by the next morning, and it is not rising from week to week. If not, repeat "
    "the week; if pain went above 5 out of 10, go back a week"
)


def summary(result: r.Result) -> str:
    """One plain sentence: length, from and to, and what week 1 asks."""
    first = result.weeks[0]
    inputs = result.inputs
    runs = inputs.runs_per_week
    run_word = "run" if runs == 1 else "runs"
    each = "" if runs == 1 else " each"
    return (
        f"{len(result.weeks)} weeks from {format_percent(first.share)} to {format_percent(inputs.target_share)} "
        f"of your running with the new strike; week 1 is {runs} {run_word} with "
        f"{format_amount(first.per_run, inputs.unit)} of the new strike{each}, the rest as usual."
    )


def day_names(days: tuple[int, ...]) -> str:
    """Weekdays as a reader would list them: "Mon, Wed and Fri"; a day with two runs once."""
    names = [WEEKDAYS[d].title() for d in sorted(set(days))]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def days_text(result: r.Result) -> str:
    """The run days, and who picked them."""
    runs = result.inputs.runs_per_week
    doubled = sorted({d for d in result.run_days if result.run_days.count(d) > 1})
    text = day_names(result.run_days)
    if doubled:
        text += f", two runs on {day_names(tuple(doubled))}"
    return text + (" (your days)" if result.inputs.weekdays else f" (your {runs} runs spread through the week)")


def input_items(result: r.Result) -> list[tuple[str, str]]:
    """What the reader entered, in a few plain lines: the plan's own record of its inputs."""
    i = result.inputs
    amount = f"{i.weekly_volume:g} {i.unit}"
    runs = "1 run" if i.runs_per_week == 1 else f"{i.runs_per_week} runs"
    about = [f"{i.age} years", f"{i.body_mass:g} kg" if i.body_mass is not None else "body mass not given"]
    about.append("an Achilles or calf injury in the last 12 months" if i.injury else "no Achilles or calf injury in the last 12 months")
    about.append(f"{i.heel_raises} single-leg heel raises" if i.heel_raises is not None else "heel raises not given")
    start = f"starting {format_date(i.start_date)}" if i.start_date else "no start date (weeks numbered only)"
    return [
        ("Running now", f"{amount} a week in {runs}; longest run in the last 30 days {i.longest_run:g} {i.unit}"),
        ("Run days", days_text(result)),
        (
            "The switch",
            f"from {i.current_share * 100:.6g}% to {i.target_share * 100:.6g}% of your running with the new strike, {start}",
        ),
        ("About you", "; ".join(about)),
        ("Shoes", f"{i.current_drop:g} mm drop now, {i.target_drop:g} mm at the end"),
    ]


def shoe_text(week: r.Week, inputs: r.Inputs) -> str:
    """What to wear that week."""
    if week.shoe_change:
        return f"Step to {week.shoe_drop:g} mm"
    if week.shoe_drop == inputs.current_drop:
        return f"Usual ({week.shoe_drop:g} mm)"
    return f"{week.shoe_drop:g} mm"


def gate_text(week: r.Week, last: int) -> str:
    """The check to pass before moving on."""
    if week.number == last:
        return "Keep it up"
    if week.kind == "deload":
        return "Let soreness settle"
    return "Pain gate"


def rows(result: r.Result) -> list[dict[str, str]]:
    """The week table as plain strings, for the terminal and for export."""
    unit = result.inputs.unit
    last = len(result.weeks)
    return [
        {
            "week": str(w.number),
            "starts": format_date(w.start) if w.start else "",
            "type": KIND_NAMES[w.kind],
            "new_strike_per_run": format_amount(w.per_run, unit),
            "new_strike_week": f"{format_amount(w.new_strike, unit)} ({format_percent(w.share)})",
            "total_week": format_amount(w.total, unit),
            "shoes": shoe_text(w, result.inputs),
            "strength": r.STRENGTH_PHASES[w.strength][0],
            "gate": gate_text(w, last),
        }
        for w in result.weeks
    ]


COLUMNS = (
    ("week", "Week"),
    ("starts", "Starts"),
    ("type", "Type"),
    ("new_strike_per_run", "New strike per run"),
    ("new_strike_week", "New strike this week"),
    ("total_week", "Total this week"),
    ("shoes", "Shoes"),
    ("strength", "Strength"),
    ("gate", "Before moving on"),
)
NUMERIC = {"week", "new_strike_per_run", "new_strike_week", "total_week"}


def render_chart(result: r.Result) -> str:
    """An SVG bar chart: total volume per week, with the new-strike part inside it."""
    weeks, unit = result.weeks, result.inputs.unit
    width, height, left, bottom, top = 640, 220, 64, 28, 12
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max(w.total for w in weeks)
    slot = plot_w / len(weeks)
    bar = max(slot * 0.72, 1.0)
    parts = []
    for i, w in enumerate(weeks):
        x = left + i * slot + (slot - bar) / 2
        h_total = plot_h * w.total / peak
        h_new = plot_h * w.new_strike / peak
        parts.append(
            f'<rect class="ffr-chart__total" x="{x:.1f}" y="{top + plot_h - h_total:.1f}" '
            f'width="{bar:.1f}" height="{h_total:.1f}"/>'
            f'<rect class="ffr-chart__new" x="{x:.1f}" y="{top + plot_h - h_new:.1f}" '
            f'width="{bar:.1f}" height="{h_new:.1f}"/>'
        )
    step = max(1, round(len(weeks) / 10))
    ticks = "".join(
        f'<text class="ffr-chart__label" x="{left + (n - 0.5) * slot:.1f}" y="{height - 10}" text-anchor="middle">{n}</text>'
        for n in range(1, len(weeks) + 1)
        if n == 1 or n % step == 0
    )
    axis = (
        f'<line class="ffr-chart__axis" x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}"/>'
        f'<text class="ffr-chart__label" x="{left - 6}" y="{top + 4}" text-anchor="end">{escape(format_amount(peak, unit))}</text>'
        f'<text class="ffr-chart__label" x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>'
    )
    first, last = weeks[0], weeks[-1]
    desc = (
        f"Bar chart over {len(weeks)} weeks. Each bar is a week's total running, "
        f"{format_amount(first.total, unit)} every week, as today. "
        f"The dark part is running with the new strike: {format_amount(first.new_strike, unit)} "
        f"({format_percent(first.share)}) in week 1, rising to {format_amount(last.new_strike, unit)} "
        f"({format_percent(last.share)}) in week {last.number}. The table below gives every number."
    )
    return (
        f'<figure class="ffr-chart"><svg viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="ffr-ramp-up-chart-title ffr-ramp-up-chart-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="ffr-ramp-up-chart-title">Your plan, week by week</title>'
        f'<desc id="ffr-ramp-up-chart-desc">{escape(desc)}</desc>{axis}{"".join(parts)}{ticks}</svg>'
        f'<figcaption>Weeks 1 to {last.number}: <span class="ffr-key ffr-key--new"></span> new strike '
        f'<span class="ffr-key ffr-key--total"></span> rest of your running</figcaption></figure>'
    )


def _rules(result: r.Result, refs: str) -> str:
    growth = format_percent(result.growth)
    items = [
        f"Week 1 puts about {format_percent(r.START_SHARE)} of your running into the new strike, as in the "
        f"26-week transition trial ({cite('fuller-2019', refs)}).",
        f"The new-strike part of a run grows by at most {growth} a week. No run and no continuous new-strike "
        f"stretch goes more than {format_percent(r.BLOCK_CAP)} beyond its longest in the last 30 days: runs "
        f"that did were linked to more injuries ({cite('frandsen-2025', refs)}). That also keeps every week under "
        f"+{format_percent(r.WEEK_CAP)} ({cite('damsted-2019', refs)}) and every fortnight under "
        f"+{format_percent(r.TWO_WEEK_CAP)} ({cite('nielsen-2014', refs)}). The 10% figure is a cautious "
        f"default, not proof of protection ({cite('buist-2008', refs)}).",
        "Total running stays at today's level every week, so that only one thing changes at a time: "
        f"the switch adds load to the calf and Achilles ({cite('almonroeder-2013', refs)}).",
        f"An easier week every {result.deload_every} weeks steps the new strike back by one week's growth and fills "
        "the gap with your usual running, so the calf and Achilles get a lighter week; tendon adapts more slowly than "
        f"muscle, over 8 to 12 weeks and more ({cite('bohm-2015', refs)}). How often and how much to ease off is "
        "common coaching practice, not a tested number.",
        f"A full switch takes at least {r.MIN_WEEKS_FULL} weeks: bone still reacted after a 10-week "
        f"switch ({cite('ridge-2013', refs)}), and a careful trial took 26 weeks ({cite('fuller-2017', refs)}).",
        "Each risk factor takes one point off the weekly growth, and three or more points bring an easier "
        "week every third week. These sizes are our convention: no study has measured them.",
        f"The gate is the pain-monitoring model: running on within it did as well as rest for Achilles "
        f"pain ({cite('silbernagel-2007', refs)}).",
        f"Aim for a midfoot landing, not the toes: it loads the Achilles less than a forefoot strike "
        f"({cite('nishiguchi-2025', refs)}). Late in long runs, when tired, a heel strike is normal and allowed "
        f"({cite('larson-2011', refs)}).",
        f"Strength work runs through the whole plan; only 8 of 20 transition studies included it ({cite('warne-2017', refs)}).",
    ]
    body = "".join(f"<li>{item}</li>" for item in items)
    return f'<details class="ffr-rules"><summary>Why these numbers</summary><ul>{body}</ul></details>'


def _strength(result: r.Result) -> str:
    """The three phases of strength work, with the weeks each one covers."""
    items = []
    for phase, (name, text) in enumerate(r.STRENGTH_PHASES):
        numbers = [w.number for w in result.weeks if w.strength == phase]
        if numbers:
            span = f"Week {numbers[0]}" if len(numbers) == 1 else f"Weeks {numbers[0]}–{numbers[-1]}"
            items.append(f"<li><strong>{span}, {escape(name.lower())}:</strong> {escape(text)}</li>")
    return f'<div class="admonition tip"><p class="admonition-title">Strength work all the way through</p><ul>{"".join(items)}</ul></div>'


def render_tools() -> str:
    """Baked between the form and the plan: the print-only "made with" line and the buttons that
    print or save the plan. The buttons stay disabled until the page's script enables them;
    the script also writes the date and the plan's address into the line when printing."""
    buttons = "".join(
        f'<button class="md-button ffr-js-export" type="button" data-ffr-export="{fmt}" disabled>{escape(text)}</button>'
        for fmt, text in (("print", "Print or save as PDF"), ("ics", "Add to calendar (.ics)"), ("csv", "Download CSV"))
    )
    return (
        '<p class="ffr-print-only ffr-made">Made<span class="ffr-js-made-date"></span> with the Stride Shift ramp-up planner'
        '<span class="ffr-js-made-link"></span>.</p>'
        '<div class="ffr-export ffr-screen-only ffr-js-export-bar" role="group" aria-labelledby="ffr-ramp-up-export-title">'
        '<p class="ffr-export__title" id="ffr-ramp-up-export-title">Keep your plan</p>'
        f'<div class="ffr-export__buttons">{buttons}</div>'
        '<p class="ffr-export__status ffr-js-export-status" role="status">Saving the plan needs JavaScript. '
        "Your browser's own print command still prints the plan below without the rest of the page.</p></div>"
    )


def _inputs(result: r.Result) -> str:
    items = "".join(f"<dt>{escape(name)}</dt><dd>{escape(text)}</dd>" for name, text in input_items(result))
    return f'<div class="ffr-print-only ffr-inputs"><p class="ffr-inputs__title">What you entered</p><dl>{items}</dl></div>'


def _days_note(result: r.Result) -> str:
    note = f"Run days: {days_text(result)}."
    if result.inputs.start_date is None:
        note += " Add a start date to put each run in your calendar."
    return f'<p class="ffr-days-note ffr-screen-only">{escape(note)}</p>'


def render_plan(result: r.Result, refs: str = REFERENCES_URL) -> str:
    """The whole result: summary, warnings, red flags, gate, chart, table and reasons."""
    warnings = ""
    if result.warnings:
        items = "".join(f"<li>{escape(w)}</li>" for w in result.warnings)
        warnings = f'<div class="admonition warning"><p class="admonition-title">Before you start</p><ul>{items}</ul></div>'
    factors = ""
    if result.risk_factors:
        items = "".join(f"<li>{escape(f.text)} ({cite(f.source, refs)})</li>" for f in result.risk_factors)
        factors = f'<p>What slowed this plan:</p><ul class="ffr-factors">{items}</ul>'
    red_first = result.inputs.heel_raises == 0
    table = rows(result)
    head = "".join(f'<th scope="col">{escape(title)}</th>' for key, title in COLUMNS if key != "starts" or table[0]["starts"])
    body = "".join(
        "<tr>"
        + "".join(
            (
                f'<th scope="row" class="ffr-num">{escape(row[key])}</th>'
                if key == "week"
                else f'<td class="ffr-num">{escape(row[key])}</td>'
                if key in NUMERIC
                else f"<td>{escape(row[key])}</td>"
            )
            for key, _ in COLUMNS
            if key != "starts" or row["starts"]
        )
        + "</tr>"
        for row in table
    )
    gate = (
        '<div class="admonition info"><p class="admonition-title">The pain gate before each new week</p>'
        f"<p>{escape(GATE)} ({cite('silbernagel-2007', refs)}).</p><p>{render_gate_scope()}</p></div>"
    )
    flags = render_red_flags("ffr-ramp-up") + render_cautions()
    return (
        f'<div class="ffr-plan" data-weeks="{len(result.weeks)}">'
        + _inputs(result)
        + (flags if red_first else "")
        + f'<p class="ffr-summary"><strong>{escape(summary(result))}</strong></p>'
        + _days_note(result)
        + warnings
        + factors
        + ("" if red_first else flags)
        + gate
        + _strength(result)
        + render_chart(result)
        + f'<div class="ffr-table-wrap" tabindex="0" role="region" aria-label="Plan table">'
        f'<table class="ffr-table"><caption>Your plan, week by week</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>" + _rules(result, refs) + "</div>"
    )
