"""The guide as one PDF: built with the site, complete, readable, and free of screen-only parts."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import Navigation, Section, get_navigation
from pypdf import PdfReader
from pypdf.generic import ContentStream

from calculators import CALCULATORS, _ramp_up_html, default_values
from calculators import checklist as checklist_module
from calculators._safety import CAUTIONS, GATE_SCOPE, RED_FLAGS

ROOT = Path(__file__).resolve().parents[2]
LINK_TEXT = "Download the guide as PDF"
NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s+")
"""The chapter numbers the PDF puts before headings ("2. ", "2.1 ")."""


def squash(text: str) -> str:
    """Text with every run of whitespace made one space, as a reader sees it across line breaks."""
    return " ".join(text.split())


@dataclass
class NavPage:
    title: str
    """The page's own heading (its h1), as the PDF shows it."""
    url: str
    """The page's URL relative to the site root."""
    html: str


@dataclass
class Guide:
    config: Any
    nav: Navigation
    pages: list[NavPage]
    sections: list[str]
    pdf_path: Path
    reader: PdfReader
    texts: list[str]

    @property
    def text(self) -> str:
        return squash(" ".join(self.texts))

    def outline(self) -> list[tuple[int, str, int]]:
        """Every bookmark as (depth, title without its number, 1-based page), in document order."""
        marks: list[tuple[int, str, int]] = []

        def visit(items: list[Any], depth: int) -> None:
            for item in items:
                if isinstance(item, list):
                    visit(item, depth + 1)
                else:
                    title = NUMBER.sub("", item.title)
                    marks.append((depth, title, self.reader.get_destination_page_number(item) + 1))

        visit(self.reader.outline, 0)
        return marks

    def chapters(self) -> list[tuple[str, int]]:
        """Top-level bookmarks after the cover's, with their numbers: what the contents list."""
        return [
            (item.title, self.reader.get_destination_page_number(item) + 1) for item in self.reader.outline if not isinstance(item, list)
        ][1:]

    def pages_of(self, heading: str) -> tuple[int, int]:
        """The 1-based first and last page of the chapter or section titled ``heading``.

        A chapter (a page of the guide) starts on a new page, so it ends before the next
        one; a section may share its last page with the next, which is then included.
        """
        marks = self.outline()
        for index, (depth, title, page) in enumerate(marks):
            if title == heading:
                later = [p for d, _, p in marks[index + 1 :] if d <= depth]
                if not later:
                    return page, len(self.texts)
                return page, max(page, later[0] - 1 if depth == 0 else later[0])
        raise AssertionError(f"No bookmark for {heading!r} in {marks}")

    def chapter_text(self, heading: str) -> str:
        first, last = self.pages_of(heading)
        return squash(" ".join(self.texts[first - 1 : last]))


class H1(HTMLParser):
    """The text of the page's first h1 (the headerlink's pilcrow left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.done = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "h1":
            self.depth += 1
        elif self.depth and tag == "a" and ("class", "headerlink") in attrs:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self.depth:
            self.depth -= 1
            self.done = True
        elif tag == "a" and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip and not self.done:
            self.parts.append(data)


def h1_text(html: str) -> str:
    parser = H1()
    parser.feed(html)
    return squash("".join(parser.parts))


def walk(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        if isinstance(item, Section):
            yield from walk(item.children)


@pytest.fixture(scope="module")
def guide(built_site: Path, site_server: Any) -> Guide:
    """The site's configuration as the build saw it, its nav pages as built, and the PDF read back."""
    from scripts.serve import base_url

    config = load_config(str(ROOT / "mkdocs.yml"), site_url=base_url(site_server))
    nav = get_navigation(get_files(config), config)
    pages, sections = [], []
    for item in walk(nav.items):
        if isinstance(item, Section):
            sections.append(item.title)
        elif item.is_page:
            html = (built_site / item.file.dest_uri).read_text()
            pages.append(NavPage(title=h1_text(html) or item.title, url=item.url, html=html))
    pdf_path = built_site / config.plugins["to-pdf"].config["output_path"]
    reader = PdfReader(pdf_path)
    return Guide(config, nav, pages, sections, pdf_path, reader, [page.extract_text() for page in reader.pages])


