"""The overstride and calf-load checklist: scoring properties, red flags, contradictions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, checklist, default_values
from calculators.checklist import AGE_ITEM, BANDS, ITEMS, MASS_ITEM, RED_FLAG_ITEMS, band, compute, parse_inputs

ITEM_NAMES = [i.name for i in ITEMS]
FLAG_NAMES = [name for name, _ in RED_FLAG_ITEMS]
ORDER = {"low": 0, "moderate": 1, "high": 2}


def check(ticked: set[str], **extra: str) -> checklist.Result:
    raw = default_values(checklist.FIELDS) | {name: "on" for name in ticked} | extra
    return compute(parse_inputs(raw))


answers = st.sets(st.sampled_from(ITEM_NAMES))


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.name)
def test_every_item_can_move_its_concerns_band(item: checklist.Item) -> None:
    """For each item there are other answers with which ticking it raises its concern's band."""
    others = [i for i in (*ITEMS, AGE_ITEM, MASS_ITEM) if i.concern == item.concern and i.name != item.name]
    moved = False
    for mask in range(2 ** len(others)):
        base = {i.name for bit, i in enumerate(others) if mask >> bit & 1}
        extra = {"age": "50" if "age" in base else "", "body_mass": "90" if "mass" in base else ""}
        base -= {"age", "mass"}
        before = getattr(check(base, **extra), item.concern).band
        after = getattr(check(base | {item.name}, **extra), item.concern).band
        if ORDER[after] > ORDER[before]:
            moved = True
            break
    assert moved


@settings(max_examples=200, deadline=None)
@given(answers, st.sampled_from(ITEM_NAMES))
def test_bands_are_monotone_in_the_answers(ticked: set[str], extra: str) -> None:
    """Ticking one more item never lowers either band."""
    before, after = check(ticked), check(ticked | {extra})
    for concern in ("overstride", "calf"):
        assert ORDER[getattr(after, concern).band] >= ORDER[getattr(before, concern).band]


@settings(max_examples=100, deadline=None)
@given(answers, st.randoms())
def test_same_answers_in_any_order_give_the_same_result(ticked: set[str], rnd: object) -> None:
    """The order in which answers arrive does not change the result."""
    names = sorted(ticked)
    rnd.shuffle(names)  # type: ignore[attr-defined]
    raw_a = default_values(checklist.FIELDS) | {n: "on" for n in sorted(ticked)}
    raw_b = dict(reversed(list((default_values(checklist.FIELDS) | {n: "on" for n in names}).items())))
    assert compute(parse_inputs(raw_a)) == compute(parse_inputs(raw_b))


@settings(max_examples=100, deadline=None)
@given(answers, st.sampled_from(FLAG_NAMES))
def test_red_flags_always_win(ticked: set[str], flag: str) -> None:
    """Any red-flag answer puts the red flags first, whatever else is ticked."""
    from calculators._checklist_html import render_result

    result = check(ticked | {flag})
    assert result.red_flags
    html = render_result(result)
    assert html.index("Urgent: get medical help today") < html.index("ffr-summary")
    assert "Plan your transition" not in html


def test_bands_follow_the_stated_limits() -> None:
    """Points map to bands exactly as the page says."""
    for concern, (moderate, high) in BANDS.items():
        assert band(concern, moderate - 1) == "low"  # type: ignore[arg-type]
        assert band(concern, moderate) == "moderate"  # type: ignore[arg-type]
        assert band(concern, high) == "high"  # type: ignore[arg-type]


def test_high_pain_alone_is_a_high_calf_band() -> None:
    """Pain above 5 out of 10 is the high-risk zone of the pain-monitoring model on its own."""
    assert check({"pain_high"}).calf.band == "high"


def test_age_and_mass_count_and_fill_the_planner_link() -> None:
    """Age over 45 and mass over 85 kg add to calf overload, and go into the planner link."""
    result = check({"injury"}, age="50", body_mass="90")
    assert {i.name for i in result.calf.drivers} == {"injury", "age", "mass"}
    assert result.planner == {"injury": "on", "age": "50", "body_mass": "90"}


def test_cues_fit_the_answers() -> None:
    """Landing on the toes calls for the ball-of-foot and heel-kiss cues; overstriding for landing under the knee."""
    assert check({"on_toes"}).cues[:2] == (checklist.CUES["ball"], checklist.CUES["heel-kiss"])
    assert checklist.CUES["under-knee"] in check({"foot_ahead"}).cues
    assert check(set()).cues == ()


def test_contradiction_is_pointed_out_not_resolved() -> None:
    """'No pain at all' with 'pain above 5/10' is refused with a message saying which to untick."""
    with pytest.raises(InputError) as caught:
        check({"pain_high", "no_pain"})
    assert list(caught.value.errors) == ["no_pain"]
    assert "untick" in caught.value.errors["no_pain"]


@pytest.mark.parametrize(("field", "value"), [("age", "3"), ("body_mass", "heavy"), ("loud", "maybe")])
def test_bad_values_are_refused_on_their_field(field: str, value: str) -> None:
    """Unreadable values get a message on their own field."""
    with pytest.raises(InputError) as caught:
        parse_inputs(default_values(checklist.FIELDS) | {field: value})
    assert list(caught.value.errors) == [field]
