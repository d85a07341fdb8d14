"""Worked examples baked into guide pages with ``<!-- calc-example:ID name=value ... -->``."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from calculators import CALCULATORS, default_values
from calculators import ramp_up as r
from calculators._ramp_up_html import strength_cell, warning_texts

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide" / "transition.md"
EXAMPLE = re.compile(r"<!--\s*calc-example:(.*?)-->", re.S)


def page_example(path: Path = GUIDE) -> tuple[str, dict[str, str]]:
    """The calculator id and the values of the one example on a guide page, read from its Markdown."""
    found = EXAMPLE.findall(path.read_text(encoding="utf-8"))
    assert len(found) == 1, f"expected one calc-example in {path}, found {len(found)}"
    calc_id, *pairs = shlex.split(found[0])
    return calc_id, dict(pair.split("=", 1) for pair in pairs)


def test_the_transition_page_bakes_its_example_as_python_renders_it(built_site: Path) -> None:
    """The sample plan on the transition page is exactly what compute() and render_result() give for
    its inputs, with no form and no calculator runtime, and its link opens the planner with those inputs."""
    calc_id, given = page_example()
    calc = CALCULATORS[calc_id]
    values = default_values(calc.fields) | given
    expected = calc.render_result(calc.compute(calc.parse_inputs(values)), "../../references/")
    html = (built_site / "guide" / "transition" / "index.html").read_text()
    assert f'<div class="ffr-result">{expected}</div>' in html
    assert "calc-example" not in html
    assert "ffr-form" not in html and "calculator-boot.js" not in html and 'data-module="ffr-calculator"' not in html

    link = re.search(r'<p class="ffr-example__open"><a class="md-button" href="([^"]+)"', html)
    assert link, "the example has no link to the planner"
    url = urlsplit(unescape(link[1]))
    assert url.path == f"../../calculators/{calc_id}/"
    assert (built_site / "calculators" / calc_id / "index.html").is_file()
    assert dict(parse_qsl(url.query, keep_blank_values=True)) == values


def test_what_the_walkthrough_says_holds_for_the_example() -> None:
    """The prose under the sample plan describes it without most of its numbers; what it does say (two
    risk factors, age and the heel-raise count; one warning, to start the strength work now; build weeks
    then an easier week; the same shoes throughout; the reader's strength stage, one leg, slow, in week 1
    and a heel-raise count in each easier week) must stay true of compute()."""
    calc_id, given = page_example()
    assert calc_id == "ramp-up"
    result = r.compute(r.parse_inputs(default_values(r.FIELDS) | given))
    assert [f.sources for f in result.risk_factors] == [("wang-2022", "lagas-2020"), ("lunsford-1995",)]
    (warning,) = warning_texts(result)
    assert "18 single-leg heel raises" in warning and "below Lunsford & Perry's criterion for normal" in warning
    assert "Start the strength work now, before your first week or alongside it" in warning
    kinds = [w.kind for w in result.weeks]
    assert kinds[0] == "start" and kinds[1] == "build"
    first_easier = kinds.index("deload")
    assert result.weeks[first_easier].new_strike < result.weeks[first_easier - 1].new_strike
    assert result.weeks[first_easier + 1].new_strike > result.weeks[first_easier - 1].new_strike
    assert len({w.total for w in result.weeks}) == 1
    assert not any(w.shoe_change for w in result.weeks)
    assert r.STRENGTH_STAGES[result.strength].name == "One leg, slow"
    cells = [strength_cell(w, result) for w in result.weeks]
    assert cells[0] == "One leg, slow"
    assert all(cell == "Count heel raises" for w, cell in zip(result.weeks, cells, strict=True) if w.kind == "deload")


MKDOCS_YML = """\
site_name: Example check
docs_dir: docs
theme:
  name: material
  custom_dir: {root}/overrides
plugins:
  - to-pdf
hooks:
  - {root}/sitebuild/mkdocs/hook.py
markdown_extensions:
  - sitebuild.markdown:
      glossary: {root}/includes/glossary.yml
"""
PAGE = "---\nreviewed: 2025-01-01\n---\n\n# {title}\n\n{body}\n"


def build(tmp_path: Path, shortcode: str) -> subprocess.CompletedProcess[str]:
    """Build a one-page site whose page holds ``shortcode``, with the real hook and Markdown extension (no PDF)."""
    docs = tmp_path / "docs"
    (docs / "calculators").mkdir(parents=True)
    (docs / "index.md").write_text(PAGE.format(title="Example", body=shortcode))
    (docs / "calculators" / "ramp-up.md").write_text(PAGE.format(title="Planner", body=""))
    (docs / "references.md").write_text(PAGE.format(title="References", body=""))
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML.format(root=ROOT))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "FFR_PDF": "0"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("shortcode", "message"),
    [
        ("<!-- calc-example:ramp-up unit=km weekly_volume=-5 -->", "weekly_volume='-5': Current weekly running must be at least 2 km"),
        ("<!-- calc-example:ramp-up unit=km age=forty -->", "age='forty': Age must be a number"),
        ("<!-- calc-example:ramp-up unit=km weekly_volume=25 longest_run=3 -->", "longest_run='3': Longest run in the last 30 days"),
        ("<!-- calc-example:ramp-up weekly_distance=25 -->", "has no field 'weekly_distance'"),
        ("<!-- calc-example:ramp-up unit km -->", "expects name=value, got 'unit'"),
        ("<!-- calc-example:ramp-upp unit=km -->", "Unknown calculator 'ramp-upp' in a calc-example: shortcode"),
    ],
)
def test_a_bad_example_fails_the_build_with_a_clear_message(tmp_path: Path, shortcode: str, message: str) -> None:
    """A typo or a value the calculator refuses stops the build and says which field and why,
    instead of publishing a wrong or empty example."""
    proc = build(tmp_path, shortcode)
    assert proc.returncode != 0
    assert message in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr


def test_a_good_example_builds_with_the_same_scaffolding(tmp_path: Path) -> None:
    """The one-page site used above builds when the example is valid, so the failures above come
    from the bad values and not from the scaffolding."""
    proc = build(tmp_path, "<!-- calc-example:ramp-up unit=km weekly_volume=25 longest_run=10 -->")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert 'class="ffr-example"' in html and 'class="ffr-plan"' in html
