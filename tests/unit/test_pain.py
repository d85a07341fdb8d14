"""'What is this pain?': red flags first for every answer that holds one, each kind reachable and cited."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, default_values, pain
from calculators._pain_html import KINDS, notes, render_result, rows, summary
from calculators._safety import GATE_SCOPE, RED_FLAGS, RED_FLAGS_TITLE, flag_group
from calculators._sources import SOURCES
from calculators.render import cite

from .safety_html import assert_every_red_flag, squash, text_of

FLAG_FIELDS = [f.name for f in pain.SIGN_FIELDS]
TICKS = [f.name for f in pain.FIELDS if f.kind == "flag"]
PLACES = [value for value, _ in pain.PLACES]
ONSETS = [value for value, _ in pain.ONSETS]


def answer(ticked: set[str] | frozenset[str] = frozenset(), **values: str) -> pain.Result:
    raw = default_values(pain.FIELDS) | {name: "on" for name in ticked} | values
    return pain.compute(pain.parse_inputs(raw))


answers = st.fixed_dictionaries(
    {
        "where": st.sampled_from(PLACES),
        "onset": st.sampled_from(ONSETS),
        "days": st.integers(0, 60).map(str),
        "pain": st.integers(0, 10).map(str),
    }
)


def kind_positions(html: str, result: pain.Result) -> list[int]:
    return [html.index(f"<h3>{KINDS[kind].name}</h3>") for kind in result.kinds]


@settings(max_examples=300, deadline=None)
@given(values=answers, ticked=st.sets(st.sampled_from(TICKS)))
def test_red_flags_come_first_for_every_answer_that_holds_one(values: dict[str, str], ticked: set[str]) -> None:
    """Whatever else is answered, a result holding a red flag opens with it: the flag box and the summary name it
    before any kind, no kind offers the week's self-care, and the whole red-flag list is there."""
    result = answer(ticked, **values)
    html = render_result(result)
    assert_every_red_flag(html)
    if any(name in ticked for name in FLAG_FIELDS):
        assert result.flags, "a ticked red-flag sign always fires"
    if not result.flags:
        return
    assert html.startswith('<div class="ffr-pain"><div class="admonition danger ffr-pain-flags">')
    first = flag_group(result.flags[0].group)
    assert result.flags[0].group == next(g.key for g in RED_FLAGS if any(f.group == g.key for f in result.flags)), "most urgent first"
    assert summary(result).startswith("Red flag: ") and first.action[1:] in summary(result)
    flag_box_end = html.index("</div>", html.index("ffr-pain-flags"))
    assert all(position > flag_box_end for position in kind_positions(html, result)), "no kind before the red flag"
    assert "doms" not in result.kinds, "no 'just soreness' beside a red flag"
    for kind in result.kinds:
        assert squash(KINDS[kind].week) not in text_of(html), f"{kind}: self-care offered beside a red flag"
        assert squash(KINDS[kind].see) not in text_of(html), f"{kind}: a later appointment offered beside a red flag"
    assert rows(result)[0]["what"] == "Red flag"
    assert notes(result)[0].startswith("Red flag: ")


@pytest.mark.parametrize("group", RED_FLAGS, ids=lambda g: g.key)
def test_each_red_flag_sign_is_asked_in_the_lists_own_words(group: object) -> None:
    """Every sign of ``_safety.RED_FLAGS`` is one tick box, labelled with the sign itself under its group's title."""
    fields = {f.name: f for f in pain.FIELDS}
    for index, sign in enumerate(group.signs):  # type: ignore[attr-defined]
        spec = fields[pain.flag_name(group.key, index)]  # type: ignore[attr-defined]
        assert spec.label == sign[0].upper() + sign[1:]
        assert spec.group == group.title  # type: ignore[attr-defined]
        result = answer({spec.name})
        assert [(f.group, f.index) for f in result.flags] == [(group.key, index)]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("ticked", "where", "sign"),
    [
        ("hop", "shin", "pain when you hop"),
        ("bone", "top", "a tender spot on a bone"),
        ("same_point", "calf", "same point of every run"),
        ("numbness", "calf", "numbness, tingling"),
        ("night", "heel", "pain at night"),
        ("swelling", "calf", "pain in one calf with swelling"),
        ("swelling", "achilles", "a swollen or creaking Achilles"),
        ("swelling", "top", "a swollen top of the foot"),
    ],
)
def test_answers_that_are_a_red_flag_in_other_words_raise_it(ticked: str, where: str, sign: str) -> None:
    """Pain on hopping, a tender bone, the same point of every run, numbness, night pain and swelling in the
    calf, Achilles or top of the foot fire the red flag they match, without its own box ticked."""
    result = answer({ticked}, where=where)
    assert [flag_group(f.group).signs[f.index] for f in result.flags if sign in flag_group(f.group).signs[f.index]]
    assert sign in text_of(render_result(result).split(RED_FLAGS_TITLE)[0])


