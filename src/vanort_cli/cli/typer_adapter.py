"""What vanort needs of Typer beyond its public API, reached here and nowhere else.

Typer documents `typer.Option`, `typer.Argument`, `typer.Typer` and the Click API it
passes through (commands, contexts, parameters, their callbacks). vanort needs a
little more: the type a parameter was declared with and its choices (for metavars
and usage errors), the words of Typer's help (to speak Swedish), the wording of
Click's usage errors (to say them in vanort's words), a cheaper way to take text
values (start-up time), and the command tree's annotations evaluated once.

Typer vendors its Click (`typer._click`) and keeps all of this private, so any
release may change it. pyproject pins the Typer releases this was tested with, and
tests/test_typer_adapter.py checks each reliance below against the installed Typer:
after an upgrade, a failure there names this module and what changed.
"""

from __future__ import annotations

import copy
import enum
import importlib
import os
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, get_args, get_origin

import typer

try:
    from typer._click import core as _click_core
    from typer._click import exceptions as _click_errors
    from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption, _TyperParameter
    from typer.models import TyperInfo
except ImportError as missing:  # pragma: no cover - only with a Typer outside the pin
    raise ImportError(
        f"vanort_cli/cli/typer_adapter.py needs Typer's {missing.name or 'internals'} "
        f"({missing}); Typer {typer.__version__} is installed, vanort is tested with the "
        "versions pyproject.toml pins"
    ) from missing

__all__ = [
    "EXTRA_ARGUMENTS",
    "FLAG_TAKES_NO_VALUE",
    "HELP_WORDS",
    "MISSING_COMMAND",
    "NO_SUCH_COMMAND",
    "BadOptionUsage",
    "BadParameter",
    "ClickContext",
    "Command",
    "MissingParameter",
    "NoArgsIsHelpError",
    "NoSuchOption",
    "Parameter",
    "PlainArgument",
    "PlainOption",
    "TyperArgument",
    "TyperCommand",
    "TyperGroup",
    "TyperOption",
    "Unconverted",
    "UsageError",
    "annotation",
    "choices",
    "declared_callback",
    "help_module",
    "help_option",
    "parser",
    "read_parameters_once",
    "resolve_annotations",
    "set_help_words",
    "typed_before_completion",
    "unconverted",
    "without_commands",
]

# Click's classes, as Typer vendors them (Typer exports only BadParameter).
Command = _click_core.Command
ClickContext = _click_core.Context
Parameter = _click_core.Parameter
UsageError = _click_errors.UsageError
BadParameter = _click_errors.BadParameter
MissingParameter = _click_errors.MissingParameter
NoSuchOption = _click_errors.NoSuchOption
BadOptionUsage = _click_errors.BadOptionUsage
NoArgsIsHelpError = _click_errors.NoArgsIsHelpError


# -- what a parameter was declared as --------------------------------------------


def annotation(param: Parameter) -> Any:
    """The type `param` was declared with (a list's item type); None if not Typer's."""
    descriptor = getattr(param, "type_descriptor", None)
    declared = getattr(descriptor, "annotation", None)
    if get_origin(declared) in (list, tuple, set):
        declared = (get_args(declared) or (None,))[0]
    return declared


def choices(param: Parameter) -> tuple[Any, ...]:
    """The values a choice parameter accepts (enum members or strings); () for any value."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not descriptor.is_choice:
        return ()
    return tuple(descriptor.choices or ())


def parser(param: Parameter) -> Any:
    """The `parser=` given to typer.Option or typer.Argument; None if none was."""
    descriptor = getattr(param, "type_descriptor", None)
    info = getattr(descriptor, "parameter_info", None)
    return getattr(info, "parser", None)


def declared_callback(param: Parameter) -> Any:
    """The `callback=` given to typer.Option or typer.Argument (Typer wraps it)."""
    return getattr(param.callback, "__wrapped__", None)


def help_option(command: Command, ctx: ClickContext) -> TyperOption | None:
    """The command's `--help` option, made now: Click makes it on first use and keeps
    that one, so what is set on it here is what the help shows."""
    return command.get_help_option(ctx)


@dataclass(frozen=True)
class Unconverted:
    """A value Typer could not convert to the parameter's type, as it was given."""

    value: Any


