"""Rich tables fitted to the terminal: columns shrink by how much their text
can wrap, never below their longest word."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.table import Table
from rich.text import Text

from vanort_cli.i18n import messages as m
from vanort_cli.output.columns import Column
from vanort_cli.output.text import visible

R = TypeVar("R")  # a row: a record, or a mapping of its fields


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def _longest_line(text: str) -> int:
    return max((cell_len(line) for line in text.splitlines()), default=0)


# Narrower than this, a column of text wraps into a tall strip that is hard to read.
_COMFORTABLE_WIDTH = 16


def _table_overhead(count: int) -> int:
    """The borders and padding of a table of `count` columns (Rich's default box)."""
    return 3 * count + 1


class FittedTable:
    """Rows as a table that fits the width it is printed in.

    No word, date or id is ever broken across lines: each column is at least as
    wide as its longest word (a `nowrap` column, its longest cell). When even that
    does not fit, the least important columns are left out and a footer names them.
    On a console that is not a terminal the width is unlimited, so nothing is.
    """

    def __init__(self, rows: Sequence[R], columns: Sequence[Column[R]], title: str | None) -> None:
        self.title = title
        # A column with nothing in it only takes room from the others.
        shown = [c for c in columns if any(c.shown(row) for row in rows)] or list(columns)
        self.cells = [[visible(c.shown(row), newlines=False) for c in shown] for row in rows]
        self.columns: list[Column[Any]] = list(shown)

    def _widths(self, index: int) -> tuple[int, int, int]:
        """The narrowest, a comfortable and the widest width of this column's content."""
        column = self.columns[index]
        texts = [row[index] for row in self.cells]
        heading = column.heading
        narrowest = max(
            [_longest_word(heading), 1]
            + [_longest_line(t) if column.nowrap else _longest_word(t) for t in texts]
        )
        widest = max([_longest_line(heading), 1] + [_longest_line(t) for t in texts])
        return narrowest, min(widest, max(narrowest, _COMFORTABLE_WIDTH)), widest

    def fit(self, width: int) -> tuple[list[int], list[int] | None]:
        """The columns shown (by index) and their widths, or None for natural widths."""
        ranges = [self._widths(i) for i in range(len(self.columns))]
        shown = list(range(len(self.columns)))
        # Columns leave until the others fit at a width that reads well (text
        # squeezed to its longest word wraps into a tall, narrow strip).
        while (
            len(shown) > 1
            and sum(ranges[i][1] for i in shown) + _table_overhead(len(shown)) > width
        ):
            # The least important column leaves; of equal ones, the rightmost.
            shown.remove(min(reversed(shown), key=lambda i: self.columns[i].priority))
        room = width - _table_overhead(len(shown))
        if sum(ranges[i][2] for i in shown) <= room:
            return shown, None
        widths = [min(ranges[i][1], max(ranges[i][0], room)) for i in shown]
        # The room left goes to the columns that can use it, in proportion to how
        # much more they could take.
        spare = room - sum(widths)
        wants = [ranges[i][2] - w for i, w in zip(shown, widths, strict=True)]
        total_want = sum(wants)
        if spare > 0 and total_want:
            given = [spare * want // total_want for want in wants]
            for k in sorted(range(len(shown)), key=lambda k: -wants[k])[: spare - sum(given)]:
                given[k] += 1
            widths = [w + g for w, g in zip(widths, given, strict=True)]
        return shown, widths

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        shown, widths = self.fit(options.max_width)
        title = visible(self.title) if self.title else None
        table = Table(title=title, title_justify="left", header_style="bold")
        for k, i in enumerate(shown):
            column = self.columns[i]
            table.add_column(
                column.heading,
                overflow="fold",
                no_wrap=column.nowrap,
                width=None if widths is None else widths[k],
            )
        for row in self.cells:
            table.add_row(*(Text(row[i]) for i in shown))
        yield table
        left_out = [
            self.columns[i].heading.lower() for i in range(len(self.columns)) if i not in shown
        ]
        if left_out:
            yield Text(
                m.COLUMNS_LEFT_OUT.format(width=options.max_width, columns=", ".join(left_out)),
                style="dim",
            )


def rows_table(
    rows: Sequence[R], columns: Sequence[Column[R]], title: str | None = None
) -> FittedTable:
    """Rows as a table for people; see FittedTable for how it fits the terminal."""
    return FittedTable(rows, columns, title)


def record_table(record: R, fields: Sequence[Column[R]]) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for column in fields:
        text = visible(column.shown(record))
        if text:
            table.add_row(Text(column.heading), Text(text))
    return table
