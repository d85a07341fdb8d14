"""Every reader question the contributor documents list is answered where they say: the page is built and
holds the heading's anchor."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECTION = "## Reader questions, and where the site answers them"
SITUATIONS = 16
"""The situations issue 15 asked the site to answer, numbered 1 to 16 in the table."""


def question_rows() -> list[list[str]]:
    """The table's rows (number, question, places, sources), from CONTRIBUTING.md."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in section.splitlines() if line.startswith("| ")]
    return [row for row in rows if row[0] not in ("#", "---")]


def built_page(site: Path, source: str) -> Path:
    """The built HTML of a Markdown source under docs/ (directory URLs: guide/pain.md -> guide/pain/index.html)."""
    stem = source.removesuffix(".md")
    return site / ("index.html" if stem == "index" else f"{stem}/index.html")


def test_the_table_lists_every_situation_once() -> None:
    numbers = [row[0] for row in question_rows()]
    assert sorted(int(n) for n in numbers if n != "n") == list(range(1, SITUATIONS + 1))
    assert all(row[3] for row in question_rows()), "each row names its sources, or says there are none"


def test_every_listed_answer_exists_in_the_built_site(built_site: Path) -> None:
    missing = []
    for number, question, where, _ in question_rows():
        for place in where.split("; "):
            source, _, anchor = place.partition("#")
            page = built_page(built_site, source)
            if not anchor or not page.is_file():
                missing.append(f"{number} {question!r}: {place} (no such page)")
            elif not re.search(rf'id="{re.escape(anchor)}"', page.read_text(encoding="utf-8")):
                missing.append(f"{number} {question!r}: {place} (no heading with that anchor)")
    assert not missing, "Answers the contributor documents list but the site lacks:\n  " + "\n  ".join(missing)
