"""`vanort orgs contact ...`: the people at an organisation the reporting round writes to.

Contacts are personal data: shown here and in `orgs show`, never in a report;
the history records each change and who made it, never the name, address or
number; `remove` deletes the contact for good.

`--lang` here is the language of the letters to the contact. The global
`--lang` (the language vanort speaks) is read only before the command's name
(`i18n.lang_argument`), so `vanort --lang sv orgs contact add X ... --lang en`
speaks Swedish and writes to X in English.
"""

from __future__ import annotations

from typing import Annotated

import typer

from vanort_cli.cli.common import (
    RowsFormat,
    RowsFormatOption,
    YesOption,
    as_format,
    command_group,
    confirm,
    org_argument,
    reading,
    writing,
)
from vanort_cli.i18n import messages as m
from vanort_cli.output.columns import Column, field
from vanort_cli.output.console import say
from vanort_cli.output.emit import emit_rows

app = command_group(
    "The people at an administration or company whom the reporting round writes to."
)

CONTACT_COLUMNS = [
    field("id", "Id", priority=3, nowrap=True),
    field("organisation", "Organisation", priority=9),
    field("name", "Name", priority=8),
    field("email", "E-mail", priority=7),
    field("phone", "Phone", priority=2),
    field("language", "Language", priority=4, nowrap=True),
    Column("primary", "Written to", lambda r: r["primary"], priority=5, nowrap=True),
]

OrgArgument = Annotated[str, org_argument(help="The organisation, by any of its names.")]
ContactArgument = Annotated[
    str,
    typer.Argument(metavar="CONTACT", help="The contact: its id, e-mail address or name."),
]
NameOption = Annotated[str | None, typer.Option("--name", metavar="NAME", help="Their name.")]
EmailOption = Annotated[
    str | None, typer.Option("--email", metavar="ADDRESS", help="Their e-mail address.")
]
PhoneOption = Annotated[
    str | None,
    typer.Option("--phone", metavar="NUMBER", help='Their phone number ("" removes it).'),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="sv|en",
        help="The language of the letters to them: sv (svenska) or en (English). Default: sv.",
    ),
]
PrimaryOption = Annotated[
    bool,
    typer.Option(
        "--primary", help="The one the round writes to (the organisation's other stops being)."
    ),
]


@app.command("add")
def add(
    ctx: typer.Context,
    org: OrgArgument,
    name: Annotated[str, typer.Option("--name", metavar="NAME", help="Their name.")],
    email: Annotated[str, typer.Option("--email", metavar="ADDRESS", help="Their e-mail address.")],
    phone: PhoneOption = None,
    lang: LangOption = None,
    primary: PrimaryOption = False,
) -> None:
    """Add a contact to an organisation; its first is the one the round writes to.
    Prints the contact's id.

    [bold]Example[/]

      vanort orgs contact add Kulturförvaltningen --name "Anna Berg" \\
          --email anna.berg@kultur.goteborg.se --lang en --primary
    """
    from vanort_cli.services.contacts import ContactChange, add_contact

    change = ContactChange(
        name=name, email=email, phone=phone or None, language=lang or "sv", primary=primary
    )
    with writing(ctx) as session:
        contact, found = add_contact(session=session, organisation=org, change=change)
        contact_id, org_name, is_primary = contact.id, found.name, contact.is_primary
    say(m.CONTACT_ADDED.format(id=contact_id, org=org_name))
    if is_primary:
        say(m.CONTACT_PRIMARY.format(id=contact_id, org=org_name))
    typer.echo(contact_id)


@app.command("list")
def list_contacts(
    ctx: typer.Context,
    org: Annotated[
        str | None,
        org_argument(help="Only this organisation's contacts. Default: every organisation's."),
    ] = None,
    format: RowsFormatOption = RowsFormat.table,
) -> None:
    """List the contacts, by organisation, the one written to first.

    [bold]Examples[/]

      vanort orgs contact list
      vanort orgs contact list Kulturförvaltningen --format json
    """
    from vanort_cli.services.contacts import list_contacts as contacts

    with reading(ctx) as session:
        rows = contacts(session=session, name=org)
    emit_rows(rows, as_format(format), CONTACT_COLUMNS, title=m.CONTACTS_TITLE)


@app.command("edit")
def edit(
    ctx: typer.Context,
    org: OrgArgument,
    contact: ContactArgument,
    name: NameOption = None,
    email: EmailOption = None,
    phone: PhoneOption = None,
    lang: LangOption = None,
    primary: PrimaryOption = False,
) -> None:
    """Change a contact: what is given changes, the rest stays. Recorded in
    `vanort history` (that it changed and who changed it, not the values).

    [bold]Example[/]

      vanort orgs contact edit Kulturförvaltningen anna.berg@kultur.goteborg.se \\
          --phone "031-365 00 00" --lang sv
    """
    from vanort_cli.errors import UsageError
    from vanort_cli.services.contacts import ContactChange, edit_contact

    if name is None and email is None and phone is None and lang is None and not primary:
        raise UsageError(m.CONTACT_EDIT_NOTHING)
    change = ContactChange(name=name, email=email, phone=phone, language=lang, primary=primary)
    with writing(ctx) as session:
        found, owner = edit_contact(
            session=session, organisation=org, contact=contact, change=change
        )
        contact_id, org_name = found.id, owner.name
    say(m.CONTACT_EDITED.format(id=contact_id, org=org_name))
    if primary:
        say(m.CONTACT_PRIMARY.format(id=contact_id, org=org_name))


@app.command("remove")
def remove(
    ctx: typer.Context, org: OrgArgument, contact: ContactArgument, yes: YesOption = False
) -> None:
    """Remove a contact for good (asks first unless --yes): the name, address and
    number leave the registry; the history keeps only that a contact was removed,
    and by whom.

    [bold]Example[/]

      vanort orgs contact remove Kulturförvaltningen 1 --yes
    """
    from vanort_cli.services.contacts import find_contact, remove_contact

    with reading(ctx) as session:
        found, owner = find_contact(session=session, organisation=org, contact=contact)
        contact_id, email, org_name = found.id, found.email, owner.name
    asked = m.CONFIRM_REMOVE_CONTACT.format(id=contact_id, org=org_name, email=email)
    if not yes and not confirm(asked):
        say(m.NOT_DELETED)
        raise typer.Exit(1)
    with writing(ctx) as session:
        # By id, so that what was confirmed is what is removed.
        remove_contact(session=session, organisation=org, contact=str(contact_id))
    say(m.CONTACT_REMOVED.format(id=contact_id, org=org_name))
