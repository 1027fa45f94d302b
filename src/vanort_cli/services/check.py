"""`vanort check`: the registry held against the policy, as findings with stable codes."""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlmodel import Session, col, select

from vanort_cli.domain import rotation
from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.domain.followup import evaluation_finding
from vanort_cli.i18n import Day, Name, Worded
from vanort_cli.i18n import messages as m
from vanort_cli.services.delegation import timeline_for
from vanort_cli.services.departures import all_outlasting
from vanort_cli.services.evaluation import list_evaluations
from vanort_cli.services.schedule import (
    meeting_schedule,
    out_of_turn_findings,
    recorded_meetings,
    rotation_towns,
)
from vanort_cli.services.towns import HOME_TOWN, town_name
from vanort_cli.store.models import (
    Meeting,
    Organisation,
    Participant,
    ReportingRound,
    RoundOrganisation,
    Town,
    TownDecision,
)

Severity = Literal["error", "warning"]
# What `check` finds, by the code scripts and cron read: a name, the same in every
# language and never worded (a finding says what it is in its sentence, and its
# severity is worded by i18n.values.SEVERITY). `check --help` lists them all.
CheckCode = Literal[
    "evaluation_overdue",
    "evaluation_overdue_unconfirmed",
    "hosting_without_dates",
    "preparation_step_late",
    "meeting_unrecorded",
    "meeting_out_of_turn",
    "meeting_not_closed",
    "meeting_postponed_unscheduled",
    "delegation_without_decision",
    "twin_without_decision",
    "cycle_not_eight_years",
    "reporter_not_bound",
    "collaboration_past_departure",
    "round_unanswered",
    "round_not_opened",
]
POLICY_CYCLE_YEARS = 8  # P6: "every eighth year"


def shell_word(text: str) -> str:
    """`text` as one word of a command to copy: bare when it is safe (Göteborg,
    Åbo), else quoted for the shell."""
    return text if re.fullmatch(r"[\w@%+=:,./-]+", text) else shlex.quote(text)


class ShellWord(Worded):
    """A name as one word of a command to copy (see `shell_word`), in the language
    it is shown in: `vanort towns record-decision Åbo` / `... Turku`."""

    __slots__ = ("name",)

    def __init__(self, name: Worded | str) -> None:
        self.name = name

    def __str__(self) -> str:
        return shell_word(str(self.name))


@dataclass(frozen=True)
class Finding:
    """A finding: its `message` is worded when shown, in the reader's language in a
    table and in English in JSON (which is the same in every language); `facts`
    are what it is about (a year, a town, a due date), the JSON keys after it."""

    code: CheckCode
    severity: Severity
    message: Worded
    facts: Mapping[str, Any]

    def json_ready(self) -> dict[str, Any]:
        """The finding as `check --format json` has always written it."""
        return {"code": self.code, "severity": self.severity, "message": self.message, **self.facts}


@dataclass(frozen=True)
class CheckResult:
    """The registry held against the policy: `ok` unless a finding is an error."""

    ok: bool
    findings: tuple[Finding, ...]

    def json_ready(self) -> dict[str, Any]:
        return {"ok": self.ok, "findings": [f.json_ready() for f in self.findings]}


def finding(code: CheckCode, severity: Severity, message: Worded, **facts: Any) -> Finding:
    return Finding(code, severity, message, facts)


# How each evaluation finding is told: its severity and its sentence (in English,
# worded when shown).
_EVALUATION_FINDINGS: dict[CheckCode, tuple[Severity, str]] = {
    "evaluation_overdue": ("error", m.EN.CHECK_EVALUATION_OVERDUE),
    "evaluation_overdue_unconfirmed": ("warning", m.EN.CHECK_EVALUATION_UNCONFIRMED),
}


def _evaluations(session: Session, today: date) -> list[Finding]:
    found = []
    for row in list_evaluations(session=session, today=today):
        code = evaluation_finding(row["status"], row["confirmed"])
        if code in _EVALUATION_FINDINGS:
            severity, message = _EVALUATION_FINDINGS[code]
            facts = {**row, "due": Day(row["due"]) if row["due"] else row["due"]}
            found.append(
                finding(code, severity, m.Prose(message, **facts), year=row["year"], due=row["due"])
            )
    return found


def _postponed(session: Session) -> list[Finding]:
    """Postponed meetings whose new date is not set: until rescheduled or cancelled."""
    names = {t.key: town_name(t) for t in session.exec(select(Town))}
    return [
        finding(
            "meeting_postponed_unscheduled",
            "warning",
            m.Prose(m.EN.CHECK_POSTPONED_UNSCHEDULED, year=p.year, host=names[p.host]),
            year=p.year,
            host=p.host,
        )
        for p in rotation.unscheduled_postponements(recorded_meetings(session=session))
    ]


