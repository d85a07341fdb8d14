"""The contract every calculator keeps, checked for each one the registry lists.

Adding a calculator means a logic module, a renderer module and a loader in
``calculators/_registry.py``; these tests iterate over ``CALCULATORS``, so a new one is
covered without a line here. (Its page and its place in the PDF are checked in
``tests/content/test_contract.py``; that its functions fit together, by mypy.)
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from typing import Any

import pytest

from calculators import CALCULATORS, Calculator, InputError, default_values
from calculators._fields import Field, parse_fields
from calculators._safety import RED_FLAGS_TITLE
from calculators.render import REFERENCES_URL, UNINDEXED, field_id, render_widget

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
IDS = list(CALCULATORS)


def default_result(calc: Calculator[Any, Any]) -> Any:
    return calc.compute(calc.parse_inputs(default_values(calc.fields)))


class Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [str(value) for name, value in attrs if name == "id"]


def ids_in(html: str) -> list[str]:
    parser = Ids()
    parser.feed(html)
    return parser.ids


def test_the_registry_lists_calculators_in_menu_order_once_each() -> None:
    """The registry holds at least the three calculators, in the order of the menu, each under a title of its own."""
    assert IDS[:3] == ["ramp-up", "cadence", "checklist"]
    titles = [calc.title for calc in CALCULATORS.values()]
    assert len(titles) == len(set(titles)), f"two calculators share a title: {titles}"


@pytest.mark.parametrize("calc_id", IDS)
def test_registry_entry(calc_id: str) -> None:
    """Each id is kebab-case and maps to a ``Calculator`` of that id, loaded once, with a title and a submit text."""
    calc = CALCULATORS[calc_id]
    assert KEBAB.match(calc_id), f"{calc_id!r} is not kebab-case"
    assert isinstance(calc, Calculator)
    assert calc.id == calc_id
    assert CALCULATORS[calc_id] is calc, "loaded once"
    assert calc.title and calc.title[0].isupper() and calc.submit and calc.submit[0].isupper()


@pytest.mark.parametrize("calc_id", IDS)
def test_field_spec(calc_id: str) -> None:
    """Fields are named in snake_case, once each, and each sits in a group (the form's fieldsets, each with a
    legend); a unit field is a choice before the field it serves; choices have a valid default."""
    calc = CALCULATORS[calc_id]
    names = [spec.name for spec in calc.fields]
    assert names and len(names) == len(set(names))
    for index, spec in enumerate(calc.fields):
        assert isinstance(spec, Field) and SNAKE.match(spec.name), spec.name
        assert spec.label and spec.label[0].isupper(), spec.name
        assert spec.group, f"{spec.name}: every field sits in a group, a fieldset with a legend"
        if spec.unit_field:
            assert spec.unit_field in names[:index], f"{spec.name}: its unit field comes first"
            assert next(f for f in calc.fields if f.name == spec.unit_field).kind == "choice"
        if spec.kind == "choice":
            assert spec.default in [value for value, _ in spec.choices], spec.name
    assert parse_fields(calc.fields, default_values(calc.fields))[1] == {}, "every default is valid"


@pytest.mark.parametrize("calc_id", IDS)
def test_parse_compute_and_render_the_defaults(calc_id: str) -> None:
    """``parse_inputs`` takes the defaults; ``render_result`` gives one element holding the summary and the red
    flags, citing the references page (or the one given); ``rows`` is a table of strings; ``summary`` plain text."""
    calc = CALCULATORS[calc_id]
    result = default_result(calc)
    html = calc.render_result(result)
    assert html.startswith("<div class=") and html.endswith("</div>")
    assert RED_FLAGS_TITLE in html, "red flags with every result"
    summary = calc.summary(result)
    assert summary and "<" not in summary and summary.strip() == summary
    assert f'href="{REFERENCES_URL}#' in html
    elsewhere = calc.render_result(result, "../refs/")
    assert 'href="../refs/#' in elsewhere and REFERENCES_URL not in elsewhere
    ids = ids_in(html)
    assert len(ids) == len(set(ids)), "ids in a result are unique"
    rows = calc.rows(result)
    assert rows and all(isinstance(row, dict) and list(row) == list(rows[0]) for row in rows)
    assert all(isinstance(value, str) for row in rows for value in row.values())


@pytest.mark.parametrize("calc_id", IDS)
def test_bad_input_names_its_field(calc_id: str) -> None:
    """A value no field can take is refused with an ``InputError`` that names the fields concerned, by their names."""
    calc = CALCULATORS[calc_id]
    typed = [f for f in calc.fields if f.kind in {"number", "integer", "duration", "choice", "date"}]
    assert typed, f"{calc_id} has no field that refuses a value"
    spec = typed[0]
    with pytest.raises(InputError) as refused:
        calc.parse_inputs(default_values(calc.fields) | {spec.name: "not a value"})
    assert set(refused.value.errors) <= {f.name for f in calc.fields} and spec.name in refused.value.errors


@pytest.mark.parametrize("calc_id", IDS)
def test_optional_parts(calc_id: str) -> None:
    """A printable blank version and tools are HTML; a calculator with exports can write each format (or
    asks for the field it needs), and one without exports has no export function."""
    calc = CALCULATORS[calc_id]
    for part in (calc.blank, calc.tools):
        if part is not None:
            html = part()
            assert html.startswith("<") and html.endswith(">")
    assert (calc.export is None) == (not calc.exports)
    result = default_result(calc)
    for fmt in calc.exports:
        assert calc.export is not None
        try:
            made = calc.export(result, fmt, datetime(2027, 1, 1, tzinfo=UTC), date(2027, 1, 1))
        except InputError as error:
            assert set(error.errors) <= {f.name for f in calc.fields}
        else:
            assert made.text and made.filename.endswith(f".{fmt}") and made.media_type


@pytest.mark.parametrize("calc_id", IDS)
def test_command_line(calc_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each calculator has a command of its own (``python -m calculators COMMAND``) that prints its summary,
    its lead and notes lines, its table and the red flags, with nothing in the terminal written per id."""
    from calculators._cli import main
    from calculators._safety import red_flags_text

    calc = CALCULATORS[calc_id]
    assert [c.command for c in CALCULATORS.values()].count(calc.command) == 1, f"{calc.command!r} names two calculators"
    assert main([calc.command]) == 0
    out = capsys.readouterr().out
    result = default_result(calc)
    extra = [*(calc.lead(result) if calc.lead else []), *(calc.notes(result) if calc.notes else [])]
    assert out.startswith(calc.summary(result) + "\n")
    assert all(line in out for line in extra)
    assert out.rstrip().endswith(red_flags_text())


