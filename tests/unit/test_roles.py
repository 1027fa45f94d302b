"""Every table has a decision on which PostgreSQL role changes it (the roles on a
real server: tests/test_roles.py)."""

from __future__ import annotations

from vanort_cli.store import roles


def test_every_table_has_a_decision_on_who_changes_it() -> None:
    from sqlmodel import SQLModel

    import vanort_cli.store.models  # noqa: F401 - puts the tables in SQLModel.metadata

    assert sorted(SQLModel.metadata.tables) == sorted(roles.ALL_TABLES)
    assert len(set(roles.ALL_TABLES)) == len(roles.ALL_TABLES)
