"""The words of the annual report and the evaluation draft (P9, P11), shared by
the Markdown memo (report_memo) and the printable document (report_html): the
memo's sentences as `Sentence` objects (their wording, and what each is filled
in with: a count, a year or a date, each knowing where the report's JSON has
it), and the names of towns and areas and the words of kinds and statuses
(from `i18n.values`) in the reader's language.

The sentences are here, in English, beside the code that chooses them; their
Swedish is in the catalog. Dates and counts in sentences are written as the
language writes them ("1 mars 2026", "1 March 2026"; "1 234", "1,234").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from typing import Any, Final, Protocol, TypeVar

from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.domain.refs import AreaRef, TownRef
from vanort_cli.domain.report import (
    AnnualReport,
    ConsolidatedReport,
    MeetingYear,
    PeriodCollaborations,
    ReportingRound,
)
from vanort_cli.i18n import N_, Day, Number, gettext, language, pick, plural_form, values
from vanort_cli.i18n.prose import LOCALES, and_list

_ = gettext


HOME: Final = "goteborg"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class Count(int):
    """A count in a memo's sentence: `{n:# collaboration|# collaborations}` picks
    the singular for 1, and `{n:none|# collaboration|# collaborations}` a form for
    0 too, `#` standing for the number as the language writes it; `{n}` is that
    number alone. `path` says where the report's JSON has it (the HTML document
    marks the number with it, and a test holds the two together)."""

    path: str | None

    def __new__(cls, value: int, path: str | None = None) -> Count:
        count = super().__new__(cls, value)
        count.path = path
        return count

    def __format__(self, spec: str) -> str:
        shown = str(Number(int(self)))
        if "|" not in spec:
            return shown if not spec else super().__format__(spec)
        return plural_form(int(self), spec, shown)


class Year(int):
    """A year in a sentence, as it is written (2026, never 2 026), and where the
    report's JSON has it."""

    path: str | None

    def __new__(cls, value: int, path: str | None = None) -> Year:
        year = super().__new__(cls, value)
        year.path = path
        return year

    def __format__(self, spec: str) -> str:
        return str(int(self))


@dataclass(frozen=True)
class Years:
    """Years in a sentence, as the language lists them ("2018, 2019 och 2020"),
    each knowing where the report's JSON has it."""

    years: tuple[Year, ...]

    def __format__(self, spec: str) -> str:
        return and_list([str(int(y)) for y in self.years], language())


@dataclass(frozen=True)
class DateSpan:
    """A date, or a span of dates, in a sentence as the language writes it, and
    where the report's JSON has its start."""

    start: date | None
    end: date | None
    path: str | None = None

    def __format__(self, spec: str) -> str:
        return prose_dates(self.start, self.end)


@dataclass(frozen=True)
class Sentence:
    """A memo's sentence: its translated wording and what it is filled in with.
    `str()` writes it for the Markdown memo; the HTML document writes the same
    sentence with its numbers and dates marked (report_html)."""

    template: str
    fields: dict[str, Any] = dataclass_field(default_factory=dict)

    def __str__(self) -> str:
        return self.template.format(**self.fields)

    def __format__(self, spec: str) -> str:
        return str(self)


def header_cells(row: str) -> list[str]:
    """A table's header row, translated as one line (`_("Town | Kind | Count")`)."""
    return [cell.strip() for cell in row.split("|")]


def _babel_date(day: date, pattern: str) -> str:
    from babel.dates import format_date

    return str(format_date(day, pattern, locale=LOCALES.get(language(), "en_GB")))


def prose_date(day: date) -> str:
    """A date as a sentence writes it: 1 mars 2026, 1 March 2026."""
    return str(Day(day))


def prose_dates(start: date | None, end: date | None) -> str:
    """A span as a sentence writes it: 10–12 september 2025, 30 augusti–2 september 2025
    (10–12 September 2025, 30 August–2 September 2025)."""
    if start is None or end is None or start == end:
        day = start or end
        return prose_date(day) if day else ""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{prose_date(end)}"
    if start.year == end.year:
        return f"{_babel_date(start, 'd MMMM')}–{prose_date(end)}"
    return f"{prose_date(start)}–{prose_date(end)}"


