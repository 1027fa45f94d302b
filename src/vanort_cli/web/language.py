"""The language of a request: Swedish by default; English when the reader chose
it (`?lang=en`, kept in a cookie) or when the browser asks for it first."""

from __future__ import annotations

from vanort_cli.i18n import LANGUAGES

COOKIE = "vanort_lang"
DEFAULT = "sv"


def from_accept_language(header: str) -> str | None:
    """The first of vanort's languages the browser prefers (q-values honoured)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else None


def negotiate(*, query: str | None, cookie: str | None, accept_language: str | None) -> str:
    for chosen in (query, cookie):
        if chosen in LANGUAGES:
            return chosen
    return from_accept_language(accept_language or "") or DEFAULT
