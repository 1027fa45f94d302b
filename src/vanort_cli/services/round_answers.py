"""An organisation's answer to a reporting round, imported from its workbook (or a
CSV file or plain template named as its answer with `--round`).

A row with an id is a collaboration the workbook listed: it is updated by id,
only the fields that changed, and never added again. A row without one is new,
and goes through the ordinary import (services/intake.py): checked, duplicates
of the registry skipped, stored. Every collaboration the answer gives, listed or
new, is then linked to the round as the organisation's answer
(services.rounds.record_answer).

Whose answer it is: the workbook's mark says (exchange/round_workbook.py), or
`--org`, or else each row's organisation. A row of another organisation, an id
of another organisation's collaboration or of none is a problem of its row, and
like every problem of an import it is listed with its row and column, and the
caller rolls everything back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from vanort_cli.errors import UsageError, VanortError
from vanort_cli.exchange.columns import BY_KEY, column_for
from vanort_cli.exchange.round_workbook import RoundMark
from vanort_cli.exchange.sheet import Cell, ExcelNumber, ImportTable
from vanort_cli.i18n import messages as m
from vanort_cli.i18n.messages import Prose
from vanort_cli.services.collaborations import (
    CollaborationInput,
    edit_collaboration,
    town_ids_of,
)
from vanort_cli.services.intake import ImportOutcome, import_sheet
from vanort_cli.services.intake_rows import Draft, Layout, Problem, Skip, draft_row, read_header
from vanort_cli.services.lookup import find_organisation, match_area, match_organisation, match_town
from vanort_cli.services.rounds import find_round, member, record_answer
from vanort_cli.store.models import Collaboration, Organisation, RoundCollaboration

# What the history names as the command that made an answer's changes: data, in
# English whatever the language of the command, like the command's own words.
ANSWER_COMMAND = "{command} (answer of {org} to the round for {year})"
ANSWERS_COMMAND = "{command} (answers to the round for {year})"


@dataclass(frozen=True)
class Answering:
    """Whose answer a file is, and to which round: `organisation` None means the
    organisations its rows name."""

    year: int
    organisation: Organisation | None
    mark: RoundMark | None = None


@dataclass(frozen=True)
class Updated:
    id: int
    number: int  # its row
    fields: tuple[str, ...]  # the keys changed, in the template's order


@dataclass
class AnswerOutcome:
    """What importing an answer did (or, a dry run or with problems, would do)."""

    intake: ImportOutcome  # the file as a whole; its new rows' fate
    updated: list[Updated] = field(default_factory=list)
    confirmed: list[int] = field(default_factory=list)  # listed, returned unchanged
    not_returned: list[int] = field(default_factory=list)  # listed, row removed: left alone
    # The organisations answering, by name, with the ids each answer gives.
    answers: dict[str, list[int]] = field(default_factory=dict)
    already_answered: bool = False  # the answers were recorded as they are before

    @property
    def nothing_changed(self) -> bool:
        return not self.updated and not self.intake.ids and self.already_answered


def answering(
    *,
    session: Session,
    mark: RoundMark | None,
    year: int | None,
    org: str | None,
    path: object,
) -> Answering:
    """Whose answer the file is: its mark's organisation and year, which `--round`
    and `--org` may repeat but not contradict, else those options. UsageError
    when they contradict the mark."""
    if mark is None:
        assert year is not None, "the caller asks only for a marked workbook or --round"
        named = find_organisation(session=session, name=org) if org is not None else None
        return Answering(year, named)
    marked = session.exec(select(Organisation).where(Organisation.key == mark.organisation)).first()
    if marked is None:
        raise UsageError(
            m.ROUND_WORKBOOK_ORG_GONE.format(path=path, org=mark.organisation_name, year=mark.year)
        )
    if org is not None:
        named = find_organisation(session=session, name=org)
        if named.id != marked.id:
            raise UsageError(
                m.ROUND_WORKBOOK_OTHER_ORG.format(
                    path=path, marked=marked.name, year=mark.year, org=named.name
                )
            )
    if year is not None and year != mark.year:
        raise UsageError(m.ROUND_WORKBOOK_OTHER_YEAR.format(path=path, marked=mark.year, year=year))
    return Answering(mark.year, marked, mark)


def command_name(command: str, who: Answering) -> str:
    """The command the history names for the answer's changes."""
    if who.organisation is None:
        return ANSWERS_COMMAND.format(command=command, year=who.year)
    return ANSWER_COMMAND.format(command=command, org=who.organisation.name, year=who.year)


