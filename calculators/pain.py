"""What is this pain? A structured look at a runner's answers: red flags first, then the likely kinds.

Not a diagnosis. The reader says where it hurts, how it started, what makes it worse and
which other signs they have, and ticks any red-flag sign from ``_safety.RED_FLAGS`` (the
one list: each sign is asked in its own words, never a reworded copy). Some answers are a
red-flag sign in other words (pain on hopping, a tender spot on a bone, pain at night,
numbness, a swollen calf): they raise that sign too, so a flag fires whichever way it is
answered. Any flag comes first and overrides the rest.

Which answers point to which kind is our convention (the matching rules below, shown on
the page); what each kind is, and what to do about it, comes from the sources each kind
cites. Wording lives in ``_pain_html.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ._errors import InputError
from ._fields import Field, parse_fields
from ._safety import RED_FLAGS, Severity

KindKey = Literal[
    "clot", "compartment", "bone-stress", "achilles-sudden", "calf-strain", "achilles", "plantar-heel", "calf-overload", "doms"
]

PLACES: tuple[tuple[str, str], ...] = (
    ("calf", "Calf muscle"),
    ("achilles", "Achilles tendon"),
    ("heel", "Heel"),
    ("arch", "Arch or sole of the foot"),
    ("top", "Top of the foot"),
    ("shin", "Shin"),
    ("other", "Somewhere else"),
)
"""Where it hurts most: the same keys as the planner's weekly check-in."""

ONSETS: tuple[tuple[str, str], ...] = (
    ("after", "As an ache a day or so after a run"),
    ("gradual", "Gradually, over several runs"),
    ("sudden", "Suddenly, at one moment, in one spot"),
)

DOMS_DAYS = 7
"""Our convention, not a cited number: an ache older than a week is not counted as soreness from new work.
Cheung et al. 2003 describe that soreness (common with unaccustomed, lengthening work) but their abstract sets
no time limit, so the week is a generous margin of our own."""
PAIN_HIGH = 5
"""Pain during runs above this is the pain-monitoring model's high-risk zone (Silbernagel et al. 2007)."""


def flag_name(group: Severity, index: int) -> str:
    """The field name of a red-flag sign: ``flag_urgent_2`` is the urgent group's second sign."""
    return f"flag_{group}_{index + 1}"


SIGN_FIELDS: tuple[Field, ...] = tuple(
    Field(flag_name(group.key, index), sign[0].upper() + sign[1:], "flag", "", group=group.title)
    for group in RED_FLAGS
    for index, sign in enumerate(group.signs)
)
"""One tick box per red-flag sign, in the list's own words, under its group's heading."""


def _sign(group: Severity, words: str) -> int:
    """The index of the sign in ``group`` that contains ``words`` (fails at import if the list changes)."""
    signs = next(g.signs for g in RED_FLAGS if g.key == group)
    return next(i for i, sign in enumerate(signs) if words in sign)


WORSE = "What makes it worse"
OTHER = "Other signs"

FIELDS: tuple[Field, ...] = (
    Field("where", "Where it hurts most", "choice", "calf", choices=PLACES, group="Where and when"),
    Field("onset", "How it started", "choice", "after", choices=ONSETS, group="Where and when"),
    Field(
        "days",
        "Days since it started",
        "integer",
        "2",
        unit="days",
        limits={"": (0, 3650)},
        example="3",
        hint="0 if it started today.",
        group="Where and when",
    ),
    Field(
        "pain",
        "Worst pain during runs, from 0 to 10",
        "integer",
        "3",
        limits={"": (0, 10)},
        example="4",
        hint="0 is none, 10 the worst you can imagine. 0 if you have not run on it.",
        group="Where and when",
    ),
    Field("morning", "It is worst with the first steps in the morning, then eases as you move", "flag", "", group=WORSE),
    Field("hop", "Hopping on that leg hurts", "flag", "", group=WORSE),
    Field("bone", "Pressing one spot on a bone hurts", "flag", "", group=WORSE),
    Field("same_point", "It comes on at the same point of every run and eases when you stop", "flag", "", group=WORSE),
    Field("swelling", "The sore place is swollen", "flag", "", group=OTHER),
    Field("numbness", "Numbness, tingling or pins and needles in the foot or leg", "flag", "", group=OTHER),
    Field("night", "It hurts at night", "flag", "", group=OTHER),
    *SIGN_FIELDS,
)

RAISES: tuple[tuple[str, str, Severity, int], ...] = (
    ("hop", "", "see", _sign("see", "pain when you hop")),
    ("bone", "", "see", _sign("see", "a tender spot on a bone")),
    ("same_point", "", "see", _sign("see", "same point of every run")),
    ("numbness", "", "see", _sign("see", "numbness, tingling")),
    ("night", "", "see", _sign("see", "pain at night")),
    ("swelling", "calf", "urgent", _sign("urgent", "pain in one calf with swelling")),
    ("swelling", "achilles", "see", _sign("see", "a swollen or creaking Achilles")),
    ("swelling", "top", "see", _sign("see", "a swollen top of the foot")),
)
"""Answers that are a red-flag sign in other words: (answer, only where it hurts there or "" anywhere, group, sign)."""

