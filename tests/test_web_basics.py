"""`vanort serve` as the City's IT and a browser meet it: the real server on a
free localhost port, over a real registry, spoken to over HTTP."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from conftest import Run
from web_server import serving

pytestmark = pytest.mark.both_backends


def test_pages_carry_the_security_headers_and_speak_swedish_by_default(
    run: Run, registry_url: str
) -> None:
    # The help's example's options, on a free port.
    with serving(registry_url, "--base-url", "https://vanort.goteborg.se") as base:
        page = httpx.get(base + "/")
        assert page.status_code == 200
        headers = page.headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
        assert '<html lang="sv">' in page.text and "Nästa vänortsmöte" in page.text
        english = httpx.get(base + "/", headers={"Accept-Language": "en-GB,en;q=0.9,sv;q=0.5"})
        assert "The next twin-town meeting" in english.text
        chosen = httpx.get(base + "/?lang=en")
        assert "The next twin-town meeting" in chosen.text
        assert "vanort_lang=en" in chosen.headers["set-cookie"]
        kept = httpx.get(base + "/", cookies={"vanort_lang": "en"})
        assert '<html lang="en">' in kept.text


def test_a_body_too_large_is_refused_unread_and_an_unknown_page_is_a_page(
    run: Run, registry_url: str
) -> None:
    with serving(registry_url) as base:
        big = httpx.post(base + "/", content=b"x" * 200_000)
        assert big.status_code == 413
        missing = httpx.get(base + "/no/such/page")
        assert missing.status_code == 404
        assert "<html" in missing.text and "Traceback" not in missing.text


@pytest.mark.sqlite_only
def test_without_the_web_extra_serve_says_how_to_install_it(db_path: Path, tmp_path: Path) -> None:
    """The web's packages made unimportable, as where the extra is not installed."""
    (tmp_path / "sitecustomize.py").write_text(
        "import sys\nfor name in ('fastapi', 'uvicorn', 'jinja2', 'starlette'):\n"
        "    sys.modules[name] = None\n",
        encoding="utf-8",
    )
    source = Path(__file__).resolve().parents[1] / "src"
    shown = subprocess.run(
        [sys.executable, "-m", "vanort_cli", "--db", str(db_path), "serve"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": f"{tmp_path}:{source}", "PATH": "/usr/bin:/bin", "VANORT_LANG": "en"},
        timeout=60,
    )
    assert shown.returncode == 2, shown.stderr
    assert shown.stderr.strip().splitlines() == [
        "Error: vanort serve needs the web extra, which is not installed: "
        "pip install 'vanort[web]' (in vanort's own environment)."
    ]


def test_no_other_command_imports_the_web() -> None:
    shown = subprocess.run(
        [sys.executable, "-c", "import sys; from vanort_cli.cli.app import app; "
         "print(sorted(m for m in sys.modules if m.split('.')[0] in "
         "('fastapi', 'starlette', 'jinja2', 'uvicorn')))"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert shown.stdout.strip() == "[]", shown.stdout + shown.stderr


def test_the_access_log_never_holds_a_links_token(
    run: Run, registry_url: str, tmp_path: Path
) -> None:
    log = tmp_path / "serve.log"
    token = "pretend-token-a8f3c9d2e1b7"
    with serving(registry_url, log=log) as base:
        assert httpx.get(base + f"/l/{token}").status_code == 404
        assert httpx.get(base + "/?lang=en").status_code == 200
    written = log.read_text(encoding="utf-8")
    assert '"GET /l/... HTTP/1.1" 404' in written and "/?lang=en" in written
    assert token not in written
