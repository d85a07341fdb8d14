"""The after-step's pass over every HTML file of the built site.

Whatever renders the pages, this pass leaves them the same:

- Small fixes to Material's markup, for the Nu HTML Checker and Lighthouse (:func:`fix`):

  - Material's search box is a ``role="dialog"`` without a name (Lighthouse's accessibility
    audit, axe's aria-dialog-name rule): it gets ``aria-label="Search"``.
  - Material marks its two hidden toggles (``#__drawer`` and ``#__search``, checkboxes) with
    ``autocomplete="off"``, which HTML allows only on text-like inputs (the checker reports
    it as an error). Material uses it to stop Firefox from restoring a ticked toggle on
    reload; ``md-content.js`` unticks both instead, before Material's bundle reads them.
  - With ``navigation.sections``, Material gives each section's label ``tabindex=""`` (meant
    as "not focusable", but an empty tabindex is invalid HTML): the attribute is dropped,
    which means the same to browsers.
  - Zensical's theme marks the drawer's overlay label ``aria-hidden="true"``, which the checker
    rejects on a ``label``; it is dropped, as Material's own markup has it.

- The values only the build knows, in each page's head (:func:`fill_head`), so that no
  template needs a generator's hook to compute them: the Content-Security-Policy as the
  first element (for hosts that cannot send headers; none for a preview server, whose
  reload script is inline), the theme colour from ``identity.css``, and the address of the
  calculators' wheel (content-hashed) in ``<meta name="ffr-wheel">``, relative to the page
  as the template wrote the wheel's folder; on a page whose feature loads a third-party wheel
  when the reader uses it (``<meta name="ffr-watch-wheel">``, the "From your watch" page:
  ``fitdecode``), that wheel's content-hashed address (``sitebuild.wheelhouse``) the same way.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from . import SiteError, wheel, wheelhouse

TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">'
)
SECTION_TABINDEX = re.compile(r'(<label class="md-nav__link" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label") tabindex=""')
SEARCH = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
HIDDEN_OVERLAY = '<label class="md-overlay" for="__drawer" aria-hidden="true">'
OVERLAY = '<label class="md-overlay" for="__drawer">'

HEAD = re.compile(r"<head>")
WHEEL_META = re.compile(r'(<meta name="ffr-wheel" content=")([^"]*)(">)')
THEME_COLOUR_META = re.compile(r'(<meta name="theme-color" content=")([^"]*)(">)')
FEATURE_WHEELS = {"ffr-watch-wheel": "fitdecode"}
"""The metas a page may hold (at most one each) that name a browser wheel, by the wheel's project."""


def fix(html: str) -> str:
    """The page with Material's markup fixed."""
    return SECTION_TABINDEX.sub(r"\1", TOGGLE.sub(r"\1>", html)).replace(SEARCH, NAMED_SEARCH).replace(HIDDEN_OVERLAY, OVERLAY)


def fill_head(
    html: str, *, wheel_url: str, theme_colour: str, csp: str | None, extra_wheels: dict[str, wheelhouse.SiteWheel] | None = None
) -> str:
    """The page with the build's values in its head.

    Parameters:
        html: A whole page, as the template wrote it: ``<meta name="ffr-wheel">`` holds the
            wheel's folder (``assets/calculators/``, as a URL relative to the page or from the
            root), ``<meta name="theme-color">`` is empty.
        wheel_url: The wheel's path in the site, from its root (``assets/calculators/<hash>/<name>.whl``).
        theme_colour: The header colour (``#0d4a40``).
        csp: The policy for a ``<meta http-equiv>``, or None for none.
        extra_wheels: The browser's third-party wheels by project (``sitebuild.wheelhouse``), for
            the metas in ``FEATURE_WHEELS``, which name their folder (``assets/wheels/``) as the
            template wrote it.

    Raises:
        SiteError: If the page has a head but not exactly one of each meta to fill, more than
            one of a feature's meta, or a feature's meta whose wheel is not given.
    """
    if not HEAD.search(html):
        return html
    wheels, colours = WHEEL_META.findall(html), THEME_COLOUR_META.findall(html)
    if len(wheels) != 1 or len(colours) != 1:
        raise SiteError(f"expected one <meta name='ffr-wheel'> and one <meta name='theme-color'>, found {len(wheels)} and {len(colours)}")
    folder = wheels[0][1]
    if not folder.endswith(wheel.SITE_DIR):
        raise SiteError(f"<meta name='ffr-wheel'> must name the wheel's folder ({wheel.SITE_DIR}), not {folder!r}")
    html = WHEEL_META.sub(lambda m: m.group(1) + folder + wheel_url.removeprefix(wheel.SITE_DIR) + m.group(3), html, count=1)
    html = THEME_COLOUR_META.sub(lambda m: m.group(1) + escape(theme_colour) + m.group(3), html, count=1)
    for name, project in FEATURE_WHEELS.items():
        html = _fill_feature_wheel(html, name, (extra_wheels or {}).get(project))
    if csp is not None:
        if '"' in csp:
            raise SiteError(f"a Content-Security-Policy holds no double quote: {csp!r}")
        meta = f'<meta http-equiv="Content-Security-Policy" content="{escape(csp, quote=False)}">'
        html = HEAD.sub(lambda m: f"{m.group(0)}\n  {meta}", html, count=1)
    return html


def _fill_feature_wheel(html: str, name: str, made: wheelhouse.SiteWheel | None) -> str:
    """The page with ``<meta name=NAME>`` (if it holds one) pointing at ``made``."""
    meta = re.compile(rf'(<meta name="{re.escape(name)}" content=")([^"]*)(">)')
    found = meta.findall(html)
    if not found:
        return html
    if len(found) > 1:
        raise SiteError(f"expected at most one <meta name='{name}'>, found {len(found)}")
    if made is None:
        raise SiteError(f"<meta name='{name}'> names a wheel the build does not ship (see requirements/browser.txt)")
    folder = found[0][1]
    if not folder.endswith(wheelhouse.SITE_DIR):
        raise SiteError(f"<meta name='{name}'> must name the wheels' folder ({wheelhouse.SITE_DIR}), not {folder!r}")
    return meta.sub(lambda m: m.group(1) + folder + made.url.removeprefix(wheelhouse.SITE_DIR) + m.group(3), html, count=1)


def rewrite_pages(
    site: Path, *, wheel_url: str, theme_colour: str, csp: str | None, extra_wheels: dict[str, wheelhouse.SiteWheel] | None = None
) -> int:
    """Apply :func:`fix` and :func:`fill_head` to every HTML file of the site.

    Returns:
        The number of files.
    """
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        try:
            done = fill_head(fix(html), wheel_url=wheel_url, theme_colour=theme_colour, csp=csp, extra_wheels=extra_wheels)
        except SiteError as error:
            raise SiteError(f"{page.relative_to(site).as_posix()}: {error}") from None
        if done != html:
            page.write_text(done, encoding="utf-8")
    return len(pages)
