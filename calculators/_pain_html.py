"""The "what is this pain?" result as HTML, as plain rows and as terminal lines.

Red flags always come first: a result that holds one opens with it (which sign, what to do,
whom to see), and only then lists the kinds, without the week's self-care. Every result says
it is not a diagnosis, states the pain gate's scope where it mentions the gate, and ends
with the whole red-flag list.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import pain as p
from ._format import escape
from ._safety import GATE_SCOPE, RED_FLAGS, flag_group
from .render import REFERENCES_URL, cite, render_gate_scope, render_red_flags

NOT_A_DIAGNOSIS = "This check is not a diagnosis: it sorts your answers so you know what to do next and whom to ask."


@dataclass(frozen=True)
class KindText:
    """How a result speaks of one kind."""

    name: str
    what: str
    why: str
    """Which answers point here: our matching rule, in words."""
    week: str
    """What to do this week, when no red flag is present."""
    see: str
    """When, and whom, to see."""
    evidence: str
    """How strong the evidence behind the advice is."""
    gate: bool = False
    """Whether the week's advice uses the pain gate (then its scope is shown)."""


KINDS: dict[p.KindKey, KindText] = {
    "clot": KindText(
        "A blood clot in a leg vein",
        "A clot in a deep vein of the leg can make the calf ache like a pulled muscle. It is uncommon in runners, but "
        "part of it can break off and travel to the lungs.",
        "You ticked calf pain with swelling, or breathlessness with a sore calf.",
        "Do not run, stretch or massage the leg. Get seen today, as the red flag says.",
        "Today: an urgent care centre or an emergency department, or your own doctor if they can see you today. "
        "Breathlessness or chest pain: call emergency services.",
        "Case reports only, which show that it happens, not how often: a 21-year-old runner's calf pain was treated as "
        "a strain for weeks before a clot was found, and in a review of 11 published cases in athletes the usual "
        "clinical score did not flag any of them.",
    ),
    "compartment": KindText(
        "Pressure in a muscle compartment during exercise",
        "The muscles of the lower leg sit in tight sleeves. In some runners the pressure inside one rises during a run, "
        "so the same tight, aching or burning pain comes on at about the same point each time and eases within minutes of stopping.",
        "It comes on at the same point of every run, in the calf, the shin or elsewhere in the leg.",
        "Stop running on it until you have been checked. Walking, cycling or swimming are fine if they do not bring it on.",
        "Book a sports doctor or physiotherapist in the next few days. Confirming it needs a pressure test, which a sports "
        "medicine clinic can arrange.",
        "A narrative review: it is under-diagnosed, a pressure test confirms it, and surgery is the treatment with the "
        "clearest results; the non-surgical options, a change of foot strike among them, rest on weaker evidence.",
    ),
    "bone-stress": KindText(
        "Bone stress (a stress reaction, which can become a stress fracture)",
        "Bone that is loaded more often than it can repair starts to fail at one spot. A bone stress injury hurts at one "
        "point you can press, and hopping hurts. Running on it can turn it into a fracture.",
        "You ticked pain on pressing a bone or on hopping, or the pain is on the top of the foot, or in the shin or heel "
        "and built up over runs.",
        "Stop running now, and walk only as far as it does not hurt. Do not test it with a run.",
        "Book a physiotherapist or doctor within the next few days; they may arrange a scan. Return to running is planned with them.",
        "A clinical review and small studies: pain and tenderness at one spot of a bone are the usual signs, and "
        "running on it lets it get worse; no test you can do at home rules it out. In one small study, 10 of 19 "
        "runners who moved to minimal shoes over ten weeks showed more bone swelling on scans.",
    ),
    "achilles-sudden": KindText(
        "A sudden Achilles injury, possibly a tear",
        "An Achilles tendon that started to hurt at one moment, rather than building up over runs, may be partly or "
        "fully torn. A full tear usually comes with a pop or a kicked feeling, and you cannot rise onto tiptoe on that leg.",
        "The pain is in the Achilles tendon and came on suddenly, at one moment.",
        "Stop running on it. The pain traffic light does not apply to a tendon that hurt from one moment. Walk only as "
        "far as is comfortable, and do not stretch it or test it with hops.",
        "Get it examined within a day or two by a doctor or physiotherapist, and today if you felt a pop, cannot rise "
        "onto tiptoe, or can feel a gap above the heel (those are red flags).",
        "No study here tests this rule: treating a sudden Achilles pain as a possible tear until someone has examined "
        "it is our convention, on the safe side. The pain traffic light was tested in Achilles tendon pain, not in "
        "sudden injuries.",
    ),
    "calf-strain": KindText(
        "A calf strain (a small tear in the muscle)",
        "A sudden, sharp pain in one spot of the calf, often mid-run or on a push-off, is typical of a small muscle tear.",
        "The calf pain came on suddenly, at one moment, in one spot.",
        "Stop running on it. The pain traffic light does not apply to a sudden muscle pain. Walk as far as it is "
        "comfortable; cycling or swimming are fine if they do not hurt.",
        "See a physiotherapist if it has not settled in a few days, and straight away if a red flag fits (a pop, "
        "bruising, not being able to rise onto tiptoe). A clot can mimic a strain: if the calf swells or turns warm "
        "or red, or the pain comes back without a new injury, get seen today.",
        "Older age and a past calf strain were the strongest risk factors in a review of ten studies in team sports, "
        "basketball and triathlon, many at high risk of bias; none was of runners changing their strike. A case "
        "report describes a clot first treated as a calf strain.",
    ),
    "achilles": KindText(
        "Achilles tendon overload (tendinopathy)",
        "The tendon above the heel protests at more load than it is used to. It is often stiff and sore in the first "
        "steps of the morning and warms up as you move, then aches again later.",
        "It hurts in the Achilles tendon.",
        "Keep to the pain traffic light: pain during runs at 5 out of 10 or below, settled by the next morning, not "
        "rising from week to week. Repeat this week of your plan, or go back a week after a run above 5. Keep doing "
        "calf raises within the same limits: loading exercise is the treatment the physiotherapy guideline recommends.",
        "Book a physiotherapist if it is not improving after a few weeks of this, or if it keeps you from walking "
        "normally. A past Achilles problem makes a new one more likely, so get it looked at early if you have had one.",
        "A physiotherapy guideline recommends loading exercise, and one trial found that running on within these pain "
        "limits did as well as rest; that trial was in people being treated for Achilles tendon pain, not in runners "
        "changing strike.",
        gate=True,
    ),
    "plantar-heel": KindText(
        "Plantar heel pain (plantar fasciitis)",
        "The thick band under the foot is sore where it joins the heel. The classic sign is pain with the first steps "
        "in the morning or after sitting, easing as you walk.",
        "It hurts under the heel or in the arch, especially with the first steps in the morning.",
        "Cut back the new-strike running and hold your plan where it is: a forefoot landing loads the sole of the foot "
        "more than a heel landing. Stretch the calf and the sole of the foot each day, and stay in your usual, more "
        "supportive shoes: this is not the time to move to lower ones.",
        "Book a physiotherapist if it is not easing within a few weeks. Their guideline's strongest recommendations "
        "include stretching, hands-on treatment, taping for short-term relief and night splints for first-step pain; "
        "shoe inserts are recommended less strongly, alongside other treatment rather than on their own.",
        "A physiotherapy guideline for heel pain in general, not for runners changing how they land; that a forefoot "
        "landing loads the sole more comes from a lab study. Holding the plan and keeping your usual shoes is our "
        "convention.",
    ),
    "calf-overload": KindText(
        "Calf overload",
        "The calf and Achilles are doing more than they are ready for: too much new-strike running too soon, or "
        "landing high on the toes. It builds up over runs rather than arriving at one moment.",
        "It is in the calf and built up over several runs, or has lasted more than a week.",
        "Keep to the pain traffic light: pain during runs at 5 out of 10 or below, settled by the next morning, not "
        "rising from week to week. Repeat this week of your plan, or go back a week after a run above 5. Check how "
        "you land: a heel that never touches down keeps the calf working through every step.",
        "See a physiotherapist if it keeps coming back after a couple of easier weeks, or sooner if a red flag fits.",
        "Forefoot landings move work to the ankle and calf (a review of lab studies), and runners in the most minimal "
        "shoes reported more calf pain in one trial. That this is overload rather than injury is our reading of your "
        "answers, not a test, and using the pain traffic light for a calf ache extends it beyond the Achilles tendon "
        "pain it was tested in: our convention.",
        gate=True,
    ),
    "doms": KindText(
        "Delayed-onset muscle soreness",
        "The ordinary ache of a muscle that met a new kind of work. Landing on the forefoot makes the calf brake each "
        "step while it lengthens, and that kind of work leaves the most soreness.",
        "It is in the calf, came on a day or so after a run, is less than a week old (our cut-off), and no warning sign is ticked.",
        "Keep moving: walking and easy cycling are fine. Run again when the calves feel normal on the stairs, and "
        "repeat this week of your plan rather than adding to it.",
        "There is usually no need to see anyone for it. If it has not faded within a week, or it gets worse, treat it as calf overload.",
        "Well described in reviews: it is common after unaccustomed work, especially work that lengthens the muscle "
        "under load. Treatments tried for it have shown small, mixed or no effects, and gentle exercise eases the ache "
        "only for a while. The one-week cut-off is our convention.",
    ),
}


