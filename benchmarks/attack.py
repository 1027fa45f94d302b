"""The attack suite (issue 9): the real CLI against concurrency, kills and hostile input.

    python benchmarks/attack.py                 # the full run (several minutes)
    python benchmarks/attack.py --quick         # a smaller run, under ~2 minutes
    python benchmarks/attack.py --seed 7 --workdir /tmp/attack --only kills,paths

Eight categories, each against registries of its own (`vanort --db PATH db init`,
VANORT_TODAY=2026-11-27), all through `python -m vanort_cli`:

1. concurrency   W writer processes x R `log-collaboration` while K readers loop
                 `collaborations list`, `report`, `history`: rows lost, reader
                 failures, integrity; one writer alone as the baseline.
2. kills         SIGKILL at a random moment of log-collaboration, import (2,000
                 rows), db backup, db restore and the schema-1 upgrade: integrity,
                 the registry exactly as before or after, a backup absent or whole,
                 stray files, and the next command works.
3. hostile       generated hostile values for every option of the main commands:
                 exit 0/1/2, no traceback, one-line refusals, a refusal changes
                 no row.
4. csv           ~30 hostile CSV files for `collaborations import`: all or nothing.
5. files         ~40 hostile workbooks, CSV and JSON files (tests/hostile_files.py):
                 zip bombs, DTDs, entities, sizes, unreadable cells, encryption:
                 one line naming the file, exit 2, the registry unchanged, at once.
6. paths         odd registry paths: exactly the file named is touched.
7. corrupted     damaged and foreign files: every command refuses in one line and
                 writes nothing.
8. record        the history and the roles (benchmarks/attack_record.py): changes
                 made past vanort with sqlite3 and as each PostgreSQL role with
                 plain SQL, forged history, explicit ids, sequences, another
                 organisation, a spoofed LOGNAME, a forged `db import`, the
                 process list during `db backup`: every one refused or recorded.

Given --seed, the cases (and the kill delays) are the same on every run. Prints
a table of figures and exits 1 when any check failed, so CI can run it.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-27"
SCHEMA1 = ROOT / "tests" / "fixtures" / "registry-schema1.db"
CATEGORIES = ("concurrency", "kills", "hostile", "csv", "files", "paths", "corrupted", "record")
Arg = str | bytes


# --------------------------------------------------------------------------- running


def base_env(db: Path | str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANORT_")}
    env.update(VANORT_TODAY=TODAY, NO_COLOR="1", COLUMNS="200", VANORT_USER="attack")
    env["XDG_DATA_HOME"] = str(Path(tempfile.gettempdir()) / "vanort-attack-xdg")
    if db is not None:
        env["VANORT_DB"] = str(db)
    return env


@dataclass
class Outcome:
    args: Sequence[Arg]
    code: int
    stdout: str
    stderr: str
    seconds: float

    def shown(self) -> str:
        argv = " ".join(_quote(a) for a in self.args)
        return f"vanort {argv}  -> exit {self.code}: {self.stderr.strip()[:300]!r}"


def _quote(arg: Arg) -> str:
    text = arg.decode("utf-8", "backslashreplace") if isinstance(arg, bytes) else arg
    if len(text) > 60:
        text = f"{text[:40]}...({len(text)} chars)"
    return (
        repr(text)
        if (not text or any(c in text for c in " '\"\\;|&$") or not text.isprintable())
        else text
    )


def vanort(
    args: Sequence[Arg], db: Path | str | None, *, timeout: float = 900, cwd: Path | None = None
) -> Outcome:
    """Run the real CLI once; argv items may be bytes (what the OS really passes)."""
    argv: list[Arg] = [sys.executable, "-m", "vanort_cli", *args]
    start = time.perf_counter()
    try:
        done = subprocess.run(
            argv, env=base_env(db), capture_output=True, timeout=timeout, cwd=cwd or ROOT
        )
        code, out, err = done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired as hung:
        code, out, err = -999, hung.stdout or b"", (hung.stderr or b"") + b"\n[attack: timed out]"
    return Outcome(
        args,
        code,
        out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
        time.perf_counter() - start,
    )


def pool_map(fn: Callable[[object], object], items: Iterable[object], workers: int) -> list:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fn, items))


# --------------------------------------------------------------------------- registries


def init_registry(path: Path) -> None:
    done = vanort(["--db", str(path), "db", "init"], None)
    if done.code != 0:
        raise SystemExit(f"attack: cannot create a registry at {path}: {done.stderr}")


def tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "select name from sqlite_master"
        " where type='table' and name not like 'sqlite_%' order by name"
    )
    return [name for (name,) in rows]


def content_digest(path: Path) -> str:
    """Every row of every table (and the schema), not the file's bytes."""
    h = hashlib.sha256()
    with _ro(path) as connection:
        for (sql,) in connection.execute("select sql from sqlite_master order by name"):
            h.update(repr(sql).encode())
        for table in tables(connection):
            h.update(table.encode())
            for row in connection.execute(f'select * from "{table}" order by rowid'):
                h.update(repr(row).encode())
    return h.hexdigest()


def row_counts(path: Path) -> dict[str, int]:
    with _ro(path) as connection:
        return {
            t: connection.execute(f'select count(*) from "{t}"').fetchone()[0]
            for t in tables(connection)
        }


def integrity(path: Path) -> str:
    try:
        with _ro(path) as connection:
            return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    except sqlite3.DatabaseError as error:
        return f"error: {error}"


class _ro:
    """A plain sqlite3 connection that is always closed (sqlite3's own `with` only commits)."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path, timeout=30)

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc: object) -> None:
        self.connection.close()


def file_bytes_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def listing(directory: Path) -> set[str]:
    try:
        return set(os.listdir(directory))
    except OSError:
        return set()


# --------------------------------------------------------------------------- figures


@dataclass
class Category:
    name: str
    tried: int = 0
    failures: list[str] = field(default_factory=list)
    figures: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def fail(self, text: str) -> None:
        self.failures.append(text)


def traceback_in(outcome: Outcome) -> bool:
    text = outcome.stdout + outcome.stderr
    return "Traceback (most recent call last)" in text or "Unexpected" in text


def lines_of(text: str) -> int:
    return len([line for line in text.strip().splitlines() if line.strip()])


# =========================================================================== 1 concurrency

WRITER = """
import sys
from typer.testing import CliRunner
from vanort_cli.cli.app import app
tag, each = sys.argv[1], int(sys.argv[2])
runner = CliRunner()
failed = 0
for n in range(each):
    r = runner.invoke(app, ["log-collaboration", "-t", "Åbo", "-t", "Bergen", "-o", "SLK",
        "-a", "culture", "--title", f"{tag}-{n}", "--start", "2026-01-01"])
    if r.exit_code != 0:
        failed += 1
        sys.stderr.write(r.stderr)
