"""The annual report as a memo in Swedish, in Markdown, for the City Council (P9).

All Swedish wording of the memo is here, beside the code that places it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Final

from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.output import md_escape, md_table

STATUS_SV: Final = {
    "held": "genomfört",
    "planned": "planerat",
    "postponed": "uppskjutet",
    "cancelled": "inställt",
    "expected": "ännu inte registrerat",
    "unrecorded": "ej registrerat",
}
KIND_SV: Final = {
    "project": "Projekt",
    "network": "Nätverk",
    "exchange": "Erfarenhetsutbyte",
    "study-visit": "Studiebesök",
    "other": "Övrigt",
}
ORG_KIND_SV: Final = {"forvaltning": "Förvaltning", "bolag": "Bolag"}
TOWN_KIND_SV: Final = {"twin": "Vänort", "partner": "Partnerstad"}


MONTHS_SV: Final = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
ONGOING_SV: Final = "pågående"


def swedish_date(day: date) -> str:
    """A date as Swedish prose writes it: 1 mars 2026."""
    return f"{day.day} {MONTHS_SV[day.month - 1]} {day.year}"


def swedish_dates(start: date | None, end: date | None) -> str:
    """A span as Swedish prose writes it: 10–12 september 2025, 30 augusti–2 september 2025."""
    if start is None or end is None or start == end:
        day = start or end
        return swedish_date(day) if day else ""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{swedish_date(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS_SV[start.month - 1]}–{swedish_date(end)}"
    return f"{swedish_date(start)}–{swedish_date(end)}"


def _as_date(value: Any) -> date | None:
    """A date from the report (a date, or an ISO string once it has been through JSON)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _period(item: dict[str, Any]) -> str:
    """A collaboration's period in a table cell: ISO dates, 'pågående' while ongoing."""
    start = str(item["start_date"])
    if item["end_date"] is None:
        return f"{start}–{ONGOING_SV}"
    return f"{start}–{item['end_date']}"


def _collaborations(count: int) -> str:
    """'inga samarbeten', '1 samarbete', '5 samarbeten'."""
    if count == 0:
        return "inga samarbeten"
    return f"{count} samarbete" if count == 1 else f"{count} samarbeten"


def _of_which(count: int) -> str:
    return {0: "inget", 1: "ett"}.get(count, str(count))


def _by_name(rows: list[dict[str, Any]], name: str = "name") -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: swedish_sort_key(str(r[name])))


def _by_count(
    rows: list[dict[str, Any]], name: Callable[[dict[str, Any]], str]
) -> list[dict[str, Any]]:
    """Largest count first; equal counts in Swedish alphabetical order of the shown name."""
    return sorted(rows, key=lambda r: (-r["count"], swedish_sort_key(name(r))))


def _org_kind(org: dict[str, Any]) -> str:
    return str(ORG_KIND_SV.get(org["kind"], org["kind"])).lower()


def _kind_sv(kind: str) -> str:
    return KIND_SV.get(kind, kind)


def _count_sections(c: dict[str, Any]) -> list[str]:
    """The counts by town, organisation, area and kind, shared by both memos."""
    return [
        "### Per stad",
        "",
        "Ett samarbete med flera städer räknas en gång för varje stad, så summan kan vara "
        "större än antalet samarbeten.",
        "",
        md_table(
            ["Stad", "Typ", "Antal"],
            [
                [t["name_sv"], TOWN_KIND_SV.get(t["kind"], t["kind"]), t["count"]]
                for t in _by_count(c["by_town"], lambda t: t["name_sv"])
            ],
        ),
        "",
        "### Per förvaltning och bolag",
        "",
        md_table(
            ["Organisation", "Typ", "Antal"],
            [
                [o["name"], ORG_KIND_SV.get(o["kind"], o["kind"]), o["count"]]
                for o in _by_count(c["by_organisation"], lambda o: o["name"])
            ],
        ),
        "",
        "### Per område",
        "",
        md_table(
            ["Område", "Antal"],
            [[a["name_sv"], a["count"]] for a in _by_count(c["by_area"], lambda a: a["name_sv"])],
        ),
        "",
        "### Per samarbetsform",
        "",
        md_table(
            ["Form", "Antal"],
            [
                [_kind_sv(k["kind"]), k["count"]]
                for k in _by_count(c["by_kind"], lambda k: _kind_sv(k["kind"]))
            ],
        ),
        "",
    ]


