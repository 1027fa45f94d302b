"""The web application: FastAPI over the registry `vanort serve` names.

Every page is rendered on the server (Jinja2, autoescaped) and works without
JavaScript. The registry is opened once, when the server starts; each request
reads or writes in a session of its own, through the same services as the
commands. Pages live in modules of their own (public.py, ...), each with a
`router`; this module wires them with what every response needs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from vanort_cli.web.middleware import BodyLimit, Language, SecurityHeaders
from vanort_cli.web.pages import STATIC_DIR
from vanort_cli.web.settings import WebSettings


def create_app(settings: WebSettings) -> FastAPI:
    """The application for `settings`; the registry is opened at start-up."""
    from vanort_cli.store.location import resolve_location
    from vanort_cli.store.registry import Registry

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        registry = Registry(resolve_location(settings.db), may_create=settings.db is None)
        app.state.registry = registry
        try:
            yield
        finally:
            registry.close()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # pages for people, not an API to browse
    )
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    from vanort_cli.web import office, public, reporter

    app.include_router(public.router)
    app.include_router(office.router)
    app.include_router(reporter.router)
    _errors(app)
    # The outermost first: the body's size is checked before anything reads it.
    app.add_middleware(Language)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=settings.max_body)
    return app


def _errors(app: FastAPI) -> None:
    """A page, never a traceback, for what goes wrong."""
    from fastapi import Request
    from fastapi.responses import HTMLResponse
    from starlette.exceptions import HTTPException

    from vanort_cli.web.pages import render

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> HTMLResponse:
        return render(request, "error.html", status_code=error.status_code, code=error.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Any:
        return render(request, "error.html", status_code=500, code=500)
