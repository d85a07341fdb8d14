"""The page the Markdown extension is converting, as each generator's adapter describes it."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from . import SiteError

HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')
"""A link in HTML the extension writes (the shortcodes' calculators, examples and sheets)."""


def url_of(src_path: str) -> str:
    """A page's URL from the site's root, with directory URLs (both generators' default).

    ``index.md`` -> ``""``, ``guide/index.md`` -> ``guide/``, ``guide/pain.md`` -> ``guide/pain/``.
    """
    stem = src_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative(url: str, from_url: str) -> str:
    """``url`` (from the site's root) as a link from the page at ``from_url``.

    ``references/`` from ``guide/pain/`` is ``../../references/``.
    """
    rel = posixpath.relpath("/" + url, "/" + from_url.rstrip("/") if from_url else "/")
    return rel + "/" if url.endswith("/") or url == "" else rel


@dataclass
class PageContext:
    """What the extension needs to know about the page it converts."""

    src_path: str
    """The page's Markdown file, relative to the docs folder: ``guide/transition.md``."""
    meta: MutableMapping[str, Any] = field(default_factory=dict)
    """The page's front matter, as the generator hands it to the templates: the extension reads
    ``reviewed`` and writes the display strings and the page's calculators here."""
    url: str = ""
    """The page's URL from the site's root (``guide/transition/``); from ``src_path`` if not given."""
    error: Callable[[str], Exception] = SiteError
    """How the generator wants a build-stopping problem raised (MkDocs: its ``PluginError``)."""
    raw_links_from_source: bool = False
    """Whether the generator reads a relative link in raw HTML as it reads a Markdown link: from
    the Markdown file's folder, rewritten to be relative to the page's URL (Zensical does; MkDocs
    leaves raw HTML as written, so its links are relative to the page's URL, as the browser reads them)."""

    def __post_init__(self) -> None:
        self.url = self.url.lstrip("/") if self.url else url_of(self.src_path)
        if self.url in {".", "./"}:
            self.url = ""

    def link_to(self, src_path: str) -> str:
        """A link from this page to another, by the other's Markdown file, as the browser reads it on the built page."""
        return relative(url_of(src_path), self.url)

    def raw_html(self, html: str) -> str:
        """HTML whose relative links are written as the browser reads them on the built page (relative
        to the page's URL, as ``calculators.render`` writes them for the worker too), in the form
        this page's generator turns into exactly those links.

        Under MkDocs, unchanged. Under Zensical, each relative ``<a href>`` is rewritten to the same
        target from the Markdown file's folder: ``../../references/#key`` on
        ``calculators/ramp-up.md`` becomes ``../references/#key``, which Zensical turns back into
        ``../../references/#key`` on the page. Fragments, queries, root paths and other sites are kept.
        """
        if not self.raw_links_from_source:
            return html
        return HREF.sub(lambda m: m.group(1) + self._from_source(m.group(2)) + m.group(3), html)

    def _from_source(self, link: str) -> str:
        """One link relative to the page's URL, as a link relative to its Markdown file's folder."""
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return link
        rest = link[len(parts.path) :]  # the query and fragment, exactly as written (escaped)
        target = posixpath.normpath(posixpath.join(self.url, parts.path))
        if target == ".." or target.startswith("../"):
            raise self.error(f"{self.src_path}: the link {link!r} points above the site's root")
        path = posixpath.relpath(target, posixpath.dirname(self.src_path) or ".")
        if parts.path.endswith("/"):
            path = "./" if path == "." else path + "/"
        return path + rest
