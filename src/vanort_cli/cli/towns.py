"""`vanort towns ...`: the twin towns and partner cities (P1)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from vanort_cli.cli.common import (
    RecordFormat,
    RecordFormatOption,
    RowsFormat,
    RowsFormatOption,
    TodayOption,
    as_format,
    command_group,
    date_option,
    reading,
    today_or,
    town_argument,
    town_option,
    value_argument,
    value_option,
    writing,
)
from vanort_cli.i18n import N_, Name, pick, values
from vanort_cli.i18n import messages as m
from vanort_cli.output.columns import Column, field, text_in_language
from vanort_cli.output.console import say
from vanort_cli.output.emit import emit_profile, emit_record, emit_rows

if TYPE_CHECKING:
    from vanort_cli.services.departures import Outlasting

app = command_group("The twin towns (and partner cities) in the registry.")

# How many collaborations the note after a retirement names before it counts the rest.
OUTLASTING_NAMED = 3


def say_outlasting(items: Sequence[Outlasting]) -> None:
    """One line after a town left or an organisation retired: which collaborations
    already logged go on after that day (the first few by id and title, the rest
    counted; `vanort check` lists every one)."""
    if not items:
        return
    first = items[0]
    listed = ", ".join(
        m.OUTLASTING_ITEM.format(id=i.id, title=i.title) for i in items[:OUTLASTING_NAMED]
    )
    if len(items) > OUTLASTING_NAMED:
        listed = m.OUTLASTING_MORE.format(listed=listed, more=len(items) - OUTLASTING_NAMED)
    template = m.OUTLASTING_TOWN if first.party_kind == "town" else m.OUTLASTING_ORG
    say(template.format(count=len(items), party=first.party, date=first.last_day, listed=listed))


def _name(row: Mapping[str, Any]) -> str:
    """The town's name in the reader's language: Åbo in Swedish, Turku in English."""
    return pick(row["name"], row["name_sv"])


def _other_name(row: Mapping[str, Any]) -> str:
    """The town's name in the other language: Turku in Swedish, Åbo in English."""
    return pick(row["name_sv"], row["name"])


# The column of the other language's name: "Swedish name" in English, "Engelskt
# namn" in Swedish. (CSV keeps its keys and values: name_sv, then name.)
OTHER_NAME = Name(N_("Swedish name"), N_("English name"))

# On a narrow terminal the name, kind and status stay (S:t Petersburg has ended,
# Chicago is dormant); the key leaves first, then the year twinned, the country
# and the name in the other language.
TOWN_COLUMNS = [
    field("key", "Key", priority=1, nowrap=True),
    Column("name_sv", "Name", lambda r: r["name_sv"], priority=9, show=_name),
    Column("name", OTHER_NAME, lambda r: r["name"], priority=5, show=_other_name),
    field("country", "Country", priority=4, nowrap=True),
    field("kind", "Kind", priority=8, nowrap=True, words=values.TOWN_KIND),
    field("status", "Status", priority=8, nowrap=True, words=values.TOWN_STATUS),
    field("left_on", "Left on", priority=7, nowrap=True),
    field("rotation_position", "Turn", priority=6, nowrap=True),
    field("twinned_since", "Since", priority=3, nowrap=True),
]

TOWN_FIELDS = [
    field("key", "Key"),
    Column("name_sv", "Name", lambda r: r["name_sv"], show=_name),
    Column("name", OTHER_NAME, lambda r: r["name"], show=_other_name),
    field("name_local", "Local name"),
    field("official_name", "Official name"),
    field("country", "Country"),
    field("municipality_code", "Municipality code"),
    field("kind", "Kind", words=values.TOWN_KIND),
    field("status", "Status", words=values.TOWN_STATUS),
    field("left_on", "Left on"),
    field("twinned_since", "Twinned since"),
    field("rotation_position", "Rotation position"),
    field("rotation_from_year", "Hosts from"),
    field("rotation_until_year", "Hosts until"),
    field("aliases", "Spellings"),
    text_in_language("note", "Note"),
    field("source", "Source"),
]


@app.command("list")
def list_(ctx: typer.Context, format: RowsFormatOption = RowsFormat.table) -> None:
    """List the towns: twin towns in rotation order, then partner cities.

    [bold]Examples[/]

      vanort towns list
      vanort towns list --format json
    """
    from vanort_cli.services.towns import list_towns, town_public

    with reading(ctx) as session:
        rows = [town_public(session=session, town=t) for t in list_towns(session=session)]
    emit_rows(rows, as_format(format), TOWN_COLUMNS, title=m.TOWNS_TITLE)


