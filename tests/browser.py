"""A real browser for the web front's tests: Debian's Chromium driven by
Playwright (its own browsers are never downloaded), and axe-core's checks of a
page (the script comes inside axe-playwright-python: nothing is fetched)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pdf_check import CHROMIUM_FLAGS, browser_or_skip

# As tests/pdf_check.py prints (quiet, nothing from the network, runnable as root),
# but driven: Playwright adds its own headless flag, and nothing is printed.
FLAGS = tuple(f for f in CHROMIUM_FLAGS if f not in ("--headless", "--no-pdf-header-footer"))
# What a page may not have: axe-core's violations of these impacts.
BLOCKING = ("serious", "critical")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium, closed after the block."""
    from playwright.sync_api import sync_playwright

    executable = browser_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(FLAGS))
        try:
            yield browser
        finally:
            browser.close()


def violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} element(s): "
        f"{v['nodes'][0]['target']})"
        for v in found
        if v["impact"] in BLOCKING
    ]
