"""A reporting round of forty organisations, end to end, as the office runs it
(issue 24): contacts added, the round opened, a workbook each, the letters sent
to a real SMTP server on localhost, the workbooks filled in with openpyxl as
clerks would (some confirm, some change, some add; two answer nothing; three
never answer; some late), imported, reminded, closed and reported. Through the
real CLI only, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from conftest import Run
from smtp_server import Received

pytestmark = pytest.mark.both_backends

SENDER = "Stadsledningskontoret <vanort@goteborg.se>"
# Seven more than the 33 shipped: forty asked. The last came into being in 2026.
NEW_ORGS = [f"Testförvaltning {n}" for n in range(1, 7)]
BORN_2026 = "Nya förvaltningen"
DEADLINE = "2027-01-31"


def ok(run: Run, *args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def json_of(run: Run, *args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(autouse=True)
def _mail(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2026-12-07")
    monkeypatch.setenv("VANORT_MAIL_FROM", SENDER)
    monkeypatch.setenv("VANORT_CONFIG", str(tmp_path / "no-settings.toml"))
    for name in ("VANORT_SMTP_USER", "VANORT_SMTP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


def clerk_confirms(path: Path, target: Path) -> None:
    load_workbook(path).save(target)


def clerk_ends_the_first(path: Path, target: Path) -> None:
    book = load_workbook(path)
    sheet = book.worksheets[0]
    listed = [row for row in sheet.iter_rows(min_row=2) if row[0].value]
    listed[0][7].value = date(2026, 10, 31)
    book.save(target)


def clerk_adds(path: Path, target: Path, title: str, towns: str) -> None:
    """One new row below the listed ones (the organisation's cell left empty)."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    last = max([1, *(row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value)])
    for column, value in ((2, title), (4, "Kultur"), (5, towns), (7, date(2026, 4, 1))):
        sheet.cell(row=last + 1, column=column, value=value)
    book.save(target)


def test_a_round_of_forty_organisations_from_opening_to_the_report(
    run: Run,
    tmp_path: Path,
    smtp_server: tuple[Received, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    received, port = smtp_server
    for name in NEW_ORGS:
        ok(run, "orgs", "add", name, "--kind", "forvaltning")
    ok(run, "orgs", "add", BORN_2026, "--kind", "forvaltning", "--since", "2026")
    asked_orgs = [o["name"] for o in json_of(run, "orgs", "list", "-f", "json")]
    assert len(asked_orgs) == 40
    # A contact each, a few writing in English; two for Kulturförvaltningen.
    for n, name in enumerate(asked_orgs):
        language = ["--lang", "en"] if n % 7 == 0 else []
        ok(
            run,
            *("orgs", "contact", "add", name, "--name", f"Kontakt {n}"),
            *("--email", f"kontakt{n}@org{n}.goteborg.se", *language),
        )
    ok(run, "orgs", "contact", "add", "Kulturförvaltningen", "--name", "Åsa Öberg",
       "--email", "asa.oberg@kultur.goteborg.se")  # fmt: skip
    # Collaborations already on record for the first ten, to be confirmed or changed.
    with_work = asked_orgs[:10]
    for n, name in enumerate(with_work):
        ok(run, "log-collaboration", "-t", "Bergen", "-o", name, "-a", "culture",
           "--title", f"Pågående utbyte {n}", "--start", "2025-05-01")  # fmt: skip

    opened = ok(run, "round", "open", "2026", "--deadline", DEADLINE)
    assert len(opened.stdout.splitlines()) == 40

    books = tmp_path / "arbetsböcker"
    ok(run, "round", "workbooks", "2026", "-o", str(books))
    assert len(list(books.glob("*.xlsx"))) == 40

    monkeypatch.setenv("VANORT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("VANORT_SMTP_PORT", str(port))
    letters = tmp_path / "brev"
    ok(run, "round", "letters", "2026", "-o", str(letters), "--send")
    assert len(received.messages) == 40
    assert len(list(letters.glob("*.eml"))) == 40
    # Kulturförvaltningen's second contact is in copy of its one letter.
    assert (
        Counter(r for _, rcpts, _ in received.messages for r in rcpts)[
            "asa.oberg@kultur.goteborg.se"
        ]
        == 1
    )
    # Sent again by mistake: nothing goes twice.
    ok(run, "round", "letters", "2026", "--send")
    assert len(received.messages) == 40

    # Each organisation's workbook is named by its key: read once, not once a
    # workbook (the keys do not change during the round).
    keys = {o["name"]: o["key"] for o in json_of(run, "orgs", "list", "-f", "json")}

    def book_of(name: str) -> Path:
        return books / f"vanort-2026-{keys[name]}.xlsx"

    answers = tmp_path / "svar"
    answers.mkdir()
    confirming, changing = with_work[:5], with_work[5:]
    adding = asked_orgs[10:35]
    nothing = asked_orgs[35:37]
    silent = asked_orgs[37:40]
    for name in confirming:
        clerk_confirms(book_of(name), answers / f"{name}.xlsx")
    for name in changing:
        clerk_ends_the_first(book_of(name), answers / f"{name}.xlsx")
    for n, name in enumerate(adding):
        clerk_adds(book_of(name), answers / f"{name}.xlsx", f"Nytt samarbete {n}", "Åbo, Bergen")
    # In time: the first thirty; late: the last five who add (after the deadline).
    late = adding[-5:]
    monkeypatch.setenv("VANORT_TODAY", "2027-01-15")
    for name in [*confirming, *changing, *adding]:
        if name not in late:
            ok(run, "collaborations", "import", str(answers / f"{name}.xlsx"))
    monkeypatch.setenv("VANORT_TODAY", "2027-01-20")
    # One answers "nothing" in time; the other only after the round is closed.
    in_time, after_closing = nothing
    ok(run, "round", "answer", "2026", in_time, "--nothing")
    # The same workbook imported twice adds nothing.
    before = json_of(run, "collaborations", "list", "-f", "json")
    again = run("collaborations", "import", str(answers / f"{adding[0]}.xlsx"))
    assert again.exit_code == 0, again.output
    assert json_of(run, "collaborations", "list", "-f", "json") == before
    # One organisation's workbook given as another's answer is refused, whole.
    refused = run(
        "collaborations", "import", str(answers / f"{adding[1]}.xlsx"),
        "--round", "2026", "--org", adding[2],
    )  # fmt: skip
    assert refused.exit_code in (1, 2) and len(refused.stderr.strip().splitlines()) >= 1
    assert json_of(run, "collaborations", "list", "-f", "json") == before

    # Reminded before the deadline: only the nine not yet answered.
    monkeypatch.setenv("VANORT_TODAY", "2027-01-25")
    sent_before = len(received.messages)
    ok(run, "round", "remind", "2026", "--send")
    reminded = received.messages[sent_before:]
    assert len(reminded) == len(silent) + len(late) + 1

    monkeypatch.setenv("VANORT_TODAY", "2027-02-10")
    for name in late:
        ok(run, "collaborations", "import", str(answers / f"{name}.xlsx"))

    monkeypatch.setenv("VANORT_TODAY", "2027-03-01")
    status = {
        row["organisation"]: row for row in json_of(run, "round", "status", "2026", "-f", "json")
    }
    assert len(status) == 40
    assert {n for n, r in status.items() if r["answer"] == "collaborations"} == {
        *confirming,
        *changing,
        *adding,
    }
    assert {n for n, r in status.items() if r["answer"] == "nothing"} == {in_time}
    assert {n for n, r in status.items() if r["answer"] is None} == {*silent, after_closing}
    assert {n for n, r in status.items() if r["late"]} == {*late, *silent, after_closing}
    assert all(status[n]["collaborations"] == 1 for n in [*confirming, *changing])
    assert all(status[n]["asked_on"] == "2026-12-07" for n in status)
    assert all(status[n]["reminded_on"] == "2027-01-25" for n in [*silent, *late, after_closing])
    # The late come first, the silent before those who answered late.
    order = list(status)
    assert set(order[: len(silent) + 1]) == {*silent, after_closing}
    assert set(order[len(silent) + 1 : len(silent) + 1 + len(late)]) == set(late)

    ok(run, "round", "close", "2026")
    # A late answer after closing is still taken, marked late.
    ok(run, "round", "answer", "2026", after_closing, "--nothing")
    after = {
        row["organisation"]: row for row in json_of(run, "round", "status", "2026", "-f", "json")
    }
    assert after[after_closing]["answer"] == "nothing" and after[after_closing]["late"]

    report = json_of(run, "report", "--year", "2026", "-f", "json")
    summary = report["reporting_round"]
    assert set(summary["answered_with_collaborations"]) == {*confirming, *changing, *adding}
    assert set(summary["answered_nothing"]) == set(nothing)
    assert set(summary["did_not_answer"]) == set(silent)
    # Contacts are personal data: never in a report.
    text = run("report", "--year", "2026").stdout + json.dumps(report)
    assert "goteborg.se" not in text and "Kontakt 1" not in text
    # An organisation that came into being in 2026 is not in the report for 2025.
    earlier = run("report", "--year", "2025", "-f", "json")
    assert earlier.exit_code == 0, earlier.output
    assert BORN_2026 not in earlier.stdout
    assert json.loads(earlier.stdout)["reporting_round"] is None
