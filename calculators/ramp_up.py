"""Ramp-up planner: a week-by-week plan for moving running to a midfoot strike.

The plan grows the weekly amount of running done with the new strike from about
5% (Fuller et al. 2017, J Sci Med Sport) towards the reader's target in small, even
steps measured against the whole week's running, holding total volume flat, with
easier (deload) weeks. Every constant below names its source; where no study gives
a number, its docstring says it is our convention.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from ._errors import CalculatorError, InputError
from ._fields import Field, parse_fields
from .checkin import Advice, CheckIn, Log, Outcome, Reason, severity

KM_PER_MILE = 1.609344

START_SHARE = 0.05
"""First week's share of running with the new strike: where the standardised 6-week phase of
Fuller et al. 2017 (J Sci Med Sport) began; it reached about 35% by week 6."""
STEP_OF_WEEK = 0.035
"""Smallest step up in a build week, as a share of weekly running: our convention."""
STEP_OF_BLOCK = 0.10
"""Once it is larger, the step up is this share of the new-strike part itself: our convention."""
STEP_CAP = 0.05
"""Largest step up, as a share of weekly running: our convention. No week's new-strike running is
more than this above the most done in any of the four weeks before it (about 30 days), so the
week after an easier week climbs back one step past the week before it. No study has tested
steps of a new strike inside a run."""
RISK_STEP_CUT = 0.10
"""Each risk point makes every step this share smaller: our convention; no study sizes it."""
SMALLEST_STEP_SCALE = 0.5
"""However many risk points, steps keep at least half their size, so a plan stays finite: our convention."""
DELOAD_EVERY = 4
"""An easier week every fourth week: common coaching practice, our convention; no study tested it."""
DELOAD_EVERY_HIGH_RISK = 3
"""With ``HIGH_RISK_POINTS`` or more, an easier week every third week: our convention."""
HIGH_RISK_POINTS = 3
"""Risk points from which the plan eases off more often and suggests a physiotherapist and a
lower target share: our convention."""
RUN_CAP = 0.10
"""No whole run more than 10% beyond the longest of the last 30 days (Frandsen et al. 2025). The
plan never lengthens a run, so it keeps this with room to spare."""
TOTAL_WEEK_CAP = 0.20
"""Rises in total weekly distance of 20-60%, against under 20%, came with more injuries by day 21, not later
(Damsted et al. 2019).
A finding about total running, which the plan never raises; not applied to the new-strike part."""
TOTAL_TWO_WEEK_CAP = 0.30
"""Novices adding more than 30% of total distance over two weeks had more distance-related injuries
(Nielsen et al. 2014; not statistically clear). About total running, which the plan never raises."""
MIN_WEEKS_FULL = 12
"""Shortest full switch: our convention, informed by bone still reacting after a 10-week switch
(Ridge et al. 2013) and a 12-week trial (Ryan et al. 2014)."""
FLOOR_STEPS = 9
"""Weeks 2-11 hold at most eight build weeks, so a full switch in steps of at most a ninth of the
way cannot end before week 12 (``MIN_WEEKS_FULL``)."""
VOLUME_RISK_KM = 35.0
"""Weekly volume above which pain rose in minimalist shoes (Fuller et al. 2017, Am J Sports Med)."""
MINUTES_PER_KM_ASSUMED = 6.0
"""Easy pace used to compare minutes with kilometres: an assumption, stated on the page."""
AGE_RISK = 45
"""Achilles tendinopathy is more common over 45 (prevalence about 8% against 2% under 18, Wang et al.
2022). Lagas et al. 2020 found no age effect on new episodes: that age slows the plan is our convention."""
MASS_RISK_KG = 85.0
"""Our line: in Fuller et al. 2017 (Am J Sports Med, young trained men) the extra injury risk in minimal
shoes began above about 71 kg and was moderately raised near 86 kg."""
BIG_DROP_MM = 8.0
"""A drop reduction this large counts as a risk factor: our convention. Direct drop evidence:
Malisoux et al. 2016 (10, 6 or 0 mm: no overall difference; more risk at low drop in regular
runners); the fully minimal shoe brought more calf pain in Ryan et al. 2014."""
DROP_STEP_MM = 4.0
"""Largest change of shoe drop in one step: our convention; no study sizes it."""
SHOE_STEP_WEEKS = 3
"""Fewest weeks between two shoe steps: our convention."""
SINGLE_LEG_RAISES = 10
"""Single-leg heel raises that move the strength work on to slow single-leg raises: our convention."""
HEEL_RAISE_NORM = 25
"""Single-leg heel raises: Lunsford & Perry's (1995) criterion for a normal calf. Below it is a risk
factor and a warning (that it slows the plan is our convention); at it, raises with weight begin."""
NORM_NAME = "Lunsford & Perry's criterion for normal"
"""Where ``HEEL_RAISE_NORM`` comes from, in the words every page, file and warning uses."""

SHORTEST_AVERAGE_RUN = {"min": 5.0, "km": 1.0, "mi": 0.6}
"""Below this average run the plan's portions shrink to seconds: an input check, not advice."""
LONGEST_AVERAGE_RUN = {"min": 360.0, "km": 60.0, "mi": 37.0}
"""Above this average run (about 6 hours) a week's running cannot fit its runs: an input check, not advice."""
LONG_AVERAGE_RUN = {"min": 180.0, "km": 30.0, "mi": 18.5}
"""Above this average run (about 3 hours) the planner asks the reader to check, or to mind long runs: an input check."""
MAX_WEEKS = 260
"""A guard: no plan this long can come out of the rules above."""

