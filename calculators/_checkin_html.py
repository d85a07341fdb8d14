"""The check-in as HTML: the advice box that opens a followed plan, the table of check-ins beside the
plan (on screen and in print, for a physiotherapist), and the check-in section the planner page
bakes after the plan.

Words come from ``_checkin_text``; the red flags from ``_safety.RED_FLAGS``, never reworded.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import _checkin_text as t
from . import checkin as c
from . import ramp_up as r
from ._fields import Field
from ._format import escape, format_amount, format_date
from ._safety import RED_FLAGS
from .render import REFERENCES_URL, cite, field_id, render_field

CHECKIN_ID = "ramp-up-checkin"
"""The check-in form's prefix for ids (``render.field_id(CHECKIN_ID, name)``) and error links."""

PAIN_PAGE = "../pain/"
"""The "What is this pain?" page, relative to the planner's page."""
PAIN_GUIDE = "../../guide/pain/"
"""The guide's page on pain, relative to the planner's page."""

_FLAG_TITLES = {group.title for group in RED_FLAGS}


def _sentence(sentence: t.Sentence, refs: str) -> str:
    """A sentence as HTML, its basis as citation links or "our convention"."""
    if not sentence.basis:
        return f"{escape(sentence.text)}."
    basis = "; ".join(escape(key) if key == t.CONVENTION else cite(key, refs) for key in sentence.basis)
    return f"{escape(sentence.text)} ({basis})."


def _fired(advice: c.Advice) -> str:
    """The red flags the reader ticked, in their groups, most urgent first: the group's title, its lead,
    the ticked signs and the group's advice, word for word as the full list says them."""
    groups = []
    for group, signs in t.fired(advice.flags):
        ident = f"ffr-ramp-up-advice-flags-{group.key}"
        items = "".join(f"<li>{escape(sign)}</li>" for sign in signs)
        advice_text = f'<p class="ffr-flags__advice">{escape(group.advice)}</p>' if group.advice else ""
        groups.append(
            f'<div class="ffr-flags ffr-flags--{group.key}">'
            f'<p class="ffr-flags__title" id="{ident}"><strong>{escape(group.title)}</strong></p>'
            f'<p class="ffr-flags__lead">{escape(group.lead)}</p><ul aria-labelledby="{ident}">{items}</ul>{advice_text}</div>'
        )
    return "".join(groups)


ADMONITION = {
    "move-on": "success",
    "repeat": "warning",
    "back": "warning",
    "hold": "warning",
    "stop": "danger",
    "wait": "info",
    "restart": "info",
}
"""Material's admonition type for each outcome: its icon and colour only repeat what the title says."""
ACCEPTABLE_FROM = 2
"""Pain above 2 out of 10 is "acceptable", not "safe", in the pain-monitoring model (Silbernagel et al. 2007):
a move-on then gets a plain note, not a success box."""


def _answered(result: r.Result) -> tuple[c.Advice, c.CheckIn] | None:
    """The latest advice and the check-in it answers, if the reader has checked in."""
    advice = result.advice
    if advice is None:
        return None
    entry = next((e for e in reversed(result.log.entries) if e.day == advice.day), None)
    return None if entry is None else (advice, entry)


def advice_lines(result: r.Result) -> list[str]:
    """The latest advice as plain lines, for the CSV, the calendar and the terminal; empty without a check-in."""
    answered = _answered(result)
    return t.advice_lines(*answered) if answered else []


