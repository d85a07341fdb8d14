"""Declarative input specs, the parsing of raw form text into typed values, and its wording.

A calculator lists its inputs as ``Field`` objects. The form, the command line,
the parser, the documentation tables and every description of what a reader
entered (worked examples, the PDF's worksheets, the plan's record of its inputs)
are all derived from that list, so no field is described twice.

The rules for reading a tick box (``is_ticked``) and a list of days (``day_words``,
``weekday``) live here once; the form, the parser and the descriptions all use them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Kind = Literal["number", "integer", "choice", "flag", "date", "duration", "days"]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Values of a ``days`` field, Monday first (as ``date.weekday()`` counts)."""
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_DURATION = re.compile(r"^(\d{1,3}):([0-5]\d)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3},\d{3}$")
_DAY_SEPARATORS = re.compile(r"[\s,;/]+")
_TRUE = frozenset({"on", "true", "yes", "1", "y"})
_FALSE = frozenset({"", "off", "false", "no", "0", "n"})


@dataclass(frozen=True)
class Field:
    """One input of a calculator."""

    name: str
    """Identifier used in forms, URLs, storage and on the command line."""
    label: str
    """Visible label, in sentence case."""
    kind: Kind
    """How the raw text is read."""
    default: str
    """Raw default value, exactly as the form shows it ("" for none)."""
    hint: str = ""
    """One line of help under the label."""
    unit: str = ""
    """Fixed unit shown after the control ("kg", "mm", "%")."""
    limits: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    """Inclusive bounds, keyed by the value of ``unit_field`` ("" when the unit is fixed)."""
    unit_field: str = ""
    """Name of the choice field that picks this field's unit, if any."""
    required: bool = True
    """Whether an empty value is an error (else it means "not given")."""
    choices: tuple[tuple[str, str], ...] = ()
    """Value and label of each option of a choice field."""
    example: str = ""
    """A valid value quoted in error messages."""
    group: str = ""
    """Legend of the fieldset this field sits in; consecutive fields share one."""

    def bounds(self, unit: str) -> tuple[float, float] | None:
        """The inclusive bounds for ``unit``, or ``None`` if unbounded."""
        return self.limits.get(unit if self.unit_field else "")


def is_ticked(raw: str) -> bool:
    """Whether a tick box's raw value means yes: ``on``, ``true``, ``yes``, ``1`` or ``y``, in any case,
    with spaces around ignored. Anything else is not ticked (``parse_field`` refuses what is neither)."""
    return raw.strip().lower() in _TRUE


def day_words(raw: str) -> list[str]:
    """The words of a ``days`` value, in lower case: split at any run of spaces, commas, semicolons
    and slashes ("Mon, wed/FRI" gives mon, wed, fri)."""
    return [word for word in _DAY_SEPARATORS.split(raw.lower()) if word]


def weekday(word: str) -> int | None:
    """The weekday (Monday 0) a word of ``day_words`` names: three letters or more that begin the
    day's English name ("wed", "wednes", "wednesday"); ``None`` for any other word."""
    if len(word) < 3:
        return None
    return next((i for i, name in enumerate(WEEKDAY_NAMES) if name.startswith(word)), None)


def day_names(days: tuple[int, ...]) -> str:
    """Weekdays as a reader would list them: "Mon, Wed and Fri"; a day given twice once."""
    names = [WEEKDAYS[d].title() for d in sorted(set(days))]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


class FieldProblem(Exception):
    """A single field's value is unusable; the message is for the reader."""


def _fmt_bound(value: float) -> str:
    return f"{value:g}"


def _fmt_duration(minutes: float) -> str:
    whole, seconds = divmod(round(minutes * 60), 60)
    return f"{whole}:{seconds:02d}"


def parse_field(spec: Field, raw: str, unit: str = "") -> object:
    """Read one field's raw text.

    Parameters:
        spec: The field.
        raw: Text as typed or sent by the form.
        unit: Value of the field's unit field, if it has one.

    Returns:
        ``float``, ``int``, ``str``, ``bool``, ``date``, a sorted tuple of
        weekday numbers (``days``, Monday 0), or ``None`` when an optional
        field is empty.

    Raises:
        FieldProblem: With a message naming what is wrong and how to fix it.
    """
    text = raw.strip()
    label = spec.label
    if spec.kind == "flag":
        if is_ticked(text):
            return True
        if text.lower() in _FALSE:
            return False
        raise FieldProblem(f"{label}: answer yes or no")
    if not text:
        if spec.required:
            raise FieldProblem(f"Enter {label[0].lower() + label[1:]}")
        return None
    if spec.kind == "days":
        return _parse_days(spec, text) or None
    if spec.kind == "choice":
        values = [value for value, _ in spec.choices]
        if text not in values:
            raise FieldProblem(f"Choose one of: {', '.join(lbl for _, lbl in spec.choices)}")
        return text
    if spec.kind == "date":
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise FieldProblem(f"{label} must be a real date, like {spec.example}") from None
        if not 2000 <= day.year <= 2100:
            raise FieldProblem(f"{label} must be a date between the years 2000 and 2100")
        return day
    if spec.kind == "duration":
        match = _DURATION.match(text)
        if match:
            minutes = int(match[1]) + int(match[2]) / 60
            return _parse_number(spec, f"{minutes!r}", unit)
        if ":" in text:
            raise FieldProblem(f"{label} must be minutes and seconds, like {spec.example}")
    return _parse_number(spec, text, unit)