print(failed)
"""

READS = [
    ["collaborations", "list", "-f", "json"],
    ["report", "--year", "2026", "-f", "json"],
    ["history", "-f", "json"],
]


def write_rows(db: Path, writers: int, each: int) -> tuple[float, int, str]:
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, f"w{i}", str(each)],
            env=base_env(db),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(writers)
    ]
    errors, messages = 0, ""
    for proc in procs:
        out, err = proc.communicate()
        errors += int((out or "0").strip() or 0) if proc.returncode == 0 else each
        messages += err
    return time.perf_counter() - start, errors, messages


def attack_concurrency(work: Path, rng: random.Random, quick: bool) -> Category:
    cat = Category("concurrency")
    writers, each, readers = (3, 10, 2) if quick else (8, 50, 4)
    db = work / "concurrent.db"
    init_registry(db)
    stop = threading.Event()
    reads: list[Outcome] = []
    lock = threading.Lock()

    def reader(k: int) -> None:
        local = random.Random(rng.random() + k)
        while not stop.is_set():
            done = vanort(local.choice(READS), db)
            with lock:
                reads.append(done)

    threads = [threading.Thread(target=reader, args=(k,)) for k in range(readers)]
    for t in threads:
        t.start()
    elapsed, errors, messages = write_rows(db, writers, each)
    stop.set()
    for t in threads:
        t.join()
    with _ro(db) as connection:
        titles = {t for (t,) in connection.execute("select title from collaboration")}
    expected = {f"w{i}-{n}" for i in range(writers) for n in range(each)}
    lost = len(expected - titles)
    check = integrity(db)
    reader_failures = []
    for r in reads:
        busy = r.code == 1 and "busy" in r.stderr.lower()
        bad_json = False
        if r.code == 0:
            try:
                json.loads(r.stdout)
            except ValueError:
                bad_json = True
        if (r.code != 0 and not busy) or bad_json or traceback_in(r):
            reader_failures.append(r)
    base_db = work / "single.db"
    init_registry(base_db)
    single_elapsed, single_errors, _ = write_rows(base_db, 1, each)
    rate = len(expected & titles) / elapsed
    single_rate = each / single_elapsed
    cat.tried = writers * each + len(reads)
    cat.figures = {
        "writers x rows": f"{writers} x {each} = {len(expected)}",
        "rows stored": len(expected & titles),
        "rows lost": lost,
        "writer errors": errors,
        "readers / reads": f"{readers} / {len(reads)}",
        "reader failures": len(reader_failures),
        "busy refusals (readers)": sum(
            1 for r in reads if r.code == 1 and "busy" in r.stderr.lower()
        ),
        "integrity": check,
        "rows/s (all writers)": round(rate, 1),
        "rows/s (one writer alone)": round(single_rate, 1),
        "ratio": f"{rate / single_rate:.2f}x",
    }
    if lost:
        cat.fail(f"{lost} of {len(expected)} rows lost")
    if errors or single_errors:
        cat.fail(f"{errors + single_errors} writer commands failed: {messages.strip()[:400]!r}")
    if check != "ok":
        cat.fail(f"integrity_check: {check}")
    for r in reader_failures[:5]:
        cat.fail(f"reader: {r.shown()}")
    if len(reader_failures) > 5:
        cat.fail(f"... and {len(reader_failures) - 5} more reader failures")
    return cat


# =========================================================================== 2 kills

IMPORT_HEADER = ["towns", "organisation", "area", "title", "start_date", "end_date", "kind"]


def big_csv(path: Path, rows: int, tag: str) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(IMPORT_HEADER)
        for n in range(rows):
            w.writerow(
                [
                    "Åbo;Bergen",
                    "Kulturförvaltningen",
                    "culture",
                    f"{tag} {n}",
                    "2026-01-01",
                    "",
                    "project",
                ]
            )


@dataclass
class KillPath:
    name: str
    # prepare(dir) -> (registry, argv, extra files expected after success)
    prepare: Callable[[Path, int], tuple[Path, list[str], Path | None]]


def _prep_log(d: Path, n: int) -> tuple[Path, list[str], Path | None]:
    db = d / "registry.db"
    shutil.copy(TEMPLATE, db)
    argv = ["log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture", "--title", f"kill {n}"]
    return db, argv, None


def _prep_import(d: Path, n: int) -> tuple[Path, list[str], Path | None]:
    db = d / "registry.db"
    shutil.copy(TEMPLATE, db)
    big_csv(d / "big.csv", IMPORT_ROWS, f"import {n}")
    return db, ["collaborations", "import", str(d / "big.csv")], None


def _prep_backup(d: Path, n: int) -> tuple[Path, list[str], Path | None]:
    db = d / "registry.db"
    shutil.copy(FILLED, db)
    return db, ["db", "backup", str(d / "copy.db")], d / "copy.db"


def _prep_restore(d: Path, n: int) -> tuple[Path, list[str], Path | None]:
    db = d / "registry.db"
    shutil.copy(TEMPLATE, db)
    shutil.copy(FILLED, d / "backup.db")
    return db, ["db", "restore", str(d / "backup.db")], None


def _prep_upgrade(d: Path, n: int) -> tuple[Path, list[str], Path | None]:
    db = d / "registry.db"
    shutil.copy(SCHEMA1, db)
    os.chmod(db, 0o600)
    return db, ["next-meeting"], None


KILL_PATHS = [
    KillPath("log-collaboration", _prep_log),
    KillPath("collaborations import", _prep_import),
    KillPath("db backup", _prep_backup),
    KillPath("db restore", _prep_restore),
    KillPath("schema upgrade (schema 1)", _prep_upgrade),
]

TEMPLATE = Path()  # a fresh registry, set in main()
IMPORT_ROWS = 2000  # 200 with --quick: 2,000 rows take minutes to import (see the report)
FILLED = Path()  # a registry with 300 more collaborations, set in main()


def expected_leftover(name: str) -> bool:
    """Files a finished command may leave on purpose: SQLite's journals while a
    connection was open, and the `.bak` copies restore and upgrade keep."""
    return name.endswith((".bak", "-wal", "-shm")) or ".bak-" in name


def state_of(db: Path) -> str:
    """Row counts per table and every row of the tables a command touched,
    leaving out the audit's timestamps (which differ between two runs)."""
    counts = row_counts(db)
    h = hashlib.sha256(repr(sorted(counts.items())).encode())
    with _ro(db) as connection:
        names = tables(connection)
        for table in names:
            if table in ("audit_entry", "vanort_meta"):
                continue
            cols = [c[1] for c in connection.execute(f'PRAGMA table_info("{table}")')]
            keep = [c for c in cols if not c.endswith(("_at", "created", "updated"))]
            select = ", ".join(f'"{c}"' for c in keep)
            for row in connection.execute(f'select {select} from "{table}" order by rowid'):
                h.update(repr(row).encode())
    return h.hexdigest()