PAIN_LIMIT = 5
"""Pain during runs above 5 out of 10 is "high risk" in the pain-monitoring model (Silbernagel et al.
2007): the plan goes back, to half the week that hurt (our convention). That model also asks that pain
settle by the next morning and not rise week on week; both failing at once also sends the plan back, one
alone repeats the week (our gentler reading: the model reduces the load)."""
BACK_SMALLEST = 0.5
"""Going back a week steps the new strike down one step, and never below half of the week that hurt:
our convention."""
SEVERE_PAIN = 8
"""Pain during runs of 8 out of 10 or more, or above ``PAIN_LIMIT`` two check-ins running, holds the new
strike and sends the reader to a clinician: our convention, stricter than the pain-monitoring model."""
RISE_POINTS = 2
"""Pain 2 points or more above the last check-in counts as rising, ticked or not: our convention."""
PERSISTENT_WEEKS = 3
"""Check-ins in a row held back by pain after which the advice is to book a clinician now: our convention."""
BONE_PLACES = ("top", "shin")
"""Where a pain may be a bone stress injury, more so while changing strike or shoes (Ridge et al. 2013):
the plan does not move on while it hurts there (our convention)."""
PARTLY_DONE = 0.5
"""A week run "partly" counts as half its new-strike running, for the four-week limit: our convention."""
BREAK_WEEKS = 3
"""Weeks without the new strike (missed, or not logged) that make a break: more than about two. After it,
the plan starts again lower: our convention. Recurrence is common when running returns after Achilles
tendon pain (Silbernagel & Crossley 2015), so the return goes gently and keeps the pain rules."""
RESTART_SHARE = 0.5
"""After a break or a red flag, the plan restarts at half the most new-strike running done before it,
not below the 5% of week 1, and never more than ``STEP_CAP`` above what was done in the last four weeks:
our convention."""
LOG_GAP_DAYS = 14
"""Check-ins this many days apart or more leave weeks unlogged: each counts as a week without the new
strike (a check-in a week late is still on time)."""

