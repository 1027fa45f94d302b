"""Running the application with uvicorn, a production-grade ASGI server.

Proxy headers (X-Forwarded-For, -Proto) are trusted only from the addresses
`--proxy` names, so a client cannot claim another address or HTTPS; the single
sign-on header is trusted only when `--trust-proxy-header` names it, and only
from those addresses too (settings.py)."""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

from vanort_cli.web.settings import WebSettings


class DirectPeer:
    """Keeps the address of the connection's other end (the proxy, or a client
    that came straight) as `request.state.peer`, before X-Forwarded-For replaces
    `scope["client"]`: the single sign-on header is trusted by that address only
    (web/office.py), never by what a header says the client was."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            client = scope.get("client")
            scope.setdefault("state", {})["peer"] = client[0] if client else None
        await self.app(scope, receive, send)


class HideTokens(logging.Filter):
    """The access log never holds a personal link's token: `/l/TOKEN` is logged as
    `/l/...` (the token is a password; the log is read by the City's IT)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            hidden = LINK_PATH.sub("/l/...", args[2])
            record.args = (*args[:2], hidden, *args[3:])
        return True


LINK_PATH = re.compile(r"^/l/[^/?#]*")


def log_config() -> dict[str, Any]:
    """uvicorn's logging, with HideTokens on its access log."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["hide_tokens"] = {"()": HideTokens}
    config["handlers"]["access"]["filters"] = ["hide_tokens"]
    return config


def serve(settings: WebSettings, *, host: str, port: int) -> None:
    import uvicorn
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    from vanort_cli.web.app import create_app

    # uvicorn's own proxy-header handling, wrapped here (not by proxy_headers=True)
    # so that DirectPeer sees the connection before it is rewritten.
    app = ProxyHeadersMiddleware(create_app(settings), trusted_hosts=list(settings.proxies))  # type: ignore[arg-type]
    uvicorn.run(
        DirectPeer(app),
        host=host,
        port=port,
        proxy_headers=False,
        server_header=False,
        date_header=True,
        log_level="info",
        access_log=True,
        log_config=log_config(),
    )
