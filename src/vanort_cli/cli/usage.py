"""How the commands present themselves: readable help, and usage errors in vanort's words.

Left to itself, Typer shows Python types as metavars (`<str>`, `<list[str]>`, `<bool>`
beside a flag), keeps a docstring's line breaks in the middle of sentences, and passes
pydantic's and click's wording through to the person at the terminal. Rather than
correct a hundred options one by one, the command tree is polished once, when
`vanort` starts (`polish`), and every usage error is worded here (`usage_message`).
New commands need nothing: they are polished like the others. What a value is (its
metavar, the numbers it takes) is declared with its option (cli/common.py); what this
needs of Typer beyond its public API is in cli/typer_adapter.py.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeGuard

import typer

from vanort_cli.cli import typer_adapter as adapter
from vanort_cli.cli.common import ValueWords, WholeNumbers
from vanort_cli.cli.typer_adapter import (
    EXTRA_ARGUMENTS,
    FLAG_TAKES_NO_VALUE,
    MISSING_COMMAND,
    NO_SUCH_COMMAND,
    BadOptionUsage,
    BadParameter,
    ClickContext,
    Command,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    Parameter,
    PlainArgument,
    PlainOption,
    TyperArgument,
    TyperCommand,
    TyperGroup,
    TyperOption,
    UsageError,
)
from vanort_cli.i18n import N_, gettext, is_swedish
from vanort_cli.i18n import messages as m

# A value's metavar, when its declaration gives none, from its type.
TYPE_METAVARS: list[tuple[type, str]] = [
    (bool, N_("BOOLEAN")),
    (int, N_("NUMBER")),
    (float, N_("NUMBER")),
    (datetime, N_("TIME")),
    (date, N_("DATE")),
    (Path, N_("PATH")),
    (str, N_("TEXT")),
]
# What Typer and click write themselves, in the catalog too (see `speak`).
FOREIGN = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Error"),
    N_("Aborted."),
    N_("[default: {}]"),
    N_("[env var: {}]"),
    N_("[required]"),
    N_("(deprecated) "),
    N_("Usage: "),
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
    N_("VALUE"),
    N_("Try [blue]'{command_path} {help_option}'[/] for help."),
)
# Choices are shown as `[table|json|csv]` when that fits the help's type column.
CHOICES_WIDTH = 20

_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)+")
_BULLET = re.compile(r"^[-*•] ")


# -- help ----------------------------------------------------------------------


def speak() -> None:
    """Typer's own words (panel titles, "[default: ...]") in the current language.

    Typer reads them when it draws the help, so they are set here, just before it
    does; click's "Usage:" is drawn by `usage_line`."""
    adapter.set_help_words(gettext)


def _usage_in_language(command: Command) -> None:
    if type(command) is TyperCommand:
        command.__class__ = VanortCommand
    elif type(command) is TyperGroup:
        command.__class__ = VanortSubGroup


