"""The words of every enumerated value vanort shows: one place for each value's words.

A value has a key and words. The key (`held`, `bolag`, `study-visit`) is what JSON,
CSV, the database and the command line keep, the same in every language. The words
are what people read: `short` for a table's cell or a line of the terminal, `long`
where there is room for a phrase (the memo, the printable report, the calendar, a
chart's legend); a value with one word has no `long`. Words are English here and
Swedish in the catalog (`vanort.po`), like every other sentence, so a value is
worded in one language whatever shows it: the report's table, its list and its memo
all say "company" (bolag) for a company.

Which values are allowed is not decided here: the models and the domain say that
(`domain.rotation.ScheduleStatus`, `services.collaborations.COLLABORATION_KINDS`,
...); `tests/test_values.py` holds the two together. Two families have their words
in the shipped data instead, beside their keys, because staff change them as data:
the areas (data/areas.toml, copied into the registry's `area` table) and the
preparation steps (data/preparation.toml). A `check` code is no word but a name
for scripts, shown as it is in every language; what a finding says is its sentence
(`messages.CHECK_*`) and its severity, worded here.

A value's words are also what people may type for it (issue 23): `Family.read`
takes a key or any word of a value, English or Swedish, short or long, in any case
and with or without diacritics (`INSTÄLLT`, `installt`, `cancelled`), and gives
back its key; `Family.listing` says what can be typed, in the language of the moment.
Every option that takes a value reads it here (cli/common.py `value_option`).

This module sits on the lowest floors (it imports only `vanort_cli.i18n` and the
pure folding of names, `domain.names.normalise`), so every renderer (output/,
reports/, exchange/, cli/) can ask it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from vanort_cli.domain.names import normalise
from vanort_cli.i18n import N_, Worded, gettext, is_swedish, translations

# The last of several words in a sentence: "held, planned or cancelled".
_EITHER: Final = N_("{some} or {last}")


@dataclass(frozen=True)
class Value:
    """One value: its key and its English words (catalog entries).

    A value whose words are data (a preparation step, data/preparation.toml) carries
    its Swedish words itself, `short_sv` and `long_sv`, instead of the catalog's."""

    key: str
    short: str
    long: str | None = None  # None: the short word says it all
    short_sv: str | None = None
    long_sv: str | None = None
    # Words vanort once showed for it, still read: people keep what they learnt.
    former: tuple[str, ...] = ()

    def english(self, *, long: bool = False) -> str:
        return (self.long or self.short) if long else self.short

    def swedish(self, *, long: bool = False) -> str:
        if self.short_sv is None:
            return translations("sv").gettext(self.english(long=long))
        return (self.long_sv or self.short_sv) if long else self.short_sv

    def spellings(self) -> tuple[str, ...]:
        """Everything a person may type for it: its key and every word of it."""
        return (
            self.key,
            *(self.english(long=long) for long in (False, True)),
            *(self.swedish(long=long) for long in (False, True)),
            *self.former,
        )


def fold(typed: str) -> str:
    """A typed word as it is compared: case, diacritics, hyphens and spaces aside
    (`Studiebesök`, `studiebesok`, `study visit`, `study-visit`)."""
    return normalise(typed).replace(" ", "")


class Family:
    """The values of one kind of thing (a meeting's status, an organisation's kind),
    in the order people see them listed."""

    __slots__ = ("_read", "_values", "keys", "name")

    def __init__(self, name: str, *values: Value) -> None:
        self.name = name
        self._values = {value.key: value for value in values}
        self.keys: tuple[str, ...] = tuple(self._values)
        self._read: dict[str, str] | None = None
        if len(self._values) != len(values):
            raise ValueError(f"{name}: a key twice")

    def __iter__(self) -> Iterator[Value]:
        return iter(self._values.values())

    def __repr__(self) -> str:
        return f"Family({self.name!r})"

    def word(self, key: str, *, long: bool = False) -> str:
        """The word of `key` in the language of the moment; a key the family does not
        know (a value written by a newer vanort) as it is."""
        value = self._values.get(key)
        if value is None:
            return key
        if value.short_sv is not None:  # words that are data, not the catalog's
            return value.swedish(long=long) if is_swedish() else value.english(long=long)
        return gettext(value.english(long=long))

    def listing(self, *, long: bool = False) -> str:
        """Every value's word in a sentence: "projekt, nätverk, erfarenhetsutbyte, studiebesök
        eller annat"."""
        words = [self.word(key, long=long) for key in self.keys]
        if len(words) < 2:
            return "".join(words)
        return gettext(_EITHER).format(some=", ".join(words[:-1]), last=words[-1])

    def worded(self, key: str, *, long: bool = False) -> Word:
        """The word of `key`, worded when it is shown (see `Word`)."""
        return Word(self, key, long=long)

    # -- what people type -------------------------------------------------------

    def only(self, *keys: str) -> Family:
        """The same family with only `keys`: what one option accepts (`meeting record
        --status` takes no `expected`)."""
        return Family(self.name, *(self._values[key] for key in keys))

    def read(self, typed: str) -> str | None:
        """The key of the value `typed` names: its key or any of its words, English or
        Swedish, short or long, in any case, with or without diacritics; None if it
        names none. Whatever the language of the moment: a Swede may type `held`."""
        if self._read is None:
            read: dict[str, str] = {}
            for value in self:
                for spelling in value.spellings():
                    known = read.setdefault(fold(spelling), value.key)
                    if known != value.key:
                        raise ValueError(f"{self.name}: {spelling!r} names {known} and {value.key}")
            self._read = read
        return self._read.get(fold(typed))

    def spellings(self, key: str) -> list[str]:
        """The short words of `key`: the one of the language of the moment, its key,
        the other language's (for completion)."""
        value = self._values[key]
        words = [value.swedish(), key, value.english()]
        return list(dict.fromkeys(words if is_swedish() else words[::-1]))


