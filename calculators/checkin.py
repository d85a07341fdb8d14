"""The weekly check-in: what a reader logs about a week of the plan, and how the log is kept.

The planner (``ramp_up.follow``) reads a ``Log`` of check-ins, applies the pain rules to
each, and re-plans every week ahead from where the reader really is. This module holds
the parts that do not need the plan: the check-in form's fields, the typed entry, the
log's file format and the rules' outcome. Wording lives in ``_checkin_text.py``.

The log is the reader's own record. The page keeps it in the browser's local storage as
the text ``dump_log`` writes (one small versioned record), offers it as a file, and
reads a file back with ``load_log``; it never goes into a page address or over the
network.

Log format, version 1 (JSON, UTF-8, keys in this order, one entry per plan week, oldest first)::

    {"kind": "stride-shift-log", "version": 1, "entries": [
     {"day": "2027-01-10", "pain": 2, "settled": true, "rising": false, "where": "achilles",
      "sudden": false, "flags": [], "done": "yes", "why": "", "heel_raises": 18}]}

``day`` is the date of the check-in (after the week it describes), ``pain`` the worst pain
during the week's runs (0-10), ``flags`` the keys of the red-flag signs ticked
(``FLAG_KEYS``), ``done`` one of ``yes``, ``partly``, ``no``, ``why`` one of ``""``,
``pain``, ``illness``, ``life``, and ``heel_raises`` a count or ``null``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from ._errors import CalculatorError, InputError
from ._fields import Field, parse_fields
from ._safety import RED_FLAGS, Severity

LOG_KIND = "stride-shift-log"
"""What a log file says it is, so another JSON file is not taken for one."""
LOG_VERSION = 1
"""The format this code writes; it reads this version and older ones."""
LOG_MAX_BYTES = 1_000_000
"""A log of ten years of weekly check-ins is about 80 kB: anything far larger is not one."""
CHECKIN_DAYS = 5
"""Fewest days between two check-ins: one a week, give or take a day or two (our convention). Two check-ins a
day apart would move the plan on two weeks overnight."""
LOG_MAX_ENTRIES = 1000
"""More check-ins than any plan holds (``ramp_up.MAX_WEEKS``) with room to spare: a guard."""

PLACES = (
    ("", "No pain"),
    ("calf", "Calf muscle"),
    ("achilles", "Achilles tendon"),
    ("heel", "Heel"),
    ("arch", "Arch"),
    ("top", "Top of the foot"),
    ("shin", "Shin"),
    ("other", "Somewhere else"),
)
"""Where it hurt most: value and label."""

DONE = (("yes", "Yes, as planned"), ("partly", "Partly"), ("no", "No"))
SETTLED = (("", "Choose one"), ("yes", "Yes"), ("no", "No, still there or worse"), ("none", "I had no pain or stiffness at all"))
"""Whether the pain had settled by the next morning: an answer the reader must give (no ticked default)."""
WHY = (("", "Not needed: ran as planned"), ("pain", "Pain"), ("illness", "Illness"), ("life", "Life got in the way"))

FLAG_KEYS: dict[str, tuple[Severity, int]] = {
    "breathless": ("emergency", 0),
    "cold_leg": ("emergency", 1),
    "pop": ("urgent", 0),
    "no_tiptoe": ("urgent", 1),
    "gap": ("urgent", 2),
    "calf_bruise": ("urgent", 3),
    "clot": ("urgent", 4),
    "no_weight": ("urgent", 5),
    "hard_calf": ("urgent", 6),
    "numb_lasting": ("urgent", 7),
    "numb_runs": ("see", 0),
    "cold_foot_runs": ("see", 1),
    "same_point": ("see", 2),
    "bone": ("see", 3),
    "limping": ("see", 4),
    "night": ("see", 5),
    "builds": ("see", 6),
    "swollen_achilles": ("see", 7),
}
"""A short, stable key for every sign of ``_safety.RED_FLAGS`` (its group and place in the group).
A log stores these keys, never the signs' words, so rewording a sign keeps old logs readable."""

_GROUPS = {group.key: group for group in RED_FLAGS}


def flag_sign(key: str) -> str:
    """The sign a red-flag key stands for, in the one list's words."""
    group, index = FLAG_KEYS[key]
    return _GROUPS[group].signs[index]


