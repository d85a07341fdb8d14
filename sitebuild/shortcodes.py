"""Calculators, worked examples and safety parts baked into pages, from shortcodes.

The Markdown extension (``sitebuild.markdown``) calls :func:`render` on each page's HTML,
after Python-Markdown has put the raw HTML (the shortcodes are HTML comments) back:

- ``<!-- calc:ID -->`` becomes the calculator's form and its default result, rendered by the
  same Python the browser runs, and ``<!-- calc-print:ID -->`` its printable blank version,
  marked ``data-ffr-print="ID"`` so the PDF can point to it. An unknown id fails the build.
- ``<!-- calc-example:ID name=value ... -->`` bakes a worked example into a guide page: the
  result for those inputs (the same ``parse_inputs``, ``compute`` and ``render_result``),
  with no form and no worker, and a link that opens the calculator with those inputs. An
  unknown id or field, or a value the calculator refuses, fails the build with the
  calculator's own message.
- ``<!-- safety:red-flags -->``, ``<!-- safety:cautions -->`` and ``<!-- safety:gate-scope -->``
  put the red flags (in their groups), the cautions before barefoot drills or the switch, and
  what the pain gate does not cover into a guide page, rendered from ``calculators/_safety.py``
  by the same code as every calculator result, so no page writes them by hand. The first two
  are blocks (put them on a line of their own); ``gate-scope`` is a sentence that can go inside a
  paragraph, a list item or a caption. An unknown ``safety:`` name fails the build.
- ``<!-- watch:reader -->`` puts the "From your watch" reader into a page: its words before
  any file (``calculators._watch_web.render_page``, Python's, like every result) inside the
  controls the page's script wires (``watch-page.mjs``): a real file input with its label (the
  drop zone around it an enhancement), the distance unit, a progress bar with its text and a
  Cancel button, the status line (the one live region), the result's place (outside it) and
  the links that open the planner and the cadence tool with the figures read. Once a page,
  on a page at the depth of ``calculators/*.md``; any other ``watch:`` name fails the build.

The calculators link to the references page by a fixed relative address
(``calculators.render.REFERENCES_URL``), in the browser too; a live calculator or a blank
sheet on a page from which that address misses the references page fails the build.
Everything here is written with links as the browser reads them on the built page; the
page's generator gets them in the form it turns into those links
(:meth:`~sitebuild.page.PageContext.raw_html`: Zensical rewrites links in raw HTML).
"""

from __future__ import annotations

import importlib
import itertools
import re
import shlex
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from . import SiteError
from .page import PageContext
from .references import PAGE as REFERENCES_PAGE

SHORTCODE = re.compile(r"<!--\s*calc(-print)?:([a-z0-9-]+)\s*-->")
# Matched loosely and parsed strictly, so that a malformed example fails the build
# instead of staying behind as an invisible comment.
EXAMPLE = re.compile(r"<!--\s*calc-example:(.*?)-->", re.S)
SAFETY = re.compile(r"<!--\s*safety:([a-z0-9-]*)\s*-->")
WATCH = re.compile(r"<!--\s*watch:([a-z0-9-]*)\s*-->")
WATCH_INTRO = '<div class="ffr-watch-intro">'
"""How ``_watch_web.render_page`` opens its introduction (paragraphs only), which the controls follow."""


def _package() -> Any:
    """The calculators package, as ``sys.modules`` holds it now (a preview server may have reloaded it)."""
    return importlib.import_module("calculators")


def _calculator(calc_id: str, shortcode: str = "calc:") -> Any:
    calculators = _package()
    calc = calculators.CALCULATORS.get(calc_id)
    if calc is None:
        known = ", ".join(sorted(calculators.CALCULATORS))
        raise SiteError(f"Unknown calculator {calc_id!r} in a {shortcode} shortcode (known: {known})")
    return calc


