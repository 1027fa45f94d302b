"""A registry as the City Council's report sees it: ten years of collaborations,
recorded meetings with one cancelled and one postponed, and a new twin town.

Shared by the tests of the printable report and by docs/make_pictures.py (the
README's pictures). Titles hold no digits, so that every number in a report made
from this registry comes from the report's own figures."""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

TODAY = "2026-11-27"
MEETINGS = [
    ["2019", "--host", "Åbo", "--status", "held", "--start", "2019-09-10", "--end", "2019-09-12",
     "--place", "Åbo", "--theme", "Den gröna staden"],
    ["2021", "--host", "Bergen", "--status", "cancelled", "--note", "Inställt under pandemin"],
    ["2023", "--host", "Århus", "--status", "postponed"],
    ["2025", "--host", "Göteborg", "--status", "held", "--start", "2025-09-09",
     "--end", "2025-09-11", "--place", "Göteborg", "--theme", "Klimatanpassning"],
]  # fmt: skip
NEW_TOWN = ["towns", "add", "Oslo", "--kind", "twin", "--country", "NO",
            "--decision", "KF 2026-10-15 §12", "--decided-on", "2026-10-15"]  # fmt: skip
TOWNS = ["Åbo", "Bergen", "Århus", "Kiel", "Lyon"]
ORGS = [
    "Kulturförvaltningen", "Göteborgs Hamn", "Idrotts- och föreningsförvaltningen",
    "Stadsmiljöförvaltningen", "Grundskoleförvaltningen", "Business Region Göteborg",
    "Göteborg Energi", "Liseberg", "Higab", "Miljöförvaltningen", "Stadsledningskontoret",
]  # fmt: skip
AREAS = [
    "Kultur", "Utbildning", "Klimat och miljö", "Näringsliv", "Stadsutveckling",
    "Transport", "Social välfärd", "Hälsa och idrott", "Jämställdhet", "Fritid och unga",
]  # fmt: skip
WORDS = ["Hamn", "Skola", "Vatten", "Kultur", "Idrott", "Klimat", "Unga", "Energi", "Park",
         "Musik", "Cykel", "Bibliotek", "Teater", "Hav", "Grönska", "Ljus"]  # fmt: skip
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"


def title(n: int) -> str:
    """A title without digits, different for each n."""
    letters = ""
    while True:
        n, rest = divmod(n, len(LETTERS))
        letters = LETTERS[rest] + letters
        if not n:
            return f"{WORDS[len(letters) % len(WORDS)]} och {letters}"
        n -= 1


def write_collaborations(path: Path, count: int = 140, *, seed: int = 14) -> Path:
    """A CSV of `count` collaborations from 2016 to 2026, more in the later years
    (the same ones for the same seed)."""
    chance = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Titel", "Förvaltning/bolag", "Område", "Vänorter", "Startdatum",
                      "Slutdatum", "Rapporteringsdatum"])  # fmt: skip
        for n in range(count):
            year = min(2016 + int(chance.triangular(0, 11, 10)), 2026)
            start = date(year, chance.randint(1, 12), chance.randint(1, 28))
            end = "" if chance.random() < 0.3 else date(year + chance.randint(0, 3), 12, 31)
            reported = min(date(year, 12, 31), date.fromisoformat(TODAY))
            towns = chance.sample(TOWNS, chance.choice([1, 1, 1, 2]))
            name = title(seed * 100_000 + n)
            out.writerow([name, chance.choice(ORGS), chance.choice(AREAS), ", ".join(towns),
                          start.isoformat(), str(end), reported.isoformat()])  # fmt: skip
    return path


def strict_runner() -> Callable[..., Any]:
    """The real CLI in-process, for a script (the README's pictures, a benchmark):
    a command that fails ends the script with its output."""
    import sys

    from typer.testing import CliRunner

    from vanort_cli.cli.app import app

    runner = CliRunner()

    def run(*args: str) -> Any:
        result = runner.invoke(app, list(args))
        if result.exit_code != 0:
            sys.exit(f"vanort {' '.join(args)}: {result.output}")
        return result

    return run


def build(run: Callable[..., Any], directory: Path) -> None:
    """Fill the registry `run` works on (VANORT_TODAY should be TODAY)."""

    def ok(*args: str) -> None:
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)

    for meeting in MEETINGS:
        ok("meeting", "record", *meeting)
    ok("meeting", "reschedule", "2023", "--to", "2024", "--start", "2024-05-14")
    ok(*NEW_TOWN)
    ok("collaborations", "import", str(write_collaborations(directory / "samarbeten.csv")))
