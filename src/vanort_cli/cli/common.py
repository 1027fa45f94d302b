"""Options, value parsers and registry access shared by every command group."""

from __future__ import annotations

import enum
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from vanort_cli.i18n import messages as m
from vanort_cli.output.columns import Format
from vanort_cli.output.console import say
from vanort_cli.output.text import visible

if TYPE_CHECKING:
    from sqlmodel import Session

    from vanort_cli.store.registry import Registry

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
TODAY_ENV = "VANORT_TODAY"


def command_group(help: str) -> typer.Typer:
    """A group of commands (`vanort meeting ...`), set up like the app itself."""
    return typer.Typer(
        help=help, context_settings=CONTEXT_SETTINGS, no_args_is_help=True, rich_markup_mode="rich"
    )


class RecordFormat(enum.StrEnum):
    table = "table"
    json = "json"


class RowsFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def as_format(choice: enum.Enum) -> Format:
    return Format(choice.value)


@dataclass
class AppState:
    """What the global options chose; the registry is opened on first use."""

    db_option: str | None = None
    # Set by the commands that create a registry on purpose (`db init`).
    may_create: bool = False
    _registry: Registry | None = None

    def close(self) -> None:
        if self._registry is not None:
            self._registry.close()

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            from vanort_cli.store.location import resolve_location
            from vanort_cli.store.registry import Registry

            try:
                location = resolve_location(self.db_option)
            except RuntimeError:
                # `~nosuchuser/x.db`: Path.expanduser finds no such home.
                from vanort_cli.errors import UsageError

                raise UsageError(m.DB_NO_HOME.format(path=self.db_option)) from None
            self._registry = Registry(location, may_create=self.may_create or location.is_default)
        return self._registry


def state(ctx: typer.Context) -> AppState:
    root = ctx.find_root()
    if not isinstance(root.obj, AppState):
        root.obj = AppState()
    return root.obj


@contextmanager
def reading(ctx: typer.Context) -> Iterator[Session]:
    with state(ctx).registry.reading() as session:
        yield session


@contextmanager
def writing(ctx: typer.Context) -> Iterator[Session]:
    with state(ctx).registry.writing() as session:
        yield session


def parse_date_option(value: str | date) -> date:
    """Typer parser for a date option: ISO 8601 or another full date; exit 2 if not."""
    if isinstance(value, date):
        return value
    from vanort_cli.domain.dates import DateError, parse_date

    try:
        return parse_date(value)
    except DateError as error:
        message = m.BAD_DATE_TWO_DIGIT_YEAR if error.two_digit_year else m.BAD_DATE
        raise typer.BadParameter(message.format(value=value)) from None


def today_or(value: date | None) -> date:
    """`--today` when given, else VANORT_TODAY (for scripts and tests), else the clock."""
    from vanort_cli.domain.dates import FIRST_YEAR
    from vanort_cli.errors import UsageError

    if value is None and os.environ.get(TODAY_ENV):
        try:
            value = parse_date_option(os.environ[TODAY_ENV])
        except typer.BadParameter:
            raise UsageError(m.BAD_ENV_DATE.format(value=os.environ[TODAY_ENV])) from None
    if value is None:
        return date.today()
    if value.year < FIRST_YEAR:
        raise UsageError(m.TODAY_OUT_OF_RANGE.format(value=value))
    return value


# The answers a yes/no question takes: Swedish speakers may answer in either language.
_YES = {"sv": frozenset({"j", "ja", "y", "yes"}), "en": frozenset({"y", "yes"})}
_NO = {"sv": frozenset({"n", "nej", "no"}), "en": frozenset({"n", "no"})}


def confirm(question: str) -> bool:
    """Ask `question` on stderr and wait for yes or no: `[j/N]` in Swedish, `[y/N]` in
    English. An empty answer is no; any answer it does not take asks again; end of
    input (or Ctrl-C) aborts, as `typer.confirm` does."""
    from vanort_cli.i18n import language

    yes, no = _YES[language()], _NO[language()]
    while True:
        answer = typer.prompt(
            visible(question, newlines=False),
            default="",
            show_default=False,
            prompt_suffix=f" [{m.CONFIRM_CHOICES}]: ",
            err=True,
        )
        answer = answer.strip().lower()
        if answer in yes:
            return True
        if not answer or answer in no:
            return False
        say(m.CONFIRM_AGAIN)


TodayOption = Annotated[
    date | None,
    typer.Option(
        "--today",
        metavar="DATE",
        parser=parse_date_option,
        help="Answer as if today were DATE (for scripts and tests). Default: today.",
    ),
]
RecordFormatOption = Annotated[
    RecordFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
RowsFormatOption = Annotated[
    RowsFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]


DateOption = Annotated[
    date | None, typer.Option(metavar="DATE", parser=parse_date_option, show_default=False)
]
