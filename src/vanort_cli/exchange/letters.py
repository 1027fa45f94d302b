"""The round's letter and reminder as e-mail messages (RFC 5322, UTF-8), with the
organisation's workbook attached: what is written to a `.eml` file and what is
sent through SMTP are the same message.

Composition is pure (`compose`, `as_file`); `write_files` writes the files. The
service gives the words' inputs (year, deadline,
the recipient's language) and the Message-ID it recorded. The sentences are in
i18n/messages.py, worded in the contact's language, dates as the language writes
them ("31 januari 2027", "31 January 2027").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from pathlib import Path

from vanort_cli.domain.contacts import ContactValueError, read_email
from vanort_cli.domain.round_letters import LetterKind
from vanort_cli.errors import RuleError, UsageError
from vanort_cli.files import OWNER_ONLY, replaced_atomically
from vanort_cli.i18n import messages as m
from vanort_cli.i18n import speaking

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@dataclass(frozen=True)
class Person:
    """A name and an address, as a header shows them: "Anna Öberg <anna@example.se>"."""

    name: str
    address: str

    def header(self) -> Address:
        local, _, domain = self.address.rpartition("@")
        return Address(display_name=self.name, username=local, domain=domain)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes


@dataclass(frozen=True)
class Letter:
    """What a letter or reminder says and to whom; `compose` makes the message."""

    kind: LetterKind
    year: int
    deadline: date
    today: date  # a reminder says whether the deadline was or is
    language: str  # sv | en: the primary contact's
    organisation: str
    to: Person
    cc: Sequence[Person]
    sender: Person
    signature: str | None  # the office's, from the settings; None: the standard one
    message_id: str
    attachment: Attachment
    link: str | None = None  # the organisation's personal link to answer on the web


def read_sender(text: str) -> Person:
    """`Stadsledningskontoret <vanort@example.se>` or a bare address; ValueError
    (ContactValueError) when it is no address."""
    name, address = parseaddr(text)
    if not address:
        raise ContactValueError(text)
    return Person(name, read_email(address))


def new_message_id(*, year: int, kind: LetterKind, sender: Person) -> str:
    """A Message-ID unique in the world, at the sender's domain: recorded before
    the letter leaves, and kept when it is sent again."""
    import secrets

    # Short enough to stay on the header's line (make_msgid's is folded, and
    # some readers keep the fold's space): 128 random bits make it unique.
    domain = sender.address.rpartition("@")[2]
    return f"<vanort.{year}.{kind}.{secrets.token_hex(16)}@{domain}>"


def body(letter: Letter) -> str:
    """The text, in the letter's language."""
    with speaking(letter.language):
        fields = {"year": letter.year, "organisation": letter.organisation}
        if letter.kind == "letter":
            ask = m.LETTER_ASK.format(**fields)
            deadline = m.LETTER_DEADLINE.format(deadline=letter.deadline)
        else:
            ask = m.REMINDER_ASK.format(**fields)
            passed = letter.deadline < letter.today
            template = m.REMINDER_DEADLINE_WAS if passed else m.REMINDER_DEADLINE_IS
            deadline = template.format(deadline=letter.deadline)
        paragraphs = [
            m.LETTER_GREETING.format(name=letter.to.name),
            ask,
            m.LETTER_WORKBOOK,
            *([m.LETTER_LINK.format(url=letter.link)] if letter.link else []),
            m.LETTER_NOTHING.format(**fields),
            deadline,
            m.LETTER_THANKS,
            f"{m.LETTER_CLOSING}\n{letter.signature or m.LETTER_SIGNATURE}",
        ]
    return "\n\n".join(paragraphs) + "\n"


def subject(letter: Letter) -> str:
    with speaking(letter.language):
        if letter.kind == "letter":
            return str(m.LETTER_SUBJECT.format(year=letter.year, deadline=letter.deadline))
        return str(m.REMINDER_SUBJECT.format(year=letter.year))


def compose(letter: Letter, *, now: datetime) -> EmailMessage:
    """The message as it is sent: no X-Unsent (see `as_file`)."""
    message = EmailMessage(policy=SMTP)
    message["From"] = letter.sender.header()
    message["To"] = letter.to.header()
    if letter.cc:
        message["Cc"] = [person.header() for person in letter.cc]
    message["Subject"] = subject(letter)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = letter.message_id
    message.set_content(body(letter), cte="quoted-printable")
    maintype, subtype = XLSX_TYPE
    message.add_attachment(
        letter.attachment.content,
        maintype=maintype,
        subtype=subtype,
        filename=letter.attachment.filename,
    )
    # After the parts are made: set_content and add_attachment move Content-* headers.
    message["Content-Language"] = "sv-SE" if letter.language == "sv" else "en-GB"
    return message


def as_file(message: EmailMessage) -> bytes:
    """The `.eml` file's bytes: `X-Unsent: 1` makes Outlook open it as a draft to
    send (with a Send button), rather than as a message received. Never sent with
    it: a recipient's Outlook would open the letter as a draft too."""
    # The header first, the sent message's bytes unchanged after it.
    return b"X-Unsent: 1\r\n" + message.as_bytes()


def write_files(letters: Sequence[tuple[str, EmailMessage]], directory: Path) -> list[Path]:
    """Each (file name, message) as a .eml file in `directory` (made if missing),
    whole or not at all, readable by its owner only (the addresses are personal
    data). A letter written again (the same Message-ID) replaces its file. An
    OSError (a full disk) goes up: the command names the file."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(m.LETTERS_DIR_NOT_DIR.format(path=directory))
    written: list[Path] = []
    directory.mkdir(parents=True, exist_ok=True)
    for filename, message in letters:
        path = directory / filename
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise RuleError(m.OUTPUT_NOT_REGULAR.format(path=path, how=m.OUTPUT_WITH_O))
        with replaced_atomically(path, mode=OWNER_ONLY) as temporary:
            temporary.write_bytes(as_file(message))
        written.append(path)
    return written
