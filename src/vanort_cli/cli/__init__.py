"""The command-line layer: parse, call a service, render. Nothing else.

The top floor: may import every room below (services/, store/ for opening the
registry, exchange/, reports/, output/, i18n/, domain/), never SQLAlchemy or
psycopg themselves. Services are imported inside the commands, never at the top,
so that `vanort --help` and shell completion start fast.
"""
