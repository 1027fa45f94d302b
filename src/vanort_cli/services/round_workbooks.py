"""The workbook each organisation of a round receives, in its contact's language.

THE LEAD'S STUB (round-workbooks replaces the body, keeping the signature, which
round-letters attaches): for now the plain template in the language.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session

from vanort_cli.i18n import speaking
from vanort_cli.store.models import Organisation


@dataclass(frozen=True)
class RoundWorkbook:
    organisation: str  # its name
    filename: str  # e.g. rapportering-2026-kulturforvaltningen.xlsx
    language: str  # sv | en
    content: bytes  # the .xlsx


def round_workbook(
    *, session: Session, year: int, org: Organisation, language: str, today: date
) -> RoundWorkbook:
    """The workbook for `org` in the round for `year`, in `language`."""
    from vanort_cli.exchange.template import write_template
    from vanort_cli.services.template import template_example, template_lists

    with speaking(language), tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "workbook.xlsx"
        lists = template_lists(session=session, today=today)
        write_template(path, lists, template_example(lists, today))
        content = path.read_bytes()
    return RoundWorkbook(org.name, f"vanort-{year}-{org.key}.xlsx", language, content)
