"""PDF-only changes to the combined guide, just before WeasyPrint lays it out.

mkdocs-to-pdf imports a module by this exact name (``pdf_event_hook``) and calls
two of its functions; ``sitebuild/pdf.py`` registers this module under that name
(imported as ``pdf.pdf_event_hook``) so the plugin finds it, and calls
:func:`configure` before the build starts.

- :func:`inject_link` leaves every page as MkDocs rendered it. The plugin's own
  version re-serialises each page through BeautifulSoup's HTML parser, which
  lower-cases SVG attributes such as ``viewBox`` and rewrites the calculators'
  baked markup; the theme's footer links to the PDF instead.
- :func:`pre_pdf_render` turns each calculator into a worksheet (the example
  values and the result baked at build time, or a pointer to its tick-box sheet,
  with the address of the interactive version), opens every ``<details>``, turns
  tick boxes into the ballot-box character, gives inline SVG (charts, figures)
  the colours the site's stylesheets give their classes, drops what only works
  on a screen, and fixes the document's title and dates so that
  the same sources give the same PDF.

Nothing here runs in the browser or changes the HTML pages of the site.
"""

from __future__ import annotations

import logging
import re
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

import tinycss2
from bs4 import BeautifulSoup, Tag


@dataclass
class Settings:
    """What the PDF needs from the MkDocs configuration."""

    site_url: str = ""
    """Absolute address of the site, for links to the interactive calculators."""
    title: str = ""
    """The PDF's title (its metadata and the window title of a viewer)."""
    lang: str = "en"
    """The document's language (``<html lang>``, the PDF catalog's ``/Lang``): a screen reader picks its voice from it."""
    date: str = ""
    """ISO date written as the PDF's creation and modification date."""
    link_labels: dict[str, str] = field(default_factory=dict)
    """Per id a link inside the document leads to, the text of the heading there: the tagged
    PDF describes each internal link by it (``pdf/tagging.py``)."""
    example_links: dict[str, list[str]] = field(default_factory=dict)
    """Per page URL, the absolute links of its worked examples (``calc-example``), query
    included: the plugin turns relative links into links inside the PDF and drops the query."""


settings = Settings()
applied = False
"""Set once :func:`pre_pdf_render` has run, so the build can check the plugin used this module."""

SCREEN_ONLY = "form, button, script, noscript, .ffr-screen-only"
"""What never reaches paper: controls, scripts and notes about on-screen behaviour."""

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
LABEL_LENGTH = 120
"""The longest description of an internal link (a reference's text is cut at a word)."""

BALLOT_BOX = "\u2610"
"""Tick boxes become the ballot-box character: it prints as a box and reads as one in the PDF's text."""

SVG_PROPERTIES = {"fill", "stroke", "stroke-width", "stroke-dasharray", "opacity", "fill-opacity", "stroke-opacity", "font-size"}
"""What a stylesheet may set on a class inside an SVG drawing."""
ROOT_SELECTORS = {":root", ":root > *", "html", "body", "[data-md-color-scheme=default]", '[data-md-color-scheme="default"]'}
"""Where the light scheme's custom properties are declared (the dark scheme is never printed)."""
SVG_SELECTOR = re.compile(r"^[a-z]*(?:\.[\w-]+)+$")
CLASS = re.compile(r"\.([\w-]+)")
VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)")


def configure(*, site_url: str, title: str, lang: str = "en") -> None:
    """Start a build: remember the site's address, the document title and its language."""
    global applied
    settings.site_url = site_url if site_url.endswith("/") else site_url + "/"
    settings.title = title
    settings.lang = lang
    settings.date = ""
    settings.example_links = {}
    settings.link_labels = {}
    applied = False


def note_reviewed(iso_date: str) -> None:
    """Keep the latest "reviewed" date of any page as the document's date."""
    settings.date = max(settings.date, iso_date)


def note_example_links(page_url: str, links: list[str]) -> None:
    """Remember the absolute "open this example" links of one page, in page order."""
    settings.example_links[_normalise(page_url)] = links


def _normalise(page_url: str) -> str:
    path = page_url.strip("/")
    return "" if path in {"", "."} else path + "/"


def inject_link(html: str, href: str, page: object, logger: logging.Logger) -> str:
    """Leave the page untouched: the theme's footer already links to the PDF."""
    return html


def pre_pdf_render(soup: BeautifulSoup, logger: logging.Logger) -> BeautifulSoup:
    """Adapt the combined document for paper (see the module docstring)."""
    global applied
    _set_metadata(soup)
    for root in soup.select("div.ffr-calculator[data-calculator]"):
        _worksheet(soup, root)
    for holder in soup.select("[data-url]"):
        _example_links(soup, holder)
    for table in soup.select("table"):
        _drop_control_columns(table)
    for element in soup.select(SCREEN_ONLY):
        element.decompose()
    for details in soup.find_all("details"):
        details["open"] = ""
    for box in soup.select(".ffr-box"):
        box.string = BALLOT_BOX
    for svg in soup.select("svg[role=img]"):
        _name_drawing(soup, svg)
    for number in soup.select("#doc-toc a .pdf-order"):
        # WeasyPrint gives every element inside a link its own link annotation, tagged as a
        # Span rather than a Link: the contents' numbers become plain text of their link.
        number.replace_with(_text(number) + " ")
    settings.link_labels = _link_labels(soup)
    drawings = soup.select("article svg, section svg")
    used = {str(c) for svg in drawings for element in svg.find_all(class_=True) for c in element.get_attribute_list("class")}
    svg_css = svg_stylesheet(_linked_stylesheets(soup), used)
    for svg in drawings:
        style = soup.new_tag("style")
        style.string = svg_css
        svg.insert(0, style)
    applied = True
    return soup


