"""How many groups a bar chart names before it draws the rest as one bar ("övriga")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

BARS: Final = 10  # a bar chart on half an A4 page reads well up to about ten bars


def named_count(counts: Sequence[int], bars: int = BARS) -> int:
    """How many of the groups with `counts` (largest first) a chart of about `bars`
    bars names; the rest, if any, is one more bar: "the ones with the fewest".

    The rest never splits equal counts (that would make "the fewest" untrue): it
    starts after the last group, within the room, that has more than the next one.
    Where the room holds nothing but equal counts, the whole run of them is named
    and the rest starts after it. A rest is never a single group: one group would
    have had its own bar."""
    if bars < 2:
        raise ValueError("a chart with a rest needs room for two bars")
    if len(counts) <= bars:
        return len(counts)
    named = bars - 1
    while named > 0 and counts[named - 1] == counts[named]:
        named -= 1
    if named == 0:  # equal all through the room: name the run, to its end
        named = next(
            (i for i in range(bars, len(counts)) if counts[i] < counts[i - 1]), len(counts)
        )
    return named if len(counts) - named >= 2 else len(counts)
