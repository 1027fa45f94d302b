"""The annual report and the evaluation draft as memos for the City Council, in
Markdown, in the reader's language (P9, P11).

The memos' own sentences are here, in English, beside the code that places
them; those the printable document shares with them are in report_words; their
Swedish is in the catalog. A heading is translated with its Markdown
marks ("### By town"), and a table's header row as one line ("Town | Kind |
Count"), so that the memo's words never share a catalog entry with a table title
or a column header elsewhere and can be worded as a memo needs. Dates and counts
in sentences are written as the language writes them ("1 mars 2026", "1 March
2026"; "1 234", "1,234"); table cells keep ISO dates and plain numbers. Towns and
areas are named in the language (Åbo, Turku); organisations by their names.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.domain.refs import OrganisationRef
from vanort_cli.domain.report import (
    AnnualReport,
    CollaborationItem,
    Collaborations,
    ConsolidatedReport,
    EvaluationMeeting,
    OrganisationCount,
    ReportingRound,
    ReportMeeting,
)
from vanort_cli.i18n import gettext
from vanort_cli.output.markdown import md_escape, md_table, md_table_lines
from vanort_cli.reports.listing_order import in_title_order
from vanort_cli.reports.words import (
    HOME,
    Count,
    Year,
    annual_intro,
    by_name,
    capitalised,
    consolidated_intro,
    header_cells,
    kind_word,
    largest_first,
    local_name,
    no_meeting,
    no_round,
    org_kind_word,
    period_count,
    period_sentences,
    prose_dates,
    ref_name,
    round_answers,
    round_intro,
    signed,
    status_line,
    town_kind_word,
    town_list,
    year_summary,
)

_ = gettext


def _say(message: str, **fields: Any) -> str:
    """`message`, translated already (`_("...")`), with its fields filled in."""
    return message.format(**fields)


def _period(item: CollaborationItem) -> str:
    """A collaboration's period in a table cell: ISO dates, 'ongoing' while ongoing."""
    start = str(item.start_date)
    if item.end_date is None:
        return _say(_("{start}–ongoing"), start=start)
    return f"{start}–{item.end_date}"


def _count_sections(c: Collaborations) -> list[str]:
    """The counts by town, organisation, area and kind, shared by both memos."""
    return [
        _("### By town"),
        "",
        _(
            "A collaboration with several towns counts once for each town, so the sum "
            "can be larger than the number of collaborations."
        ),
        "",
        md_table(
            header_cells(_("Town | Kind | Count")),
            [
                [local_name(t), town_kind_word(t.kind), t.count]
                for t in largest_first(c.by_town, local_name)
            ],
        ),
        "",
        _("### By administration and company"),
        "",
        md_table(
            header_cells(_("Organisation | Kind | Count")),
            [
                [o.name, capitalised(org_kind_word(o.kind)), o.count]
                for o in largest_first(c.by_organisation, lambda o: o.name)
            ],
        ),
        "",
        _("### By area"),
        "",
        md_table(
            header_cells(_("Area | Count")),
            [[local_name(a), a.count] for a in largest_first(c.by_area, local_name)],
        ),
        "",
        _("### By form of collaboration"),
        "",
        md_table(
            header_cells(_("Form | Count")),
            [
                [kind_word(k.kind), k.count]
                for k in largest_first(c.by_kind, lambda k: kind_word(k.kind))
            ],
        ),
        "",
    ]


def _meeting_sections(meetings: Sequence[ReportMeeting]) -> list[str]:
    """One section per meeting year: host, status, dates, place, theme, seminars,
    the delegations (every town's, Göteborg's first) and the note, as far as the
    report has them (the evaluation draft's meetings have seminars and delegations)."""
    out: list[str] = []
    for meeting in meetings:
        out += [f"### {meeting.year}: {md_escape(local_name(meeting.host))}", ""]
        lines = [status_line(meeting)]
        dates = prose_dates(meeting.start_date, meeting.end_date)
        if dates:
            lines.append(_say(_("Date: {dates}"), dates=dates))
        if meeting.place:
            lines.append(_say(_("Place: {place}"), place=md_escape(meeting.place)))
        if meeting.theme:
            lines.append(_say(_("Theme: {theme}"), theme=md_escape(meeting.theme)))
        if isinstance(meeting, EvaluationMeeting):
            if meeting.seminars:
                seminars = "; ".join(
                    md_escape(s.title) + (f" ({md_escape(s.speaker)})" if s.speaker else "")
                    for s in meeting.seminars
                )
                lines.append(_say(_("Seminars: {seminars}"), seminars=seminars))
            # Göteborg's first, then the towns in the alphabetical order of their names.
            delegations = sorted(
                meeting.delegations,
                key=lambda d: (d.town.key != HOME, swedish_sort_key(local_name(d.town))),
            )
            for delegation in delegations:
                people = "; ".join(
                    md_escape(p.name) + (f", {md_escape(p.role)}" if p.role else "")
                    for p in delegation.participants
                )
                town = md_escape(local_name(delegation.town))
                lines.append(_say(_("Delegation from {town}: {people}"), town=town, people=people))
        if meeting.note:
            lines.append(_say(_("Note: {note}"), note=md_escape(meeting.note)))
        out += [f"- {line}" for line in lines]
        out.append("")
    return out


