"""The personal links of a round (issue 25): each organisation's reporter (and,
if asked, a coordinator) gets a long random token that opens the web page for
that round; the web exchanges it for a session on first use.

Only SHA-256 hashes of tokens, session ids and CSRF tokens are stored, so a token
can be shown only when it is made. A wrong, expired, revoked or unknown token all
give the same answer: None.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from vanort_cli.errors import RuleError
from vanort_cli.i18n import messages as m
from vanort_cli.services.lookup import find_organisation
from vanort_cli.services.rounds import find_round, member
from vanort_cli.store.models import (
    Organisation,
    ReportingRound,
    RoundLink,
    RoundOrganisation,
    WebSession,
    utc_now,
)

TOKEN_BYTES = 32  # 256 bits: not guessable, whatever the rate of guessing
# A link opens until 60 days after the deadline while the round is open (late
# answers are still wanted), and for two weeks after the round is closed, so a
# reporter who opens it then reads that it closed and whom to ask.
DAYS_AFTER_DEADLINE = 60
GRACE_AFTER_CLOSE = 14
SESSION_HOURS = 12  # a working day; the link opens a new one
REPORTER = "reporter"
COORDINATOR = "coordinator"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hashed(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogateescape")).hexdigest()


def link_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/l/{token}"


def last_day(round_: ReportingRound, link: RoundLink) -> date:
    """The last day `link` opens: its own, or the closed round's grace, if sooner."""
    if round_.closed_on is None:
        return link.expires_on
    return min(link.expires_on, round_.closed_on + timedelta(days=GRACE_AFTER_CLOSE))


@dataclass(frozen=True)
class IssuedLink:
    """A live link for `round links`: its token only when it was made now."""

    organisation: str | None  # None: the coordinator's
    link_id: int
    expires_on: date
    token: str | None


def _live(
    session: Session, round_: ReportingRound, org_id: int | None, today: date
) -> RoundLink | None:
    for link in session.exec(
        select(RoundLink)
        .where(
            RoundLink.round_id == round_.id,
            RoundLink.organisation_id == org_id,
            col(RoundLink.revoked_at).is_(None),
        )
        .order_by(col(RoundLink.id).desc())
    ):
        if last_day(round_, link) >= today:
            return link
    return None


def _make(
    session: Session, round_: ReportingRound, org_id: int | None, kind: str
) -> tuple[RoundLink, str]:
    assert round_.id is not None
    token = new_token()
    link = RoundLink(
        round_id=round_.id,
        organisation_id=org_id,
        kind=kind,
        token_hash=hashed(token),
        expires_on=round_.deadline + timedelta(days=DAYS_AFTER_DEADLINE),
    )
    session.add(link)
    session.flush()
    return link, token


def _issue(
    session: Session, round_: ReportingRound, org: Organisation | None, *, today: date, renew: bool
) -> IssuedLink:
    org_id = None if org is None else org.id
    live = _live(session, round_, org_id, today)
    if live is not None and not renew:
        assert live.id is not None
        return IssuedLink(None if org is None else org.name, live.id, last_day(round_, live), None)
    if live is not None:
        live.revoked_at = utc_now()
        session.add(live)
    link, token = _make(session, round_, org_id, REPORTER if org else COORDINATOR)
    assert link.id is not None
    return IssuedLink(None if org is None else org.name, link.id, last_day(round_, link), token)


def link_for_letter(
    *, session: Session, round_: ReportingRound, org: Organisation, today: date, base_url: str
) -> str:
    """A letter's or reminder's personal link: made anew, the organisation's older
    one revoked, so the latest letter always holds the link that opens (only a
    hash is kept, so an older link cannot be shown again)."""
    issued = _issue(session, round_, org, today=today, renew=True)
    assert issued.token is not None
    return link_url(base_url, issued.token)


