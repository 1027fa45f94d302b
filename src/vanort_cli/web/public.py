"""The pages anyone the City lets in may read: the next meeting and its host."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from vanort_cli.web.pages import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    from vanort_cli.services.schedule import next_meeting

    with request.app.state.registry.reading() as session:
        answer = next_meeting(session=session, today=date.today())
    return render(request, "home.html", meeting=answer)
