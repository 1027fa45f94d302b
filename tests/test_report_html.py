"""The report the Council reads: `report -o rapport.html` (and the evaluation draft),
one self-contained document whose every number is the JSON report's, and
`schedule -o rotation.svg/.png`. The browser's print is in test_report_print.py."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, checkpoint, file_digest
from council_registry import TODAY, build

# Where an element's text is not the document's own words.
SKIPPED = {"style", "svg", "head", "data", "time"}


class Document(HTMLParser):
    """The marked numbers and dates of a document, and its text outside them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marked: list[tuple[str, dict[str, str], str]] = []  # tag, attributes, text
        self.free_text: list[str] = []
        self.figures: list[str] = []
        self._open: list[tuple[str, dict[str, str], list[str]]] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "figure":
            self.figures.append(attributes.get("id", ""))
        if tag in SKIPPED:
            self._skipping += 1
            self._open.append((tag, attributes, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED and self._open:
            opened, attributes, text = self._open.pop()
            assert opened == tag, (opened, tag)
            self._skipping -= 1
            if tag in ("data", "time"):
                self.marked.append((tag, attributes, "".join(text)))

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][2].append(data)
        if not self._skipping:
            self.free_text.append(data)


def parsed(text: str) -> Document:
    document = Document()
    document.feed(text)
    document.close()
    return document


def resolve(report: Any, path: str) -> Any:
    """The value at `path` in the JSON report: `a.b[2].c`, `len(a.b)`, `len(a.b)-7`."""
    counted = re.fullmatch(r"len\((.+)\)(?:-(\d+))?", path)
    if counted:
        return len(resolve(report, counted[1])) - int(counted[2] or 0)
    value = report
    for part in re.findall(r"\[\d+\]|[^.\[\]]+", path):
        value = value[int(part[1:-1])] if part.startswith("[") else value[part]
    return value


def as_number(shown: str) -> int:
    """A number as a person reads it (1 234, 1,234, +3, −2) back to an int."""
    cleaned = re.sub(r"[\s\u00a0\u202f,]", "", shown).replace("−", "-").lstrip("+")
    return int(cleaned)


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result.stdout


@pytest.fixture
def council(built_registry: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    built_registry("council", build, {"VANORT_TODAY": TODAY})
    monkeypatch.setenv("VANORT_TODAY", TODAY)


def written(run: Run, tmp_path: Path, *args: str, name: str = "rapport.html") -> str:
    target = tmp_path / name
    result = run(*args, "-o", str(target))
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


REPORTS = {
    "annual 2026": ("--year", "2026"),
    "annual 2024": ("--year", "2024"),
    "evaluation 2025": ("--evaluation", "2025"),
}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("which", sorted(REPORTS))
def test_every_number_and_date_in_the_document_is_the_json_reports(
    run: Run, council: None, tmp_path: Path, which: str, language: str
) -> None:
    args = REPORTS[which]
    page = written(run, tmp_path, "--lang", language, "report", *args)
    report = json.loads(ok(run, "report", *args, "-f", "json"))
    numbers, dates = numbers_are_the_jsons(page, report)
    assert numbers > 100 and dates


def numbers_are_the_jsons(page: str, report: dict[str, Any]) -> tuple[int, int]:
    """Hold every marked number and date of `page` to the JSON `report`, and find no
    other digit in its text; how many numbers and dates there are."""
    document = parsed(page)
    numbers = [(a, text) for tag, a, text in document.marked if tag == "data"]
    dates = [(a, text) for tag, a, text in document.marked if tag == "time"]
    for attributes, text in numbers:
        expected = sum(resolve(report, path) for path in attributes["data-json"].split())
        assert int(attributes["value"]) == expected, attributes
        assert as_number(text) == expected, (attributes, text)
    for attributes, text in dates:
        assert resolve(report, attributes["data-json"]) == attributes["datetime"], attributes
        assert text
    # Outside the marked numbers, the charts and the policy's clause tags (P9), the
    # document has no digit: nothing is written that the JSON does not hold.
    free = " ".join(document.free_text)
    assert re.findall(r"\d+", re.sub(r"\bP\d+\b", "", free)) == []
    return len(numbers), len(dates)


def test_the_annual_document_has_its_four_charts_and_the_memos_sections(
    run: Run, council: None, tmp_path: Path
) -> None:
    page = written(run, tmp_path, "--lang", "sv", "report", "--year", "2026")
    document = parsed(page)
    assert document.figures == [
        "chart-rotation",
        "chart-trend",
        "chart-organisations",
        "chart-areas",
    ]
    memo = ok(run, "--lang", "sv", "report", "--year", "2026", "-f", "markdown")
    # The memo's headings, in its order, with their years and names.
    headings = [line.lstrip("#").strip() for line in memo.splitlines() if line.startswith("#")]
    shown = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h[1-3]>(.*?)</h[1-3]>", page)]
    assert shown == headings
    assert '<html lang="sv">' in page and "Vänortsrapport" in page
    assert "Övriga" in page  # eleven organisations: the chart names nine
    assert "är beräknade enligt turordningen; inga möten är registrerade" in page  # and say which


def test_english_on_request(run: Run, council: None, tmp_path: Path) -> None:
    page = written(run, tmp_path, "--lang", "en", "report", "--year", "2026")
    assert '<html lang="en">' in page and "Twin-town report" in page
    assert "Turku" in page and "Others" in page


def test_the_document_is_self_contained(run: Run, council: None, tmp_path: Path) -> None:
    page = written(run, tmp_path, "report", "--year", "2026")
    for outside in ("<script", "<link", "<img", "@import", "@font-face"):
        assert outside not in page, outside
    assert re.findall(r"url\((?!#)", page) == []  # only the charts' own clip paths
    # No reference out of the file: the only addresses are the SVG namespaces.
    addresses = set(re.findall(r"(?:href|src)=\"([^\"#][^\"]*)\"", page))
    assert addresses == set(), addresses
    assert set(re.findall(r"https?://[^\"' >]+", page)) <= {
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xlink",
        "http://purl.org/dc/elements/1.1/",
        "http://creativecommons.org/ns#",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    }
    # The charts' ids are their own: two charts never share one.
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_a_year_without_collaborations_or_meetings_still_makes_a_document(
    run: Run, tmp_path: Path
) -> None:
    page = written(run, tmp_path, "report", "--year", "1990", "--today", TODAY)
    document = parsed(page)
    assert document.figures == ["chart-rotation"]
    assert "no collaborations" in " ".join(document.free_text)


def test_the_document_replaces_a_file_only_with_force(
    run: Run, council: None, tmp_path: Path, db_path: Path
) -> None:
    target = tmp_path / "rapport.html"
    target.write_text("kept", encoding="utf-8")
    checkpoint(db_path)
    before = file_digest(db_path)
    refused = run("report", "--year", "2026", "-o", str(target))
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "kept"
    assert run("report", "--year", "2026", "-o", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    checkpoint(db_path)
    assert file_digest(db_path) == before


def test_the_same_registry_and_day_give_the_same_bytes(
    run: Run, council: None, tmp_path: Path
) -> None:
    first = written(run, tmp_path, "report", "--year", "2026")
    again = written(run, tmp_path, "report", "--year", "2026", name="igen.html")
    assert first == again


def test_the_evaluation_draft_as_html(run: Run, council: None, tmp_path: Path) -> None:
    page = written(run, tmp_path, "--lang", "sv", "report", "--evaluation", "2025", name="u.html")
    document = parsed(page)
    assert document.figures == [
        "chart-rotation",
        "chart-trend",
        "chart-organisations",
        "chart-areas",
    ]
    assert "UTKAST" in page and "Analys" in page
    wrong = run("report", "--evaluation", "2025", "-o", str(tmp_path / "u.csv"))
    assert wrong.exit_code == 2 and "markdown, html or json" in wrong.stderr


def test_schedule_draws_the_rotation_as_svg_and_png(
    run: Run, council: None, tmp_path: Path
) -> None:
    svg = tmp_path / "rotation.svg"
    result = run("schedule", "-o", str(svg))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "2016–2036" in result.stderr and str(svg) in result.stderr
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text and "<text" not in text
    png = tmp_path / "rotation.png"
    assert run("schedule", "--from", "2013", "--to", "2041", "-o", str(png)).exit_code == 0
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    again = run("schedule", "-o", str(png))
    assert again.exit_code == 1 and "--force" in again.stderr
    backwards = run("schedule", "--from", "2030", "--to", "2020", "-o", str(tmp_path / "x.svg"))
    assert backwards.exit_code == 1 and "--from 2030 is after --to 2020" in backwards.stderr
    assert not (tmp_path / "x.svg").exists()


def test_only_the_commands_that_draw_import_matplotlib(
    council: None, db_path: Path, tmp_path: Path
) -> None:
    commands = [
        ["next-meeting"],
        ["report", "--year", "2026", "-f", "json"],
        ["report", "--year", "2026", "-o", str(tmp_path / "r.md")],
        ["schedule", "-o", str(tmp_path / "s.csv")],
        ["schedule", "-o", str(tmp_path / "s.svg")],
    ]
    # One process runs them in turn and says after each whether matplotlib is loaded.
    code = (
        "import sys\n"
        "from vanort_cli.cli.app import app\n"
        f"for args in {commands!r}:\n"
        "    try:\n        app(args)\n"
        "    except SystemExit as done:\n        assert not done.code, (args, done.code)\n"
        "    print('matplotlib loaded:', 'matplotlib' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = [line.split()[-1] for line in done.stdout.splitlines() if "matplotlib loaded" in line]
    assert loaded == ["False", "False", "False", "False", "True"]


HOSTILE = "<script>alert(x)</script> & \"citat\" <b>fet</b> {year} 'x'"


def test_text_from_the_registry_is_never_markup_and_a_lone_end_date_is_shown(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VANORT_TODAY", TODAY)
    meeting = ["meeting", "record", "2025", "--host", "Göteborg", "--status", "held"]
    ok(run, *meeting, "--end", "2025-09-11", "--place", HOSTILE, "--theme", HOSTILE)
    ok(run, "meeting", "record", "2025", "--note", HOSTILE)
    ok(run, "log-collaboration", "--title", HOSTILE, "-t", "Åbo", "-o", "Kulturförvaltningen",
       "-a", "culture", "--start", "2025-02-01")  # fmt: skip
    for args in (("--year", "2025"), ("--evaluation", "2025")):
        page = written(run, tmp_path, "--lang", "sv", "report", *args, name=f"{args[0]}.html")
        report = json.loads(ok(run, "report", *args, "-f", "json"))
        numbers_are_the_jsons(page, report)
        text = re.sub(r"<svg.*?</svg>|<style>.*?</style>", "", page, flags=re.DOTALL)
        assert "<script" not in text and "<b>" not in text
        assert "&lt;script&gt;alert(x)&lt;/script&gt; &amp; &quot;citat&quot;" in text
        # Only the last day is on record: the date says it, marked as the JSON's end_date.
        lone_end = r'<time datetime="2025-09-11" data-json="meetings\[\d+\]\.end_date">'
        assert re.search(f"Datum: {lone_end}11 september 2025</time>", text)


def test_a_picture_of_no_meeting_year_or_with_a_format_is_refused_plainly(
    run: Run, tmp_path: Path
) -> None:
    empty = run("schedule", "--from", "2026", "--to", "2026", "-o", str(tmp_path / "r.svg"))
    assert empty.exit_code == 1 and "no meeting year from 2026 to 2026" in empty.stderr
    formatted = run("schedule", "-f", "csv", "-o", str(tmp_path / "r.svg"))
    assert formatted.exit_code == 2 and "--format and --excel" in formatted.stderr
    unknown = run("schedule", "-o", str(tmp_path / "r.jpg"))
    assert unknown.exit_code == 2 and ".svg, .png" in unknown.stderr
    # One end given: the picture runs twenty years from it.
    later = run("schedule", "--from", "2100", "-o", str(tmp_path / "r.png"))
    assert later.exit_code == 0 and "2100–2120" in later.stderr
    assert not (tmp_path / "r.svg").exists()