def _upcoming_home(session: Session, today: date) -> list[Finding]:
    found: list[Finding] = []
    schedule = meeting_schedule(
        session=session, first_year=today.year, last_year=today.year + 2, today=today
    )
    records = {r.year: r for r in session.exec(select(Meeting))}
    horizon = (today + timedelta(days=365)).year
    for row in schedule:
        if row.host.key != HOME_TOWN or row.status in ("postponed", "cancelled"):
            continue
        if row.end_date and row.end_date < today:
            continue
        if row.start_date is None and row.year <= horizon:
            found.append(
                finding(
                    "hosting_without_dates",
                    "error",
                    m.Prose(m.EN.CHECK_HOSTING_WITHOUT_DATES, year=row.year),
                    year=row.year,
                )
            )
        if row.start_date is not None:
            for step in timeline_for(
                session=session,
                meeting=records.get(row.year),
                start=row.start_date,
                today=today,
            ):
                if step.status == "late" and step.due is not None:
                    found.append(
                        finding(
                            "preparation_step_late",
                            "warning",
                            m.Prose(
                                m.EN.CHECK_STEP_LATE,
                                year=row.year,
                                name=Name(step.name, step.name_sv),
                                due=Day(step.due),
                                step=step.step,
                            ),
                            year=row.year,
                            step=step.step,
                            due=step.due,
                        )
                    )
    return found


def _unrecorded(session: Session, today: date) -> list[Finding]:
    years = [r.year for r in session.exec(select(Meeting))]
    if not years or min(years) >= today.year:
        return []
    schedule = meeting_schedule(
        session=session, first_year=min(years), last_year=today.year - 1, today=today
    )
    return [
        finding(
            "meeting_unrecorded",
            "warning",
            m.Prose(
                m.EN.CHECK_UNRECORDED,
                year=r.year,
                host=Name(r.host.name, r.host.name_sv),
            ),
            year=r.year,
            host=r.host.key,
        )
        for r in schedule
        if r.source == "rotation"
    ]


def _out_of_turn(session: Session) -> list[Finding]:
    """A record the rotation did not expect (typo or real): it moves every later turn."""
    return [
        finding(
            "meeting_out_of_turn",
            "warning",
            row["message"],
            year=row["year"],
            host=row["host"],
            expected_host=row["expected_host"],
        )
        for row in out_of_turn_findings(session=session)
    ]


def _not_closed(session: Session, today: date) -> list[Finding]:
    """A meeting whose time has passed but is still recorded as planned."""
    found = []
    for meeting in session.exec(select(Meeting).where(Meeting.status == "planned")):
        last_day = meeting.end_date or meeting.start_date
        over = last_day < today if last_day else meeting.year < today.year
        if over:
            found.append(
                finding(
                    "meeting_not_closed",
                    "warning",
                    m.Prose(m.EN.CHECK_NOT_CLOSED, year=meeting.year),
                    year=meeting.year,
                )
            )
    return found


def _delegations(session: Session) -> list[Finding]:
    """Each member of Göteborg's delegation without the presidium's decision (P5)."""
    home = session.exec(select(Town).where(Town.key == HOME_TOWN)).one()
    years = {r.id: r.year for r in session.exec(select(Meeting))}
    missing = sorted(
        (years[p.meeting_id], p.id or 0, p.name)
        for p in session.exec(select(Participant).where(Participant.town_id == home.id))
        if not p.decision and p.meeting_id in years
    )
    return [
        finding(
            "delegation_without_decision",
            "warning",
            m.Prose(m.EN.CHECK_DELEGATION, year=year, name=name, quoted=shell_word(name)),
            year=year,
            name=name,
        )
        for year, _, name in missing
    ]


def _decisions(session: Session) -> list[Finding]:
    referenced = {
        d.town_id
        for d in session.exec(
            select(TownDecision).where(
                TownDecision.action == "establish", col(TownDecision.reference).is_not(None)
            )
        )
    }
    towns = session.exec(select(Town).where(Town.kind == "twin", Town.status == "active"))
    return [
        finding(
            "twin_without_decision",
            "warning",
            m.Prose(m.EN.CHECK_NO_DECISION, town=town_name(t), quoted=ShellWord(town_name(t))),
            town=t.key,
        )
        for t in sorted(towns, key=lambda t: t.key)
        if t.key != HOME_TOWN and t.id not in referenced
    ]