def render_blank(calc_id: str) -> str:
    """A calculator's printable blank version (``<!-- calc-print:ID -->``)."""
    calc = _calculator(calc_id)
    if calc.blank is None:
        raise SiteError(f"Calculator {calc_id!r} has no printable blank version")
    return str(calc.blank())


def render_widget(calc_id: str) -> str:
    """The form and default result of one calculator, as the page ships them."""
    return str(_package().render.render_widget(_calculator(calc_id)))


def parse_example(body: str, where: str) -> tuple[str, dict[str, str]]:
    """Read the inside of a ``calc-example:`` shortcode.

    Parameters:
        body: The text after ``calc-example:``, like ``ramp-up unit=km age=48``.
            A value with spaces goes in double quotes.
        where: The page, for error messages.

    Returns:
        The calculator id and the raw values given, by field name.

    Raises:
        SiteError: On an unknown id or field, a token that is not ``name=value``,
            or a field given twice.
    """
    try:
        tokens = shlex.split(body)
    except ValueError as error:
        raise SiteError(f"{where}: cannot read calc-example shortcode {body.strip()!r}: {error}") from None
    if not tokens:
        raise SiteError(f"{where}: calc-example shortcode names no calculator")
    calc = _calculator(tokens[0], "calc-example:")
    names = [spec.name for spec in calc.fields]
    given: dict[str, str] = {}
    for token in tokens[1:]:
        name, sep, value = token.partition("=")
        if not sep:
            raise SiteError(f"{where}: calc-example:{tokens[0]} expects name=value, got {token!r}")
        if name not in names:
            raise SiteError(f"{where}: calc-example:{tokens[0]} has no field {name!r} (fields: {', '.join(names)})")
        if name in given:
            raise SiteError(f"{where}: calc-example:{tokens[0]} gives {name!r} twice")
        given[name] = value
    return tokens[0], given


def _describe(calc: Any, given: dict[str, str], values: dict[str, str]) -> str:
    """The given inputs as a reader would say them: "Age: 48 years"."""
    return str(_package().render.render_given(calc.fields, values, given))


def render_example(calc_id: str, given: dict[str, str], page: PageContext, docs: Path) -> str:
    """A worked example: the result for ``given`` (other fields at their defaults) and a
    link that opens the calculator with exactly these inputs."""
    where = page.src_path
    calculators = _package()
    calc = _calculator(calc_id, "calc-example:")
    values = {**calculators.default_values(calc.fields), **given}
    try:
        result = calc.compute(calc.parse_inputs(values))
    except calculators.InputError as error:
        problems = "; ".join(f"{name}={values[name]!r}: {message}" for name, message in error.errors.items())
        raise SiteError(f"{where}: calc-example:{calc_id} cannot use these values: {problems}") from None
    except calculators.CalculatorError as error:
        raise SiteError(f"{where}: calc-example:{calc_id} failed: {error}") from None
    target = f"calculators/{calc_id}.md"
    if not (docs / target).is_file() or not (docs / REFERENCES_PAGE).is_file():
        raise SiteError(f"{where}: calc-example:{calc_id} needs {target} and {REFERENCES_PAGE} in the docs")
    # Every field goes in the query, defaults included: the page fills its form from the
    # query first, then from what the reader stored, so a field left out could come from
    # an earlier visit and the plan would not match this example.
    # The example's own public answers, not a reader's, so a query string is fine here (the PDF's link
    # check reads a fragment as a missing anchor); the page moves them into the fragment on arrival.
    # In the form's own spelling (a flag given as "yes" becomes the tick box's value), so the page shows
    # every answer at once, before Python starts.
    canonical = importlib.import_module("calculators._web").form_values(calc.fields, values)
    link = f"{page.link_to(target)}?{urlencode(canonical)}"
    name = calc.title[0].lower() + calc.title[1:]
    unindexed = importlib.import_module("calculators.render").UNINDEXED
    return (
        f'<div class="ffr-example" data-calculator-example="{escape(calc_id)}">'
        f'<p class="ffr-example__given">{_describe(calc, given, values)}. Every other answer is at the '
        f"{escape(name)}'s starting value.</p>"
        f'<{unindexed} data-search-exclude><div class="ffr-result">{calc.render_result(result, page.link_to(REFERENCES_PAGE))}</div>'
        f"</{unindexed}>"
        f'<p class="ffr-example__open"><a class="md-button" href="{escape(link)}">Open this example in the '
        f"{escape(name)}</a> and change any answer to see your own.</p>"
        "</div>"
    )


