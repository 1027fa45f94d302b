"""Shell completion of the values people type: towns, organisations, areas, years.

`vanort --install-completion` (Typer's) completes the commands and options; the
functions here complete their values, each given to its option as
`autocompletion=`, and so are the words of kinds and statuses (`values_of`), in the
language of the command line.

Completion runs on every Tab, so it reads the registry file directly with the
standard library's sqlite3 (no SQLAlchemy, no models, no pydantic) and only its
small tables: towns, names, areas and meetings, never the collaborations. The
file is opened read-only and never created: with no registry, or one that
cannot be read (not SQLite, damaged, locked), there is simply nothing to offer
from it, and never an error on the person's terminal.

Values match what was typed whatever its case and accents (`abo` offers `Åbo`,
`aarh` offers `Aarhus`), and each town, organisation or area is offered once,
in the first of its spellings that matches: its name in the current language,
then its other names.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, SupportsIndex

import typer

if TYPE_CHECKING:
    from vanort_cli.i18n.values import Family

# How Typer tells the program which shell asks (`_VANORT_COMPLETE=complete_bash`).
COMPLETE_VAR = "_VANORT_COMPLETE"
# Characters bash would read as syntax in a word, escaped in what bash inserts.
_BASH_SPECIAL = frozenset(" \t\n'\"\\$`!&;|<>()*?[]{}~#")
# Computed meeting years are offered this many hosting cycles ahead.
CYCLES_AHEAD = 2
# The day scripts and tests fix for every command (common.today_or); defined here,
# below common.py, whose option types name the completers of this module.
TODAY_ENV = "VANORT_TODAY"


class Offer(str):
    """A value offered to the shell, already matched to what was typed.

    Typer keeps only the values that start with what was typed, as typed; vanort
    matches them itself, ignoring case and accents (`abo` -> `Åbo`), so an offer
    always says it starts with it."""

    __slots__ = ()

    def startswith(
        self,
        prefix: str | tuple[str, ...],
        start: SupportsIndex | None = None,
        end: SupportsIndex | None = None,
    ) -> bool:
        return True


Offers = list[Offer | tuple[Offer, str]]
Completer = Callable[[typer.Context, str], Offers]


# -- what the registry holds --------------------------------------------------------


def read(ctx: typer.Context, *queries: str) -> list[list[tuple[Any, ...]]]:
    """The rows of each query, read-only; [] for a query that cannot be answered.

    The registry of the command line being completed (its `--db`, else VANORT_DB,
    else the default location) is read as it stands, never opened, created or
    waited for (`Backend.peek`)."""
    from vanort_cli.store.backend import backend_for
    from vanort_cli.store.location import resolve_location

    given = ctx.find_root().params.get("db")
    try:
        backend = backend_for(resolve_location(given if isinstance(given, str) else None))
    except Exception:  # a --db that is no registry (an empty one, ~nosuchuser/...)
        return [[] for _ in queries]
    return backend.peek(*queries)


# -- matching what was typed --------------------------------------------------------


class Named:
    """A thing people name: its spellings, the preferred first, and the name to
    show beside another spelling (zsh and fish show it). A plain class: a
    dataclass costs a few milliseconds to define, on every start."""

    __slots__ = ("shown", "spellings")

    def __init__(self, spellings: Sequence[str], shown: str | None = None) -> None:
        self.spellings = spellings
        self.shown = shown


def matching(things: Iterable[Named], incomplete: str | None) -> Offers:
    """Each thing once, in its first spelling that starts with what was typed
    (case and accents aside); if none does, in its first spelling with a word
    that does (`hamn` -> `Göteborgs Hamn`)."""
    from vanort_cli.domain.names import normalise

    typed = normalise(incomplete or "")
    folded = [(thing, [(s, normalise(s)) for s in thing.spellings if s]) for thing in things]
    chosen = [
        (thing, next((s for s, f in spellings if f.startswith(typed)), None))
        for thing, spellings in folded
    ]
    if typed and not any(spelling for _, spelling in chosen):
        chosen = [
            (thing, next((s for s, f in spellings if _word_starts(f, typed)), None))
            for thing, spellings in folded
        ]
    offers: Offers = []
    seen: set[str] = set()
    for thing, spelling in chosen:
        if spelling is None or spelling in seen:
            continue
        seen.add(spelling)
        offer = for_shell(spelling)
        offers.append((offer, thing.shown) if thing.shown and thing.shown != spelling else offer)
    return offers


def _word_starts(folded: str, typed: str) -> bool:
    return f" {typed}" in f" {folded}"


def for_shell(value: str) -> Offer:
    """The value as the shell must insert it: bash inserts what it is given as it
    is, so a space or a quote is escaped; zsh and fish quote values themselves."""
    if os.environ.get(COMPLETE_VAR, "").endswith("bash"):
        value = "".join("\\" + ch if ch in _BASH_SPECIAL else ch for ch in value)
    return Offer(value)


def swedish(ctx: typer.Context) -> bool:
    """Whether names are offered in Swedish: `--lang` on the line being completed,
    else the language vanort chose (VANORT_LANG, the locale)."""
    from vanort_cli import i18n

    given = ctx.find_root().params.get("lang")
    code = i18n.normalise(str(getattr(given, "value", given))) if given else None
    return code == "sv" if code else i18n.is_swedish()


# -- the completers -------------------------------------------------------------------


def quietly(complete: Completer) -> Completer:
    """A completer that offers nothing rather than fail: whatever a file holds, a
    Tab never puts an error on the person's terminal."""

    @functools.wraps(complete)
    def offers(ctx: typer.Context, incomplete: str) -> Offers:
        try:
            return complete(ctx, incomplete)
        except Exception:
            return []

    return offers


