"""Links in the HTML the Markdown extension writes, in the form each generator needs (no build, no Zensical)."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from calculators import CALCULATORS, render
from sitebuild import SiteError
from sitebuild import markdown as extension
from sitebuild.page import PageContext

from ..sitebuild.test_markdown import zensical_markdown

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("src", "link", "from_source"),
    [
        ("calculators/ramp-up.md", "../../references/#fuller-2017", "../references/#fuller-2017"),
        ("calculators/checklist.md", "../ramp-up/#unit=km", "ramp-up/#unit=km"),
        ("guide/transition.md", "../../calculators/ramp-up/?unit=km&amp;age=48", "../calculators/ramp-up/?unit=km&amp;age=48"),
        ("index.md", "references/#x", "references/#x"),
        ("guide/index.md", "../", "../"),
        ("guide/pain.md", "../../", "../"),
        ("guide/pain.md", "#ffr-ramp-up-age", "#ffr-ramp-up-age"),
        ("guide/pain.md", "https://doi.org/10.1/x", "https://doi.org/10.1/x"),
        ("guide/pain.md", "/about/", "/about/"),
    ],
)
def test_a_link_as_the_browser_reads_it_becomes_one_from_the_markdown_file(src: str, link: str, from_source: str) -> None:
    """Zensical reads a relative link in raw HTML from the Markdown file's folder and writes it relative to the page's
    URL: ``../references/`` on ``calculators/ramp-up.md`` comes out as ``../../references/`` (checked on a real
    build by test_build.py). MkDocs leaves raw HTML alone."""
    html = f'<p><a class="ffr-cite" href="{link}">x</a></p>'
    assert PageContext(src, raw_links_from_source=True).raw_html(html) == f'<p><a class="ffr-cite" href="{from_source}">x</a></p>'
    assert PageContext(src).raw_html(html) == html


def test_a_link_above_the_site_s_root_stops_the_build() -> None:
    with pytest.raises(SiteError, match="points above the site's root"):
        PageContext("guide/pain.md", raw_links_from_source=True).raw_html('<a href="../../../x/">x</a>')


def test_under_zensical_the_baked_calculator_carries_links_zensical_turns_into_the_browser_s() -> None:
    """With Zensical's context on the Markdown instance, the widget's citation links are written from the Markdown
    file; the MkDocs adapter gets the shell exactly as ``calculators.render`` (and the worker) writes it."""

    md = zensical_markdown("calculators/ramp-up.md", "calculators/ramp-up/", {"reviewed": "2025-01-02"})
    zensical = md.convert("<!-- calc:ramp-up -->")
    widget = render.render_widget(CALCULATORS["ramp-up"])
    assert 'href="../../references/#' in widget and 'href="../pain/"' in widget  # citations; the check-in's pain links
    assert zensical == widget.replace('href="../', 'href="'), "each page-relative link is written from the Markdown file"

    extension.set_page(PageContext("calculators/ramp-up.md", {"reviewed": "2025-01-02"}))
    try:
        options = {"docs_dir": str(ROOT / "docs"), "glossary": str(ROOT / "includes" / "glossary.yml")}
        mkdocs = markdown.Markdown(extensions=[extension.SiteExtension(**options)]).convert("<!-- calc:ramp-up -->")
    finally:
        extension.set_page(None)
    assert mkdocs == widget
