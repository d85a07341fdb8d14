"""The check-in as the reader sees it: the advice in words, the weeks done beside the weeks ahead, the
check-in form, and the log carried into the print view, the CSV and the calendar."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser

import icalendar
import pytest

from calculators import checkin, default_values, ramp_up
from calculators._checkin_html import CHECKIN_ID, advice_lines, render_advice, render_checkin
from calculators._checkin_text import CONVENTION, DONE_WORDS, HEADLINES, fired, live
from calculators._ramp_up_export import to_csv, to_ics
from calculators._ramp_up_html import live as live_text
from calculators._ramp_up_html import render_result, rows, summary
from calculators._safety import GATE_SCOPE, RED_FLAGS, RED_FLAGS_TITLE
from calculators.render import field_id

STAMP = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
START = date(2027, 1, 4)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def inputs(**changes: str) -> ramp_up.Inputs:
    return ramp_up.parse_inputs(default_values(ramp_up.FIELDS) | {"start_date": START.isoformat()} | changes)


def entry(day: date, **changes: object) -> checkin.CheckIn:
    """A week that went well, unless ``changes`` say otherwise."""
    base = checkin.CheckIn(
        day=day, pain=1, settled=True, rising=False, where="", sudden=False, flags=(), done="yes", why="", heel_raises=None
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def weekly(*changes: dict[str, object]) -> checkin.Log:
    """One check-in a week at the end of each plan week, from the start date."""
    return checkin.Log(tuple(entry(START + timedelta(days=6 + 7 * i), **c) for i, c in enumerate(changes)))


def followed(log: checkin.Log, **changes: str) -> ramp_up.Result:
    return ramp_up.follow(inputs(**changes), log)[1]


def key_of(group: str, index: int) -> str:
    return next(k for k, v in checkin.FLAG_KEYS.items() if v == (group, index))


def with_advice(result: ramp_up.Result, outcome: checkin.Outcome, **changes: object) -> ramp_up.Result:
    """``result`` answering its last check-in with ``outcome``: the words of every outcome, whatever the rules say."""
    last = result.log.entries[-1]
    advice = checkin.Advice(
        outcome=outcome, flags=last.flags, severity=None, reasons=(), week=result.weeks[0].number, strength=None, day=last.day
    )
    return dataclasses.replace(result, advice=dataclasses.replace(advice, **changes))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def two_weeks() -> ramp_up.Result:
    return followed(weekly({"pain": 2}, {"pain": 3, "settled": False}))


# The advice, in words


@pytest.mark.parametrize("outcome", list(HEADLINES))
def test_every_outcome_opens_the_result_in_its_own_words(two_weeks: ramp_up.Result, outcome: checkin.Outcome) -> None:
    """Whatever the rules decide, the advice box opens the result with the outcome's headline and the date of
    the check-in it answers, its live sentence is short, and every claim carries a source or says it is ours."""
    result = with_advice(two_weeks, outcome)
    html = render_result(result)
    box = render_advice(result)
    assert html.startswith(f'<div class="ffr-plan" data-weeks="{len(result.weeks)}" data-done="2">{box}')
    assert f"<strong>{HEADLINES[outcome]}.</strong>" in box
    assert "Your check-in of Sun 17 Jan 2027" in box
    sentence = live(result.advice)  # type: ignore[arg-type]
    assert 0 < sentence.count(".") <= 3 and len(sentence) < 200
    assert "ffr-cite" in box or CONVENTION in box
    assert RED_FLAGS_TITLE in html, "the red flags stay on every result"


def test_moving_on_and_repeating_cite_the_pain_model_and_its_scope(two_weeks: ramp_up.Result) -> None:
    """Where the pain gate is applied, the advice links Silbernagel 2007 and says what the gate does not cover."""
    for outcome in ("move-on", "repeat", "back"):
        box = render_advice(with_advice(two_weeks, outcome))  # type: ignore[arg-type]
        assert 'href="../../references/#silbernagel-2007"' in box
        assert GATE_SCOPE.rstrip(".") in box


def test_repeat_says_why_in_the_readers_own_answers(two_weeks: ramp_up.Result) -> None:
    """A week to repeat says which answer held it back."""
    box = render_advice(with_advice(two_weeks, "repeat", reasons=("not-settled", "rising")))
    assert "You said the pain had not settled by the next morning and the pain is worse than last week." in box


def test_hold_says_stop_running_on_it_and_see_a_clinician_and_why_the_gate_does_not_apply(two_weeks: ramp_up.Result) -> None:
    """Sudden pain in one spot: stop running on it, see a clinician if not settled in a few days, and the
    pain model was tested in Achilles tendon pain only (the site's gate scope says the same)."""
    box = render_advice(with_advice(two_weeks, "hold", reasons=("sudden",)))
    assert "Stop running on it for now" in box and "run your old way" not in box.lower()
    assert "If it has not settled in a few days, see a physiotherapist or doctor" in box
    assert "tested in people with Achilles tendon pain" in box and "#silbernagel-2007" in box


def test_a_sudden_achilles_pain_is_told_to_get_checked_today(two_weeks: ramp_up.Result) -> None:
    box = render_advice(with_advice(two_weeks, "hold", reasons=("sudden-achilles",)))
    assert "Do not run: get your Achilles checked today" in box and "admonition danger" in box
    assert "partial or complete tear" in box


def test_a_missed_week_for_life_is_not_a_failure(two_weeks: ramp_up.Result) -> None:
    """The plan waits, and says so plainly."""
    box = render_advice(with_advice(two_weeks, "wait", reasons=("missed-life",)))
    assert "life got in the way" in box and "is not a failure" in box
    assert f"week {two_weeks.weeks[0].number} below is still your next week" in box


def test_a_restart_says_when_to_get_checked_first(two_weeks: ramp_up.Result) -> None:
    """After a break the plan restarts lower, and says when to see a clinician before restarting."""
    box = render_advice(with_advice(two_weeks, "restart", reasons=("break",)))
    assert "Before you restart, get checked by a physiotherapist or doctor" in box
    assert "more than about two weeks since you last ran with the new strike" in box


@pytest.mark.parametrize("group", RED_FLAGS, ids=lambda g: g.key)
def test_a_red_flag_names_each_sign_ticked_and_whom_to_see(group: object) -> None:
    """Each red flag the reader ticks comes back word for word, under its group's title, lead and advice;
    the signs not ticked do not."""
    assert isinstance(group, type(RED_FLAGS[0]))
    key = key_of(group.key, len(group.signs) - 1)
    result = followed(weekly({"pain": 1}, {"pain": 1, "flags": (key,)}))
    assert result.advice is not None and result.advice.outcome == "stop"
    box = render_advice(result)
    assert f"<li>{group.signs[-1]}</li>".replace("'", "&#x27;") in box
    assert group.title in box and group.lead in box and group.advice in box
    assert group.signs[0] not in box or len(group.signs) == 1
    assert box.index(f"<strong>{group.title}.</strong>") < box.index("You ticked"), "the headline is the group's own title"


def test_red_flags_from_several_groups_come_most_urgent_first() -> None:
    """Ticked in any order, the groups come back most urgent first, with only their ticked signs."""
    keys = (key_of("see", 3), key_of("emergency", 0), key_of("urgent", 1))
    result = followed(weekly({"flags": keys}))
    box = render_advice(result)
    titles = [group.title for group in RED_FLAGS]
    assert [box.index(title) for title in titles] == sorted(box.index(title) for title in titles)
    assert [group.key for group, _ in fired(keys)] == ["emergency", "urgent", "see"]
    assert "Red flag: call emergency services now." in live(result.advice)  # type: ignore[arg-type]
    text = "\n".join(advice_lines(result))
    assert RED_FLAGS[0].signs[0] in text and RED_FLAGS[0].signs[1] not in text


# The plan as followed


def test_weeks_done_are_labelled_in_words_beside_the_weeks_ahead(two_weeks: ramp_up.Result) -> None:
    """The table lists the weeks done first, each saying "Done:" and its outcome in text, then the weeks ahead;
    the chart hatches the weeks done and its description names them and their outcomes."""
    result = two_weeks
    table = rows(result)
    assert len(table) == len(result.logged) + len(result.weeks)
    for row, done in zip(table, result.logged, strict=False):
        assert row["gate"] == f"Done: {DONE_WORDS[done.outcome]}"
    assert not any(row["gate"].startswith("Done") for row in table[len(result.logged) :])
    html = render_result(result)
    assert html.count('<tr class="ffr-row--done">') == len(result.logged)
    desc = html[html.index("<desc") : html.index("</desc>")]
    assert "Weeks 1 to 2 are done" in desc and DONE_WORDS[result.logged[0].outcome] in desc
    assert html.count('fill="url(#ffr-ramp-up-chart-done)"') == len(result.logged)
    assert "done (hatched)" in html, "the key names the pattern in words"


def test_the_check_ins_sit_beside_the_plan_for_print(two_weeks: ramp_up.Result) -> None:
    """'Your check-ins' lists every entry: date, pain, settled, rising, where, red flags, done and why,
    heel raises and outcome; it is part of the result, so it prints with the plan."""
    result = followed(weekly({"pain": 2, "heel_raises": 12}, {"pain": 4, "where": "achilles", "done": "partly", "why": "life"}))
    html = render_result(result)
    table = html[html.index("<caption>Your check-ins</caption>") :]
    table = table[: table.index("</table>")]
    assert table.count("<tr>") == 1 + len(result.log.entries)
    for text in ("Sun 10 Jan 2027", "Sun 17 Jan 2027", "<td>4</td>", "Achilles tendon", "Partly: life", "<td>12</td>"):
        assert text in table
    assert html.index("Your plan, week by week") < html.index("Your check-ins")


# The files


def test_csv_carries_every_check_in_and_the_advice(two_weeks: ramp_up.Result) -> None:
    """The CSV has a 'Your check-ins' section: the advice now, then one row a check-in with its answers."""
    result = followed(weekly({"pain": 2, "heel_raises": 30}, {"pain": 6, "settled": False, "where": "calf"}))
    found = list(csv.reader(io.StringIO(to_csv(result))))
    start = found.index(["Your check-ins"])
    assert found[start + 1][0] == "Advice now" and HEADLINES[result.advice.outcome] in found[start + 1][1]  # type: ignore[union-attr]
    header = found[start + 2]
    assert header[:3] == ["Week", "Checked in", "Worst pain in runs (0 to 10)"]
    logged = found[start + 3 : start + 3 + len(result.log.entries)]
    assert [row[1] for row in logged] == [e.day.isoformat() for e in result.log.entries]
    assert [row[2] for row in logged] == ["2", "6"]
    assert logged[1][header.index("Where")] == "Calf muscle"
    assert logged[0][header.index("Single-leg heel raises")] == "30"
    assert logged[1][header.index("Settled by next morning")] == "no"
    assert [row[-1] for row in logged] == [DONE_WORDS[d.outcome].capitalize() for d in result.logged]


def test_the_calendar_of_a_followed_plan_holds_the_runs_from_today_on_and_opens_with_the_advice() -> None:
    """With check-ins, the calendar keeps only the runs from today on (the weeks ahead), and the first of
    them carries the advice of the latest check-in."""
    result = followed(weekly({"pain": 2}, {"pain": 2}))
    today = date(2027, 1, 20)
    found = list(icalendar.Calendar.from_ical(to_ics(result, STAMP, today)).walk("VEVENT"))
    days = [e.decoded("DTSTART") for e in found]
    assert days and min(days) >= today
    planned = [run.day for run in ramp_up.schedule(result) if run.day >= today]
    assert days == planned
    first = str(found[0].get("DESCRIPTION"))
    assert first.startswith(HEADLINES[result.advice.outcome])  # type: ignore[union-attr]
    assert all(HEADLINES[result.advice.outcome] not in str(e.get("DESCRIPTION")) for e in found[1:])  # type: ignore[union-attr]


# The check-in form


def test_the_check_in_section_is_a_labelled_form_with_every_field_and_the_log_tools() -> None:
    """Every field of checkin.FIELDS is a labelled control with the check-in's ids; the red-flag questions sit in
    a fieldset per red-flag group, titled as the list titles it; the log tools and the status line are there."""
    html = render_checkin()
    found = tags(html)
    assert found[0] == (
        "section",
        {"class": "ffr-checkin ffr-screen-only", "data-ffr-checkin": None, "aria-labelledby": "ffr-ramp-up-checkin-title"},
    )
    assert '<h2 id="ffr-ramp-up-checkin-title" data-search-exclude>How did this week go?</h2>' in html
    form = next(a for t, a in found if t == "form")
    assert form["class"] == "ffr-form ffr-js-checkin" and "novalidate" in form
    assert form["method"] == "dialog", "sent before the script wires it, the form goes nowhere"
    controls = [a for t, a in found if t in {"input", "select"} and a.get("name")]
    assert {c["name"] for c in controls} == {f.name for f in checkin.FIELDS}
    labels = {a["for"] for t, a in found if t == "label"}
    assert all(c["id"] in labels for c in controls)
    assert all(c["id"] == field_id(CHECKIN_ID, str(c["name"])) for c in controls)
    legends = html.split("<legend>")[1:]
    for group in RED_FLAGS:
        assert any(legend.startswith(group.title) for legend in legends)
    summary = next(a for t, a in found if "ffr-js-checkin-summary" in (a.get("class") or ""))
    assert "hidden" in summary and summary["tabindex"] == "-1"
    status = next(a for t, a in found if "ffr-js-checkin-status" in (a.get("class") or ""))
    assert status["role"] == "status", "a polite live region, as the export bar's status line"
    for cls, text in (("ffr-js-log-save", "Save my log"), ("ffr-js-log-undo", "Remove the last check-in")):
        button = next(a for t, a in found if t == "button" and cls in (a.get("class") or ""))
        assert button["type"] == "button" and f"{text}</button>" in html
    load = next(a for t, a in found if t == "input" and "ffr-js-log-load" in (a.get("class") or ""))
    assert load["type"] == "file" and load["id"] in labels
    assert ">Check in this week</button>" in html
    assert "needs JavaScript" in html and "never sent" in html
    ids = [a["id"] for _, a in found if a.get("id")]
    assert len(ids) == len(set(ids))


def test_a_heel_raise_count_that_opens_a_stage_says_so_with_its_source(two_weeks: ramp_up.Result) -> None:
    """When the latest count opens a strength stage, the advice names the stage, its count and where the count comes from."""
    stage = ramp_up.STRENGTH_STAGES[2]
    box = render_advice(with_advice(two_weeks, "move-on", strength=2))
    assert f"&quot;{stage.name.lower()}&quot;, which opens at {stage.unlock} (" in box
    assert "#lunsford-1995" in box and stage.text.rstrip(".") in box
    first = ramp_up.STRENGTH_STAGES[1]
    assert f"{first.unlock} ({CONVENTION})" in render_advice(with_advice(two_weeks, "move-on", strength=1))


def test_the_live_sentence_is_the_advice_or_else_the_summary(two_weeks: ramp_up.Result) -> None:
    """The live region gets the advice of the moment after a check-in, and the plan's summary without one."""
    plain = ramp_up.compute(inputs())
    assert live_text(plain) == summary(plain)
    assert live_text(two_weeks) == live(two_weeks.advice)  # type: ignore[arg-type]
