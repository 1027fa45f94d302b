"""How many groups a bar chart names before it draws the rest as one bar ("övriga")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

BARS: Final = 10  # a bar chart on half an A4 page reads well up to about ten bars


def named_count(counts: Sequence[int], bars: int = BARS) -> int:
    """How many of the groups with `counts` (largest first) a chart of about `bars`
    bars names; the rest, if any, is one more bar, "the ones with the fewest".

    The rest never splits equal counts (that would make "the fewest" untrue), so it
    starts after the last group that has more than the one after it, within the
    room; where even the largest groups are all equal, every group is named.
    A rest is never a single group: one group would have had its own bar."""
    if bars < 2:
        raise ValueError("a chart with a rest needs room for two bars")
    if len(counts) <= bars:
        return len(counts)
    named = bars - 1
    while named > 0 and counts[named - 1] == counts[named]:
        named -= 1
    return named if named else len(counts)