def test_page_count_fits_the_nav(guide: Guide) -> None:
    """The PDF has a cover, contents and at least a page per guide page, and not an absurd number more."""
    count = len(guide.reader.pages)
    pages = len(guide.pages)
    assert pages >= 3
    assert pages + 2 <= count <= 8 * pages + 4, (count, pages)


def test_every_page_of_text_is_extractable(guide: Guide) -> None:
    """Each page carries real, searchable text: no page is an image or lost glyphs."""
    for number, text in enumerate(guide.texts, start=1):
        assert len(squash(text)) > 40, f"page {number} has almost no text: {text!r}"
        assert "\ufffd" not in text, f"page {number} has unmapped glyphs"
    first_paragraph = re.search(r"<h1[^>]*>.*?</h1>\s*<p>(.*?)</p>", guide.pages[0].html, re.S)
    assert first_paragraph
    assert squash(re.sub(r"<[^>]+>", "", first_paragraph[1]))[:80] in guide.text


def test_every_nav_page_is_a_chapter_in_nav_order(guide: Guide) -> None:
    """Each page and section of the nav is a bookmarked heading of the PDF, in nav order, on the page it names."""
    marks = guide.outline()
    titles = [title for _, title, _ in marks]
    expected = [item.title if isinstance(item, Section) else page_title(guide, item) for item in walk(guide.nav.items)]
    positions = []
    for title in expected:
        assert title in titles, f"{title!r} has no heading in the PDF ({titles})"
        positions.append(titles.index(title, positions[-1] if positions else 0))
    assert positions == sorted(positions)
    for _, title, page in marks:
        assert squash(title) in squash(guide.texts[page - 1]), f"{title!r} is not on page {page}"


def page_title(guide: Guide, item: Any) -> str:
    return next(p.title for p in guide.pages if p.url == item.url)


def test_cover_names_the_guide_its_date_and_address(guide: Guide) -> None:
    """Page 1 is a cover: the site's name and description, the latest review date and the site's address."""
    cover = squash(guide.texts[0])
    config = guide.config
    assert cover.startswith(config["site_name"])
    assert squash(config["site_description"]) in cover
    reviewed = [re.search(r"^reviewed:\s*(\S+)", p.read_text(), re.M) for p in (ROOT / "docs").rglob("*.md")]
    latest = max(date.fromisoformat(m[1]) for m in reviewed if m)
    assert f"Last reviewed {latest.day} {latest:%B %Y}" in cover
    assert config["site_url"] in cover
    assert guide.reader.metadata is not None and guide.reader.metadata.title == f"{config['site_name']}: the guide"
    creation = guide.reader.metadata.creation_date
    assert creation is not None and creation.date() == latest


def test_contents_list_every_chapter_with_its_page(guide: Guide) -> None:
    """After the cover come the contents: every chapter, numbered, with the page it starts on."""
    chapters = guide.chapters()
    contents = squash(" ".join(guide.texts[1 : chapters[0][1] - 1]))
    assert contents.startswith("Contents")
    for title, page in chapters:
        number, _, name = title.partition(" ")
        pattern = rf"(?:\b{page}\s*{re.escape(number)}\s*{re.escape(name)}|{re.escape(number)}\s*{re.escape(name)}\s*{page}\b)"
        assert re.search(pattern, contents), f"contents lack {title!r} on page {page}"


def test_running_headers_and_page_numbers(guide: Guide) -> None:
    """Every page after the cover is numbered, and every chapter page names the guide and its chapter at the top."""
    total = len(guide.texts)
    chapters = guide.chapters()
    for number in range(2, total + 1):
        text = squash(guide.texts[number - 1])
        assert f"Page {number} of {total}" in text
        started = [title for title, page in chapters if page <= number]
        if started:
            assert guide.config["site_name"] in text
            assert started[-1] in text, f"page {number} lacks its running header {started[-1]!r}"


