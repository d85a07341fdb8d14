"""When to stop and get help: the red flags, the cautions and the pain rules' scope.

One source for every place the site says it: each calculator's result (page, print,
PDF), the planner's CSV and calendar, the command line, and the guide's pages (the
build hook renders ``<!-- safety:red-flags -->``, ``<!-- safety:cautions -->`` and
``<!-- safety:gate-scope -->`` from here). HTML comes from ``render.py``; plain text
from :func:`red_flags_text` below.

The signs follow the evidence brief's section 5 (a sports-medicine review of the
site); the groups say what to do, most urgent first. Each sign belongs to exactly
one group.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["emergency", "urgent", "see"]


@dataclass(frozen=True)
class FlagGroup:
    """Signs that call for the same action."""

    key: Severity
    """Stable name, used in HTML classes and ids."""
    title: str
    """What to do, as a heading: starts with how urgent it is."""
    action: str
    """What to do, as words that can follow "stop running and" or stand in a sentence."""
    lead: str
    """The sentence that leads into the signs, ending with a colon."""
    signs: tuple[str, ...]
    """Each sign in plain words, with what it may mean in brackets."""
    advice: str = ""
    """Where to go and what not to do, after the signs."""


RED_FLAGS: tuple[FlagGroup, ...] = (
    FlagGroup(
        "emergency",
        "Emergency: call emergency services now",
        "call emergency services now",
        "Call 999 in the UK, 112 across Europe or 911 in North America for any of these:",
        (
            "sudden breathlessness that is more than running explains, chest pain, or coughing up blood, especially "
            "with pain or swelling in a calf (possible blood clot in the lungs, or a heart problem)",
            "a foot or leg that turns cold, pale or blue and does not recover within a few minutes of stopping "
            "(possible blocked blood supply)",
        ),
    ),
    FlagGroup(
        "urgent",
        "Urgent: get medical help today",
        "get medical help today",
        "Stop running and get seen today for any of these:",
        (
            "a pop, or a feeling of being kicked in the back of the leg (possible torn Achilles tendon)",
            "you cannot rise onto tiptoe on the sore leg (possible torn Achilles tendon)",
            "a gap or dent you can feel above the heel (possible torn Achilles tendon)",
            "sudden sharp calf pain with bruising (possible torn calf muscle)",
            "pain in one calf with swelling, warmth or redness (possible blood clot; more likely after recent "
            "surgery, a long journey or time with a leg in plaster, in pregnancy or soon after giving birth, with "
            "hormone medicine such as the contraceptive pill or HRT, or if you have cancer)",
            "you cannot put weight on the leg",
            "severe pain in the shin or calf that keeps getting worse after you stop, with the muscle hard and tight "
            "(possible acute compartment syndrome: go to an emergency department)",
            "numbness or weakness in the foot or leg that does not wear off within a few minutes of stopping",
        ),
        "Go to an urgent care centre or an emergency department, call NHS 111 in the UK, or see your own doctor if "
        "they can see you today. "
        "Do not try to walk it off, and do not stretch or massage the leg.",
    ),
    FlagGroup(
        "see",
        "Stop running on it and see a clinician",
        "stop running on it and see a clinician",
        "Book a physiotherapist or doctor for any of these:",
        (
            "numbness, tingling, shooting pains or weakness in the foot or leg during runs, even if it passes when you stop",
            "a foot that goes cold or pale during runs, even if it recovers when you stop (possible narrowed or squeezed artery)",
            "tightness or pain that comes on at the same point of every run and eases with rest (possible compartment syndrome)",
            "a tender spot on a bone, pain when you hop on that leg, or a swollen top of the foot (possible bone stress injury)",
            "you are still limping 48 hours after a run",
            "pain at night",
            "pain that builds as a run goes on",
            "a swollen or creaking Achilles tendon",
        ),
        "Get seen within the next few days: do not wait for it to get bad. Walking, cycling or swimming are fine "
        "meanwhile if they do not hurt.",
    ),
)
"""The red flags, most urgent group first."""

RED_FLAGS_TITLE = "Red flags: when to stop and get help"
"""The heading over the whole list."""

CAUTIONS_TITLE = "Check with a clinician first"
"""The heading over the cautions."""


@dataclass(frozen=True)
class Caution:
    """Who should ask a clinician before barefoot drills or a change of strike, and why."""

    who: str
    advice: str


CAUTIONS: tuple[Caution, ...] = (
    Caution(
        "Diabetes, or nerve damage in the feet (neuropathy)",
        "you may not feel a blister, a cut or an injury, and the pain rules here may not warn you in time. Ask your "
        "doctor before barefoot drills or the switch, and check your feet after every run.",
    ),
    Caution(
        "A fluoroquinolone antibiotic (such as ciprofloxacin or levofloxacin) in the last few months, or a steroid "
        "injection or steroid tablets",
        "each makes a tendon tear more likely, and more so together. Ask your doctor before you add load to the "
        "tendon. If your Achilles starts to hurt while you take one, stop running and contact your doctor the same day.",
    ),
)
"""Before barefoot drills or the switch: conditions and medicines that call for a clinician's advice first."""

GATE_SCOPE = (
    "These pain rules were tested in people with Achilles tendon pain. They are not for bone pain (a tender spot "
    "on a bone, or pain when you hop) or for a new, sudden pain in one spot of a muscle. For bone pain, stop "
    "running and book a physiotherapist or doctor now. For a sudden muscle pain, stop running on it, and see a "
    "clinician if it has not settled in a few days, or straight away if it matches a red flag."
)
"""What the pain-monitoring gate (0 to 2 safe, up to 5 acceptable) does not cover: it was tested
in Achilles tendinopathy (Silbernagel et al. 2007), and must never tell a reader to run on
through bone pain or a sudden, localised muscle pain."""


def red_flags_text() -> str:
    """The red flags as plain text, one line a group heading or a sign, for the terminal, CSV and calendar."""
    lines = [f"{RED_FLAGS_TITLE}."]
    for group in RED_FLAGS:
        lines.append(f"{group.title}. {group.lead}")
        lines.extend(f"- {sign}" for sign in group.signs)
        if group.advice:
            lines.append(group.advice)
    return "\n".join(lines)


def cautions_text() -> str:
    """The cautions as plain text."""
    return "\n".join([f"{CAUTIONS_TITLE}:", *(f"- {c.who}: {c.advice}" for c in CAUTIONS)])


def flag_group(key: Severity) -> FlagGroup:
    """The red-flag group with this key."""
    return next(group for group in RED_FLAGS if group.key == key)
