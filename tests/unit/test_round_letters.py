"""The round's letters without a registry: which letter is due (property-tested),
which servers may go without STARTTLS, the settings file's rules, and the message
parsed back as a mail program reads it."""

from __future__ import annotations

import email
from datetime import UTC, date, datetime, timedelta
from email.policy import default
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.round_letters import Due, PastLetter, due
from vanort_cli.errors import UsageError
from vanort_cli.exchange.letters import Attachment, Letter, Person, as_file, compose, read_sender
from vanort_cli.exchange.mail_config import mail_settings
from vanort_cli.exchange.smtp import is_local

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))
past_letters = st.lists(
    st.builds(
        PastLetter,
        id=st.integers(1, 1000),
        kind=st.sampled_from(["letter", "reminder"]),
        day=days,
        sent=st.booleans(),
    ),
    max_size=8,
    unique_by=lambda p: p.id,  # a record's id is its own
)


@given(past_letters, st.sampled_from(["letter", "reminder"]), days, st.booleans())
def test_an_unsent_letter_is_resumed_under_its_own_record(
    past: list[PastLetter], kind: str, day: date, again: bool
) -> None:
    step = due(past, kind=kind, day=day, again=again)  # type: ignore[arg-type]
    mine = [p for p in past if p.kind == kind and (kind == "letter" or p.day == day)]
    if step.reuse is not None:
        chosen = next(p for p in mine if p.id == step.reuse)
        assert not chosen.sent
    else:
        assert all(p.sent for p in mine)


@given(past_letters, days)
def test_a_letter_sent_is_not_sent_again_unless_asked(past: list[PastLetter], day: date) -> None:
    sent = [*past, PastLetter(id=2000, kind="letter", day=day, sent=True)]
    unsent = any(p.kind == "letter" and not p.sent for p in past)
    assert due(sent, kind="letter", day=day).skip is not unsent
    assert not due(sent, kind="letter", day=day, again=True).skip


@given(days, st.integers(1, 30))
def test_one_reminder_a_day_and_next_weeks_goes_out(day: date, later: int) -> None:
    past = [PastLetter(id=1, kind="reminder", day=day, sent=True)]
    assert due(past, kind="reminder", day=day) == Due(skip=True)
    assert due(past, kind="reminder", day=day + timedelta(days=later)) == Due()
    # --again does not make a second reminder on the same day.
    assert due(past, kind="reminder", day=day, again=True) == Due(skip=True)


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("localhost", True),
        ("LOCALHOST.", True),
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("smtp.goteborg.se", False),
        ("vm", False),  # a name that points at 127.0.0.1 is not resolved: STARTTLS still
        ("10.0.0.1", False),
        ("localhost.goteborg.se", False),
    ],
)
def test_only_this_machine_goes_without_starttls(host: str, local: bool) -> None:
    assert is_local(host) is local


def _letter(kind: str = "letter", language: str = "en", today: date = date(2027, 1, 10)) -> Letter:
    return Letter(
        kind=kind,  # type: ignore[arg-type]
        year=2026,
        deadline=date(2027, 1, 31),
        today=today,
        language=language,
        organisation="Kulturförvaltningen",
        to=Person("Åsa Öberg", "asa.oberg@kultur.goteborg.se"),
        cc=[Person("Bo Ek", "bo.ek@kultur.goteborg.se")],
        sender=read_sender("Stadsledningskontoret Göteborg <vanort@goteborg.se>"),
        signature=None,
        message_id="<1.vanort.2026.letter@goteborg.se>",
        attachment=Attachment("vanort-2026-kulturforvaltningen.xlsx", b"PK\x03\x04\x00\xff" * 50),
    )


