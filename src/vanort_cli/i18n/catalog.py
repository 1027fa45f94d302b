"""The translation catalog's tools: find every English sentence vanort shows,
keep the Swedish catalog in step with them, compile it, and check it.

Used by the tests (`tests/test_catalog.py`), by `python -m vanort_cli.i18n.catalog
update` when sentences change, and by a checkout whose `.po` is newer than its
`.mo`. Never imported by a command: it needs Babel's message tools.

Where sentences are found (`extract`):
- `messages.py`: every constant, as the module defines it (a string, a counted
  string, or a mapping of strings), so the constants need no marker;
- everywhere else, the first argument of `_()`, `N_()`, `gettext()` and
  `command_group()`, the header (second argument) of `field()` and `Column()`,
  and the `help=`, `epilog=` and `short_help=` of any call (Typer's options);
- the docstrings of the functions registered as commands (their help).
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import string
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from vanort_cli.i18n import DOMAIN, LOCALE_DIR

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Call name -> which positional argument is the English sentence.
CALLS: dict[str, int] = {
    "_": 0,
    "N_": 0,
    "gettext": 0,
    "command_group": 0,
    "field": 1,
    "Column": 1,
}
KEYWORDS = frozenset({"help", "epilog", "short_help", "metavar"})
HEADER = """\
# Swedish translations of vanort's messages, help and reports.
# Update the entries with `python -m vanort_cli.i18n.catalog update`, then fill in
# every empty msgstr; tests/test_catalog.py fails on an empty or fuzzy one.
"""


@dataclass(frozen=True)
class Found:
    message: str
    path: str
    line: int
    note: str = ""


def po_path(code: str = "sv") -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


# -- extraction ----------------------------------------------------------------


def _text(node: ast.AST | None) -> str | None:
    """A string literal, or literals joined by `+`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _command_names(module: str, tree: ast.AST) -> dict[str, set[str]]:
    """The functions a module registers as commands, by the module that defines
    them: `@app.command(...)` above a function, `app.command("name")(function)`,
    or `app.command("name")(other_module.function)`."""
    names: dict[str, set[str]] = {}
    # `from vanort_cli.cli.collab_export import export`: export is defined there.
    imported = {
        alias.asname or alias.name: node.module.rsplit(".", 1)[-1]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and _name(decorator.func) in (
                    "command",
                    "callback",
                ):
                    names.setdefault(module, set()).add(node.name)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Call)
            and _name(node.func.func) == "command"
            and node.args
        ):
            target = node.args[0]
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
                names.setdefault(target.value.id, set()).add(target.attr)
            else:
                name = _name(target)
                names.setdefault(imported.get(name, module), set()).add(name)
    return names


def _from_source(path: Path, relative: str, commands: set[str]) -> Iterator[Found]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            index = CALLS.get(_name(node.func))
            if index is not None and len(node.args) > index:
                text = _text(node.args[index])
                if text:
                    yield Found(text, relative, node.lineno)
            for keyword in node.keywords:
                if keyword.arg in KEYWORDS:
                    text = _text(keyword.value)
                    if text:
                        yield Found(text, relative, keyword.value.lineno)
        elif isinstance(node, ast.FunctionDef) and node.name in commands:
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield Found(doc, relative, node.lineno, f"help of {node.name}")


def _from_messages() -> Iterator[Found]:
    from vanort_cli.i18n import messages

    path = Path(messages.__file__)
    lines = {
        target.id: node.lineno
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.AnnAssign | ast.Assign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    for name, value in messages.english().items():
        texts = list(value.values()) if isinstance(value, Mapping) else [value]
        for text in texts:
            if isinstance(text, str) and text:
                yield Found(str(text), "src/vanort_cli/i18n/messages.py", lines.get(name, 0), name)


def extract() -> list[Found]:
    """Every English sentence vanort can show, in the order of the source files."""
    sources = sorted(p for p in PACKAGE_DIR.rglob("*.py") if p.name != "messages.py")
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in sources}
    commands: dict[str, set[str]] = {}
    for path, tree in trees.items():
        if "cli" in path.parts:
            for module, names in _command_names(path.stem, tree).items():
                commands.setdefault(module, set()).update(names)
    found = list(_from_messages())
    for path in sources:
        relative = "src/" + path.relative_to(PACKAGE_DIR.parent).as_posix()
        cli_commands = commands.get(path.stem, set()) if "cli" in path.parts else set()
        found.extend(_from_source(path, relative, cli_commands))
    return found


def template() -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="vanort", charset="utf-8")
    for item in extract():
        comments = [item.note] if item.note else []
        catalog.add(item.message, locations=[(item.path, item.line)], auto_comments=comments)
    return catalog