def round_links(
    *, session: Session, year: int, today: date, renew: bool = False, coordinator: bool = False
) -> list[IssuedLink]:
    """`round links YEAR`: a live link for each organisation asked in the round (or
    the coordinator's), made where none is live; with `renew`, every one made
    anew and the old revoked. A link made before is listed without its token,
    which is not kept."""
    round_ = find_round(session=session, year=year)
    if coordinator:
        return [_issue(session, round_, None, today=today, renew=renew)]
    orgs = session.exec(
        select(Organisation)
        .join(RoundOrganisation, col(RoundOrganisation.organisation_id) == Organisation.id)
        .where(RoundOrganisation.round_id == round_.id)
        .order_by(col(Organisation.key))
    ).all()
    return [_issue(session, round_, org, today=today, renew=renew) for org in orgs]


def revoke(*, session: Session, year: int, name: str) -> int:
    """`round links YEAR --revoke ORG`: end the organisation's links; how many."""
    round_ = find_round(session=session, year=year)
    org = find_organisation(session=session, name=name)
    member(session=session, round_=round_, org=org)
    count = 0
    for link in session.exec(
        select(RoundLink).where(
            RoundLink.round_id == round_.id,
            RoundLink.organisation_id == org.id,
            col(RoundLink.revoked_at).is_(None),
        )
    ):
        link.revoked_at = utc_now()
        session.add(link)
        count += 1
    if not count:
        raise RuleError(m.LINKS_NONE_TO_REVOKE.format(name=org.name, year=year))
    session.flush()
    return count


@dataclass(frozen=True)
class Opened:
    """What a valid link opens: the link, its round and organisation."""

    link: RoundLink
    round_: ReportingRound
    organisation: Organisation | None


def verify(*, session: Session, token: str, today: date) -> Opened | None:
    """The link `token` opens, or None: wrong, expired, revoked and unknown alike."""
    presented = hashed(token)
    link = session.exec(select(RoundLink).where(RoundLink.token_hash == presented)).first()
    if link is None or not hmac.compare_digest(link.token_hash, presented):
        return None
    round_ = session.get(ReportingRound, link.round_id)
    if round_ is None or link.revoked_at is not None or last_day(round_, link) < today:
        return None
    org = None if link.organisation_id is None else session.get(Organisation, link.organisation_id)
    return Opened(link, round_, org)


@dataclass(frozen=True)
class NewSession:
    session_id: str  # for the cookie; only its hash is kept
    csrf: str  # for the forms; only its hash is kept
    expires_at: datetime


def csrf_for(session_id: str) -> str:
    """The session's CSRF token, derived from its id (which only the browser has),
    so the pages can put it in every form while only its hash is stored."""
    return hmac.new(session_id.encode(), b"vanort csrf", hashlib.sha256).hexdigest()


def start_session(*, session: Session, link: RoundLink, now: datetime) -> NewSession:
    assert link.id is not None
    session_id = new_token()
    csrf = csrf_for(session_id)
    expires = now + timedelta(hours=SESSION_HOURS)
    session.add(
        WebSession(
            session_hash=hashed(session_id),
            link_id=link.id,
            csrf_hash=hashed(csrf),
            expires_at=expires,
        )
    )
    session.flush()
    return NewSession(session_id, csrf, expires)


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def find_session(
    *, session: Session, session_id: str, now: datetime
) -> tuple[WebSession, Opened] | None:
    """The session `session_id` names and its link, while both are valid; else None."""
    found = session.exec(
        select(WebSession).where(WebSession.session_hash == hashed(session_id))
    ).first()
    if found is None or _aware(found.expires_at) < now:
        return None
    link = session.get(RoundLink, found.link_id)
    if link is None or link.revoked_at is not None:
        return None
    round_ = session.get(ReportingRound, link.round_id)
    if round_ is None or last_day(round_, link) < now.date():
        return None
    org = None if link.organisation_id is None else session.get(Organisation, link.organisation_id)
    return found, Opened(link, round_, org)


def csrf_matches(web_session: WebSession, presented: str) -> bool:
    return hmac.compare_digest(web_session.csrf_hash, hashed(presented))
