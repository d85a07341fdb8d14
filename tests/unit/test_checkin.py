"""The weekly check-in: the rules, the re-planned weeks ahead and the reader's log file.

These run on CPython and, through tests/pyodide, inside Pyodide: the rules a reader's
browser applies are the ones tested here.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import checkin as c
from calculators import ramp_up as r
from calculators._errors import InputError
from calculators._safety import RED_FLAGS

from .strategies import valid_raw

DAY = date(2027, 1, 10)


@st.composite
def entries(draw: st.DrawFn, day: date = DAY) -> c.CheckIn:
    """Any check-in the form can give."""
    done = draw(st.sampled_from(["yes", "partly", "no"]))
    return c.CheckIn(
        day=day,
        pain=draw(st.integers(0, 10)),
        settled=draw(st.booleans()),
        rising=draw(st.booleans()),
        where=draw(st.sampled_from([value for value, _ in c.PLACES])),
        sudden=draw(st.booleans()),
        flags=tuple(key for key in c.FLAG_KEYS if draw(st.booleans()) and draw(st.integers(0, 5)) == 0),
        done=done,
        why="" if done == "yes" else draw(st.sampled_from(["pain", "illness", "life"])),
        heel_raises=draw(st.none() | st.integers(0, 200)),
    )


@st.composite
def logs(draw: st.DrawFn, most: int = 12) -> c.Log:
    """A log of check-ins, a week or so apart (now and then several weeks)."""
    count = draw(st.integers(0, most))
    day, found = DAY, []
    for _ in range(count):
        found.append(draw(entries(day)))
        day += timedelta(days=draw(st.sampled_from([7, 7, 7, 6, 8, 14, 30])))
    return c.Log(tuple(found))


def clean(day: date = DAY, **changes: object) -> c.CheckIn:
    """A week that went well, with ``changes``."""
    base = c.CheckIn(day, 1, True, False, "", False, (), "yes", "", None)
    return c.CheckIn(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def inputs(**raw: str) -> r.Inputs:
    return r.parse_inputs({**raw})


def test_every_red_flag_sign_has_exactly_one_key() -> None:
    """The log stores a key per sign: every sign of the one list has one, and no key points elsewhere."""
    signs = [(group.key, i) for group in RED_FLAGS for i in range(len(group.signs))]
    assert sorted(c.FLAG_KEYS.values()) == sorted(signs)
    assert len(set(c.FLAG_KEYS.values())) == len(c.FLAG_KEYS)
    assert [c.flag_sign(key) for key in c.FLAG_KEYS] == [sign for group in RED_FLAGS for sign in group.signs]


def test_an_empty_log_is_the_plan_as_first_made() -> None:
    plan = inputs(age="48", injury="on", start_date="2027-01-04")
    advice, followed = r.follow(plan, c.Log())
    assert advice is None and followed == r.compute(plan)


@settings(max_examples=150, deadline=None)
@given(valid_raw(), logs())
def test_a_red_flag_always_stops_progression_and_shows_the_flag(raw: dict[str, str], log: c.Log) -> None:
    flagged = clean(day=(log.entries[-1].day if log.entries else DAY) + timedelta(days=7), flags=("pop", "night"))
    advice, result = r.follow(r.parse_inputs(raw), c.Log((*log.entries, flagged)))
    assert advice is not None and advice.outcome == "stop"
    assert advice.flags == ("pop", "night") and advice.severity == "urgent"
    assert result.weeks[0].new_strike <= result.logged[-1].week.new_strike * (1 + 1e-9)


@settings(max_examples=200, deadline=None)
@given(valid_raw(), logs(), entries())
def test_pain_above_5_not_settled_or_rising_never_moves_the_plan_on(raw: dict[str, str], log: c.Log, entry: c.CheckIn) -> None:
    day = (log.entries[-1].day if log.entries else DAY) + timedelta(days=7)
    entry = c.CheckIn(**{**entry.__dict__, "day": day})  # type: ignore[arg-type]
    advice, result = r.follow(r.parse_inputs(raw), c.Log((*log.entries, entry)))
    assert advice is not None
    if entry.pain > 5 or (entry.pain > 0 and (not entry.settled or entry.rising)):
        assert advice.outcome != "move-on"
        assert result.weeks[0].new_strike <= result.logged[-1].week.new_strike * (1 + 1e-9), "the next week is no step up"


@settings(max_examples=200, deadline=None)
@given(valid_raw(), logs())
def test_going_back_never_asks_more_than_the_week_that_hurt_or_the_most_done(raw: dict[str, str], log: c.Log) -> None:
    hurt = clean(day=(log.entries[-1].day if log.entries else DAY) + timedelta(days=7), pain=7, settled=False)
    advice, result = r.follow(r.parse_inputs(raw), c.Log((*log.entries, hurt)))
    assert advice is not None and advice.outcome in {"back", "hold", "restart"}
    nxt, last = result.weeks[0].new_strike, result.logged[-1]
    assert nxt < last.week.new_strike
    most = max(w.done for w in result.logged)
    assert nxt <= most * (1 + 1e-9) or most == 0


@settings(max_examples=200, deadline=None)
@given(valid_raw(), logs())
def test_every_replanned_week_keeps_the_four_week_limit_from_what_was_done(raw: dict[str, str], log: c.Log) -> None:
    """No week ahead more than one largest step above the most done in the four weeks before it, counting
    weeks missed, run partly and left unlogged as what they were."""
    plan = r.parse_inputs(raw)
    _, result = r.follow(plan, log)
    history: list[float] = []
    for index, week in enumerate(result.logged):
        if index:
            gap = (week.entry.day - result.logged[index - 1].entry.day).days
            history += [0.0] * (gap // 7 - 1 if gap >= r.LOG_GAP_DAYS else 0)
        history.append(week.done)
    cap = result.steps.cap * plan.weekly_volume
    for week in result.weeks:
        if history:
            assert week.new_strike <= max(history[-4:]) + cap + 1e-9
        assert week.total == plan.weekly_volume, "the plan never adds running"
        history.append(week.new_strike)
    assert result.weeks[-1].new_strike >= plan.target_share * plan.weekly_volume * (1 - 1e-9), "it still reaches the target"
    assert [w.number for w in result.weeks] == list(range(len(result.logged) + 1, len(result.logged) + len(result.weeks) + 1))


@settings(max_examples=150, deadline=None)
@given(valid_raw(), logs(8))
def test_a_week_missed_for_life_waits_without_stepping_back(raw: dict[str, str], log: c.Log) -> None:
    day = (log.entries[-1].day if log.entries else DAY) + timedelta(days=7)
    before = r.follow(r.parse_inputs(raw), c.Log((*log.entries, clean(day=day))))[1]
    missed = clean(day=day + timedelta(days=7), done="no", why="life")
    advice, result = r.follow(r.parse_inputs(raw), c.Log((*log.entries, clean(day=day), missed)))
    assert advice is not None
    if advice.outcome == "wait":
        assert result.weeks[0].new_strike == pytest.approx(before.weeks[0].new_strike), "the same week, still ahead"
        assert result.weeks[0].new_strike >= result.logged[-1].week.new_strike * (1 - 1e-9)
    else:
        assert advice.outcome == "restart" and "break" in advice.reasons, "only a break of weeks moves a plan back"


def test_each_outcome() -> None:
    plan = inputs()
    week2 = DAY + timedelta(days=7)
    cases = {
        "move-on": clean(),
        "repeat": clean(pain=2, settled=False),
        "back": clean(pain=6),
        "hold": clean(pain=4, sudden=True, where="calf"),
        "stop": clean(flags=("bone",)),
        "wait": clean(done="no", why="illness"),
    }
    for outcome, entry in cases.items():
        advice, result = r.follow(plan, c.Log((clean(day=DAY - timedelta(days=7)), entry)))
        assert advice is not None and advice.outcome == outcome, outcome
        assert advice.week == 3 and result.weeks[0].number == 3
    first = r.compute(plan).weeks
    _, moved = r.follow(plan, c.Log((clean(), clean(day=week2))))
    assert moved.weeks[0].new_strike == pytest.approx(first[2].new_strike), "two good weeks: week 3 as first planned"
    _, repeated = r.follow(plan, c.Log((clean(), clean(day=week2, rising=True))))
    assert repeated.weeks[0].new_strike == pytest.approx(first[1].new_strike), "the same amount again"


def judged(*entries: c.CheckIn) -> c.Advice:
    """The advice for check-ins a week apart (their days are set here)."""
    log = c.Log(tuple(c.CheckIn(**{**e.__dict__, "day": DAY + timedelta(weeks=i)}) for i, e in enumerate(entries)))  # type: ignore[arg-type]
    advice, _ = r.follow(inputs(), log)
    assert advice is not None
    return advice


def test_stiffness_the_next_morning_holds_the_plan_even_without_pain_during_runs() -> None:
    """Achilles pain is often worst after the run: no pain during runs does not make a morning ache settled."""
    assert judged(clean(pain=0, settled=False)).outcome == "repeat"
    assert judged(clean(pain=0, settled=False, rising=True)).outcome == "back"


def test_severe_or_repeated_high_pain_holds_the_new_strike_and_sends_the_reader_to_a_clinician() -> None:
    assert judged(clean(pain=8)).outcome == "hold"
    again = judged(clean(pain=6), clean(pain=7))
    assert again.outcome == "hold" and "pain-again" in again.reasons


def test_a_sudden_achilles_pain_is_sent_to_be_checked() -> None:
    advice = judged(clean(pain=3, sudden=True, where="achilles"))
    assert advice.outcome == "hold" and advice.reasons == ("sudden-achilles",)


def test_pain_held_back_three_weeks_running_says_to_book_a_clinician() -> None:
    advice = judged(clean(pain=3, settled=False), clean(pain=3, settled=False), clean(pain=3, settled=False))
    assert "persistent" in advice.reasons
    assert "persistent" not in judged(clean(pain=3, settled=False), clean(pain=3, settled=False)).reasons


def test_pain_two_points_up_counts_as_rising_and_bone_places_never_move_on() -> None:
    assert "rising" in judged(clean(pain=1), clean(pain=3)).reasons
    assert judged(clean(pain=1), clean(pain=3)).outcome == "repeat"
    shin = judged(clean(pain=2, where="shin"))
    assert shin.outcome == "repeat" and "bone-place" in shin.reasons


def test_a_break_for_pain_restarts_rather_than_going_back() -> None:
    plan = inputs()
    log = [clean(day=DAY + timedelta(weeks=i)) for i in range(6)]
    off = [clean(day=DAY + timedelta(weeks=6 + i), pain=4, done="no", why="pain") for i in range(3)]
    advice, _ = r.follow(plan, c.Log((*log, *off)))
    assert advice is not None and advice.outcome == "restart" and "missed-pain" in advice.reasons


def test_weeks_off_restart_lower_and_say_so() -> None:
    plan = inputs()
    log = [clean(day=DAY + timedelta(weeks=i)) for i in range(10)]
    _, before = r.follow(plan, c.Log(tuple(log)))
    ill = [clean(day=DAY + timedelta(weeks=10 + i), done="no", why="illness") for i in range(3)]
    advice, after = r.follow(plan, c.Log((*log, *ill)))
    assert advice is not None and advice.outcome == "restart" and "break" in advice.reasons
    assert after.weeks[0].new_strike < before.weeks[0].new_strike
    assert (
        after.weeks[0].new_strike >= r.START_SHARE * plan.weekly_volume * (1 - 1e-9)
        or after.weeks[0].new_strike <= after.steps.cap * plan.weekly_volume
    )
    back = clean(day=DAY + timedelta(weeks=16))  # six weeks without a check-in
    advice, late = r.follow(plan, c.Log((*log, back)))
    assert advice is not None and advice.outcome == "restart"
    assert late.weeks[0].new_strike <= late.steps.cap * plan.weekly_volume + 1e-9, "four weeks of nothing: one step above nothing"


def test_a_new_heel_raise_count_opens_the_next_strength_stage() -> None:
    plan = inputs(heel_raises="8")
    advice, result = r.follow(plan, c.Log((clean(heel_raises=12),)))
    assert advice is not None and advice.strength == 1 and result.strength == 1
    advice, result = r.follow(plan, c.Log((clean(heel_raises=12), clean(day=DAY + timedelta(days=7), heel_raises=11))))
    assert advice is not None and advice.strength is None and result.strength == 1


def test_dates_follow_the_check_ins() -> None:
    plan = inputs(start_date="2027-01-04")  # a Monday
    _, result = r.follow(plan, c.Log((clean(day=date(2027, 1, 10)), clean(day=date(2027, 1, 18)))))
    assert [w.week.start for w in result.logged] == [date(2027, 1, 4), date(2027, 1, 11)]
    assert result.weeks[0].start == date(2027, 1, 18) and result.weeks[1].start == date(2027, 1, 25)


def test_the_check_in_form_reads_each_answer_and_names_each_bad_one() -> None:
    entry = c.parse_checkin({"day": "2027-01-10", "pain": "4", "settled": "no", "where": "achilles", "flag_night": "on", "done": "yes"})
    assert entry == c.CheckIn(DAY, 4, False, False, "achilles", False, ("night",), "yes", "", None)
    assert c.parse_checkin(c.form_of(entry)) == entry
    with pytest.raises(InputError) as caught:
        c.parse_checkin({"day": "soon", "pain": "12", "done": "no"})
    assert set(caught.value.errors) == {"day", "pain", "settled", "why"}, "the morning after must be answered: no default"
    with pytest.raises(InputError) as caught:
        c.parse_checkin({"day": "2027-01-10", "pain": "3", "settled": "yes", "done": "yes"})
    assert set(caught.value.errors) == {"where"}, "pain needs a place"
    assert c.parse_checkin({"day": "2027-01-10", "pain": "0", "settled": "none", "done": "yes"}).settled
    with pytest.raises(InputError) as caught:
        c.add(c.Log((entry,)), entry)
    assert set(caught.value.errors) == {"day"}


@settings(max_examples=200, deadline=None)
@given(logs())
def test_a_log_round_trips_byte_for_byte(log: c.Log) -> None:
    text = c.dump_log(log)
    assert c.load_log(text) == log
    assert c.dump_log(c.load_log(text)) == text
    assert c.load_log(text.encode()) == log


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_load_as_a_log_or_say_why(data: bytes) -> None:
    try:
        log = c.load_log(data)
    except c.LogError as error:
        assert error.message.endswith("Your log in this browser is unchanged.")
    else:
        assert c.load_log(c.dump_log(log)) == log


@settings(max_examples=300, deadline=None)
@given(logs(4), st.data())
def test_a_damaged_log_loads_or_says_why(log: c.Log, data: st.DataObject) -> None:
    """A saved log with one value changed, removed or added either still reads or raises the log's own error."""
    document = json.loads(c.dump_log(log))
    target = data.draw(st.sampled_from([document, *document["entries"]]))
    key = data.draw(st.sampled_from(sorted(target)))
    action = data.draw(st.sampled_from(["drop", "change", "add"]))
    if action == "drop":
        del target[key]
    elif action == "change":
        target[key] = data.draw(
            st.none() | st.booleans() | st.integers(-5, 300) | st.text(max_size=12) | st.lists(st.text(max_size=5), max_size=3)
        )
    else:
        target[data.draw(st.text(max_size=6))] = 1
    try:
        loaded = c.load_log(json.dumps(document))
    except c.LogError:
        return
    assert c.load_log(c.dump_log(loaded)) == loaded


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("not json", "not a Stride Shift log"),
        ('{"kind": "something-else", "version": 1, "entries": []}', "not a Stride Shift log"),
        ('{"kind": "stride-shift-log", "version": 9, "entries": []}', "newer version"),
        ('{"kind": "stride-shift-log", "version": 1, "entries": [{"day": "2027-01-10"}]}', "check-in 1"),
    ],
)
def test_a_file_that_is_not_a_log_says_what_it_is(text: str, says: str) -> None:
    with pytest.raises(c.LogError) as caught:
        c.load_log(text)
    assert says in caught.value.message


def test_check_ins_come_about_a_week_apart() -> None:
    """Two check-ins a day apart would move the plan on two weeks overnight."""
    with pytest.raises(InputError) as caught:
        c.add(c.Log((clean(),)), clean(day=DAY + timedelta(days=c.CHECKIN_DAYS - 1)))
    assert set(caught.value.errors) == {"day"} and "remove it first" in caught.value.errors["day"]
    assert len(c.add(c.Log((clean(),)), clean(day=DAY + timedelta(days=c.CHECKIN_DAYS))).entries) == 2


def test_a_stored_log_from_a_newer_version_is_kept_not_set_aside() -> None:
    from calculators._web import respond

    newer = respond("ramp-up", {}, '{"kind": "stride-shift-log", "version": 99, "entries": []}')
    damaged = respond("ramp-up", {}, "not a log")
    assert newer["ok"] and newer["newer"] is True and "newer version" in newer["problem"]
    assert damaged["ok"] and damaged["newer"] is False and "could not be read" in damaged["problem"]
