"""Rendering a page: the templates (Jinja2, every value escaped), the words in the
request's language from the same catalogue as the commands, and the layout
every page shares."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"


@cache
def environment() -> Environment:
    from vanort_cli.i18n import messages as m
    from vanort_cli.i18n import pick
    from vanort_cli.output.text import as_text

    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every value is text, whatever it holds
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # `m.NAME` in a template is the sentence in the request's language (the
    # catalogue's, as the commands say it); `text(value)` a value as the CLI writes it.
    env.globals["m"] = m
    env.globals["text"] = as_text
    env.globals["pick"] = pick
    return env


def render(
    request: Request, template: str, *, status_code: int = 200, **values: Any
) -> HTMLResponse:
    lang = request.scope.get("state", {}).get("lang", "sv")
    page = environment().get_template(template).render(lang=lang, path=request.url.path, **values)
    return HTMLResponse(page, status_code=status_code)