def polish(command: Command, help_names: Sequence[str] = ("--help",)) -> None:
    """Give `command` and everything under it readable help in the current
    language, and vanort's error context."""
    help_names = command.context_settings.get("help_option_names", help_names)
    command.context_class = VanortContext
    _usage_in_language(command)
    command.options_metavar = gettext("[OPTIONS]")
    if isinstance(command, TyperGroup):
        command.subcommand_metavar = gettext("COMMAND [ARGS]...")
    if command.help:
        command.help = reflow(gettext(command.help))
    if command.short_help:
        command.short_help = gettext(command.short_help)
    if command.epilog:
        # Its own paragraphs after a line break, so that no indentation is lost.
        command.epilog = "\n" + reflow(gettext(command.epilog)).replace("\n\n\n", "\n\n", 1)
    # The help option is made on first use; make it now, to give it no metavar too.
    help_option = adapter.help_option(
        command, VanortContext(command, help_option_names=list(help_names))
    )
    params: list[Parameter] = [*command.params, *([help_option] if help_option else [])]
    for param in params:
        if isinstance(param, TyperOption | TyperArgument) and param.help:
            param.help = gettext(param.help)
        param.metavar = metavar(param)
        if isinstance(param, TyperOption) and param.is_flag and param.default is False:
            # A switch that is off unless given: `--allow-similar`, not also
            # `--no-allow-similar` (Typer's default pair) and "[default: no-...]".
            param.secondary_opts = []
            param.show_default = False
        if type(param) is TyperArgument:
            param.__class__ = PlainArgument
        elif type(param) is TyperOption:
            param.__class__ = PlainOption
        values = choice_values(param)
        if values and not param.metavar.startswith("[") and isinstance(param, TyperOption):
            help_text = param.help or ""
            if not all(value in help_text for value in values):
                accepted = m.HELP_ONE_OF.format(values=", ".join(values))
                param.help = f"{help_text} {accepted}".strip()
        words = ValueWords.of(adapter.parser(param))
        if words is not None:
            # What can be typed, in the language of the help (every word is read).
            accepted = m.HELP_ONE_OF.format(values=words.words().listing())
            if isinstance(param, TyperOption | TyperArgument):
                param.help = f"{param.help or ''} {accepted}".strip()
    for sub in getattr(command, "commands", {}).values():
        polish(sub, help_names)


def usage_line(command: Command, ctx: ClickContext, formatter: Any) -> None:
    """click writes "Usage:" in English whatever the language; this writes it in
    the command's."""
    pieces = command.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=gettext("Usage: "))


class VanortCommand(TyperCommand):
    """A command whose help, usage line included, is in the current language."""

    __slots__ = ()  # so that a command's class can be swapped for this one

    def format_usage(self, ctx: ClickContext, formatter: Any) -> None:
        usage_line(self, ctx, formatter)

    def format_help(self, ctx: ClickContext, formatter: Any) -> None:
        speak()
        super().format_help(ctx, formatter)


class VanortSubGroup(TyperGroup):
    """A group of commands whose help, usage line included, is in the current language."""

    __slots__ = ()

    def format_usage(self, ctx: ClickContext, formatter: Any) -> None:
        usage_line(self, ctx, formatter)

    def format_help(self, ctx: ClickContext, formatter: Any) -> None:
        speak()
        super().format_help(ctx, formatter)


def reflow(text: str) -> str:
    """A docstring's prose paragraphs as one line each (the terminal wraps them);
    indented blocks such as the examples, and bullet lists, keep their lines.

    The first paragraph is followed by an extra line break: Typer dedents what comes
    after it as a whole, and would otherwise pull an Examples block that follows a
    one-line help back to the margin."""
    # A docstring arrives dedented (Typer takes it with inspect.getdoc), so an
    # indented line is meant to be: an example, a continuation, a table.
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(text.expandtabs().strip("\n")) if p.strip()]
    shaped = [_shape(paragraph) for paragraph in paragraphs]
    if len(shaped) <= 1:
        return "".join(shaped)
    return shaped[0] + "\n\n\n" + "\n\n".join(shaped[1:])


def _shape(paragraph: str) -> str:
    lines = paragraph.split("\n")
    if any(line[:1].isspace() or line.startswith("\b") or _BULLET.match(line) for line in lines):
        return paragraph
    return " ".join(line.strip() for line in lines)


def metavar(param: Parameter) -> str:
    """What a value is: as declared (TOWN, DATE), else its choices ([table|json]) or
    its type (TEXT, NUMBER); nothing for a flag."""
    if isinstance(param, TyperOption) and (param.is_flag or param.count):
        return ""
    if param.metavar is not None:
        return gettext(param.metavar)
    values = choice_values(param)
    if values:
        shown = "[" + "|".join(values) + "]"
        if isinstance(param, TyperOption) and len(shown) <= CHOICES_WIDTH:
            return shown
        # Too many to show: Click's own metavar, the parameter's name.
        return (param.name or "").upper()
    annotation = adapter.annotation(param)
    for kind, label in TYPE_METAVARS:
        if isinstance(annotation, type) and issubclass(annotation, kind):
            return gettext(label)
    return gettext("VALUE")


