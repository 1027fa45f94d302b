"""The annual report as a memo in Swedish, in Markdown, for the City Council (P9).

All Swedish wording of the memo is here, beside the code that places it.
"""

from __future__ import annotations

from typing import Any, Final

from vanort_cli.output import as_text, md_escape, md_table

STATUS_SV: Final = {
    "held": "genomfört",
    "planned": "planerat",
    "postponed": "uppskjutet",
    "cancelled": "inställt",
    "expected": "förväntat enligt turordningen",
    "unrecorded": "ej registrerat (beräknat enligt turordningen)",
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


def _dates(start: Any, end: Any) -> str:
    if start and end and start != end:
        return f"{as_text(start)}–{as_text(end)}"
    return as_text(start or end)


def _count_sections(c: dict[str, Any]) -> list[str]:
    """The counts by town, organisation and area, shared by both memos."""
    return [
        "### Per stad",
        "",
        md_table(
            ["Stad", "Typ", "Antal"],
            [
                [t["name_sv"], TOWN_KIND_SV.get(t["kind"], t["kind"]), t["count"]]
                for t in c["by_town"]
            ],
        ),
        "",
        "### Per förvaltning och bolag",
        "",
        md_table(
            ["Organisation", "Typ", "Antal"],
            [
                [o["name"], ORG_KIND_SV.get(o["kind"], o["kind"]), o["count"]]
                for o in c["by_organisation"]
            ],
        ),
        "",
        "### Per område",
        "",
        md_table(["Område", "Antal"], [[a["name_sv"], a["count"]] for a in c["by_area"]]),
        "",
    ]


def annual_memo(report: dict[str, Any]) -> str:
    year = report["year"]
    c = report["collaborations"]
    out = [
        f"# Vänortsrapport {year}",
        "",
        f"Göteborgs Stad, Stadsledningskontoret. Sammanställd {as_text(report['generated_on'])} "
        "ur vänortsregistret (vanort), enligt policyn för Göteborgs Stads relationer med "
        "vänorterna (P9, P10).",
        "",
        f"## Vänortsmöten {year}",
        "",
    ]
    if report["meetings"]:
        out.append(
            md_table(
                ["År", "Värdstad", "Status", "Datum", "Plats", "Tema"],
                [
                    [
                        m["year"],
                        m["host"]["name_sv"],
                        STATUS_SV.get(m["status"], m["status"]),
                        _dates(m["start_date"], m["end_date"]),
                        m["place"],
                        m["theme"],
                    ]
                    for m in report["meetings"]
                ],
            )
        )
    else:
        out.append(f"Inget vänortsmöte hölls eller planerades {year}.")
    out += [
        "",
        f"## Samarbeten {year}",
        "",
        f"Under {year} pågick {c['total']} samarbeten med vänorter och partnerstäder, "
        f"varav {len(c['new_this_year'])} rapporterades under året.",
    ]
    if c["total"]:
        out += [
            "",
            *_count_sections(c),
            "### Per samarbetsform",
            "",
            md_table(
                ["Form", "Antal"],
                [[KIND_SV.get(k["kind"], k["kind"]), k["count"]] for k in c["by_kind"]],
            ),
            "",
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
                        KIND_SV.get(i["kind"], i["kind"]),
                        _dates(i["start_date"], i["end_date"]) + ("–" if i["ongoing"] else ""),
                        "ja" if i["id"] in c["new_this_year"] else "",
                    ]
                    for i in c["items"]
                ],
            ),
        ]
    out += ["", "### Förvaltningar och bolag som rapporterat under året", ""]
    if c["reporting_organisations"]:
        out += [
            f"- {md_escape(o['name'])} ({ORG_KIND_SV.get(o['kind'], o['kind']).lower()}): "
            f"{o['count']}"
            for o in c["reporting_organisations"]
        ]
    else:
        out.append(f"Inga samarbeten rapporterades under {year}.")
    return "\n".join(out) + "\n"


def _change(value: int | None) -> str:
    if value is None:
        return ""
    return f"+{value}" if value > 0 else str(value)


def consolidated_memo(report: dict[str, Any]) -> str:
    """The draft of the consolidated report and analysis after a Göteborg-hosted meeting (P11)."""
    year = report["year"]
    c = report["collaborations"]
    period = f"{as_text(report['period']['start'])}–{as_text(report['period']['end'])}"
    previous = report["previous_hosting_year"]
    out = [
        f"# Samlad redovisning och analys av Göteborgs Stads vänortsrelationer {year}",
        "",
        "UTKAST. Göteborgs Stad, Stadsledningskontoret. Enligt policyn ska en samlad "
        "redovisning och analys av stadens relationer med vänorterna göras efter att "
        f"Göteborgs Stad har varit värd för vänortsmötet (P11). Sammanställd "
        f"{as_text(report['generated_on'])} ur vänortsregistret (vanort).",
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
        ),
        "",
        "## Vänortsmöten under perioden",
        "",
    ]
    for meeting in report["meetings"]:
        out.append(
            f"### {meeting['year']}: {md_escape(meeting['host']['name_sv'])} "
            f"({STATUS_SV.get(meeting['status'], meeting['status'])})"
        )
        out.append("")
        facts = [
            ("Datum", _dates(meeting["start_date"], meeting["end_date"])),
            ("Plats", meeting["place"]),
            ("Tema", meeting["theme"]),
        ]
        out += [f"- {label}: {md_escape(value)}" for label, value in facts if value]
        if meeting["seminars"]:
            out.append(
                "- Seminarier: "
                + "; ".join(
                    md_escape(s["title"])
                    + (f" ({md_escape(s['speaker'])})" if s["speaker"] else "")
                    for s in meeting["seminars"]
                )
            )
        if meeting["gothenburg_delegation"]:
            out.append(
                "- Göteborgs delegation: "
                + "; ".join(
                    md_escape(p["name"]) + (f", {md_escape(p['role'])}" if p["role"] else "")
                    for p in meeting["gothenburg_delegation"]
                )
            )
        if meeting["source"] == "rotation":
            out.append("- Mötet är inte registrerat; värdstaden är beräknad enligt turordningen.")
        out.append("")
    out += [
        "## Samarbeten under perioden",
        "",
        f"Under perioden pågick {c['total']} samarbeten, varav {len(c['new_this_year'])} "
        "rapporterades under perioden.",
        "",
        "### Utveckling per år",
        "",
        md_table(
            ["År", "Pågående samarbeten", "Förändring"],
            [[y["year"], y["count"], _change(y["change"])] for y in c["by_year"]],
        ),
        "",
        *_count_sections(c),
        "## Öppna frågor",
        "",
        "### Samarbeten utan slutdatum",
        "",
    ]
    ongoing = report["open_items"]["ongoing"]
    out += [
        f"- {i['id']}: {md_escape(i['title'])} ({md_escape(i['organisation'])})" for i in ongoing
    ] or ["Inga."]
    out += ["", "### Förvaltningar och bolag som inte rapporterat under perioden", ""]
    silent = report["open_items"]["organisations_without_reports"]
    out += [f"- {md_escape(o['name'])}" for o in silent] or ["Inga."]
    out += ["", "## Analys", "", "_Stadsledningskontorets analys skrivs här._"]
    return "\n".join(out) + "\n"