def _by_owner(alias_rows: Iterable[Sequence[Any]]) -> dict[Any, list[str]]:
    """(owner id, alias) rows as each owner's aliases, in their order."""
    aliases: dict[Any, list[str]] = {}
    for owner, alias in alias_rows:
        aliases.setdefault(owner, []).append(alias)
    return aliases


@quietly
def towns(ctx: typer.Context, incomplete: str) -> Offers:
    """Town names in the current language, and every other spelling of them."""
    town_rows, alias_rows = read(
        ctx,
        "SELECT id, name, name_sv, name_local, key FROM town ORDER BY id",
        "SELECT town_id, alias FROM town_alias ORDER BY id",
    )
    aliases = _by_owner(alias_rows)
    sv = swedish(ctx)
    things = []
    for town_id, name, name_sv, name_local, key in town_rows:
        first, other = (name_sv or name, name) if sv else (name, name_sv)
        things.append(Named([first, other, name_local, *aliases.get(town_id, []), key], first))
    return matching(things, incomplete)


@quietly
def organisations(ctx: typer.Context, incomplete: str) -> Offers:
    """Organisations by name, and by their other names and abbreviations (SLK)."""
    org_rows, alias_rows = read(
        ctx,
        "SELECT id, name FROM organisation ORDER BY name",
        "SELECT organisation_id, alias FROM organisation_alias ORDER BY id",
    )
    aliases = _by_owner(alias_rows)
    things = [Named([name, *aliases.get(org_id, [])], name) for org_id, name in org_rows]
    return matching(things, incomplete)


@quietly
def areas(ctx: typer.Context, incomplete: str) -> Offers:
    """Areas by name in the current language, the other language, key or alias."""
    [area_rows] = read(ctx, "SELECT key, name_en, name_sv, aliases FROM area ORDER BY id")
    sv = swedish(ctx)
    things = []
    for key, name_en, name_sv, extra in area_rows:
        first, other = (name_sv or name_en, name_en) if sv else (name_en, name_sv)
        spellings = [first, other, key, *(a.strip() for a in (extra or "").split(","))]
        things.append(Named(spellings, first))
    return matching(things, incomplete)