def _sign(fired: p.Fired) -> str:
    return flag_group(fired.group).signs[fired.index]


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def summary(result: p.Result) -> str:
    """One or two plain sentences: the red flag first if there is one, else the likely kinds."""
    if result.flags:
        group = flag_group(result.flags[0].group)
        return f"Red flag: {_sign(result.flags[0]).split(' (')[0]}. {_sentence(group.action)}; this check is not a diagnosis."
    if result.kinds:
        names = [KINDS[kind].name.split(" (")[0] for kind in result.kinds]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        return f"It looks most like {listed[0].lower() + listed[1:]}. This check is not a diagnosis."
    return (
        "Your answers match none of the kinds this check knows. "
        "This check is not a diagnosis: book a physiotherapist if it does not settle in a few days."
    )


def _flags_html(result: p.Result) -> str:
    groups = []
    for group in RED_FLAGS:
        fired = [f for f in result.flags if f.group == group.key]
        if not fired:
            continue
        signs = "".join(f"<li>{escape(_sentence(_sign(f)))}</li>" for f in fired)
        groups.append(
            f'<div class="ffr-pain-flag ffr-flags--{group.key}"><p><strong>{escape(group.title)}</strong></p>'
            f"<p>Your answers hold:</p><ul>{signs}</ul><p>{escape(group.advice)}</p></div>"
        )
    return (
        '<div class="admonition danger ffr-pain-flags"><p class="admonition-title">Red flag: act on this first</p>'
        f"{''.join(groups)}<p>This comes before anything else on this page. Whatever the pain turns out to be, do what "
        "the red flag says first.</p></div>"
    )


