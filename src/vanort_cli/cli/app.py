"""The `vanort` command: the Typer app, its global options and its one error handler."""

from __future__ import annotations

import copy
import enum
import os
import sys
from collections.abc import Callable, Sequence
from functools import cache
from typing import Annotated, Any

import typer

from vanort_cli import i18n, version_line
from vanort_cli.cli.common import CONTEXT_SETTINGS, AppState
from vanort_cli.cli.typer_adapter import (
    TyperGroup,
    read_parameters_once,
    resolve_annotations,
    typed_before_completion,
    without_commands,
)
from vanort_cli.cli.usage import (
    VanortContext,
    is_usage_error,
    polish,
    speak,
    usage_exit,
    usage_line,
)
from vanort_cli.errors import VanortError, os_reason
from vanort_cli.i18n import messages as m
from vanort_cli.output.console import show_error


class VanortGroup(TyperGroup):
    """Catches every error once, here: one line on stderr and its exit code, no traceback.

    It also polishes the whole command tree's help once, before the first parse
    (cli/usage.py): readable metavars, prose paragraphs reflowed."""

    context_class = VanortContext
    _polished = False

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        # The language is chosen first: the help, the messages and the completion
        # of town names all speak it.
        argv = list(sys.argv[1:] if args is None else args)
        try:
            i18n.set_language(i18n.choose(argv))
        except i18n.UnknownLanguage as unknown:
            # Said in the language of the locale, which the person reads.
            i18n.set_language(i18n.choose((), {**os.environ, i18n.LANG_ENV: ""}))
            show_error(m.LANGUAGE_UNKNOWN.format(source=unknown.source, value=unknown.value))
            sys.exit(2)
        return super().main(args, *rest, **extra)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        usage_line(self, ctx, formatter)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        speak()
        super().format_help(ctx, formatter)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: Any = None,
        **extra: Any,
    ) -> Any:
        if not self._polished:
            polish(self)
            self._polished = True
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except typer.TyperException as error:
            # `vanort --bogus`: the root's own options, parsed before invoke().
            if not is_usage_error(error):
                raise
            raise usage_exit(error) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except VanortError as error:
            show_error(str(error))
            raise typer.Exit(error.exit_code) from None
        except typer.TyperException as error:
            if not is_usage_error(error):
                raise
            # A value that cannot be read: one line in vanort's words, like every other error.
            raise usage_exit(error) from None
        except typer.Exit:
            raise
        except typer.Abort:
            # Click's "Aborted." (end of input or Ctrl-C at a question) is English
            # whatever the language: said here in the command's.
            from vanort_cli.output.console import say

            say(m.ABORTED)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            # One line, so that the person knows what became of their change:
            # a transaction not committed when Ctrl-C came is rolled back whole.
            from vanort_cli.output.console import say

            say(m.INTERRUPTED)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # The reader of our output went away (`| head`): the command itself is done.
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            raise typer.Exit(0) from None
        except OSError as error:
            where = error.filename or m.THE_OUTPUT
            show_error(m.OS_FAILED.format(where=where, reason=os_reason(error)))
            raise typer.Exit(1) from None
        except Exception as error:
            if os.environ.get("VANORT_DEBUG"):
                raise
            first_line = (str(error).splitlines() or [""])[0][:300]
            show_error(m.UNEXPECTED.format(kind=type(error).__name__, error=first_line))
            raise typer.Exit(1) from None


_root = typer.Typer(
    name="vanort",
    cls=VanortGroup,
    help=m.APP_HELP,
    epilog=m.APP_EPILOG,
    rich_markup_mode="rich",
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)


class Language(enum.StrEnum):
    sv = "sv"
    en = "en"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(version_line())
        raise typer.Exit()


