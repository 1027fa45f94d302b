"""The consoles: data to stdout, messages and errors to stderr, colour only
for a terminal."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.text import Text

from vanort_cli.i18n import messages as m
from vanort_cli.output.text import for_terminal, visible


class SafeConsole(Console):
    """A console that shows every text it prints through `visible`: whatever a
    command prints, from the registry or a file, cannot drive the terminal. Rich's
    own styling and cursor control are separate segments and pass untouched."""

    def render(self, renderable: Any, options: ConsoleOptions | None = None) -> Iterator[Segment]:
        for segment in super().render(renderable, options):
            if segment.control or segment.text.isprintable():
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style, segment.control)


def _is_regular_file(target: TextIO) -> bool:
    try:
        return stat.S_ISREG(os.fstat(target.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):
        return False


def is_terminal(target: TextIO) -> bool:
    """Whether `target` is a terminal: Rich's answer (a tty, or TTY_COMPATIBLE=1,
    with COLUMNS for its width, as tests render "on an 80-column terminal"). A
    file on disk is never a terminal, whatever the environment says."""
    return not _is_regular_file(target) and Console(file=target).is_terminal


class _ShownOnTerminal:
    """A text stream to a terminal that writes every text through `for_terminal`."""

    def __init__(self, target: TextIO) -> None:
        self._target = target

    def write(self, text: str) -> int:
        return self._target.write(for_terminal(text))

    def writelines(self, lines: Iterable[str]) -> None:
        # Spelt out: without it, writelines would reach the terminal itself through
        # __getattr__, unescaped (a streamed report writes its parts this way).
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, encoding, fileno...
        return getattr(self._target, name)


def data_stream(target: TextIO | None = None) -> TextIO:
    """stdout (default) for data that Rich does not draw: CSV, HTML, Markdown,
    iCalendar, a registry document.

    On a terminal, every character `visible` would escape (ESC and the other C0
    and C1 controls, OSC 8 links, bidirectional overrides U+202A-202E and
    U+2066-2069, zero-width characters) is written as a visible escape (`\\x1b`,
    `\\u202e`), as tables show them: text that reached the registry past vanort
    cannot drive the terminal. To a file or a pipe the data goes as it is, so a
    CSV or HTML file holds exactly what the registry holds. (JSON needs neither:
    it writes these characters as \\u escapes everywhere, see `json_stream`.)
    """
    stream = target or sys.stdout
    return _ShownOnTerminal(stream) if is_terminal(stream) else stream  # type: ignore[return-value]


def console(file: TextIO | None = None) -> Console:
    """A console for stdout (default) that never truncates when it is not a terminal
    (see `is_terminal`)."""
    target = file or sys.stdout
    terminal = is_terminal(target)
    return SafeConsole(
        file=target,
        width=None if terminal else 10_000,
        soft_wrap=not terminal,
        highlight=False,
    )


def error_console() -> Console:
    return SafeConsole(file=sys.stderr, highlight=False, soft_wrap=True)


def say(text: str) -> None:
    """A message for the person at the terminal, on stderr."""
    error_console().print(Text(text))


def show_error(text: str) -> None:
    """An error: always one line (a newline in a value it quotes is shown as \\n),
    so that scripts and people can read it as one."""
    error_console().print(
        Text(m.ERROR_PREFIX, style="bold red") + Text(visible(text, newlines=False))
    )