def choice_values(param: Parameter) -> list[str]:
    """The values a choice accepts, as written on the command line; [] if any value is."""
    return [
        str(choice.value) if isinstance(choice, enum.Enum) else str(choice)
        for choice in adapter.choices(param)
    ]


# -- usage errors ------------------------------------------------------------------


class VanortContext(typer.Context):
    """A context that puts itself on the usage errors raised while it parses (click's
    parser raises some without one), so that the error names the right command."""

    @contextmanager
    def scope(self, cleanup: bool = True) -> Iterator[VanortContext]:
        try:
            with super().scope(cleanup=cleanup):
                yield self
        except UsageError as error:
            if error.ctx is None:
                error.ctx, error.cmd = self, self.command
            raise


def is_usage_error(error: BaseException) -> TypeGuard[UsageError]:
    return isinstance(error, UsageError)


def usage_exit(error: UsageError) -> typer.Exit:
    """Show a usage error as one line on stderr; the exit (2) to raise."""
    from vanort_cli.output.console import show_error

    message = usage_message(error)
    if message is not None:
        command = error.ctx.command_path if error.ctx else "vanort"
        show_error(m.USAGE_LINE.format(message=message, command=command))
    return typer.Exit(2)


def usage_message(error: UsageError) -> str | None:
    """The error in vanort's words; None when the help was shown instead (a group
    called without a command)."""
    if isinstance(error, NoArgsIsHelpError):
        return None
    ctx = error.ctx
    if isinstance(error, MissingParameter) and error.param is not None:
        return _missing(error.param)
    if isinstance(error, BadParameter) and error.param is not None:
        return _bad_value(error, error.param)
    if isinstance(error, NoSuchOption):
        return _unknown_option(error, ctx)
    if isinstance(error, BadOptionUsage):
        return _bad_option_usage(error, ctx)
    text = error.message
    if ctx is not None:
        if match := NO_SUCH_COMMAND.match(text):
            close = difflib.get_close_matches(match.group(1), _subcommands(ctx), n=1)
            template = m.USAGE_UNKNOWN_COMMAND_CLOSE if close else m.USAGE_UNKNOWN_COMMAND
            return template.format(
                command=match.group(1),
                close="".join(close),
                accepted=", ".join(_subcommands(ctx)),
            )
        if MISSING_COMMAND.fullmatch(text):
            return m.USAGE_MISSING_COMMAND.format(accepted=", ".join(_subcommands(ctx)))
        if match := EXTRA_ARGUMENTS.fullmatch(text):
            arguments = [_name(p) for p in ctx.command.params if _is_argument(p)]
            takes = (
                m.USAGE_TAKES.format(arguments=" ".join(arguments))
                if arguments
                else m.USAGE_TAKES_NONE
            )
            return m.USAGE_EXTRA_ARGUMENT.format(
                value=match.group(1), command=ctx.command_path, takes=takes
            )
    return error.format_message()


def _missing(param: Parameter) -> str:
    template = m.USAGE_MISSING_ARGUMENT if _is_argument(param) else m.USAGE_MISSING_OPTION
    return template.format(name=_name(param), what=_what(param))


def _bad_value(error: BadParameter, param: Parameter) -> str:
    refused = adapter.unconverted(error)
    if refused is None:
        # Our own parsers (dates, ...) already say it in vanort's words.
        return m.USAGE_BAD_VALUE.format(name=_name(param), problem=error.message)
    value = refused.value
    values = choice_values(param)
    if values:
        return m.USAGE_BAD_CHOICE.format(name=_name(param), value=value, accepted=", ".join(values))
    annotation = adapter.annotation(param)
    if annotation is int:
        problem = m.USAGE_NOT_WHOLE_NUMBER.format(value=value)
    elif annotation is float:
        problem = m.USAGE_NOT_NUMBER.format(value=value)
    else:
        problem = m.USAGE_NOT_ACCEPTED.format(value=value, metavar=metavar(param))
    return m.USAGE_BAD_VALUE.format(name=_name(param), problem=problem)