class Named(Protocol):
    """A town or an area: named in English (or locally) and in Swedish."""

    @property
    def name(self) -> str: ...

    @property
    def name_sv(self) -> str: ...


class Counted(Protocol):
    @property
    def count(self) -> int: ...


T = TypeVar("T")
C = TypeVar("C", bound=Counted)


def local_name(ref: Named | Mapping[str, Any]) -> str:
    """A town's or an area's name in the reader's language (Turku, Åbo); a mapping is
    a town or the area of a collaboration's record."""
    if isinstance(ref, Mapping):
        return pick(str(ref.get("name") or ref.get("name_sv") or ""), str(ref.get("name_sv") or ""))
    return pick(ref.name or ref.name_sv, ref.name_sv)


def by_name(rows: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """In Swedish alphabetical order of `name`."""
    return sorted(rows, key=lambda r: swedish_sort_key(name(r)))


def largest_first(rows: Iterable[C], name: Callable[[C], str]) -> list[C]:
    """Largest count first; equal counts in alphabetical order of the shown name."""
    return sorted(rows, key=lambda r: (-r.count, swedish_sort_key(name(r))))


# The memo and the printable document word the values (i18n.values) in their long
# form, a table's cell capitalised ("Study visit"), a list's not ("(company)").


def org_kind_word(kind: str) -> str:
    """An administration (förvaltning) or a company (bolag), in lower case."""
    return values.ORGANISATION_KIND.word(kind, long=True)


def kind_word(kind: str) -> str:
    """A form of collaboration, as the memo's tables name it: "Study visit"."""
    return capitalised(values.COLLABORATION_KIND.word(kind, long=True))


def town_kind_word(kind: str) -> str:
    """A twin town or a partner city, as the memo's tables name it: "Twin town"."""
    return capitalised(values.TOWN_KIND.word(kind, long=True))


def ref_name(ref: TownRef | AreaRef) -> str:
    """A collaboration's town or area by its name in the reader's language (Turku, Åbo)."""
    return pick(ref.name, ref.name_sv)


def town_list(towns: Iterable[TownRef]) -> str:
    return ", ".join(sorted((ref_name(t) for t in towns), key=swedish_sort_key))


def status_line(meeting: MeetingYear) -> str:
    """A meeting's status as the memo says it, "Status: held"; a year only computed
    says so ("Status: computed from the rotation"), as the calendar and the
    rotation's chart say it."""
    status = values.MEETING_STATUS.word(meeting.status, long=True)
    return _("Status: {status}").format(status=status)


def compiled_on(report: AnnualReport | ConsolidatedReport) -> DateSpan:
    return DateSpan(report.generated_on, report.generated_on, "generated_on")


def no_meeting(year: int, *, compiled: date) -> Sentence:
    """That the year has no twin-town meeting: held or planned, for a year that is
    over; not recorded (yet), for this year or a later one."""
    message = (
        N_("No twin-town meeting was held or planned in {year}.")
        if year < compiled.year
        else N_("No twin-town meeting is recorded for {year} so far.")
    )
    return Sentence(_(message), {"year": Year(year, "year")})


def year_summary(year: int, total: int, new: int, *, compiled: date) -> Sentence:
    """How many collaborations were active during the year, and how many of them
    were reported in it: in the past tense for a year that is over when the
    report is compiled, and as what the registry holds so far for this year or
    a later one (no "pågick" about a year still running). One collaboration is
    "it", never "none of them"."""
    shown_year = Year(year, "year")
    fields = {
        "year": shown_year,
        "total": Count(total, "collaborations.total"),
        "new": Count(new, "len(collaborations.new_this_year)"),
    }
    over = year < compiled.year
    if not total:
        message = (
            N_("In {year} no collaborations with twin towns and partner cities were active.")
            if over
            else N_(
                "For {year} the registry holds no collaborations with twin towns and "
                "partner cities."
            )
        )
        return Sentence(_(message), {"year": shown_year})
    if total == 1:
        message = (
            N_(
                "In {year}, one collaboration with twin towns and partner cities was "
                "active; it {new:was not|was|was} reported during the year."
            )
            if over
            else N_(
                "For {year} the registry holds one collaboration with twin towns and "
                "partner cities; it {new:has not been|has been|has been} reported during "
                "the year so far."
            )
        )
        return Sentence(_(message), fields)
    if not over:
        message = N_(
            "For {year} the registry holds {total:# collaboration|# collaborations} with "
            "twin towns and partner cities; {new:none of them has|one of them has|# of them "
            "have} been reported during the year so far."
        )
    elif new == 0:
        message = N_(
            "In {year}, {total:# collaboration|# collaborations} with twin towns and "
            "partner cities {total:was|were} active, none of which was reported during "
            "the year."
        )
    elif new == 1:
        message = N_(
            "In {year}, {total:# collaboration|# collaborations} with twin towns and "
            "partner cities {total:was|were} active, one of which was reported during "
            "the year."
        )
    else:
        message = N_(
            "In {year}, {total:# collaboration|# collaborations} with twin towns and "
            "partner cities {total:was|were} active, {new} of which were reported during "
            "the year."
        )
    return Sentence(_(message), fields)


def annual_intro(report: AnnualReport) -> Sentence:
    return Sentence(
        _(
            "City of Gothenburg, City Executive Office. Compiled on {day} from the "
            "twin-town registry (vanort), under the policy for the City of Gothenburg's "
            "relations with its twin towns (P9, P10)."
        ),
        {"day": compiled_on(report)},
    )


def signed(value: int | None) -> str:
    if value is None:
        return ""
    return f"+{value}" if value > 0 else str(value)


def period_count(c: PeriodCollaborations, report: ConsolidatedReport) -> Sentence:
    """How many collaborations were active in the period, as the registry holds them
    on the day of the draft, and when they were reported: during or after the period."""
    day = compiled_on(report)
    if not c.total:
        return Sentence(
            _(
                "During the period no collaborations were active according to the registry "
                "on {day}."
            ),
            {"day": day},
        )
    during = len(c.new_this_year)
    after = len(c.reported_after_period)
    if c.total == 1:
        # One collaboration is "it", never "none of them" or "one of them".
        if during:
            reported = Sentence(_("it was reported during the period"))
        elif after:
            reported = Sentence(_("it was reported after the period ended"))
        else:
            reported = Sentence(_("it was reported before the period"))
        after = 0
    elif during == 0:
        reported = Sentence(_("none of them was reported during the period"))
    elif during == 1:
        reported = Sentence(_("one of them was reported during the period"))
    else:
        reported = Sentence(
            _("{during} of them were reported during the period"),
            {"during": Count(during, "len(collaborations.new_this_year)")},
        )
    if after == 1:
        reported = Sentence(_("{reported} and one after the period ended"), {"reported": reported})
    elif after:
        reported = Sentence(
            _("{reported} and {after} after the period ended"),
            {
                "reported": reported,
                "after": Count(after, "len(collaborations.reported_after_period)"),
            },
        )
    return Sentence(
        _(
            "During the period {total:# collaboration was|# collaborations were} active according "
            "to the registry on {day}; {reported}."
        ),
        {
            "total": Count(c.total, "collaborations.total"),
            "day": day,
            "reported": reported,
        },
    )


def period_sentences(report: ConsolidatedReport) -> list[Sentence]:
    """The period the draft covers and the meeting it runs from."""
    period = DateSpan(report.period.start, report.period.end, "period.start")
    previous = report.previous_hosting_year
    if previous is None:
        return [
            Sentence(
                _("The period {period} covers the time since the registry's first meeting."),
                {"period": period},
            )
        ]
    shown = Year(previous, "previous_hosting_year")
    if report.previous_hosting_source == "rotation":
        template = _(
            "The period {period} covers the time since the previous meeting in Gothenburg "
            "({previous}, computed from the rotation)."
        )
    else:
        template = _(
            "The period {period} covers the time since the previous meeting in Gothenburg "
            "({previous})."
        )
    sentences = [Sentence(template, {"period": period, "previous": shown})]
    if report.previous_hosting_confirmed is False:
        sentences.append(
            Sentence(
                _(
                    "The year of the {previous} meeting is not confirmed; the period may need "
                    "adjusting."
                ),
                {"previous": shown},
            )
        )
    return sentences


def consolidated_intro(report: ConsolidatedReport) -> Sentence:
    return Sentence(
        _(
            "DRAFT. City of Gothenburg, City Executive Office. Under the policy, a "
            "consolidated report and analysis of the City's relations with its twin towns "
            "is to be made after the City of Gothenburg has hosted the twin-town meeting "
            "(P11). Compiled on {day} from the twin-town registry (vanort)."
        ),
        {"day": compiled_on(report)},
    )


# -- the reporting round (P10) ---------------------------------------------------------
# Who answered the round is known only where a round was held: where none was,
# the report says so instead of listing every organisation with no collaboration
# as silent (one that answered "nothing", or did not exist yet, is not).


def no_round(years: Sequence[Year], *, compiled: date) -> list[Sentence]:
    """That no round was held for `years` (those over when the report is compiled),
    in one sentence, or has been opened so far (this year or a later one)."""
    over = tuple(y for y in years if y < compiled.year)
    said = []
    if over:
        said.append(
            Sentence(
                _("No reporting round was held for {years}: vanort does not know who was asked."),
                {"years": Years(over)},
            )
        )
    for y in years:
        if y >= compiled.year:
            said.append(
                Sentence(
                    _(
                        "No reporting round has been opened for {year} so far: vanort does not "
                        "know who will be asked."
                    ),
                    {"year": y},
                )
            )
    return said


def round_intro(held: ReportingRound, year: int, *, path: str, year_path: str | None) -> Sentence:
    """Who the round asked, and by when."""
    asked = (
        len(held.answered_with_collaborations)
        + len(held.answered_nothing)
        + len(held.did_not_answer)
    )
    return Sentence(
        _(
            "In the reporting round for {year}, the City Executive Office asked "
            "{asked:# administration or company|# administrations and companies} for their "
            "collaborations with the twin towns, by {deadline}."
        ),
        {
            "year": Year(year, year_path),
            # The sum of the three lists (the document marks it so).
            "asked": Count(
                asked,
                " ".join(
                    f"len({path}.{key})"
                    for key in (
                        "answered_with_collaborations",
                        "answered_nothing",
                        "did_not_answer",
                    )
                ),
            ),
            "deadline": DateSpan(held.deadline, held.deadline, f"{path}.deadline"),
        },
    )


def round_answers(
    held: ReportingRound, *, compiled: date, path: str, shown: Callable[[str], str] = str
) -> list[Sentence]:
    """The organisations by answer, one sentence each: with collaborations, with
    none, and not at all (or not yet, before the deadline of a round still open);
    each name as `shown` writes it (the memo escapes Markdown)."""
    waiting = held.closed_on is None and compiled <= held.deadline
    groups = [
        (N_("Answered with collaborations ({count}): {names}"), "answered_with_collaborations"),
        (N_("Answered that they had none ({count}): {names}"), "answered_nothing"),
        (
            N_("Not answered yet ({count}): {names}")
            if waiting
            else N_("Did not answer ({count}): {names}"),
            "did_not_answer",
        ),
    ]
    said = []
    for message, key in groups:
        names: tuple[str, ...] = getattr(held, key)
        said.append(
            Sentence(
                _(message),
                {
                    "count": Count(len(names), f"len({path}.{key})"),
                    "names": ", ".join(shown(n) for n in names) or "—",
                },
            )
        )
    return said
