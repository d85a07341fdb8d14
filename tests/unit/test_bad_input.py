"""Bad input: every problem is the calculator's own error, on the field that caused it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, default_values, ramp_up
from calculators._ramp_up_html import warning_texts
from calculators.ramp_up import compute, parse_inputs

NAMES = [f.name for f in ramp_up.FIELDS]


def errors_for(**changes: str) -> dict[str, str]:
    raw = default_values(ramp_up.FIELDS)
    raw.update(changes)
    with pytest.raises(InputError) as caught:
        parse_inputs(raw)
    return caught.value.errors


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("weekly_volume", "", "Enter current weekly running"),
        ("weekly_volume", "-5", "at least 10 min"),
        ("weekly_volume", "0", "at least 10 min"),
        ("weekly_volume", "abc", "must be a number"),
        ("weekly_volume", "NaN", "must be a number"),
        ("weekly_volume", "inf", "must be a number"),
        ("weekly_volume", "1e308", "at most 1800 min"),
        ("weekly_volume", "1,000", "thousands separator"),
        ("runs_per_week", "0", "at least 1"),
        ("runs_per_week", "2.5", "whole number"),
        ("runs_per_week", "1e308", "at most 14"),
        ("longest_run", "", "Enter longest run"),
        ("current_share", "-1", "at least 0%"),
        ("current_share", "100", "at most 99%"),
        ("target_share", "101", "at most 100%"),
        ("age", "3", "at least 14 years"),
        ("age", "thirty", "must be a number"),
        ("body_mass", "-70", "at least 30 kg"),
        ("body_mass", "5000", "at most 250 kg"),
        ("injury", "maybe", "answer yes or no"),
        ("current_drop", "-2", "at least 0 mm"),
        ("target_drop", "40", "at most 20 mm"),
        ("heel_raises", "-1", "at least 0"),
        ("start_date", "2027-02-30", "must be a real date"),
        ("start_date", "next monday", "must be a real date"),
        ("start_date", "1900-01-01", "between the years 2000 and 2100"),
        ("unit", "furlongs", "Choose one of"),
    ],
)
def test_bad_value_gets_a_clear_message_on_its_own_field(field: str, value: str, says: str) -> None:
    """A bad value is reported on its field only, with a message saying what to fix."""
    errors = errors_for(**{field: value})
    assert list(errors) == [field]
    assert says in errors[field]


def test_absurd_distance_in_km() -> None:
    """10,000 km a week is refused in kilometres."""
    assert "at most 300 km" in errors_for(unit="km", weekly_volume="10000", longest_run="50")["weekly_volume"]


def test_runs_too_short_to_plan_are_refused() -> None:
    """10 minutes a week over 14 runs is under a minute a run: refused on runs per week, not planned in seconds."""
    errors = errors_for(weekly_volume="10", runs_per_week="14", longest_run="5")
    assert list(errors) == ["runs_per_week"]
    assert "too short to plan in" in errors["runs_per_week"]


def test_target_below_current_is_refused_on_the_target() -> None:
    """A target share below the current one is pointed out on the target field."""
    errors = errors_for(current_share="50", target_share="40")
    assert list(errors) == ["target_share"]
    assert "higher than the share you run now (50%)" in errors["target_share"]


def test_longest_run_shorter_than_average_is_refused() -> None:
    """A longest run shorter than the average run cannot be right and is pointed out."""
    errors = errors_for(weekly_volume="300", runs_per_week="3", longest_run="60")
    assert list(errors) == ["longest_run"]


def test_longest_run_longer_than_the_whole_week_is_a_warning_not_an_error() -> None:
    """A 60-minute longest run in a 40-minute week can be true (a one-off race): the plan is made, with a
    warning that names both values and says to check them; a reader who lowers the week is never blocked."""
    result = compute(parse_inputs(default_values(ramp_up.FIELDS) | {"weekly_volume": "40", "longest_run": "60"}))
    (warning,) = [w for w in warning_texts(result) if "longest run" in w]
    assert "(60 min) is longer than a usual week of your running (40 min)" in warning
    assert "such as a race" in warning and "check both" in warning
    one_run = compute(parse_inputs(default_values(ramp_up.FIELDS) | {"weekly_volume": "60", "runs_per_week": "1", "longest_run": "60"}))
    assert not [w for w in warning_texts(one_run) if "longest run" in w]


def test_one_run_a_week_may_be_the_whole_week() -> None:
    """With one run a week, the longest run is the week itself, and is accepted."""
    assert parse_inputs(default_values(ramp_up.FIELDS) | {"weekly_volume": "60", "runs_per_week": "1", "longest_run": "60"})


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"weekly_volume": "1800", "runs_per_week": "3", "longest_run": "600"}, "600 min a run on average, more than a week of 3 runs"),
        ({"unit": "km", "weekly_volume": "200", "runs_per_week": "2", "longest_run": "100"}, "100 km a run on average"),
        ({"unit": "mi", "weekly_volume": "120", "runs_per_week": "1", "longest_run": "62"}, "more than a week of 1 run can hold"),
    ],
)
def test_a_week_its_runs_cannot_hold_is_refused_on_runs_per_week(changes: dict[str, str], says: str) -> None:
    """An average run of many hours is pointed out on runs per week, with the planner's limit and what to check."""
    errors = errors_for(**changes)
    assert list(errors) == ["runs_per_week"]
    assert says in errors["runs_per_week"]
    assert "check your weekly running and runs per week" in errors["runs_per_week"]


