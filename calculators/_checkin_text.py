"""The check-in's advice in plain words, for the page, the live region, the files and the terminal.

``checkin.Advice`` says what the rules decided in machine words (an outcome, reasons, the red-flag
keys that fired); this module says it to a sore runner, and to the physiotherapist who may read
the printout. Each sentence carries its basis: reference keys (``render.cite`` links them on the
page, ``SOURCES`` names them in plain text) or ``CONVENTION``, where the rule is ours. The red
flags are never reworded: their signs, titles, leads and advice come from ``_safety.RED_FLAGS``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import assert_never

from . import checkin as c
from . import ramp_up as r
from ._format import format_date
from ._safety import GATE_SCOPE, RED_FLAGS, FlagGroup
from ._sources import SOURCES

CONVENTION = "our convention"
"""The basis of a rule no study gives: said in place of a citation."""

DONE_WORDS: dict[c.Outcome, str] = {
    "move-on": "moved on",
    "repeat": "repeated",
    "back": "went back a week",
    "hold": "held the new strike",
    "stop": "stopped: red flag",
    "wait": "the plan waited",
    "restart": "restarted lower",
}
"""How a logged week's outcome reads after "done:" in the table, the chart's description and the files."""

HEADLINES: dict[c.Outcome, str] = {
    "move-on": "Move on to the next week",
    "repeat": "Repeat the week",
    "back": "Go back a week",
    "hold": "Hold the new strike for now",
    "stop": "Stop running and get help now",
    "wait": "The plan waits for you",
    "restart": "Start again lower, after your break",
}
"""The advice box's title for each outcome: what to do, in a few words."""

DONE_ANSWERS = {"yes": "Yes", "partly": "Partly", "no": "No"}
WHY_WORDS = {"": "", "pain": "pain", "illness": "illness", "life": "life"}


@dataclass(frozen=True)
class Sentence:
    """One sentence of advice and what it rests on."""

    text: str
    """Plain text, without its final full stop."""
    basis: tuple[str, ...] = ()
    """Reference keys, or ``(CONVENTION,)``; empty for a plain statement of what the reader said or the plan does."""


def fired(flags: Iterable[str]) -> list[tuple[FlagGroup, list[str]]]:
    """The red-flag groups the ticked keys belong to, most urgent first, each with its ticked signs in list order."""
    ticked: dict[str, set[int]] = {}
    for key in flags:
        group, index = c.FLAG_KEYS[key]
        ticked.setdefault(group, set()).add(index)
    return [(group, [group.signs[i] for i in sorted(ticked[group.key])]) for group in RED_FLAGS if group.key in ticked]


def place_words(where: str) -> str:
    """Where it hurt, as the form's choice says it ("Achilles tendon", "No pain")."""
    return dict(c.PLACES).get(where, where)


def _why(advice: c.Advice, entry: c.CheckIn) -> list[str]:
    """The reasons in words, as clauses."""
    words = {
        "pain-high": f"your worst pain during runs was {entry.pain} out of 10, above 5",
        "not-settled": "the pain had not settled by the next morning",
        "rising": "the pain is worse than last week",
        "sudden": "the pain came on suddenly, in one spot",
        "missed-pain": "pain stopped you running the week as planned",
        "missed-illness": "you were ill",
        "missed-life": "life got in the way",
    }
    return [words[reason] for reason in advice.reasons if reason in words]


def _joined(clauses: list[str]) -> str:
    if len(clauses) <= 1:
        return "".join(clauses)
    return ", ".join(clauses[:-1]) + " and " + clauses[-1]