def severity(flags: tuple[str, ...]) -> Severity | None:
    """The most urgent group among the ticked signs, or ``None``."""
    groups = {FLAG_KEYS[key][0] for key in flags}
    return next((group.key for group in RED_FLAGS if group.key in groups), None)


FIELDS: tuple[Field, ...] = (
    *(
        Field(f"flag_{key}", flag_sign(key)[0].upper() + flag_sign(key)[1:], "flag", "", group=_GROUPS[group].title)
        for key, (group, _) in FLAG_KEYS.items()
    ),
    Field(
        "day",
        "Date of this check-in",
        "date",
        "",
        example="2027-01-10",
        hint="Today, as year-month-day. Check in once a week, after the week's last run.",
        group="This week",
    ),
    Field(
        "pain",
        "Worst pain during this week's runs",
        "integer",
        "0",
        unit="out of 10",
        limits={"": (0, 10)},
        example="2",
        hint="0 is no pain, 10 the worst you can imagine.",
        group="This week",
    ),
    Field(
        "settled",
        "The morning after each run (first steps out of bed included), were the pain and stiffness back to how they were before that run?",
        "choice",
        "",
        choices=SETTLED,
        group="This week",
    ),
    Field("rising", "The pain is worse than last week", "flag", "", group="This week"),
    Field("where", "Where it hurt most", "choice", "", choices=PLACES, required=False, group="This week"),
    Field("sudden", "It came on suddenly, at one moment, in one spot", "flag", "", group="This week"),
    Field("done", "Did you run the week as planned?", "choice", "yes", choices=DONE, group="The week's runs"),
    Field(
        "why",
        "If not, why not?",
        "choice",
        "",
        choices=WHY,
        required=False,
        hint="A week missed for illness or life is not a failure: the plan waits.",
        group="The week's runs",
    ),
    Field(
        "heel_raises",
        "Single-leg heel raises today, weaker leg",
        "integer",
        "",
        unit="reps",
        limits={"": (0, 200)},
        required=False,
        example="20",
        hint="Optional. A new count can open the next stage of the strength work. Skip it if your Achilles hurts now.",
        group="The week's runs",
    ),
)
"""The check-in form, in order: the form, its parser and the log all come from it."""

DoneAnswer = Literal["yes", "partly", "no"]
WhyAnswer = Literal["", "pain", "illness", "life"]


@dataclass(frozen=True)
class CheckIn:
    """One week as the reader logged it."""

    day: date
    """When the reader checked in: the end of the week it describes."""
    pain: int
    """Worst pain during the week's runs, 0-10."""
    settled: bool
    """Whether the pain had settled by the next morning (true without pain)."""
    rising: bool
    """Whether the pain is worse than the week before."""
    where: str
    """Where it hurt most: a value of ``PLACES`` ("" for no pain)."""
    sudden: bool
    """Whether it came on suddenly, in one spot: the pain rules do not cover such a pain."""
    flags: tuple[str, ...]
    """The red-flag signs ticked, as ``FLAG_KEYS`` keys, in the list's order."""
    done: DoneAnswer
    """Whether the week's runs were done as planned."""
    why: WhyAnswer
    """Why not, when ``done`` is not ``yes``; "" otherwise."""
    heel_raises: int | None
    """Single-leg heel raises on the weaker leg, if counted this week."""


@dataclass(frozen=True)
class Log:
    """The reader's check-ins, oldest first, each on a later day than the one before."""

    entries: tuple[CheckIn, ...] = ()


Outcome = Literal["move-on", "repeat", "back", "hold", "stop", "wait", "restart"]
"""What a check-in decides for the next week:

- ``move-on``: the pain gate is met: the next week of the plan;
- ``repeat``: the same amount again (pain not settled by morning, or rising);
- ``back``: one step lower (pain above 5, both not settled and rising, or runs cut short by pain);
- ``hold``: a sudden pain in one spot: leave the new strike until it settles, see a clinician if it does not;
- ``stop``: a red flag: stop, and get help as its group says;
- ``wait``: the week was missed for illness or life: the plan waits, one step lower never;
- ``restart``: after more than about two weeks without the new strike, start again lower.
"""

Reason = Literal[
    "pain-high",
    "pain-severe",
    "pain-again",
    "not-settled",
    "rising",
    "bone-place",
    "sudden",
    "sudden-achilles",
    "missed-pain",
    "missed-illness",
    "missed-life",
    "persistent",
    "break",
    "flag",
]