def test_the_file_parses_back_with_every_header_and_the_workbook_intact() -> None:
    raw = as_file(compose(_letter(), now=datetime(2027, 1, 10, 9, 30, tzinfo=UTC)))
    assert raw.isascii()  # every non-ASCII name encoded (RFC 2047), the body quoted-printable
    parsed = email.message_from_bytes(raw, policy=default)
    assert parsed["X-Unsent"] == "1"
    assert str(parsed["From"]) == "Stadsledningskontoret Göteborg <vanort@goteborg.se>"
    assert str(parsed["To"]) == "Åsa Öberg <asa.oberg@kultur.goteborg.se>"
    assert str(parsed["Cc"]) == "Bo Ek <bo.ek@kultur.goteborg.se>"
    assert parsed["Subject"] == "Twin-town collaborations in 2026: please reply by 31 January 2027"
    assert parsed["Date"].datetime == datetime(2027, 1, 10, 9, 30, tzinfo=UTC)
    assert parsed["Message-ID"] == "<1.vanort.2026.letter@goteborg.se>"
    # The lines end in CRLF on the wire and in the file, as RFC 5322 has them.
    text = parsed.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    assert text.startswith("Dear Åsa Öberg,\n")
    assert "which collaborations Kulturförvaltningen had with the twin towns during 2026" in text
    assert "confirm, correct or end them, add any new ones" in text
    assert "We need your reply by 31 January 2027." in text
    assert text.rstrip().endswith(
        "City Executive Office (Stadsledningskontoret)\nCity of Gothenburg"
    )
    [attachment] = parsed.iter_attachments()
    assert attachment.get_filename() == "vanort-2026-kulturforvaltningen.xlsx"
    assert attachment.get_content_type().endswith("spreadsheetml.sheet")
    assert attachment.get_content() == b"PK\x03\x04\x00\xff" * 50


def test_the_sent_message_has_no_x_unsent() -> None:
    message = compose(_letter(), now=datetime(2027, 1, 10, tzinfo=UTC))
    assert "X-Unsent" not in message
    assert as_file(message).endswith(message.as_bytes())


@pytest.mark.parametrize(
    ("today", "sentence"),
    [
        (date(2027, 2, 7), "The deadline was 31 January 2027"),
        (date(2027, 1, 31), "The deadline is 31 January 2027."),
        (date(2027, 1, 20), "The deadline is 31 January 2027."),
    ],
)
def test_a_reminder_says_whether_the_deadline_was_or_is(today: date, sentence: str) -> None:
    message = compose(_letter("reminder", today=today), now=datetime(2027, 1, 1, tzinfo=UTC))
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    text = part.get_content().replace("\r\n", "\n")
    assert sentence in text
    assert "We have not yet had a reply from Kulturförvaltningen" in text
    assert message["Subject"] == "Reminder: twin-town collaborations in 2026"


def test_a_swedish_contact_gets_the_date_as_swedish_writes_it() -> None:
    message = compose(_letter(language="sv"), now=datetime(2027, 1, 1, tzinfo=UTC))
    assert "31 januari 2027" in message["Subject"]
    assert message["Content-Language"] == "sv-SE"


def _settings_file(tmp_path: Path, text: str, mode: int) -> dict[str, str]:
    path = tmp_path / "vanort.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return {"VANORT_CONFIG": str(path)}


def test_the_settings_file_gives_what_the_environment_does_not(tmp_path: Path) -> None:
    environ = _settings_file(
        tmp_path,
        '[mail]\nhost = "smtp.example.se"\nuser = "vanort"\npassword = "s3cret påsk"\n'
        'from = "SLK <slk@example.se>"\nsignature = "Stadsledningskontoret"\n',
        0o600,
    )
    settings = mail_settings({**environ, "VANORT_SMTP_HOST": "other.example.se"})
    assert (settings.host, settings.port, settings.user) == ("other.example.se", 587, "vanort")
    assert settings.password == "s3cret påsk"
    assert settings.sender == "SLK <slk@example.se>"
    assert "s3cret" not in repr(settings)


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660])
def test_a_settings_file_with_a_password_others_may_read_is_refused(
    tmp_path: Path, mode: int
) -> None:
    environ = _settings_file(tmp_path, '[mail]\npassword = "s3cret"\n', mode)
    with pytest.raises(UsageError) as refused:
        mail_settings(environ)
    assert "chmod 600" in str(refused.value)
    assert "s3cret" not in str(refused.value)


def test_a_settings_file_without_a_password_may_be_read_by_others(tmp_path: Path) -> None:
    environ = _settings_file(tmp_path, '[mail]\nhost = "smtp.example.se"\n', 0o644)
    assert mail_settings(environ).host == "smtp.example.se"


@pytest.mark.parametrize(
    ("text", "words"),
    [("[mail\n", "is not TOML"), ("[mail]\nport = 99999\n", "is not a port")],
)
def test_a_settings_file_that_cannot_be_read_says_so(tmp_path: Path, text: str, words: str) -> None:
    with pytest.raises(UsageError, match=words):
        mail_settings(_settings_file(tmp_path, text, 0o600))