def _meeting_sections(meetings: list[dict[str, Any]]) -> list[str]:
    """One section per meeting year: host, status, dates, place, theme, seminars,
    the delegations (every town's, Göteborg's first) and the note, as far as the
    report has them."""
    out: list[str] = []
    for meeting in meetings:
        out += [f"### {meeting['year']}: {md_escape(meeting['host']['name_sv'])}", ""]
        status = STATUS_SV.get(meeting["status"], meeting["status"])
        if meeting["source"] == "rotation":
            status += "; värdstaden är beräknad enligt turordningen"
        facts = [
            ("Status", status),
            (
                "Datum",
                swedish_dates(_as_date(meeting["start_date"]), _as_date(meeting["end_date"])),
            ),
            ("Plats", md_escape(meeting["place"])),
            ("Tema", md_escape(meeting["theme"])),
        ]
        out += [f"- {label}: {value}" for label, value in facts if value]
        if meeting.get("seminars"):
            out.append(
                "- Seminarier: "
                + "; ".join(
                    md_escape(s["title"])
                    + (f" ({md_escape(s['speaker'])})" if s["speaker"] else "")
                    for s in meeting["seminars"]
                )
            )
        delegations = meeting.get("delegations")
        if delegations is None and meeting.get("gothenburg_delegation"):
            delegations = [
                {"town": {"name_sv": "Göteborg"}, "participants": meeting["gothenburg_delegation"]}
            ]
        for delegation in delegations or []:
            out.append(
                f"- Delegation från {md_escape(delegation['town']['name_sv'])}: "
                + "; ".join(
                    md_escape(p["name"]) + (f", {md_escape(p['role'])}" if p["role"] else "")
                    for p in delegation["participants"]
                )
            )
        if meeting.get("note"):
            out.append(f"- Anteckning: {md_escape(meeting['note'])}")
        out.append("")
    return out


def _organisation_list(orgs: list[dict[str, Any]], *, counted: bool) -> list[str]:
    return [
        f"- {md_escape(o['name'])} ({_org_kind(o)})"
        + (f": {_collaborations(o['count'])}" if counted else "")
        for o in _by_name(orgs)
    ]


def annual_memo(report: dict[str, Any]) -> str:
    year = report["year"]
    c = report["collaborations"]
    new = len(c["new_this_year"])
    new_ids = set(c["new_this_year"])  # asked once per collaboration
    out = [
        f"# Vänortsrapport {year}",
        "",
        "Göteborgs Stad, Stadsledningskontoret. Sammanställd den "
        f"{swedish_date(_as_date(report['generated_on']) or date.min)} ur vänortsregistret "
        "(vanort), enligt policyn för Göteborgs Stads relationer med vänorterna (P9, P10).",
        "",
        f"## Vänortsmöten {year}",
        "",
    ]
    if report["meetings"]:
        out += _meeting_sections(report["meetings"])
    else:
        out += [f"Inget vänortsmöte hölls eller planerades {year}.", ""]
    out += [f"## Samarbeten {year}", ""]
    if c["total"]:
        out += [
            f"Under {year} pågick {_collaborations(c['total'])} med vänorter och "
            f"partnerstäder, varav {_of_which(new)} rapporterades under året.",
            "",
            *_count_sections(c),
            "### Samtliga samarbeten",
            "",
            md_table(
                ["Nr", "Titel", "Städer", "Organisation", "Område", "Form", "Period", "Ny"],
                [
                    [
                        i["id"],
                        i["title"],
                        ", ".join(t["name_sv"] for t in i["towns"]),
                        i["organisation"]["name"],
                        i["area"]["name_sv"],
                        _kind_sv(i["kind"]),
                        _period(i),
                        "ja" if i["id"] in new_ids else "",
                    ]
                    for i in _by_name(c["items"], "title")
                ],
            ),
            "",
        ]
    else:
        out += [f"Under {year} pågick inga samarbeten med vänorter och partnerstäder.", ""]
    out += ["### Förvaltningar och bolag som rapporterat under året", ""]
    out += _organisation_list(c["reporting_organisations"], counted=True) or [
        f"Inga samarbeten rapporterades under {year}."
    ]
    out += ["", "### Förvaltningar och bolag som inte rapporterat under året", ""]
    out += _organisation_list(c.get("organisations_without_reports", []), counted=False) or [
        "Alla förvaltningar och bolag rapporterade under året."
    ]
    return "\n".join(out) + "\n"


