"""Check that a built site is one self-contained folder, ready for any static host.

Usage: ``python scripts/check_artefact.py [SITE_DIR] [--site-url URL]`` (default ``site``).
Prints one line per problem and exits 1 if there is any. The deploy workflow runs it
before it uploads the folder; ``tests/build/test_deploy_artefact.py`` runs it on every
build.

Every reference in every file the site ships must resolve to a file inside the folder:

- HTML: every ``href``, ``src``, ``srcset``, ``action``, ``poster``, the calculators'
  wheel meta, and Material's configuration (its search worker and base); links and
  anchors between pages (``scripts/check_links.py`` does these);
- CSS: every ``url()`` and ``@import``;
- JavaScript: every ``import``/``export ... from``, ``import()``, ``new URL(..., import.meta.url)``,
  ``new Worker(...)``, ``importScripts(...)`` and ``serviceWorker.register(...)`` with a
  literal address, and every ``["address", "sha256-..."]`` entry of a service worker's
  precache list;
- JSON and web manifests: the search index's locations, a manifest's ``start_url``,
  ``scope`` and icon and shortcut addresses, Pyodide's lock file's package files, and
  any ``url``/``src``/``href`` value in other JSON (a service worker's precache list);
- ``sitemap.xml``: every ``<loc>``.

Nothing the browser fetches by itself may come from another origin; a link a reader
follows (``<a href>``) may, as a citation's DOI does. Absolute addresses count as the
site's own when they start with ``--site-url`` (``site_url`` in mkdocs.yml), and a
path from the root (``/x``) must start with that address's path, so the folder also
works under a sub-path (a GitHub Pages project site). Nothing may point above the root.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from scripts.check_links import NOT_CHECKED, check_site
from scripts.site_html import page_url, scan, site_arguments

CSS_REF = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
JS_REF = re.compile(
    r"""(?:\bimport\s*\(\s*|\bfrom\s*|\bimport\s+|new\s+(?:Shared)?Worker\(\s*|importScripts\(\s*|serviceWorker\.register\(\s*)"""
    r"""(['"])([^'"\n]+)\1|new\s+URL\(\s*(['"])([^'"\n]+)\3\s*,\s*import\.meta\.url"""
)
"""A JavaScript module import, worker, URL relative to the module, or service worker, with a literal address."""
PRECACHED = re.compile(r"""\[\s*"([^"]+)"\s*,\s*"sha(?:256|384|512)-""")
"""An entry of a service worker's precache list: an address and its Subresource Integrity hash."""
FETCHING: tuple[str, ...] = ("<script src>", "<img src>", "<link href>", "<source src>", "<source srcset>", "<img srcset>", "<video src>")
FETCHING += (
    "<video poster>",
    "<audio src>",
    "<iframe src>",
    "<embed src>",
    "<object data>",
    "<track src>",
    '<meta name="ffr-wheel">',
    '<meta name="ffr-watch-wheel">',
)
NAVIGATION_RELS = ("canonical", "alternate", "prev", "next")
JSON_URL_KEYS = ("url", "src", "href")
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
LOC = re.compile(r"<loc>([^<]+)</loc>")


class Artefact:
    """A built site and its own address, with the problems found so far."""

    def __init__(self, site: Path, site_url: str) -> None:
        self.site = site.resolve()
        self.own = urlsplit(site_url) if site_url else None
        self.root_path = self.own.path if self.own and self.own.path.endswith("/") else "/"
        self.problems: list[str] = []

    def check(self, where: str, base: str, value: str, fetched: bool = True, folder: bool = False) -> None:
        """Check one reference found in ``where`` (a site-relative file), relative to ``base`` (its URL path).

        ``fetched``: the browser fetches it by itself (so it must be on this origin);
        ``folder``: a base address, which may name a folder rather than a file.
        """
        value = value.strip()
        if not value or value.startswith((*NOT_CHECKED, "#", "node:")):  # node: modules are Node's own, never fetched
            return
        parts = urlsplit(value)
        if parts.scheme or parts.netloc:
            own = self.own
            if own is None or parts.netloc != own.netloc or parts.scheme not in {"http", "https", ""}:
                if fetched:
                    self.problems.append(f"{where}: {value!r} is fetched from another origin")
                return
            path = parts.path
        elif parts.path.startswith("/"):
            path = parts.path
        else:
            path = posixpath.join(self.root_path + posixpath.dirname(base), parts.path)
            if not posixpath.normpath(path).startswith(self.root_path.rstrip("/")):
                self.problems.append(f"{where}: {value!r} points above the site's root")
                return
        norm = posixpath.normpath(unquote(path))
        if path.endswith(("/", "/.")) and not norm.endswith("/"):
            norm += "/"
        if not (norm + "/").startswith(self.root_path):
            self.problems.append(f"{where}: {value!r} is outside the site's root {self.root_path}")
            return
        rel = norm[len(self.root_path) :].rstrip("/")
        target = self.site / rel
        if folder and target.is_dir():
            return
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            self.problems.append(f"{where}: {value!r} names no file in the folder ({rel or '/'})")

    def file_base(self, file: Path) -> str:
        return page_url(self.site, file)


def check_html(art: Artefact) -> None:
    for page in sorted(art.site.rglob("*.html")):
        rel, base = page.relative_to(art.site).as_posix(), art.file_base(page)
        html = page.read_text(encoding="utf-8")
        for ref in scan(html).urls:
            link_rel = re.search(r'<link[^>]*rel="([^"]+)"[^>]*href="' + re.escape(ref.value) + '"', html)
            fetched = ref.what in FETCHING and not (link_rel and link_rel[1] in NAVIGATION_RELS)
            art.check(f"{rel}:{ref.line} {ref.what}", base, ref.value, fetched=fetched)
        for config in CONFIG.findall(html):
            data = json.loads(config)
            for key in ("base", "search"):
                if isinstance(data.get(key), str):
                    art.check(f"{rel} Material's config {key!r}", base, data[key], folder=key == "base")


def check_css(art: Artefact) -> None:
    for css in sorted(art.site.rglob("*.css")):
        rel, base = css.relative_to(art.site).as_posix(), art.file_base(css)
        for number, line in enumerate(css.read_text(encoding="utf-8").splitlines(), start=1):
            for match in CSS_REF.finditer(line):
                art.check(f"{rel}:{number} {'url()' if match[2] else '@import'}", base, match[2] or match[4])


def check_js(art: Artefact) -> None:
    for script in sorted([*art.site.rglob("*.js"), *art.site.rglob("*.mjs")]):
        rel, base = script.relative_to(art.site).as_posix(), art.file_base(script)
        text = script.read_text(encoding="utf-8")
        for match in JS_REF.finditer(text):
            value = match[2] or match[4]
            if "/" in value or "." in value:  # a bare module name would not load in a browser anyway
                art.check(f"{rel} {match[0][:40]!r}", base, value, folder=bool(match[4]))
        for match in PRECACHED.finditer(text):
            art.check(f"{rel} precache entry", base, match[1])


def _strings(data: Any, keys: tuple[str, ...]) -> list[str]:
    """Every string value under one of ``keys``, anywhere in a JSON document."""
    if isinstance(data, dict):
        return [v for k, v in data.items() if k in keys and isinstance(v, str)] + [s for v in data.values() for s in _strings(v, keys)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v, keys)]
    return []


def check_json(art: Artefact) -> None:
    for file in sorted([*art.site.rglob("*.json"), *art.site.rglob("*.webmanifest")]):
        rel, base = file.relative_to(art.site).as_posix(), art.file_base(file)
        data = json.loads(file.read_text(encoding="utf-8"))
        if file.name == "search_index.json":  # Material's: locations are relative to the site's root
            for location in {doc["location"].split("#")[0] for doc in data.get("docs", [])}:
                art.check(f"{rel} location", "", location or "./")
        elif file.name == "pyodide-lock.json":  # package files, relative to Pyodide's folder
            for name in {pkg["file_name"] for pkg in data.get("packages", {}).values()}:
                art.check(f"{rel} package", base, name)
        elif file.suffix == ".webmanifest" or file.name == "manifest.json":
            for key in ("start_url", "scope"):
                if isinstance(data.get(key), str):
                    art.check(f"{rel} {key}", base, data[key], fetched=False)
            for value in _strings({k: data.get(k) for k in ("icons", "screenshots", "shortcuts")}, ("src", "url")):
                art.check(f"{rel} icon or shortcut", base, value)
        else:
            for value in _strings(data, JSON_URL_KEYS):
                art.check(f"{rel} address", base, value)


def check_sitemap(art: Artefact) -> None:
    sitemap = art.site / "sitemap.xml"
    if sitemap.is_file():
        for loc in LOC.findall(sitemap.read_text(encoding="utf-8")):
            art.check("sitemap.xml <loc>", "", loc.strip())


def check_artefact(site: Path, site_url: str = "") -> list[str]:
    """Every reference in the built site that does not resolve inside it; empty when it is self-contained."""
    art = Artefact(site, site_url)
    check_html(art)
    check_css(art)
    check_js(art)
    check_json(art)
    check_sitemap(art)
    art.problems += [str(b) for b in check_site(site, site_url)]
    return sorted(set(art.problems))


def main(argv: list[str] | None = None) -> int:
    args = site_arguments(
        __doc__.splitlines()[0],
        argv,
        Path("site"),
        site_url_help="the address the site is built for (site_url), e.g. https://example.org/guide/",
    )
    problems = check_artefact(args.site, args.site_url)
    for problem in problems:
        print(problem)
    files = sum(1 for f in args.site.rglob("*") if f.is_file())
    ok = f"Self-contained: every reference in {files} files resolves inside {args.site}."
    print(f"{len(problems)} problem(s) in {files} files" if problems else ok)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
