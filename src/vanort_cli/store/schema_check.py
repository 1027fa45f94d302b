"""Whether a registry's tables are defined as this vanort defines them.

A registry (or a backup of one) whose tables were altered outside vanort, say a
`CHECK(0)` written into a table's SQL with `PRAGMA writable_schema`, a column
retyped or dropped, a NOT NULL or a UNIQUE removed, a default changed, opens and
reads as before but refuses or mangles every write. So before a registry is used
(opened, upgraded or restored) its tables are compared with the ones the models
(`SQLModel.metadata`) create, table by table, and the first difference is named.

What is compared is derived from the models, so a table or column a later schema
adds is expected as soon as the models have it. Only tables, their columns,
constraints and indexes are compared: other objects (triggers, views, functions)
are the backends' `foreign_objects`.

SQLite keeps a table's definition as the text of its CREATE statement, so the
expected text is the models' DDL compiled for SQLite (no database needed) and both
are read by one small tokenizer: every column definition, table constraint and
index compared as normalised tokens (identifiers unquoted and lower-cased, the
order of the columns ignored, since an upgrade's ADD COLUMN appends), a column's
type by its affinity (which is what SQLite stores by). PostgreSQL's facts come
from pg_catalog (readable by every role): each column's type, nullability and
default, each constraint as `pg_get_constraintdef` prints it, each index's
columns, read without opening the tables (so never waiting for a lock on them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, TypeVar

from vanort_cli.i18n import messages as m

T = TypeVar("T")

if TYPE_CHECKING:
    from sqlalchemy import Connection

# -- SQLite ------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<space>\s+|--[^\n]*|/\*.*?(?:\*/|\Z))
    |(?P<string>'(?:[^']|'')*')
    |(?P<quoted>"(?:[^"]|"")*"|\[[^\]]*\]|`(?:[^`]|``)*`)
    |(?P<word>[^\W\d][\w$]*)
    |(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
# What may follow a column's type: where the type ends.
_COLUMN_CONSTRAINT = frozenset(
    [
        "constraint",
        "primary",
        "not",
        "null",
        "unique",
        "check",
        "default",
        "collate",
        "references",
        "generated",
        "as",
    ]
)
_TABLE_CONSTRAINT = frozenset(("constraint", "primary", "unique", "check", "foreign"))


def _tokens(sql: str) -> list[str]:
    """SQL as tokens that compare equal when SQLite reads them alike: keywords and
    identifiers lower-cased and unquoted, strings and numbers as written."""
    found: list[str] = []
    for match in _TOKEN.finditer(sql):
        kind = match.lastgroup
        text = match.group()
        if kind == "space":
            continue
        if kind == "quoted":
            text = text[1:-1].replace(text[0] * 2, text[0]) if text[0] != "[" else text[1:-1]
            found.append(text.lower())
        elif kind == "word":
            found.append(text.lower())
        else:
            found.append(text)
    return found


def _shown(tokens: Iterable[str]) -> str:
    text = " ".join(tokens)
    for before, after in (("( ", "("), (" )", ")"), (" ,", ","), (" (", "(")):
        text = text.replace(before, after)
    return text


def _affinity(type_tokens: list[str]) -> str:
    """The type affinity SQLite gives a declared type (https://sqlite.org/datatype3.html)."""
    declared = " ".join(type_tokens)
    if "int" in declared:
        return "integer"
    if any(word in declared for word in ("char", "clob", "text")):
        return "text"
    if "blob" in declared or not declared:
        return "blob"
    if any(word in declared for word in ("real", "floa", "doub")):
        return "real"
    return "numeric"


@dataclass(frozen=True)
class _Column:
    name: str
    affinity: str
    rest: tuple[str, ...]  # its constraints, as tokens
    shown: str

    def same_as(self, other: _Column) -> bool:
        return (self.affinity, self.rest) == (other.affinity, other.rest)


@dataclass(frozen=True)
class _SQLiteTable:
    columns: dict[str, _Column]
    constraints: dict[tuple[str, ...], str]  # tokens -> as shown
    options: str  # what follows the closing parenthesis: WITHOUT ROWID, STRICT
    indexes: dict[str, str]  # name -> its CREATE INDEX, normalised


def _split_items(tokens: list[str]) -> tuple[list[list[str]], list[str]]:
    """The comma-separated items between a CREATE TABLE's outer parentheses, and the
    tokens after them."""
    start = tokens.index("(")
    items: list[list[str]] = [[]]
    depth = 0
    for position in range(start + 1, len(tokens)):
        token = tokens[position]
        if token == "(":
            depth += 1
        elif token == ")":
            if depth == 0:
                return items, tokens[position + 1 :]
            depth -= 1
        elif token == "," and depth == 0:
            items.append([])
            continue
        items[-1].append(token)
    return items, []


def _read_table(sql: str) -> _SQLiteTable:
    items, after = _split_items(_tokens(sql))
    columns: dict[str, _Column] = {}
    constraints: dict[tuple[str, ...], str] = {}
    for item in items:
        if not item:
            continue
        if item[0] in _TABLE_CONSTRAINT:
            constraints[tuple(item)] = _shown(item)
            continue
        name, rest = item[0], item[1:]
        typed = 0
        while typed < len(rest) and rest[typed] not in _COLUMN_CONSTRAINT:
            typed += 1
        columns[name] = _Column(name, _affinity(rest[:typed]), tuple(rest[typed:]), _shown(item))
    return _SQLiteTable(columns, constraints, _shown(after), {})


def _read_index(sql: str) -> str:
    tokens = _tokens(sql)
    # `IF NOT EXISTS` is how a statement was run, not what the index is.
    for position in range(len(tokens) - 2):
        if tokens[position : position + 3] == ["if", "not", "exists"]:
            del tokens[position : position + 3]
            break
    return _shown(tokens)


def _read_sqlite_schema(
    rows: Iterable[tuple[str, str, str, str | None]],
) -> dict[str, _SQLiteTable]:
    """sqlite_master's (type, name, tbl_name, sql) rows as tables with their indexes."""
    rows = list(rows)
    tables = {
        str(name): _read_table(str(sql))
        for kind, name, _table, sql in rows
        if kind == "table" and sql is not None and name != "sqlite_sequence"
    }
    for kind, name, table, sql in rows:
        # An index without SQL is SQLite's own, for a UNIQUE or PRIMARY KEY of the table.
        if kind == "index" and sql is not None and table in tables:
            tables[str(table)].indexes[str(name)] = _read_index(str(sql))
    return tables


@cache
def _expected_sqlite() -> dict[str, _SQLiteTable]:
    """The models' tables as SQLite would hold them: their DDL compiled for SQLite,
    without a database (a few milliseconds, once a process)."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable
    from sqlmodel import SQLModel

    from vanort_cli.store import models  # noqa: F401 - the tables it defines

    dialect = sqlite.dialect()
    rows: list[tuple[str, str, str, str | None]] = []
    for table in SQLModel.metadata.tables.values():
        rows.append(
            ("table", table.name, table.name, str(CreateTable(table).compile(dialect=dialect)))
        )
        for index in table.indexes:
            ddl = str(CreateIndex(index).compile(dialect=dialect))
            rows.append(("index", str(index.name), table.name, ddl))
    return _read_sqlite_schema(rows)


def _first_difference(
    expected: Mapping[str, T], found: Mapping[str, T], compare: Callable[[str, T, T], str | None]
) -> str | None:
    """The first table missing or differing, in the models' order, in one phrase."""
    for name, wanted in expected.items():
        actual = found.get(name)
        if actual is None:
            return m.SCHEMA_TABLE_MISSING.format(table=name)
        difference = compare(name, wanted, actual)
        if difference is not None:
            return difference
    return None


def sqlite_difference(rows: Iterable[tuple[str, str, str, str | None]]) -> str | None:
    """The first way the tables in sqlite_master's (type, name, tbl_name, sql) rows
    differ from this vanort's, in one phrase; None when they are the same. Tables
    and indexes the models do not have are left to `foreign_schema_objects`."""
    return _first_difference(_expected_sqlite(), _read_sqlite_schema(rows), _table_difference)


def _table_difference(name: str, expected: _SQLiteTable, actual: _SQLiteTable) -> str | None:
    for column, wanted in expected.columns.items():
        have = actual.columns.get(column)
        if have is None:
            return m.SCHEMA_COLUMN_MISSING.format(table=name, column=column)
        if not have.same_as(wanted):
            return m.SCHEMA_COLUMN_CHANGED.format(
                table=name, column=column, found=have.shown, expected=wanted.shown
            )
    for column in actual.columns:
        if column not in expected.columns:
            return m.SCHEMA_COLUMN_EXTRA.format(table=name, column=column)
    for tokens, shown in actual.constraints.items():
        if tokens not in expected.constraints:
            return m.SCHEMA_CONSTRAINT_EXTRA.format(table=name, found=shown)
    for tokens, shown in expected.constraints.items():
        if tokens not in actual.constraints:
            return m.SCHEMA_CONSTRAINT_MISSING.format(table=name, expected=shown)
    if actual.options != expected.options:
        return m.SCHEMA_TABLE_OPTIONS.format(
            table=name, found=actual.options, expected=expected.options or "-"
        )
    for index, wanted_index in expected.indexes.items():
        have_index = actual.indexes.get(index)
        if have_index is None:
            return m.SCHEMA_INDEX_MISSING.format(table=name, index=index)
        if have_index != wanted_index:
            return m.SCHEMA_INDEX_CHANGED.format(
                index=index, found=have_index, expected=wanted_index
            )
    return None


# -- PostgreSQL --------------------------------------------------------------------

# format_type's names for the types SQLAlchemy compiles for PostgreSQL.
_PG_TYPE_NAMES = {
    "varchar": "character varying",
    "timestamp": "timestamp without time zone",
    "timestamp without time zone": "timestamp without time zone",
    "float": "double precision",
    "int": "integer",
}

# Read from the catalogs alone, without pg_get_expr, which opens the table and so
# would wait behind any ACCESS EXCLUSIVE lock (a restore, a backup being taken by
# another): a default is told by whether there is one and, for an id, whether it
# calls nextval (function 1574) on a sequence the column owns.
_PG_COLUMNS = """
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       d.oid IS NOT NULL, a.attidentity <> '' OR (
           d.adbin::text LIKE '%\\:funcid 1574 %' AND EXISTS (
               SELECT 1 FROM pg_depend p JOIN pg_class s ON s.oid = p.objid
               WHERE s.relkind = 'S' AND p.refobjid = c.oid AND p.refobjsubid = a.attnum
                 AND p.deptype IN ('a', 'i'))),
       a.attgenerated <> ''
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
  AND a.attnum > 0 AND NOT a.attisdropped
"""
# NOT NULL is a column's (above; PostgreSQL 18 also lists it here as 'n'); a
# constraint trigger ('t') is a trigger, the backend's `foreign_objects`.
_PG_CONSTRAINTS = """
SELECT c.relname, k.contype, pg_get_constraintdef(k.oid)
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND k.contype IN ('p', 'u', 'f', 'c', 'x')
"""
# Indexes of their own, not those that carry a PRIMARY KEY or UNIQUE constraint.
# pg_get_indexdef would wait for such a lock too: the columns by name, and whether
# the index is partial (its predicate is not read back into words).
_PG_INDEXES = """
SELECT t.relname, i.relname, ix.indisunique,
       (SELECT string_agg(coalesce(a.attname, '(expression)'), ', ' ORDER BY k.o)
        FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(n, o)
        LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n),
       ix.indpred IS NOT NULL
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = current_schema()
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = ix.indexrelid)
"""


@dataclass(frozen=True)
class _PGColumn:
    type: str
    not_null: bool
    default: str | None  # None: none; "*": one (the server's backend sets it)
    serial: bool  # an id the database gives (a sequence or an identity)


@dataclass(frozen=True)
class _PGTable:
    columns: dict[str, _PGColumn]
    constraints: set[str]  # as pg_get_constraintdef prints them, CHECKs as "CHECK"
    checks: list[str]
    indexes: dict[str, str]  # name -> "unique (columns) where ..."


def _pg_plain(text: str) -> str:
    """Lower-cased, without quotes, parentheses, commas or runs of spaces: how two
    spellings of one definition compare (`("year")` and `(year)`)."""
    for mark in '"(),':
        text = text.replace(mark, " " if mark != '"' else "")
    return " ".join(text.lower().split())


@cache
def _expected_postgresql() -> dict[str, _PGTable]:
    from sqlalchemy import CheckConstraint, ForeignKeyConstraint, UniqueConstraint
    from sqlalchemy.dialects import postgresql
    from sqlmodel import SQLModel

    from vanort_cli.store import models  # noqa: F401 - the tables it defines

    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    expected: dict[str, _PGTable] = {}
    for table in SQLModel.metadata.tables.values():
        columns: dict[str, _PGColumn] = {}
        for column in table.columns:
            compiled = column.type.compile(dialect=dialect).lower()
            base, _, size = compiled.partition("(")
            kind = _PG_TYPE_NAMES.get(base.strip(), base.strip()) + (f"({size}" if size else "")
            default = column.server_default
            columns[column.name] = _PGColumn(
                type=kind,
                not_null=not column.nullable,
                default=None if default is None else "*",
                serial=column is table.autoincrement_column,
            )
        constraints = {_pg_plain(_pg_key("PRIMARY KEY", table.primary_key.columns))}
        checks: list[str] = []
        for constraint in table.constraints:
            if isinstance(constraint, UniqueConstraint):
                constraints.add(_pg_plain(_pg_key("UNIQUE", constraint.columns)))
            elif isinstance(constraint, ForeignKeyConstraint):
                constraints.add(_pg_plain(_pg_foreign_key(constraint)))
            elif isinstance(constraint, CheckConstraint):
                checks.append(str(constraint.sqltext))
        for column in table.columns:
            if column.unique and not column.index:
                constraints.add(_pg_plain(_pg_key("UNIQUE", [column])))
        indexes = {
            str(index.name): _pg_index(
                bool(index.unique),
                ", ".join(column.name for column in index.columns),
                index.dialect_options["sqlite"].get("where") is not None,  # the same on both
            )
            for index in table.indexes
        }
        expected[table.name] = _PGTable(columns, constraints, checks, indexes)
    return expected


def _pg_key(kind: str, columns: Iterable[object]) -> str:
    return f"{kind} ({', '.join(str(getattr(c, 'name', c)) for c in columns)})"


def _pg_foreign_key(constraint: object) -> str:
    from sqlalchemy import ForeignKeyConstraint

    assert isinstance(constraint, ForeignKeyConstraint)
    referred = constraint.elements[0].column.table.name
    text = (
        f"FOREIGN KEY ({', '.join(constraint.column_keys)}) REFERENCES {referred}"
        f"({', '.join(element.column.name for element in constraint.elements)})"
    )
    if constraint.onupdate:
        text += f" ON UPDATE {constraint.onupdate}"
    if constraint.ondelete:
        text += f" ON DELETE {constraint.ondelete}"
    return text


def _read_postgresql(connection: Connection) -> dict[str, _PGTable]:
    from sqlalchemy import text

    tables: dict[str, _PGTable] = {}

    def table(name: str) -> _PGTable:
        return tables.setdefault(name, _PGTable({}, set(), [], {}))

    for name, column, kind, not_null, has_default, serial, generated in connection.execute(
        text(_PG_COLUMNS)
    ):
        table(str(name)).columns[str(column)] = _PGColumn(
            type="generated" if generated else str(kind),  # no column vanort writes
            not_null=bool(not_null),
            default="*" if has_default and not serial else None,
            serial=bool(serial),
        )
    schema = str(connection.execute(text("SELECT current_schema()")).scalar_one())
    for name, kind, definition in connection.execute(text(_PG_CONSTRAINTS)):
        plain = _pg_plain(str(definition).replace(f"{schema}.", ""))
        if kind == "c":
            table(str(name)).checks.append(str(definition))
        else:
            table(str(name)).constraints.add(plain)
    for name, index, unique, columns, partial in connection.execute(text(_PG_INDEXES)):
        table(str(name)).indexes[str(index)] = _pg_index(bool(unique), str(columns), bool(partial))
    return tables


def _pg_index(unique: bool, columns: str, partial: bool) -> str:
    return f"{'unique ' if unique else ''}({columns}){' where ...' if partial else ''}"


def postgresql_difference(connection: Connection) -> str | None:
    """The first way the registry's tables in the connection's schema differ from
    this vanort's, in one phrase; None when they are the same."""
    return _first_difference(
        _expected_postgresql(), _read_postgresql(connection), _pg_table_difference
    )


def _pg_column_shown(column: _PGColumn) -> str:
    parts = [column.type]
    if column.not_null:
        parts.append("not null")
    if column.default is not None:
        parts.append("default ...")
    return " ".join(parts)


def _pg_table_difference(name: str, expected: _PGTable, actual: _PGTable) -> str | None:
    for column, wanted in expected.columns.items():
        have = actual.columns.get(column)
        if have is None:
            return m.SCHEMA_COLUMN_MISSING.format(table=name, column=column)
        # A default the models leave to the server (FetchedValue) is the backend's.
        same_default = wanted.default == "*" or have.default == wanted.default
        if (
            have.type != wanted.type
            or have.not_null != wanted.not_null
            or have.serial != wanted.serial
            or not same_default
        ):
            return m.SCHEMA_COLUMN_CHANGED.format(
                table=name,
                column=column,
                found=f"{column} {_pg_column_shown(have)}",
                expected=f"{column} {_pg_column_shown(wanted)}",
            )
    for column in actual.columns:
        if column not in expected.columns:
            return m.SCHEMA_COLUMN_EXTRA.format(table=name, column=column)
    for constraint in sorted(actual.constraints - expected.constraints):
        return m.SCHEMA_CONSTRAINT_EXTRA.format(table=name, found=constraint)
    for constraint in sorted(expected.constraints - actual.constraints):
        return m.SCHEMA_CONSTRAINT_MISSING.format(table=name, expected=constraint)
    # PostgreSQL prints a CHECK in its own words, so they are counted, not read.
    if len(actual.checks) > len(expected.checks):
        extra = actual.checks[len(expected.checks)]
        return m.SCHEMA_CONSTRAINT_EXTRA.format(table=name, found=extra)
    if len(actual.checks) < len(expected.checks):
        missing = expected.checks[len(actual.checks)]
        return m.SCHEMA_CONSTRAINT_MISSING.format(table=name, expected=f"CHECK ({missing})")
    for index, wanted_index in expected.indexes.items():
        have_index = actual.indexes.get(index)
        if have_index is None:
            return m.SCHEMA_INDEX_MISSING.format(table=name, index=index)
        if have_index != wanted_index:
            return m.SCHEMA_INDEX_CHANGED.format(
                index=index, found=have_index, expected=wanted_index
            )
    for index in actual.indexes:
        if index not in expected.indexes:
            return m.SCHEMA_INDEX_EXTRA.format(table=name, index=index)
    return None
