"""PDF-only changes to the combined guide, just before WeasyPrint lays it out.

mkdocs-to-pdf imports a module by this exact name (``pdf_event_hook``) and calls
two of its functions; ``overrides/hooks/pdf.py`` puts this folder on ``sys.path``
so the plugin finds it, and calls :func:`configure` before the build starts.

- :func:`inject_link` leaves every page as MkDocs rendered it. The plugin's own
  version re-serialises each page through BeautifulSoup's HTML parser, which
  lower-cases SVG attributes such as ``viewBox`` and rewrites the calculators'
  baked markup; the theme's footer links to the PDF instead.
- :func:`pre_pdf_render` turns each calculator into a worksheet (the example
  values and the result baked at build time, or a pointer to its tick-box sheet,
  with the address of the interactive version), opens every ``<details>``, turns
  tick boxes into the ballot-box character, colours the charts, drops
  what only works on a screen, and fixes the document's title and dates so that
  the same sources give the same PDF.

Nothing here runs in the browser or changes the HTML pages of the site.
"""

from __future__ import annotations

import logging
from copy import copy
from dataclasses import dataclass
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag


@dataclass
class Settings:
    """What the PDF needs from the MkDocs configuration."""

    site_url: str = ""
    """Absolute address of the site, for links to the interactive calculators."""
    title: str = ""
    """The PDF's title (its metadata and the window title of a viewer)."""
    date: str = ""
    """ISO date written as the PDF's creation and modification date."""


settings = Settings()
applied = False
"""Set once :func:`pre_pdf_render` has run, so the build can check the plugin used this module."""

SCREEN_ONLY = "form, button, script, noscript, .ffr-screen-only"
"""What never reaches paper: controls, scripts and notes about on-screen behaviour."""

BALLOT_BOX = "\u2610"
"""Tick boxes become the ballot-box character: it prints as a box and reads as one in the PDF's text."""

CHART_CSS = (
    ".ffr-chart__total { fill: #8a8a8a; } .ffr-chart__new { fill: #009485; } "
    ".ffr-chart__axis { stroke: #5f5f5f; stroke-width: 1; } "
    ".ffr-chart__label { fill: #1f1f1f; font-size: 12px; font-family: 'DejaVu Sans', sans-serif; }"
)
"""The chart's colours as in calculators.css. WeasyPrint styles an inline SVG only from
a ``<style>`` inside it, and CSS variables do not reach there."""


def configure(*, site_url: str, title: str) -> None:
    """Start a build: remember the site's address and the document title."""
    global applied
    settings.site_url = site_url if site_url.endswith("/") else site_url + "/"
    settings.title = title
    settings.date = ""
    applied = False


def note_reviewed(iso_date: str) -> None:
    """Keep the latest "reviewed" date of any page as the document's date."""
    settings.date = max(settings.date, iso_date)


def inject_link(html: str, href: str, page: object, logger: logging.Logger) -> str:
    """Leave the page untouched: the theme's footer already links to the PDF."""
    return html


def pre_pdf_render(soup: BeautifulSoup, logger: logging.Logger) -> BeautifulSoup:
    """Adapt the combined document for paper (see the module docstring)."""
    global applied
    _set_metadata(soup)
    for root in soup.select("div.ffr-calculator[data-calculator]"):
        _worksheet(soup, root)
    for table in soup.select("table"):
        _drop_control_columns(table)
    for element in soup.select(SCREEN_ONLY):
        element.decompose()
    for details in soup.find_all("details"):
        details["open"] = ""
    for box in soup.select(".ffr-box"):
        box.string = BALLOT_BOX
    for svg in soup.select(".ffr-chart svg"):
        style = soup.new_tag("style")
        style.string = CHART_CSS
        svg.insert(0, style)
    applied = True
    return soup


def _set_metadata(soup: BeautifulSoup) -> None:
    head = soup.head
    if head is None:
        return
    if settings.title:
        if head.title is None:
            head.append(soup.new_tag("title"))
        assert head.title is not None
        head.title.string = settings.title
    if settings.date:
        for name in ("dcterms.created", "dcterms.modified"):
            for meta in head.find_all("meta", attrs={"name": name}):
                meta["content"] = settings.date


def _page_url(element: Tag) -> str:
    """The absolute address of the page an element comes from."""
    holder = element.find_parent(attrs={"data-url": True})
    path = str(holder["data-url"]) if holder else "/"
    path = path.lstrip("/")
    return urljoin(settings.site_url, "" if path == "." else path)


