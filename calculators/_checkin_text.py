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
    "move-on": "then moved on",
    "repeat": "then repeated",
    "back": "then went back",
    "hold": "then held the new strike",
    "stop": "then stopped: red flag",
    "wait": "then the plan waited",
    "restart": "then restarted lower",
}
"""What a logged week's check-in decided for the week after, as it reads after "done:" in the table, the
chart's description and the files."""

HEADLINES: dict[c.Outcome, str] = {
    "move-on": "Move on to the next week",
    "repeat": "Repeat the week",
    "back": "Go back a week",
    "hold": "Hold the new strike for now",
    "stop": "Stop: a red flag",
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
        "pain-severe": f"your worst pain during runs was {entry.pain} out of 10",
        "pain-again": "it was above 5 at your last check-in too",
        "bone-place": f"it hurt in the {place_words(entry.where).lower()}",
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
    reasons = set(advice.reasons)
    ran = "the week you just ran" if entry.done != "no" else "the week you were due to run"
    said: list[Sentence] = []
    if advice.outcome == "move-on":
        if entry.pain == 0:
            said.append(Sentence("You had no pain during runs, nothing lingering the next morning, and nothing rising"))
        else:
            said.append(
                Sentence(
                    f"Your worst pain during runs was {entry.pain} out of 10, it had settled by the next morning and it is "
                    "not rising: within the pain-monitoring model, which did as well as rest for Achilles tendon pain",
                    ("silbernagel-2007",),
                )
            )
        said += [Sentence(f"Your next week is week {week} below"), Sentence(GATE_SCOPE.rstrip("."))]
    elif advice.outcome == "repeat":
        said += [
            Sentence(because),
            Sentence(
                "The pain-monitoring model moves on only when the pain has settled by the next morning and is not rising from week to week",
                ("silbernagel-2007",),
            ),
            Sentence(f"Run the same amount of the new strike again: week {week} below, then check in again"),
            Sentence("Repeating the same amount, rather than stepping back, is our gentler reading of the model", (CONVENTION,)),
        ]
        if "rising" in reasons and not entry.rising:
            said.append(Sentence("A pain 2 points or more above your last check-in counts as rising", (CONVENTION,)))
        if "bone-place" in reasons:
            said.append(
                Sentence(
                    "Pain on the top of the foot or in the shin can be a bone stress injury, more so while changing strike "
                    "or shoes. Before your next run, press along the bone and hop gently on that leg: if one spot hurts, "
                    "stop running and book a physiotherapist or doctor (a red flag below)",
                    ("ridge-2013", "warden-2014"),
                )
            )
        said.append(Sentence(GATE_SCOPE.rstrip(".")))
    elif advice.outcome == "back":
        said += [
            Sentence(because),
            Sentence(
                "In the pain-monitoring model, pain above 5 out of 10 during activity is too much, and pain should "
                "settle by the next morning and not rise from week to week",
                ("silbernagel-2007",),
            ),
        ]
        if "missed-pain" in reasons:
            said.append(Sentence("Runs cut short by pain count as a week that was too much", (CONVENTION,)))
        if "not-settled" in reasons and "rising" in reasons:
            said.append(Sentence("Pain that neither settles overnight nor stays level calls for a step back, not a repeat", (CONVENTION,)))
        lower = "half of" if "pain-high" in reasons else "one step lower than"
        said += [
            Sentence(f"Week {week} below is {lower} {ran}; build up again from there", (CONVENTION,)),
            Sentence("If the pain has not settled within a few days, see a physiotherapist or doctor", (CONVENTION,)),
            Sentence(GATE_SCOPE.rstrip(".")),
        ]
    elif advice.outcome == "hold":
        said.append(Sentence(because))
        if "sudden-achilles" in reasons:
            said.append(
                Sentence(
                    "A pain that starts suddenly in the Achilles tendon can be a partial or complete tear, even without a "
                    "pop and even if you can still walk. Do not run on it. Get it checked today, or tomorrow at the latest: "
                    "an urgent care centre, NHS 111 in the UK, or your own doctor if they can see you. If you cannot rise "
                    "onto tiptoe on that leg, or can feel a gap above the heel, go today (a red flag below)",
                    (CONVENTION,),
                )
            )
        elif "pain-severe" in reasons or "pain-again" in reasons:
            said.append(
                Sentence(
                    "Pain this high during runs is beyond what the pain-monitoring model accepts, and more than a step "
                    "back can fix: stop the new strike and see a physiotherapist or doctor before you go on",
                    (CONVENTION,),
                )
            )
        else:
            said += [
                Sentence(
                    "Stop running on it for now; walking, cycling or swimming are fine if they do not hurt. Leave the new "
                    f"strike until you can walk, hop and rise onto tiptoe on that leg without pain, then start with week {week} below",
                    (CONVENTION,),
                ),
                Sentence(
                    "If it has not settled in a few days, see a physiotherapist or doctor; straight away if it matches a red flag below",
                    (CONVENTION,),
                ),
            ]
        said.append(
            Sentence(
                "The pain rules this plan uses were tested in people with Achilles tendon pain, so they cannot tell you "
                "whether to run on through a sudden pain in one spot, a severe pain or a pain in a bone",
                ("silbernagel-2007",),
            )
        )
    elif advice.outcome == "wait":
        said += [
            Sentence(because),
            Sentence(f"A week missed for illness or life is not a failure: week {week} below is still your next week", (CONVENTION,)),
        ]
        if "missed-illness" in reasons:
            said.append(Sentence("Start it when you feel well again", (CONVENTION,)))
        said.append(Sentence("After more than about two weeks away from the new strike, the plan restarts a little lower", (CONVENTION,)))
    elif advice.outcome == "restart":
        for_pain = bool(reasons & {"missed-pain", "pain-high", "pain-severe", "pain-again", "not-settled", "rising"})
        said += [
            Sentence(because),
            Sentence("It has been more than about two weeks since you last ran with the new strike" if "break" in reasons else ""),
            Sentence(f"The plan starts again lower, at week {week} below, and builds up from there", (CONVENTION,)),
        ]
        if for_pain:
            said.append(
                Sentence(
                    "Pain kept you from running for more than two weeks: see a physiotherapist or doctor before you restart, "
                    "and restart only when walking, hopping and rising onto tiptoe on that leg no longer hurt",
                    (CONVENTION,),
                )
            )
        else:
            said.append(
                Sentence(
                    "Before you restart, get checked by a physiotherapist or doctor if it still hurts when you walk, hop or "
                    "rise onto tiptoe on that leg, or if you noticed any red flag",
                    (CONVENTION,),
                )
            )
        if for_pain or entry.where == "achilles":
            said.append(
                Sentence(
                    "Coming back after Achilles tendon pain, a gradual return guided by how the tendon responds is advised, "
                    "and flare-ups are common in this phase, so keep checking in every week",
                    ("silbernagel-2015",),
                )
            )
    elif advice.outcome == "stop":
        said += [
            Sentence("A red flag stops the plan, whatever your pain score", (CONVENTION,)),
            Sentence(
                "The weeks below are where you would restart: do not start them until a clinician has seen you and says "
                "you can run. Then check in after your first week back"
            ),
        ]
    else:
        assert_never(advice.outcome)
    if "persistent" in reasons:
        said.append(
            Sentence(
                "Your pain has held the plan back for three weeks in a row: book a physiotherapist or doctor now, rather "
                "than waiting for it to settle",
                (CONVENTION,),
            )
        )
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


def title(advice: c.Advice) -> str:
    """What to do, in a few words: the outcome's headline; for a red flag, its most urgent group's title;
    for a sudden Achilles pain, to get it checked today."""
    if advice.outcome == "stop":
        groups = fired(advice.flags)
        return groups[0][0].title if groups else HEADLINES["stop"]
    if "sudden-achilles" in advice.reasons:
        return "Do not run: get your Achilles checked today"
    return HEADLINES[advice.outcome]


def headline(advice: c.Advice) -> str:
    """The advice in a few words, with the check-in's date."""
    return f"{title(advice)} (check-in of {format_date(advice.day)})"


def live(advice: c.Advice) -> str:
    """One or two plain sentences for the live region: what to do now."""
    if advice.outcome == "stop":
        groups = fired(advice.flags)
        action = groups[0][0].action if groups else "get help"
        return f"Red flag: {action}. The plan stops; the signs you ticked and whom to see are below."
    if "sudden-achilles" in advice.reasons:
        return "Do not run: get your Achilles checked today, or tomorrow at the latest."
    said = {
        "move-on": f"Move on: your next week is week {advice.week}.",
        "repeat": f"Repeat the week: week {advice.week} is the same amount again.",
        "back": f"Go back a week: week {advice.week} is lower.",
        "hold": "Hold: stop running on it, and see a clinician if it has not settled in a few days.",
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
