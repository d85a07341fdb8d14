"""HTML for calculator forms, field errors, the page's calculator shell and the safety parts.

Pure functions returning strings, escaped as ``html.escape`` does. The same code
renders the default result at build time and every result in the browser, so the
two cannot drift apart. Renderers never compute; they only present a ``Result``
(``render_widget``, the shell a page bakes, asks its calculator for the default one).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from ._fields import WEEKDAYS, Field, day_words, default_values, describe_inputs, is_ticked, weekday
from ._format import escape
from ._safety import CAUTIONS, CAUTIONS_TITLE, GATE_SCOPE, RED_FLAGS, RED_FLAGS_TITLE
from ._sources import SOURCES

if TYPE_CHECKING:
    from ._registry import Calculator

REFERENCES_URL = "../../references/"
"""Where citation links point, relative to a calculator page."""


TICKED = "on"
"""The ``value`` of a ``flag`` field's tick box: what the form gives for it when ticked ("" when not)."""


def field_id(calculator: str, name: str) -> str:
    """The ``id`` of a field's control."""
    return f"ffr-{calculator}-{name}"


def cite(key: str, refs_url: str = REFERENCES_URL) -> str:
    """A citation link to the references page."""
    return f'<a class="ffr-cite" href="{escape(refs_url)}#{escape(key)}">{escape(SOURCES[key])}</a>'


def _control(calculator: str, spec: Field, value: str, described: str) -> str:
    ident = field_id(calculator, spec.name)
    common = f'id="{ident}" name="{spec.name}"'
    if described:
        common += f' aria-describedby="{described}"'
    if spec.kind == "choice":
        options = "".join(
            f'<option value="{escape(v)}"{" selected" if v == value else ""}>{escape(lbl)}</option>' for v, lbl in spec.choices
        )
        return f'<select class="ffr-select" {common}>{options}</select>'
    if spec.kind == "flag":
        checked = " checked" if is_ticked(value) else ""
        return f'<input class="ffr-checkbox" type="checkbox" value="{TICKED}" {common}{checked}>'
    if spec.kind == "date":  # text, not type="date": browsers silently drop what a date picker cannot read
        return (
            f'<input class="ffr-input ffr-input--date" type="text" inputmode="numeric" autocomplete="off" '
            f'placeholder="YYYY-MM-DD" {common} value="{escape(value)}">'
        )
    if spec.kind == "duration":
        return f'<input class="ffr-input" type="text" autocomplete="off" spellcheck="false" {common} value="{escape(value)}">'
    mode = "numeric" if spec.kind == "integer" else "decimal"
    return (
        f'<input class="ffr-input" type="text" inputmode="{mode}" autocomplete="off" spellcheck="false" {common} value="{escape(value)}">'
    )


def _suffix(spec: Field, fields: tuple[Field, ...]) -> str:
    if spec.unit_field:
        unit_spec = next(f for f in fields if f.name == spec.unit_field)
        spans = "".join(f'<span data-ffr-unit="{escape(v)}">{escape(spec.unit + v)}</span>' for v, _ in unit_spec.choices)
        return f'<span class="ffr-suffix" aria-hidden="true">{spans}</span>'
    return ""


def _days_field(calculator: str, spec: Field, value: str) -> str:
    """A ``days`` field: one tick box per weekday in a fieldset whose legend is the label.

    The first box carries the field's id, so links to the field (error summary) land on it;
    the fieldset carries the hint and (once the page shows one) the error, as GOV.UK's checkboxes do.
    """
    ident = field_id(calculator, spec.name)
    ticked = {WEEKDAYS[day] for word in day_words(value) if (day := weekday(word)) is not None}
    described = f' aria-describedby="{ident}-hint"' if spec.hint else ""
    ids = [ident] + [f"{ident}-{day}" for day in WEEKDAYS[1:]]
    boxes = "".join(
        f'<span class="ffr-day"><input class="ffr-checkbox" type="checkbox" data-ffr-multi id="{box}" name="{spec.name}" '
        f'value="{day}"{" checked" if day in ticked else ""}><label for="{box}">{day.title()}</label></span>'
        for box, day in zip(ids, WEEKDAYS, strict=True)
    )
    hint = f'<p class="ffr-hint" id="{ident}-hint">{escape(spec.hint)}</p>' if spec.hint else ""
    return (
        f'<div class="ffr-field ffr-field--days" data-field="{spec.name}">'
        f'<fieldset class="ffr-days ffr-js-described"{described}>'
        f'<legend class="ffr-label">{escape(spec.label)}</legend>{hint}{_error_message(ident)}<div class="ffr-days__boxes">{boxes}</div>'
        f"</fieldset></div>"
    )


