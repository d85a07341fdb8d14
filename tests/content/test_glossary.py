"""The glossary: one source for the glossary page and for the tooltips on every other page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from sitebuild import SiteError
from sitebuild import glossary as hook

ROOT = Path(__file__).resolve().parents[2]


TERMS = hook.load(ROOT / hook.SOURCE)


def render(text: str, terms: list, page_is_glossary: bool = False) -> str:
    """Markdown through the abbr extension with the glossary, then the hook's pass, as in the build."""
    glossary = {s: t.definition for t in terms for s in t.spellings()}
    html = markdown.markdown(text, extensions=["abbr"], extension_configs={"abbr": {"glossary": glossary}})
    return hook.mark_terms(html, keep=not page_is_glossary)


class Abbrs(HTMLParser):
    """Every <abbr> in a page's article, with the elements it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.found: list[tuple[dict[str, str | None], list[str]]] = []
        self.in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article = True
        if self.in_article and tag == "abbr":
            self.found.append((dict(attrs), list(self.stack)))
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article = False
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]


def test_the_source_has_the_guide_words_and_is_well_formed() -> None:
    """The glossary defines the words the guide relies on, each once, in alphabetical order."""
    names = {t.term for t in TERMS}
    needed = {
        *("Cadence", "Heel-to-toe drop", "Overstride", "Plantarflexion", "Dorsiflexion", "Tendinopathy", "Achilles tendon", "Calf"),
        *("Gastrocnemius", "Soleus", "Forefoot strike", "Midfoot strike", "Heel strike", "Minimalist shoe", "Deload week"),
        *("Pain-monitoring model", "Eccentric", "Bone-marrow oedema", "Step rate"),
    }
    assert needed <= names, needed - names
    assert [t.term.lower() for t in TERMS] == sorted(t.term.lower() for t in TERMS)


def test_only_the_first_use_of_a_term_on_a_page_is_marked_and_it_can_be_focused() -> None:
    """The first use outside headings and links gets the definition and tabindex=0; later uses stay plain text."""
    html = render("# Cadence\n\nSee [cadence](x.md).\n\nYour cadence matters. Cadence again, and calves.", TERMS)
    cadence = next(t for t in TERMS if t.term == "Cadence").definition
    assert html.count("<abbr") == 2
    assert f'Your <abbr title="{cadence}" tabindex="0">cadence</abbr> matters. Cadence again' in html
    assert "<h1>Cadence</h1>" in html and '<a href="x.md">cadence</a>' in html
    assert re.search(r'<abbr title="The muscles at the back[^"]*" tabindex="0">calves</abbr>', html)


def test_the_longest_spelling_wins() -> None:
    """'Achilles tendon' is one term, not 'Achilles' plus 'tendon'; 'calf raises' is a heel raise, not the calf."""
    html = render("Your Achilles tendon and calf raises.", TERMS)
    assert ">Achilles tendon</abbr>" in html and ">calf raises</abbr>" in html and html.count("<abbr") == 2


def test_the_glossary_page_marks_no_terms() -> None:
    """On the glossary page itself, terms are plain text: the page is the definition."""
    assert "<abbr" not in render("Your cadence and your calves.", TERMS, page_is_glossary=True)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("- term: Cadence\n  definition: Steps a minute.\n- term: Step rate\n  forms: [cadence]\n  definition: Same.\n", "in both"),
        ("- term: Cadence\n  definition: About 170 steps a minute.\n", "no numbers"),
        ("- term: Cadence\n", "non-empty 'term' and 'definition'"),
        ("- term: Cadence\n  definition: Steps.\n  see: x\n", "may only have"),
    ],
)
def test_a_bad_glossary_entry_fails_the_build(tmp_path: Path, source: str, message: str) -> None:
    """A spelling claimed by two terms, a number in a definition, or a malformed entry stops the build with a clear message."""
    path = tmp_path / "glossary.yml"
    path.write_text(source)
    with pytest.raises(SiteError, match=message):
        hook.load(path)


def test_the_built_glossary_page_lists_every_term(built_site: Path) -> None:
    """The glossary page shows each term with its own anchor and its definition, and no tooltips."""
    html = (built_site / "glossary" / "index.html").read_text()
    for term in TERMS:
        assert f'<dt id="{term.anchor}">{term.term}</dt>' in html.replace("&#x27;", "'")
        assert term.definition.replace("'", "&#x27;") in html
    assert "<abbr" not in html.split("<article", 1)[1]


def test_every_page_marks_each_term_once_and_makes_it_focusable(built_site: Path) -> None:
    """On every built page, each tooltip term is focusable, appears once per definition, and never inside a heading or link."""
    definitions = {t.definition for t in TERMS}
    marked_pages = 0
    for page in sorted(built_site.rglob("*.html")):
        parser = Abbrs()
        parser.feed(page.read_text())
        titles = [a.get("title") for a, _ in parser.found]
        assert len(titles) == len(set(titles)), f"{page}: a term is marked more than once"
        for attrs, inside in parser.found:
            assert attrs.get("tabindex") == "0", f"{page}: {attrs} cannot be reached by keyboard"
            assert attrs.get("title") in definitions, f"{page}: {attrs.get('title')!r} is not a glossary definition"
            assert not {"a", "h1", "h2", "h3", "h4", "h5", "h6", "button", "summary", "label"} & set(inside), f"{page}: {attrs} in {inside}"
        marked_pages += bool(titles)
    assert marked_pages >= 5, "expected glossary terms on most pages"


def test_the_glossary_source_is_not_published(built_site: Path) -> None:
    """includes/glossary.yml feeds the build but is not a page or a file of the site."""
    assert not list(built_site.rglob("glossary.yml")) and not (built_site / "includes").exists()
