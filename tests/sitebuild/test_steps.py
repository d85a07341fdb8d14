"""The build steps' parts that need no generator: one home for each rule they own."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import SiteError, config, headers, markup, pyodide, references, wheelhouse

ROOT = Path(__file__).resolve().parents[2]
ENTRY = '<li id="{key}">{authors} ({year}). A title. <em>{journal}</em> 1:2-3.</li>'


def test_the_calculators_labels_are_generated_from_the_references_page() -> None:
    """calculators/_sources.py is what the references page gives; `python -m sitebuild sources` rewrites it."""
    expected = references.sources_module(references.read(ROOT / "docs" / "references.md"))
    assert references.SOURCES_MODULE.read_text(encoding="utf-8") == expected, "run `python -m sitebuild sources`"
    proc = subprocess.run([sys.executable, "-m", "sitebuild", "sources", "--check"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "is current" in proc.stdout


def test_one_rule_for_a_source_s_short_label() -> None:
    """One author, two, more; the journal tells apart two sources that would share a label."""
    page = "\n".join(
        ENTRY.format(key=k, authors=a, year=y, journal=j)
        for k, a, y, j in [
            ("solo-2001", "Solo AB", 2001, "J One"),
            ("pair-2002", "Pair AB, Other C", 2002, "J Two"),
            ("many-2003", "Many A, Bee B, Cee C", 2003, "J Three"),
            ("etal-2004", "Etal A, et al", 2004, "J Four"),
            ("twin-2005", "Twin A, Bee B, Cee C", 2005, "Am J X"),
            ("twin-2005b", "Twin A, Dee D, Eee E", 2005, "Eur J Y"),
        ]
    )
    labels = {key: (s.number, s.label) for key, s in references.parse(page).items()}
    assert labels == {
        "solo-2001": (1, "Solo 2001"),
        "pair-2002": (2, "Pair & Other 2002"),
        "many-2003": (3, "Many et al. 2003"),
        "etal-2004": (4, "Etal et al. 2004"),
        "twin-2005": (5, "Twin et al. 2005 (Am J X)"),
        "twin-2005b": (6, "Twin et al. 2005 (Eur J Y)"),
    }
    with pytest.raises(SiteError, match="does not start 'Surname AB"):
        references.parse('<li id="x-2000">A paper without authors (2000).</li>')


def test_the_pyodide_version_has_one_home() -> None:
    """package.json pins it, npm installed that one, and the worker's source names no version: the build writes it in."""
    pin = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    assert pyodide.version() == pin == pyodide.installed_version()
    assert pyodide.folder() == f"assets/pyodide/{pin}/"
    worker = (ROOT / "overrides" / pyodide.WORKER).read_text()
    assert worker.count(f"/{pyodide.PLACEHOLDER}/") == pyodide.WORKER_USES and not re.search(r"pyodide/\d", worker)
    written = pyodide.with_version(worker, pyodide.WORKER_USES)
    assert f'from "../pyodide/{pin}/pyodide.mjs"' in written and pyodide.PLACEHOLDER not in written
    with pytest.raises(SiteError, match="found it 1 times"):
        pyodide.with_version('import "../pyodide/PYODIDE_VERSION/pyodide.mjs";', pyodide.WORKER_USES)


def test_the_head_gets_the_build_s_values() -> None:
    """The wheel's address keeps the template's form (relative or from the root), the CSP goes first, the colour in."""
    page = (
        '<html><head><meta charset="utf-8"><meta name="theme-color" content="">'
        '<meta name="ffr-wheel" content="../../assets/calculators/"></head></html>'
    )
    done = markup.fill_head(page, wheel_url="assets/calculators/abc/x.whl", theme_colour="#0d4a40", csp=headers.CSP_META)
    assert done.startswith(f'<html><head>\n  <meta http-equiv="Content-Security-Policy" content="{headers.CSP_META}">')
    assert '<meta name="ffr-wheel" content="../../assets/calculators/abc/x.whl">' in done
    assert '<meta name="theme-color" content="#0d4a40">' in done
    preview = markup.fill_head(page, wheel_url="assets/calculators/abc/x.whl", theme_colour="#0d4a40", csp=None)
    assert "Content-Security-Policy" not in preview
    with pytest.raises(SiteError, match="expected one <meta name='ffr-wheel'>"):
        markup.fill_head("<head></head>", wheel_url="assets/calculators/abc/x.whl", theme_colour="#000000", csp=None)