@_root.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            envvar="VANORT_DB",
            show_envvar=True,
            help="The registry: a SQLite file path or a database URL. "
            "Default: vanort's file in your user data directory (see `vanort db path`).",
        ),
    ] = None,
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang",
            help="The language: sv (svenska) or en (English). Default: VANORT_LANG, "
            "else your locale (LC_ALL, LC_MESSAGES, LANG).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    # `lang` was applied before parsing (VanortGroup.main); it is an option here
    # so that help shows it and a wrong value is refused.
    ctx.obj = AppState(db_option=db)
    ctx.call_on_close(ctx.obj.close)


# The commands, each imported only when the app that runs has it: `vanort
# next-meeting` imports cli/schedule.py and what it needs, not the other fifteen
# command modules (~20 ms CPU). In the order the root's help lists them.
def _schedule(app: typer.Typer) -> None:
    from vanort_cli.cli import schedule

    schedule.register(app)


def _calendar(app: typer.Typer) -> None:
    from vanort_cli.cli import calendar

    calendar.register(app)


def _serve(app: typer.Typer) -> None:
    from vanort_cli.cli import serve

    serve.register(app)


def _log_collaboration(app: typer.Typer) -> None:
    from vanort_cli.cli import collaborations

    app.command("log-collaboration")(collaborations.log_collaboration)


def _report(app: typer.Typer) -> None:
    from vanort_cli.cli import report

    app.command("report")(report.report)


def _check(app: typer.Typer) -> None:
    from vanort_cli.cli import followup

    app.command("check")(followup.check)


def _history(app: typer.Typer) -> None:
    from vanort_cli.cli import history

    app.command("history")(history.history)
    app.command("restore-record")(history.restore_record)


def _meeting(app: typer.Typer) -> None:
    from vanort_cli.cli import meetings

    app.add_typer(meetings.app, name="meeting")


@cache
def _collaborations_app() -> typer.Typer:
    """The collaborations group with its import commands, put together once a process."""
    from vanort_cli.cli import collaborations, intake

    intake.register(collaborations.app)
    return collaborations.app


def _collaborations(app: typer.Typer) -> None:
    app.add_typer(_collaborations_app(), name="collaborations")


def _towns(app: typer.Typer) -> None:
    from vanort_cli.cli import towns

    app.add_typer(towns.app, name="towns")


def _orgs(app: typer.Typer) -> None:
    from vanort_cli.cli import vocabulary

    app.add_typer(vocabulary.orgs_app, name="orgs")


def _areas(app: typer.Typer) -> None:
    from vanort_cli.cli import vocabulary

    app.add_typer(vocabulary.areas_app, name="areas")


@cache
def _rounds_app() -> typer.Typer:
    """The round group with its commands in the order of the work, put together once
    a process."""
    from vanort_cli.cli import round_letters, round_links, round_workbooks, rounds

    round_workbooks.register(rounds.app)
    round_links.register(rounds.app)
    round_letters.register(rounds.app)
    rounds.in_the_order_of_the_work()
    return rounds.app


def _round(app: typer.Typer) -> None:
    app.add_typer(_rounds_app(), name="round")


def _evaluation(app: typer.Typer) -> None:
    from vanort_cli.cli import followup

    app.add_typer(followup.app, name="evaluation")


def _db(app: typer.Typer) -> None:
    from vanort_cli.cli import db_commands

    app.add_typer(db_commands.app, name="db")


# Each command word of the root, and what puts it (and the words beside it) there.
_MOUNTS: dict[str, Callable[[typer.Typer], None]] = {
    "next-meeting": _schedule,
    "schedule": _schedule,
    "calendar": _calendar,
    "serve": _serve,
    "log-collaboration": _log_collaboration,
    "report": _report,
    "check": _check,
    "history": _history,
    "restore-record": _history,
    "meeting": _meeting,
    "collaborations": _collaborations,
    "towns": _towns,
    "orgs": _orgs,
    "areas": _areas,
    "round": _round,
    "evaluation": _evaluation,
    "db": _db,
}


