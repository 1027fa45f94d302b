"""The round's letters and reminders: to whom, under which Message-ID, written to
files and sent, and recorded so that sending is idempotent and resumable.

One letter an organisation, to its primary contact, with its other contacts in
Cc (colleagues at the same organisation, any of whom may answer), in the primary
contact's language, the organisation's workbook attached. Each is recorded in
`round_letter` with its Message-ID before it leaves (`prepare`, one transaction)
and marked sent once the server accepted it (`send`, one transaction a letter),
so a send that stopped halfway resumes where it stopped, under the same
Message-IDs (domain/round_letters.py says which letter is due).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path

from sqlmodel import Session, col, select

from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.domain.contacts import ContactValueError
from vanort_cli.domain.round_letters import LetterKind, PastLetter, due
from vanort_cli.errors import RuleError, UsageError, VanortError
from vanort_cli.exchange.letters import (
    Attachment,
    Letter,
    Person,
    compose,
    new_message_id,
    read_sender,
    write_files,
)
from vanort_cli.exchange.mail_config import MailSettings
from vanort_cli.exchange.smtp import ConnectionLost, connected, server_name
from vanort_cli.i18n import messages as m
from vanort_cli.services.contacts import contacts_of
from vanort_cli.services.lookup import find_organisation
from vanort_cli.services.round_workbooks import round_workbook
from vanort_cli.services.rounds import find_round, member
from vanort_cli.services.web_links import link_for_letter
from vanort_cli.store.models import Organisation, RoundLetter, RoundOrganisation
from vanort_cli.store.registry import Registry


@dataclass(frozen=True)
class Outgoing:
    """One letter, recorded and composed, ready to be written or sent."""

    record_id: int
    organisation: str
    filename: str  # its .eml's name
    message: EmailMessage
    sender: str  # the envelope's sender
    recipients: tuple[str, ...]  # the primary contact, then the Cc


@dataclass(frozen=True)
class Batch:
    year: int
    kind: LetterKind
    outgoing: list[Outgoing]
    already_sent: list[str]  # organisations whose letter (today's reminder) went already
    without_contact: list[str]  # organisations no letter can go to
    files: list[Path]  # the .eml files written


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str | None
    password: str | None

    @property
    def name(self) -> str:
        return server_name(self.host, self.port)


class SendInterrupted(VanortError):
    """The server stopped answering: some letters went, the rest wait for a rerun."""


def sender_of(settings: MailSettings) -> Person:
    if settings.sender is None:
        raise UsageError(m.MAIL_NO_SENDER.format(path=settings.config))
    try:
        return read_sender(settings.sender)
    except ContactValueError:
        raise UsageError(
            m.MAIL_BAD_SENDER.format(value=settings.sender, source=settings.sender_source)
        ) from None


def server_of(settings: MailSettings) -> Server:
    """The server to send through, checked before anything is recorded."""
    if settings.host is None:
        raise UsageError(m.MAIL_NO_HOST.format(path=settings.config))
    if settings.user and not settings.password:
        raise UsageError(m.MAIL_NO_PASSWORD.format(user=settings.user, path=settings.config))
    return Server(settings.host, settings.port, settings.user, settings.password)


def stored_time(moment: datetime) -> datetime:
    """In UTC, as the registry keeps every moment (store/models.py: utc_now)."""
    return moment.astimezone(UTC)


def _places(
    session: Session, *, year: int, organisations: Sequence[str]
) -> list[tuple[RoundOrganisation, Organisation]]:
    round_ = find_round(session=session, year=year)
    if round_.closed_on is not None:
        raise RuleError(m.LETTERS_ROUND_CLOSED.format(year=year, date=round_.closed_on))
    if organisations:
        named = [find_organisation(session=session, name=name) for name in organisations]
        found = [(member(session=session, round_=round_, org=org), org) for org in named]
    else:
        found = list(
            session.exec(
                select(RoundOrganisation, Organisation)
                .join(Organisation, col(Organisation.id) == RoundOrganisation.organisation_id)
                .where(RoundOrganisation.round_id == round_.id)
            ).all()
        )
    unique = {org.id: (place, org) for place, org in found}
    return sorted(unique.values(), key=lambda pair: swedish_sort_key(pair[1].name))


def _filename(kind: LetterKind, year: int, org: Organisation, today: date) -> str:
    if kind == "letter":
        return f"vanort-{year}-letter-{org.key}.eml"
    return f"vanort-{year}-reminder-{today.isoformat()}-{org.key}.eml"


def prepare(
    *,
    session: Session,
    year: int,
    kind: LetterKind,
    today: date,
    now: datetime,
    settings: MailSettings,
    organisations: Sequence[str] = (),
    again: bool = False,
    directory: Path | None = None,
    sending: bool = False,
    base_url: str | None = None,
) -> Batch:
    """Choose the letters due, record each with its Message-ID, compose them and
    write them to `directory` when given. Without `sending`, writing them is the
    asking (asked_on) or reminding (reminded_on); with it, `send` marks that.
    With `base_url` (the web's address), each letter carries the organisation's
    personal link, made anew for it (services.web_links.link_for_letter)."""
    sender = sender_of(settings)
    round_ = find_round(session=session, year=year)
    day = stored_time(now).date()  # a reminder's day, as its record keeps it
    outgoing: list[Outgoing] = []
    already: list[str] = []
    without: list[str] = []
    for place, org in _places(session, year=year, organisations=organisations):
        if kind == "reminder" and place.answer is not None:
            continue
        contacts = contacts_of(session=session, org=org)
        if not contacts:
            without.append(org.name)
            continue
        primary, others = contacts[0], contacts[1:]
        records = list(
            session.exec(
                select(RoundLetter).where(
                    RoundLetter.round_id == round_.id, RoundLetter.contact_id == primary.id
                )
            )
        )
        step = due(
            (
                PastLetter(
                    id=r.id or 0,
                    kind=r.kind,  # type: ignore[arg-type]
                    day=stored_time(r.written_at).date(),
                    sent=r.sent_at is not None,
                )
                for r in records
            ),
            kind=kind,
            day=day,
            again=again,
        )
        if step.skip:
            already.append(org.name)
            continue
        record = next((r for r in records if r.id == step.reuse), None)
        if record is None:
            assert round_.id is not None and org.id is not None
            record = RoundLetter(
                round_id=round_.id,
                organisation_id=org.id,
                contact_id=primary.id,
                kind=kind,
                message_id=new_message_id(year=year, kind=kind, sender=sender),
                written_at=stored_time(now),
            )
        record.recipient = primary.email  # the address it goes to now
        session.add(record)
        session.flush()
        assert record.id is not None
        workbook = round_workbook(
            session=session, year=year, org=org, language=primary.language, today=today
        )
        letter = Letter(
            kind=kind,
            year=year,
            deadline=round_.deadline,
            today=today,
            language=primary.language,
            organisation=org.name,
            to=Person(primary.name, primary.email),
            cc=[Person(c.name, c.email) for c in others],
            sender=sender,
            signature=settings.signature,
            message_id=record.message_id,
            attachment=Attachment(workbook.filename, workbook.content),
            link=None
            if base_url is None
            else link_for_letter(
                session=session, round_=round_, org=org, today=today, base_url=base_url
            ),
        )
        outgoing.append(
            Outgoing(
                record_id=record.id,
                organisation=org.name,
                filename=_filename(kind, year, org, today),
                message=compose(letter, now=now),
                sender=sender.address,
                recipients=(primary.email, *(c.email for c in others)),
            )
        )
        if not sending:
            _mark(place, kind=kind, today=today, first_send=False)
            session.add(place)
    files = (
        write_files([(o.filename, o.message) for o in outgoing], directory)
        if directory is not None
        else []
    )
    session.flush()
    return Batch(year, kind, outgoing, already, without, files)


def _mark(place: RoundOrganisation, *, kind: LetterKind, today: date, first_send: bool) -> None:
    """asked_on: the day of the first letter sent, or written when none was sent;
    reminded_on: the latest reminder's day."""
    if kind == "reminder":
        place.reminded_on = today
    elif place.asked_on is None or first_send:
        place.asked_on = today


def mark_sent(
    *, session: Session, record_id: int, kind: LetterKind, today: date, now: datetime
) -> None:
    """The server accepted the letter: record it, and the organisation's day."""
    record = session.get(RoundLetter, record_id)
    assert record is not None
    record.sent_at = stored_time(now)
    session.add(record)
    earlier = session.exec(
        select(RoundLetter.id).where(
            RoundLetter.round_id == record.round_id,
            RoundLetter.organisation_id == record.organisation_id,
            RoundLetter.kind == "letter",
            col(RoundLetter.sent_at).is_not(None),
            RoundLetter.id != record_id,
        )
    ).first()
    place = session.exec(
        select(RoundOrganisation).where(
            RoundOrganisation.round_id == record.round_id,
            RoundOrganisation.organisation_id == record.organisation_id,
        )
    ).one()
    _mark(place, kind=kind, today=today, first_send=earlier is None)
    session.add(place)
    session.flush()


def send(
    *,
    registry: Registry,
    batch: Batch,
    server: Server,
    today: date,
    now: datetime,
    again: bool = False,
) -> list[str]:
    """Send the batch, each letter committed as sent once the server accepted it.
    Returns the organisations written to; SendInterrupted (saying how many went
    and to run the command again) when the connection broke halfway."""
    sent: list[str] = []
    if not batch.outgoing:
        return sent
    total = len(batch.outgoing)
    with connected(
        host=server.host, port=server.port, user=server.user, password=server.password
    ) as postman:
        for letter in batch.outgoing:
            try:
                postman.send(letter.message, sender=letter.sender, recipients=letter.recipients)
            except ConnectionLost as error:
                template = m.LETTERS_SEND_INTERRUPTED_AGAIN if again else m.LETTERS_SEND_INTERRUPTED
                raise SendInterrupted(
                    template.format(
                        sent=len(sent),
                        total=total,
                        kind=m.LETTERS_KIND_WORDS[batch.kind],
                        server=server.name,
                        reason=str(error),
                        rest=total - len(sent),
                    )
                ) from None
            with registry.writing() as session:
                mark_sent(
                    session=session,
                    record_id=letter.record_id,
                    kind=batch.kind,
                    today=today,
                    now=now,
                )
            sent.append(letter.organisation)
    return sent
