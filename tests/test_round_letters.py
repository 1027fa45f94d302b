"""`round letters` and `round remind` as a coordinator uses them: .eml files read
back with Python's `email` package, and letters sent to a real SMTP server
(aiosmtpd) started on localhost, including one that drops the connection halfway.

Contacts are added with services.contacts.add_contact on the test's registry
(the `orgs contact add` command is another branch's)."""

from __future__ import annotations

import email
import socket
from collections import Counter
from datetime import date
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from conftest import Run
from smtp_server import Handler, Received, free_port
from vanort_cli.services.contacts import ContactChange, add_contact
from vanort_cli.store.location import resolve_location
from vanort_cli.store.registry import Registry

pytestmark = pytest.mark.both_backends

PASSWORD = "hemligt-lösen-7f3a"  # the test's own, to prove it never shows
SENDER = "Stadsledningskontoret <vanort@goteborg.se>"
# Organisation, then its contacts: (name, address, language); the first is primary.
CONTACTS = {
    "Kulturförvaltningen": [
        ("Åsa Öberg", "asa.oberg@kultur.goteborg.se", "sv"),
        ("Bo Ek", "bo.ek@kultur.goteborg.se", "en"),
    ],
    "Liseberg": [("Jane Doe", "jane.doe@liseberg.se", "en")],
    "Higab": [("Per Ström", "per.strom@higab.se", "sv")],
    "Göteborgs Hamn": [("Lena Ås", "lena.as@goteborgshamn.se", "sv")],
    "Miljöförvaltningen": [("Ali Khan", "ali.khan@miljo.goteborg.se", "en")],
}
NO_CONTACT = "Got Event"