def _with(mounts: Sequence[Callable[[typer.Typer], None]], *, shallow: bool = False) -> typer.Typer:
    """The root with the commands these mounts put there; `shallow`: each group
    without its own commands (what the root's help lists of it is its name and help)."""
    built = copy.copy(_root)
    built.registered_commands = []
    built.registered_groups = []
    for mount in mounts:
        mount(built)
    if shallow:
        built.registered_groups = [without_commands(info) for info in built.registered_groups]
    # Typer would evaluate the annotations four times while it builds the tree, and
    # read each function's parameters four times (see there).
    resolve_annotations(built)
    return built


@cache
def whole_app() -> typer.Typer:
    """The root with every command: for its help, completion and an unknown word."""
    return _with(list(dict.fromkeys(_MOUNTS.values())))


def __getattr__(name: str) -> Any:
    # `app`, the whole app, is put together when first asked for.
    if name == "app":
        return whole_app()
    raise AttributeError(name)


read_parameters_once()


# Set by the shell when it asks for completions (Typer's `_{PROG}_COMPLETE`).
COMPLETION_VARIABLE = "_VANORT_COMPLETE"
# The root's options that take a value, as `--db PATH` or `--db=PATH`.
_ROOT_VALUE_OPTIONS = ("--db", "--lang")


def _command_word(argv: Sequence[str]) -> str | None:
    """The command `argv` runs (`next-meeting`, `meeting`), past the root's options;
    None when it asks the root itself (its help, its version, completion) or when
    what follows the options is not plain."""
    args = iter(argv)
    for arg in args:
        if arg in _ROOT_VALUE_OPTIONS:
            next(args, None)
        elif arg.startswith(tuple(f"{option}=" for option in _ROOT_VALUE_OPTIONS)):
            continue
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def for_command_line(argv: Sequence[str]) -> typer.Typer:
    """The app to run `vanort ARGV` with: the whole of it, or the root with only the
    command that ARGV names.

    Typer builds the Click command of every command of the app before it parses
    anything (72 commands, each parameter's annotation read): a third of the time
    `vanort next-meeting` takes. The command named, its options and its
    subcommands are all there, so what it parses, answers and says is the same;
    a root's help, an unknown command and completion get the whole app."""
    if COMPLETION_VARIABLE in os.environ:
        typed = typed_before_completion(os.environ[COMPLETION_VARIABLE])
        word = None if typed is None else _command_word(typed)
        if typed is not None and _root_options_only(typed):
            # Completing the command's name (`vanort <TAB>`) or a root option.
            return _root_help_app()
        if word is None or word not in _MOUNTS:
            return whole_app()
        # Completing within a command (`vanort collaborations list --town Å<TAB>`):
        # only that command can be reached from what is typed.
        return _only(word)
    word = _command_word(argv)
    if word is None and (not argv or any(arg in ("-h", "--help") for arg in argv)):
        # The root's help (`vanort`, `vanort --help`) lists the commands and the
        # groups by name and help: the groups' own commands are not built (their
        # Click commands, annotations and help, ~18 ms CPU).
        return _root_help_app()
    if word is None or word not in _MOUNTS:
        return whole_app()
    return _only(word)


def _root_help_app() -> typer.Typer:
    return _with(list(dict.fromkeys(_MOUNTS.values())), shallow=True)


def _root_options_only(typed: Sequence[str]) -> bool:
    """Whether `typed` is only the root's options that take a value, with their values."""
    args = iter(typed)
    for arg in args:
        if arg in _ROOT_VALUE_OPTIONS:
            next(args, None)
        elif not arg.startswith(tuple(f"{option}=" for option in _ROOT_VALUE_OPTIONS)):
            return False
    return True


def _only(word: str) -> typer.Typer:
    """The root with only the command or group `word`."""
    only = _with([_MOUNTS[word]])
    only.registered_commands = [i for i in only.registered_commands if i.name == word]
    only.registered_groups = [i for i in only.registered_groups if i.name == word]
    return only
