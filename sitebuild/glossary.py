"""The glossary: one list of terms (``includes/glossary.yml``), its page, and its tooltips.

``includes/glossary.yml`` is outside ``docs/``, so it is never a page of its own. The
Markdown extension (``sitebuild.markdown``) uses it three ways:

- it hands every term and form to Python-Markdown's ``abbr`` extension (its ``glossary``
  option), which wraps each use in page text in ``<abbr title="definition">``; Material's
  ``content.tooltips`` feature shows the title as a tooltip;
- it replaces ``<!-- glossary -->`` on ``glossary.md`` with the list of terms
  (:func:`render_page`), each with an id (``glossary.md#cadence``) and its definition;
- :func:`mark_terms` keeps only the first ``<abbr>`` of each term on a page, none in
  headings, links or buttons (a focusable element inside a link is a trap), and none on
  the glossary page itself; it gives the ones it keeps ``tabindex="0"`` so that keyboard
  users reach them and the tooltip shows on focus as it does on hover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml

from . import SiteError

SOURCE = "includes/glossary.yml"
PAGE = "glossary.md"
MARKER = "<!-- glossary -->"

# What the abbr extension writes, and the elements that must not hold a tooltip.
ABBR = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>')
BLOCKED = ("a", "button", "h1", "h2", "h3", "h4", "h5", "h6", "label", "summary")
TOKEN = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>|<(/?)(' + "|".join(BLOCKED) + r")\b[^>]*>")


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    term: str
    definition: str
    forms: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        """The entry's id on the glossary page: ``Heel-to-toe drop`` -> ``heel-to-toe-drop``."""
        return re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")

    def spellings(self) -> list[str]:
        """Every string that marks a use of the term: each form with a capital or a small first letter."""
        out: list[str] = []
        for form in (self.term, *self.forms):
            for variant in (form[0].upper() + form[1:], form[0].lower() + form[1:]):
                if variant not in out:
                    out.append(variant)
        return out


def load(path: Path) -> list[Term]:
    """The glossary's terms, in alphabetical order, checked.

    Raises:
        SiteError: On a malformed entry, a number in a definition, or a spelling claimed by two terms.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SiteError(f"{SOURCE}: cannot read the glossary: {exc}") from exc
    if not isinstance(data, list) or not data:
        raise SiteError(f"{SOURCE}: expected a list of entries with 'term' and 'definition'")
    terms: list[Term] = []
    owner: dict[str, str] = {}
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or set(entry) - {"term", "forms", "definition"}:
            raise SiteError(f"{SOURCE}: entry {number} may only have 'term', 'forms' and 'definition': {entry!r}")
        term, definition, forms = entry.get("term"), entry.get("definition"), entry.get("forms", [])
        if not isinstance(term, str) or not term.strip() or not isinstance(definition, str) or not definition.strip():
            raise SiteError(f"{SOURCE}: entry {number} needs a non-empty 'term' and 'definition'")
        if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
            raise SiteError(f"{SOURCE}: {term!r}: 'forms' must be a list of words")
        if re.search(r"\d", definition) or '"' in definition:
            raise SiteError(f"{SOURCE}: {term!r}: a definition holds no numbers (it cannot cite a source) and no double quotes")
        entry_term = Term(term.strip(), " ".join(definition.split()), tuple(f.strip() for f in forms))
        for spelling in entry_term.spellings():
            if spelling in owner:
                raise SiteError(f"{SOURCE}: {spelling!r} is in both {owner[spelling]!r} and {term!r}")
            owner[spelling] = entry_term.term
        terms.append(entry_term)
    return sorted(terms, key=lambda t: t.term.lower())


def render_page(terms: list[Term]) -> str:
    """The glossary as a definition list, one id per term (raw HTML, so Markdown leaves it alone)."""
    items = "\n".join(f'<dt id="{t.anchor}">{escape(t.term)}</dt>\n<dd>{escape(t.definition)}</dd>' for t in terms)
    return f'<dl class="ffr-glossary">\n{items}\n</dl>'


def mark_terms(html: str, keep: bool = True) -> str:
    """Keep the first tooltip of each term, outside headings and links, and make it focusable.

    Parameters:
        html: A page's content, as the abbr extension left it.
        keep: False on the glossary page: every ``<abbr>`` becomes plain text.
    """
    seen: set[str] = set()
    depth = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal depth
        title, text, closing = match.group(1), match.group(2), match.group(3)
        if title is None:  # an element that must not hold a tooltip opens or closes
            depth = max(0, depth - 1) if closing else depth + 1
            return match.group(0)
        if not keep or depth or title in seen:
            return text
        seen.add(title)
        return f'<abbr title="{title}" tabindex="0">{text}</abbr>'

    return TOKEN.sub(replace, html)


_loaded: dict[Path, tuple[float, list[Term]]] = {}


def read(path: Path) -> list[Term]:
    """:func:`load`, read again only when the file changed."""
    path = path.resolve()
    mtime = path.stat().st_mtime if path.is_file() else -1.0
    if path not in _loaded or _loaded[path][0] != mtime:
        _loaded[path] = (mtime, load(path))
    return _loaded[path][1]


def abbreviations(terms: list[Term]) -> dict[str, str]:
    """Every spelling of every term, with its definition: the ``abbr`` extension's ``glossary``."""
    return {spelling: t.definition for t in terms for spelling in t.spellings()}
