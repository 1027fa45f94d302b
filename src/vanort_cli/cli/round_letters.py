"""`vanort round letters` and `vanort round remind`: the round's e-mails, written
as .eml files to open in Outlook, or sent through the City's SMTP server."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer

from vanort_cli.cli.common import (
    STDOUT,
    TODAY_ENV,
    TodayOption,
    org_option,
    state,
    today_or,
    writing,
)
from vanort_cli.cli.rounds import RoundYearArgument
from vanort_cli.domain.round_letters import LetterKind
from vanort_cli.i18n import messages as m
from vanort_cli.output.console import say

DirectoryOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="DIR",
        file_okay=False,
        help="Write each e-mail as a .eml file into DIR (made if missing), to open and "
        "send from Outlook.",
    ),
]
SendOption = Annotated[
    bool,
    typer.Option(
        "--send",
        help="Send them through the SMTP server of VANORT_SMTP_HOST (or the settings file).",
    ),
]
BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        metavar="URL",
        envvar="VANORT_BASE_URL",
        help="The web's public address: each letter carries the organisation's personal "
        "link to answer in a browser (made anew; the older one stops opening).",
    ),
]
OrgsOption = Annotated[
    list[str] | None,
    org_option("--org", help="Only this organisation of the round (repeatable)."),
]


def _now(today: date, given: bool) -> datetime:
    """The moment recorded: the clock's, on the day `--today` (or VANORT_TODAY)
    names when one is given, so that a reminder's day is that day."""
    clock = datetime.now(UTC)
    return datetime.combine(today, clock.time(), UTC) if given else clock


def _run(
    ctx: typer.Context,
    *,
    kind: LetterKind,
    year: int,
    directory: Path | None,
    send: bool,
    organisations: list[str],
    again: bool,
    today: date | None,
    base_url: str | None,
) -> None:
    import os

    from vanort_cli.errors import UsageError
    from vanort_cli.exchange.mail_config import mail_settings
    from vanort_cli.output.text import few
    from vanort_cli.services import letters

    if directory is None and not send:
        raise UsageError(m.LETTERS_NOWHERE)
    if directory is not None and str(directory) == STDOUT:
        raise UsageError(m.LETTERS_NOT_STDOUT)
    day = today_or(today)
    now = _now(day, today is not None or bool(os.environ.get(TODAY_ENV)))
    settings = mail_settings()
    server = letters.server_of(settings) if send else None
    with writing(ctx) as session:
        batch = letters.prepare(
            session=session,
            year=year,
            kind=kind,
            today=day,
            now=now,
            settings=settings,
            organisations=organisations,
            again=again,
            directory=directory,
            sending=send,
            base_url=base_url,
        )
    for path in batch.files:
        typer.echo(str(path))
    if directory is not None:
        written = m.LETTERS_WRITTEN if kind == "letter" else m.REMINDERS_WRITTEN
        say(written.format(count=len(batch.files), year=year, directory=directory))
    if batch.already_sent:
        already = m.LETTERS_ALREADY_SENT if kind == "letter" else m.REMINDERS_ALREADY_SENT
        say(already.format(count=len(batch.already_sent), names=few(batch.already_sent)))
    if batch.without_contact:
        say(
            m.LETTERS_NO_CONTACT.format(
                count=len(batch.without_contact), names=few(batch.without_contact)
            )
        )
    if kind == "reminder" and not (batch.outgoing or batch.already_sent or batch.without_contact):
        say(m.LETTERS_ALL_ANSWERED.format(year=year))
    if server is not None:
        sent = letters.send(
            registry=state(ctx).registry,
            batch=batch,
            server=server,
            today=day,
            now=now,
            again=again,
        )
        if directory is None:
            for name in sent:
                typer.echo(name)
        told = m.LETTERS_SENT if kind == "letter" else m.REMINDERS_SENT
        say(told.format(count=len(sent), year=year, server=server.name))


def register(app: typer.Typer) -> None:
    """Add `letters` and `remind` to the `round` group."""

    @app.command("letters")
    def write_letters(
        ctx: typer.Context,
        year: RoundYearArgument,
        output: DirectoryOption = None,
        send: SendOption = False,
        org: OrgsOption = None,
        base_url: BaseUrlOption = None,
        again: Annotated[
            bool,
            typer.Option(
                "--again", help="Also to the organisations whose letter was already sent."
            ),
        ] = False,
        today: TodayOption = None,
    ) -> None:
        """Write (or send) the round's letter to each organisation asked.

        One e-mail an organisation, to its primary contact with its other contacts in
        copy, in the primary contact's language, its workbook attached: the year, what
        to do and the deadline, signed by the office. The sender is VANORT_MAIL_FROM.
        With --send they go through the SMTP server of VANORT_SMTP_HOST (port
        VANORT_SMTP_PORT, user VANORT_SMTP_USER, password VANORT_SMTP_PASSWORD or the
        settings file, never the command line). A letter already sent is not sent
        again unless --again; a send that stopped halfway resumes where it stopped
        when the same command is run again.

        [bold]Examples[/]

          VANORT_MAIL_FROM=slk@goteborg.se vanort round letters 2026 -o letters
        """
        _run(
            ctx,
            kind="letter",
            year=year,
            directory=output,
            send=send,
            organisations=org or [],
            again=again,
            today=today,
            base_url=base_url,
        )

    @app.command("remind")
    def remind(
        ctx: typer.Context,
        year: RoundYearArgument,
        output: DirectoryOption = None,
        send: SendOption = False,
        org: OrgsOption = None,
        base_url: BaseUrlOption = None,
        today: TodayOption = None,
    ) -> None:
        """Write (or send) a reminder to each organisation that has not answered.

        It says when the deadline was (or is) and attaches the workbook again. One
        reminder a contact a day: run again the same day, it sends only those that
        did not go; a week later, the next reminder goes out. Sender and server as
        for `round letters`.

        [bold]Examples[/]

          VANORT_MAIL_FROM=slk@goteborg.se vanort round remind 2026 -o reminders
        """
        _run(
            ctx,
            kind="reminder",
            year=year,
            directory=output,
            send=send,
            organisations=org or [],
            again=False,
            today=today,
            base_url=base_url,
        )
