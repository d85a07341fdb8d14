"""The ramp-up plan as HTML (with an SVG chart) and as plain rows."""

from __future__ import annotations

from typing import Literal, assert_never

from . import _checkin_text as t
from . import ramp_up as r
from ._checkin_html import advice_lines, render_advice, render_checkins
from ._fields import day_names, show_value
from ._format import escape, format_amount, format_date, format_percent
from ._safety import GATE_SCOPE, cautions_text, flag_group
from .render import REFERENCES_URL, cite, render_cautions, render_gate_scope, render_red_flags

KIND_NAMES = {
    "start": "Start",
    "build": "Build",
    "deload": "Easier",
    "hold": "Hold",
    "taper": "Before the race",
    "race": "Race week",
    "recover": "After the race",
}
GATE = (
    "Move on only if pain during your runs stayed at 5 out of 10 or lower (0 to 2 is safe, up to 5 is "
    "acceptable), it had settled by the next morning, and it is not rising from week to week. If not, repeat "
    "the week; if pain went above 5 out of 10, go back a week"
)
GATE_WITH_SCOPE = f"{GATE}. {GATE_SCOPE}"
"""The gate and what it does not cover, as plain text for the CSV, the calendar and the terminal."""
OLDER_THAN_NORMS = 60
"""Lunsford & Perry tested adults aged 20 to 59: from this age the count mainly shows where to start."""


def summary(result: r.Result) -> str:
    """One plain sentence: length, from and to, and what the first week with the new strike asks."""
    inputs = result.inputs
    first = next((w for w in result.weeks if w.new_strike > 0), result.weeks[0])
    runs = inputs.runs_per_week
    run_word = "run" if runs == 1 else "runs"
    each = "" if runs == 1 else " each"
    weeks = f"{len(result.weeks)} weeks" if not result.logged else f"{len(result.weeks)} weeks to go"
    text = (
        f"{weeks} from {format_percent(first.share)} to {format_percent(inputs.target_share)} "
        f"of your running with the new strike; week {first.number} is {runs} {run_word} with "
        f"{format_amount(first.per_run, inputs.unit)} of the new strike{each}, the rest as usual."
    )
    if result.race is None:
        return text
    return f"{text} {race_line(result)}"


RaceWhen = Literal["behind", "soon", "after", "too-soon", "in-plan"]


def race_when(result: r.Result) -> RaceWhen:
    """Where the race stands: behind the reader (on or before their latest check-in), coming up before the plan's next
    week, after the plan ends, in a plan that starts after it, or among the weeks ahead."""
    race = result.race
    assert race is not None
    if result.logged and race.day <= result.logged[-1].entry.day:
        return "behind"
    ahead = result.weeks[0]
    if race.week is not None and race.week < ahead.number or ahead.start is not None and race.day < ahead.start:
        return "soon"
    if race.week is None:
        return "after"
    weeks = [*(done.week for done in result.logged), *result.weeks]
    start = next((w for w in weeks if w.kind == "start"), None)
    return "too-soon" if start is not None and start.number > race.week else "in-plan"


def race_in_doubt(result: r.Result) -> bool:
    """Whether the latest check-in held the reader back: then whether to race at all is that advice's question."""
    advice = result.advice
    return advice is not None and (
        advice.outcome in ("stop", "hold", "back", "restart") or bool({"persistent", "bone-place"} & set(advice.reasons))
    )


def race_line(result: r.Result) -> str:
    """Where the race is in the plan, in one sentence."""
    race = result.race
    assert race is not None
    when, where = f"Your {race.name} on {format_date(race.day)}", race_when(result)
    usual = " Check your latest advice before you decide to race." if race_in_doubt(result) else " Race in your usual strike."
    if where == "behind":
        return f"{when} is behind you: the weeks ahead go on from where you are."
    if where == "after":
        return f"{when} comes after the plan ends: by then the new strike is part of your running; race as feels natural."
    if where == "soon":
        return f"{when} is coming up, before the plan's next week.{usual}"
    if where == "too-soon":
        start = next(w for w in [*(d.week for d in result.logged), *result.weeks] if w.kind == "start")
        return f"{when} is in week {race.week}, too soon to start before it: the switch starts in week {start.number}.{usual}"
    return f"{when} is in week {race.week}: no step up before it and easy weeks around it.{usual}"


