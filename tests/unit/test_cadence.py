"""The cadence tool: arithmetic, the target band, and bad counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, cadence, default_values
from calculators.cadence import compute, parse_inputs


def result(**changes: str) -> cadence.Result:
    raw = default_values(cadence.FIELDS) | changes
    return compute(parse_inputs(raw))


def test_counted_steps_become_steps_per_minute() -> None:
    """81 steps in 30 s is 162 steps a minute; 40 in 15 s is 160; a known cadence is kept."""
    assert result(steps="81", count_seconds="30").cadence == 162
    assert result(steps="40", count_seconds="15").cadence == 160
    assert result(steps="171", count_seconds="known").cadence == 171


def test_step_and_stride_length_follow_from_pace() -> None:
    """At 6:00 per km and 162 steps a minute, a step is 2.78 m/s over 2.7 steps/s: about 1.03 m."""
    r = result(steps="81", count_seconds="30", pace="6:00", pace_unit="km")
    assert r.speed == pytest.approx(1000 / 360)
    assert r.step_length == pytest.approx((1000 / 360) / 2.7)
    assert r.stride_length == pytest.approx(2 * r.step_length)


def test_pace_in_miles_and_decimal_minutes() -> None:
    """9:39 per mile equals 6:00 per km (within rounding); "6.5" reads as 6:30."""
    assert result(pace="9:39", pace_unit="mi").speed == pytest.approx(1000 / 360, rel=0.002)
    assert parse_inputs(default_values(cadence.FIELDS) | {"pace": "6.5"}).pace == 6.5


@settings(max_examples=300, deadline=None)
@given(st.integers(120, 230), st.sampled_from(["km", "mi"]), st.floats(3.0, 12.0))
def test_target_band_is_five_to_ten_percent_above_the_runners_own_cadence(spm: int, unit: str, pace: float) -> None:
    """The band is always +5% to +10% of the runner's own cadence, never a fixed 180."""
    raw = default_values(cadence.FIELDS) | {"count_seconds": "known", "steps": str(spm), "pace_unit": unit, "pace": f"{pace:.3f}"}
    try:
        inputs = parse_inputs(raw)
    except InputError as error:
        assert set(error.fields) == {"pace"}  # only an implausible step length is refused
        return
    r = compute(inputs)
    assert r.target_low == round(spm * 1.05) and r.target_high == round(spm * 1.10)
    assert [s.cadence for s in r.stages] == sorted(s.cadence for s in r.stages)
    assert r.stages[0].cadence == r.target_low and r.stages[-1].cadence == r.target_high
    assert 0 < r.closer < 0.2


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"steps": "30"}, "steps", "That gives 60 steps a minute"),
        ({"steps": "81", "count_seconds": "15"}, "steps", "324 steps a minute"),
        ({"steps": ""}, "steps", "Enter steps counted"),
        ({"steps": "eighty"}, "steps", "must be a number"),
        ({"pace": "6:75"}, "pace", "minutes and seconds"),
        ({"pace": "1:00"}, "pace", "at least 2:30 min/km"),
        ({"pace": "30:00", "pace_unit": "mi"}, "pace", "at most 24:00 min/mi"),
        ({"pace": "14:00", "steps": "115"}, "pace", "very unlikely"),
        ({"height": "2"}, "height", "at least 100 cm"),
        ({"count_seconds": "45"}, "count_seconds", "Choose one of"),
    ],
)
def test_bad_values_get_a_message_on_their_field(changes: dict[str, str], field: str, says: str) -> None:
    """Each bad count, pace or height is reported on its own field, in plain words."""
    with pytest.raises(InputError) as caught:
        parse_inputs(default_values(cadence.FIELDS) | changes)
    assert list(caught.value.errors) == [field]
    assert says in caught.value.errors[field]