def values_of(words: Callable[[], Family]) -> Completer:
    """The words of a family's values (a status, a kind, a step), each in the
    command's language (`--lang` on the line, VANORT_LANG, the locale), matched to
    what was typed in either language or as its key: `inst` -> `inställt`,
    `canc` -> `cancelled` in English, `installt` in Swedish too."""

    @quietly
    def offers(ctx: typer.Context, incomplete: str) -> Offers:
        from vanort_cli import i18n

        with i18n.speaking("sv" if swedish(ctx) else "en"):
            family = words()
            things = [Named(family.spellings(key), family.word(key)) for key in family.keys]
            return matching(things, incomplete)

    return offers


@quietly
def meeting_years(ctx: typer.Context, incomplete: str) -> Offers:
    """The meeting years: recorded ones, and those the rotation computes up to
    two hosting cycles ahead, each with its host beside it (zsh, fish)."""
    from vanort_cli.domain import rotation

    meeting_rows, town_rows = read(
        ctx,
        "SELECT m.year, t.key, m.status, m.rescheduled_to, m.shift_cycle FROM meeting m "
        "JOIN town t ON t.id = m.host_town_id WHERE m.deleted_at IS NULL",
        "SELECT key, name, name_sv, kind, rotation_position, rotation_from_year, "
        "rotation_until_year FROM town",
    )
    if not meeting_rows:
        return []
    recorded = [
        rotation.RecordedMeeting(
            year=year,
            host=host,
            status=status,
            rescheduled_to=to,
            shift_cycle=None if shift is None else bool(shift),
        )
        for year, host, status, to, shift in meeting_rows
    ]
    taking_part = [
        rotation.RotationTown(key=key, position=position, first_year=first, last_year=last)
        for key, _, _, kind, position, first, last in town_rows
        if kind == "twin" and position is not None
    ]
    sv = swedish(ctx)
    names = {key: (name_sv or name) if sv else name for key, name, name_sv, *_ in town_rows}
    this_year = today().year
    cycle = max(rotation.hosting_cycle_years(taking_part, this_year), 2)
    last = max(this_year, *(m.year for m in recorded)) + CYCLES_AHEAD * cycle
    first = min(m.year for m in recorded)
    try:
        meetings = rotation.schedule(taking_part, recorded, first, last, today())
    except Exception:  # records the rotation cannot read: the recorded years still help
        meetings = [
            rotation.ScheduledMeeting(m.year, m.host, m.status, "recorded") for m in recorded
        ]
    typed = (incomplete or "").strip()
    return [
        (Offer(meeting.year), names.get(meeting.host, meeting.host))
        for meeting in meetings
        if str(meeting.year).startswith(typed)
    ]


@quietly
def years_so_far(ctx: typer.Context, incomplete: str) -> Offers:
    """Years to report on: this year and each before it, back to the first
    recorded meeting (collaborations themselves are never read to find them)."""
    [rows] = read(ctx, "SELECT min(year) FROM meeting WHERE deleted_at IS NULL")
    if not rows:
        return []  # no registry: only fixed values are offered
    earliest = rows[0][0]
    this_year = today().year
    first = min(earliest, this_year) if isinstance(earliest, int) else this_year
    typed = (incomplete or "").strip()
    return [Offer(year) for year in range(this_year, first - 1, -1) if str(year).startswith(typed)]


@quietly
def restorable(ctx: typer.Context, incomplete: str) -> Offers:
    """For `restore-record meeting`, the years of the hidden meetings (a hidden
    collaboration's id is not looked for: that would read every collaboration)."""
    from vanort_cli.i18n.values import RECORD_KIND

    # As typed (completion converts nothing): `meeting`, `möte`, `MOTE`.
    kind = ctx.params.get("kind")
    if kind is None or RECORD_KIND.read(str(kind)) != "meeting":
        return []
    [rows] = read(ctx, "SELECT year FROM meeting WHERE deleted_at IS NOT NULL ORDER BY year")
    typed = (incomplete or "").strip()
    return [Offer(year) for (year,) in rows if str(year).startswith(typed)]


def today() -> date:
    """VANORT_TODAY (scripts, tests) when it is a date, else the clock."""
    try:
        return date.fromisoformat(os.environ.get(TODAY_ENV, ""))
    except ValueError:
        return date.today()