@pytest.mark.parametrize("calc_id", IDS)
def test_widget_shell(calc_id: str) -> None:
    """The page's shell of every calculator: its root, its form and its result in the live region, ids unique."""
    calc = CALCULATORS[calc_id]
    html = render_widget(calc)
    start = f'<{UNINDEXED} data-search-exclude><div class="ffr-calculator" data-module="ffr-calculator" data-calculator="{calc_id}"'
    assert html.startswith(start), "the calculator is left out of the search index, whole"
    after = calc.after() if calc.after else ""
    result = calc.render_result(default_result(calc))
    assert html.endswith(f'<div class="ffr-result ffr-js-result">{result}</div>{after}</div></{UNINDEXED}>')
    assert f"<{UNINDEXED}" not in html[1:], "no tag inside ends the search's exclusion early"
    ids = ids_in(html)
    assert len(ids) == len(set(ids)), "ids on a calculator's page are unique"
    assert {field_id(calc_id, spec.name) for spec in calc.fields} <= set(ids)


@pytest.mark.parametrize("calc_id", IDS)
def test_links_work_at_any_base_path(calc_id: str) -> None:
    """Everything a calculator renders (its widget, blank sheet and tools) links relatively or within the page: no
    address from the host's root (``/references/``) or another origin, which would break under a sub-path
    (``https://user.github.io/stride-shift/``)."""
    calc = CALCULATORS[calc_id]
    html = render_widget(calc) + (calc.blank() if calc.blank else "") + (calc.tools() if calc.tools else "")
    targets = re.findall(r'\b(?:href|src|action)="([^"]*)"', html)
    assert targets, "a result cites its sources"
    assert not [t for t in targets if t.startswith("/") or "//" in t or t.startswith(("http:", "https:"))], targets
