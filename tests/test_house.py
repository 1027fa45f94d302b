"""The README's layout section is the tree (issue 21): every room and loose module
of the package is described there, every file it names exists, and the numbers it
gives are what docs/house.py draws from the imports."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "vanort_cli"
README = ROOT / "README.md"


def layout() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Layout\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _block(section: str) -> list[str]:
    return section.split("```\n", 2)[1].splitlines()


def described() -> dict[str, str]:
    """Each room or loose module the block names at the package's level, with its text
    (the lines below it, up to the next name)."""
    rooms: dict[str, str] = {}
    current = None
    for line in _block(layout()):
        found = re.match(r"^  (\S+)\s*(.*)$", line)
        if found:
            current = found.group(1)
            rooms[current] = found.group(2)
        elif current and line.startswith("    "):
            rooms[current] += " " + line.strip()
        elif not line.startswith(" "):
            current = None
    return rooms


def test_every_room_and_loose_module_is_described() -> None:
    on_disk = {p.name + "/" for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    on_disk |= {p.name for p in PACKAGE.glob("*.py")}
    assert set(described()) == on_disk


def test_every_module_the_layout_names_exists() -> None:
    for room, text in described().items():
        if not room.endswith("/"):
            continue
        for name in re.findall(r"\b([a-z_]+)\.py\b", text):
            assert (PACKAGE / room / f"{name}.py").exists(), f"{room}{name}.py"
        for name in re.findall(r"\b([a-z_]+)/", text):
            assert (PACKAGE / room / name).is_dir(), f"{room}{name}/"


def test_every_rooms_init_says_what_it_may_import() -> None:
    for room in (p for p in PACKAGE.iterdir() if (p / "__init__.py").exists()):
        doc = (room / "__init__.py").read_text(encoding="utf-8")
        assert re.search(r"\bimport", doc.split('"""')[1]), f"{room.name}/__init__.py"


def test_the_numbers_are_the_house_drawn_from_its_imports() -> None:
    drawn = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "house.py"), str(ROOT / "src")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rooms, arrows, floors, cycles = map(
        int,
        re.search(r"rooms: (\d+)\s+arrows: (\d+)\s+floors: (\d+)\s+cycles: (\d+)", drawn).groups(),
    )
    text = " ".join(layout().split())
    assert f"{rooms} rooms on {floors} floors with {arrows} arrows" in text, drawn
    assert cycles == 0 and "no cycle" in text
