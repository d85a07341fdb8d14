"""Real activity files for the watch reader's tests, written by a maintained writer.

FIT files are written by fit-tool (every message encoded by its profile classes and
FitFileBuilder); GPX files by the standard library's ElementTree, with Garmin's
TrackPointExtension for cadence. Each run is described by the values that generate it
(``Spec``), so the tests work out what the figures should be from those values, not
from the code under test.
"""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.event_message import EventMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import Event, EventType, FileType, Manufacturer, Sport

EARTH_RADIUS_M = 6371008.8
"""The mean radius of the Earth (IUGG), for placing GPX points a known distance apart."""
FIT_EPOCH = 631065600
"""Seconds from 1970-01-01 to FIT's epoch, 1989-12-31 UTC (for the activity's local time)."""
TODAY = date(2027, 3, 14)
"""A Sunday: the six weeks of runs end on it."""


@dataclass(frozen=True)
class Spec:
    """One run as generated: the values a test expects back."""

    name: str
    start: datetime
    """UTC."""
    minutes: int
    speed: float
    """Metres a second, constant."""
    strides: float | None
    """Cadence as FIT stores it: strides (one foot) a minute; steps a minute are twice it."""
    stance: float | None = None
    """Ground contact time, ms."""
    bounce: float | None = None
    """Vertical oscillation, mm."""
    every: int = 15
    """Seconds between records."""
    offset_hours: int = 0
    """The watch's local time minus UTC."""

    @property
    def seconds(self) -> int:
        return self.minutes * 60 // self.every * self.every

    @property
    def metres(self) -> float:
        return self.seconds * self.speed

    @property
    def steps(self) -> float | None:
        return None if self.strides is None else 2 * self.strides

    @property
    def day(self) -> date:
        return (self.start + timedelta(hours=self.offset_hours)).date()


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def fit_file(spec: Spec, sport: Sport = Sport.RUNNING, file_type: FileType = FileType.ACTIVITY) -> bytes:
    """A FIT activity as a watch writes it: file id, timer start, a record every ``spec.every`` seconds,
    timer stop, one session with the sport and totals, and the activity with its local time."""
    builder = FitFileBuilder(auto_define=True)
    start = _ms(spec.start)
    file_id = FileIdMessage()
    file_id.type = file_type
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = 1
    file_id.serial_number = 0x12345678
    file_id.time_created = start
    builder.add(file_id)
    event = EventMessage()
    event.event, event.event_type, event.timestamp = Event.TIMER, EventType.START, start
    builder.add(event)
    count = spec.seconds // spec.every
    for i in range(count + 1):
        record = RecordMessage()
        record.timestamp = start + i * spec.every * 1000
        record.distance = i * spec.every * spec.speed
        record.speed = spec.speed
        record.heart_rate = 140
        if spec.strides is not None:
            whole = math.floor(spec.strides)
            record.cadence = whole
            if spec.strides != whole:
                record.fractional_cadence = spec.strides - whole
        if spec.stance is not None:
            record.stance_time = spec.stance
        if spec.bounce is not None:
            record.vertical_oscillation = spec.bounce
        builder.add(record)
    end = start + spec.seconds * 1000
    event = EventMessage()
    event.event, event.event_type, event.timestamp = Event.TIMER, EventType.STOP_ALL, end
    builder.add(event)
    session = SessionMessage()
    session.timestamp, session.start_time, session.sport = end, start, sport
    session.total_elapsed_time = session.total_timer_time = float(spec.seconds)
    session.total_distance = spec.metres
    builder.add(session)
    activity = ActivityMessage()
    activity.timestamp = end
    activity.local_timestamp = end // 1000 + spec.offset_hours * 3600 - FIT_EPOCH
    activity.num_sessions = 1
    builder.add(activity)
    return bytes(builder.build().to_bytes())


GPX = "http://www.topografix.com/GPX/1/1"
TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"