RACE_DISTANCES = (
    ("", "No race"),
    ("5k", "5 km"),
    ("10k", "10 km"),
    ("half", "Half marathon"),
    ("marathon", "Marathon"),
    ("ultra", "Ultra (longer than a marathon)"),
)
RACE_NAMES = {"5k": "5 km race", "10k": "10 km race", "half": "half marathon", "marathon": "marathon", "ultra": "ultra"}
TAPER_WEEKS = {"5k": 1, "10k": 1, "half": 2, "marathon": 3, "ultra": 3}
"""Weeks before race week in which the new strike takes no step up: our convention. How long to ease off
before a race is common coaching practice; across 27 studies of competitive athletes a taper of about two
weeks worked best on average (Bosquet et al. 2007). That finding is about total training, which the planner
leaves to the reader; holding the new strike still is our own, untested rule."""
RECOVERY_WEEKS = {"5k": 1, "10k": 1, "half": 1, "marathon": 2, "ultra": 2}
"""Weeks after race week that stay easy for the new strike, as easy as race week: our convention; no study
sizes recovery from a race for a runner changing strike."""

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
    Field(
        "race_date",
        "Race date",
        "date",
        "",
        required=False,
        example="2027-04-11",
        hint="Optional: a race you have entered, as year-month-day. It needs a start date.",
        group="A race",
    ),
    Field(
        "race_distance",
        "Race distance",
        "choice",
        "",
        choices=RACE_DISTANCES,
        required=False,
        hint="Sets how many weeks the new strike holds still before the race.",
        group="A race",
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
        hint="Optional. Fingertips on a wall, up onto tiptoe as high as you can and down, one leg, at a steady pace, "
        "until you cannot. Skip it if your Achilles hurts now.",
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

WeekKind = Literal["start", "build", "deload", "hold", "taper", "race", "recover"]
"""``taper``: before a race, no step up; ``race``: the race's week; ``recover``: after it. The last two are easy
for the new strike."""
WarningKind = Literal["cannot-rise", "weak-calf", "recent-injury", "high-volume", "longest-run", "long-runs", "big-drop", "high-risk"]
"""Something the reader should know before starting; the renderer words each, with the result's numbers:

- ``cannot-rise``: no single-leg heel raise at all (a red flag if it is new);
- ``weak-calf``: fewer single-leg heel raises than ``HEEL_RAISE_NORM``;
- ``recent-injury``: an Achilles or calf injury in the last 12 months;
- ``high-volume``: more than ``VOLUME_RISK_KM`` a week;
- ``longest-run``: a longest run longer than a usual week (a race, or a typo);
- ``long-runs``: an average run above ``LONG_AVERAGE_RUN`` (an ultra runner, or a typo);
- ``big-drop``: a drop change of ``BIG_DROP_MM`` or more;
- ``high-risk``: ``HIGH_RISK_POINTS`` risk points or more.
"""


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
    race_date: date | None = None
    """A race the reader has entered; it needs ``start_date``."""
    race_distance: str | None = None
    """A key of ``TAPER_WEEKS`` when there is a race."""

    @property
    def average_run(self) -> float:
        """The average run, in the reader's unit."""
        return self.weekly_volume / self.runs_per_week


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

    @property
    def share(self) -> float:
        """Fraction of the week's running done with the new strike."""
        return self.new_strike / self.total

    per_run: float
    """New-strike volume in each run, done as one continuous block."""
    count_raises: bool = False
    """Count single-leg heel raises this week: the count, not the week, opens the next strength stage."""


@dataclass(frozen=True)
class RiskFactor:
    """A reason to go slower, with its weight and source keys."""

    text: str
    points: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Steps:
    """How far the new-strike part may grow in one build week, as fractions."""

    of_week: float
    """The smallest step, as a share of weekly running."""
    of_block: float
    """The step once it is larger, as a share of the new-strike part itself."""
    cap: float
    """The largest step, as a share of weekly running."""


@dataclass(frozen=True)
class StrengthStage:
    """One stage of the calf and Achilles strength work, and the count that opens it."""

    name: str
    text: str
    unlock: int
    """Single-leg heel raises on the weaker leg that open this stage."""
    source: str | None
    """Reference key behind ``unlock``; ``None`` where the count is our convention."""


STRENGTH_STAGES = (
    StrengthStage(
        "Both legs, then one",
        "Heel raises on both legs, with the knee straight and then bent; shift more of your weight onto one leg as it gets easy.",
        0,
        None,
    ),
    StrengthStage("One leg, slow", "Single-leg heel raises, knee straight and bent, slow on the way down.", SINGLE_LEG_RAISES, None),
    StrengthStage(
        "One leg, with weight",
        "Single-leg heel raises holding extra weight (a backpack will do), knee straight and bent.",
        HEEL_RAISE_NORM,
        "lunsford-1995",
    ),
)
"""The stages in order; each opens at its heel-raise count, not at a week of the plan."""


def strength_stage(heel_raises: int | None) -> int:
    """The index into ``STRENGTH_STAGES`` of the stage a heel-raise count opens: the last stage
    whose count it reaches, or the first when the reader gave no count."""
    if heel_raises is None:
        return 0
    return max(i for i, stage in enumerate(STRENGTH_STAGES) if heel_raises >= stage.unlock)


@dataclass(frozen=True)
class Logged:
    """A week the reader has done and checked in."""

    entry: CheckIn
    week: Week
    """The week as the plan asked for it."""
    outcome: Outcome
    """What the check-in decided for the week after."""
    done: float
    """New-strike running counted as done, in the reader's unit (half the week's if run "partly", none if missed)."""


@dataclass(frozen=True)
class Result:
    """The plan and what shaped it."""

    inputs: Inputs
    weeks: tuple[Week, ...]
    steps: Steps
    """The step sizes of this plan, after its risk factors."""
    deload_every: int
    risk_factors: tuple[RiskFactor, ...]
    warnings: tuple[WarningKind, ...]
    """What the reader should know before starting, in the order the page lists it."""
    run_days: tuple[int, ...]
    """The weekday (Monday 0) of each run of a week, in order; a day appears twice above seven runs."""
    strength: int
    """Index into ``STRENGTH_STAGES`` of the reader's stage now, from their latest heel-raise count."""
    log: Log = Log()
    """The check-ins the plan follows (none: the plan as first made)."""
    logged: tuple[Logged, ...] = ()
    """The weeks done, one per check-in, oldest first; ``weeks`` are the weeks ahead, numbered on from them."""
    advice: Advice | None = None
    """What the latest check-in decided; ``None`` without check-ins."""
    race: Race | None = None
    """The reader's race, if they gave one."""

    @property
    def points(self) -> int:
        """Risk points: the sum of the risk factors' weights."""
        return sum(f.points for f in self.risk_factors)


@dataclass(frozen=True)
class PlannedRun:
    """One run on the calendar."""

    day: date
    week: Week
    number: int
    """1 to runs per week, in the order of the week."""


RaceRole = Literal["taper", "race", "recover"]
RACE_KINDS: tuple[WeekKind, ...] = ("taper", "race", "recover")


@dataclass(frozen=True)
class Race:
    """The reader's race, and where it sits in the plan."""

    day: date
    distance: str
    """A key of ``TAPER_WEEKS``."""
    week: int | None
    """The number of the plan's week that holds the race (counting weeks done); ``None`` when the plan ends before it."""

    @property
    def taper(self) -> int:
        """Weeks before race week with no step up."""
        return TAPER_WEEKS[self.distance]

    @property
    def recovery(self) -> int:
        """Weeks after race week that stay easy."""
        return RECOVERY_WEEKS[self.distance]

    @property
    def name(self) -> str:
        """The distance in words ("half marathon")."""
        return RACE_NAMES[self.distance]


def race_role(day: date, distance: str, start: date) -> RaceRole | None:
    """What a week starting on ``start`` is to a race on ``day``: the race's week, one of the ``TAPER_WEEKS``
    before it, one of the ``RECOVERY_WEEKS`` after it, or nothing."""
    offset = (day - start).days
    if 0 <= offset < 7:
        return "race"
    if 7 <= offset < 7 * (TAPER_WEEKS[distance] + 1):
        return "taper"
    if -7 * RECOVERY_WEEKS[distance] <= offset < 0:
        return "recover"
    return None


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
    days = values.get("weekdays")
    if isinstance(runs, int) and isinstance(days, tuple) and (problem := _weekday_problem(runs, len(days))):
        errors["weekdays"] = problem
    current, target = values.get("current_share"), values.get("target_share")
    if isinstance(current, float) and isinstance(target, float) and target <= current:
        errors["target_share"] = f"Target share must be higher than the share you run now ({current:g}%)"
    race, distance, start = values.get("race_date"), values.get("race_distance"), values.get("start_date")
    if "race_date" not in errors and "race_distance" not in errors:
        if isinstance(race, date) and distance is None:
            errors["race_distance"] = "Choose the race's distance: it sets how long the new strike holds still before it"
        elif race is None and distance is not None:
            errors["race_date"] = 'Enter the race\'s date, like 2027-04-11, or choose "No race" as its distance'
        elif isinstance(race, date) and "start_date" not in errors and start is None:
            errors["race_date"] = "Add a start date too (under The switch), so the plan can find your race's week"
        elif isinstance(race, date) and isinstance(start, date) and race < start:
            errors["race_date"] = (
                f"Your race is before your start date ({start.isoformat()}): set a start date on or before the race day, "
                'or choose "No race" as its distance'
            )
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
        race_date=v["race_date"],
        race_distance=v["race_distance"],
    )