def test_references_are_in_the_pdf(guide: Guide) -> None:
    """The references chapter lists every source with its DOI."""
    html = (ROOT / "docs" / "references.md").read_text()
    dois = re.findall(r">doi:(10\.[^<]+)<", html)
    assert dois
    text = guide.text.replace(" ", "")
    for doi in dois:
        assert f"doi:{doi}".replace(" ", "") in text, doi


def calculator_pages(guide: Guide) -> list[tuple[NavPage, str]]:
    return [
        (page, m[1]) for page in guide.pages for m in re.finditer(r'data-module="ffr-calculator" data-calculator="([a-z0-9-]+)"', page.html)
    ]


def test_calculators_are_worksheets_with_their_online_address(guide: Guide) -> None:
    """Each calculator in the PDF gives the absolute address of its interactive version, and its form is gone."""
    found = calculator_pages(guide)
    assert {calc_id for _, calc_id in found} == set(CALCULATORS)
    for page, calc_id in found:
        chapter = guide.chapter_text(page.title)
        url = urljoin(guide.config["site_url"], page.url)
        assert f"With your own values, online: {url}" in chapter, calc_id
        calc = CALCULATORS[calc_id]
        if calc.blank is None:
            assert "Worked example. The result below is for these example values:" in chapter
        assert calc.submit not in chapter, f"{calc_id}: the submit button reached the PDF"


def test_default_plan_table_and_chart_are_baked_in(guide: Guide) -> None:
    """The planner's chapter holds the default plan row by row, as the Python computes it, and its chart as vector shapes."""
    calc = CALCULATORS["ramp-up"]
    result = calc.compute(calc.parse_inputs(default_values(calc.fields)))

    page = next(p for p, calc_id in calculator_pages(guide) if calc_id == "ramp-up")
    chapter = guide.chapter_text(page.title)
    assert squash(_ramp_up_html.summary(result)) in chapter
    position = chapter.index("Your plan, week by week")
    for row in _ramp_up_html.rows(result):
        for key in ("week", "type", "new_strike_per_run", "new_strike_week", "total_week"):
            found = chapter.find(f" {row[key]} ", position - 1)
            assert found >= 0, f"week {row['week']}: {key} {row[key]!r} missing after position {position}"
            position = found + len(row[key])
    assert len(result.weeks) == int(ramp_up_weeks(page.html))
    first, last = guide.pages_of(page.title)
    rects = sum(operators(guide.reader, guide.reader.pages[n - 1])[b"re"] for n in range(first, last + 1))
    assert rects >= 2 * len(result.weeks), "the chart's bars are not vector rectangles"


def ramp_up_weeks(html: str) -> str:
    match = re.search(r'class="ffr-plan" data-weeks="(\d+)"', html)
    assert match
    return match[1]


