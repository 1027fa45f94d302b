"""Which language vanort speaks to a person, and the Swedish beside the English.

English is the source language: every sentence is written in English where it
lives, and its Swedish is in the gettext catalog
`vanort_cli/locale/sv/LC_MESSAGES/vanort.po` (compiled to `.mo` when the package
is built or installed; see `hatch_build.py`). What scripts read (JSON keys, CSV
keys for machines, status values, `check` codes, exit codes) never passes
through here, so it is the same in every language. A value's words for people
(a status, a kind) have one owner, `values.py`.

The room holds the English sentences (`messages.py`), the one owner of every
value's words (`values.py`: statuses, kinds, forms, roles), Babel's dates and
numbers in prose (`prose.py`), the run-time catalogue (`compile.py`) and the
developer's catalogue tool (`catalog.py`, which no command imports). The bottom
floor but one: outside it, it imports only the domain's folding of names.

The language is chosen once per command, before the command tree is built
(`--lang`, else `VANORT_LANG`, else the locale), and every lookup happens when a
sentence is shown, not when a module is imported: that keeps `--help` as cheap
as before and lets one process (the tests) speak both languages.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from pathlib import Path
from typing import Final

DOMAIN: Final = "vanort"
LANGUAGES: Final = ("sv", "en")
SOURCE_LANGUAGE: Final = "en"
LOCALE_DIR: Final = Path(__file__).resolve().parent.parent / "locale"
LANG_ENV: Final = "VANORT_LANG"
# The locale variables in the order POSIX consults them for messages.
LOCALE_ENVS: Final = ("LC_ALL", "LC_MESSAGES", "LANG")

# The language of the command running now; a context variable, not a global, so
# that the web front's requests (threads, tasks) each speak their reader's.
_language: ContextVar[str] = ContextVar("vanort_language", default=SOURCE_LANGUAGE)
_catalogs: dict[str, _gettext.NullTranslations] = {}


class UnknownLanguage(ValueError):
    """A language vanort does not speak, asked for by name (`VANORT_LANG=de`)."""

    def __init__(self, source: str, value: str) -> None:
        super().__init__(value)
        self.source = source
        self.value = value


def normalise(value: str) -> str | None:
    """`sv`, `sv_SE.UTF-8`, `SV-fi` -> "sv"; `en_GB` -> "en"; anything else -> None."""
    code = value.strip().lower().replace("-", "_").split(".")[0].split("@")[0].split("_")[0]
    return code if code in LANGUAGES else None


def lang_argument(argv: Sequence[str]) -> str | None:
    """The value of a global `--lang X` / `--lang=X` before the subcommand, if any."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--lang":
            return argv[i + 1] if i + 1 < len(argv) else None
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if not arg.startswith("-"):
            return None  # the subcommand: its options are its own
        i += 2 if arg == "--db" else 1
    return None


def choose(argv: Sequence[str] = (), environ: Mapping[str, str] | None = None) -> str:
    """The language for this command: `--lang`, `VANORT_LANG`, then the locale.

    A locale that is not Swedish means English (`C.UTF-8`, `de_DE`); a language
    asked for by name that vanort does not speak raises UnknownLanguage."""
    env = os.environ if environ is None else environ
    given = lang_argument(argv)
    if given is not None:
        chosen = normalise(given)
        if chosen is None:
            raise UnknownLanguage("--lang", given)
        return chosen
    if env.get(LANG_ENV):
        chosen = normalise(env[LANG_ENV])
        if chosen is None:
            raise UnknownLanguage(LANG_ENV, env[LANG_ENV])
        return chosen
    for name in LOCALE_ENVS:
        if env.get(name):
            return "sv" if normalise(env[name]) == "sv" else "en"
    return SOURCE_LANGUAGE


def set_language(code: str) -> None:
    if code not in LANGUAGES:
        raise UnknownLanguage("language", code)
    _language.set(code)


def language() -> str:
    return _language.get()


def is_swedish() -> bool:
    return _language.get() == "sv"