# -- the catalog file ------------------------------------------------------------


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="sv")
    # With no header entry, Babel reads the file's opening comment (HEADER) as
    # the first entry's: take it off, or every write would add it once more.
    ours = {line[2:] for line in HEADER.splitlines()}
    for message in catalog:
        message.user_comments = [c for c in message.user_comments if c not in ours]
    return catalog


def write(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=True, ignore_obsolete=True, no_location=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(HEADER.encode() + buffer.getvalue())


def update(path: Path | None = None) -> tuple[int, int]:
    """Bring the catalog in step with the source: new sentences added with an empty
    translation, gone ones dropped, translations kept. Returns (entries, untranslated)."""
    path = path or po_path()
    catalog = read(path) if path.exists() else Catalog(locale="sv", domain=DOMAIN)
    catalog.update(template(), no_fuzzy_matching=True, update_header_comment=False)
    write(catalog, path)
    entries = [message for message in catalog if message.id]
    return len(entries), sum(1 for message in entries if not message.string)


def fill(path: Path, sources: list[Path]) -> int:
    """Take the translations of `sources` for this catalog's empty entries (merging
    catalogs translated apart). Returns how many were filled."""
    catalog = read(path)
    known: dict[str, str] = {}
    for source in sources:
        for message in read(source):
            if message.id and message.string and not message.fuzzy:
                known.setdefault(str(message.id), str(message.string))
    filled = 0
    for message in catalog:
        if message.id and not message.string and str(message.id) in known:
            message.string = known[str(message.id)]
            filled += 1
    write(catalog, path)
    return filled


def mo_bytes(path: Path) -> bytes:
    """The catalogue at `path` as a `.mo` file's bytes."""
    buffer = io.BytesIO()
    write_mo(buffer, read(path))
    return buffer.getvalue()


# -- checks ----------------------------------------------------------------------

_CODE = re.compile(r"`([^`]+)`")
# Placeholders a translation may word differently inside a command: YEAR, TOWN.
_METAVAR = re.compile(r"\b[A-ZÅÄÖ][A-ZÅÄÖ_]+\b")


def fields(text: str) -> set[str]:
    """The `str.format` fields of `text`: {town}, {n:# a|# b} -> {"town", "n"}."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


# An option whose values a translation may give in its own words (issue 23: the
# words people see are the words they may type): `--status inställt` is
# `--status cancelled`.
_WORDED_VALUE = re.compile(r"(--(?:status|kind|as)\s+)([^\s`]+)")


def _as_keys(span: str) -> str:
    """A quoted command with each worded value read back to its key."""
    from vanort_cli.i18n import values

    def key(word: str) -> str:
        for family in values.FAMILIES:
            found = family.read(word)
            if found is not None:
                return found
        return word

    return _WORDED_VALUE.sub(
        lambda m: m.group(1) + "|".join(key(part) for part in m.group(2).split("|")), span
    )


def commands(text: str) -> list[str]:
    """The commands quoted in `text` (`vanort meeting list`), placeholders aside and
    worded values read back to their keys."""
    return sorted(
        _METAVAR.sub("X", _as_keys(span)) for span in _CODE.findall(text) if "vanort" in span
    )


def problems(catalog: Catalog) -> list[str]:
    """What is wrong with a catalog: untranslated, fuzzy, or a translation whose
    placeholders or quoted commands differ from the English."""
    found: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        english, swedish = str(message.id), str(message.string or "")
        short = english[:70].replace("\n", " ")
        if not swedish.strip():
            found.append(f"untranslated: {short!r}")
        elif message.fuzzy:
            found.append(f"fuzzy: {short!r}")
        elif fields(english) != fields(swedish):
            found.append(f"placeholders differ ({fields(english)} vs {fields(swedish)}): {short!r}")
        elif commands(english) != commands(swedish):
            found.append(f"quoted commands differ: {short!r}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vanort_cli.i18n.catalog")
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("update", help="add new sentences to the catalog, drop gone ones")
    filling = sub.add_parser("fill", help="take translations from other .po files")
    filling.add_argument("sources", nargs="+", type=Path)
    sub.add_parser("check", help="list what is untranslated or wrong")
    sub.add_parser("compile", help="write the .mo beside the .po")
    args = parser.parse_args(argv)
    path = po_path()
    if args.action == "update":
        entries, empty = update(path)
        print(f"{path}: {entries} entries, {empty} untranslated")
    elif args.action == "fill":
        print(f"{path}: filled {fill(path, args.sources)}")
    elif args.action == "check":
        listed = problems(read(path))
        print("\n".join(listed) or "no problems")
        return 1 if listed else 0
    elif args.action == "compile":
        path.with_suffix(".mo").write_bytes(mo_bytes(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