def test_swelling_elsewhere_is_no_red_flag_but_says_when_to_get_it_seen() -> None:
    """A swollen shin or heel is not on the list: no flag, but the result says to get it seen if it stays."""
    result = answer({"swelling"}, where="heel", onset="gradual")
    assert not result.flags
    assert "if it has not gone down in a few days" in text_of(render_result(result))


KIND_CASES: dict[pain.KindKey, tuple[set[str], dict[str, str]]] = {
    "doms": (set(), {"where": "calf", "onset": "after", "days": "2"}),
    "calf-overload": (set(), {"where": "calf", "onset": "gradual", "days": "10"}),
    "calf-strain": (set(), {"where": "calf", "onset": "sudden", "days": "1"}),
    "achilles": ({"morning"}, {"where": "achilles", "onset": "gradual", "days": "14"}),
    "achilles-sudden": (set(), {"where": "achilles", "onset": "sudden", "days": "1"}),
    "plantar-heel": ({"morning"}, {"where": "heel", "onset": "gradual", "days": "20"}),
    "bone-stress": ({"bone", "hop"}, {"where": "shin", "onset": "gradual", "days": "12"}),
    "compartment": ({"same_point"}, {"where": "shin", "onset": "gradual", "days": "30"}),
    "clot": ({"swelling"}, {"where": "calf", "onset": "gradual", "days": "3"}),
}


@pytest.mark.parametrize("kind", pain.KIND_ORDER)
def test_each_kind_is_reachable_and_cites_its_sources(kind: pain.KindKey) -> None:
    """Each kind has answers that name it, and its section cites every source it rests on."""
    ticked, values = KIND_CASES[kind]
    result = answer(ticked, **values)
    assert kind in result.kinds
    html = render_result(result)
    section = html.split(f"<h3>{KINDS[kind].name}</h3>", 1)[1].split("</section>", 1)[0]
    assert pain.SOURCES[kind]
    for key in pain.SOURCES[kind]:
        assert key in SOURCES and cite(key) in section, f"{kind}: {key} not cited"
    for words in (KINDS[kind].what, KINDS[kind].evidence, *(() if result.flags else (KINDS[kind].week, KINDS[kind].see))):
        assert squash(words) in text_of(section)


def test_delayed_soreness_is_named_only_for_a_fresh_calf_ache_after_a_run() -> None:
    """A calf ache a day or so after a run, under a week old and without a flag, reads as soreness; older, as overload."""
    assert answer(where="calf", onset="after", days="3").kinds == ("doms",)
    assert answer(where="calf", onset="after", days=str(pain.DOMS_DAYS + 1)).kinds == ("calf-overload",)
    assert "doms" not in answer({"night"}, where="calf", onset="after", days="2").kinds
    assert summary(answer(where="calf", onset="after", days="3")).startswith("It looks most like delayed-onset muscle soreness.")


def test_calf_overload_uses_the_gate_and_states_its_scope() -> None:
    """The week's advice for calf overload is the pain gate, with what the gate does not cover."""
    html = text_of(render_result(answer(where="calf", onset="gradual")))
    assert "Keep to the pain traffic light" in html and squash(GATE_SCOPE) in html


def test_a_sudden_calf_pain_is_a_strain_not_a_case_for_the_gate() -> None:
    """Sudden pain in one spot of the calf: stop running on it; the traffic light does not apply."""
    result = answer(where="calf", onset="sudden", days="1")
    assert result.kinds == ("calf-strain",)
    html = text_of(render_result(result))
    assert "Stop running on it. The pain traffic light does not apply" in html
    assert "a review of ten studies" in html


def test_achilles_pain_says_to_load_within_the_gate_and_cites_the_guideline() -> None:
    """Achilles pain: the pain gate with its scope, calf raises, and when to book a physiotherapist."""
    result = answer({"morning"}, where="achilles", onset="gradual")
    html = text_of(render_result(result))
    assert result.kinds == ("achilles",)
    assert "calf raises" in html and squash(GATE_SCOPE) in html and "Book a physiotherapist" in html


