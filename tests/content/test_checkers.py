"""The content checkers themselves, on small hand-made sites: each one catches what it should."""

from __future__ import annotations

import textwrap
from pathlib import Path

from scripts.check_claims import check as check_claims
from scripts.check_links import check_site
from scripts.readability import GRADE_CEILING, Score, score, too_hard
from scripts.site_html import article_text, body_text

REFERENCES_MD = """---
title: References
reviewed: 2026-11-28
claims: []
---
<ol class="ffr-references">
<li id="smith-2020">Smith A (2020). A study. <em>J</em> 1:1.</li>
<li id="jones-2021">Jones B (2021). Another. <em>J</em> 2:2.</li>
</ol>
"""


def page(article: str, head: str = "") -> str:
    """A built page as the theme lays it out: navigation outside the article."""
    nav = "<nav><a href='.'>Menu 99%</a></nav>"
    return f"<html><head>{head}</head><body>{nav}<article class='md-content__inner'>{article}</article></body></html>"


def cite(key: str, number: int, prefix: str = "") -> str:
    return f'[<a class="ffr-cite" href="{prefix}references/#{key}">{number}</a>]'


def make_site(tmp_path: Path, index_md: str, index_article: str, other_citations: str = "") -> tuple[Path, Path]:
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs).mkdir()
    (site / "references").mkdir(parents=True)
    (docs / "references.md").write_text(REFERENCES_MD)
    (docs / "index.md").write_text(textwrap.dedent(index_md))
    (site / "index.html").write_text(page(index_article))
    refs = '<ol class="ffr-references"><li id="smith-2020">Smith</li><li id="jones-2021">Jones</li></ol>'
    (site / "references" / "index.html").write_text(page(refs))
    if other_citations:
        (site / "other.html").write_text(page(other_citations))
    return docs, site


GOOD_MD = """\
    ---
    reviewed: 2026-11-28
    claims:
      - text: "about 15% faster"
        source: smith-2020
    ---
"""
GOOD_HTML = (
    f"<h1>Home</h1><p>Tendons were loaded <strong>about 15%</strong>\n faster {cite('smith-2020', 1)}. See {cite('jones-2021', 2)}.</p>"
)


def test_claims_pass_when_every_claim_is_on_its_page_and_every_source_is_used(tmp_path: Path) -> None:
    """A claim found in the text (across tags and line breaks) and cited, with every source used, passes."""
    docs, site = make_site(tmp_path, GOOD_MD, GOOD_HTML)
    assert check_claims(site, docs) == []


def test_claims_catch_a_missing_list_a_missing_phrase_and_an_unknown_source(tmp_path: Path) -> None:
    """A page without 'claims:', a claim not on its page, and an unknown source are each reported."""
    md = """\
        ---
        reviewed: 2026-11-28
        claims:
          - text: "about 16% faster"
            source: smith-2020
          - text: "Tendons were loaded"
            source: brown-2019
        ---
    """
    docs, site = make_site(tmp_path, md, GOOD_HTML)
    (docs / "extra.md").write_text("---\nreviewed: 2026-11-28\n---\n")
    (site / "extra").mkdir()
    (site / "extra" / "index.html").write_text(page("<p>Nothing.</p>"))
    problems = "\n".join(check_claims(site, docs))
    assert "extra.md: front matter has no 'claims:' list" in problems
    assert "index.md: claim text not found on the page: 'about 16% faster'" in problems
    assert "names source 'brown-2019', which is not on references.md" in problems


def test_claims_catch_a_source_the_page_never_cites(tmp_path: Path) -> None:
    """A claim's source must be linked on its page, so a reader can follow the number."""
    md = GOOD_MD.replace("smith-2020", "jones-2021")
    html = f"<p>Tendons were loaded about 15% faster {cite('jones-2021', 2)}.</p><p>Also {cite('smith-2020', 1)}</p>"
    docs, site = make_site(tmp_path, md, html.replace("jones-2021", "smith-2020", 1))
    problems = "\n".join(check_claims(site, docs))
    assert "names source 'jones-2021', but the page never cites it" in problems


def test_claims_catch_an_unused_reference(tmp_path: Path) -> None:
    """A source on the references page that no page cites is reported."""
    docs, site = make_site(tmp_path, GOOD_MD, GOOD_HTML.replace(f"See {cite('jones-2021', 2)}.", ""))
    assert check_claims(site, docs) == ["references.md: 'jones-2021' is cited nowhere on the site; cite it on a page or remove it"]


def test_a_citation_in_another_built_page_counts_as_use(tmp_path: Path) -> None:
    """A calculator's result (or any built page) that links a source counts as citing it."""
    docs, site = make_site(tmp_path, GOOD_MD, GOOD_HTML.replace(f"See {cite('jones-2021', 2)}.", ""), cite("jones-2021", 2, "../"))
    assert check_claims(site, docs) == []


def test_claims_catch_a_cited_number_that_is_not_a_claim(tmp_path: Path) -> None:
    """A sentence that cites a source and states a number needs a claim from that source; years and other sentences do not."""
    html = GOOD_HTML + (
        f"<p>In 2019, Smith et al. reported a change. {cite('jones-2021', 2)} Runners ran. "
        f"In a study of 20 runners the load rose {cite('jones-2021', 2)}. We suggest 30 seconds of drills.</p>"
    )
    docs, site = make_site(tmp_path, GOOD_MD, html)
    problems = check_claims(site, docs)
    assert problems == [
        "index.md: this sentence cites a source and states a number, but no claim covers it: 'In a study of 20 runners the load rose.'"
    ]
    covered = GOOD_MD.rstrip().removesuffix("---") + '  - text: "20 runners"\n        source: jones-2021\n    ---\n'
    (docs / "index.md").write_text(textwrap.dedent(covered))
    assert check_claims(site, docs) == []