def _error_message(ident: str) -> str:
    """A field's error message, hidden and empty: the page fills it with a message Python returns
    (``calculator-errors.mjs``), shows it and points the control's ``aria-describedby`` at it."""
    return (
        f'<p class="ffr-error-message ffr-js-error" id="{ident}-error" hidden>'
        f'<span class="ffr-visually-hidden">Error: </span><span class="ffr-js-error-text"></span></p>'
    )


def render_field(calculator: str, spec: Field, fields: tuple[Field, ...], value: str) -> str:
    """One labelled control with its hint and its error message (hidden until the page shows one)."""
    if spec.kind == "days":
        return _days_field(calculator, spec, value)
    ident = field_id(calculator, spec.name)
    unit_note = ""
    if spec.unit_field:
        unit_note = ' <span class="ffr-unit-note">(in the unit chosen above)</span>'
    elif spec.unit and spec.kind in {"number", "integer"}:
        unit_note = f' <span class="ffr-unit-note">({escape(spec.unit)})</span>'
    label = f'<label class="ffr-label" for="{ident}">{escape(spec.label)}{unit_note}</label>'
    hint = f'<p class="ffr-hint" id="{ident}-hint">{escape(spec.hint)}</p>' if spec.hint else ""
    message = _error_message(ident)
    control = _control(calculator, spec, value, f"{ident}-hint" if spec.hint else "")
    classes = f"ffr-field ffr-field--{spec.kind}"
    if spec.kind == "flag":
        return f'<div class="{classes}" data-field="{spec.name}">{message}<div class="ffr-flag">{control}{label}</div>{hint}</div>'
    return (
        f'<div class="{classes}" data-field="{spec.name}">{label}{hint}{message}'
        f'<div class="ffr-control">{control}{_suffix(spec, fields)}</div></div>'
    )


def render_error_summary(calculator: str, errors: Mapping[str, str]) -> str:
    """The list of problems shown above the form, each linking to its field.

    The worker returns it with the field messages; the page puts it in the form's (baked,
    empty) summary box.
    """
    if not errors:
        return ""
    items = "".join(f'<li><a href="#{field_id(calculator, name)}">{escape(msg)}</a></li>' for name, msg in errors.items())
    count = "one value" if len(errors) == 1 else f"{len(errors)} values"
    return (
        f'<h2 class="ffr-error-summary__title">Please check {count}</h2>'
        f"<p>The result below is still the last one that worked.</p><ul>{items}</ul>"
    )


def render_form(
    calculator: str,
    fields: tuple[Field, ...],
    values: Mapping[str, str],
    submit: str = "Update",
) -> str:
    """The whole form: an empty error summary box, every field, the submit button and a status line.

    ``method="dialog"``: sent before the page's script has wired it (or with JavaScript off),
    a form outside a dialog goes nowhere. Sent with ``get`` it would put the reader's answers
    in the address and in the request to the host, which may log them.
    """
    groups: list[tuple[str, list[str]]] = []
    for spec in fields:
        html = render_field(calculator, spec, fields, values.get(spec.name, spec.default))
        if not groups or groups[-1][0] != spec.group:
            groups.append((spec.group, []))
        groups[-1][1].append(html)
    body = "".join(
        f'<fieldset class="ffr-fieldset"><legend>{escape(legend)}</legend><div class="ffr-fields">{"".join(items)}</div></fieldset>'
        if legend
        else f'<div class="ffr-fields">{"".join(items)}</div>'
        for legend, items in groups
    )
    return (
        f'<form class="ffr-form ffr-js-form" novalidate method="dialog" aria-label="Your details">'
        f'<div class="ffr-error-summary ffr-js-summary" tabindex="-1" hidden></div>'
        f"{body}"
        f'<div class="ffr-actions"><button class="md-button md-button--primary" type="submit">{escape(submit)}</button>'
        f'<p class="ffr-status ffr-js-status" role="status" aria-live="polite">The result below is for the values shown. '
        f"Recalculating needs JavaScript; with it on, the result updates as you type.</p></div>"
        f"</form>"
    )


