"""MkDocs hook: numbered citations and review dates for the guide's pages.

- Writers cite with ``[@fuller-2017]`` or ``[@fuller-2017; @ryan-2014]`` in Markdown.
  ``on_page_markdown`` turns each into numbered links, ``[8]`` or ``[8, 17]``, to the
  source's entry on the references page. A source keeps its number everywhere: the
  number is its position in the list on ``docs/references.md``. An unknown key fails
  the build.
- Every page must say when it was last reviewed: ``reviewed: YYYY-MM-DD`` in its front
  matter. The theme shows the date under the page (``overrides/main.html``); a page
  without one fails the build.

This file is build glue; nothing here is shipped to the browser.
"""

from __future__ import annotations

import datetime
import posixpath
import re
from html import unescape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

REFERENCES_PAGE = "references.md"
CITATION = re.compile(r"\[@([a-z0-9-]+(?:\s*;\s*@[a-z0-9-]+)*)\]")
ENTRY = re.compile(r'<li id="([a-z0-9-]+)">(.*?)</li>', re.S)
FIRST_AUTHOR = re.compile(r"^([^,(]+?)\s+[A-Z]{1,4}\b")
YEAR = re.compile(r"\((\d{4})\)")

_sources: dict[str, tuple[int, str]] = {}


def read_references(path: Path) -> dict[str, tuple[int, str]]:
    """Each source key on the references page, with its number and a short label.

    Parameters:
        path: The references page's Markdown file.

    Returns:
        ``{key: (number, "Fuller et al. 2017")}`` in page order, numbered from 1.
    """
    found: dict[str, tuple[int, str]] = {}
    for number, match in enumerate(ENTRY.finditer(path.read_text(encoding="utf-8")), start=1):
        key, text = match.group(1), unescape(re.sub(r"<[^>]+>", "", match.group(2)))
        author, year = FIRST_AUTHOR.match(text), YEAR.search(text)
        if author is None or year is None:
            raise PluginError(f"References entry {key!r} does not start 'Surname AB, ... (year)': {text[:80]!r}")
        authors = text[: year.start()]
        label = author.group(1) + (" et al." if "," in authors or " and " in authors or "&" in authors else "")
        found[key] = (number, f"{label} {year.group(1)}")
    return found


def on_config(config: Any) -> Any:
    _sources.clear()
    _sources.update(read_references(Path(config["docs_dir"]) / REFERENCES_PAGE))
    return config


def _link(key: str, page_path: str) -> str:
    number, label = _sources[key]
    target = posixpath.relpath(REFERENCES_PAGE, posixpath.dirname(page_path) or ".")
    return f'[{number}]({target}#{key} "{label}"){{: .ffr-cite aria-label="Source {number}: {label}" }}'


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    reviewed = page.meta.get("reviewed")
    if not isinstance(reviewed, datetime.date):
        raise PluginError(f"{page.file.src_uri}: front matter needs 'reviewed: YYYY-MM-DD' (the date the page was last reviewed)")

    def replace(match: re.Match[str]) -> str:
        keys = [k.strip().lstrip("@") for k in match.group(1).split(";")]
        unknown = [k for k in keys if k not in _sources]
        if unknown:
            raise PluginError(f"{page.file.src_uri}: unknown source {', '.join(unknown)} in {match.group(0)}; add it to {REFERENCES_PAGE}")
        return "\\[" + ", ".join(_link(k, page.file.src_uri) for k in keys) + "\\]"

    return CITATION.sub(replace, markdown)
