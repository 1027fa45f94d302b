"""The command-line layer: parse, call a service, render. Nothing else.

Modules here import SQLAlchemy and the services inside the commands, never at
the top, so that `vanort --help` and shell completion start fast.
"""
