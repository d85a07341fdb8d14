"""The browser's entry point: JSON in, JSON out, no exception escapes.

The Web Worker hands ``handle`` each message as the page sent it (``compute``, ``export``,
and the planner's log messages ``checkin``, ``uncheck`` and ``load-log``) and posts back
the reply, a ``result``, ``file`` or ``logged`` message; the protocol's types are
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
from ._registry import CALCULATORS, Calculator
from .checkin import Log, LogError, add, dump_log, load_log, parse_checkin
from .render import TICKED, render_error_summary

CHECKIN_FORM = "ramp-up-checkin"
"""The check-in form's id prefix (its fields' ids and its error links)."""

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


def _result(calc: Calculator[Any, Any], inputs: Any, log: Log) -> Any:
    """The result for these inputs, as the log says it has gone if the calculator keeps one."""
    return calc.follow(inputs, log) if calc.follow is not None and log.entries else calc.compute(inputs)


def _shown(calc: Calculator[Any, Any], result: Any) -> dict[str, Any]:
    """What the page shows of a result: the HTML, and the sentence its live region announces."""
    return {"html": calc.render_result(result), "live": calc.live(result) if calc.live else calc.summary(result)}


def _log(calc: Calculator[Any, Any], text: object) -> Log:
    """The log a message carries (the page's stored text); none for a calculator that keeps none.

    Raises:
        LogError: If the text is not a log.
    """
    if calc.follow is None or not text:
        return Log()
    return load_log(str(text))


def respond(calculator: str, values: Mapping[str, Any], log: object = "") -> dict[str, Any]:
    """Compute and render one result.

    Parameters:
        calculator: The calculator's id.
        values: Raw form values.
        log: The reader's log as stored (``checkin.dump_log``'s text), for the planner; "" for none.

    Returns:
        ``{"ok": True, "html": ..., "live": sentence, "values": ...}`` (a log that cannot be read is left
        out, and ``problem`` says so; ``newer`` is true when it comes from a newer version, to be kept),
        or ``{"ok": False, "errors": {field: message}, "summary": html, "values": ...}`` for bad input
        (``values`` as ``form_values`` gives them), or ``{"ok": False, "fatal": message}`` if the
        calculator itself failed (a bug, reported without a traceback).
    """
    calc = CALCULATORS.get(calculator)
    if calc is None:
        return {"ok": False, "fatal": f"There is no calculator called {calculator!r}."}
    raw = _raw(values)
    shown: dict[str, str] = {}
    try:
        shown = form_values(calc.fields, raw)
        inputs = calc.parse_inputs(raw)
        try:
            followed, problem, newer = _log(calc, log), "", False
        except LogError as error:
            followed, newer = Log(), error.newer
            problem = (
                "Your check-ins were saved by a newer version of this site: reload the page to see them."
                if newer
                else "Your saved check-ins could not be read, so the plan below shows none of them."
            )
        reply = {"ok": True, **_shown(calc, _result(calc, inputs, followed)), "values": shown}
        return {**reply, "problem": problem, "newer": newer} if problem else reply
    except InputError as error:
        return {"ok": False, "errors": error.errors, "summary": render_error_summary(calc.id, error.errors), "values": shown}
    except Exception:  # noqa: BLE001 - the reader must never see a traceback
        return {"ok": False, "fatal": "The calculator hit a problem with these values. The last plan is kept."}


_NO_LOG = "This calculator keeps no log."
_PLAN_FIRST = "The plan's own values above need checking first: the check-in follows that plan."


def _logged(calc: Calculator[Any, Any], values: Mapping[str, Any], log: Log) -> dict[str, Any]:
    """The reply after the log changed: the new log's text and the plan as it now follows it."""
    raw = _raw(values)
    try:
        inputs = calc.parse_inputs(raw)
    except InputError:
        return {"ok": False, "fatal": _PLAN_FIRST}
    result = _result(calc, inputs, log)
    return {"ok": True, "log": dump_log(log) if log.entries else "", **_shown(calc, result), "values": form_values(calc.fields, raw)}


def check_in(calculator: str, values: Mapping[str, Any], log: object, entry: Mapping[str, Any]) -> dict[str, Any]:
    """Add one week's check-in to the log and follow it.

    Returns:
        ``{"ok": True, "log": new log text, "html": ..., "live": the advice, "values": ...}``; ``{"ok": False,
        "errors": {check-in field: message}, "summary": html}`` for a bad answer (the log is unchanged); or
        ``{"ok": False, "fatal": message}``.
    """
    calc = CALCULATORS.get(calculator)
    if calc is None or calc.follow is None:
        return {"ok": False, "fatal": _NO_LOG}
    try:
        before = _log(calc, log)
        added = add(before, parse_checkin(_raw(entry)))
        return _logged(calc, values, added)
    except InputError as error:
        return {"ok": False, "errors": error.errors, "summary": render_error_summary(CHECKIN_FORM, error.errors)}
    except LogError as error:
        return {"ok": False, "fatal": error.message}
    except Exception:  # noqa: BLE001 - the reader must never see a traceback
        return {"ok": False, "fatal": "The check-in hit a problem. Your log is unchanged."}