def volume_in_km(inputs: Inputs) -> float:
    """Weekly volume in km; minutes are converted at the stated easy pace."""
    if inputs.unit == "km":
        return inputs.weekly_volume
    if inputs.unit == "mi":
        return inputs.weekly_volume * KM_PER_MILE
    return inputs.weekly_volume / MINUTES_PER_KM_ASSUMED


def risk_factors(inputs: Inputs) -> tuple[RiskFactor, ...]:
    """The risk factors present, each of which slows the plan (by how much is our convention)."""
    found = []
    if inputs.injury:
        found.append(
            RiskFactor(
                "Achilles or calf injury in the last 12 months (counts double: about six times the odds of a new "
                "episode of Achilles tendinopathy; counting a calf injury the same is our convention)",
                2,
                ("lagas-2020",),
            )
        )
    if inputs.age > AGE_RISK:
        found.append(
            RiskFactor(
                f"Age over {AGE_RISK} (Achilles tendinopathy is more common over {AGE_RISK}, though age did not predict "
                "new episodes: counting it is our caution)",
                1,
                ("wang-2022", "lagas-2020"),
            )
        )
    if inputs.body_mass is not None and inputs.body_mass > MASS_RISK_KG:
        found.append(RiskFactor(f"Body mass over {MASS_RISK_KG:g} kg", 1, ("fuller-2017",)))
    if volume_in_km(inputs) > VOLUME_RISK_KM:
        found.append(RiskFactor(f"More than {VOLUME_RISK_KM:g} km a week", 1, ("fuller-2017",)))
    if inputs.current_drop - inputs.target_drop >= BIG_DROP_MM:
        found.append(
            RiskFactor(
                f"A drop change of {BIG_DROP_MM:g} mm or more (the {BIG_DROP_MM:g} mm line is our convention)",
                1,
                ("malisoux-2016", "ryan-2014"),
            )
        )
    if inputs.heel_raises is not None and inputs.heel_raises < HEEL_RAISE_NORM:
        found.append(
            RiskFactor(
                f"Fewer than {HEEL_RAISE_NORM} single-leg heel raises (below {NORM_NAME})",
                1,
                ("lunsford-1995",),
            )
        )
    return tuple(found)


