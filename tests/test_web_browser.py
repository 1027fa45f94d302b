"""The web front in a real browser (Debian's Chromium through Playwright),
against `vanort serve` on a free localhost port: pages read as a person reads
them, used with the keyboard alone, and checked by axe-core."""

from __future__ import annotations

import email
import json
import re
from email.policy import default
from pathlib import Path
from typing import Any

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
        for address in (
            "/",
            "/?lang=en",
            "/schedule",
            "/towns?lang=en",
            "/office",  # 403: how to get in
            "/no/such/page",
        ):
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
        _tab_to(page, "a[hreflang=en]")
        assert page.evaluate("document.activeElement.textContent.trim()") == "English"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("h1").inner_text() == "The next twin-town meeting"
        assert page.locator("html").get_attribute("lang") == "en"
        page.close()


def _tab_to(page: Any, selector: str, most: int = 80) -> None:
    """Press Tab until the element `selector` names has the focus (the keyboard only)."""
    for _ in range(most):
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def no_alert(page: Any) -> None:
    alerts = page.locator("[role=alert]")
    assert alerts.count() == 0, alerts.all_inner_texts()


def _link_in_letter(letters: Path, key: str) -> str:
    message = email.message_from_bytes(
        (letters / f"vanort-2026-letter-{key}.eml").read_bytes(), policy=default
    )
    body = message.get_body(("plain",))
    assert body is not None
    found = re.search(r"(http://127\.0\.0\.1:\d+/l/[A-Za-z0-9_-]+)", body.get_content())
    assert found, body.get_content()
    return found.group(1)


