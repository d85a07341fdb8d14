"""Ramp-up planner: a week-by-week plan for moving running to a midfoot strike.

The plan grows the weekly amount of running done with the new strike from about
5% (Fuller et al. 2019) towards the reader's target, holding total volume flat,
with deload weeks and caps taken from the evidence brief. Every constant below
names its source; where no study gives a number, the comment says it is our
convention.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from ._errors import CalculatorError, InputError
from ._fields import Field, parse_fields

KM_PER_MILE = 1.609344

START_SHARE = 0.05
"""First week's share of running with the new strike (Fuller et al. 2019)."""
WEEK_CAP = 0.20
"""Never plan more than +20% in one week (Damsted et al. 2019)."""
BLOCK_CAP = 0.10
"""A continuous block may be at most 10% above its 30-day maximum (Frandsen et al. 2025)."""
TWO_WEEK_CAP = 0.30
"""Never plan more than +30% over two weeks (Nielsen et al. 2014)."""
BASE_GROWTH = min(BLOCK_CAP, (1 + WEEK_CAP) ** (1 / 2) - 1, (1 + TWO_WEEK_CAP) ** (1 / 3) - 1)
"""Weekly growth of the new-strike block, about 9.1%. An easier week dips one step below
the build-up, so the week after it climbs two steps and the week after that three steps
over two weeks: (1 + g)^2 stays under +20% a week (Damsted et al. 2019), (1 + g)^3 under
+30% a fortnight (Nielsen et al. 2014), and g under the 10% block cap (Frandsen et al. 2025)."""
SLOWDOWN_PER_POINT = 0.01
"""Growth lost per risk point: our convention; no study sizes it."""
MIN_GROWTH = 0.05
"""Slowest growth we plan, so that a plan stays finite: our convention."""
MIN_WEEKS_FULL = 12
"""Shortest full switch: 10 weeks was too short for bone in Ridge et al. 2013; Ryan et al. 2014 ran 12."""
VOLUME_RISK_KM = 35.0
"""Weekly volume above which pain rose in Fuller et al. 2017."""
MINUTES_PER_KM_ASSUMED = 6.0
"""Easy pace used to compare minutes with kilometres: an assumption, stated on the page."""
AGE_RISK = 45
"""Achilles tendinopathy is four times as common above 45 as under 18 (Wang et al. 2022)."""
MASS_RISK_KG = 85.0
"""Injury risk rose near 86 kg in Fuller et al. 2017."""
BIG_DROP_MM = 8.0
"""A drop reduction this large moves from a conventional to a minimal shoe (Ryan et al. 2014)."""
DROP_STEP_MM = 4.0
"""Largest change of shoe drop in one step: our convention; no study sizes it."""
SHOE_STEP_WEEKS = 3
"""Fewest weeks between two shoe steps: our convention."""
HEEL_RAISE_NORM = 25
"""Single-leg heel raises a healthy adult manages (Lunsford & Perry 1995)."""

SHORTEST_AVERAGE_RUN = {"min": 5.0, "km": 1.0, "mi": 0.6}
"""Below this average run the plan's portions shrink to seconds: an input check, not advice."""
LONGEST_AVERAGE_RUN = {"min": 360.0, "km": 60.0, "mi": 37.0}
"""Above this average run (about 6 hours) a week's running cannot fit its runs: an input check, not advice."""
LONG_AVERAGE_RUN = {"min": 180.0, "km": 30.0, "mi": 18.5}
"""Above this average run (about 3 hours) the planner asks the reader to check, or to mind long runs: an input check."""
MAX_WEEKS = 260
"""A guard: no plan this long can come out of the rules above."""

UNITS = (("min", "minutes"), ("km", "kilometres"), ("mi", "miles"))

