"""What a command's rows are made of: the output formats, a column (its key for
scripts, its heading for people) and a value's word in the reader's language."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic

from typing_extensions import TypeVar

from vanort_cli.i18n import Worded, gettext, is_swedish
from vanort_cli.i18n.values import Family
from vanort_cli.output.text import shown_text


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"  # JSON Lines: one compact object a line, for streams and jq
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"  # a workbook: only to a file (-o), never to a terminal


# What a column reads its values from: a typed record (domain/records.py), whose
# attributes mypy checks, or, where a command still has none, a mapping.
R = TypeVar("R", default=Mapping[str, Any])
S = TypeVar("S")


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its CSV key, its table header, and how to get its value from a row.

    When a table is too wide for the terminal, the columns of the lowest `priority`
    are left out first (of equal ones, the rightmost). A `nowrap` column (ids,
    dates, years, codes) keeps each cell on one line; the others wrap between words.

    What people read is in their language, what machines read is not: `header`
    (English, a catalog entry) is translated where a table is drawn, while CSV and
    JSON keep `key`; `value` is what CSV, JSON and xlsx write, and `show` (if
    given) what a table shows instead: a town by its name in the language, a
    status by its word (see `field(words=...)`).

    `empty` is what a table or record for people shows for an empty value (an
    ongoing collaboration's end: "ongoing", in the language); machine formats
    (CSV, JSON, xlsx) leave the cell empty, so that what they write reads back as
    data.
    """

    key: str
    header: str | Worded
    value: Callable[[R], Any]
    priority: int = 0
    nowrap: bool = False
    empty: str = ""
    show: Callable[[R], Any] | None = None

    def shown(self, row: R) -> str:
        """The cell's text for people, in their language."""
        text = shown_text((self.show or self.value)(row))
        return text or (gettext(self.empty) if self.empty else "")

    @property
    def heading(self) -> str:
        """The header as people read it, in their language."""
        return gettext(str(self.header))

    def file_value(self, row: R) -> Any:
        """A cell of a file for people (`--excel` CSV, xlsx): in Swedish the words and
        names the table shows (hållet, projekt, Åbo), headed as it is
        (`file_heading`); else, and for every other column (dates stay dates), the
        value machines read."""
        if self.show is not None and is_swedish():
            return shown_text(self.show(row))
        return self.value(row)

    @property
    def file_heading(self) -> str:
        """The header of a file for people (`--excel` CSV, xlsx): in Swedish the
        Swedish header, which `collaborations import` reads back as it reads the
        key; in English the key, as every English file has had it (and import,
        scripts and people read it alike). A column headed by its own key
        (`collaborations export`) keeps it in both."""
        if is_swedish() and str(self.header) != self.key:
            return self.heading
        return self.key

    def through(self, part: Callable[[S], R]) -> Column[S]:
        """The same column over rows that hold its row as `part` (a report's item
        beside whether it is new)."""
        value, show = self.value, self.show
        return Column(
            self.key,
            self.header,
            lambda row: value(part(row)),
            self.priority,
            self.nowrap,
            self.empty,
            None if show is None else (lambda row: show(part(row))),
        )


def word(family: Family, value: Any) -> Any:
    """A value of a fixed set (a status, a kind) as people read it: its short word
    in the language (`i18n.values`); any other value as it is."""
    return family.word(value) if isinstance(value, str) else value


def field(
    name: str,
    header: str | None = None,
    *,
    priority: int = 0,
    nowrap: bool = False,
    words: Family | None = None,
) -> Column:
    """A column showing `row[name]`, headed by `header` (default: from the name).
    With `words` (a family of `i18n.values`: `values.MEETING_STATUS`), a table shows
    each value by its word in the language, and CSV and JSON keep the value."""
    return Column(
        name,
        header or name.replace("_", " ").capitalize(),
        lambda row: row.get(name),
        priority=priority,
        nowrap=nowrap,
        show=None if words is None else (lambda row: word(words, row.get(name))),
    )


def text_in_language(name: str, header: str, *, priority: int = 0) -> Column:
    """A column of a text kept in English (`row[name]`) and in Swedish
    (`row[name + "_sv"]`, as a town's or organisation's `note_sv`): a table in
    Swedish shows the Swedish when there is one; CSV and JSON keep `row[name]`."""

    def shown(row: Mapping[str, Any]) -> Any:
        swedish = row.get(f"{name}_sv")
        return swedish if swedish and is_swedish() else row.get(name)

    return Column(name, header, lambda row: row.get(name), priority=priority, show=shown)
