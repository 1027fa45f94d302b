"""Sending the round's letters through an SMTP server: STARTTLS with a verified
certificate, except to this machine (localhost, 127.0.0.1, ::1), where a server
without it (a test's, a local relay) is taken as it is.

The password goes to the server's AUTH and nowhere else: no message of this
module quotes it, and `Postman`'s settings never show it (MailSettings' repr).
"""

from __future__ import annotations

import ipaddress
import smtplib
import ssl
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from email.message import EmailMessage

from vanort_cli.errors import RuleError
from vanort_cli.i18n import messages as m

TIMEOUT_SECONDS = 60
LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain"})


class ConnectionLost(Exception):
    """The server stopped answering mid-way; str() is why, in its words."""


def is_local(host: str) -> bool:
    """This machine, by its name or a loopback address written out: the only
    servers to which a letter may go unencrypted. A name is not resolved, so a
    name that merely points at 127.0.0.1 still needs STARTTLS."""
    if host.lower().rstrip(".") in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def server_name(host: str, port: int) -> str:
    return f"{host}:{port}"


class Postman:
    """One connection, logged in, that sends messages one at a time."""

    def __init__(self, connection: smtplib.SMTP, server: str) -> None:
        self._connection = connection
        self.server = server

    def send(self, message: EmailMessage, *, sender: str, recipients: Sequence[str]) -> None:
        """Hand one message to the server; returns once the server accepted it.
        ConnectionLost when the connection broke or the server refused it."""
        try:
            # A Cc the server refuses while the primary is accepted does not stop
            # the letter: it reached the organisation (send_message returns them).
            self._connection.send_message(message, from_addr=sender, to_addrs=list(recipients))
        except (smtplib.SMTPException, OSError) as error:
            raise ConnectionLost(_reason(error)) from None


def _reason(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        said = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        return f"{error.smtp_code} {said}".strip()
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{who}: {code}" for who, (code, _) in error.recipients.items())
    return str(error) or type(error).__name__


@contextmanager
def connected(*, host: str, port: int, user: str | None, password: str | None) -> Iterator[Postman]:
    """A connection to the server, encrypted (STARTTLS) unless to this machine,
    logged in when a user is given. RuleError when it cannot be set up: nothing
    has been sent then."""
    server = server_name(host, port)
    try:
        connection = smtplib.SMTP(host, port, timeout=TIMEOUT_SECONDS)
    except (OSError, smtplib.SMTPException) as error:
        raise RuleError(m.SMTP_UNREACHABLE.format(server=server, reason=_reason(error))) from None
    try:
        try:
            connection.ehlo()
            if connection.has_extn("starttls"):
                connection.starttls(context=ssl.create_default_context())
                connection.ehlo()
            elif not is_local(host):
                raise RuleError(m.SMTP_NO_STARTTLS.format(server=server))
            if user:
                try:
                    connection.login(user, password or "")
                except smtplib.SMTPException as error:  # refused, or no AUTH offered
                    raise RuleError(
                        m.SMTP_LOGIN_REFUSED.format(server=server, user=user, reason=_reason(error))
                    ) from None
        except ssl.SSLError as error:
            raise RuleError(m.SMTP_TLS_FAILED.format(server=server, reason=error)) from None
        except (OSError, smtplib.SMTPException) as error:
            raise RuleError(
                m.SMTP_UNREACHABLE.format(server=server, reason=_reason(error))
            ) from None
        yield Postman(connection, server)
    finally:
        try:
            connection.quit()
        except (OSError, smtplib.SMTPException):
            connection.close()  # the server already went: nothing to say goodbye to
