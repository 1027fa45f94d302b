"""What cli/typer_adapter.py relies on in Typer (and the Click it vendors) still holds.

Each reliance is checked on the installed Typer, on a small app of its own, so that
an upgrade that changes one fails here, naming the adapter and what changed,
rather than as a help page or a usage error gone subtly wrong somewhere else.
"""

from __future__ import annotations

import ast
import enum
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer
from typer.testing import CliRunner

from vanort_cli.cli import typer_adapter as adapter

SRC = Path(__file__).resolve().parents[1] / "src" / "vanort_cli"
ADAPTER = "src/vanort_cli/cli/typer_adapter.py"


def relied_on(holds: bool, what: str) -> None:
    """Fail loudly, naming the adapter, when something it relies on is gone."""
    assert holds, (
        f"{ADAPTER} relies on {what}, which Typer {typer.__version__} no longer does: "
        "update the adapter (and the typer pin in pyproject.toml)"
    )


class Colour(enum.StrEnum):
    red = "red"
    blue = "blue"


def refuse(value: Any) -> Any:
    """A callback that refuses every value, in its own words."""
    if value is not None:
        raise typer.BadParameter("refused by the callback")
    return value


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def take(
        year: Annotated[int, typer.Argument(metavar="YEAR")],
        names: Annotated[list[str] | None, typer.Option("--name")] = None,
        colour: Annotated[Colour, typer.Option()] = Colour.red,
        text: Annotated[str | None, typer.Option()] = None,
        refused: Annotated[int | None, typer.Option(callback=refuse)] = None,
        flag: Annotated[bool, typer.Option("--flag")] = False,
    ) -> None:
        typer.echo(f"{year} {names} {colour.value} {text} {flag}")

    @app.command()
    def other() -> None:
        pass

    return app


def _command(name: str = "take") -> Any:
    group: Any = typer.main.get_command(_app())
    return group.commands[name]


def _param(name: str) -> Any:
    return next(p for p in _command().params if p.name == name)


def _error(*args: str) -> Any:
    """The usage error Typer raises for `args`, as vanort's handler receives it."""
    group: Any = typer.main.get_command(_app())
    with pytest.raises(adapter.UsageError) as raised:
        group.main(list(args), standalone_mode=False)
    return raised.value


# -- what a parameter was declared as ---------------------------------------------


def test_the_declared_type_is_read_from_the_parameter() -> None:
    relied_on(adapter.annotation(_param("year")) is int, "param.type_descriptor.annotation")
    relied_on(adapter.annotation(_param("names")) is str, "a list's item type in the annotation")
    relied_on(adapter.annotation(_param("text")) is str, "Optional[str] given as str")


def test_the_choices_are_read_from_the_parameter() -> None:
    relied_on(
        adapter.choices(_param("colour")) == (Colour.red, Colour.blue),
        "type_descriptor.is_choice and .choices",
    )
    relied_on(adapter.choices(_param("text")) == (), "no choices for a text option")


def test_the_declared_callback_is_found_behind_typers_wrapper() -> None:
    relied_on(
        adapter.declared_callback(_param("refused")) is refuse,
        "Typer wrapping a callback with functools.update_wrapper (__wrapped__)",
    )
    relied_on(adapter.declared_callback(_param("text")) is None, "no callback, no __wrapped__")


def test_the_help_option_is_made_once_and_then_used() -> None:
    command = _command()
    ctx = typer.Context(command, help_option_names=["-h", "--help"])
    made = adapter.help_option(command, ctx)
    relied_on(made is not None and set(made.opts) == {"-h", "--help"}, "get_help_option(ctx)")
    relied_on(
        adapter.help_option(command, typer.Context(command)) is made,
        "Click keeping the help option it made first (_help_option)",
    )
    relied_on(made in command.get_params(ctx), "the kept help option being the one parsed")


# -- the errors Typer and Click raise ------------------------------------------------


def test_a_value_typer_cannot_convert_is_told_from_one_a_callback_refuses() -> None:
    error = _error("take", "abc")
    relied_on(isinstance(error, adapter.BadParameter), "BadParameter for a value not converted")
    relied_on(
        adapter.unconverted(error) == adapter.Unconverted("abc"),
        "pydantic's ValidationError, with the input, behind Typer's BadParameter",
    )
    refused = _error("take", "1", "--refused", "5")
    relied_on(adapter.unconverted(refused) is None, "a callback's BadParameter as raised")
    relied_on(refused.message == "refused by the callback", "a callback's own words")


@pytest.mark.parametrize(
    ("args", "raised", "pattern"),
    [
        (("bogus",), adapter.UsageError, adapter.NO_SUCH_COMMAND),
        (("take", "1", "extra"), adapter.UsageError, adapter.EXTRA_ARGUMENTS),
        (("take", "1", "--flag=yes"), adapter.BadOptionUsage, adapter.FLAG_TAKES_NO_VALUE),
    ],
    ids=["no such command", "extra arguments", "flag takes no value"],
)
def test_clicks_wording_of_its_usage_errors(
    args: tuple[str, ...], raised: type[Exception], pattern: Any
) -> None:
    error = _error(*args)
    relied_on(isinstance(error, raised), f"{raised.__name__} for {' '.join(args)}")
    relied_on(pattern.search(error.message) is not None, f"Click saying {pattern.pattern!r}")


