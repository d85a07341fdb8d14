"""The site's Markdown extension (sitebuild.markdown) on plain Markdown strings, without a generator."""

from __future__ import annotations

import datetime
import re
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import markdown
import pytest
from markdown.preprocessors import Preprocessor

from sitebuild import SiteError
from sitebuild import markdown as extension
from sitebuild.page import PageContext
from sitebuild.references import read as read_references

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GLOSSARY = str(ROOT / "includes/glossary.yml")
REVIEWED = {"reviewed": datetime.date(2025, 3, 4)}


def convert(
    text: str, src: str = "guide/pain.md", meta: dict[str, Any] | None = None, error: Any = SiteError
) -> tuple[str, dict[str, Any]]:
    """``text`` through the extension (and the extensions it works with in mkdocs.yml) as page ``src``."""
    page_meta = dict(REVIEWED if meta is None else meta)
    extension.set_page(PageContext(src, page_meta, error=error))
    try:
        md = markdown.Markdown(extensions=["attr_list", "md_in_html", extension.SiteExtension(docs_dir=str(DOCS), glossary=GLOSSARY)])
        return md.convert(text), page_meta
    finally:
        extension.set_page(None)


def test_citations_become_numbered_links_to_the_references_page() -> None:
    """[@key; @key] becomes [n, m], each a link to the entry from this page, titled with the source's one label."""
    sources = read_references(DOCS / "references.md")
    html, _ = convert("Calves load up [@fuller-2017; @lunsford-1995].")
    first, second = sources["fuller-2017"], sources["lunsford-1995"]
    assert f'<a aria-label="Source {first.number}: {first.label}" class="ffr-cite" href="../references.md#fuller-2017"' in html
    assert second.label == "Lunsford & Perry 1995" and f">{second.number}</a>]" in html
    html, _ = convert("Calves load up [@fuller-2017].", src="index.md")
    assert 'href="references.md#fuller-2017"' in html


def test_an_unknown_source_fails_with_its_key() -> None:
    with pytest.raises(SiteError, match=r"guide/pain.md: unknown source nobody-2020 in \[@nobody-2020\]; add it to references.md"):
        convert("Said [@nobody-2020].")


def test_the_review_date_is_required_and_prepared_for_the_templates() -> None:
    """A date (MkDocs' YAML) or ISO text (Zensical's JSON) both work; the templates get display strings, not a date object."""
    _, meta = convert("Text.")
    assert (meta["reviewed_iso"], meta["reviewed_text"]) == ("2025-03-04", "4 March 2025")
    _, meta = convert("Text.", meta={"reviewed": "2024-11-20"})
    assert meta["reviewed_text"] == "20 November 2024"
    with pytest.raises(SiteError, match="front matter needs 'reviewed: YYYY-MM-DD'"):
        convert("Text.", meta={})


def test_errors_take_the_generator_s_own_exception() -> None:
    """The adapter says how to stop the build (MkDocs: PluginError, printed without a traceback)."""

    class GeneratorError(Exception):
        pass

    with pytest.raises(GeneratorError, match="Unknown calculator 'nope'"):
        convert("<!-- calc:nope -->", src="calculators/nope.md", error=GeneratorError)


def test_a_calculator_is_baked_in_and_named_in_the_page_meta() -> None:
    html, meta = convert("# Cadence\n\n<!-- calc:cadence -->\n", src="calculators/cadence.md")
    assert 'data-calculator="cadence"' in html and "<!-- calc:" not in html
    assert meta["ffr_calculators"] == "cadence"


def test_a_calculator_only_where_its_fixed_links_reach_the_references_page() -> None:
    """The browser renders results with a fixed relative link to the references page; a page at another depth would break it."""
    with pytest.raises(SiteError, match="put calculators on pages at the depth of calculators"):
        convert("<!-- calc:cadence -->", src="index.md")