def _weeks_word(count: int) -> str:
    return "1 week" if count == 1 else f"{count} weeks"


def race_points(result: r.Result, refs: str | None = None) -> list[str]:
    """What the plan does around the race, and why, as plain sentences (with citations when ``refs`` is given); none
    for a race behind the reader or after the plan."""
    race = result.race
    assert race is not None

    def cited(key: str) -> str:
        return f" ({cite(key, refs)})" if refs is not None else ""

    where = race_when(result)
    if where in ("behind", "after"):
        return []
    if race_in_doubt(result):
        first = (
            "Your latest check-in held you back, so whether to race at all is a question for its advice, and for a "
            "clinician if it sent you to one. Do not race on a red flag, a sudden pain in one spot, or a pain in a bone. "
            "If you do race, run it in the strike you are used to, and leave the new-strike block out of it."
        )
    else:
        first = (
            "Run the race in the strike you are used to: that is fine. A race is not the place to practise the new strike, "
            f"and tired legs drift back to a heel strike late in long races anyway{cited('larson-2011')}. Leave the "
            "new-strike block out of the race itself."
        )
    if where == "soon":
        return [first]
    after = "the week after it" if race.recovery == 1 else f"the {race.recovery} weeks after it"
    return [
        first,
        f"In the {_weeks_word(race.taper)} before race week the new strike takes no step up, so your calves get no new load "
        f"just before the race. How long is our convention for a {race.name}; across studies of athletes, a taper of about two weeks "
        f"worked best on average{cited('bosquet-2007')}. The planner keeps your total running flat: ease that off "
        "before the race as you usually would.",
        f"Race week and {after} are easy for the new strike: a step below where you were, while your legs recover (our convention).",
        "After that the plan picks up where it was before the race, without a step, and builds on from there with "
        "the same limits as before.",
    ]


def live(result: r.Result) -> str:
    """One or two plain sentences for the live region: the advice of the moment if the reader has checked
    in, else the plan's summary."""
    return t.live(result.advice) if result.advice is not None else summary(result)


def days_text(result: r.Result) -> str:
    """The run days, and who picked them."""
    runs = result.inputs.runs_per_week
    doubled = sorted({d for d in result.run_days if result.run_days.count(d) > 1})
    text = day_names(result.run_days)
    if doubled:
        text += f", two runs on {day_names(tuple(doubled))}"
    return text + (" (your days)" if result.inputs.weekdays else f" (your {runs} runs spread through the week)")


_FIELD_BY_NAME = {spec.name: spec for spec in r.FIELDS}


def _said(name: str, value: str, unit: str = "") -> str:
    """A value of the planner's field ``name`` with its unit, as every description of inputs says it."""
    return show_value(_FIELD_BY_NAME[name], value, unit)


def input_items(result: r.Result) -> list[tuple[str, str]]:
    """What the reader entered, in a few plain lines: the plan's own record of its inputs."""
    i = result.inputs
    amount = _said("weekly_volume", f"{i.weekly_volume:g}", i.unit)
    runs = "1 run" if i.runs_per_week == 1 else f"{i.runs_per_week} runs"
    about = [_said("age", str(i.age)), _said("body_mass", f"{i.body_mass:g}") if i.body_mass is not None else "body mass not given"]
    about.append("an Achilles or calf injury in the last 12 months" if i.injury else "no Achilles or calf injury in the last 12 months")
    about.append(f"{i.heel_raises} single-leg heel raises" if i.heel_raises is not None else "heel raises not given")
    start = f"starting {format_date(i.start_date)}" if i.start_date else "no start date (weeks numbered only)"
    shares = (_said("current_share", f"{i.current_share * 100:.6g}"), _said("target_share", f"{i.target_share * 100:.6g}"))
    return [
        ("Running now", f"{amount} a week in {runs}; longest run in the last 30 days {_said('longest_run', f'{i.longest_run:g}', i.unit)}"),
        ("Run days", days_text(result)),
        ("The switch", f"from {shares[0]} to {shares[1]} of your running with the new strike, {start}"),
        ("About you", "; ".join(about)),
        ("Shoes", f"{_said('current_drop', f'{i.current_drop:g}')} drop now, {_said('target_drop', f'{i.target_drop:g}')} at the end"),
        *([("Race", f"{result.race.name} on {format_date(result.race.day)}")] if result.race else []),
    ]


