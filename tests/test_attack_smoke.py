"""A small slice of the attack suite (benchmarks/attack.py) runs with the tests, so
that the script itself keeps working: a kill, a few hostile values, an odd path."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pg_server

ROOT = Path(__file__).resolve().parents[1]


def _attack() -> ModuleType:
    spec = importlib.util.spec_from_file_location("attack", ROOT / "benchmarks" / "attack.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["attack"] = module
    spec.loader.exec_module(module)
    return module


def test_attack_slice_runs_and_counts(tmp_path: Path) -> None:
    attack = _attack()
    attack.TEMPLATE = tmp_path / "template.db"
    attack.init_registry(attack.TEMPLATE)
    rng = random.Random(1)

    # 2: one kill of log-collaboration, checked like the full run checks it
    attack.KILL_PATHS = attack.KILL_PATHS[:1]
    kills = attack.attack_kills(tmp_path, rng, quick=True)
    assert kills.tried == 1
    assert kills.failures == []

    # 3: a few hostile values on one command
    attack.COMMANDS = [(["next-meeting"], ["--today"], [])]
    attack.COMMANDS_BY_NAME = {("next-meeting",): ["--today"]}
    attack.hostile_values = lambda _rng: ["x\u202e" * 5_000]
    hostile = attack.attack_hostile(tmp_path, rng, quick=True, jobs=2)
    assert hostile.tried == 1
    assert hostile.failures == []

    # 5: a registry path with characters a URL would read
    path = tmp_path / "a%41b?.db"
    done = attack.vanort(["--db", str(path), "db", "init"], None)
    assert done.code == 0, done.stderr
    assert path.is_file() and not (tmp_path / "aAb").exists()
    assert attack.integrity(path) == "ok"


def test_attack_record_category_holds_on_sqlite_and_postgresql(
    tmp_path: Path, postgres_server: pg_server.PostgresServer
) -> None:
    """The record category whole (about 30 cases, half a minute): any case that
    does not hold fails CI."""
    attack = _attack()
    found = attack.attack_record(tmp_path, postgres_server.superuser_url)
    assert found.failures == []
    assert found.tried >= 25 and not found.notes
