"""`vanort serve`: the web front over the registry, for the contacts and the office."""

from __future__ import annotations

from typing import Annotated

import typer

from vanort_cli.cli.common import PORTS, state
from vanort_cli.i18n import messages as m
from vanort_cli.output.console import say


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(metavar="ADDRESS", help="The address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(metavar="PORT", callback=PORTS.check, help="The port to listen on.")
    ] = 8080,
    base_url: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            envvar="VANORT_BASE_URL",
            help="The address people reach it by, behind the City's proxy "
            "(https://vanort.goteborg.se): in links and the calendar's address.",
        ),
    ] = None,
    trust_proxy_header: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="The header the City's single sign-on proxy sets with the signed-in "
            "user (for the office's pages); trusted only from --proxy.",
        ),
    ] = None,
    proxy: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ADDRESS",
            help="The reverse proxy's address, whose forwarded headers are trusted "
            "(repeatable). Default: this machine (127.0.0.1, ::1).",
        ),
    ] = None,
) -> None:
    """Serve the web front: the contacts answer the round in a browser, the office
    follows it, and anyone subscribes to the calendar.

    Runs on the registry --db or VANORT_DB names, with uvicorn; put the City's
    reverse proxy in front of it for TLS (see the README).

    [bold]Example[/]

      vanort serve --port 8080 --base-url https://vanort.goteborg.se
    """
    try:
        from vanort_cli.web.app import create_app  # noqa: F401  (imports the web extra)
        from vanort_cli.web.server import serve as run
    except ImportError:
        from vanort_cli.errors import UsageError

        raise UsageError(m.SERVE_NEEDS_WEB) from None
    from vanort_cli.web.settings import WebSettings

    app_state = state(ctx)
    registry = app_state.registry  # opened here: a registry that cannot be used says so now
    settings = WebSettings(
        db=app_state.db_option,
        base_url=base_url,
        trust_proxy_header=trust_proxy_header,
        proxies=tuple(proxy) if proxy else ("127.0.0.1", "::1"),
    )
    say(m.SERVE_STARTING.format(registry=registry.location.display, url=f"http://{host}:{port}/"))
    run(settings, host=host, port=port)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
