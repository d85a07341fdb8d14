"""The deploy artefact is one self-contained folder: nothing in it points outside it.

``scripts/check_artefact.py`` does the checking (the deploy workflow runs it too); the
first test runs it on the real build, the others show on small hand-made folders that
it catches each kind of escape.
"""

from __future__ import annotations

import http.server
import json
import re
from pathlib import Path

import pytest

from scripts.check_artefact import check_artefact
from scripts.serve import base_url


def test_the_built_site_references_nothing_outside_itself(built_site: Path, site_server: http.server.ThreadingHTTPServer) -> None:
    """Every reference in every HTML, CSS, JS, JSON and manifest file of the build resolves to a file in the folder."""
    assert check_artefact(built_site, base_url(site_server)) == []


def test_pyodide_lists_only_the_packages_the_site_ships(built_site: Path) -> None:
    """The lock file Pyodide reads names no package file that is missing (and costs no 119 KB)."""
    lock = next((built_site / "assets" / "pyodide").glob("*/pyodide-lock.json"))
    data = json.loads(lock.read_text())
    assert data["info"]["python"].startswith("3.14")
    assert all((lock.parent / pkg["file_name"]).is_file() for pkg in data["packages"].values())
    assert lock.stat().st_size < 2000


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


PAGE = '<!doctype html><html lang="en"><head><title>t</title>{head}</head><body>{body}</body></html>'


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        ({"index.html": PAGE.format(head='<script src="https://cdn.example.org/x.js"></script>', body="")}, "fetched from another origin"),
        ({"index.html": PAGE.format(head='<link rel="stylesheet" href="//fonts.example.org/a.css">', body="")}, "another origin"),
        ({"a/index.html": PAGE.format(head="", body='<img src="../../up.png" alt="">')}, "above the site's root"),
        ({"index.html": PAGE.format(head="", body=""), "s.css": "a{background:url(gone.png)}"}, "gone.png"),
        ({"index.html": PAGE.format(head="", body=""), "s.css": "@import 'https://cdn.example.net/x.css';"}, "another origin"),
        ({"index.html": PAGE.format(head="", body=""), "m.mjs": 'import { x } from "./missing.mjs";'}, "missing.mjs"),
        ({"index.html": PAGE.format(head="", body=""), "m.mjs": 'new Worker(new URL("./w.mjs", import.meta.url));'}, "w.mjs"),
        ({"index.html": PAGE.format(head="", body=""), "boot.js": 'navigator.serviceWorker.register("sw.js");'}, "sw.js"),
        ({"index.html": PAGE.format(head="", body=""), "sw.js": 'const B = {"files": [["old.html", "sha256-AAAA"]]};'}, "old.html"),
        ({"index.html": PAGE.format(head="", body=""), "site.webmanifest": json.dumps({"icons": [{"src": "icon.png"}]})}, "icon.png"),
        ({"index.html": PAGE.format(head="", body=""), "precache.json": json.dumps([{"url": "gone.html"}])}, "gone.html"),
        ({"index.html": PAGE.format(head="", body='<a href="/other/">x</a>')}, "outside the site's root /sub/"),
    ],
)
def test_the_checker_catches_each_way_out(tmp_path: Path, files: dict[str, str], problem: str) -> None:
    """A fetch from another origin, a path above the root or outside a sub-path, or a missing file is reported."""
    site = write(tmp_path, files)
    problems = check_artefact(site, "https://example.org/sub/")
    assert any(problem in p for p in problems), problems


def test_the_checker_accepts_what_resolves_and_citations_elsewhere(tmp_path: Path) -> None:
    """Relative and root-path references that resolve, a sub-path site, and a DOI link a reader follows are all fine."""
    body = '<a href="https://doi.org/10.1000/x">study</a> <a href="/sub/a/">a</a> <img src="i.svg" alt="">'
    site = write(
        tmp_path,
        {
            "index.html": PAGE.format(head='<link rel="canonical" href="https://example.org/sub/">', body=body),
            "a/index.html": PAGE.format(head="", body='<a href="../">home</a>'),
            "i.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
            "m.mjs": 'import "./n.mjs"; const w = new URL("./n.mjs", import.meta.url);',
            "n.mjs": "",
        },
    )
    assert check_artefact(site, "https://example.org/sub/") == []


def test_the_pages_workflow_builds_checks_and_uploads_this_folder_with_pinned_actions() -> None:
    """The GitHub Pages workflow runs `make site` for its own address, checks the folder, uploads site/, and pins every action."""
    import yaml

    workflow = yaml.safe_load((Path(__file__).parents[2] / ".github" / "workflows" / "deploy.yml").read_text())
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = [step["uses"] for step in steps if "uses" in step]
    assert uses and all(re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", u) for u in uses), uses
    names = {u.split("@")[0] for u in uses}
    assert {"actions/upload-pages-artifact", "actions/deploy-pages", "actions/configure-pages"} <= names
    build = next(step for step in steps if step.get("run") == "make site")
    assert build["env"]["FFR_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert any("scripts/check_artefact.py site" in step.get("run", "") for step in steps)
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
