"""The `--format json` (and `jsonl`, `csv`) output of every reading command on
the example registries, kept as goldens in tests/fixtures/json_golden/.

Restructuring must not change a byte a script reads (issue 21): the goldens were
written by the release before the house was restructured, and
tests/test_json_golden.py makes every output again and compares. After a change
that is meant to alter output, write them again with

    python tests/json_golden.py --write

and let the diff show what changed.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).parent
GOLDEN = HERE / "fixtures" / "json_golden"

# (name, registry, arguments): "council" is tests/council_registry.py's ten
# years, "seeded" the shipped registry as first use creates it.
COMMANDS: list[tuple[str, str, list[str]]] = [
    ("next-meeting", "seeded", ["next-meeting", "--format", "json"]),
    ("next-meeting-council", "council", ["next-meeting", "--format", "json"]),
    ("schedule", "council", ["schedule", "--from", "2015", "--to", "2035", "--format", "json"]),
    ("schedule-csv", "council", ["schedule", "--from", "2015", "--to", "2035", "--format", "csv"]),
    ("report-2026", "council", ["report", "--year", "2026", "--format", "json"]),
    ("report-2025-sv", "council", ["--lang", "sv", "report", "--year", "2025", "--format", "json"]),
    ("report-2019", "council", ["report", "--year", "2019", "--format", "json"]),
    ("evaluation-2025", "council", ["report", "--evaluation", "2025", "--format", "json"]),
    ("report-seeded", "seeded", ["report", "--year", "2026", "--format", "json"]),
    ("check", "council", ["check", "--format", "json"]),
    ("check-seeded", "seeded", ["check", "--format", "json"]),
    ("collaborations-list", "council", ["collaborations", "list", "--format", "json"]),
    ("collaborations-jsonl", "council", ["collaborations", "list", "--format", "jsonl"]),
    ("collaborations-csv", "council", ["collaborations", "list", "--format", "csv"]),
    ("collaborations-2024", "council",
     ["collaborations", "list", "--year", "2024", "--town", "Bergen", "--format", "json"]),
    ("collaboration-show", "council", ["collaborations", "show", "7", "--format", "json"]),
    ("meeting-list", "council", ["meeting", "list", "--format", "json"]),
    ("meeting-list-seeded", "seeded", ["meeting", "list", "--format", "json"]),
    ("meeting-show-2025", "council", ["meeting", "show", "2025", "--format", "json"]),
    ("meeting-show-2024", "council", ["meeting", "show", "2024", "--format", "json"]),
    ("meeting-participants", "council",
     ["meeting", "participant", "list", "2025", "--format", "json"]),
    ("meeting-seminars", "council", ["meeting", "seminar", "list", "2025", "--format", "json"]),
    ("towns-list", "council", ["towns", "list", "--format", "json"]),
    ("town-show", "council", ["towns", "show", "Bergen", "--format", "json"]),
    ("town-show-oslo", "council", ["towns", "show", "Oslo", "--format", "json"]),
    ("orgs-list", "council", ["orgs", "list", "--format", "json"]),
    ("orgs-list-seeded", "seeded", ["orgs", "list", "--format", "json"]),
    ("org-show", "council", ["orgs", "show", "Kulturförvaltningen", "--format", "json"]),
    ("areas-list", "council", ["areas", "list", "--format", "json"]),
    ("evaluation-list", "council", ["evaluation", "list", "--format", "json"]),
    ("db-check", "council", ["db", "check", "--format", "json"]),
    ("history", "council", ["history", "--format", "json"]),
]  # fmt: skip

# What differs between two runs of the same commands: the moment of a change
# and the login that made it, the registry's own path.
_VOLATILE = [
    (re.compile(r'"(at|changed_at|created_at|updated_at)": ?"[^"]*"'), r'"\1": "…"'),
    (re.compile(r'"(who|login|user|os_user|db_role|stored_by)": ?"[^"]*"'), r'"\1": "…"'),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?"), "<moment>"),
]


def normalise(name: str, text: str, directory: Path) -> str:
    text = text.replace(str(directory), "<registry>")
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def outputs(directory: Path) -> Iterator[tuple[str, str]]:
    """Build both registries under `directory` and yield each command's output."""
    sys.path.insert(0, str(HERE))
    from typer.testing import CliRunner

    import council_registry
    from vanort_cli.cli.app import app

    os.environ["VANORT_TODAY"] = council_registry.TODAY
    os.environ["VANORT_USER"] = "Golden"
    os.environ["VANORT_LANG"] = "en"
    runner = CliRunner()
    registries = {"council": directory / "council.db", "seeded": directory / "seeded.db"}
    os.environ["VANORT_DB"] = str(registries["council"])

    def run(*args: str) -> object:
        return runner.invoke(app, list(args))

    for registry in registries.values():
        os.environ["VANORT_DB"] = str(registry)
        run("db", "init")
    os.environ["VANORT_DB"] = str(registries["council"])
    council_registry.build(run, directory)
    for name, registry, args in COMMANDS:
        os.environ["VANORT_DB"] = str(registries[registry])
        result = runner.invoke(app, args)
        if result.exit_code not in (0, 1):
            raise SystemExit(f"{name}: exit {result.exit_code}: {result.output}")
        yield name, normalise(name, f"exit {result.exit_code}\n{result.stdout}", directory)


def main() -> None:
    import tempfile

    write = "--write" in sys.argv
    GOLDEN.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for name, text in outputs(Path(scratch)):
            path = GOLDEN / f"{name}.txt"
            if write:
                path.write_text(text, encoding="utf-8")
            elif path.read_text(encoding="utf-8") != text:
                print(f"differs: {name}")


if __name__ == "__main__":
    main()
