"""The calculators by id, and the contract every calculator keeps.

A calculator is two modules: ``NAME.py`` holds its ``FIELDS``, ``parse_inputs`` and
``compute`` (typed ``Inputs`` in, typed ``Result`` out); ``_NAME_html.py`` holds
``render_result``, ``rows`` and ``summary`` (a ``Result`` in, text out). One
``Calculator`` ties them together in a loader below, declared with the calculator's
own ``Inputs`` and ``Result`` types::

    calculator: Calculator[ramp_up.Inputs, ramp_up.Result] = Calculator(...)

so mypy checks that ``compute`` takes what ``parse_inputs`` gives, and that every
renderer takes what ``compute`` gives. Adding a calculator is one loader and one line
in ``_LOADERS``; the tests that guard the contract iterate over ``CALCULATORS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, Protocol, TypeVar

from ._fields import Field
from .checkin import Log

InputsT = TypeVar("InputsT")
ResultT = TypeVar("ResultT")
ResultT_contra = TypeVar("ResultT_contra", contravariant=True)


class RenderResult(Protocol[ResultT_contra]):
    """``render_result(result, refs)``: the whole result as HTML, escaped. Its citations link to
    ``refs``, the references page; the default is its address from a calculator's page."""

    def __call__(self, result: ResultT_contra, refs: str = ...) -> str: ...


class ExportedFile(Protocol):
    """A file made from a result, to hand to the reader."""

    @property
    def text(self) -> str: ...
    @property
    def filename(self) -> str: ...
    @property
    def media_type(self) -> str: ...


class Export(Protocol[ResultT_contra]):
    """``export(result, fmt, stamp, today)``: the result as a file of format ``fmt``; ``stamp`` is when
    it is made, ``today`` the reader's date (to suggest a start date, say). Raises ``InputError`` if
    this result cannot be written in that format."""

    def __call__(self, result: ResultT_contra, fmt: str, stamp: datetime, today: date | None = None) -> ExportedFile: ...


@dataclass(frozen=True)
class Calculator(Generic[InputsT, ResultT]):
    """Everything the page, the worker, the PDF and the command line need of one calculator."""

    id: str
    """Kebab-case id used in shortcodes (``<!-- calc:ramp-up -->``), page addresses and HTML ids."""
    title: str
    """Name in sentence case, as the menu and the command line give it."""
    command: str
    """The command line's name for it: ``python -m calculators COMMAND``."""
    submit: str
    """Text of the form's submit button."""
    fields: tuple[Field, ...]
    """The inputs, in form order: the form, the parser, the command line and every description come from them."""
    parse_inputs: Callable[[Mapping[str, str]], InputsT]
    """Raw text by field name to typed inputs; raises ``InputError`` naming each bad field."""
    compute: Callable[[InputsT], ResultT]
    """Typed inputs to a typed result: pure, no I/O."""
    render_result: RenderResult[ResultT]
    """The result as HTML: the same in the build, the PDF and the browser."""
    rows: Callable[[ResultT], list[dict[str, str]]]
    """The result as a table of plain strings (terminal, CSV)."""
    summary: Callable[[ResultT], str]
    """The result in one or two plain sentences."""
    lead: Callable[[ResultT], list[str]] | None = None
    """Plain lines the terminal prints under the summary (the planner's warnings), if any."""
    notes: Callable[[ResultT], list[str]] | None = None
    """Plain lines the terminal prints under the table (what to do, the pain rules' scope), if any."""
    blank: Callable[[], str] | None = None
    """A printable blank version (``<!-- calc-print:ID -->``), if the calculator has one."""
    tools: Callable[[], str] | None = None
    """HTML baked between the form and the result, if any (the planner's print and download buttons)."""
    after: Callable[[], str] | None = None
    """HTML baked after the result, outside the live region, if any (the planner's check-in section)."""
    live: Callable[[ResultT], str] | None = None
    """The one or two sentences the page announces after a change (the advice of the moment); ``summary`` if unset."""
    follow: Callable[[InputsT, Log], ResultT] | None = None
    """The result as the reader's check-ins (``checkin.Log``) say it has gone, for a calculator that keeps a log
    (the planner): ``follow(inputs, Log())`` is ``compute(inputs)``."""
    exports: tuple[str, ...] = ()
    """File formats a result can be saved as (``csv``, ``ics``); ``export`` writes them."""
    export: Export[ResultT] | None = None
    """The result as a file, for each format in ``exports``."""


