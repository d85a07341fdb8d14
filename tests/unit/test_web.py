"""The worker protocol's Python end: one message kind (``type``), ids echoed, and the form's spelling of the values."""

from __future__ import annotations

import json

import pytest

from calculators import CALCULATORS, default_values
from calculators._web import form_values, handle, respond

CALC = CALCULATORS["ramp-up"]


def ask(message: dict[str, object]) -> dict[str, object]:
    reply: dict[str, object] = json.loads(handle(json.dumps(message)))
    return reply


def test_a_reply_has_the_kind_for_its_request_and_the_request_id() -> None:
    """compute gets a result, export a file, each with its request's id; an unknown kind gets a plain refusal."""
    values = default_values(CALC.fields) | {"start_date": "2027-01-04"}
    result = ask({"type": "compute", "id": 3, "calculator": CALC.id, "values": values})
    assert (result["type"], result["id"], result["ok"]) == ("result", 3, True)
    stamp = "2026-12-01T09:30:00.000Z"
    file = ask({"type": "export", "id": 4, "calculator": CALC.id, "values": values, "format": "csv", "stamp": stamp})
    assert (file["type"], file["id"], file["ok"]) == ("file", 4, True)
    for kind in ["action", "setup", None]:
        refused = ask({"type": kind, "id": 5, "calculator": CALC.id, "values": values})
        assert (refused["type"], refused["id"], refused["ok"]) == ("result", 5, False) and refused["fatal"]


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ({"injury": "yes", "weekdays": "Tue Thu;sat"}, {"injury": "on", "weekdays": "tue,thu,sat"}),
        ({"injury": "No", "weekdays": "sunday, monday"}, {"injury": "", "weekdays": "mon,sun"}),
        ({"injury": "on", "weekdays": ""}, {"injury": "on", "weekdays": ""}),
        ({"injury": "maybe", "weekdays": "Tue Xyz"}, {"injury": "maybe", "weekdays": "Tue Xyz"}),
        ({"age": " 52 ", "unit": "km"}, {"age": " 52 ", "unit": "km"}),
    ],
)
def test_values_come_back_as_the_form_gives_them(given: dict[str, str], shown: dict[str, str]) -> None:
    """A flag comes back as its box's value or "", days as the boxes' values Monday first; what cannot be read,
    and every other field, comes back as sent."""
    assert form_values(CALC.fields, given) == shown


def test_a_result_carries_the_form_spelling_of_its_values_even_with_errors() -> None:
    """Values from an old or hand-made address come back in the form's spelling with the result, and with field errors."""
    values = default_values(CALC.fields) | {"injury": "yes", "weekdays": "Tue Thu Sat"}
    reply = respond(CALC.id, values)
    assert reply["ok"] and reply["values"] == values | {"injury": "on", "weekdays": "tue,thu,sat"}
    reply = respond(CALC.id, values | {"age": "3"})
    assert not reply["ok"] and list(reply["errors"]) == ["age"]
    assert reply["values"]["injury"] == "on" and reply["values"]["age"] == "3"


@pytest.mark.parametrize("calc_id", sorted(CALCULATORS))
def test_the_form_defaults_are_already_in_the_form_spelling(calc_id: str) -> None:
    """Every calculator's defaults come back unchanged, so a page whose values are the form's own never waits for Python to show them."""
    defaults = default_values(CALCULATORS[calc_id].fields)
    assert form_values(CALCULATORS[calc_id].fields, defaults) == defaults
