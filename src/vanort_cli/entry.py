"""The console script's entry point, kept apart from the app so that Ctrl-C is
handled even while the app is still being imported (typer, rich, the commands)."""

from __future__ import annotations

import contextlib
import gc
import os
import sys

INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def _readable_streams() -> None:
    """Whatever the terminal's encoding (PYTHONIOENCODING=ascii, a C locale), a
    character it cannot show is written as an escape rather than failing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _undecodable_argument(argv: list[str]) -> tuple[str, str] | None:
    """The first argument that is not UTF-8 text (Python keeps its bytes as lone
    surrogates): the option it belongs to ("" for an argument), and the value as
    it can be shown."""
    for i, arg in enumerate(argv):
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            option, _, value = arg.partition("=")
            if not (option.startswith("--") and value):
                option = argv[i - 1] if i and argv[i - 1].startswith("-") else ""
                value = arg
            shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            return option, f"'{shown}'"
    return None


def main() -> None:
    _readable_streams()
    if sys.argv[1:] == ["--version"]:
        # Answered before the app is imported: the version needs none of it, and
        # scripts ask for it often (typer, rich and the commands cost ~0.2 s).
        from vanort_cli import version_line

        sys.stdout.write(version_line() + "\n")
        return
    # Start-up makes some 400,000 objects that live as long as the process (modules,
    # classes, the tables) and almost no garbage, yet the collector would walk
    # them some 200 times while they are made: ~70 ms of `next-meeting`'s CPU.
    # It is off until the command makes its Registry (store/registry.py turns it
    # back on), which every command that does real work, `serve` included, does
    # before that work; the rest (help, completion, `db path`) end soon after.
    gc.disable()
    # vanort uses no pydantic plugins; looking for them reads the metadata of
    # every installed package when the first model is defined (50 ms or more).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        undecodable = _undecodable_argument(sys.argv[1:])
        if undecodable is not None:
            from vanort_cli import i18n
            from vanort_cli.i18n import messages as m
            from vanort_cli.output.console import show_error

            # Said in the language asked for, as every other usage error.
            with contextlib.suppress(i18n.UnknownLanguage):
                i18n.set_language(i18n.choose(sys.argv[1:]))
            option, value = undecodable
            show_error(m.USAGE_NOT_UTF8.format(name=option or m.USAGE_AN_ARGUMENT, value=value))
            sys.exit(2)
        from vanort_cli.cli.app import for_command_line

        for_command_line(sys.argv[1:])(prog_name="vanort")
    except KeyboardInterrupt:
        # Interrupted before the command's own handler was in place (start-up,
        # parsing) or after it: no traceback, the conventional code, and no
        # further output to a reader that may be gone.
        sys.stderr.write("\n")
        sys.stderr.flush()
        os._exit(INTERRUPTED)
