"""Collaborations, organisations, areas and the annual report through the real CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import Run, checkpoint, file_digest

pytestmark = pytest.mark.both_backends


def log(run: Run, *args: str) -> int:
    result = run("log-collaboration", *args)
    assert result.exit_code == 0, result.output
    return int(result.stdout.strip())


def test_log_prints_the_id_and_applies_the_defaults(run: Run, monkeypatch) -> None:
    monkeypatch.setenv("VANORT_USER", "anna.svensson")
    monkeypatch.setenv("VANORT_TODAY", "2026-05-04")
    first = log(run, "--town", "Åbo", "--org", "SLK", "--area", "culture", "--title", "Läsfest")
    second = log(run, "-t", "Bergen", "-o", "Liseberg", "-a", "leisure", "--title", "Parker")
    assert (first, second) == (1, 2)
    shown = json.loads(run("collaborations", "show", "1", "-f", "json").stdout)
    assert shown["start_date"] == "2026-05-04" and shown["reported_on"] == "2026-05-04"
    assert shown["reported_by"] == "anna.svensson"
    assert shown["kind"] == "project" and shown["ongoing"] is True and shown["end_date"] is None
    assert shown["organisation"] == {
        "key": "stadsledningskontoret",
        "name": "Stadsledningskontoret",
        "kind": "forvaltning",
    }


def test_json_output_is_the_stored_record(run: Run) -> None:
    result = run(
        "log-collaboration",
        "-t",
        "Turku",
        "-t",
        "arhus",
        "-t",
        "ABO",
        "-o",
        "Göteborg Energi",
        "-a",
        "Klimat och miljö",
        "--title",
        "District heating",
        "--kind",
        "network",
        "--start",
        "2025-09-01",
        "--end",
        "2027-08-31",
        "--contact",
        "x@goteborg.se",
        "--description",
        "Two lines\nof text",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    stored = json.loads(result.stdout)
    assert stored["id"] == 1
    assert [t["key"] for t in stored["towns"]] == ["turku", "aarhus"]  # Åbo once, sorted by name
    assert stored["organisation"]["kind"] == "bolag"
    assert stored["area"]["key"] == "climate-environment"
    assert (stored["kind"], stored["start_date"], stored["end_date"]) == (
        "network",
        "2025-09-01",
        "2027-08-31",
    )
    shown = json.loads(run("collaborations", "show", "1", "-f", "json").stdout)
    # `show` also names the login that stored it, as the database recorded it.
    assert shown.pop("stored_by")
    assert stored == shown


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["-t", "Atlantis", "-o", "SLK", "-a", "culture", "--title", "x"], 1, "Unknown town"),
        (
            ["-t", "Bergen", "-o", "Kultur", "-a", "culture", "--title", "x"],
            1,
            "Did you mean: Kulturförvaltningen",
        ),
        (["-t", "Bergen", "-o", "Kultur", "-a", "culture", "--title", "x"], 1, "vanort orgs add"),
        (["-t", "Bergen", "-o", "SLK", "-a", "cooking", "--title", "x"], 1, "Unknown area"),
        (["-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "   "], 1, "--title is empty"),
        (["-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "a\x1b[31mb"], 1, "control"),
        (["-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "x" * 301], 1, "longer"),
        (
            [
                "-t",
                "Bergen",
                "-o",
                "SLK",
                "-a",
                "culture",
                "--title",
                "x",
                "--start",
                "2026-05-01",
                "--end",
                "2026-04-30",
            ],
            1,
            "after the end date",
        ),
        (
            ["-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "x", "--start", "2026-13-01"],
            2,
            "2026-13-01",
        ),
        (
            ["-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "x", "--kind", "party"],
            2,
            "party",
        ),
        (["-t", "Göteborg", "-o", "SLK", "-a", "culture", "--title", "x"], 1, "its own"),
        (["-o", "SLK", "-a", "culture", "--title", "x"], 1, "--town"),
        (["-t", "Bergen", "-a", "culture", "--title", "x"], 1, "needs"),
    ],
)
def test_bad_input_stores_nothing(
    run: Run, db_path: Path, args: list[str], code: int, says: str
) -> None:
    run("db", "init")
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run("log-collaboration", *args)
    assert result.exit_code == code, result.output
    assert says in result.stderr
    assert result.stdout == "" and "Traceback" not in result.output
    checkpoint(db_path)
    assert file_digest(db_path) == before


def test_list_filters_by_year_town_org_area_and_ongoing(run: Run, monkeypatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2026-06-15")
    a = log(
        run,
        "-t",
        "Åbo",
        "-o",
        "SLK",
        "-a",
        "culture",
        "--title",
        "A",
        "--start",
        "2024-01-01",
        "--end",
        "2024-12-31",
    )
    b = log(
        run,
        "-t",
        "Bergen",
        "-t",
        "Åbo",
        "-o",
        "Higab",
        "-a",
        "urban development",
        "--title",
        "B",
        "--start",
        "2025-06-01",
        "--end",
        "2026-03-31",
    )
    c = log(
        run, "-t", "Aarhus", "-o", "SLK", "-a", "transport", "--title", "C", "--start", "2026-01-01"
    )

    def ids(*args: str) -> list[int]:
        result = run("collaborations", "list", *args, "-f", "json")
        assert result.exit_code == 0, result.output
        return [row["id"] for row in json.loads(result.stdout)]

    assert ids() == [a, b, c]
    assert ids("--year", "2025") == [b]
    assert ids("--year", "2026") == [b, c]
    assert ids("--town", "abo") == [a, b]
    assert ids("--org", "stadsledningskontoret") == [a, c]
    assert ids("--area", "Stadsutveckling") == [b]
    assert ids("--ongoing") == [c]
    assert ids("--year", "1999") == []
    rows = list(csv.DictReader(io.StringIO(run("collaborations", "list", "-f", "csv").stdout)))
    assert [r["title"] for r in rows] == ["A", "B", "C"] and rows[2]["end_date"] == ""


def test_edit_changes_only_what_is_given_and_delete_asks(run: Run) -> None:
    cid = log(
        run,
        "-t",
        "Bergen",
        "-o",
        "SLK",
        "-a",
        "culture",
        "--title",
        "Old",
        "--start",
        "2026-01-01",
        "--end",
        "2026-12-31",
    )
    result = run(
        "collaborations",
        "edit",
        str(cid),
        "--title",
        "New",
        "--town",
        "Åbo",
        "--town",
        "Bergen",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.output
    edited = json.loads(result.stdout)
    assert edited["title"] == "New" and edited["end_date"] == "2026-12-31"
    assert sorted(t["key"] for t in edited["towns"]) == ["bergen", "turku"]
    ongoing = json.loads(run("collaborations", "edit", str(cid), "--no-end", "-f", "json").stdout)
    assert ongoing["ongoing"] is True
    bad = run("collaborations", "edit", str(cid), "--start", "2030-01-01", "--end", "2029-01-01")
    assert bad.exit_code == 1
    assert run("collaborations", "edit", "999", "--title", "x").exit_code == 1
    assert run("collaborations", "edit", str(cid)).exit_code == 1
    assert run("collaborations", "delete", str(cid), input="n\n").exit_code == 1
    assert run("collaborations", "show", str(cid)).exit_code == 0
    assert run("collaborations", "delete", str(cid), "--yes").exit_code == 0
    gone = run("collaborations", "show", str(cid))
    assert gone.exit_code == 1
    assert f"restore-record collaboration {cid}" in gone.stderr  # deleted, not gone


def test_orgs_add_list_and_match_like_towns(run: Run) -> None:
    added = run(
        "orgs", "add", "Park- och naturförvaltningen", "--kind", "forvaltning", "--alias", "PoN"
    )
    assert added.exit_code == 0, added.output
    assert added.stdout.strip() == "park-och-naturforvaltningen"
    orgs = json.loads(run("orgs", "list", "-f", "json").stdout)
    assert {"forvaltning", "bolag"} == {o["kind"] for o in orgs}
    assert any(o["name"] == "Park- och naturförvaltningen" for o in orgs)
    assert log(run, "-t", "Bergen", "-o", "pon", "-a", "culture", "--title", "x") == 1
    duplicate = run("orgs", "add", "park och naturforvaltningen", "--kind", "forvaltning")
    assert duplicate.exit_code == 1 and "already" in duplicate.stderr
    bad_kind = run("orgs", "add", "Something", "--kind", "ngo")
    assert bad_kind.exit_code == 2


def test_areas_list_has_the_vocabulary_in_both_languages(run: Run) -> None:
    areas = json.loads(run("areas", "list", "-f", "json").stdout)
    assert len(areas) == 13 and any(a["key"] == "welfare-technology" for a in areas)
    by_key = {a["key"]: a for a in areas}
    assert by_key["gender-equality"]["name_sv"] == "Jämställdhet"
    assert by_key["leisure-youth"]["name"] == "Leisure and youth"


def test_partner_cities_get_collaborations_but_never_host(run: Run) -> None:
    towns = json.loads(run("towns", "list", "-f", "json").stdout)
    partners = {t["key"]: t for t in towns if t["kind"] == "partner"}
    assert partners["nelson-mandela-bay"]["status"] == "active"
    assert partners["kiel"]["status"] == "dormant"
    assert all(t["rotation_position"] is None for t in partners.values())
    log(
        run,
        "-t",
        "Port Elizabeth",
        "-o",
        "SLK",
        "-a",
        "democracy",
        "--title",
        "ICLD",
        "--start",
        "2026-01-01",
    )
    refused = run("meeting", "record", "2027", "--host", "Nelson Mandela Bay")
    assert refused.exit_code == 1 and "rotation" in refused.stderr
    hosts = {r["host"]["key"] for r in json.loads(run("schedule", "-f", "json").stdout)}
    assert hosts <= {"goteborg", "turku", "bergen", "aarhus"}
    report = json.loads(run("report", "--year", "2026", "-f", "json").stdout)
    assert report["collaborations"]["by_town"] == [
        {
            "key": "nelson-mandela-bay",
            "name": "Nelson Mandela Bay",
            "name_sv": "Nelson Mandela Bay",
            "country": "ZA",
            "kind": "partner",
            "count": 1,
        }
    ]


def test_an_id_is_never_reused_after_a_delete(run: Run) -> None:
    args = ["-t", "Bergen", "-o", "SLK", "-a", "culture", "--title"]
    assert [log(run, *args, t) for t in ("a", "b", "c")] == [1, 2, 3]
    assert run("collaborations", "delete", "3", "--yes").exit_code == 0
    assert log(run, *args, "d") == 4


@pytest.mark.parametrize("hidden", ["\u200f", "\u200b", "\ufeff", "\u00ad", "\u2028", "\u061c"])
def test_hidden_characters_are_refused_in_titles(run: Run, hidden: str) -> None:
    result = run(
        "log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", f"a{hidden}b"
    )
    assert result.exit_code == 1 and "hidden" in result.stderr


def test_near_duplicate_organisations_and_conflicting_edits_are_refused(run: Run) -> None:
    near = run("orgs", "add", "Kultur förvaltningen", "--kind", "forvaltning")
    assert near.exit_code == 1 and "Kulturförvaltningen" in near.stderr
    assert run("orgs", "add", "!!!", "--kind", "bolag").exit_code == 1
    cid = log(run, "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "x")
    both = run("collaborations", "edit", str(cid), "--end", "2027-01-01", "--no-end")
    assert both.exit_code == 2


# -- one record, one period rule, one name cache (issue 21) ---------------------------


def test_a_year_holds_the_same_collaborations_in_the_list_and_in_the_report(run: Run) -> None:
    # Either side of each edge of 2026: only those active on some day of it count.
    spans = {
        "ended the day before": ("2024-03-01", "2025-12-31"),
        "ended on the first day": ("2024-03-01", "2026-01-01"),
        "began on the last day": ("2026-12-31", None),
        "began the day after": ("2027-01-01", None),
        "ongoing since long": ("2020-01-01", None),
    }
    ids = {}
    for title, (start, end) in spans.items():
        args = ["-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", title, "--start", start]
        ids[title] = log(run, *args, *(["--end", end] if end else []))
    listed = json.loads(run("collaborations", "list", "--year", "2026", "-f", "json").stdout)
    report = json.loads(
        run("report", "--year", "2026", "-f", "json", "--today", "2026-11-27").stdout
    )
    expected = {ids[t] for t in ("ended on the first day", "began on the last day")}
    expected.add(ids["ongoing since long"])
    assert {r["id"] for r in listed} == expected
    assert {r["id"] for r in report["collaborations"]["items"]} == expected
    assert report["collaborations"]["total"] == len(expected)
    assert listed == report["collaborations"]["items"]


def test_a_renamed_organisation_is_named_anew_by_the_next_command(run: Run) -> None:
    # The same process, as a long-lived caller would be: the names read for the
    # first list must not outlive the rename.
    cid = log(run, "-t", "Bergen", "-o", "Higab", "-a", "culture", "--title", "Hamnen")
    before = json.loads(run("collaborations", "list", "-f", "json").stdout)
    assert before[0]["organisation"]["name"] == "Higab"
    renamed = run("orgs", "rename", "Higab", "Higab AB")
    assert renamed.exit_code == 0, renamed.output
    after = json.loads(run("collaborations", "list", "-f", "json").stdout)
    assert after[0]["organisation"]["name"] == "Higab AB"
    shown = json.loads(run("collaborations", "show", str(cid), "-f", "json").stdout)
    assert shown["organisation"]["name"] == "Higab AB"


def test_an_edit_that_adds_a_dormant_partner_city_says_so(run: Run) -> None:
    cid = log(run, "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "Hamnen")
    quiet = run("collaborations", "edit", str(cid), "--title", "Hamnarna")
    assert quiet.exit_code == 0, quiet.output
    assert "dormant" not in quiet.stderr
    edited = run("collaborations", "edit", str(cid), "-t", "Bergen", "-t", "Kiel", "-f", "json")
    assert edited.exit_code == 0, edited.output
    assert "Kiel is a dormant partner city" in edited.stderr
    towns = [t["key"] for t in json.loads(edited.stdout)["towns"]]
    assert sorted(towns) == ["bergen", "kiel"]
    swedish = run("--lang", "sv", "collaborations", "edit", str(cid), "--start", "2026-01-02")
    assert swedish.exit_code == 0, swedish.output
    assert "Kiel" in swedish.stderr and "vilande" in swedish.stderr


@pytest.mark.parametrize("batch", [2000, 1, 2])
def test_csv_list_writes_what_the_records_give(run: Run, monkeypatch, batch: int) -> None:
    # `list -f csv` writes lines made without records (stream_collaboration_lines):
    # they must be what the generic writer makes of the records `-f json` lists,
    # towns in Swedish order, ongoing ends empty, formula-like and quoted cells
    # neutralised the same way. Fails if a line's field drifts from its column.
    # Read a row or two at a time, the lines also come from the driver's cursor
    # after SQLAlchemy's first batch (store/plain_rows.py), its dates as text.
    from types import SimpleNamespace

    from vanort_cli.cli.columns import COLLAB_COLUMNS
    from vanort_cli.output.csv_rows import write_csv
    from vanort_cli.services import collaboration_records

    monkeypatch.setenv("VANORT_TODAY", "2026-05-04")
    monkeypatch.setattr(collaboration_records, "BATCH", batch)
    log(run, "-t", "Turku", "-t", "arhus", "-t", "Bergen", "-o", "SLK", "-a", "culture",
        "--title", '=SUM(1), "quoted"', "--start", "2024-01-01", "--end", "2025-01-01")  # fmt: skip
    log(run, "-t", "Åbo", "-o", "Göteborg Energi", "-a", "Klimat och miljö", "--title", "-1 plain")
    log(run, "-t", "Bergen", "-o", "Liseberg", "-a", "leisure", "--title", "Parker, stora")
    for extra in ([], ["--limit", "2"], ["--town", "Bergen"], ["--ongoing"]):
        listed = run("collaborations", "list", "-f", "json", *extra)
        records = json.loads(listed.stdout, object_hook=lambda d: SimpleNamespace(**d))
        expected = io.StringIO()
        write_csv(records, COLLAB_COLUMNS, expected)  # type: ignore[arg-type]
        written = run("collaborations", "list", "-f", "csv", *extra)
        assert written.exit_code == 0, written.output
        assert written.stdout == expected.getvalue()
