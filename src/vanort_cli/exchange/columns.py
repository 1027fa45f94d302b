"""The columns of a collaboration in an exchange file.

Machines and round trips use the English keys vanort writes (`title`,
`start_date`, ...); people write headers in Swedish (`Titel`, `Startdatum`,
`Förvaltning/bolag`, ...) or in English (`Title`, `Start date`,
`Administration/company`, ...), in any case and order. All of them are accepted
on import, whatever the language of the command; the template the office sends
out is headed in the language it was made in (`ExchangeColumn.heading`). The
headers are names, like a town's: both are kept here, not in the catalog, so
that an import never depends on a translation. The forms of collaboration are
words, not names: a cell is read by every word the values give a form
(`i18n.values`, their Swedish from the catalog), as tables and the template
show them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vanort_cli.domain.names import normalise
from vanort_cli.i18n import pick, translations, values


@dataclass(frozen=True)
class ExchangeColumn:
    key: str  # the key vanort writes (export, JSON, CSV for machines)
    header_sv: str  # the header people fill in, in Swedish
    header: str  # ... and in English
    aliases: tuple[str, ...] = ()  # other headers people write
    required: bool = False
    imported: bool = True  # False: accepted in a file (an export), not read

    @property
    def heading(self) -> str:
        """The header in the language of the command (Titel / Title)."""
        return pick(self.header, self.header_sv)


COLUMNS: tuple[ExchangeColumn, ...] = (
    ExchangeColumn("id", "Id", "Id", imported=False),
    ExchangeColumn("title", "Titel", "Title", ("rubrik", "benämning", "namn"), required=True),
    ExchangeColumn(
        "towns",
        "Vänorter",
        "Towns",
        # "Orter" heads the towns of a listing written for Excel in Swedish.
        (
            "vänort",
            "vänorter",
            "ort",
            "orter",
            "vänstad",
            "vänstäder",
            "partnerstad",
            "stad",
            "städer",
            "town",
        ),
        required=True,
    ),
    ExchangeColumn(
        "organisation",
        "Förvaltning/bolag",
        "Administration/company",
        ("förvaltning", "bolag", "förvaltning eller bolag", "organisation", "org"),
        required=True,
    ),
    ExchangeColumn("area", "Område", "Area", ("sakområde", "verksamhetsområde"), required=True),
    ExchangeColumn("kind", "Form", "Kind", ("samarbetsform", "typ")),
    ExchangeColumn(
        "start_date", "Startdatum", "Start date", ("start", "startar", "från", "start date")
    ),
    ExchangeColumn("end_date", "Slutdatum", "End date", ("slut", "slutar", "till", "end date")),
    ExchangeColumn("description", "Beskrivning", "Description", ()),
    ExchangeColumn("contact", "Kontakt", "Contact", ("kontaktperson",)),
    ExchangeColumn(
        "reported_by", "Rapporterad av", "Reported by", ("inrapporterad av", "uppgiftslämnare")
    ),
    ExchangeColumn(
        "reported_on",
        "Rapporteringsdatum",
        "Reported on",
        ("rapporterad", "inrapporterad", "rapportdatum"),
    ),
    ExchangeColumn("created_at", "Skapad", "Created", imported=False),
    ExchangeColumn("updated_at", "Ändrad", "Updated", imported=False),
    # Columns of `collaborations list -f csv` and `report -f csv` that say what
    # the others imply: accepted, so that those files import too, and not read.
    ExchangeColumn("organisation_kind", "Organisationstyp", "Organisation kind", imported=False),
    ExchangeColumn("ongoing", "Pågår", "Ongoing", imported=False),
    ExchangeColumn("new_this_year", "Ny i år", "New this year", imported=False),
)
_LISTING_ONLY = ("organisation_kind", "ongoing", "new_this_year")
BY_KEY = {c.key: c for c in COLUMNS}
# The columns of an export, in order: every field, ids included.
EXPORT_KEYS = tuple(c.key for c in COLUMNS if c.key not in _LISTING_ONLY)
# The columns of the template, in order: what an administration fills in.
TEMPLATE_KEYS = (
    "title",
    "organisation",
    "area",
    "towns",
    "kind",
    "start_date",
    "end_date",
    "description",
    "contact",
)
REQUIRED_KEYS = tuple(c.key for c in COLUMNS if c.required)


def _fold(header: str) -> str:
    """`Förvaltning/bolag` -> `forvaltningbolag`, `start_date` -> `startdate`."""
    return normalise(header).replace(" ", "")


_HEADERS: dict[str, str] = {}
for _column in COLUMNS:
    for _spelling in (_column.key, _column.header_sv, _column.header, *_column.aliases):
        _HEADERS.setdefault(_fold(_spelling), _column.key)


def column_for(header: str) -> str | None:
    """The key a header means, in English or Swedish, any case or spacing; None if unknown."""
    return _HEADERS.get(_fold(header))


def known_headers() -> tuple[str, ...]:
    """Every header accepted, for a 'did you mean' hint."""
    return tuple(sorted({s for c in COLUMNS for s in (c.key, c.header_sv, c.header, *c.aliases)}))


def kinds_in_swedish() -> dict[str, str]:
    """Each form of collaboration's key and the Swedish word people (and the
    template) write for it: project -> projekt (i18n.values, the catalog)."""
    swedish = translations("sv")
    return {value.key: swedish.gettext(value.short) for value in values.COLLABORATION_KIND}


# Words for a form that the values no longer give: the memo once said "Övrigt",
# and the template "utbyte" before erfarenhetsutbyte became the one Swedish term.
_KIND_ALIASES = {values.fold("Övrigt"): "other", values.fold("utbyte"): "exchange"}


@lru_cache(maxsize=256)
def kind_for(text: str) -> str | None:
    """The form of collaboration a cell names, in English or Swedish, as the command
    line reads it (i18n.values); None if unknown."""
    return values.COLLABORATION_KIND.read(text) or _KIND_ALIASES.get(values.fold(text))


# Several towns in one cell: "Åbo, Bergen", "Åbo; Bergen", "Åbo/Bergen", "Åbo och Bergen".
_TOWN_SEPARATORS = re.compile(r"\s*(?:[,;/]|\boch\b|\band\b|&)\s*", re.IGNORECASE)
TOWN_SEPARATOR = "; "  # what vanort writes: one cell, read back by split_towns


def split_towns(cell: str) -> list[str]:
    """The town names in one cell, in order, without empties."""
    return [name for name in _TOWN_SEPARATORS.split(cell) if name.strip()]
