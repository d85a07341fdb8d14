"""The built site's offline copy and app manifest: what the service worker will cache, and the icons."""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
import re
import struct
from pathlib import Path

import pytest

from sitebuild import SiteError, pyodide
from sitebuild import offline as hook
from sitebuild.offline import CALCULATOR_PREFIXES, WATCH_PREFIXES

REPO = Path(__file__).resolve().parents[2]


def build_info(site: Path) -> dict[str, object]:
    match = re.search(r"const BUILD = (\{.*?\});\n", (site / "sw.js").read_text())
    assert match, "sw.js holds no build manifest"
    info: dict[str, object] = json.loads(match.group(1))
    return info


def png_header(path: Path) -> tuple[int, int, int]:
    """(width, height, colour type) from a PNG's IHDR chunk; colour type 6 has alpha, 2 has none."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, colour


def test_service_worker_lists_every_built_file_in_its_group(built_site: Path) -> None:
    """Every file the site ships is cached (Pyodide's 9.6 MB wasm too), in the guide group, the calculator group or
    the watch group (the FIT reader's wheel, kept only once a reader has used it), never in two."""
    info = build_info(built_site)
    groups = info["groups"]
    assert isinstance(groups, dict)
    listed = {url: (name, integrity) for name, files in groups.items() for url, integrity in files}
    assert sum(len(files) for files in groups.values()) == len(listed), "a file is listed twice"
    on_disk = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    unlisted = on_disk - set(listed)
    # Left out on purpose: the worker itself, source maps, and the search languages an English site never loads;
    # and _headers, which hosts read and never serve (the after-step writes it after this list).
    kept_out = ("sw.js", "_headers")
    assert all(u in kept_out or u.endswith(".map") or u.startswith("assets/javascripts/lunr/") for u in unlisted), unlisted
    assert not set(listed) - on_disk
    for url, (group, _) in listed.items():
        assert (group == "calculators") == url.startswith(CALCULATOR_PREFIXES), url
        assert (group == "watch") == url.startswith(WATCH_PREFIXES), url
    assert [re.sub(r"/[0-9a-f]{12}/", "/HASH/", u) for u, (g, _) in listed.items() if g == "watch"] == [
        "assets/wheels/HASH/fitdecode-0.11.0-py3-none-any.whl"
    ]
    assert listed[f"{pyodide.folder()}pyodide.asm.wasm"][0] == "calculators"
    assert any(url.endswith("-none-any.whl") and group == "calculators" for url, (group, _) in listed.items())
    for needed in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "search/search_index.json",
        "manifest.webmanifest",
        "assets/javascripts/offline.js",
    ]:
        assert listed[needed][0] == "site", needed
    assert any(re.fullmatch(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", url) for url in listed), "Material's search worker"
    assert not [url for url in listed if re.match(r"^(https?:)?//|^/", url)], "every URL is relative to the site"


def test_every_listed_digest_matches_its_file(built_site: Path) -> None:
    """The worker checks each download against these digests, so each must be the built file's."""
    groups = build_info(built_site)["groups"]
    assert isinstance(groups, dict)
    for files in groups.values():
        for url, integrity in files:
            digest = base64.b64encode(hashlib.sha256((built_site / url).read_bytes()).digest()).decode()
            assert integrity == f"sha256-{digest}", url


def test_every_page_links_the_app_manifest_and_the_offline_script(built_site: Path) -> None:
    """Each page can be installed as an app and registers the site-wide worker at the site's root."""
    for page in built_site.rglob("*.html"):
        html = page.read_text()
        rel = page.relative_to(built_site).parent.as_posix()
        manifest = re.search(r'<link rel="manifest" href="([^"]+)">', html)
        script = re.search(r'<script src="([^"]+/offline\.js|assets/javascripts/offline\.js)" data-sw="([^"]+)" defer></script>', html)
        assert manifest and script, page
        if page.name == "404.html":
            continue  # served at any depth, so its links are absolute from the site's root
        assert posixpath.normpath(posixpath.join(rel, manifest.group(1))) == "manifest.webmanifest", page
        assert posixpath.normpath(posixpath.join(rel, script.group(2))) == "sw.js", page


def test_app_manifest_and_icons(built_site: Path) -> None:
    """The manifest names the site, opens it standalone in its own colours, and its icons are the sizes it says."""
    manifest = json.loads((built_site / "manifest.webmanifest").read_text())
    identity = (REPO / "overrides" / "assets" / "stylesheets" / "identity.css").read_text()
    primary = re.search(r"--md-primary-fg-color:\s*(#[0-9a-f]{6})", identity)
    assert primary
    assert manifest["name"] == "Stride Shift" and manifest["short_name"] and len(manifest["short_name"]) <= 12
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("./", "./", "standalone")
    assert manifest["theme_color"] == primary.group(1)
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["background_color"])
    purposes: dict[str, str] = {}
    for icon in manifest["icons"]:
        path = built_site / icon["src"]
        assert path.is_file(), icon
        if icon["type"] == "image/png":
            width, height, colour = png_header(path)
            assert icon["sizes"] == f"{width}x{height}", icon
            if icon["purpose"] == "maskable":
                assert colour == 2, "a maskable icon fills its square: no transparency"
            purposes[icon["sizes"] + " " + icon["purpose"]] = icon["src"]
        else:
            assert icon["type"] == "image/svg+xml" and path.read_text().lstrip().startswith("<svg")
    assert {"192x192 any", "512x512 any", "512x512 maskable"} <= set(purposes)
    width, height, _ = png_header(built_site / "assets" / "images" / "icons" / "apple-touch-icon.png")
    assert (width, height) == (180, 180)


def test_version_changes_with_any_file_and_only_then() -> None:
    """Two builds share a version exactly when every file is the same."""
    one = [{"url": "index.html", "revision": "a"}, {"url": "assets/x.js", "revision": "b"}]
    assert hook.version_of(one) == hook.version_of(list(reversed(one)))
    assert hook.version_of(one) != hook.version_of([one[0], {"url": "assets/x.js", "revision": "c"}])


def test_groups_follow_the_calculator_folders() -> None:
    """Pyodide and the wheel form the calculators group, the browser's other wheels the watch group; every other file is the site group."""
    entries = [
        {"url": u} for u in ["index.html", "assets/pyodide/pyodide.mjs", "assets/calculators/abc/x-none-any.whl", "assets/images/a.svg"]
    ]
    entries.append({"url": "assets/wheels/def/fitdecode-0.11.0-py3-none-any.whl"})
    groups = hook.split(entries)
    assert [e["url"] for e in groups["calculators"]] == ["assets/calculators/abc/x-none-any.whl", "assets/pyodide/pyodide.mjs"]
    assert [e["url"] for e in groups["watch"]] == ["assets/wheels/def/fitdecode-0.11.0-py3-none-any.whl"]
    assert [e["url"] for e in groups["site"]] == ["assets/images/a.svg", "index.html"]


def test_a_template_without_its_placeholder_fails_the_build() -> None:
    """If sw.js loses the spot where the file list goes, the build stops instead of shipping a worker that caches nothing."""
    with pytest.raises(SiteError, match="placeholder"):
        hook.service_worker("const BUILD = null;", "v1", {"site": [], "calculators": []})


def test_search_languages_are_kept_when_the_site_needs_them(tmp_path: Path) -> None:
    """An English site leaves out lunr's language files; a German one keeps the ones its search loads."""
    lunr = tmp_path / "assets" / "javascripts" / "lunr"
    (lunr / "min").mkdir(parents=True)
    for name in ["min/lunr.de.min.js", "min/lunr.fr.min.js", "min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js", "tinyseg.js"]:
        (lunr / name).write_text("//")

    prefix = "assets/javascripts/lunr/"
    assert len(hook.unused_search_languages(tmp_path, ["en"])) == 5
    kept = {f"{prefix}min/lunr.de.min.js", f"{prefix}min/lunr.stemmer.support.min.js", f"{prefix}min/lunr.multi.min.js"}
    assert (
        set(hook.unused_search_languages(tmp_path, ["en", "de"]))
        == {
            f"{prefix}{n}"
            for n in ["min/lunr.fr.min.js", "tinyseg.js", "min/lunr.de.min.js", "min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"]
        }
        - kept
    )