def _id_position(header: Sequence[str]) -> int | None:
    for position, written in enumerate(header):
        if written.strip() and column_for(written.strip()) == "id":
            return position
    return None


def _text(cell: Cell) -> str:
    return cell.isoformat() if isinstance(cell, date) else str(cell).strip()


def _cell(cells: Sequence[Cell], position: int | None) -> Cell:
    return cells[position] if position is not None and position < len(cells) else ""


def import_answer(
    *,
    session: Session,
    sheet: ImportTable,
    who: Answering,
    today: date,
    reporter: str,
    dry_run: bool = False,
) -> AnswerOutcome:
    """Check every row of `sheet` as `who`'s answer and, unless `dry_run` or a row
    has a problem, store it: the listed collaborations updated, the new ones
    added, the answer recorded. The caller must roll back when the outcome has
    problems."""
    round_ = find_round(session=session, year=who.year)
    if who.organisation is not None:
        member(session=session, round_=round_, org=who.organisation)
    layout, header_problems = read_header(sheet.header)
    id_at = _id_position(sheet.header)
    fixed = who.organisation
    listed: list[tuple[int, list[Cell]]] = []
    fresh: list[tuple[int, list[Cell]]] = []
    problems: list[Problem] = []
    org_at = layout.index.get("organisation")
    refused = 0  # rows of another organisation, neither listed nor new
    for number, cells in sheet.rows:
        cells = list(cells)
        if not any(_text(c) for c in cells):
            fresh.append((number, cells))  # the import counts empty rows
            continue
        if fixed is not None and org_at is not None:
            typed = _text(_cell(cells, org_at))
            if not typed:
                # The workbook's organisation is its own: a new row may leave it empty.
                cells += [""] * (org_at + 1 - len(cells))
                cells[org_at] = fixed.name
            elif (found := match_organisation(session=session, name=typed)[0]) is not None and (
                found.id != fixed.id
            ):
                problems.append(
                    Problem(
                        number,
                        Prose(m.EN.ROUND_ROW_OTHER_ORG, org=fixed.name, other=found.name),
                        layout.label("organisation"),
                        typed,
                    )
                )
                refused += 1
                continue
        (listed if _text(_cell(cells, id_at)) else fresh).append((number, cells))

    intake = import_sheet(
        session=session,
        sheet=ImportTable(
            header=sheet.header,
            rows=iter(fresh),
            place=sheet.place,
            size_hint=len(fresh),
            description=sheet.description,
        ),
        today=today,
        reporter=reporter,
        # Written only once the listed rows are known to be right.
        dry_run=True,
    )
    outcome = AnswerOutcome(intake=intake)
    if id_at is not None:
        # The id is read here, not ignored as an export's is.
        id_label = sheet.header[id_at].strip()
        intake.ignored_columns = [c for c in intake.ignored_columns if c != id_label]
    if header_problems:
        return outcome
    edits = _check_listed(session, listed, layout, id_at, who, today, problems, outcome)
    intake.rows += len(listed) + refused
    intake.problems += problems
    intake.problems.sort(key=lambda p: p.number or 0)
    intake.nothing_in_file = not listed and intake.nothing_in_file and not problems
    if who.mark is not None:
        returned = {e[0].id for e in edits} | set(outcome.confirmed)
        outcome.not_returned = [i for i in who.mark.listed if i not in returned]
    if intake.problems or intake.nothing_in_file:
        return outcome
    if dry_run:  # what would be changed, changing nothing
        outcome.updated = [Updated(c.id or 0, number, changed) for c, number, *_, changed in edits]
        return outcome
    # Now for real: the new rows stored, the listed ones changed.
    intake.problems.clear()
    stored = import_sheet(
        session=session,
        sheet=ImportTable(sheet.header, iter(fresh), sheet.place, len(fresh), sheet.description),
        today=today,
        reporter=reporter,
    )
    intake.ids, intake.duplicates, intake.problems = stored.ids, stored.duplicates, stored.problems
    for collaboration, number, given, clear_end, changed in edits:
        assert collaboration.id is not None
        try:
            edit_collaboration(
                session=session,
                collaboration_id=collaboration.id,
                given=given,
                clear_end=clear_end,
                today=today,
            )
        except VanortError as error:
            intake.problems.append(Problem(number, Prose("{text}", text=error.message)))
            continue
        outcome.updated.append(Updated(collaboration.id, number, changed))
    if intake.problems:
        return outcome
    _record(session, outcome, who, today=today, reporter=reporter, listed=[e[0] for e in edits])
    return outcome