def test_a_claim_from_another_source_does_not_cover_a_cited_number(tmp_path: Path) -> None:
    """The claim inside a cited sentence must come from a source that sentence cites."""
    md = GOOD_MD.rstrip().removesuffix("---") + '  - text: "20 runners"\n        source: smith-2020\n    ---\n'
    html = GOOD_HTML + f"<p>In a study of 20 runners the load rose {cite('jones-2021', 2)}.</p>"
    docs, site = make_site(tmp_path, md, html)
    assert len(check_claims(site, docs)) == 1


def test_links_pass_on_a_site_whose_links_resolve(tmp_path: Path) -> None:
    """Relative pages, directory URLs, anchors, own absolute URLs and other origins are handled."""
    (tmp_path / "guide").mkdir()
    (tmp_path / "a.css").write_text("b{background:url('img.svg')} c{background:url(data:image/png;base64,AA)}")
    (tmp_path / "img.svg").write_text("<svg/>")
    (tmp_path / "index.html").write_text(
        page(
            '<h2 id="top-part">T</h2><a href="guide/#why">Why</a> <a href="#top-part">up</a> <img src="img.svg">'
            '<a href="https://example.org/x#y">elsewhere</a> <a href="mailto:a@b.c">mail</a> <label for="q">Q</label><input id="q">',
            head='<link rel="stylesheet" href="a.css"><link rel="canonical" href="http://127.0.0.1:9/">',
        )
    )
    (tmp_path / "guide" / "index.html").write_text(page('<p id="why">Because</p><a href="..">home</a> <a href="../img.svg">i</a>'))
    assert check_site(tmp_path, site_url="http://127.0.0.1:9/") == []


def test_links_catch_missing_pages_anchors_resources_and_ids(tmp_path: Path) -> None:
    """A missing page, a missing #anchor, a missing image, a dangling label, a bad CSS url() and an above-root path are reported."""
    (tmp_path / "guide").mkdir()
    (tmp_path / "a.css").write_text("b {\n background: url(gone.png) }")
    (tmp_path / "index.html").write_text(
        page(
            '<a href="guide/#nope">x</a> <a href="missing/">y</a> <img src="gone.svg"> <label for="q">Q</label>'
            '<a href="http://127.0.0.1:9/gone/">own</a> <a href="#absent">z</a>',
            head='<link rel="stylesheet" href="a.css">',
        )
    )
    guide = '<p id="why">W</p><a href="../../up/">up</a> <span aria-describedby="why nah">s</span>'
    (tmp_path / "guide" / "index.html").write_text(page(guide))
    found = {(b.page, b.value, b.reason.split(" ")[0]) for b in check_site(tmp_path, site_url="http://127.0.0.1:9/")}
    assert found == {
        ("index.html", "guide/#nope", "no"),
        ("index.html", "missing/", "no"),
        ("index.html", "gone.svg", "no"),
        ("index.html", "q", "no"),
        ("index.html", "http://127.0.0.1:9/gone/", "no"),
        ("index.html", "#absent", "no"),
        ("guide/index.html", "../../up/", "points"),
        ("guide/index.html", "nah", "no"),
        ("a.css", "gone.png", "no"),
    }


def test_article_text_keeps_what_a_reader_sees_and_body_text_drops_the_rest() -> None:
    """Article text leaves out the theme and permalinks; body text also drops code, tables, forms, figures and calculators."""
    html = page(
        '<h1>Title<a class="headerlink" href="#t">¶</a></h1><p>Run <em>slowly</em> today</p><pre><code>x = 1</code></pre>'
        "<table><tr><td>cell</td></tr></table><figure><svg><title>pic</title><path/></svg><figcaption>cap</figcaption></figure>"
        '<div class="ffr-calculator"><form><label>Age</label></form><p>Your plan: 12 weeks</p></div>'
        f"<ul><li>Land softly {cite('smith-2020', 1)}</li><li>Breathe.</li></ul>"
    )
    text = article_text(html).text
    assert text.startswith("Title Run slowly today x = 1 cell")
    assert "Menu" not in text and "¶" not in text and "[1]" in text
    assert body_text(html) == "Run slowly today. Land softly. Breathe."


def test_readability_flags_only_long_hard_pages() -> None:
    """A page of long, wordy sentences is above the ceiling; plain short sentences are not; very short pages are not held to it."""
    wordy = "Notwithstanding considerable methodological heterogeneity, contemporary biomechanical investigations consistently demonstrate "
    hard = score("hard", " ".join([wordy + "substantially elevated plantarflexor musculotendinous loading characteristics."] * 12))
    easy = score("easy", " ".join(["Run a little less. Let your calves rest. Then try again."] * 12))
    assert hard.grade > GRADE_CEILING >= easy.grade
    assert hard.words >= 100 and too_hard([hard, easy]) == [hard]
    assert too_hard([Score("short", 0, 30.0, 20)]) == []
