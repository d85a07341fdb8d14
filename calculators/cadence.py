"""Cadence tool: your step rate, your step length, and a target band above your own baseline.

The target is always relative to the runner's own cadence at the same pace, never a
fixed 180 (Burns et al. 2019). A 5-10% rise is the range studied by Heiderscheit et
al. 2011; how fast to climb within it is common coaching practice, labelled as such.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._errors import InputError
from ._fields import Field, parse_fields

METRES_PER = {"km": 1000.0, "mi": 1609.344}
LOW_RISE, HIGH_RISE = 0.05, 0.10
"""The target band: +5% to +10% over the runner's own cadence (Heiderscheit et al. 2011)."""
STRIDE_GAIN = 0.059
"""Each +5 strides a minute brought the landing foot 5.9% closer to the hip (Lieberman et al. 2015)."""
PLAUSIBLE_SPM = (120.0, 230.0)
"""Running cadences outside this range almost always mean a miscount (elite range about 155-203, Burns et al. 2019)."""
PLAUSIBLE_STEP_M = (0.4, 2.6)
"""Step lengths outside this range almost always mean a wrong pace or count."""

FIELDS: tuple[Field, ...] = (
    Field(
        "count_seconds",
        "How you measured",
        "choice",
        "30",
        choices=(
            ("15", "steps counted over 15 s"),
            ("30", "steps counted over 30 s"),
            ("60", "steps counted over 60 s"),
            ("known", "I know my cadence"),
        ),
        hint="Count every footstrike, left and right, at your usual easy pace.",
        group="Your cadence now",
    ),
    Field(
        "steps",
        "Steps counted, or your cadence",
        "integer",
        "81",
        limits={"": (20, 240)},
        example="81",
        hint="For a known cadence, give steps per minute.",
        group="Your cadence now",
    ),
    Field(
        "pace_unit",
        "Pace measured in",
        "choice",
        "km",
        choices=(("km", "minutes per km"), ("mi", "minutes per mile")),
        group="The run you counted on",
    ),
    Field(
        "pace",
        "Pace of that run",
        "duration",
        "6:00",
        unit="min/",
        unit_field="pace_unit",
        limits={"km": (2.5, 15.0), "mi": (4.0, 24.0)},
        example="6:00",
        hint="Minutes and seconds, like 6:00.",
        group="The run you counted on",
    ),
    Field(
        "height",
        "Height",
        "number",
        "",
        unit="cm",
        limits={"": (100, 230)},
        required=False,
        example="175",
        hint="Optional: shows your step length against your height.",
        group="The run you counted on",
    ),
)


@dataclass(frozen=True)
class Inputs:
    """A counted or known cadence at a known pace."""

    count_seconds: int | None
    """15, 30 or 60; ``None`` when ``steps`` is already a cadence."""
    steps: int
    pace_unit: str
    pace: float
    """Minutes per ``pace_unit``."""
    height: float | None
    """Centimetres."""


@dataclass(frozen=True)
class Stage:
    """One step of the progression towards the upper target."""

    weeks: str
    rise: float
    cadence: int


@dataclass(frozen=True)
class Result:
    """Cadence, step and stride length, target band and progression."""

    inputs: Inputs
    cadence: float
    """Steps per minute."""
    speed: float
    """Metres per second."""
    step_length: float
    """Metres from one footstrike to the next (either foot)."""
    target_low: int
    target_high: int
    closer: float
    """Predicted fraction by which the landing foot moves closer to the hip at +10% (extrapolated)."""
    stages: tuple[Stage, ...]

    @property
    def stride_length(self) -> float:
        """Metres from one footstrike to the next of the same foot: two steps."""
        return 2 * self.step_length


def parse_inputs(raw: Mapping[str, str]) -> Inputs:
    """Turn raw form text into ``Inputs``.

    Raises:
        InputError: Naming every field whose value cannot be used, including a count or
            pace that together give an implausible cadence or step length.
    """
    values, errors = parse_fields(FIELDS, raw)
    v: dict[str, Any] = values
    if not errors:
        seconds = None if v["count_seconds"] == "known" else int(v["count_seconds"])
        cadence = v["steps"] if seconds is None else v["steps"] * 60 / seconds
        if not PLAUSIBLE_SPM[0] <= cadence <= PLAUSIBLE_SPM[1]:
            errors["steps"] = (
                f"That gives {cadence:.0f} steps a minute; running cadence is almost always between "
                f"{PLAUSIBLE_SPM[0]:.0f} and {PLAUSIBLE_SPM[1]:.0f}. Check the count and the time you counted for"
            )
        else:
            step = METRES_PER[v["pace_unit"]] / (v["pace"] * 60) / (cadence / 60)
            if not PLAUSIBLE_STEP_M[0] <= step <= PLAUSIBLE_STEP_M[1]:
                errors["pace"] = f"That pace and cadence give steps of {step:.2f} m, which is very unlikely; check the pace and its unit"
    if errors:
        raise InputError({f.name: errors[f.name] for f in FIELDS if f.name in errors})
    return Inputs(
        count_seconds=None if v["count_seconds"] == "known" else int(v["count_seconds"]),
        steps=v["steps"],
        pace_unit=v["pace_unit"],
        pace=v["pace"],
        height=v["height"],
    )


def compute(inputs: Inputs) -> Result:
    """Work out cadence, step length, the target band and a progression."""
    cadence = inputs.steps if inputs.count_seconds is None else inputs.steps * 60 / inputs.count_seconds
    speed = METRES_PER[inputs.pace_unit] / (inputs.pace * 60)
    low, high = round(cadence * (1 + LOW_RISE)), round(cadence * (1 + HIGH_RISE))
    extra_strides = cadence * HIGH_RISE / 2
    stages = (
        Stage("Weeks 1-2", LOW_RISE, low),
        Stage("Weeks 3-4", (LOW_RISE + HIGH_RISE) / 2, round(cadence * (1 + (LOW_RISE + HIGH_RISE) / 2))),
        Stage("From week 5", HIGH_RISE, high),
    )
    return Result(
        inputs=inputs,
        cadence=cadence,
        speed=speed,
        step_length=speed / (cadence / 60),
        target_low=low,
        target_high=high,
        closer=STRIDE_GAIN * extra_strides / 5,
        stages=stages,
    )
