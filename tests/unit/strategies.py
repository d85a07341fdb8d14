"""Hypothesis strategies for valid and invalid planner inputs, as raw form text."""

from __future__ import annotations

from hypothesis import assume
from hypothesis import strategies as st

from calculators import ramp_up

LIMITS = {f.name: f.limits for f in ramp_up.FIELDS}


def _number(low: float, high: float) -> st.SearchStrategy[str]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False).map(lambda x: f"{x:.6g}")


@st.composite
def valid_raw(draw: st.DrawFn) -> dict[str, str]:
    """A complete, valid set of raw form values."""
    unit = draw(st.sampled_from(["min", "km", "mi"]))
    runs = draw(st.integers(1, 14))
    lo, hi = LIMITS["weekly_volume"][unit]
    volume = float(draw(_number(lo, hi)))
    lo_run, hi_run = LIMITS["longest_run"][unit]
    assume(volume / runs * 1.001 <= hi_run)
    assume(ramp_up.SHORTEST_AVERAGE_RUN[unit] <= volume / runs <= ramp_up.LONGEST_AVERAGE_RUN[unit])
    # at least the average run, at most the whole week (one run a week: the week itself)
    longest = f"{volume:.6g}" if runs == 1 else draw(_number(max(lo_run, volume / runs * 1.001), min(hi_run, volume)))
    current = draw(st.sampled_from([0.0, 0.0, 2.0, 10.0, 30.0, 60.0, 90.0, 99.0]) | st.floats(0, 99).map(lambda x: round(x, 1)))
    target = draw(st.floats(max(5.0, current + 0.5), 100).map(lambda x: round(x, 1)) | st.just(100.0))
    assume(target > current)
    return {
        "unit": unit,
        "weekly_volume": f"{volume:.6g}",
        "runs_per_week": str(runs),
        "longest_run": longest,
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
