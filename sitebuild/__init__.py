"""The site's build, around whichever static-site generator renders the pages.

Nothing in this package is shipped to the browser (the calculators' wheel holds only
``calculators``); it lives outside ``overrides/`` because a generator may publish
everything under its theme's ``custom_dir``.

- ``sitebuild.markdown``: one Python-Markdown extension for the page-level transforms
  (calculator shortcodes and worked examples, safety shortcodes, citations, glossary);
- ``sitebuild.steps``: the work before the generator (the wheel and its bytecode) and
  after it (wheel and Pyodide into the site, markup fixes, web manifest, service-worker
  list, ``_headers``), also run alone as ``python -m sitebuild before|after SITE_DIR``;
- ``sitebuild.mkdocs.hook``: the one MkDocs hook, a thin adapter that runs both steps,
  hands each page to the extension, and sets up the PDF (``sitebuild.pdf``, MkDocs only);
- ``sitebuild.zensical``: the same page context for Zensical, read from its own context.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The repository's root: ``calculators/``, ``node_modules/``, ``pyproject.toml`` are here."""

CACHE = ROOT / ".build-cache"
"""Build outputs kept between builds (the calculators' bytecode). Not ``.cache/``, which
``zensical build --clean`` wipes; ``make clean`` removes it."""


class SiteError(Exception):
    """A problem in the site's sources or set-up that stops the build, with a message for its author.

    The MkDocs adapter turns it into MkDocs' ``PluginError`` (a message, not a traceback).
    """