def translations(code: str) -> _gettext.NullTranslations:
    """The translations into `code`, read once per process."""
    if code not in _catalogs:
        _catalogs[code] = _load(code)
    return _catalogs[code]


def _load(code: str) -> _gettext.NullTranslations:
    if code == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    folder = LOCALE_DIR / code / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    # In a checkout the .po can be newer than the .mo the last install compiled:
    # then the .po is what the developer means, compiled here in memory.
    if po.exists() and (not mo.exists() or po.stat().st_mtime > mo.stat().st_mtime):
        from vanort_cli.i18n.compile import compiled

        return compiled(po)
    if mo.exists():
        with mo.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    return _gettext.NullTranslations()


def gettext(message: str) -> str:
    """`message` (English) in the current language."""
    current = _language.get()
    if current == SOURCE_LANGUAGE or not message:
        return message
    return translations(current).gettext(message)


_ = gettext


def N_(message: str) -> str:
    """Marks `message` for translation where it is defined (a module constant, a
    table header) without translating it: it is translated where it is shown."""
    return message


def pick(english: str, swedish: str) -> str:
    """The one of two names of a thing (a town, an area) for the current language."""
    return swedish if _language.get() == "sv" and swedish else english


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """Speak `code` for a while: JSON is worded in English whatever the reader's
    language (scripts read it), then the reader's language comes back."""
    token = _language.set(code)
    try:
        yield
    finally:
        _language.reset(token)


class Worded:
    """A value worded when it is shown, in the language of that moment: a table
    shows it in the reader's language, JSON in English (see `output.to_jsonable`)."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other: object) -> bool:
        return str(self) == (str(other) if isinstance(other, Worded | str) else other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


class Name(Worded):
    """A thing with an English and a Swedish name (Turku / Åbo): the one of the language."""

    __slots__ = ("english", "swedish")

    def __init__(self, english: str, swedish: str | None = None) -> None:
        self.english = english
        self.swedish = swedish or english

    def __str__(self) -> str:
        return self.swedish if _language.get() == "sv" else self.english


class Joined(Worded):
    """Parts worded one after another when shown (sentences of a note, names in a
    list), each part a `Worded` or plain text: `Joined([Name("Turku", "Åbo"),
    Name("Bergen")], ", ")`."""

    __slots__ = ("parts", "separator")

    def __init__(self, parts: Iterable[object], separator: str = " ") -> None:
        self.parts = tuple(parts)
        self.separator = separator

    def __str__(self) -> str:
        return self.separator.join(str(part) for part in self.parts)


class Day(Worded):
    """A date in prose: "1 mars 2026", "1 March 2026" (Babel's long format)."""

    __slots__ = ("day",)

    def __init__(self, day: date) -> None:
        self.day = day

    def __str__(self) -> str:
        from vanort_cli.i18n.prose import long_date

        return long_date(self.day, _language.get())


class Number(Worded):
    """A number in prose: "1 234" in Swedish, "1,234" in English."""

    __slots__ = ("value",)

    def __init__(self, value: int | float) -> None:
        self.value = value

    def __str__(self) -> str:
        from vanort_cli.i18n.prose import number

        return number(self.value, _language.get())


def plural_form(count: int, spec: str, shown: str) -> str:
    """The form of a counted phrase that agrees with `count`: `spec` is
    `one|many` (`# samarbete|# samarbeten`) or `none|one|many` (`inga
    samarbeten|# samarbete|# samarbeten`), where `#` stands for the count as
    `shown` writes it. With two forms, zero takes the plural ("0 rows"); a
    sentence that must not say "0 samarbeten pågick" gives the third form.
    A `|` inside a form is not possible: the spec is split on every `|`."""
    forms = spec.split("|")
    if len(forms) == 2:
        forms = [forms[1], *forms]
    none, one, many = forms[0], forms[1], "|".join(forms[2:])
    chosen = none if count == 0 else one if count == 1 else many
    return chosen.replace("#", shown)