def _ramp_up(calc_id: str) -> Calculator[Any, Any]:
    from . import _ramp_up_html as html
    from . import ramp_up as logic
    from ._checkin_html import render_checkin

    def follow(inputs: logic.Inputs, log: Log) -> logic.Result:
        return logic.follow(inputs, log)[1]

    def export(result: logic.Result, fmt: str, stamp: datetime, today: date | None = None) -> ExportedFile:
        from ._ramp_up_export import export as write  # imported for the first file: most readers never save one

        return write(result, fmt, stamp, today)

    calculator: Calculator[logic.Inputs, logic.Result] = Calculator(
        id=calc_id,
        title="Ramp-up planner",
        command="ramp",
        submit="Update the plan",
        fields=logic.FIELDS,
        parse_inputs=logic.parse_inputs,
        compute=logic.compute,
        render_result=html.render_result,
        rows=html.rows,
        summary=html.summary,
        lead=html.text_lead,
        notes=html.text_notes,
        tools=html.render_tools,
        after=render_checkin,
        live=html.live,
        follow=follow,
        exports=("csv", "ics"),
        export=export,
    )
    return calculator


def _cadence(calc_id: str) -> Calculator[Any, Any]:
    from . import _cadence_html as html
    from . import cadence as logic

    calculator: Calculator[logic.Inputs, logic.Result] = Calculator(
        id=calc_id,
        title="Cadence tool",
        command="cadence",
        submit="Work it out",
        fields=logic.FIELDS,
        parse_inputs=logic.parse_inputs,
        compute=logic.compute,
        render_result=html.render_result,
        rows=html.rows,
        summary=html.summary,
    )
    return calculator


def _checklist(calc_id: str) -> Calculator[Any, Any]:
    from . import _checklist_html as html
    from . import checklist as logic

    calculator: Calculator[logic.Inputs, logic.Result] = Calculator(
        id=calc_id,
        title="Overstride and calf-load check",
        command="check",
        submit="Check my answers",
        fields=logic.FIELDS,
        parse_inputs=logic.parse_inputs,
        compute=logic.compute,
        render_result=html.render_result,
        rows=html.rows,
        summary=html.summary,
        notes=html.notes,
        blank=html.render_blank,
    )
    return calculator


def _pain(calc_id: str) -> Calculator[Any, Any]:
    from . import _pain_html as html
    from . import pain as logic

    calculator: Calculator[logic.Inputs, logic.Result] = Calculator(
        id=calc_id,
        title="What is this pain?",
        command="pain",
        submit="Check my answers",
        fields=logic.FIELDS,
        parse_inputs=logic.parse_inputs,
        compute=logic.compute,
        render_result=html.render_result,
        rows=html.rows,
        summary=html.summary,
        notes=html.notes,
    )
    return calculator


_LOADERS: dict[str, Callable[[str], Calculator[Any, Any]]] = {
    "ramp-up": _ramp_up,
    "cadence": _cadence,
    "checklist": _checklist,
    "pain": _pain,
}
"""Each calculator's loader, by id, in menu order. A loader imports its calculator's modules
when first asked, so a page with one calculator does not pay, in the browser, for
compiling the others."""


class _Registry(Mapping[str, Calculator[Any, Any]]):
    """``_LOADERS`` as a mapping of loaded calculators, each loaded once."""

    def __init__(self) -> None:
        self._loaded: dict[str, Calculator[Any, Any]] = {}

    def __getitem__(self, calc_id: str) -> Calculator[Any, Any]:
        if calc_id not in self._loaded:
            self._loaded[calc_id] = _LOADERS[calc_id](calc_id)
        return self._loaded[calc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(_LOADERS)

    def __len__(self) -> int:
        return len(_LOADERS)


CALCULATORS: Mapping[str, Calculator[Any, Any]] = _Registry()
"""Every calculator by id, in menu order."""