def render_advice(result: r.Result, refs: str = REFERENCES_URL) -> str:
    """The advice box that opens a followed plan: the outcome as its title, then (for a red flag) the signs
    that fired with whom to see, most urgent first, then what to do and why, each with its source.
    Empty without a check-in."""
    answered = _answered(result)
    if answered is None:
        return ""
    advice, entry = answered
    body = [f'<p class="ffr-advice__headline"><strong>{escape(t.title(advice))}.</strong></p>']
    if advice.outcome == "stop":
        body.append("<p>You ticked:</p>" + _fired(advice))
    body += [f"<p>{_sentence(s, refs)}</p>" for s in t.sentences(advice, entry)]
    opened = t.strength_sentences(advice, entry)
    if opened:
        body.append(f"<p>{' '.join(_sentence(s, refs) for s in opened)}</p>")
    kind = ADMONITION[advice.outcome]
    if advice.outcome == "move-on" and entry.pain > ACCEPTABLE_FROM:
        kind = "note"  # the model calls this pain acceptable, not safe
    elif advice.outcome == "hold" and {"sudden-achilles", "pain-severe"} & set(advice.reasons):
        kind = "danger"
    return (
        f'<div class="admonition {kind} ffr-advice ffr-advice--{advice.outcome}" data-ffr-outcome="{advice.outcome}">'
        f'<p class="admonition-title">Your check-in of {escape(format_date(advice.day))}</p>{"".join(body)}</div>'
    )


CHECKIN_COLUMNS = (
    ("week", "Week"),
    ("day", "Checked in"),
    ("pain", "Worst pain in runs (0 to 10)"),
    ("settled", "Settled by next morning"),
    ("rising", "Worse than last week"),
    ("where", "Where"),
    ("sudden", "Came on suddenly, in one spot"),
    ("flags", "Red flags"),
    ("done", "Runs done as planned"),
    ("heel_raises", "Single-leg heel raises"),
    ("new_strike", "New strike counted as done"),
    ("outcome", "Outcome"),
)
"""The columns of "Your check-ins", on the page, in print and in the CSV."""


def checkin_rows(result: r.Result) -> list[dict[str, str]]:
    """Each check-in as plain strings, in order: what the reader said, and what the plan did with it."""
    unit = result.inputs.unit
    found = []
    for number, done in enumerate(result.logged, start=1):
        entry = done.entry
        flags = [sign for _, signs in t.fired(entry.flags) for sign in signs]
        found.append(
            {
                "week": str(number),
                "day": format_date(entry.day),
                "pain": str(entry.pain),
                "settled": t.yes_no(entry.settled),
                "rising": t.yes_no(entry.rising),
                "where": t.place_words(entry.where),
                "sudden": t.yes_no(entry.sudden),
                "flags": "; ".join(flags) if flags else "none",
                "done": t.done_words(entry),
                "heel_raises": "" if entry.heel_raises is None else str(entry.heel_raises),
                "new_strike": format_amount(done.done, unit),
                "outcome": t.DONE_WORDS[done.outcome].capitalize(),
            }
        )
    return found


