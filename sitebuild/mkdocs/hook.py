"""MkDocs' one hook: a thin adapter between MkDocs and the generator-agnostic build.

- ``on_config`` (priority 100, before the PDF plugin's): runs the before-step
  (``sitebuild.steps.before``: the wheel and its bytecode), points the Markdown extension at
  MkDocs' own docs folder, and sets up the PDF (``sitebuild.pdf``).
- ``on_page_markdown`` tells the Markdown extension (``sitebuild.markdown``) which page it is
  about to convert, and how to stop the build (``PluginError``, a message without a traceback).
- ``on_page_content`` hands each converted page to the PDF set-up.
- ``on_post_build`` (priority -100: after every plugin that writes files, such as the PDF's)
  checks the PDF and runs the after-step (``sitebuild.steps.after``), which writes
  ``_headers`` last of all.

Under ``mkdocs serve`` the pages get no CSP meta (its reload script is inline), register no
service worker, and ``sw.js`` stays the template, which removes itself from any browser that
had a production build of the site on the same address.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from sitebuild import SiteError, pdf, steps, wheel
from sitebuild import markdown as extension
from sitebuild.config import SiteConfig
from sitebuild.page import PageContext

EXTENSION = "sitebuild.markdown"

if Path(steps.__file__).resolve().parent != Path(__file__).resolve().parents[1]:
    # Another checkout's sitebuild came first on sys.path (a virtual environment shared between
    # checkouts): it would build that checkout's calculators into this site without a word.
    raise PluginError(
        f"{Path(__file__).resolve().parents[2]}'s MkDocs hook imported the sitebuild package of "
        f"{Path(steps.__file__).resolve().parents[1]}: run `python -m mkdocs` from this checkout, "
        "or install it into its own environment (`make setup`)"
    )
log = get_plugin_logger("sitebuild")
_state: dict[str, Any] = {"preview": False, "pdf": False, "wheel": None}


@contextmanager
def _as_plugin_error() -> Iterator[None]:
    try:
        yield
    except SiteError as error:
        raise PluginError(str(error)) from None


def _fresh_calculators() -> None:
    """Forget the imported calculators, so ``mkdocs serve`` picks up edits on its next build."""
    for name in [n for n in sys.modules if n == "calculators" or n.startswith("calculators.")]:
        del sys.modules[name]


def on_startup(command: str, dirty: bool) -> None:
    _state["preview"] = command == "serve"


@event_priority(100)
def on_config(config: Any) -> Any:
    if EXTENSION not in config["markdown_extensions"]:
        raise PluginError(f"mkdocs.yml: list the {EXTENSION} Markdown extension under markdown_extensions")
    options = config["mdx_configs"].setdefault(EXTENSION, {})
    options["docs_dir"] = str(config["docs_dir"])
    base = Path(config["config_file_path"]).parent
    for name in ("glossary",):
        if name in options and not Path(options[name]).is_absolute():
            options[name] = str(base / options[name])
    _fresh_calculators()
    with _as_plugin_error():
        built, lines = steps.before(Path(config["docs_dir"]), refresh_sources=_state["preview"])
        _state["pdf"] = pdf.configure(config)
    for line in lines:
        log.info(line)
    _state["wheel"] = built
    config.extra["ffr_offline"] = not _state["preview"]
    return config


def on_pre_build(config: Any) -> None:
    if _state["pdf"]:
        pdf.start(config)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    extension.set_page(PageContext(src_path=page.file.src_uri, meta=page.meta, url=page.url, error=PluginError))
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    extension.set_page(None)
    if _state["pdf"]:
        pdf.note_page(html, page, config)
    return html


def _site_config(config: Any) -> SiteConfig:
    search = config["plugins"].get("material/search") or config["plugins"].get("search")
    return SiteConfig(
        name=config["site_name"],
        description=config["site_description"] or "",
        language=config["theme"]["language"],
        search_languages=tuple(search.config.lang or ["en"]) if search is not None else ("en",),
    )


@event_priority(-100)  # last: after any plugin that writes files (the PDF)
def on_post_build(config: Any) -> None:
    built: wheel.Wheel = _state["wheel"]
    with _as_plugin_error():
        if _state["pdf"]:
            pdf.check_written(config)
        lines = steps.after(Path(config["site_dir"]), _site_config(config), built, preview=_state["preview"])
    for line in lines:
        log.info(line)
