"""`vanort db ...`: where the registry is, and setting it up for scripts."""

from __future__ import annotations

import typer

from vanort_cli import messages as m
from vanort_cli.cli.common import CONTEXT_SETTINGS, reading, state
from vanort_cli.output import say

app = typer.Typer(
    help="The registry file: where it is, and creating it.",
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    rich_markup_mode="rich",
)


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Print where the registry is (a database URL's password is masked).

    Chosen by --db, else the VANORT_DB variable, else a file in your user data
    directory. Nothing is created.

    [bold]Example[/]

      vanort db path
    """
    from vanort_cli.location import resolve_location

    typer.echo(resolve_location(state(ctx).db_option).display)


@app.command("init")
def init(ctx: typer.Context) -> None:
    """Create and seed the registry if it does not exist yet; safe to run again.

    Every command does this on first use; `db init` is for scripts that want it
    done up front.

    [bold]Example[/]

      VANORT_DB=/srv/vanort/registry.db vanort db init
    """
    from vanort_cli.migrations import SCHEMA_VERSION

    registry = state(ctx).registry
    with reading(ctx):
        pass
    say(m.REGISTRY_READY.format(location=registry.location.display, version=SCHEMA_VERSION))