@app.command("show")
def show(
    ctx: typer.Context,
    town: Annotated[str, town_argument(help="Any spelling: Åbo, abo, Turku.")],
    today: TodayOption = None,
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """Show one town, found by any of its spellings: its decisions, the meetings it
    hosted and will host, and its collaborations by year.

    [bold]Examples[/]

      vanort towns show GBG
      vanort towns show arhus --format json
    """
    from vanort_cli.services.lookup import find_town
    from vanort_cli.services.town_profile import town_profile

    with reading(ctx) as session:
        found = find_town(session=session, name=town, hint="any")
        shown = town_profile(session=session, town=found, today=today_or(today))
    emit_profile(
        shown,
        as_format(format),
        TOWN_FIELDS,
        title=_name(shown),
        tables=PROFILE_TABLES,
        titles=m.TOWN_PROFILE_TITLES,
    )


PROFILE_TABLES = {
    "decisions": [
        field("decided_on", "Decided on", priority=8, nowrap=True),
        field("body", "Body", priority=6, nowrap=True),
        field("reference", "Reference", priority=9),
        field("action", "Action", priority=7, nowrap=True, words=values.DECISION_ACTION),
        field("status", "Status", priority=5, nowrap=True, words=values.TOWN_STATUS),
        field("note", "Note", priority=4),
    ],
    "meetings": [
        field("year", "Year", priority=9, nowrap=True),
        field("status", "Status", priority=8, nowrap=True, words=values.MEETING_STATUS),
        field("source", "Source", priority=3, nowrap=True, words=values.SCHEDULE_SOURCE),
        field("start_date", "Start", priority=6, nowrap=True),
        field("place", "Place", priority=5),
        field("theme", "Theme", priority=4),
    ],
    "collaborations_by_year": [
        field("year", "Year", priority=9, nowrap=True),
        field("count", "Collaborations", priority=8, nowrap=True),
    ],
}


# The statuses a partner city is given (a twin town is retired by `towns retire`);
# services.governance.PARTNER_STATUSES, not imported as a command starts
# (tests/test_values.py holds them together).
PARTNER_STATUS = values.TOWN_STATUS.only("active", "dormant", "ended")
DecisionOption = Annotated[
    str | None,
    typer.Option(
        "--decision", metavar="REF", help="The decision's reference, e.g. 'KF 2027-03-16 §12'."
    ),
]
DecidedOnOption = Annotated[date | None, date_option(help="The date of the decision.")]
BodyOption = Annotated[
    str | None,
    typer.Option(
        metavar="BODY",
        help="KF (City Council) or KS (City Executive Board). Default: the body the "
        "reference starts with ('KS 2026-05-06 §7'), else KF for a twin town and KS for a "
        "partner city. Only KF decides on twin towns (P7).",
    ),
]
NoteOption = Annotated[str | None, typer.Option(help="A note on the decision.")]


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The town's Swedish name.")],
    kind: Annotated[
        str,
        value_option(
            "--kind", words=values.TOWN_KIND, metavar="KIND", help="A twin town or a partner city."
        ),
    ],
    country: Annotated[str, typer.Option(metavar="CC", help="Two-letter country code.")],
    decision: DecisionOption = None,
    decided_on: DecidedOnOption = None,
    body: BodyOption = None,
    after: Annotated[
        str | None, town_option(help="Its place in the rotation: after TOWN. Default: last.")
    ] = None,
    name_en: Annotated[str | None, typer.Option(help="Its English or local name.")] = None,
    alias: Annotated[
        list[str] | None,
        typer.Option("--alias", metavar="NAME", help="Another spelling; repeatable."),
    ] = None,
    note: NoteOption = None,
    allow_similar: Annotated[
        bool, typer.Option(help="Add it even if its name is very close to a known town's.")
    ] = False,
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """Add a twin town (City Council decision required, policy P7) or a partner city.

    A new twin town hosts in turn after TOWN for the meetings after the decision
    year; the meeting cycle grows to 2N years. Earlier years are unchanged.

    [bold]Examples[/]

      vanort towns add Tromsø --kind twin --country NO --after Bergen \\
          --decision "KF 2026-03-12 §12" --decided-on 2026-03-12 --alias Tromsoe
      vanort towns add Gdańsk --kind partner --country PL \\
          --decision "KS 2026-05-06 §7" --decided-on 2026-05-06
    """
    from vanort_cli.services.governance import Decision, NewTown, add_town
    from vanort_cli.services.schedule import rotation_towns
    from vanort_cli.services.towns import folded_together, town_public

    new = NewTown(
        name=name,
        kind=kind,
        country=country,
        name_en=name_en,
        after=after,
        aliases=tuple(alias or []),
    )
    given = Decision(reference=decision, decided_on=decided_on, body=body, note=note)
    with writing(ctx) as session:
        town = add_town(
            session=session,
            new=new,
            decision=given,
            today=today_or(None),
            allow_similar=allow_similar,
        )
        shown = town_public(session=session, town=town)
        members = rotation_towns(session=session)
    shown_name = _name(shown)
    kind_word = values.TOWN_KIND.word(shown["kind"])
    say(m.TOWN_ADDED.format(name=shown_name, kind=kind_word, key=shown["key"]))
    for spelling, same in folded_together([name, name_en or name, *(alias or [])]):
        say(m.TOWN_SPELLING_FOLDED.format(spelling=spelling, same=same, name=shown_name))
    if town.rotation_from_year is not None:
        cycle = 2 * sum(1 for t in members if t.takes_part_in(town.rotation_from_year))
        say(
            m.TOWN_ADDED_ROTATION.format(name=shown_name, year=town.rotation_from_year, cycle=cycle)
        )
    emit_record(shown, as_format(format), TOWN_FIELDS)


@app.command("retire")
def retire(
    ctx: typer.Context,
    town: Annotated[str, town_argument(help="The twin town, in any spelling.")],
    decision: DecisionOption = None,
    decided_on: DecidedOnOption = None,
    body: BodyOption = None,
    note: NoteOption = None,
) -> None:
    """A twin town leaves the meeting rotation after the decision year (City Council decision).

    Its meetings, decisions and collaborations stay in the registry.

    [bold]Example[/]

      vanort towns retire Bergen --decision "KF 2026-02-12 §9" \\
          --decided-on 2026-02-12
    """
    from vanort_cli.services.departures import outlasting_town
    from vanort_cli.services.governance import Decision, retire_town

    given = Decision(reference=decision, decided_on=decided_on, body=body, note=note)
    with writing(ctx) as session:
        retired = retire_town(session=session, name=town, decision=given, today=today_or(None))
        name, year = pick(retired.name, retired.name_sv), retired.rotation_until_year
        outlasting = outlasting_town(session=session, town=retired)
    say(m.TOWN_RETIRED.format(name=name, year=year))
    say_outlasting(outlasting)


@app.command("set-status")
def set_status(
    ctx: typer.Context,
    town: Annotated[str, town_argument(help="The partner city, in any spelling.")],
    status: Annotated[
        str,
        value_argument(words=PARTNER_STATUS, metavar="STATUS", help="The partnership's status."),
    ],
    decision: DecisionOption = None,
    decided_on: DecidedOnOption = None,
    body: BodyOption = None,
    note: NoteOption = None,
) -> None:
    """Make a partner city active, dormant or ended, with the decision behind it.

    The City Executive Board (Kommunstyrelsen, KS) ends a partnership; no
    collaboration can start after that day. An ended partnership becomes active
    again only by a new KS decision.

    [bold]Examples[/]

      vanort towns set-status Kiel active --decision "KS 2025-06-01 §4" \\
          --decided-on 2025-06-01
      vanort towns set-status Rostock ended --decision "KS 2024-05-15 §3" \\
          --decided-on 2024-05-15
    """
    from vanort_cli.services.departures import outlasting_town
    from vanort_cli.services.governance import Decision, set_partner_status

    given = Decision(reference=decision, decided_on=decided_on, body=body, note=note)
    with writing(ctx) as session:
        changed = set_partner_status(
            session=session, name=town, status=status, decision=given, today=today_or(None)
        )
        name = pick(changed.name, changed.name_sv)
        outlasting = outlasting_town(session=session, town=changed)
    if status == "ended":
        say(m.TOWN_ENDED.format(name=name, date=decided_on))
    else:
        say(m.TOWN_STATUS_SET.format(name=name, status=values.TOWN_STATUS.word(status)))
    say_outlasting(outlasting)


@app.command("record-decision")
def record_decision(
    ctx: typer.Context,
    town: Annotated[str, town_argument(help="The town, in any spelling.")],
    decision: DecisionOption = None,
    decided_on: DecidedOnOption = None,
    body: BodyOption = None,
    note: NoteOption = None,
) -> None:
    """Record the establishing decision of a town, found later, e.g. of a 1946 twinning (P7).

    It changes nothing in the rotation: use `towns add`, `retire` or `set-status` for that.

    [bold]Example[/]

      vanort towns record-decision Bergen --decision "KF 1946-05-09 §4" \\
          --decided-on 1946-05-09
    """
    from vanort_cli.services.governance import Decision
    from vanort_cli.services.governance import record_decision as record

    given = Decision(reference=decision, decided_on=decided_on, body=body, note=note)
    with writing(ctx) as session:
        found = record(session=session, name=town, decision=given, today=today_or(None))
        name = pick(found.name, found.name_sv)
    say(m.DECISION_RECORDED.format(name=name, reference=decision))