def first_share(inputs: Inputs) -> float:
    """Week 1's share: 5% (Fuller et al. 2017, J Sci Med Sport), or where the reader already is if that is more."""
    return max(inputs.current_share, START_SHARE)


def plan_steps(points: int) -> Steps:
    """The step sizes for a number of risk points: each point makes every step ``RISK_STEP_CUT``
    smaller, down to ``SMALLEST_STEP_SCALE`` of its size (our convention)."""
    scale = max(SMALLEST_STEP_SCALE, 1 - RISK_STEP_CUT * points)
    return Steps(STEP_OF_WEEK * scale, STEP_OF_BLOCK * scale, STEP_CAP * scale)


def step_size(level: float, volume: float, steps: Steps) -> float:
    """One step up from ``level`` of new-strike running in a week of ``volume``: the larger of
    the two growth rules, never above the cap."""
    return min(steps.cap * volume, max(steps.of_week * volume, steps.of_block * level))


def floor_cap(inputs: Inputs) -> float | None:
    """For a full switch, the largest step that keeps it to ``MIN_WEEKS_FULL`` weeks or more (a ninth of
    the way from week 1's share), as a share of weekly running; ``None`` for a partial target."""
    return (inputs.target_share - first_share(inputs)) / FLOOR_STEPS if inputs.target_share >= 1 else None


class _Stepper:
    """Plans one week after another: the plan's own rhythm of build and easier weeks, steered by the check-ins
    and by a race.

    ``level`` is the build-up (an easier week dips one step below it); ``pending`` is the new-strike
    running a check-in asked of the next week (the same again, one step lower, a restart), if any.
    Every week keeps the four-week limit against ``history``, what was really done week by week.
    ``role`` says what a week number is to the reader's race (``race_role``): a week before it takes no
    step up, race week and the weeks after it are easy, and the first week after them resumes at the level
    before the race without a step. Race weeks that come before the switch has started keep the reader's
    running as it is now, and the switch starts after them.
    """

    def __init__(self, inputs: Inputs, steps: Steps, cycle: int, role: Callable[[int], RaceRole | None] | None = None) -> None:
        self.volume = inputs.weekly_volume
        self.target = inputs.target_share * inputs.weekly_volume
        self.now = inputs.current_share * inputs.weekly_volume
        self.steps, self.cycle = steps, cycle
        self.level = first_share(inputs) * self.volume
        self.number = 1
        self.first: int | None = None
        """The week the switch started: week 1, or the first week after a race that came too soon."""
        self.pending: tuple[WeekKind, float] | None = None
        self.anchor = 0
        """The week the easier-week rhythm counts from: the start, or the latest step back, restart or race."""
        self.history: list[float] = []
        self.planned: float | None = None
        """The new-strike running the week before asked for."""
        self.resume = False
        """The week after a race's easy weeks: back to the level, without a step."""
        self.role = role or (lambda number: None)

    def step(self, level: float) -> float:
        return step_size(level, self.volume, self.steps)

    def easy(self, level: float) -> float:
        """An easier week's new strike: a step below ``level`` (below a small one, half of it)."""
        lower = level - self.step(level)
        return lower if lower > 0 else level * BACK_SMALLEST

    def next(self) -> tuple[WeekKind, float, float]:
        """The next week: kind, total volume (always today's), new-strike volume."""
        number = self.number
        if number > MAX_WEEKS:  # pragma: no cover - every step is at least a share of the week
            raise CalculatorError("The plan did not converge; please report these inputs")
        role = self.role(number)
        self.number += 1
        if self.first is None:
            if role is not None:  # a race too soon to start before: as now until after it, whatever a check-in asked
                new = self.easy(self.now) if role != "taper" and self.now > 0 else self.now
                if self.pending is not None:
                    new, self.pending = min(new, self.pending[1]), None
                new = new if self.planned is None else min(new, self.planned)  # no step up until the switch starts
                self.planned = new
                return role, self.volume, new
            self.first, self.anchor = number, number - 1
            self.level = self.level if self.level > 0 else START_SHARE * self.volume  # a setback before the start
        kind: WeekKind = "start" if number == self.first else "deload" if (number - self.anchor) % self.cycle == 0 else "build"
        if self.pending is not None:  # a check-in set this week: the easier-week rhythm goes on after it
            kind, new = self.pending
            self.pending = None
            if kind != "build":  # a step back or a restart is itself an easier week: count the next from it
                self.anchor = number
            if kind in RACE_KINDS and role is None:  # a race week's amount again, after the race: an easier week
                kind = "deload"
        elif kind == "build":
            if role is None and not self.resume:
                self.level = min(self.level + self.step(self.level), self.target)
            new = self.level
        elif kind == "start":
            new = self.level
        else:  # an easier week: a step below the build-up (below a small one, half of it)
            new = self.easy(self.level)
        if role is not None:  # a race: no step up before it, easy in its week and after
            if role == "taper":
                kind = "taper" if kind == "build" else kind
                new = min(new, self.planned if self.planned is not None else new)
            else:
                kind, new = role, min(new, self.easy(self.level))
                self.anchor, self.resume = number, True
        elif kind == "build":
            self.resume = False
        if self.history and number != self.first:  # no week more than a step above the most done in the four before
            new = min(new, max(self.history[-4:]) + self.steps.cap * self.volume)
            self.level = min(self.level, new) if kind not in ("deload", *RACE_KINDS) else self.level
        self.planned = new
        return kind, self.volume, new

    def hold(self) -> tuple[WeekKind, float, float]:
        """A week at the target after it is reached (while new shoes settle), easy if a race falls in it."""
        role = self.role(self.number)
        self.number += 1
        new = self.easy(self.target) if role in ("race", "recover") else self.target
        kind: WeekKind = role if role in ("race", "recover") else "hold"
        self.planned = new
        return kind, self.volume, new

    def ahead(self) -> list[tuple[WeekKind, float, float]]:
        """The weeks from here to the target share (ending on a week that is not an easier one)."""
        weeks: list[tuple[WeekKind, float, float]] = []
        while not weeks or weeks[-1][0] == "deload" or weeks[-1][2] < self.target * (1 - 1e-9):
            if len(weeks) > MAX_WEEKS:  # pragma: no cover - every step is at least a share of the week
                raise CalculatorError("The plan did not converge; please report these inputs")
            weeks.append(self.next())
            self.history.append(weeks[-1][2])
        return weeks

    def back(self, new: float) -> float:
        """One step below ``new``, never below half of it, never above the most done so far."""
        lower = max(new - self.step(new), new * BACK_SMALLEST)
        done = max(self.history, default=0.0)
        return min(lower, done) if done > 0 else lower

    def restart(self) -> float:
        """Where the plan starts again after a break or a red flag."""
        peak = max(self.history, default=0.0)
        return min(max(START_SHARE * self.volume, RESTART_SHARE * peak), max(peak, START_SHARE * self.volume), self.level)


