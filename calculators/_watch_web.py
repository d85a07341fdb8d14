"""The worker's entry for reading watch files: plain values in, JSON strings out.

The page's worker calls ``start``, then ``add`` for each file, then ``step`` until its progress
says ``done`` (yielding to its event loop between steps, so a ``cancel`` is seen), then
``result``. One reading at a time lives here, in this module; ``start`` drops any earlier one.
Standard library only: the FIT parser is imported by the reader itself, on the first FIT file.
``step`` and ``result`` never raise for a bad file: it becomes a message in ``problems``.
"""

from __future__ import annotations

import json
from datetime import date

from . import _watch_html as h
from .watch import UNITS, Reading

_reading: Reading | None = None


def _current() -> Reading:
    if _reading is None:
        raise ValueError("No reading has started: call start(today, unit) first.")
    return _reading


def start(today: str, unit: str) -> None:
    """Begin a new reading, dropping any earlier one.

    Parameters:
        today: The reader's date, as ``YYYY-MM-DD``.
        unit: ``km`` or ``mi``.

    Raises:
        ValueError: If ``today`` is not a date or ``unit`` is neither (a fault of the page, not of a file).
    """
    global _reading
    day = date.fromisoformat(today)
    chosen = next((u for u in UNITS if u == unit), None)
    if chosen is None:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    _reading = Reading(day, chosen)


def add(name: str, data: bytes | memoryview, size: int | None = None) -> None:
    """Queue one file's bytes (a JavaScript ``Uint8Array`` converts with ``.to_py()``, a memoryview). A file the page
    did not read because it is over ``watch.MAX_FILE_BYTES`` comes with no bytes and its ``size``."""
    _current().add(str(name), bytes(data), None if size is None else int(size))


def step(budget: int = 2000) -> str:
    """Read up to about ``budget`` records; JSON progress: done, files_done, files_total, bytes_done,
    bytes_total, current (the file being read). After ``cancel`` (a step already on its way), done and empty."""
    if _reading is None:
        return json.dumps({"done": True, "files_done": 0, "files_total": 0, "bytes_done": 0, "bytes_total": 0, "current": ""})
    progress = _reading.step(int(budget))
    return json.dumps(
        {
            "done": progress.done,
            "files_done": progress.files_done,
            "files_total": progress.files_total,
            "bytes_done": progress.bytes_done,
            "bytes_total": progress.bytes_total,
            "current": progress.current,
        }
    )


def result() -> str:
    """JSON: the result as HTML, the live region's sentence, the planner's and the cadence tool's field values
    (or null), and each file's message. Before the reading is done, the figures of the files read so far."""
    figures = _current().figures()
    return json.dumps(
        {
            "html": h.render_result(figures),
            "live": h.live(figures),
            "planner": figures.planner,
            "cadence": figures.cadence_fields,
            "problems": [{"file": p.file, "message": p.message} for p in figures.problems],
        }
    )


def cancel() -> None:
    """Drop the reading in progress and what it read so far."""
    global _reading
    _reading = None


def render_page() -> str:
    """The baked HTML of the feature before any file (``_watch_html.render_page``)."""
    return h.render_page()