def test_the_fit_reader_s_address_is_filled_like_the_wheel_s(tmp_path: Path) -> None:
    """``<meta name="ffr-watch-wheel">`` names the wheels' folder as the template wrote it; the after-step adds
    the FIT reader's content hash and file name, and stops on a meta it cannot fill."""
    page = (
        '<html><head><meta name="theme-color" content=""><meta name="ffr-wheel" content="../../assets/calculators/">'
        '<meta name="ffr-watch-wheel" content="../../assets/wheels/"></head></html>'
    )
    fit = wheelhouse.SiteWheel("fitdecode", tmp_path / "f.whl", "assets/wheels/0123456789ab/fitdecode-0.11.0-py3-none-any.whl")
    done = markup.fill_head(
        page, wheel_url="assets/calculators/abc/x.whl", theme_colour="#0d4a40", csp=None, extra_wheels={"fitdecode": fit}
    )
    assert '<meta name="ffr-watch-wheel" content="../../assets/wheels/0123456789ab/fitdecode-0.11.0-py3-none-any.whl">' in done
    with pytest.raises(SiteError, match="does not ship"):
        markup.fill_head(page, wheel_url="assets/calculators/abc/x.whl", theme_colour="#0d4a40", csp=None)
    with pytest.raises(SiteError, match="wheels' folder"):
        markup.fill_head(
            page.replace("assets/wheels/", "assets/other/"),
            wheel_url="x",
            theme_colour="#0d4a40",
            csp=None,
            extra_wheels={"fitdecode": fit},
        )


def test_the_browser_pins_only_the_fit_reader_with_its_hash() -> None:
    """requirements/browser.txt: fitdecode 0.11.0, pure Python, hash-checked; nothing else goes to the browser."""
    pins = wheelhouse.read_pins(wheelhouse.BROWSER_REQUIREMENTS)
    assert [(p.name, p.version) for p in pins] == [("fitdecode", "0.11.0")]
    assert all(len(h) == 64 for h in pins[0].hashes)
    target = wheelhouse.read_target()
    assert wheelhouse.wheel_fits("fitdecode-0.11.0-py3-none-any.whl", pins[0], target)
    assert not wheelhouse.wheel_fits("fitdecode-0.10.0-py3-none-any.whl", pins[0], target)
    assert not wheelhouse.wheel_fits("fitdecode-0.11.0-cp311-cp311-manylinux_2_17_x86_64.whl", pins[0], target)


