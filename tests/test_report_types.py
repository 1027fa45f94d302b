"""The report as services hand it to renderers: typed records, the year's
collaborations read through the session that made the report and only while it
is open."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date

import pytest

from conftest import Run
from vanort_cli.domain.report import AnnualReport, SessionClosed
from vanort_cli.output.json_stream import json_ready, write_json_document
from vanort_cli.store.location import resolve_location
from vanort_cli.store.registry import Registry

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 27)


@pytest.fixture
def registry(run: Run, registry_url: str) -> Iterator[Registry]:
    """A registry with two collaborations active in 2026."""
    for title in ("Hamnar", "Skolor"):
        args = ["-t", "Åbo", "-o", "SLK", "-a", "culture", "--start", "2026-03-01"]
        result = run("log-collaboration", *args, "--title", title)
        assert result.exit_code == 0, result.output
    opened = Registry(resolve_location(registry_url))
    yield opened
    opened.close()


def made(registry: Registry) -> tuple[AnnualReport, list[str]]:
    """The 2026 report, and the titles of its collaborations read while its session was open."""
    from vanort_cli.services.report import annual_report

    with registry.reading() as session:
        report = annual_report(session=session, year=2026, today=TODAY)
        titles = [item.title for item in report.collaborations.items]
    return report, titles


def test_the_collaborations_are_read_while_the_session_is_open(registry: Registry) -> None:
    report, titles = made(registry)
    assert titles == ["Hamnar", "Skolor"]
    assert report.collaborations.total == len(report.collaborations.items) == 2


def test_after_the_session_closed_the_collaborations_refuse_to_be_read(
    registry: Registry,
) -> None:
    report, _ = made(registry)
    with pytest.raises(SessionClosed):
        list(report.collaborations.items)
    with pytest.raises(SessionClosed):
        list(report.collaborations.items.newest(1))
    # In another session too: the rows belong to the one the counts were read in.
    with registry.reading(), pytest.raises(SessionClosed):
        list(report.collaborations.items)
    # What was read whole when the report was made stays readable.
    assert [t.key for t in report.collaborations.by_town] == ["turku"]
    assert len(report.collaborations.new_this_year) == 2


def test_json_is_the_records_fields_in_order_with_the_rows_streamed(registry: Registry) -> None:
    from vanort_cli.services.report import annual_report

    with registry.reading() as session:
        report = annual_report(session=session, year=2026, today=TODAY)
        document = json_ready(report)
        assert list(document) == [
            "year",
            "period",
            "generated_on",
            "meetings",
            "collaborations",
            "rotation",
            "reporting_round",
        ]
        # Read as they are written, not before.
        assert isinstance(document["collaborations"]["items"], Iterator)
        out = io.StringIO()
        write_json_document(document, out)
    written = json.loads(out.getvalue())
    assert [item["title"] for item in written["collaborations"]["items"]] == ["Hamnar", "Skolor"]
    assert written["period"] == {"start": "2026-01-01", "end": "2026-12-31"}
    assert written["collaborations"]["by_town"][0]["count"] == 2