def _organisation_list(orgs: Sequence[OrganisationRef]) -> list[str]:
    """The organisations by name, with how many each reported if they are counted."""
    out = []
    for o in by_name(orgs, lambda o: o.name):
        name, kind = md_escape(o.name), org_kind_word(o.kind)
        if isinstance(o, OrganisationCount):
            line = _say(
                _("{name} ({kind}): {count:# collaboration|# collaborations}"),
                name=name,
                kind=kind,
                count=Count(o.count),
            )
        else:
            line = f"{name} ({kind})"
        out.append(f"- {line}")
    return out


def annual_memo(report: AnnualReport) -> str:
    return "".join(annual_memo_parts(report))


def annual_memo_parts(report: AnnualReport) -> Iterator[str]:
    """The annual memo a part at a time: its listing of the collaborations is read
    and written a row at a time."""
    year = report.year
    c = report.collaborations
    new_ids = set(c.new_this_year)  # asked once per collaboration
    out: list[str | Iterator[str]] = [
        _say(_("# Twin-town report {year}"), year=year),
        "",
        str(annual_intro(report)),
        "",
        _say(_("## Twin-town meetings {year}"), year=year),
        "",
    ]
    if report.meetings:
        out += _meeting_sections(report.meetings)
    else:
        out += [str(no_meeting(year, compiled=report.generated_on)), ""]
    out += [_say(_("## Collaborations {year}"), year=year), ""]
    out += [str(year_summary(year, c.total, len(new_ids), compiled=report.generated_on)), ""]
    if c.total:
        yes = _("yes")
        out += [
            *_count_sections(c),
            _("### All collaborations"),
            "",
            md_table_lines(
                header_cells(_("No. | Title | Towns | Organisation | Area | Form | Period | New")),
                (
                    [
                        i.id,
                        i.title,
                        town_list(i.towns),
                        i.organisation.name,
                        ref_name(i.area),
                        kind_word(i.kind),
                        _period(i),
                        yes if i.id in new_ids else "",
                    ]
                    for _place, i in in_title_order(c.items)
                ),
            ),
            "",
        ]
    out += [_("### Administrations and companies that reported during the year"), ""]
    out += _organisation_list(c.reporting_organisations) or [
        _say(_("No collaborations were reported during {year}."), year=year)
    ]
    out += ["", _say(_("### Reporting round {year}"), year=year), ""]
    out += _round(report.reporting_round, year, report, path="reporting_round")
    for part in out:
        if isinstance(part, str):
            yield part + "\n"
        else:
            yield from (line + "\n" for line in part)


def _round(
    held: ReportingRound | None,
    year: int,
    report: AnnualReport | ConsolidatedReport,
    *,
    path: str,
) -> list[str]:
    """A year's round (P10): who was asked, and who answered how; or that none was held."""
    if held is None:
        return [str(s) for s in no_round([Year(year)], compiled=report.generated_on)]
    return [
        str(round_intro(held, year, path=path, year_path=None)),
        "",
        *(
            f"- {s}"
            for s in round_answers(held, compiled=report.generated_on, path=path, shown=md_escape)
        ),
    ]


def _period_rounds(report: ConsolidatedReport) -> list[str]:
    """Each year of the period that had a round, and in one sentence those that did not."""
    out = [
        str(s)
        for s in no_round(
            [Year(r.year) for r in report.reporting_rounds if r.reporting_round is None],
            compiled=report.generated_on,
        )
    ]
    out += [""] if out else []
    for i, r in enumerate(report.reporting_rounds):
        if r.reporting_round is not None:
            out += [f"#### {r.year}", ""]
            out += _round(
                r.reporting_round, r.year, report, path=f"reporting_rounds[{i}].reporting_round"
            )
            out.append("")
    return out[:-1] if out else out


def consolidated_memo(report: ConsolidatedReport) -> str:
    """The draft of the consolidated report and analysis after a Göteborg-hosted meeting (P11)."""
    year = report.year
    c = report.collaborations
    out = [
        _say(
            _(
                "# Consolidated report and analysis of the City of Gothenburg's twin-town "
                "relations {year}"
            ),
            year=year,
        ),
        "",
        str(consolidated_intro(report)),
        "",
        " ".join(str(sentence) for sentence in period_sentences(report)),
        "",
        _("## Twin-town meetings during the period"),
        "",
        *_meeting_sections(report.meetings),
        _("## Collaborations during the period"),
        "",
        str(period_count(c, report)),
        "",
        _("### Development by year"),
        "",
        md_table(
            header_cells(_("Year | Active collaborations | Change")),
            [[y.year, y.count, signed(y.change)] for y in c.by_year],
        ),
        "",
    ]
    if c.total:
        out += _count_sections(c)
    out += [
        _("## Open questions"),
        "",
        _("### Ongoing collaborations without an end date"),
        "",
    ]
    ongoing = by_name(report.open_items.ongoing, lambda i: i.title)
    out += [
        "- "
        + _say(
            _("No. {id}: {title} ({organisation})"),
            id=i.id,
            title=md_escape(i.title),
            organisation=md_escape(i.organisation),
        )
        for i in ongoing
    ] or [_("None.")]
    out += ["", _("### Reporting rounds during the period"), ""]
    out += _period_rounds(report)
    out += [
        "",
        _("## Analysis"),
        "",
        "_" + _("The City Executive Office's analysis goes here.") + "_",
    ]
    return "\n".join(out) + "\n"
