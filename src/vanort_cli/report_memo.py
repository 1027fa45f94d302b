"""The annual report and the evaluation draft as memos for the City Council, in
Markdown, in the reader's language (P9, P11).

The memos' sentences are here, in English, beside the code that places them;
their Swedish is in the catalog. A heading is translated with its Markdown
marks ("### By town"), and a table's header row as one line ("Town | Kind |
Count"), so that the memo's words never share a catalog entry with a table title
or a column header elsewhere and can be worded as a memo needs. Dates and counts
in sentences are written as the language writes them ("1 mars 2026", "1 March
2026"; "1 234", "1,234"); table cells keep ISO dates and plain numbers. Towns and
areas are named in the language (Åbo, Turku); organisations by their names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from typing import Any, Final

from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.i18n import N_, Day, Number, gettext, language, pick
from vanort_cli.i18n.prose import LOCALES
from vanort_cli.output import md_escape, md_table

_ = gettext
HOME: Final = "goteborg"

# The status of a meeting, as its line in the memo says it.
STATUS_LINES: Final = {
    "held": N_("Status: held"),
    "planned": N_("Status: planned"),
    "postponed": N_("Status: postponed"),
    "cancelled": N_("Status: cancelled"),
    "expected": N_("Status: not yet recorded"),
    "unrecorded": N_("Status: not recorded"),
}
# The forms of collaboration as a memo's table names them.
KIND_WORDS: Final = {
    "project": N_("Project"),
    "network": N_("Network"),
    "exchange": N_("Exchange of experience"),
    "study-visit": N_("Study visit"),
    "other": N_("Other"),
}
# An administration (förvaltning) or a company (bolag), in lower case.
ORG_KIND_WORDS: Final = {"forvaltning": N_("administration"), "bolag": N_("company")}
TOWN_KIND_WORDS: Final = {"twin": N_("Twin town"), "partner": N_("Partner city")}


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Count(int):
    """A count in a memo's sentence: `{n:# collaboration|# collaborations}` picks
    the singular for 1, `#` standing for the number as the language writes it;
    `{n}` is that number alone. `path` says where the report's JSON has it (the HTML
    document marks the number with it, and a test holds the two together)."""

    path: str | None

    def __new__(cls, value: int, path: str | None = None) -> _Count:
        count = super().__new__(cls, value)
        count.path = path
        return count

    def __format__(self, spec: str) -> str:
        shown = str(Number(int(self)))
        if "|" not in spec:
            return shown if not spec else super().__format__(spec)
        one, many = spec.split("|", 1)
        return (one if self == 1 else many).replace("#", shown)


class _Year(int):
    """A year in a sentence, as it is written (2026, never 2 026), and where the
    report's JSON has it."""

    path: str | None

    def __new__(cls, value: int, path: str | None = None) -> _Year:
        year = super().__new__(cls, value)
        year.path = path
        return year

    def __format__(self, spec: str) -> str:
        return str(int(self))


@dataclass(frozen=True)
class _Span:
    """A date, or a span of dates, in a sentence as the language writes it, and
    where the report's JSON has its start."""

    start: date | None
    end: date | None
    path: str | None = None

    def __format__(self, spec: str) -> str:
        return prose_dates(self.start, self.end)


@dataclass(frozen=True)
class Sentence:
    """A memo's sentence: its translated wording and what it is filled in with.
    `str()` writes it for the Markdown memo; the HTML document writes the same
    sentence with its numbers and dates marked (report_html)."""

    template: str
    fields: dict[str, Any] = dataclass_field(default_factory=dict)

    def __str__(self) -> str:
        return self.template.format(**self.fields)

    def __format__(self, spec: str) -> str:
        return str(self)


def _say(message: str, **fields: Any) -> str:
    """`message`, translated already (`_("...")`), with its fields filled in."""
    return message.format(**fields)


def _headers(row: str) -> list[str]:
    """A table's header row, translated as one line (`_("Town | Kind | Count")`)."""
    return [cell.strip() for cell in row.split("|")]


def _babel_date(day: date, pattern: str) -> str:
    from babel.dates import format_date

    return str(format_date(day, pattern, locale=LOCALES.get(language(), "en_GB")))


def prose_date(day: date) -> str:
    """A date as a sentence writes it: 1 mars 2026, 1 March 2026."""
    return str(Day(day))


def prose_dates(start: date | None, end: date | None) -> str:
    """A span as a sentence writes it: 10–12 september 2025, 30 augusti–2 september 2025
    (10–12 September 2025, 30 August–2 September 2025)."""
    if start is None or end is None or start == end:
        day = start or end
        return prose_date(day) if day else ""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{prose_date(end)}"
    if start.year == end.year:
        return f"{_babel_date(start, 'd MMMM')}–{prose_date(end)}"
    return f"{prose_date(start)}–{prose_date(end)}"