@dataclass(frozen=True)
class Advice:
    """What the latest check-in decided, in machine words (``_checkin_text`` words it)."""

    outcome: Outcome
    flags: tuple[str, ...]
    """The red-flag keys that fired, in list order."""
    severity: Severity | None
    """The most urgent group among them."""
    reasons: tuple[Reason, ...]
    """Why, in the order the rules looked."""
    week: int
    """The number of the plan week the reader does next."""
    strength: int | None
    """The strength stage (index into ``ramp_up.STRENGTH_STAGES``) the latest heel-raise count newly opens."""
    day: date
    """The day of the check-in it answers."""


class LogError(CalculatorError):
    """A file or stored text that cannot be read as a log; ``message`` says why, for the reader, and ``newer``
    whether it is a log from a newer version of the site (to keep as it is, not to set aside)."""

    def __init__(self, message: str, newer: bool = False) -> None:
        self.message = message
        self.newer = newer
        super().__init__(message)


def parse_checkin(raw: Mapping[str, str]) -> CheckIn:
    """Turn the check-in form's raw text into a ``CheckIn``.

    Raises:
        InputError: Naming every field whose value cannot be used.
    """
    values, errors = parse_fields(FIELDS, raw)
    if values.get("done") in {"partly", "no"} and values.get("why") in {None, ""}:
        errors["why"] = "You did not run the week as planned: choose why (pain, illness or life)"
    if isinstance(values.get("pain"), int) and values["pain"] and values.get("where") in {None, ""}:
        errors["where"] = "You had pain: choose where it hurt most"
    if errors:
        raise InputError({f.name: errors[f.name] for f in FIELDS if f.name in errors})
    v: dict[str, Any] = values  # each value has its field's type, checked above
    done: DoneAnswer = v["done"]
    return CheckIn(
        day=v["day"],
        pain=v["pain"],
        settled=v["settled"] != "no",
        rising=v["rising"],
        where=v["where"] or "",
        sudden=v["sudden"],
        flags=tuple(key for key in FLAG_KEYS if v[f"flag_{key}"]),
        done=done,
        why=(v["why"] or "") if done != "yes" else "",
        heel_raises=v["heel_raises"],
    )


def form_of(entry: CheckIn) -> dict[str, str]:
    """A check-in as the form's raw values: ``parse_checkin(form_of(e)) == e``."""
    raw = {
        "day": entry.day.isoformat(),
        "pain": str(entry.pain),
        "settled": "yes" if entry.settled else "no",
        "rising": "on" if entry.rising else "",
        "where": entry.where,
        "sudden": "on" if entry.sudden else "",
        "done": entry.done,
        "why": entry.why,
        "heel_raises": "" if entry.heel_raises is None else str(entry.heel_raises),
    }
    raw.update({f"flag_{key}": "on" if key in entry.flags else "" for key in FLAG_KEYS})
    return raw


def add(log: Log, entry: CheckIn) -> Log:
    """The log with ``entry`` after the others.

    Raises:
        InputError: On ``day``, if the entry is not later than the last check-in (one check-in a week).
    """
    if log.entries and (entry.day - log.entries[-1].day).days < CHECKIN_DAYS:
        last = log.entries[-1].day
        due = (last + timedelta(days=CHECKIN_DAYS)).isoformat()
        raise InputError(
            {
                "day": f"Your last check-in was on {last.isoformat()}: the next is due on {due} or later, once a week "
                "(to change the last one, remove it first)"
            }
        )
    return Log((*log.entries, entry))


def _entry_json(entry: CheckIn) -> dict[str, object]:
    return {
        "day": entry.day.isoformat(),
        "pain": entry.pain,
        "settled": entry.settled,
        "rising": entry.rising,
        "where": entry.where,
        "sudden": entry.sudden,
        "flags": list(entry.flags),
        "done": entry.done,
        "why": entry.why,
        "heel_raises": entry.heel_raises,
    }


def dump_log(log: Log) -> str:
    """The log as its file's text: canonical (one spelling per log), so ``dump_log(load_log(t)) == t``
    for every text ``dump_log`` writes."""
    entries = ",\n ".join(json.dumps(_entry_json(e), ensure_ascii=True) for e in log.entries)
    body = f"[\n {entries}]" if entries else "[]"
    return f'{{"kind": "{LOG_KIND}", "version": {LOG_VERSION}, "entries": {body}}}\n'


