"""Reading a JSON list of collaborations, as `collaborations export -o FILE.json`
writes it: one object a collaboration, keyed by the English column keys."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from vanort_cli.errors import UsageError
from vanort_cli.exchange.sheet import MAX_COLUMNS, Cell, ImportTable
from vanort_cli.i18n import messages as m


def looks_like_json(data: bytes) -> bool:
    """A file whose first character opens a JSON list (no CSV header starts so)."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")


def read_json(data: bytes, *, path: str) -> ImportTable:
    """The keys of the objects as the header, each object as a row ("item N")."""
    try:
        items = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(m.IMPORT_NOT_JSON.format(path=path, reason=error)) from None
    except RecursionError:  # "[[[[...": more nesting than Python's stack holds
        raise UsageError(m.IMPORT_JSON_TOO_DEEP.format(path=path)) from None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise UsageError(m.IMPORT_JSON_SHAPE.format(path=path))
    header: dict[str, None] = {}
    for number, item in enumerate(items, start=1):
        header.update(dict.fromkeys(item))
        if len(header) > MAX_COLUMNS:
            # A key a column: a million keys would be matched to columns for hours.
            raise UsageError(
                m.IMPORT_TOO_MANY_COLUMNS.format(
                    path=path,
                    columns=len(header),
                    place=m.IMPORT_PLACE_ITEM.format(number=number),
                    limit=MAX_COLUMNS,
                )
            )
    keys = list(header)
    return ImportTable(
        header=keys,
        rows=_rows(items, keys),
        place="item",
        size_hint=len(items),
        description=m.IMPORT_JSON_KIND,
    )


def _rows(items: list[dict[str, Any]], keys: list[str]) -> Iterator[tuple[int, list[Cell]]]:
    for number, item in enumerate(items, start=1):
        yield number, [_cell(item.get(key)) for key in keys]


def _cell(value: Any) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: True is an int
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value)
    # The nested records of `collaborations list -f json`: a town, organisation or
    # area by its name, several towns in one cell.
    if isinstance(value, dict):
        return str(value.get("name_sv") or value.get("name") or value.get("key") or "")
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return "; ".join(str(_cell(v)) for v in value)
    return json.dumps(value, ensure_ascii=False)  # anything else: shown as written
