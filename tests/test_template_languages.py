"""`vanort collaborations template` in both languages: the Swedish workbook as the
City has always sent it, the English one headed, named and explained in English;
either, filled in, imports in either language."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import Run


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stderr


def make(run: Run, tmp_path: Path, language: str) -> Path:
    template = tmp_path / f"template-{language}.xlsx"
    ok(run, "--lang", language, "collaborations", "template", "-o", str(template))
    return template


def offered(book: object, name: str) -> dict[str, list[str]]:
    lists = book[name]  # type: ignore[index]
    return {
        lists.cell(row=1, column=c).value: [
            lists.cell(row=r, column=c).value
            for r in range(2, lists.max_row + 1)
            if lists.cell(row=r, column=c).value
        ]
        for c in range(1, 5)
    }


def test_the_swedish_template_is_headed_and_explained_in_swedish(run: Run, tmp_path: Path) -> None:
    book = load_workbook(make(run, tmp_path, "sv"))
    assert book.sheetnames == ["Samarbeten", "Instruktioner", "Listor"]
    header = [c.value for c in book["Samarbeten"][1]]
    assert header == [
        "Titel", "Förvaltning/bolag", "Område", "Vänorter", "Form",
        "Startdatum", "Slutdatum", "Beskrivning", "Kontakt",
    ]  # fmt: skip
    guide = [row[0] for row in book["Instruktioner"].iter_rows(values_only=True)]
    assert guide[0] == "Inrapportering av vänortssamarbeten till Stadsledningskontoret"
    assert (
        "2. Titel, Förvaltning/bolag, Område och Vänorter måste fyllas i. Välj i listan "
        "där en sådan finns." in guide
    )
    assert (
        "5. Form: projekt, nätverk, erfarenhetsutbyte, studiebesök eller annat (projekt om den "
        "lämnas tom)." in guide
    )
    lists = offered(book, "Listor")
    assert "Åbo" in lists["Vänorter"] and "Turku" not in lists["Vänorter"]
    assert "Kultur" in lists["Område"] and lists["Form"][0] == "projekt"
    errors = {v.error for v in book["Samarbeten"].data_validations.dataValidation}
    assert "Välj ett värde i listan." in errors


def test_the_english_template_is_headed_and_explained_in_english(run: Run, tmp_path: Path) -> None:
    book = load_workbook(make(run, tmp_path, "en"))
    assert book.sheetnames == ["Collaborations", "Instructions", "Lists"]
    header = [c.value for c in book["Collaborations"][1]]
    assert header == [
        "Title", "Administration/company", "Area", "Towns", "Kind",
        "Start date", "End date", "Description", "Contact",
    ]  # fmt: skip
    guide = [row[0] for row in book["Instructions"].iter_rows(values_only=True) if row[0]]
    assert guide[0] == "Reporting twin-town collaborations to the City Executive Office"
    assert any("on the sheet Collaborations" in line for line in guide)
    assert any("for example Turku, Bergen" in line for line in guide)
    # Nothing Swedish but the names of the City's organisations and the example's.
    swedish = ("å", "ä", "ö", "Å", "Ä", "Ö")
    for line in guide:
        assert not any(letter in line for letter in swedish), line
    example = [c.value for c in book["Instructions"][book["Instructions"].max_row]]
    assert example[:5] == ["Nordic Literature Days", "Kulturförvaltningen", "Culture",
                           "Turku, Bergen", "project"]  # fmt: skip
    lists = offered(book, "Lists")
    assert "Turku" in lists["Towns"] and "Åbo" not in lists["Towns"]
    assert "Gothenburg" not in lists["Towns"]
    assert "Culture" in lists["Area"] and lists["Kind"][0] == "project"
    sheet = book["Collaborations"]
    sources = {v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert sources and all(s.startswith("Lists!") for s in sources)
    errors = {v.error for v in sheet.data_validations.dataValidation}
    assert "Choose a value from the list." in errors


@pytest.mark.parametrize(
    ("made_in", "imported_in"), [("en", "en"), ("en", "sv"), ("sv", "en"), ("sv", "sv")]
)
def test_a_filled_template_imports_in_either_language(
    run: Run, tmp_path: Path, made_in: str, imported_in: str
) -> None:
    template = make(run, tmp_path, made_in)
    book = load_workbook(template)
    sheet = book.worksheets[0]
    lists = offered(book, book.sheetnames[2])
    towns, areas, kinds = list(lists.values())[3], list(lists.values())[1], list(lists.values())[2]
    # Chosen from the lists, as a person in Excel would.
    turku = "Åbo" if made_in == "sv" else "Turku"
    assert turku in towns
    sheet.append(["Vänortsdagar", "Kulturförvaltningen", areas[0], f"{turku}, Bergen",
                  kinds[1], date(2026, 5, 1), None, "Beskrivning", "a@b.se"])  # fmt: skip
    sheet.append(["Seglats", "Göteborgs Hamn", areas[-1], towns[-1], kinds[2],
                  date(2026, 6, 1), date(2026, 6, 3)])  # fmt: skip
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    said = ok(run, "--lang", imported_in, "collaborations", "import", str(filled))
    assert str(book.sheetnames[0]) in said
    stored = {c["title"]: c for c in json.loads(run("collaborations", "list", "-f", "json").stdout)}
    assert set(stored) == {"Vänortsdagar", "Seglats"}
    assert stored["Vänortsdagar"]["kind"] == "network"
    assert stored["Seglats"]["kind"] == "exchange"
    assert stored["Seglats"]["end_date"] == "2026-06-03"
    assert len(stored["Vänortsdagar"]["towns"]) == 2
    assert stored["Vänortsdagar"]["contact"] == "a@b.se"
