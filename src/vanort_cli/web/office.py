"""The office's pages: the round's overview (as `round status`) and each
organisation's answer, read-only. Never open by default.

Who may read them (`office_user`):
(a) the City's single sign-on, passed by the reverse proxy in the header that
    `vanort serve --trust-proxy-header NAME` names, believed only when the
    connection itself comes from one of the `--proxy` addresses (the direct peer
    server.DirectPeer kept, never X-Forwarded-For); without the option no header
    is ever believed;
(b) the session a coordinator link (`vanort round links YEAR --coordinator`) was
    exchanged for at /l/TOKEN (web/reporter.py), while the link is valid.

Without either, every office page answers 403 with a page saying how to get in,
before anything is read: not 404, because the pages are documented (no secret to
keep by hiding them) and the coordinator needs to be told to sign in; the same
403 for a known and an unknown organisation, so nobody learns which exist.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException

from vanort_cli.web.pages import render
from vanort_cli.web.public import today

router = APIRouter()

# A user name longer than this is no name a single sign-on gives.
MAX_USER = 256


def _from_proxy(peer: str | None, proxies: tuple[str, ...]) -> bool:
    """Whether `peer` is one of `proxies` (addresses, or networks like 10.0.0.0/24).
    A wildcard ("*") is not honoured here: the sign-on header is believed only from
    a proxy named by address."""
    if not peer:
        return False
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False  # a Unix socket's peer has no address: nothing to trust
    for proxy in proxies:
        try:
            if address in ipaddress.ip_network(proxy, strict=False):
                return True
        except ValueError:
            continue
    return False


def office_user(request: Request) -> str | None:
    """Who is reading the office's pages, or None when nobody may."""
    settings = request.app.state.settings
    if settings.trust_proxy_header:
        peer = getattr(request.state, "peer", None)
        value = request.headers.get(settings.trust_proxy_header, "").strip()
        if value and len(value) <= MAX_USER and _from_proxy(peer, settings.proxies):
            return str(value)
    return _coordinator(request)


def _coordinator(request: Request) -> str | None:
    """(b): the session a coordinator link was exchanged for (web/reporter.py)."""
    from vanort_cli.services.web_links import COORDINATOR, find_session
    from vanort_cli.web.reporter import COOKIE, now

    session_id = request.cookies.get(COOKIE)
    if not session_id:
        return None
    with request.app.state.registry.reading() as session:
        found = find_session(session=session, session_id=session_id, now=now())
    if found is None or found[1].link.kind != COORDINATOR:
        return None
    return f"coordinator link {found[1].link.id}"


def _user_or_403(request: Request) -> str:
    user = office_user(request)
    if user is None:
        raise HTTPException(status_code=403)
    return user


def _year(text: str | None, session: Any) -> int | None:
    """The round asked for (?year=), or the latest one; None: no round at all."""
    from vanort_cli.services.rounds import latest_year

    if text is None or text == "":
        return latest_year(session=session)
    if not text.isdigit() or len(text) != 4:
        raise HTTPException(status_code=404)
    return int(text)


@router.get("/office", response_class=HTMLResponse)
def overview(request: Request, year: str | None = None) -> HTMLResponse:
    from vanort_cli.services.rounds import held, organisation_keys, overviews
    from vanort_cli.services.rounds import overview as round_overview
    from vanort_cli.services.rounds import status as round_status

    user = _user_or_403(request)
    day = today()
    with request.app.state.registry.reading() as session:
        chosen = _year(year, session)
        if chosen is None:
            return render(request, "office.html", user=user, round=None, rows=[], keys={}, years=[])
        if held(session=session, year=chosen) is None:
            raise HTTPException(status_code=404)
        summary = round_overview(session=session, year=chosen, today=day)
        rows = round_status(session=session, year=chosen, today=day)
        keys = organisation_keys(session=session)
        years = [o.year for o in overviews(session=session, today=day)]
    return render(
        request, "office.html", user=user, round=summary, rows=rows, keys=keys, years=years
    )


@router.get("/office/{key}", response_class=HTMLResponse)
def organisation(request: Request, key: str, year: str | None = None) -> HTMLResponse:
    from vanort_cli.services.rounds import organisation_answer

    user = _user_or_403(request)
    with request.app.state.registry.reading() as session:
        chosen = _year(year, session)
        if chosen is None:
            raise HTTPException(status_code=404)
        answer = organisation_answer(session=session, year=chosen, key=key)
    if answer is None:
        raise HTTPException(status_code=404)
    return render(
        request,
        "office_organisation.html",
        user=user,
        org=answer.organisation,
        year=answer.year,
        place=answer.place,
        collaborations=answer.collaborations,
    )
