"""The README's pictures: the meeting rotation and the first page of the printed
annual report, in Swedish, made from the tests' example registry (ten years of
made-up collaborations, recorded meetings with one cancelled and one postponed,
and a new twin town: tests/council_registry.py).

    .venv/bin/pip install -e '.[test]'     # PyMuPDF, which turns the PDF into a PNG
    .venv/bin/python docs/make_pictures.py # needs Chromium: apt-get install chromium

It writes docs/rotation.png (`vanort schedule -o`) and docs/report-page1.png
(`vanort report -o rapport.html`, printed to PDF by headless Chromium, its
first page rendered).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "tests"))

PAGE_DPI = 80  # the page as a README shows it: readable, and some 200 KB


def main() -> None:

    from council_registry import TODAY, build, strict_runner
    from pdf_check import Pdf, find_chromium, print_to_pdf

    browser = find_chromium()
    if browser is None:
        sys.exit("No Chromium: apt-get install chromium (or set VANORT_CHROMIUM).")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        os.environ.update(VANORT_DB=str(work / "registry.db"), VANORT_TODAY=TODAY, VANORT_LANG="sv")
        run = strict_runner()
        run("db", "init")
        build(run, work)
        run("schedule", "-o", str(DOCS / "rotation.png"), "--force")
        html = work / "rapport.html"
        run("report", "--year", "2026", "-o", str(html))
        pdf = work / "rapport.pdf"
        print_to_pdf(browser, html, pdf)
        with Pdf(pdf) as document:
            document.save_png(0, DOCS / "report-page1.png", dpi=PAGE_DPI)
    for name in ("rotation.png", "report-page1.png"):
        print(f"wrote {DOCS / name}")


if __name__ == "__main__":
    main()
