"""Every reading command's `--format json` (and jsonl, csv) is byte-identical to
the goldens the release before issue 21 wrote (tests/json_golden.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import json_golden


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    directory = tmp_path_factory.mktemp("golden")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("VANORT_TODAY", "VANORT_USER", "VANORT_LANG", "VANORT_DB"):
            patch.setenv(name, "")  # recorded, so each is put back afterwards
        return dict(json_golden.outputs(Path(directory)))


@pytest.mark.parametrize("name", [name for name, _, _ in json_golden.COMMANDS])
def test_output_is_the_golden(made: dict[str, str], name: str) -> None:
    golden = (json_golden.GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    assert made[name] == golden, f"`{name}` changed; see tests/json_golden.py"


def test_every_golden_is_made() -> None:
    kept = {path.stem for path in json_golden.GOLDEN.glob("*.txt")}
    assert kept == {name for name, _, _ in json_golden.COMMANDS}
