"""The registry: where it lives and how it is kept (engine and sessions, location,
models, migrations, seed, history, bulk writing; SQLite and PostgreSQL each in
modules of their own). May import domain/, i18n/, errors and files; never
services/, cli/ or reports/."""