def uncheck(calculator: str, values: Mapping[str, Any], log: object) -> dict[str, Any]:
    """Remove the latest check-in from the log and follow what is left (``check_in``'s replies)."""
    calc = CALCULATORS.get(calculator)
    if calc is None or calc.follow is None:
        return {"ok": False, "fatal": _NO_LOG}
    try:
        return _logged(calc, values, Log(_log(calc, log).entries[:-1]))
    except LogError as error:
        return {"ok": False, "fatal": error.message}
    except Exception:  # noqa: BLE001 - the reader must never see a traceback
        return {"ok": False, "fatal": "The check-in could not be removed. Your log is unchanged."}


def load(calculator: str, values: Mapping[str, Any], text: object) -> dict[str, Any]:
    """Read a log file the reader chose; the page asks before it replaces the log it holds.

    Returns:
        ``check_in``'s reply for the file's log, its text canonical; or ``{"ok": False, "problem": message}``
        saying why the file is not a log this page can read.
    """
    calc = CALCULATORS.get(calculator)
    if calc is None or calc.follow is None:
        return {"ok": False, "fatal": _NO_LOG}
    try:
        loaded = load_log(text if isinstance(text, str) else "")
        return _logged(calc, values, loaded)
    except LogError as error:
        return {"ok": False, "problem": error.message}
    except Exception:  # noqa: BLE001 - the reader must never see a traceback
        return {"ok": False, "problem": "This file could not be read as a log. Your log in this browser is unchanged."}


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


def export(calculator: str, values: Mapping[str, Any], fmt: str, stamp: str, today: str = "", log: object = "") -> dict[str, Any]:
    """The result for these values as a file, made in the browser and never sent anywhere.

    Parameters:
        calculator: The calculator's id.
        values: Raw form values, as for ``respond``.
        fmt: One of the calculator's ``exports`` (``csv``, ``ics``).
        stamp: The browser's clock, ISO 8601 with offset: when the file is made (calendar ``DTSTAMP``).
        today: The reader's local date (``YYYY-MM-DD``), to suggest a start date if one is needed, and
            where a followed plan's calendar begins.
        log: The reader's log as stored, for the planner ("" for none).

    Returns:
        ``{"ok": True, "text": ..., "filename": ..., "mime": media type}``, or field errors
        and a summary, or a fatal message, as ``respond`` does.
    """
    calc = CALCULATORS.get(calculator)
    moment = _moment(stamp)
    if calc is None or calc.export is None or fmt not in calc.exports or moment is None:
        return {"ok": False, "fatal": "This file cannot be made here."}
    try:
        made = calc.export(_result(calc, calc.parse_inputs(_raw(values)), _log(calc, log)), fmt, moment, _day(today))
        return {"ok": True, "text": made.text, "filename": made.filename, "mime": made.media_type}
    except InputError as error:
        return {"ok": False, "errors": error.errors, "summary": render_error_summary(calc.id, error.errors)}
    except LogError as error:
        return {"ok": False, "fatal": f"Your saved check-ins could not be read. {error.message}"}
    except Exception:  # noqa: BLE001 - the reader must never see a traceback
        return {"ok": False, "fatal": "The file could not be made for these values."}


def warm(ids: str = "") -> int:
    """Compute the default of each calculator named (space-separated; all if none), so that
    the reader's first change is not slowed by first-call costs (cold caches).

    Returns:
        How many calculators it computed (none for ids that name no calculator, such as the
        "From your watch" page's ``none``): the worker stops warming up when it is 0.
    """
    done = 0
    for calc_id in ids.split() or list(CALCULATORS):
        if calc_id in CALCULATORS:
            respond(calc_id, {})
            done += 1
    return done


def handle(request: str) -> str:
    """One message of the worker protocol in, its reply out, both JSON text.

    ``{"type": "compute", "id": n, "calculator": id, "values": {...}}`` gets
    ``{"type": "result", "id": n, ...}`` (what ``respond`` returns);
    ``{"type": "export", "id": n, "calculator": id, "values": {...}, "format": ..., "stamp": ..., "today": ...}``
    gets ``{"type": "file", "id": n, ...}`` (what ``export`` returns). For the planner both may carry
    ``"log"``, the reader's log as stored. The log's own messages get a ``logged`` reply:
    ``{"type": "checkin", ..., "values", "log", "entry": {check-in fields}}`` (``check_in``),
    ``{"type": "uncheck", ..., "values", "log"}`` (``uncheck``) and ``{"type": "load-log", ..., "values",
    "text": file text}`` (``load``). A message that cannot be read gets a ``result`` with ``ok``
    false and a ``fatal`` sentence.
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
    log = message.get("log", "")
    if kind == "compute":
        return json.dumps({"type": "result", "id": ident, **respond(calculator, values, log)})
    if kind == "export":
        fmt, stamp, today = (str(message.get(key, "")) for key in ("format", "stamp", "today"))
        return json.dumps({"type": "file", "id": ident, **export(calculator, values, fmt, stamp, today, log)})
    if kind == "checkin":
        entry = message.get("entry", {})
        reply = check_in(calculator, values, log, entry) if isinstance(entry, dict) else {"ok": False, "fatal": _UNREADABLE}
        return json.dumps({"type": "logged", "id": ident, **reply})
    if kind == "uncheck":
        return json.dumps({"type": "logged", "id": ident, **uncheck(calculator, values, log)})
    if kind == "load-log":
        return json.dumps({"type": "logged", "id": ident, **load(calculator, values, message.get("text", ""))})
    return json.dumps({"type": "result", "id": ident, "ok": False, "fatal": _UNREADABLE})
