"""The reporter's web, as a contact with only a browser meets it: the personal
link made by `vanort round links`, opened against the real `vanort serve`, the
answer sent through the page and seen by the office in `round status`."""

from __future__ import annotations

import json
import re
import time

import httpx
import pytest

from conftest import Run
from web_server import serving

pytestmark = pytest.mark.both_backends
TODAY = "2026-12-07"
HOSTILE = "<script>alert(1)</script>&"


def links(run: Run, base: str) -> dict[str, str]:
    made = run("round", "links", "2025", "--base-url", base, "--today", TODAY, "-f", "json")
    assert made.exit_code == 0, made.output
    return {row["organisation"]: row["url"] for row in json.loads(made.stdout)}


def same(page: str) -> str:
    """The page without its own address (the language switch links back to it)."""
    return re.sub(r'href="[^"]*\?lang=', 'href="?lang=', page)


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found
    return found.group(1)


def test_a_reporter_answers_through_the_link(run: Run, registry_url: str) -> None:
    opened = run("round", "open", "2025", "--deadline", "2026-12-31", "--today", TODAY)
    assert opened.exit_code == 0, opened.output
    logged = run(
        "log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture",
        "--title", "Choirs", "--start", "2025-02-01",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.output
    with serving(registry_url) as base:
        urls = links(run, base)
        again = run("round", "links", "2025", "--today", TODAY, "-f", "json")
        assert all(row["url"] is None for row in json.loads(again.stdout))  # hashes only
        client = httpx.Client(base_url=base)
        path = urls["Stadsledningskontoret"].removeprefix(base)
        response = client.get(path)
        assert response.status_code == 303 and response.headers["location"] == "/answer"
        cookie = response.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
        page = client.get("/answer?lang=en")
        assert page.status_code == 200 and "Choirs" in page.text
        assert path not in page.text
        csrf = csrf_of(page.text)
        collab_id = re.search(r'name="id" value="(\d+)"', page.text).group(1)  # type: ignore[union-attr]
        version = re.search(r'name="version" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]

        # A refused value is shown by its field, the form keeps what was typed, nothing stored.
        before = run("collaborations", "list", "-f", "json").stdout
        bad = client.post("/answer/add", data={
            "csrf": csrf, "title": "Kept text", "towns": ["bergen"], "area": "culture",
            "start_date": "32 mars 2025", "name": "Anna",
        })  # fmt: skip
        assert bad.status_code == 400
        assert 'id="add-start_date-error"' in bad.text and "Kept text" in bad.text
        assert 'aria-describedby="add-start_date-hint add-start_date-error"' in bad.text
        assert run("collaborations", "list", "-f", "json").stdout == before

        # Forged CSRF: 403, nothing stored.
        forged = client.post("/answer/add", data={"csrf": "x" * 64, "title": "F", "name": "A"})
        assert forged.status_code == 403

        # Add one (Swedish typed date, hostile text), correct one from a second session.
        added = client.post("/answer/add", data={
            "csrf": csrf, "title": HOSTILE, "description": HOSTILE, "towns": ["bergen"],
            "area": "culture", "kind": "network", "start_date": "1 mars 2025", "name": HOSTILE,
        })  # fmt: skip
        assert added.status_code == 303, added.text
        shown = client.get("/answer").text
        assert "<script>alert(1)</script>" not in shown and "&lt;script&gt;" in shown

        edit = {
            "csrf": csrf, "id": collab_id, "version": version, "title": "Choirs and bands",
            "end_date": "2025-11-30", "name": "Anna",
        }  # fmt: skip
        second = run("round", "links", "2025", "--renew", "--base-url", base, "--today", TODAY)
        assert second.exit_code == 0
        # The renewed link revoked the first session's link: the first session is over.
        assert client.get("/answer").status_code == 404
        fresh = json.loads(
            run("round", "links", "2025", "--renew", "--base-url", base, "--today", TODAY,
                "-f", "json").stdout
        )  # fmt: skip
        url = next(r["url"] for r in fresh if r["organisation"] == "Stadsledningskontoret")
        first = httpx.Client(base_url=base)
        assert first.get(url.removeprefix(base)).status_code == 303
        answer1 = first.get("/answer")
        assert answer1.status_code == 200, answer1.text[-300:]
        csrf1 = csrf_of(answer1.text)
        saved = first.post("/answer/edit", data={**edit, "csrf": csrf1})
        assert saved.status_code == 303, saved.text
        assert first.post("/answer/edit", data={**edit, "csrf": csrf1}).status_code == 303
        # The same session id opened twice is one browser; a second tab with the old version:
        late = first.post("/answer/edit", data={**edit, "csrf": csrf1, "title": "Something else"})
        assert late.status_code == 400 and "Choirs and bands" in late.text
        sent = first.post("/answer/send", data={"csrf": csrf1, "name": "Anna Berg"})
        assert sent.status_code == 303

        # Another organisation answers nothing.
        boplats = httpx.Client(base_url=base)
        renewed = {r["organisation"]: r["url"] for r in fresh}
        boplats.get(renewed["Boplats Göteborg"].removeprefix(base))
        nothing = boplats.post(
            "/answer/nothing", data={"csrf": csrf_of(boplats.get("/answer").text), "name": "Bo"}
        )
        assert nothing.status_code == 303

    status = run("round", "status", "2025", "--today", TODAY, "-f", "json")
    answers = {row["organisation"]: row["answer"] for row in json.loads(status.stdout)}
    assert answers["Stadsledningskontoret"] == "collaborations"
    assert answers["Boplats Göteborg"] == "nothing"
    history = run("history", "--format", "json")
    assert history.exit_code == 0, history.output
    text = history.stdout
    assert "vanort web: link" in text and "of Stadsledningskontoret" in text
    assert "Anna Berg" in text
    listed = json.loads(run("collaborations", "list", "-f", "json").stdout)
    assert HOSTILE in [row["title"] for row in listed]  # stored as typed, shown as text


def test_wrong_tokens_all_get_the_same_slowing_404(run: Run, registry_url: str) -> None:
    assert run("round", "open", "2025", "--deadline", "2026-12-31", "--today", TODAY).exit_code == 0
    with serving(registry_url) as base:
        urls = links(run, base)
        revoked = urls["Boplats Göteborg"].removeprefix(base)
        assert run("round", "links", "2025", "--revoke", "Boplats Göteborg").exit_code == 0
        unknown = same(httpx.get(base + "/no-such-page").text)
        pages, times = [], []
        for path in (revoked, "/l/garbage", "/l/" + "A" * 43, "/l/%3Cscript%3E"):
            start = time.monotonic()
            page = httpx.get(base + path)
            times.append(time.monotonic() - start)
            assert page.status_code == 404
            pages.append(same(page.text))
        assert all(p == unknown for p in pages)
        assert times[-1] > times[0] * 2 and times[0] >= 0.2
        assert httpx.get(base + "/answer").status_code == 404  # no session, no page
