"""`vanort collaborations import` and `template`: what the administrations send,
in the forms their spreadsheets save it, imported once and whole, or not at all."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from tests.conftest import Run, checkpoint, file_digest

SWEDISH_ROWS = [
    ["Titel", "Förvaltning/bolag", "Område", "Vänorter", "Startdatum", "Slutdatum", "Form"],
    ["Nordiska litteraturdagar", "Kulturförvaltningen", "Kultur", "Åbo och Bergen",
     "2026-03-01", "2026-06-30", "projekt"],
    ["Klimatanpassade hamnar", "Göteborgs Hamn", "Klimat och miljö", "Århus/Bergen",
     "1 mars 2026", "", "nätverk"],
    ["Äldreomsorg i Åbo", "Äldre samt vård- och omsorgsförvaltningen", "Social välfärd",
     "Åbo", "2025-09-01", "", "studiebesök"],
]  # fmt: skip


def excel_csv(rows: list[list[str]], *, delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    """A CSV file as Swedish Excel saves it: CRLF line endings."""
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def collaborations(run: Run) -> list[dict[str, object]]:
    result = run("collaborations", "list", "-f", "json")
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def refused(run: Run, db_path: Path, *args: str, code: int) -> str:
    """Run an import that must fail, and prove the registry is byte-identical after."""
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run(*args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and result.stdout == ""
    if code == 2:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    checkpoint(db_path)
    assert file_digest(db_path) == before
    return result.stderr


# -- the files Swedish offices save -----------------------------------------------------


@pytest.mark.parametrize(
    ("delimiter", "encoding", "described"),
    [
        (";", "utf-8-sig", "semicolon-separated, UTF-8 with BOM"),
        (";", "cp1252", "semicolon-separated, Windows-1252"),
        (",", "utf-8", "comma-separated, UTF-8"),
        ("\t", "utf-16", "tab-separated, UTF-16"),
        ("\t", "utf-16-le", "tab-separated, UTF-16"),
    ],
)
def test_a_csv_file_from_excel_imports_whatever_its_delimiter_and_encoding(
    run: Run, tmp_path: Path, delimiter: str, encoding: str, described: str
) -> None:
    path = tmp_path / "samarbeten.csv"
    path.write_bytes(excel_csv(SWEDISH_ROWS, delimiter=delimiter, encoding=encoding))
    result = run("collaborations", "import", str(path))
    assert result.exit_code == 0, result.output
    assert described in result.stderr and "Imported 3 collaborations" in result.stderr
    stored = {c["title"]: c for c in collaborations(run)}
    first = stored["Nordiska litteraturdagar"]
    assert [t["name_sv"] for t in first["towns"]] == ["Bergen", "Åbo"]  # type: ignore[index]
    assert first["end_date"] == "2026-06-30" and first["kind"] == "project"
    harbours = stored["Klimatanpassade hamnar"]
    assert harbours["start_date"] == "2026-03-01" and harbours["kind"] == "network"
    assert harbours["area"]["key"] == "climate-environment"  # type: ignore[index]
    assert stored["Äldreomsorg i Åbo"]["kind"] == "study-visit"


def test_delimiter_and_encoding_can_be_named(run: Run, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "samarbeten.txt"
    path.write_bytes(excel_csv(SWEDISH_ROWS, delimiter="\t", encoding="cp1252"))
    says = refused(run, db_path, "collaborations", "import", str(path), "--encoding", "x", code=2)
    assert "'x' is not an encoding" in says
    says = refused(run, db_path, "collaborations", "import", str(path), "--delimiter", "|", code=2)
    assert "'|' is not a delimiter" in says
    result = run(
        "collaborations", "import", str(path), "--delimiter", "tab", "--encoding", "windows-1252"
    )
    assert result.exit_code == 0, result.output
    assert len(collaborations(run)) == 3


def test_english_headers_in_any_case_and_order_are_read(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "Start Date,AREA,Title,towns,Organisation\n2026-01-05,culture,Läsfest,Bergen;Åbo,SLK\n",
        encoding="utf-8",
    )
    result = run("collaborations", "import", str(path))
    assert result.exit_code == 0, result.output
    (stored,) = collaborations(run)
    assert stored["start_date"] == "2026-01-05" and len(stored["towns"]) == 2  # type: ignore[arg-type]


# -- Excel workbooks and the template ---------------------------------------------------


def test_the_template_filled_in_excel_imports_with_no_edits(run: Run, tmp_path: Path) -> None:
    template = tmp_path / "inrapportering.xlsx"
    # The Swedish template; the English one: tests/test_template_languages.py.
    made = run("--lang", "sv", "collaborations", "template", "-o", str(template))
    assert made.exit_code == 0, made.output
    book = load_workbook(template)
    assert book.sheetnames[0] == "Samarbeten"
    sheet = book["Samarbeten"]
    assert sheet.max_row == 1 and sheet.freeze_panes == "A2"  # starts empty: no example
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Titel", "Förvaltning/bolag", "Område", "Vänorter"]
    lists = book["Listor"]
    assert lists.sheet_state == "hidden"
    offered = {
        lists.cell(row=1, column=c).value: [
            lists.cell(row=r, column=c).value for r in range(2, lists.max_row + 1)
        ]
        for c in range(1, 5)
    }
    assert "Kulturförvaltningen" in offered["Förvaltning/bolag"]
    assert "Åbo" in offered["Vänorter"] and "Göteborg" not in offered["Vänorter"]
    validated = {str(v.sqref).split(":")[0] for v in sheet.data_validations.dataValidation}
    assert {"B2", "C2", "D2", "E2", "F2", "G2"} <= validated
    # A person fills in two rows, choosing from the lists, dates as Excel dates.
    sheet.append(
        ["Vänortsdagar", offered["Förvaltning/bolag"][0], offered["Område"][0], "Åbo, Bergen",
         "nätverk", date(2026, 5, 1), None, "Beskrivning", "a@b.se"]
    )  # fmt: skip
    sheet.append(
        ["Seglats", "Göteborgs Hamn", "Transport", offered["Vänorter"][0], "utbyte",
         date(2026, 6, 1), date(2026, 6, 3)]
    )  # fmt: skip
    filled = tmp_path / "ifylld.xlsx"
    book.save(filled)
    result = run("collaborations", "import", str(filled))
    assert result.exit_code == 0, result.output
    assert "sheet Samarbeten" in result.stderr and "Imported 2 collaborations" in result.stderr
    stored = {c["title"]: c for c in collaborations(run)}
    assert stored["Seglats"]["end_date"] == "2026-06-03"
    assert stored["Vänortsdagar"]["contact"] == "a@b.se"
    again = run("collaborations", "import", str(filled))
    assert again.exit_code == 0 and "Nothing new" in again.stderr
    assert len(collaborations(run)) == 2


def test_an_empty_template_has_nothing_to_import(run: Run, db_path: Path, tmp_path: Path) -> None:
    template = tmp_path / "t.xlsx"
    assert run("collaborations", "template", "-o", str(template)).exit_code == 0
    says = refused(run, db_path, "collaborations", "import", str(template), code=2)
    assert "has no rows to import" in says
    again = run("collaborations", "template", "-o", str(template))
    assert again.exit_code == 1 and "--force" in again.stderr
    wrong = run("collaborations", "template", "-o", str(tmp_path / "t.csv"))
    assert wrong.exit_code == 2 and ".xlsx" in wrong.stderr


def workbook(tmp_path: Path, rows: list[list[object]], *, name: str = "Blad1") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = name
    for row in rows:
        sheet.append(row)
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path


def test_a_workbook_sheet_is_chosen_by_name(run: Run, db_path: Path, tmp_path: Path) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.append(["Anteckningar"])
    second = book.create_sheet("Rapport")
    for row in SWEDISH_ROWS:
        second.append(row)
    path = tmp_path / "rapport.xlsx"
    book.save(path)
    says = refused(run, db_path, "collaborations", "import", str(path), "--sheet", "X", code=2)
    assert "no sheet 'X'" in says and "Rapport" in says
    result = run("collaborations", "import", str(path), "--sheet", "Rapport")
    assert result.exit_code == 0 and "Imported 3" in result.stderr


def test_a_workbook_named_csv_is_read_as_a_workbook(run: Run, tmp_path: Path) -> None:
    path = workbook(tmp_path, [list(r) for r in SWEDISH_ROWS])
    renamed = path.rename(tmp_path / "sent-as.csv")
    result = run("collaborations", "import", str(renamed))
    assert result.exit_code == 0 and "sheet Blad1" in result.stderr


def test_empty_rows_and_a_total_row_are_skipped_with_a_note(run: Run, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        list(SWEDISH_ROWS[0]),
        list(SWEDISH_ROWS[1]),
        [None] * 7,
        list(SWEDISH_ROWS[2]),
        ["Summa", 2],
        [None] * 7,  # trailing empty rows are nothing at all
    ]
    result = run("collaborations", "import", str(workbook(tmp_path, rows)))
    assert result.exit_code == 0, result.output
    assert "Skipped 1 empty row." in result.stderr
    assert "Skipped a total row: row 5." in result.stderr
    assert "Imported 2 collaborations" in result.stderr


# -- problems: all at once, nothing written ----------------------------------------------


def test_twenty_scattered_problems_are_all_named_and_nothing_is_written(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    rows = [list(SWEDISH_ROWS[0])]
    bad_lines = {}
    for n in range(60):
        row = list(SWEDISH_ROWS[1 + n % 3])
        row[0] = f"{row[0]} {n}"
        line = n + 2
        if n % 3 == 0:
            row[1] = "Park och natur"
            bad_lines[line] = "Förvaltning/bolag 'Park och natur'"
        elif n % 7 == 0:
            row[4] = "31/2/2026"
            bad_lines[line] = "Startdatum '31/2/2026': no such day in the calendar"
        rows.append(row)
    assert len(bad_lines) == 26
    path = tmp_path / "fel.csv"
    path.write_bytes(excel_csv(rows))
    says = refused(run, db_path, "collaborations", "import", str(path), code=1)
    for line, text in bad_lines.items():
        assert f"line {line}, {text}" in says
    assert f"{path} has 26 problems" in says


def test_at_most_fifty_problems_are_shown_then_a_count(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    rows = [list(SWEDISH_ROWS[0])] + [["", "SLK", "Kultur", "Åbo"]] * 70
    path = tmp_path / "tom.csv"
    path.write_bytes(excel_csv(rows))
    says = refused(run, db_path, "collaborations", "import", str(path), code=1)
    assert says.count("Titel: empty") == 50 and "... and 20 more problems." in says


def test_json_summary_lists_problems_for_scripts(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(excel_csv([SWEDISH_ROWS[0], ["X", "SLK", "Kultur", "Atlantis"]]))
    result = run("collaborations", "import", str(path), "-f", "json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["imported"] == 0 and summary["ids"] == []
    (problem,) = summary["problems"]
    assert problem == {
        "place": "line",
        "number": 2,
        "column": "Vänorter",
        "value": "Atlantis",
        "message": problem["message"],
    }


def test_a_dry_run_says_what_would_happen_and_writes_nothing(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(excel_csv([*SWEDISH_ROWS, SWEDISH_ROWS[1]]))
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run("collaborations", "import", str(path), "--dry-run", "-f", "json")
    assert result.exit_code == 0, result.output
    assert "Dry run: 3 collaborations would be imported" in result.stderr
    assert "line 5 repeats line 2" in result.stderr
    summary = json.loads(result.stdout)
    assert summary["would_import"] == 3 and summary["imported"] == 0
    checkpoint(db_path)
    assert file_digest(db_path) == before


def test_duplicates_of_the_registry_and_of_the_file_are_skipped(run: Run, tmp_path: Path) -> None:
    logged = run(
        "log-collaboration", "-t", "Åbo", "-t", "Bergen", "-o", "Kulturförvaltningen",
        "-a", "culture", "--title", "NORDISKA LITTERATURDAGAR", "--start", "2026-03-01",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.output
    path = tmp_path / "in.csv"
    path.write_bytes(excel_csv([*SWEDISH_ROWS, SWEDISH_ROWS[2]]))
    result = run("collaborations", "import", str(path))
    assert result.exit_code == 0, result.output
    assert "Skipped 2 duplicates" in result.stderr
    assert "line 2 is #1" in result.stderr and "line 5 repeats line 3" in result.stderr
    assert len(collaborations(run)) == 3
    forced = run("collaborations", "import", str(path), "--allow-duplicates")
    assert forced.exit_code == 0 and "Imported 4 collaborations" in forced.stderr


def test_every_imported_row_is_in_the_history(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(excel_csv(SWEDISH_ROWS))
    assert run("collaborations", "import", str(path)).exit_code == 0
    history = json.loads(run("history", "-f", "json", "--table", "collaboration").stdout)
    assert sorted(h["record_id"] for h in history) == [1, 2, 3]
    assert all(h["action"] == "insert" and h["who"] for h in history)
    assert {h["new"]["title"] for h in history} == {r[0] for r in SWEDISH_ROWS[1:]}
    links = json.loads(run("history", "-f", "json", "--table", "collaboration_town").stdout)
    assert len(links) == 5


# -- files that cannot be read: one line, exit 2 -----------------------------------------


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02\xff" * 100, "not a CSV text file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "old Excel workbook (.xls)"),
        (b"PK\x03\x04 not really a zip", "cannot be read as an Excel workbook"),
        (b"Titel;Omr\x81de\r\n", "not a CSV text file"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_one_line(
    run: Run, db_path: Path, tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    assert says in refused(run, db_path, "collaborations", "import", str(path), code=2)


def test_a_workbook_with_no_data_and_a_huge_file_are_refused(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    empty = workbook(tmp_path, [])
    assert "no rows to import" in refused(
        run, db_path, "collaborations", "import", str(empty), code=2
    )
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # 100 MB, sparse
    says = refused(run, db_path, "collaborations", "import", str(huge), code=2)
    assert "is 100 MB" in says and "up to 50 MB" in says


def test_a_killed_import_leaves_the_registry_as_it_was(db_path: Path, tmp_path: Path) -> None:
    rows = [list(SWEDISH_ROWS[0])]
    rows += [[f"Projekt {n}", "SLK", "Kultur", "Åbo", "2026-01-01"] for n in range(60_000)]
    path = tmp_path / "stor.csv"
    path.write_bytes(excel_csv(rows))
    checkpoint(db_path)
    before = file_digest(db_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "vanort_cli", "collaborations", "import", str(path)],
        env={**os.environ, "VANORT_DB": str(db_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Wait until the import holds the write lock (it writes in batches), then kill it.
    journal = Path(f"{db_path}-wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if journal.exists() and journal.stat().st_size > 1_000_000:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the import ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    checkpoint(db_path)
    assert file_digest(db_path) == before


# -- the pure parts ----------------------------------------------------------------------


def test_what_list_and_report_write_as_csv_imports_again(run: Run, tmp_path: Path) -> None:
    """`collaborations list -f csv` and `report -f csv` are files people keep and send
    back: ongoing as an empty end, several towns in one cell, extra columns named."""
    source = tmp_path / "in.csv"
    source.write_bytes(excel_csv(SWEDISH_ROWS))
    assert run("collaborations", "import", str(source)).exit_code == 0
    before = collaborations(run)
    for args in (["collaborations", "list"], ["report", "--year", "2026"]):
        listed = tmp_path / "listed.csv"
        listed.write_text(run(*args, "-f", "csv").stdout, encoding="utf-8")
        again = run("collaborations", "import", str(listed), "--dry-run")
        assert again.exit_code == 0, again.output
        assert "Not read: the columns id" in again.stderr
        assert "Skipped 3 duplicates" in again.stderr and "nothing new" in again.stderr
    assert collaborations(run) == before


def test_the_json_of_an_export_imports(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(excel_csv(SWEDISH_ROWS))
    assert run("collaborations", "import", str(source)).exit_code == 0
    exported = tmp_path / "alla.json"
    assert run("collaborations", "export", "-o", str(exported)).exit_code == 0
    again = run("collaborations", "import", str(exported))
    assert again.exit_code == 0 and "Nothing new" in again.stderr, again.output
    broken = tmp_path / "trasig.json"
    broken.write_text('[{"title": "x"', encoding="utf-8")
    result = run("collaborations", "import", str(broken))
    assert result.exit_code == 2 and "not valid JSON" in result.stderr
    shaped = tmp_path / "objekt.json"
    shaped.write_text('{"title": "x"}', encoding="utf-8")
    result = run("collaborations", "import", str(shaped))
    assert result.exit_code == 2 and "is a list of collaborations" in result.stderr


def test_the_json_of_collaborations_list_imports_too(run: Run, tmp_path: Path) -> None:
    """Its towns, organisation and area are nested records: each is read by its name."""
    source = tmp_path / "in.csv"
    source.write_bytes(excel_csv(SWEDISH_ROWS))
    assert run("collaborations", "import", str(source)).exit_code == 0
    listed = tmp_path / "listed.json"
    listed.write_text(run("collaborations", "list", "-f", "json").stdout, encoding="utf-8")
    again = run("collaborations", "import", str(listed), "--dry-run")
    assert again.exit_code == 0, again.output
    assert "Skipped 3 duplicates" in again.stderr


def test_a_formula_with_no_saved_value_is_a_problem_and_a_serial_date_a_date(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    """A workbook written by a program holds formulas without their values: such a
    cell is named, never read as empty. A date cell formatted as General holds
    Excel's serial number of the day, which is read as that day."""
    header = list(SWEDISH_ROWS[0])
    formula = workbook(tmp_path, [header, ["Läsfest", "SLK", "Kultur", "Åbo", "=DATE(2026,3,1)"]])
    says = refused(run, db_path, "collaborations", "import", str(formula), code=1)
    assert "row 2, Startdatum '=DATE(2026,3,1)': a formula whose value" in says
    serial = workbook(tmp_path, [header, ["Läsfest", "SLK", "Kultur", "Åbo", 46082, 46203]])
    result = run("collaborations", "import", str(serial))
    assert result.exit_code == 0, result.output
    (stored,) = collaborations(run)
    assert stored["start_date"] == "2026-03-01" and stored["end_date"] == "2026-06-30"
