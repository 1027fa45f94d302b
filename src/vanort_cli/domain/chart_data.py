"""How many groups a chart names before it draws the rest as one bar ("övriga")."""

from __future__ import annotations

from typing import Final

BARS: Final = 10  # a bar chart on half an A4 page reads well up to about ten bars


def named_count(groups: int, bars: int = BARS) -> int:
    """How many of `groups` (largest first) a chart of at most `bars` bars names; the
    rest, if any, is one more bar. A rest is never a single group: one group would
    have had its own bar."""
    if bars < 2:
        raise ValueError("a chart with a rest needs room for two bars")
    return groups if groups <= bars else bars - 1
