"""The built site: calculators baked in, runtime shipped, nothing from other origins."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from calculators import CALCULATORS, default_values
from sitebuild import SiteError, shortcodes
from sitebuild.page import PageContext

PAGE = "calculators/ramp-up/index.html"


class Resources(HTMLParser):
    """Collects every URL the browser would fetch by itself, and element ids."""

    FETCHING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src", "embed": "src"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag in self.FETCHING and a.get(self.FETCHING[tag]):
            self.urls.append(str(a[self.FETCHING[tag]]))
        if tag == "link" and a.get("href") and a.get("rel") not in {"canonical", "prev", "next"}:
            self.urls.append(str(a["href"]))


def resources(html: str) -> Resources:
    parser = Resources()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("calc_id", sorted(CALCULATORS))
def test_calculator_page_has_form_and_default_result(built_site: Path, calc_id: str) -> None:
    """Each calculator page ships its form and its default result exactly as Python renders it."""
    html = (built_site / "calculators" / calc_id / "index.html").read_text()
    calc = CALCULATORS[calc_id]
    expected = calc.render_result(calc.compute(calc.parse_inputs(default_values(calc.fields))))
    assert f'data-module="ffr-calculator" data-calculator="{calc_id}"' in html
    assert '<form class="ffr-form ffr-js-form" novalidate' in html
    assert f'<div class="ffr-result ffr-js-result">{expected}</div>' in html
    assert "<!-- calc:" not in html


def test_no_page_fetches_from_another_origin(built_site: Path) -> None:
    """No script, style, image or frame on any page, and no CSS url(), points off the site."""
    pages = list(built_site.rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        for url in resources(page.read_text()).urls:
            assert not re.match(r"^(https?:)?//", url), f"{page}: {url}"
    for css in built_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text()), css
        assert "@import" not in css.read_text() or "//" not in css.read_text().split("@import", 1)[1][:80], css


def test_no_form_can_send_answers_to_the_host(built_site: Path) -> None:
    """Every form of ours is method="dialog": sent before its script runs, it goes nowhere.

    Material's own two forms are left: the search box, which its script alone shows and
    handles, and the palette switch, which has no field a reader types into.
    """
    ours = 0
    for page in built_site.rglob("*.html"):
        for match in re.finditer(r"<form\b[^>]*>", page.read_text()):
            tag = match[0]
            if 'name="search"' in tag or 'data-md-component="palette"' in tag:
                continue
            ours += 1
            assert ' method="dialog"' in tag, f"{page.relative_to(built_site)}: {tag}"
    assert ours >= len(CALCULATORS) + 2, "the calculators' forms, the check-in's and the watch reader's"


def test_no_inline_scripts(built_site: Path) -> None:
    """Every executable script is a file, so the CSP needs no 'unsafe-inline'."""
    for page in built_site.rglob("*.html"):
        for match in re.finditer(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", page.read_text(), re.S):
            if "application/json" in match["attrs"]:
                continue
            assert "src=" in match["attrs"] and not match["body"].strip(), f"{page}: {match[0][:120]}"


def test_runtime_is_self_hosted_and_the_wheel_is_pure(built_site: Path) -> None:
    """Pyodide and a py3-none-any wheel of the calculators are in the site, where the worker and the page say."""
    worker = built_site / "assets" / "javascripts" / "calculator-worker.mjs"
    imported = re.search(r'import \{ loadPyodide, version \} from "([^"]+)"', worker.read_text())
    assert imported, "the worker imports no Pyodide"
    pyodide = (worker.parent / imported[1]).resolve().parent
    assert pyodide.parent == (built_site / "assets" / "pyodide").resolve()  # under its version: assets/pyodide/<version>/
    for name in ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json"]:
        assert (pyodide / name).is_file(), name
    # The npm package's standard library (sources) is not shipped: the worker loads the compiled one.
    assert not (pyodide / "python_stdlib.zip").exists()
    html = (built_site / PAGE).read_text()
    wheel_url = re.search(r'<meta name="ffr-wheel" content="([^"]+)"', html)
    assert wheel_url
    wheel = (built_site / "calculators" / "ramp-up" / wheel_url[1]).resolve()
    assert wheel.name.endswith("-py3-none-any.whl") and wheel.is_file()
    names = zipfile.ZipFile(wheel).namelist()
    assert "calculators/ramp_up.py" in names and "calculators/_web.py" in names
    assert not [n for n in names if not n.startswith(("calculators/", "stride_shift-"))], "the wheel holds the calculators only"
    # Every reader's browser downloads the wheel: its description is the package's short README,
    # not the project's (which once made the wheel's metadata 28 KB).
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    assert b"# Stride Shift calculators" in metadata and len(metadata) < 4000, len(metadata)


def test_the_standard_library_ships_compiled_under_its_own_hash(built_site: Path) -> None:
    """A first start does not compile Python's modules: the ones Python's start and the calculators import are
    bytecode, the rest are the npm package's files as they were (nothing missing). The zip sits under the hash of
    its bytes, apart from the wheel (a new build of the calculators leaves its address alone), and the worker names
    that folder, in its address and in its memory snapshots' key."""
    from sitebuild import pyodide, wheel

    worker = (built_site / pyodide.WORKER).read_text()
    found = re.search(r'const STDLIB_HASH = "([0-9a-f]{12})";', worker)
    assert found, "the build wrote the standard library's folder into the worker"
    assert "python-${version}-${LAYOUT}-${STDLIB_HASH}.snapshot" in worker
    stdlib = built_site / "assets" / "calculators" / found[1] / "python_stdlib.zip"
    assert found[1] == wheel.folder_name(stdlib)
    html = (built_site / PAGE).read_text()
    wheel_url = re.search(r'<meta name="ffr-wheel" content="([^"]+)"', html)
    assert wheel_url
    made = (built_site / "calculators" / "ramp-up" / wheel_url[1]).resolve()
    assert made.parent.name == wheel.folder_name(made) != found[1]
    shipped = set(zipfile.ZipFile(stdlib).namelist())
    npm = set(zipfile.ZipFile(pyodide.INSTALLED / "python_stdlib.zip").namelist())
    compiled = {name[:-1] for name in shipped if name.endswith(".pyc")}
    assert compiled and compiled <= npm, "each compiled module replaces one of the npm zip's sources"
    assert shipped - {f"{name}c" for name in compiled} == npm - compiled, "every other file is kept as it was"
    # Python's own start, Pyodide's and the calculators' imports are among the compiled ones; the build's tools are not.
    assert {"encodings/__init__.py", "_pyodide/_base.py", "asyncio/__init__.py", "json/__init__.py", "dataclasses.py"} <= compiled
    assert "py_compile.py" not in compiled
    # PEP 552: "unchecked-hash" (flags 0b01), so Python loads them without looking for a source.
    with zipfile.ZipFile(stdlib) as archive:
        assert all(int.from_bytes(archive.read(f"{name}c")[4:8], "little") == 1 for name in compiled)
    assert stdlib.stat().st_size < 1.5 * (pyodide.INSTALLED / "python_stdlib.zip").stat().st_size


