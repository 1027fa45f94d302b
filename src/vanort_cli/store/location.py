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

from vanort_cli.errors import UsageError
from vanort_cli.i18n import messages as m

ENV_VAR = "VANORT_DB"
DEFAULT_FILENAME = "registry.db"
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
# A query parameter is a secret when its name or value, decoded, says so:
# `password=`, `pass%77ord=`, `options=-c password%3D...`, `sslpassword=`, `token=`.
_SECRET_WORD = re.compile(r"(?i)pass|pwd|secret|token|key|auth|credential")
_QUERY_PARAMETER = re.compile(r"([?&;])([^=&#\s]*)=([^&#\s]*)")
# user:password@ in a URL, the user possibly empty (`sqlite+pysqlcipher://:phrase@/v.db`).
_USERINFO = re.compile(r"(://[^@:\s]*):(\S*)@")


@dataclass(frozen=True)
class RegistryLocation:
    """A registry's database URL, and its file when it is a local SQLite file."""

    url: str
    path: Path | None
    is_default: bool = False

    @property
    def engine_url(self) -> str:
        """The URL to give SQLAlchemy: `postgresql://` and `postgres://` name
        psycopg 3, the driver vanort uses (SQLAlchemy alone would look for psycopg2)."""
        scheme, separator, rest = self.url.partition("://")
        if separator and scheme.lower() in ("postgresql", "postgres"):
            return f"postgresql+psycopg://{rest}"
        return self.url

    @property
    def on_server(self) -> bool:
        """A PostgreSQL registry (rather than a SQLite file)."""
        return self.path is None and self.engine_url.lower().startswith("postgresql")

    @property
    def display(self) -> str:
        """What to show a person: the file path, or the URL with its password masked."""
        return str(self.path) if self.path is not None else mask_password(self.url)


def mask_password(text: str) -> str:
    """Every credential in a URL or a message that quotes one, in every form:
    `postgresql://u:secret@host/db` -> `postgresql://u:***@host/db`, and any query
    parameter whose name or value (percent-decoded) is about a password, key or
    token (`?password=`, `?pass%77ord=`, `?options=-c%20password%3D...`) -> `=***`."""

    def parameter(match: re.Match[str]) -> str:
        separator, name, value = match.groups()
        if _SECRET_WORD.search(unquote(name)) or _SECRET_WORD.search(unquote(value)):
            return f"{separator}{name}=***"
        return match.group(0)

    return _USERINFO.sub(r"\1:***@", _QUERY_PARAMETER.sub(parameter, text))


def _check_sqlite_url(url: str) -> None:
    """A registry must outlive the command: no in-memory database, no URL options."""
    if not url.startswith("sqlite:///") or url in ("sqlite:///", "sqlite:///:memory:"):
        raise UsageError(m.DB_URL_NOT_FILE.format(url=mask_password(url)))
    if "?" in url:
        raise UsageError(m.DB_URL_OPTIONS.format(url=mask_password(url)))


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
    if path.name == "-":
        # `-` is standard input or output to every program: never a registry's name.
        raise UsageError(m.DB_IS_DASH)
    return RegistryLocation(url=f"sqlite:///{path}", path=path)
