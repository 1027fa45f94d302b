"""The annual report and the evaluation draft as one self-contained HTML document
for the City Council: the memo's sections and sentences, with charts, printable
on A4 (P9, P11).

The page and its building blocks are html_markup's; the sentences are the
memo's (report_words), in the reader's language; the charts are charts.py's
(matplotlib, imported only when a document is drawn). Every number and date is
marked with where the report's JSON has it (see html_markup), so a test can hold
the document to `report --format json`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, TypeVar

from vanort_cli.domain.chart_data import bar_plan, coinciding
from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.domain.refs import CollaborationTownRef, OrganisationRef
from vanort_cli.domain.report import (
    AnnualReport,
    CollaborationItem,
    Collaborations,
    ConsolidatedReport,
    EvaluationMeeting,
    MeetingYear,
    OrganisationCount,
    ReportingRound,
    ReportMeeting,
    Rotation,
    TrendYear,
)
from vanort_cli.i18n import N_, gettext, language, values
from vanort_cli.i18n.prose import and_list
from vanort_cli.reports.listing_order import in_title_order
from vanort_cli.reports.markup import (
    Html,
    bullets,
    data,
    document,
    document_parts,
    esc,
    figure,
    heading,
    inline_svg,
    paragraph,
    sentence,
    table,
    table_parts,
    time_of,
    titled,
    year_of,
)
from vanort_cli.reports.rotation_picture import TITLE as ROTATION_TITLE
from vanort_cli.reports.rotation_picture import rotation_rank, timeline
from vanort_cli.reports.words import (
    Count,
    Counted,
    DateSpan,
    Sentence,
    Year,
    annual_intro,
    capitalised,
    consolidated_intro,
    header_cells,
    kind_word,
    local_name,
    no_meeting,
    no_round,
    org_kind_word,
    period_count,
    period_sentences,
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
C = TypeVar("C", bound=Counted)

# -- charts ---------------------------------------------------------------------------


# The partner cities' line looks the same in every report: black (the seventh of
# charts.SERIES_COLOURS, after the twin towns' six; a town seventh in the rotation
# would share it, but its line is solid where this one is dashed).
PARTNER_STYLE: Final = 6


@dataclass(frozen=True)
class TrendLine:
    """One line of the trend: a twin town, or the partner cities together."""

    label: str
    look: int  # its style, fixed by its place in the rotation: the same every year
    partners: bool
    towns: list[int]  # the places in a year's `by_town` of the towns it adds up


def _trend_lines(towns: Sequence[CollaborationTownRef], rotation: Rotation) -> list[TrendLine]:
    """Each twin town, in the order of the rotation, and the partner cities together
    (there can be a dozen; the policy's picture is the twin towns)."""
    rank = rotation_rank(rotation)
    order = {key: place for place, key in enumerate(rotation.order)}
    twins = sorted(
        (t for t, town in enumerate(towns) if town.kind == "twin"),
        key=lambda t: rank(towns[t].key, local_name(towns[t])),
    )
    lines = [
        TrendLine(local_name(towns[t]), order.get(towns[t].key, len(order) + t), False, [t])
        for t in twins
    ]
    partners = [t for t, town in enumerate(towns) if town.kind != "twin"]
    if partners:
        lines.append(TrendLine(_("Partner cities"), PARTNER_STYLE, True, partners))
    return lines


NOT_A_PARTNER: Final = Html("–")  # a year before a town joined or after it left


def _line_count(row: TrendYear, line: TrendLine) -> int | None:
    """The line's count in the year: its towns' counts added up; None where none of
    them was a partner that year (no point on the line, "–" in the table)."""
    counts = [c for t in line.towns if (c := row.by_town[t].count) is not None]
    return sum(counts) if counts else None


def _trend_section(trend: Sequence[TrendYear], rotation: Rotation) -> list[Html]:
    """Active collaborations each year over ten years, by twin town: the chart and its
    table."""
    from vanort_cli.reports import charts

    if not trend or not trend[0].by_town:
        return []
    years = [row.year for row in trend]
    first, last = years[0], years[-1]
    lines = _trend_lines(trend[0].by_town, rotation)
    # Each line's count in each year, and where the JSON has what it adds up; "–"
    # where none of its towns was a partner that year (not a 0).
    cells = [
        [
            NOT_A_PARTNER
            if (count := _line_count(row, line)) is None
            else data(
                count,
                " ".join(
                    f"collaborations.trend[{i}].by_town[{t}].count"
                    for t in line.towns
                    if row.by_town[t].count is not None
                ),
            )
            for i, row in enumerate(trend)
        ]
        for line in lines
    ]
    series = [
        charts.Series(
            label=line.label,
            values=[_line_count(row, line) for row in trend],
            dashed=line.partners,
            style=line.look,
        )
        for line in lines
    ]
    title = _("Collaborations active each year {first}–{last}, by twin town")
    caption = sentence(
        Sentence(
            title,
            {
                "first": Year(first, "collaborations.trend[0].year"),
                "last": Year(last, f"collaborations.trend[{len(trend) - 1}].year"),
            },
        )
    )
    svg = charts.trend_chart(years, series, ylabel=_("Active collaborations"), salt="trend")
    headers = [
        _("Twin town"),
        *(year_of(y, f"collaborations.trend[{i}].year") for i, y in enumerate(years)),
    ]
    rows: list[list[Any]] = [[line.label, *shown] for line, shown in zip(lines, cells, strict=True)]
    rows.append(
        [
            _("All collaborations"),
            *(data(row.total, f"collaborations.trend[{i}].total") for i, row in enumerate(trend)),
        ]
    )
    numbers = table(headers, rows, numeric=range(1, len(headers)))
    picture = inline_svg(svg, title.format(first=first, last=last))
    # Lines with the same count every year would be one line to the eye: name them
    # (the picture sets their marks side by side).
    same = coinciding([s.values for s in series])
    below = Html(
        " ".join(
            sentence(
                Sentence(
                    _(
                        "The lines of {towns} have the same count every year: their marks are "
                        "set side by side."
                    ),
                    {"towns": and_list([lines[i].label for i in group], language())},
                )
            )
            for group in same
        )
    )
    return [figure("trend", caption, picture, paragraph(below) if same else Html("")), numbers]


def _ranked_chart(
    name: str,
    key: str,
    rows: Sequence[C],
    *,
    title: str,
    label: Callable[[C], str],
    rest_note: str,
    unbarred_note: str,
    year: int | None,
) -> list[Html]:
    """A bar chart of one of the counts (`collaborations.{key}` in the JSON), largest
    first, the rest as one bar ("övriga") with a line saying what the rest holds;
    a rest that would be longer than the largest bar is never drawn as one
    (`domain.chart_data.bar_plan`): every bar then, or the rest said in words."""
    from vanort_cli.reports import charts

    ranked = _by_count_indexed(rows, label)
    if not ranked:
        return []
    plan = bar_plan([row.count for _i, row in ranked])
    named = plan.named
    bars = [charts.Bar(label(row), row.count) for _i, row in ranked[:named]]
    rest = ranked[named:]
    below = Html("")
    if rest:
        rest_count = sum(row.count for _i, row in rest)
        if plan.rest_bar:
            bars.append(charts.Bar(_("Others"), rest_count, rest=True))
        paths = " ".join(f"collaborations.{key}[{i}].count" for i, _row in rest)
        below = paragraph(
            sentence(
                Sentence(
                    rest_note if plan.rest_bar else unbarred_note,
                    {
                        "groups": Count(len(rest), f"len(collaborations.{key})-{named}"),
                        "count": Count(rest_count, paths),
                    },
                )
            )
        )
    svg = charts.bar_chart(bars, xlabel=_("Collaborations"), salt=name)
    caption = sentence(Sentence(title, {"year": Year(year, "year") if year is not None else ""}))
    return [figure(name, caption, inline_svg(svg, title.format(year=year)), below)]


def _by_count_indexed(rows: Sequence[C], name: Callable[[C], str]) -> list[tuple[int, C]]:
    """The rows largest first, equal counts by shown name, each with its place in the JSON."""
    return sorted(enumerate(rows), key=lambda ir: (-ir[1].count, swedish_sort_key(name(ir[1]))))


def _status_cell(meeting: MeetingYear, path: str, next_year: int | None) -> Html:
    """A meeting's status in the rotation's table, with what else the picture shows:
    where a postponed meeting went, where a meeting came from, a year not confirmed,
    the next meeting."""
    said = Html(esc(values.MEETING_STATUS.word(meeting.status)))
    for key, moved, template in (
        ("rescheduled_to", meeting.rescheduled_to, N_("{status}, moved to {year}")),
        ("postponed_from", meeting.postponed_from, N_("{status}, moved from {year}")),
    ):
        if moved is not None:
            said = sentence(
                Sentence(_(template), {"status": said, "year": Year(moved, f"{path}.{key}")})
            )
    if meeting.confirmed is False:
        said = sentence(Sentence(_("{status}, the year not confirmed"), {"status": said}))
    if meeting.year == next_year:
        said = sentence(Sentence(_("{status} (the next meeting)"), {"status": said}))
    return said


def _rotation_section(rotation: Rotation) -> list[Html]:
    """The rotation around the report's year: the timeline, its table, and which years
    are only computed."""
    from vanort_cli.reports import charts

    if not rotation.meetings:
        return []
    title = _(ROTATION_TITLE)
    caption = sentence(
        Sentence(
            title,
            {
                "first": Year(rotation.first_year, "rotation.first_year"),
                "last": Year(rotation.last_year, "rotation.last_year"),
            },
        )
    )
    svg = charts.rotation_svg(timeline(rotation), salt="rotation")
    plain = title.format(first=rotation.first_year, last=rotation.last_year)
    next_year = rotation.next_meeting_year
    rows = []
    for i, meeting in enumerate(rotation.meetings):
        computed = meeting.source == "rotation"
        status = _status_cell(meeting, f"rotation.meetings[{i}]", next_year)
        host: Html | str = local_name(meeting.host)
        if meeting.host.key == rotation.home_town:
            host = Html(f"<strong>{esc(host)}</strong>")  # Göteborg's turn, as in the picture
        basis = values.SCHEDULE_SOURCE.word(meeting.source, long=True)
        rows.append(
            [
                year_of(meeting.year, f"rotation.meetings[{i}].year"),
                host,
                status,
                Html(f'<span class="computed">{esc(basis)}</span>') if computed else basis,
            ]
        )
    numbers = table(header_cells(_("Year | Host | Status | Basis")), rows)
    computed_years = [
        year_of(meeting.year, f"rotation.meetings[{i}].year")
        for i, meeting in enumerate(rotation.meetings)
        if meeting.source == "rotation"
    ]
    notes = []
    if computed_years:
        notes.append(
            paragraph(
                sentence(
                    Sentence(
                        _(
                            "These years are computed from the rotation, not recorded "
                            "meetings: {years}."
                        ),
                        {"years": Html(", ".join(computed_years))},
                    )
                ),
                "note",
            )
        )
    return [figure("rotation", caption, inline_svg(svg, plain)), numbers, *notes]


# -- sections shared with the memo -----------------------------------------------------


def _count_sections(c: Collaborations, year: int | None) -> list[Html]:
    """By town, organisation (with its chart), area (with its chart) and kind; the
    charts' captions name the `year`, or the period (the evaluation draft)."""
    out: list[Html] = [titled(_("### By town"))]
    out.append(
        paragraph(
            _(
                "A collaboration with several towns counts once for each town, so the sum "
                "can be larger than the number of collaborations."
            )
        )
    )
    out.append(
        table(
            header_cells(_("Town | Kind | Count")),
            [
                [
                    local_name(t),
                    town_kind_word(t.kind),
                    data(t.count, f"collaborations.by_town[{i}].count"),
                ]
                for i, t in _by_count_indexed(c.by_town, local_name)
            ],
            numeric=[2],
        )
    )
    out.append(titled(_("### By administration and company")))
    out += _ranked_chart(
        "organisations",
        "by_organisation",
        c.by_organisation,
        title=_("Collaborations {year} by administration and company")
        if year is not None
        else _("Collaborations during the period by administration and company"),
        label=lambda o: o.name,
        rest_note=_(
            "Others: the {groups:# administration or company|# administrations and "
            "companies} with the fewest collaborations, together "
            "{count:# collaboration|# collaborations}."
        ),
        unbarred_note=_(
            "Not drawn: {groups:# other administration or company|# other administrations "
            "and companies} with fewer collaborations, together "
            "{count:# collaboration|# collaborations}: more than the largest bar, so not "
            "drawn as one bar. The table below gives each."
        ),
        year=year,
    )
    out.append(
        table(
            header_cells(_("Organisation | Kind | Count")),
            [
                [
                    o.name,
                    capitalised(org_kind_word(o.kind)),
                    data(o.count, f"collaborations.by_organisation[{i}].count"),
                ]
                for i, o in _by_count_indexed(c.by_organisation, lambda o: o.name)
            ],
            numeric=[2],
        )
    )
    out.append(titled(_("### By area")))
    out += _ranked_chart(
        "areas",
        "by_area",
        c.by_area,
        title=_("Collaborations {year} by area")
        if year is not None
        else _("Collaborations during the period by area"),
        label=local_name,
        rest_note=_(
            "Others: the {groups:# area|# areas} with the fewest collaborations, together "
            "{count:# collaboration|# collaborations}."
        ),
        unbarred_note=_(
            "Not drawn: {groups:# other area|# other areas} with fewer collaborations, "
            "together {count:# collaboration|# collaborations}: more than the largest bar, "
            "so not drawn as one bar. The table below gives each."
        ),
        year=year,
    )
    out.append(
        table(
            header_cells(_("Area | Count")),
            [
                [local_name(a), data(a.count, f"collaborations.by_area[{i}].count")]
                for i, a in _by_count_indexed(c.by_area, local_name)
            ],
            numeric=[1],
        )
    )
    out.append(titled(_("### By form of collaboration")))
    out.append(
        table(
            header_cells(_("Form | Count")),
            [
                [kind_word(k.kind), data(k.count, f"collaborations.by_kind[{i}].count")]
                for i, k in _by_count_indexed(c.by_kind, lambda k: kind_word(k.kind))
            ],
            numeric=[1],
        )
    )
    return out


def _meeting_sections(meetings: Sequence[ReportMeeting], path: str) -> list[Html]:
    """One part per meeting year, as the memo has them."""
    out: list[Html] = []
    for i, meeting in enumerate(meetings):
        at = f"{path}[{i}]"
        out.append(
            Html(f"<h3>{year_of(meeting.year, f'{at}.year')}: {esc(local_name(meeting.host))}</h3>")
        )
        lines = [esc(status_line(meeting))]
        start, end = meeting.start_date, meeting.end_date
        if start or end:
            span = DateSpan(start, end, f"{at}.start_date" if start else f"{at}.end_date")
            lines.append(sentence(Sentence(_("Date: {dates}"), {"dates": span})))
        for key, value, template in (
            ("place", meeting.place, N_("Place: {place}")),
            ("theme", meeting.theme, N_("Theme: {theme}")),
        ):
            if value:
                lines.append(sentence(Sentence(_(template), {key: value})))
        if isinstance(meeting, EvaluationMeeting):
            if meeting.seminars:
                seminars = "; ".join(
                    s.title + (f" ({s.speaker})" if s.speaker else "") for s in meeting.seminars
                )
                lines.append(sentence(Sentence(_("Seminars: {seminars}"), {"seminars": seminars})))
            for delegation in meeting.delegations:
                people = "; ".join(
                    p.name + (f", {p.role}" if p.role else "") for p in delegation.participants
                )
                lines.append(
                    sentence(
                        Sentence(
                            _("Delegation from {town}: {people}"),
                            {"town": local_name(delegation.town), "people": people},
                        )
                    )
                )
        if meeting.note:
            lines.append(sentence(Sentence(_("Note: {note}"), {"note": meeting.note})))
        out.append(bullets(lines))
    return out


def _organisations(orgs: Sequence[OrganisationRef], path: str) -> Html | None:
    """The organisations by name, with how many each reported if they are counted."""
    indexed = sorted(enumerate(orgs), key=lambda io: swedish_sort_key(io[1].name))
    if not indexed:
        return None
    items = []
    for i, o in indexed:
        if isinstance(o, OrganisationCount):
            items.append(
                sentence(
                    Sentence(
                        _("{name} ({kind}): {count:# collaboration|# collaborations}"),
                        {
                            "name": o.name,
                            "kind": org_kind_word(o.kind),
                            "count": Count(o.count, f"{path}[{i}].count"),
                        },
                    )
                )
            )
        else:
            items.append(Html(f"{esc(o.name)} ({esc(org_kind_word(o.kind))})"))
    return bullets(items)


def annual_html(report: AnnualReport) -> str:
    """The annual report as an HTML document."""
    return "".join(annual_html_parts(report))


def annual_html_parts(report: AnnualReport) -> Iterator[str]:
    """The annual report as an HTML document, a part at a time: its listing of
    the collaborations is read and written a row at a time."""
    year = report.year
    y = year_of(year, "year")
    c = report.collaborations
    new_ids = set(c.new_this_year)
    # Ordered before the charts are drawn, which reuse the memory the sorting took.
    listing = in_title_order(c.items) if c.total else iter(())
    title = heading(_("# Twin-town report {year}")).format(year=year)
    body: list[Html | Iterable[str]] = [
        titled(_("# Twin-town report {year}"), year=y),
        paragraph(sentence(annual_intro(report)), "lead"),
        titled(_("## Twin-town meetings {year}"), year=y),
    ]
    if report.meetings:
        body += _meeting_sections(report.meetings, "meetings")
    else:
        body.append(paragraph(sentence(no_meeting(year, compiled=report.generated_on))))
    body += _rotation_section(report.rotation)
    body.append(titled(_("## Collaborations {year}"), year=y))
    body.append(
        paragraph(sentence(year_summary(year, c.total, len(new_ids), compiled=report.generated_on)))
    )
    body += _trend_section(c.trend, report.rotation)
    if c.total:
        yes = _("yes")
        body += _count_sections(c, year)
        body.append(titled(_("### All collaborations")))
        body.append(
            table_parts(
                header_cells(_("No. | Title | Towns | Organisation | Area | Form | Period | New")),
                (
                    [
                        data(item.id, f"collaborations.items[{i}].id", str(item.id)),
                        item.title,
                        town_list(item.towns),
                        item.organisation.name,
                        ref_name(item.area),
                        kind_word(item.kind),
                        _period_cell(item, f"collaborations.items[{i}]"),
                        yes if item.id in new_ids else "",
                    ]
                    for i, item in listing
                ),
                numeric=[0],
            )
        )
    body.append(titled(_("### Administrations and companies that reported during the year")))
    body.append(
        _organisations(c.reporting_organisations, "collaborations.reporting_organisations")
        or paragraph(
            sentence(Sentence(_("No collaborations were reported during {year}."), {"year": y}))
        )
    )
    body.append(titled(_("### Reporting round {year}"), year=y))
    held = report.reporting_round
    if held is None:
        said = no_round([Year(year, "year")], compiled=report.generated_on)
        body += [paragraph(sentence(s)) for s in said]
    else:
        body += _round(held, year, report.generated_on, path="reporting_round", year_path="year")
    return document_parts(title, body)


def _round(
    held: ReportingRound, year: int, compiled: date, *, path: str, year_path: str | None
) -> list[Html]:
    """A year's round (P10): who was asked, and who answered how."""
    return [
        paragraph(sentence(round_intro(held, year, path=path, year_path=year_path))),
        bullets(sentence(s) for s in round_answers(held, compiled=compiled, path=path)),
    ]


def _period_cell(item: CollaborationItem, path: str) -> Html:
    start = time_of(item.start_date, f"{path}.start_date")
    if item.end_date is None:
        return sentence(Sentence(_("{start}–ongoing"), {"start": start}))
    return Html(f"{start}–{time_of(item.end_date, f'{path}.end_date')}")


def consolidated_html(report: ConsolidatedReport) -> str:
    """The evaluation draft after a Göteborg-hosted meeting (P11) as an HTML document."""
    year = report.year
    y = year_of(year, "year")
    c = report.collaborations
    memo_title = _(
        "# Consolidated report and analysis of the City of Gothenburg's twin-town relations {year}"
    )
    body: list[Html] = [
        titled(memo_title, year=y),
        paragraph(sentence(consolidated_intro(report)), "lead"),
        paragraph(Html(" ".join(sentence(s) for s in period_sentences(report)))),
        titled(_("## Twin-town meetings during the period")),
        *_meeting_sections(report.meetings, "meetings"),
        *_rotation_section(report.rotation),
        titled(_("## Collaborations during the period")),
        paragraph(sentence(period_count(c, report))),
        titled(_("### Development by year")),
        table(
            header_cells(_("Year | Active collaborations | Change")),
            [
                [
                    year_of(row.year, f"collaborations.by_year[{i}].year"),
                    data(row.count, f"collaborations.by_year[{i}].count"),
                    data(row.change, f"collaborations.by_year[{i}].change", signed(row.change)),
                ]
                for i, row in enumerate(c.by_year)
            ],
            numeric=[1, 2],
        ),
        *_trend_section(c.trend, report.rotation),
    ]
    if c.total:
        body += _count_sections(c, None)
    body.append(titled(_("## Open questions")))
    body.append(titled(_("### Ongoing collaborations without an end date")))
    ongoing = sorted(
        enumerate(report.open_items.ongoing), key=lambda ii: swedish_sort_key(ii[1].title)
    )
    body.append(
        bullets(
            sentence(
                Sentence(
                    _("No. {id}: {title} ({organisation})"),
                    {
                        "id": Html(data(item.id, f"open_items.ongoing[{i}].id", str(item.id))),
                        "title": item.title,
                        "organisation": item.organisation,
                    },
                )
            )
            for i, item in ongoing
        )
        if ongoing
        else paragraph(_("None."))
    )
    body.append(titled(_("### Reporting rounds during the period")))
    silent_years = [
        Year(r.year, f"reporting_rounds[{i}].year")
        for i, r in enumerate(report.reporting_rounds)
        if r.reporting_round is None
    ]
    body += [paragraph(sentence(s)) for s in no_round(silent_years, compiled=report.generated_on)]
    for i, r in enumerate(report.reporting_rounds):
        if r.reporting_round is not None:
            where = f"reporting_rounds[{i}]"
            body.append(titled("#### {year}", year=year_of(r.year, f"{where}.year")))
            body += _round(
                r.reporting_round,
                r.year,
                report.generated_on,
                path=f"{where}.reporting_round",
                year_path=f"{where}.year",
            )
    body.append(titled(_("## Analysis")))
    analysis = esc(_("The City Executive Office's analysis goes here."))
    body.append(paragraph(Html(f"<em>{analysis}</em>")))
    title = heading(memo_title).format(year=year)
    return document(title, body)
