"""The registry: where it lives and how it is kept (engine and sessions, location,
models, migrations, seed, history, bulk writing). What differs between a SQLite
file and a PostgreSQL server is asked of one interface, `Backend` (backend.py),
implemented in sqlite.py and postgres.py and their modules. May import domain/,
i18n/, errors and files; never services/, cli/ or reports/."""
