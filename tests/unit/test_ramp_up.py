"""The ramp-up planner: its caps, its shape, its risk factors and its examples."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import default_values, ramp_up
from calculators._ramp_up_html import warning_texts
from calculators.ramp_up import Inputs, Result, compute, parse_inputs

from .strategies import low_risk_raw, valid_raw

EPS = 1e-9


def plan(**changes: str) -> Result:
    raw = default_values(ramp_up.FIELDS)
    raw.update(changes)
    return compute(parse_inputs(raw))


def rises(result: Result) -> list[float]:
    """Each week's new-strike running above the most done in any of the 4 weeks before it (about
    30 days), as a share of the weekly volume: the plan's step, whatever the week before was."""
    weeks, volume = result.weeks, result.inputs.weekly_volume
    return [(w.new_strike - max(p.new_strike for p in weeks[max(0, i - 4) : i])) / volume for i, w in enumerate(weeks) if i]


def check_invariants(result: Result) -> None:
    inputs, weeks = result.inputs, result.weeks
    run_cap = inputs.longest_run * (1 + ramp_up.RUN_CAP)
    for i, week in enumerate(weeks):
        assert week.total <= inputs.weekly_volume * (1 + EPS), "total volume is never raised"
        assert week.total / inputs.runs_per_week <= run_cap * (1 + EPS), "no whole run beyond 110% of the 30-day longest"
        assert week.new_strike <= week.total * inputs.target_share * (1 + EPS)
        if i == 0:
            continue
        if week.kind == "deload":
            assert week.new_strike < weeks[i - 1].new_strike, "an easier week steps the new strike back"
        else:
            previous = [w.new_strike for w in weeks[:i] if w.kind != "deload"]
            assert week.new_strike >= max(previous) * (1 - EPS), "build-up is monotone apart from easier weeks"
            if week.kind == "build" and max(previous) < inputs.target_share * week.total * (1 - EPS):
                assert week.new_strike > max(previous), "a build week below the target always moves on"
    assert all(rise <= ramp_up.STEP_CAP + EPS for rise in rises(result)), "no step above 5% of weekly running"
    assert all(rise <= result.steps.cap + EPS for rise in rises(result)), "no step above this plan's own cap"
    deloads = [w.number for w in weeks if w.kind == "deload"]
    assert result.deload_every in (3, 4)
    assert all(n % result.deload_every == 0 for n in deloads), "an easier week every 3 or 4 weeks"
    assert all(b - a == result.deload_every for a, b in zip([0, *deloads], deloads, strict=False)), "none skipped"
    last = weeks[-1]
    assert last.kind != "deload"
    assert last.share == pytest.approx(inputs.target_share), "the plan ends at the target share"
    assert weeks[0].share == pytest.approx(max(inputs.current_share, ramp_up.START_SHARE)), "5%, or where the reader is"
    if inputs.target_share >= 1:
        assert len(weeks) >= ramp_up.MIN_WEEKS_FULL, "a full switch never takes fewer than 12 weeks"
    assert last.shoe_drop == pytest.approx(inputs.target_drop), "the shoes end at the target drop"
    drops = [inputs.current_drop] + [w.shoe_drop for w in weeks]
    assert all(abs(a - b) <= ramp_up.DROP_STEP_MM * (1 + EPS) for a, b in zip(drops, drops[1:], strict=False)), "shoe steps"
    changes = [1] + [w.number for w in weeks if w.shoe_change]
    gaps = [b - a for a, b in zip(changes, changes[1:], strict=False)]
    assert all(gap >= ramp_up.SHOE_STEP_WEEKS for gap in gaps), f"shoe steps at least 3 weeks apart: {changes}"
    assert all(w.total == pytest.approx(inputs.weekly_volume) for w in weeks), "total running held at today's level"
    assert result.strength == ramp_up.strength_stage(inputs.heel_raises), "the strength stage comes from the count alone"


@settings(max_examples=300, deadline=None)
@given(valid_raw())
def test_invariants_hold_for_all_valid_inputs(raw: dict[str, str]) -> None:
    """Every valid input gives a plan that keeps the caps, ends at the target and lasts long enough."""
    check_invariants(compute(parse_inputs(raw)))