def warning_text(kind: r.WarningKind, result: r.Result) -> str:
    """One warning in words, with the numbers of this plan."""
    i = result.inputs
    if kind == "cannot-rise":
        return (
            "You cannot rise onto tiptoe on one leg. If that is new, or came with a pop, a kick or a sudden pain, it is a "
            f"red flag: {flag_group('urgent').action}. If you have never been able to, see a physiotherapist before you "
            "start, and begin the strength work when they say so."
        )
    if kind == "weak-calf":
        stage = r.STRENGTH_STAGES[result.strength]
        return (
            f"You managed {i.heel_raises} single-leg heel raise{'' if i.heel_raises == 1 else 's'}: below "
            f"{r.NORM_NAME}, "
            f"which is {r.HEEL_RAISE_NORM}. Start the strength work now, before your first week or alongside it, at your "
            f'stage ("{stage.name.lower()}"), a few times a week. Count again in the weeks the plan marks; leave raises '
            f"with weight until you reach {r.HEEL_RAISE_NORM}."
        )
    if kind == "recent-injury":
        return (
            "You had an Achilles or calf injury this year. Ask the clinician who treated it "
            "before you start, and keep the pain rules strictly."
        )
    if kind == "high-volume":
        return (
            f"Your weekly running is high for a change of strike. Pain rose above {r.VOLUME_RISK_KM:g} km a week "
            "in minimalist shoes in a 26-week transition trial; consider running less while you switch."
        )
    if kind == "longest-run":
        return (
            f"Your longest run in the last 30 days ({i.longest_run:g} {i.unit}) is longer than a usual week "
            f"of your running ({i.weekly_volume:g} {i.unit}). If that was a one-off, such as a race, that is "
            "fine: the plan keeps your runs at their usual length. If not, check both: the plan is worked out from them."
        )
    if kind == "long-runs":
        return (
            f"Your runs average {i.average_run:.3g} {i.unit}. If that is right, do each run's new-strike part "
            "at its start, while you are fresh, and let tired legs go back to a heel strike late in long runs. "
            "If not, check your weekly running and runs per week: the plan is worked out from them."
        )
    if kind == "big-drop":
        return (
            f"Going from {i.current_drop:g} mm to {i.target_drop:g} mm of drop is a "
            "big change on top of the new strike. The plan steps the shoes down slowly; "
            "keep the old shoes for long runs until the last step."
        )
    if kind == "high-risk":
        factors = len(result.risk_factors)
        return (
            f"With {factors} risk factor{'' if factors == 1 else 's'} this plan takes {len(result.weeks)} weeks, with an "
            "easier week every third week. A physiotherapist can help you decide whether a lower target share suits you better."
        )
    assert_never(kind)


def warning_texts(result: r.Result) -> tuple[str, ...]:
    """The plan's warnings in words, in order: for the page and the terminal."""
    return tuple(warning_text(kind, result) for kind in result.warnings)


def shoe_text(week: r.Week, inputs: r.Inputs) -> str:
    """What to wear that week."""
    if week.shoe_change:
        return f"Step to {week.shoe_drop:g} mm"
    if week.shoe_drop == inputs.current_drop:
        return f"Usual ({week.shoe_drop:g} mm)"
    return f"{week.shoe_drop:g} mm"