def test_a_sudden_achilles_pain_is_a_possible_tear_never_run_on_under_the_gate() -> None:
    """A tendon that hurt from one moment may be torn: stop running and get it examined, whatever the traffic light says."""
    result = answer(where="achilles", onset="sudden", days="1")
    assert result.kinds == ("achilles-sudden",)
    html = text_of(render_result(result))
    assert "Keep to the pain traffic light" not in html and "calf raises" not in html
    assert "Stop running on it" in html and "within a day or two" in html
    assert "possibly a tear" in summary(result)


def test_a_calf_strain_warns_that_a_clot_can_pass_for_one() -> None:
    """A clot can mimic a strain (Theiss et al. 2011): the strain's advice says when to get seen today."""
    html = text_of(render_result(answer(where="calf", onset="sudden", days="2")))
    assert "A clot can mimic a strain" in html and "get seen today" in html


def test_morning_heel_pain_is_plantar_heel_pain() -> None:
    """Under the heel, worst with the first steps: plantar heel pain; stay in your usual shoes."""
    result = answer({"morning"}, where="heel", onset="gradual")
    assert result.kinds == ("plantar-heel",)
    assert "stay in your usual, more supportive shoes" in text_of(render_result(result))


def test_top_of_foot_pain_is_checked_for_bone_stress() -> None:
    """Top-of-the-foot pain during a switch names bone stress even before the hop or press answers."""
    result = answer(where="top", onset="gradual", days="5")
    assert "bone-stress" in result.kinds
    assert "Stop running now" in text_of(render_result(result))


def test_same_point_pain_names_compartment_pressure_after_its_red_flag() -> None:
    """Pain at the same point of every run is a 'see a clinician' flag first, then compartment pressure."""
    result = answer({"same_point"}, where="shin", onset="gradual")
    assert result.severity == "see" and "compartment" in result.kinds
    html = render_result(result)
    assert html.index("same point of every run") < html.index(KINDS["compartment"].name)


def test_a_swollen_sore_calf_is_an_urgent_clot_warning_before_anything_else() -> None:
    """A swollen, sore calf: get seen today, the clot named only after the flag, and no soreness reassurance."""
    result = answer({"swelling"}, where="calf", onset="after", days="2")
    assert result.severity == "urgent" and result.kinds[0] == "clot" and "doms" not in result.kinds
    assert (
        summary(result)
        == "Red flag: pain in one calf with swelling, warmth or redness. Get medical help today; this check is not a diagnosis."
    )


def test_answers_no_kind_fits_still_say_what_to_do() -> None:
    """Somewhere else, with nothing ticked: no kind, but the result says when to book someone."""
    result = answer(where="other", onset="gradual")
    assert result.kinds == () and not result.flags
    assert "None of the kinds on this page fits your answers" in text_of(render_result(result))
    assert rows(result)[0]["answer"] == "None of the kinds this check knows"


def test_high_pain_says_to_go_back_a_week_with_the_gates_scope() -> None:
    """Pain above 5 out of 10 during runs: stop the new strike and go back a week, with the gate's scope."""
    html = text_of(render_result(answer(where="calf", onset="gradual", pain="7")))
    assert "go back a week in your plan" in html and squash(GATE_SCOPE) in html


def test_every_result_says_it_is_not_a_diagnosis() -> None:
    """With a flag, with a kind, or with neither, the result says plainly that it is not a diagnosis."""
    for result in (answer(), answer({"flag_urgent_2"}), answer(where="other")):
        assert "not a diagnosis" in summary(result)
        assert "This check is not a diagnosis" in text_of(render_result(result))


@pytest.mark.parametrize(("field", "value"), [("days", "-1"), ("days", "soon"), ("pain", "11"), ("where", "knee"), ("flag_see_1", "maybe")])
def test_bad_answers_name_their_field(field: str, value: str) -> None:
    """A value the check cannot use is refused with a message on that field alone."""
    with pytest.raises(InputError) as refused:
        pain.parse_inputs(default_values(pain.FIELDS) | {field: value})
    assert list(refused.value.errors) == [field]


@pytest.mark.parametrize("ticked", [{"pain_high"}, {"morning_stiffness"}, {"flag_clot"}])
def test_the_checklists_pain_answers_send_readers_here(ticked: set[str]) -> None:
    """The overstride and calf-load check's result, after a pain answer or a red flag, links to this page; so does its paper sheet."""
    from calculators import checklist
    from calculators._checklist_html import render_blank
    from calculators._checklist_html import render_result as checklist_result

    result = checklist.compute(checklist.parse_inputs(default_values(checklist.FIELDS) | {name: "on" for name in ticked}))
    assert '<a href="../pain/">What is this pain?</a>' in checklist_result(result)
    assert '<a href="../pain/">What is this pain?</a>' in render_blank()