def attack_kills(work: Path, rng: random.Random, quick: bool) -> Category:
    cat = Category("kills")
    per_path = 1 if quick else 6
    survivals = 0
    leftovers: dict[str, int] = {}
    per_path_fig: dict[str, str] = {}
    for kp in KILL_PATHS:
        # A reference run, unkilled: its duration and its "after" state.
        ref = work / f"kill-ref-{kp.name.split()[0]}-{kp.name.split()[-1].strip('()')}"
        ref.mkdir(parents=True, exist_ok=True)
        db, argv, target = kp.prepare(ref, 0)
        before_state = state_of(db)
        done = vanort(argv, db)
        if done.code != 0:
            cat.fail(f"{kp.name}: the unkilled reference run failed: {done.shown()}")
            continue
        after_state = state_of(db)
        if kp.name.startswith("db backup"):
            after_state = before_state
        duration = done.seconds
        ok_here = 0
        # an import of 2,000 rows runs for minutes: fewer kills there
        kills = min(per_path, 3) if kp.name.startswith("collaborations") else per_path
        for n in range(1, kills + 1):
            d = work / f"kill-{len(cat.failures)}-{kp.name[:8].strip()}-{n}".replace(" ", "_")
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir(parents=True)
            db, argv, target = kp.prepare(d, n)
            # the same rows as the reference, so that "after" is comparable
            if kp.name.startswith(("log", "collaborations")):
                db, argv, target = kp.prepare(d, 0)
            before_files = listing(d)
            before = state_of(db)
            delay = rng.uniform(0.35, 1.05) * duration
            proc = subprocess.Popen(
                [sys.executable, "-m", "vanort_cli", *argv],
                env=base_env(db),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                cwd=d,
            )
            try:
                proc.wait(timeout=delay)
                finished = True
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                finished = False
            cat.tried += 1
            problems = []
            check = integrity(db)
            if check != "ok":
                problems.append(f"integrity: {check}")
            else:
                now = state_of(db)
                if now not in (before, after_state):
                    problems.append(
                        f"registry neither as before nor as after: counts {row_counts(db)}"
                    )
            if target is not None and target.exists():
                tcheck = integrity(target)
                if tcheck != "ok" or state_of(target) != before:
                    problems.append(f"backup target exists but is not a whole copy ({tcheck})")
            new_files = sorted(listing(d) - before_files - {target.name if target else ""})
            stray = [f for f in new_files if not expected_leftover(f)]
            after_kill = vanort(["db", "check"], db)
            if after_kill.code != 0 or traceback_in(after_kill):
                problems.append(f"next command fails: {after_kill.shown()}")
            still = [f for f in sorted(listing(d) - before_files) if not expected_leftover(f)]
            still = [f for f in still if not (target and f == target.name)]
            for f in stray:
                kind = f.split(".")[-1] if "." in f else f
                leftovers[kind] = leftovers.get(kind, 0) + 1
            if still:
                problems.append(f"stray files left after the next command: {still}")
            for f in new_files:
                if f.endswith(".bak") and (d / f).stat().st_size == 0:
                    problems.append(f"an empty .bak left: {f}")
            how = "finished before the kill" if finished else f"killed at {delay:.2f}s"
            if problems:
                cat.fail(f"{kp.name} ({how}): " + "; ".join(problems) + f"  [dir {d}]")
            else:
                survivals += 1
                ok_here += 1
        per_path_fig[kp.name] = f"{ok_here}/{kills} (run {duration:.1f}s)"
    cat.figures = {"kills": cat.tried, "survivals": survivals, **per_path_fig}
    if leftovers:
        cat.figures["temp files seen right after a kill"] = leftovers
    return cat


# =========================================================================== 3 hostile values


def hostile_values(rng: random.Random) -> list[Arg]:
    fixed: list[Arg] = [
        "",
        " ",
        "\t \n",
        "0",
        "-1",
        "-0",
        str(10**18),
        str(-(10**18)),
        "9" * 400,
        "1e309",
        "NaN",
        "x" * 10_000,
        "Å" * 10_000,
        "a\x1b[31mred\x1b[0m",
        "bell\x07",
        "line\nbreak",
        "cr\rreturn",
        "\u202eolleh",
        "\u200bBergen",
        "Bergеn",  # Cyrillic е
        "Ａｂｏ",  # full width
        "\u3164",
        "\u3164Åbo",
        "\ue000\uf8ff",
        "\U0010fffd",
        "2026-02-30",
        "26-03-01",
        "2026-13-01",
        "0000-00-00",
        "9999-12-31",
        "10000-01-01",
        "0001-01-01",
        "2026/03/01",
        "'; DROP TABLE collaboration;--",
        '" OR 1=1 --',
        "%s%s%s%n",
        "{0}{1}{__class__}",
        "$(touch /tmp/vanort-attack-pwned)",
        "../../etc/passwd",
        "/dev/zero",
        "C:\\Windows\\system32",
        "~/x",
        "--help",
        "--",
        "-h",
        "--format=json",
        "=cmd|' /C calc'!A0",
        "[bold red]markup[/]",
        "\\N{BELL}",
    ]
    generated: list[Arg] = []
    alphabet = "aÅ0-;,'\"%{}\\\x1b\x07\u202e\u3164\ue000 \t"
    for _ in range(6):
        generated.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))))
    generated.append(str(rng.randint(-(10**12), 10**12)))
    # what only a real argv can hold: bytes that are not UTF-8
    raw: list[Arg] = [b"\xff\xfe", b"Bergen\xe5", b"\xc3("]
    return fixed + generated + raw


