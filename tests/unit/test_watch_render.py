"""The watch figures as a reader sees them: the HTML, the worker's JSON and the command line."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from calculators import _watch_html, _watch_web, watch
from calculators._cli import main
from calculators._safety import RED_FLAGS

from .watch_fixtures import TODAY, Spec, gpx_file, ride, six_weeks_files


def _figures() -> watch.Figures:
    return watch.read_files([*six_weeks_files(), ("ride.fit", ride()[1]), ("empty.fit", b"")], TODAY, "km")


def _text(html: str) -> str:
    return "".join(ET.fromstring(f"<div>{html}</div>").itertext())


def test_result_shows_figures_chart_weeks_problems_and_red_flags() -> None:
    """The result names the planner's figures, the cadence and its target with sources, a chart with a text
    alternative, a row per week, every file's message and every red flag."""
    figures = _figures()
    html = _watch_html.render_result(figures)
    text = _text(html)  # well-formed: it parses as XML
    assert figures.planner is not None and figures.target is not None
    assert f"weekly running {figures.planner['weekly_volume']} km" in text
    assert f"{figures.target.target_low} to {figures.target.target_high} steps a minute" in text
    assert 'href="../../references/#heiderscheit-2011"' in html and 'href="../../references/#burns-2019"' in html
    assert "our convention" in text and "not a measure of foot strike" in text
    assert 'role="img"' in html and '<title id="ffr-watch-chart-title">' in html and '<desc id="ffr-watch-chart-desc">' in html
    assert html.count("<tr>") == 1 + len(figures.weeks)
    for problem in figures.problems:
        assert problem.message in text
    for group in RED_FLAGS:
        for sign in group.signs:
            assert sign in text


def test_the_chart_s_text_alternative_gives_every_point() -> None:
    """The chart's description lists the cadence at each pace and the target at easy pace."""
    figures = _figures()
    desc = _watch_html._chart_desc(figures)
    for point in figures.points:
        assert f"at {watch.pace_text(point.pace)} per km, {point.cadence:.0f}" in desc
    assert "easy pace is 5:57 per km" in desc


def test_file_names_are_escaped() -> None:
    """A file named like markup shows as text."""
    figures = watch.read_files([("<b>x</b>.fit", b"")], TODAY, "km")
    html = _watch_html.render_result(figures)
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;.fit" in html


def test_nothing_read_still_shows_the_red_flags() -> None:
    """With no run read, the result says so, lists the files and still shows the red flags."""
    figures = watch.read_files([("a.gpx", b"<gpx")], TODAY, "km")
    html = _watch_html.render_result(figures)
    assert "No runs could be read from 1 file." in _text(html)
    assert "ffr-red-flags" in html
    assert "1 file could not be used" in _watch_html.live(figures)


def test_page_before_any_file_says_what_is_read_and_that_files_stay() -> None:
    """The baked page says what is read, that files never leave the device, and shows the red flags."""
    html = _watch_web.render_page()
    text = _text(html)
    assert "never leave this device" in text and "nothing is uploaded" in text
    assert ".fit" in text and ".gpx" in text and "cadence" in text
    assert "ffr-red-flags" in html


def test_worker_entry_reads_files_in_steps_and_returns_json() -> None:
    """start, add, step until done, result: the contract's JSON, with the planner's and the cadence tool's values."""
    _watch_web.start(TODAY.isoformat(), "km")
    files = [*six_weeks_files()[-6:], ("empty.fit", b"")]
    for name, data in files:
        _watch_web.add(name, memoryview(data))
    seen = []
    while True:
        progress = json.loads(_watch_web.step(500))
        seen.append(progress)
        if progress["done"]:
            break
    assert set(seen[0]) == {"done", "files_done", "files_total", "bytes_done", "bytes_total", "current"}
    assert len(seen) > 2 and seen[-1]["files_done"] == seen[-1]["files_total"] == len(files)
    assert seen[-1]["bytes_done"] == seen[-1]["bytes_total"] == sum(len(d) for _, d in files)
    result = json.loads(_watch_web.result())
    assert set(result) == {"html", "live", "planner", "cadence", "problems"}
    assert result["planner"]["unit"] == "km" and result["cadence"]["count_seconds"] == "known"
    message = "empty.fit: the file is empty. Left out; export it again from your watch's app."
    assert result["problems"] == [{"file": "empty.fit", "message": message}]
    assert result["live"].startswith("Read 6 runs from 7 files.")


def test_worker_entry_cancel_drops_the_reading() -> None:
    """After cancel, a step on its way says done, and a new start reads afresh."""
    _watch_web.start(TODAY.isoformat(), "mi")
    _watch_web.add("a.fit", six_weeks_files()[0][1])
    json.loads(_watch_web.step(10))
    _watch_web.cancel()
    assert json.loads(_watch_web.step(10))["done"] is True
    with pytest.raises(ValueError):
        _watch_web.result()
    _watch_web.start(TODAY.isoformat(), "mi")
    assert json.loads(_watch_web.result())["planner"] is None


def test_worker_entry_refuses_a_bad_date_or_unit() -> None:
    """start checks the page's date and unit."""
    with pytest.raises(ValueError):
        _watch_web.start("14/03/2027", "km")
    with pytest.raises(ValueError):
        _watch_web.start(TODAY.isoformat(), "furlong")


def test_command_line_prints_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m calculators watch FILE...`` prints the planner's options, the cadence, the weeks, the files and the red flags."""
    paths = []
    for name, data in [*six_weeks_files(), ("empty.fit", b"")]:
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(str(path))
    figures = _figures()
    assert figures.planner is not None and figures.target is not None
    assert main(["watch", *paths, "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert f"--weekly-volume {figures.planner['weekly_volume']}" in out
    assert f"{figures.target.target_low} to {figures.target.target_high} steps a minute" in out
    assert "empty.fit: the file is empty" in out and "Week of" in out
    assert RED_FLAGS[0].signs[0] in out


def test_command_line_with_no_run_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only unreadable files: each is named, and the exit status is 1."""
    spec = Spec("r.gpx", datetime(2027, 3, 12, 7, 0, tzinfo=UTC), 10, 2.8, 82)
    (tmp_path / "ride.gpx").write_bytes(gpx_file(spec, kind="cycling"))
    assert main(["watch", str(tmp_path / "ride.gpx"), str(tmp_path / "missing.fit"), "--today", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out
    assert "ride.gpx: this activity is a bike ride" in out and "missing.fit: cannot open it" in out


def test_command_line_refuses_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    """--today must be a date."""
    assert main(["watch", "x.fit", "--today", "soon"]) == 2
    assert "--today" in capsys.readouterr().err
