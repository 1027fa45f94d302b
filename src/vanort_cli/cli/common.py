"""Options, value parsers and registry access shared by every command group.

Each kind of value a command takes (a year, a record id, a date, a town, a file to
write) is declared here once, with what the help calls it (its metavar), how it
is completed and the values it accepts; the commands name the kind they take.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from vanort_cli.cli import completion
from vanort_cli.cli.completion import TODAY_ENV as TODAY_ENV  # where today_or reads the day
from vanort_cli.cli.completion import Completer
from vanort_cli.domain.dates import FIRST_YEAR, YEARS_AHEAD_LIMIT
from vanort_cli.i18n import messages as m
from vanort_cli.i18n.values import Family
from vanort_cli.output.columns import Format
from vanort_cli.output.console import say
from vanort_cli.output.text import visible

if TYPE_CHECKING:
    from sqlmodel import Session

    from vanort_cli.domain.dates import DateError
    from vanort_cli.store.registry import Registry

# The other spellings of an option, accepted on every command and shown in no help:
# one switch has one name across the commands (`--allow-duplicate` on
# log-collaboration, edit and import), and the spelling a command once had keeps
# working in the scripts that use it. Keys and values without the leading "--".
OPTION_ALIASES = {"allow-duplicates": "allow-duplicate"}


def _option_spelling(token: str) -> str:
    """Click asks this of each option name typed (and each choice value and command
    name): an old spelling becomes the one the commands declare."""
    return OPTION_ALIASES.get(token, token)


CONTEXT_SETTINGS: dict[str, Any] = {
    "help_option_names": ["-h", "--help"],
    "token_normalize_func": _option_spelling,
}


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
    from vanort_cli.store import claim

    # The command every change it makes is claimed for in the history: its words
    # only (`vanort db roles`), never its values, which may hold a password.
    path = ctx.command_path
    claim.name_commands_with(lambda: path)
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


def date_refusal(error: DateError) -> str:
    """What is wrong with a date that was typed, in one sentence that names it."""
    from vanort_cli.domain.dates import DateProblem

    value = str(error)
    if error.problem is DateProblem.OUTSIDE_YEARS:
        years = error.years
        return str(m.OUTSIDE_YEARS.format(value=f"'{value}'", first=years[0], last=years[-1]))
    sentence = {
        DateProblem.NOT_A_DATE: m.BAD_DATE,
        DateProblem.NO_YEAR: m.BAD_DATE_NO_YEAR,
        DateProblem.TWO_DIGIT_YEAR: m.BAD_DATE_TWO_DIGIT_YEAR,
        DateProblem.NO_DAY: m.BAD_DATE_NO_DAY,
        DateProblem.NO_MONTH_OR_DAY: m.BAD_DATE_NO_MONTH_OR_DAY,
        DateProblem.NO_SUCH_DAY: m.BAD_DATE_NO_SUCH_DAY,
    }[error.problem]
    return str(sentence.format(value=value))


def _clock_today() -> date:
    """Today as the clock or VANORT_TODAY has it: what an option's value is held
    against before `--today` is read (the command holds it against `--today` too)."""
    from vanort_cli.domain.dates import DateError, parse_date

    text = os.environ.get(TODAY_ENV)
    if text:
        try:
            return parse_date(text, today=date.today())
        except DateError:
            pass  # today_or says so, when the command asks for today
    return date.today()


def parse_date_option(value: str | date) -> date:
    """Typer parser for a date option: ISO 8601 or another full date; exit 2 if not."""
    if isinstance(value, date):
        return value
    from vanort_cli.domain.dates import DateError, parse_date

    try:
        return parse_date(value, today=_clock_today())
    except DateError as error:
        raise typer.BadParameter(date_refusal(error)) from None


def today_or(value: date | None) -> date:
    """`--today` when given, else VANORT_TODAY (for scripts and tests), else the clock."""
    from vanort_cli.domain.dates import DateError, parse_date
    from vanort_cli.errors import UsageError

    if value is None and os.environ.get(TODAY_ENV):
        try:
            value = parse_date(os.environ[TODAY_ENV], today=date.today())
        except DateError as error:
            raise UsageError(m.BAD_ENV_DATE.format(reason=date_refusal(error))) from None
    if value is None:
        return date.today()
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


# -- whole numbers ---------------------------------------------------------------

# The largest whole number SQLite's INTEGER stores.
SQLITE_LARGEST = 2**63 - 1


@dataclass(frozen=True)
class WholeNumbers:
    """The whole numbers a parameter accepts, and what is said of one outside them.

    Its `check` is given as a parameter's `callback=`, so that SQLite never sees a
    number it cannot store and a person reads why it was refused. Every
    whole-number parameter has one (tests/test_options.py)."""

    smallest: int
    largest: int
    # In English (m.EN), worded in the reader's language when said.
    refusal: str
    # Years: the largest is this many years after today (the clock's or
    # VANORT_TODAY's), as for every date (domain/dates.py: years_handled).
    years_ahead: int | None = None

    def bounds(self) -> tuple[int, int]:
        """The smallest and the largest number taken now."""
        if self.years_ahead is None:
            return self.smallest, self.largest
        return self.smallest, min(self.largest, _clock_today().year + self.years_ahead)

    def refused(self, value: object) -> str:
        """Why `value` is refused (said whether or not it is in range)."""
        smallest, largest = self.bounds()
        return str(
            m.translated(self.refusal).format(
                value=value, smallest=smallest, largest=largest, first=smallest, last=largest
            )
        )

    def check(self, value: Any) -> Any:
        if isinstance(value, int):
            smallest, largest = self.bounds()
            if not smallest <= value <= largest:
                raise typer.BadParameter(self.refused(value))
        return value

    @staticmethod
    def of(callback: object) -> WholeNumbers | None:
        """The numbers whose `check` `callback` is; None for any other callback."""
        numbers = getattr(callback, "__self__", None)
        return numbers if isinstance(numbers, WholeNumbers) else None


# A year is one a date can have, an id one SQLite can give, and any other number
# fits SQLite's INTEGER.
YEARS = WholeNumbers(FIRST_YEAR, 9999, m.EN.OUTSIDE_YEARS, years_ahead=YEARS_AHEAD_LIMIT)
IDS = WholeNumbers(1, SQLITE_LARGEST, m.EN.USAGE_NOT_AN_ID)
LIMITS = WholeNumbers(1, SQLITE_LARGEST, m.EN.USAGE_NOT_A_LIMIT)
INTEGERS = WholeNumbers(-SQLITE_LARGEST - 1, SQLITE_LARGEST, m.EN.USAGE_OUT_OF_RANGE)
PORTS = WholeNumbers(1, 65535, m.EN.USAGE_NOT_A_PORT)


# -- enumerated values: a status, a kind, a form, a step, a role --------------------


@dataclass(frozen=True)
class ValueWords:
    """The values a parameter takes, typed as their keys or words (i18n.values).

    Its instance is the parameter's `parser=`: the command gets the key (`cancelled`)
    whatever was typed (`inställt`, `INSTALLT`, `Cancelled`); a word no value has is
    refused in one line listing what can be typed, in the command's language. The
    help's "One of: ..." and the completion ask the same family (cli/usage.py,
    completion.values_of)."""

    family: Family | Callable[[], Family]  # a callable: words that are data, read on use

    def words(self) -> Family:
        return self.family if isinstance(self.family, Family) else self.family()

    def __call__(self, typed: str) -> str:
        words = self.words()
        key = words.read(typed)
        if key is None:
            refusal = m.USAGE_NOT_A_WORD.format(value=typed, accepted=words.listing())
            raise typer.BadParameter(refusal)
        return key

    @staticmethod
    def of(parser: object) -> ValueWords | None:
        """The words whose parser `parser` is; None for any other parser."""
        return parser if isinstance(parser, ValueWords) else None


def value_option(*names: str, words: Family | Callable[[], Family], metavar: str, help: str) -> Any:
    """A value of a family: `--status`, `--kind`, `--as`."""
    value_words = ValueWords(words)
    return typer.Option(
        *names,
        metavar=metavar,
        parser=value_words,
        help=help,
        autocompletion=completion.values_of(value_words.words),
    )


def value_argument(*, words: Family | Callable[[], Family], metavar: str, help: str) -> Any:
    """A value of a family, as an argument: `towns set-status TOWN STATUS`."""
    value_words = ValueWords(words)
    return typer.Argument(
        metavar=metavar,
        parser=value_words,
        help=help,
        autocompletion=completion.values_of(value_words.words),
    )


# -- the kinds of value, each with its metavar, completion and check -------------
# For `Annotated[int | None, year_option("--from", help=...)]`: the help is each
# command's own, the rest is the kind's.


def year_option(
    *names: str, help: str, autocompletion: Completer = completion.meeting_years
) -> Any:
    """A year: `--year`, `--from`, `--to`."""
    return typer.Option(
        *names, metavar="YEAR", callback=YEARS.check, help=help, autocompletion=autocompletion
    )


def year_argument(*, help: str) -> Any:
    """A meeting's year."""
    return typer.Argument(
        metavar="YEAR", callback=YEARS.check, help=help, autocompletion=completion.meeting_years
    )