def judge(entry: CheckIn, before: CheckIn | None = None) -> tuple[Outcome, tuple[Reason, ...]]:
    """What one check-in decides, given the one before it (a break, which needs the weeks around it, is
    ``follow``'s).

    A red flag stops. A sudden pain in one spot holds the new strike (the pain rules were not tested on
    it; in the Achilles it may be a tear). Severe pain, or pain above 5 two check-ins running, also holds
    it. Otherwise the pain-monitoring model (Silbernagel et al. 2007): pain above 5, runs cut short by pain,
    or pain both unsettled by the next morning and rising go back; one of the two repeats the week;
    a week missed for illness or life waits; all else moves on. Pain in the shin or the top of the foot
    never moves on (possible bone stress: Ridge et al. 2013).
    """
    if entry.flags:
        return "stop", ("flag",)
    if entry.sudden:
        return "hold", ("sudden-achilles" if entry.where == "achilles" else "sudden",)
    reasons: list[Reason] = []
    if entry.pain >= SEVERE_PAIN:
        reasons.append("pain-severe")
    elif entry.pain > PAIN_LIMIT:
        reasons.append("pain-high")
        if before is not None and before.pain > PAIN_LIMIT:
            reasons.append("pain-again")
    if entry.done != "yes" and entry.why == "pain":
        reasons.append("missed-pain")
    if not entry.settled:
        reasons.append("not-settled")
    if entry.rising or (before is not None and entry.pain - before.pain >= RISE_POINTS):
        reasons.append("rising")
    if "pain-severe" in reasons or "pain-again" in reasons:
        return "hold", tuple(reasons)
    if "pain-high" in reasons or "missed-pain" in reasons or ("not-settled" in reasons and "rising" in reasons):
        return "back", tuple(reasons)
    if entry.pain > 0 and entry.where in BONE_PLACES:
        reasons.append("bone-place")
    if reasons:
        return "repeat", tuple(reasons)
    if entry.done != "yes":
        return "wait", ("missed-illness" if entry.why == "illness" else "missed-life",)
    return "move-on", ()


_PAIN_REASONS = {"pain-high", "pain-severe", "pain-again", "missed-pain", "not-settled", "rising", "sudden", "sudden-achilles"}


def _done(entry: CheckIn, new: float) -> float:
    return new if entry.done == "yes" else new * PARTLY_DONE if entry.done == "partly" else 0.0


def _gap_weeks(before: date, after: date) -> int:
    """Plan weeks left without a check-in between two check-ins."""
    days = (after - before).days
    return days // 7 - 1 if days >= LOG_GAP_DAYS else 0


