"""The little of iCalendar (RFC 5545) that a plan of all-day events needs.

Content lines end in CRLF and are folded at 75 octets of UTF-8, never inside a
character (RFC 5545 3.1); text values escape backslash, semicolon, comma and line
breaks (3.3.11). No clock is read here: the time stamp is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

LINE_OCTETS = 75
"""Longest content line before folding, line break excluded (RFC 5545 3.1)."""


@dataclass(frozen=True)
class AllDayEvent:
    """One all-day event (``DTSTART;VALUE=DATE``, ``DTEND`` the next day)."""

    uid: str
    day: date
    summary: str
    description: str
    categories: tuple[str, ...] = ()


def escape_text(value: str) -> str:
    """A TEXT value as RFC 5545 3.3.11 writes it."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets joined by CRLF and a space."""
    chunks: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            chunks.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # a continuation line starts with a space
        current.append(char)
        size += octets
    chunks.append("".join(current))
    return "\r\n ".join(chunks)


def _stamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("the time stamp must carry its time zone")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(name: str, product: str, events: Sequence[AllDayEvent], stamp: datetime, extra: Iterable[tuple[str, str]] = ()) -> str:
    """A whole ``VCALENDAR`` of all-day events.

    Parameters:
        name: The calendar's name, shown by apps that read ``NAME`` (RFC 7986) or ``X-WR-CALNAME``.
        product: The ``PRODID`` value.
        events: The events, in the order to write them.
        stamp: When the file was made (``DTSTAMP`` of every event), an aware ``datetime``.
        extra: More calendar properties, as (name, already-formatted value).
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{product}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(name)}",
        f"X-WR-CALNAME:{escape_text(name)}",
        *(f"{key}:{value}" for key, value in extra),
    ]
    dtstamp = _stamp(stamp)
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(event.summary)}",
            f"DESCRIPTION:{escape_text(event.description)}",
            *([f"CATEGORIES:{','.join(escape_text(c) for c in event.categories)}"] if event.categories else []),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
