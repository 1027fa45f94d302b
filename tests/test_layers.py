"""The house's plan is a contract (pyproject's [tool.importlinter]), checked by
import-linter: it holds for the tree, and it breaks when a room is entered from
the wrong floor (a contract that cannot fail checks nothing)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "vanort_cli"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint(source_root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "pyproject.toml"
    shutil.copy(ROOT / "pyproject.toml", config)
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(config), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(source_root), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_the_tree_keeps_every_contract(tmp_path: Path) -> None:
    shown = lint(SOURCE.parent, tmp_path)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "0 broken" in shown.stdout


# Each break on purpose, and the contract that must name it.
BREAKS = [
    ("cli/history.py", "import psycopg", "psycopg nowhere else"),
    ("domain/rotation.py", "from vanort_cli.store import models", "Floors"),
    ("domain/dates.py", "import sqlalchemy", "The domain is pure"),
    ("store/registry.py", "from vanort_cli.services import lookup", "Floors"),
    ("output/console.py", "import matplotlib", "matplotlib is imported nowhere else"),
    ("services/report.py", "import typer", "Typer and Click nowhere below it"),
    ("cli/app.py", "from vanort_cli.i18n import catalog", "no command imports i18n.catalog"),
    ("services/towns.py", "from vanort_cli.services import town_profile", "No import cycle"),
]


@pytest.mark.parametrize(("module", "line", "contract"), BREAKS)
def test_a_wrong_import_breaks_a_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    scratch = tmp_path / "src"
    shutil.copytree(SOURCE, scratch / "vanort_cli", ignore=shutil.ignore_patterns("locale"))
    target = scratch / "vanort_cli" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    shown = lint(scratch, tmp_path)
    assert shown.returncode != 0, f"{module}: `{line}` broke no contract"
    broken = [row for row in _joined(shown.stdout) if row.endswith("BROKEN")]
    assert any(contract in row for row in broken), shown.stdout


def _joined(text: str) -> list[str]:
    """The report's lines, a contract's name wrapped over two lines joined again."""
    rows: list[str] = []
    for row in text.splitlines():
        if rows and rows[-1] and not rows[-1].endswith(("KEPT", "BROKEN")) and row:
            rows[-1] += " " + row
        else:
            rows.append(row)
    return rows
