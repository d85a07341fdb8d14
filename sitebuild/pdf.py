"""The set-up around mkdocs-to-pdf, which builds the guide as one PDF (MkDocs only).

The plugin (configured under ``plugins: to-pdf`` in ``mkdocs.yml``) collects every page in
the nav, in nav order, and renders them with WeasyPrint at the end of the build. MkDocs'
hook (``sitebuild.mkdocs.hook``) calls these functions:

- :func:`configure` (before the plugin's ``on_config``): makes ``pdf/pdf_event_hook.py`` the
  module the plugin imports by the name ``pdf_event_hook``, points it at the cover and
  styles in ``pdf/`` by absolute path (the plugin resolves them against the working
  directory), takes the cover's subtitle from ``site_description``, and lets WeasyPrint
  read only files inside the built site and ``data:`` URLs: the PDF build fetches nothing
  from the network, and an attempt fails the strict build. Records the PDF's path in
  ``extra.ffr_pdf`` for the footer link.
- :func:`start` (before the build) hands the site's address and the title to ``pdf_event_hook``.
- :func:`note_page` (after each page is converted) keeps the latest ``reviewed:`` date of any
  page (the cover shows it and the PDF carries it as its date, so the same sources give the
  same file), and records the absolute address of each worked example's "open this example"
  link, query included (the plugin keeps only the path of relative links).
- :func:`check_written` (after the plugin's ``on_post_build``) fails the build if the PDF is
  missing or was rendered without ``pdf_event_hook``.

``FFR_PDF=0`` skips the PDF (and its footer link), for a faster ``mkdocs serve`` while
writing; every other build makes it.
"""

from __future__ import annotations

import importlib
import os
import sys
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

from . import ROOT, SiteError

PDF_DIR = ROOT / "pdf"
PLUGIN = "to-pdf"
EVENT_HOOK = "pdf_event_hook"
"""The module name mkdocs-to-pdf imports (``pdf/pdf_event_hook.py``, imported as ``pdf.pdf_event_hook``)."""


def event_hook() -> ModuleType:
    """``pdf/pdf_event_hook.py``, also registered under the bare name the plugin imports."""
    module = importlib.import_module(f"pdf.{EVENT_HOOK}")
    sys.modules[EVENT_HOOK] = module
    return module


PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1"}
"""The WeasyPrint options the guide is written with. ``pdf/ua-1`` tags the PDF (a structure
tree from the HTML elements: headings, lists, tables with their header cells, figures with
their text alternative, links), marks it as tagged, shows its title in the window and
declares PDF/UA-1 in its XMP metadata. mkdocs-to-pdf 0.12.1 has no setting that reaches
WeasyPrint (it calls ``HTML(string=...).render()`` then ``.write_pdf(path, finisher=...)``),
so :func:`only_site_files` passes them through the same ``generator.HTML`` it replaces."""


class TaggedDocument:
    """A rendered WeasyPrint document that writes itself with :data:`PDF_OPTIONS`.

    The plugin calls ``write_pdf`` on what ``render`` returned; WeasyPrint reads the variant
    at both steps (layout and writing), so both get it. Before the plugin's own finisher,
    ``pdf/tagging.py`` completes the tags (running heads as artifacts, header cells' scope,
    links described by the heading they lead to). Everything else is the document's own.
    """

    def __init__(self, document: Any) -> None:
        self.document = document

    def write_pdf(self, target: Any = None, zoom: float = 1, finisher: Any = None, **options: Any) -> Any:
        from pdf import tagging

        labels = event_hook().settings.link_labels

        def finish(document: Any, pdf: Any) -> None:
            tagging.finish(document, pdf, link_labels=labels)
            if finisher is not None:
                finisher(document, pdf)

        return self.document.write_pdf(target, zoom, finish, **{**PDF_OPTIONS, **options})

    def __getattr__(self, name: str) -> Any:
        return getattr(self.document, name)


def only_site_files(site_dir: Path) -> None:
    """Make the plugin's WeasyPrint read files inside ``site_dir`` and ``data:`` URLs, nothing else."""
    from mkdocs_to_pdf import generator
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    root = site_dir.resolve()

    class SiteFilesOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "file":
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if not path.is_relative_to(root):
                    raise ValueError(f"The PDF build reads only files of the built site, not {url}")
            elif scheme != "data":
                raise ValueError(f"The PDF build fetches nothing from the network: {url}")
            return super().fetch(url, headers)

    class LocalHTML(HTML):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["url_fetcher"] = SiteFilesOnly()
            super().__init__(*args, **kwargs)

        def render(self, *args: Any, **options: Any) -> Any:
            return TaggedDocument(super().render(*args, **{**PDF_OPTIONS, **options}))

    if not hasattr(generator, "HTML"):
        raise SiteError("mkdocs-to-pdf no longer renders through generator.HTML: check the network guard in sitebuild/pdf.py")
    generator.HTML = LocalHTML


def configure(config: Any) -> bool:
    """Set the plugin up (see the module's docstring). Returns whether the PDF is built."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise SiteError(f"sitebuild/pdf.py needs the {PLUGIN} plugin enabled in mkdocs.yml")
    if os.environ.get("FFR_PDF", "1") == "0":
        # While writing (FFR_PDF=0 mkdocs serve): the plugin builds only when this variable is "1".
        plugin.config["enabled_if_env"] = "FFR_PDF"
        config.extra["ffr_pdf"] = ""
        return False
    event_hook()
    plugin.config["custom_template_path"] = str(PDF_DIR)
    if not plugin.config.get("cover_subtitle"):
        plugin.config["cover_subtitle"] = config["site_description"] or ""
    only_site_files(Path(config["site_dir"]))
    config.extra["ffr_pdf"] = plugin.config["output_path"]
    config.extra["ffr_reviewed"] = ""
    return True


def start(config: Any) -> None:
    """A build starts: hand the site's address and the PDF's title to the event hook."""
    event_hook().configure(
        site_url=config["site_url"] or "", title=f"{config['site_name']}: the guide", lang=config["theme"]["language"] or "en"
    )


def note_page(html: str, page: Any, config: Any) -> None:
    """Keep what the PDF needs from one converted page: its review date and its examples' links."""
    hook = event_hook()
    reviewed = page.meta.get("reviewed_iso")
    if reviewed:
        hook.note_reviewed(reviewed)
        latest = date.fromisoformat(hook.settings.date)
        config.extra["ffr_reviewed"] = f"{latest.day} {latest:%B %Y}"
    if "ffr-example__open" in html:
        from bs4 import BeautifulSoup

        base = urljoin(config["site_url"] or "", page.url)
        links = [urljoin(base, str(a["href"])) for a in BeautifulSoup(html, "html.parser").select(".ffr-example__open a[href]")]
        hook.note_example_links(page.url, links)


def check_written(config: Any) -> None:
    """Fail unless the plugin wrote the PDF, through ``pdf_event_hook``."""
    pdf = Path(config["site_dir"]) / config.extra["ffr_pdf"]
    if not pdf.is_file():
        raise SiteError(f"The guide's PDF was not written to {pdf}")
    if not event_hook().applied:
        raise SiteError("The PDF was rendered without pdf/pdf_event_hook.py: calculators would show empty forms")
