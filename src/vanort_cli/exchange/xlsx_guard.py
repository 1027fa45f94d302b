"""What is checked in a workbook's bytes before openpyxl reads any of them.

A workbook (.xlsx) is a zip of XML files, and a file an administration was sent
may be built to hurt whatever opens it: a zip bomb (a few hundred kilobytes that
unpack to gigabytes), XML whose DTD expands entities a billion-fold or reads
other files (XXE), an encrypted workbook or an .xls under an .xlsx name. Each is
refused here in one line, from the zip's directory and the first bytes of each
part, in milliseconds: nothing is unpacked in full and no row is read.

openpyxl reads XML through defusedxml (a dependency, so always there), which
forbids entities too; this check comes first and refuses any DTD at all, which
no workbook Excel or LibreOffice saves has.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from vanort_cli.errors import UsageError
from vanort_cli.i18n import Number
from vanort_cli.i18n import messages as m

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: .xls, or an encrypted .xlsx
# Excel's "Encrypt with Password" wraps the workbook in an OLE file with this stream.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

# The limits, measured against a real intake workbook of 20,000 rows and eleven
# columns (openpyxl's own, with a long description a row): 800 KB on disk, its
# sheet 16 MB unpacked at 20:1, nine parts. Each limit is far above that.
MAX_PARTS = 10_000  # a workbook has about ten; a thousand sheets with pictures fit
MAX_PART_BYTES = 256 * 2**20  # one part unpacked: 16 times that sheet
MAX_UNPACKED_BYTES = 512 * 2**20  # all the parts together
# Sheets pack 10-20:1; a run of one byte packs 1,000:1 (deflate's best). A part
# that unpacks to more than a megabyte at more than this is a bomb, not a sheet.
MAX_RATIO = 200
_RATIO_FROM_BYTES = 2**20
# How much of a part is unpacked at a time while looking for its root element.
_CHUNK = 4096


class _Doctype(Exception):
    """A DTD in the prolog of a part."""


class _Root(Exception):
    """The root element began: no DTD can follow."""


def refuse_ole(data: bytes, path: Path | str) -> None:
    """UsageError if the bytes are an OLE file: an encrypted workbook or an .xls."""
    if not data.startswith(OLE):
        return
    if _ENCRYPTED_STREAM in data:
        raise UsageError(m.IMPORT_ENCRYPTED.format(path=path))
    raise UsageError(m.IMPORT_OLD_EXCEL.format(path=path))


def check_workbook(data: bytes, path: Path | str) -> None:
    """UsageError, in one line naming the file and the problem, unless the bytes
    are a zip whose parts unpack to sane sizes and hold no DTD."""
    refuse_ole(data, path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise UsageError(m.IMPORT_NOT_WORKBOOK.format(path=path, reason=error)) from None
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise UsageError(
                m.IMPORT_WORKBOOK_PARTS.format(path=path, parts=len(parts), limit=MAX_PARTS)
            )
        total = 0
        for part in parts:
            _check_sizes(part, path)
            total += part.file_size
        if total > MAX_UNPACKED_BYTES:
            raise UsageError(
                m.IMPORT_WORKBOOK_UNPACKED.format(
                    path=path, size=Number(total // 2**20), limit=MAX_UNPACKED_BYTES // 2**20
                )
            )
        for part in parts:
            _check_prolog(archive, part, path)


def _check_sizes(part: zipfile.ZipInfo, path: Path | str) -> None:
    # Python's zipfile never unpacks more than a part's declared size (it stops
    # there and fails on the checksum), so the declared sizes bound the work.
    if part.flag_bits & 0x1:
        raise UsageError(m.IMPORT_ENCRYPTED.format(path=path))
    if part.file_size > MAX_PART_BYTES:
        raise UsageError(
            m.IMPORT_WORKBOOK_PART_SIZE.format(
                path=path,
                part=part.filename,
                size=Number(part.file_size // 2**20),
                limit=MAX_PART_BYTES // 2**20,
            )
        )
    if part.file_size > _RATIO_FROM_BYTES and part.file_size > MAX_RATIO * max(
        part.compress_size, 1
    ):
        raise UsageError(
            m.IMPORT_WORKBOOK_PACKED.format(
                path=path,
                part=part.filename,
                ratio=Number(part.file_size // max(part.compress_size, 1)),
                limit=MAX_RATIO,
            )
        )


def _check_prolog(archive: zipfile.ZipFile, part: zipfile.ZipInfo, path: Path | str) -> None:
    """Refuse a part with a DTD. A DTD can stand only before the root element, so
    the part is unpacked only until that begins (a picture, no XML, stops at once)."""
    parser = expat.ParserCreate()

    def doctype(*_: object) -> None:
        raise _Doctype

    def root(*_: object) -> None:
        raise _Root

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = root
    try:
        with archive.open(part) as unpacked:
            while chunk := unpacked.read(_CHUNK):
                parser.Parse(chunk, False)
    except _Doctype:
        raise UsageError(m.IMPORT_WORKBOOK_DTD.format(path=path, part=part.filename)) from None
    except (_Root, expat.ExpatError):
        return  # the root began, or this part is no XML: openpyxl judges it
    except (zipfile.BadZipFile, NotImplementedError, zlib.error, EOFError, OSError) as error:
        raise UsageError(m.IMPORT_NOT_WORKBOOK.format(path=path, reason=error)) from None
