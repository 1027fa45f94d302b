"""conftest.SLOWEST_FIRST names tests by node id so the two workers share the
slowest ones; a renamed or moved test would silently drop out of it."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import SLOWEST_FIRST

ROOT = Path(__file__).resolve().parent.parent


def test_every_test_handed_out_first_still_exists() -> None:
    for node in SLOWEST_FIRST:
        path, name = node.split("::")
        source = (ROOT / path).read_text(encoding="utf-8")
        assert re.search(rf"^(async )?def {re.escape(name)}\(", source, re.MULTILINE), node
