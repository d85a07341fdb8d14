"""The references page, read once for everything that needs it.

``docs/references.md`` lists every source as ``<li id="key">Surname AB, ... (year). ...</li>``.
Three things read it, all through :func:`read`:

- the Markdown extension (``sitebuild.markdown``) turns ``[@key]`` citations into numbered
  links to the entry, with the source's short label as their title;
- ``calculators/_sources.py``, the labels the calculators show in the browser (where
  ``docs/`` is out of reach), is generated from it (:func:`sources_module`; the build
  rewrites the file when the page changed, and a test checks it is current);
- ``scripts/check_claims.py`` checks claims against its keys.

A source's short label follows one rule (:func:`label`): "Surname year" for one author,
"Surname & Surname year" for two, "Surname et al. year" for more, and the journal in
brackets when two sources would otherwise share a label.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from . import ROOT, SiteError

PAGE = "references.md"
"""The references page, by its path in ``docs/``."""
SOURCES_MODULE = ROOT / "calculators" / "_sources.py"
ENTRY = re.compile(r'<li id="([a-z0-9-]+)">(.*?)</li>', re.S)
AUTHOR = re.compile(r"^\s*([^,(]+?)\s+[A-Z]{1,4}\s*$")
YEAR = re.compile(r"\((\d{4})\)")
JOURNAL = re.compile(r"<em>(.*?)</em>", re.S)
ET_AL = re.compile(r"^\s*et al\.?\s*$")


@dataclass(frozen=True)
class Source:
    """One entry of the references page."""

    key: str
    number: int
    """Its position in the list, from 1: the number its citations show."""
    label: str
    """Its short label: "Fuller et al. 2017 (Am J Sports Med)"."""


def _author_label(key: str, authors: str, text: str) -> str:
    parts = [p for p in authors.split(",") if p.strip()]
    names = [AUTHOR.match(p) for p in parts if not ET_AL.match(p)]
    if not names or any(n is None for n in names):
        raise SiteError(f"{PAGE}: entry {key!r} does not start 'Surname AB, Surname CD, ... (year)': {text[:80]!r}")
    surnames = [n.group(1) for n in names if n is not None]
    if len(parts) > 2 or len(parts) != len(surnames):
        return f"{surnames[0]} et al."
    return " & ".join(surnames)


def parse(markdown: str) -> dict[str, Source]:
    """Every source on the page, in page order: ``{key: Source}``.

    Raises:
        SiteError: On an entry that does not start with its authors and year, or a key used twice.
    """
    found: list[tuple[str, str, str]] = []
    for match in ENTRY.finditer(markdown):
        key, body = match.group(1), match.group(2)
        text = unescape(re.sub(r"<[^>]+>", "", body))
        year = YEAR.search(text)
        if year is None:
            raise SiteError(f"{PAGE}: entry {key!r} does not start 'Surname AB, ... (year)': {text[:80]!r}")
        in_journal = JOURNAL.search(body)
        journal = unescape(in_journal.group(1)) if in_journal else ""
        found.append((key, f"{_author_label(key, text[: year.start()], text)} {year.group(1)}", journal))
    labels = [short for _, short, _ in found]
    sources: dict[str, Source] = {}
    for number, (key, short, journal) in enumerate(found, start=1):
        if key in sources:
            raise SiteError(f"{PAGE}: two entries have the id {key!r}")
        if labels.count(short) > 1:
            if not journal:
                raise SiteError(
                    f"{PAGE}: entry {key!r} shares the label {short!r} with another and names no journal (<em>) to tell them apart"
                )
            short = f"{short} ({journal})"
        sources[key] = Source(key, number, short)
    return sources


_read: dict[Path, tuple[float, dict[str, Source]]] = {}


def read(path: Path) -> dict[str, Source]:
    """:func:`parse` of the page at ``path``, read again only when the file changed."""
    path = path.resolve()
    try:
        mtime = path.stat().st_mtime
    except OSError as error:
        raise SiteError(f"cannot read the references page {path}: {error}") from None
    if path not in _read or _read[path][0] != mtime:
        _read[path] = (mtime, parse(path.read_text(encoding="utf-8")))
    return _read[path][1]


def sources_module(sources: dict[str, Source]) -> str:
    """The text of ``calculators/_sources.py`` for these sources."""
    entries = "".join(
        f"    {json.dumps(s.key)}: {json.dumps(s.label, ensure_ascii=False)},\n" for s in sorted(sources.values(), key=lambda s: s.key)
    )
    return f'''"""Sources the calculators cite (the red flags live in ``_safety.py``): key to short label.

Generated from the site's references page (``docs/references.md``) by ``sitebuild.references``
(``python -m sitebuild sources``; ``mkdocs serve`` does it on save, other builds stop while it is stale): edit the page,
not this file. Each key is an anchor on that page, where the full reference lives.
"""

from __future__ import annotations

SOURCES: dict[str, str] = {{
{entries}}}
"""Reference key to the short citation shown in results."""
'''


def sources_module_is_current(page: Path) -> bool:
    """Whether ``calculators/_sources.py`` is what the references page gives."""
    return SOURCES_MODULE.is_file() and SOURCES_MODULE.read_text(encoding="utf-8") == sources_module(read(page))


def write_sources_module(page: Path) -> bool:
    """Regenerate ``calculators/_sources.py`` from the references page if it differs.

    Returns:
        Whether the file changed.
    """
    text = sources_module(read(page))
    if SOURCES_MODULE.is_file() and SOURCES_MODULE.read_text(encoding="utf-8") == text:
        return False
    SOURCES_MODULE.write_text(text, encoding="utf-8")
    return True