def unconverted(error: BadParameter) -> Unconverted | None:
    """The value Typer's own conversion refused (pydantic's ValidationError behind the
    error); None when a parser or callback of ours refused it, in its own words."""
    cause = error.__cause__
    if cause is None or type(cause).__name__ != "ValidationError":
        return None
    errors = getattr(cause, "errors", None)
    try:
        return Unconverted(errors()[0]["input"] if errors else "?")
    except (IndexError, KeyError, TypeError):
        return Unconverted("?")


# -- Click's wording of the usage errors it raises in English --------------------

# `vanort meeting bogus`
NO_SUCH_COMMAND = re.compile(r"No such command '(.*?)'\.")
# A group's callback run without a command (no_args_is_help is off).
MISSING_COMMAND = re.compile(r"Missing command\.")
# `vanort towns list extra`; Click wrote "argument(s)" and "arguments" over time.
EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)")
# `vanort report --force=yes`
FLAG_TAKES_NO_VALUE = re.compile(r"does not take a value")


# -- the words of Typer's help ---------------------------------------------------

# Typer draws these from module constants of typer.rich_utils, by these names.
HELP_WORDS: Mapping[str, str] = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "DEPRECATED_STRING": "(deprecated) ",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}


def set_help_words(word: Callable[[str], str]) -> None:
    """Typer's own words in the help, each the `word` for its English.

    Imported only here, when help is drawn: Typer's help module costs ~70 ms, which a
    command that shows no help does not pay."""
    rich_utils = help_module()
    for name, english in HELP_WORDS.items():
        setattr(rich_utils, name, word(english))


class _LaterMarkdown:
    """Stands in typer.rich_utils for rich.markdown.Markdown until one is made."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        from rich.markdown import Markdown

        return Markdown(*args, **kwargs)


class _LaterTraceback:
    """Stands in typer.rich_utils for rich.traceback.Traceback until one is made."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        from rich.traceback import Traceback

        return Traceback(*args, **kwargs)

    @classmethod
    def from_exception(cls, *args: Any, **kwargs: Any) -> Any:
        from rich.traceback import Traceback

        return Traceback.from_exception(*args, **kwargs)


def help_module() -> types.ModuleType:
    """typer.rich_utils, Typer's help module, imported without the Markdown parser
    and the traceback renderer it imports at its top.

    It uses Markdown only for rich_markup_mode="markdown" (vanort's is "rich") and
    the traceback only for pretty exceptions (vanort's are off), yet importing them
    (rich.markdown with markdown_it, rich.traceback with pygments) is a third of the
    cost of `vanort --help`. Stand-ins that import the real classes when one is made
    take their place while it is imported, and only then: any other importer of
    rich.markdown or rich.traceback gets the real module."""
    loaded = sys.modules.get("typer.rich_utils")
    if loaded is not None:
        return loaded
    stand_ins = {
        "rich.markdown": ("Markdown", _LaterMarkdown),
        "rich.traceback": ("Traceback", _LaterTraceback),
    }
    placed = []
    for module_name, (class_name, stand_in) in stand_ins.items():
        if module_name not in sys.modules:
            stub = types.ModuleType(module_name)
            setattr(stub, class_name, stand_in)
            sys.modules[module_name] = stub
            placed.append(module_name)
    try:
        return importlib.import_module("typer.rich_utils")
    finally:
        for module_name in placed:
            del sys.modules[module_name]


# -- text values without Typer's conversion ----------------------------------------


class _PlainValues(_TyperParameter):
    """Values that need no conversion are taken as they are.

    Typer converts every value through a pydantic TypeAdapter, which costs
    importing pydantic and building the adapter (~60 ms on a 2-core machine),
    also for `--db` on every `vanort COMMAND --help` and on every shell
    completion. A value not given, text for text and a switch's True or False
    need no conversion, nor does a choice's default, already the enum's member;
    and completion only needs the words, not their values: none of them needs
    pydantic. Everything else is converted by Typer."""

    def process_value(self, ctx: ClickContext, value: Any) -> Any:
        if ctx.resilient_parsing:
            return value
        if not self._needs_no_conversion(value):
            return super().process_value(ctx, value)
        if value is None and (self.multiple or self.nargs == -1):
            value = ()  # as Typer gives a list option that was not given
        if self.required and self.value_is_missing(value):
            raise MissingParameter(ctx=ctx, param=self)
        return self.callback(ctx, self, value) if self.callback is not None else value

    def _needs_no_conversion(self, value: Any) -> bool:
        if value is None:
            return True
        descriptor = getattr(self, "type_descriptor", None)
        if descriptor is None or self.nargs != 1 or self.multiple:
            return False
        if descriptor.parameter_info.parser is not None:
            return False
        declared = descriptor.annotation
        return (
            (declared is str and isinstance(value, str))
            or (declared is bool and isinstance(value, bool))
            # A choice's default, already the member (`--format` not given).
            or (isinstance(declared, enum.EnumType) and type(value) is declared)
        )