def _text(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def _example_values(form: Tag) -> list[tuple[str, str]]:
    """Each filled-in field of a baked form as (label, value with its unit)."""
    chosen = {str(opt.get("value")) for opt in form.select("option[selected]")}
    values: list[tuple[str, str]] = []
    for field in form.select(".ffr-field"):
        label_tag = field.select_one("label.ffr-label")
        if label_tag is None:
            continue
        label = copy(label_tag)
        note = label.select_one(".ffr-unit-note")
        unit = ""
        if note is not None:
            note_text = _text(note).strip("()")
            note.decompose()
            if field.select_one(".ffr-suffix") is None:
                unit = note_text
        suffix = next((s for s in field.select(".ffr-suffix [data-ffr-unit]") if s.get("data-ffr-unit") in chosen), None)
        if suffix is not None:
            unit = _text(suffix)
        control = field.select_one("select, input")
        if control is None:
            continue
        if control.name == "select":
            option = control.select_one("option[selected]") or control.select_one("option")
            value = _text(option) if option else ""
        elif control.get("type") == "checkbox":
            value = "yes" if control.has_attr("checked") else "no"
        else:
            value = str(control.get("value", "")).strip()
        if value:
            values.append((_text(label), f"{value} {unit}".strip()))
    return values


def _worksheet(soup: BeautifulSoup, root: Tag) -> None:
    """Replace a calculator's form by what a reader needs on paper."""
    calc_id = str(root["data-calculator"])
    url = _page_url(root)
    box = soup.new_tag("div", attrs={"class": "ffr-worksheet"})
    sheet = soup.select_one(f'[data-ffr-print="{calc_id}"]')
    if sheet is not None:
        # A tick-box version is in the guide: on paper, that is the calculator.
        sheet_id = str(sheet.get("id") or f"ffr-print-{calc_id}")
        sheet["id"] = sheet_id
        holder = sheet.find_parent(["article", "section"])
        heading = copy(holder.find(["h1", "h2"])) if holder else None
        number = heading.select_one(".pdf-order") if heading else None
        section = f"section {_text(number).rstrip('.')}, " if number else ""
        if number is not None:
            number.decompose()
        intro = soup.new_tag("p")
        intro.append(BeautifulSoup("<strong>On paper:</strong> tick what applies on the printable sheet, ", "html.parser"))
        intro.append(section)
        ref = soup.new_tag("a", href=f"#{sheet_id}", attrs={"class": "ffr-pdf-ref"})
        ref.string = _text(heading) if heading else "the printable sheet"
        intro.append(ref)
        intro.append(".")
        box.append(intro)
        result = root.select_one(".ffr-result")
        if result is not None:
            result.decompose()
    else:
        form = root.select_one("form")
        values = _example_values(form) if form is not None else []
        intro = soup.new_tag("p")
        intro.append(BeautifulSoup("<strong>Worked example.</strong> The result below is for these example values:", "html.parser"))
        box.append(intro)
        listing = soup.new_tag("dl", attrs={"class": "ffr-worksheet__values"})
        for label, value in values:
            dt = soup.new_tag("dt")
            dt.string = label
            dd = soup.new_tag("dd")
            dd.string = value
            listing.append(dt)
            listing.append(dd)
        box.append(listing)
    online = soup.new_tag("p", attrs={"class": "ffr-worksheet__url"})
    online.append("With your own values, online: ")
    link = soup.new_tag("a", href=url)
    link.string = url
    online.append(link)
    box.append(online)
    root.insert(0, box)


def _drop_control_columns(table: Tag) -> None:
    """Remove table columns whose body cells hold only buttons (the cadence tool's metronome)."""
    rows = table.select("tbody tr")
    if not rows:
        return
    width = max(len(row.find_all(["td", "th"], recursive=False)) for row in rows)
    for index in reversed(range(width)):
        cells = [row.find_all(["td", "th"], recursive=False) for row in rows]
        column = [c[index] for c in cells if index < len(c)]
        only_controls = all(cell.find("button") is not None and not _text(_without(cell, "button")) for cell in column)
        if column and only_controls:
            for row in table.select("tr"):
                row_cells = row.find_all(["td", "th"], recursive=False)
                if index < len(row_cells):
                    row_cells[index].decompose()


def _without(cell: Tag, selector: str) -> Tag:
    clone = copy(cell)
    for element in clone.select(selector):
        element.decompose()
    return clone