def _as_date(value: Any) -> date | None:
    """A date from the report (a date, or an ISO string once it has been through JSON)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _named(ref: dict[str, Any]) -> str:
    """A town's or an area's name in the reader's language (Turku, Åbo)."""
    return pick(str(ref.get("name") or ref.get("name_sv") or ""), str(ref.get("name_sv") or ""))


def _period(item: dict[str, Any]) -> str:
    """A collaboration's period in a table cell: ISO dates, 'ongoing' while ongoing."""
    start = str(item["start_date"])
    if item["end_date"] is None:
        return _say(_("{start}–ongoing"), start=start)
    return f"{start}–{item['end_date']}"


def _by_name(rows: list[dict[str, Any]], name: str = "name") -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: swedish_sort_key(str(r[name])))


def _by_count(
    rows: list[dict[str, Any]], name: Callable[[dict[str, Any]], str]
) -> list[dict[str, Any]]:
    """Largest count first; equal counts in alphabetical order of the shown name."""
    return sorted(rows, key=lambda r: (-r["count"], swedish_sort_key(name(r))))


def _org_kind(kind: str) -> str:
    return _(ORG_KIND_WORDS[kind]) if kind in ORG_KIND_WORDS else kind


def _kind(kind: str) -> str:
    return _(KIND_WORDS[kind]) if kind in KIND_WORDS else kind


def _town_kind(kind: str) -> str:
    return _(TOWN_KIND_WORDS[kind]) if kind in TOWN_KIND_WORDS else kind


def _towns(towns: list[dict[str, Any]]) -> str:
    return ", ".join(sorted((_named(t) for t in towns), key=swedish_sort_key))


def _count_sections(c: dict[str, Any]) -> list[str]:
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
            _headers(_("Town | Kind | Count")),
            [
                [_named(t), _town_kind(t["kind"]), t["count"]]
                for t in _by_count(c["by_town"], _named)
            ],
        ),
        "",
        _("### By administration and company"),
        "",
        md_table(
            _headers(_("Organisation | Kind | Count")),
            [
                [o["name"], _capitalised(_org_kind(o["kind"])), o["count"]]
                for o in _by_count(c["by_organisation"], lambda o: o["name"])
            ],
        ),
        "",
        _("### By area"),
        "",
        md_table(
            _headers(_("Area | Count")),
            [[_named(a), a["count"]] for a in _by_count(c["by_area"], _named)],
        ),
        "",
        _("### By form of collaboration"),
        "",
        md_table(
            _headers(_("Form | Count")),
            [
                [_kind(k["kind"]), k["count"]]
                for k in _by_count(c["by_kind"], lambda k: _kind(k["kind"]))
            ],
        ),
        "",
    ]


def _status_line(meeting: dict[str, Any]) -> str:
    status = meeting["status"]
    line = _(STATUS_LINES[status]) if status in STATUS_LINES else f"Status: {status}"
    if meeting["source"] == "rotation":
        line = _say(_("{status}; the host is computed from the rotation"), status=line)
    return line


def _meeting_sections(meetings: list[dict[str, Any]]) -> list[str]:
    """One section per meeting year: host, status, dates, place, theme, seminars,
    the delegations (every town's, Göteborg's first) and the note, as far as the
    report has them."""
    out: list[str] = []
    for meeting in meetings:
        out += [f"### {meeting['year']}: {md_escape(_named(meeting['host']))}", ""]
        lines = [_status_line(meeting)]
        dates = prose_dates(_as_date(meeting["start_date"]), _as_date(meeting["end_date"]))
        if dates:
            lines.append(_say(_("Date: {dates}"), dates=dates))
        if meeting["place"]:
            lines.append(_say(_("Place: {place}"), place=md_escape(meeting["place"])))
        if meeting["theme"]:
            lines.append(_say(_("Theme: {theme}"), theme=md_escape(meeting["theme"])))
        if meeting.get("seminars"):
            seminars = "; ".join(
                md_escape(s["title"]) + (f" ({md_escape(s['speaker'])})" if s["speaker"] else "")
                for s in meeting["seminars"]
            )
            lines.append(_say(_("Seminars: {seminars}"), seminars=seminars))
        delegations = meeting.get("delegations")
        if delegations is None and meeting.get("gothenburg_delegation"):
            home = {"key": HOME, "name": "Gothenburg", "name_sv": "Göteborg"}
            delegations = [{"town": home, "participants": meeting["gothenburg_delegation"]}]
        # Göteborg's first, then the towns in the alphabetical order of their names.
        delegations = sorted(
            delegations or [],
            key=lambda d: (d["town"].get("key", HOME) != HOME, swedish_sort_key(_named(d["town"]))),
        )
        for delegation in delegations:
            people = "; ".join(
                md_escape(p["name"]) + (f", {md_escape(p['role'])}" if p["role"] else "")
                for p in delegation["participants"]
            )
            town = md_escape(_named(delegation["town"]))
            lines.append(_say(_("Delegation from {town}: {people}"), town=town, people=people))
        if meeting.get("note"):
            lines.append(_say(_("Note: {note}"), note=md_escape(meeting["note"])))
        out += [f"- {line}" for line in lines]
        out.append("")
    return out


