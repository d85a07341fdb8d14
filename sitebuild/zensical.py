"""The page context under Zensical, for the Markdown extension; and the Zensical build.

Zensical (0.0.73) renders each page with a fresh ``Markdown`` instance whose first
extension, ``zensical.extensions.context.ContextExtension``, registers a preprocessor named
``rendering_context`` holding the page (``.path``, the Markdown file relative to the docs
folder; ``.url``; ``.meta``, the front matter, which Zensical hands on to the templates).
This module reads it by that name, without importing Zensical, so the MkDocs build never
needs Zensical installed: under MkDocs no such preprocessor exists and this returns None.

Zensical also rewrites relative links in raw HTML as if they were Markdown links (from the
Markdown file's folder), which MkDocs does not: the page context says so, and the
extension writes the calculators' links in that form (``PageContext.raw_html``).

:func:`build` (``python -m sitebuild zensical``) builds the whole site with Zensical, between
the same before- and after-steps as the MkDocs build. MkDocs stays the production build.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from markdown import Markdown

from . import ROOT, SiteError, config, steps
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


CONFIG = ROOT / "zensical.yml"
"""Zensical's configuration: ``mkdocs.yml`` (``INHERIT``) with the output folder and the classic look."""
SITE_DIR = "build/zensical-site"
"""Where Zensical writes the site by default, from the repository's root (it writes only inside it)."""
SITE_DIR_VARIABLE = "FFR_ZENSICAL_SITE_DIR"
"""Names another output folder inside the repository (``zensical.yml`` reads it with ``!ENV``); the tests use one of their own."""


def build(site_dir: Path | None = None, site_url: str | None = None) -> tuple[Path, list[str]]:
    """Build the site with Zensical through the same steps as the MkDocs build.

    The before-step (the wheel and its bytecode), then ``python -m zensical build --clean
    --strict -f zensical.yml`` from the repository's root (``-m``, so that the Markdown
    extension imports from this checkout; ``--clean``, because Zensical's page cache does not
    see changes to the calculators, the references or the glossary), then the after-step on
    its output, every time (each Zensical build deletes from its folder every file it did not
    write itself: the wheel, Pyodide, ``_headers``, the manifest).

    Parameters:
        site_dir: The output folder, inside the repository (default ``build/zensical-site``).
        site_url: The address the site will be served at (``FFR_SITE_URL``: instant
            navigation matches links against the sitemap, port included).

    Returns:
        The built site's folder, and lines for the log.
    """
    site = (ROOT / (site_dir or SITE_DIR)).resolve()
    if not site.is_relative_to(ROOT) or site == ROOT:
        raise SiteError(f"Zensical writes the site only inside the repository ({ROOT}), not to {site}")
    built, log = steps.before()
    env = {**os.environ, SITE_DIR_VARIABLE: site.relative_to(ROOT).as_posix()}
    if site_url:
        env["FFR_SITE_URL"] = site_url
    command = [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "--config-file", str(CONFIG)]
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=600)
    if proc.returncode != 0:
        raise SiteError(f"zensical build failed:\n{proc.stdout}\n{proc.stderr}")
    log += [line for line in proc.stdout.splitlines() if line.strip()]
    log += steps.after(site, config.read(), built)
    return site, log
