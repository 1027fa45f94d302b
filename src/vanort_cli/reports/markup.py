"""The printable page the reports are written on: HTML building blocks and the
page's style (A4, page numbers), for report_html.

Self-contained: the styles are in the page and the charts are inline SVG, so a
file opens from an e-mail attachment with no fonts, scripts or other files.
Text from the registry is always escaped (`esc`); what is HTML already is an
`Html`. Every number and date is marked with where the report's JSON has it
(`<data data-json="collaborations.total">`, a sum where several paths are
given; `<time datetime=... data-json=...>`), so a test can hold a document to
`report --format json`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any, Final

from vanort_cli.i18n import Number, language, plural_form
from vanort_cli.i18n.prose import and_list
from vanort_cli.output.text import shown_text
from vanort_cli.reports.words import Count, DateSpan, Sentence, Year, Years

STYLE: Final = """
@page { size: A4; margin: 18mm 18mm 20mm 18mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #444; } }
html { font-family: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif;
  font-size: 10.5pt; line-height: 1.35; color: #111; }
body { margin: 0; }
@media screen { body { max-width: 174mm; margin: 2em auto; padding: 0 1em; } }
h1 { font-size: 20pt; margin: 0 0 3mm; }
h2 { font-size: 14pt; margin: 8mm 0 2mm; padding-bottom: 1mm; border-bottom: 0.6pt solid #777;
  break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; }
p, li { orphans: 3; widows: 3; overflow-wrap: break-word; }
p.lead { font-size: 11pt; }
p.note, figcaption p { font-size: 9pt; color: #333; }
ul { padding-left: 5mm; margin: 1mm 0 3mm; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 1mm 0 3mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 1.2pt 4pt;
  border-bottom: 0.5pt solid #bbb; overflow-wrap: break-word; }
th { border-bottom: 0.8pt solid #555; }
.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.computed { font-style: italic; }
figure.chart { margin: 4mm 0; break-inside: avoid; }
figcaption { font-weight: bold; margin: 0 0 1.5mm; }
figcaption p { font-weight: normal; margin: 1mm 0 0; }
svg.plot { display: block; width: 100%; height: auto; }
"""


class Html(str):
    """Text that is HTML already: written as it is."""


def esc(value: Any) -> Html:
    """User text as inert HTML for people: one line, control characters shown."""
    return Html(html.escape(shown_text(value)))


def _attr(value: Any) -> str:
    return html.escape(str(value), quote=True)


def data(value: int | None, path: str | None, shown: str | None = None) -> Html:
    """A number, marked with where the JSON has it."""
    if value is None:
        return Html("")
    text = html.escape(shown if shown is not None else str(Number(value)))
    if path is None:
        return Html(text)
    return Html(f'<data value="{value}" data-json="{_attr(path)}">{text}</data>')


def year_of(value: int, path: str) -> Html:
    return data(value, path, str(value))


def time_of(day: date | None, path: str, shown: str | None = None) -> Html:
    """A date, ISO 8601 in the markup and the JSON, as given in the text."""
    if day is None:
        return Html("")
    text = html.escape(shown if shown is not None else day.isoformat())
    return Html(f'<time datetime="{day.isoformat()}" data-json="{_attr(path)}">{text}</time>')


class _Field:
    """A sentence's field as HTML: numbers and dates marked, text escaped."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        value = self.value
        if isinstance(value, Sentence):
            return sentence(value)
        if isinstance(value, Count):
            shown = data(int(value), value.path)
            if "|" not in spec:
                return shown
            return plural_form(int(value), spec, shown)
        if isinstance(value, Years):
            return and_list([format(_Field(y)) for y in value.years], language())
        if isinstance(value, Year):
            return year_of(int(value), value.path) if value.path else str(int(value))
        if isinstance(value, DateSpan):
            # A meeting may have only its last day on record: the span starts there.
            return time_of(value.start or value.end, value.path or "", format(value))
        if isinstance(value, Html):
            return value
        return esc(value)


def sentence(said: Sentence) -> Html:
    """The memo's sentence in HTML: its wording escaped, its fields marked."""
    template = html.escape(said.template, quote=False)
    return Html(template.format(**{k: _Field(v) for k, v in said.fields.items()}))


def heading(memo_heading: str) -> str:
    """A memo heading's words without its Markdown marks ("### By town" -> "By town"):
    the document shares the memo's wording."""
    return memo_heading.lstrip("#").strip()


def titled(memo_heading: str, **fields: Html) -> Html:
    """A heading in the memo's words: its level from its Markdown marks ("## " is
    <h2>), the marks left out, its fields marked."""
    level = len(memo_heading) - len(memo_heading.lstrip("#"))
    text = html.escape(heading(memo_heading), quote=False).format(**fields)
    return Html(f"<h{level}>{text}</h{level}>")


def table(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, numeric: Iterable[int] = ()
) -> Html:
    """A table; cells that are not Html are escaped; `numeric` columns right-aligned."""
    return Html("".join(table_parts(headers, rows, numeric=numeric)))


def table_parts(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, numeric: Iterable[int] = ()
) -> Iterator[str]:
    """`table`, a row at a time, as the rows come: a listing of any length is
    written without being held (see `document_parts`)."""
    right = set(numeric)

    def cell(tag: str, i: int, value: Any) -> str:
        shown = value if isinstance(value, Html) else esc(value)
        return f'<{tag} class="n">{shown}</{tag}>' if i in right else f"<{tag}>{shown}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    yield f"<table><thead><tr>{head}</tr></thead><tbody>"
    for row in rows:
        yield "<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>"
    yield "</tbody></table>"


def figure(name: str, caption: Html, svg: str, below: Html = Html("")) -> Html:
    """A chart: its caption above (a test finds the chart by it), the picture, and what
    is said under it. Never split over two pages."""
    return Html(
        f'<figure class="chart" id="chart-{name}"><figcaption>{caption}</figcaption>'
        f"{svg}{below}</figure>"
    )


def paragraph(text: Html | str, css: str | None = None) -> Html:
    shown = text if isinstance(text, Html) else esc(text)
    return Html(f'<p class="{css}">{shown}</p>' if css else f"<p>{shown}</p>")


def bullets(items: Iterable[Html]) -> Html:
    return Html("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def inline_svg(svg: str, label: str) -> str:
    """matplotlib's <svg> element as a scalable picture with a text alternative."""
    return svg.replace("<svg ", f'<svg class="plot" role="img" aria-label="{_attr(label)}" ', 1)


def document(title: str, body: Iterable[Html]) -> str:
    return "".join(document_parts(title, body))


def document_parts(title: str, body: Iterable[Html | Iterable[str]]) -> Iterator[str]:
    """The document a part at a time: a part of `body` is an element, or the
    pieces of one written as they come (`table_parts`)."""
    yield (
        f'<!DOCTYPE html>\n<html lang="{language()}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="vanort">\n'
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    )
    for n, part in enumerate(body):
        if n:
            yield "\n"
        if isinstance(part, str):
            yield part
        else:
            yield from part
    yield "\n</body>\n</html>\n"