def id_argument(*, help: str, metavar: str = "ID", autocompletion: Completer | None = None) -> Any:
    """A record's id."""
    return typer.Argument(
        metavar=metavar, callback=IDS.check, help=help, autocompletion=autocompletion
    )


def date_option(*names: str, help: str) -> Any:
    """A day: ISO 8601 or another full date."""
    return typer.Option(*names, metavar="DATE", parser=parse_date_option, help=help)


def town_option(*names: str, help: str) -> Any:
    """A town, in any spelling."""
    return typer.Option(*names, metavar="TOWN", help=help, autocompletion=completion.towns)


def town_argument(*, help: str) -> Any:
    """A town, in any spelling."""
    return typer.Argument(metavar="TOWN", help=help, autocompletion=completion.towns)


def org_option(*names: str, help: str) -> Any:
    """An administration or company of the City, by any of its names."""
    return typer.Option(*names, metavar="ORG", help=help, autocompletion=completion.organisations)


def org_argument(*, help: str, metavar: str = "ORG") -> Any:
    """An administration or company of the City, by any of its names."""
    return typer.Argument(metavar=metavar, help=help, autocompletion=completion.organisations)


def area_option(*names: str, help: str) -> Any:
    """An area of collaboration."""
    return typer.Option(*names, metavar="AREA", help=help, autocompletion=completion.areas)


