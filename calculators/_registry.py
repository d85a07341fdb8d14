"""The calculators by id, each with its spec, parser, computation and renderers."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from importlib import import_module
from typing import Any

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
    tools: Callable[[], str] | None = None
    """HTML baked between the form and the result, if any (the planner's print and download buttons)."""
    exports: tuple[str, ...] = ()
    """File formats a result can be saved as (``csv``, ``ics``)."""
    export: Callable[[Any, str, datetime, date | None], Any] | None = None
    """``export(result, format, stamp, today)``: the result as a file (text, filename, media type)."""


_ENTRIES: dict[str, tuple[str, str, str, str, str]] = {
    # id: (title, module, HTML module, result renderer, submit text)
    "ramp-up": ("Ramp-up planner", "ramp_up", "_ramp_up_html", "render_plan", "Update the plan"),
    "cadence": ("Cadence tool", "cadence", "_cadence_html", "render_cadence", "Work it out"),
    "checklist": ("Overstride and calf-load check", "checklist", "_checklist_html", "render_checklist", "Check my answers"),
}


_EXPORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    # id: (module that writes the files, formats)
    "ramp-up": ("_ramp_up_export", ("csv", "ics")),
}


def _exporter(module: str) -> Callable[[Any, str, datetime, date | None], Any]:
    """``module.export``, imported on the first call: most readers never save a file."""

    def export(result: Any, fmt: str, stamp: datetime, today: date | None) -> Any:
        return import_module(f"{__package__}.{module}").export(result, fmt, stamp, today)

    return export


class _Registry(Mapping[str, Calculator]):
    """Imports a calculator's modules the first time it is asked for, so a page with one
    calculator does not pay, in the browser, for compiling the others."""

    def __init__(self) -> None:
        self._loaded: dict[str, Calculator] = {}

    def __getitem__(self, calc_id: str) -> Calculator:
        if calc_id not in self._loaded:
            title, module, html_module, renderer, submit = _ENTRIES[calc_id]
            logic = import_module(f"{__package__}.{module}")
            html = import_module(f"{__package__}.{html_module}")
            export_module, formats = _EXPORTS.get(calc_id, ("", ()))
            self._loaded[calc_id] = Calculator(
                id=calc_id,
                title=title,
                fields=logic.FIELDS,
                parse_inputs=logic.parse_inputs,
                compute=logic.compute,
                render_result=getattr(html, renderer),
                rows=html.rows,
                summary=html.summary,
                submit=submit,
                blank=getattr(html, "render_blank", None),
                tools=getattr(html, "render_tools", None),
                exports=formats,
                export=_exporter(export_module) if export_module else None,
            )
        return self._loaded[calc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(_ENTRIES)

    def __len__(self) -> int:
        return len(_ENTRIES)


CALCULATORS: Mapping[str, Calculator] = _Registry()
"""Every calculator by id, in menu order."""
