"""Running the application with uvicorn, a production-grade ASGI server.

Proxy headers (X-Forwarded-For, -Proto) are trusted only from the addresses
`--proxy` names, so a client cannot claim another address or HTTPS; the single
sign-on header is trusted only when `--trust-proxy-header` names it, and only
from those addresses too (settings.py)."""

from __future__ import annotations

from vanort_cli.web.settings import WebSettings


def serve(settings: WebSettings, *, host: str, port: int) -> None:
    import uvicorn

    from vanort_cli.web.app import create_app

    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        proxy_headers=True,
        forwarded_allow_ips=list(settings.proxies),
        server_header=False,
        date_header=True,
        log_level="info",
        access_log=True,
    )
