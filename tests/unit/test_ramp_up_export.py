"""The plan as files: the calendar (.ics), the spreadsheet (.csv), and the run days behind them."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, default_values, ramp_up
from calculators._cli import main
from calculators._ics import LINE_OCTETS, escape_text, fold
from calculators._ramp_up_export import MEDIA_TYPES, export, to_csv, to_ics
from calculators._ramp_up_html import strength_cell, strength_now
from calculators._registry import CALCULATORS
from calculators._safety import RED_FLAGS
from calculators._web import handle

from .strategies import valid_raw

STAMP = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def plan(**changes: str) -> ramp_up.Result:
    return ramp_up.compute(ramp_up.parse_inputs(default_values(ramp_up.FIELDS) | changes))


def events(text: str) -> list[icalendar.Component]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def event_days(text: str) -> list[date]:
    return [e.decoded("DTSTART") for e in events(text)]


@st.composite
def raw_with_days(draw: st.DrawFn) -> dict[str, str]:
    """Valid planner values with a start date and, half the time, the reader's own run days."""
    raw = draw(valid_raw())
    raw["start_date"] = draw(st.dates(date(2000, 1, 1), date(2095, 12, 31)).map(str))
    runs = int(raw["runs_per_week"])
    if draw(st.booleans()):
        raw["weekdays"] = ",".join(draw(st.permutations(DAYS))[: min(runs, 7)])
    return raw


@settings(max_examples=30, deadline=None)
@given(raw_with_days())
def test_calendar_has_one_all_day_event_per_run_on_the_run_days(raw: dict[str, str]) -> None:
    """Any plan with a start date: runs a week × weeks events, all-day, on the run days, inside the plan."""
    result = ramp_up.compute(ramp_up.parse_inputs(raw))
    found = events(to_ics(result, STAMP))
    runs = result.inputs.runs_per_week
    assert len(found) == runs * len(result.weeks)
    start = result.inputs.start_date
    assert start is not None
    end = start + timedelta(weeks=len(result.weeks))
    picked = set(result.inputs.weekdays or result.run_days)
    if result.inputs.weekdays:
        assert len(picked) == min(runs, 7)
    for event in found:
        day, until = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(day) is date and type(until) is date, "all-day: dates, not date-times"
        assert until == day + timedelta(days=1)
        assert start <= day < end
        assert day.weekday() in picked
    assert len({str(e["UID"]) for e in found}) == len(found), "every run has its own UID"
    per_week: dict[int, int] = {}
    for event in found:
        week = (event.decoded("DTSTART") - start).days // 7
        per_week[week] = per_week.get(week, 0) + 1
    assert set(per_week.values()) == {runs}, "each plan week holds exactly its runs"


def test_calendar_dates_for_a_monday_start_on_the_readers_days() -> None:
    """From Mon 4 Jan 2027 on Tue, Thu and Sat: 5, 7 and 9 January first; the last run in the last week."""
    result = plan(start_date="2027-01-04", weekdays="tue,thu,sat")
    days = event_days(to_ics(result, STAMP))
    assert days[:4] == [date(2027, 1, 5), date(2027, 1, 7), date(2027, 1, 9), date(2027, 1, 12)]
    last_week = date(2027, 1, 4) + timedelta(weeks=len(result.weeks) - 1)
    assert days[-1] == last_week + timedelta(days=5)


def test_a_midweek_start_puts_the_first_runs_from_that_day() -> None:
    """A Wednesday start with the spread days (Mon, Wed, Fri): week 1 is Wed 6, Fri 8 and Mon 11 January."""
    result = plan(start_date="2027-01-06")
    found = events(to_ics(result, STAMP))
    assert [e.decoded("DTSTART") for e in found[:4]] == [date(2027, 1, 6), date(2027, 1, 8), date(2027, 1, 11), date(2027, 1, 13)]
    assert "Week 1 of" in str(found[2]["DESCRIPTION"]) and "run 3 of 3" in str(found[2]["DESCRIPTION"])
    assert "Week 2 of" in str(found[3]["DESCRIPTION"]) and "run 1 of 3" in str(found[3]["DESCRIPTION"])


def test_each_event_gives_the_runs_new_strike_part_its_gate_and_the_red_flags() -> None:
    """The description says how much of the run is new strike, the week's gate, and when to stop."""
    result = plan(start_date="2027-01-04")
    first, deload = events(to_ics(result, STAMP))[0], events(to_ics(result, STAMP))[9]
    text = str(first["DESCRIPTION"])
    assert "New strike in this run: 2 min 30 s" in text
    assert "Pain gate. Move on only if pain" in text
    assert RED_FLAGS[0].signs[0] in text
    assert str(first["SUMMARY"]) == f"Run: 2 min 30 s new strike (week 1 of {len(result.weeks)})"
    assert result.weeks[3].kind == "deload" and "this is an easier week" in str(deload["DESCRIPTION"])