def _examples(html: str, page: PageContext, docs: Path) -> str:
    where = page.src_path
    found = [parse_example(m.group(1), where) for m in EXAMPLE.finditer(html)]
    live = {m.group(2) for m in SHORTCODE.finditer(html) if not m.group(1)}
    ids = [calc_id for calc_id, _ in found]
    for calc_id in ids:
        if ids.count(calc_id) > 1 or calc_id in live:
            # The rendered result carries element ids (the planner's chart); twice on a page they would clash.
            raise SiteError(f"{where}: one {calc_id} result per page (calc: or calc-example:), found more")
    rendered = iter([page.raw_html(render_example(calc_id, given, page, docs)) for calc_id, given in found])
    return EXAMPLE.sub(lambda m: next(rendered), html)


def render_safety(html: str, where: str, links: Callable[[str], str] = str) -> str:
    """Replace each ``<!-- safety:NAME -->`` with its part, rendered by ``calculators.render``
    (its links through ``links``: the page's :meth:`~sitebuild.page.PageContext.raw_html`).

    Raises:
        SiteError: On a name that is not ``red-flags``, ``cautions`` or ``gate-scope``.
    """
    render = importlib.import_module("calculators.render")
    lists = itertools.count(1)  # each red-flag list on a page labels its groups with ids of its own
    parts = {
        "red-flags": lambda: render.render_red_flags(f"ffr-page-{next(lists)}"),
        "cautions": render.render_cautions,
        "gate-scope": render.render_gate_scope,
    }

    def part(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in parts:
            raise SiteError(f"{where}: unknown shortcode safety:{name} (known: {', '.join(parts)})")
        return links(str(parts[name]()))

    return SAFETY.sub(part, html)


def render_watch_reader(page: PageContext) -> str:
    """The activity-file reader (``<!-- watch:reader -->``): Python's words around the page's controls.

    The whole is left out of the site's search (``render.UNINDEXED``), as the calculators are. The
    controls are marked ``ffr-screen-only`` (the PDF drops them: paper reads no file); the
    links to the planner and the cadence tool are written as the browser reads them, and the
    page's script adds the figures as each page's address fragment (``#unit=km&...``).
    """
    words = str(importlib.import_module("calculators._watch_web").render_page())
    # Python's introduction (what is read, what never leaves the device) before the controls; the
    # rest of its words (the red flags) after the result's place, so the file input comes first.
    intro, rest = words, ""
    if words.startswith(WATCH_INTRO) and "</div>" in words:
        cut = words.index("</div>") + len("</div>")
        intro, rest = words[:cut], words[cut:]
    unindexed = importlib.import_module("calculators.render").UNINDEXED  # left out of the search index, like a calculator
    planner, cadence = page.link_to("calculators/ramp-up.md"), page.link_to("calculators/cadence.md")
    return (
        f'<{unindexed} data-search-exclude><div class="ffr-watch-reader" data-module="ffr-watch" data-ffr-state="static" '
        f'data-ffr-max-bytes="{importlib.import_module("calculators.watch").MAX_FILE_BYTES}">'
        f'<div class="ffr-watch__about">{intro}</div>'
        '<form class="ffr-watch__form ffr-screen-only" novalidate method="dialog" aria-label="Your activity files">'
        '<div class="ffr-watch__drop ffr-field">'
        '<label class="ffr-label" for="ffr-watch-files">Activity files (.fit or .gpx)</label>'
        '<p class="ffr-hint" id="ffr-watch-files-hint">Choose several at once, say your runs of the last six weeks, '
        "or drop them here. They are read on this device and never uploaded.</p>"
        '<input class="ffr-watch__input" type="file" id="ffr-watch-files" name="files" multiple accept=".fit,.gpx" '
        'aria-describedby="ffr-watch-files-hint">'
        "</div>"
        '<div class="ffr-field ffr-watch__unit"><label class="ffr-label" for="ffr-watch-unit">Show distances in</label>'
        '<div class="ffr-control"><select class="ffr-select" id="ffr-watch-unit" name="unit">'
        '<option value="km" selected>kilometres</option><option value="mi">miles</option></select></div></div>'
        '<div class="ffr-watch__progress" hidden>'
        '<label class="ffr-label" for="ffr-watch-progress">Reading your files</label>'
        '<progress id="ffr-watch-progress" max="100" value="0" aria-describedby="ffr-watch-progress-text"></progress>'
        '<p class="ffr-watch__progress-text" id="ffr-watch-progress-text"></p>'
        '<button class="md-button ffr-watch__cancel" type="button">Cancel</button>'
        "</div>"
        '<p class="ffr-status ffr-js-status" role="status" aria-live="polite"></p>'
        "</form>"
        '<p class="ffr-watch__use ffr-screen-only" hidden>'
        f'<a class="md-button md-button--primary ffr-watch__planner" href="{escape(planner)}" hidden>Use these in my plan</a> '
        f'<a class="md-button ffr-watch__cadence" href="{escape(cadence)}" hidden>Use in the cadence tool</a>'
        "</p>"
        '<div class="ffr-watch__result" hidden></div>'
        f'<div class="ffr-watch__after">{rest}</div>'
        f"</div></{unindexed}>"
    )


def _watch(html: str, page: PageContext) -> str:
    names = [m.group(1) for m in WATCH.finditer(html)]
    for name in names:
        if name != "reader":
            raise SiteError(f"{page.src_path}: unknown shortcode watch:{name} (known: reader)")
    if len(names) > 1:
        raise SiteError(f"{page.src_path}: one watch:reader per page (its controls carry ids), found {len(names)}")
    _check_references_link(page)  # the result cites its sources through the calculators' fixed link
    return WATCH.sub(lambda m: page.raw_html(render_watch_reader(page)), html)


def _print_sheet(calc_id: str) -> str:
    """The blank version, marked with its calculator so the PDF can point to it."""
    return f'<div class="ffr-print" data-ffr-print="{escape(calc_id)}">{render_blank(calc_id)}</div>'


def _check_references_link(page: PageContext) -> None:
    """Fail unless the calculators' fixed link to the references page reaches it from this page."""
    fixed = importlib.import_module("calculators.render").REFERENCES_URL
    if fixed != page.link_to(REFERENCES_PAGE):  # relative, so the site works under any base path
        raise SiteError(
            f"{page.src_path}: a calculator here would link its sources to {fixed!r}, which from this page is not "
            f"{REFERENCES_PAGE}; put calculators on pages at the depth of calculators/*.md"
        )


def render(html: str, page: PageContext, docs: Path) -> tuple[str, list[str]]:
    """Every shortcode on a page, replaced.

    Parameters:
        html: The page's HTML, with raw HTML (the shortcodes) restored.
        page: The page.
        docs: The docs folder (worked examples check that the calculator's page exists).

    Returns:
        The HTML, and the ids of the live calculators on the page, in page order.
    """
    if SAFETY.search(html):
        html = render_safety(html, page.src_path, page.raw_html)
    if EXAMPLE.search(html):
        html = _examples(html, page, docs)
    if WATCH.search(html):
        html = _watch(html, page)
    if not SHORTCODE.search(html):
        return html, []
    _check_references_link(page)
    live = [m.group(2) for m in SHORTCODE.finditer(html) if not m.group(1)]
    return SHORTCODE.sub(lambda m: page.raw_html(_print_sheet(m.group(2)) if m.group(1) else render_widget(m.group(2))), html), live