def test_two_contacts_answer_from_their_letters_links_and_the_office_sees_both(
    run: Run, registry_url: str, browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kulturförvaltningen's contact, in Swedish, corrects one collaboration, ends
    another, adds two (the first after the page caught a mistyped date), and sends
    the answer;
    Liseberg's, in English and with the keyboard alone, answers that it had none.
    Every page passes axe; the office's overview shows both."""
    monkeypatch.setenv("VANORT_TODAY", "2026-12-07")
    monkeypatch.setenv("VANORT_MAIL_FROM", "Stadsledningskontoret <vanort@goteborg.se>")
    monkeypatch.setenv("VANORT_CONFIG", str(tmp_path / "none.toml"))
    for title in ("Litteraturdagar", "Körutbyte"):
        logged = run("log-collaboration", "-t", "Bergen", "-o", "Kulturförvaltningen", "-a",
                     "culture", "--title", title, "--start", "2026-03-01")  # fmt: skip
        assert logged.exit_code == 0, logged.output
    for org, name, address, lang in (
        ("Kulturförvaltningen", "Åsa Öberg", "asa@kultur.goteborg.se", "sv"),
        ("Liseberg", "Jane Doe", "jane@liseberg.se", "en"),
    ):
        added = run("orgs", "contact", "add", org, "--name", name, "--email", address,
                    "--lang", lang)  # fmt: skip
        assert added.exit_code == 0, added.output
    opened = run("round", "open", "2026", "--deadline", "2027-01-31",
                 "--org", "Kulturförvaltningen", "--org", "Liseberg")  # fmt: skip
    assert opened.exit_code == 0, opened.output
    with serving(registry_url) as base:
        letters = tmp_path / "brev"
        wrote = run("round", "letters", "2026", "-o", str(letters), "--base-url", base)
        assert wrote.exit_code == 0, wrote.output
        kultur_link = _link_in_letter(letters, "kulturforvaltningen")
        liseberg_link = _link_in_letter(letters, "liseberg")

        page = browser.new_page(locale="sv-SE")
        page.goto(kultur_link)
        # The token is exchanged for a cookie and leaves the address bar.
        assert page.url == base + "/answer"
        assert "Kulturförvaltningen" in page.locator("h1").inner_text()
        assert violations(page) == []
        first, second = (
            page.locator("form.collaboration").nth(0),
            page.locator("form.collaboration").nth(1),
        )
        first.locator("input[name=title]").fill("Litteraturdagar i Bergen")
        first.locator("input[name=name]").fill("Åsa Öberg")
        first.locator("button[name=save]").click()
        page.wait_for_load_state()
        second = page.locator("form.collaboration").nth(1)
        second.locator("input[name=name]").fill("Åsa Öberg")
        second.locator("button[name=end]").click()
        page.wait_for_load_state()
        # A mistyped date is caught beside its field, and nothing is stored.
        page.fill("#add-title", "Bokmässan")
        page.check("form[action='/answer/add'] input[name=towns][value=turku]")
        page.fill("#add-name", "Åsa Öberg")
        page.evaluate("document.querySelector('#add-start_date').type = 'text'")
        page.fill("#add-start_date", "31 februari 2026")
        page.click("form[action='/answer/add'] button")
        page.wait_for_load_state()
        alert = page.locator("[role=alert]")
        assert alert.count() == 1 and "31 februari 2026" in alert.inner_text()
        # What was typed is kept.
        assert page.is_checked("form[action='/answer/add'] input[name=towns][value=turku]")
        assert page.input_value("#add-title") == "Bokmässan"
        assert violations(page) == []
        page.evaluate("document.querySelector('#add-start_date').type = 'text'")
        page.fill("#add-start_date", "1 september 2026")
        page.click("form[action='/answer/add'] button")
        page.wait_for_load_state()
        no_alert(page)
        # A second one, with two towns and a Swedish date.
        page.fill("#add-title", "Teaterturné")
        page.check("form[action='/answer/add'] input[name=towns][value=bergen]")
        page.check("form[action='/answer/add'] input[name=towns][value=aarhus]")
        page.fill("#add-name", "Åsa Öberg")
        page.evaluate("document.querySelector('#add-start_date').type = 'text'")
        page.fill("#add-start_date", "15 oktober 2026")
        page.click("form[action='/answer/add'] button")
        page.wait_for_load_state()
        no_alert(page)
        page.fill("#send-name", "Åsa Öberg")
        page.click("form[action='/answer/send'] button")
        page.wait_for_load_state()
        assert violations(page) == []
        page.close()

        english = browser.new_page(locale="en-GB")
        english.goto(liseberg_link)
        assert english.locator("html").get_attribute("lang") == "en"
        _tab_to(english, "#nothing-name")
        english.keyboard.type("Jane Doe")
        english.keyboard.press("Tab")
        assert english.evaluate("document.activeElement.tagName") == "BUTTON"
        with english.expect_navigation():
            english.keyboard.press("Enter")
        assert "no collaborations this year" in english.content()
        assert violations(english) == []
        english.close()

        coordinator = run("round", "links", "2026", "--coordinator", "--base-url", base,
                          "-f", "json")  # fmt: skip
        assert coordinator.exit_code == 0, coordinator.output
        office_link = json.loads(coordinator.stdout)[0]["url"]
        office = browser.new_page(locale="sv-SE")
        office.goto(office_link)
        assert office.url == base + "/office"
        text = office.locator("main").inner_text()
        assert "Kulturförvaltningen" in text and "Liseberg" in text
        assert violations(office) == []
        # One organisation's answer, read-only.
        with office.expect_navigation():
            office.click("main a:has-text('Kulturförvaltningen')")
        assert "Bokmässan" in office.locator("main").inner_text()
        assert violations(office) == []
        office.close()

    status = run("round", "status", "2026", "-f", "json")
    rows = {row["organisation"]: row for row in json.loads(status.stdout)}
    assert rows["Kulturförvaltningen"]["answer"] == "collaborations"
    listed_titles = [
        c["title"] for c in json.loads(run("collaborations", "list", "-f", "json").stdout)
    ]
    assert rows["Kulturförvaltningen"]["collaborations"] == 4, listed_titles
    assert rows["Liseberg"]["answer"] == "nothing"
    listed = json.loads(run("collaborations", "list", "-f", "json").stdout)
    titles = {c["title"]: c for c in listed}
    assert {"Litteraturdagar i Bergen", "Bokmässan", "Teaterturné"} <= set(titles)
    assert titles["Körutbyte"]["end_date"] is not None
    history = run("history", "--table", "collaboration", "-f", "json").stdout
    assert "Åsa Öberg" in history and "vanort web: link" in history
