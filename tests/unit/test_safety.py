"""The red flags, the cautions and the pain gate's scope: complete, grouped, and in every form a reader gets.

One source (``calculators/_safety.py``); these tests fail if any calculator result, file or
terminal output drops a sign, a group's heading or the gate's scope.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import icalendar
import pytest

from calculators import CALCULATORS, default_values
from calculators._checklist_html import render_blank
from calculators._cli import main
from calculators._ramp_up_export import to_csv, to_ics
from calculators._safety import CAUTIONS, GATE_SCOPE, RED_FLAGS, cautions_text, red_flags_text
from calculators.render import render_red_flags

from .safety_html import assert_every_red_flag, assert_every_red_flag_in_text, labelled_lists, squash, text_of

STAMP = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
GROUPS = {group.key: group for group in RED_FLAGS}

# Each sign the sports-medicine review asked for (evidence brief, section 5, and issue 11), by a phrase
# that names it, with the group it belongs in.
REVIEWED_SIGNS = {
    "breathlessness": "emergency",
    "chest pain": "emergency",
    "coughing up blood": "emergency",
    "cold, pale or blue": "emergency",
    "a pop, or a feeling of being kicked in the back of the leg": "urgent",
    "cannot rise onto tiptoe on the sore leg": "urgent",
    "a gap or dent you can feel above the heel": "urgent",
    "sudden sharp calf pain with bruising": "urgent",
    "pain in one calf with swelling, warmth or redness": "urgent",
    "cannot put weight on the leg": "urgent",
    "does not wear off within a few minutes of stopping": "urgent",
    "numbness, tingling, shooting pains or weakness": "see",
    "same point of every run and eases with rest (possible compartment syndrome)": "see",
    "a tender spot on a bone": "see",
    "pain when you hop": "see",
    "a swollen top of the foot": "see",
    "still limping 48 hours after a run": "see",
    "pain at night": "see",
    "pain that builds as a run goes on": "see",
    "a swollen or creaking Achilles tendon": "see",
}


def result_html(calc_id: str, **changes: str) -> str:
    calc = CALCULATORS[calc_id]
    return calc.render_result(calc.compute(calc.parse_inputs(default_values(calc.fields) | changes)))


def plan(**changes: str) -> object:
    calc = CALCULATORS["ramp-up"]
    return calc.compute(calc.parse_inputs(default_values(calc.fields) | changes))


def test_every_reviewed_sign_is_listed_once_in_its_group() -> None:
    """Each sign from the review is in exactly one group, the one that says how fast to act on it."""
    for phrase, key in REVIEWED_SIGNS.items():
        holding = [group.key for group in RED_FLAGS for sign in group.signs if phrase in sign]
        assert holding == [key], f"{phrase!r} is in {holding}, not once in {key!r}"


def test_groups_run_from_most_to_least_urgent_and_say_what_to_do() -> None:
    """Emergency first, then today, then book a clinician; each heading starts with how urgent it is."""
    assert [group.key for group in RED_FLAGS] == ["emergency", "urgent", "see"]
    assert GROUPS["emergency"].title.startswith("Emergency: call emergency services")
    assert "999" in GROUPS["emergency"].lead and "112" in GROUPS["emergency"].lead
    assert GROUPS["urgent"].title.startswith("Urgent: get medical help today")
    assert GROUPS["see"].title.startswith("Stop running on it and see a clinician")
    assert "do not wait for it to get bad" in GROUPS["see"].advice
    signs = [sign for group in RED_FLAGS for sign in group.signs]
    assert len(signs) == len(set(signs))


def test_calf_pain_at_rest_alone_is_not_an_urgent_sign() -> None:
    """The clot sign is one-sided calf pain with swelling, warmth or redness, not calf pain at rest."""
    urgent = [sign for key in ("emergency", "urgent") for sign in GROUPS[key].signs]
    assert not any("at rest" in sign for sign in urgent)
    clot = next(sign for sign in GROUPS["urgent"].signs if "blood clot" in sign)
    assert clot.startswith("pain in one calf with swelling, warmth or redness")
    for risk in ("surgery", "long journey", "plaster", "pregnancy", "hormone", "cancer"):
        assert risk in clot, risk


def test_cautions_name_diabetes_neuropathy_fluoroquinolones_and_steroid_injections() -> None:
    """The cautions before barefoot drills cover reduced feeling in the feet and the medicines that weaken tendons."""
    text = cautions_text()
    for word in ("diabetes", "neuropathy", "fluoroquinolone", "ciprofloxacin", "steroid injection", "barefoot"):
        assert word in text.lower(), word
    assert len(CAUTIONS) == 2


def test_gate_scope_rules_out_bone_and_sudden_muscle_pain() -> None:
    """The pain gate's scope says where it was tested, what it does not cover, and what to do instead."""
    for words in ("Achilles tendon pain", "bone pain", "a tender spot on a bone", "pain when you hop", "sudden pain"):
        assert words in GATE_SCOPE, words
    assert "stop running on it" in GATE_SCOPE and "see a clinician if it has not settled in a few days" in GATE_SCOPE


@pytest.mark.parametrize("calc_id", sorted(CALCULATORS))
def test_every_result_lists_every_red_flag_in_its_group(calc_id: str) -> None:
    """Each calculator's result shows every group, headed by its title, with all of its signs."""
    assert_every_red_flag(result_html(calc_id))