@settings(max_examples=200, deadline=None)
@given(low_risk_raw())
def test_a_low_risk_full_switch_takes_26_to_35_weeks(raw: dict[str, str]) -> None:
    """With no risk factor, from 0% to 100%: between 26 and 35 weeks (no study shows slower than
    Fuller's 26 weeks is safer), with no step above 5% of weekly running."""
    result = compute(parse_inputs(raw))
    assert not result.risk_factors
    assert 26 <= len(result.weeks) <= 35, len(result.weeks)
    check_invariants(result)


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
    """Adding any risk factor never shortens the plan, never enlarges a step and never spaces the easier weeks out."""
    inputs = parse_inputs(raw)
    base = compute(inputs)
    for name, add in RISKS.items():
        riskier = compute(add(inputs))
        assert len(riskier.weeks) >= len(base.weeks), name
        assert riskier.steps.of_week <= base.steps.of_week + EPS, name
        assert riskier.steps.of_block <= base.steps.of_block + EPS, name
        assert riskier.steps.cap <= base.steps.cap + EPS, name
        assert max(rises(riskier), default=0) <= max(rises(base), default=0) + EPS, name
        assert riskier.deload_every <= base.deload_every, name


@given(st.integers(0, 20), st.floats(0, 1000), st.floats(1, 1000))
def test_a_risk_point_makes_every_step_smaller_or_keeps_it(points: int, level: float, volume: float) -> None:
    """At any level of new-strike running, one more risk point never gives a bigger step."""
    fewer, more = ramp_up.plan_steps(points), ramp_up.plan_steps(points + 1)
    assert ramp_up.step_size(level, volume, more) <= ramp_up.step_size(level, volume, fewer) + EPS
    assert (
        ramp_up.step_size(level, volume, more)
        >= ramp_up.SMALLEST_STEP_SCALE * ramp_up.step_size(level, volume, ramp_up.plan_steps(0)) - EPS
    )


RISK_SOURCES = {
    "injury": ["lagas-2020"],
    "age": ["wang-2022", "lagas-2020"],
    "mass": ["fuller-2017"],
    "heel raises": ["lunsford-1995"],
    "volume": ["fuller-2017"],
    "drop": ["malisoux-2016", "ryan-2014"],
}


@pytest.mark.parametrize("name", sorted(RISKS))
def test_each_risk_factor_is_named_and_slows_a_default_plan(name: str) -> None:
    """On the default plan, each risk factor is named in the result with its sources, and makes the plan longer."""
    inputs = parse_inputs(default_values(ramp_up.FIELDS))
    riskier = compute(RISKS[name](inputs))
    assert [list(f.sources) for f in riskier.risk_factors] == [RISK_SOURCES[name]], name
    assert len(riskier.weeks) > len(compute(inputs).weeks), name


def test_risk_factor_texts_say_what_is_our_convention() -> None:
    """Lagas' odds are for Achilles tendinopathy only (a calf injury counting the same is ours), the
    8 mm drop line is ours, and the heel-raise factor names Lunsford & Perry's criterion for normal."""
    texts = {f.sources[0]: f.text for f in plan(injury="on", current_drop="12", target_drop="2", heel_raises="20").risk_factors}
    assert "Achilles tendinopathy" in texts["lagas-2020"] and "calf injury the same is our convention" in texts["lagas-2020"]
    assert "8 mm line is our convention" in texts["malisoux-2016"]
    assert "below Lunsford & Perry's criterion for normal" in texts["lunsford-1995"]


def test_default_plan_matches_the_evidence_defaults() -> None:
    """The default plan starts at 5% (Fuller 2017b), steps up by 3.5% of weekly running at first,
    reaches 100% in 26 to 35 weeks with an easier week every fourth week, and warns of nothing."""
    result = plan()
    assert result.weeks[0].share == pytest.approx(0.05)
    assert result.weeks[0].per_run == pytest.approx(2.5)  # 5% of a 50-minute run
    assert result.weeks[1].share == pytest.approx(0.05 + ramp_up.STEP_OF_WEEK)
    assert result.weeks[-1].share == pytest.approx(1.0)
    assert 26 <= len(result.weeks) <= 35
    assert result.steps == ramp_up.plan_steps(0)
    assert result.deload_every == 4
    assert max(rises(result)) == pytest.approx(ramp_up.STEP_CAP)
    assert not result.warnings


