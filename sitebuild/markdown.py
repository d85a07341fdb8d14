"""One Python-Markdown extension for every page-level transform of the site.

Listed in ``mkdocs.yml`` under ``markdown_extensions`` (``sitebuild.markdown``), so any
generator that runs Python-Markdown with that list (MkDocs, Zensical) runs it:

- citations: ``[@fuller-2017]`` or ``[@fuller-2017; @ryan-2014]`` become numbered Markdown
  links, ``[8]`` or ``[8, 17]``, to the source's entry on the references page, titled with
  its short label (``sitebuild.references``); an unknown key fails the build;
- the review date: every page says when it was last reviewed (``reviewed: YYYY-MM-DD`` in
  its front matter; a page without one fails the build); the extension puts the date as the
  templates show it into the page's meta (``reviewed_iso``, ``reviewed_text``), so no
  template calls a Python method;
- the glossary (``sitebuild.glossary``): ``<!-- glossary -->`` on the glossary page becomes
  the list of terms; Python-Markdown's ``abbr`` extension, registered here with every term,
  marks their uses, and a last pass keeps the first of each;
- shortcodes (``sitebuild.shortcodes``): calculators, printable sheets, worked examples and
  safety parts; the ids of the page's live calculators go into its meta
  (``ffr_calculators``), which tells the template to start the calculator runtime early.

Markdown-level syntax (citations, the glossary list) is handled by a preprocessor; the
HTML-level passes by a postprocessor that runs after Python-Markdown has restored raw HTML.

The page being converted reaches the extension through its generator's adapter, as a
:class:`~sitebuild.page.PageContext`: MkDocs' hook calls :func:`set_page` before each page;
under Zensical, :func:`sitebuild.zensical.page_context` reads Zensical's own context from
the Markdown instance. A problem stops the build as the adapter asks (MkDocs: ``PluginError``).
"""

from __future__ import annotations

import datetime
import posixpath
import re
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from . import SiteError, glossary, references, shortcodes, zensical
from .page import PageContext

CITATION = re.compile(r"\[@([a-z0-9-]+(?:\s*;\s*@[a-z0-9-]+)*)\]")

_current: PageContext | None = None


def set_page(page: PageContext | None) -> None:
    """Tell the extension which page the next conversions are for (the MkDocs adapter does, before each page)."""
    global _current
    _current = page


def page_of(md: Markdown) -> PageContext | None:
    """The page ``md`` is converting: from Zensical's own context if there is one, else the one :func:`set_page` gave."""
    return zensical.page_context(md) or _current


def reviewed_date(value: object) -> datetime.date | None:
    """The ``reviewed:`` front matter as a date (YAML gives a date; a generator may hand over its ISO text)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)) if value is not None else None
    except ValueError:
        return None


class SiteExtension(Extension):
    """Citations, review dates, glossary and calculator shortcodes (see the module's docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "docs_dir": ["docs", "The folder of the Markdown pages (relative paths are from the working directory)"],
            "references": [references.PAGE, "The references page, by its path in docs_dir"],
            "glossary": [glossary.SOURCE, "The glossary's YAML file (relative paths are from the working directory)"],
            "glossary_page": [glossary.PAGE, "The glossary page, by its path in docs_dir"],
        }
        super().__init__(**kwargs)

    @property
    def docs(self) -> Path:
        return Path(self.getConfig("docs_dir"))

    def terms(self) -> list[glossary.Term]:
        return glossary.read(Path(self.getConfig("glossary")))

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        try:
            abbreviations = glossary.abbreviations(self.terms())
        except SiteError as error:
            raise _stop(md, error) from None
        AbbrExtension(glossary=abbreviations).extendMarkdown(md)
        # Before Python-Markdown stashes raw HTML blocks (20): the glossary's list is one.
        md.preprocessors.register(_PagePreprocessor(md, self), "ffr_site", 35)
        # After it restores them (30): the shortcodes are HTML comments.
        md.postprocessors.register(_PagePostprocessor(md, self), "ffr_site", 10)


def _stop(md: Markdown, error: SiteError) -> Exception:
    """The exception that stops the build, as the page's generator wants it."""
    page = page_of(md)
    return error if page is None or page.error is SiteError else page.error(str(error))


def _page(md: Markdown) -> PageContext:
    page = page_of(md)
    if page is None:
        raise SiteError("sitebuild.markdown converts a page only when told which page (see sitebuild.page.PageContext)")
    return page


class _PagePreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: SiteExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        try:
            page = _page(self.md)
            return self.transform("\n".join(lines), page).split("\n")
        except SiteError as error:
            raise _stop(self.md, error) from None

    def transform(self, markdown: str, page: PageContext) -> str:
        reviewed = reviewed_date(page.meta.get("reviewed"))
        if reviewed is None:
            raise SiteError(f"{page.src_path}: front matter needs 'reviewed: YYYY-MM-DD' (the date the page was last reviewed)")
        page.meta["reviewed_iso"] = reviewed.isoformat()
        page.meta["reviewed_text"] = f"{reviewed.day} {reviewed:%B %Y}"

        glossary_page = self.extension.getConfig("glossary_page")
        if page.src_path == glossary_page:
            if glossary.MARKER not in markdown:
                raise SiteError(f"{glossary_page}: put {glossary.MARKER} where the list of terms goes")
            markdown = markdown.replace(glossary.MARKER, glossary.render_page(self.extension.terms()))
        elif glossary.MARKER in markdown:
            raise SiteError(f"{page.src_path}: {glossary.MARKER} belongs on {glossary_page} only")

        if not CITATION.search(markdown):
            return markdown
        page_path = self.extension.getConfig("references")
        sources = references.read(self.extension.docs / page_path)

        def link(key: str) -> str:
            source = sources[key]
            return (
                f'[{source.number}]({_md_link(page.src_path, page_path)}#{key} "{source.label}")'
                f'{{: .ffr-cite aria-label="Source {source.number}: {source.label}" }}'
            )

        def replace(match: re.Match[str]) -> str:
            keys = [k.strip().lstrip("@") for k in match.group(1).split(";")]
            unknown = [k for k in keys if k not in sources]
            if unknown:
                raise SiteError(f"{page.src_path}: unknown source {', '.join(unknown)} in {match.group(0)}; add it to {page_path}")
            return "\\[" + ", ".join(link(k) for k in keys) + "\\]"

        return CITATION.sub(replace, markdown)


def _md_link(from_src: str, to_src: str) -> str:
    """A Markdown link from one page's file to another's (the generator turns it into the page's URL)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


class _PagePostprocessor(Postprocessor):
    def __init__(self, md: Markdown, extension: SiteExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        try:
            page = _page(self.md)
            html, live = shortcodes.render(text, page, self.extension.docs)
        except SiteError as error:
            raise _stop(self.md, error) from None
        if live:
            page.meta["ffr_calculators"] = " ".join(live)
        return glossary.mark_terms(html, keep=page.src_path != self.extension.getConfig("glossary_page"))


def makeExtension(**kwargs: Any) -> SiteExtension:  # noqa: N802 - the name Python-Markdown looks for
    """Python-Markdown's entry point: ``markdown_extensions: - sitebuild.markdown: {...}``."""
    return SiteExtension(**kwargs)
