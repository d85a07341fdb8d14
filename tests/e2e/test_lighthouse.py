"""Lighthouse, mobile profile, on the home page, a guide page and every calculator page.

Accessibility, Best Practices and SEO must each score 100: those audits look at the
page, not at the machine. Performance is printed with the key metrics at the end of
the run (the "figures" section), not checked: it moves with the shared machine's load.
``bench/quality.py`` prints the same table for any page.
"""

from __future__ import annotations

import pytest

from scripts.lighthouse import run, table, usual_pages

from ..conftest import FIGURES

pytestmark = pytest.mark.browser

FLOORS = {"accessibility": 100, "best-practices": 100, "seo": 100}


def test_lighthouse_accessibility_best_practices_and_seo_score_100(
    base_url: str, site_pages: list[str], calculator_pages: list[str]
) -> None:
    """On a phone profile, each audited page scores 100 in Accessibility, Best Practices and SEO."""
    reports = [run(base_url + path) for path in usual_pages(site_pages, calculator_pages)]
    FIGURES.append("Lighthouse 12.2.3, mobile (Performance is not a test: it depends on the machine's load)")
    FIGURES.extend(table(reports, base_url).splitlines())
    speed = sorted(r.benchmark_index for r in reports)
    FIGURES.append(f"host speed (Lighthouse's benchmarkIndex): {speed[0]:.0f}-{speed[-1]:.0f}; Lighthouse's default 4x assumes about 1,500")
    short = [
        f"{r.url}: {category} {r.scores[category]} < {floor}: {'; '.join(r.lost.get(category, []))}"
        for r in reports
        for category, floor in FLOORS.items()
        if r.scores[category] < floor
    ]
    assert not short, "\n".join(short)