def test_clicks_wording_of_a_missing_command() -> None:
    group: Any = typer.main.get_command(_app())
    group.no_args_is_help = False
    with pytest.raises(adapter.UsageError) as raised:
        group.main([], standalone_mode=False)
    relied_on(
        adapter.MISSING_COMMAND.fullmatch(raised.value.message) is not None,
        f"Click saying {adapter.MISSING_COMMAND.pattern!r}",
    )


def test_other_errors_are_the_classes_vanort_tells_apart() -> None:
    relied_on(isinstance(_error("take"), adapter.MissingParameter), "MissingParameter")
    relied_on(isinstance(_error("take", "1", "--bogus"), adapter.NoSuchOption), "NoSuchOption")
    relied_on(issubclass(adapter.NoArgsIsHelpError, adapter.UsageError), "NoArgsIsHelpError")
    relied_on(adapter.BadParameter is typer.BadParameter, "typer.BadParameter being Click's")


# -- the words of Typer's help -------------------------------------------------------


def test_typers_help_words_are_the_constants_the_adapter_sets() -> None:
    # A fresh interpreter: vanort's own tests change them to the language they speak.
    names = list(adapter.HELP_WORDS)
    program = (
        "from typer import rich_utils\nfor n in NAMES: print(repr(getattr(rich_utils, n, None)))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", program.replace("NAMES", repr(names))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name, english, value in zip(names, adapter.HELP_WORDS.values(), shown, strict=True):
        relied_on(value == repr(english), f"typer.rich_utils.{name} == {english!r}")


@pytest.fixture
def shouting() -> Iterator[None]:
    adapter.set_help_words(str.upper)
    yield
    adapter.set_help_words(lambda english: english)


def test_the_help_is_drawn_with_the_words_set(shouting: None) -> None:
    out = CliRunner().invoke(_app(), ["take", "--help"], env={"COLUMNS": "80"}).stdout
    relied_on("OPTIONS" in out and "ARGUMENTS" in out, "Typer reading the panel titles at draw")


# -- text values without Typer's conversion ------------------------------------------


def _plain(name: str) -> tuple[Any, typer.Context]:
    command = _command()
    param = next(p for p in command.params if p.name == name)
    param.__class__ = adapter.PlainArgument if name == "year" else adapter.PlainOption
    return param, typer.Context(command)


def test_a_typer_parameter_takes_the_plain_class() -> None:
    option, ctx = _plain("text")
    relied_on(isinstance(option, adapter.TyperOption), "swapping a TyperOption's class")
    relied_on(option.process_value(ctx, "x") == "x", "process_value(ctx, value)")
    relied_on(
        getattr(option, "_runtime_param", "gone") is None,
        "Typer building its converter (_runtime_param) only when asked (text needs none)",
    )
    relied_on(option.process_value(ctx, None) is None, "None for an option not given")
    names, ctx = _plain("names")
    relied_on(names.process_value(ctx, None) == (), "() for a list option not given")
    flag, ctx = _plain("flag")
    relied_on(flag.process_value(ctx, True) is True, "a switch's bool taken as it is")


def test_other_values_are_still_converted_by_typer() -> None:
    colour, ctx = _plain("colour")
    relied_on(colour.process_value(ctx, "blue") is Colour.blue, "Typer converting a choice")
    year, ctx = _plain("year")
    relied_on(year.process_value(ctx, "2026") == 2026, "Typer converting a number")
    with pytest.raises(adapter.MissingParameter):
        year.process_value(ctx, None)


def test_an_argument_shows_its_name_alone(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    relied_on(
        callable(getattr(adapter.TyperArgument, "_usage_display_name", None))
        and callable(getattr(adapter.TyperArgument, "display_type_rich", None)),
        "TyperArgument._usage_display_name and display_type_rich, overridden by PlainArgument",
    )
    group: Any = typer.main.get_command(_app())
    command = group.commands["take"]
    for param in command.params:
        if type(param) is adapter.TyperArgument:
            param.__class__ = adapter.PlainArgument
    monkeypatch.setenv("COLUMNS", "80")
    group.main(["take", "--help"], prog_name="x", standalone_mode=False)
    out = capsys.readouterr().out
    relied_on("[OPTIONS] YEAR" in out and "{YEAR}" not in out, "the usage line's argument name")
    relied_on(not re.search(r"YEAR\s+<int>", out), "display_type_rich drawing the type column")


# -- the command tree's annotations ---------------------------------------------


def test_the_annotations_of_every_command_are_evaluated_once() -> None:
    app = typer.Typer()
    sub = typer.Typer()

    @app.callback()
    def root(verbose: bool = False) -> None: ...

    @sub.command()
    def leaf(year: int) -> None: ...

    app.add_typer(sub, name="sub")
    for attribute in ("registered_commands", "registered_groups", "registered_callback"):
        relied_on(hasattr(app, attribute), f"Typer.{attribute}")
    relied_on(hasattr(app.registered_groups[0], "typer_instance"), "TyperInfo.typer_instance")
    adapter.resolve_annotations(app)
    relied_on(leaf.__annotations__["year"] is int, "a sub-group's commands")
    relied_on(root.__annotations__["verbose"] is bool, "the app's callback")


# -- and nothing else reaches in -------------------------------------------------


def _imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


PRIVATE = ("typer.core", "typer.main", "typer.models", "typer.rich_utils", "typer._", "click")


def test_only_the_adapter_imports_typers_internals() -> None:
    reaching = [
        f"{path.relative_to(SRC.parent.parent)}: {name}"
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "typer_adapter.py"
        for name in _imports(path)
        if name.startswith(PRIVATE) or name == "typer._click"
    ]
    assert not reaching, f"only {ADAPTER} may import Typer's internals: {reaching}"
