"""The reporter's pages: a personal link (`/l/TOKEN`) exchanged for a session,
and `/answer`, where an organisation confirms, corrects, ends or adds its
collaborations of the round's year and sends its answer, through the same
services (and so the same refusals) as the commands."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vanort_cli.web.pages import render

router = APIRouter()
COOKIE = "vanort_session"
# A wrong token costs a constant delay, and more for each failure from one address
# (doubling up to a few seconds), so guessing is slow; a right one costs nothing.
BASE_DELAY = 0.2
MAX_DELAY = 4.0


class _Failures:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count: dict[str, int] = {}

    def delay(self, address: str) -> float:
        with self._lock:
            count = self._count.get(address, 0)
            self._count[address] = count + 1
            if len(self._count) > 10_000:  # bounded memory under a flood of addresses
                self._count.clear()
        return min(BASE_DELAY * 2**count, MAX_DELAY) if count else BASE_DELAY


FAILURES = _Failures()


def now() -> datetime:
    return datetime.now(UTC)


def _not_found(request: Request) -> HTMLResponse:
    address = request.client.host if request.client else "?"
    time.sleep(FAILURES.delay(address))
    return render(request, "error.html", status_code=404, code=404)


@router.get("/l/{token}")
def open_link(request: Request, token: str) -> Response:
    from vanort_cli.services.web_links import start_session, verify

    registry = request.app.state.registry
    if len(token) > 100:
        return _not_found(request)
    with registry.writing() as session:
        opened = verify(session=session, token=token, today=now().date())
        if opened is None:
            started = None
        else:
            started = start_session(session=session, link=opened.link, now=now())
    if opened is None or started is None:
        return _not_found(request)
    target = "/answer" if opened.link.kind == "reporter" else "/office"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE,
        started.session_id,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",  # uvicorn trusts X-Forwarded-Proto from --proxy
        path="/",
        max_age=12 * 3600,
    )
    return response


@dataclass
class Form:
    """What one form sent, kept to show it again beside its refusal."""

    values: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    field_name: str | None = None  # the field the refusal is about; None: the form's


def _current(request: Request, session: Any) -> Any:
    from vanort_cli.services.web_links import find_session

    session_id = request.cookies.get(COOKIE)
    found = (
        None if not session_id else find_session(session=session, session_id=session_id, now=now())
    )
    if found is None or found[1].organisation is None:
        raise HTTPException(404)
    return found


def _page(
    request: Request, forms: dict[str, Form] | None = None, status: int = 200, **extra: Any
) -> HTMLResponse:
    from vanort_cli.services.rounds import member
    from vanort_cli.services.web_answers import choices, rows
    from vanort_cli.services.web_links import csrf_for

    registry = request.app.state.registry
    with registry.reading() as session:
        _web_session, opened = _current(request, session)
        org, round_ = opened.organisation, opened.round_
        listed = rows(session=session, year=round_.year, org=org)
        place = member(session=session, round_=round_, org=org)
        lists = choices(session=session)
    return render(
        request,
        "answer.html",
        status_code=status,
        org=org,
        round_=round_,
        rows=listed,
        place=place,
        forms=forms or {},
        closed=round_.closed_on is not None,
        csrf=csrf_for(request.cookies.get(COOKIE, "")),
        saved=request.query_params.get("saved") == "1",
        towns=lists.towns,
        areas=lists.areas,
        kinds=lists.kinds,
        **extra,
    )


@router.get("/answer", response_class=HTMLResponse)
def answer_page(request: Request) -> HTMLResponse:
    return _page(request)


async def _posted(request: Request) -> dict[str, Any]:
    form = await request.form()
    data: dict[str, Any] = {k: form.get(k) for k in form}
    data["towns"] = form.getlist("towns")
    return data


@router.post("/answer/{action}", response_class=HTMLResponse)
async def answer_post(request: Request, action: str) -> Response:
    from starlette.concurrency import run_in_threadpool

    data = await _posted(request)
    return await run_in_threadpool(_act, request, action, data)


def _act(request: Request, action: str, data: dict[str, Any]) -> Response:
    from vanort_cli.errors import VanortError
    from vanort_cli.i18n import messages as m
    from vanort_cli.services.web_links import csrf_matches
    from vanort_cli.store.claim import Claim, claiming

    registry = request.app.state.registry
    with registry.reading() as session:
        web_session, opened = _current(request, session)
    if not csrf_matches(web_session, str(data.get("csrf") or "")):
        return render(request, "error.html", status_code=403, code=403)
    key = action if action in ("add", "send", "nothing") else f"edit-{data.get('id')}"
    if action not in ("add", "send", "nothing", "edit"):
        raise HTTPException(404)
    form = Form(values=data)
    name = str(data.get("name") or "").strip()
    if opened.round_.closed_on is not None:
        form.error = m.WEB_ROUND_CLOSED_REFUSED.format(year=opened.round_.year)
        return _page(request, {key: form}, status=409)
    if not name:
        form.error, form.field_name = m.WEB_NAME_NEEDED, "name"
        return _page(request, {key: form}, status=400)
    org = opened.organisation
    claim = Claim(
        login="web",
        claimed_by=name[:100],
        command=f"vanort web: link {opened.link.id} of {org.name}",
    )
    try:
        with claiming(claim), registry.writing() as session:
            _write(session, action, data, org=org, year=opened.round_.year, name=name)
    except VanortError as error:
        form.error = str(error).splitlines()[0] if str(error) else type(error).__name__
        form.field_name = getattr(error, "web_field", None)
        return _page(request, {key: form}, status=400)
    return RedirectResponse("/answer?saved=1", status_code=303)


class Conflict(Exception):
    pass


def _date(value: Any, *, today: date, name: str) -> date | None:
    from vanort_cli.domain.dates import DateError, parse_date
    from vanort_cli.errors import UsageError
    from vanort_cli.i18n import messages as m

    text = str(value or "").strip()
    try:
        return parse_date(text, today=today) if text else None
    except DateError:
        error = UsageError(m.WEB_BAD_DATE.format(value=text))
        error.web_field = name  # type: ignore[attr-defined]
        raise error from None


def _write(
    session: Any, action: str, data: dict[str, Any], *, org: Any, year: int, name: str
) -> None:
    from vanort_cli.errors import RuleError
    from vanort_cli.i18n import messages as m
    from vanort_cli.services.collaborations import (
        CollaborationInput,
        edit_collaboration,
        get_collaboration,
        log_collaboration,
    )
    from vanort_cli.services.round_workbooks import listed_collaborations
    from vanort_cli.services.rounds import record_answer

    today = now().date()
    if action == "nothing":
        record_answer(session=session, year=year, org=org, answer="nothing", today=today, by=name)
    elif action == "send":
        ids = [c.id for c in listed_collaborations(session=session, year=year, org=org)]
        if not ids:
            raise RuleError(m.WEB_NOTHING_LISTED)
        record_answer(
            session=session,
            year=year,
            org=org,
            answer="collaborations",
            today=today,
            by=name,
            collaboration_ids=ids,
        )
    elif action == "add":
        if not data.get("towns"):
            # The service's refusal names the command's --town: the page names its field.
            error = RuleError(m.WEB_TOWNS_NEEDED)
            error.web_field = "towns"  # type: ignore[attr-defined]
            raise error
        log_collaboration(
            session=session,
            given=CollaborationInput(
                towns=list(data.get("towns") or []),
                org=org.key,
                area=str(data.get("area") or ""),
                title=str(data.get("title") or ""),
                description=str(data.get("description") or "") or None,
                start_date=_date(data.get("start_date"), today=today, name="start_date"),
                end_date=_date(data.get("end_date"), today=today, name="end_date"),
                kind=str(data.get("kind") or "project"),
                reported_by=name,
            ),
            today=today,
            reporter=name,
        )
    else:
        try:
            collaboration_id = int(str(data.get("id")))
        except ValueError:
            raise HTTPException(404) from None
        stored = get_collaboration(session=session, collaboration_id=collaboration_id)
        listed = {c.id for c in listed_collaborations(session=session, year=year, org=org)}
        if collaboration_id not in listed:
            raise HTTPException(404)
        ending = data.get("end") is not None
        end = _date(data.get("end_date"), today=today, name="end_date") or (
            today if ending else None
        )
        given = CollaborationInput(
            title=str(data.get("title") or stored.title),
            description=str(data.get("description") or "") or None,
            towns=list(data.get("towns") or []) or None,
            area=str(data.get("area") or "") or None,
            kind=str(data.get("kind") or "") or None,
            end_date=end,
        )
        if stored.updated_at.isoformat() != str(data.get("version")):
            if _same(stored, given):
                return  # the same change sent twice (a double click): stored once
            raise RuleError(
                m.WEB_CHANGED_MEANWHILE.format(
                    title=stored.title,
                    end=stored.end_date or "-",
                    at=stored.updated_at.strftime("%Y-%m-%d %H:%M"),
                )
            )
        edit_collaboration(
            session=session,
            collaboration_id=collaboration_id,
            given=given,
            clear_end=False,
            today=today,
        )


def _same(stored: Any, given: Any) -> bool:
    return bool(
        stored.title == given.title
        and (given.end_date is None or stored.end_date == given.end_date)
        and (given.description is None or stored.description == given.description)
    )