FIELDS: tuple[Field, ...] = (
    Field(
        "unit",
        "Measure running in",
        "choice",
        "min",
        choices=UNITS,
        hint="Minutes work with any pace; pick a distance if that is what you track.",
        group="Your running now",
    ),
    Field(
        "weekly_volume",
        "Current weekly running",
        "number",
        "150",
        unit_field="unit",
        limits={"min": (10, 1800), "km": (2, 300), "mi": (1, 190)},
        example="150",
        hint="A typical week over the last month.",
        group="Your running now",
    ),
    Field("runs_per_week", "Runs per week", "integer", "3", limits={"": (1, 14)}, example="3", group="Your running now"),
    Field(
        "weekdays",
        "Days you run",
        "days",
        "",
        required=False,
        example="mon,wed,fri",
        hint="For the calendar: pick one day per run, or none and the planner spreads your runs through the week.",
        group="Your running now",
    ),
    Field(
        "longest_run",
        "Longest run in the last 30 days",
        "number",
        "60",
        unit_field="unit",
        limits={"min": (5, 600), "km": (1, 100), "mi": (0.6, 62)},
        example="60",
        group="Your running now",
    ),
    Field(
        "current_share",
        "Share already run with the new strike",
        "number",
        "0",
        unit="%",
        limits={"": (0, 99)},
        example="0",
        hint="0 if you have not started.",
        group="The switch",
    ),
    Field(
        "target_share",
        "Target share",
        "number",
        "100",
        unit="%",
        limits={"": (5, 100)},
        example="100",
        hint="Less than 100 is fine: many runners do best with a mix.",
        group="The switch",
    ),
    Field(
        "start_date",
        "Start date",
        "date",
        "",
        required=False,
        example="2027-01-04",
        hint="Optional, as year-month-day, like 2027-01-04. Leave empty to number the weeks only.",
        group="The switch",
    ),
    Field("age", "Age", "integer", "35", unit="years", limits={"": (14, 100)}, example="35", group="About you"),
    Field(
        "body_mass",
        "Body mass",
        "number",
        "",
        unit="kg",
        limits={"": (30, 250)},
        required=False,
        example="70",
        hint="Optional.",
        group="About you",
    ),
    Field("injury", "Achilles or calf injury in the last 12 months", "flag", "", group="About you"),
    Field(
        "heel_raises",
        "Single-leg heel raises, weaker leg",
        "integer",
        "",
        unit="reps",
        limits={"": (0, 200)},
        required=False,
        example="20",
        hint="Optional. Up onto tiptoe and down, one leg, until you cannot.",
        group="About you",
    ),
    Field(
        "current_drop",
        "Heel-to-toe drop of your shoes now",
        "number",
        "10",
        unit="mm",
        limits={"": (0, 20)},
        example="10",
        hint="Listed by most shoe makers; 8–12 mm is usual.",
        group="Shoes",
    ),
    Field(
        "target_drop",
        "Drop you want to end in",
        "number",
        "10",
        unit="mm",
        limits={"": (0, 20)},
        example="6",
        hint="Keep it the same to change one thing at a time.",
        group="Shoes",
    ),
)

WeekKind = Literal["start", "build", "deload", "hold"]


@dataclass(frozen=True)
class Inputs:
    """The reader's situation, typed and checked."""

    unit: str
    weekly_volume: float
    runs_per_week: int
    longest_run: float
    current_share: float
    """Fraction 0–1."""
    target_share: float
    """Fraction 0–1."""
    age: int
    body_mass: float | None
    injury: bool
    current_drop: float
    target_drop: float
    heel_raises: int | None
    start_date: date | None
    weekdays: tuple[int, ...] | None
    """Days the reader runs (Monday 0), one per run (all seven above seven runs); ``None``: spread for them."""


@dataclass(frozen=True)
class Week:
    """One planned week."""

    number: int
    start: date | None
    kind: WeekKind
    total: float
    """Planned weekly volume, in the reader's unit."""
    new_strike: float
    """Weekly volume with the new strike."""
    shoe_drop: float
    shoe_change: bool
    strength: int
    """Index into ``STRENGTH_PHASES``."""

    @property
    def share(self) -> float:
        """Fraction of the week's running done with the new strike."""
        return self.new_strike / self.total

    per_run: float
    """New-strike volume in each run, done as one continuous block."""


@dataclass(frozen=True)
class RiskFactor:
    """A reason to go slower, with its weight and source key."""

    text: str
    points: int
    source: str


