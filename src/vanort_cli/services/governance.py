"""Decisions on towns (P7): only the City Council establishes a twin town.

A new twin town joins the meeting rotation for the meeting years after its
decision; a retired one leaves it after its decision. Earlier years keep their
hosts, because the rotation reads each town's years from its record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from vanort_cli.domain.names import normalise, similar_spellings, unique_key
from vanort_cli.domain.text import TITLE_MAX
from vanort_cli.errors import RuleError
from vanort_cli.i18n import messages as m
from vanort_cli.i18n import values
from vanort_cli.services.lookup import find_town
from vanort_cli.services.text import checked, optional
from vanort_cli.services.towns import town_departure, town_name
from vanort_cli.store.models import Meeting, Town, TownAlias, TownDecision
from vanort_cli.store.seed import add_town_aliases

COUNCIL = "KF"  # Kommunfullmäktige, the City Council
EXECUTIVE_BOARD = "KS"  # Kommunstyrelsen, the City Executive Board
BODIES = (COUNCIL, EXECUTIVE_BOARD)


@dataclass(frozen=True)
class Decision:
    """A decision as given on the command line."""

    reference: str | None
    decided_on: date | None
    body: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class NewTown:
    name: str
    kind: str  # twin | partner
    country: str
    name_en: str | None = None
    after: str | None = None  # the town it follows in the rotation
    aliases: tuple[str, ...] = ()


def _checked_decision(
    decision: Decision, *, default_body: str, action: str, today: date, twin: bool = False
) -> Decision:
    if not decision.reference or decision.decided_on is None:
        template = m.DECISION_REQUIRED_TWIN if twin else m.DECISION_REQUIRED
        raise RuleError(template.format(action=action))
    # The body the reference names ("KS 2026-05-06 §7"), if it names one.
    named = decision.reference.strip()[:2].upper()
    named_body = named if named in BODIES else None
    # Without --body, the reference's body, else KF for a twin town, KS otherwise.
    body = (decision.body or named_body or default_body).upper()
    if body not in BODIES:
        raise RuleError(m.DECISION_BODY.format(body=decision.body))
    if twin and named_body == EXECUTIVE_BOARD:
        raise RuleError(m.TWIN_NOT_KS_DECISION.format(reference=decision.reference))
    if twin and body != COUNCIL:
        raise RuleError(m.TWIN_NEEDS_COUNCIL)
    if named_body is not None and named_body != body:
        # "KS 2026-03-16 §12" given as a KF decision is a typo or a wrong body.
        raise RuleError(
            m.DECISION_BODY_MISMATCH.format(
                reference=decision.reference, named=named_body, body=body
            )
        )
    if decision.decided_on > today:
        raise RuleError(m.DATE_IN_FUTURE.format(option="--decided-on", date=decision.decided_on))
    return Decision(
        reference=checked(decision.reference, option="--decision", limit=TITLE_MAX),
        decided_on=decision.decided_on,
        body=body,
        note=optional(decision.note, option="--note", multiline=True),
    )


def _record(session: Session, town: Town, decision: Decision, action: str, status: str) -> None:
    assert town.id is not None
    session.add(
        TownDecision(
            town_id=town.id,
            action=action,
            body=decision.body or COUNCIL,
            reference=decision.reference,
            decided_on=decision.decided_on,
            status=status,
            note=decision.note,
        )
    )


def add_town(
    *, session: Session, new: NewTown, decision: Decision, today: date, allow_similar: bool = False
) -> Town:
    """Add a twin town (a City Council decision) or a partner city (KS by default)."""
    if new.kind not in ("twin", "partner"):
        raise RuleError(m.TOWN_KIND.format(kind=new.kind))
    decision = _checked_decision(
        decision,
        default_body=COUNCIL if new.kind == "twin" else EXECUTIVE_BOARD,
        action=m.ACTION_ADD_TOWN.format(kind=values.TOWN_KIND.word(new.kind)),
        today=today,
        twin=new.kind == "twin",
    )
    name = checked(new.name, option="NAME", limit=TITLE_MAX)
    country = new.country.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise RuleError(m.COUNTRY_CODE.format(country=new.country))
    aliases = [checked(a, option="--alias", limit=TITLE_MAX) for a in new.aliases]
    name_en = optional(new.name_en, option="--name-en", limit=TITLE_MAX) or name
    taken = {a.normalised for a in session.exec(select(TownAlias))}
    for spelling in {name, name_en, *aliases}:
        if normalise(spelling) in taken:
            existing = find_town(session=session, name=spelling)
            raise RuleError(m.TOWN_EXISTS.format(name=spelling, owner=town_name(existing)))
        close = similar_spellings(spelling, taken, cutoff=0.88)
        if close and not allow_similar:
            existing = find_town(session=session, name=close[0])
            raise RuleError(m.TOWN_SIMILAR.format(name=spelling, owner=town_name(existing)))
    assert decision.decided_on is not None
    town = Town(
        key=unique_key(name, session.exec(select(Town.key)), "town"),
        name=name_en,
        name_sv=name,
        country=country,
        kind=new.kind,
        status="active",
        twinned_since=decision.decided_on.year,
        # Stored, so in English whatever the language of the command (as every fact is).
        source=m.EN.DECISION_SOURCE.format(reference=decision.reference),
    )
    if new.kind == "twin":
        town.rotation_position = _make_room_after(session, new.after)
        town.rotation_from_year = decision.decided_on.year + 1
    session.add(town)
    session.flush()
    add_town_aliases(session, town, aliases)
    _record(session, town, decision, "establish", "active")
    session.flush()
    return town


def _make_room_after(session: Session, after: str | None) -> int:
    """The rotation position right after `after` (default: the last), moving later towns on."""
    in_rotation = session.exec(select(Town).where(col(Town.rotation_position).is_not(None))).all()
    if after is None:
        return max((t.rotation_position or 0 for t in in_rotation), default=0) + 1
    predecessor = find_town(session=session, name=after, hint="twin")
    if predecessor.rotation_position is None or predecessor.status == "retired":
        raise RuleError(m.AFTER_NOT_IN_ROTATION.format(town=town_name(predecessor)))
    position = predecessor.rotation_position + 1
    for town in in_rotation:
        if town.rotation_position is not None and town.rotation_position >= position:
            town.rotation_position += 1
            session.add(town)
    session.flush()
    return position


def retire_town(*, session: Session, name: str, decision: Decision, today: date) -> Town:
    """A twin town leaves the rotation for the meetings after the decision; its history stays."""
    town = find_town(session=session, name=name, hint="twin")
    if town.kind != "twin":
        raise RuleError(m.RETIRE_ONLY_TWINS.format(town=town_name(town)))
    if town.status == "retired":
        raise RuleError(m.ALREADY_RETIRED.format(town=town_name(town)))
    if town.key == "goteborg":
        raise RuleError(m.CANNOT_RETIRE_HOME)
    decision = _checked_decision(
        decision, default_body=COUNCIL, action=m.ACTION_RETIRE, today=today, twin=True
    )
    assert decision.decided_on is not None
    hosted_later = session.exec(
        select(Meeting).where(
            Meeting.host_town_id == town.id, Meeting.year > decision.decided_on.year
        )
    ).first()
    if hosted_later is not None:
        raise RuleError(
            m.RETIRE_BEFORE_HOSTING.format(town=town_name(town), year=hosted_later.year)
        )
    remaining = session.exec(
        select(Town).where(
            Town.kind == "twin", Town.status != "retired", col(Town.rotation_position).is_not(None)
        )
    ).all()
    if len([t for t in remaining if t.id != town.id]) < 2:
        raise RuleError(m.RETIRE_LAST_PARTNER.format(town=town_name(town)))
    town.status = "retired"
    town.rotation_until_year = decision.decided_on.year
    session.add(town)
    _record(session, town, decision, "retire", "retired")
    session.flush()
    return town


PARTNER_STATUSES = ("active", "dormant", "ended")


def set_partner_status(
    *, session: Session, name: str, status: str, decision: Decision, today: date
) -> Town:
    """Make a partner city active, dormant (vilande) or ended, by a decision (KS by default).

    Ending a partnership is Kommunstyrelsen's decision. An ended partnership
    only becomes active again, by a new KS decision taken after it ended.
    """
    town = find_town(session=session, name=name, hint="partner")
    if town.kind != "partner":
        raise RuleError(m.STATUS_ONLY_PARTNERS.format(town=town_name(town)))
    if status not in PARTNER_STATUSES:
        raise RuleError(m.PARTNER_STATUS.format(status=status))
    if town.status == status:
        raise RuleError(
            m.STATUS_ALREADY.format(town=town_name(town), status=values.TOWN_STATUS.word(status))
        )
    decision = _checked_decision(
        decision, default_body=EXECUTIVE_BOARD, action=m.ACTION_STATUS, today=today
    )
    assert decision.decided_on is not None
    if town.status == "ended":
        ended_on = town_departure(session=session, town=town).on
        if status != "active":
            raise RuleError(m.ENDED_ONLY_ACTIVE.format(town=town_name(town), date=ended_on))
        if decision.body != EXECUTIVE_BOARD:
            raise RuleError(m.ENDED_NEEDS_KS)
        if ended_on is not None and decision.decided_on <= ended_on:
            raise RuleError(m.REACTIVATE_NEEDS_NEW.format(town=town_name(town), date=ended_on))
    if status == "ended" and decision.body != EXECUTIVE_BOARD:
        raise RuleError(m.ENDED_NEEDS_KS)
    town.status = status
    session.add(town)
    _record(session, town, decision, "status", status)
    session.flush()
    return town


def decisions_of(*, session: Session, town: Town) -> list[dict[str, Any]]:
    rows = session.exec(
        select(TownDecision)
        .where(TownDecision.town_id == town.id)
        # A decision of unknown date (the 1946 twinning) first, on every database:
        # SQLite puts NULL first by itself, PostgreSQL last.
        .order_by(col(TownDecision.decided_on).nulls_first(), col(TownDecision.id))
    ).all()
    return [
        {
            "action": d.action,
            "body": d.body,
            "reference": d.reference,
            "decided_on": d.decided_on,
            "status": d.status,
            "note": d.note,
            "source": d.source,
        }
        for d in rows
    ]


def record_decision(*, session: Session, name: str, decision: Decision, today: date) -> Town:
    """Record the establishing decision of a town, found later (e.g. of a 1946 twinning).

    It changes nothing in the rotation; for a twin town it must be the Council's (P7).
    """
    town = find_town(session=session, name=name, hint="any")
    twin = town.kind == "twin"
    decision = _checked_decision(
        decision,
        default_body=COUNCIL if twin else EXECUTIVE_BOARD,
        action=m.ACTION_RECORD,
        today=today,
        twin=twin,
    )
    known = session.exec(
        select(TownDecision).where(
            TownDecision.town_id == town.id, TownDecision.reference == decision.reference
        )
    ).first()
    if known is not None:
        raise RuleError(m.DECISION_KNOWN.format(reference=decision.reference, town=town_name(town)))
    _record(session, town, decision, "establish", town.status)
    session.flush()
    return town
