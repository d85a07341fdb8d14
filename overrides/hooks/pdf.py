"""MkDocs hook: the set-up around mkdocs-to-pdf, which builds the guide as one PDF.

The plugin (configured under ``plugins: to-pdf`` in ``mkdocs.yml``) collects every
page in the nav, in nav order, and renders them with WeasyPrint at the end of the
build. This hook:

- ``on_config`` (before the plugin's): puts ``pdf/`` on ``sys.path`` so the plugin
  finds ``pdf_event_hook``, points it at the cover and styles in ``pdf/`` by
  absolute path (the plugin resolves them against the working directory), takes
  the cover's subtitle from ``site_description``, and lets WeasyPrint read only
  files inside the built site and ``data:`` URLs: the PDF build fetches nothing
  from the network, and an attempt fails the strict build. Records the PDF's path
  in ``extra.ffr_pdf`` for the footer link.
- ``on_pre_build`` hands the site's address and the title to ``pdf_event_hook``.
- ``on_page_markdown`` keeps the latest ``reviewed:`` date of any page: the cover
  shows it and the PDF carries it as its date, so the same sources give the same
  file.
- ``on_page_content`` records the absolute address of each worked example's "open
  this example" link, query included, for ``pdf_event_hook`` (the plugin keeps only
  the path of relative links).
- ``on_post_build`` (after the plugin's) fails the build if the PDF is missing or
  was rendered without ``pdf_event_hook``.

``FFR_PDF=0`` skips the PDF (and its footer link), for a faster ``mkdocs serve``
while writing; every other build makes it.
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
_enabled = True
PDF_DIR = ROOT / "pdf"
PLUGIN = "to-pdf"


def _event_hook() -> ModuleType:
    import pdf_event_hook

    return pdf_event_hook


def _only_site_files(site_dir: Path) -> None:
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

    if not hasattr(generator, "HTML"):
        raise PluginError("mkdocs-to-pdf no longer renders through generator.HTML: check the network guard in overrides/hooks/pdf.py")
    generator.HTML = LocalHTML


@event_priority(100)
def on_config(config: Any) -> Any:
    global _enabled
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise PluginError(f"overrides/hooks/pdf.py needs the {PLUGIN} plugin enabled in mkdocs.yml")
    _enabled = os.environ.get("FFR_PDF", "1") != "0"
    if not _enabled:
        # While writing (FFR_PDF=0 mkdocs serve): the plugin builds only when this variable is "1".
        plugin.config["enabled_if_env"] = "FFR_PDF"
        config.extra["ffr_pdf"] = ""
        return config
    if str(PDF_DIR) not in sys.path:
        sys.path.insert(0, str(PDF_DIR))
    plugin.config["custom_template_path"] = str(PDF_DIR)
    if not plugin.config.get("cover_subtitle"):
        plugin.config["cover_subtitle"] = config["site_description"] or ""
    _only_site_files(Path(config["site_dir"]))
    config.extra["ffr_pdf"] = plugin.config["output_path"]
    config.extra["ffr_reviewed"] = ""
    return config


def on_pre_build(config: Any) -> None:
    if not _enabled:
        return
    _event_hook().configure(site_url=config["site_url"] or "", title=f"{config['site_name']}: the guide")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    reviewed = page.meta.get("reviewed")
    if reviewed is None or not _enabled:
        return markdown
    if isinstance(reviewed, datetime):
        reviewed = reviewed.date()
    if not isinstance(reviewed, date):
        try:
            reviewed = date.fromisoformat(str(reviewed))
        except ValueError as err:
            raise PluginError(f"{page.file.src_path}: 'reviewed: {reviewed}' is not a date (YYYY-MM-DD)") from err
    hook = _event_hook()
    hook.note_reviewed(reviewed.isoformat())
    latest = date.fromisoformat(hook.settings.date)
    config.extra["ffr_reviewed"] = f"{latest.day} {latest:%B %Y}"
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if _enabled and "ffr-example__open" in html:
        from bs4 import BeautifulSoup

        base = urljoin(config["site_url"] or "", page.url)
        links = [urljoin(base, str(a["href"])) for a in BeautifulSoup(html, "html.parser").select(".ffr-example__open a[href]")]
        _event_hook().note_example_links(page.url, links)
    return html


def on_post_build(config: Any) -> None:
    if not _enabled:
        return
    pdf = Path(config["site_dir"]) / config.extra["ffr_pdf"]
    if not pdf.is_file():
        raise PluginError(f"The guide's PDF was not written to {pdf}")
    if not _event_hook().applied:
        raise PluginError("The PDF was rendered without pdf/pdf_event_hook.py: calculators would show empty forms")
