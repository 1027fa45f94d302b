"""A `.po` catalogue compiled in memory, for a checkout whose `.po` is newer than
its `.mo` (a developer's edit is seen at once).

The run-time half of the catalogue: Babel's `.po` reader and `.mo` writer only.
Extracting sentences from the source and checking translations is the
developer's tool (`python -m vanort_cli.i18n.catalog`), which no command
imports."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def compiled(path: Path) -> gettext.GNUTranslations:
    """The catalogue at `path` compiled in memory, as a `.mo` would load."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="sv")
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
