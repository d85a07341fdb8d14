"""The HTML the form and the result are made of: labelled, escaped, accessible."""

from __future__ import annotations

import dataclasses
import html
import json
import urllib.parse
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import CALCULATORS, default_values, render_form
from calculators import _web as web
from calculators._format import escape, urlencode
from calculators._safety import RED_FLAGS_TITLE
from calculators._web import handle, respond
from calculators.render import UNINDEXED, render_error_summary, render_given, render_widget

CALC = CALCULATORS["ramp-up"]


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = Collector()
    collector.feed(html)
    return collector.tags


def default_html() -> str:
    return CALC.render_result(CALC.compute(CALC.parse_inputs(default_values(CALC.fields))))


@pytest.mark.parametrize("calc_id", sorted(CALCULATORS))
def test_every_control_has_a_visible_label(calc_id: str) -> None:
    """Each input and select in every calculator's form is named by a <label for=...>, inside a fieldset."""
    calc = CALCULATORS[calc_id]
    html = render_form(calc.id, calc.fields, default_values(calc.fields))
    tags = parse(html)
    labels = {a["for"] for t, a in tags if t == "label"}
    controls = [a for t, a in tags if t in {"input", "select"}]
    assert {c["name"] for c in controls} == {f.name for f in calc.fields}
    days = [f for f in calc.fields if f.kind == "days"]
    assert len(controls) == len(calc.fields) + 6 * len(days), "one control a field, seven tick boxes for run days"
    assert html.count("<legend>") == len({f.group for f in calc.fields})
    assert html.count('<legend class="ffr-label">') == len(days), "a group of tick boxes is named by its legend"
    assert all(c["id"] in labels for c in controls)
    ids = [a["id"] for _, a in tags if a.get("id")]
    assert len(ids) == len(set(ids)), "ids are unique"


def test_every_field_bakes_a_hidden_message_for_its_error() -> None:
    """Each field carries its (hidden, empty) error message with the id the page points aria-describedby at,
    and the form an empty summary box: the page fills them with what the worker returns and composes no markup."""
    html = render_form(CALC.id, CALC.fields, default_values(CALC.fields))
    tags = parse(html)
    messages = {a["id"]: a for t, a in tags if "ffr-js-error" in (a.get("class") or "").split()}
    assert set(messages) == {f"ffr-ramp-up-{f.name}-error" for f in CALC.fields}
    assert all("hidden" in a for a in messages.values())
    age = next(a for t, a in tags if a.get("name") == "age")
    assert "aria-invalid" not in age and "ffr-ramp-up-age-error" not in (age.get("aria-describedby") or "")
    summary = next(a for t, a in tags if "ffr-js-summary" in (a.get("class") or "").split())
    assert "hidden" in summary and summary["tabindex"] == "-1"


def test_values_are_escaped() -> None:
    """A hostile value comes back as text, never as markup."""
    html = render_form(CALC.id, CALC.fields, {"weekly_volume": '"><script>alert(1)</script>'})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_result_shows_red_flags_chart_table_and_citations() -> None:
    """Every result carries the red flags, an accessible SVG chart, the week table and its sources."""
    html = default_html()
    assert RED_FLAGS_TITLE in html
    assert "blood clot" in html
    tags = parse(html)
    svg = next(a for t, a in tags if t == "svg")
    assert svg["role"] == "img" and svg["aria-labelledby"]
    assert html.count("<tr>") == 1 + int(next(a for t, a in tags if a.get("data-weeks"))["data-weeks"] or 0)
    assert 'href="../../references/#frandsen-2025"' in html
    assert "Why these numbers" in html


def test_red_flags_come_first_when_the_reader_cannot_rise_on_tiptoe() -> None:
    """A red-flag answer puts the red flags before the plan summary."""
    values = default_values(CALC.fields) | {"heel_raises": "0"}
    html = CALC.render_result(CALC.compute(CALC.parse_inputs(values)))
    assert html.index(RED_FLAGS_TITLE) < html.index("ffr-summary")


@pytest.mark.parametrize("calc_id", sorted(CALCULATORS))
def test_worker_entry_returns_the_same_html_as_the_build(calc_id: str) -> None:
    """For every calculator, what the browser gets for the default values equals what the build bakes in."""
    calc = CALCULATORS[calc_id]
    defaults = default_values(calc.fields)
    reply = json.loads(handle(json.dumps({"type": "compute", "id": 1, "calculator": calc_id, "values": defaults})))
    html = calc.render_result(calc.compute(calc.parse_inputs(defaults)))
    live = calc.live(calc.compute(calc.parse_inputs(defaults))) if calc.live else calc.summary(calc.compute(calc.parse_inputs(defaults)))
    assert reply == {"type": "result", "id": 1, "ok": True, "html": html, "live": live, "values": defaults}
    assert RED_FLAGS_TITLE in reply["html"], "red flags with every result"


