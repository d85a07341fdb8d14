"""A form sent before the page's script has wired it keeps the reader's answers in the browser.

On a slow phone a reader can type and press Enter before the calculator's script runs, and
some readers browse with JavaScript off. Either way the form is sent by the browser itself,
and a ``get`` form would put every answer (pain, red flags, age) in the address and in the
request to the host, whose logs keep it.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from .calculator_page import ROOT

pytestmark = pytest.mark.browser


def test_an_unwired_form_sends_nothing_to_the_host(browser: Browser, base_url: str, calculator_pages: list[str]) -> None:
    """With JavaScript off, Enter in a field and the form's button go nowhere: no request, the address unchanged.

    The site's policy (``form-action 'none'``) would block a ``get`` send too, so it is
    bypassed here: the forms must go nowhere by themselves.
    """
    context = browser.new_context(java_script_enabled=False, bypass_csp=True)
    page = context.new_page()
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url) if request.is_navigation_request() else None)
    tried = 0
    for path in calculator_pages:
        page.goto(base_url + path)
        forms = page.locator(f"{ROOT} form")
        for i in range(forms.count()):
            form = forms.nth(i)
            sent.clear()
            text = form.locator("input[type=text]")
            if text.count():
                text.first.fill("7")
                text.first.press("Enter")
                tried += 1
            button = form.locator("button[type=submit]")
            if button.is_enabled():
                button.click()
                tried += 1
            page.wait_for_timeout(300)  # a navigation to this local server starts at once
            assert not sent, f"{path}: form {i} sent {sent}"
            assert page.url == base_url + path, f"{path}: form {i} changed the address to {page.url}"
    context.close()
    assert tried >= len(calculator_pages), "every calculator page has a form to send"