def _on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def follow(inputs: Inputs, log: Log) -> tuple[Advice | None, Result]:
    """Plan the transition as the reader's check-ins say it has gone: the one function behind the page,
    the print view, the files and the command line.

    Each check-in is judged in turn (``judge``: a red flag stops, a sudden pain in one spot holds the new
    strike, the pain rules of Silbernagel et al. 2007 move on, repeat or go back, a week missed for illness
    or life waits); more than ``BREAK_WEEKS - 1`` weeks without the new strike restarts it lower. Every week
    ahead is then planned afresh from where the reader is, with the plan's own steps, limits, easier weeks,
    shoe steps and heel-raise counts.

    Parameters:
        inputs: The reader's situation, from ``parse_inputs``.
        log: Their check-ins (an empty log gives the plan as first made: ``compute``).

    Returns:
        The advice of the latest check-in (``None`` without one), and the plan: the weeks done, then the
        weeks ahead.
    """
    factors = risk_factors(inputs)
    points = sum(f.points for f in factors)
    steps = plan_steps(points)
    cycle = DELOAD_EVERY_HIGH_RISK if points >= HIGH_RISK_POINTS else DELOAD_EVERY
    floor = floor_cap(inputs)
    floored = steps if floor is None else Steps(steps.of_week, steps.of_block, min(steps.cap, floor))
    stepper = _Stepper(inputs, floored, cycle, _race_roles(inputs, log))
    logged: list[tuple[CheckIn, tuple[WeekKind, float, float], Outcome, float]] = []
    advice: Advice | None = None
    off = 0  # weeks in a row without the new strike
    held = 0  # check-ins in a row held back by pain
    counts = [inputs.heel_raises]
    for index, entry in enumerate(log.entries):
        gap = _gap_weeks(log.entries[index - 1].day, entry.day) if index else 0
        stepper.history += [0.0] * gap
        week = stepper.next()
        new = week[2]
        outcome, reasons = judge(entry, log.entries[index - 1] if index else None)
        off = off + gap + 1 if entry.done == "no" else 0
        broke = off >= BREAK_WEEKS or (entry.done != "no" and gap >= BREAK_WEEKS)
        done = _done(entry, new)
        held = held + 1 if outcome in ("repeat", "back", "hold") and (set(reasons) & _PAIN_REASONS) else 0
        if held >= PERSISTENT_WEEKS:
            reasons = (*reasons, "persistent")
        stepper.history.append(done)
        if outcome in ("stop", "hold", "back") or broke:  # a setback: the 12-week floor no longer binds
            stepper.steps = steps
        if outcome == "stop":
            stepper.level = min(stepper.restart(), new)
            stepper.pending = ("start", stepper.level)
        elif broke:  # before back or hold: a break for pain restarts lower, with a check first
            outcome, reasons = "restart", (*reasons, "break")
            stepper.level = min(stepper.restart(), stepper.back(new), new)
            stepper.pending = ("start", stepper.level)
        elif outcome == "hold" or outcome == "back":
            high = "pain-high" in reasons or "pain-severe" in reasons
            stepper.level = min(stepper.back(new), new * BACK_SMALLEST) if high else stepper.back(new)
            stepper.pending = ("deload", stepper.level)
        elif outcome in ("repeat", "wait"):
            stepper.pending = (week[0], new)
        logged.append((entry, week, outcome, done))
        before = strength_stage(next((c for c in reversed(counts) if c is not None), None))
        counts.append(entry.heel_raises)
        opened = strength_stage(entry.heel_raises) if entry.heel_raises is not None else None
        advice = Advice(
            outcome,
            entry.flags,
            severity(entry.flags),
            reasons,
            stepper.number,
            opened if opened is not None and opened > before else None,
            entry.day,
        )
    levels = [w for _, w, _, _ in logged] + stepper.ahead()
    shoe_steps = math.ceil(abs(inputs.current_drop - inputs.target_drop) / DROP_STEP_MM)
    while len(levels) < SHOE_STEP_WEEKS * (shoe_steps + 1) or levels[-1][0] in ("race", "recover"):  # shoes need time too
        levels.append(stepper.hold())
    changes = _shoe_weeks(len(levels), shoe_steps)
    if inputs.race_date is not None:  # no new shoes in the weeks around a race: later, at the same spacing
        changes = _around_race(changes, levels, stepper) if changes else changes
    weeks = _weeks(inputs, levels, [entry.day for entry, *_ in logged], changes)
    latest = next((c for c in reversed(counts) if c is not None), None)
    result = Result(
        inputs,
        tuple(weeks[len(logged) :]),
        steps,
        cycle,
        factors,
        _warnings(inputs, points),
        run_days(inputs),
        strength_stage(latest),
        log,
        tuple(Logged(entry, weeks[i], outcome, done) for i, (entry, _, outcome, done) in enumerate(logged)),
        advice,
        _race(inputs, weeks),
    )
    return advice, result


def _week_starts(inputs: Inputs, days: list[date]) -> Callable[[int], date | None]:
    """The start of plan week ``n`` (counting weeks done): as ``_weeks`` dates them."""
    start = inputs.start_date
    if start is None:
        return lambda n: None
    done = [_on_or_after(day - timedelta(days=7), start.weekday()) for day in days]
    first = start if not days else _on_or_after(days[-1], start.weekday())
    return lambda n: done[n - 1] if n <= len(done) else first + timedelta(weeks=n - len(done) - 1)


