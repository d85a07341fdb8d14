"""Hypothesis strategies for valid and invalid planner inputs, as raw form text."""

from __future__ import annotations

from hypothesis import assume
from hypothesis import strategies as st

from calculators import ramp_up

LIMITS = {f.name: f.limits for f in ramp_up.FIELDS}
KM_PER_UNIT = {"km": 1.0, "mi": ramp_up.KM_PER_MILE, "min": 1 / ramp_up.MINUTES_PER_KM_ASSUMED}


def _number(low: float, high: float) -> st.SearchStrategy[str]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False).map(lambda x: f"{x:.6g}")


def _running(draw: st.DrawFn, unit: str, most_km: float | None = None) -> dict[str, str]:
    """Weekly running, runs per week and a longest run that fit together: an average run the planner
    takes, and a longest run between the average run and the whole week (one run a week: the week)."""
    runs = draw(st.integers(1, 14))
    lo, hi = LIMITS["weekly_volume"][unit]
    if most_km is not None:
        hi = min(hi, most_km / KM_PER_UNIT[unit] * 0.9999)  # below the line after rounding to 6 digits
    volume = float(draw(_number(lo, hi)))
    lo_run, hi_run = LIMITS["longest_run"][unit]
    assume(volume / runs * 1.001 <= hi_run)
    assume(ramp_up.SHORTEST_AVERAGE_RUN[unit] <= volume / runs <= ramp_up.LONGEST_AVERAGE_RUN[unit])
    longest = f"{volume:.6g}" if runs == 1 else draw(_number(max(lo_run, volume / runs * 1.001), min(hi_run, volume)))
    return {"unit": unit, "weekly_volume": f"{volume:.6g}", "runs_per_week": str(runs), "longest_run": longest}


@st.composite
def valid_raw(draw: st.DrawFn) -> dict[str, str]:
    """A complete, valid set of raw form values."""
    running = _running(draw, draw(st.sampled_from(["min", "km", "mi"])))
    current = draw(st.sampled_from([0.0, 0.0, 2.0, 10.0, 30.0, 60.0, 90.0, 99.0]) | st.floats(0, 99).map(lambda x: round(x, 1)))
    target = draw(st.floats(max(5.0, current + 0.5), 100).map(lambda x: round(x, 1)) | st.just(100.0))
    assume(target > current)
    return running | {
        "current_share": f"{current:g}",
        "target_share": f"{target:g}",
        "age": str(draw(st.integers(14, 100))),
        "body_mass": draw(st.just("") | _number(30, 250)),
        "injury": draw(st.sampled_from(["", "on"])),
        "current_drop": draw(_number(0, 20)),
        "target_drop": draw(_number(0, 20)),
        "heel_raises": draw(st.just("") | st.integers(0, 200).map(str)),
        "start_date": draw(st.just("") | st.dates().filter(lambda d: 2000 <= d.year <= 2099).map(str)),
    }


@st.composite
def low_risk_raw(draw: st.DrawFn) -> dict[str, str]:
    """A low-risk full switch: valid values with no risk factor (no injury in the last 12 months,
    age at most 45, body mass at most 85 kg or not given, at most 35 km a week, a drop change
    under 8 mm, 25 single-leg heel raises or more or not given), from 0% to 100%."""
    running = _running(draw, draw(st.sampled_from(["min", "km", "mi"])), ramp_up.VOLUME_RISK_KM)
    current_drop = draw(st.integers(0, 20))
    return running | {
        "current_share": "0",
        "target_share": "100",
        "age": str(draw(st.integers(14, ramp_up.AGE_RISK))),
        "body_mass": draw(st.just("") | _number(30, ramp_up.MASS_RISK_KG)),
        "injury": "",
        "current_drop": str(current_drop),
        "target_drop": str(draw(st.integers(max(0, current_drop - 7), 20))),
        "heel_raises": draw(st.just("") | st.integers(ramp_up.HEEL_RAISE_NORM, 200).map(str)),
        "start_date": draw(st.just("") | st.dates().filter(lambda d: 2000 <= d.year <= 2099).map(str)),
    }
