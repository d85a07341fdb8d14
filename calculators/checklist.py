"""Overstride and calf-load checklist: a structured self-check, not a diagnosis.

Each answer adds explicit points to one of two separate concerns: overstriding
(braking, landing too far ahead) and calf overload (too much too soon, too high on
the toes). Points and band limits are plain data below and are shown on the page.
They are our weighting of the evidence brief, not a validated clinical score. Any
red-flag answer puts the red flags first and overrides both bands.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from . import ramp_up
from ._errors import InputError
from ._fields import Field, parse_fields
from ._safety import Severity
from ._sources import SOURCES

Concern = Literal["overstride", "calf"]
Band = Literal["low", "moderate", "high"]


@dataclass(frozen=True)
class Item:
    """One thing to check, with its weight, its reason and its source."""

    name: str
    question: str
    concern: Concern
    points: int
    why: str
    source: str
    group: str
    cue: str
    """Key into ``CUES`` that this answer calls for."""
    advice: str = ""
    """What to do now, for an answer that needs more than a cue."""


CUES: dict[str, str] = {
    "under-knee": "Bring your foot down under a slightly bent knee instead of reaching forward.",
    "cadence": "Take shorter, quicker steps: 5 to 10% more steps a minute than now.",
    "ball": "Land on the back of the ball of your foot, not on your toes.",
    "heel-kiss": "Let your heel kiss the ground after you land, so the calf is not working the whole time.",
    "hold": "Hold your weekly running steady while your strike changes, and build the new strike slowly.",
}
"""The coaching cues a result can suggest (source notes; Warne & Gruber 2017 for the cues studied)."""

ITEMS: tuple[Item, ...] = (
    Item(
        "foot_ahead",
        "In the video, my foot lands well ahead of my knee (the shin tilts forward at contact)",
        "overstride",
        2,
        "The further ahead of the knee the foot lands, the bigger the jolt as it lands.",
        "lieberman-2015",
        "From your video",
        "under-knee",
    ),
    Item(
        "reaching",
        "I reach forward to land on the front of my foot",
        "overstride",
        2,
        "Reaching for a forefoot landing puts the foot far ahead of the body: it brakes, and the calf catches it.",
        "lieberman-2015",
        "From your video",
        "under-knee",
    ),
    Item(
        "on_toes",
        "I land high on my toes and my heel never touches the ground",
        "calf",
        2,
        "A forefoot landing loads the Achilles more than a midfoot one, and a heel that never lowers keeps the "
        "calf working through the whole step.",
        "nishiguchi-2025",
        "From your video",
        "ball",
    ),
    Item(
        "loud",
        "My landings are loud",
        "overstride",
        1,
        "'Land quietly' is one of the few cues transition studies used; loud landings often come with long steps.",
        "warne-2017",
        "How your runs feel",
        "cadence",
    ),
    Item(
        "low_cadence",
        "My cadence is below my usual at the same pace",
        "overstride",
        1,
        "Fewer, longer steps mean more braking and more load at the knee and hip.",
        "heiderscheit-2011",
        "How your runs feel",
        "cadence",
    ),
    Item(
        "long_run",
        "A recent run was more than 10% longer than my longest of the 30 days before",
        "calf",
        2,
        "Single runs beyond the 30-day longest came with more injuries.",
        "frandsen-2025",
        "How your runs feel",
        "hold",
    ),
    Item(
        "new_shoes",
        "I recently changed to low-drop or minimal shoes",
        "calf",
        1,
        "Runners in fully minimal shoes reported more calf pain.",
        "ryan-2014",
        "How your runs feel",
        "hold",
    ),
    Item(
        "morning_stiffness",
        "My calves are stiffer than usual the morning after runs",
        "calf",
        2,
        "Soreness that has not settled by the next morning means the last load was too much.",
        "silbernagel-2007",
        "How your runs feel",
        "hold",
    ),
    Item(
        "pain_high",
        "Pain during my runs goes above 5 out of 10",
        "calf",
        4,
        "Above 5 out of 10 is the high-risk zone of the pain-monitoring model.",
        "silbernagel-2007",
        "How your runs feel",
        "hold",
        "Stop the new strike for today, and run the rest in your usual style only if that does not hurt; otherwise "
        "walk. Go back a week in your plan. If it happens again, or the pain has not settled within a few days, see "
        "a physiotherapist or doctor. If a red flag below fits, do what it says.",
    ),
    Item(
        "injury",
        "I had an Achilles or calf injury in the last 12 months",
        "calf",
        2,
        "A recent Achilles problem went with about six times the odds of a new one.",
        "lagas-2020",
        "About you",
        "hold",
    ),
)

AGE_ITEM = Item(
    "age",
    f"Over {ramp_up.AGE_RISK}",
    "calf",
    1,
    "Achilles tendon pain is more common over 45 (about 8% against 2% under 18), though a study that followed runners "
    "found no clear link between age and new cases: counting age is our caution.",
    "wang-2022",
    "About you",
    "hold",
)
MASS_ITEM = Item(
    "mass",
    f"Body mass over {ramp_up.MASS_RISK_KG:g} kg",
    "calf",
    1,
    "Heavier runners were injured more often in a switch to minimal shoes.",
    "fuller-2017",
    "About you",
    "hold",
)

BANDS: dict[Concern, tuple[int, int]] = {"overstride": (2, 4), "calf": (2, 4)}
"""Points at which a concern becomes moderate and high: our convention, not a validated score."""

RED_FLAG_ITEMS: tuple[tuple[str, str], ...] = (
    ("flag_pop", "I felt a pop, or as if kicked in the back of the leg"),
    ("flag_tiptoe", "I cannot rise onto tiptoe on the sore leg"),
    ("flag_gap", "I can feel a gap or dent above my heel"),
    ("flag_sharp", "I had sudden sharp calf pain with bruising"),
    ("flag_clot", "One calf hurts and is swollen, warm or red"),
)
"""The "Right now" answers: each is a sign of the urgent group in ``_safety.RED_FLAGS`` (get medical help today)."""
RED_FLAG_GROUP: Severity = "urgent"
"""The group of ``_safety.RED_FLAGS`` whose action a ticked red flag calls for."""


_PLANNER = {f.name: f for f in ramp_up.FIELDS}
"""Age and body mass are asked exactly as the planner asks them, so the link carries them over."""


def _hint(item: Item) -> str:
    return f"{item.why} ({SOURCES[item.source]})"


def _flag(name: str, label: str, group: str, hint: str = "") -> Field:
    return Field(name, label, "flag", "", hint=hint, group=group)


FIELDS: tuple[Field, ...] = (
    *(_flag(i.name, i.question, i.group, _hint(i)) for i in ITEMS if i.group != "About you"),
    _flag("no_pain", "I have no pain at all during or after runs", "How your runs feel"),
    *(_flag(i.name, i.question, i.group, _hint(i)) for i in ITEMS if i.group == "About you"),
    *(replace(_PLANNER[name], default="", required=False, hint="Optional.") for name in ("age", "body_mass")),
    *(_flag(name, label, "Right now") for name, label in RED_FLAG_ITEMS),
)


@dataclass(frozen=True)
class ConcernResult:
    """One concern's band and the answers that drove it."""

    concern: Concern
    points: int
    band: Band
    drivers: tuple[Item, ...]