Edit = tuple[Collaboration, int, CollaborationInput, bool, tuple[str, ...]]


def _check_listed(
    session: Session,
    rows: list[tuple[int, list[Cell]]],
    layout: Layout,
    id_at: int | None,
    who: Answering,
    today: date,
    problems: list[Problem],
    outcome: AnswerOutcome,
) -> list[Edit]:
    """The listed rows checked against the collaborations their ids name: the
    changes to make, the problems found, the rows confirmed as they are."""
    assert id_at is not None or not rows
    id_label = layout.label("id") if "id" in layout.labels else BY_KEY["id"].heading
    edits: list[Edit] = []
    seen: dict[int, int] = {}
    for number, cells in rows:
        typed = _cell(cells, id_at)
        shown = _text(typed)
        collaboration_id = _read_id(typed)
        drafted = draft_row(number, cells, layout, today=today)
        if collaboration_id is None:
            problems.append(Problem(number, Prose(m.EN.ROUND_ID_NOT_A_NUMBER), id_label, shown))
            continue
        if collaboration_id in seen:
            text = Prose(m.EN.ROUND_ID_TWICE, first=seen[collaboration_id])
            problems.append(Problem(number, text, id_label, shown))
            continue
        seen[collaboration_id] = number
        collaboration = (
            session.get(Collaboration, collaboration_id) if 0 < collaboration_id < 2**63 else None
        )
        if collaboration is None:
            problems.append(Problem(number, Prose(m.EN.ROUND_ID_UNKNOWN), id_label, shown))
            continue
        if isinstance(drafted, list):
            problems += drafted
            continue
        if isinstance(drafted, Skip):  # a total row: no collaboration
            continue
        owner = _owner(session, drafted, who)
        if owner is not None and collaboration.organisation_id != owner.id:
            other = session.get(Organisation, collaboration.organisation_id)
            assert other is not None
            text = Prose(
                m.EN.ROUND_ID_OTHER_ORG, id=collaboration_id, other=other.name, org=owner.name
            )
            problems.append(Problem(number, text, id_label, shown))
            continue
        if owner is None:  # an unknown name: the import's words for it
            close = match_organisation(session=session, name=drafted.organisation)[1]
            hint = (
                Prose(m.EN.IMPORT_DID_YOU_MEAN_NAME, names=", ".join(close))
                if close
                else Prose(m.EN.IMPORT_NOT_KNOWN, command="orgs list")
            )
            problems.append(
                Problem(number, hint, layout.label("organisation"), drafted.organisation)
            )
            continue
        change = _changes(session, collaboration, drafted, cells, layout, problems)
        if change is None:
            continue
        given, clear_end, changed = change
        if changed:
            edits.append((collaboration, number, given, clear_end, changed))
        else:
            outcome.confirmed.append(collaboration_id)
    return edits


def _read_id(cell: Cell) -> int | None:
    if isinstance(cell, ExcelNumber):
        return int(cell.number) if float(cell.number).is_integer() else None
    text = _text(cell).removeprefix("#")
    return int(text) if text.isdigit() else None


def _owner(session: Session, draft: Draft, who: Answering) -> Organisation | None:
    """The organisation the row answers for: the answer's, else the row's own."""
    if who.organisation is not None:
        return who.organisation
    return match_organisation(session=session, name=draft.organisation)[0]


