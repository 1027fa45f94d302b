"""The mail settings of the round's letters: the environment first, then the
settings file, never the command line.

The file is `vanort.toml` in the user's config dir (platformdirs, as the
registry's default place is found: store/location.py), or the file
`VANORT_CONFIG` names; its `[mail]` table:

    [mail]
    host = "smtp.example.se"     # VANORT_SMTP_HOST
    port = 587                   # VANORT_SMTP_PORT
    user = "vanort"              # VANORT_SMTP_USER
    password = "..."             # VANORT_SMTP_PASSWORD; the file readable by you only
    from = "Stadsledningskontoret <vanort@example.se>"   # VANORT_MAIL_FROM
    signature = "Stadsledningskontoret\\nGöteborgs Stad"  # under the letters

A file holding a password that others may read is refused, whichever password
is used, so that it is made private before the password leaks further.
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vanort_cli.errors import UsageError, os_reason
from vanort_cli.i18n import messages as m

CONFIG_ENV = "VANORT_CONFIG"
CONFIG_FILENAME = "vanort.toml"
HOST_ENV = "VANORT_SMTP_HOST"
PORT_ENV = "VANORT_SMTP_PORT"
USER_ENV = "VANORT_SMTP_USER"
PASSWORD_ENV = "VANORT_SMTP_PASSWORD"
FROM_ENV = "VANORT_MAIL_FROM"
DEFAULT_PORT = 587  # message submission (RFC 6409), with STARTTLS


@dataclass(frozen=True)
class MailSettings:
    config: Path  # the settings file, whether or not it exists (messages name it)
    host: str | None
    port: int
    user: str | None
    # Never shown: not in repr, never in a message.
    password: str | None = field(repr=False)
    sender: str | None
    sender_source: str  # where the sender was set: VANORT_MAIL_FROM or the file
    signature: str | None


def config_path(environ: Mapping[str, str] = os.environ) -> Path:
    """`VANORT_CONFIG`, else vanort.toml in the platform's user config dir."""
    chosen = environ.get(CONFIG_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_path

    return user_config_path("vanort", appauthor=False) / CONFIG_FILENAME


def _read_table(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        reason = os_reason(error)
        raise UsageError(m.MAIL_CONFIG_UNREADABLE.format(path=path, reason=reason)) from None
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise UsageError(m.MAIL_CONFIG_NOT_TOML.format(path=path, reason=error)) from None
    table = document.get("mail", {})
    if not isinstance(table, dict):
        raise UsageError(m.MAIL_CONFIG_BAD_VALUE.format(key="mail", path=path))
    if "password" in table and os.name == "posix":
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise UsageError(m.MAIL_CONFIG_OPEN.format(path=path))
    return table


def _text(table: Mapping[str, Any], key: str, path: Path) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageError(m.MAIL_CONFIG_BAD_VALUE.format(key=key, path=path))
    return value.strip() or None


def _password(table: Mapping[str, Any], path: Path) -> str | None:
    value = table.get("password")
    if value is not None and not isinstance(value, str):
        raise UsageError(m.MAIL_CONFIG_BAD_VALUE.format(key="password", path=path))
    return value or None


def _port(environ: Mapping[str, str], table: Mapping[str, Any], path: Path) -> int:
    typed: object = environ.get(PORT_ENV) or table.get("port")
    source = PORT_ENV if environ.get(PORT_ENV) else str(path)
    if typed is None:
        return DEFAULT_PORT
    text = str(typed).strip()
    if isinstance(typed, bool) or not text.isdigit() or not 1 <= int(text) <= 65535:
        raise UsageError(m.MAIL_BAD_PORT.format(value=typed, source=source))
    return int(text)


def mail_settings(environ: Mapping[str, str] = os.environ) -> MailSettings:
    """The settings for this command: each from the environment, else the file."""
    path = config_path(environ)
    table = _read_table(path)

    def chosen(env: str, key: str) -> str | None:
        return (environ.get(env) or "").strip() or _text(table, key, path)

    return MailSettings(
        config=path,
        host=chosen(HOST_ENV, "host"),
        port=_port(environ, table, path),
        user=chosen(USER_ENV, "user"),
        # A password is taken as typed: spaces may belong to it.
        password=environ.get(PASSWORD_ENV) or _password(table, path),
        sender=chosen(FROM_ENV, "from"),
        sender_source=FROM_ENV if (environ.get(FROM_ENV) or "").strip() else str(path),
        signature=_text(table, "signature", path),
    )
