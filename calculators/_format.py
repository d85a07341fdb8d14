"""Plain-text formatting of amounts and dates, shared by every renderer."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

UNIT_NAMES = {"min": "min", "km": "km", "mi": "mi"}


def escape(text: str) -> str:
    """Escape text for HTML exactly as ``html.escape(text, quote=True)`` does.

    The standard library's ``html`` module imports its table of 2,000 named entities
    on import; in the browser, Pyodide compiles that table from source on every page
    load (about 80 ms), for a function this small. Chained ``replace`` calls, as the
    standard library's own version does, are several times faster than ``translate``
    on the short strings of a plan table, and the plan escapes some 500 of them.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")


_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")


def _quote_plus(text: str) -> str:
    return "".join(chr(byte) if byte in _UNRESERVED else "+" if byte == 0x20 else f"%{byte:02X}" for byte in text.encode("utf-8"))


def urlencode(query: Mapping[str, str]) -> str:
    """A query string, exactly as ``urllib.parse.urlencode(query)`` builds it from strings.

    In the browser, importing ``urllib.parse`` costs Pyodide about 70 ms of compiling.
    """
    return "&".join(f"{_quote_plus(key)}={_quote_plus(value)}" for key, value in query.items())


def format_amount(value: float, unit: str) -> str:
    """An amount of running as a reader would say it.

    Minutes under ten show seconds to the nearest 5 ("2 min 30 s"); distances
    under 1 km show metres to the nearest 10 ("350 m").
    """
    if unit == "min":
        if value < 10:
            seconds = int(round(value * 60 / 5) * 5)
            whole, rest = divmod(seconds, 60)
            if whole == 0:
                return f"{rest} s"
            return f"{whole} min" if rest == 0 else f"{whole} min {rest} s"
        return f"{round(value):d} min"
    if unit == "km" and value < 1:
        return f"{int(round(value * 100) * 10)} m"
    if unit == "mi" and value < 1:
        return f"{value:.2f} mi"
    return f"{value:.1f} {UNIT_NAMES.get(unit, unit)}"


def format_percent(fraction: float) -> str:
    """A fraction as a whole percentage ("5%")."""
    return f"{round(fraction * 100):d}%"


def format_date(day: date) -> str:
    """A date as "Mon 4 Jan 2027", independent of the machine's locale."""
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{days[day.weekday()]} {day.day} {months[day.month - 1]} {day.year}"
