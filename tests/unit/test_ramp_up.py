"""The ramp-up planner: its caps, its shape, its risk factors and its examples."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings

from calculators import default_values, ramp_up
from calculators.ramp_up import Inputs, Result, compute, parse_inputs

from .strategies import valid_raw

EPS = 1e-9


def plan(**changes: str) -> Result:
    raw = default_values(ramp_up.FIELDS)
    raw.update(changes)
    return compute(parse_inputs(raw))


def check_invariants(result: Result) -> None:
    inputs, weeks = result.inputs, result.weeks
    run_cap = inputs.longest_run * (1 + ramp_up.BLOCK_CAP)
    for i, week in enumerate(weeks):
        assert week.total <= inputs.weekly_volume * (1 + EPS), "total volume is never raised"
        assert week.total / inputs.runs_per_week <= run_cap * (1 + EPS), "no run beyond 110% of the 30-day longest"
        assert week.new_strike <= week.total * inputs.target_share * (1 + EPS)
        if i == 0:
            continue
        recent = weeks[max(0, i - 4) : i]
        assert week.per_run <= max(w.per_run for w in recent) * (1 + ramp_up.BLOCK_CAP) * (1 + EPS), "block cap"
        assert week.new_strike <= weeks[i - 1].new_strike * (1 + ramp_up.WEEK_CAP) * (1 + EPS), "+20% a week"
        if i >= 2:
            assert week.new_strike <= weeks[i - 2].new_strike * (1 + ramp_up.TWO_WEEK_CAP) * (1 + EPS), "+30% in 2 weeks"
        if week.kind != "deload":
            previous = [w.new_strike for w in weeks[:i] if w.kind != "deload"]
            assert week.new_strike >= max(previous) * (1 - EPS), "build-up is monotone apart from easier weeks"
    deloads = [w.number for w in weeks if w.kind == "deload"]
    assert all(b - a in (3, 4) for a, b in zip([0, *deloads], deloads, strict=False)), "an easier week every 3-4 weeks"
    last = weeks[-1]
    assert last.kind != "deload"
    assert last.share == pytest.approx(inputs.target_share), "the plan ends at the target share"
    assert weeks[0].share == pytest.approx(ramp_up.first_share(inputs))
    if 0 < inputs.current_share:
        assert weeks[0].share <= max(inputs.current_share, ramp_up.START_SHARE) + EPS
        assert weeks[0].share <= inputs.current_share * (1 + ramp_up.BLOCK_CAP) + EPS or weeks[0].share == pytest.approx(
            inputs.current_share
        ), "week 1 is no more than 10% above what the reader already does"
    else:
        assert weeks[0].share == pytest.approx(ramp_up.START_SHARE)
    if inputs.target_share >= 1:
        assert len(weeks) >= ramp_up.MIN_WEEKS_FULL, "a full switch never takes fewer than 12 weeks"
    assert last.shoe_drop == pytest.approx(inputs.target_drop), "the shoes end at the target drop"
    drops = [inputs.current_drop] + [w.shoe_drop for w in weeks]
    assert all(abs(a - b) <= ramp_up.DROP_STEP_MM * (1 + EPS) for a, b in zip(drops, drops[1:], strict=False)), "shoe steps"
    changes = [1] + [w.number for w in weeks if w.shoe_change]
    gaps = [b - a for a, b in zip(changes, changes[1:], strict=False)]
    assert all(gap >= ramp_up.SHOE_STEP_WEEKS for gap in gaps), f"shoe steps at least 3 weeks apart: {changes}"
    assert all(w.total == pytest.approx(inputs.weekly_volume) for w in weeks), "total running held at today's level"


@settings(max_examples=300, deadline=None)
@given(valid_raw())
def test_invariants_hold_for_all_valid_inputs(raw: dict[str, str]) -> None:
    """Every valid input gives a plan that keeps the caps, ends at the target and lasts long enough."""
    check_invariants(compute(parse_inputs(raw)))


RISKS = {
    "injury": lambda i: dataclasses.replace(i, injury=True),
    "age": lambda i: dataclasses.replace(i, age=max(i.age, 46)),
    "mass": lambda i: dataclasses.replace(i, body_mass=90.0),
    "heel raises": lambda i: dataclasses.replace(i, heel_raises=10),
    "volume": lambda i: dataclasses.replace(i, weekly_volume=i.weekly_volume * 50, longest_run=i.longest_run * 50),
    "drop": lambda i: _big_drop(i),
}


def _big_drop(inputs: Inputs) -> Inputs:
    """The same size of shoe change or larger, made into a drop of 8 mm or more."""
    change = max(8.0, abs(inputs.current_drop - inputs.target_drop))
    start = min(20.0, max(inputs.current_drop, change))
    return dataclasses.replace(inputs, current_drop=start, target_drop=start - change)


@settings(max_examples=150, deadline=None)
@given(valid_raw())
def test_every_risk_factor_lengthens_or_keeps_the_plan(raw: dict[str, str]) -> None:
    """Adding any risk factor never shortens the plan or speeds up its growth."""
    inputs = parse_inputs(raw)
    base = compute(inputs)
    for name, add in RISKS.items():
        riskier = compute(add(inputs))
        assert len(riskier.weeks) >= len(base.weeks), name
        assert riskier.growth <= base.growth + EPS, name


RISK_SOURCES = {
    "injury": "lagas-2020",
    "age": "wang-2022",
    "mass": "fuller-2017",
    "heel raises": "lunsford-1995",
    "volume": "fuller-2017",
    "drop": "ryan-2014",
}


@pytest.mark.parametrize("name", sorted(RISKS))
def test_each_risk_factor_is_named_and_slows_a_default_plan(name: str) -> None:
    """On the default plan, each risk factor is named in the result with its source, and makes the plan longer."""
    inputs = parse_inputs(default_values(ramp_up.FIELDS))
    riskier = compute(RISKS[name](inputs))
    assert [f.source for f in riskier.risk_factors] == [RISK_SOURCES[name]], name
    assert len(riskier.weeks) > len(compute(inputs).weeks), name


def test_default_plan_matches_the_evidence_defaults() -> None:
    """The default plan starts at 5%, reaches 100%, and takes far longer than 12 weeks."""
    result = plan()
    assert result.weeks[0].share == pytest.approx(0.05)
    assert result.weeks[0].per_run == pytest.approx(2.5)  # 5% of a 50-minute run
    assert result.weeks[-1].share == pytest.approx(1.0)
    assert 26 <= len(result.weeks) <= 52
    assert result.growth == pytest.approx(1.3 ** (1 / 3) - 1)
    assert result.deload_every == 4
    assert not result.warnings


def test_partial_target_stops_at_the_target() -> None:
    """A target of 60% ends the plan at 60%, without the 12-week floor of a full switch."""
    result = plan(current_share="50", target_share="60")
    assert result.weeks[-1].share == pytest.approx(0.60)
    assert len(result.weeks) < 12


def test_high_volume_gets_a_plan_and_a_warning() -> None:
    """120 km a week is valid but risky: a plan, plus a plain warning about volume."""
    result = plan(unit="km", weekly_volume="120", longest_run="35", runs_per_week="6")
    assert result.weeks
    assert any("35 km" in w for w in result.warnings)


def test_big_drop_change_is_stepped_and_warned() -> None:
    """12 mm to 0 mm of drop gets a warning and at least three shoe steps of at most 4 mm."""
    result = plan(current_drop="12", target_drop="0")
    assert any("12 mm to 0 mm" in w for w in result.warnings)
    changes = [w for w in result.weeks if w.shoe_change]
    assert len(changes) == 3
    drops = [12.0] + [w.shoe_drop for w in changes]
    assert all(0 < a - b <= ramp_up.DROP_STEP_MM for a, b in zip(drops, drops[1:], strict=False))


def test_no_heel_raise_at_all_is_a_red_flag_warning() -> None:
    """Someone who cannot rise onto tiptoe is told to see a clinician first."""
    result = plan(heel_raises="0")
    assert any("red flags" in w for w in result.warnings)


def test_start_date_gives_weekly_dates() -> None:
    """With a start date, each week starts seven days after the one before."""
    result = plan(start_date="2027-01-04")
    assert str(result.weeks[0].start) == "2027-01-04"
    assert str(result.weeks[1].start) == "2027-01-11"


def test_miles_and_minutes_compare_with_35_km() -> None:
    """The 35 km risk threshold applies in miles (about 21.7) and minutes (210 at 6 min/km)."""
    assert not plan(unit="mi", weekly_volume="21", longest_run="10").risk_factors
    assert plan(unit="mi", weekly_volume="22", longest_run="10").risk_factors
    assert not plan(weekly_volume="210", longest_run="80").risk_factors
    assert plan(weekly_volume="215", longest_run="80").risk_factors


def test_inputs_are_frozen() -> None:
    """Inputs cannot be changed after parsing."""
    inputs = parse_inputs(default_values(ramp_up.FIELDS))
    with pytest.raises(dataclasses.FrozenInstanceError):
        inputs.age = 50  # type: ignore[misc]
    assert isinstance(inputs, Inputs)


def test_a_very_long_average_run_is_a_plain_warning() -> None:
    """120 km in 3 runs (40 km a run) can be true for an ultra runner: a plan, with a warning to check it."""
    result = plan(unit="km", weekly_volume="120", runs_per_week="3", longest_run="45")
    assert result.weeks
    assert any("Your runs average 40 km" in w and "check your weekly running and runs per week" in w for w in result.warnings)
    assert not any("Your runs average" in w for w in plan(unit="km", weekly_volume="60", runs_per_week="3", longest_run="25").warnings)
