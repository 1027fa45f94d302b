"""Compiles the translation catalogs (`.po` -> `.mo`) when vanort is built or
installed, so that a plain `pip install .` speaks Swedish without a further step.

The `.mo` files are written beside their `.po` in the source tree (an editable
install reads them there) and force-included in a wheel (they are not in git)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src/vanort_cli/locale")


class CatalogHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        for po in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle)
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            mo = po.with_suffix(".mo")
            mo.write_bytes(buffer.getvalue())
            inside = "vanort_cli/" + mo.relative_to(root / "src/vanort_cli").as_posix()
            build_data["force_include"][str(mo)] = inside