def _parse_days(spec: Field, text: str) -> tuple[int, ...]:
    """Day names ("mon,wed,fri", "Monday Wednesday") as sorted weekday numbers, Monday 0."""
    days = set()
    for word in day_words(text):
        day = weekday(word)
        if day is None:
            raise FieldProblem(f"{spec.label}: write days as short names, like {spec.example} ({word!r} is not one)")
        days.add(day)
    return tuple(sorted(days))


def _parse_number(spec: Field, text: str, unit: str) -> float | int:
    label = spec.label
    if not _NUMBER.match(text):
        raise FieldProblem(f"{label} must be a number, like {spec.example}")
    if _THOUSANDS.match(text):
        raise FieldProblem(f"{label}: write the number without a thousands separator")
    value = float(text.replace(",", "."))
    bounds = spec.bounds(unit)
    if bounds is not None:
        low, high = bounds
        unit_text = f"{spec.unit}{unit}" if spec.unit_field else spec.unit
        suffix = f" {unit_text}" if unit_text and unit_text != "%" else unit_text
        show = _fmt_duration if spec.kind == "duration" else _fmt_bound
        if value < low:
            raise FieldProblem(f"{label} must be at least {show(low)}{suffix}")
        if value > high:
            raise FieldProblem(f"{label} must be at most {show(high)}{suffix}")
    if spec.kind == "integer":
        if not math.isfinite(value) or value != int(value):
            raise FieldProblem(f"{label} must be a whole number, like {spec.example}")
        return int(value)
    if not math.isfinite(value):
        raise FieldProblem(f"{label} must be a number, like {spec.example}")
    return value


def parse_fields(fields: tuple[Field, ...], raw: Mapping[str, str]) -> tuple[dict[str, object], dict[str, str]]:
    """Read every field; collect values and per-field messages.

    A missing key counts as the field's default, so a link or a stored state
    written before a field existed still works.

    Returns:
        The values that could be read, and the messages of those that could not.
    """
    values: dict[str, object] = {}
    errors: dict[str, str] = {}
    for spec in fields:
        text = raw.get(spec.name, spec.default if spec.kind != "flag" else "")
        if not isinstance(text, str):
            text = str(text)
        unit = str(values.get(spec.unit_field, "")) if spec.unit_field else ""
        if spec.unit_field and spec.unit_field in errors:
            continue  # bounds depend on a unit we could not read
        try:
            values[spec.name] = parse_field(spec, text, unit)
        except FieldProblem as problem:
            errors[spec.name] = str(problem)
    return values, errors


def default_values(fields: tuple[Field, ...]) -> dict[str, str]:
    """The raw default of every field, as the form shows it."""
    return {spec.name: spec.default for spec in fields}


def show_value(spec: Field, raw: str, unit: str = "") -> str:
    """A field's raw value as a reader would say it: a choice's label ("kilometres"), "yes" or "no" for a
    tick box, days by name ("Mon, Wed and Fri"), a number with its unit ("48 years", "6:00 min/km"; a
    percentage without a space, "20%"), "not given" for an empty optional field. ``unit`` is the value
    of the field's unit field, if it has one."""
    text = raw.strip()
    if spec.kind == "choice":
        return dict(spec.choices).get(text, text)
    if spec.kind == "flag":
        return "yes" if is_ticked(text) else "no"
    if not text:
        return "not given"
    if spec.kind == "days":
        days = tuple(day for word in day_words(text) if (day := weekday(word)) is not None)
        return day_names(days) if days else text
    shown_unit = spec.unit + unit if spec.unit_field else spec.unit
    return f"{text}{shown_unit}" if shown_unit == "%" else f"{text} {shown_unit}".strip()


def describe_inputs(fields: tuple[Field, ...], values: Mapping[str, str], names: Collection[str] | None = None) -> list[tuple[str, str]]:
    """What a reader entered, as (label, value as said) pairs in form order: ("Age", "48 years").

    Parameters:
        fields: The calculator's spec.
        values: Raw values by field name; a field left out counts as its default.
        names: Describe only these fields (those a worked example gives). By default, every
            field that holds something: each tick box (yes or no), and every other field
            whose value is not empty.
    """
    raw = {spec.name: values.get(spec.name, spec.default) for spec in fields}
    return [
        (spec.label, show_value(spec, raw[spec.name], raw[spec.unit_field] if spec.unit_field else ""))
        for spec in fields
        if (spec.name in names if names is not None else spec.kind == "flag" or raw[spec.name].strip())
    ]