def test_two_runs_on_some_days_above_seven_a_week() -> None:
    """Nine runs a week: nine events a week, every day used, two days with two runs."""
    result = plan(start_date="2027-01-04", runs_per_week="9", weekly_volume="450", longest_run="60")
    days = event_days(to_ics(result, STAMP))
    first_week = [d for d in days if d < date(2027, 1, 11)]
    assert len(first_week) == 9 and len(set(first_week)) == 7


def test_the_calendar_text_is_rfc_5545_line_by_line() -> None:
    """CRLF endings only, no line over 75 octets, the time stamp as given, dates as VALUE=DATE."""
    text = to_ics(plan(start_date="2027-01-04", heel_raises="0"), STAMP)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode()) <= LINE_OCTETS for line in lines)
    unfolded = text.replace("\r\n ", "").split("\r\n")
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-2] == "END:VCALENDAR"
    assert "VERSION:2.0" in unfolded and any(line.startswith("PRODID:") for line in unfolded)
    assert {line for line in unfolded if line.startswith("DTSTAMP")} == {"DTSTAMP:20261201T093000Z"}
    assert all(line.startswith("DTSTART;VALUE=DATE:") for line in unfolded if line.startswith("DTSTART"))
    assert all(line.startswith("DTEND;VALUE=DATE:") for line in unfolded if line.startswith("DTEND"))
    description = next(line for line in unfolded if line.startswith("DESCRIPTION:"))
    assert "\\n" in description and "\\," in description and "\\;" in description


def test_uids_are_stable_and_the_stamp_is_what_was_passed() -> None:
    """The same plan exported twice keeps its UIDs; only DTSTAMP follows the time it was made."""
    result = plan(start_date="2027-01-04")
    one, two = to_ics(result, STAMP), to_ics(result, STAMP + timedelta(days=3, hours=1))
    assert [str(e["UID"]) for e in events(one)] == [str(e["UID"]) for e in events(two)]
    assert one != two and one.replace("20261201T093000Z", "20261204T103000Z") == two
    other_start = to_ics(plan(start_date="2027-02-01"), STAMP)
    assert not {str(e["UID"]) for e in events(one)} & {str(e["UID"]) for e in events(other_start)}


def test_a_calendar_needs_a_start_date_and_says_so_on_that_field() -> None:
    """Without a start date the calendar is refused on the start date field, suggesting next Monday."""
    result = plan()
    with pytest.raises(InputError) as raised:
        to_ics(result, STAMP, today=date(2026, 12, 2))  # a Wednesday
    assert raised.value.fields == ("start_date",)
    assert "next Monday, 2026-12-07" in raised.value.errors["start_date"]
    with pytest.raises(InputError, match="like 2027-01-04"):
        to_ics(result, STAMP)


@given(st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=400))
def test_folding_never_splits_a_character_and_unfolds_to_the_line(line: str) -> None:
    """Any content line folds into chunks of at most 75 octets, each valid UTF-8, that join back to it.

    A content line holds no line break (RFC 5545, 3.1): escape_text turns every CR and LF
    in a value into the two characters \\n before a line is folded.
    """
    folded = fold(line)
    chunks = folded.split("\r\n")
    assert all(len(chunk.encode()) <= LINE_OCTETS for chunk in chunks)
    assert all(chunk.startswith(" ") for chunk in chunks[1:])
    assert folded.replace("\r\n ", "") == line


