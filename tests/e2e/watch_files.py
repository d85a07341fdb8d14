"""Activity files for the "From your watch" browser tests, written by real writers.

FIT files by fit-tool (the maintained writer the Python tests use too); GPX files with the
standard library (the format is plain XML). Each run is steady: a pace, a cadence, a record
every ``every`` seconds.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import FileType, Manufacturer, Sport


def _ms(when: datetime) -> int:
    return round(when.timestamp() * 1000)


def fit_run(
    start: datetime, minutes: float, pace: float, cadence: float | None = 170.0, sport: Sport = Sport.RUNNING, every: int = 1
) -> bytes:
    """A FIT activity: ``minutes`` at ``pace`` seconds a km, ``cadence`` steps a minute (None: none recorded)."""
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 1
    file_id.serial_number = 12345
    file_id.time_created = _ms(start)
    builder.add(file_id)
    seconds = int(minutes * 60)
    speed = 1000.0 / pace
    for t in range(0, seconds + 1, every):
        record = RecordMessage()
        record.timestamp = _ms(start + timedelta(seconds=t))
        record.distance = speed * t
        record.speed = speed
        if cadence is not None:
            record.cadence = int(cadence // 2)
            record.fractional_cadence = (cadence / 2) % 1
        builder.add(record)
    session = SessionMessage()
    session.timestamp = _ms(start + timedelta(seconds=seconds))
    session.start_time = _ms(start)
    session.sport = sport
    session.total_timer_time = float(seconds)
    session.total_elapsed_time = float(seconds)
    session.total_distance = speed * seconds
    builder.add(session)
    activity = ActivityMessage()
    activity.timestamp = _ms(start + timedelta(seconds=seconds))
    activity.num_sessions = 1
    builder.add(activity)
    return bytes(builder.build().to_bytes())


def gpx_run(start: datetime, minutes: float, pace: float, cadence: float | None = 168.0, every: int = 5) -> bytes:
    """A GPX track heading north at ``pace`` seconds a km, with Garmin's cadence extension (strides a minute) if given."""
    metres_per_degree = 111_195.0
    speed = 1000.0 / pace
    points = []
    for t in range(0, int(minutes * 60) + 1, every):
        lat = 51.0 + speed * t / metres_per_degree
        when = (start + timedelta(seconds=t)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        ext = (
            f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:cad>{round(cadence / 2)}</gpxtpx:cad>"
            "</gpxtpx:TrackPointExtension></extensions>"
            if cadence is not None
            else ""
        )
        points.append(f'<trkpt lat="{lat:.7f}" lon="-0.1000000"><time>{escape(when)}</time>{ext}</trkpt>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><name>Run</name><type>running</type><trkseg>{''.join(points)}</trkseg></trk></gpx>"
    ).encode()