def _changes(
    session: Session,
    collaboration: Collaboration,
    draft: Draft,
    cells: Sequence[Cell],
    layout: Layout,
    problems: list[Problem],
) -> tuple[CollaborationInput, bool, tuple[str, ...]] | None:
    """What the row changes in the collaboration: only the fields whose cells say
    something else. An emptied cell leaves its field as it is, except the end
    date: empty means ongoing. None when the row's names are unknown."""

    def given(key: str) -> bool:
        return bool(_text(_cell(cells, layout.index.get(key))))

    number = draft.number
    bad = len(problems)
    area, close = match_area(session=session, name=draft.area)
    if area is None:
        problems.append(_unknown(number, layout, "area", draft.area, close, "areas list"))
    town_ids: set[int] = set()
    for name in draft.towns:
        town, close = match_town(session=session, name=name)
        if town is None or town.id is None:
            problems.append(_unknown(number, layout, "towns", name, close, "towns list"))
        else:
            town_ids.add(town.id)
    if len(problems) > bad or area is None:
        return None
    assert collaboration.id is not None
    current_towns = town_ids_of(session=session, collaboration_ids=[collaboration.id])
    changes: dict[str, object] = {}
    if draft.title != collaboration.title:
        changes["title"] = draft.title
    if area.id != collaboration.area_id:
        changes["area"] = draft.area
    if town_ids != current_towns.get(collaboration.id, set()):
        changes["towns"] = draft.towns
    if given("kind") and draft.kind != collaboration.kind:
        changes["kind"] = draft.kind
    if given("start_date") and draft.start_date != collaboration.start_date:
        changes["start_date"] = draft.start_date
    clear_end = draft.end_date is None and collaboration.end_date is not None
    if draft.end_date is not None and draft.end_date != collaboration.end_date:
        changes["end_date"] = draft.end_date
    for key in ("description", "contact"):
        value = getattr(draft, key)
        if value is not None and value != getattr(collaboration, key):
            changes[key] = value
    order = ("title", "area", "towns", "kind", "start_date", "end_date", "description", "contact")
    changed = tuple(k for k in order if k in changes or (k == "end_date" and clear_end))
    return CollaborationInput(**changes), clear_end, changed  # type: ignore[arg-type]


def _unknown(
    number: int, layout: Layout, key: str, value: str, close: tuple[str, ...], command: str
) -> Problem:
    if close:
        text = Prose(m.EN.IMPORT_DID_YOU_MEAN_NAME, names=", ".join(close))
    else:
        text = Prose(m.EN.IMPORT_NOT_KNOWN, command=command)
    return Problem(number, text, layout.label(key), value)


def _record(
    session: Session,
    outcome: AnswerOutcome,
    who: Answering,
    *,
    today: date,
    reporter: str,
    listed: Sequence[Collaboration],
) -> None:
    """Each organisation's answer recorded with the collaborations it gives: those
    listed (changed or confirmed), new, or new in the file and already in the
    registry."""
    ids = {c.id for c in listed if c.id is not None} | set(outcome.confirmed)
    ids |= set(outcome.intake.ids)
    ids |= {d.existing_id for d in outcome.intake.duplicates if d.existing_id is not None}
    owners: dict[int, list[int]] = {}
    for collaboration_id, org_id in session.exec(
        select(Collaboration.id, Collaboration.organisation_id).where(
            col(Collaboration.id).in_(sorted(ids))
        )
    ):
        assert collaboration_id is not None
        owners.setdefault(org_id, []).append(collaboration_id)
    if who.organisation is not None:
        assert who.organisation.id is not None
        owners = {who.organisation.id: sorted(i for group in owners.values() for i in group)}
    round_ = find_round(session=session, year=who.year)
    already = True
    for org_id, given in sorted(owners.items()):
        org = session.get(Organisation, org_id)
        assert org is not None
        place = member(session=session, round_=round_, org=org)
        linked = set(
            session.exec(
                select(RoundCollaboration.collaboration_id).where(
                    RoundCollaboration.round_organisation_id == place.id
                )
            )
        )
        already = already and place.answer == "collaborations" and set(given) <= linked
        record_answer(
            session=session,
            year=who.year,
            org=org,
            answer="collaborations",
            today=today,
            by=reporter,
            collaboration_ids=sorted(given),
        )
        outcome.answers[org.name] = sorted(given)
    outcome.already_answered = already and bool(owners)
