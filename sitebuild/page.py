"""The page the Markdown extension is converting, as each generator's adapter describes it."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from . import SiteError


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

    def __post_init__(self) -> None:
        self.url = self.url.lstrip("/") if self.url else url_of(self.src_path)
        if self.url in {".", "./"}:
            self.url = ""

    def link_to(self, src_path: str) -> str:
        """A link from this page to another, by the other's Markdown file."""
        return relative(url_of(src_path), self.url)
