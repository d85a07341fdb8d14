"""The browser's entry point: JSON in, JSON out, no exception escapes.

The Web Worker hands ``handle`` each ``compute`` or ``export`` message as the page sent
it and posts back the reply, a ``result`` or a ``file`` message; the protocol's types are
in ``overrides/assets/javascripts/calculator-messages.mjs``. Every message's kind is its
``type``, and a reply carries the ``id`` of its request.

A ``result`` also gives the form's own spelling of the values it was computed from
(``values``): a ticked box's ``value``, the ticked days' values joined by commas. An
address or stored state may spell them otherwise (``injury=yes``, ``weekdays=Tue Thu``),
and the page puts these in the form rather than re-reading them itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from ._errors import InputError
from ._fields import WEEKDAYS, Field, FieldProblem, parse_field
from ._registry import CALCULATORS
from .render import TICKED, render_error_summary

_UNREADABLE = "The page sent a message the calculator could not read."


def form_values(fields: tuple[Field, ...], raw: Mapping[str, str]) -> dict[str, str]:
    """Each of ``raw``'s values as the form gives it back, read by the calculator's own parser.

    A flag becomes its tick box's value or ""; days become the ticked days' values, comma-
    separated, Monday first. Any other value, and one that cannot be read (its field's
    message says why), stays as it is.
    """
    shown = {name: raw[name] for name in (spec.name for spec in fields) if name in raw}
    for spec in fields:
        if spec.name not in raw or spec.kind not in {"flag", "days"}:
            continue
        try:
            value = parse_field(spec, raw[spec.name])
        except FieldProblem:
            continue
        if spec.kind == "flag":
            shown[spec.name] = TICKED if value else ""
        else:
            shown[spec.name] = ",".join(WEEKDAYS[day] for day in value) if isinstance(value, tuple) else ""
    return shown


def _raw(values: Mapping[str, Any]) -> dict[str, str]:
    return {str(k): str(v) for k, v in values.items() if isinstance(v, (str, int, float, bool))}


def respond(calculator: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Compute and render one result.

    Returns:
        ``{"ok": True, "html": ..., "values": ...}``, or ``{"ok": False, "errors": {field: message},
        "summary": html, "values": ...}`` for bad input (``values`` as ``form_values`` gives them),
        or ``{"ok": False, "fatal": message}`` if the calculator itself failed (a bug, reported
        without a traceback).
    """
    calc = CALCULATORS.get(calculator)
    if calc is None:
        return {"ok": False, "fatal": f"There is no calculator called {calculator!r}."}
    raw = _raw(values)
    try:
        shown = form_values(calc.fields, raw)
        result = calc.compute(calc.parse_inputs(raw))
        return {"ok": True, "html": calc.render_result(result), "values": shown}
    except InputError as error:
        return {"ok": False, "errors": error.errors, "summary": render_error_summary(calc.id, error.errors), "values": shown}
    except Exception:  # noqa: BLE001 - the reader must never see a traceback
        return {"ok": False, "fatal": "The calculator hit a problem with these values. The last plan is kept."}


def _moment(text: object) -> datetime | None:
    """An ISO 8601 instant with its offset (``Date.toISOString()``), else ``None``."""
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def export(calculator: str, values: Mapping[str, Any], fmt: str, stamp: str, today: str = "") -> dict[str, Any]:
    """The result for these values as a file, made in the browser and never sent anywhere.

    Parameters:
        calculator: The calculator's id.
        values: Raw form values, as for ``respond``.
        fmt: One of the calculator's ``exports`` (``csv``, ``ics``).
        stamp: The browser's clock, ISO 8601 with offset: when the file is made (calendar ``DTSTAMP``).
        today: The reader's local date (``YYYY-MM-DD``), to suggest a start date if one is needed.

    Returns:
        ``{"ok": True, "text": ..., "filename": ..., "mime": media type}``, or field errors
        and a summary, or a fatal message, as ``respond`` does.
    """
    calc = CALCULATORS.get(calculator)
    moment = _moment(stamp)
    if calc is None or calc.export is None or fmt not in calc.exports or moment is None:
        return {"ok": False, "fatal": "This file cannot be made here."}
    try:
        made = calc.export(calc.compute(calc.parse_inputs(_raw(values))), fmt, moment, _day(today))
        return {"ok": True, "text": made.text, "filename": made.filename, "mime": made.media_type}
    except InputError as error:
        return {"ok": False, "errors": error.errors, "summary": render_error_summary(calc.id, error.errors)}
    except Exception:  # noqa: BLE001 - the reader must never see a traceback
        return {"ok": False, "fatal": "The file could not be made for these values."}


def warm(ids: str = "") -> None:
    """Compute the default of each calculator named (space-separated; all if none), so that
    the reader's first change is not slowed by first-call costs (cold caches)."""
    for calc_id in ids.split() or list(CALCULATORS):
        if calc_id in CALCULATORS:
            respond(calc_id, {})


def handle(request: str) -> str:
    """One message of the worker protocol in, its reply out, both JSON text.

    ``{"type": "compute", "id": n, "calculator": id, "values": {...}}`` gets
    ``{"type": "result", "id": n, ...}`` (what ``respond`` returns);
    ``{"type": "export", "id": n, "calculator": id, "values": {...}, "format": ..., "stamp": ..., "today": ...}``
    gets ``{"type": "file", "id": n, ...}`` (what ``export`` returns). A message that cannot
    be read gets a ``result`` with ``ok`` false and a ``fatal`` sentence.
    """
    try:
        message = json.loads(request)
        kind, ident = message.get("type"), message.get("id")
        values = message.get("values", {})
        calculator = str(message.get("calculator", ""))
        if not isinstance(values, dict):
            raise TypeError("values must be an object")
    except (ValueError, TypeError, AttributeError):
        return json.dumps({"type": "result", "id": None, "ok": False, "fatal": _UNREADABLE})
    if kind == "compute":
        return json.dumps({"type": "result", "id": ident, **respond(calculator, values)})
    if kind == "export":
        fmt, stamp, today = (str(message.get(key, "")) for key in ("format", "stamp", "today"))
        return json.dumps({"type": "file", "id": ident, **export(calculator, values, fmt, stamp, today)})
    return json.dumps({"type": "result", "id": ident, "ok": False, "fatal": _UNREADABLE})
