"""Reading one activity file, FIT or GPX, into one run's aggregates, a record at a time.

Each reader is a generator: every ``next()`` reads one record (a FIT message, a GPX
track point) and yields how many bytes of the file are read so far, so a caller can
read a few thousand records, give the page its turn, and go on. When the file is done
the generator returns an ``Outcome``: a ``Run``, or a ``Problem`` naming the file.

Memory stays bounded: a run keeps sums per pace band (``Bin``), never its records. The
FIT parser, ``fitdecode``, is imported inside ``read_fit`` only, so GPX files (and the
rest of the package) work without it. Nothing here raises for a bad file: every error
becomes a ``Problem``.
"""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

GAP_SECONDS = 30.0
"""Two records further apart than this mean the watch was paused or lost its signal: the gap counts as
no running. Our convention (watches record every 1 to 10 seconds or so)."""
SMOOTH_SECONDS = 10.0
"""A GPX file gives only positions: its pace is worked out over stretches of at least this long, so that
the wobble of each GPS fix does not scatter it. Our convention."""
PACE_LIMITS = (150.0, 900.0)
"""Paces (seconds per km) that count as running for cadence against pace: 2:30 to 15:00 per km, the
cadence tool's own limits. Slower moments (walking, standing) still count as time."""
PACE_BIN = 5.0
"""Width of a pace band, in seconds per km."""
STRIDES_BELOW = 120.0
"""GPX files store cadence either as steps a minute or, as Garmin's FIT files do, as strides a minute
(one foot). A run whose average cadence is below this is taken as strides and doubled: running is
almost always above 120 steps a minute and below 240 (the cadence tool's check)."""
EARTH_RADIUS_M = 6371008.8
"""Mean radius of the Earth, for distances between GPS fixes."""

SPORT_WORDS = {
    "cycling": "a bike ride",
    "e_biking": "a bike ride",
    "walking": "a walk",
    "hiking": "a hike",
    "swimming": "a swim",
    "training": "a gym session",
    "fitness_equipment": "a session on gym equipment",
}
"""How a sport other than running is said in the message that leaves its file out."""
GPX_TYPES = (
    ("run", ""),
    ("bik", "a bike ride"),
    ("cycl", "a bike ride"),
    ("ride", "a bike ride"),
    ("walk", "a walk"),
    ("hik", "a hike"),
    ("swim", "a swim"),
)
"""Words in a GPX track's ``type`` (as Garmin and others write it) and how its sport is said: "" for a run."""
FILE_TYPES = {"course": "a course", "workout": "a workout", "settings": "a settings file", "monitoring_b": "a daily log"}


@dataclass(slots=True)
class Bin:
    """Sums over the moments of running at one pace band, each weighted by its seconds."""

    seconds: float = 0.0
    cadence_seconds: float = 0.0
    """Seconds with a cadence."""
    cadence: float = 0.0
    """Steps a minute times seconds."""
    stance_seconds: float = 0.0
    stance: float = 0.0
    """Ground contact time (ms) times seconds."""
    bounce_seconds: float = 0.0
    bounce: float = 0.0
    """Vertical oscillation (mm) times seconds."""

    def merge(self, other: Bin, scale: float = 1.0) -> None:
        """Add ``other``'s sums to these; its cadence multiplied by ``scale``."""
        self.seconds += other.seconds
        self.cadence_seconds += other.cadence_seconds
        self.cadence += other.cadence * scale
        self.stance_seconds += other.stance_seconds
        self.stance += other.stance
        self.bounce_seconds += other.bounce_seconds
        self.bounce += other.bounce