def _kind_html(kind: p.KindKey, flagged: bool, refs: str) -> str:
    text = KINDS[kind]
    sources = ", ".join(cite(key, refs) for key in p.SOURCES[kind])
    if flagged:  # the red flag says what to do and whom to see; nothing here may soften or delay it
        advice = "<p><strong>What to do:</strong> follow the red flag above. Tell whoever sees you about this answer.</p>"
    else:
        scope = f" {render_gate_scope()}" if text.gate else ""
        advice = (
            f"<p><strong>This week:</strong> {escape(text.week)}{scope}</p><p><strong>When and whom to see:</strong> {escape(text.see)}</p>"
        )
    return (
        f'<section class="ffr-pain-kind" aria-label="{escape(text.name)}"><h3>{escape(text.name)}</h3>'
        f"<p>{escape(text.what)}</p><p><strong>Why it is listed:</strong> {escape(text.why)}</p>{advice}"
        f"<p><strong>How sure:</strong> {escape(text.evidence)} ({sources})</p></section>"
    )


def _notes_html(result: p.Result, refs: str) -> str:
    notes = []
    if result.pain_high and not result.flags:
        notes.append(
            f"Pain above {p.PAIN_HIGH} out of 10 during runs is high risk on the pain traffic light "
            f"({cite('silbernagel-2007', refs)}): stop the new strike for now and go back a week in your plan. {render_gate_scope()}"
        )
    if result.inputs.onset == "sudden" and result.inputs.where != "calf" and not result.flags:
        notes.append(f"A pain that came on suddenly in one spot is outside the pain traffic light. {render_gate_scope()}")
    if "swelling" in result.inputs.ticked and not result.flags:
        notes.append("Swelling is not part of ordinary soreness: if it has not gone down in a few days, book a physiotherapist or doctor.")
    return "".join(f"<p>{note}</p>" for note in notes)


def render_result(result: p.Result, refs: str = REFERENCES_URL) -> str:
    """Red flags first if any; the summary; the likely kinds (most urgent first); notes; the red-flag list."""
    parts = []
    flagged = bool(result.flags)
    if flagged:
        parts.append(_flags_html(result))
    parts.append(f'<p class="ffr-summary"><strong>{escape(summary(result))}</strong></p>')
    if result.kinds:
        heading = "What else your answers point to, for whoever sees you" if flagged else "What it may be"
        parts.append(f"<h3>{heading}</h3>" + "".join(_kind_html(kind, flagged, refs) for kind in result.kinds))
    elif not flagged:
        parts.append(
            "<p>None of the kinds on this page fits your answers. If it has not settled in a few days, or it keeps "
            "coming back, book a physiotherapist or doctor.</p>"
        )
    parts.append(_notes_html(result, refs))
    parts.append(
        f'<p class="ffr-pain-note">{escape(NOT_A_DIAGNOSIS)} Which answers point to which kind is our own rule, not a validated test.</p>'
    )
    parts.append(render_red_flags("ffr-pain"))
    return '<div class="ffr-pain">' + "".join(parts) + "</div>"


def rows(result: p.Result) -> list[dict[str, str]]:
    """One row per red flag, then one per kind, for the terminal."""
    table = [{"what": "Red flag", "answer": _sentence(_sign(f)), "do": flag_group(f.group).title} for f in result.flags]
    table += [
        {
            "what": "May be",
            "answer": KINDS[kind].name,
            "do": "Follow the red flag first" if result.flags else KINDS[kind].week,
        }
        for kind in result.kinds
    ]
    none = {"what": "May be", "answer": "None of the kinds this check knows", "do": "See a physiotherapist if it does not settle"}
    return table or [none]


def notes(result: p.Result) -> list[str]:
    """Plain lines for the terminal: what to do about any red flag, whom to see for each kind, the gate's scope."""
    lines = []
    for fired in result.flags:
        group = flag_group(fired.group)
        lines.append(f"Red flag: {_sentence(_sign(fired))}. {group.title}. {group.advice}")
    if not result.flags:
        lines += [f"{KINDS[kind].name}: {KINDS[kind].see}" for kind in result.kinds]
    return [*lines, f"About the pain traffic light: {GATE_SCOPE}", NOT_A_DIAGNOSIS]
