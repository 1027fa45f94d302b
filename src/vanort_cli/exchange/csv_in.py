"""Reading a CSV file as the administrations send it.

Swedish Excel saves "CSV" with semicolons, a byte-order mark and CRLF line
endings, or in Windows-1252 when "CSV (semikolonavgränsad)" is chosen; other
programs save commas or tabs, UTF-8 or UTF-16. The delimiter and the encoding
are detected, never assumed, and `--delimiter`/`--encoding` override them.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

from vanort_cli.errors import UsageError
from vanort_cli.exchange.columns import column_for
from vanort_cli.exchange.sheet import MAX_COLUMNS, Cell, ImportTable
from vanort_cli.exchange.xlsx_guard import OLE, refuse_ole
from vanort_cli.i18n import Number
from vanort_cli.i18n import messages as m

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "cp1252": "Windows-1252",
}
# The magic number of a zip file, for a workbook whatever its name says.
_ZIP = b"PK\x03\x04"


def is_workbook(data: bytes) -> bool:
    """An Excel workbook whatever its name says: an .xlsx (a zip file), or an OLE
    file (an .xls, or an encrypted .xlsx), which the workbook reader refuses by name."""
    return data.startswith((_ZIP, OLE))


def detect_encoding(data: bytes) -> str | None:
    """The encoding of a text file's bytes; None when they are not text at all.

    A byte-order mark decides; else UTF-16 shows as NUL in every other byte of
    ASCII text; else UTF-8 when the bytes are valid UTF-8 (Windows-1252 text
    with å, ä or ö almost never is); else Windows-1252, unless a NUL or a byte
    Windows-1252 leaves undefined shows the bytes are not text.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    half = len(sample) // 2
    if half >= 2:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > half // 2 and even == 0:
            return "utf-16-le"
        if even > half // 2 and odd == 0:
            return "utf-16-be"
    if b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return None


def detect_delimiter(first_line: str) -> str:
    """The delimiter that splits the header into the most columns vanort knows;
    on a tie, into the most cells; else a comma."""

    def score(delimiter: str) -> tuple[int, int]:
        if first_line.count(delimiter) >= MAX_COLUMNS:
            # Too many cells to be a header (read_csv refuses it): not worth
            # matching a million cells to columns to find that out.
            return 0, first_line.count(delimiter) + 1
        try:
            cells = next(csv.reader([first_line], delimiter=delimiter), [])
        except csv.Error:  # a header that is no CSV line at all
            return 0, 0
        return sum(column_for(c) is not None for c in cells), len(cells)

    return max(DELIMITERS, key=score)


def _first_line(text: str) -> str:
    end = text.find("\n")
    return (text if end < 0 else text[:end]).rstrip("\r")


def read_csv(
    data: bytes, *, path: str, delimiter: str | None = None, encoding: str | None = None
) -> ImportTable:
    """The header and rows of a CSV file's bytes (UsageError if they are not CSV text)."""
    refuse_ole(data, path)
    used = encoding or detect_encoding(data)
    if used is None:
        raise UsageError(m.IMPORT_NOT_TEXT.format(path=path))
    try:
        text = data.decode(used)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise UsageError(
            m.IMPORT_BAD_ENCODING.format(path=path, encoding=used, line=line)
        ) from None
    except LookupError:
        raise UsageError(m.IMPORT_UNKNOWN_ENCODING.format(encoding=used)) from None
    text = text.removeprefix("\ufeff")
    if "\n" not in text:  # old Mac line endings: CR alone
        text = text.replace("\r", "\n")
    chosen = delimiter or detect_delimiter(_first_line(text))
    reader = csv.reader(_lines(text), delimiter=chosen)
    try:
        header = next(reader, [])
    except csv.Error as error:
        raise _unreadable(error, path=path, line=1) from None
    _check_width(header, path=path, line=1)
    return ImportTable(
        header=header,
        rows=_rows(reader, path),
        place="line",
        size_hint=max(text.count("\n") - 1, 0),
        description=describe_csv(chosen, used),
    )


# How much of a file is read at a time when it is streamed.
CHUNK = 1 << 20


def read_csv_file(
    path: Path, *, delimiter: str | None = None, encoding: str | None = None
) -> ImportTable:
    """`read_csv` of a file, its rows read from the file as they are checked: a
    large file is never held whole in memory (as bytes and again as text). A
    first pass decodes it chunk by chunk to choose the encoding and count its
    lines; a file that pass cannot vouch for (not text, an encoding that fails)
    is read whole by `read_csv`, which says what is wrong with it."""
    scanned = _scan(path, encoding)
    if scanned is None:
        return read_csv(path.read_bytes(), path=str(path), delimiter=delimiter, encoding=encoding)
    used, newlines, returns = scanned
    old_mac = newlines == 0  # CR alone ends a line: read as LF, as read_csv does
    lines = _stream_lines(_decoded(path, used, old_mac=old_mac))
    first = next(lines, "")
    chosen = delimiter or detect_delimiter(first.removesuffix("\n").rstrip("\r"))
    reader = csv.reader(chain([first] if first else [], lines), delimiter=chosen)
    try:
        header = next(reader, [])
    except csv.Error as error:
        raise _unreadable(error, path=str(path), line=1) from None
    _check_width(header, path=str(path), line=1)
    return ImportTable(
        header=header,
        rows=_rows(reader, str(path)),
        place="line",
        size_hint=max((returns if old_mac else newlines) - 1, 0),
        description=describe_csv(chosen, used),
    )