def test_a_pin_without_a_hash_is_refused(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("fitdecode==0.11.0\n", encoding="utf-8")
    with pytest.raises(SiteError, match="expected 'name==version --hash=sha256"):
        wheelhouse.read_pins(tmp_path / "r.txt")


def test_a_cached_wheel_is_used_when_it_matches_its_hash_and_fetched_again_when_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full cache makes no download; a cached file that does not match its pinned hash is deleted and fetched again."""
    good = b"a wheel's bytes"
    digest = hashlib.sha256(good).hexdigest()
    requirements = tmp_path / "r.txt"
    requirements.write_text(f"demo==1.0 --hash=sha256:{digest}\n", encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "demo-1.0-py3-none-any.whl").write_bytes(good)
    fetched: list[Path] = []

    def download(reqs: Path, dest: Path, target: wheelhouse.Target) -> None:
        fetched.append(dest)
        (dest / "demo-1.0-py3-none-any.whl").write_bytes(good)

    monkeypatch.setattr(wheelhouse, "download", download)
    wheels = wheelhouse.browser_wheels(requirements, cache)
    assert not fetched and wheels["demo"].url == f"assets/wheels/{digest[:12]}/demo-1.0-py3-none-any.whl"
    (cache / "demo-1.0-py3-none-any.whl").write_bytes(b"tampered")
    assert wheelhouse.browser_wheels(requirements, cache)["demo"].path.read_bytes() == good
    assert fetched == [cache]
    site = tmp_path / "site"
    wheelhouse.copy_into(site, wheels)
    assert (site / wheels["demo"].url).read_bytes() == good


def test_the_site_settings_read_from_mkdocs_yml_without_mkdocs() -> None:
    settings = config.read()
    assert (settings.name, settings.language, settings.search_languages) == ("Stride Shift", "en", ("en",))
    assert settings.description.startswith("A gradual")
    assert config.read(ROOT / "zensical.yml") == settings, "zensical.yml inherits them"


def test_a_config_inherits_and_overrides_key_by_key(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text("site_name: Base\ntheme:\n  language: en\n  name: material\n", encoding="utf-8")
    (tmp_path / "child.yml").write_text("INHERIT: base.yml\ntheme:\n  language: de\n", encoding="utf-8")
    assert (config.read(tmp_path / "child.yml").name, config.read(tmp_path / "child.yml").language) == ("Base", "de")
    (tmp_path / "base.yml").write_text("INHERIT: child.yml\n", encoding="utf-8")
    with pytest.raises(SiteError, match="circle"):
        config.read(tmp_path / "child.yml")


def test_nothing_edits_sys_path() -> None:
    """Packaging (the editable install, pytest's pythonpath) makes the repository importable; no file patches sys.path."""
    tracked = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    this = Path(__file__).resolve().relative_to(ROOT).as_posix()  # names it, to look for it
    patched = [name for name in tracked if name != this and "sys.path.insert" in (ROOT / name).read_text(encoding="utf-8")]
    assert not patched, patched


def test_a_build_stops_on_stale_labels_and_only_a_preview_rewrites_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build never rewrites the tracked calculators/_sources.py behind its author's back: it stops and names the
    command; a preview server (``mkdocs serve``, while someone writes) rewrites it."""
    from sitebuild import steps, wheel

    stale = tmp_path / "_sources.py"
    stale.write_text('SOURCES = {"old-2000": "Old 2000"}\n', encoding="utf-8")
    monkeypatch.setattr(references, "SOURCES_MODULE", stale)
    monkeypatch.setattr(steps, "ROOT", tmp_path)
    built = wheel.Wheel(tmp_path / "w.whl", "assets/calculators/x/w.whl", tmp_path / "python_stdlib.zip")
    monkeypatch.setattr(wheel, "build", lambda: built)
    monkeypatch.setattr(steps, "RECORD", tmp_path / "build.json")
    with pytest.raises(SiteError, match=r"_sources.py is out of date .*python -m sitebuild sources"):
        steps.before()
    assert "old-2000" in stale.read_text(encoding="utf-8"), "the build left the file alone"
    _, log = steps.before(refresh_sources=True)
    assert references.sources_module_is_current(steps.DOCS / references.PAGE) and any("Rewrote" in line for line in log)


def test_the_after_step_refuses_a_folder_it_already_finished(tmp_path: Path) -> None:
    """The after-step runs once on a generator's fresh output: on a folder it already finished (its ``_headers``
    written) it says so, rather than half-redoing the work and failing on something less clear."""
    from sitebuild import steps
    from sitebuild.config import SiteConfig

    (tmp_path / "_headers").write_text("/*\n", encoding="utf-8")
    with pytest.raises(SiteError, match="already finished"):
        steps.after(tmp_path, SiteConfig("Site", "", "en", ("en",)), preview=True)
