"""Check every internal link, resource and anchor in a built site.

Usage: ``python scripts/check_links.py [SITE_DIR] [--site-url URL]`` (default ``site``).
Prints one line per broken reference and exits 1 if there is any.

For every built ``.html`` file it checks:

- every ``href``/``src``/``srcset``/``action``/``poster`` (and the ``ffr-wheel`` and
  ``ffr-watch-wheel`` metas) that stays on the site resolves to a file in the build (``dir/``
  means ``dir/index.html``);
- every ``#fragment`` on such a link is an ``id`` (or ``<a name>``) in the target page;
- every same-page id reference (``<label for>``, ``aria-labelledby``,
  ``aria-describedby``, ``aria-controls``) names an id on the page;

and in every built ``.css`` file, every relative ``url(...)`` resolves. Absolute URLs
count as internal when they start with the site's own address (``--site-url``, as
``site_url`` in mkdocs.yml); other origins, ``mailto:`` and ``data:`` are not checked
(no network here; the build tests forbid fetching from other origins anyway).

Why a script and not ``linkchecker``: see the README ("Dependencies and why").
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from scripts.site_html import Scan, page_url, scan, site_arguments

NOT_CHECKED = ("mailto:", "tel:", "data:", "blob:", "about:", "javascript:")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


@dataclass(frozen=True)
class Broken:
    """One reference that does not resolve."""

    page: str
    line: int
    what: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.what} {self.value!r}: {self.reason}"


def _target_file(site: Path, url_path: str) -> Path | None:
    """The file a site-relative URL path serves, or None."""
    candidate = site / url_path.lstrip("/")
    if url_path.endswith("/") or url_path == "":
        candidate = candidate / "index.html"
    elif candidate.is_dir():
        candidate = candidate / "index.html"  # the server redirects dir -> dir/
    return candidate if candidate.is_file() else None


def check_site(site: Path, site_url: str = "") -> list[Broken]:
    """Every broken internal link, resource, anchor and id reference in a built site.

    Parameters:
        site: The built site's folder.
        site_url: The site's own address; absolute links that start with it are checked too.

    Returns:
        The broken references, in file order; empty when all resolve.
    """
    site = site.resolve()
    pages = sorted(site.rglob("*.html"))
    scans: dict[Path, Scan] = {p: scan(p.read_text(encoding="utf-8")) for p in pages}
    own = urlsplit(site_url) if site_url else None
    broken: list[Broken] = []

    for page, found in scans.items():
        rel = page.relative_to(site).as_posix()
        base = page_url(site, page)
        for ref in found.urls:
            value = ref.value
            if value.startswith(NOT_CHECKED):
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                if own is None or parts.scheme not in {"http", "https", ""} or parts.netloc != own.netloc:
                    continue  # another site: not ours to check offline
                if not parts.path.startswith(own.path):
                    continue
                path = parts.path[len(own.path) :]
            elif parts.path.startswith("/"):
                path = parts.path[len(own.path) :] if own and parts.path.startswith(own.path) else parts.path.lstrip("/")
            elif parts.path:
                if posixpath.normpath(posixpath.join(posixpath.dirname(base + "x"), parts.path)).startswith(".."):
                    broken.append(Broken(rel, ref.line, ref.what, value, "points above the site's root"))
                    continue
                path = urlsplit(urljoin("http://site/" + base, parts.path)).path.lstrip("/")
            else:
                path = base  # "#fragment" or "?query" on the same page
            path = unquote(path)
            target = _target_file(site, path)
            if target is None:
                broken.append(Broken(rel, ref.line, ref.what, value, f"no file for {path or '/'} in the build"))
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                if fragment not in scans[target].ids:
                    where = "this page" if target == page else target.relative_to(site).as_posix()
                    broken.append(Broken(rel, ref.line, ref.what, value, f"no id {fragment!r} on {where}"))
        for ref in found.id_refs:
            if ref.value not in found.ids:
                broken.append(Broken(rel, ref.line, ref.what, ref.value, "no element with this id on the page"))

    for css in sorted(site.rglob("*.css")):
        rel = css.relative_to(site).as_posix()
        for number, line in enumerate(css.read_text(encoding="utf-8").splitlines(), start=1):
            for match in CSS_URL.finditer(line):
                value = match.group(2).strip()
                parts = urlsplit(value)
                if value.startswith(NOT_CHECKED) or parts.scheme or parts.netloc or not parts.path:
                    continue
                target = (css.parent / unquote(parts.path)).resolve()
                if not target.is_file():
                    broken.append(Broken(rel, number, "url()", value, "no such file in the build"))
    return broken


def main(argv: list[str] | None = None) -> int:
    args = site_arguments(__doc__.splitlines()[0], argv, Path("site"), site_url_help="the site's own address, e.g. http://127.0.0.1:8000/")
    broken = check_site(args.site, args.site_url)
    for item in broken:
        print(item)
    pages = len(list(args.site.rglob("*.html")))
    print(f"{len(broken)} broken reference(s) in {pages} pages" if broken else f"All internal links and anchors resolve ({pages} pages).")
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
