"""What `vanort serve` was told: where the registry is, its public address, and
which proxy it trusts for what."""

from __future__ import annotations

from dataclasses import dataclass, field

# A form's body is a few kilobytes; anything far larger is refused unread.
MAX_BODY_BYTES = 64 * 1024


@dataclass(frozen=True)
class WebSettings:
    db: str | None  # --db / VANORT_DB, as the commands take it; None: the default file
    base_url: str | None = None  # the address people reach it by (links, calendar)
    # A header the City's single sign-on proxy sets with the signed-in user's name,
    # trusted only when set and only from one of `proxies`.
    trust_proxy_header: str | None = None
    proxies: tuple[str, ...] = field(default=("127.0.0.1", "::1"))
    max_body: int = MAX_BODY_BYTES
