"""Hostile spreadsheets, built byte by byte: the files an administration might be
sent and pass on to `vanort collaborations import` (issue 22).

Each case is a file name, its bytes and a word the refusal must contain. The
workbooks are written by hand with zipfile, as an attacker would write them (no
binary fixtures): a minimal .xlsx is five small XML files. Shared by
tests/test_hostile_files.py and the attack suite (benchmarks/attack.py).
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

HEADER = ["Titel", "Förvaltning/bolag", "Område", "Vänorter", "Startdatum"]
ROW = ["Läsfest", "SLK", "Kultur", "Åbo", "2026-03-01"]
SHEET = "xl/worksheets/sheet1.xml"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"

CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="{_PKG}/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""  # noqa: E501
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_PKG}/relationships">
<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">
<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_PKG}/relationships">
<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""


def column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell(ref: str, value: str) -> str:
    """A text cell, written inline (no shared strings part needed)."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def row(number: int, values: Iterable[str]) -> str:
    cells = "".join(cell(f"{column_letter(k)}{number}", v) for k, v in enumerate(values, 1))
    return f'<row r="{number}">{cells}</row>'


def sheet(rows: str, *, prolog: str = "", dimension: str | None = None) -> str:
    """A worksheet part: its rows' XML, whatever comes before the root element."""
    size = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
        f'<worksheet xmlns="{_MAIN}">{size}<sheetData>{rows}</sheetData></worksheet>'
    )


GOOD_ROWS = row(1, HEADER) + row(2, ROW)