def test_worker_entry_reports_field_errors_and_a_summary() -> None:
    """Bad values come back as field messages plus a summary linking to each field."""
    reply = respond("ramp-up", default_values(CALC.fields) | {"age": "3"})
    assert reply["ok"] is False
    assert list(reply["errors"]) == ["age"]
    assert 'href="#ffr-ramp-up-age"' in reply["summary"]
    assert reply["summary"] == render_error_summary("ramp-up", reply["errors"])


def test_worker_entry_never_raises() -> None:
    """Unreadable messages and unknown calculators get a plain message, not a traceback."""
    for request in ["not json", "[]", '{"values": 3}', '{"calculator": "nope", "values": {}}']:
        reply = json.loads(handle(request))
        assert reply["ok"] is False and "Traceback" not in reply["fatal"]


def warm_replies(monkeypatch: pytest.MonkeyPatch, ids: str = "") -> dict[str, dict[str, object]]:
    """What the worker's warm-up (``_web.warm``) got back for each calculator it warmed, in order.

    ``warm`` throws its replies away (and ``respond`` turns any exception into a reply), so the
    replies are recorded on their way out."""
    replies: dict[str, dict[str, object]] = {}
    respond_for_real = web.respond

    def record(calculator: str, values: dict[str, object]) -> dict[str, object]:
        replies[calculator] = respond_for_real(calculator, values)
        return replies[calculator]

    monkeypatch.setattr(web, "respond", record)
    web.warm(ids)
    return replies


def default_results() -> dict[str, str]:
    """Each calculator's result for its defaults, as the build bakes it."""
    return {
        calc_id: calc.render_result(calc.compute(calc.parse_inputs(default_values(calc.fields)))) for calc_id, calc in CALCULATORS.items()
    }


def assert_default_answers(replies: dict[str, dict[str, object]], expected: dict[str, str]) -> None:
    """Each reply is its calculator's ``expected`` result."""
    for calc_id, reply in replies.items():
        assert (reply.get("ok"), reply.get("html")) == (True, expected[calc_id]), f"{calc_id}: the warm-up got {reply}"


def test_warm_up_computes_every_calculators_default_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker's warm-up call runs every calculator, in menu order, and each gives its default result."""
    replies = warm_replies(monkeypatch)
    assert list(replies) == list(CALCULATORS)
    assert_default_answers(replies, default_results())
    assert list(warm_replies(monkeypatch, "cadence nope")) == ["cadence"], "only the calculators named, and no unknown one"


def test_warm_up_says_how_many_it_computed() -> None:
    """The worker stops warming up a page whose ids name no calculator (the watch page's ``none``): warm says 0."""
    assert web.warm("none") == 0
    assert web.warm("ramp-up nope") == 1
    assert web.warm("") == len(CALCULATORS)


@pytest.mark.parametrize("calc_id", list(CALCULATORS))
def test_warm_up_check_fails_when_a_calculator_is_broken(monkeypatch: pytest.MonkeyPatch, calc_id: str) -> None:
    """A calculator whose compute raises makes the warm-up check above fail: it cannot pass on swallowed errors."""
    calc, expected = CALCULATORS[calc_id], default_results()

    def broken(inputs: object) -> object:
        raise ZeroDivisionError("a bug")

    monkeypatch.setitem(CALCULATORS._loaded, calc_id, dataclasses.replace(calc, compute=broken))  # type: ignore[attr-defined]
    replies = warm_replies(monkeypatch)
    assert replies[calc_id]["ok"] is False
    with pytest.raises(AssertionError, match=calc_id):
        assert_default_answers(replies, expected)


@pytest.mark.parametrize("calc_id", list(CALCULATORS))
def test_widget_is_the_form_then_tools_then_the_result_with_only_the_status_live(calc_id: str) -> None:
    """A calculator as its page ships it: a root the page's script finds by data-module and id, a labelled
    form at the defaults, the tools (if any) after the form, the default result after them, and the part
    baked after the result (the planner's check-in). The one live region is the form's status line, which
    announces a sentence after each change; the result, with its table, is outside it."""
    calc = CALCULATORS[calc_id]
    values = default_values(calc.fields)
    result = calc.render_result(calc.compute(calc.parse_inputs(values)))
    html = render_widget(calc)
    tags = parse(html)
    root = tags[0]
    assert root == (
        "div",
        {"class": "ffr-calculator", "data-module": "ffr-calculator", "data-calculator": calc_id, "data-ffr-state": "static"},
    )
    assert tags[1] == (UNINDEXED, {"data-search-exclude": None}), "search leaves the calculator out"
    form = render_form(calc_id, calc.fields, values, submit=calc.submit)
    tools = calc.tools() if calc.tools else ""
    live = f'<div class="ffr-result ffr-js-result">{result}</div>'
    after = calc.after() if calc.after else ""
    assert html == f"{html[: html.index('<form')]}{form}{tools}{live}{after}</{UNINDEXED}></div>"
    assert [a for t, a in parse(html.removesuffix(f"{after}</{UNINDEXED}></div>")) if t == "form"] == [
        {"class": "ffr-form ffr-js-form", "novalidate": None, "method": "dialog", "aria-label": "Your details"}
    ]
    assert f">{calc.submit}</button>" in form
    live_regions = [a for _, a in tags if a.get("aria-live")]
    assert live_regions == [{"class": "ffr-status ffr-js-status", "role": "status", "aria-live": "polite"}], (
        "one live region, the form's status line: the result, with its table, is outside it"
    )
    assert escape(calc.summary(CALCULATORS[calc_id].compute(calc.parse_inputs(values)))) in result, "the headline is in the result"


