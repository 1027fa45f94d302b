"""The office's pages and the public ones through the real `vanort serve` on a
free localhost port: who may read the round's overview (the single sign-on
header only with --trust-proxy-header and only from a --proxy address), the
schedule and the towns, and the calendar as a client subscribes to it."""

from __future__ import annotations

import json

import httpx
import icalendar
import pytest

from conftest import Run
from web_server import serving

pytestmark = pytest.mark.both_backends

HOSTILE_ORG = '<script>alert("org")</script> & Co'
HOSTILE_TITLE = "<img src=x onerror=alert(1)> Nordiska dagar"
CULTURE = "Kulturförvaltningen"
SSO = {"X-Remote-User": "anna.andersson"}
TODAY = {"VANORT_TODAY": "2026-02-15", "VANORT_LANG": "en"}


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def a_round(run: Run) -> dict[str, str]:
    """A round for 2025: Kulturförvaltningen answered with a hostile title, the
    hostile-named organisation is late. Returns organisation keys by name."""
    ok(run, "orgs", "add", HOSTILE_ORG, "--kind", "company", "--since", "2020")
    ok(run, "round", "open", "2025", "--deadline", "2026-01-31", "--org", CULTURE,
       "--org", HOSTILE_ORG, "--today", "2026-01-10")  # fmt: skip
    ok(run, "log-collaboration", "-t", "Åbo", "-o", CULTURE, "-a", "culture",
       "--title", HOSTILE_TITLE, "--start", "2025-03-01", "--round", "2025",
       "--reported-on", "2026-01-12")  # fmt: skip
    orgs = json.loads(ok(run, "orgs", "list", "--format", "json"))
    return {o["name"]: o["key"] for o in orgs}


def test_the_sso_header_is_believed_only_with_the_option_and_from_a_proxy(
    run: Run, registry_url: str
) -> None:
    keys = a_round(run)
    with serving(registry_url, "--trust-proxy-header", "X-Remote-User", env=TODAY) as base:
        page = httpx.get(base + "/office", headers=SSO)
        assert page.status_code == 200, page.text
        assert "anna.andersson" in page.text and "2025" in page.text
        # Late first, as `round status`; the hostile name is text, not markup.
        assert page.text.index("&lt;script&gt;") < page.text.index(CULTURE)
        assert "<script>alert" not in page.text
        answer = httpx.get(base + f"/office/{keys[CULTURE]}", headers=SSO)
        assert answer.status_code == 200
        assert "&lt;img src=x onerror=alert(1)&gt; Nordiska dagar" in answer.text
        assert "<img src=x" not in answer.text
        # Without the header, or with an empty one: refused.
        assert httpx.get(base + "/office").status_code == 403
        assert httpx.get(base + "/office", headers={"X-Remote-User": ""}).status_code == 403
        # X-Forwarded-For cannot make a request look like it came from elsewhere
        # into being trusted, nor is any other header believed.
        other = httpx.get(base + "/office", headers={"X-Forwarded-User": "anna"})
        assert other.status_code == 403
    with serving(registry_url, env=TODAY) as base:
        refused = httpx.get(base + "/office", headers=SSO)
        assert refused.status_code == 403
        assert "gemensamma inloggning" in refused.text and "anna.andersson" not in refused.text
        assert httpx.get(base + f"/office/{keys[CULTURE]}", headers=SSO).status_code == 403
        assert httpx.get(base + "/office/no-such-org", headers=SSO).status_code == 403
    with serving(
        registry_url, "--trust-proxy-header", "X-Remote-User", "--proxy", "10.9.9.9", env=TODAY
    ) as base:
        # 127.0.0.1 is not the proxy: its header is ignored, even claiming to be forwarded.
        spoofed = {**SSO, "X-Forwarded-For": "10.9.9.9"}
        assert httpx.get(base + "/office", headers=SSO).status_code == 403
        assert httpx.get(base + "/office", headers=spoofed).status_code == 403


def test_the_header_from_the_proxy_stays_believed_when_it_forwards_a_client(
    run: Run, registry_url: str
) -> None:
    """nginx sets X-Forwarded-For to the browser's address: the connection still
    comes from the proxy, so its sign-on header is believed."""
    a_round(run)
    with serving(registry_url, "--trust-proxy-header", "X-Remote-User", env=TODAY) as base:
        forwarded = {**SSO, "X-Forwarded-For": "192.0.2.7", "X-Forwarded-Proto": "https"}
        assert httpx.get(base + "/office", headers=forwarded).status_code == 200
        assert httpx.get(base + "/office?year=2024", headers=SSO).status_code == 404
        assert httpx.get(base + "/office?year=x", headers=SSO).status_code == 404


def test_the_public_pages_show_the_schedule_and_the_towns(run: Run, registry_url: str) -> None:
    ok(run, "orgs", "list")  # the registry made
    with serving(registry_url, "--base-url", "https://vanort.goteborg.se", env=TODAY) as base:
        home = httpx.get(base + "/?lang=en")
        assert "webcal://vanort.goteborg.se/calendar.ics" in home.text
        schedule = httpx.get(base + "/schedule?lang=en")
        assert schedule.status_code == 200
        basis = ok(run, "schedule", "--format", "json", "--today", "2026-02-15")
        years = [row["year"] for row in json.loads(basis)]
        for year in years:
            assert f'<th scope="row">{year}</th>' in schedule.text
        towns = httpx.get(base + "/towns?lang=en")
        assert towns.status_code == 200 and "Turku" in towns.text and "partner" in towns.text
        assert 'aria-current="page"' in towns.text


def test_the_calendar_is_subscribed_to_and_an_unchanged_one_costs_nothing(
    run: Run, registry_url: str
) -> None:
    ok(run, "orgs", "list")
    with serving(registry_url, env=TODAY) as base, httpx.Client(base_url=base) as client:
        first = client.get("/calendar.ics")
        assert first.status_code == 200
        assert first.headers["content-type"] == "text/calendar; charset=utf-8"
        calendar = icalendar.Calendar.from_ical(first.content)
        events = list(calendar.walk("VEVENT"))
        assert events and all(e.get("UID") for e in events)
        # The same events as `vanort calendar` writes for the day.
        written = run("calendar", "-o", "-", "--today", "2026-02-15")
        shown = icalendar.Calendar.from_ical(written.stdout_bytes)
        uids = {str(e["UID"]) for e in shown.walk("VEVENT")}
        assert {str(e["UID"]) for e in events} == uids
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        again = client.get("/calendar.ics", headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        since = client.get("/calendar.ics", headers={"If-Modified-Since": modified})
        assert since.status_code == 304 and since.content == b""
        assert client.get("/calendar.ics").headers["etag"] == etag  # the same bytes
        # A change to a meeting changes the calendar.
        nxt = json.loads(ok(run, "next-meeting", "--format", "json", "--today", "2026-02-15"))
        ok(run, "meeting", "record", str(nxt["year"]), "--host", nxt["host"]["key"],
           "--place", "Rådhuset", "--today", "2026-02-15")  # fmt: skip
        changed = client.get("/calendar.ics", headers={"If-None-Match": etag})
        assert changed.status_code == 200 and changed.headers["etag"] != etag
