"""The annual report and the evaluation draft as one self-contained HTML document
for the City Council: the memo's sections and sentences, with charts, printable
on A4 (P9, P11).

Self-contained: the styles are in the page and the charts are inline SVG with
their glyphs drawn as paths, so the file opens from an e-mail attachment with no
fonts, scripts or other files. The sentences are the memo's (report_memo), in
the reader's language. Every number and date the document shows is marked with
where the report's JSON has it (`<data data-json="collaborations.total">`, a
sum where several paths are given), so a test can hold the document to
`report --format json`. matplotlib is imported only here, by the commands that
draw.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, Final

from vanort_cli.domain.chart_data import named_count
from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.i18n import N_, Number, gettext, language
from vanort_cli.output import shown_text
from vanort_cli.report_words import (
    HOME,
    Count,
    DateSpan,
    Sentence,
    Year,
    annual_intro,
    as_date,
    consolidated_intro,
    header_cells,
    kind_word,
    largest_first,
    local_name,
    org_kind_word,
    period_count,
    period_sentences,
    signed,
    status_line,
    town_kind_word,
    year_summary,
)
from vanort_cli.rotation_picture import TITLE as ROTATION_TITLE
from vanort_cli.rotation_picture import rotation_rank, timeline

_ = gettext

STYLE: Final = """
@page { size: A4; margin: 18mm 18mm 20mm 18mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #444; } }
html { font-family: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif;
  font-size: 10.5pt; line-height: 1.35; color: #111; }
body { margin: 0; }
@media screen { body { max-width: 174mm; margin: 2em auto; padding: 0 1em; } }
h1 { font-size: 20pt; margin: 0 0 3mm; }
h2 { font-size: 14pt; margin: 8mm 0 2mm; padding-bottom: 1mm; border-bottom: 0.6pt solid #777;
  break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; }
p, li { orphans: 3; widows: 3; overflow-wrap: break-word; }
p.lead { font-size: 11pt; }
p.note, figcaption p { font-size: 9pt; color: #333; }
ul { padding-left: 5mm; margin: 1mm 0 3mm; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 1mm 0 3mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 1.2pt 4pt;
  border-bottom: 0.5pt solid #bbb; overflow-wrap: break-word; }
th { border-bottom: 0.8pt solid #555; }
.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.computed { font-style: italic; }
figure.chart { margin: 4mm 0; break-inside: avoid; }
figcaption { font-weight: bold; margin: 0 0 1.5mm; }
figcaption p { font-weight: normal; margin: 1mm 0 0; }
svg.plot { display: block; width: 100%; height: auto; }
"""


class Html(str):
    """Text that is HTML already: written as it is."""


def esc(value: Any) -> Html:
    """User text as inert HTML for people: one line, control characters shown."""
    return Html(html.escape(shown_text(value)))


def _attr(value: Any) -> str:
    return html.escape(str(value), quote=True)


def data(value: int | None, path: str | None, shown: str | None = None) -> Html:
    """A number, marked with where the JSON has it."""
    if value is None:
        return Html("")
    text = html.escape(shown if shown is not None else str(Number(value)))
    if path is None:
        return Html(text)
    return Html(f'<data value="{value}" data-json="{_attr(path)}">{text}</data>')


def year_of(value: int, path: str) -> Html:
    return data(value, path, str(value))


def time_of(day: date | str | None, path: str, shown: str | None = None) -> Html:
    """A date, ISO 8601 in the markup and the JSON, as given in the text."""
    found = as_date(day)
    if found is None:
        return Html("")
    text = html.escape(shown if shown is not None else found.isoformat())
    return Html(f'<time datetime="{found.isoformat()}" data-json="{_attr(path)}">{text}</time>')


class _Field:
    """A sentence's field as HTML: numbers and dates marked, text escaped."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        value = self.value
        if isinstance(value, Sentence):
            return sentence(value)
        if isinstance(value, Count):
            shown = data(int(value), value.path)
            if "|" not in spec:
                return shown
            one, many = spec.split("|", 1)
            return (one if value == 1 else many).replace("#", shown)
        if isinstance(value, Year):
            return year_of(int(value), value.path) if value.path else str(int(value))
        if isinstance(value, DateSpan):
            return time_of(value.start, value.path or "", format(value))
        if isinstance(value, Html):
            return value
        return esc(value)


def sentence(said: Sentence) -> Html:
    """The memo's sentence in HTML: its wording escaped, its fields marked."""
    template = html.escape(said.template, quote=False)
    return Html(template.format(**{k: _Field(v) for k, v in said.fields.items()}))


def heading(memo_heading: str) -> str:
    """A memo heading's words without its Markdown marks ("### By town" -> "By town"):
    the document shares the memo's wording."""
    return memo_heading.lstrip("#").strip()


def titled(memo_heading: str, **fields: Html) -> Html:
    """A heading in the memo's words: its level from its Markdown marks ("## " is
    <h2>), the marks left out, its fields marked."""
    level = len(memo_heading) - len(memo_heading.lstrip("#"))
    text = html.escape(heading(memo_heading), quote=False).format(**fields)
    return Html(f"<h{level}>{text}</h{level}>")


def table(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, numeric: Iterable[int] = ()
) -> Html:
    """A table; cells that are not Html are escaped; `numeric` columns right-aligned."""
    right = set(numeric)

    def cell(tag: str, i: int, value: Any) -> str:
        shown = value if isinstance(value, Html) else esc(value)
        return f'<{tag} class="n">{shown}</{tag}>' if i in right else f"<{tag}>{shown}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>" for row in rows
    )
    return Html(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def figure(name: str, caption: Html, svg: str, below: Html = Html("")) -> Html:
    """A chart: its caption above (a test finds the chart by it), the picture, and what
    is said under it. Never split over two pages."""
    return Html(
        f'<figure class="chart" id="chart-{name}"><figcaption>{caption}</figcaption>'
        f"{svg}{below}</figure>"
    )


def paragraph(text: Html | str, css: str | None = None) -> Html:
    shown = text if isinstance(text, Html) else esc(text)
    return Html(f'<p class="{css}">{shown}</p>' if css else f"<p>{shown}</p>")


def _li(items: Iterable[Html]) -> Html:
    return Html("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


# -- charts ---------------------------------------------------------------------------

STATUS_WORDS: Final = {
    "held": N_("held"),
    "planned": N_("planned"),
    "expected": N_("expected"),
    "postponed": N_("postponed"),
    "cancelled": N_("cancelled"),
    "unrecorded": N_("unrecorded"),
}


def _inline(svg: str, label: str) -> str:
    """matplotlib's <svg> element as a scalable picture with a text alternative."""
    return svg.replace("<svg ", f'<svg class="plot" role="img" aria-label="{_attr(label)}" ', 1)


# The partner cities' line looks the same in every report (black, dashed).
PARTNER_STYLE: Final = 6


def _trend_lines(
    towns: list[dict[str, Any]], rotation: dict[str, Any]
) -> list[tuple[str, int, bool, list[int]]]:
    """The trend's lines: each twin town, in the order of the rotation, and the partner
    cities together (there can be a dozen; the policy's picture is the twin towns).
    Each line is its label, its look (fixed by its place in the rotation, so a town
    looks the same in every year's report), whether it is the partner cities, and the
    places in `by_town` of the towns it adds up."""
    rank = rotation_rank(rotation)
    order = {key: place for place, key in enumerate(rotation.get("order", []))}
    twins = sorted(
        (t for t, town in enumerate(towns) if town["kind"] == "twin"),
        key=lambda t: rank(towns[t]["key"], local_name(towns[t])),
    )
    lines = [
        (local_name(towns[t]), order.get(towns[t]["key"], len(order) + t), False, [t])
        for t in twins
    ]
    partners = [t for t, town in enumerate(towns) if town["kind"] != "twin"]
    if partners:
        lines.append((_("Partner cities"), PARTNER_STYLE, True, partners))
    return lines


def _trend_section(c: dict[str, Any], rotation: dict[str, Any]) -> list[Html]:
    """Active collaborations each year over ten years, by twin town: the chart and its
    table."""
    from vanort_cli import charts

    trend = c.get("trend") or []
    if not trend or not trend[0]["by_town"]:
        return []
    years = [row["year"] for row in trend]
    first, last = years[0], years[-1]
    lines = _trend_lines(trend[0]["by_town"], rotation)
    # Each line's count in each year, and where the JSON has what it adds up.
    cells = [
        [
            data(
                sum(row["by_town"][t]["count"] for t in towns),
                " ".join(f"collaborations.trend[{i}].by_town[{t}].count" for t in towns),
            )
            for i, row in enumerate(trend)
        ]
        for _label, _look, _partner, towns in lines
    ]
    series = [
        charts.Series(
            label=label,
            values=[sum(row["by_town"][t]["count"] for t in towns) for row in trend],
            dashed=partner,
            style=look,
        )
        for label, look, partner, towns in lines
    ]
    title = _("Collaborations active each year {first}–{last}, by twin town")
    caption = Html(
        html.escape(title, quote=False).format(
            first=year_of(first, "collaborations.trend[0].year"),
            last=year_of(last, f"collaborations.trend[{len(trend) - 1}].year"),
        )
    )
    svg = charts.trend_chart(years, series, ylabel=_("Active collaborations"), salt="trend")
    headers = [
        header_cells(_("Town | Kind | Count"))[0],  # the memo's word for a town
        *(year_of(y, f"collaborations.trend[{i}].year") for i, y in enumerate(years)),
    ]
    rows: list[list[Any]] = [
        [label, *shown] for (label, *_), shown in zip(lines, cells, strict=True)
    ]
    rows.append(
        [
            _("All collaborations"),
            *(
                data(row["total"], f"collaborations.trend[{i}].total")
                for i, row in enumerate(trend)
            ),
        ]
    )
    numbers = table(headers, rows, numeric=range(1, len(headers)))
    picture = _inline(svg, title.format(first=first, last=last))
    return [figure("trend", caption, picture), numbers]


def _ranked_chart(
    name: str,
    key: str,
    c: dict[str, Any],
    *,
    title: str,
    label: Callable[[dict[str, Any]], str],
    rest_note: str,
    year: int | None,
) -> list[Html]:
    """A bar chart of one of the counts, largest first, the rest as one bar ("övriga"),
    with a line saying what the rest holds."""
    from vanort_cli import charts

    ranked = _by_count_indexed(c[key], label)
    if not ranked:
        return []
    named = named_count([row["count"] for _i, row in ranked])
    bars = [charts.Bar(label(row), row["count"]) for _i, row in ranked[:named]]
    rest = ranked[named:]
    below = Html("")
    if rest:
        rest_count = sum(row["count"] for _i, row in rest)
        bars.append(charts.Bar(_("Others"), rest_count, rest=True))
        paths = " ".join(f"collaborations.{key}[{i}].count" for i, _row in rest)
        below = paragraph(
            sentence(
                Sentence(
                    rest_note,
                    {
                        "groups": Count(len(rest), f"len(collaborations.{key})-{named}"),
                        "count": Count(rest_count, paths),
                    },
                )
            )
        )
    svg = charts.bar_chart(bars, xlabel=_("Collaborations"), salt=name)
    shown_year = year_of(year, "year") if year is not None else ""
    caption = Html(html.escape(title, quote=False).format(year=shown_year))
    return [figure(name, caption, _inline(svg, title.format(year=year)), below)]


def _by_count_indexed(
    rows: list[dict[str, Any]], name: Callable[[dict[str, Any]], str]
) -> list[tuple[int, dict[str, Any]]]:
    """The rows largest first, equal counts by shown name, each with its place in the JSON."""
    order = largest_first([{**row, "_at": i} for i, row in enumerate(rows)], name)
    return [(row["_at"], row) for row in order]


def _status_cell(meeting: dict[str, Any], path: str, next_year: int | None) -> Html:
    """A meeting's status in the rotation's table, with what else the picture shows:
    where a postponed meeting went, where a meeting came from, a year not confirmed,
    the next meeting."""
    said = Html(esc(_(STATUS_WORDS.get(meeting["status"], meeting["status"]))))
    for key, template in (
        ("rescheduled_to", N_("{status}, moved to {year}")),
        ("postponed_from", N_("{status}, moved from {year}")),
    ):
        if meeting.get(key) is not None:
            said = sentence(
                Sentence(_(template), {"status": said, "year": Year(meeting[key], f"{path}.{key}")})
            )
    if meeting.get("confirmed") is False:
        said = sentence(Sentence(_("{status}, the year not confirmed"), {"status": said}))
    if meeting["year"] == next_year:
        said = sentence(Sentence(_("{status} (the next meeting)"), {"status": said}))
    return said


def _rotation_section(report: dict[str, Any]) -> list[Html]:
    """The rotation around the report's year: the timeline, its table, and which years
    are only computed."""
    from vanort_cli import charts

    rotation = report.get("rotation")
    if not rotation or not rotation["meetings"]:
        return []
    title = _(ROTATION_TITLE)
    caption = Html(
        html.escape(title, quote=False).format(
            first=year_of(rotation["first_year"], "rotation.first_year"),
            last=year_of(rotation["last_year"], "rotation.last_year"),
        )
    )
    svg = charts.rotation_svg(timeline(rotation), salt="rotation")
    plain = title.format(first=rotation["first_year"], last=rotation["last_year"])
    next_year = rotation.get("next_meeting_year")
    rows = []
    for i, meeting in enumerate(rotation["meetings"]):
        computed = meeting["source"] == "rotation"
        status = _status_cell(meeting, f"rotation.meetings[{i}]", next_year)
        host = local_name(meeting["host"])
        if meeting["host"]["key"] == rotation.get("home_town", HOME):
            host = _("{town} (Gothenburg's turn)").format(town=host)
        basis = _("computed from the rotation") if computed else _("recorded")
        rows.append(
            [
                year_of(meeting["year"], f"rotation.meetings[{i}].year"),
                host,
                status,
                Html(f'<span class="computed">{esc(basis)}</span>') if computed else basis,
            ]
        )
    numbers = table(header_cells(_("Year | Host | Status | Basis")), rows)
    computed_years = [
        year_of(m["year"], f"rotation.meetings[{i}].year")
        for i, m in enumerate(rotation["meetings"])
        if m["source"] == "rotation"
    ]
    notes = []
    if computed_years:
        notes.append(
            paragraph(
                Html(
                    html.escape(
                        _(
                            "These years are computed from the rotation, not recorded "
                            "meetings: {years}."
                        ),
                        quote=False,
                    ).format(years=Html(", ".join(computed_years)))
                ),
                "note",
            )
        )
    return [figure("rotation", caption, _inline(svg, plain)), numbers, *notes]


# -- sections shared with the memo -----------------------------------------------------


def _count_sections(c: dict[str, Any], year: int | None) -> list[Html]:
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
                    town_kind_word(t["kind"]),
                    data(t["count"], f"collaborations.by_town[{i}].count"),
                ]
                for i, t in _by_count_indexed(c["by_town"], local_name)
            ],
            numeric=[2],
        )
    )
    out.append(titled(_("### By administration and company")))
    out += _ranked_chart(
        "organisations",
        "by_organisation",
        c,
        title=_("Collaborations {year} by administration and company")
        if year is not None
        else _("Collaborations during the period by administration and company"),
        label=lambda o: str(o["name"]),
        rest_note=_(
            "Others: the {groups:# administration or company|# administrations and "
            "companies} with the fewest collaborations, together "
            "{count:# collaboration|# collaborations}."
        ),
        year=year,
    )
    out.append(
        table(
            header_cells(_("Organisation | Kind | Count")),
            [
                [
                    o["name"],
                    org_kind_word(o["kind"])[:1].upper() + org_kind_word(o["kind"])[1:],
                    data(o["count"], f"collaborations.by_organisation[{i}].count"),
                ]
                for i, o in _by_count_indexed(c["by_organisation"], lambda o: str(o["name"]))
            ],
            numeric=[2],
        )
    )
    out.append(titled(_("### By area")))
    out += _ranked_chart(
        "areas",
        "by_area",
        c,
        title=_("Collaborations {year} by area")
        if year is not None
        else _("Collaborations during the period by area"),
        label=local_name,
        rest_note=_(
            "Others: the {groups:# area|# areas} with the fewest collaborations, together "
            "{count:# collaboration|# collaborations}."
        ),
        year=year,
    )
    out.append(
        table(
            header_cells(_("Area | Count")),
            [
                [local_name(a), data(a["count"], f"collaborations.by_area[{i}].count")]
                for i, a in _by_count_indexed(c["by_area"], local_name)
            ],
            numeric=[1],
        )
    )
    out.append(titled(_("### By form of collaboration")))
    out.append(
        table(
            header_cells(_("Form | Count")),
            [
                [kind_word(k["kind"]), data(k["count"], f"collaborations.by_kind[{i}].count")]
                for i, k in _by_count_indexed(c["by_kind"], lambda k: kind_word(k["kind"]))
            ],
            numeric=[1],
        )
    )
    return out


def _meeting_sections(meetings: list[dict[str, Any]], path: str) -> list[Html]:
    """One part per meeting year, as the memo has them."""
    out: list[Html] = []
    for i, meeting in enumerate(meetings):
        at = f"{path}[{i}]"
        out.append(
            Html(
                f"<h3>{year_of(meeting['year'], f'{at}.year')}: "
                f"{esc(local_name(meeting['host']))}</h3>"
            )
        )
        lines = [esc(status_line(meeting))]
        start, end = as_date(meeting["start_date"]), as_date(meeting["end_date"])
        if start or end:
            span = DateSpan(start, end, f"{at}.start_date" if start else f"{at}.end_date")
            lines.append(sentence(Sentence(_("Date: {dates}"), {"dates": span})))
        for key, template in (
            ("place", N_("Place: {place}")),
            ("theme", N_("Theme: {theme}")),
        ):
            if meeting.get(key):
                lines.append(sentence(Sentence(_(template), {key: meeting[key]})))
        if meeting.get("seminars"):
            seminars = "; ".join(
                s["title"] + (f" ({s['speaker']})" if s["speaker"] else "")
                for s in meeting["seminars"]
            )
            lines.append(sentence(Sentence(_("Seminars: {seminars}"), {"seminars": seminars})))
        for delegation in meeting.get("delegations") or []:
            people = "; ".join(
                p["name"] + (f", {p['role']}" if p["role"] else "")
                for p in delegation["participants"]
            )
            lines.append(
                sentence(
                    Sentence(
                        _("Delegation from {town}: {people}"),
                        {"town": local_name(delegation["town"]), "people": people},
                    )
                )
            )
        if meeting.get("note"):
            lines.append(sentence(Sentence(_("Note: {note}"), {"note": meeting["note"]})))
        out.append(_li(lines))
    return out


def _organisations(orgs: list[dict[str, Any]], path: str, *, counted: bool) -> Html | None:
    """The organisations by name, with how many they reported if `counted`."""
    indexed = sorted(enumerate(orgs), key=lambda io: swedish_sort_key(str(io[1]["name"])))
    if not indexed:
        return None
    items = []
    for i, o in indexed:
        if counted:
            items.append(
                sentence(
                    Sentence(
                        _("{name} ({kind}): {count:# collaboration|# collaborations}"),
                        {
                            "name": o["name"],
                            "kind": org_kind_word(o["kind"]),
                            "count": Count(o["count"], f"{path}[{i}].count"),
                        },
                    )
                )
            )
        else:
            items.append(Html(f"{esc(o['name'])} ({esc(org_kind_word(o['kind']))})"))
    return _li(items)


def _document(title: str, body: Iterable[Html]) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{language()}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="vanort">\n'
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def annual_html(report: dict[str, Any]) -> str:
    """The annual report (its collaborations read into lists) as an HTML document."""
    year = report["year"]
    y = year_of(year, "year")
    c = report["collaborations"]
    new_ids = set(c["new_this_year"])
    title = heading(_("# Twin-town report {year}")).format(year=year)
    body: list[Html] = [
        titled(_("# Twin-town report {year}"), year=y),
        paragraph(sentence(annual_intro(report)), "lead"),
        titled(_("## Twin-town meetings {year}"), year=y),
    ]
    if report["meetings"]:
        body += _meeting_sections(report["meetings"], "meetings")
    else:
        body.append(
            paragraph(
                Html(esc(_("No twin-town meeting was held or planned in {year}.")).format(year=y))
            )
        )
    body += _rotation_section(report)
    body.append(titled(_("## Collaborations {year}"), year=y))
    body.append(paragraph(sentence(year_summary(year, c["total"], len(new_ids)))))
    body += _trend_section(c, report.get("rotation") or {})
    if c["total"]:
        yes = _("yes")
        body += _count_sections(c, year)
        body.append(titled(_("### All collaborations")))
        items = sorted(enumerate(c["items"]), key=lambda ii: swedish_sort_key(str(ii[1]["title"])))
        body.append(
            table(
                header_cells(_("No. | Title | Towns | Organisation | Area | Form | Period | New")),
                [
                    [
                        data(item["id"], f"collaborations.items[{i}].id", str(item["id"])),
                        item["title"],
                        ", ".join(sorted(local_name(t) for t in item["towns"])),
                        item["organisation"]["name"],
                        local_name(item["area"]),
                        kind_word(item["kind"]),
                        _period_cell(item, f"collaborations.items[{i}]"),
                        yes if item["id"] in new_ids else "",
                    ]
                    for i, item in items
                ],
                numeric=[0],
            )
        )
    body.append(titled(_("### Administrations and companies that reported during the year")))
    body.append(
        _organisations(
            c["reporting_organisations"], "collaborations.reporting_organisations", counted=True
        )
        or paragraph(Html(esc(_("No collaborations were reported during {year}.")).format(year=y)))
    )
    body.append(titled(_("### Administrations and companies that did not report during the year")))
    body.append(
        _organisations(
            c.get("organisations_without_reports", []),
            "collaborations.organisations_without_reports",
            counted=False,
        )
        or paragraph(_("Every administration and company reported during the year."))
    )
    return _document(title, body)


def _period_cell(item: dict[str, Any], path: str) -> Html:
    start = time_of(item["start_date"], f"{path}.start_date")
    if item["end_date"] is None:
        return Html(esc(_("{start}–ongoing")).replace("{start}", start))
    return Html(f"{start}–{time_of(item['end_date'], f'{path}.end_date')}")


def consolidated_html(report: dict[str, Any]) -> str:
    """The evaluation draft after a Göteborg-hosted meeting (P11) as an HTML document."""
    year = report["year"]
    y = year_of(year, "year")
    c = report["collaborations"]
    memo_title = _(
        "# Consolidated report and analysis of the City of Gothenburg's twin-town relations {year}"
    )
    body: list[Html] = [
        titled(memo_title, year=y),
        paragraph(sentence(consolidated_intro(report)), "lead"),
        paragraph(Html(" ".join(sentence(s) for s in period_sentences(report)))),
        titled(_("## Twin-town meetings during the period")),
        *_meeting_sections(report["meetings"], "meetings"),
        *_rotation_section(report),
        titled(_("## Collaborations during the period")),
        paragraph(sentence(period_count(c, report))),
        titled(_("### Development by year")),
        table(
            header_cells(_("Year | Active collaborations | Change")),
            [
                [
                    year_of(row["year"], f"collaborations.by_year[{i}].year"),
                    data(row["count"], f"collaborations.by_year[{i}].count"),
                    data(
                        row["change"], f"collaborations.by_year[{i}].change", signed(row["change"])
                    ),
                ]
                for i, row in enumerate(c["by_year"])
            ],
            numeric=[1, 2],
        ),
        *_trend_section(c, report.get("rotation") or {}),
    ]
    if c["total"]:
        body += _count_sections(c, None)
    body.append(titled(_("## Open questions")))
    body.append(titled(_("### Ongoing collaborations without an end date")))
    ongoing = sorted(
        enumerate(report["open_items"]["ongoing"]), key=lambda ii: swedish_sort_key(ii[1]["title"])
    )
    body.append(
        _li(
            sentence(
                Sentence(
                    _("No. {id}: {title} ({organisation})"),
                    {
                        "id": Html(data(i_["id"], f"open_items.ongoing[{i}].id", str(i_["id"]))),
                        "title": i_["title"],
                        "organisation": i_["organisation"],
                    },
                )
            )
            for i, i_ in ongoing
        )
        if ongoing
        else paragraph(_("None."))
    )
    body.append(
        titled(_("### Administrations and companies that did not report during the period"))
    )
    body.append(
        paragraph(
            _(
                "Those that have not reported any collaboration active during the period, "
                "whenever the report came in."
            )
        )
    )
    body.append(
        _organisations(
            report["open_items"]["organisations_without_reports"],
            "open_items.organisations_without_reports",
            counted=False,
        )
        or paragraph(_("None."))
    )
    body.append(titled(_("## Analysis")))
    analysis = esc(_("The City Executive Office's analysis goes here."))
    body.append(paragraph(Html(f"<em>{analysis}</em>")))
    title = heading(memo_title).format(year=year)
    return _document(title, body)