# (command, options taking a value, flags, a valid base argv the value is put into)
COMMANDS: list[tuple[list[str], list[str], list[str]]] = [
    (
        ["log-collaboration"],
        [
            "--town",
            "--org",
            "--area",
            "--title",
            "--description",
            "--start",
            "--end",
            "--kind",
            "--contact",
            "--reported-by",
            "--reported-on",
            "--format",
        ],
        ["-t", "Åbo", "-o", "SLK", "-a", "culture", "--title", "Attack"],
    ),
    (
        ["collaborations", "edit"],
        [
            "ID",
            "--town",
            "--org",
            "--area",
            "--title",
            "--description",
            "--start",
            "--end",
            "--kind",
            "--contact",
            "--reported-by",
            "--reported-on",
            "--format",
        ],
        ["1"],
    ),
    (["collaborations", "list"], ["--year", "--town", "--org", "--area", "--format"], []),
    (
        ["meeting", "record"],
        [
            "YEAR",
            "--host",
            "--status",
            "--start",
            "--end",
            "--place",
            "--theme",
            "--note",
            "--source",
            "--today",
            "--format",
        ],
        ["2029", "--host", "Bergen"],
    ),
    (
        ["meeting", "reschedule"],
        ["YEAR", "--to", "--start", "--end", "--today", "--format"],
        ["2021", "--to", "2022"],
    ),
    (
        ["meeting", "participant", "add"],
        ["YEAR", "--name", "--town", "--role", "--decision"],
        ["2017", "--name", "Anna", "--town", "Bergen"],
    ),
    (
        ["towns", "add"],
        [
            "NAME",
            "--kind",
            "--country",
            "--decision",
            "--decided-on",
            "--body",
            "--after",
            "--name-en",
            "--alias",
            "--note",
        ],
        ["Attackstad", "--kind", "partner", "--country", "SE"],
    ),
    (
        ["towns", "set-status"],
        ["TOWN", "STATUS", "--decision", "--decided-on", "--body", "--note"],
        ["Kiel", "active"],
    ),
    (
        ["orgs", "add"],
        ["NAME", "--kind", "--alias"],
        ["Attackförvaltningen", "--kind", "forvaltning"],
    ),
    (["orgs", "rename"], ["OLD", "NEW", "--note"], ["SLK", "Attack kontoret"]),
    (["report"], ["--year", "--evaluation", "--format", "--today"], []),
    (["history"], ["--table", "--id", "--since", "--format"], []),
    (["schedule"], ["--from", "--to", "--today", "--format"], []),
    (["next-meeting"], ["--today", "--format"], []),
]


def _with_value(command: list[str], option: str, base: list[str], value: Arg) -> list[Arg]:
    """The valid base argv with `option` given `value` (a positional is replaced)."""
    args: list[Arg] = list(base)
    if option.isupper():
        # positionals in the order the help lists them
        positions = [o for o in COMMANDS_BY_NAME[tuple(command)] if o.isupper()]
        index = positions.index(option)
        if index < len(args) and not str(args[index]).startswith("-"):
            args[index] = value
        else:
            args.insert(index, value)
        return [*command, *args]
    if option in args:
        i = args.index(option)
        args[i + 1] = value
        return [*command, *args]
    if isinstance(value, str) and value.startswith("-"):
        return [*command, *args, f"{option}={value}"]
    return [*command, *args, option, value]


COMMANDS_BY_NAME = {tuple(c): opts for c, opts, _ in COMMANDS}

# The scenario the previous command set up, for commands that need one.
SETUP: dict[tuple[str, ...], list[list[str]]] = {
    ("collaborations", "edit"): [
        ["log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture", "--title", "Base"]
    ],
    ("meeting", "reschedule"): [
        ["meeting", "record", "2021", "--host", "Bergen", "--status", "postponed"]
    ],
}


def attack_hostile(work: Path, rng: random.Random, quick: bool, jobs: int) -> Category:
    cat = Category("hostile")
    values = hostile_values(rng)
    # Every option gets `per_option` values, dealt from the shuffled list in turn,
    # so that every value is tried on some option and each run has the same cases.
    per_option = 1 if quick else 5
    deck: list[Arg] = []
    cases: list[list[Arg]] = []
    for command, options, base in COMMANDS:
        for option in options:
            for _ in range(per_option):
                if not deck:
                    deck = list(values)
                    rng.shuffle(deck)
                cases.append(_with_value(command, option, base, deck.pop()))
    # Each case on its own copy of a registry where the setup already ran.
    setups: dict[tuple[str, ...], Path] = {}
    for key, steps in SETUP.items():
        db = work / f"setup-{'-'.join(key)}.db"
        shutil.copy(TEMPLATE, db)
        for step in steps:
            done = vanort(step, db)
            if done.code != 0:
                cat.fail(f"setup failed: {done.shown()}")
        setups[key] = db

    def one(item: object) -> tuple[list[Arg], Outcome, bool]:
        index, args = item  # type: ignore[misc]
        d = work / "hostile" / str(index)
        d.mkdir(parents=True, exist_ok=True)
        db = d / "registry.db"
        source = next((p for k, p in setups.items() if tuple(args[: len(k)]) == k), TEMPLATE)
        shutil.copy(source, db)
        before = content_digest(db)
        done = vanort(args, db, cwd=d)
        changed = content_digest(db) != before
        shutil.rmtree(d, ignore_errors=True)
        return args, done, changed

    results = pool_map(one, list(enumerate(cases)), jobs)
    counts = {
        "tracebacks": 0,
        "unexpected exit": 0,
        "multi-line errors": 0,
        "changed on refusal": 0,
    }
    exits = {0: 0, 1: 0, 2: 0}
    for _args, done, changed in results:
        cat.tried += 1
        problems = []
        if traceback_in(done):
            counts["tracebacks"] += 1
            problems.append("traceback / Unexpected")
        if done.code not in (0, 1, 2):
            counts["unexpected exit"] += 1
            problems.append(f"exit {done.code}")
        else:
            exits[done.code] += 1
        if done.code in (1, 2) and lines_of(done.stderr) != 1:
            counts["multi-line errors"] += 1
            problems.append(f"{lines_of(done.stderr)} lines on stderr")
        if done.code in (1, 2) and changed:
            counts["changed on refusal"] += 1
            problems.append("registry changed although refused")
        if problems:
            cat.fail(f"{', '.join(problems)}: {done.shown()}")
    cat.figures = {
        "hostile values": len(values),
        "values per option": per_option,
        "options": sum(len(o) for _, o, _ in COMMANDS),
        "tried": cat.tried,
        "exit 0 / 1 / 2": f"{exits[0]} / {exits[1]} / {exits[2]}",
        **counts,
    }
    return cat


# =========================================================================== 4 hostile CSV

GOOD = [
    "Åbo;Bergen",
    "Kulturförvaltningen",
    "culture",
    "Title",
    "2026-04-01",
    "2026-10-31",
    "exchange",
]


def _csv_text(rows: list[list[str]], *, delimiter: str = ",", newline: str = "\n") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return out.getvalue()


