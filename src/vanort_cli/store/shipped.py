"""The shipped data files (data/*.toml), read without the database: the seed reads
them into a new registry, and a command reads the words of its preparation steps
from them when it starts (cheap: no SQLModel)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from vanort_cli.i18n.values import Family, words_of


def data_dir() -> Path:
    """The shipped data: inside the installed package, else data/ of a source checkout."""
    packaged = Path(str(resources.files("vanort_cli"))) / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


@cache
def load(name: str) -> dict[str, Any]:
    """One shipped data file, e.g. `load("towns")` for data/towns.toml."""
    with (data_dir() / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def preparation_words() -> Family:
    """The preparation steps' words (data/preparation.toml): each step's key and
    name in English (`theme`, "Theme agreed with the twin towns") and in Swedish
    (`tema`, "Tema överenskommet med vänorterna")."""
    steps = load("preparation")["steps"]
    return words_of(
        ((s["key"], s["key"], s["name"], s.get("key_sv") or s["key"], s["name_sv"]) for s in steps),
        "preparation step",
    )
