"""The browser's entry point: JSON in, JSON out, no exception escapes.

The Web Worker calls ``handle`` with the raw form values and puts the returned
HTML or field messages into the page.
"""

from __future__ import annotations

import json
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


def warm(ids: str = "") -> None:
    """Compute the default of each calculator named (space-separated; all if none), so that
    the reader's first change is not slowed by first-call costs (cold caches)."""
    for calc_id in ids.split() or list(CALCULATORS):
        if calc_id in CALCULATORS:
            respond(calc_id, {})


def handle(request: str) -> str:
    """``respond`` over JSON text: ``{"calculator": id, "values": {...}}``."""
    try:
        message = json.loads(request)
        values = message.get("values", {})
        calculator = str(message.get("calculator", ""))
        if not isinstance(values, dict):
            raise TypeError("values must be an object")
    except (ValueError, TypeError, AttributeError):
        return json.dumps({"ok": False, "fatal": "The page sent a message the calculator could not read."})
    return json.dumps(respond(calculator, values))
