"""Glossary terms in headless Chromium: the definition shows on keyboard focus and on hover."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sitebuild import glossary

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def definitions() -> dict[str, str]:
    """Each spelling of each glossary term, mapped to its definition, from the one source."""
    return glossary.abbreviations(glossary.load(ROOT / glossary.SOURCE))


def tab_to_first_term(page: Page) -> str:
    """Press Tab from the top of the page until a glossary term has focus; return its text."""
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            return str(page.evaluate("document.activeElement.textContent"))
    pytest.fail("Tab never reached a glossary term on the page")


def test_tabbing_to_a_term_shows_its_definition(page: Page, base_url: str) -> None:
    """A keyboard user reaches a dotted term with Tab, sees a focus ring and the term's definition, and it goes on blur."""
    meaning = definitions()
    page.goto(base_url)
    term = tab_to_first_term(page)
    focused = page.locator("abbr:focus")
    expect(focused).to_have_attribute("aria-describedby", re.compile(r"\S"))
    tooltip = page.locator("#" + str(focused.get_attribute("aria-describedby")))
    expect(tooltip).to_have_attribute("role", "tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(meaning[term])
    assert focused.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.evaluate("document.activeElement.blur()")
    expect(tooltip).to_be_hidden()


def test_hovering_a_term_shows_its_definition(page: Page, base_url: str) -> None:
    """Pointing at a dotted term shows its definition."""
    meaning = definitions()
    page.goto(base_url + "calculators/cadence/")
    term = page.locator("article abbr[tabindex='0']").first
    text = term.inner_text()
    term.hover()
    expect(term).to_have_attribute("aria-describedby", re.compile(r"\S"))
    tooltip = page.locator("#" + str(term.get_attribute("aria-describedby")))
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(meaning[text])
