"""A race on the calendar: the planner holds the new strike still before it, keeps race week and the
weeks after it easy, and then resumes the switch within every limit it kept before."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from calculators import default_values, ramp_up
from calculators._ramp_up_export import to_csv, to_ics
from calculators._ramp_up_html import render_result, rows, summary, text_lead
from calculators._safety import red_flags_text
from calculators.checkin import CheckIn, Log
from calculators.ramp_up import Result, compute, follow, parse_inputs

from .strategies import valid_raw

EPS = 1e-9
STAMP = datetime(2027, 1, 1, tzinfo=UTC)


@st.composite
def raced_raw(draw: st.DrawFn) -> dict[str, str]:
    """Valid planner values with a start date and a race between the start and about 80 weeks later."""
    raw = draw(valid_raw())
    start = draw(st.dates(date(2026, 1, 1), date(2030, 12, 31)))
    race = start + timedelta(days=draw(st.integers(0, 80 * 7)))
    distance = draw(st.sampled_from(sorted(ramp_up.TAPER_WEEKS)))
    return raw | {"start_date": start.isoformat(), "race_date": race.isoformat(), "race_distance": distance}


def plan(**changes: str) -> Result:
    raw = default_values(ramp_up.FIELDS)
    raw.update({"start_date": "2027-01-04", **changes})
    return compute(parse_inputs(raw))


def race_week_index(result: Result) -> int | None:
    """Index into ``weeks`` of the week holding the race, found from the dates alone."""
    day = result.inputs.race_date
    assert day is not None
    return next((i for i, w in enumerate(result.weeks) if w.start is not None and w.start <= day < w.start + timedelta(days=7)), None)


def check_race(result: Result) -> None:
    inputs, weeks = result.inputs, result.weeks
    distance = inputs.race_distance
    assert distance is not None
    volume, taper, recovery = inputs.weekly_volume, ramp_up.TAPER_WEEKS[distance], ramp_up.RECOVERY_WEEKS[distance]
    at = race_week_index(result)
    assert result.race is not None and result.race.day == inputs.race_date
    assert result.race.week == (None if at is None else weeks[at].number), "the race's week is the one its date falls in"
    if at is None:  # the plan ends before the race: its last weeks are the taper's, if any, and never step up
        end = weeks[-1].start
        assert end is not None and inputs.race_date is not None and inputs.race_date >= end + timedelta(days=7)
        return
    window = range(max(0, at - taper), min(len(weeks), at + recovery + 1))
    for i in window:
        before = weeks[i - 1].new_strike if i else inputs.current_share * volume
        assert weeks[i].new_strike <= before * (1 + EPS) + EPS, f"week {weeks[i].number} steps up in the race's window"
    built = [w.new_strike for w in weeks[:at]]
    if built and max(built) > 0:
        assert weeks[at].new_strike < max(built), "race week is easier than the most done before it"
    assert weeks[at].kind == "race" and all(weeks[i].kind == "recover" for i in window if i > at)
    # After the race: every limit of the plan holds again, from the level reached before it.
    peak_before = max([w.new_strike for w in weeks[: max(0, at - taper)]], default=inputs.current_share * volume)
    after = [i for i in range(len(weeks)) if i > at + recovery]
    if after:
        first = weeks[after[0]]
        if first.kind != "start":
            assert first.new_strike <= max(peak_before, weeks[after[0] - 1].new_strike) * (1 + EPS) + EPS, "resumes without a step"
    for i in after:
        lookback = [w.new_strike for w in weeks[max(0, i - 4) : i]]
        if weeks[i].kind != "start":
            assert weeks[i].new_strike <= max(lookback) + result.steps.cap * volume * (1 + EPS), "the four-week limit after the race"
        assert weeks[i].new_strike <= inputs.target_share * volume * (1 + EPS)
    last = weeks[-1]
    assert last.kind not in ("deload", "taper", "race", "recover")
    assert last.share == pytest.approx(inputs.target_share), "the plan still ends at the target share"
    assert last.shoe_drop == pytest.approx(inputs.target_drop)
    day = inputs.race_date
    assert day is not None
    around = [w.number for w in weeks if w.shoe_change and w.start and ramp_up.race_role(day, distance, w.start)]
    assert not around, f"no new shoes in the weeks before, of or after a race: {around}"
    changes = [1] + [w.number for w in weeks if w.shoe_change]
    assert all(b - a >= ramp_up.SHOE_STEP_WEEKS for a, b in zip(changes, changes[1:], strict=False))
    if len(changes) > 1:
        assert weeks[-1].number - changes[-1] + 1 >= ramp_up.SHOE_STEP_WEEKS, "the last shoes get their weeks too"
    assert all(w.total == pytest.approx(volume) for w in weeks), "the total is still the reader's own"
    if inputs.target_share >= 1:
        started = next(i for i, w in enumerate(weeks) if w.kind == "start")
        assert len(weeks) - started >= ramp_up.MIN_WEEKS_FULL, "a race never shortens a full switch"


@settings(max_examples=300, deadline=None)
@given(raced_raw())
def test_no_step_up_before_a_race_and_every_limit_after_it(raw: dict[str, str]) -> None:
    check_race(compute(parse_inputs(raw)))


@settings(max_examples=60, deadline=None)
@given(raced_raw(), st.lists(st.integers(0, 10), min_size=1, max_size=6))
@example(default_values(ramp_up.FIELDS) | {"start_date": "2027-01-04", "race_date": "2027-01-30", "race_distance": "marathon"}, [0, 3])
def test_a_followed_plan_keeps_the_race_window_ahead(raw: dict[str, str], pains: list[int]) -> None:
    """Check-ins re-plan the weeks ahead; the weeks of the race among them still take no step up."""
    inputs = parse_inputs(raw)
    assert inputs.start_date is not None
    entries = tuple(
        CheckIn(
            day=inputs.start_date + timedelta(days=7 * (n + 1) - 1),
            pain=p,
            settled=True,
            rising=False,
            where="calf" if p else "",
            sudden=False,
            flags=(),
            done="yes",
            why="",
            heel_raises=None,
        )
        for n, p in enumerate(pains)
    )
    _, result = follow(inputs, Log(entries))
    at = race_week_index(result)
    if at is None or inputs.race_distance is None:
        return
    taper = ramp_up.TAPER_WEEKS[inputs.race_distance]
    for i in range(max(1, at - taper), min(len(result.weeks), at + ramp_up.RECOVERY_WEEKS[inputs.race_distance] + 1)):
        assert result.weeks[i].new_strike <= result.weeks[i - 1].new_strike * (1 + EPS) + EPS


def test_a_half_marathon_in_week_10() -> None:
    result = plan(race_date="2027-03-14", race_distance="half")
    kinds = {w.number: w.kind for w in result.weeks}
    assert result.race == ramp_up.Race(date(2027, 3, 14), "half", 10)
    assert (kinds[8], kinds[9], kinds[10], kinds[11], kinds[12]) == ("deload", "taper", "race", "recover", "build")
    assert kinds[7] == "build"
    assert "Your half marathon on Sun 14 Mar 2027 is in week 10" in summary(result)
    assert "Race in your usual strike." in summary(result)


def test_a_race_too_soon_to_start_before_puts_the_start_after_it() -> None:
    """A marathon in the first week of the plan: no new strike until the race and its recovery are over."""
    result = plan(race_date="2027-01-10", race_distance="marathon")
    kinds = [w.kind for w in result.weeks[:6]]
    assert kinds == ["race", "recover", "recover", "start", "build", "build"]
    assert [w.new_strike for w in result.weeks[:3]] == [0, 0, 0], "running as now, with no new strike, until after the race"
    assert "too soon to start before it: the switch starts in week 4" in summary(result)
    check_race(result)


def test_a_race_after_the_plan_ends_is_named_but_changes_nothing() -> None:
    without = plan()
    result = plan(race_date="2029-06-03", race_distance="10k")
    assert [w.new_strike for w in result.weeks] == [w.new_strike for w in without.weeks]
    assert result.race is not None and result.race.week is None
    assert "comes after the plan ends" in summary(result)


def test_no_race_leaves_the_plan_as_it_was() -> None:
    assert plan(race_date="", race_distance="") == plan()


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"race_date": "2027-03-14"}, "race_distance", "Choose the race's distance"),
        ({"race_distance": "half"}, "race_date", "Enter the race's date"),
        ({"race_date": "2027-03-14", "race_distance": "half", "start_date": ""}, "race_date", "Add a start date too"),
        ({"race_date": "2026-12-01", "race_distance": "half"}, "race_date", "Your race is before your start date (2027-01-04)"),
        ({"race_date": "2027-02-30", "race_distance": "half"}, "race_date", "Race date must be a real date"),
        ({"race_date": "2027-03-14", "race_distance": "fun-run"}, "race_distance", "Choose one of"),
    ],
)
def test_a_bad_race_names_its_field(changes: dict[str, str], field: str, words: str) -> None:
    with pytest.raises(ramp_up.InputError) as caught:
        plan(**changes)
    assert words in caught.value.errors[field]


def test_the_page_table_chart_and_terminal_show_the_race() -> None:
    result = plan(race_date="2027-03-14", race_distance="half")
    html = render_result(result)
    assert 'class="admonition note ffr-race"' in html and "Run the race in the strike you are used to" in html
    assert 'class="ffr-chart__race"' in html and "The line marked race is week 10, your half marathon." in html
    assert "bosquet-2007" in html and "larson-2011" in html, "the race's numbers are cited"
    assert "ffr-red-flags" in html
    table = {row["week"]: row for row in rows(result)}
    assert (table["10"]["type"], table["10"]["gate"]) == ("Race week", "Race in your usual strike")
    assert table["9"]["type"] == "Before the race" and table["11"]["type"] == "After the race"
    assert any(line.startswith("Race: Run the race in the strike you are used to") for line in text_lead(result))


def test_the_csv_marks_the_race_weeks_and_says_what_to_do() -> None:
    result = plan(race_date="2027-03-14", race_distance="half")
    found = list(csv.reader(io.StringIO(to_csv(result))))
    week10 = next(row for row in found if row and row[0] == "10")
    assert week10[3] == "Race week" and week10[-1] == "Race in your usual strike"
    race = next(row for row in found if row and row[0] == "Your race")
    assert "Your half marathon on Sun 14 Mar 2027 is in week 10" in race[1]
    assert next(row for row in found if row and row[0] == "Race")[1] == "half marathon on Sun 14 Mar 2027"


def test_the_calendar_has_the_race_as_its_own_event() -> None:
    result = plan(race_date="2027-03-14", race_distance="half", weekdays="tue,thu,sun")
    events = [c for c in Calendar.from_ical(to_ics(result, STAMP)).walk("VEVENT")]
    on_race_day = [e for e in events if e.decoded("DTSTART") == date(2027, 3, 14)]
    assert len(on_race_day) == 1, "the race is that day's run: no planned run beside it"
    race = on_race_day[0]
    assert str(race["SUMMARY"]) == "Race: half marathon, in your usual strike"
    assert "Run the race in the strike you are used to" in str(race["DESCRIPTION"])
    assert red_flags_text() in str(race["DESCRIPTION"]), "the red flags come with the race"
    race_week = [e for e in events if date(2027, 3, 8) <= e.decoded("DTSTART") < date(2027, 3, 14)]
    assert race_week and all("(race week)" in str(e["DESCRIPTION"]) for e in race_week)
    assert all("is in week 10" in str(e["DESCRIPTION"]) for e in race_week)
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_a_race_behind_a_followed_plan_is_said_to_be_past() -> None:
    """Twelve weekly check-ins take the reader past a race in week 10: the plan ahead says it is behind them, and the
    calendar from today on has no race in it."""
    inputs = parse_inputs(default_values(ramp_up.FIELDS) | {"start_date": "2027-01-04", "race_date": "2027-03-14", "race_distance": "half"})
    entries = tuple(CheckIn(date(2027, 1, 10) + timedelta(weeks=n), 0, True, False, "", False, (), "yes", "", None) for n in range(12))
    _, result = follow(inputs, Log(entries))
    assert result.race is not None and result.race.week == 10
    assert "Your half marathon on Sun 14 Mar 2027 is behind you" in summary(result)
    calendar = Calendar.from_ical(to_ics(result, STAMP, today=date(2027, 3, 29)))
    assert not [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Race:")]


@pytest.mark.parametrize(
    "changes",
    [
        {"current_drop": "10", "target_drop": "4", "race_date": "2027-04-26", "race_distance": "marathon"},
        {
            "current_drop": "12",
            "target_drop": "0",
            "current_share": "20",
            "target_share": "40",
            "race_date": "2027-03-22",
            "race_distance": "5k",
        },
        {
            "current_drop": "12",
            "target_drop": "0",
            "current_share": "20",
            "target_share": "40",
            "race_date": "2027-02-08",
            "race_distance": "5k",
        },
    ],
)
def test_shoe_steps_keep_clear_of_a_race_and_the_last_shoes_get_their_weeks(changes: dict[str, str]) -> None:
    """Found in review: a shoe step in an easier or hold week just before a race, and a last shoe step in the plan's
    final week."""
    check_race(plan(**changes))


def test_a_check_in_before_a_race_too_soon_never_starts_the_switch_in_race_week() -> None:
    """Found in review: a repeat asked in the week before a marathon that came too soon started the new strike in race
    week; the switch waits for the race and its easy weeks, and then starts at its first share."""
    inputs = parse_inputs(
        default_values(ramp_up.FIELDS) | {"start_date": "2027-01-04", "race_date": "2027-01-30", "race_distance": "marathon"}
    )
    entries = tuple(
        CheckIn(date(2027, 1, 10) + timedelta(weeks=n), p, True, False, "calf" if p else "", False, (), "yes", "", None)
        for n, p in enumerate([0, 3])
    )
    _, result = follow(inputs, Log(entries))
    ahead = result.weeks
    assert [w.kind for w in ahead[:4]] == ["taper", "race", "recover", "recover"]
    assert [w.new_strike for w in ahead[:4]] == [0, 0, 0, 0]
    assert ahead[4].kind == "start" and ahead[4].share == pytest.approx(ramp_up.START_SHARE)


def _followed(race: str, distance: str, days: list[date], **entry: object) -> Result:
    inputs = parse_inputs(default_values(ramp_up.FIELDS) | {"start_date": "2027-01-04", "race_date": race, "race_distance": distance})
    base: dict[str, object] = dict(
        pain=0, settled=True, rising=False, where="", sudden=False, flags=(), done="yes", why="", heel_raises=None
    )
    entries = [CheckIn(day=day, **base) for day in days[:-1]]  # type: ignore[arg-type]
    entries.append(CheckIn(day=days[-1], **(base | entry)))  # type: ignore[arg-type]
    return follow(inputs, Log(tuple(entries)))[1]


@pytest.mark.parametrize(
    "latest",
    [
        {"pain": 3, "where": "achilles", "sudden": True},  # hold: a sudden pain in one spot
        {"pain": 6, "where": "calf", "settled": False},  # back: pain above 5
        {"flags": ("no_tiptoe",)},  # stop: a red flag
    ],
)
def test_a_check_in_that_held_the_reader_back_never_calls_the_race_fine(latest: dict[str, object]) -> None:
    """Found in review: after a stop, hold or step back, the race box and the calendar said racing was fine."""
    days = [date(2027, 1, 10) + timedelta(weeks=n) for n in range(7)]
    result = _followed("2027-03-14", "half", days, **latest)
    assert result.advice is not None and result.advice.outcome in ("stop", "hold", "back")
    text = " ".join([summary(result), *text_lead(result), render_result(result)])
    assert "that is fine" not in text and "Check your latest advice before you decide to race" in text
    assert "Do not race on a red flag, a sudden pain in one spot, or a pain in a bone" in text
    race = [
        e for e in Calendar.from_ical(to_ics(result, STAMP, today=date(2027, 2, 22))).walk("VEVENT") if str(e["SUMMARY"]).startswith("Race")
    ]
    assert [str(e["SUMMARY"]) for e in race] == ["Race: half marathon, check your latest advice first"]


def test_a_race_days_after_the_latest_check_in_is_coming_up_not_behind() -> None:
    """Found in review: check-ins on Wednesdays, a race on the Saturday after the last one, read as behind the reader."""
    days = [date(2027, 1, 6) + timedelta(weeks=n) for n in range(4)]  # Wednesdays, the last on 27 Jan
    result = _followed("2027-01-30", "10k", days)
    assert "Your 10 km race on Sat 30 Jan 2027 is coming up, before the plan's next week. Race in your usual strike." in summary(result)
    assert "behind you" not in summary(result)


def test_a_race_after_the_plan_gets_no_taper_or_recovery_points() -> None:
    result = plan(race_date="2029-06-03", race_distance="10k")
    html = render_result(result)
    assert "comes after the plan ends" in html and "Race week and" not in html and "picks up where it was" not in html


def test_weeks_before_a_race_too_soon_are_said_to_have_no_new_strike() -> None:
    """Found in review: a calendar said "Run: 0 s new strike" for the weeks before the switch starts."""
    result = plan(race_date="2027-01-10", race_distance="marathon")
    assert "week 4 is 3 runs with 2 min 30 s of the new strike each" in summary(result)
    events = list(Calendar.from_ical(to_ics(result, STAMP)).walk("VEVENT"))
    first = [e for e in events if e.decoded("DTSTART") < date(2027, 1, 25) and not str(e["SUMMARY"]).startswith("Race")]
    assert first and all(str(e["SUMMARY"]).startswith("Run as usual, no new strike yet") for e in first)
    assert not [e for e in events if str(e["SUMMARY"]).startswith("Run: 0 s")]
