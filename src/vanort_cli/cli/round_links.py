"""`vanort round links`: the personal links of a round, for the office to send."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

import typer

from vanort_cli.cli.common import (
    RowsFormat,
    RowsFormatOption,
    TodayOption,
    as_format,
    org_option,
    today_or,
    writing,
)
from vanort_cli.cli.rounds import RoundYearArgument
from vanort_cli.i18n import messages as m
from vanort_cli.output.columns import Column

BASE_URL_ENV = "VANORT_BASE_URL"


@dataclass(frozen=True)
class LinkRow:
    organisation: str | None  # None: the coordinator's link
    url: str | None  # None: made before, its token not kept
    link_id: int
    expires_on: date


LINK_FIELDS: list[Column[LinkRow]] = [
    Column(
        "organisation",
        "Organisation",
        lambda r: r.organisation,
        priority=9,
        empty=m.LINKS_COORDINATOR,
    ),
    Column("url", "Link", lambda r: r.url, priority=9, nowrap=True, empty=m.LINKS_MADE_BEFORE),
    Column("link_id", "Link id", lambda r: r.link_id, priority=5, nowrap=True),
    Column("expires_on", "Opens until", lambda r: r.expires_on, priority=7, nowrap=True),
]


def links(
    ctx: typer.Context,
    year: RoundYearArgument,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            envvar=BASE_URL_ENV,
            help="The web's public address the links start with.",
        ),
    ] = None,
    renew: Annotated[
        bool,
        typer.Option("--renew", help="Make every link anew (the old ones stop opening)."),
    ] = False,
    revoke: Annotated[
        str | None, org_option("--revoke", help="End this organisation's link.")
    ] = None,
    coordinator: Annotated[
        bool, typer.Option("--coordinator", help="The coordinator's link to the office pages.")
    ] = False,
    today: TodayOption = None,
    format: RowsFormatOption = RowsFormat.table,
) -> None:
    """Each organisation's personal link to answer the round in a browser.

    Makes a link for every organisation asked in the round for YEAR that has
    none live, and lists them all. Only a hash of each link is kept, so a link
    is shown only when it is made: those made before are listed with the day
    they open until; --renew makes them all anew. A link opens until 60 days
    after the deadline, and two weeks after the round is closed.

    [bold]Examples[/]

      vanort round links 2026 --base-url https://vanort.goteborg.se
      VANORT_BASE_URL=https://vanort.goteborg.se vanort round links 2026 -f json
      vanort round links 2026 --revoke SLK
    """
    from vanort_cli.errors import UsageError
    from vanort_cli.output.console import say
    from vanort_cli.output.emit import emit_rows
    from vanort_cli.services.web_links import link_url, round_links
    from vanort_cli.services.web_links import revoke as revoke_links

    day = today_or(today)
    with writing(ctx) as session:
        if revoke is not None:
            count = revoke_links(session=session, year=year, name=revoke)
            say(m.LINKS_REVOKED.format(count=count, name=revoke, year=year))
            return
        issued = round_links(
            session=session, year=year, today=day, renew=renew, coordinator=coordinator
        )
        if base_url is None and any(link.token for link in issued):
            raise UsageError(m.LINKS_NEED_BASE_URL)  # rolled back: nothing made unseen
    rows = [
        LinkRow(
            organisation=link.organisation,
            url=None if link.token is None or base_url is None else link_url(base_url, link.token),
            link_id=link.link_id,
            expires_on=link.expires_on,
        )
        for link in issued
    ]
    emit_rows(rows, as_format(format), LINK_FIELDS, title=m.LINKS_TITLE.format(year=year))


def register(rounds: typer.Typer) -> None:
    rounds.command("links")(links)