def test_several_bad_fields_are_all_reported_in_form_order() -> None:
    """Every bad field is reported at once, in the order of the form."""
    errors = errors_for(age="3", weekly_volume="", start_date="soon")
    assert list(errors) == ["weekly_volume", "start_date", "age"]


def test_bad_unit_does_not_cascade_into_unit_bounds() -> None:
    """With an unreadable unit, the fields measured in it are not blamed as well."""
    assert list(errors_for(unit="parsecs")) == ["unit"]


def test_optional_fields_may_be_empty_and_decimal_commas_work() -> None:
    """Optional fields accept nothing; "12,5" reads as 12.5."""
    raw = default_values(ramp_up.FIELDS)
    raw.update(body_mass="", heel_raises="", start_date="", weekly_volume="152,5")
    inputs = parse_inputs(raw)
    assert inputs.body_mass is None and inputs.heel_raises is None and inputs.start_date is None
    assert inputs.weekly_volume == 152.5


def test_missing_keys_fall_back_to_defaults() -> None:
    """A link or stored state from before a field existed still works."""
    assert parse_inputs({}).weekly_volume == 150


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(NAMES), st.text(max_size=30))
def test_any_text_in_any_field_is_parsed_or_refused_cleanly(field: str, text: str) -> None:
    """Whatever a reader types, the parser returns inputs or raises InputError naming that field."""
    raw = default_values(ramp_up.FIELDS)
    raw[field] = text
    try:
        parse_inputs(raw)
    except InputError as error:
        assert set(error.fields) <= {field} | PARTNERS.get(field, set())


PARTNERS = {
    "unit": {"weekly_volume", "longest_run"},  # bounds depend on the unit
    "weekly_volume": {"longest_run", "runs_per_week"},  # the average run must be long enough, and not beat the longest
    "runs_per_week": {"longest_run"},
    "current_share": {"target_share"},  # the target must be above the current share
}
"""Fields whose message may land on a related field, because the two are checked together."""


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["weekly_volume", "runs_per_week", "age", "current_share"]), st.integers(-(10**6), 10**6))
def test_any_whole_number_is_parsed_or_refused_cleanly(field: str, number: int) -> None:
    """Numbers of any size get a value or a message, never a crash."""
    test_any_text_in_any_field_is_parsed_or_refused_cleanly.hypothesis.inner_test(field, str(number))