def _cycle(session: Session, today: date) -> list[Finding]:
    towns = rotation_towns(session=session)
    cycle = rotation.hosting_cycle_years(towns, today.year + 1)
    if cycle in (0, POLICY_CYCLE_YEARS):
        return []
    return [
        finding(
            "cycle_not_eight_years",
            "warning",
            m.Prose(m.EN.CHECK_CYCLE, cycle=cycle),
            cycle_years=cycle,
        )
    ]


def _unbound_reporters(session: Session) -> list[Finding]:
    """On a server registry: reporter logins bound to no organisation, who may
    still log for any (the rule before schema 5) until staff bind them."""
    from vanort_cli.store.backend import backend_of

    connection = session.connection()
    logins = backend_of(connection).unbound_reporters(connection)
    if not logins:
        return []
    return [
        finding(
            "reporter_not_bound",
            "warning",
            m.Prose(m.EN.CHECK_UNBOUND_REPORTERS, logins=", ".join(logins)),
            logins=logins,
        )
    ]


def _past_departure(session: Session) -> list[Finding]:
    """A collaboration logged as going on after its town left or its organisation's
    last day: until it is ended, or filed under the towns or organisation it has."""
    found = []
    for item in all_outlasting(session=session):
        if item.party_kind == "town":
            message = m.Prose(
                m.EN.CHECK_PAST_TOWN_LEFT,
                id=item.id,
                title=item.title,
                town=item.party,
                date=Day(item.last_day),
            )
            facts = {"town": item.party_key, "left_on": item.last_day}
        else:
            message = m.Prose(
                m.EN.CHECK_PAST_ORG_RETIRED,
                id=item.id,
                title=item.title,
                org=item.party,
                date=Day(item.last_day),
            )
            facts = {"organisation": item.party_key, "retired_on": item.last_day}
        found.append(
            finding(
                "collaboration_past_departure",
                "warning",
                message,
                collaboration=item.id,
                **facts,
                end_date=item.end_date,
            )
        )
    return found


# A finding names this many silent organisations, then how many more (its JSON
# has them all).
NAMED_AT_MOST = 5


def _rounds_unanswered(session: Session, today: date) -> list[Finding]:
    """Each round still open whose deadline has passed with organisations that have
    not answered: until they answer (or answer nothing), or the round is closed
    (closing settles it: the report says who did not answer)."""
    found = []
    rounds = session.exec(
        select(ReportingRound)
        .where(col(ReportingRound.closed_on).is_(None), ReportingRound.deadline < today)
        .order_by(col(ReportingRound.year))
    )
    for held in rounds:
        names = sorted(
            session.exec(
                select(Organisation.name)
                .join(RoundOrganisation, col(RoundOrganisation.organisation_id) == Organisation.id)
                .where(
                    RoundOrganisation.round_id == held.id,
                    col(RoundOrganisation.answer).is_(None),
                )
            ),
            key=swedish_sort_key,
        )
        if not names:
            continue
        first = ", ".join(names[:NAMED_AT_MOST])
        more = len(names) - NAMED_AT_MOST
        shown: Worded | str = (
            m.Prose(m.EN.OUTLASTING_MORE, listed=first, more=more) if more > 0 else first
        )
        found.append(
            finding(
                "round_unanswered",
                "warning",
                m.Prose(
                    m.EN.CHECK_ROUND_UNANSWERED,
                    year=held.year,
                    deadline=Day(held.deadline),
                    count=len(names),
                    names=shown,
                ),
                year=held.year,
                deadline=held.deadline,
                organisations=names,
            )
        )
    return found


def _round_not_opened(session: Session, today: date) -> list[Finding]:
    """The last year that ended, if no round was opened for it. Only that year: the
    rounds began with this version of vanort, and a warning for every year since
    the first meeting on record would bury the one that can still be acted on."""
    year = today.year - 1
    if session.exec(select(ReportingRound).where(ReportingRound.year == year)).first():
        return []
    return [
        finding(
            "round_not_opened",
            "warning",
            m.Prose(m.EN.CHECK_ROUND_NOT_OPENED, year=year),
            year=year,
        )
    ]


def run_checks(*, session: Session, today: date) -> CheckResult:
    findings = [
        *_evaluations(session, today),
        *_upcoming_home(session, today),
        *_unrecorded(session, today),
        *_out_of_turn(session),
        *_not_closed(session, today),
        *_postponed(session),
        *_delegations(session),
        *_decisions(session),
        *_cycle(session, today),
        *_unbound_reporters(session),
        *_past_departure(session),
        *_rounds_unanswered(session, today),
        *_round_not_opened(session, today),
    ]
    findings.sort(key=lambda f: (f.severity != "error", f.code, str(f.facts.get("year", ""))))
    return CheckResult(
        ok=not any(f.severity == "error" for f in findings), findings=tuple(findings)
    )
