"""The Swedish catalog: complete, in step with the source, and sound."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.main import get_command

from vanort_cli import i18n
from vanort_cli.cli.app import app
from vanort_cli.i18n import catalog, compile

FIX = "run `python -m vanort_cli.i18n.catalog update` and translate the new entries"


@pytest.fixture(scope="module")
def swedish() -> Any:
    return catalog.read(catalog.po_path())


def test_every_sentence_of_the_source_is_in_the_catalog(swedish: Any) -> None:
    missing = sorted({f.message[:80] for f in catalog.extract() if f.message not in swedish})
    assert missing == [], f"not in the catalog ({FIX}): {missing[:20]}"


def test_every_entry_is_translated_with_the_same_placeholders_and_commands(swedish: Any) -> None:
    problems = catalog.problems(swedish)
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems[:40])


def _helps(command: Any) -> list[str]:
    texts = [command.help, command.epilog, command.short_help]
    for param in command.params:
        texts.append(getattr(param, "help", None))
    for sub in getattr(command, "commands", {}).values():
        texts.extend(_helps(sub))
    return [t for t in texts if t]


def test_every_help_text_of_the_command_tree_is_in_the_catalog(swedish: Any) -> None:
    """What Typer gives each command and option, before vanort words it."""
    missing = sorted({t[:80] for t in _helps(get_command(app)) if t not in swedish})
    assert missing == [], f"help texts not in the catalog ({FIX}): {missing}"


def test_the_catalog_compiles_and_says_swedish() -> None:
    compiled = compile.compiled(catalog.po_path())
    assert compiled.gettext("Options") != "Options"


@given(
    lang=st.sampled_from(["sv", "en"]),
    env=st.dictionaries(
        st.sampled_from(["VANORT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]),
        st.sampled_from(["", "sv", "sv_SE.UTF-8", "sv_FI", "en_GB.UTF-8", "C.UTF-8", "de_DE"]),
    ),
)
def test_the_language_is_the_option_then_vanort_lang_then_the_first_locale_set(
    lang: str, env: dict[str, str]
) -> None:
    assert i18n.choose(["--lang", lang, "next-meeting"], env) == lang
    try:
        chosen = i18n.choose(["next-meeting"], env)
    except i18n.UnknownLanguage:
        # VANORT_LANG names a language; a locale that is neither sv nor en is refused.
        assert i18n.normalise(env["VANORT_LANG"]) is None
        return
    if env.get("VANORT_LANG"):
        assert chosen == env["VANORT_LANG"][:2]
        return
    first = next((env[n] for n in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(n)), "")
    assert chosen == ("sv" if first.startswith("sv") else "en")


def test_a_subcommand_option_named_lang_is_not_the_language() -> None:
    assert i18n.lang_argument(["--db", "x.db", "--lang=sv", "report"]) == "sv"
    assert i18n.lang_argument(["report", "--lang", "sv"]) is None


def test_no_command_can_reach_babels_extraction_code() -> None:
    """The run-time catalogue is compile.py; the developer's tool is never imported."""
    import subprocess
    import sys

    code = (
        "import sys; from vanort_cli.i18n import compile, speaking;"
        "from vanort_cli.i18n import messages as m;"
        "import vanort_cli.cli.app;"
        "bad = [n for n in sys.modules if n.startswith(('babel.messages.extract',"
        " 'vanort_cli.i18n.catalog'))];"
        "print(bad)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"