_KEYS = ("day", "pain", "settled", "rising", "where", "sudden", "flags", "done", "why", "heel_raises")


def _entry(number: int, item: object) -> CheckIn:
    """One entry of a log file, checked as strictly as the form checks a check-in."""

    def bad(why: str) -> LogError:
        return LogError(f"This log is damaged: check-in {number} {why}. Your log in this browser is unchanged.")

    if not isinstance(item, dict) or set(item) != set(_KEYS):
        raise bad("is not a check-in this site writes")
    day, pain, heel = item["day"], item["pain"], item["heel_raises"]
    try:
        when = date.fromisoformat(day) if isinstance(day, str) and len(day) == 10 else None
    except ValueError:
        when = None
    if when is None or not 2000 <= when.year <= 2100:
        raise bad("has no valid date")
    if type(pain) is not int or not 0 <= pain <= 10:
        raise bad("has a pain score that is not a whole number from 0 to 10")
    if any(type(item[k]) is not bool for k in ("settled", "rising", "sudden")):
        raise bad("has a yes-or-no answer that is neither")
    if not isinstance(item["where"], str) or item["where"] not in dict(PLACES):
        raise bad("names a place this site does not ask about")
    flags = item["flags"]
    if not isinstance(flags, list) or any(not isinstance(f, str) or f not in FLAG_KEYS for f in flags):
        raise bad("names a red flag this site does not know")
    if len(set(flags)) != len(flags) or [k for k in FLAG_KEYS if k in flags] != flags:
        raise bad("lists its red flags out of order")
    done, why = item["done"], item["why"]
    if (
        not isinstance(done, str)
        or not isinstance(why, str)
        or done not in dict(DONE)
        or why not in dict(WHY)
        or (done == "yes") != (why == "")
    ):
        raise bad("has an answer about the week's runs that does not fit together")
    if heel is not None and (type(heel) is not int or not 0 <= heel <= 200):
        raise bad("has a heel-raise count that is not a whole number from 0 to 200")
    answer: DoneAnswer = done  # type: ignore[assignment]  # checked against DONE above
    reason: WhyAnswer = why  # type: ignore[assignment]  # checked against WHY above
    return CheckIn(when, pain, item["settled"], item["rising"], item["where"], item["sudden"], tuple(flags), answer, reason, heel)


def load_log(data: str | bytes) -> Log:
    """Read a log file's text (or its bytes, as UTF-8).

    Raises:
        LogError: For anything that is not a log this version can read, with a message for the
            reader: not text, not a log, from a newer version, or damaged (which check-in, and why).
            Never any other exception.
    """
    unchanged = "Your log in this browser is unchanged."
    if len(data) > LOG_MAX_BYTES:
        raise LogError(f"This file is too large to be a Stride Shift log. {unchanged}")
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        document = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise LogError(f"This file is not a Stride Shift log (it is not a log saved from this site). {unchanged}") from None
    if not isinstance(document, dict) or document.get("kind") != LOG_KIND:
        raise LogError(f"This file is not a Stride Shift log (it is not a log saved from this site). {unchanged}")
    version = document.get("version")
    if type(version) is int and version > LOG_VERSION:
        raise LogError(
            f"This log was saved by a newer version of this site (log version {version}; this page reads version "
            f"{LOG_VERSION}). Reload the page to get the newest version, then load it again. {unchanged}",
            newer=True,
        )
    if version != LOG_VERSION or set(document) != {"kind", "version", "entries"} or not isinstance(document["entries"], list):
        raise LogError(f"This log is damaged: its header is not one this site writes. {unchanged}")
    items = document["entries"]
    if len(items) > LOG_MAX_ENTRIES:
        raise LogError(f"This log is damaged: it holds more check-ins than any plan has. {unchanged}")
    entries = tuple(_entry(number, item) for number, item in enumerate(items, start=1))
    for number, (before, after) in enumerate(zip(entries, entries[1:], strict=False), start=2):
        if after.day <= before.day:
            raise LogError(f"This log is damaged: check-in {number} is not later than the one before it. {unchanged}")
    return Log(entries)