def _organisation_list(orgs: list[dict[str, Any]], *, counted: bool) -> list[str]:
    out = []
    for o in _by_name(orgs):
        name, kind = md_escape(o["name"]), _org_kind(o["kind"])
        if counted:
            line = _say(
                _("{name} ({kind}): {count:# collaboration|# collaborations}"),
                name=name,
                kind=kind,
                count=_Count(o["count"]),
            )
        else:
            line = f"{name} ({kind})"
        out.append(f"- {line}")
    return out


def _compiled_on(report: dict[str, Any]) -> _Span:
    day = _as_date(report["generated_on"]) or date.min
    return _Span(day, day, "generated_on")


def year_summary(year: int, total: int, new: int) -> Sentence:
    """How many collaborations were active during the year, and how many of them
    were reported in it."""
    shown_year = _Year(year, "year")
    if not total:
        return Sentence(
            _("In {year} no collaborations with twin towns and partner cities were active."),
            {"year": shown_year},
        )
    if new == 0:
        message = N_(
            "In {year}, {total:# collaboration|# collaborations} with twin towns and "
            "partner cities {total:was|were} active, none of which was reported during "
            "the year."
        )
    elif new == 1:
        message = N_(
            "In {year}, {total:# collaboration|# collaborations} with twin towns and "
            "partner cities {total:was|were} active, one of which was reported during "
            "the year."
        )
    else:
        message = N_(
            "In {year}, {total:# collaboration|# collaborations} with twin towns and "
            "partner cities {total:was|were} active, {new} of which were reported during "
            "the year."
        )
    return Sentence(
        _(message),
        {
            "year": shown_year,
            "total": _Count(total, "collaborations.total"),
            "new": _Count(new, "len(collaborations.new_this_year)"),
        },
    )


def annual_intro(report: dict[str, Any]) -> Sentence:
    return Sentence(
        _(
            "City of Gothenburg, City Executive Office. Compiled on {day} from the "
            "twin-town registry (vanort), under the policy for the City of Gothenburg's "
            "relations with its twin towns (P9, P10)."
        ),
        {"day": _compiled_on(report)},
    )


def annual_memo(report: dict[str, Any]) -> str:
    year = report["year"]
    c = report["collaborations"]
    new_ids = set(c["new_this_year"])  # asked once per collaboration
    out = [
        _say(_("# Twin-town report {year}"), year=year),
        "",
        str(annual_intro(report)),
        "",
        _say(_("## Twin-town meetings {year}"), year=year),
        "",
    ]
    if report["meetings"]:
        out += _meeting_sections(report["meetings"])
    else:
        out += [_say(_("No twin-town meeting was held or planned in {year}."), year=year), ""]
    out += [_say(_("## Collaborations {year}"), year=year), ""]
    out += [str(year_summary(year, c["total"], len(new_ids))), ""]
    if c["total"]:
        yes = _("yes")
        out += [
            *_count_sections(c),
            _("### All collaborations"),
            "",
            md_table(
                _headers(_("No. | Title | Towns | Organisation | Area | Form | Period | New")),
                [
                    [
                        i["id"],
                        i["title"],
                        _towns(i["towns"]),
                        i["organisation"]["name"],
                        _named(i["area"]),
                        _kind(i["kind"]),
                        _period(i),
                        yes if i["id"] in new_ids else "",
                    ]
                    for i in _by_name(c["items"], "title")
                ],
            ),
            "",
        ]
    out += [_("### Administrations and companies that reported during the year"), ""]
    out += _organisation_list(c["reporting_organisations"], counted=True) or [
        _say(_("No collaborations were reported during {year}."), year=year)
    ]
    out += ["", _("### Administrations and companies that did not report during the year"), ""]
    out += _organisation_list(c.get("organisations_without_reports", []), counted=False) or [
        _("Every administration and company reported during the year.")
    ]
    return "\n".join(out) + "\n"