def _unknown_option(error: NoSuchOption, ctx: ClickContext | None) -> str:
    accepted = _options(ctx) if ctx else ""
    number = re.fullmatch(r"-\d+", error.option_name)
    arguments = [p for p in ctx.command.params if _is_argument(p)] if ctx else []
    numbers = WholeNumbers.of(adapter.declared_callback(arguments[0])) if arguments else None
    if number and numbers is not None:
        # `meeting show -1`: a negative number, not an option.
        problem = numbers.refused(error.option_name)
        return m.USAGE_BAD_VALUE.format(name=_name(arguments[0]), problem=problem)
    close = sorted(error.possibilities or ())
    if close:
        return m.USAGE_UNKNOWN_OPTION_CLOSE.format(
            option=error.option_name, close=either(close), accepted=accepted
        )
    return m.USAGE_UNKNOWN_OPTION.format(option=error.option_name, accepted=accepted)


def _bad_option_usage(error: BadOptionUsage, ctx: ClickContext | None) -> str:
    param = None
    if ctx is not None:
        param = next((p for p in ctx.command.get_params(ctx) if error.option_name in p.opts), None)
    if param is None:
        return error.format_message()
    if FLAG_TAKES_NO_VALUE.search(error.message):
        return m.USAGE_FLAG_TAKES_NO_VALUE.format(option=error.option_name)
    return m.USAGE_OPTION_NEEDS_VALUE.format(option=error.option_name, expects=_expects(param))


def _is_argument(param: Parameter) -> bool:
    return param.param_type_name == "argument"


def _name(param: Parameter) -> str:
    """YEAR for an argument, --kind for an option."""
    if _is_argument(param):
        return param.metavar or (param.name or "").upper()
    return max(param.opts, key=len) if param.opts else param.name or ""


def _expects(param: Parameter) -> str:
    """What a value looks like: TOWN, or the choices."""
    values = choice_values(param)
    if values:
        return m.USAGE_ONE_OF.format(values=", ".join(values))
    return metavar(param)


def either(names: Sequence[str]) -> str:
    """`--from`, `--from or --to`, `--a, --b or --c`."""
    if len(names) <= 1:
        return "".join(names)
    return m.USAGE_EITHER.format(some=", ".join(names[:-1]), last=names[-1])


# Names that may begin a Swedish help and keep their capital when the help is
# quoted in the middle of a usage error (`_what`).
SWEDISH_PROPER = frozenset(
    {"Göteborg", "Åbo", "Århus", "Bergen", "Excel", "Outlook", "Google", "SQLite"}
    | {"Stadsledningskontoret"}
)


def _what(param: Parameter) -> str:
    """The parameter's help, to say what was expected: 'the meeting year',
    'mötets år'."""
    text = (getattr(param, "help", None) or metavar(param) or m.USAGE_A_VALUE).strip().rstrip(".")
    first, _, rest = text.partition(" ")
    if is_swedish():
        if not _keeps_capital(first):
            text = text[:1].lower() + text[1:]
    elif first in {"The", "A", "An", "Its", "Their", "Where", "When", "Who", "What"}:
        text = first.lower() + (" " + rest if rest else "")
    return text


def _keeps_capital(word: str) -> bool:
    """A Swedish word that keeps its capital inside a sentence: a name
    (Göteborgs, Åbos) or an abbreviation (KF, CSV-filen, VANORT_USER)."""
    word = word.strip(",.:;()'\"")
    if any(letter.isupper() for letter in word[1:]):
        return True
    return word in SWEDISH_PROPER or (word.endswith("s") and word[:-1] in SWEDISH_PROPER)


def _options(ctx: ClickContext) -> str:
    names = [
        max(p.opts, key=len)
        for p in ctx.command.get_params(ctx)
        if isinstance(p, TyperOption) and p.opts and not p.hidden
    ]
    return ", ".join(names)


def _subcommands(ctx: ClickContext) -> list[str]:
    command = ctx.command
    return command.list_commands(ctx) if isinstance(command, TyperGroup) else []
