"""An organisation's contacts: the people the reporting round writes to.

Personal data: never in a report; `remove_contact` deletes the row for good
(the history records that a contact was removed, and by whom, never who:
store/history_triggers.py), and the letters that went to the person keep their
record without the address.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from vanort_cli.domain.contacts import LANGUAGES, ContactValueError, read_email, read_phone
from vanort_cli.domain.names import normalise
from vanort_cli.errors import NotFoundError, RuleError
from vanort_cli.i18n import messages as m
from vanort_cli.services.lookup import find_organisation
from vanort_cli.services.text import checked
from vanort_cli.store.models import Organisation, OrganisationContact, RoundLetter

NAME_MAX = 200


@dataclass(frozen=True)
class ContactChange:
    """What `add_contact` and `edit_contact` take; None leaves a field as it is."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None  # "" removes the number
    language: str | None = None
    primary: bool = False


def contact_row(contact: OrganisationContact, org: Organisation) -> dict[str, Any]:
    return {
        "id": contact.id,
        "organisation": org.name,
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "language": contact.language,
        "primary": contact.is_primary,
    }


def contacts_of(*, session: Session, org: Organisation) -> list[OrganisationContact]:
    """The organisation's contacts, the one to write to first."""
    return list(
        session.exec(
            select(OrganisationContact)
            .where(OrganisationContact.organisation_id == org.id)
            .order_by(col(OrganisationContact.is_primary).desc(), col(OrganisationContact.id))
        )
    )


def readable_contacts(*, session: Session, org: Organisation) -> list[OrganisationContact] | None:
    """The organisation's contacts, or None when this login may not read them: on
    PostgreSQL, personal data is for editors only (store/roles.py), and `orgs show`
    shows a reader the organisation without them. Asked in a savepoint, so that the
    refusal does not end the command's transaction."""
    from sqlalchemy import exc as sa_exc

    from vanort_cli.store.roles import is_refusal

    try:
        with session.begin_nested():
            return contacts_of(session=session, org=org)
    except sa_exc.DBAPIError as error:
        if is_refusal(error):
            return None
        raise


def list_contacts(*, session: Session, name: str | None = None) -> list[dict[str, Any]]:
    """Every organisation's contacts, or one's (`name`), by organisation."""
    orgs = (
        [find_organisation(session=session, name=name)]
        if name is not None
        else list(session.exec(select(Organisation).order_by(col(Organisation.name))))
    )
    return [contact_row(c, org) for org in orgs for c in contacts_of(session=session, org=org)]


def _values(change: ContactChange) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if change.name is not None:
        found["name"] = checked(change.name, option="--name", limit=NAME_MAX)
    try:
        if change.email is not None:
            found["email"] = read_email(change.email)
    except ContactValueError:
        raise RuleError(m.CONTACT_BAD_EMAIL.format(value=change.email)) from None
    if change.phone is not None:
        try:
            found["phone"] = read_phone(change.phone) if change.phone.strip() else None
        except ContactValueError:
            raise RuleError(m.CONTACT_BAD_PHONE.format(value=change.phone)) from None
    if change.language is not None:
        if change.language not in LANGUAGES:
            raise RuleError(m.CONTACT_BAD_LANGUAGE.format(value=change.language))
        found["language"] = change.language
    return found


def _check_email_free(
    session: Session, org: Organisation, email: str, *, owner_id: int | None = None
) -> None:
    for other in contacts_of(session=session, org=org):
        if other.id != owner_id and other.email.lower() == email.lower():
            raise RuleError(m.CONTACT_EXISTS.format(email=email, name=org.name))


def _make_primary(session: Session, org: Organisation, contact: OrganisationContact) -> None:
    """One primary contact an organisation: the others stop being it."""
    for other in contacts_of(session=session, org=org):
        if other.id != contact.id and other.is_primary:
            other.is_primary = False
            session.add(other)
    contact.is_primary = True
    session.add(contact)


def add_contact(
    *, session: Session, organisation: str, change: ContactChange
) -> tuple[OrganisationContact, Organisation]:
    """Add a contact; an organisation's first contact is the one written to."""
    org = find_organisation(session=session, name=organisation)
    values = _values(change)
    assert "name" in values and "email" in values, "the command requires both"
    _check_email_free(session, org, values["email"])
    first = not contacts_of(session=session, org=org)
    assert org.id is not None
    contact = OrganisationContact(organisation_id=org.id, **values)
    if change.primary or first:
        # Primary from its insert, so the history records one entry for the add.
        _make_primary(session, org, contact)
    session.add(contact)
    session.flush()
    return contact, org


def find_contact(
    *, session: Session, organisation: str, contact: str
) -> tuple[OrganisationContact, Organisation]:
    """A contact of the organisation by its id, e-mail address or name."""
    org = find_organisation(session=session, name=organisation)
    mine = contacts_of(session=session, org=org)
    typed = contact.strip()
    matches = [
        c
        for c in mine
        if (typed.isdigit() and c.id == int(typed))
        or c.email.lower() == typed.lower()
        or normalise(c.name) == normalise(typed)
    ]
    if not mine:
        raise NotFoundError(m.CONTACT_NONE.format(name=org.name))
    if len(matches) != 1:
        known = ", ".join(f"{c.id} ({c.email})" for c in mine) or "-"
        template = m.CONTACT_AMBIGUOUS if matches else m.CONTACT_NOT_FOUND
        raise NotFoundError(template.format(value=contact, name=org.name, known=known))
    return matches[0], org


def edit_contact(
    *, session: Session, organisation: str, contact: str, change: ContactChange
) -> tuple[OrganisationContact, Organisation]:
    found, org = find_contact(session=session, organisation=organisation, contact=contact)
    values = _values(change)
    if "email" in values:
        _check_email_free(session, org, values["email"], owner_id=found.id)
    for field, value in values.items():
        setattr(found, field, value)
    session.add(found)
    if change.primary:
        _make_primary(session, org, found)
    session.flush()
    return found, org


def remove_contact(
    *, session: Session, organisation: str, contact: str
) -> tuple[OrganisationContact, Organisation]:
    """Delete the contact for good. The letters sent to it keep their record
    without the address; if it was the one written to, the next becomes so."""
    found, org = find_contact(session=session, organisation=organisation, contact=contact)
    for letter in session.exec(select(RoundLetter).where(RoundLetter.contact_id == found.id)):
        letter.contact_id = None
        letter.recipient = None
        session.add(letter)
    session.flush()
    session.delete(found)
    session.flush()
    if found.is_primary:
        rest = contacts_of(session=session, org=org)
        if rest:
            _make_primary(session, org, rest[0])
            session.flush()
    return found, org