def gate_text(week: r.Week, last: int) -> str:
    """The check to pass before moving on."""
    if week.kind == "race":
        return "Race in your usual strike"
    if week.kind == "recover":
        return "Let your legs recover"
    if week.number == last:
        return "Keep it up"
    if week.kind == "deload":
        return "Let soreness settle"
    return "Pain gate"


def strength_cell(week: r.Week, result: r.Result) -> str:
    """The week table's strength column: the reader's stage in the first week ahead, a heel-raise count in each
    easier week (the count, not the week, opens the next stage), and "Your stage" in between."""
    if week.number == result.weeks[0].number:
        return "After a check-up" if result.inputs.heel_raises == 0 else r.STRENGTH_STAGES[result.strength].name
    return "Count heel raises" if week.count_raises else "Your stage"


def unlock_basis(stage: r.StrengthStage) -> str:
    """Where a stage's heel-raise count comes from, in words."""
    if stage.source is None:
        return "our convention"
    return r.NORM_NAME


def text_lead(result: r.Result) -> list[str]:
    """The advice of the latest check-in (if any) and the warnings, as the terminal prints them under the summary."""
    advice = [f"> {line}" for line in advice_lines(result)] if result.advice is not None else []
    race = [f"Race: {point}" for point in race_points(result)] if result.race is not None else []
    return [*advice, *(f"! {warning}" for warning in warning_texts(result)), *race]


def text_notes(result: r.Result) -> list[str]:
    """The pain gate, the strength stages and the cautions, as the terminal prints them under the table."""
    stages = [f"  {stage.name} ({stage_opens(stage)}): {stage.text}" for stage in r.STRENGTH_STAGES]
    return [f"Pain gate: {GATE_WITH_SCOPE}", f"Strength: {strength_now(result)}", *stages, "", cautions_text()]


def stage_opens(stage: r.StrengthStage) -> str:
    """When a stage opens, as plain text: "from the start", or its count and where that comes from."""
    return "from the start" if stage.unlock == 0 else f"at {stage.unlock} single-leg heel raises, {unlock_basis(stage)}"


def strength_now(result: r.Result) -> str:
    """The reader's strength stage, why, and the count that opens the next one, as plain text."""
    stage = r.STRENGTH_STAGES[result.strength]
    raises = result.inputs.heel_raises
    why = (
        f"from the {raises} single-leg heel raises you entered"
        if raises is not None
        else "you gave no heel-raise count, so start at the first stage and count your raises to find yours"
    )
    if raises == 0:
        return (
            "Strength work: wait until a physiotherapist or doctor has checked why you cannot rise onto tiptoe, then "
            f'start at "{stage.name.lower()}".'
        )
    text = f'Your stage now: "{stage.name.lower()}" ({why}). '
    if result.strength + 1 < len(r.STRENGTH_STAGES):
        following = r.STRENGTH_STAGES[result.strength + 1]
        return text + (
            f'Count your single-leg heel raises on the weaker leg again in the weeks marked "Count heel raises": at '
            f"{following.unlock} ({unlock_basis(following)}), with the raises at 2 out of 10 or less, move on to "
            f'"{following.name.lower()}".'
            + (
                " Healthy people over 60 often manage fewer; for you the count mainly shows where to start."
                if result.inputs.age >= OLDER_THAN_NORMS
                else ""
            )
        )
    return text + "This is the last stage: add a little weight when the raises feel easy again."


def logged_rows(result: r.Result) -> list[dict[str, str]]:
    """The weeks the reader has checked in, as rows of the week table: what was planned, what counted as
    done, and "Done: " with the check-in's outcome in the last column."""
    unit = result.inputs.unit
    return [
        {
            "week": str(number),
            "starts": format_date(done.week.start) if done.week.start else "",
            "type": KIND_NAMES[done.week.kind],
            "new_strike_per_run": format_amount(done.week.per_run, unit),
            "new_strike_week": f"{format_amount(done.done, unit)} ({format_percent(done.done / done.week.total)})",
            "total_week": format_amount(done.week.total, unit),
            "shoes": shoe_text(done.week, result.inputs),
            "strength": "" if done.entry.heel_raises is None else f"{done.entry.heel_raises} heel raises",
            "gate": f"Done: {t.DONE_WORDS[done.outcome]}",
        }
        for number, done in enumerate(result.logged, start=1)
    ]