def _race_roles(inputs: Inputs, log: Log) -> Callable[[int], RaceRole | None] | None:
    """What each plan week is to the reader's race, if they gave one."""
    race, distance = inputs.race_date, inputs.race_distance
    if race is None or distance is None:
        return None
    starts = _week_starts(inputs, [entry.day for entry in log.entries])

    def role(number: int) -> RaceRole | None:
        start = starts(number)
        return None if start is None else race_role(race, distance, start)

    return role


def _race(inputs: Inputs, weeks: list[Week]) -> Race | None:
    if inputs.race_date is None or inputs.race_distance is None:
        return None
    day = inputs.race_date
    holding = next((w.number for w in weeks if w.start is not None and w.start <= day < w.start + timedelta(days=7)), None)
    return Race(day, inputs.race_distance, holding)


def _shoe_weeks(count: int, shoe_steps: int) -> list[int]:
    """The weeks that step the shoes down, spread evenly over a plan of ``count`` weeks."""
    return sorted({1 + round(i * count / (shoe_steps + 1)) for i in range(1, shoe_steps + 1)})


def _around_race(changes: list[int], levels: list[tuple[WeekKind, float, float]], stepper: _Stepper) -> list[int]:
    """Shoe steps moved out of a race's weeks, to the first week after them, each at least ``SHOE_STEP_WEEKS``
    after the one before; the plan gets weeks at the target if they no longer fit."""
    moved: list[int] = []
    for week in changes:
        week = max(week, moved[-1] + SHOE_STEP_WEEKS) if moved else week
        while stepper.role(week) is not None:  # by date: any week before, of or after the race, whatever its kind
            week += 1
        moved.append(week)
    while len(levels) < moved[-1] + SHOE_STEP_WEEKS - 1 or levels[-1][0] in ("race", "recover"):  # the last shoes get time
        levels.append(stepper.hold())
    return moved


def _weeks(inputs: Inputs, levels: list[tuple[WeekKind, float, float]], days: list[date], change_weeks: list[int]) -> list[Week]:
    """The weeks, done and ahead, with their shoes, heel-raise counts and dates.

    Without check-ins week n starts ``n - 1`` weeks after the start date. A week done ends at its
    check-in; the weeks ahead start on the start date's weekday, from the last check-in's day on.
    """
    start_of = _week_starts(inputs, days)
    starts = [start_of(n) for n in range(1, len(levels) + 1)]
    weeks = []
    drop = inputs.current_drop
    counted = 0  # the last week with a heel-raise count: every easier week, and at least every `cycle` weeks
    cycle = DELOAD_EVERY_HIGH_RISK if sum(f.points for f in risk_factors(inputs)) >= HIGH_RISK_POINTS else DELOAD_EVERY
    for number, (kind, total, new) in enumerate(levels, start=1):
        count = number > 1 and (kind == "deload" or number - counted >= cycle)
        counted = number if count else counted
        changed = number in change_weeks
        if changed:
            if number == change_weeks[-1] or abs(inputs.target_drop - drop) <= DROP_STEP_MM:
                drop = inputs.target_drop
            else:
                drop += DROP_STEP_MM if inputs.target_drop > drop else -DROP_STEP_MM
        weeks.append(
            Week(
                number=number,
                start=starts[number - 1],
                kind=kind,
                total=total,
                new_strike=new,
                per_run=new / inputs.runs_per_week,
                shoe_drop=drop,
                shoe_change=changed,
                count_raises=count,
            )
        )
    return weeks


def compute(inputs: Inputs) -> Result:
    """Plan the transition.

    Parameters:
        inputs: The reader's situation, from ``parse_inputs``.

    Returns:
        The week-by-week plan, with the risk factors and warnings behind it.
    """
    return follow(inputs, Log())[1]


def _warnings(inputs: Inputs, points: int) -> tuple[WarningKind, ...]:
    """What the plan warns about, in the order the page lists it."""
    found: list[WarningKind] = []
    if inputs.heel_raises == 0:
        found.append("cannot-rise")
    elif inputs.heel_raises is not None and inputs.heel_raises < HEEL_RAISE_NORM:
        found.append("weak-calf")
    if inputs.injury:
        found.append("recent-injury")
    if volume_in_km(inputs) > VOLUME_RISK_KM:
        found.append("high-volume")
    if inputs.longest_run > inputs.weekly_volume * 1.001:
        found.append("longest-run")
    if inputs.average_run > LONG_AVERAGE_RUN[inputs.unit]:
        found.append("long-runs")
    if inputs.current_drop - inputs.target_drop >= BIG_DROP_MM:
        found.append("big-drop")
    if points >= HIGH_RISK_POINTS:
        found.append("high-risk")
    return tuple(found)
