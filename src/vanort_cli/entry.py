"""The console script's entry point, kept apart from the app so that Ctrl-C is
handled even while the app is still being imported (typer, rich, the commands)."""

from __future__ import annotations

import os
import sys

INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def main() -> None:
    try:
        from vanort_cli.cli.app import app

        app(prog_name="vanort")
    except KeyboardInterrupt:
        # Interrupted before the command's own handler was in place (start-up,
        # parsing) or after it: no traceback, the conventional code, and no
        # further output to a reader that may be gone.
        sys.stderr.write("\n")
        sys.stderr.flush()
        os._exit(INTERRUPTED)
