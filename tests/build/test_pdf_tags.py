"""The guide's PDF as a screen reader meets it: tagged (PDF/UA-1), in English, its headings,
lists, tables, figures and links in the structure tree as the site has them, and the
running heads and page numbers left out of what is read.

The structure tree is read back with pypdf; the text of each element is the text of its
marked content, found in the page's content stream. The last test runs a PDF/UA checker.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import Section, get_navigation
from pypdf import PdfReader
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, IndirectObject

from tests.build.test_pdf import NUMBER, ROOT, squash

HEADING = re.compile(r"^/H([1-6])$")
SCREEN_ONLY = "form, button, script, noscript, .ffr-screen-only"
"""What the PDF leaves out of a page (``pdf/pdf_event_hook.py``'s ``SCREEN_ONLY``)."""


@dataclass
class Element:
    """One element of the structure tree, with its text as a reader hears it."""

    role: str
    attributes: DictionaryObject
    """The element's attributes (``/A``): a table cell's ``/Scope``, ``/Headers``."""
    text: str
    alt: str = ""
    """Its alternative text (``/Alt``): what is read instead of a figure."""
    identifier: str = ""
    """Its ``/ID`` (a header cell's, which data cells name in their ``/Headers``)."""
    children: list[Element] = field(default_factory=list)

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Tagged:
    reader: PdfReader
    root: Element
    site_pages: list[tuple[int, BeautifulSoup]]
    """Each nav page's article as built, with how many nav sections hold it, in nav order."""
    nav: list[tuple[int, str]]
    """Every nav entry in order: (depth, title); a section's title is its own heading in the PDF."""
    config: Any
    marked_text: list[dict[int, str]]
    """Per page, the text of each marked-content id."""

    def elements(self, role: str) -> list[Element]:
        return [e for e in self.root.walk() if e.role == role]


def marked_content_text(page: Any) -> dict[int, str]:
    """The text painted inside each marked-content sequence with an ``/MCID`` on ``page``."""
    texts: dict[int, str] = {}
    stack: list[int | None] = []

    def before(operator: bytes, operands: list[Any], cm: Any, tm: Any) -> None:
        if operator == b"BDC":
            properties = operands[1] if len(operands) > 1 else None
            stack.append(properties.get("/MCID") if isinstance(properties, DictionaryObject) else None)
        elif operator == b"BMC":
            stack.append(None)
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(value: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if stack and stack[-1] is not None:
            texts[stack[-1]] = texts.get(stack[-1], "") + value

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def kids_of(node: DictionaryObject) -> list[Any]:
    """An element's ``/K`` as a list: marked-content ids, references, marked-content references."""
    raw = node.raw_get("/K") if "/K" in node else None
    value = raw.get_object() if isinstance(raw, IndirectObject) else raw
    return list(value) if isinstance(value, ArrayObject) else [] if raw is None else [raw]


def read_tree(reader: PdfReader, marked: list[dict[int, str]]) -> Element:
    """The structure tree under the catalog's ``/StructTreeRoot``, each element with its text."""
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}

    def page_of(node: DictionaryObject, page: int | None) -> int | None:
        return pages.get(node.raw_get("/Pg").idnum, page) if "/Pg" in node else page

    def build(node: DictionaryObject, page: int | None) -> Element:
        page = page_of(node, page)
        attributes = node.get("/A")
        element = Element(
            str(node.get("/S", "")),
            attributes if isinstance(attributes, DictionaryObject) else DictionaryObject(),
            "",
            alt=squash(str(node.get("/Alt", ""))),
            identifier=str(node.get("/ID", "")),
        )
        parts = []
        for kid in kids_of(node):
            child = kid.get_object() if isinstance(kid, IndirectObject) else kid
            if isinstance(child, int) and page is not None:
                parts.append(marked[page].get(int(child), ""))
            elif isinstance(child, DictionaryObject) and "/S" in child:
                built = build(child, page)
                element.children.append(built)
                parts.append(built.text)
            elif isinstance(child, DictionaryObject) and "/MCID" in child:  # a marked-content reference
                mcr_page = page_of(child, page)
                if mcr_page is not None:
                    parts.append(marked[mcr_page].get(int(child["/MCID"]), ""))
        element.text = squash(" ".join(parts))
        return element

    tree = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    document = Element("/StructTreeRoot", DictionaryObject(), "")
    for kid in kids_of(tree):
        document.children.append(build(kid.get_object(), None))
    return document


@pytest.fixture(scope="module")
def tagged(built_site: Path, site_server: Any) -> Tagged:
    from scripts.serve import base_url

    config = load_config(str(ROOT / "mkdocs.yml"), site_url=base_url(site_server))
    nav = get_navigation(get_files(config), config)
    site_pages: list[tuple[int, BeautifulSoup]] = []
    entries: list[tuple[int, str]] = []

    def visit(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, Section):
                entries.append((depth, item.title))
                visit(item.children, depth + 1)
            elif item.is_page:
                html = BeautifulSoup((built_site / item.file.dest_uri).read_text(), "html.parser")
                article = html.select_one("article")
                assert article is not None, item.file.dest_uri
                for element in article.select(SCREEN_ONLY):
                    element.decompose()
                site_pages.append((depth, article))
                entries.append((depth, ""))

    visit(nav.items, 0)
    # A calculator whose tick-box sheet is in the guide is, on paper, a pointer to that sheet:
    # its on-screen result (and the headings in it) stays out of the PDF.
    printed = {str(sheet["data-ffr-print"]) for _, article in site_pages for sheet in article.select("[data-ffr-print]")}
    for _, article in site_pages:
        for calculator in article.select("div.ffr-calculator[data-calculator]"):
            if calculator["data-calculator"] in printed:
                for result in calculator.select(".ffr-result"):
                    result.decompose()
    reader = PdfReader(built_site / config.plugins["to-pdf"].config["output_path"])
    assert "/StructTreeRoot" in reader.trailer["/Root"], "the PDF is not tagged: a screen reader gets an untagged stream"
    marked = [marked_content_text(page) for page in reader.pages]
    return Tagged(reader, read_tree(reader, marked), site_pages, entries, config, marked)


def heading_text(heading: Tag) -> str:
    clone = BeautifulSoup(str(heading), "html.parser")
    for link in clone.select("a.headerlink"):
        link.decompose()
    return squash(clone.get_text(" "))


def test_catalog_marks_a_tagged_english_pdf_ua_document(tagged: Tagged) -> None:
    """A reader knows the file is tagged, which voice to read it in, and shows the guide's title, not a file name."""
    catalog = tagged.reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert catalog.get("/Lang") == tagged.config["theme"]["language"] == "en"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    metadata = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in metadata
    title = f"{tagged.config['site_name']}: the guide"
    assert f">{title}</rdf:li></rdf:Alt></dc:title>" in metadata
    assert tagged.reader.metadata is not None and tagged.reader.metadata.title == title
    assert all(page.get("/Tabs") == "/S" for page in tagged.reader.pages), "links are not visited in the order of the tags"


def pdf_headings(tagged: Tagged) -> list[tuple[int, str]]:
    """Every heading element of the tree, in reading order: (level, text without the chapter number)."""
    found = []
    for element in tagged.root.walk():
        match = HEADING.match(element.role)
        if match:
            found.append((int(match[1]), NUMBER.sub("", element.text)))
    return found


def site_headings(tagged: Tagged) -> list[tuple[int, str]]:
    """The headings a reader of the site meets, in nav order, one level down per nav section
    that holds the page; each section's title is a heading of its own, as in the PDF's contents."""
    expected = []
    pages = iter(tagged.site_pages)
    for depth, title in tagged.nav:
        if title:
            expected.append((depth + 1, title))
            continue
        page_depth, article = next(pages)
        for heading in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
            expected.append((int(heading.name[1]) + page_depth, heading_text(heading)))
    return expected


def test_headings_are_the_sites_chapter_by_chapter(tagged: Tagged) -> None:
    """Jumping from heading to heading in the PDF meets the cover's title, the contents, then
    every page's headings as on the site, each chapter a level 1 heading, no level skipped."""
    found = pdf_headings(tagged)
    cover, contents, *chapters = found
    assert cover == (1, tagged.config["site_name"])
    assert contents == (1, tagged.config.plugins["to-pdf"].config["toc_title"])
    expected = site_headings(tagged)
    assert [title for level, title in chapters if level == 1] == [title for level, title in expected if level == 1]
    assert chapters == expected
    level = 0
    for depth, title in found:
        assert depth <= level + 1, f"{title!r} is a level {depth} heading after a level {level} one"
        level = depth


def accessible_name(svg: Tag) -> str:
    """A drawing's name as the site gives it to assistive technology (its aria-labelledby parts, in order)."""
    parts = [svg.find(id=ref) for ref in str(svg.get("aria-labelledby", "")).split()]
    return squash(" ".join(part.get_text(" ") for part in parts if isinstance(part, Tag)))


def test_every_figure_has_the_sites_text_alternative(tagged: Tagged) -> None:
    """Each drawing is a Figure whose alternative text is what a screen reader says for it on the site."""
    figures = tagged.elements("/Figure")
    assert all(figure.alt for figure in figures), "a figure has no alternative text"
    names = [
        accessible_name(drawing) if drawing.name == "svg" else squash(str(drawing.get("alt", "")))
        for _, article in tagged.site_pages
        for drawing in article.select("svg[role=img], img")
    ]
    assert names and all(names)
    assert [figure.alt for figure in figures] == names


def cells(table: Element, role: str) -> list[Element]:
    return [e for e in table.walk() if e.role == role]


def test_every_table_has_header_cells_tied_to_its_data(tagged: Tagged) -> None:
    """Each table (each page's part of one) has header cells with a scope, and every data
    cell names its headers: a screen reader announces "Week 3, Total this week" with a value."""
    tables = tagged.elements("/Table")
    site_tables = [table for _, article in tagged.site_pages for table in article.find_all("table")]
    assert len(tables) >= len(site_tables) > 0
    for table in tables:
        headers = cells(table, "/TH")
        assert headers, f"a table has no header cells: {table.text[:80]!r}"
        assert all(h.attributes.get("/Scope") in ("/Column", "/Row") for h in headers), table.text[:80]
        identifiers = {h.identifier for h in headers}
        for cell in cells(table, "/TD"):
            named = [str(ref) for ref in cell.attributes.get("/Headers", [])]
            assert named and set(named) <= identifiers, f"data cell {cell.text!r} is tied to no header"
    for table in site_tables:
        for header in table.select("thead th"):
            assert header.get("scope", "col") == "col"
        for header in table.select("tbody th"):
            assert header.get("scope") == "row", "the PDF gives body header cells a row scope"


def test_plan_table_reads_with_the_sites_column_and_row_headers(tagged: Tagged) -> None:
    """The default plan's table keeps the site's column headers, and each week's row is headed by its week."""
    site = next(t for _, a in tagged.site_pages for t in a.select("table.ffr-table") if t.find("th", string=re.compile("Week")))
    columns = [squash(th.get_text(" ")) for th in site.select("thead th")]
    weeks = [squash(th.get_text(" ")) for th in site.select("tbody th[scope=row]")]
    plan = [t for t in tagged.elements("/Table") if [h.text for h in cells(t, "/TH") if h.attributes.get("/Scope") == "/Column"] == columns]
    assert plan, f"no table of the PDF has the plan's headers {columns}"
    rows = [h.text for t in plan for h in cells(t, "/TH") if h.attributes.get("/Scope") == "/Row"]
    assert rows[: len(weeks)] == weeks


def test_lists_are_lists(tagged: Tagged) -> None:
    """Every list of the site is a list in the PDF, its items labelled and read as items."""
    site_lists = sum(len(article.find_all(["ul", "ol", "dl"])) for _, article in tagged.site_pages)
    lists = tagged.elements("/L")
    assert len(lists) >= site_lists > 0
    red_flags = next(e for e in lists if "possible torn Achilles tendon" in e.text)
    items = [child for child in red_flags.children if child.role == "/LI"]
    assert len(items) >= 3 and all(any(c.role == "/LBody" for c in item.children) for item in items)


def annotation_elements(tagged: Tagged) -> Iterator[tuple[int, DictionaryObject, DictionaryObject | None]]:
    """Every link annotation with the structure element its ``/StructParent`` names."""
    tree = tagged.reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    nums = tree["/ParentTree"].get_object()["/Nums"]
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for number, page in enumerate(tagged.reader.pages, start=1):
        for reference in page.get("/Annots") or []:
            annotation = reference.get_object()
            if annotation.get("/Subtype") == "/Link":
                parent = parents.get(int(annotation.get("/StructParent", -1)))
                yield number, annotation, parent.get_object() if parent is not None else None


def test_links_are_tagged_with_their_text_and_described(tagged: Tagged) -> None:
    """Every link is a Link element holding its words; its description says where it goes:
    the address, or for a link inside the guide the heading it leads to, never an internal id."""
    count = 0
    for page, annotation, element in annotation_elements(tagged):
        count += 1
        assert element is not None and element.get("/S") == "/Link", f"page {page}: a link outside any Link element"
        description = str(annotation.get("/Contents", ""))
        assert description, f"page {page}: a link has no description"
        if "/Dest" in annotation:
            assert description != str(annotation["/Dest"]), f"page {page}: a link is described by its id {description!r}"
    assert count > 50
    texts = [e.text for e in tagged.elements("/Link")]
    assert "Who it is for" in " ".join(texts)


def test_running_heads_and_page_numbers_are_not_read(tagged: Tagged) -> None:
    """The running head and "Page N of M" are printed on each page but are artifacts: a screen reader
    does not read them between paragraphs. Everything else painted is in the tree."""
    total = len(tagged.reader.pages)
    tree_ids = {}
    nums = tagged.reader.trailer["/Root"]["/StructTreeRoot"].get_object()["/ParentTree"].get_object()["/Nums"]
    for i in range(0, len(nums), 2):
        value = nums[i + 1].get_object()
        if isinstance(value, ArrayObject):
            tree_ids[int(nums[i])] = value
    for number in range(2, total + 1):
        printed = squash(tagged.reader.pages[number - 1].extract_text())
        tagged_text = squash(" ".join(tagged.marked_text[number - 1].values()))
        assert f"Page {number} of {total}" in printed
        assert f"Page {number} of {total}" not in tagged_text, f"page {number}: the page number is read as content"
        parents = tree_ids.get(number - 1, ArrayObject())
        for mcid in tagged.marked_text[number - 1]:
            assert mcid < len(parents) and parents[mcid] is not None, f"page {number}: marked text {mcid} has no element"


def test_cover_then_contents_then_chapters_in_reading_order(tagged: Tagged) -> None:
    """The tree reads the cover first, then the contents, then the chapters in the nav's order."""
    articles = [child for child in tagged.root.children[0].children if child.role == "/Art"]
    assert articles[0].text.startswith(tagged.config["site_name"])
    assert squash(tagged.config["site_description"]) in articles[0].text
    assert articles[1].text.startswith(tagged.config.plugins["to-pdf"].config["toc_title"])
    chapter_titles = [title for level, title in site_headings(tagged) if level == 1]
    starts = [next((i for i, a in enumerate(articles) if NUMBER.sub("", a.text).startswith(title)), -1) for title in chapter_titles]
    assert starts == sorted(starts) and starts[0] == 2, list(zip(chapter_titles, starts, strict=True))


def outloud() -> str:
    """The PDF/UA checker's command, installed with the project's test tools (requirements/dev.txt)."""
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    found = shutil.which("outloud", path=path)
    if found is None:
        pytest.fail("the PDF/UA checker outloud is not installed: run `make setup`")
    return found


def test_pdf_ua_checker_finds_no_error(tagged: Tagged, built_site: Path) -> None:
    """outloud's PDF/UA-1 conformance rules (Matterhorn checkpoints a machine can test) find no error.

    veraPDF, the reference validator, is Java and installs from none of the registries this
    project uses (apt, PyPI, npm); outloud is a Python checker of the same checkpoints.
    Its semantic rules (guesses about shredded tables or reading order) are left to a person.
    """
    pdf = built_site / tagged.config.plugins["to-pdf"].config["output_path"]
    result = subprocess.run(
        [outloud(), "--layer", "conformance", "--fail-on", "error", "--no-info", str(pdf)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout, result.stdout