@pytest.fixture(autouse=True)
def _mail(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2027-01-10")
    monkeypatch.setenv("VANORT_MAIL_FROM", SENDER)
    # No settings file of this machine's user is read by a test.
    monkeypatch.setenv("VANORT_CONFIG", str(tmp_path / "no-settings.toml"))
    for name in (
        "VANORT_SMTP_HOST",
        "VANORT_SMTP_PORT",
        "VANORT_SMTP_USER",
        "VANORT_SMTP_PASSWORD",
    ):
        monkeypatch.delenv(name, raising=False)


def _open_round(run: Run, registry_url: str) -> None:
    orgs = [arg for name in [*CONTACTS, NO_CONTACT] for arg in ("--org", name)]
    result = run("round", "open", "2026", "--deadline", "2027-01-31", *orgs)
    assert result.exit_code == 0, result.output
    registry = Registry(resolve_location(registry_url))
    try:
        with registry.writing() as session:
            for organisation, people in CONTACTS.items():
                for name, address, language in people:
                    change = ContactChange(name=name, email=address, language=language)
                    add_contact(session=session, organisation=organisation, change=change)
    finally:
        registry.close()


def _sending(monkeypatch: pytest.MonkeyPatch, port: int, host: str = "127.0.0.1") -> None:
    monkeypatch.setenv("VANORT_SMTP_HOST", host)
    monkeypatch.setenv("VANORT_SMTP_PORT", str(port))


def _status(registry_url: str) -> dict[str, dict[str, Any]]:
    """services.rounds.status (the `round status` command is another branch's)."""
    from dataclasses import asdict

    from vanort_cli.services.rounds import status

    registry = Registry(resolve_location(registry_url))
    try:
        with registry.reading() as session:
            rows = status(session=session, year=2026, today=date(2027, 1, 10))
    finally:
        registry.close()
    return {row.organisation: asdict(row) for row in rows}


def test_letters_are_eml_files_outlook_opens_as_drafts(
    run: Run, registry_url: str, tmp_path: Path
) -> None:
    _open_round(run, registry_url)
    out = tmp_path / "letters"
    result = run("round", "letters", "2026", "-o", str(out))
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.eml"))
    assert [Path(line) for line in result.stdout.splitlines()] == [
        out / f.name for f in sorted(files, key=lambda f: result.stdout.index(f.name))
    ]
    assert len(files) == len(CONTACTS)  # one an organisation; Got Event has no contact
    assert f"1 organisation without a contact, not written to: {NO_CONTACT}" in result.stderr
    culture = email.message_from_bytes(
        (out / "vanort-2026-letter-kulturforvaltningen.eml").read_bytes(), policy=default
    )
    assert culture["X-Unsent"] == "1"
    assert str(culture["From"]) == SENDER
    assert str(culture["To"]) == "Åsa Öberg <asa.oberg@kultur.goteborg.se>"
    assert str(culture["Cc"]) == "Bo Ek <bo.ek@kultur.goteborg.se>"  # the other contact
    assert culture["Date"] is not None and culture["Message-ID"].endswith("@goteborg.se>")
    assert "31 januari 2027" in culture["Subject"]  # Åsa reads Swedish
    [attachment] = culture.iter_attachments()
    assert attachment.get_filename() == "vanort-2026-kulturforvaltningen.xlsx"
    assert attachment.get_content()[:2] == b"PK"  # the workbook, an .xlsx (a zip)
    # Writing them again writes the same letters: the same Message-IDs.
    ids = {f.name: email.message_from_bytes(f.read_bytes())["Message-ID"] for f in files}
    again = run("round", "letters", "2026", "-o", str(out))
    assert again.exit_code == 0, again.output
    assert ids == {f.name: email.message_from_bytes(f.read_bytes())["Message-ID"] for f in files}
    status = _status(registry_url)
    assert status["Liseberg"]["asked_on"] == date(2027, 1, 10)
    assert status[NO_CONTACT]["asked_on"] is None


def test_letters_are_sent_once_and_again_only_when_asked(
    run: Run, registry_url: str, smtp_server: tuple[Received, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    received, port = smtp_server
    _open_round(run, registry_url)
    _sending(monkeypatch, port)
    result = run("round", "letters", "2026", "--send")
    assert result.exit_code == 0, result.output
    assert f"Sent 5 letters for the round for 2026 through 127.0.0.1:{port}." in result.stderr
    assert len(received.messages) == len(CONTACTS)
    expected = Counter(address for people in CONTACTS.values() for _, address, _ in people)
    assert received.per_recipient() == expected
    for sender, _, message in received.messages:
        assert sender == "vanort@goteborg.se"
        assert "X-Unsent" not in message  # a recipient's Outlook must not open it as a draft
        [attachment] = message.iter_attachments()
        assert attachment.get_filename().endswith(".xlsx")
    assert _status(registry_url)["Higab"]["asked_on"] == date(2027, 1, 10)

    # Run again: nothing is sent twice.
    second = run("round", "letters", "2026", "--send")
    assert second.exit_code == 0, second.output
    assert "5 letters already sent, not sent again" in second.stderr
    assert len(received.messages) == len(CONTACTS)

    # --again sends again, under new Message-IDs.
    third = run("round", "letters", "2026", "--send", "--again", "--org", "Liseberg")
    assert third.exit_code == 0, third.output
    assert len(received.messages) == len(CONTACTS) + 1
    first_id = next(
        m["Message-ID"] for _, r, m in received.messages if r == ["jane.doe@liseberg.se"]
    )
    assert received.messages[-1][2]["Message-ID"] != first_id


def test_a_dropped_connection_resumes_where_it_stopped(
    run: Run, registry_url: str, smtp_server: tuple[Received, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    received, port = smtp_server
    received.drop_on = 3
    _open_round(run, registry_url)
    _sending(monkeypatch, port)
    broken = run("round", "letters", "2026", "--send")
    assert broken.exit_code == 1
    lines = broken.stderr.strip().splitlines()
    assert lines[-1].startswith("Error: Sent 2 of 5 letters before 127.0.0.1:")
    assert "Run the same command again to send the other 3; none is sent twice." in lines[-1]
    assert "Traceback" not in broken.output
    assert len(received.messages) == 2
    sent_first = {m["Message-ID"] for _, _, m in received.messages}

    resumed = run("round", "letters", "2026", "--send")
    assert resumed.exit_code == 0, resumed.output
    assert "Sent 3 letters" in resumed.stderr
    assert "2 letters already sent" in resumed.stderr
    expected = Counter(address for people in CONTACTS.values() for _, address, _ in people)
    assert received.per_recipient() == expected  # each exactly once
    assert len({m["Message-ID"] for _, _, m in received.messages}) == 5
    assert sent_first <= {m["Message-ID"] for _, _, m in received.messages}


def test_reminders_go_only_to_those_who_have_not_answered_once_a_day(
    run: Run, registry_url: str, smtp_server: tuple[Received, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    received, port = smtp_server
    _open_round(run, registry_url)
    _sending(monkeypatch, port)
    assert run("round", "letters", "2026", "--send").exit_code == 0
    received.messages.clear()
    # Liseberg answers (services.rounds; `round answer` is another branch's).
    from vanort_cli.services.lookup import find_organisation
    from vanort_cli.services.rounds import record_answer

    registry = Registry(resolve_location(registry_url))
    try:
        with registry.writing() as session:
            org = find_organisation(session=session, name="Liseberg")
            record_answer(
                session=session,
                year=2026,
                org=org,
                answer="nothing",
                today=date(2027, 1, 20),
                by="test",
            )
    finally:
        registry.close()
    late = run("round", "remind", "2026", "--send", "--today", "2027-02-07")
    assert late.exit_code == 0, late.output
    assert len(received.messages) == len(CONTACTS) - 1
    assert "jane.doe@liseberg.se" not in received.per_recipient()
    english = next(m for _, r, m in received.messages if r == ["ali.khan@miljo.goteborg.se"])
    text = english.get_body(preferencelist=("plain",)).get_content()
    assert "The deadline was 31 January 2027" in text
    assert [a.get_filename() for a in english.iter_attachments()] == [
        "vanort-2026-miljoforvaltningen.xlsx"
    ]
    # The same day again: none twice. A week later: the next reminder goes out.
    assert run("round", "remind", "2026", "--send", "--today", "2027-02-07").exit_code == 0
    assert len(received.messages) == len(CONTACTS) - 1
    assert run("round", "remind", "2026", "--send", "--today", "2027-02-14").exit_code == 0
    assert len(received.messages) == 2 * (len(CONTACTS) - 1)
    status = _status(registry_url)
    assert status["Higab"]["reminded_on"] == date(2027, 2, 14)
    assert status["Liseberg"]["reminded_on"] is None


@pytest.mark.sqlite_only
def test_the_password_is_never_shown_nor_kept(
    run: Run,
    registry_url: str,
    db_path: Path,
    smtp_server: tuple[Received, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The password reaches the server's AUTH (aiosmtpd has none to offer, so a
    login is refused) and no output, file or history."""
    _, port = smtp_server
    _open_round(run, registry_url)
    _sending(monkeypatch, port)
    monkeypatch.setenv("VANORT_SMTP_USER", "vanort")
    monkeypatch.setenv("VANORT_SMTP_PASSWORD", PASSWORD)
    result = run("round", "letters", "2026", "--send", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "127.0.0.1" in result.stderr and "Nothing was sent" in result.stderr
    assert "refused the login of vanort" in result.stderr
    history = run("history", "--limit", "100")
    assert history.exit_code == 0, history.output
    from conftest import checkpoint

    checkpoint(db_path)
    for text in (result.stdout, result.stderr, history.stdout, history.stderr):
        assert PASSWORD not in text
    assert PASSWORD.encode() not in db_path.read_bytes()
    for written in (tmp_path / "out").glob("*"):
        assert PASSWORD.encode() not in written.read_bytes()


@pytest.mark.sqlite_only
def test_a_server_without_starttls_is_refused_unless_on_this_machine(
    run: Run, registry_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = socket.gethostname()
    try:
        address = socket.gethostbyname(name)
    except OSError:
        pytest.skip(f"this machine's name {name} does not resolve")
    received = Received()
    port = free_port(address)
    controller = Controller(Handler(received), hostname=address, port=port)
    controller.start()
    try:
        _open_round(run, registry_url)
        _sending(monkeypatch, port, host=name)  # a name, not localhost: STARTTLS needed
        result = run("round", "letters", "2026", "--send")
    finally:
        controller.stop()
    assert result.exit_code == 1
    assert f"{name}:{port} does not offer STARTTLS" in result.stderr
    assert received.messages == []


def test_a_closed_round_and_no_destination_are_refused(run: Run, registry_url: str) -> None:
    _open_round(run, registry_url)
    nowhere = run("round", "letters", "2026")
    assert nowhere.exit_code == 2
    assert "-o DIR" in nowhere.stderr and "--send" in nowhere.stderr
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.delenv("VANORT_MAIL_FROM")
    try:
        no_sender = run("round", "letters", "2026", "-o", "x")
    finally:
        monkeypatch.undo()
    assert no_sender.exit_code == 2
    assert "VANORT_MAIL_FROM" in no_sender.stderr
    no_server = run("round", "letters", "2026", "--send")
    assert no_server.exit_code == 2
    assert "VANORT_SMTP_HOST" in no_server.stderr
