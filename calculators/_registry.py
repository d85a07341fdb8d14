"""The calculators by id, each with its spec, parser, computation and renderers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import _cadence_html, _checklist_html, _ramp_up_html, cadence, checklist, ramp_up
from ._fields import Field


@dataclass(frozen=True)
class Calculator:
    """Everything the page, the worker and the command line need of one calculator."""

    id: str
    """Kebab-case id used in shortcodes (``<!-- calc:ramp-up -->``) and HTML."""
    title: str
    fields: tuple[Field, ...]
    parse_inputs: Callable[[Mapping[str, str]], Any]
    compute: Callable[[Any], Any]
    render_result: Callable[[Any], str]
    rows: Callable[[Any], list[dict[str, str]]]
    """The result as a table of plain strings (terminal, CSV)."""
    summary: Callable[[Any], str]
    """The result in one or two plain sentences."""
    submit: str
    """Text of the form's submit button."""
    blank: Callable[[], str] | None = None
    """A printable blank version (``<!-- calc-print:ID -->``), if the calculator has one."""


CALCULATORS: dict[str, Calculator] = {
    "ramp-up": Calculator(
        id="ramp-up",
        title="Ramp-up planner",
        fields=ramp_up.FIELDS,
        parse_inputs=ramp_up.parse_inputs,
        compute=ramp_up.compute,
        render_result=_ramp_up_html.render_plan,
        rows=_ramp_up_html.plan_rows,
        summary=_ramp_up_html.summary,
        submit="Update the plan",
    ),
    "cadence": Calculator(
        id="cadence",
        title="Cadence tool",
        fields=cadence.FIELDS,
        parse_inputs=cadence.parse_inputs,
        compute=cadence.compute,
        render_result=_cadence_html.render_cadence,
        rows=_cadence_html.rows,
        summary=_cadence_html.summary,
        submit="Work it out",
    ),
    "checklist": Calculator(
        id="checklist",
        title="Overstride and calf-load check",
        fields=checklist.FIELDS,
        parse_inputs=checklist.parse_inputs,
        compute=checklist.compute,
        render_result=_checklist_html.render_checklist,
        rows=_checklist_html.rows,
        summary=_checklist_html.summary,
        submit="Check my answers",
        blank=_checklist_html.render_blank,
    ),
}