@dataclass(frozen=True)
class Run:
    """One run, as sums: what the figures need and nothing more."""

    file: str
    start: datetime
    """When it started, in UTC."""
    day: date
    """The day it started, local time where the file says so (FIT), else UTC."""
    seconds: float
    """Running time, pauses left out."""
    metres: float | None
    """``None`` when the file has no distance (a treadmill run without a foot pod, say)."""
    bins: Mapping[int, Bin]
    """Pace band (``int(seconds per km // PACE_BIN)``) to its sums."""
    sport_known: bool = True
    """False when the file does not say it was a run (counted as one, with a note)."""

    @property
    def has_cadence(self) -> bool:
        return any(b.cadence_seconds > 0 for b in self.bins.values())

    @property
    def pace(self) -> float | None:
        """Average pace, seconds per km; ``None`` without a distance."""
        return self.seconds * 1000 / self.metres if self.metres else None


@dataclass(frozen=True)
class Problem:
    """A file left out, or counted with a caveat; ``message`` names the file."""

    file: str
    message: str
    counted: bool = False


Outcome = Run | Problem
Reader = Generator[int, None, Outcome]


class _Track:
    """The running sums of a file being read."""

    def __init__(self) -> None:
        self.first: float | None = None
        self.last: float | None = None
        self.seconds = 0.0
        self.bins: dict[int, Bin] = {}

    def point(self, when: float) -> float:
        """Note a record's time (epoch seconds); return the seconds since the one before, 0 for the first."""
        before, self.last = self.last, when
        if before is None:
            self.first = when
            return 0.0
        return when - before

    def add(
        self,
        seconds: float,
        speed: float | None,
        cadence: float | None,
        stance: float | None,
        bounce: float | None,
        limit: float = GAP_SECONDS,
    ) -> None:
        """Count ``seconds`` of running ending at a record, at its speed (m/s), cadence (steps a minute), ground
        contact time (ms) and vertical oscillation (mm): a gap (over ``limit``) or a step back in time counts as none."""
        if not 0 < seconds <= limit:
            return
        self.seconds += seconds
        if speed is None or not speed > 0:
            return
        pace = 1000 / speed
        if not PACE_LIMITS[0] <= pace <= PACE_LIMITS[1]:
            return
        key = int(pace // PACE_BIN)
        band = self.bins.setdefault(key, Bin())
        band.seconds += seconds
        if cadence is not None and cadence > 0:
            band.cadence_seconds += seconds
            band.cadence += cadence * seconds
        if stance is not None and stance > 0:
            band.stance_seconds += seconds
            band.stance += stance * seconds
        if bounce is not None and bounce > 0:
            band.bounce_seconds += seconds
            band.bounce += bounce * seconds


def _number(value: object) -> float | None:
    """A finite number from a parsed field, or ``None`` (a missing, invalid or odd value)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _moment(value: object) -> float | None:
    """Epoch seconds from a parsed time."""
    if not isinstance(value, datetime):
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


def _run(name: str, track: _Track, seconds: float | None, metres: float | None, offset: float, known: bool, scale: float = 1.0) -> Outcome:
    if track.first is None or track.last is None:
        return Problem(name, f"{name}: there is no recorded run in this file (no times in it). Left out.")
    bins: dict[int, Bin] = {}
    for key, band in track.bins.items():
        bins[key] = Bin()
        bins[key].merge(band, scale)
    start = datetime.fromtimestamp(track.first, UTC)
    total = seconds if seconds is not None and seconds > 0 else track.seconds
    if total <= 0:
        return Problem(name, f"{name}: this file holds no running time. Left out.")
    day = (start + timedelta(seconds=offset)).date()
    return Run(name, start, day, total, metres if metres is not None and metres > 0 else None, bins, known)


def read_fit(name: str, data: bytes) -> Reader:
    """Read a FIT activity: records for pace, cadence, contact time and bounce; sessions for sport and totals.

    Records hold cadence as strides a minute (one foot, FIT's "rpm"), plus a fraction: steps a minute
    are twice their sum. Ground contact time (``stance_time``) is in ms, vertical oscillation in mm.
    """
    try:
        import fitdecode  # here, not at the top: only FIT files need it, and the browser loads it late
    except ImportError:
        return Problem(name, f"{name}: the FIT reader is not available here, so FIT files cannot be read. Left out.")
    stream = io.BytesIO(data)
    track = _Track()
    sports: list[str] = []
    declared = ""
    timer = distance = 0.0
    totals = True
    last_distance: float | None = None
    offset = 0.0
    try:
        reader = fitdecode.FitReader(stream, check_crc=fitdecode.CrcCheck.RAISE, error_handling=fitdecode.ErrorHandling.IGNORE)
        for frame in reader:
            yield stream.tell()
            if not isinstance(frame, fitdecode.FitDataMessage):
                continue
            kind = frame.name
            if kind == "record":
                values = {f.name: f.value for f in frame.fields}
                when = _moment(values.get("timestamp"))
                if when is None:
                    continue
                gap = track.point(when)
                metres = _number(values.get("distance"))
                speed = _number(values.get("enhanced_speed"))
                if speed is None:
                    speed = _number(values.get("speed"))
                if speed is None and metres is not None and last_distance is not None and gap > 0:
                    speed = (metres - last_distance) / gap
                if metres is not None:
                    last_distance = metres
                strides = _number(values.get("cadence"))
                steps = None if strides is None else 2 * (strides + (_number(values.get("fractional_cadence")) or 0.0))
                track.add(gap, speed, steps, _number(values.get("stance_time")), _number(values.get("vertical_oscillation")))
            elif kind == "file_id":
                kind_of_file = frame.get_value("type", fallback=None)
                if kind_of_file != "activity":
                    what = FILE_TYPES.get(str(kind_of_file), "not a recorded activity")
                    return Problem(name, f"{name}: this FIT file is {what}, not a recorded activity. Left out.")
            elif kind == "session":
                sport = frame.get_value("sport", fallback=None)
                sports.append(str(sport) if sport is not None else "")
                session_time = _number(frame.get_value("total_timer_time", fallback=None))
                session_metres = _number(frame.get_value("total_distance", fallback=None))
                if session_time is None:
                    totals = False
                timer += session_time or 0.0
                distance += session_metres or 0.0
            elif kind == "sport":
                sport = frame.get_value("sport", fallback=None)
                declared = str(sport) if sport is not None else ""
            elif kind == "activity":
                utc = _moment(frame.get_value("timestamp", fallback=None))
                local = _moment(frame.get_value("local_timestamp", fallback=None))
                if utc is not None and local is not None and abs(local - utc) <= 14 * 3600:
                    offset = local - utc
    except fitdecode.FitHeaderError:
        if stream.tell() <= 14:
            return Problem(name, f"{name}: this is not a FIT file, though its name says so. Left out.")
        return Problem(name, f"{name}: this FIT file is damaged or cut short. Left out; export it again from your watch's app.")
    except fitdecode.FitEOFError:
        return Problem(name, f"{name}: this FIT file is cut short (it may not have finished copying). Left out; export it again.")
    except fitdecode.FitCRCError:
        return Problem(name, f"{name}: this FIT file is damaged (its check sum does not match). Left out; export it again.")
    except Exception:  # noqa: BLE001 - any other failure of the parser on odd bytes is a damaged file, never a crash
        return Problem(name, f"{name}: this file could not be read as a FIT activity; it may be damaged. Left out.")
    if not sports and declared:
        sports, totals = [declared], False
    others = [s for s in sports if s and s != "running"]
    if others:
        what = SPORT_WORDS.get(others[0], "not a run")
        mixed = " It holds more than one sport;" if len(others) < len(sports) else ""
        return Problem(name, f"{name}: this activity is {what}, not a run.{mixed} Left out.")
    known = "running" in sports
    seconds = timer if sports and totals else None
    metres = distance if distance > 0 else last_distance
    return _run(name, track, seconds, metres, offset, known)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def _time(text: str | None) -> float | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return _moment(moment)


@dataclass
class _Stretch:
    """Points of a GPX track gathered until they span ``SMOOTH_SECONDS``."""

    seconds: float = 0.0
    metres: float = 0.0
    cadence: float = 0.0
    cadence_seconds: float = 0.0


def read_gpx(name: str, data: bytes) -> Reader:
    """Read a GPX track: positions and times for distance and pace, and cadence from Garmin's
    TrackPointExtension (``cad``) where the file has it. Routes and waypoints are not runs."""
    if b"<!ENTITY" in data:
        return Problem(name, f"{name}: this file could not be read as a GPX track. Left out.")
    stream = io.BytesIO(data)
    track = _Track()
    stretch = _Stretch()
    metres = 0.0
    sport = ""
    last: tuple[float, float] | None = None
    segment: ET.Element | None = None
    root = ""
    raw = [0.0, 0.0]
    try:
        for event, element in ET.iterparse(stream, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if not root:
                    root = tag
                    if tag != "gpx":
                        return Problem(name, f"{name}: this is not a GPX file, though its name says so. Left out.")
                if tag == "trkseg":
                    segment, last = element, None
                continue
            if tag == "type" and not sport:
                sport = (element.text or "").strip().lower()
            if tag != "trkpt":
                continue
            yield stream.tell()
            lat, lon = _number(_float(element.get("lat"))), _number(_float(element.get("lon")))
            when = cadence = None
            for child in element.iter():
                part = _local(child.tag)
                if part == "time":
                    when = _time(child.text)
                elif part in ("cad", "cadence"):
                    cadence = _number(_float(child.text))
            if segment is not None:
                segment.clear()  # the point is read: drop it, so the tree never holds the track
            if when is None or lat is None or lon is None:
                continue
            gap = track.point(when)
            if last is None:
                gap = 0.0  # the first point of a segment: the time since the last segment was a pause
            step = _metres(last[0], last[1], lat, lon) if last is not None else 0.0
            last = (lat, lon)
            metres += step  # a pause or a lost signal costs no distance: the runner still covered it
            if not 0 < gap <= GAP_SECONDS:
                _flush(track, stretch)
                stretch = _Stretch()
                continue
            stretch.seconds += gap
            stretch.metres += step
            if cadence is not None and cadence > 0:
                stretch.cadence += cadence * gap
                stretch.cadence_seconds += gap
                raw[0] += cadence * gap
                raw[1] += gap
            if stretch.seconds >= SMOOTH_SECONDS:
                _flush(track, stretch)
                stretch = _Stretch()
        _flush(track, stretch)
    except ET.ParseError:
        if not root:
            return Problem(name, f"{name}: this is not a GPX file, though its name says so. Left out.")
        return Problem(name, f"{name}: this GPX file is damaged or cut short. Left out; export it again.")
    except Exception:  # noqa: BLE001 - any other failure on odd bytes is a damaged file, never a crash
        return Problem(name, f"{name}: this file could not be read as a GPX track; it may be damaged. Left out.")
    if not root:
        return Problem(name, f"{name}: this file is empty inside. Left out.")
    word = next((words for key, words in GPX_TYPES if key in sport), None)
    if word:
        return Problem(name, f"{name}: this activity is {word}, not a run. Left out.")
    scale = 2.0 if raw[1] > 0 and raw[0] / raw[1] < STRIDES_BELOW else 1.0
    return _run(name, track, None, metres, 0.0, word == "", scale)


def _float(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _flush(track: _Track, stretch: _Stretch) -> None:
    """Count a stretch of a GPX track as one moment of running, at its average pace and cadence."""
    if stretch.seconds <= 0:
        return
    cadence = stretch.cadence / stretch.cadence_seconds if stretch.cadence_seconds else None
    track.add(stretch.seconds, stretch.metres / stretch.seconds, cadence, None, None, limit=math.inf)