def test_text_with_special_characters_comes_back_intact() -> None:
    """Commas, semicolons, backslashes, line breaks and non-ASCII survive escaping and folding."""
    from calculators._ics import AllDayEvent, calendar

    tricky = "Back\\slash; comma, new\nline – Ünïcödé " * 8
    text = calendar("Mine, ok; yes", "-//t//t//EN", [AllDayEvent("u1", date(2027, 1, 4), tricky, tricky)], STAMP)
    (event,) = events(text)
    assert str(event["SUMMARY"]) == tricky and str(event["DESCRIPTION"]) == tricky
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def csv_weeks(text: str) -> tuple[list[dict[str, str]], list[list[str]]]:
    """The week rows (up to the first blank row) and the note rows after it."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    blank = rows.index([])
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:blank]], rows[blank + 1 :]


@pytest.mark.parametrize(
    "changes",
    [{}, {"start_date": "2027-01-04", "weekdays": "tue thu sat"}, {"unit": "km", "weekly_volume": "42.5", "longest_run": "18"}],
    ids=["default", "dated", "km"],
)
def test_csv_round_trips_to_the_same_plan(changes: dict[str, str]) -> None:
    """Parsed back, the CSV gives every week of the plan: number, dates, type, amounts, shoes and strength."""
    result = plan(**changes)
    unit = result.inputs.unit
    weeks, _ = csv_weeks(to_csv(result))
    assert len(weeks) == len(result.weeks)
    kinds = {"Start": "start", "Build": "build", "Easier": "deload", "Hold": "hold"}
    for row, week in zip(weeks, result.weeks, strict=True):
        assert int(row["Week"]) == week.number
        assert row["Starts"] == (week.start.isoformat() if week.start else "")
        assert kinds[row["Type"]] == week.kind
        assert float(row[f"New strike per run ({unit})"]) == pytest.approx(week.per_run, abs=0.005)
        assert float(row[f"New strike this week ({unit})"]) == pytest.approx(week.new_strike, abs=0.005)
        assert float(row["New strike share (%)"]) == pytest.approx(week.share * 100, abs=0.005)
        assert float(row[f"Total this week ({unit})"]) == pytest.approx(week.total, abs=0.005)
        assert float(row["Shoe drop (mm)"]) == week.shoe_drop
        assert (row["Shoe change"] == "yes") == week.shoe_change
        assert row["Strength"] == strength_cell(week, result)
        if week.start:
            run_dates = [date.fromisoformat(d) for d in row["Run dates"].split()]
            assert len(run_dates) == result.inputs.runs_per_week
            assert all(week.start <= d < week.start + timedelta(days=7) for d in run_dates)


def test_strength_follows_the_count_not_the_week_in_every_export(capsys: pytest.CaptureFixture[str]) -> None:
    """18 heel raises: the table, CSV, calendar and terminal all start the reader at "one leg, slow", say that 25
    (Lunsford & Perry's criterion for normal) opens the next stage, and ask for a count in each easier week."""
    result = plan(start_date="2027-01-04", heel_raises="18")
    now = strength_now(result)
    assert '"one leg, slow"' in now and "at 25 (Lunsford & Perry's criterion for normal)" in now
    weeks, notes = csv_weeks(to_csv(result))
    assert [row["Strength"] for row in weeks[:5]] == ["One leg, slow", "Your stage", "Your stage", "Count heel raises", "Your stage"]
    assert dict(notes)["Strength now"] == now
    assert dict(notes)["Strength: One leg, with weight"].startswith("at 25 single-leg heel raises, Lunsford & Perry's criterion")
    found = events(to_ics(result, STAMP))
    assert now in str(found[0]["DESCRIPTION"]).replace("\n", " ")
    deload = next(e for e in found if "(easier)" in str(e["DESCRIPTION"]))
    assert "count your single-leg heel raises" in str(deload["DESCRIPTION"])
    assert main(["ramp", "--heel-raises", "18"]) == 0
    assert f"Strength: {now}" in capsys.readouterr().out


def test_csv_ends_with_the_inputs_the_gate_and_the_red_flags() -> None:
    """After a blank row: what the reader entered, the pain gate and the red flags, for whoever opens the sheet."""
    _, notes = csv_weeks(to_csv(plan(age="52")))
    labels = [row[0] for row in notes]
    assert {"Running now", "About you", "Pain gate", "Red flags"} <= set(labels)
    assert "52 years" in dict(notes)["About you"]
    assert RED_FLAGS[0].signs[0] in dict(notes)["Red flags"]


def test_the_command_line_writes_the_same_files(capsys: pytest.CaptureFixture[str]) -> None:
    """``--format csv`` prints exactly the browser's CSV; ``--format ics`` the same events as the browser's calendar."""
    args = ["ramp", "--start-date", "2027-01-04", "--weekdays", "mon,thu,sat"]
    result = plan(start_date="2027-01-04", weekdays="mon,thu,sat")
    assert main([*args, "--format", "csv"]) == 0
    assert capsys.readouterr().out == to_csv(result)
    assert main([*args, "--format", "ics"]) == 0
    out = capsys.readouterr().out
    strip = [line for line in out.split("\r\n") if not line.startswith("DTSTAMP")]
    assert strip == [line for line in to_ics(result, STAMP).split("\r\n") if not line.startswith("DTSTAMP")]


def test_the_command_line_asks_for_a_start_date_for_a_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    """``--format ics`` without a start date exits 2, naming the option."""
    assert main(["ramp", "--format", "ics"]) == 2
    assert capsys.readouterr().err.startswith("error: --start-date: Add a start date")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weekdays": "mon"}, "You run 3 times a week: pick 3 days, one for each run (you picked 1)"),
        ({"weekdays": "mon,tue,wed,thu"}, "pick 3 days, one for each run (you picked 4)"),
        ({"runs_per_week": "1", "weekly_volume": "60", "weekdays": "sat,sun"}, "You run once a week: pick 1 day"),
        ({"runs_per_week": "9", "weekly_volume": "450", "weekdays": "mon,wed"}, "pick all 7 days"),
        ({"weekdays": "mon,funday,fri"}, "write days as short names, like mon,wed,fri ('funday' is not one)"),
        ({"weekdays": "m,w,f"}, "'m' is not one"),
    ],
)
def test_run_days_that_do_not_fit_get_a_message_on_their_field(changes: dict[str, str], message: str) -> None:
    """Too few, too many or unreadable run days are refused on the run-days field, with what to do."""
    with pytest.raises(InputError) as raised:
        ramp_up.parse_inputs(default_values(ramp_up.FIELDS) | changes)
    assert raised.value.fields == ("weekdays",)
    assert message in raised.value.errors["weekdays"]