def _change(value: int | None) -> str:
    if value is None:
        return ""
    return f"+{value}" if value > 0 else str(value)


def _period_count(c: dict[str, Any], report: dict[str, Any]) -> str:
    """How many collaborations were active in the period, as the registry holds them
    on the day of the draft, and when they were reported: during or after the period."""
    on = swedish_date(_as_date(report["generated_on"]) or date.min)
    during = len(c["new_this_year"])
    after = len(c.get("reported_after_period", []))
    text = f"Under perioden pågick {_collaborations(c['total'])} enligt registret den {on}"
    if not c["total"]:
        return text + "."
    text += f"; {_of_which(during)} av dem rapporterades under perioden"
    if after:
        text += f" och {_of_which(after)} efter periodens slut"
    return text + "."


def consolidated_memo(report: dict[str, Any]) -> str:
    """The draft of the consolidated report and analysis after a Göteborg-hosted meeting (P11)."""
    year = report["year"]
    c = report["collaborations"]
    period = swedish_dates(_as_date(report["period"]["start"]), _as_date(report["period"]["end"]))
    previous = report["previous_hosting_year"]
    out = [
        f"# Samlad redovisning och analys av Göteborgs Stads vänortsrelationer {year}",
        "",
        "UTKAST. Göteborgs Stad, Stadsledningskontoret. Enligt policyn ska en samlad "
        "redovisning och analys av stadens relationer med vänorterna göras efter att "
        "Göteborgs Stad har varit värd för vänortsmötet (P11). Sammanställd den "
        f"{swedish_date(_as_date(report['generated_on']) or date.min)} ur vänortsregistret "
        "(vanort).",
        "",
        f"Perioden {period} omfattar tiden sedan "
        + (
            f"föregående möte i Göteborg ({previous}"
            + (
                ", beräknat enligt turordningen"
                if report["previous_hosting_source"] == "rotation"
                else ""
            )
            + ")."
            if previous
            else "registrets första möte."
        )
        + (
            f" Året för mötet {previous} är inte bekräftat; perioden kan behöva justeras."
            if previous and report.get("previous_hosting_confirmed") is False
            else ""
        ),
        "",
        "## Vänortsmöten under perioden",
        "",
        *_meeting_sections(report["meetings"]),
        "## Samarbeten under perioden",
        "",
        _period_count(c, report),
        "",
        "### Utveckling per år",
        "",
        md_table(
            ["År", "Pågående samarbeten", "Förändring"],
            [[y["year"], y["count"], _change(y["change"])] for y in c["by_year"]],
        ),
        "",
    ]
    if c["total"]:
        out += _count_sections(c)
    out += ["## Öppna frågor", "", "### Pågående samarbeten utan slutdatum", ""]
    ongoing = _by_name(report["open_items"]["ongoing"], "title")
    out += [
        f"- Nr {i['id']}: {md_escape(i['title'])} ({md_escape(i['organisation'])})" for i in ongoing
    ] or ["Inga."]
    out += ["", "### Förvaltningar och bolag som inte rapporterat under perioden", ""]
    out += [
        "De som inte har rapporterat något samarbete som pågick under perioden, "
        "oavsett när rapporten kom in.",
        "",
    ]
    silent = report["open_items"]["organisations_without_reports"]
    out += _organisation_list(silent, counted=False) or ["Inga."]
    out += ["", "## Analys", "", "_Stadsledningskontorets analys skrivs här._"]
    return "\n".join(out) + "\n"