def hostile_csvs(rng: random.Random) -> list[tuple[str, bytes, int | None]]:
    """(name, file bytes, rows a full import adds or None when a refusal is expected/allowed)."""
    H = IMPORT_HEADER
    rows = [[*GOOD[:3], f"Row {n}", *GOOD[4:]] for n in range(3)]
    ok = _csv_text([H, *rows])
    files: list[tuple[str, bytes, int | None]] = [
        ("plain", ok.encode(), 3),
        ("bom", b"\xef\xbb\xbf" + ok.encode(), 3),
        ("crlf", _csv_text([H, *rows], newline="\r\n").encode(), 3),
        ("bom+crlf", b"\xef\xbb\xbf" + _csv_text([H, *rows], newline="\r\n").encode(), 3),
        ("semicolons", _csv_text([H, *rows], delimiter=";").encode(), None),
        ("tabs", _csv_text([H, *rows], delimiter="\t").encode(), None),
        ("missing column", _csv_text([H[1:], *[r[1:] for r in rows]]).encode(), None),
        ("missing cell", _csv_text([H, *rows, GOOD[:5]]).encode(), None),
        (
            "extra cell",
            _csv_text([H, *rows, [*GOOD[:3], "Extra", *GOOD[4:], "surplus"]]).encode(),
            None,
        ),
        (
            "unknown column",
            _csv_text([[*H, "colour"], *[[*r, "red"] for r in rows]]).encode(),
            None,
        ),
        (
            "doubled column",
            _csv_text([[*H, "title"], *[[*r, "Again"] for r in rows]]).encode(),
            None,
        ),
        ("upper-case header", _csv_text([[h.upper() for h in H], *rows]).encode(), None),
        (
            "formula cells",
            _csv_text(
                [
                    H,
                    [*GOOD[:3], "=cmd|' /C calc'!A0", *GOOD[4:]],
                    [*GOOD[:3], "+1+1", *GOOD[4:]],
                    [*GOOD[:3], "@SUM(A1)", *GOOD[4:]],
                ]
            ).encode(),
            None,
        ),
        ("10k-char cell", _csv_text([H, [*GOOD[:3], "x" * 10_000, *GOOD[4:]]]).encode(), None),
        ("1M-char line", _csv_text([H, [*GOOD[:3], "y" * 1_000_000, *GOOD[4:]]]).encode(), None),
        ("NUL bytes", ok.encode().replace(b"Row 1", b"Row\x001"), None),
        ("Latin-1", ok.encode().replace("Åbo".encode(), "Åbo".encode("latin-1")), None),
        ("UTF-16", ok.encode("utf-16"), None),
        ("empty file", b"", None),
        ("header only", _csv_text([H]).encode(), None),
        ("blank lines", (ok + "\n\n\n").encode(), None),
        (
            "unbalanced quote",
            (ok + 'Åbo,SLK,culture,"never closed,2026-01-01,,project\n').encode(),
            None,
        ),
        (
            "bad date in last row",
            _csv_text([H, *rows, [*GOOD[:3], "Late", "2026-02-30", "", "project"]]).encode(),
            None,
        ),
        (
            "two-digit year",
            _csv_text([H, *rows, [*GOOD[:3], "Short", "26-03-01", "", "project"]]).encode(),
            None,
        ),
        (
            "unknown town in row 3",
            _csv_text([H, *rows[:2], ["Atlantis", *GOOD[1:3], "Lost", *GOOD[4:]]]).encode(),
            None,
        ),
        ("duplicate rows", _csv_text([H, rows[0], rows[0]]).encode(), None),
        (
            "control chars",
            _csv_text([H, [*GOOD[:3], "a\x1b[31mb\x07\u202e", *GOOD[4:]]]).encode(),
            None,
        ),
        ("empty towns cell", _csv_text([H, ["", *GOOD[1:]]]).encode(), None),
        ("only separators in towns", _csv_text([H, [";;", *GOOD[1:]]]).encode(), None),
        (
            "whitespace everywhere",
            _csv_text([[f" {h} " for h in H], [f" {c} " for c in GOOD]]).encode(),
            None,
        ),
        (
            "500 rows + 1 bad",
            _csv_text(
                [
                    H,
                    *[[*GOOD[:3], f"Bulk {n}", *GOOD[4:]] for n in range(500)],
                    [*GOOD[:3], "Bad", "2026-99-99", "", "project"],
                ]
            ).encode(),
            None,
        ),
        ("random bytes", bytes(rng.randrange(256) for _ in range(2000)), None),
    ]
    return files


def attack_csv(work: Path, rng: random.Random, quick: bool, jobs: int) -> Category:
    cat = Category("csv")
    files = hostile_csvs(rng)
    if quick:
        files = files[:2] + rng.sample(files[4:-2], 6)

    def one(item: object) -> tuple[str, Outcome, int, bool, int | None]:
        index, (name, data, expected) = item  # type: ignore[misc]
        d = work / "csv" / str(index)
        d.mkdir(parents=True, exist_ok=True)
        db = d / "registry.db"
        shutil.copy(TEMPLATE, db)
        (d / "in.csv").write_bytes(data)
        before_digest = content_digest(db)
        before = row_counts(db)["collaboration"]
        done = vanort(["collaborations", "import", str(d / "in.csv")], db)
        added = row_counts(db)["collaboration"] - before
        unchanged = content_digest(db) == before_digest
        return name, done, added, unchanged, expected

    imported = refused = 0
    for name, done, added, unchanged, expected in pool_map(one, list(enumerate(files)), jobs):
        cat.tried += 1
        problems = []
        if traceback_in(done):
            problems.append("traceback")
        if done.code not in (0, 1, 2):
            problems.append(f"exit {done.code}")
        if done.code != 0:
            refused += 1
            if not unchanged:
                problems.append(f"refused but the registry changed ({added} rows added)")
            # One line, or (rows with problems, exit 1) what was read, each
            # problem, and one error last.
            lines = done.stderr.strip().splitlines()
            listed = (
                done.code == 1
                and lines[0].startswith("Read ")
                and lines[-1].startswith("Error: Nothing was imported")
            )
            if len(lines) != 1 and not listed:
                problems.append(f"{lines_of(done.stderr)} lines on stderr")
        else:
            imported += 1
            if expected is not None and added != expected:
                problems.append(f"imported {added} rows, the file holds {expected}")
        if problems:
            cat.fail(
                f"{name}: {', '.join(problems)}: exit {done.code} {done.stderr.strip()[:200]!r}"
            )
        else:
            cat.notes.append(f"{name}: exit {done.code}, +{added} rows")
    cat.figures = {"files": cat.tried, "imported whole": imported, "refused whole": refused}
    return cat


