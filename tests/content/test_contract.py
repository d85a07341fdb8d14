"""The steps of adding a calculator, past the package: its page, the built site, its PDF worksheet,
and the type check that ties its functions together.

Each test iterates over ``CALCULATORS``, so a calculator added to the registry is held to
every step (``tests/unit/test_contract.py`` checks the registry, the protocol and the renderer).
"""

from __future__ import annotations

import http.server
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from calculators import CALCULATORS, default_values, describe_inputs
from calculators.render import render_widget

ROOT = Path(__file__).resolve().parents[2]
IDS = list(CALCULATORS)


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its tags (``!ENV``, ``!!python/name``)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def nav_files() -> list[str]:
    """Every page of mkdocs.yml's nav, in order, as paths under docs/."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)  # noqa: S506 - a safe loader

    def walk(items: Any) -> list[str]:
        found: list[str] = []
        for item in items if isinstance(items, list) else [items]:
            if isinstance(item, dict):
                for value in item.values():
                    found += walk(value)
            elif isinstance(item, str):
                found.append(item)
        return found

    return walk(config["nav"])


@pytest.mark.parametrize("calc_id", IDS)
def test_every_calculator_has_its_page_in_the_menu(calc_id: str) -> None:
    """docs/calculators/ID.md holds the calculator's shortcode once, and the nav lists that page."""
    page = ROOT / "docs" / "calculators" / f"{calc_id}.md"
    assert page.is_file(), f"{calc_id}: no page at {page.relative_to(ROOT)}"
    assert page.read_text(encoding="utf-8").count(f"<!-- calc:{calc_id} -->") == 1
    assert f"calculators/{calc_id}.md" in nav_files(), f"{calc_id}: its page is not in mkdocs.yml's nav"


def test_the_menu_lists_calculators_in_registry_order() -> None:
    """The calculators' pages come in the nav in the order of ``CALCULATORS`` (the command line's and the warm-up's)."""
    pages = [path for path in nav_files() if path.removeprefix("calculators/").removesuffix(".md") in CALCULATORS]
    assert pages == [f"calculators/{calc_id}.md" for calc_id in IDS]


@pytest.mark.parametrize("calc_id", IDS)
def test_every_calculator_page_ships_its_widget(built_site: Path, calc_id: str) -> None:
    """The built page holds the calculator exactly as ``render_widget`` makes it, and loads the runtime for that calculator."""
    html = (built_site / "calculators" / calc_id / "index.html").read_text(encoding="utf-8")
    assert render_widget(CALCULATORS[calc_id]) in html
    assert f'calculator-boot.js" data-calculators="{calc_id}"' in html


@pytest.fixture(scope="module")
def pdf_text(built_site: Path) -> str:
    """The guide's PDF as one line of text, whitespace squashed."""
    from pypdf import PdfReader

    reader = PdfReader(built_site / "stride-shift-guide.pdf")
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("calc_id", IDS)
def test_every_calculator_is_a_worksheet_in_the_pdf(pdf_text: str, site_server: http.server.ThreadingHTTPServer, calc_id: str) -> None:
    """In the PDF each calculator becomes a worksheet ending in the address of its page: a pointer to its
    printable sheet if it has one, otherwise its example values (the defaults its result is for), each
    with its label, worded by ``describe_inputs``."""
    from scripts.serve import base_url

    calc = CALCULATORS[calc_id]
    online = f"With your own values, online: {base_url(site_server)}calculators/{calc_id}/"
    assert pdf_text.count(online) == 1, f"{calc_id}: no worksheet in the PDF"
    end = pdf_text.index(online)
    if calc.blank is not None:
        start = pdf_text.rindex("On paper: tick what applies on the printable sheet,", 0, end)
        assert "Worked example" not in pdf_text[start:end]
        return
    start = pdf_text.rindex("Worked example.", 0, end)
    listed = " ".join(f"{label} {shown}" for label, shown in describe_inputs(calc.fields, default_values(calc.fields)))
    assert pdf_text[start:end] == f"Worked example. The result below is for these example values: {listed} "


def test_mypy_checks_that_a_calculators_parts_fit(tmp_path: Path) -> None:
    """A calculator whose renderer takes another calculator's result fails the type check: the registry's
    ``Calculator`` is typed by each calculator's own inputs and result, not by ``Any``."""
    from mypy import api

    wrong = tmp_path / "wrong_calculator.py"
    wrong.write_text(
        textwrap.dedent(
            """
            from calculators import _cadence_html, ramp_up
            from calculators._registry import Calculator
            from calculators._ramp_up_html import rows, summary

            calculator: Calculator[ramp_up.Inputs, ramp_up.Result] = Calculator(
                id="wrong", title="Wrong", command="wrong", submit="Go", fields=ramp_up.FIELDS, parse_inputs=ramp_up.parse_inputs,
                compute=ramp_up.compute, render_result=_cadence_html.render_result, rows=rows, summary=summary,
            )
            """
        )
    )
    report, _, status = api.run(["--strict", "--no-error-summary", "--follow-imports=silent", str(wrong)])
    assert status == 1 and report.count("error:") == 1, report
    assert 'Argument "render_result" to "Calculator" has incompatible type' in report, report
    right = tmp_path / "right_calculator.py"
    right.write_text(wrong.read_text().replace("_cadence_html", "_ramp_up_html"))
    report, _, status = api.run(["--strict", "--no-error-summary", "--follow-imports=silent", str(right)])
    assert status == 0, f"the right renderer should type-check:\n{report}"
