"""The built site's content: claims traced to sources, links that resolve, readable prose.

These run the same checks as ``scripts/check_claims.py``, ``scripts/check_links.py`` and
``scripts/readability.py`` on one real ``mkdocs build --strict`` of the site.
"""

from __future__ import annotations

import http.server
from pathlib import Path

import pytest

from scripts.check_claims import check as check_claims
from scripts.check_links import check_site
from scripts.readability import GRADE_CEILING, MIN_WORDS, score_site, table, too_hard
from scripts.serve import base_url


def test_every_claim_is_on_its_page_and_traces_to_a_cited_source(built_site: Path) -> None:
    """Each page's front-matter claims appear in its text and cite a listed source; every source is used; cited numbers are claims."""
    problems = check_claims(built_site)
    assert not problems, "Claims and citations to fix:\n  " + "\n  ".join(problems)


def test_every_internal_link_and_anchor_resolves(built_site: Path, site_server: http.server.ThreadingHTTPServer) -> None:
    """No built page links to, or loads, a file or #anchor that is not in the build."""
    broken = check_site(built_site, site_url=base_url(site_server))
    assert not broken, "Broken internal links:\n  " + "\n  ".join(map(str, broken))


def test_reading_ease_is_printed_and_no_page_is_far_too_hard(built_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Prints each page's reading ease, hardest first; fails if a page's grade is far above the aim of 7."""
    scores = score_site(built_site)
    with capsys.disabled():
        print("\n\nReading ease of each page's body text (textstat):\n" + table(scores) + "\n")
    assert len(scores) >= 5, "expected the home page, the calculators and the references to be measured"
    hard = too_hard(scores)
    assert not hard, (
        f"Pages above Flesch-Kincaid grade {GRADE_CEILING:g} (with {MIN_WORDS}+ words): "
        + ", ".join(f"{s.page} ({s.grade:g})" for s in hard)
        + ". Use shorter sentences and plainer words."
    )