def test_the_watch_reader_is_baked_with_its_controls_and_python_s_words() -> None:
    """``<!-- watch:reader -->``: Python's introduction, then a labelled file input (several .fit or .gpx), the unit,
    the progress bar with Cancel and the status line (the one live region), links to the planner and the cadence tool
    from this page, then the result's place and the red flags; left out of the search; once a page, at a calculator's depth."""
    html, meta = convert("# From your watch\n\n<!-- watch:reader -->\n", src="calculators/watch.md")
    assert "<!-- watch:" not in html and "ffr_calculators" not in meta
    from calculators.watch import MAX_FILE_BYTES

    assert f'data-ffr-max-bytes="{MAX_FILE_BYTES}"' in html, "the page reads no file over Python's limit"
    order = [
        'class="ffr-watch-intro"',
        '<label class="ffr-label" for="ffr-watch-files">',
        '<input class="ffr-watch__input" type="file" id="ffr-watch-files" name="files" multiple accept=".fit,.gpx"',
        '<select class="ffr-select" id="ffr-watch-unit" name="unit">',
        '<progress id="ffr-watch-progress"',
        ">Cancel</button>",
        'role="status" aria-live="polite"',
        'href="../ramp-up/" hidden>Use these in my plan</a>',
        'href="../cadence/" hidden>Use in the cadence tool</a>',
        '<div class="ffr-watch__result" hidden>',
        "ffr-red-flags",
    ]
    places = [html.find(part) for part in order]
    assert -1 not in places and places == sorted(places), dict(zip(order, places, strict=True))
    assert html.count("aria-live") == 1 and "data-search-exclude" in html
    with pytest.raises(SiteError, match="one watch:reader per page"):
        convert("<!-- watch:reader -->\n\n<!-- watch:reader -->", src="calculators/watch.md")
    with pytest.raises(SiteError, match="unknown shortcode watch:drop"):
        convert("<!-- watch:drop -->", src="calculators/watch.md")
    with pytest.raises(SiteError, match="put calculators on pages at the depth of calculators"):
        convert("<!-- watch:reader -->", src="index.md")


def test_a_worked_example_links_to_its_calculator_from_the_page() -> None:
    html, meta = convert("<!-- calc-example:ramp-up unit=km weekly_volume=25 longest_run=10 -->", src="guide/transition.md")
    assert 'href="../../calculators/ramp-up/?' in html and "ffr_calculators" not in meta


def test_a_worked_example_links_with_answers_in_the_forms_spelling() -> None:
    """A flag or run days given otherwise (``injury=yes``, ``weekdays="Tue Thu;Sat"``) open the calculator spelt as the
    form gives them, so the page shows every answer at once, before Python starts."""
    html, _ = convert('<!-- calc-example:ramp-up injury=yes weekdays="Tue Thu;Sat" -->', src="guide/transition.md")
    link = re.search(r'href="(\.\./\.\./calculators/ramp-up/\?[^"]+)"', html)
    assert link, html
    query = parse_qs(urlsplit(unescape(link[1])).query)
    assert query["injury"] == ["on"] and query["weekdays"] == ["tue,thu,sat"], query


def test_glossary_list_and_first_use_tooltips() -> None:
    html, _ = convert("# Title\n\n<!-- glossary -->\n", src="glossary.md")
    assert '<dl class="ffr-glossary">' in html and 'id="cadence"' in html and "<abbr" not in html
    html, _ = convert("Cadence matters. Cadence again. [Cadence](x.md)")
    assert html.count("<abbr") == 1 and 'tabindex="0">Cadence</abbr>' in html
    with pytest.raises(SiteError, match="belongs on glossary.md only"):
        convert("<!-- glossary -->")


def zensical_markdown(path: str, url: str, meta: dict[str, object]) -> markdown.Markdown:
    """The site's extension in a Markdown instance that carries the page as Zensical does: its context
    preprocessor, registered as "rendering_context" (``zensical.extensions.context``), whose ``page`` has
    ``path``, ``url`` and ``meta``."""

    class Page:
        def __init__(self) -> None:
            self.path, self.url, self.meta = path, url, meta

    class Context(Preprocessor):
        page = Page()

        def run(self, lines: list[str]) -> list[str]:
            return lines

    md = markdown.Markdown(extensions=[extension.SiteExtension(docs_dir=str(DOCS), glossary=GLOSSARY)])
    md.preprocessors.register(Context(md), "rendering_context", 0)
    return md


def test_the_zensical_context_is_read_from_the_markdown_instance() -> None:
    """Under Zensical the page comes from its context preprocessor ("rendering_context"), not from set_page."""
    meta: dict[str, object] = {"reviewed": "2025-01-02"}
    html = zensical_markdown("calculators/cadence.md", "calculators/cadence/", meta).convert("<!-- calc:cadence -->")
    assert 'data-calculator="cadence"' in html
    assert meta["ffr_calculators"] == "cadence" and meta["reviewed_text"] == "2 January 2025"


def test_without_a_page_the_extension_says_so() -> None:
    md = markdown.Markdown(extensions=[extension.SiteExtension(docs_dir=str(DOCS), glossary=GLOSSARY)])
    with pytest.raises(SiteError, match="only when told which page"):
        md.convert("Text.")