def test_compiling_again_gives_the_same_bytes(built_site: Path, tmp_path: Path) -> None:
    """The compiled standard library is the same file from one build to the next (a fresh clone, CI, a
    deploy), so its address stays and returning readers keep their copy and their snapshot of Python."""
    import subprocess

    from sitebuild import wheel

    worker = (built_site / "assets" / "javascripts" / "calculator-worker.mjs").read_text()
    found = re.search(r'const STDLIB_HASH = "([0-9a-f]{12})";', worker)
    assert found
    subprocess.run(["node", str(wheel.COMPILER), str(wheel.PACKAGE), str(tmp_path)], check=True, capture_output=True, timeout=300)
    shipped = built_site / "assets" / "calculators" / found[1] / "python_stdlib.zip"
    assert (tmp_path / "python_stdlib.zip").read_bytes() == shipped.read_bytes()


def test_citation_links_resolve_on_the_references_page(built_site: Path) -> None:
    """Every reference key the calculators cite is an anchor on the references page."""
    from calculators._sources import SOURCES

    ids = resources((built_site / "references" / "index.html").read_text()).ids
    assert set(SOURCES) <= ids
    html = (built_site / PAGE).read_text()
    for key in set(re.findall(r'href="\.\./\.\./references/#([a-z0-9-]+)"', html)):
        assert key in ids, key


DOCS = Path(__file__).parents[2] / "docs"


def test_unknown_calculator_shortcode_fails_the_build() -> None:
    """A typo in a shortcode is an error, not an empty box on the page."""
    with pytest.raises(SiteError, match="Unknown calculator 'nope'"):
        shortcodes.render("<p><!-- calc:nope --></p>", PageContext("calculators/nope.md"), DOCS)


def test_unknown_safety_shortcode_fails_the_build() -> None:
    """A misspelt ``safety:`` shortcode stops the build instead of leaving a page without its red flags."""
    page = PageContext("guide/pain.md")
    with pytest.raises(SiteError, match="unknown shortcode safety:red-flag "):
        shortcodes.render("<!-- safety:red-flag -->", page, DOCS)
    html, live = shortcodes.render("<p>Rule. <!-- safety:gate-scope --></p>\n<!-- safety:red-flags -->", page, DOCS)
    assert 'class="ffr-gate-scope"' in html and 'id="ffr-page-1-flags-urgent"' in html and "safety:" not in html and live == []


def test_printable_checklist_has_a_box_for_every_answer(built_site: Path) -> None:
    """The blank sheet lists every tick-box answer with an empty box, and starts no calculator runtime."""
    from calculators import checklist

    html = (built_site / "calculators" / "checklist-print" / "index.html").read_text()
    flags = [f for f in checklist.FIELDS if f.kind == "flag"]
    assert html.count('class="ffr-box"') == len(flags)
    for field in flags:
        assert field.label.replace("'", "&#x27;") in html
    assert 'class="ffr-form' not in html and "calculator-boot.js" not in html
    assert "How this check works" in html and '<details class="ffr-rules" open>' in html


def test_search_finds_the_guidance_not_the_baked_numbers(built_site: Path) -> None:
    """The search index, which every page downloads, holds the guide's text but no calculator's form or result, no worked
    example's result and not the references list, so that a page without a calculator stays within its budget."""
    import json

    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(doc["text"] for doc in docs)
    locations = {doc["location"].split("#")[0] for doc in docs}
    assert "Muscles adapt fast, tendons slowly" in {doc["title"] for doc in docs} and "achilles" in text.lower()
    planner = CALCULATORS["ramp-up"]
    summary = planner.summary(planner.compute(planner.parse_inputs(default_values(planner.fields))))
    assert summary[:60] not in text, "the planner's baked plan is not in the search index"
    assert "Heel-to-toe drop of your shoes now" not in text, "nor its form's labels"
    assert "38 weeks from 5% to 100%" not in text, "nor the transition guide's worked example"
    assert "references/" not in locations and "calculators/checklist-print/" not in locations
    assert {"guide/transition/", "calculators/ramp-up/", "faq/"} <= locations, "the pages around them are found"
    assert not [doc for doc in docs if "checkin-title" in doc["location"]], "no empty entry for the check-in's heading"