class PlainOption(_PlainValues, TyperOption):
    """An option whose text values skip Typer's conversion (see _PlainValues)."""


class PlainArgument(_PlainValues, TyperArgument):
    """An argument shown by its name alone: `YEAR`, not `YEAR <int>` in the help's
    table nor `{YEAR}` in its usage line (an optional one is `[YEAR]`)."""

    def display_type_rich(self, ctx: ClickContext) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")


# -- the command tree's annotations ----------------------------------------------


def resolve_annotations(typer_app: typer.Typer) -> None:
    """Evaluate every command's annotations once, now.

    Under `from __future__ import annotations` they are strings, and Typer
    evaluates each of them four times while it builds the command tree (a
    signature and the type hints, twice): two thirds of the tree's cost, paid
    on every start. Evaluated once, their readings are cheap."""
    callbacks: list[Callable[..., Any] | None] = [
        command.callback for command in typer_app.registered_commands
    ]
    if typer_app.registered_callback is not None:
        callbacks.append(typer_app.registered_callback.callback)
    for group in typer_app.registered_groups:
        callbacks.append(group.callback)
        if group.typer_instance is not None:
            resolve_annotations(group.typer_instance)
    for callback in callbacks:
        annotations = getattr(callback, "__annotations__", None) or {}
        if callback is not None and any(isinstance(a, str) for a in annotations.values()):
            callback.__annotations__ = typing.get_type_hints(callback, include_extras=True)


def read_parameters_once() -> None:
    """Typer reads each command's parameters (its signature and type hints) four
    times while it builds the command tree, and each parameter's callbacks twice
    more: ~40% of the cost of building it, paid on every start by `--help` and
    completion (24 -> 13 ms CPU for vanort's tree). The readings of a function are
    the same every time (its annotations are evaluated once, by
    `resolve_annotations`, before any is read), and Typer builds the Click
    parameters from them without changing them, so each function is read once.

    Typer calls `typer.main.get_params_from_function` by that name, which is what
    is replaced (tests/test_startup.py checks that it still does)."""
    import typer.main as typer_main
    from typer.utils import get_params_from_function as read

    if getattr(typer_main.__dict__.get("get_params_from_function"), "_vanort_once", False):
        return
    readings: dict[Callable[..., Any], dict[str, Any]] = {}

    def read_once(func: Callable[..., Any]) -> dict[str, Any]:
        found = readings.get(func)
        if found is None:
            found = readings[func] = read(func)
        return dict(found)

    read_once._vanort_once = True  # type: ignore[attr-defined]
    setattr(typer_main, "get_params_from_function", read_once)  # noqa: B010 - not exported


# -- the root's help and completion, cut down (cli/app.py) ----------------------------


def without_commands(info: TyperInfo) -> TyperInfo:
    """A group as its root's help shows it: its name and help, none of its commands
    (cli/app.py builds the root's help and command-name completion from these)."""
    group = copy.copy(info)
    if info.typer_instance is not None:
        group.typer_instance = copy.copy(info.typer_instance)
        group.typer_instance.registered_commands = []
        group.typer_instance.registered_groups = []
    return group


def typed_before_completion(instruction: str) -> list[str] | None:
    """The words typed before the one the shell asks to complete, read as Typer
    reads them for each shell (typer/_completion_classes.py); None when the shell
    or its variables are not those."""
    from typer._click.shell_completion import split_arg_string

    if instruction == "complete_bash" and "COMP_WORDS" in os.environ:
        cword = os.environ.get("COMP_CWORD", "")
        if not cword.isdigit():
            return None
        return split_arg_string(os.environ["COMP_WORDS"])[1 : int(cword)]
    line = os.environ.get("_TYPER_COMPLETE_ARGS")
    if line is None:
        return None
    words = split_arg_string(line)[1:]
    if instruction in ("complete_zsh", "complete_fish"):
        return words[:-1] if words and not line.endswith(" ") else words
    if instruction in ("complete_powershell", "complete_pwsh"):
        return words[:-1] if os.environ.get("_TYPER_COMPLETE_WORD_TO_COMPLETE") else words
    return None