# What -o takes for standard output, on every command that writes: the convention
# of cat, tar and curl, so that no command ever writes a file named "-".
STDOUT = "-"


class _StandardOutput:
    """What the parser makes of `-o -`, before the callback says "no file": a
    marker, not None, so that a required -o given as `-` counts as given."""


_STANDARD_OUTPUT = _StandardOutput()


def _parse_output(value: str) -> Path | _StandardOutput:
    # The raw text, not a Path: `-o ./-` names a file, `-o -` the standard output.
    return _STANDARD_OUTPUT if value == STDOUT else Path(value)


def _no_file_for_stdout(value: Path | _StandardOutput | None) -> Path | None:
    return None if isinstance(value, _StandardOutput) else value


def output_option(*names: str, help: str, show_default: bool = True) -> Any:
    """The file to write: `--output`, `-o`. `-` is the standard output, which the
    command receives as None, as if no file had been given: the data goes to
    stdout in the format --format (or the command's default) names, the messages
    to stderr."""
    return typer.Option(
        *names,
        metavar="FILE",
        help=help,
        show_default=show_default,
        parser=_parse_output,
        callback=_no_file_for_stdout,
    )


def file_argument(*, help: str) -> Any:
    """A file to read or write, named on the command line."""
    return typer.Argument(metavar="FILE", help=help)


# -- options many commands share ------------------------------------------------

TodayOption = Annotated[
    date | None,
    date_option(
        "--today", help="Answer as if today were DATE (for scripts and tests). Default: today."
    ),
]
RecordFormatOption = Annotated[
    RecordFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
RowsFormatOption = Annotated[
    RowsFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
YearArgument = Annotated[int, year_argument(help="The meeting year.")]
OutputOption = Annotated[
    Path | None,
    output_option(
        "--output",
        "-o",
        help="Write to FILE (whole or not at all) instead of the screen; - is the screen.",
    ),
]
# For a group whose -o already means something else (`collaborations list --org`).
LongOutputOption = Annotated[
    Path | None,
    output_option(
        "--output",
        help="Write to FILE (whole or not at all) instead of the screen; - is the screen.",
    ),
]
# For the documents written by other means than a table.
ScreenOrFileOption = Annotated[
    Path | None,
    output_option("--output", "-o", help="Write to FILE instead of the screen; - is the screen."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        metavar="N",
        callback=LIMITS.check,
        help="Only the N newest, newest first. Default for a table: 50.",
    ),
]
