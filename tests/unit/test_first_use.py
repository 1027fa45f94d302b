"""Counts in good English: one collaboration, 1,234 collaborations."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from vanort_cli.i18n import messages as m


@example(1)  # the one singular, which a draw of thousands may never hit
@given(st.integers(min_value=0, max_value=5000))
def test_counts_agree_with_their_nouns(count: int) -> None:
    done = m.IMPORT_DONE.format(count=count, path="x.csv", ids="ids 1-9")
    summary = m.REPORT_SUMMARY.format(total=count, new=count, year=2026)
    if count == 1:
        assert done == "Imported 1 collaboration from x.csv (ids 1-9)."
        assert summary.startswith("1 collaboration was active") and "1 of them was" in summary
    else:
        # A count is written as English writes numbers: 1,234.
        assert done == f"Imported {count:,} collaborations from x.csv (ids 1-9)."
        assert f"{count:,} collaborations were active" in summary
        assert f"{count:,} of them were" in summary