def test_a_high_risk_plan_is_longer_eases_off_more_and_suggests_a_physiotherapist() -> None:
    """Three risk points (a recent injury and age): smaller steps, an easier week every third week,
    and a warning that suggests a physiotherapist and a lower target share."""
    result = plan(injury="on", age="52")
    assert result.points == 3 and result.deload_every == 3
    assert len(result.weeks) > len(plan(age="52").weeks) > len(plan().weeks)
    assert any("physiotherapist" in w and "lower target share" in w for w in warning_texts(result))
    assert not any("physiotherapist" in w for w in warning_texts(plan(age="52")))


def test_partial_target_stops_at_the_target() -> None:
    """A target of 60% ends the plan at 60%, without the 12-week floor of a full switch."""
    result = plan(current_share="50", target_share="60")
    assert result.weeks[-1].share == pytest.approx(0.60)
    assert len(result.weeks) < 12


def test_high_volume_gets_a_plan_and_a_warning() -> None:
    """120 km a week is valid but risky: a plan, plus a plain warning about volume."""
    result = plan(unit="km", weekly_volume="120", longest_run="35", runs_per_week="6")
    assert result.weeks
    assert any("35 km" in w for w in warning_texts(result))


def test_big_drop_change_is_stepped_and_warned() -> None:
    """12 mm to 0 mm of drop gets a warning and at least three shoe steps of at most 4 mm."""
    result = plan(current_drop="12", target_drop="0")
    assert any("12 mm to 0 mm" in w for w in warning_texts(result))
    changes = [w for w in result.weeks if w.shoe_change]
    assert len(changes) == 3
    drops = [12.0] + [w.shoe_drop for w in changes]
    assert all(0 < a - b <= ramp_up.DROP_STEP_MM for a, b in zip(drops, drops[1:], strict=False))


def test_no_heel_raise_at_all_is_a_red_flag_warning() -> None:
    """Someone who cannot rise onto tiptoe is told, in the urgent group's words, to get help today if it is
    new, and to see a physiotherapist before starting if not; the plan holds the strength work until then."""
    from calculators._ramp_up_html import strength_cell, strength_now
    from calculators._safety import flag_group

    result = plan(heel_raises="0")
    (warning,) = [w for w in warning_texts(result) if "tiptoe" in w]
    assert f"red flag: {flag_group('urgent').action}" in warning
    assert "see a physiotherapist before you start" in warning
    assert "below" not in warning, "the red flags come first on the page, not below"
    assert strength_now(result).startswith("Strength work: wait until a physiotherapist or doctor has checked")
    assert strength_cell(result.weeks[0], result) == "After a check-up"


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


@pytest.mark.parametrize(("count", "stage"), [(None, 0), (0, 0), (1, 0), (9, 0), (10, 1), (24, 1), (25, 2), (200, 2)], ids=lambda v: str(v))
def test_strength_stage_comes_from_the_heel_raise_count(count: int | None, stage: int) -> None:
    """The first stage without a count or below 10; slow single-leg raises from 10 (our convention);
    raises with weight from 25, Lunsford & Perry's criterion for normal."""
    assert ramp_up.strength_stage(count) == stage


@given(st.integers(0, 200), st.integers(0, 200))
def test_more_heel_raises_never_give_an_earlier_stage(fewer: int, more: int) -> None:
    """The stage is a monotone function of the count alone (a later check-in can report a new count)."""
    fewer, more = sorted((fewer, more))
    assert ramp_up.strength_stage(fewer) <= ramp_up.strength_stage(more)
    assert ramp_up.STRENGTH_STAGES[ramp_up.strength_stage(more)].unlock <= more


def test_the_weighted_stage_opens_at_lunsford_and_perrys_criterion() -> None:
    """Each stage opens at a higher count than the one before; raises with weight at 25 (Lunsford & Perry),
    the earlier count being our convention (no source)."""
    unlocks = [stage.unlock for stage in ramp_up.STRENGTH_STAGES]
    assert unlocks == sorted(set(unlocks)) and unlocks[0] == 0
    assert ramp_up.STRENGTH_STAGES[-1].unlock == ramp_up.HEEL_RAISE_NORM == 25
    assert ramp_up.STRENGTH_STAGES[-1].source == "lunsford-1995"
    assert all(stage.source is None for stage in ramp_up.STRENGTH_STAGES[:-1])


