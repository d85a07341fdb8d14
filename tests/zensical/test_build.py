"""The Zensical build (``python -m sitebuild zensical``) is the whole site: what the MkDocs build ships, checked alike.

No browser: these run by default. ``test_browser.py`` drives the same build in Chromium.
"""

from __future__ import annotations

import http.server
import json
import re
from pathlib import Path

import pytest

from calculators import CALCULATORS, render
from scripts.check_artefact import check_artefact
from scripts.check_links import check_site
from scripts.serve import base_url
from sitebuild import headers, pyodide, zensical
from sitebuild.references import read as read_references

from ..build.test_html_valid import nu_problems
from ..conftest import built_pages, calculator_paths
from ..e2e.test_offline import build_info

DOCS = zensical.ROOT / "docs"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_page_is_built_and_nothing_of_the_build_is_published(zensical_site: Path) -> None:
    """Each Markdown page has its page; no Python, no Markdown source, no config reaches the site."""
    sources = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    pages = set(built_pages(zensical_site))
    assert len(pages) == len(sources) + 1  # and 404.html
    leaked = [p.relative_to(zensical_site).as_posix() for p in zensical_site.rglob("*") if p.suffix in {".py", ".pyc", ".md", ".yml"}]
    assert leaked == []


def test_calculators_are_baked_as_the_mkdocs_build_bakes_them(zensical_site: Path) -> None:
    """Each live calculator is the shell ``calculators.render`` makes, links and all: the worker's results
    link the same way, so a baked result and a live one point to the same place."""
    pages = {path: page(zensical_site, path) for path in calculator_paths(zensical_site)}
    assert set(pages) == {f"calculators/{calc_id}/" for calc_id in CALCULATORS}
    for path, html in pages.items():
        calc = CALCULATORS[path.split("/")[1]]
        # Zensical takes the search marks off (Material's search reads them); all else is the same.
        shell = render.render_widget(calc).replace(" data-search-exclude", "")
        assert shell in html, path
        assert f'data-calculators="{calc.id}"' in html and "calculator-boot.js" in html, path
    assert "calculator-boot.js" not in page(zensical_site, "guide/pain/")


def test_citations_examples_and_glossary_tooltips(zensical_site: Path) -> None:
    sources = read_references(DOCS / "references.md")
    why = page(zensical_site, "guide/why-the-calf/")
    assert "[@" not in why
    xu = sources["xu-2021"]
    assert f'aria-label="Source {xu.number}: {xu.label}" class="ffr-cite" href="../../references/#xu-2021"' in why
    assert why.count("<abbr") >= 5 and 'tabindex="0"' in why
    transition = page(zensical_site, "guide/transition/")
    assert 'data-calculator-example="ramp-up"' in transition and 'href="../../calculators/ramp-up/?unit=km&amp;' in transition
    assert '<dl class="ffr-glossary">' in page(zensical_site, "glossary/")
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\d">\d{1,2} [A-Z][a-z]+ \d{4}</time>', why)


def test_the_after_step_finished_the_folder(zensical_site: Path) -> None:
    """The wheel, Pyodide, the manifest, the service worker's list and _headers: all there after Zensical's own clean-up."""
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    wheel = re.search(r'<meta name="ffr-wheel" content="\./(assets/calculators/[0-9a-f]+/[^"]+\.whl)">', home)
    assert wheel and (zensical_site / wheel[1]).is_file()
    assert (zensical_site / pyodide.folder() / "pyodide.asm.wasm").is_file()
    assert re.search(r'<meta name="theme-color" content="#[0-9a-f]{6}">', home)
    assert 'src="./assets/javascripts/offline.js"' in home
    assert json.loads((zensical_site / "manifest.webmanifest").read_text())["name"] == "Stride Shift"
    groups = build_info(zensical_site)["groups"]
    assert isinstance(groups, dict)
    listed = {url for group in groups.values() for url, _ in group}
    assert {"index.html", "search.json", wheel[1], f"{pyodide.folder()}pyodide.asm.wasm"} <= listed
    assert "_headers" not in listed and "sw.js" not in listed
    assert (zensical_site / "_headers").read_text().startswith("# Generated at build time")


def test_the_policy_allows_exactly_the_search_s_own_style(zensical_site: Path) -> None:
    """Zensical's search writes one <style> (its shadow root's): its hash joins style-src in the header,
    _headers and every page's meta; nothing else is loosened (no 'unsafe-inline', no 'unsafe-hashes')."""
    hashes = headers.style_hashes(zensical_site)
    assert len(hashes) == 1 and re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", hashes[0])
    policy = headers.site_csp(zensical_site)
    assert policy == headers.CSP.replace("style-src 'self'", f"style-src 'self' {hashes[0]}")
    assert "unsafe" not in policy.replace("'wasm-unsafe-eval'", "")
    assert f"Content-Security-Policy: {policy}\n" in (zensical_site / "_headers").read_text()
    meta = f'<meta http-equiv="Content-Security-Policy" content="{headers.site_csp(zensical_site, meta=True)}">'
    for path, file in built_pages(zensical_site).items():
        assert meta in file.read_text(encoding="utf-8"), path
    assert headers.headers_for("/", policy=policy)["Content-Security-Policy"] == policy


def test_links_resolve_and_the_folder_is_self_contained(zensical_site: Path, zensical_server: http.server.ThreadingHTTPServer) -> None:
    assert check_site(zensical_site) == []
    assert check_artefact(zensical_site, base_url(zensical_server)) == []


@pytest.mark.parametrize(
    ("bundle", "expected"),
    [
        ('a.attachShadow({mode:"open"});a.appendChild(C("style",{},Tc.toString()));var Tc=\'.u{x:1}\';', ".u{x:1}"),
        ('var $s="a\\"b\\u0041\\\\";o.attachShadow({mode:"open"});o.appendChild(C("style",{},$s.toString()))', 'a"bA\\'),
        ('let x=document.createElement("style");', None),
    ],
)
def test_the_search_style_is_read_from_the_bundle(tmp_path: Path, bundle: str, expected: str | None) -> None:
    """The hash is of the string constant the bundle puts in the <style>, escapes decoded; Material's bundle has none."""
    import base64
    import hashlib

    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "bundle.0123abcd.min.js").write_text(bundle)
    want = () if expected is None else ("'sha256-" + base64.b64encode(hashlib.sha256(expected.encode()).digest()).decode() + "'",)
    assert headers.style_hashes(tmp_path) == want


def test_every_page_passes_the_nu_html_checker(zensical_site: Path, zensical_server: http.server.ThreadingHTTPServer) -> None:
    """Zensical's pages, finished by the same after-step, pass the checker as the MkDocs build's do."""
    problems = nu_problems(zensical_site, base_url(zensical_server))
    assert not problems, "\n".join(problems)