def render_checkins(result: r.Result) -> str:
    """ "Your check-ins": a table beside the plan, for the reader and their physiotherapist. Empty without one."""
    found = checkin_rows(result)
    if not found:
        return ""
    head = "".join(f'<th scope="col">{escape(title)}</th>' for _, title in CHECKIN_COLUMNS)
    body = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row" class="ffr-num">{escape(row[key])}</th>' if key == "week" else f"<td>{escape(row[key])}</td>"
            for key, _ in CHECKIN_COLUMNS
        )
        + "</tr>"
        for row in found
    )
    return (
        '<div class="ffr-table-wrap ffr-checkins-wrap" tabindex="0" role="region" aria-label="Your check-ins">'
        f'<table class="ffr-table ffr-checkins"><caption>Your check-ins</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _group_fields(fields: tuple[Field, ...]) -> list[tuple[str, list[Field]]]:
    groups: list[tuple[str, list[Field]]] = []
    for spec in fields:
        if not groups or groups[-1][0] != spec.group:
            groups.append((spec.group, []))
        groups[-1][1].append(spec)
    return groups


def _fieldset(legend: str, html: str, extra_class: str = "") -> str:
    classes = f"ffr-fieldset {extra_class}".strip()
    return f'<fieldset class="{classes}"><legend>{escape(legend)}</legend><div class="ffr-fields">{html}</div></fieldset>'


def render_checkin_form(values: Mapping[str, str] | None = None) -> str:
    """The check-in form: an empty error summary box, the fields of ``checkin.FIELDS`` in their groups
    (the red-flag questions in one fieldset, a group per red-flag group, titled as the list titles it)
    and the submit button, baked disabled until the page's script is ready."""
    values = values or {}
    fields = c.FIELDS
    parts = []
    flags: list[str] = []
    for legend, specs in _group_fields(fields):
        html = "".join(render_field(CHECKIN_ID, spec, fields, values.get(spec.name, spec.default)) for spec in specs)
        if legend in _FLAG_TITLES:
            flags.append(_fieldset(legend, html, "ffr-checkin__flags"))
            continue
        if flags:
            parts.append(_flags_fieldset(flags))
            flags = []
        parts.append(_fieldset(legend, html) if legend else f'<div class="ffr-fields">{html}</div>')
    if flags:
        parts.append(_flags_fieldset(flags))
    return (
        # method="dialog": sent before the script wires it, it goes nowhere (render_form says why).
        '<form class="ffr-form ffr-js-checkin" novalidate method="dialog" aria-labelledby="ffr-ramp-up-checkin-title">'
        '<div class="ffr-error-summary ffr-js-checkin-summary" tabindex="-1" hidden></div>'
        f"{''.join(parts)}"
        '<div class="ffr-actions"><button class="md-button md-button--primary" type="submit" disabled>Check in this week</button></div>'
        "</form>"
    )


def _flags_fieldset(groups: list[str]) -> str:
    hint_id = field_id(CHECKIN_ID, "flags-hint")
    return (
        f'<fieldset class="ffr-fieldset" aria-describedby="{hint_id}"><legend>Red flags since your last check-in</legend>'
        f'<p class="ffr-hint" id="{hint_id}">First: if you have any of the emergency signs now, stop here and call 999 (UK), '
        "112 (Europe) or 911 (North America). Tick any sign you have had since your last check-in: any one stops the plan, "
        "and the advice says whom to see.</p>"
        f"{''.join(groups)}</fieldset>"
    )


def render_checkin() -> str:
    """The check-in section the planner page bakes after the plan, inside the calculator's root and outside
    its live region: "How did this week go?", the form, a status line, and the log's tools (save, load,
    remove the last check-in) with a line on where the log stays. Everything that needs the page's script
    is baked disabled, and the status line says so until the script takes over."""
    load_id = field_id(CHECKIN_ID, "log-file")
    return (
        '<section class="ffr-checkin ffr-screen-only" data-ffr-checkin aria-labelledby="ffr-ramp-up-checkin-title">'
        '<h2 id="ffr-ramp-up-checkin-title" data-search-exclude>How did this week go?</h2>'
        "<p>At the end of each week of the plan, answer for that week: the plan above then moves on, repeats the week, "
        "steps back or waits, and says why. Not sure what a pain means? Answer "
        f'<a href="{PAIN_PAGE}">What is this pain?</a>, or read <a href="{PAIN_GUIDE}">Pain and when to stop</a>.</p>'
        f"{render_checkin_form()}"
        '<p class="ffr-status ffr-js-checkin-status" role="status">Checking in needs JavaScript. '
        "Without it, the plan above stays as planned and the pain gate tells you what to do.</p>"
        '<div class="ffr-checkin__log" role="group" aria-labelledby="ffr-ramp-up-log-title">'
        '<p class="ffr-checkin__log-title" id="ffr-ramp-up-log-title">Your log</p>'
        '<p class="ffr-checkin__privacy">Your check-ins stay in this browser, on this device. They are never sent '
        "anywhere, and never go into the plan's address. Save your log to keep a copy or to move it to another device.</p>"
        '<div class="ffr-checkin__log-tools">'
        '<button class="md-button ffr-js-log-save" type="button" disabled>Save my log</button>'
        f'<div class="ffr-checkin__load"><label class="ffr-label" for="{load_id}">Load a log</label>'
        f'<p class="ffr-error-message ffr-js-log-load-error" id="{load_id}-error" hidden>'
        '<span class="ffr-visually-hidden">Error: </span><span class="ffr-js-error-text"></span></p>'
        f'<input class="ffr-js-log-load" type="file" id="{load_id}" accept=".json,application/json" disabled></div>'
        '<button class="md-button ffr-js-log-undo" type="button" disabled>Remove the last check-in</button>'
        "</div></div></section>"
    )
