"""Pages with a job beyond their text: the about page and the line under every page."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from scripts.site_html import article_text
from tests.unit.safety_html import assert_every_red_flag


def html_text(fragment: str) -> str:
    """A heading's text: tags and the permalink sign removed."""
    return unescape(re.sub(r"<[^>]+>", "", fragment)).replace("¶", "").strip()


def test_about_page_lists_the_red_flags_every_calculator_result_shows(built_site: Path) -> None:
    """The about page shows every red flag in its group (emergency, today, book a clinician), from the
    calculators' own list, and says who to see."""
    html = (built_site / "about" / "index.html").read_text()
    assert_every_red_flag(html.split("<article", 1)[1])
    text = article_text(html).text
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


def test_home_page_offers_three_ways_in(built_site: Path) -> None:
    """The home page is a landing page: three ways in (new, sore, coach or physio), each leading to guide pages and a calculator."""
    html = (built_site / "index.html").read_text()
    ways = re.findall(r'<section class="ffr-way">(.*?)</section>', html, re.S)
    headings = [html_text(h).strip() for w in ways for h in re.findall(r"<h3[^>]*>(.*?)</h3>", w, re.S)]
    assert headings == ["New to forefoot running", "Already sore", "Coach or physio"]
    for heading, way in zip(headings, ways, strict=True):
        links = re.findall(r'<a href="([^"#]+)[^"]*"', way)
        assert len(links) >= 3, f"{heading}: {links}"
        assert any(link.startswith("calculators/") for link in links), f"{heading} leads to no calculator"
    assert 'class="ffr-hero-actions"' in html


def test_every_faq_answer_links_to_the_page_that_goes_deeper(built_site: Path) -> None:
    """Each question on the FAQ has a short answer and a link to a guide page or calculator that explains more."""
    article = (built_site / "faq" / "index.html").read_text().split("<article", 1)[1].split("</article>", 1)[0]
    answers = re.split(r"<h3\b", article)[1:]
    assert len(answers) >= 12, "one answer to each reader question in the source notes"
    for answer in answers:
        question = html_text(answer.split(">", 1)[1].split("</h3>", 1)[0])
        assert question.endswith("?"), question
        body = answer.split("</h3>", 1)[1]
        assert re.search(r'href="\.\./(guide|calculators)/[a-z-]+/(#[a-z-]+)?"', body), f"{question!r} links to no guide page"
        words = len(html_text(re.sub(r"<p>More:.*?</p>", "", body, flags=re.S)).split())
        assert words <= 110, f"{question!r}: the answer is {words} words; keep it short and link to the page that goes deeper"