UNINDEXED = "ffr-unindexed"
"""A neutral block (a custom element, no semantics) around the parts of a baked calculator or worked example, which the site's
search leaves out: a result is numbers for one set of answers and a form is labels, not text to search (the page's
guidance around them is indexed). Material's search skips an element marked
``data-search-exclude`` only until an element of the same tag inside it closes, so the mark goes on a tag no
result uses."""


def render_widget(calc: Calculator[Any, Any]) -> str:
    """A calculator as its page ships it: the form at its defaults, the calculator's tools (if any), the
    result for those defaults and what the calculator bakes after it (the planner's check-in).

    The page's one ``aria-live`` region is the form's status line: after a change the page's script puts
    the result's one-sentence summary there (``live`` in the worker's reply), while the whole result,
    with its week-by-week table, is replaced outside any live region, so a screen reader announces one
    sentence, not forty rows.

    The root carries ``data-module="ffr-calculator"`` and the calculator's id, for the page's script
    and the PDF; ``data-ffr-state="static"`` until the script takes over.
    """
    values = default_values(calc.fields)
    result = calc.compute(calc.parse_inputs(values))
    return (
        f'<div class="ffr-calculator" data-module="ffr-calculator" data-calculator="{escape(calc.id)}" '
        f'data-ffr-state="static"><{UNINDEXED} data-search-exclude>'
        f"{render_form(calc.id, calc.fields, values, submit=calc.submit)}"
        f"{calc.tools() if calc.tools else ''}"
        f'<div class="ffr-result ffr-js-result">{calc.render_result(result)}</div>'
        f"{calc.after() if calc.after else ''}"
        f"</{UNINDEXED}></div>"
    )


def render_given(fields: tuple[Field, ...], values: Mapping[str, str], names: Collection[str]) -> str:
    """The inputs a worked example gives, as phrasing content: "Age: <strong>48 years</strong>; ...".

    Parameters:
        fields: The calculator's spec.
        values: Every raw value (the example's, the rest at their defaults): a unit field's value words its numbers.
        names: The fields the example gives.
    """
    return "; ".join(f"{escape(label)}: <strong>{escape(shown)}</strong>" for label, shown in describe_inputs(fields, values, names))


def render_red_flags(prefix: str) -> str:
    """The red flags in their groups, most urgent first: shown with every result and on the pain and about pages.

    Each group's list is labelled by the group's title (not by colour alone), through an id that starts
    with ``prefix``; give each list on a page its own prefix (the calculator's id, say).
    """
    groups = []
    for group in RED_FLAGS:
        ident = f"{prefix}-flags-{group.key}"
        signs = "".join(f"<li>{escape(sign)}</li>" for sign in group.signs)
        advice = f'<p class="ffr-flags__advice">{escape(group.advice)}</p>' if group.advice else ""
        groups.append(
            f'<div class="ffr-flags ffr-flags--{group.key}">'
            f'<p class="ffr-flags__title" id="{ident}"><strong>{escape(group.title)}</strong></p>'
            f'<p class="ffr-flags__lead">{escape(group.lead)}</p><ul aria-labelledby="{ident}">{signs}</ul>{advice}</div>'
        )
    return f'<div class="admonition danger ffr-red-flags"><p class="admonition-title">{escape(RED_FLAGS_TITLE)}</p>{"".join(groups)}</div>'


def render_cautions() -> str:
    """Who should ask a clinician before barefoot drills or the switch."""
    items = "".join(f"<li><strong>{escape(c.who)}:</strong> {escape(c.advice)}</li>" for c in CAUTIONS)
    return f'<div class="admonition warning ffr-cautions"><p class="admonition-title">{escape(CAUTIONS_TITLE)}</p><ul>{items}</ul></div>'


def render_gate_scope() -> str:
    """What the pain gate does not cover, as phrasing content: it goes inside a paragraph, a list item or a caption."""
    return f'<span class="ffr-gate-scope">{escape(GATE_SCOPE)}</span>'