@dataclass(frozen=True)
class Result:
    """Both concerns, the cues that fit, red flags, and the planner link's values."""

    overstride: ConcernResult
    calf: ConcernResult
    red_flags: tuple[str, ...]
    cues: tuple[str, ...]
    planner: dict[str, str]
    """Planner fields this check can fill in (age, body mass, injury)."""


@dataclass(frozen=True)
class Inputs:
    """The ticked items, age and body mass."""

    ticked: frozenset[str]
    age: int | None
    body_mass: float | None


def parse_inputs(raw: Mapping[str, str]) -> Inputs:
    """Read the answers.

    Raises:
        InputError: For unreadable values, and for answers that contradict each other
            (no pain at all, and pain above 5 out of 10), pointed out rather than guessed.
    """
    values, errors = parse_fields(FIELDS, raw)
    if values.get("no_pain") and values.get("pain_high"):
        errors["no_pain"] = "You ticked both 'no pain at all' and 'pain above 5 out of 10'; untick the one that is wrong"
    if errors:
        raise InputError({f.name: errors[f.name] for f in FIELDS if f.name in errors})
    v: dict[str, Any] = values
    ticked = frozenset(f.name for f in FIELDS if f.kind == "flag" and v[f.name])
    return Inputs(ticked=ticked, age=v["age"], body_mass=v["body_mass"])


def band(concern: Concern, points: int) -> Band:
    """The band for a number of points."""
    moderate, high = BANDS[concern]
    return "high" if points >= high else "moderate" if points >= moderate else "low"


def compute(inputs: Inputs) -> Result:
    """Score both concerns, pick the cues, and collect any red flags."""
    present = [item for item in ITEMS if item.name in inputs.ticked]
    if inputs.age is not None and inputs.age > ramp_up.AGE_RISK:
        present.append(AGE_ITEM)
    if inputs.body_mass is not None and inputs.body_mass > ramp_up.MASS_RISK_KG:
        present.append(MASS_ITEM)
    results = {}
    for concern in ("overstride", "calf"):
        drivers = tuple(item for item in present if item.concern == concern)
        points = sum(item.points for item in drivers)
        results[concern] = ConcernResult(concern, points, band(concern, points), drivers)
    ranked = sorted(present, key=lambda item: -item.points)
    cues = tuple(dict.fromkeys(CUES[item.cue] for item in ranked))
    if any(item.name == "on_toes" for item in present):
        cues = tuple(dict.fromkeys((CUES["ball"], CUES["heel-kiss"], *cues)))
    planner = {"injury": "on" if "injury" in inputs.ticked else ""}
    if inputs.age is not None:
        planner["age"] = str(inputs.age)
    if inputs.body_mass is not None:
        planner["body_mass"] = f"{inputs.body_mass:g}"
    flags = tuple(label for name, label in RED_FLAG_ITEMS if name in inputs.ticked)
    return Result(results["overstride"], results["calf"], flags, cues[:3], planner)
