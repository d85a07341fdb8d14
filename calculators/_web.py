"""The browser's entry point: JSON in, JSON out, no exception escapes.

The Web Worker calls ``handle`` with the raw form values and puts the returned
HTML or field messages into the page; for a download it asks for a file instead
(``"action": "export"``), made from the same result.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from ._errors import InputError
from ._registry import CALCULATORS
from .render import render_error_summary


def respond(calculator: str, values: dict[str, Any]) -> dict[str, Any]:
    """Compute and render one result.

    Returns:
        ``{"ok": True, "html": ...}``, or ``{"ok": False, "errors": {field: message},
        "summary": html}`` for bad input, or ``{"ok": False, "fatal": message}`` if
        the calculator itself failed (a bug, reported without a traceback).
    """
    calc = CALCULATORS.get(calculator)
    if calc is None:
        return {"ok": False, "fatal": f"There is no calculator called {calculator!r}."}
    raw = {str(k): str(v) for k, v in values.items() if isinstance(v, (str, int, float, bool))}
    try:
        result = calc.compute(calc.parse_inputs(raw))
        return {"ok": True, "html": calc.render_result(result)}
    except InputError as error:
        return {"ok": False, "errors": error.errors, "summary": render_error_summary(calc.id, error.errors)}
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


def export(calculator: str, values: dict[str, Any], fmt: str, stamp: str, today: str = "") -> dict[str, Any]:
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
    raw = {str(k): str(v) for k, v in values.items() if isinstance(v, (str, int, float, bool))}
    try:
        made = calc.export(calc.compute(calc.parse_inputs(raw)), fmt, moment, _day(today))
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
    """``respond`` over JSON text: ``{"calculator": id, "values": {...}}``; or ``export`` for
    ``{"action": "export", "calculator": id, "values": {...}, "format": ..., "stamp": ..., "today": ...}``."""
    try:
        message = json.loads(request)
        values = message.get("values", {})
        calculator = str(message.get("calculator", ""))
        if not isinstance(values, dict):
            raise TypeError("values must be an object")
    except (ValueError, TypeError, AttributeError):
        return json.dumps({"ok": False, "fatal": "The page sent a message the calculator could not read."})
    if message.get("action") == "export":
        fmt, stamp, today = (str(message.get(key, "")) for key in ("format", "stamp", "today"))
        return json.dumps(export(calculator, values, fmt, stamp, today))
    return json.dumps(respond(calculator, values))
