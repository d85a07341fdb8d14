"""MkDocs hook: small fixes to Material's markup so every page passes the Nu HTML Checker.

Material marks its two hidden toggles (``#__drawer`` and ``#__search``, checkboxes) with
``autocomplete="off"``, which HTML allows only on text-like inputs (the checker reports it
as an error). Material uses it to stop Firefox from restoring a ticked toggle on reload;
``md-content.js`` unticks both instead, before Material's bundle reads them.

This file is build glue; nothing here is shipped to the browser.
"""

from __future__ import annotations

import re
from typing import Any

TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">'
)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return TOGGLE.sub(r"\1>", output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same fix for pages built from a template alone (404.html)."""
    return TOGGLE.sub(r"\1>", output_content)