def workbook(
    sheet_xml: str | bytes | None = None,
    *,
    parts: dict[str, str | bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A minimal .xlsx: the standard parts, the given sheet, and `parts` added or
    put in place of the standard ones."""
    files: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        SHEET: sheet(GOOD_ROWS) if sheet_xml is None else sheet_xml,
    }
    files.update(parts or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as book:
        for name, content in files.items():
            book.writestr(name, content)
    return out.getvalue()


def _with_declared_size(data: bytes, member: str, size: int) -> bytes:
    """The zip with `member`'s uncompressed size, as its local header and central
    directory declare it, set to `size`: a bomb's header, whatever the data."""
    out = bytearray(data)
    name = member.encode()
    local = out.find(b"PK\x03\x04")
    while local >= 0:
        name_length = struct.unpack_from("<H", out, local + 26)[0]
        if bytes(out[local + 30 : local + 30 + name_length]) == name:
            struct.pack_into("<I", out, local + 22, size)
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", out, central + 28)[0]
        if bytes(out[central + 46 : central + 46 + name_length]) == name:
            struct.pack_into("<I", out, central + 24, size)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def _deflated_member(name: str, size: int, byte: bytes = b" ") -> bytes:
    """A zip holding one member of `size` repeated bytes, written in pieces so that
    the whole never lies in memory: a real bomb (deflate packs ~1,000:1)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for part, content in [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ]:
            book.writestr(part, content)
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with book.open(info, "w", force_zip64=True) as member:
            head = sheet("").encode()
            member.write(head[: head.index(b"<worksheet")])
            piece = byte * (1 << 20)
            for _ in range(size >> 20):
                member.write(piece)
    return out.getvalue()


def _many_members(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as book:
        for name, content in [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            (SHEET, sheet(GOOD_ROWS)),
        ]:
            book.writestr(name, content)
        for n in range(count):
            book.writestr(f"x/{n}", b"")
    return out.getvalue()


def _encrypted_member() -> bytes:
    """A workbook whose sheet is marked encrypted (zip's own password flag)."""
    data = bytearray(workbook())
    name = SHEET.encode()
    for signature, flags_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        at = data.find(signature)
        while at >= 0:
            if bytes(data[at + name_at : at + name_at + len(name)]) == name:
                flags = struct.unpack_from("<H", data, at + flags_at)[0]
                struct.pack_into("<H", data, at + flags_at, flags | 0x1)
            at = data.find(signature, at + 4)
    return bytes(data)


def _ole(streams: list[str]) -> bytes:
    """The start of an OLE compound file (what Excel 97-2003 and Excel's encrypted
    workbooks are) with the names of its streams in its directory, in UTF-16."""
    magic = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    directory = b"".join(s.encode("utf-16-le").ljust(128, b"\x00") for s in streams)
    return magic + b"\x00" * 504 + directory + b"\x00" * 1024


BILLION_LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>\n"
)
XXE = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


@dataclass(frozen=True)
class Ran:
    """A finished process: its exit code, output, and the time it took, on the
    clock and on the processor (user + system: what a busy machine does not
    stretch, so a bound on it holds wherever the tests run)."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    cpu_seconds: float


def run_timed(argv: list[str], *, env: dict[str, str], timeout: float = 120) -> Ran:
    """Run a process and reap it with wait4, for its own processor time."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        # Reaped here, not by Popen.wait (which would keep the usage to itself).
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                process.kill()
            time.sleep(0.01)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Ran(
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            usage.ru_utime + usage.ru_stime,
        )


@dataclass(frozen=True)
class Hostile:
    """One hostile file: its name, its bytes (made when asked: a bomb takes a
    moment) and a word the one-line refusal must contain."""

    name: str
    file_name: str
    make: Callable[[], bytes]
    says: str
    cheap: bool = True  # refused before any row is read: well under a second
    code: int = 2  # 2: the file is refused whole; 1: its rows' problems are listed


def _formula_header() -> bytes:
    cells = "".join(f'<c r="{column_letter(k)}1"><f>A{k}&amp;""</f></c>' for k in range(1, 6))
    return workbook(sheet(f'<row r="1">{cells}</row>' + row(2, ROW)))


def _cell_kind(kind: str, value: str) -> bytes:
    """A data row whose title cell says it is of `kind` and holds `value`."""
    bad = f'<c r="A2" t="{kind}"><v>{value}</v></c>' if kind else f'<c r="A2"><v>{value}</v></c>'
    return workbook(sheet(row(1, HEADER) + f'<row r="2">{bad}</row>'))


def _numeric_date(style_formats: str, value: str) -> bytes:
    """A date-formatted number Python's dates cannot hold (year 10,000 on)."""
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{_MAIN}">'
        '<cellXfs count="2"><xf numFmtId="0"/>'
        f'<xf numFmtId="{style_formats}" applyNumberFormat="1"/></cellXfs></styleSheet>'
    )
    types = CONTENT_TYPES.replace(
        "</Types>",
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    )
    rels = WORKBOOK_RELS.replace(
        "</Relationships>",
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
    )
    bad = f'<row r="2"><c r="E2" s="1"><v>{value}</v></c></row>'
    return workbook(
        sheet(row(1, HEADER) + bad),
        parts={
            "xl/styles.xml": styles,
            "[Content_Types].xml": types,
            "xl/_rels/workbook.xml.rels": rels,
        },
    )


def hostile_workbooks() -> list[Hostile]:
    """Every hostile workbook case; each must be refused with exit 2, in one line."""
    wide = "".join(cell(f"{column_letter(k)}1", f"c{k}") for k in range(1, 5002))
    return [
        Hostile(
            "entity expansion (billion laughs)",
            "laughs.xlsx",
            lambda: workbook(sheet(row(1, HEADER) + row(2, ["&lol9;"]), prolog=BILLION_LAUGHS)),
            "DTD",
        ),
        Hostile(
            "external entity",
            "xxe.xlsx",
            lambda: workbook(sheet(row(1, HEADER) + row(2, ["&xxe;"]), prolog=XXE)),
            "DTD",
        ),
        Hostile(
            "a DTD with no entity",
            "dtd.xlsx",
            lambda: workbook(sheet(GOOD_ROWS, prolog="<!DOCTYPE worksheet>\n")),
            "DTD",
        ),
        Hostile(
            "entities in [Content_Types].xml",
            "types.xlsx",
            lambda: workbook(
                parts={"[Content_Types].xml": CONTENT_TYPES.replace("?>\n", "?>\n" + XXE, 1)}
            ),
            "DTD",
        ),
        Hostile(
            "entities in the workbook part, in UTF-16",
            "utf16.xlsx",
            lambda: workbook(
                parts={
                    "xl/workbook.xml": WORKBOOK.replace('"UTF-8"', '"UTF-16"')
                    .replace("?>\n", "?>\n" + BILLION_LAUGHS, 1)
                    .encode("utf-16")
                }
            ),
            "DTD",
        ),
        Hostile(
            "zip bomb: a 1 GB sheet declared",
            "bomb-declared.xlsx",
            lambda: _with_declared_size(workbook(), SHEET, 1 << 30),
            "MB",
        ),
        Hostile(
            "zip bomb: 300 MB of spaces in 300 KB",
            "bomb.xlsx",
            lambda: _deflated_member(SHEET, 300 << 20),
            "MB",
        ),
        Hostile(
            "zip bomb: 50 MB of spaces, packed 1,000:1",
            "ratio.xlsx",
            lambda: _deflated_member(SHEET, 50 << 20),
            "200:1",
        ),
        Hostile(
            "zip bomb: 30,000 members",
            "members.xlsx",
            lambda: _many_members(30_000),
            "30,005",
        ),
        Hostile(
            "a size declared smaller than the data",
            "short.xlsx",
            lambda: _with_declared_size(workbook(), SHEET, 10),
            "Excel workbook",
        ),
        Hostile(
            "a dimension of a million rows",
            "rows.xlsx",
            lambda: workbook(sheet(GOOD_ROWS, dimension="A1:E1048576")),
            "row 1,048,576",
        ),
        Hostile(
            "a dimension of 16,384 columns",
            "columns.xlsx",
            lambda: workbook(sheet(GOOD_ROWS, dimension="A1:XFD2")),
            "16,384 columns",
        ),
        Hostile(
            "a header of 5,001 columns, no dimension",
            "wide.xlsx",
            lambda: workbook(sheet(f'<row r="1">{wide}</row>' + row(2, ROW))),
            "5,001 columns",
        ),
        Hostile(
            "a cell in the last row Excel has, no dimension",
            "far.xlsx",
            lambda: workbook(sheet(GOOD_ROWS + row(1_048_576, ["far"]))),
            "rows",
            cheap=False,
        ),
        Hostile(
            "a cell in the last column Excel has, no dimension",
            "far-column.xlsx",
            lambda: workbook(sheet(GOOD_ROWS + f'<row r="3">{cell("XFD3", "far")}</row>')),
            "16,384 columns",
        ),
        Hostile("a header of formulas without values", "formulas.xlsx", _formula_header, "formula"),
        Hostile(
            "a number cell holding text",
            "number.xlsx",
            lambda: _cell_kind("n", "abc"),
            "after row 1",
        ),
        Hostile(
            "a date cell holding no date",
            "date.xlsx",
            lambda: _cell_kind("d", "not-a-date"),
            "cannot be read",
        ),
        Hostile(
            "a true/false cell holding text",
            "bool.xlsx",
            lambda: _cell_kind("b", "maybe"),
            "cannot be read",
        ),
        Hostile(
            "a shared string that is not there",
            "shared.xlsx",
            lambda: _cell_kind("s", "99"),
            "cannot be read",
        ),
        Hostile(
            "a date in the year 30,000",
            "year.xlsx",
            lambda: _numeric_date("14", "10000000"),
            "row 2, Startdatum '#VALUE!'",  # openpyxl's word for it, a problem of the row
            code=1,
        ),
        Hostile(
            "a row number that is not a number",
            "rownumber.xlsx",
            lambda: workbook(sheet(row(1, HEADER) + '<row r="x"><c r="A2"><v>1</v></c></row>')),
            "cannot be read",
        ),
        Hostile(
            "XML that is not well-formed",
            "broken.xlsx",
            lambda: workbook(sheet(GOOD_ROWS).replace("</sheetData>", "")),
            "Excel workbook",
        ),
        Hostile("no zip at all", "text.xlsx", lambda: b"Titel;SLK\n" * 10, "zip"),
        Hostile(
            "a zip cut in half",
            "cut.xlsx",
            lambda: workbook()[: len(workbook()) // 2],
            "Excel workbook",
        ),
        Hostile(
            "a zip of something else",
            "other.xlsx",
            lambda: _zip({"notes.txt": "hello"}),
            "Excel workbook",
        ),
        Hostile(
            "a member with the zip password flag",
            "zip-password.xlsx",
            _encrypted_member,
            "password",
        ),
        Hostile(
            "a member packed by a method zipfile lacks",
            "method.xlsx",
            lambda: _with_method(workbook(), SHEET, 99),
            "Excel workbook",
        ),
        Hostile(
            "an encrypted workbook (Excel's 'Encrypt with password')",
            "encrypted.xlsx",
            lambda: _ole(["Root Entry", "EncryptionInfo", "EncryptedPackage"]),
            "password",
        ),
        Hostile(
            "an .xls workbook renamed .xlsx",
            "old.xlsx",
            lambda: _ole(["Root Entry", "Workbook"]),
            ".xls",
        ),
    ]


def _zip(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        for name, content in files.items():
            book.writestr(name, content)
    return out.getvalue()


def _with_method(data: bytes, member: str, method: int) -> bytes:
    out = bytearray(data)
    name = member.encode()
    for signature, method_at, name_at in ((b"PK\x03\x04", 8, 30), (b"PK\x01\x02", 10, 46)):
        at = out.find(signature)
        while at >= 0:
            if bytes(out[at + name_at : at + name_at + len(name)]) == name:
                struct.pack_into("<H", out, at + method_at, method)
            at = out.find(signature, at + 4)
    return bytes(out)


def hostile_csvs() -> list[Hostile]:
    """The CSV files refused whole, at once, exit 2."""
    header = ",".join(["Titel", "Förvaltning/bolag", "Område", "Vänorter"])
    return [
        Hostile(
            "a header of a million columns",
            "million.csv",
            lambda: ("a," * 1_000_000 + "b\n").encode(),
            "1,000,001 columns",
        ),
        Hostile(
            "a header of a million semicolon columns",
            "million-semicolons.csv",
            lambda: ("Titel;" * 1_000_000 + "\n").encode(),
            "columns",
        ),
        Hostile(
            "a row of a million cells",
            "wide-row.csv",
            lambda: (header + "\n" + "x," * 1_000_000 + "\n").encode(),
            "columns",
        ),
        Hostile(
            "a 10 MB header cell",
            "huge-field.csv",
            lambda: ('"' + "x" * 10_000_000 + '"\n').encode(),
            "line 1",
        ),
        Hostile(
            "a 2 MB cell in a row (beyond csv.field_size_limit)",
            "huge-cell.csv",
            lambda: (header + "\n" + "y" * 2_000_000 + ",SLK,Kultur,Åbo\n").encode(),
            "line 2",
        ),
        Hostile(
            "a 40 MB line without an end",
            "one-line.csv",
            lambda: b"z" * 40_000_000,
            "line 1",
        ),
        Hostile("NUL bytes", "nul.csv", lambda: (header + "\n\x00\x00\x00\n").encode(), "text"),
        Hostile(
            "bytes no text has",
            "binary.csv",
            lambda: b"Titel;Omr\x81de\r\n\x8d\x8f\x90\x9d\n",
            "text",
        ),
    ]


def hostile_jsons() -> list[Hostile]:
    """The JSON files (`collaborations export -o FILE.json`) refused whole, exit 2."""
    return [
        Hostile(
            "a list nested 200,000 deep",
            "deep.json",
            lambda: b"[" * 200_000 + b"]" * 200_000,
            "deeper",
        ),
        Hostile(
            "a cell nested 5,000 deep",
            "deep-cell.json",
            lambda: b'[{"title": ' + b"[" * 5_000 + b"]" * 5_000 + b"}]",
            "deeper",
        ),
        Hostile(
            "an object of a million keys",
            "keys.json",
            lambda: ("[{" + ",".join(f'"k{n}": 1' for n in range(1_000_000)) + "}]").encode(),
            "1,000,000 columns",
        ),
    ]
