"""The checklist result as HTML, as plain rows, and as a printable blank sheet."""

from __future__ import annotations

from . import checklist as k
from ._format import escape, urlencode
from ._safety import GATE_SCOPE, flag_group
from .render import REFERENCES_URL, cite, render_gate_scope, render_red_flags

PLANNER_URL = "../ramp-up/"
PAIN_URL = "../pain/"
"""The "what is this pain?" page, where the pain answers send readers to sort out what kind of pain it is."""
NAMES = {"overstride": "Overstriding", "calf": "Calf overload"}
MEANING = {
    "overstride": "braking because the foot lands too far ahead of the body",
    "calf": "more load on the calf and Achilles than they are ready for",
}
BAND_WORDS = {"low": "Low", "moderate": "Moderate", "high": "High"}
PAIN_HIGH = next(item for item in k.ITEMS if item.name == "pain_high")
TICKED_FLAG = flag_group(k.RED_FLAG_GROUP)
"""What a ticked "Right now" answer calls for."""


def summary(result: k.Result) -> str:
    """Both bands in one sentence, or the red-flag instruction."""
    if result.red_flags:
        return f"You ticked a red flag: stop running and {TICKED_FLAG.action}, before anything else."
    return f"Overstriding: {result.overstride.band}. Calf overload: {result.calf.band}. This is a structured self-check, not a diagnosis."


def rows(result: k.Result) -> list[dict[str, str]]:
    """One row per concern, for the terminal and for export."""
    return [
        {"concern": NAMES[c.concern], "band": c.band, "points": str(c.points), "because": "; ".join(i.question for i in c.drivers)}
        for c in (result.overstride, result.calf)
    ]


def _concern(c: k.ConcernResult, refs: str) -> str:
    if c.drivers:
        items = "".join(
            f"<li>{escape(i.question)}. {escape(i.why)} ({cite(i.source, refs)})"
            + (f' <strong class="ffr-advice">What to do:</strong> {escape(i.advice)}' if i.advice else "")
            + "</li>"
            for i in c.drivers
        )
        because = f"<p>Because you ticked:</p><ul>{items}</ul>"
    else:
        because = "<p>None of your answers points to this.</p>"
    return (
        f'<section class="ffr-concern ffr-concern--{c.band}" aria-label="{NAMES[c.concern]}">'
        f"<h3>{NAMES[c.concern]}: {BAND_WORDS[c.band]} <small>({c.points} points)</small></h3>"
        f"<p>{escape(MEANING[c.concern][0].upper() + MEANING[c.concern][1:])}.</p>{because}</section>"
    )


def _pain_note(refs: str) -> str:
    """What the pain answers rest on, and what they do not cover."""
    return (
        f'<p class="ffr-pain-note">The pain answers use the pain-monitoring model ({cite("silbernagel-2007", refs)}). '
        f"{render_gate_scope()} "
        f'Not sure what kind of pain it is, or whom to see? Answer the questions in <a href="{PAIN_URL}">What is this pain?</a></p>'
    )


def notes(result: k.Result) -> list[str]:
    """Plain lines for the terminal: what to do for answers that need it, and the pain rules' scope."""
    lines = [f"{i.question}: {i.advice}" for c in (result.overstride, result.calf) for i in c.drivers if i.advice]
    if result.red_flags:
        lines.insert(0, f"You ticked: {'; '.join(result.red_flags)}. {TICKED_FLAG.title}. {TICKED_FLAG.advice}")
    return [*lines, f"About pain: {GATE_SCOPE}"]