class Word(Worded):
    """A value's word, worded when shown, in the language of that moment: a note
    put together now reads "hållet" in a Swedish table and "held" in JSON."""

    __slots__ = ("family", "key", "long")

    def __init__(self, family: Family, key: str, *, long: bool = False) -> None:
        self.family = family
        self.key = key
        self.long = long

    def __str__(self) -> str:
        return self.family.word(self.key, long=self.long)


# -- the families ---------------------------------------------------------------------

# A meeting year's status: recorded (held ... cancelled) or computed from the
# rotation (expected, or unrecorded for a past year nobody recorded).
MEETING_STATUS: Final = Family(
    "meeting status",
    Value("held", N_("held")),
    Value("planned", N_("planned")),
    Value("postponed", N_("postponed")),
    Value("cancelled", N_("cancelled")),
    Value("expected", N_("expected"), N_("computed from the rotation")),
    Value("unrecorded", N_("unrecorded"), N_("computed from the rotation, not recorded")),
)
# Where a year of the schedule comes from: a meeting record, or the rotation.
SCHEDULE_SOURCE: Final = Family(
    "schedule source",
    Value("recorded", N_("recorded")),
    Value("rotation", N_("rotation"), N_("computed from the rotation")),
)
TOWN_KIND: Final = Family(
    "town kind",
    Value("twin", N_("twin"), N_("twin town")),
    Value("partner", N_("partner"), N_("partner city")),
)
TOWN_STATUS: Final = Family(
    "town status",
    Value("active", N_("active")),
    Value("dormant", N_("dormant")),
    Value("retired", N_("retired")),
    Value("ended", N_("ended")),
)
# What a decision on a town did (the `action` of `towns show`'s decisions).
DECISION_ACTION: Final = Family(
    "decision action",
    Value("establish", N_("establish")),
    Value("retire", N_("retire")),
    Value("status", N_("status")),
)
# An administration (förvaltning) or a company (bolag): the keys are the Swedish
# words staff type, the English words what an English reader is shown.
ORGANISATION_KIND: Final = Family(
    "organisation kind",
    Value("forvaltning", N_("administration")),
    Value("bolag", N_("company")),
)
# An organisation as of today: retired once its last day has passed.
ORGANISATION_STATUS: Final = Family(
    "organisation status",
    Value("active", N_("active")),
    Value("retired", N_("retired")),
)
# The form of a collaboration (its `kind`).
COLLABORATION_KIND: Final = Family(
    "form of collaboration",
    Value("project", N_("project")),
    Value("network", N_("network")),
    # Swedish said "utbyte" before "erfarenhetsutbyte" became the one term.
    Value("exchange", N_("exchange"), N_("exchange of experience"), former=("utbyte",)),
    Value("study-visit", N_("study-visit"), N_("study visit")),
    Value("other", N_("other")),
)
# A step of a Göteborg-hosted meeting's preparation; `not-applicable` once the
# meeting is held or will not be (a step left open is no longer anyone's task,
# not late); `void` only in the calendar, for every step of a meeting that will
# not be held.
STEP_STATUS: Final = Family(
    "preparation step status",
    Value("done", N_("done")),
    Value("late", N_("late")),
    Value("upcoming", N_("upcoming")),
    Value("undated", N_("undated")),
    Value("not-applicable", N_("not applicable")),
    Value("void", N_("no longer due")),
)
# The evaluation due after a meeting Gothenburg hosted (P11); `forecast` and `void`
# only in the calendar (the meeting is still to be held, or will not be).
EVALUATION_STATUS: Final = Family(
    "evaluation status",
    Value("due", N_("due")),
    Value("overdue", N_("overdue")),
    Value("done", N_("done"), N_("submitted")),
    Value("forecast", N_("estimated")),
    Value("void", N_("no longer due")),
)
# How grave a `check` finding is.
SEVERITY: Final = Family(
    "severity",
    Value("error", N_("error")),
    Value("warning", N_("warning")),
)
# The roles of a registry on a PostgreSQL server (`db roles --as ROLE`): a name,
# and what each may do.
ROLE: Final = Family(
    "role",
    Value("reader", N_("reader"), N_("read the registry")),
    Value("reporter", N_("reporter"), N_("log and edit its own collaborations")),
    Value("editor", N_("editor"), N_("change the registry, but not its history or its schema")),
    Value("web", N_("web"), N_("write collaborations and round answers for the reporters' web")),
)

# What `restore-record` brings back: a meeting or a collaboration.
RECORD_KIND: Final = Family(
    "kind of record",
    Value("meeting", N_("meeting")),
    Value("collaboration", N_("collaboration")),
)

FAMILIES: Final = (
    MEETING_STATUS,
    SCHEDULE_SOURCE,
    TOWN_KIND,
    TOWN_STATUS,
    DECISION_ACTION,
    ORGANISATION_KIND,
    ORGANISATION_STATUS,
    COLLABORATION_KIND,
    STEP_STATUS,
    EVALUATION_STATUS,
    SEVERITY,
    ROLE,
    RECORD_KIND,
)


def words_of(rows: Iterable[tuple[str, str, str, str, str]], name: str) -> Family:
    """A family whose words are data: (key, English short, English long, Swedish
    short, Swedish long) for each value."""
    return Family(
        name,
        *(
            Value(key, short, long, short_sv=short_sv, long_sv=long_sv)
            for key, short, long, short_sv, long_sv in rows
        ),
    )
