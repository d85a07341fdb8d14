"""Plain-text formatting of amounts and dates, shared by every renderer."""

from __future__ import annotations

from datetime import date

UNIT_NAMES = {"min": "min", "km": "km", "mi": "mi"}


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