def _change(value: int | None) -> str:
    if value is None:
        return ""
    return f"+{value}" if value > 0 else str(value)


def period_count(c: dict[str, Any], report: dict[str, Any]) -> Sentence:
    """How many collaborations were active in the period, as the registry holds them
    on the day of the draft, and when they were reported: during or after the period."""
    day = _compiled_on(report)
    if not c["total"]:
        return Sentence(
            _(
                "During the period no collaborations were active according to the registry "
                "on {day}."
            ),
            {"day": day},
        )
    during = len(c["new_this_year"])
    after = len(c.get("reported_after_period", []))
    if during == 0:
        reported = Sentence(_("none of them was reported during the period"))
    elif during == 1:
        reported = Sentence(_("one of them was reported during the period"))
    else:
        reported = Sentence(
            _("{during} of them were reported during the period"),
            {"during": _Count(during, "len(collaborations.new_this_year)")},
        )
    if after == 1:
        reported = Sentence(_("{reported} and one after the period ended"), {"reported": reported})
    elif after:
        reported = Sentence(
            _("{reported} and {after} after the period ended"),
            {
                "reported": reported,
                "after": _Count(after, "len(collaborations.reported_after_period)"),
            },
        )
    return Sentence(
        _(
            "During the period {total:# collaboration was|# collaborations were} active according "
            "to the registry on {day}; {reported}."
        ),
        {
            "total": _Count(c["total"], "collaborations.total"),
            "day": day,
            "reported": reported,
        },
    )


def period_sentences(report: dict[str, Any]) -> list[Sentence]:
    """The period the draft covers and the meeting it runs from."""
    period = _Span(
        _as_date(report["period"]["start"]), _as_date(report["period"]["end"]), "period.start"
    )
    previous = report["previous_hosting_year"]
    if previous is None:
        return [
            Sentence(
                _("The period {period} covers the time since the registry's first meeting."),
                {"period": period},
            )
        ]
    shown = _Year(previous, "previous_hosting_year")
    if report["previous_hosting_source"] == "rotation":
        template = _(
            "The period {period} covers the time since the previous meeting in Gothenburg "
            "({previous}, computed from the rotation)."
        )
    else:
        template = _(
            "The period {period} covers the time since the previous meeting in Gothenburg "
            "({previous})."
        )
    sentences = [Sentence(template, {"period": period, "previous": shown})]
    if report.get("previous_hosting_confirmed") is False:
        sentences.append(
            Sentence(
                _(
                    "The year of the {previous} meeting is not confirmed; the period may need "
                    "adjusting."
                ),
                {"previous": shown},
            )
        )
    return sentences


def consolidated_intro(report: dict[str, Any]) -> Sentence:
    return Sentence(
        _(
            "DRAFT. City of Gothenburg, City Executive Office. Under the policy, a "
            "consolidated report and analysis of the City's relations with its twin towns "
            "is to be made after the City of Gothenburg has hosted the twin-town meeting "
            "(P11). Compiled on {day} from the twin-town registry (vanort)."
        ),
        {"day": _compiled_on(report)},
    )


def consolidated_memo(report: dict[str, Any]) -> str:
    """The draft of the consolidated report and analysis after a Göteborg-hosted meeting (P11)."""
    year = report["year"]
    c = report["collaborations"]
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
        *_meeting_sections(report["meetings"]),
        _("## Collaborations during the period"),
        "",
        str(period_count(c, report)),
        "",
        _("### Development by year"),
        "",
        md_table(
            _headers(_("Year | Active collaborations | Change")),
            [[y["year"], y["count"], _change(y["change"])] for y in c["by_year"]],
        ),
        "",
    ]
    if c["total"]:
        out += _count_sections(c)
    out += [
        _("## Open questions"),
        "",
        _("### Ongoing collaborations without an end date"),
        "",
    ]
    ongoing = _by_name(report["open_items"]["ongoing"], "title")
    out += [
        "- "
        + _say(
            _("No. {id}: {title} ({organisation})"),
            id=i["id"],
            title=md_escape(i["title"]),
            organisation=md_escape(i["organisation"]),
        )
        for i in ongoing
    ] or [_("None.")]
    out += ["", _("### Administrations and companies that did not report during the period"), ""]
    out += [
        _(
            "Those that have not reported any collaboration active during the period, "
            "whenever the report came in."
        ),
        "",
    ]
    silent = report["open_items"]["organisations_without_reports"]
    out += _organisation_list(silent, counted=False) or [_("None.")]
    out += [
        "",
        _("## Analysis"),
        "",
        "_" + _("The City Executive Office's analysis goes here.") + "_",
    ]
    return "\n".join(out) + "\n"