def test_example_inputs_are_said_with_their_units() -> None:
    """A worked example names each input it gives by its label, with the value as a reader says it and
    the unit its unit field picks; the other fields are left out."""
    values = default_values(CALC.fields) | {"unit": "km", "weekly_volume": "25", "age": "48", "target_share": "60", "injury": "on"}
    html = render_given(CALC.fields, values, {"unit", "weekly_volume", "age", "target_share", "injury"})
    assert html == (
        "Measure running in: <strong>kilometres</strong>; Current weekly running: <strong>25 km</strong>; "
        "Target share: <strong>60%</strong>; Age: <strong>48 years</strong>; "
        "Achilles or calf injury in the last 12 months: <strong>yes</strong>"
    )
    assert render_given(CALC.fields, {"age": "<b>"}, {"age"}) == "Age: <strong>&lt;b&gt; years</strong>"


@given(st.text())
def test_escape_matches_the_standard_library(text: str) -> None:
    """escape() should give exactly what html.escape gives, so pages stay byte-identical."""
    assert escape(text) == html.escape(text, quote=True)


@given(st.dictionaries(st.text(), st.text()))
def test_urlencode_matches_the_standard_library(query: dict[str, str]) -> None:
    """urlencode() should build the same query string as urllib.parse.urlencode."""
    assert urlencode(query) == urllib.parse.urlencode(query)


def test_run_days_are_a_labelled_group_of_tick_boxes_that_keep_their_values() -> None:
    """The run-days field is a fieldset of seven labelled boxes; ticked days come back ticked, and the hint describes the group."""
    values = default_values(CALC.fields) | {"weekdays": "tue,thu,sat"}
    html = render_form(CALC.id, CALC.fields, values)
    tags = parse(html)
    boxes = [a for t, a in tags if a.get("name") == "weekdays"]
    assert [b["value"] for b in boxes] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert [b["value"] for b in boxes if "checked" in b] == ["tue", "thu", "sat"]
    assert boxes[0]["id"] == "ffr-ramp-up-weekdays", "the error summary's link lands on the first box"
    group = next(a for t, a in tags if t == "fieldset" and "ffr-days" in (a.get("class") or ""))
    assert (group["aria-describedby"] or "").split() == ["ffr-ramp-up-weekdays-hint"]


def test_keep_your_plan_buttons_are_real_buttons_disabled_until_the_script_is_ready() -> None:
    """The planner's print, calendar and CSV controls are labelled buttons, baked disabled, with a status line."""
    assert CALC.tools is not None
    html = CALC.tools()
    buttons = [a for t, a in parse(html) if t == "button"]
    assert [b["data-ffr-export"] for b in buttons] == ["print", "ics", "csv"]
    assert all(b["type"] == "button" and "disabled" in b for b in buttons)
    for text in ["Print or save as PDF", "Add to calendar (.ics)", "Download CSV"]:
        assert f">{text}</button>" in html
    assert 'role="status"' in html and "needs JavaScript" in html
    assert 'class="ffr-print-only ffr-made"' in html and "20" not in html, "no date is baked in: the script adds it when printing"


def test_the_plan_carries_what_the_reader_entered_for_print() -> None:
    """The result holds a print-only record of the inputs, including the run days and the start date."""
    values = default_values(CALC.fields) | {"age": "52", "start_date": "2027-01-04", "weekdays": "tue,thu,sat"}
    html = CALC.render_result(CALC.compute(CALC.parse_inputs(values)))
    record = html[html.index('class="ffr-print-only ffr-inputs"') : html.index("</dl>")]
    assert "52 years" in record and "Tue, Thu and Sat (your days)" in record and "starting Mon 4 Jan 2027" in record
    assert "Run days: Mon, Wed and Fri (your 3 runs spread through the week). Add a start date" in default_html()
