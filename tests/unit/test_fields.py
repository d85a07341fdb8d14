"""One rule each, shared by the parser, the form and every description of the inputs:
what a ticked box is, how a list of days is read, how a value is said."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import CALCULATORS, default_values, describe_inputs
from calculators._fields import WEEKDAYS, Field, FieldProblem, day_words, is_ticked, parse_field, show_value, weekday
from calculators.render import render_field

FLAG = Field("injury", "Injured", "flag", "")
DAYS = Field("weekdays", "Days you run", "days", "", required=False, example="mon,wed,fri")


class Boxes(HTMLParser):
    """The values of the ticked boxes in a piece of form."""

    def __init__(self) -> None:
        super().__init__()
        self.ticked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            self.ticked.append(str(a["value"]))


def ticked(html: str) -> list[str]:
    boxes = Boxes()
    boxes.feed(html)
    return boxes.ticked


@pytest.mark.parametrize("raw", ["on", "ON", " yes ", "true", "1", "y", "Y"])
def test_ticked_values(raw: str) -> None:
    """The words that tick a box, in any case and with spaces around."""
    assert is_ticked(raw)


@pytest.mark.parametrize("raw", ["", "off", "no", "0", "n", "false", "nope", "2"])
def test_unticked_values(raw: str) -> None:
    """Anything else leaves it empty."""
    assert not is_ticked(raw)


@given(st.one_of(st.sampled_from(["on", "Yes", " 1 ", "off", "N", "", "maybe"]), st.text(max_size=6)))
def test_a_flag_is_read_rendered_and_said_by_one_rule(raw: str) -> None:
    """The parser, the form's tick box and the description agree on every value: ticked, yes, True."""
    try:
        parsed: object = parse_field(FLAG, raw)
    except FieldProblem:
        parsed = None  # neither yes nor no: refused, and shown unticked
    assert (parsed is True) == is_ticked(raw)
    assert (ticked(render_field("t", FLAG, (FLAG,), raw)) == ["on"]) == is_ticked(raw)
    assert show_value(FLAG, raw) == ("yes" if is_ticked(raw) else "no")


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("mon,wed,fri", ["mon", "wed", "fri"]),
        ("Mon; Wed / FRI", ["mon", "wed", "fri"]),
        ("  monday   thursday ", ["monday", "thursday"]),
        (",,;/", []),
        ("", []),
    ],
)
def test_day_words_split_at_spaces_commas_semicolons_and_slashes(raw: str, words: list[str]) -> None:
    """A days value is split at any run of spaces, commas, semicolons and slashes, in lower case."""
    assert day_words(raw) == words


@pytest.mark.parametrize(
    ("word", "day"), [("mon", 0), ("monday", 0), ("wednes", 2), ("sun", 6), ("mo", None), ("weds", None), ("mondays", None), ("x", None)]
)
def test_a_day_is_three_letters_or_more_of_its_name(word: str, day: int | None) -> None:
    """A word names a day when it is at least three letters and begins the day's English name."""
    assert weekday(word) == day


DAY_TEXT = st.lists(st.sampled_from([*WEEKDAYS, "monday", "Tuesday", "WEDNES", "sat", "mo", "weds", "xyz"]), max_size=5).flatmap(
    lambda words: st.lists(st.sampled_from([",", " ", ";", "/", ", ", " / "]), min_size=len(words), max_size=len(words)).map(
        lambda seps: "".join(w + s for w, s in zip(words, seps, strict=True))
    )
)


@given(DAY_TEXT)
def test_the_form_ticks_the_days_the_parser_reads(raw: str) -> None:
    """Whatever the separators and spellings, the run-day boxes ticked are the days the parser reads
    (and, for a value it refuses, the days its good words name)."""
    boxes = ticked(render_field("t", DAYS, (DAYS,), raw))
    named = sorted({day for word in day_words(raw) if (day := weekday(word)) is not None})
    assert boxes == [WEEKDAYS[d] for d in named]
    try:
        parsed = parse_field(DAYS, raw)
    except FieldProblem:
        assert any(weekday(word) is None for word in day_words(raw))
    else:
        assert (parsed or ()) == tuple(named)


def test_days_are_said_by_name() -> None:
    """A list of days is said as a reader lists them."""
    assert show_value(DAYS, "fri;mon, wed") == "Mon, Wed and Fri"
    assert show_value(DAYS, "") == "not given"


def test_the_default_description_lists_what_the_form_holds() -> None:
    """By default every tick box is described and every other field that holds a value, in form order,
    each number with the unit its field (or its unit field) gives."""
    cadence = CALCULATORS["cadence"]
    assert describe_inputs(cadence.fields, default_values(cadence.fields)) == [
        ("How you measured", "steps counted over 30 s"),
        ("Steps counted, or your cadence", "81"),
        ("Pace measured in", "minutes per km"),
        ("Pace of that run", "6:00 min/km"),
    ]
    ramp = CALCULATORS["ramp-up"]
    described = dict(describe_inputs(ramp.fields, default_values(ramp.fields) | {"unit": "mi"}))
    assert described["Current weekly running"] == "150 mi"
    assert described["Share already run with the new strike"] == "0%"
    assert described["Achilles or calf injury in the last 12 months"] == "no"
    assert "Body mass" not in described and "Days you run" not in described


@pytest.mark.parametrize("calc_id", list(CALCULATORS))
def test_every_calculator_can_describe_its_defaults(calc_id: str) -> None:
    """Each calculator's defaults are described with its own labels, in form order, with no empty value."""
    calc = CALCULATORS[calc_id]
    described = describe_inputs(calc.fields, default_values(calc.fields))
    labels = [spec.label for spec in calc.fields]
    assert [label for label, _ in described] == [label for label in labels if label in dict(described)]
    assert all(shown for _, shown in described)