def test_fewer_than_25_heel_raises_is_a_warning_that_says_what_to_do_first() -> None:
    """18 raises: a warning naming Lunsford & Perry's criterion, the reader's stage, and to start the strength work first."""
    result = plan(heel_raises="18")
    assert result.strength == 1
    (warning,) = [w for w in warning_texts(result) if "heel raises" in w]
    assert "below Lunsford & Perry's criterion for normal" in warning
    assert "Start the strength work now" in warning and '"one leg, slow"' in warning
    assert not any("healthy adults" in w for w in warning_texts(result))
    assert not any("heel raises" in w for w in warning_texts(plan(heel_raises="25")))
    assert not any("heel raises" in w for w in warning_texts(plan()))


def test_no_heel_raise_at_all_is_only_the_red_flag_warning() -> None:
    """0 raises (cannot rise onto tiptoe) keeps its red-flag warning, without the criterion warning as well."""
    warnings = warning_texts(plan(heel_raises="0"))
    assert any("red flag" in w for w in warnings)
    assert not any("criterion" in w for w in warnings)


def test_a_very_long_average_run_is_a_plain_warning() -> None:
    """120 km in 3 runs (40 km a run) can be true for an ultra runner: a plan, with a warning to check it."""
    result = plan(unit="km", weekly_volume="120", runs_per_week="3", longest_run="45")
    assert result.weeks
    assert any("Your runs average 40 km" in w and "check your weekly running and runs per week" in w for w in warning_texts(result))
    shorter = plan(unit="km", weekly_volume="60", runs_per_week="3", longest_run="25")
    assert not any("Your runs average" in w for w in warning_texts(shorter))


@settings(max_examples=150, deadline=None)
@given(valid_raw())
def test_every_plan_asks_for_a_heel_raise_count_at_least_every_few_weeks(raw: dict[str, str]) -> None:
    """The count, not the week, opens the next strength stage, so every plan asks for it in each easier week
    and never goes longer than its easier-week spacing without asking, whatever kinds of weeks it holds."""
    from calculators._ramp_up_export import to_csv
    from calculators._ramp_up_html import strength_cell

    result = compute(parse_inputs(raw))
    asks = [w.number for w in result.weeks if strength_cell(w, result) == "Count heel raises"]
    assert all(w.number in asks for w in result.weeks if w.kind == "deload")
    gaps = [b - a for a, b in zip([1, *asks], [*asks, len(result.weeks) + 1], strict=False)]
    assert max(gaps) <= result.deload_every, (asks, len(result.weeks))
    rows = list(csv.reader(io.StringIO(to_csv(result))))
    assert len([row for row in rows if "Count heel raises" in row]) == len(asks), "the CSV asks in the same weeks"


def test_a_plan_without_easier_weeks_still_asks_for_a_count() -> None:
    """A small target with a big shoe change holds for many weeks with no easier week: it still asks."""
    from calculators._ramp_up_html import strength_cell

    result = plan(target_share="6", current_drop="20", target_drop="0", heel_raises="12")
    assert not [w for w in result.weeks if w.kind == "deload"]
    assert len([w for w in result.weeks if strength_cell(w, result) == "Count heel raises"]) >= len(result.weeks) // 4


def test_the_heel_raise_norm_is_qualified_for_readers_over_60_only() -> None:
    """Lunsford & Perry's norm came from adults under 60: a reader of 60 or more is told the count mainly
    shows where to start; a younger reader is not."""
    from calculators._ramp_up_html import strength_now

    assert "over 60 often manage fewer" in strength_now(plan(age="64", heel_raises="12"))
    assert "over 60" not in strength_now(plan(age="50", heel_raises="12"))


def test_why_these_numbers_says_when_the_12_week_floor_makes_the_steps_smaller() -> None:
    """From 60% to 100% the 12-week floor caps each step at 4.4% of weekly running, not 5%: "Why these
    numbers" says so, and the plan keeps it; a plan from scratch, which the floor does not touch, says nothing of it."""
    from calculators._ramp_up_html import render_result

    late = plan(current_share="60")
    assert "no step in your plan is more than 4.4% of your weekly running" in render_result(late, "")
    assert max(rises(late)) <= 0.4 / 9 + EPS
    assert "no step in your plan is more than" not in render_result(plan(), "")
