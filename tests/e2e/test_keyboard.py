"""Every calculator by keyboard alone: tab order, a visible focus ring, Enter, and errors announced.

One test walks all calculator pages (found in the built site), the first opened in
full and the others by Material's instant navigation, so Python starts once. The
calculator-specific keyboard paths (ticking the checklist, the metronome) are in each
calculator's own test file.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .calculator_page import FIRST_TEXT, NOT_A_NUMBER, ROOT, computed, open_calculator, wait_computed

pytestmark = pytest.mark.browser

# Everything in the calculator that takes focus, in the order of the document: rendered (not
# hidden, not inside a closed <details>), one stop per radio group.
FOCUSABLE = """(root) => {
  const seen = new Set();
  return Array.from(root.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')).filter((el) => {
    if (el.disabled || el.tabIndex < 0 || !el.checkVisibility({visibilityProperty: true})) return false;
    if (el.type === 'radio') { if (seen.has(el.name)) return false; seen.add(el.name); }
    return true;
  }).map((el, i) => { el.dataset.ffrTestStop = String(i); return i; });
}"""

# The focused element's number from FOCUSABLE, -1 if it has none, null outside the calculator.
STOP = f"() => document.activeElement.closest('{ROOT}') ? Number(document.activeElement.dataset.ffrTestStop ?? -1) : null"

# How the focused element is drawn, and the colour behind it.
FOCUS_STYLE = """() => {
  const el = document.activeElement, s = getComputedStyle(el);
  let bg = 'rgb(255, 255, 255)';
  for (let node = el.parentElement; node; node = node.parentElement) {
    const c = getComputedStyle(node).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(c)) { bg = c; break; }
  }
  // The ring's outer edge, and the first ancestor that clips it: one that contains its paint
  // (content-visibility, contain) cuts off whatever of the ring is outside its padding box,
  // and one that hides its overflow does so on that axis. (Headless Chromium draws no
  // scrollbars, so a ring under one is not seen here.)
  const out = s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth);
  const r = el.getBoundingClientRect();
  let clippedBy = null;
  for (let node = el.parentElement; node && node !== document.body && !clippedBy; node = node.parentElement) {
    const c = getComputedStyle(node);
    const paint = c.contentVisibility === 'auto' || /paint|strict|content/.test(c.contain);
    const x = paint || c.overflowX !== 'visible', y = paint || c.overflowY !== 'visible';
    if (!x && !y) continue;
    const box = node.getBoundingClientRect(), px = (v) => parseFloat(v) || 0;
    const left = box.left + px(c.borderLeftWidth), right = box.right - px(c.borderRightWidth);
    const top = box.top + px(c.borderTopWidth), bottom = box.bottom - px(c.borderBottomWidth);
    if ((x && (r.left - out < left - 0.5 || r.right + out > right + 0.5))
        || (y && (r.top - out < top - 0.5 || r.bottom + out > bottom + 0.5)))
      clippedBy = node.getAttribute('class') || node.localName;
  }
  return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, shadow: s.boxShadow, bg, clippedBy,
          name: el.id || el.getAttribute('class') || el.localName};
}"""


def luminance(rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"[\d.]+", rgb)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def focus_problem(page: Page) -> str | None:
    """Why the focused element's focus indicator is not clearly visible, or None if it is.

    Visible means: the browser's own ring (outline-style auto), or an outline at least
    2 px wide with 3:1 contrast against what is behind it (WCAG 2.4.7 and 1.4.11), and in
    either case not cut off by an ancestor that clips its overflow.
    """
    f = page.evaluate(FOCUS_STYLE)
    if f["clippedBy"]:
        return f"{f['name']}: its focus outline is cut off by {f['clippedBy']}, which clips what overflows it"
    if f["style"] == "auto":
        return None
    if f["style"] == "none" or f["width"] < 2:
        return f"{f['name']}: no focus outline ({f['style']} {f['width']}px, box-shadow {f['shadow']})"
    ratio = contrast(f["color"], f["bg"])
    return None if ratio >= 3 else f"{f['name']}: focus outline {f['color']} on {f['bg']} is only {ratio:.1f}:1"


def tab_through(page: Page) -> tuple[list[int], list[int], list[str]]:
    """From the top of the page, Tab into the calculator and on until focus leaves it.

    Returns the stops as numbered by FOCUSABLE, all FOCUSABLE numbers, and any focus ring
    that is not visible.
    """
    stops: list[int] = []
    problems: list[str] = []
    expected = page.locator(ROOT).evaluate(FOCUSABLE)
    page.locator(".md-skip").focus()  # where a fresh page's first Tab lands (checked in the test)
    inside = False
    for _ in range(400):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            f"() => document.activeElement.closest('{ROOT}') ? Number(document.activeElement.dataset.ffrTestStop ?? -1) : null"
        )
        if stop is None:
            if inside:
                return stops, expected, problems
            continue
        inside = True
        stops.append(stop)
        if problem := focus_problem(page):
            problems.append(problem)
    raise AssertionError("Tab never left the calculator")


def test_every_calculator_works_by_keyboard_alone(page: Page, base_url: str, calculator_pages: list[str]) -> None:
    """Tab reaches every control in document order with a visible focus ring; Enter recalculates;
    an error is marked on its field, summarised, focused and announced; the summary's link leads back to the field."""
    page.set_viewport_size({"width": 1280, "height": 900})
    for i, path in enumerate(calculator_pages):
        open_calculator(page, base_url, path, first=i == 0)
        if i == 0:
            page.keyboard.press("Tab")
            expect(page.locator(".md-skip")).to_be_focused()  # Material's skip link comes first
        assert not page.locator("[tabindex]:not([tabindex='0']):not([tabindex='-1'])").count(), f"{path}: a positive tabindex"
        stops, expected, problems = tab_through(page)
        assert stops == expected, f"{path}: Tab visited {stops}, the document order is {expected}"
        assert not problems, f"{path}: " + "; ".join(problems)

        field = page.locator(FIRST_TEXT)
        field_id = field.get_attribute("id")
        good = field.input_value()
        status = page.locator(f"{ROOT} .ffr-js-form [role=status]")  # the form's; the planner also has one for its buttons
        result = page.locator(f"{ROOT} .ffr-js-result")

        field.focus()
        before = computed(page)
        page.keyboard.press("Enter")
        wait_computed(page, before)
        expect(status).to_have_text(re.compile(r"^Updated: \S.+"))  # the one live region: the headline, in one sentence or two
        expect(status).to_have_attribute("aria-live", "polite")
        assert result.get_attribute("aria-live") is None, f"{path}: the result (and its table) is not announced whole"
        before_html = result.inner_html()

        page.keyboard.press("Control+A")
        page.keyboard.type(NOT_A_NUMBER)
        before = computed(page)
        page.keyboard.press("Enter")
        wait_computed(page, before)
        summary = page.locator(f"{ROOT} .ffr-js-summary")
        expect(summary).to_be_focused()
        expect(field).to_have_attribute("aria-invalid", "true")
        error = page.locator(f"#{field_id}-error")
        expect(error).to_be_visible()
        assert f"{field_id}-error" in (field.get_attribute("aria-describedby") or "").split()
        message = error.locator(".ffr-js-error-text").inner_text()
        assert message, f"{path}: the field's error message is empty"
        expect(summary.locator(f"a[href='#{field_id}']")).to_have_text(message)
        expect(status).to_contain_text("Please check")
        assert result.inner_html() == before_html, f"{path}: the last good result should stay"

        page.keyboard.press("Tab")
        expect(summary.locator("a").first).to_be_focused()
        page.evaluate("document.querySelector('article').dataset.ffrTestStay = 'yes'")
        page.keyboard.press("Enter")
        expect(field).to_be_focused()
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.keyboard.type(good)
        before = computed(page)
        page.keyboard.press("Enter")
        wait_computed(page, before)
        expect(field).not_to_have_attribute("aria-invalid", "true")
        expect(summary).to_be_hidden()
        expect(status).to_have_text(re.compile(r"^Updated: \S.+"))  # the one live region: the headline, in one sentence or two
        expect(status).to_have_attribute("aria-live", "polite")
        assert result.get_attribute("aria-live") is None, f"{path}: the result (and its table) is not announced whole"
        assert page.locator("article[data-ffr-test-stay]").count() == 1, f"{path}: the summary's link reloaded the page"
