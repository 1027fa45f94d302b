"""The charts in other processes: the same bytes, and matplotlib only where drawing
is (the charts themselves: tests/unit/test_charts.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from unit.test_charts import history
from vanort_cli.reports import charts


def test_the_same_input_gives_the_same_bytes_in_another_process() -> None:
    svg = charts.rotation_svg(history())
    assert charts.rotation_svg(history()) == svg
    assert charts.rotation_png(history(), dpi=50) == charts.rotation_png(history(), dpi=50)
    tests = str(Path(__file__).parent)
    script = (
        f"import sys; sys.path.insert(0, {tests!r}); from unit.test_charts import history;"
        "from vanort_cli.reports import charts; sys.stdout.write(charts.rotation_svg(history()))"
    )
    other = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert other.stdout == svg


def test_drawing_imports_matplotlib_and_nothing_else_does() -> None:
    """The charts module is the only one that imports matplotlib, and the command
    tree does not import the charts module when it is built."""
    script = "import sys, vanort_cli.cli.app; print('matplotlib' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "False"
