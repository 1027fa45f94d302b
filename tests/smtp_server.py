"""A real SMTP server on localhost for the tests (aiosmtpd): it keeps what it
accepted, and can drop the connection on the n-th message, as a server that
goes away halfway does."""

from __future__ import annotations

import email
import socket
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Received:
    """What the server accepted: each message with its envelope."""

    messages: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)
    drop_on: int | None = None  # the DATA (1-based) on which the connection is dropped
    datas: int = 0

    def per_recipient(self) -> Counter[str]:
        return Counter(rcpt for _, rcpts, _ in self.messages for rcpt in rcpts)


class Handler:
    def __init__(self, received: Received) -> None:
        self.received = received

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.datas += 1
        if self.received.datas == self.received.drop_on:
            self.received.drop_on = None  # once: the next run finds the server well
            server.transport.close()  # gone before it answers: the letter was not taken
            return "421 closing"
        message = email.message_from_bytes(envelope.content, policy=default)
        self.received.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Received, int]]:
    received = Received()
    port = free_port("127.0.0.1")
    controller = Controller(Handler(received), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield received, port
    finally:
        controller.stop()