def _scan(path: Path, encoding: str | None) -> tuple[str, int, int] | None:
    """The encoding a file decodes in, and its LF and CR, counted chunk by chunk;
    None when `detect_encoding` would need the whole file to say no (a NUL, bytes
    that no encoding takes) or the file does not decode."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if encoding is not None:
        candidates = [encoding]
    else:
        found = detect_encoding(head) if head.startswith(_BOMS) else None
        if found is None and detect_encoding(head) in ("utf-16-le", "utf-16-be"):
            found = detect_encoding(head)
        # Otherwise as detect_encoding: UTF-8 when the whole file is, else Windows-1252.
        candidates = [found] if found is not None else ["utf-8", "cp1252"]
    for candidate in candidates:
        counted = _count_lines(path, candidate, nul_is_binary=candidate in ("utf-8", "cp1252"))
        if counted is not None:
            return candidate, *counted
        if encoding is None and candidate == "utf-8" and _has_nul(path):
            return None
    return None


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _has_nul(path: Path) -> bool:
    with path.open("rb") as handle:
        return any(b"\x00" in chunk for chunk in iter(lambda: handle.read(CHUNK), b""))


def _count_lines(path: Path, encoding: str, *, nul_is_binary: bool) -> tuple[int, int] | None:
    try:
        decoder = codecs.getincrementaldecoder(encoding)()
    except LookupError:
        return None
    newlines = returns = 0
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(CHUNK):
                if nul_is_binary and b"\x00" in chunk:
                    return None
                text = decoder.decode(chunk)
                newlines += text.count("\n")
                returns += text.count("\r")
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    return newlines, returns


def _decoded(path: Path, encoding: str, *, old_mac: bool) -> Iterator[str]:
    """The file's text, a chunk at a time, as `read_csv` reads it (one byte-order
    mark off the start; CR read as LF in a file with no LF)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    started = False
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(CHUNK)
            text = decoder.decode(chunk, final=not chunk)
            if text and not started:
                text, started = text.removeprefix("\ufeff"), True
            if old_mac:
                text = text.replace("\r", "\n")
            if text:
                yield text
            if not chunk:
                return


def _stream_lines(pieces: Iterable[str]) -> Iterator[str]:
    """`_lines` of text that comes in pieces."""
    held: list[str] = []
    for piece in pieces:
        start = 0
        stop = piece.find("\n")
        if stop >= 0 and held:
            yield "".join(held) + piece[: stop + 1]
            held, start = [], stop + 1
            stop = piece.find("\n", start)
        while stop >= 0:
            yield piece[start : stop + 1]
            start = stop + 1
            stop = piece.find("\n", start)
        if start < len(piece):
            held.append(piece[start:])
    if held:
        yield "".join(held)


def describe_csv(delimiter: str, encoding: str) -> str:
    """The kind of CSV file in words, in the reader's language: "semicolon-separated,
    Windows-1252" ("semikolonavgränsad, Windows-1252")."""
    separated = {
        ",": m.IMPORT_COMMA_SEPARATED,
        ";": m.IMPORT_SEMICOLON_SEPARATED,
        "\t": m.IMPORT_TAB_SEPARATED,
    }.get(delimiter, repr(delimiter))
    shown = m.IMPORT_UTF8_BOM if encoding == "utf-8-sig" else ENCODING_NAMES.get(encoding, encoding)
    return m.IMPORT_CSV_KIND.format(separated=separated, encoding=shown)


def _lines(text: str) -> Iterator[str]:
    """The text's lines, each with its line end, one at a time: a file read as
    io.StringIO would be held a second time, at four bytes a character. Only LF
    ends a line (CRLF ends in LF); a line break inside a quoted cell is joined
    back by the csv reader."""
    start, end = 0, len(text)
    while start < end:
        stop = text.find("\n", start)
        if stop < 0:
            yield text[start:]
            return
        yield text[start : stop + 1]
        start = stop + 1


def _rows(reader: Iterator[list[str]], path: str) -> Iterator[tuple[int, list[Cell]]]:
    row_start = 2
    try:
        for cells in reader:
            _check_width(cells, path=path, line=row_start)
            yield row_start, list(cells)
            # The line a row starts on, for messages (a quoted cell may span lines).
            row_start = reader.line_num + 1  # type: ignore[attr-defined]
    except csv.Error as error:
        raise _unreadable(error, path=path, line=row_start) from None


def _check_width(cells: list[str], *, path: str, line: int) -> None:
    """UsageError for a line of more cells than any file of collaborations has: a
    line of a million commas is refused at once, not matched cell by cell."""
    if len(cells) > MAX_COLUMNS:
        raise UsageError(
            m.IMPORT_TOO_MANY_COLUMNS.format(
                path=path,
                columns=len(cells),
                place=m.IMPORT_PLACE_LINE.format(number=line),
                limit=MAX_COLUMNS,
            )
        )


def _unreadable(error: csv.Error, *, path: str, line: int) -> UsageError:
    """The csv module's refusal as one line: a cell over its limit (a quote that
    never closes, or no CSV at all) said in words; anything else as it says it."""
    if str(error).startswith("field larger than field limit"):
        return UsageError(
            m.IMPORT_CELL_TOO_LARGE.format(
                path=path, limit=Number(csv.field_size_limit()), line=line
            )
        )
    if line == 1:
        return UsageError(m.IMPORT_UNREADABLE.format(path=path, reason=error))
    return UsageError(m.IMPORT_UNREADABLE_AT.format(path=path, line=line, reason=error))