def _link_labels(soup: BeautifulSoup) -> dict[str, str]:
    """For each id that a link inside the document leads to, what is there: its heading (the
    target's own or the first in it), else its text (a reference), cut to :data:`LABEL_LENGTH`."""
    labels = {}
    for link in soup.select('a[href^="#"]'):
        target_id = unquote(str(link["href"])[1:])
        target = soup.find(id=target_id) if target_id and target_id not in labels else None
        if target is None:
            continue
        heading = target if target.name in HEADINGS else target.find(HEADINGS)
        label = _text(heading if heading is not None else target)
        if len(label) > LABEL_LENGTH:
            label = label[:LABEL_LENGTH].rsplit(" ", 1)[0] + "\u2026"
        if label:
            labels[target_id] = label
    return labels


def _name_drawing(soup: BeautifulSoup, svg: Tag) -> None:
    """Give a drawing, as its ``<title>``, the text alternative it has on the site.

    On the site a figure's accessible name comes from ``aria-labelledby`` (its title and
    its description); WeasyPrint's tagged PDF takes a drawing's ``/Alt`` from the text of
    its ``<title>`` only, so the title is made to hold the whole name.
    """
    ids = str(svg.get("aria-labelledby") or "").split()
    # The plugin prefixes every id with its page's path ("guide/pain/:x"), not the references to it.
    by_id = {str(element["id"]).rsplit(":", 1)[-1]: element for element in svg.find_all(id=True)}
    parts = [_text(by_id[ref]) for ref in ids if ref in by_id]
    name = " ".join(part for part in parts if part)
    if not name:
        return
    title = svg.find("title")
    if title is None:
        title = soup.new_tag("title")
        svg.insert(0, title)
    title.string = name


def _linked_stylesheets(soup: BeautifulSoup) -> list[str]:
    """The text of every stylesheet the document links, in order (all are files of the built site)."""
    sheets = []
    for link in soup.select('head link[rel~="stylesheet"][href^="file:"]'):
        path = Path(url2pathname(urlsplit(str(link["href"])).path))
        if path.is_file():
            sheets.append(path.read_text(encoding="utf-8"))
    return sheets


def svg_stylesheet(sheets: list[str], classes: set[str]) -> str:
    """The site's rules for classes inside SVG drawings, with every ``var()`` replaced by its value.

    WeasyPrint styles an inline SVG only from a ``<style>`` inside it, and custom
    properties do not reach there, so a chart bar coloured ``var(--ffr-new)`` would
    print black. Only rules for the given ``classes`` (those used inside the drawings)
    are kept; rules under ``@media`` and declarations whose variables the light scheme
    leaves undefined are skipped.
    """
    variables: dict[str, str] = {}
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for sheet in sheets:
        for rule in tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True):
            if rule.type != "qualified-rule":
                continue
            selector = " ".join(tinycss2.serialize(rule.prelude).split())
            declarations = [
                (d.name, tinycss2.serialize(d.value).strip())
                for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
                if d.type == "declaration"
            ]
            if all(part.strip() in ROOT_SELECTORS for part in selector.split(",")):
                variables.update((name, value) for name, value in declarations if name.startswith("--"))
                continue
            parts = [part.strip() for part in selector.split(",")]
            svg_declarations = [(name, value) for name, value in declarations if name in SVG_PROPERTIES]
            if not svg_declarations or not all(SVG_SELECTOR.match(part) for part in parts):
                continue
            if all(set(CLASS.findall(part)) <= classes for part in parts):
                rules.append((", ".join(parts), svg_declarations))

    def resolve(value: str, depth: int = 0) -> str | None:
        if "var(" not in value:
            return value
        if depth > 10:
            return None
        unresolved = False

        def substitute(match: re.Match[str]) -> str:
            nonlocal unresolved
            found = variables.get(match[1], match[2])
            if found is None:
                unresolved = True
                return ""
            return found

        value = VAR.sub(substitute, value)
        return None if unresolved else resolve(value, depth + 1)

    css = []
    for selector, declarations in rules:
        resolved = [(name, resolve(value)) for name, value in declarations]
        body = "; ".join(f"{name}: {value}" for name, value in resolved if value)
        if body:
            css.append(f"{selector} {{ {body} }}")
    return "\n".join(css)


def _set_metadata(soup: BeautifulSoup) -> None:
    if soup.html is not None and settings.lang:
        # The plugin's combined document has a bare <html>; WeasyPrint writes /Lang from this.
        soup.html["lang"] = settings.lang
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


def _example_values(calc_id: str) -> list[tuple[str, str]]:
    """The values a calculator's page bakes its result for (its defaults: ``calculators.render.render_widget``),
    each as (label, value with its unit), worded by the calculators' own ``describe_inputs``."""
    import calculators  # the package the build hook loaded (and reloads under ``mkdocs serve``)

    calc = calculators.CALCULATORS[calc_id]
    return calculators.describe_inputs(calc.fields, calculators.default_values(calc.fields))


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
        values = _example_values(calc_id)
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


def _example_links(soup: BeautifulSoup, holder: Tag) -> None:
    """Point each worked example's "open" link at the online calculator with the example's answers."""
    examples = [e for e in holder.select(".ffr-example") if e.find_parent(attrs={"data-url": True}) is holder]
    links = settings.example_links.get(_normalise(str(holder["data-url"])), [])
    for example, href in zip(examples, links, strict=False):
        opener = example.select_one(".ffr-example__open")
        if opener is None:
            continue
        paragraph = soup.new_tag("p", attrs={"class": "ffr-worksheet__url"})
        paragraph.append("This example online, with its answers filled in: ")
        link = soup.new_tag("a", href=href)
        link.string = href.split("?", 1)[0]
        paragraph.append(link)
        opener.replace_with(paragraph)


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
