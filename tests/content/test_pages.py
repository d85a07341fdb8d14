"""Pages with a job beyond their text: the about page and the line under every page."""

from __future__ import annotations

import re
from pathlib import Path

from site_html import article_text

from calculators._sources import RED_FLAGS, URGENT_FLAGS


def test_about_page_lists_the_red_flags_every_calculator_result_shows(built_site: Path) -> None:
    """The about page names each same-day, urgent and emergency sign in the words the calculators use."""
    text = article_text((built_site / "about" / "index.html").read_text()).text
    for flag in RED_FLAGS + URGENT_FLAGS:
        assert flag in text, flag
    for who in ["physiotherapist", "sports doctor", "GP"]:
        assert who in text


def test_every_page_links_to_the_about_page_from_its_review_line(built_site: Path) -> None:
    """Under every page, the 'Last reviewed' line links to About and disclaimer (the about page itself excepted)."""
    pages = [p for p in built_site.rglob("index.html") if "<article" in p.read_text()]
    assert len(pages) >= 8
    for page in pages:
        html = page.read_text()
        line = re.search(r'<p class="ffr-reviewed">(.*?)</p>', html, re.S)
        assert line, f"{page}: no review line"
        if page == built_site / "about" / "index.html":
            assert "About and disclaimer</a>" not in line[1]
            continue
        link = re.search(r'<a href="([^"]*)">About and disclaimer</a>', line[1])
        assert link, f"{page}: the review line does not link to the about page"
        assert (page.parent / link[1] / "index.html").resolve() == (built_site / "about" / "index.html").resolve()
