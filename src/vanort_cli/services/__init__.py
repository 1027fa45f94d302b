"""Keyword-only functions over a session: what the commands do to the registry."""