def sentences(advice: c.Advice, entry: c.CheckIn) -> list[Sentence]:
    """What to do and why, after the headline, for any outcome but a red flag (``fired`` words those).

    Parameters:
        advice: What the rules decided.
        entry: The check-in it answers.
    """
    why = _joined(_why(advice, entry))
    because = f"You said {why}" if why else ""
    week = advice.week
    said: list[Sentence] = []
    if advice.outcome == "move-on":
        said += [
            Sentence(
                f"Your worst pain during runs was {entry.pain} out of 10, it had settled by the next morning and it is "
                "not rising: within the pain-monitoring model, which did as well as rest for Achilles tendon pain",
                ("silbernagel-2007",),
            ),
            Sentence(f"Your next week is week {week} below"),
            Sentence(GATE_SCOPE.rstrip(".")),
        ]
    elif advice.outcome == "repeat":
        said += [
            Sentence(because),
            Sentence(
                "The pain-monitoring model moves on only when the pain has settled by the next morning and is not rising from week to week",
                ("silbernagel-2007",),
            ),
            Sentence(f"Run the same amount of the new strike again: week {week} below, then check in again"),
            Sentence(GATE_SCOPE.rstrip(".")),
        ]
    elif advice.outcome == "back":
        said += [
            Sentence(because),
            Sentence(
                "In the pain-monitoring model, pain above 5 out of 10 during activity is too much, and pain should "
                "settle by the next morning and not rise from week to week",
                ("silbernagel-2007",),
            ),
        ]
        if "missed-pain" in advice.reasons:
            said.append(Sentence("Runs cut short by pain count as a week that was too much", (CONVENTION,)))
        if "not-settled" in advice.reasons and "rising" in advice.reasons:
            said.append(Sentence("Pain that neither settles overnight nor stays level calls for a step back, not a repeat", (CONVENTION,)))
        said += [
            Sentence(f"Week {week} below is one step lower than the week you just ran; build up again from there"),
            Sentence("If the pain has not settled within a few days, see a physiotherapist or doctor", (CONVENTION,)),
            Sentence(GATE_SCOPE.rstrip(".")),
        ]
    elif advice.outcome == "hold":
        said += [
            Sentence(because),
            Sentence("Run your old way if that does not hurt, or rest the sore part, and leave the new strike until it has settled"),
            Sentence(
                "If it has not settled in a few days, see a physiotherapist or doctor; straight away if it matches a red flag below",
                (CONVENTION,),
            ),
            Sentence(
                "The pain rules this plan uses were tested in people with Achilles tendon pain, so they cannot tell you "
                "whether to run on through a sudden pain in one spot or a pain in a bone",
                ("silbernagel-2007",),
            ),
        ]
    elif advice.outcome == "wait":
        said += [
            Sentence(because),
            Sentence(f"A week missed for illness or life is not a failure: week {week} below is still your next week", (CONVENTION,)),
        ]
        if "missed-illness" in advice.reasons:
            said.append(Sentence("Start it when you feel well again", (CONVENTION,)))
        said.append(Sentence("After more than about two weeks away from the new strike, the plan restarts a little lower", (CONVENTION,)))
    elif advice.outcome == "restart":
        said += [
            Sentence(because),
            Sentence("It has been more than about two weeks since you last ran with the new strike" if "break" in advice.reasons else ""),
            Sentence(f"The plan starts again lower, at week {week} below, and builds up from there", (CONVENTION,)),
            Sentence(
                "Coming back after Achilles tendon pain, a gradual return guided by how the tendon responds is advised, "
                "and flare-ups are common in this phase, so keep checking in every week",
                ("silbernagel-2015",),
            ),
            Sentence(
                "Before you restart, get checked by a physiotherapist or doctor if the break was for pain or an injury "
                "and it still hurts when you walk, hop or rise onto tiptoe on that leg, or if you noticed any red flag",
                (CONVENTION,),
            ),
        ]
    elif advice.outcome == "stop":
        said += [
            Sentence("A red flag stops the plan, whatever your pain score", (CONVENTION,)),
            Sentence("Check in again once a clinician has seen you and you are back to running; the plan then restarts lower"),
        ]
    else:
        assert_never(advice.outcome)
    return [s for s in said if s.text]


def strength_sentences(advice: c.Advice, entry: c.CheckIn) -> list[Sentence]:
    """The strength stage a heel-raise count newly opens (with where its count comes from) and what it is; empty if none."""
    if advice.strength is None:
        return []
    stage = r.STRENGTH_STAGES[advice.strength]
    raises = "Your heel-raise count opens" if entry.heel_raises is None else f"Your {entry.heel_raises} single-leg heel raises open"
    return [
        Sentence(
            f'{raises} the next strength stage, "{stage.name.lower()}", which opens at {stage.unlock}',
            (stage.source,) if stage.source is not None else (CONVENTION,),
        ),
        Sentence(stage.text.rstrip(".")),
    ]


def plain(sentence: Sentence) -> str:
    """A sentence as plain text, its basis in brackets."""
    if not sentence.basis:
        return f"{sentence.text}."
    basis = "; ".join(key if key == CONVENTION else SOURCES[key] for key in sentence.basis)
    return f"{sentence.text} ({basis})."


def flag_lines(advice: c.Advice) -> list[str]:
    """The red flags that fired, most urgent first, as plain lines: each group's title and lead, its ticked signs, its advice."""
    lines = []
    for group, signs in fired(advice.flags):
        lines.append(f"{group.title}. {group.lead}")
        lines.extend(f"- {sign}" for sign in signs)
        if group.advice:
            lines.append(group.advice)
    return lines


def headline(advice: c.Advice) -> str:
    """The advice in a few words, with the check-in's date."""
    return f"{HEADLINES[advice.outcome]} (check-in of {format_date(advice.day)})"


def live(advice: c.Advice) -> str:
    """One or two plain sentences for the live region: what to do now."""
    if advice.outcome == "stop":
        groups = fired(advice.flags)
        action = groups[0][0].action if groups else "get help"
        return f"Red flag: {action}. The plan stops; the signs you ticked and whom to see are below."
    said = {
        "move-on": f"Move on: your next week is week {advice.week}.",
        "repeat": f"Repeat the week: week {advice.week} is the same amount again.",
        "back": f"Go back a week: week {advice.week} is one step lower.",
        "hold": "Hold the new strike: run your old way or rest, and see a clinician if it has not settled in a few days.",
        "wait": f"The plan waits: week {advice.week} is still your next week.",
        "restart": f"After your break the plan starts again lower, at week {advice.week}.",
    }
    return said[advice.outcome]


def advice_lines(advice: c.Advice, entry: c.CheckIn) -> list[str]:
    """The whole advice as plain lines: headline, the red flags that fired, what to do and why, the strength stage."""
    said = sentences(advice, entry) + strength_sentences(advice, entry)
    return [f"{headline(advice)}.", *flag_lines(advice), *(plain(s) for s in said)]


def done_words(entry: c.CheckIn) -> str:
    """Whether the week's runs were done, and why not: "Yes", "Partly: illness"."""
    answer = DONE_ANSWERS.get(entry.done, entry.done)
    why = WHY_WORDS.get(entry.why, entry.why)
    return f"{answer}: {why}" if why else answer


def yes_no(value: bool) -> str:
    return "yes" if value else "no"