@dataclass(frozen=True)
class Result:
    """The plan and what shaped it."""

    inputs: Inputs
    weeks: tuple[Week, ...]
    growth: float
    """Planned growth of new-strike volume per build week."""
    deload_every: int
    risk_factors: tuple[RiskFactor, ...]
    warnings: tuple[str, ...]
    run_days: tuple[int, ...]
    """The weekday (Monday 0) of each run of a week, in order; a day appears twice above seven runs."""


@dataclass(frozen=True)
class PlannedRun:
    """One run on the calendar."""

    day: date
    week: Week
    number: int
    """1 to runs per week, in the order of the week."""


def run_days(inputs: Inputs) -> tuple[int, ...]:
    """The weekday of each run: the reader's days, or days spread through the week from Monday
    (3 runs: Monday, Wednesday, Friday); above seven runs some days get two."""
    runs = inputs.runs_per_week
    spread = min(runs, 7)
    days = inputs.weekdays or tuple(i * 7 // spread for i in range(spread))
    return tuple(days[i * len(days) // runs] for i in range(runs))


def schedule(result: Result) -> tuple[PlannedRun, ...]:
    """Every run of the plan on its date, in date order (a plan week starts on the start date's
    weekday, so its first run is the first run day from then); empty without a start date."""
    runs = []
    for week in result.weeks:
        if week.start is None:
            return ()
        days = sorted(week.start + timedelta(days=(day - week.start.weekday()) % 7) for day in result.run_days)
        runs += [PlannedRun(day, week, number) for number, day in enumerate(days, start=1)]
    return tuple(runs)


def _weekday_problem(runs: int, picked: int) -> str | None:
    """Why ``picked`` days do not fit ``runs`` a week, or ``None`` if they do."""
    wanted = min(runs, 7)
    if picked == wanted:
        return None
    if runs > 7:
        return f"You run {runs} times a week: pick all 7 days (some get two runs), or none to have them spread for you"
    times = "once" if runs == 1 else "twice" if runs == 2 else f"{runs} times"
    days = "1 day" if runs == 1 else f"{runs} days"
    return f"You run {times} a week: pick {days}, one for each run (you picked {picked}), or none to have them spread for you"


def parse_inputs(raw: Mapping[str, str]) -> Inputs:
    """Turn raw form text into ``Inputs``.

    Raises:
        InputError: Naming every field whose value cannot be used.
    """
    values, errors = parse_fields(FIELDS, raw)
    runs, volume, longest = (values.get(k) for k in ("runs_per_week", "weekly_volume", "longest_run"))
    if isinstance(runs, int) and isinstance(volume, float) and isinstance(longest, float):
        average, unit = volume / runs, str(values["unit"])
        shortest, longest_average = SHORTEST_AVERAGE_RUN[unit], LONGEST_AVERAGE_RUN[unit]
        if average < shortest:
            errors["runs_per_week"] = (
                f"That is {average:.2g} {unit} a run, too short to plan in: check your weekly running "
                f"and runs per week (the planner needs an average run of at least {shortest:g} {unit})"
            )
        elif average > longest_average:
            errors["runs_per_week"] = (
                f"That is {average:.3g} {unit} a run on average, more than a week of {runs} "
                f"run{'' if runs == 1 else 's'} can hold: check your weekly running and runs per week "
                f"(the planner takes an average run of at most {longest_average:g} {unit})"
            )
        elif longest < average * 0.999:
            errors["longest_run"] = (
                f"Longest run in the last 30 days cannot be shorter than your average run "
                f"({average:.3g} {unit}); check it and your weekly running"
            )
        elif longest > volume * 1.001:
            errors["longest_run"] = (
                f"Longest run in the last 30 days is longer than a whole week of your running "
                f"({volume:g} {unit}): check both. If that run was a one-off, such as a race, "
                "enter the longest run of a usual week"
            )
    days = values.get("weekdays")
    if isinstance(runs, int) and isinstance(days, tuple) and (problem := _weekday_problem(runs, len(days))):
        errors["weekdays"] = problem
    current, target = values.get("current_share"), values.get("target_share")
    if isinstance(current, float) and isinstance(target, float) and target <= current:
        errors["target_share"] = f"Target share must be higher than the share you run now ({current:g}%)"
    if errors:
        raise InputError({f.name: errors[f.name] for f in FIELDS if f.name in errors})
    v: dict[str, Any] = values  # each value has its field's type, checked above
    return Inputs(
        unit=v["unit"],
        weekly_volume=v["weekly_volume"],
        runs_per_week=v["runs_per_week"],
        longest_run=v["longest_run"],
        current_share=v["current_share"] / 100,
        target_share=v["target_share"] / 100,
        age=v["age"],
        body_mass=v["body_mass"],
        injury=v["injury"],
        current_drop=v["current_drop"],
        target_drop=v["target_drop"],
        heel_raises=v["heel_raises"],
        start_date=v["start_date"],
        weekdays=v["weekdays"],
    )


def volume_in_km(inputs: Inputs) -> float:
    """Weekly volume in km; minutes are converted at the stated easy pace."""
    if inputs.unit == "km":
        return inputs.weekly_volume
    if inputs.unit == "mi":
        return inputs.weekly_volume * KM_PER_MILE
    return inputs.weekly_volume / MINUTES_PER_KM_ASSUMED


def risk_factors(inputs: Inputs) -> tuple[RiskFactor, ...]:
    """The risk factors present, each of which slows the plan."""
    found = []
    if inputs.injury:
        found.append(
            RiskFactor(
                "Achilles or calf injury in the last 12 months (counts double: about six times the odds of a new episode)", 2, "lagas-2020"
            )
        )
    if inputs.age > AGE_RISK:
        found.append(RiskFactor(f"Age over {AGE_RISK}", 1, "wang-2022"))
    if inputs.body_mass is not None and inputs.body_mass > MASS_RISK_KG:
        found.append(RiskFactor(f"Body mass over {MASS_RISK_KG:g} kg", 1, "fuller-2017"))
    if volume_in_km(inputs) > VOLUME_RISK_KM:
        found.append(RiskFactor(f"More than {VOLUME_RISK_KM:g} km a week", 1, "fuller-2017"))
    if inputs.current_drop - inputs.target_drop >= BIG_DROP_MM:
        found.append(RiskFactor(f"A drop change of {BIG_DROP_MM:g} mm or more", 1, "ryan-2014"))
    if inputs.heel_raises is not None and inputs.heel_raises < HEEL_RAISE_NORM:
        found.append(RiskFactor(f"Fewer than {HEEL_RAISE_NORM} single-leg heel raises", 1, "lunsford-1995"))
    return tuple(found)


def first_share(inputs: Inputs) -> float:
    """Week 1's share: 5% for a beginner (Fuller et al. 2019); from a smaller start, one
    capped step towards it; from a larger one, where the reader already is."""
    current = inputs.current_share
    if current == 0:
        return START_SHARE
    return current if current >= START_SHARE else min(START_SHARE, current * (1 + BLOCK_CAP))


def _levels(inputs: Inputs, growth: float, cycle: int) -> list[tuple[WeekKind, float, float]]:
    """Simulate the weeks: kind, total volume (always today's), new-strike volume."""
    volume, target = inputs.weekly_volume, inputs.target_share
    weeks: list[tuple[WeekKind, float, float]] = []
    level = 0.0  # the build-up's new-strike volume; an easier week dips one step below it
    while not weeks or weeks[-1][0] == "deload" or weeks[-1][2] < target * volume * (1 - 1e-9):
        number = len(weeks) + 1
        if number > MAX_WEEKS:  # pragma: no cover - growth >= MIN_GROWTH ends far sooner
            raise CalculatorError("The plan did not converge; please report these inputs")
        kind: WeekKind = "start" if number == 1 else "deload" if number % cycle == 0 else "build"
        if kind == "start":
            level = first_share(inputs) * volume
        elif kind == "build":
            level = min(level * (1 + growth), target * volume)
        weeks.append((kind, volume, level / (1 + growth) if kind == "deload" else level))
    return weeks


def compute(inputs: Inputs) -> Result:
    """Plan the transition.

    Parameters:
        inputs: The reader's situation, from ``parse_inputs``.

    Returns:
        The week-by-week plan, with the risk factors and warnings behind it.
    """
    factors = risk_factors(inputs)
    points = sum(f.points for f in factors)
    growth = max(MIN_GROWTH, BASE_GROWTH - SLOWDOWN_PER_POINT * points)
    cycle = 3 if points >= 3 else 4
    first = first_share(inputs)
    if inputs.target_share >= 1:
        # Weeks 2-11 hold at most eight build weeks, so reaching the target by week 11
        # needs (1 + g)^8 >= target / first; keep g below that: 12 weeks or more.
        growth = min(growth, (inputs.target_share / first) ** (1 / 9) - 1)
    levels = _levels(inputs, growth, cycle)
    steps = math.ceil(abs(inputs.current_drop - inputs.target_drop) / DROP_STEP_MM)
    while len(levels) < SHOE_STEP_WEEKS * (steps + 1):  # shoes need time too: hold at the target
        levels.append(("hold", *levels[-1][1:]))
    change_weeks = sorted({1 + round(i * len(levels) / (steps + 1)) for i in range(1, steps + 1)})
    weeks = []
    drop = inputs.current_drop
    for number, (kind, total, new) in enumerate(levels, start=1):
        changed = number in change_weeks
        if changed:
            if number == change_weeks[-1] or abs(inputs.target_drop - drop) <= DROP_STEP_MM:
                drop = inputs.target_drop
            else:
                drop += DROP_STEP_MM if inputs.target_drop > drop else -DROP_STEP_MM
        third = 3 * (number - 1) // len(levels)
        weeks.append(
            Week(
                number=number,
                start=inputs.start_date + timedelta(weeks=number - 1) if inputs.start_date else None,
                kind=kind,
                total=total,
                new_strike=new,
                per_run=new / inputs.runs_per_week,
                shoe_drop=drop,
                shoe_change=changed,
                strength=third,
            )
        )
    return Result(inputs, tuple(weeks), growth, cycle, factors, _warnings(inputs, factors, len(weeks)), run_days(inputs))


STRENGTH_PHASES = (
    ("Both legs, then one", "Heel raises on both legs, with the knee straight and then bent; move to one leg when easy."),
    ("One leg, slow", "Single-leg heel raises, knee straight and bent, slow on the way down."),
    ("One leg, with weight", "Single-leg heel raises holding extra weight (a backpack will do), knee straight and bent."),
)
"""Short name and description of each third of the plan's strength work."""


def _warnings(inputs: Inputs, factors: tuple[RiskFactor, ...], weeks: int) -> tuple[str, ...]:
    found = []
    if inputs.heel_raises == 0:
        found.append(
            "You cannot rise onto tiptoe on one leg. That is one of the red flags below: see a physiotherapist or doctor before you start."
        )
    if inputs.injury:
        found.append(
            "You had an Achilles or calf injury this year. Ask the clinician who treated it "
            "before you start, and keep the pain rules strictly."
        )
    if volume_in_km(inputs) > VOLUME_RISK_KM:
        found.append(
            "Your weekly running is high for a change of strike. Pain rose above 35 km a week "
            "in minimalist shoes in a 26-week transition trial; consider running less while you switch."
        )
    average = inputs.weekly_volume / inputs.runs_per_week
    if average > LONG_AVERAGE_RUN[inputs.unit]:
        found.append(
            f"Your runs average {average:.3g} {inputs.unit}. If that is right, do each run's new-strike part "
            "at its start, while you are fresh, and let tired legs go back to a heel strike late in long runs. "
            "If not, check your weekly running and runs per week: the plan is worked out from them."
        )
    if inputs.current_drop - inputs.target_drop >= BIG_DROP_MM:
        found.append(
            f"Going from {inputs.current_drop:g} mm to {inputs.target_drop:g} mm of drop is a "
            "big change on top of the new strike. The plan steps the shoes down slowly; "
            "keep the old shoes for long runs until the last step."
        )
    if weeks > 52:
        found.append(
            f"With {len(factors)} risk factor{'' if len(factors) == 1 else 's'} this plan takes {weeks} weeks. A physiotherapist "
            "can help you decide whether a lower target share suits you better."
        )
    return tuple(found)