def rows(result: r.Result) -> list[dict[str, str]]:
    """The week table as plain strings, for the terminal and for export: the weeks done (if the reader
    checks in), then the weeks ahead."""
    unit = result.inputs.unit
    last = result.weeks[-1].number
    return logged_rows(result) + [
        {
            "week": str(w.number),
            "starts": format_date(w.start) if w.start else "",
            "type": KIND_NAMES[w.kind],
            "new_strike_per_run": format_amount(w.per_run, unit),
            "new_strike_week": f"{format_amount(w.new_strike, unit)} ({format_percent(w.share)})",
            "total_week": format_amount(w.total, unit),
            "shoes": shoe_text(w, result.inputs),
            "strength": strength_cell(w, result),
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


DONE_PATTERN = "ffr-ramp-up-chart-done"
"""The id of the chart's hatching, which marks the weeks done."""


def _chart_desc(result: r.Result) -> str:
    """What the chart shows, in words: the weeks done and their outcomes (if the reader checks in), then the weeks ahead."""
    weeks, unit, done = result.weeks, result.inputs.unit, len(result.logged)
    first, last = weeks[0], weeks[-1]
    total = first.total if not result.logged else result.logged[0].week.total
    ahead = (
        f"The dark part is running with the new strike: {format_amount(first.new_strike, unit)} "
        f"({format_percent(first.share)}) in week {first.number}, rising to {format_amount(last.new_strike, unit)} "
        f"({format_percent(last.share)}) in week {last.number}."
    )
    race = result.race
    if race is not None and race.week is not None:
        ahead += f" The line marked race is week {race.week}, your {race.name}."
    if not done:
        return (
            f"Bar chart over {len(weeks)} weeks. Each bar is a week's total running, "
            f"{format_amount(total, unit)} every week, as today. {ahead} The table below gives every number."
        )
    outcomes = "; ".join(
        f"week {n}, {format_amount(w.done, unit)} of the new strike, {t.DONE_WORDS[w.outcome]}"
        for n, w in enumerate(result.logged, start=1)
    )
    span = "Week 1 is done" if done == 1 else f"Weeks 1 to {done} are done"
    return (
        f"Bar chart over {done + len(weeks)} weeks. Each bar is a week's total running, "
        f"{format_amount(total, unit)} every week, as today. {span}, as you checked in (hatched bars, left of the line "
        f"marked now): {outcomes}. Ahead, from week {first.number}: {ahead[0].lower()}{ahead[1:]} "
        "The tables below give every number."
    )


def render_chart(result: r.Result) -> str:
    """An SVG bar chart: total volume per week, with the new-strike part inside it; the weeks done
    (if the reader checks in) come first, hatched, left of a line marked "now"."""
    weeks, unit = result.weeks, result.inputs.unit
    bars = [(w.week.total, w.done) for w in result.logged] + [(w.total, w.new_strike) for w in weeks]
    done = len(result.logged)
    width, height, left, bottom, top = 640, 220, 64, 28, 12
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max(total for total, _ in bars)
    slot = plot_w / len(bars)
    bar = max(slot * 0.72, 1.0)
    parts = []
    for i, (total, new) in enumerate(bars):
        x = left + i * slot + (slot - bar) / 2
        h_total = plot_h * total / peak
        h_new = plot_h * new / peak
        parts.append(
            f'<rect class="ffr-chart__total" x="{x:.1f}" y="{top + plot_h - h_total:.1f}" '
            f'width="{bar:.1f}" height="{h_total:.1f}"/>'
            f'<rect class="ffr-chart__new" x="{x:.1f}" y="{top + plot_h - h_new:.1f}" '
            f'width="{bar:.1f}" height="{h_new:.1f}"/>'
        )
        if i < done:
            parts.append(
                f'<rect class="ffr-chart__done" fill="url(#{DONE_PATTERN})" x="{x:.1f}" y="{top + plot_h - h_total:.1f}" '
                f'width="{bar:.1f}" height="{h_total:.1f}"/>'
            )
    step = max(1, round(len(bars) / 10))
    ticks = "".join(
        f'<text class="ffr-chart__label" x="{left + (n - 0.5) * slot:.1f}" y="{height - 10}" text-anchor="middle">{n}</text>'
        for n in range(1, len(bars) + 1)
        if n == 1 or n % step == 0
    )
    axis = (
        f'<line class="ffr-chart__axis" x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}"/>'
        f'<text class="ffr-chart__label" x="{left - 6}" y="{top + 4}" text-anchor="end">{escape(format_amount(peak, unit))}</text>'
        f'<text class="ffr-chart__label" x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>'
    )
    defs = now = key = race = ""
    if result.race is not None and result.race.week is not None:
        race_x = left + (result.race.week - 0.5) * slot
        race = (
            f'<line class="ffr-chart__race" x1="{race_x:.1f}" y1="{top}" x2="{race_x:.1f}" y2="{top + plot_h}"/>'
            f'<text class="ffr-chart__label" x="{race_x:.1f}" y="{top + 10}" text-anchor="middle">race</text>'
        )
    if done:
        defs = (
            f'<defs><pattern id="{DONE_PATTERN}" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect class="ffr-chart__hatch" width="2" height="6"/></pattern></defs>'
        )
        line_x = left + done * slot
        now = (
            f'<line class="ffr-chart__now" x1="{line_x:.1f}" y1="{top}" x2="{line_x:.1f}" y2="{top + plot_h}"/>'
            f'<text class="ffr-chart__label" x="{line_x + 4:.1f}" y="{top + 10}">now</text>'
        )
        key = '<span class="ffr-key ffr-key--done"></span> done (hatched) '
    first_number = 1 if done else weeks[0].number
    return (
        f'<figure class="ffr-chart"><svg viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="ffr-ramp-up-chart-title ffr-ramp-up-chart-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="ffr-ramp-up-chart-title">Your plan, week by week</title>'
        f'<desc id="ffr-ramp-up-chart-desc">{escape(_chart_desc(result))}</desc>{defs}{axis}{"".join(parts)}{race}{now}{ticks}</svg>'
        f"<figcaption>Weeks {first_number} to {weeks[-1].number}: {key}"
        '<span class="ffr-key ffr-key--new"></span> new strike '
        f'<span class="ffr-key ffr-key--total"></span> rest of your running</figcaption></figure>'
    )


def share(fraction: float) -> str:
    """A fraction as a percentage with up to one decimal ("3.5%", "10%")."""
    return f"{round(fraction * 100, 1):g}%"


def _rules(result: r.Result, refs: str) -> str:
    steps, points = result.steps, result.points
    scaled = (
        f" Your {points} risk point{'' if points == 1 else 's'} made them smaller: without risk factors they are "
        f"{share(r.STEP_OF_WEEK)}, {share(r.STEP_OF_BLOCK)} and {share(r.STEP_CAP)}."
        if points
        else ""
    )
    floor = r.floor_cap(result.inputs)
    if floor is not None and floor < steps.cap:
        scaled += (
            f" You start at {share(r.first_share(result.inputs))}, so to keep a full switch to at least "
            f"{r.MIN_WEEKS_FULL} weeks (our convention, below) no step in your plan is more than {share(floor)} of your "
            "weekly running."
        )
    strength = r.STRENGTH_STAGES
    items = [
        f"Week 1 puts about {format_percent(r.START_SHARE)} of your running into the new strike: where the "
        f"standardised 6-week phase of a transition study began, before it reached about 35% by week 6 "
        f"({cite('fuller-2017b', refs)}).",
        f"Each build week then adds {share(steps.of_week)} of your weekly running to the new strike, or "
        f"{share(steps.of_block)} of the new-strike part itself once that is more, and never more than "
        f"{share(steps.cap)} of your weekly running above the most you did in any of the 4 weeks before. These "
        "step sizes are our convention: no study has tested how fast to grow a new strike inside a run. They keep "
        f"the first weeks gentler than that 6-week phase, and the last weeks as even as the first.{scaled}",
        f"No run gets longer: your total stays at today's level, so every run stays within your longest of the "
        f"last 30 days. Single runs more than {format_percent(r.RUN_CAP)} longer than that went with more injuries "
        f"in a study of over 5,000 runners ({cite('frandsen-2025', refs)}).",
        f"Adding 20 to 60% to a week's total running, rather than under {format_percent(r.TOTAL_WEEK_CAP)}, went with "
        f"more injuries by day 21, though not later ({cite('damsted-2019', refs)}), and adding more than "
        f"{format_percent(r.TOTAL_TWO_WEEK_CAP)} over two weeks with more in new runners, though not clearly "
        f"({cite('nielsen-2014', refs)}). Both are about total running, which this plan never raises, so only one "
        f"thing changes at a time: landing further forward asks more of the calf and Achilles ({cite('xu-2021', refs)}). "
        "Using those limits for the new-strike part would be our convention; the steps above replace them. A slow "
        f"build-up is a sensible default, not proof of protection ({cite('buist-2008', refs)}).",
        f"An easier week every {result.deload_every} weeks steps the new strike back by one step, and your usual "
        "running fills the gap, so the calf and Achilles get a lighter week. Tendons may adapt more slowly than "
        f"muscles, a hypothesis ({cite('mersmann-2017', refs)}); the studies that measured tendons getting stiffer all "
        f"lasted 8 weeks or more, because shorter ones were not included ({cite('bohm-2015', refs)}). How "
        "often and how much to ease off is our convention, from common coaching practice, not a tested number.",
        f"A full switch takes at least {r.MIN_WEEKS_FULL} weeks. That floor is our convention, informed by bone "
        f"that still reacted after a 10-week switch ({cite('ridge-2013', refs)}) and by a 12-week trial "
        f"({cite('ryan-2014', refs)}).",
        "Without risk factors, a full switch from scratch takes about 26 to 35 weeks: our judgement. In a 26-week "
        "switch to minimalist shoes, 16 of 31 runners were injured, against 11 of 30 who kept their usual shoes, "
        f"a difference that could be chance ({cite('fuller-2017', refs)}). No study shows that going slower than "
        "that is safer, and a long plan is easy to drop and then rush.",
        f"Each risk point makes every step {format_percent(r.RISK_STEP_CUT)} smaller (down to half), a recent injury "
        f"counts two points, and {r.HIGH_RISK_POINTS} points or more bring an easier week every third week and the "
        "advice to see a physiotherapist. These sizes are our convention: no study has measured them.",
        f"The gate is the pain-monitoring model: running on within it did as well as rest for Achilles "
        f"pain ({cite('silbernagel-2007', refs)}).",
        f"Aim for a midfoot landing, not the toes: it loads the Achilles less than a forefoot strike "
        f"({cite('nishiguchi-2025', refs)}). Late in long runs, when tired, a heel strike is normal and allowed "
        f"({cite('larson-2011', refs)}).",
        f"Strength work runs through the whole plan; only 8 of 20 transition studies included it ({cite('warne-2017', refs)}). "
        f"Each stage opens at a heel-raise count, not at a week of the plan: {strength[2].unlock} single-leg raises is "
        f"{escape(r.NORM_NAME)} ({cite('lunsford-1995', refs)}); {strength[1].unlock} for slow "
        "single-leg raises is our convention.",
    ]
    body = "".join(f"<li>{item}</li>" for item in items)
    return f'<details class="ffr-rules"><summary>Why these numbers</summary><ul>{body}</ul></details>'


def _strength(result: r.Result, refs: str) -> str:
    """The strength stages, each with the heel-raise count that opens it, and the reader's stage now."""
    items = []
    for stage in r.STRENGTH_STAGES:
        opens = escape(stage_opens(stage))
        if stage.source is not None:
            opens = f"at {stage.unlock} single-leg heel raises, the criterion for normal of {cite(stage.source, refs)}"
        items.append(f"<li><strong>{escape(stage.name)}</strong> ({opens}): {escape(stage.text)}</li>")
    return (
        '<div class="admonition tip"><p class="admonition-title">Strength work all the way through</p>'
        f"<p>{escape(strength_now(result))}</p><ul>{''.join(items)}</ul></div>"
    )


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


def _race_box(result: r.Result, refs: str) -> str:
    """The race: where it is in the plan and what the plan does around it."""
    if result.race is None:
        return ""
    items = "".join(f"<li>{point}</li>" for point in race_points(result, refs))
    return (
        '<div class="admonition note ffr-race"><p class="admonition-title">Your race</p>'
        f"<p>{escape(race_line(result))}</p>{f'<ul>{items}</ul>' if items else ''}</div>"
    )


def _row_start(index: int, done: int) -> str:
    """A week table row's start tag: a week done and the week now are marked by class (their text says so too)."""
    if not done:
        return "<tr>"
    return '<tr class="ffr-row--done">' if index < done else '<tr class="ffr-row--now">' if index == done else "<tr>"


def render_result(result: r.Result, refs: str = REFERENCES_URL) -> str:
    """The whole result: summary, warnings, red flags, gate, chart, table and reasons; with check-ins, the
    advice first, the weeks done beside the weeks ahead, and the check-ins after the plan."""
    warnings = ""
    if result.warnings:
        items = "".join(f"<li>{escape(w)}</li>" for w in warning_texts(result))
        warnings = f'<div class="admonition warning"><p class="admonition-title">Before you start</p><ul>{items}</ul></div>'
    factors = ""
    if result.risk_factors:
        items = "".join(f"<li>{escape(f.text)} ({'; '.join(cite(k, refs) for k in f.sources)})</li>" for f in result.risk_factors)
        factors = f'<p>What slowed this plan (how much each one slows it is our convention):</p><ul class="ffr-factors">{items}</ul>'
    red_first = result.inputs.heel_raises == 0
    table = rows(result)
    done = len(result.logged)
    head = "".join(f'<th scope="col">{escape(title)}</th>' for key, title in COLUMNS if key != "starts" or table[0]["starts"])
    body = "".join(
        _row_start(number, done)
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
        for number, row in enumerate(table)
    )
    gate = (
        '<div class="admonition info"><p class="admonition-title">The pain gate before each new week</p>'
        f"<p>{escape(GATE)} ({cite('silbernagel-2007', refs)}).</p><p>{render_gate_scope()}</p></div>"
    )
    flags = render_red_flags("ffr-ramp-up") + render_cautions()
    caption, marks = "Your plan, week by week", f' data-done="{done}"' if done else ""
    if done:
        caption += f": {'week 1 done' if done == 1 else f'weeks 1 to {done} done'}, then the weeks ahead"
    return (
        f'<div class="ffr-plan" data-weeks="{len(result.weeks)}"{marks}>'
        + render_advice(result, refs)
        + _inputs(result)
        + (flags if red_first else "")
        + f'<p class="ffr-summary"><strong>{escape(summary(result))}</strong></p>'
        + _days_note(result)
        + _race_box(result, refs)
        + warnings
        + factors
        + ("" if red_first else flags)
        + gate
        + _strength(result, refs)
        + render_chart(result)
        + f'<div class="ffr-table-wrap" tabindex="0" role="region" aria-label="Plan table">'
        f'<table class="ffr-table"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>" + render_checkins(result) + _rules(result, refs) + "</div>"
    )
