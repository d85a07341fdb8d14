"""Reading ease of every page's body text, hardest page first.

Usage: ``python scripts/readability.py [SITE_DIR]`` (default ``site``; build it first).

Body text is the prose of each page's article in the built HTML: paragraphs, list
items, boxes and captions outside figures. Code, tables, forms, figures, headings, the
calculators (their forms and generated results), the references list and the review
line are left out, and so are citation numbers. Each paragraph or list item counts as
at least one sentence.

For each page it prints the Flesch reading ease (0-100, higher is easier; 60-70 is
plain English), the Flesch-Kincaid grade (a US school grade: grade 7 is a reading age
of about 12, the site's aim) and the number of words, computed by textstat.

``GRADE_CEILING`` is the grade no page with at least ``MIN_WORDS`` words may exceed
(``tests/content/test_readability.py`` enforces it); see the README for why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import textstat

from scripts.site_html import body_text, page_url, site_arguments

ROOT = Path(__file__).resolve().parents[1]

TARGET_GRADE = 7.0
"""Flesch-Kincaid grade 7: a reading age of about 12, the site's aim."""
GRADE_CEILING = 10.0
"""A page above this grade is hard for a general reader, whatever its subject (see the README)."""
MIN_WORDS = 100
"""Pages with less prose than this are listed but not held to the ceiling: a few lines give no stable figure."""


@dataclass(frozen=True)
class Score:
    """Reading-ease figures of one page's body text."""

    page: str
    ease: float
    grade: float
    words: int


def score(page: str, text: str) -> Score:
    """Flesch reading ease, Flesch-Kincaid grade and word count of a text."""
    textstat.set_lang("en_US")
    words = textstat.lexicon_count(text)
    if words == 0:
        return Score(page, 0.0, 0.0, 0)
    return Score(page, round(textstat.flesch_reading_ease(text), 1), round(textstat.flesch_kincaid_grade(text), 1), words)


def score_site(site: Path) -> list[Score]:
    """Every built page of the site that has an article, hardest (highest grade) first.

    Pages with no body text (e.g. the 404 page) are left out.
    """
    scores = []
    for page in sorted(site.rglob("*.html")):
        text = body_text(page.read_text(encoding="utf-8"))
        if text:
            scores.append(score(page_url(site, page) or "/", text))
    return sorted(scores, key=lambda s: (-s.grade, s.page))


def table(scores: list[Score]) -> str:
    """The figures as a plain-text table, hardest page first."""
    rows = [("page", "ease", "grade", "words")] + [(s.page, f"{s.ease:.1f}", f"{s.grade:.1f}", str(s.words)) for s in scores]
    width = max(len(r[0]) for r in rows)
    lines = [f"{r[0]:<{width}}  {r[1]:>5}  {r[2]:>5}  {r[3]:>5}" for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    lines.append(
        f"Aim: grade {TARGET_GRADE:g} or lower (reading age about 12). Fails above grade {GRADE_CEILING:g} on pages of {MIN_WORDS}+ words."
    )
    return "\n".join(lines)


def too_hard(scores: list[Score]) -> list[Score]:
    """Pages long enough to measure whose grade is above the ceiling."""
    return [s for s in scores if s.words >= MIN_WORDS and s.grade > GRADE_CEILING]


def main(argv: list[str] | None = None) -> int:
    args = site_arguments(__doc__.splitlines()[0], argv, ROOT / "site")
    scores = score_site(args.site)
    print(table(scores))
    return 1 if too_hard(scores) else 0


if __name__ == "__main__":
    raise SystemExit(main())
