"""Counts in good English: one collaboration, 1,234 collaborations."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from vanort_cli.i18n import messages as m


@example(1)  # the one singular, which a draw of thousands may never hit
@example(0)
@given(st.integers(min_value=0, max_value=5000))
def test_counts_agree_with_their_nouns(count: int) -> None:
    done = m.IMPORT_DONE.format(count=count, path="x.csv", ids="ids 1-9")
    summary = m.REPORT_SUMMARY.format(total=count, new=count, year=2026)
    if count == 1:
        assert done == "Imported 1 collaboration from x.csv (ids 1-9)."
        one = m.REPORT_SUMMARY_ONE.format(new=count, year=2026)
        assert one == "One collaboration was active during 2026; it was reported in 2026."
    elif count == 0:
        assert summary.endswith("; none of them was reported in 2026.")
        assert m.REPORT_SUMMARY_NONE.format(year=2026) == (
            "No collaborations were active during 2026."
        )
    else:
        # A count is written as English writes numbers: 1,234.
        assert done == f"Imported {count:,} collaborations from x.csv (ids 1-9)."
        assert f"{count:,} collaborations were active" in summary
        assert f"{count:,} of them were" in summary
