"""The web front in a real browser (Debian's Chromium through Playwright),
against `vanort serve` on a free localhost port: pages read as a person reads
them, used with the keyboard alone, and checked by axe-core."""

from __future__ import annotations

import pytest

from browser import chromium, violations
from conftest import Run
from web_server import serving


@pytest.fixture(scope="module")
def browser() -> object:
    with chromium() as opened:
        yield opened


def test_the_public_pages_pass_axe_in_both_languages(
    run: Run, registry_url: str, browser: object
) -> None:
    with serving(registry_url) as base:
        page = browser.new_page()  # type: ignore[attr-defined]
        for address in ("/", "/?lang=en", "/no/such/page"):
            page.goto(base + address)
            assert violations(page) == [], address
        page.close()


def test_the_language_is_switched_with_the_keyboard_alone(
    run: Run, registry_url: str, browser: object
) -> None:
    with serving(registry_url) as base:
        page = browser.new_page(locale="sv-SE")  # type: ignore[attr-defined]
        page.goto(base + "/")
        assert page.locator("h1").inner_text() == "Nästa vänortsmöte"
        # Skip link first, then the brand, then the language.
        for _ in range(3):
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "English"
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "The next twin-town meeting"
        assert page.locator("html").get_attribute("lang") == "en"
        page.close()