def gpx_file(spec: Spec, kind: str = "running", cadence: bool = True) -> bytes:
    """A GPX 1.1 track heading due north at ``spec.speed``, a point every ``spec.every`` seconds; with
    ``cadence``, Garmin's TrackPointExtension ``cad`` in strides a minute, as Garmin Connect exports it."""
    ET.register_namespace("", GPX)
    ET.register_namespace("gpxtpx", TPX)
    root = ET.Element(f"{{{GPX}}}gpx", {"version": "1.1", "creator": "stride-shift tests"})
    track = ET.SubElement(root, f"{{{GPX}}}trk")
    ET.SubElement(track, f"{{{GPX}}}name").text = spec.name
    ET.SubElement(track, f"{{{GPX}}}type").text = kind
    segment = ET.SubElement(track, f"{{{GPX}}}trkseg")
    lat0, lon = 51.5, -0.1
    for i in range(spec.seconds // spec.every + 1):
        metres = i * spec.every * spec.speed
        lat = lat0 + math.degrees(metres / EARTH_RADIUS_M)  # along a meridian: this many metres north
        point = ET.SubElement(segment, f"{{{GPX}}}trkpt", {"lat": f"{lat:.9f}", "lon": f"{lon:.6f}"})
        ET.SubElement(point, f"{{{GPX}}}ele").text = "12.0"
        when = spec.start + timedelta(seconds=i * spec.every)
        ET.SubElement(point, f"{{{GPX}}}time").text = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        if cadence and spec.strides is not None:
            extensions = ET.SubElement(point, f"{{{GPX}}}extensions")
            tpx = ET.SubElement(extensions, f"{{{TPX}}}TrackPointExtension")
            ET.SubElement(tpx, f"{{{TPX}}}cad").text = f"{spec.strides:g}"
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


EASY, QUICK = 2.8, 3.6
"""Easy runs at 5:57 per km; quicker runs at 4:38 per km."""
EASY_STRIDES = (80, 80, 81, 82, 83, 84)
"""Cadence on easy runs, week by week: it rises during the switch (160 to 168 steps a minute)."""
STANCE = (262.0, 260.0, 256.0, 252.0, 250.0, 246.0)
"""Ground contact time on easy runs, week by week, ms."""


@cache
def six_weeks() -> tuple[Spec, ...]:
    """Three runs a week for six weeks ending on ``TODAY``: Tuesday and Thursday easy, Saturday long and
    easy, except a quick Thursday every other week and a Thursday in week 3 recorded without cadence."""
    specs = []
    first_monday = TODAY - timedelta(days=6 + 5 * 7)
    for week in range(6):
        monday = first_monday + timedelta(days=7 * week)
        strides, stance = EASY_STRIDES[week], STANCE[week]
        for day, minutes in ((1, 35), (3, 40), (5, 50 + 5 * week)):
            start = datetime(monday.year, monday.month, monday.day, 6, 30, tzinfo=UTC) + timedelta(days=day)
            name = f"w{week + 1}-{('tue', 'thu', 'sat')[(day - 1) // 2]}.fit"
            if day == 3 and week == 2:
                specs.append(Spec(name, start, minutes, EASY, None))
            elif day == 3 and week % 2:
                specs.append(Spec(name, start, minutes, QUICK, 88, 230.0, 80.0))
            else:
                specs.append(Spec(name, start, minutes, EASY, strides, stance, 85.0))
    return tuple(specs)


@cache
def six_weeks_files() -> tuple[tuple[str, bytes], ...]:
    return tuple((spec.name, fit_file(spec)) for spec in six_weeks())


@cache
def ride() -> tuple[Spec, bytes]:
    spec = Spec("ride.fit", datetime(2027, 3, 13, 9, 0, tzinfo=UTC), 60, 7.5, 45)
    return spec, fit_file(spec, sport=Sport.CYCLING)


@cache
def one_run() -> tuple[Spec, bytes]:
    """A short easy run with everything in it, for the tests that spoil files."""
    spec = Spec("one.fit", datetime(2027, 3, 12, 7, 0, tzinfo=UTC), 10, EASY, 82.5, 250.0, 85.0, every=10)
    return spec, fit_file(spec)


def read_in_cpython(files: tuple[tuple[str, bytes], ...] | list[tuple[str, bytes]], today: str, unit: str = "km") -> dict[str, Any]:
    """What the worker's entry (``calculators._watch_web``) answers for these files on this day, in this process: what
    the browser tests hold the page to."""
    from calculators import _watch_web

    _watch_web.start(today, unit)
    for name, data in files:
        _watch_web.add(name, data)
    while not json.loads(_watch_web.step(2000))["done"]:
        pass
    answer: dict[str, Any] = json.loads(_watch_web.result())
    _watch_web.cancel()
    return answer
