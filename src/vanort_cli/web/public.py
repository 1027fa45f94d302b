"""The pages anyone the City lets in may read: the next meeting and its host, the
schedule with its basis note, the twin towns and partner cities, and the
calendar as a subscription (webcal) that an unchanged registry serves for free."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, date, datetime
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from vanort_cli.web.pages import render

router = APIRouter()

# The day the pages count from; VANORT_TODAY (ISO) fixes it for tests and
# demonstrations, as it does for the commands.
TODAY_ENV = "VANORT_TODAY"


def today() -> date:
    fixed = os.environ.get(TODAY_ENV)
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            pass
    return date.today()


def subscription_url(request: Request) -> str:
    """webcal://HOST/calendar.ics, from --base-url when set. Without it, the address
    the request came to: shown to the reader only, never a decision."""
    base = request.app.state.settings.base_url or str(request.base_url)
    parts = urlsplit(base)
    path = parts.path.rstrip("/")
    return f"webcal://{parts.netloc}{path}/calendar.ics"


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    from vanort_cli.services.schedule import next_meeting

    with request.app.state.registry.reading() as session:
        answer = next_meeting(session=session, today=today())
    return render(request, "home.html", meeting=answer, webcal=subscription_url(request))


@router.get("/schedule", response_class=HTMLResponse)
def schedule(request: Request) -> HTMLResponse:
    from vanort_cli.i18n import values
    from vanort_cli.services.schedule import basis_note, meeting_schedule

    with request.app.state.registry.reading() as session:
        rows = meeting_schedule(session=session, first_year=None, last_year=None, today=today())
        basis = str(basis_note(session=session))
    return render(request, "schedule.html", rows=rows, basis=basis, values=values)


@router.get("/towns", response_class=HTMLResponse)
def towns(request: Request) -> HTMLResponse:
    from vanort_cli.i18n import values
    from vanort_cli.services.towns import list_towns, town_public

    with request.app.state.registry.reading() as session:
        rows = [town_public(session=session, town=t) for t in list_towns(session=session)]
    return render(request, "towns.html", rows=rows, values=values)


@router.get("/calendar.ics")
def calendar(request: Request) -> Response:
    """The file `vanort calendar` writes, stamped with the registry's latest change
    to what it draws on (or this day's midnight, as the command with --today), so
    that its ETag and Last-Modified hold until something changes."""
    from vanort_cli.services.calendar import calendar_file

    with request.app.state.registry.reading() as session:
        data, stamp = calendar_file(session=session, today=today())
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    headers = {
        "ETag": etag,
        "Last-Modified": format_datetime(stamp, usegmt=True),
        "Cache-Control": "no-cache",  # may be kept, but asked again each time
        "Vary": "Accept-Language, Cookie",  # its words are in the reader's language
    }
    if _unchanged(request, etag, stamp):
        return Response(status_code=304, headers=headers)
    return Response(data, media_type="text/calendar; charset=utf-8", headers=headers)


def _unchanged(request: Request, etag: str, stamp: datetime) -> bool:
    """RFC 9110 13.1: If-None-Match decides when present; else If-Modified-Since."""
    match = request.headers.get("if-none-match")
    if match is not None:
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        return "*" in tags or etag in tags
    since = request.headers.get("if-modified-since")
    if since is None:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False  # a date that cannot be read is ignored, as the RFC says
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return stamp <= when
