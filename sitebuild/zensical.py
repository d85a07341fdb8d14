"""The page context under Zensical, for the Markdown extension.

Zensical (0.0.73) renders each page with a fresh ``Markdown`` instance whose first
extension, ``zensical.extensions.context.ContextExtension``, registers a preprocessor named
``rendering_context`` holding the page (``.path``, the Markdown file relative to the docs
folder; ``.url``; ``.meta``, the front matter, which Zensical hands on to the templates).
This module reads it by that name, without importing Zensical, so the MkDocs build never
needs Zensical installed: under MkDocs no such preprocessor exists and this returns None.

Zensical also rewrites relative links in raw HTML as if they were Markdown links (from the
Markdown file's folder), which MkDocs does not: the page context says so, and the
extension writes the calculators' links in that form (``PageContext.raw_html``).
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown

from .page import PageContext

CONTEXT = "rendering_context"
"""The name Zensical registers its context preprocessor under (``ContextPreprocessor.name``)."""


def page_context(md: Markdown) -> PageContext | None:
    """The page Zensical is converting with ``md``, or None when not under Zensical."""
    if CONTEXT not in md.preprocessors:
        return None
    page: Any = getattr(md.preprocessors[CONTEXT], "page", None)
    if page is None:
        return None
    return PageContext(src_path=str(page.path), url=str(page.url or ""), meta=page.meta, raw_links_from_source=True)
