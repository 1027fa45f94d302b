"""Writing the files vanort produces (reports, backups): whole or not at all, and never
over something that is not a plain file of the user's choosing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from vanort_cli.errors import RuleError, UsageError
from vanort_cli.i18n import messages as m

# Backups, copies and reports hold the registry's data: readable by their owner only.
OWNER_ONLY = 0o600


def check_target(
    path: Path, *, force: bool, protected: Sequence[Path] = (), how: str | None = None
) -> None:
    """Refuse a directory, a link or device, an existing file without --force, a
    missing directory, and the registry itself (`protected`). `how` says where the
    command takes the file: "with -o" (the default), "as FILE"."""
    how = how or m.OUTPUT_WITH_O
    if path.name == "-":
        # `-` is standard output by every program's convention (`-o -`); a file of
        # that name would be a trap for the next `cat -`, so none is ever written.
        raise UsageError(m.OUTPUT_IS_DASH.format(how=how))
    if path.is_dir():
        raise RuleError(m.OUTPUT_IS_DIRECTORY.format(path=path, how=how))
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise RuleError(m.OUTPUT_NOT_REGULAR.format(path=path, how=how))
    resolved = path.resolve()
    for guarded in protected:
        names = {guarded.resolve(), *(Path(f"{guarded.resolve()}{s}") for s in ("-wal", "-shm"))}
        if resolved in names:
            raise RuleError(m.OUTPUT_IS_REGISTRY.format(path=path))
    if path.exists() and not force:
        raise RuleError(m.OUTPUT_EXISTS.format(path=path))
    if not path.parent.is_dir():
        raise RuleError(m.OUTPUT_DIR_MISSING.format(directory=path.parent, how=how))


@contextmanager
def replaced_atomically(path: Path, *, mode: int | None = None) -> Iterator[Path]:
    """A temporary path beside `path`; renamed over it when the block succeeds.

    The file replaced keeps its mode; a new file gets `mode`, else the umask's default.
    """
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        # Name the file the person asked for, not the temporary one beside it.
        error.filename = str(path)
        raise
    os.close(fd)
    temporary = Path(name)
    umask = os.umask(0)
    os.umask(umask)
    if path.exists():
        mode = path.stat().st_mode & 0o777
    try:
        yield temporary
        temporary.chmod(mode if mode is not None else 0o666 & ~umask)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_text_atomically(
    path: Path, write: Callable[[TextIO], object], *, force: bool, protected: Sequence[Path] = ()
) -> None:
    """Write a whole text file or nothing: a half-written report never replaces a good one."""
    check_target(path, force=force, protected=protected)
    with (
        replaced_atomically(path) as temporary,
        temporary.open("w", encoding="utf-8", newline="") as handle,
    ):
        write(handle)


def unique_copy_name(registry: Path, label: str) -> Path:
    """A new, never-used name for a copy kept beside the registry, reserved on disk.

    Named to the microsecond and reserved with O_EXCL, so two copies made in the
    same second (two restores one after another) never replace each other.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    for attempt in range(1, 1000):
        suffix = "" if attempt == 1 else f"-{attempt}"
        candidate = registry.with_name(f"{registry.name}.{label}-{stamp}{suffix}.bak")
        try:
            os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY))
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(registry)