# =========================================================================== 4b hostile files

# A refusal that reads no row (a bomb's header, a DTD, a million-column line) must
# come at once. The bound is on the processor time of the whole process, start-up
# included (~0.4 s), which `--jobs` side by side do not stretch as they do the
# clock; it is generous, and catches a hang or a bomb unpacked.
CHEAP_CPU_SECONDS = 5.0


def _hostile_files_module() -> ModuleType:
    """tests/hostile_files.py, the hostile workbooks and CSV files the tests use too."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "hostile_files", ROOT / "tests" / "hostile_files.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["hostile_files"] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def attack_files(work: Path, rng: random.Random, quick: bool, jobs: int) -> Category:
    """Hostile workbooks (zip bombs, entity expansion, external entities, DTDs,
    sizes beyond the limits, cells openpyxl cannot read, encrypted and .xls files)
    CSV and JSON files (a million columns, a cell beyond csv's limit, NUL bytes,
    nesting deeper than Python reads):
    each refused in one line naming the file, with the exit code the case
    expects, no traceback, the registry unchanged, the cheap ones at once."""
    cat = Category("files")
    hostile = _hostile_files_module()
    cases = hostile.hostile_workbooks() + hostile.hostile_csvs() + hostile.hostile_jsons()
    if quick:
        cases = rng.sample(cases, 8)
    run_timed = hostile.run_timed
    startup = run_timed(
        [sys.executable, "-m", "vanort_cli", "next-meeting"], env=base_env(TEMPLATE)
    )

    def one(item: object) -> tuple[object, Outcome, float, bool, Path]:
        index, case = item  # type: ignore[misc]
        d = work / "files" / str(index)
        d.mkdir(parents=True, exist_ok=True)
        db = d / "registry.db"
        shutil.copy(TEMPLATE, db)
        path = d / case.file_name
        path.write_bytes(case.make())
        before = (content_digest(db), file_bytes_digest(db))
        args = ["--lang", "en", "collaborations", "import", str(path)]
        ran = run_timed([sys.executable, "-m", "vanort_cli", *args], env=base_env(db))
        done = Outcome(args, ran.code, ran.stdout, ran.stderr, ran.seconds)
        after = (content_digest(db), file_bytes_digest(db))
        return case, done, ran.cpu_seconds, after == before, path

    cheap: list[float] = []
    slowest = (0.0, "")
    for case, done, cpu, unchanged, path in pool_map(one, list(enumerate(cases)), jobs):
        cat.tried += 1
        name = case.name
        problems = []
        if traceback_in(done):
            problems.append("traceback or Unexpected")
        if done.code != case.code:
            problems.append(f"exit {done.code}, expected {case.code}")
        if done.code == 2 and lines_of(done.stderr) != 1:
            problems.append(f"{lines_of(done.stderr)} lines on stderr")
        if str(path) not in done.stderr:
            problems.append("the file is not named")
        if case.says not in done.stderr:
            problems.append(f"does not say {case.says!r}")
        if not unchanged:
            problems.append("the registry changed")
        if case.cheap:
            cheap.append(cpu)
            if cpu > CHEAP_CPU_SECONDS:
                problems.append(f"took {cpu:.1f} s of processor time")
        slowest = max(slowest, (cpu, name))
        if problems:
            cat.fail(f"{name}: {', '.join(problems)}: {done.stderr.strip()[:200]!r}")
        else:
            cat.notes.append(
                f"{name}: exit {done.code}, {cpu:.2f} s processor, {done.seconds:.2f} s clock"
            )
    cheap.sort()
    cat.figures = {
        "files": cat.tried,
        "start-up (next-meeting), processor s": round(startup.cpu_seconds, 2),
        "cheap refusals, processor s: median / max": (
            f"{cheap[len(cheap) // 2]:.2f} / {cheap[-1]:.2f}" if cheap else "-"
        ),
        "most processor time": f"{slowest[1]} ({slowest[0]:.2f} s)",
    }
    return cat


# =========================================================================== 5 odd paths


def attack_paths(work: Path, rng: random.Random, quick: bool, jobs: int) -> Category:
    cat = Category("paths")
    base = work / "paths"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    names = [
        "a%41b.db",
        "what?.db",
        "mode=ro?x.db",
        "hash#tag.db",
        "with space.db",
        "göteborg-åäö.db",
        "~tilde.db",
        "-starts-with-dash.db",
        "file:looks-like-uri.db",
        ":memory:",
        "x" * 250 + ".db",
        "y" * 300 + ".db",
        "trailing-dot.",
        "new\nline.db",
    ]
    special: list[tuple[str, Callable[[Path], Path]]] = [
        ("a directory", lambda d: (d / "adir").mkdir() or d / "adir"),
        ("a FIFO", lambda d: os.mkfifo(d / "fifo") or d / "fifo"),
        ("/dev/null", lambda d: Path("/dev/null")),
        (
            "a dangling symlink",
            lambda d: (d / "dangling").symlink_to(d / "nowhere.db") or d / "dangling",
        ),
        ("in a read-only dir", _readonly_dir),
        ("a missing parent dir", lambda d: d / "no" / "such" / "dir" / "r.db"),
        ("an empty file", lambda d: (d / "empty.db").write_bytes(b"") or d / "empty.db"),
        ("a relative path", lambda d: Path("rel.db")),
    ]
    if quick:
        names = rng.sample(names, 3)
        special = rng.sample(special, 3)
    cases: list[tuple[str, Callable[[Path], Path]]] = [
        (repr(n), _named(n)) for n in names
    ] + special

    def one(item: object) -> tuple[str, list[str], list[str]]:
        index, (label, make) = item  # type: ignore[misc]
        d = base / f"case{index}"
        d.mkdir()
        try:
            path = make(d)
        except OSError as error:
            return label, [], [f"cannot set up ({error})"]
        before = listing(d)
        outcomes = []
        for argv in (
            ["--db", str(path), "db", "init"],
            ["--db", str(path), "next-meeting"],
            [
                "--db",
                str(path),
                "log-collaboration",
                "-t",
                "Åbo",
                "-o",
                "SLK",
                "-a",
                "culture",
                "--title",
                "Path",
            ],
            ["--db", str(path), "db", "check"],
        ):
            outcomes.append(vanort(argv, None, cwd=d))
        after = listing(d)
        problems = []
        for o in outcomes:
            if traceback_in(o) or o.code not in (0, 1, 2):
                problems.append(f"traceback or exit {o.code}: {o.shown()}")
            elif o.code != 0 and lines_of(o.stderr) != 1:
                problems.append(f"{lines_of(o.stderr)}-line refusal: {o.shown()}")
        full = path if path.is_absolute() else d / path
        # A link names the file it points to: a registry made through a dangling
        # link is created where the link points (and is 0600 there).
        with contextlib.suppress(OSError):  # a name too long to look at
            if full.is_symlink():
                full = Path(os.path.realpath(full))
        target = full.name if full.parent.resolve() == d.resolve() else None
        created = after - before
        unexpected = {f for f in created if f != target and not f.endswith(("-wal", "-shm"))}
        if unexpected:
            problems.append(f"touched other files than the one named: {sorted(unexpected)}")
        init = outcomes[0]
        if init.code == 0 and target and target not in after:
            problems.append(
                f"init said done but {target!r} does not exist (files: {sorted(after)})"
            )
        if init.code == 0 and target and (d / target).is_file() and integrity(d / target) != "ok":
            problems.append("the file written is not a valid registry")
        if init.code == 0 and outcomes[2].code != 0:
            problems.append(f"init succeeded but a write then failed: {outcomes[2].shown()}")
        _restore_modes(d)
        return label, [str(o.code) for o in outcomes], problems

    for label, codes, problems in pool_map(one, list(enumerate(cases)), jobs):
        cat.tried += len(codes)
        for p in problems:
            cat.fail(f"path {label}: {p}")
        cat.notes.append(f"{label}: exits " + ", ".join(codes))
    cat.figures = {"paths": len(cases), "commands": cat.tried}
    return cat


def _named(name: str) -> Callable[[Path], Path]:
    return lambda d: d / name


def _readonly_dir(d: Path) -> Path:
    ro = d / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    return ro / "r.db"


def _restore_modes(d: Path) -> None:
    for p in d.rglob("*"):
        try:
            if p.is_dir() and not p.is_symlink():
                p.chmod(0o700)
        except OSError:
            pass


# =========================================================================== 6 corrupted


def _corrupt_variants(rng: random.Random) -> list[tuple[str, Callable[[Path], None]]]:
    size = TEMPLATE.stat().st_size
    page = 4096

    def truncate(at: int) -> Callable[[Path], None]:
        return lambda p: p.write_bytes(TEMPLATE.read_bytes()[:at])

    def flip(offset: int, count: int = 8) -> Callable[[Path], None]:
        def do(p: Path) -> None:
            data = bytearray(TEMPLATE.read_bytes())
            for i in range(offset, min(offset + count, len(data))):
                data[i] ^= 0xFF
            p.write_bytes(bytes(data))

        return do

    def zero_page(n: int) -> Callable[[Path], None]:
        def do(p: Path) -> None:
            data = bytearray(TEMPLATE.read_bytes())
            data[n * page : (n + 1) * page] = bytes(page)
            p.write_bytes(bytes(data))

        return do

    def foreign(p: Path) -> None:
        with _ro(p) as c:
            c.execute("create table moz_places (id integer primary key, url text)")
            c.execute("insert into moz_places (url) values ('https://example.org')")
            c.commit()

    def extra(sql: str) -> Callable[[Path], None]:
        def do(p: Path) -> None:
            shutil.copy(TEMPLATE, p)
            with _ro(p) as c:
                c.execute(sql)
                c.commit()

        return do

    pages = size // page
    variants = [
        ("truncated to 0 bytes", truncate(0)),
        ("truncated to 50 bytes (inside header)", truncate(50)),
        ("truncated to 100 bytes", truncate(100)),
        ("truncated at half", truncate(size // 2)),
        ("truncated mid-page", truncate(size - page - 1000)),
        ("header magic flipped", flip(0, 16)),
        ("header page size flipped", flip(16, 2)),
        ("header page count flipped", flip(28, 4)),
        ("b-tree page header flipped (page 2)", flip(page, 12)),
        (f"b-tree page flipped (page {pages // 2})", flip((pages // 2) * page + 8, 64)),
        ("random bytes flipped", flip(rng.randrange(page, size - 64), 32)),
        ("page 2 zeroed", zero_page(1)),
        (f"page {pages - 1} zeroed", zero_page(pages - 1)),
        ("page 1 zeroed", zero_page(0)),
        ("a text file", lambda p: p.write_text("hello, not a database\n" * 100)),
        ("random bytes", lambda p: p.write_bytes(bytes(rng.randrange(256) for _ in range(8192)))),
        ("another app's SQLite file", foreign),
        (
            "an extra trigger",
            extra(
                "create trigger t_attack after insert on collaboration begin delete from town; end"
            ),
        ),
        ("an extra view", extra("create view v_attack as select * from town")),
        ("an extra table", extra("create table attack_extra (x)")),
    ]
    return variants


REFUSAL_WORDS = (
    "damaged",
    "not a registry",
    "not a vanort",
    "refus",
    "corrupt",
    "cannot",
    "unknown",
    "malformed",
    "not a database",
    "no registry",
    "foreign",
    "unexpected schema",
)


def attack_corrupted(work: Path, rng: random.Random, quick: bool, jobs: int) -> Category:
    cat = Category("corrupted")
    variants = _corrupt_variants(rng)
    if quick:
        variants = rng.sample(variants, 4)
    commands: list[list[str]] = [
        ["next-meeting"],
        ["towns", "list"],
        ["log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture", "--title", "Damaged"],
        ["db", "check"],
        ["db", "backup", "BACKUP"],
    ]
    cases = [(v, c) for v in variants for c in commands]

    def one(item: object) -> tuple[str, list[str], Outcome, bool, bool, set[str], bool]:
        index, ((label, make), command) = item  # type: ignore[misc]
        d = work / "corrupt" / str(index)
        d.mkdir(parents=True, exist_ok=True)
        db = d / "registry.db"
        if "another app" in label:
            with _ro(db):
                pass
        make(db)
        os.chmod(db, 0o600)
        # A flip that lands in free space leaves a sound file: nothing to refuse.
        sound = ("flipped" in label or "zeroed" in label) and integrity(db) == "ok"
        before = file_bytes_digest(db)
        files = listing(d)
        argv = [str(d / "copy.db") if a == "BACKUP" else a for a in command]
        done = vanort(argv, db, cwd=d)
        touched = file_bytes_digest(db) != before
        backup_made = (d / "copy.db").exists()
        return label, command, done, touched or sound, backup_made, listing(d) - files, sound

    sound_files = set()
    for label, command, done, touched, backup_made, new_files, sound in pool_map(
        one, list(enumerate(cases)), jobs
    ):
        cat.tried += 1
        problems = []
        if sound:
            sound_files.add(label)
            if traceback_in(done) or done.code not in (0, 1, 2):
                cat.fail(f"{label} (sound) / {command[0]}: exit {done.code} {done.stderr!r}")
            continue
        if traceback_in(done):
            problems.append("traceback")
        # A reading command answers from the pages it reads: damage elsewhere in
        # the file is found by `db check` (and refused by writes and backups),
        # since a full integrity check on every read would cost the whole file.
        reads = command[0] in ("next-meeting", "towns")
        if done.code != 1 and not (reads and done.code == 0):
            problems.append(f"exit {done.code} (expected 1)")
        if done.code != 0 and lines_of(done.stderr) != 1:
            problems.append(f"{lines_of(done.stderr)} lines on stderr")
        if done.code != 0 and not any(w in done.stderr.lower() for w in REFUSAL_WORDS):
            problems.append("the refusal does not say damaged / not a registry")
        if touched:
            problems.append("the damaged file was written to")
        if backup_made and done.code != 0:
            problems.append("a backup file was left although refused")
        stray = {f for f in new_files if f != "copy.db" and not f.endswith(("-wal", "-shm"))}
        if stray:
            problems.append(f"new files: {sorted(stray)}")
        if problems:
            cat.fail(
                f"{label} / {' '.join(command[:2])}: {', '.join(problems)}: "
                f"exit {done.code} {done.stderr.strip()[:240]!r}"
            )
    cat.figures = {
        "damaged files": len(variants),
        "commands": cat.tried,
        "left sound by the damage (integrity ok)": sorted(sound_files),
    }
    return cat


# =========================================================================== main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="A smaller run (~2 minutes).")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument(
        "--workdir", type=Path, help="Keep the registries here (default: a temp dir)."
    )
    parser.add_argument("--only", default=",".join(CATEGORIES), help="Comma-separated categories.")
    parser.add_argument("--jobs", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--json", action="store_true", help="Print the figures as one JSON object.")
    parser.add_argument(
        "--pg",
        metavar="URL",
        help="A PostgreSQL superuser URL for the record category (default: a throwaway "
        "server started with tests/pg_server.py, where initdb is installed).",
    )
    parser.add_argument("--verbose", action="store_true", help="Print each category's notes too.")
    args = parser.parse_args(argv)
    only = [c.strip() for c in args.only.split(",") if c.strip()]
    unknown = set(only) - set(CATEGORIES)
    if unknown:
        parser.error(f"unknown categories: {', '.join(sorted(unknown))}")
    if args.workdir:
        work = args.workdir.resolve()
        work.mkdir(parents=True, exist_ok=True)
        return _run(work, only, args)
    with tempfile.TemporaryDirectory(prefix="vanort-attack-") as tmp:
        try:
            return _run(Path(tmp), only, args)
        finally:
            _restore_modes(Path(tmp))


def _run(work: Path, only: list[str], args: argparse.Namespace) -> int:
    global TEMPLATE, FILLED, IMPORT_ROWS
    IMPORT_ROWS = 200 if args.quick else 2000
    rng = random.Random(args.seed)
    TEMPLATE = work / "template.db"
    if TEMPLATE.exists():
        TEMPLATE.unlink()
    init_registry(TEMPLATE)
    FILLED = work / "filled.db"
    shutil.copy(TEMPLATE, FILLED)
    big_csv(work / "filled.csv", 300, "filled")
    done = vanort(["collaborations", "import", str(work / "filled.csv")], FILLED)
    if done.code != 0:
        raise SystemExit(f"attack: cannot fill a registry: {done.stderr}")
    seeds = {name: rng.random() for name in CATEGORIES}  # --only keeps the others' cases
    runners: dict[str, Callable[[], Category]] = {
        "concurrency": lambda: attack_concurrency(
            work, random.Random(seeds["concurrency"]), args.quick
        ),
        "kills": lambda: attack_kills(work, random.Random(seeds["kills"]), args.quick),
        "hostile": lambda: attack_hostile(
            work, random.Random(seeds["hostile"]), args.quick, args.jobs
        ),
        "csv": lambda: attack_csv(work, random.Random(seeds["csv"]), args.quick, args.jobs),
        "files": lambda: attack_files(work, random.Random(seeds["files"]), args.quick, args.jobs),
        "paths": lambda: attack_paths(work, random.Random(seeds["paths"]), args.quick, args.jobs),
        "corrupted": lambda: attack_corrupted(
            work, random.Random(seeds["corrupted"]), args.quick, args.jobs
        ),
        "record": lambda: attack_record(work, args.pg),
    }
    results: list[Category] = []
    started = time.perf_counter()
    for name in CATEGORIES:
        if name not in only:
            continue
        t0 = time.perf_counter()
        cat = runners[name]()
        cat.figures["seconds"] = round(time.perf_counter() - t0, 1)
        results.append(cat)
        if not args.json:
            _print_category(cat, args.verbose)
    total = time.perf_counter() - started
    if args.json:
        print(
            json.dumps(
                {
                    c.name: {"tried": c.tried, "failures": c.failures, "figures": c.figures}
                    for c in results
                },
                default=str,
                ensure_ascii=False,
            )
        )
    else:
        print()
        print(f"{'category':14} | {'tried':>6} | {'failures':>8}")
        print(f"{'-' * 14}-+-{'-' * 6}-+-{'-' * 8}")
        for c in results:
            print(f"{c.name:14} | {c.tried:>6} | {len(c.failures):>8}")
        print(
            f"{'total':14} | {sum(c.tried for c in results):>6} | "
            f"{sum(len(c.failures) for c in results):>8}"
        )
        print(
            f"\nseed {args.seed}{' --quick' if args.quick else ''}, {total:.0f} s, "
            f"python {sys.version.split()[0]}"
        )
    return 1 if any(c.failures for c in results) else 0


def attack_record(work: Path, pg_url: str | None) -> Category:
    """The history, the roles, the ids and the secrets (benchmarks/attack_record.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import attack_record

    return attack_record.attack_record(Category("record"), work, pg_url)  # type: ignore[no-any-return]


def _print_category(cat: Category, verbose: bool) -> None:
    print(f"\n== {cat.name}: {cat.tried} tried, {len(cat.failures)} failures")
    for key, value in cat.figures.items():
        print(f"   {key:36} {value}")
    for failure in cat.failures:
        print(f"   FAIL {failure}")
    if verbose:
        for note in cat.notes:
            print(f"   note {note}")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