def operators(reader: PdfReader, holder: Any) -> dict[bytes, int]:
    """How often each drawing operator occurs on a page, form XObjects included."""
    counts: dict[bytes, int] = {}
    content = holder.get_contents() if hasattr(holder, "get_contents") else holder
    if content is not None:
        for _, op in ContentStream(content, reader).operations:
            counts[op] = counts.get(op, 0) + 1
    resources = holder.get("/Resources")
    for xobject in (resources.get_object().get("/XObject", {}) if resources else {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            for op, n in operators(reader, xobject).items():
                counts[op] = counts.get(op, 0) + n
    return counts


def raster_images(reader: PdfReader) -> int:
    def count(holder: Any) -> int:
        resources = holder.get("/Resources")
        total = 0
        for xobject in (resources.get_object().get("/XObject", {}) if resources else {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Image":
                total += 1
            elif xobject.get("/Subtype") == "/Form":
                total += count(xobject)
        return total

    return sum(count(page) for page in reader.pages)


def test_diagrams_stay_vector(guide: Guide) -> None:
    """SVG diagrams and charts are drawn, not pasted in as pictures: the PDF holds no more bitmaps than the pages do."""
    bitmaps = sum(len(re.findall(r'<img[^>]+src="[^"]+\.(?:png|jpe?g|gif|webp)"', p.html, re.I)) for p in guide.pages)
    assert raster_images(guide.reader) <= bitmaps


def flat(text: str) -> str:
    """Text with whitespace and hyphens dropped: words a line break split or hyphenated join up again."""
    return re.sub(r"[\s\u00ad\u2010-]+", "", text)


def test_red_flags_cautions_and_the_gates_scope_reach_the_pdf(guide: Guide) -> None:
    """The pain chapter of the PDF carries every red flag under its group's title, the cautions and the pain
    gate's scope; the about chapter carries every red flag too."""
    pain, about = flat(guide.chapter_text("Pain and when to stop")), flat(guide.chapter_text("About and disclaimer"))
    for group in RED_FLAGS:
        for chapter in (pain, about):
            assert flat(group.title) in chapter, group.title
            for sign in group.signs:
                assert flat(sign) in chapter, sign
    for caution in CAUTIONS:
        assert flat(f"{caution.who}: {caution.advice}") in pain, caution.who
    assert flat(GATE_SCOPE) in pain


def test_checklist_is_a_sheet_of_tick_boxes(guide: Guide) -> None:
    """Every tick-box answer of the checklist is a box to tick on paper, and the check points to that sheet."""
    flags = [f.label for f in checklist_module.FIELDS if f.kind == "flag"]
    sheet = next(p for p in guide.pages if 'data-ffr-print="checklist"' in p.html)
    text = guide.chapter_text(sheet.title)
    for label in flags:
        assert f"\u2610 {squash(label)}" in text, label
    assert text.count("\u2610") == len(flags)
    check = next(p for p, calc_id in calculator_pages(guide) if calc_id == "checklist")
    first, _ = guide.pages_of(sheet.title)
    assert "On paper: tick what applies on the printable sheet, section" in guide.chapter_text(check.title)
    assert re.search(rf"{re.escape(sheet.title)}\s*\(page {first}\)", guide.chapter_text(check.title))


def test_no_screen_chrome_or_form_leaked(guide: Guide) -> None:
    """Nothing of the site's navigation, search, palette toggle, footer or calculator forms is in the PDF."""
    chrome = [
        "Skip to content",
        "Type to start searching",
        "Initializing search",
        "Switch to dark mode",
        "Switch to light mode",
        "Back to top",
        "Made with",
        LINK_TEXT,
        "Recalculating needs JavaScript",
        "Metronome at",
        "(in the unit chosen above)",
        "Please check",
    ]
    hints = [squash(f.hint) for calc in CALCULATORS.values() for f in calc.fields if f.hint]
    text = guide.text
    for phrase in chrome + hints:
        assert phrase not in text, f"{phrase!r} leaked into the PDF"
    assert "/AcroForm" not in guide.reader.trailer["/Root"], "the PDF has form fields"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.href: str | None = None
        self.inside: str | None = None
        self.pdf_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.inside = dict(attrs).get("href") or ""
            self.text = ""

    def handle_data(self, data: str) -> None:
        if self.inside is not None:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.inside is not None:
            if squash(self.text) == LINK_TEXT:
                self.pdf_links.append(self.inside)
            self.inside = None


def test_every_page_links_to_the_pdf(built_site: Path, guide: Guide) -> None:
    """Every HTML page of the site has a "Download the guide as PDF" link that resolves to the PDF."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= len(guide.pages)
    site_path = urlsplit(guide.config["site_url"]).path
    for page in pages:
        parser = Links()
        parser.feed(page.read_text())
        assert parser.pdf_links, f"{page.relative_to(built_site)} has no link to the PDF"
        for href in parser.pdf_links:
            page_url = urljoin(site_path, page.relative_to(built_site).as_posix())
            target = urlsplit(urljoin(page_url, href)).path.removeprefix(site_path)
            assert (built_site / target).resolve() == guide.pdf_path.resolve(), f"{page}: {href}"


def test_pdf_build_reads_only_files_of_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint, as the PDF plugin calls it, refuses network URLs and files outside the built site."""

    from mkdocs_to_pdf import generator

    monkeypatch.setattr(generator, "HTML", generator.HTML)
    from sitebuild import pdf as hook

    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "ok.css").write_text("p { color: red }")
    outside = tmp_path / "secret.css"
    outside.write_text("p { color: blue }")
    hook.only_site_files(site)
    fetcher = generator.HTML(string="<p>x</p>").url_fetcher
    assert fetcher((site / "assets" / "ok.css").as_uri()).read() == b"p { color: red }"
    assert fetcher("data:text/css,p%7Bcolor%3Ared%7D").read()
    for url in ["http://example.com/font.woff2", "https://fonts.googleapis.com/css", outside.as_uri(), f"{site.as_uri()}/../secret.css"]:
        with pytest.raises(ValueError):
            fetcher(url)


def event_hook() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("pdf_event_hook_under_test", ROOT / "pdf" / "pdf_event_hook.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_svg_colours_resolve_the_site_variables() -> None:
    """Class colours inside drawings lose their var(): chained values resolve, dark-scheme and unknown ones do not leak in."""
    css = """
    :root > * { --brand: #0d4a40; }
    body { --bar: var(--brand); --grey: #8a8a8a; }
    body[data-md-color-scheme="slate"] { --bar: #ffffff; }
    .bar { fill: var(--bar); stroke: var(--missing); }
    rect.total, .other { fill: var(--grey); }
    .unused { fill: red; }
    .md-typeset .bar { fill: blue; }
    @media print { .bar { fill: black; } }
    """
    out = event_hook().svg_stylesheet([css], {"bar", "total", "other"})
    assert out.splitlines() == [".bar { fill: #0d4a40 }", "rect.total, .other { fill: #8a8a8a }"]


def fill_colours(reader: PdfReader, holder: Any) -> set[tuple[float, ...]]:
    colours: set[tuple[float, ...]] = set()
    content = holder.get_contents() if hasattr(holder, "get_contents") else holder
    if content is not None:
        for operands, op in ContentStream(content, reader).operations:
            if op == b"rg":
                colours.add(tuple(round(float(v), 2) for v in operands))
    resources = holder.get("/Resources")
    for xobject in (resources.get_object().get("/XObject", {}) if resources else {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            colours |= fill_colours(reader, xobject)
    return colours


def test_drawings_print_in_the_site_colours(built_site: Path, guide: Guide) -> None:
    """Every colour the site's stylesheets give to classes inside inline SVG (chart bars, figure lamps) is painted in the PDF."""
    classes = {c for p in guide.pages for svg in re.findall(r"<svg.*?</svg>", p.html, re.S) for c in re.findall(r'class="([\w-]+)"', svg)}
    hrefs = re.findall(r'<link rel="stylesheet" href="([^"]+)"', (built_site / "index.html").read_text())
    sheets = [(built_site / href).read_text() for href in hrefs]
    fills = re.findall(r"fill: #([0-9a-fA-F]{6})\b", event_hook().svg_stylesheet(sheets, classes))
    assert len(fills) >= 2
    painted = set().union(*(fill_colours(guide.reader, page) for page in guide.reader.pages))
    for hex_colour in fills:
        rgb = tuple(round(int(hex_colour[i : i + 2], 16) / 255, 2) for i in (0, 2, 4))
        assert any(all(abs(a - b) <= 0.01 for a, b in zip(rgb, colour, strict=False)) for colour in painted), f"#{hex_colour} never painted"


def uri_links(reader: PdfReader) -> set[str]:
    """Every web address the PDF's pages link to."""
    links = set()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get_object().get("/URI"):
                links.add(str(action.get_object()["/URI"]))
    return links


def test_worked_examples_open_online_with_their_answers(guide: Guide) -> None:
    """A worked example in a guide page links, from the PDF, to the online calculator with the example's answers in the address."""
    expected = []
    for page in guide.pages:
        base = urljoin(guide.config["site_url"], page.url)
        for href in re.findall(r'<p class="ffr-example__open"><a class="md-button" href="([^"]+)"', page.html):
            expected.append(urljoin(base, href.replace("&amp;", "&")))
    if not expected:
        pytest.skip("no page of the guide has a worked example (calc-example)")
    links = uri_links(guide.reader)
    for url in expected:
        assert "?" in url and url in links, f"{url} is not linked from the PDF"
    assert "Open this example in the" not in guide.text