def how_it_works(refs: str = REFERENCES_URL, open_: bool = False) -> str:
    """The weights and bands, straight from the data in ``checklist``."""
    rows_html = "".join(
        f"<tr><td>{escape(i.question)}</td><td>{NAMES[i.concern]}</td><td class='ffr-num'>{i.points}</td>"
        f"<td>{cite(i.source, refs)}</td></tr>"
        for i in (*k.ITEMS, k.AGE_ITEM, k.MASS_ITEM)
    )
    limits = "; ".join(f"{NAMES[c]}: moderate from {m} points, high from {h}" for c, (m, h) in k.BANDS.items())
    return (
        f'<details class="ffr-rules"{" open" if open_ else ""}><summary>How this check works</summary>'
        "<p>Each answer adds points to one of two concerns. The points and the limits are our own weighting of the "
        "studies cited; no one has validated them as a clinical score. "
        f"{escape(limits)}. A red-flag answer overrides both bands.</p>"
        '<div class="ffr-table-wrap" tabindex="0" role="region" aria-label="Checklist weights">'
        '<table class="ffr-table"><thead><tr><th scope="col">Answer</th><th scope="col">Concern</th>'
        f'<th scope="col">Points</th><th scope="col">Source</th></tr></thead><tbody>{rows_html}</tbody></table></div>'
        "</details>"
    )


def render_result(result: k.Result, refs: str = REFERENCES_URL) -> str:
    """Red flags first when ticked, then both concerns, the cues, the planner link and how it works."""
    parts = []
    if result.red_flags:
        ticked = "".join(f"<li>{escape(flag)}</li>" for flag in result.red_flags)
        parts.append(
            f'<div class="admonition danger"><p class="admonition-title">{escape(TICKED_FLAG.title)}</p>'
            f"<p>You ticked:</p><ul>{ticked}</ul><p>{escape(TICKED_FLAG.advice)} This comes before everything else "
            "on this page: do not run until a doctor or physiotherapist has seen you.</p></div>"
        )
    parts.append(f'<p class="ffr-summary"><strong>{escape(summary(result))}</strong></p>')
    if not result.red_flags:
        parts.append(_concern(result.overstride, refs) + _concern(result.calf, refs))
        if result.cues:
            cues = "".join(f"<li>{escape(cue)}</li>" for cue in result.cues)
            parts.append(f"<h3>What to try</h3><ol class='ffr-cues'>{cues}</ol>")
        query = urlencode({key: value for key, value in result.planner.items() if value})
        link = PLANNER_URL + (f"#{query}" if query else "")  # the fragment: never sent to a server
        parts.append(
            f'<p><a class="md-button" href="{escape(link)}">Plan your transition with these answers</a> '
            "The ramp-up planner opens with your age, body mass and injury history filled in.</p>"
        )
    parts.append(_pain_note(refs))
    parts.append(render_red_flags("ffr-checklist"))
    parts.append(how_it_works(refs))
    return '<div class="ffr-checklist">' + "".join(parts) + "</div>"


def _slug(text: str) -> str:
    """Letters and digits of ``text`` in lower case, anything else as single hyphens."""
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def render_blank(refs: str = REFERENCES_URL) -> str:
    """The checklist as a sheet to print and tick by hand."""
    groups: dict[str, list[str]] = {}
    for field in k.FIELDS:
        if field.kind != "flag":
            continue
        groups.setdefault(field.group, []).append(f'<li><span class="ffr-box" aria-hidden="true"></span> {escape(field.label)}</li>')
    # h2: the sheet is the page's main content, straight under its h1. Each has an id, as
    # Markdown's headings do, so the PDF's table of contents can link to it.
    sections = "".join(
        f"<h2 id='sheet-{_slug(group)}'>{escape(group)}</h2><ul class='ffr-blank'>{''.join(items)}</ul>" for group, items in groups.items()
    )
    return (
        '<div class="ffr-print-sheet">'
        f"{sections}<p>Age: ______ years &nbsp; Body mass: ______ kg</p>"
        f"<p><strong>If you ticked anything under 'Right now': stop running and {escape(TICKED_FLAG.action)}.</strong> "
        "Otherwise, enter your ticks in the online check for your two bands and the cues that fit them.</p>"
        f"<p>If you ticked '{escape(PAIN_HIGH.question)}': {escape(PAIN_HIGH.advice)}</p>"
        f"{_pain_note(refs)}{render_red_flags('ffr-sheet')}"
        f"{how_it_works(refs, open_=True)}</div>"
    )