@pytest.mark.parametrize(
    ("calc_id", "changes"),
    [("ramp-up", {"heel_raises": "0"}), ("checklist", {"flag_clot": "on", "pain_high": "on"}), ("cadence", {"height": "180"})],
)
def test_results_keep_every_red_flag_whatever_the_answers(calc_id: str, changes: dict[str, str]) -> None:
    """Answers that move the red flags first, or change the result, never drop a sign."""
    assert_every_red_flag(result_html(calc_id, **changes))


def test_red_flag_lists_are_labelled_by_ids_of_their_own() -> None:
    """Two lists on one page (a guide page and a worked example) label their groups with different ids."""
    page, example = render_red_flags("ffr-page-1"), render_red_flags("ffr-ramp-up")
    assert labelled_lists(page + example) == labelled_lists(page) * 2, "an id used twice would label a list with both titles"
    assert_every_red_flag(page + example)


def test_planner_gate_carries_its_scope_and_cautions() -> None:
    """The planner's pain gate box states what the gate does not cover; the cautions come with the plan."""
    html = result_html("ramp-up")
    gate = html.split("The pain gate before each new week", 1)[1].split("</div>", 1)[0]
    assert squash(GATE_SCOPE) in text_of(gate)
    for caution in CAUTIONS:
        assert caution.who in text_of(html)


def test_checklist_says_what_to_do_about_pain_above_5_and_states_the_scope() -> None:
    """Pain above 5 out of 10 comes with what to do (stop the new strike, go back a week, when to see someone),
    and the result states what the pain answers do not cover."""
    html = text_of(result_html("checklist", pain_high="on"))
    assert "What to do: Stop the new strike for today" in html
    assert "Go back a week in your plan" in html and "see a physiotherapist or doctor" in html
    assert squash(GATE_SCOPE) in html
    assert squash(GATE_SCOPE) in text_of(result_html("checklist"))


def test_a_ticked_red_flag_says_to_get_help_today() -> None:
    """A ticked 'Right now' answer leads with the urgent group's action, before the bands."""
    html = result_html("checklist", flag_clot="on")
    assert html.index(GROUPS["urgent"].title) < html.index("ffr-summary")
    assert GROUPS["urgent"].advice in text_of(html)


def test_foot_ahead_item_gives_a_reason_about_the_knee() -> None:
    """The question asks about the foot landing ahead of the knee; its reason speaks of the knee too."""
    from calculators.checklist import ITEMS

    item = next(i for i in ITEMS if i.name == "foot_ahead")
    assert "ahead of my knee" in item.question
    assert "ahead of the knee" in item.why and "hip" not in item.why


def test_printable_checklist_carries_the_red_flags_and_the_pain_advice() -> None:
    """The paper sheet lists every red flag, what to do about pain above 5, and the pain rules' scope."""
    html = render_blank()
    assert_every_red_flag(html)
    assert "Go back a week in your plan" in text_of(html)
    assert squash(GATE_SCOPE) in text_of(html)


def test_planner_csv_has_every_red_flag_and_the_gates_scope() -> None:
    """The spreadsheet's notes hold the whole grouped list and the gate with its scope."""
    rows = list(csv.reader(io.StringIO(to_csv(plan()), newline="")))  # type: ignore[arg-type]
    notes = dict(row for row in rows[rows.index([]) + 1 :] if len(row) == 2)
    assert_every_red_flag_in_text(notes["Red flags"])
    assert notes["Pain gate"].endswith(GATE_SCOPE)


def test_every_calendar_event_has_every_red_flag() -> None:
    """Each run in the calendar, as an app reads it (lines unfolded, text unescaped), lists every sign;
    every event whose week ends with the pain gate states the gate's scope."""
    text = to_ics(plan(start_date="2027-01-04"), STAMP)  # type: ignore[arg-type]
    found = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    assert len(found) > 10
    gates = 0
    for event in found:
        description = str(event["DESCRIPTION"])
        assert_every_red_flag_in_text(description)
        if "Pain gate." in description:
            gates += 1
            assert GATE_SCOPE in description
    assert gates


@pytest.mark.parametrize("command", [["ramp"], ["cadence"], ["check"], ["check", "--pain-high"], ["check", "--flag-pop"]])
def test_the_terminal_prints_every_red_flag(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Every calculator's terminal output ends with the whole grouped list."""
    assert main(command) == 0
    out = capsys.readouterr().out
    assert_every_red_flag_in_text(out)
    assert out.rstrip().endswith(red_flags_text())


def test_the_terminal_states_the_gates_scope(capsys: pytest.CaptureFixture[str]) -> None:
    """The planner's pain gate and the checklist's pain answers come with the scope in the terminal too."""
    assert main(["ramp"]) == 0
    planner = capsys.readouterr().out
    assert "Pain gate: " in planner and GATE_SCOPE in planner.split("Pain gate: ", 1)[1].split("\n", 1)[0]
    assert "Diabetes" in planner
    assert main(["check", "--pain-high"]) == 0
    checklist = capsys.readouterr().out
    assert GATE_SCOPE in checklist and "Go back a week in your plan" in checklist