KIND_ORDER: tuple[KindKey, ...] = (
    "clot",
    "compartment",
    "bone-stress",
    "achilles-sudden",
    "calf-strain",
    "achilles",
    "plantar-heel",
    "calf-overload",
    "doms",
)
"""The kinds, most urgent first: a result lists them in this order."""

SOURCES: dict[KindKey, tuple[str, ...]] = {
    "clot": ("theiss-2011", "zaleski-2017"),
    "compartment": ("buerba-2019",),
    "bone-stress": ("warden-2014", "ridge-2013"),
    "achilles-sudden": ("silbernagel-2007",),
    "calf-strain": ("green-2017", "theiss-2011"),
    "achilles": ("martin-2018", "silbernagel-2007", "lagas-2020"),
    "plantar-heel": ("koc-2023", "nishiguchi-2025"),
    "calf-overload": ("xu-2021", "ryan-2014", "silbernagel-2007"),
    "doms": ("cheung-2003",),
}
"""What each kind rests on (full references on the references page)."""


@dataclass(frozen=True)
class Inputs:
    """The answers."""

    where: str
    onset: str
    days: int
    pain: int
    ticked: frozenset[str]
    """Names of the ticked boxes."""


@dataclass(frozen=True)
class Fired:
    """A red-flag sign the answers hold."""

    group: Severity
    index: int
    """Position of the sign in its group's ``signs``."""
    answers: tuple[str, ...]
    """Names of the fields that raised it (its own tick box, or an answer that says the same)."""


@dataclass(frozen=True)
class Result:
    """Red flags (most urgent first), then the likely kinds (most urgent first), and what the answers were."""

    flags: tuple[Fired, ...]
    kinds: tuple[KindKey, ...]
    inputs: Inputs

    @property
    def severity(self) -> Severity | None:
        """The most urgent group among the flags, or ``None``."""
        return self.flags[0].group if self.flags else None

    @property
    def pain_high(self) -> bool:
        """Pain during runs in the pain-monitoring model's high-risk zone."""
        return self.inputs.pain > PAIN_HIGH


def parse_inputs(raw: Mapping[str, str]) -> Inputs:
    """Read the answers.

    Raises:
        InputError: Naming each field whose value cannot be read.
    """
    values, errors = parse_fields(FIELDS, raw)
    if errors:
        raise InputError({f.name: errors[f.name] for f in FIELDS if f.name in errors})
    v: dict[str, Any] = values
    ticked = frozenset(f.name for f in FIELDS if f.kind == "flag" and v[f.name])
    return Inputs(where=v["where"], onset=v["onset"], days=v["days"], pain=v["pain"], ticked=ticked)


def red_flags(inputs: Inputs) -> tuple[Fired, ...]:
    """Every red-flag sign the answers hold, in the list's order (most urgent group first)."""
    raised: dict[tuple[Severity, int], list[str]] = {}
    for group in RED_FLAGS:
        for index in range(len(group.signs)):
            if flag_name(group.key, index) in inputs.ticked:
                raised.setdefault((group.key, index), []).append(flag_name(group.key, index))
    for answer, place, group_key, index in RAISES:
        if answer in inputs.ticked and place in ("", inputs.where):
            raised.setdefault((group_key, index), []).append(answer)
    order = {(g.key, i): n for n, (g, i) in enumerate((g, i) for g in RED_FLAGS for i in range(len(g.signs)))}
    return tuple(Fired(key[0], key[1], tuple(names)) for key, names in sorted(raised.items(), key=lambda item: order[item[0]]))


def kinds(inputs: Inputs, flags: tuple[Fired, ...]) -> tuple[KindKey, ...]:
    """The kinds the answers point to, most urgent first (our matching rules, shown on the page)."""
    t, where, onset = inputs.ticked, inputs.where, inputs.onset
    legs = where in ("calf", "shin")
    clot_sign = ("urgent", _sign("urgent", "pain in one calf with swelling"))
    found: set[KindKey] = set()
    if any((f.group, f.index) == clot_sign or (f.group == "emergency" and f.index == 0 and where == "calf") for f in flags):
        found.add("clot")
    if "same_point" in t and (legs or where == "other"):
        found.add("compartment")
    if "hop" in t or "bone" in t or where == "top" or (where in ("shin", "heel") and onset == "gradual" and "morning" not in t):
        found.add("bone-stress")
    if where == "calf" and onset == "sudden":
        found.add("calf-strain")
    if where == "achilles":  # a tendon that hurt from one moment is a possible tear, never a case for the gate
        found.add("achilles-sudden" if onset == "sudden" else "achilles")
    if where in ("heel", "arch") and ("morning" in t or "bone" not in t):
        found.add("plantar-heel")
    if where == "calf" and onset != "sudden" and (onset == "gradual" or inputs.days > DOMS_DAYS):
        found.add("calf-overload")
    if where == "calf" and onset == "after" and inputs.days <= DOMS_DAYS and not flags:
        found.add("doms")
    return tuple(kind for kind in KIND_ORDER if kind in found)


def compute(inputs: Inputs) -> Result:
    """Red flags first, then the likely kinds."""
    flags = red_flags(inputs)
    return Result(flags=flags, kinds=kinds(inputs, flags), inputs=inputs)
