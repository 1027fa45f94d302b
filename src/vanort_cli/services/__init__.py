"""Keyword-only functions over a session: what the commands do to the registry.

May import store/, exchange/, reports/ and the floors below them; never cli/,
Typer or Click. They return typed data and never print."""
