"""The light and dark palettes: shown before the page's content is drawn, switched, kept.

md-palette.js shows the reader's palette, or their system's, while the page is still being
parsed; Material's switch then runs it as before.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from .conftest import Watch

pytestmark = pytest.mark.browser

GUIDE = "guide/pain/"
SWITCH = "form.md-header__option label:not([hidden])"
TO_DARK, TO_LIGHT = "__palette_1", "__palette_0"  # what the shown switch selects: mkdocs.yml lists light, then dark
BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")


def shown(page: Page) -> dict[str, object]:
    """The palette as the reader sees it: the body's scheme, the switch shown, what is saved."""
    return page.evaluate(
        """() => ({
            scheme: document.body.getAttribute("data-md-color-scheme"),
            media: document.body.getAttribute("data-md-color-media"),
            label: [...document.querySelectorAll("form.md-header__option label")].filter((l) => !l.hidden).map((l) => l.htmlFor),
            saved: Object.keys(localStorage).filter((k) => k.endsWith(".__palette")).map((k) => JSON.parse(localStorage[k]).index),
        })"""
    )


BLOCKED = "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('The storage is blocked.', 'SecurityError'); }})"


def held_back(browser: Browser, system: str, errors: list[str], saved: int | None = None, blocked: bool = False) -> Page:
    """A fresh page on a ``system`` light or dark, with Material's bundle held back (and no service worker to serve it anyway),
    optionally with palette ``saved`` as Material stores it, or with storage blocked; its script errors go into ``errors``."""
    context = browser.new_context(color_scheme=system, service_workers="block")  # type: ignore[arg-type]
    if saved is not None:
        context.add_init_script(f"localStorage.setItem('/.__palette', JSON.stringify({{index: {saved}}}))")
    if blocked:
        context.add_init_script(BLOCKED)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route(BUNDLE, lambda route: route.abort())
    return page


@pytest.mark.parametrize(("system", "scheme", "label"), [("light", "default", TO_DARK), ("dark", "slate", TO_LIGHT)])
def test_a_first_visit_shows_the_system_s_palette_before_material_s_bundle_runs(
    browser: Browser, base_url: str, system: str, scheme: str, label: str
) -> None:
    """With Material's bundle held back, the page already shows the system's palette and its switch (a dark system saw the light
    palette, and no switch, until the bundle ran)."""
    errors: list[str] = []
    page = held_back(browser, system, errors)
    try:
        page.goto(base_url + GUIDE)
        assert page.evaluate("() => window.document$ === undefined"), "Material's bundle was held back"
        state = shown(page)
        assert state["scheme"] == scheme
        assert state["media"] == f"(prefers-color-scheme: {system})"
        assert state["label"] == [label], "exactly one switch shows, the one to the other palette"
        assert state["saved"] == []
        assert not errors, errors
    finally:
        page.context.close()


@pytest.mark.parametrize(("saved", "scheme", "label"), [(0, "default", TO_DARK), (7, "slate", TO_LIGHT)])
def test_a_saved_palette_wins_over_the_system_s_before_material_s_bundle_runs(
    browser: Browser, base_url: str, saved: int, scheme: str, label: str
) -> None:
    """A reader who chose the light palette on a dark system gets it on their next visit before Material's bundle runs; a saved
    choice that no longer exists (mkdocs.yml lists fewer palettes now) gives the last palette, as Material's switch does."""
    errors: list[str] = []
    page = held_back(browser, "dark", errors, saved=saved)
    try:
        page.goto(base_url + GUIDE)
        assert page.evaluate("() => window.document$ === undefined"), "Material's bundle was held back"
        state = shown(page)
        assert state["scheme"] == scheme and state["label"] == [label]
        assert not errors, errors
    finally:
        page.context.close()


def test_with_storage_blocked_the_system_s_palette_still_shows(browser: Browser, base_url: str) -> None:
    """A browser that refuses the site its storage (reading it throws) still gets the system's palette, and no script error."""
    errors: list[str] = []
    page = held_back(browser, "dark", errors, blocked=True)
    try:
        page.goto(base_url + GUIDE)
        assert page.evaluate("() => { try { localStorage; return false; } catch { return true; } }"), "storage is blocked"
        assert shown_without_storage(page) == ("slate", [TO_LIGHT])
        assert not errors, errors
    finally:
        page.context.close()


def shown_without_storage(page: Page) -> tuple[str, list[str]]:
    """The body's scheme and the switch shown, read without touching storage."""
    scheme, label = page.evaluate(
        """() => [document.body.getAttribute("data-md-color-scheme"),
                  [...document.querySelectorAll("form.md-header__option label")].filter((l) => !l.hidden).map((l) => l.htmlFor)]"""
    )
    return scheme, label


def test_the_switch_switches_is_saved_and_holds_across_pages(browser: Browser, base_url: str, watch: Watch) -> None:
    """Clicking the switch shows the dark palette, saves it, and keeps it on reload and after instant navigation,
    where the switch still works."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    watch.attach(page)
    page.goto(base_url + GUIDE)
    page.wait_for_function("() => window.document$ !== undefined")  # Material's bundle has run
    assert shown(page)["scheme"] == "default"

    page.click(SWITCH)
    dark = shown(page)
    assert dark["scheme"] == "slate" and dark["label"] == [TO_LIGHT] and dark["saved"] == [1]
    page.reload()
    assert shown(page)["scheme"] == "slate", "the choice holds on the next page load"

    page.evaluate("() => { window.ffrSamePage = true; }")
    page.click(".md-nav__link[href$='strength/']")
    page.wait_for_url("**/guide/strength/")
    assert page.evaluate("() => window.ffrSamePage === true"), "Material's instant navigation swapped the page"
    assert shown(page)["scheme"] == "slate"
    page.click(SWITCH)
    back = shown(page)
    assert back["scheme"] == "default" and back["label"] == [TO_DARK] and back["saved"] == [0]
    context.close()
    assert not watch.errors, watch.errors


def test_enter_on_the_switch_switches(page: Page, base_url: str) -> None:
    """A keyboard reader can switch: Enter on the focused switch shows the other palette and keeps the focus on the switch."""
    page.emulate_media(color_scheme="light")
    page.goto(base_url + GUIDE)
    page.wait_for_function("() => window.document$ !== undefined")
    page.focus("form.md-header__option input")
    assert shown(page)["scheme"] == "default"
    on_switch = "() => document.activeElement !== null && document.activeElement.matches('form.md-header__option input')"
    page.keyboard.press("Enter")
    assert shown(page)["scheme"] == "slate"
    assert page.evaluate(on_switch), "the focus stays on the switch"
    page.keyboard.press("Enter")
    assert shown(page)["scheme"] == "default", "Enter again switches back"
    assert page.evaluate(on_switch)
