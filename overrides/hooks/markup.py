"""MkDocs hook: small fixes to Material's markup, for the Nu HTML Checker and Lighthouse.

- Material's search box is a ``role="dialog"`` without a name (Lighthouse's accessibility
  audit, axe's aria-dialog-name rule): it gets ``aria-label="Search"``.
- Material marks its two hidden toggles (``#__drawer`` and ``#__search``, checkboxes) with
  ``autocomplete="off"``, which HTML allows only on text-like inputs (the checker reports
  it as an error). Material uses it to stop Firefox from restoring a ticked toggle on
  reload; ``md-content.js`` unticks both instead, before Material's bundle reads them.
- With ``navigation.sections``, Material gives each section's label ``tabindex=""`` (meant
  as "not focusable", but an empty tabindex is invalid HTML): the attribute is dropped,
  which means the same to browsers.

This file is build glue; nothing here is shipped to the browser.
"""

from __future__ import annotations

import re
from typing import Any

TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">'
)
SECTION_TABINDEX = re.compile(r'(<label class="md-nav__link" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label") tabindex=""')
SEARCH = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'


def fix(html: str) -> str:
    """The page with Material's markup fixed."""
    return SECTION_TABINDEX.sub(r"\1", TOGGLE.sub(r"\1>", html)).replace(SEARCH, NAMED_SEARCH)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return fix(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same fixes for pages built from a template alone (404.html)."""
    return fix(output_content)
