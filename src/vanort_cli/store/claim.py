"""What vanort tells the database about a change beyond what the database knows.

The database knows who is connected (PostgreSQL: the login role) and records it
itself. vanort adds a claim to each writing transaction: the login of the
operating-system account running it (SQLite, where there is no role), the name
the person gave (VANORT_USER) and the command that was run. The history keeps
the claim beside the actor and shows it as a claim: anyone can claim anything
(store/history_triggers.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from vanort_cli.store.identity import given_name, os_user

# The CLI names the running command (`vanort db roles`) through this provider,
# asked when a writing transaction begins; the store knows nothing of the CLI.
_command_provider: Callable[[], str | None] = lambda: None  # noqa: E731
MAX_COMMAND = 100


@dataclass(frozen=True)
class Claim:
    login: str  # the operating system's account of the process (not its environment)
    claimed_by: str | None  # VANORT_USER: what the person says they are
    command: str  # the command vanort was running, e.g. "vanort log-collaboration"


def name_commands_with(provider: Callable[[], str | None]) -> None:
    """Set by the CLI: how to name the command that is running."""
    global _command_provider
    _command_provider = provider


# The web front's claim for the request being served (the organisation, the link
# and the name the person gave on the form): per request, not per process.
_request_claim: ContextVar[Claim | None] = ContextVar("vanort_request_claim", default=None)


@contextmanager
def claiming(claim: Claim) -> Iterator[None]:
    """Claim `claim` for the writes made in this context (a web request)."""
    token = _request_claim.set(claim)
    try:
        yield
    finally:
        _request_claim.reset(token)


def current() -> Claim:
    request = _request_claim.get()
    if request is not None:
        return request
    command = (_command_provider() or "vanort")[:MAX_COMMAND]
    login = os_user()
    given = given_name()
    return Claim(login=login, claimed_by=given if given != login else None, command=command)