@pytest.mark.parametrize(
    ("changes", "days"),
    [
        ({}, (0, 2, 4)),
        ({"weekdays": "Tuesday, Thu; saturday"}, (1, 3, 5)),
        ({"weekdays": "sat,tue,thu,tue"}, (1, 3, 5)),
        ({"weekdays": " , "}, (0, 2, 4)),
        ({"runs_per_week": "2", "weekly_volume": "100"}, (0, 3)),
        ({"runs_per_week": "7", "weekly_volume": "350"}, (0, 1, 2, 3, 4, 5, 6)),
        ({"runs_per_week": "9", "weekly_volume": "450"}, (0, 0, 1, 2, 3, 3, 4, 5, 6)),
    ],
)
def test_run_days_are_the_readers_or_spread_through_the_week(changes: dict[str, str], days: tuple[int, ...]) -> None:
    """Picked days are read in any common spelling; with none, runs are spread from Monday."""
    assert plan(**changes).run_days == days


def test_the_worker_makes_files_from_raw_form_values() -> None:
    """The browser's entry point returns the file, or the field message, or a plain refusal; never a traceback."""
    values = default_values(ramp_up.FIELDS) | {"start_date": "2027-01-04"}
    message = {"type": "export", "id": 7, "calculator": "ramp-up", "values": values, "stamp": "2026-12-01T09:30:00.000Z"}
    reply = json.loads(handle(json.dumps(message | {"format": "ics"})))
    assert reply["type"] == "file" and reply["id"] == 7
    assert reply["ok"] and reply["filename"] == "stride-shift-plan-2027-01-04.ics" and reply["mime"] == MEDIA_TYPES["ics"]
    assert reply["text"] == to_ics(plan(start_date="2027-01-04"), STAMP)
    reply = json.loads(handle(json.dumps(message | {"format": "csv"})))
    assert reply["text"] == to_csv(plan(start_date="2027-01-04")) and reply["filename"].endswith(".csv")
    undated = message | {"format": "ics", "values": default_values(ramp_up.FIELDS), "today": "2026-12-02"}
    reply = json.loads(handle(json.dumps(undated)))
    assert list(reply["errors"]) == ["start_date"] and "2026-12-07" in reply["errors"]["start_date"]
    assert 'href="#ffr-ramp-up-start_date"' in reply["summary"]
    for bad in [{"format": "pdf"}, {"format": "csv", "stamp": "yesterday"}, {"format": "csv", "stamp": "2026-12-01T09:30:00"}]:
        reply = json.loads(handle(json.dumps(message | bad)))
        assert reply["ok"] is False and "fatal" in reply
    reply = json.loads(handle(json.dumps(message | {"calculator": "cadence", "format": "csv"})))
    assert reply["ok"] is False and "fatal" in reply


def test_the_registry_lists_exactly_the_formats_the_planner_writes() -> None:
    """The planner offers CSV and iCalendar; the other calculators offer no files."""
    assert CALCULATORS["ramp-up"].exports == tuple(MEDIA_TYPES)
    assert all(not CALCULATORS[c].exports and CALCULATORS[c].export is None for c in CALCULATORS if c != "ramp-up")
    made = export(plan(), "csv", STAMP)
    assert (made.filename, made.media_type) == ("stride-shift-plan.csv", "text/csv;charset=utf-8")
