"""Where the registry lives: `--db` > `VANORT_DB` > the platform's user data dir.

Kept free of SQLAlchemy so that `vanort db path` and `--help` stay fast.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from vanort_cli import messages as m
from vanort_cli.errors import UsageError

ENV_VAR = "VANORT_DB"
DEFAULT_FILENAME = "registry.db"
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_QUERY_PASSWORD = re.compile(r"(?i)\b(password|passwd|pwd|pass)=[^&#\s]*")


@dataclass(frozen=True)
class RegistryLocation:
    """A registry's database URL, and its file when it is a local SQLite file."""

    url: str
    path: Path | None
    is_default: bool = False

    @property
    def display(self) -> str:
        """What to show a person: the file path, or the URL with its password masked."""
        return str(self.path) if self.path is not None else mask_password(self.url)


def mask_password(text: str) -> str:
    """`postgresql://u:secret@host/db` -> `postgresql://u:***@host/db`; a password in the
    query string (`?password=secret`) is masked too."""
    masked = _QUERY_PASSWORD.sub(r"\1=***", text)
    scheme = masked.find("://")
    at = masked.rfind("@")
    if scheme != -1 and at > scheme:
        colon = masked.find(":", scheme + 3, at)
        if colon != -1:
            masked = masked[: colon + 1] + "***" + masked[at:]
    return masked


def _check_sqlite_url(url: str) -> None:
    """A registry must outlive the command: no in-memory database, no URL options."""
    if not url.startswith("sqlite:///") or url in ("sqlite:///", "sqlite:///:memory:"):
        raise UsageError(m.DB_URL_NOT_FILE.format(url=url))
    if "?" in url:
        raise UsageError(m.DB_URL_OPTIONS.format(url=url))


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("vanort", appauthor=False) / DEFAULT_FILENAME


def resolve_location(
    option: str | None, environ: Mapping[str, str] = os.environ
) -> RegistryLocation:
    """Pick the registry from the global `--db` option, else `VANORT_DB`, else the default."""
    if option is not None and not option.strip():
        raise UsageError(m.DB_EMPTY)
    chosen = option if option else environ.get(ENV_VAR) or None
    if chosen is None:
        path = default_path()
        return RegistryLocation(url=f"sqlite:///{path}", path=path, is_default=True)
    if _URL.match(chosen):
        if chosen.lower().startswith("sqlite"):
            _check_sqlite_url(chosen)
        if chosen.startswith("sqlite:///") and len(chosen) > len("sqlite:///"):
            # A URL's path is percent-encoded: sqlite:///my%20registry.db names
            # "my registry.db". From here on vanort opens the file by its path.
            path = Path(unquote(chosen[len("sqlite:///") :])).absolute()
            return RegistryLocation(url=chosen, path=path)
        return RegistryLocation(url=chosen, path=None)
    path = Path(chosen).expanduser().absolute()
    return RegistryLocation(url=f"sqlite:///{path}", path=path)
