"""Every sentence vanort says to a person, in one place, in English.

Their Swedish is in the gettext catalog (see `vanort_cli.i18n`): every constant
here is a catalog entry as it stands, with no marker, and `m.NAME` gives it in the
language of the command running now. Placeholders are `str.format` fields, the
same in both languages (tests/test_catalog.py checks them). Sentences of the
reports are beside the code that places them (`report_memo.py`); the words of
enumerated values (statuses, kinds, forms) are in `values.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from vanort_cli.i18n import Day, Number, Worded, gettext, plural_form


class _Count(int):
    """A count in a message: `{n:# meeting|# meetings}` picks the singular for 1 and
    the plural otherwise, `{n:no meetings|# meeting|# meetings}` a third form for
    zero, `#` standing for the number; `{n}` is the number (i18n.plural_form)."""

    def __format__(self, spec: str) -> str:
        if "|" not in spec:
            return super().__format__(spec)
        # A count is written as the language writes numbers: 1 234 rader, 1,234 rows.
        return plural_form(int(self), spec, str(Number(int(self))))


def _in_prose(value: Any) -> Any:
    """A field's value as a sentence writes it: a count agreeing with its noun, a
    day as the language writes it (1 mars 2026, 1 March 2026)."""
    if type(value) is int:  # not bool, not a subclass
        return _Count(value)
    if type(value) is date:  # not a datetime
        return Day(value)
    return value


class Counted(str):
    """A message whose counts agree with their nouns and verbs (see `_Count`) and
    whose days are written in words. Every message is one (see `translated`);
    the name is older than the days."""

    def format(self, *args: Any, **kwargs: Any) -> str:
        return str.format(self, *args, **{k: _in_prose(v) for k, v in kwargs.items()})


# -- the language ----------------------------------------------------------------
LANGUAGE_UNKNOWN: Final = (
    "{source} is '{value}', a language vanort does not speak: use sv (svenska) or en (English)."
)

# -- the registry file -------------------------------------------------------
REGISTRY_IS_DIRECTORY: Final = (
    "{path} is a directory, not a registry file. Give a file path with --db or VANORT_DB."
)
REGISTRY_DIR_MISSING: Final = (
    "The directory {directory} does not exist. Create it, or choose another path with --db."
)
REGISTRY_MISSING: Final = (
    "No registry at {path}. Create one with `vanort --db {path} db init`, "
    "or check the path given with --db or VANORT_DB."
)
REGISTRY_NOT_REGULAR: Final = (
    "{path} is not a regular file (a pipe, a device or a socket), so it cannot be a "
    "registry. Choose a registry file with --db."
)
REGISTRY_NOT_SQLITE: Final = (
    "{path} is not a SQLite database. Choose the registry file with --db or VANORT_DB; "
    "vanort will not overwrite this file."
)
REGISTRY_CANNOT_CREATE: Final = (
    "Cannot create the registry {path}: {reason}. Choose a writable place with --db."
)
REGISTRY_NOT_VANORT: Final = (
    "{location} is a database, but not a vanort registry. Choose the registry with --db; "
    "vanort will not change this one."
)
REGISTRY_TOO_NEW: Final = (
    "{location} was written by a newer vanort (schema {found}; this vanort knows up to "
    "{supported}). Upgrade vanort; the registry was not changed."
)
REGISTRY_LOCKED: Final = (
    "The registry {location} is busy: another vanort is writing to it. Try again in a moment."
)
REGISTRY_READ_ONLY: Final = (
    "The registry {location} is read-only here. Ask for write access, or use a copy with --db."
)
REGISTRY_CORRUPT: Final = (
    "The registry {location} is damaged: restore it from a backup "
    "(`vanort db restore BACKUP`). Nothing was changed."
)
REGISTRY_DAMAGED: Final = (
    "The registry {path} is damaged (its integrity check fails): restore it from a backup "
    "(`vanort db restore BACKUP`). Nothing was changed."
)
REGISTRY_FOREIGN_OBJECTS: Final = (
    "{path} holds schema objects that vanort does not create ({objects}); they could change "
    "or erase records behind vanort's back, so it is refused. Nothing was changed. Restore "
    "a backup (`vanort db restore BACKUP`) or have the objects removed."
)
REGISTRY_SCHEMA_ALTERED: Final = (
    "{path} holds tables that were altered outside vanort ({difference}); writing to them "
    "could fail or lose records, so it is refused. Nothing was changed. Restore a backup "
    "(`vanort db restore BACKUP`) that vanort accepts."
)
# The differences REGISTRY_SCHEMA_ALTERED names (store/schema_check.py).
SCHEMA_TABLE_MISSING: Final = "table {table} is missing"
SCHEMA_COLUMN_MISSING: Final = "column {table}.{column} is missing"
SCHEMA_COLUMN_EXTRA: Final = "column {table}.{column} is not one vanort creates"
SCHEMA_COLUMN_CHANGED: Final = "column {table}.{column} is `{found}` where vanort has `{expected}`"
SCHEMA_CONSTRAINT_EXTRA: Final = "table {table} has a constraint vanort does not create: `{found}`"
SCHEMA_CONSTRAINT_MISSING: Final = "table {table} lacks vanort's constraint `{expected}`"
SCHEMA_TABLE_OPTIONS: Final = "table {table} is declared `{found}` where vanort has `{expected}`"
SCHEMA_INDEX_MISSING: Final = "index {index} of table {table} is missing"
SCHEMA_INDEX_EXTRA: Final = "index {index} of table {table} is not one vanort creates"
SCHEMA_INDEX_CHANGED: Final = "index {index} is `{found}` where vanort has `{expected}`"
REGISTRY_DISK: Final = (
    "The registry {location} could not be written: the disk is full or failing. "
    "Free some space and try again; nothing was stored."
)
REGISTRY_DISK_READ: Final = (
    "The registry {location} cannot be read: the disk is full, and SQLite needs a little "
    "room to read it. Free some space and try again; the registry was not changed."
)
DB_CHECK_DISK_FULL: Final = (
    "Warning: the disk of {location} is full. The registry is whole and can be read, "
    "but nothing can be written to it until some space is freed."
)
REGISTRY_GONE: Final = (
    "The registry {path} was deleted or replaced while this command wrote to it, so what "
    "it wrote is not in the file now at that path. Check that file (`vanort db check`) "
    "and run the command again."
)
REGISTRY_READABLE_BY_OTHERS: Final = (
    "Warning: {path} can be read by others than its owner. If it is not shared on "
    "purpose, make it private: chmod 600 {path}"
)
BACKUP_OF_DAMAGED: Final = (
    "The registry {path} is damaged (its integrity check fails), so a copy of it would be "
    "no backup; none was written. Restore it from an earlier backup (`vanort db restore "
    "BACKUP`)."
)
BACKUP_DISK_FULL: Final = (
    "Cannot write the backup {path}: the disk is full. Free some space, or give a FILE "
    "on another disk; no backup was written."
)
REGISTRY_CANNOT_OPEN: Final = (
    "Cannot open the registry {location}. Check that the file and its directory exist "
    "and are readable and writable."
)
REGISTRY_FAILED: Final = "The registry {location} could not be used: {reason}."
REGISTRY_READY: Final = "Registry ready: {location} (schema {version})."

# -- names -------------------------------------------------------------------
UNKNOWN_NAME: Final = "Unknown {what} '{name}'."
DID_YOU_MEAN: Final = "Did you mean: {names}?"
KNOWN_ARE: Final = "Known {what}s include: {names}."
SEE_LIST: Final = "See `vanort {command}`."

# -- dates and years ---------------------------------------------------------
DATE_FORMS: Final = (
    "2026-03-01 (ISO 8601), 20260301, 1/3/2026 (day first, as in Sweden), "
    "1 mars 2026 or 1 March 2026"
)
BAD_DATE: Final = (
    "'{value}' is not a date. Write a whole date with the year in full: " + DATE_FORMS + "."
)
BAD_DATE_NO_YEAR: Final = "'{value}' has no year. Write the year in full: " + DATE_FORMS + "."
BAD_DATE_TWO_DIGIT_YEAR: Final = (
    "'{value}' has a two-digit year, which vanort never guesses. Write the year in full: "
    + DATE_FORMS
    + "."
)
BAD_DATE_NO_DAY: Final = "'{value}' has no day. Write a whole date: " + DATE_FORMS + "."
BAD_DATE_NO_MONTH_OR_DAY: Final = (
    "'{value}' has no month or day. Write a whole date: " + DATE_FORMS + "."
)
BAD_DATE_NO_SUCH_DAY: Final = (
    "'{value}' is no day of the calendar: that month has no such day, or there is no such "
    "month. Check the month and the day."
)
# One sentence for every year and date outside the years vanort handles (dates.py):
# --year, --from, --to, a meeting's year, --today, a date typed or imported.
OUTSIDE_YEARS: Final = "{value} is outside the years vanort handles: {first} to {last}."
START_AFTER_END: Final = "The start date {start} is after the end date {end}."
RANGE_BACKWARDS: Final = "--from {start} is after --to {end}."

# -- meetings ------------------------------------------------------------------
HOST_NOT_IN_ROTATION: Final = (
    "{town} does not host twin-town meetings in {year}: only the twin towns in the "
    "rotation that year do (policy P2, P6)."
)
NO_MEETING_RECORDED: Final = "No meeting is recorded for {year}. See `vanort meeting list`."
MEETING_IS_DELETED: Final = (
    "The meeting of {year} was deleted on {on}; bring it back with "
    "`vanort restore-record meeting {year}`."
)
MEETING_RECORDED: Final = "Recorded the {year} meeting in {host} ({status})."
MEETING_UPDATED: Final = "Updated the {year} meeting in {host} ({status})."
MEETING_DELETED: Final = "Deleted the {year} meeting record; the year is computed again."
CONFIRM_DELETE_MEETING: Final = "Delete the recorded {year} meeting ({host})?"
NOT_DELETED: Final = "Nothing was deleted."
NO_SCHEDULE: Final = (
    "No meeting is recorded to compute the rotation from. Record the latest meeting "
    "with `vanort meeting record YEAR --host TOWN`."
)
STATUS_NEEDS_HOST: Final = "A new meeting record needs --host."
MEETING_CONFIRMED: Final = "Confirmed the {year} meeting in {host}."
MEETING_ALREADY_CONFIRMED: Final = "The {year} meeting is already confirmed."
MEETING_STILL_UNCONFIRMED: Final = (
    "The {year} meeting is still not confirmed. Once it is: `vanort meeting confirm {year}`."
)
# `meeting record` of a meeting the rotation did not expect (it still records it).
TURN_EXPECTED_HOST: Final = "The rotation has {expected} host the {year} meeting, not {host}."
TURN_OFF_CYCLE: Final = "The rotation has no meeting in {year}: the cycle has {parity} years."
TURN_HOME_MOVES: Final = "Gothenburg's next turn moves from {before} to {after}."
TURN_UNDO: Final = "If this is a mistake: `vanort meeting delete {year} --yes`."
MEETING_RESCHEDULED: Final = "Rescheduled the {year} meeting ({host}) to {to}."
MOVED_NOT_SET: Final = "postponed, new date not set"
MOVED_TO_SHIFT: Final = "to {year}; the cycle continues from {year}"
MOVED_TO_KEEP: Final = "to {year}; the cycle keeps its years"
MOVED_FROM: Final = "postponed from {year}"
MEETING_RESCHEDULE_UNDONE: Final = (
    "The {year} meeting is postponed again, with no new date set: "
    "`vanort meeting reschedule {year} --to YEAR` when it is known."
)
RESCHEDULE_NOTHING_RECORDED: Final = (
    "No meeting is recorded for {year}. Record it as postponed first: "
    "`vanort meeting record {year} --host TOWN --status postponed`."
)
RESCHEDULE_NOT_POSTPONED: Final = (
    "The {year} meeting is recorded as {status}, not postponed. Mark it postponed first: "
    "`vanort meeting record {year} --status postponed`."
)
RESCHEDULE_SAME_YEAR: Final = (
    "The meeting stays in {year}: change its dates with "
    "`vanort meeting record {year} --status planned --start DATE --end DATE`."
)
RESCHEDULE_EARLIER: Final = (
    "--to {to} is not later than {year}: a postponed meeting takes place in a later year."
)
RESCHEDULE_ON_CYCLE_YEAR: Final = (
    "{to} is one of the cycle's regular meeting years after {year}. Add --shift-cycle if "
    "the cycle continues from {to}, or choose a year between the regular ones."
)
RESCHEDULE_YEAR_TAKEN: Final = (
    "{to} already has a meeting record ({host}, {status}). Choose another year, or "
    "correct that record first (`vanort meeting show {to}`)."
)
RESCHEDULE_DATES_LEFT: Final = (
    "The rescheduled meeting has dates in {old}. Give its dates in {to}: --start DATE --end DATE."
)
MEETING_IS_RESCHEDULED: Final = (
    "The {year} meeting was postponed to {to}. Record what happened in {to} "
    "(`vanort meeting record {to} --status ...`), or move it with "
    "`vanort meeting reschedule {year} --to YEAR`."
)
RESCHEDULED_POSTPONED: Final = (
    "The {year} meeting is the postponed {origin} meeting. To move it to another year: "
    "`vanort meeting reschedule {origin} --to YEAR`."
)

# -- the basis note ------------------------------------------------------------
BASIS_RECORDED: Final = "Recorded: {years}."
BASIS_NOT_CONFIRMED: Final = "{status}, year not confirmed"
BASIS_COMPUTED: Final = "Computed: the other years, from the rotation order {order} after {anchor}."
BASIS_ORDER_ASSUMED: Final = (
    "That order is an assumption: no source settles it (`vanort towns list` shows it)."
)
BASIS_ORIGINAL_ORDER_ASSUMED: Final = (
    "The order of {towns} is an assumption: no source settles it (`vanort towns list` shows it)."
)
LIST_AND: Final = "{first} and {last}"
BASIS_PLACE_DECIDED: Final = "{town}'s place, from {year}, was decided by {reference}."
BASIS_PLACE_DECIDED_NO_REFERENCE: Final = (
    "{town}'s place, from {year}, follows the decision that added it."
)
BASIS_POSTPONED_UNSCHEDULED: Final = (
    "The {year} meeting ({host}) is postponed; its new date is not set."
)
BASIS_RESCHEDULED_SHIFT: Final = (
    "The {year} meeting ({host}) was postponed to {to}; the cycle continues from {to} "
    "on, in {parity} years."
)
BASIS_RESCHEDULED_KEEP: Final = (
    "The {year} meeting ({host}) was postponed to {to}; the cycle keeps its {parity} years "
    "(next: {next})."
)
PARITY: Final = {0: "even", 1: "odd"}
BASIS_CORRECT: Final = (
    "Record the real meetings with `vanort meeting record YEAR --host TOWN` to correct them."
)
BASIS_NONE_RECORDED: Final = "No meeting is recorded."

ORGANISER_HOME: Final = "Stadsledningskontoret"
ADD_ORGANISATION: Final = "A new one is added with `vanort orgs add NAME --kind forvaltning|bolag`."
DATE_NOT_IN_YEAR: Final = (
    "The start date {date} is not in {year}. A meeting moved to another year is recorded "
    "as postponed in {year} and recorded again in the year it takes place."
)

# -- the application -----------------------------------------------------------
APP_HELP: Final = (
    "The registry of the City of Gothenburg's twin towns: Aarhus, Bergen and Turku, "
    "since 1946. When the next twin-town meeting is, who hosts it, when Gothenburg's "
    "turn comes, and the record of the meetings."
)
APP_EPILOG: Final = (
    "[bold]Examples[/]\n\n"
    "  vanort next-meeting\n"
    "  vanort schedule --format csv\n"
    "  vanort towns show Bergen\n\n"
    "Exit codes: 0 done, 1 refused or failed, 2 usage."
)
UNEXPECTED: Final = (
    "Unexpected {kind}: {error}. Please report this to the vanort maintainers "
    "(set VANORT_DEBUG=1 to see the details); a change that failed was not stored."
)

# -- the schedule ----------------------------------------------------------------
NEXT_MEETING_TITLE: Final = "The next twin-town meeting"
SCHEDULE_TITLE: Final = "Twin-town meetings"
HOME_TURN: Final = Counted("{year} (in {years:# year|# years})")
HOME_TURN_NEXT_YEAR: Final = "{year} (next year)"
HOME_NOT_IN_ROTATION: Final = "not in the rotation"
MEETING_TITLE: Final = "The {year} meeting"
MEETINGS_TITLE: Final = "Recorded meetings"
TOWNS_TITLE: Final = "Towns"
HOME_TURN_THIS_YEAR: Final = "{year} (this year)"
HOME_TURN_POSTPONED: Final = "its postponed {year} meeting, new date not set; then {turn}"

# -- the calendar file (`vanort calendar`) -------------------------------------------
CALENDAR_WRITTEN: Final = Counted(
    "Wrote {events:# event|# events} for the meetings of {first}–{last} to {path}."
)
# What the calendar's events say, in the language of the command: they are read
# in a calendar program (the City's Outlook), beside its other appointments.
ICS_CALENDAR_NAME: Final = "Twin-town meetings – City of Gothenburg"
ICS_CALENDAR_DESCRIPTION: Final = (
    "The twin-town meetings, the preparation when Gothenburg hosts and the consolidated "
    "reports afterwards, from the vanort registry."
)
ICS_CATEGORY_MEETING: Final = "Twin-town meeting"
ICS_CATEGORY_PREPARATION: Final = "Twin-town meeting preparation"
ICS_CATEGORY_EVALUATION: Final = "Twin-town meeting evaluation"
ICS_MEETING_SUMMARY: Final = "Twin-town meeting {year} in {host}"
ICS_POSTPONED_UNSET: Final = "postponed, new date not set"
ICS_POSTPONED_TO: Final = "postponed to {to}"
ICS_MEETING_HOST: Final = "Host: {host}. Organiser: {organiser}."
ICS_MEETING_THEME: Final = "Theme: {theme}."
ICS_MEETING_STATE: Final = "Status: {state}."
ICS_POSTPONED_FROM: Final = "Postponed from {year}."
ICS_NOT_CONFIRMED: Final = (
    "The year is an assumption that no source confirms (vanort meeting confirm {year})."
)
ICS_WHOLE_YEAR: Final = (
    "The dates are not known yet, so the entry covers the whole year "
    "(vanort meeting record {year} --start DATE --end DATE)."
)
ICS_STEP_SUMMARY: Final = "Twin-town meeting {year}: {step}"
ICS_STEP_WHAT: Final = (
    "Preparation for the {year} twin-town meeting in Gothenburg: to be done at the latest "
    "{days} days before the first day of the meeting (Stadsledningskontoret)."
)
# {on}: a day in prose (i18n.Day).
ICS_STEP_DONE: Final = "Done {on}."
ICS_STEP_TODO: Final = "Not done yet (vanort meeting step-done {year} {step})."
ICS_STEP_VOID: Final = "The {year} meeting is cancelled; the step is no longer due."
ICS_STEP_SETTLED: Final = (
    "The {year} meeting has been held; the step was not marked done and is no longer due."
)
ICS_EVALUATION_SUMMARY: Final = (
    "Consolidated report and analysis after the {year} twin-town meeting"
)
ICS_EVALUATION_WHAT: Final = (
    "After every twin-town meeting Gothenburg has hosted, a consolidated report and "
    "analysis is due at the latest {days} days after the meeting (P11; draft: "
    "vanort report --evaluation {year})."
)
ICS_EVALUATION_DONE: Final = "Submitted {on}, {reference}."
ICS_EVALUATION_TODO: Final = "Not submitted yet (vanort evaluation done {year} --reference REF)."
ICS_EVALUATION_FORECAST: Final = (
    "Estimated: the meeting has not been held yet, and without its dates the time is "
    "counted from the end of the year."
)
ICS_EVALUATION_VOID: Final = (
    "The {year} meeting is not held that year; the report is no longer due."
)

# -- free text -------------------------------------------------------------------
TEXT_EMPTY: Final = "{option} is empty. Give it some text."
TEXT_CONTROL: Final = (
    "{option} contains control or hidden direction characters. Type it again as plain text."
)
TEXT_NOT_A_CHARACTER: Final = (
    "{option} contains a blank-looking, private-use or unassigned character. "
    "Type it again as plain text."
)
TEXT_TOO_LONG: Final = "{option} is longer than {limit} characters. Shorten it."

# -- organisations and areas -------------------------------------------------------
ORG_KIND: Final = "'{kind}' is not a kind of organisation: use forvaltning or bolag."
ORG_EXISTS: Final = (
    "'{name}' is already a name of {owner}. Use that organisation, or choose another name."
)
ORG_ADDED: Final = "Added {name} ({kind}) as '{key}'."
ADDED_BY_STAFF: Final = "added with vanort orgs add"
ORGS_TITLE: Final = "Administrations (förvaltningar) and companies (bolag)"
AREAS_TITLE: Final = "Areas"
ORG_NOT_RENAMED: Final = "{name} is already named so. Give the new name."
ORG_RENAMED: Final = "Renamed {old} to {new}; '{old}' still finds it."
ORG_MERGE_ITSELF: Final = "{name} cannot be merged into itself. Name two organisations."
ORG_MERGE_INTO_RETIRED: Final = (
    "{name} was retired on {date}: merge into the organisation that took over its work."
)
ORG_MERGED: Final = Counted(
    "Merged {source} into {target} from {date}: {source}'s names now find {target}, and a "
    "search by either name finds the collaborations of both. Reports of the years before "
    "count {source}'s {kept:# collaboration|# collaborations} under it; from {date}, those "
    "still going on count under {target}."
)
ORG_MERGE_MOVED: Final = Counted(
    "{moved:# collaboration|# collaborations} begun on or after {date} moved to {target}."
)
COLLAB_ORG_RENAMED: Final = (
    "Note: {typed} is a former name of {org}; the collaboration is filed under {org}."
)
COLLAB_ORG_MERGED: Final = (
    "Note: {typed} was merged into {org}; the collaboration is filed under {org}."
)
COLLAB_PAST_TOWN_LEFT: Final = (
    "Note: {town} left on {date}, and the collaboration goes on after that day; give "
    "its end (--end), or `vanort check` flags it."
)
COLLAB_PAST_ORG_RETIRED: Final = (
    "Note: {org}'s last day was {date}, and the collaboration goes on after that day; "
    "give its end (--end) or the organisation that took over (--org), or `vanort check` "
    "flags it."
)
ORG_MERGE_AFTER_RETIRED: Final = (
    "{name} was retired on {date}, before the merge: give --on the day after its last "
    "day at the latest."
)
ORG_MERGE_DUPLICATES: Final = (
    "Note: collaboration {id} is now the same as collaboration {other} (organisation, title, "
    "towns and start). Delete one with `vanort collaborations delete ID` if they are one."
)
ORG_ALREADY_RETIRED: Final = "{name} was already retired on {date}."
ORG_RETIRE_LATER_WORK: Final = (
    "{name} has collaboration {id}, starting {start}, after {date}. Move it first: "
    "`vanort collaborations edit {id} --org NEW`."
)
ORG_RETIRED: Final = (
    "Retired {name} on {date}. Its collaborations and names stay; a collaboration "
    "starting after {date} is logged under the organisation that took over its work."
)
ORG_RETIRING: Final = (
    "{name} retires on {date}, its last day. Its collaborations and names stay; a "
    "collaboration starting after {date} is logged under the organisation that takes "
    "over its work."
)
# Shown (not in JSON, whose status is as of today) while the last day is to come.
ORG_STATUS_RETIRING: Final = "retiring on {date}"
ORG_STATUS_RETIRED_ON: Final = "retired on {date}"
ORG_PROFILE_TITLES: Final = {"collaborations_by_year": "Collaborations by year"}

# -- collaborations ---------------------------------------------------------------
COLLAB_NEEDS_TOWN: Final = "Name at least one town with --town."
COLLAB_WITH_HOME: Final = (
    "Gothenburg cannot be a partner in its own collaboration. Name the twin towns or "
    "partner cities it is with."
)
COLLAB_NEEDS_FIELDS: Final = "A collaboration needs --town, --org, --area and --title."
COLLAB_KIND: Final = "'{kind}' is not a kind of collaboration: use one of {kinds}."
COLLAB_NOT_FOUND: Final = "No collaboration has id {id}. See `vanort collaborations list`."
COLLAB_IS_DELETED: Final = (
    "Collaboration {id} was deleted on {on}; bring it back with "
    "`vanort restore-record collaboration {id}`."
)
COLLAB_NOTHING_TO_EDIT: Final = "Nothing to change: give at least one option, e.g. --end DATE."
COLLAB_LOGGED: Final = "Logged collaboration {id}: {title} ({towns})."
COLLAB_UPDATED: Final = "Updated collaboration {id}."
COLLAB_DELETED: Final = "Deleted collaboration {id}."
CONFIRM_DELETE_COLLAB: Final = "Delete collaboration {id} ({title})?"
COLLABS_TITLE: Final = "Collaborations"
COLLAB_DUPLICATE: Final = (
    "Collaboration {id} is already logged with this organisation, title, towns and start "
    "({title}, {start}). See `vanort collaborations show {id}`; add --allow-duplicate to "
    "log another."
)
COLLAB_TOWN_LEFT: Final = (
    "{town} left on {date} ({why}): a collaboration starting {start} cannot include it."
)
COLLAB_TOWN_LEFT_UNDATED: Final = (
    "{town} has {why}, and the registry has no date for it, so a collaboration with it "
    "cannot be checked. See `vanort towns show {town}`."
)
COLLAB_TOWN_NOT_YET: Final = (
    "{town} has been a {what} only since {when}: a collaboration starting {start} cannot "
    "include it. Check the start date, or the town's decision (`vanort towns show {town}`)."
)
WHY_JOINED_TWIN: Final = "twin town"
WHY_JOINED_PARTNER: Final = "partner city"
WHY_RETIRED: Final = "retired twin town"
WHY_ENDED: Final = "partnership ended"
WHY_RETIRED_UNDATED: Final = "retired as a twin town"
WHY_ENDED_UNDATED: Final = "ended as a partner city"
COLLAB_TOWN_DORMANT: Final = (
    "Note: {town} is a dormant partner city; the collaboration is stored all the same."
)
COLLAB_ORG_RETIRED: Final = (
    "{org} was retired on {date}: no collaboration of it can start after that ({start}). "
    "Log it under the organisation that took over."
)
COLUMNS_LEFT_OUT: Final = (
    "Columns left out to fit {width} columns: {columns}. "
    "Widen the terminal, or use --format json to see everything."
)

# -- the report ---------------------------------------------------------------------
REPORT_MEETINGS: Final = "Twin-town meetings {year}"
# The summary above the report's tables, by the tense of the year (over when the
# report is made, or still running or ahead) and by how many there are.
REPORT_SUMMARY: Final = Counted(
    "{total:# collaboration was|# collaborations were} active during {year}; "
    "{new:none of them was|# of them was|# of them were} reported in {year}."
)
REPORT_SUMMARY_NONE: Final = "No collaborations were active during {year}."
REPORT_SUMMARY_ONE: Final = (
    "One collaboration was active during {year}; it {new:was not|was|was} reported in {year}."
)
REPORT_SUMMARY_SO_FAR: Final = (
    "The registry holds {total:# collaboration|# collaborations} for {year}; "
    "{new:none of them has|# of them has|# of them have} been reported in {year} so far."
)
REPORT_SUMMARY_NONE_SO_FAR: Final = "The registry holds no collaborations for {year} so far."
REPORT_SUMMARY_ONE_SO_FAR: Final = (
    "The registry holds one collaboration for {year}; it {new:has not been|has been|has been} "
    "reported in {year} so far."
)
REPORT_COUNTS: Final = {
    "by_town": "By town",
    "by_organisation": "By organisation",
    "by_area": "By area",
    "by_kind": "By kind",
}
REPORT_ITEMS: Final = "Collaborations active during {year}"
# A report's table lists at most REPORT_TABLE_LIMIT collaborations (the newest); then:
REPORT_ITEMS_NEWEST: Final = "Collaborations active during {year}: the {shown} newest"
REPORT_ITEMS_CAPPED: Final = (
    "{shown} of {total} collaborations shown, newest first. "
    "All of them: --all, or -f csv (one row each)."
)
REPORT_REPORTERS: Final = "Organisations that reported in {year}: {names}"
REPORT_SILENT: Final = "Organisations that reported nothing in {year} (P10): {names}"
REPORT_WRITTEN: Final = "Wrote the report ({format}) to {path}."
OUTPUT_EXISTS: Final = "{path} already exists. Add --force to overwrite it, or choose another file."
# {how} names the argument the command takes: "with -o" (report), "as FILE" (db backup).
OUTPUT_IS_DASH: Final = (
    "- is standard output, where this command does not write: give a file name {how}."
)
OUTPUT_IS_DIRECTORY: Final = "{path} is a directory. Give a file name {how}."
REPORT_NO_MEETING: Final = "No twin-town meeting in {year}."

# -- export and Excel (collaborations export; -o and xlsx for list, schedule, report) --
EXPORT_WRITTEN: Final = Counted(
    "Exported {count:# collaboration|# collaborations} ({format}) to {path}."
)
# The sheet of an export and of `collaborations list --format xlsx`.
EXPORT_SHEET: Final = "Collaborations"
SCHEDULE_SHEET: Final = "Schedule"
TABLE_EXTENSION: Final = "Cannot tell the format from {path}: use {accepted}, or give --format."
TABLE_PAGE_FOOTER: Final = Counted(
    "The {shown:newest one|# newest} of {count:# row|# rows}. All of them: --all, or as a "
    "file: -f csv (or jsonl) > FILE."
)
LIMIT_AND_ALL: Final = "Give --limit N or --all, not both."
TABLE_WRITTEN: Final = Counted("Wrote {count:# row|# rows} ({format}) to {path}.")
PICTURE_WRITTEN: Final = "Wrote the meeting rotation {first}–{last} to {path}."
PICTURE_NO_MEETINGS: Final = (
    "There is no meeting year from {first} to {last} to draw: give a wider range with "
    "--from and --to."
)
PICTURE_NOT_A_FORMAT: Final = (
    "-o {path} draws the rotation as a picture, which --format and --excel do not "
    "apply to: leave them out, or give a file name for a table (.csv, .json, .xlsx)."
)
# Also for `-o -`: a workbook is bytes a terminal cannot show, so it goes to a file only.
XLSX_NEEDS_OUTPUT: Final = (
    "An xlsx workbook is written to a file, not to standard output: give --output "
    "FILE.xlsx, or a text format such as --format csv."
)
INTERRUPTED: Final = (
    "Interrupted. A change under way was rolled back whole: nothing half-done was stored."
)
# End of input (or Ctrl-C) at a question: every question vanort asks comes before a change.
ABORTED: Final = "Aborted: no answer, so nothing was changed."
EXCEL_IS_CSV: Final = "--excel is for CSV, not {format}: leave it out, or use --format csv."
# The sheets of `report --format xlsx`, one per section (Excel allows 31 characters).
REPORT_SHEETS: Final = {
    "summary": "Summary {year}",
    "meetings": "Meetings {year}",
    "by_town": "By town",
    "by_organisation": "By organisation",
    "by_area": "By area",
    "by_kind": "By kind",
    "items": "Collaborations {year}",
    "organisations": "Reporting {year}",
}

# -- decisions on towns (P7) -----------------------------------------------------------
DECISION_REQUIRED: Final = (
    "To {action} give the decision: --decision REF (e.g. 'KS 2027-05-02 §7' or a diary "
    "number) and --decided-on DATE."
)
DECISION_BODY: Final = (
    "'{body}' is not a deciding body: use KF (City Council) or KS (City Executive Board)."
)
TWIN_NEEDS_COUNCIL: Final = (
    "Only the City Council (Kommunfullmäktige, KF) decides on twin towns (policy P7): "
    "give --body KF with the Council's decision."
)
TWIN_NOT_KS_DECISION: Final = (
    "'{reference}' is a decision of the City Executive Board (KS), but only the City Council "
    "(Kommunfullmäktige, KF) decides on twin towns (policy P7): give the Council's decision "
    "with --decision."
)
TOWN_KIND: Final = "'{kind}' is not a kind of town: use twin or partner."
COUNTRY_CODE: Final = "'{country}' is not a two-letter country code (ISO 3166), e.g. DK, NO, FI."
TOWN_EXISTS: Final = "'{name}' is already a name of {owner}."
AFTER_NOT_IN_ROTATION: Final = (
    "{town} is not in the meeting rotation; name a twin town with --after."
)
RETIRE_ONLY_TWINS: Final = (
    "{town} is not a twin town. Partner cities change with `vanort towns set-status`."
)
ALREADY_RETIRED: Final = "{town} has already left the rotation."
CANNOT_RETIRE_HOME: Final = "Gothenburg cannot retire from its own twin-town registry."
STATUS_ONLY_PARTNERS: Final = (
    "{town} is a twin town; a twin town leaves only by a Council decision: `vanort towns retire`."
)
PARTNER_STATUS: Final = "'{status}' is not a partner-city status: use active, dormant or ended."
ENDED_NEEDS_KS: Final = (
    "Ending a partnership, and reactivating an ended one, is the decision of the City "
    "Executive Board (Kommunstyrelsen, KS): give the KS decision (--body KS)."
)
ENDED_ONLY_ACTIVE: Final = (
    "{town}'s partnership ended on {date}. Only a new KS decision makes it active again: "
    "`vanort towns set-status {town} active --decision REF --decided-on DATE`."
)
REACTIVATE_NEEDS_NEW: Final = (
    "{town}'s partnership ended on {date}: reactivating it needs a new KS decision, "
    "taken after that day."
)
ACTION_ADD_TOWN: Final = "add a {kind} town"
ACTION_RETIRE: Final = "retire a twin town"
ACTION_STATUS: Final = "change a partner city's status"
DECISION_SOURCE: Final = "decision {reference}"
TOWN_ADDED: Final = "Added {name} ({kind}) as '{key}'."
TOWN_SPELLING_FOLDED: Final = (
    "Note: '{spelling}' is '{same}' once case and accents are set aside, so it already "
    "finds {name}; it is not kept as a spelling of its own."
)
TOWN_ADDED_ROTATION: Final = Counted(
    "{name} hosts in turn from {year}; the meeting cycle is now {cycle:# year|# years}."
)
TOWN_RETIRED: Final = "{name} leaves the meeting rotation after {year}; its history stays."
TOWN_STATUS_SET: Final = "{name} is now {status}."
TOWN_ENDED: Final = (
    "{name}'s partnership ended on {date}; no collaboration with it can start after that day."
)
TOWN_PROFILE_TITLES: Final = {
    "decisions": "Decisions",
    "meetings": "Meetings hosted and to host",
    "collaborations_by_year": "Collaborations by year",
}

# -- choosing the registry ----------------------------------------------------------
DB_IS_DASH: Final = "- is not a registry: give the path of a SQLite file or a database URL."
DB_EMPTY: Final = "--db (or VANORT_DB) is empty. Give a registry file path, or leave it unset."
DB_NO_HOME: Final = "--db (or VANORT_DB) {path} starts with a user's home (~) that cannot be found."
DB_URL_NOT_FILE: Final = (
    "{url} is not a registry file: use sqlite:///PATH (three slashes, then the path; "
    "an in-memory database would lose everything)."
)
DB_URL_OPTIONS: Final = "{url}: options after '?' are not supported. Give the plain file URL."
DB_DRIVER: Final = (
    "Cannot use the database URL {location}: {reason}. Install its driver, or use a "
    "SQLite file with --db PATH."
)
OS_FAILED: Final = "Could not read or write {where}: {reason}. Nothing more was done."
THE_OUTPUT: Final = "the output"
FILE_ACCESS: Final = (
    "Cannot use {path}: {reason}. Check its permissions, or choose another path with --db."
)
BAD_ENV_DATE: Final = "VANORT_TODAY: {reason} Or unset VANORT_TODAY."
END_NOT_IN_YEAR: Final = "The end date {date} is not in {year}, the year of the meeting."
HELD_IN_FUTURE: Final = "A meeting in {year} cannot have been held yet: record it as planned."
ID_OUT_OF_RANGE: Final = "{id} is not a possible id. See `vanort collaborations list`."
REGISTRY_UNKNOWN_VERSION: Final = (
    "{location} has schema version {found}, which no vanort wrote. Restore it from a backup; "
    "it was not changed."
)
ORG_NEEDS_LETTERS: Final = "'{name}' is not an organisation's name: it has no letters."
OUTPUT_DIR_MISSING: Final = (
    "The directory {directory} does not exist. Create it, or choose another file {how}."
)
OUTPUT_NOT_REGULAR: Final = (
    "{path} is not a regular file (a link, device or pipe). Choose another file {how}."
)
EDIT_END_CONFLICT: Final = "Give --end or --no-end, not both."

# -- meetings in full ------------------------------------------------------------------
PARTICIPANT_TWIN_ONLY: Final = "{town} is not a twin town: delegations come from the twin towns."
PARTICIPANT_NOT_FOUND: Final = "No participant named '{name}' in the {year} meeting."
PARTICIPANT_AMBIGUOUS: Final = "Several participants are named '{name}': add --town."
PARTICIPANT_ADDED: Final = "Added {name} ({town}) to the {year} meeting."
PARTICIPANT_REMOVED: Final = "Removed {name} from the {year} meeting."
PARTICIPANT_UPDATED: Final = "Updated {name} ({town}) in the {year} meeting."
PARTICIPANT_NOTHING_TO_EDIT: Final = "Nothing to change: give --new-name, --role or --decision."
PARTICIPANTS_TITLE: Final = "Delegations to the {year} meeting"
SEMINARS_TITLE: Final = "Seminars at the {year} meeting"
SEMINAR_UPDATED: Final = "Updated the seminar '{title}' in the {year} meeting."
SEMINAR_NOTHING_TO_EDIT: Final = "Nothing to change: give --new-title, --speaker or --org."
SEMINAR_NOT_FOUND: Final = "No seminar titled '{title}' in the {year} meeting."
SEMINAR_ADDED: Final = "Added the seminar '{title}' to the {year} meeting."
SEMINAR_REMOVED: Final = "Removed the seminar '{title}' from the {year} meeting."
PREPARATION_HOME_ONLY: Final = (
    "The {year} meeting is not hosted by Gothenburg; the preparation timeline is Gothenburg's (P6)."
)
UNKNOWN_STEP: Final = "Unknown preparation step '{step}'. The steps are: {steps}."
STEP_DONE: Final = "Marked '{step}' done for the {year} meeting."
MEETING_PROFILE_TITLES: Final = {
    "participants": "Delegations",
    "seminars": "Seminars",
    "preparation": "Preparation (Stadsledningskontoret)",
}
EVALUATION_LINE: Final = "Evaluation done {done_on}: {reference}"

# -- the evaluation duty (P11) ------------------------------------------------------------
DUE_DAYS_RANGE: Final = Counted(
    "{days:# day is|# days is} not a possible deadline: give 1 to {most} days."
)
DUE_DAYS_SET: Final = Counted(
    "Evaluations are now due {days:# day|# days} after a Gothenburg-hosted meeting."
)
DUE_DAYS_SHOW: Final = Counted(
    "Evaluations are due {days:# day|# days} after a Gothenburg-hosted meeting."
)
EVALUATION_HOME_HELD_ONLY: Final = (
    "The {year} meeting is not a held meeting hosted by Gothenburg: only those have an "
    "evaluation duty (P11)."
)
EVALUATION_DONE: Final = "Recorded the evaluation of the {year} meeting: {reference}."
EVALUATIONS_TITLE: Final = "Evaluations after Gothenburg-hosted meetings (P11)"
NOT_A_HOME_YEAR: Final = (
    "Gothenburg does not host the {year} meeting (see `vanort schedule`): the consolidated "
    "report follows a Gothenburg-hosted meeting (P11)."
)

# -- vanort check ---------------------------------------------------------------------
CHECK_EVALUATION_OVERDUE: Final = (
    "The evaluation after the {year} meeting in Gothenburg was due {due} (P11). Draft it with "
    "`vanort report --evaluation {year}`, then `vanort evaluation done {year} --reference REF`."
)
CHECK_EVALUATION_UNCONFIRMED: Final = (
    "The evaluation after the {year} meeting in Gothenburg would have been due {due} (P11), "
    "but the year of this meeting is not confirmed: confirm it with "
    "`vanort meeting confirm {year}` or record the real year."
)
CHECK_POSTPONED_UNSCHEDULED: Final = (
    "The {year} meeting ({host}) is postponed and its new date is not set. When it is "
    "known: `vanort meeting reschedule {year} --to YEAR` (add --shift-cycle if the cycle "
    "continues from then); if it will not take place: "
    "`vanort meeting record {year} --status cancelled`."
)
CHECK_HOSTING_WITHOUT_DATES: Final = (
    "Gothenburg hosts the {year} meeting, within 12 months, and no dates are recorded (P6). "
    "Record them: `vanort meeting record {year} --host Göteborg --start DATE --end DATE`."
)
CHECK_STEP_LATE: Final = (
    "Preparation of the {year} meeting: '{name}' was due {due}. When done: "
    "`vanort meeting step-done {year} {step}`."
)
# A collaboration that goes on after its town left or its organisation's last day.
CHECK_PAST_TOWN_LEFT: Final = (
    "Collaboration {id} ('{title}') with {town} goes on after {date}, the day the town left. "
    "End it (`vanort collaborations edit {id} --end DATE`) or correct its towns."
)
CHECK_PAST_ORG_RETIRED: Final = (
    "Collaboration {id} ('{title}') of {org} goes on after {date}, the organisation's last "
    "day. End it (`vanort collaborations edit {id} --end DATE`) or file it under the "
    "organisation that took over its work (`--org`)."
)
# Said when a town retires, a partnership ends or an organisation retires;
# {listed}: OUTLASTING_ITEM, joined, and OUTLASTING_MORE past the first few.
OUTLASTING_TOWN: Final = Counted(
    "Note: {count:# collaboration|# collaborations} already logged with {party} "
    "{count:goes|go} on after {date}: {listed}. End or correct {count:it|them} "
    "(`vanort collaborations edit ID --end DATE`); `vanort check` flags {count:it|them} "
    "until then."
)
OUTLASTING_ORG: Final = Counted(
    "Note: {count:# collaboration|# collaborations} already logged under {party} "
    "{count:goes|go} on after {date}: {listed}. End {count:it|them} "
    "(`vanort collaborations edit ID --end DATE`) or file {count:it|them} under the "
    "organisation that took over (`--org`); `vanort check` flags {count:it|them} until then."
)
OUTLASTING_ITEM: Final = "{id} ('{title}')"
OUTLASTING_MORE: Final = Counted("{listed} and {more:# more|# more}")
CHECK_UNRECORDED: Final = (
    "No meeting is recorded for {year} (computed host: {host}). Record what happened: "
    "`vanort meeting record {year} --host TOWN --status held|cancelled|postponed`."
)
CHECK_OUT_OF_TURN_HOST: Final = (
    "The {year} meeting is recorded with {host} as host, but after {after_year} ({after_host}) "
    "the rotation has {expected} host {turn_year}; the record moves every later turn. "
    "If it is wrong: `vanort meeting delete {year} --yes`, then record what really happened; "
    "if it really was so: `vanort meeting confirm {year}`.{postponed}"
)
CHECK_OUT_OF_TURN_YEAR: Final = (
    "The {year} meeting ({host}) is off the cycle: after {after_year} ({after_host}) the "
    "meetings fall in {parity} years; the record moves every later turn. If the year is "
    "wrong: `vanort meeting delete {year} --yes`, then record the year it really was; "
    "if it really was so: `vanort meeting confirm {year}`.{postponed}"
)
# {postponed} above: this sentence when the record may be a postponed meeting, else nothing.
CHECK_OUT_OF_TURN_POSTPONED: Final = (
    " If it is the {origin} meeting postponed: "
    "`vanort meeting reschedule {origin} --to {year} --shift-cycle`."
)
CHECK_DELEGATION: Final = (
    "{name}, in Gothenburg's delegation to the {year} meeting, has no presidium decision on "
    "record (P5). Add it: "
    "`vanort meeting participant edit {year} --name {quoted} --town Göteborg --decision REF`."
)
CHECK_NO_DECISION: Final = (
    "{town} has no City Council decision reference on record (P7). Find the decision and "
    "record it: `vanort towns record-decision {quoted} --decision REF --decided-on DATE`."
)
CHECK_CYCLE: Final = Counted(
    "Gothenburg now hosts every {cycle:year|# years}, while the policy says every eighth "
    "year (P6): the policy text needs the City Council's attention."
)
CHECK_OK: Final = "No findings: the registry meets the policy's follow-up duties."
REPORT_YEAR_OR_EVALUATION: Final = (
    "Give --year YEAR (the annual report) or --evaluation YEAR, not both."
)
EVALUATION_FORMATS: Final = "The evaluation draft is written as markdown, html or json."
ACTION_RECORD: Final = "record a decision"
DECISION_RECORDED: Final = "Recorded the decision {reference} for {name}."

# -- registry maintenance -----------------------------------------------------------------
MAINTENANCE_SQLITE_ONLY: Final = (
    "{location} is a server database: back it up and restore it with the server's own tools."
)
BACKUP_WRITTEN: Final = "Backed up the registry to {path}."
RESTORE_MISSING: Final = "{path} does not exist or is not a file."
RESTORE_NOT_REGISTRY: Final = "{path} is not a vanort registry. Nothing was restored."
RESTORE_DAMAGED: Final = "{path} is damaged (integrity check failed). Nothing was restored."
RESTORED: Final = "Restored the registry from {source}; the replaced registry is saved as {saved}."
RESTORE_KIND: Final = "'{kind}' cannot be restored: give meeting YEAR or collaboration ID."
NOTHING_TO_RESTORE: Final = "There is no deleted {kind} {key} to bring back."
RESTORED_RECORD: Final = "Brought back {what}."
PURGED: Final = Counted(
    "Deleted for good {meetings:# meeting|# meetings} and "
    "{collaborations:# collaboration|# collaborations} hidden before {before}; their "
    "history stays."
)
CONFIRM_PURGE_NEEDS_YES: Final = "Purging deletes for good: add --yes."
# -- moving a registry: db export / db import ------------------------------------------
REGISTRY_EXPORTED: Final = Counted(
    "Exported the registry to {path}: {rows:# row|# rows} in {tables:# table|# tables}, {history}."
)
EXPORT_WITH_HISTORY: Final = "its history included"
EXPORT_WITHOUT_HISTORY: Final = "its history left out (add --history to include it)"
REGISTRY_IMPORTED: Final = Counted(
    "Imported {rows:# row|# rows} from {path} into the registry at {location}{history}."
)
IMPORT_HISTORY_KEPT: Final = ", its history as it was"
IMPORT_NO_HISTORY: Final = "; the document holds no history"
REGISTRY_JSON_NOT_A_FILE: Final = (
    "{path} is not a file (a folder, device or pipe). Give a file written by `vanort db export`."
)
REGISTRY_JSON_UNREADABLE: Final = "Cannot read {path}: {reason}."
REGISTRY_JSON_NOT_JSON: Final = (
    "{path} is not a JSON document ({reason}). Give a file written by `vanort db export`."
)
REGISTRY_JSON_NOT_REGISTRY: Final = (
    '{path} is not a registry document (it lacks "format": "{format}"). '
    "Give a file written by `vanort db export`."
)
REGISTRY_JSON_VERSION: Final = (
    "{path} is in version {found} of the registry document; this vanort reads version "
    "{supported}. Nothing was imported."
)
REGISTRY_JSON_NO_SCHEMA: Final = (
    "{path} does not say its schema version (schema_version). Nothing was imported."
)
REGISTRY_JSON_SCHEMA_NEWER: Final = (
    "{path} comes from a registry of schema {found}, newer than this vanort's ({supported}). "
    "Upgrade vanort, then import it. Nothing was imported."
)
REGISTRY_JSON_SCHEMA_OLDER: Final = (
    "{path} comes from a registry of schema {found}; this vanort imports schema {supported} "
    "only. Import it with the vanort that exported it, then open that registry with this "
    "vanort (which upgrades it) and export again. Nothing was imported."
)
REGISTRY_JSON_NO_TABLES: Final = "{path} has no tables. Nothing was imported."
REGISTRY_JSON_UNKNOWN_TABLE: Final = (
    "{path}: '{table}' is not a table of the registry. Accepted: {tables}. Nothing was imported."
)
REGISTRY_JSON_MISSING_TABLE: Final = (
    "{path} lacks the table {table} (write [] for a table with no rows). Nothing was imported."
)
REGISTRY_JSON_NOT_ROWS: Final = "{path}: table {table} is not a list of rows. Nothing was imported."
REGISTRY_JSON_NOT_ROW: Final = "{path}, {where}: not a row (an object). Nothing was imported."
REGISTRY_JSON_UNKNOWN_COLUMN: Final = (
    "{path}, {where}: '{column}' is not a column of the table. Accepted: {columns}. "
    "Nothing was imported."
)
REGISTRY_JSON_MISSING_COLUMN: Final = (
    "{path}, {where}: the column {column} is missing (write null for no value). "
    "Nothing was imported."
)
REGISTRY_JSON_NULL: Final = "{path}, {where}: {column} needs a value. Nothing was imported."
REGISTRY_JSON_BAD_VALUE: Final = (
    "{path}, {where}: {column} {value} is not {kind}. Nothing was imported."
)
REGISTRY_JSON_NOT_A_SETTING: Final = (
    "{path}, {where}: '{key}' describes a registry file, not a setting; the registry that "
    "imports writes its own. Nothing was imported."
)
REGISTRY_JSON_BROKEN_LINK: Final = (
    "{path}, {where}: {column} {value} names no row of table {table}. Nothing was imported."
)
REGISTRY_JSON_BAD_SEQUENCES: Final = (
    "{path}: id_sequences must map the tables meeting, collaboration and audit_entry to "
    "whole numbers. Nothing was imported."
)
# A value a command would not store ({problem}: one of the REGISTRY_JSON_* after it).
REGISTRY_JSON_REFUSED_VALUE: Final = (
    "{path}, {where}: {column} {value} {problem}. Nothing was imported."
)
REGISTRY_JSON_EMPTY: Final = "is empty, and the commands store no empty text there"
REGISTRY_JSON_CONTROL: Final = "holds control or hidden direction characters"
REGISTRY_JSON_NOT_A_CHARACTER: Final = "holds a blank-looking, private-use or unassigned character"
REGISTRY_JSON_TOO_LONG: Final = "is longer than the {limit} characters the commands store"
REGISTRY_JSON_NOT_A_CHOICE: Final = "is not one of {choices}"
REGISTRY_JSON_END_BEFORE_START: Final = "is before its start_date, {start}"
REGISTRY_JSON_NOT_IN_YEAR: Final = "is not in the meeting's year, {year}"
REGISTRY_JSON_BROKEN_RULE: Final = (
    "{path}: a row of table {table} breaks a rule of the registry ({reason}). Nothing was imported."
)
IMPORT_INTO_USED_REGISTRY: Final = (
    "The registry at {location} holds what staff recorded ({found}); `db import` fills only "
    "a new registry or one with nothing but the shipped data. Import into a new file: "
    "`vanort --db NEW.db db import {path}`. Nothing was imported."
)
REGISTRY_HOLDS_HISTORY: Final = Counted("{count:# entry|# entries} in its history")
REGISTRY_HOLDS_ROWS: Final = Counted("{count:# row|# rows} in {table}")
REGISTRY_HOLDS_SETTING: Final = "the setting {key}"
REGISTRY_HOLDS_IMPORT: Final = "it was filled by an earlier import"


HISTORY_TITLE: Final = "History"
HISTORY_ADDED: Final = "added: {values}"
HISTORY_DELETED: Final = "deleted: {values}"
HISTORY_UNKNOWN_TABLE: Final = "'{table}' is not a table of the registry. Accepted: {tables}."
# -- importing collaborations (collaborations import) ----------------------------
IMPORT_NOT_A_FILE: Final = (
    "{path} is not a file (a folder, device or pipe). Give the path of a CSV or Excel file."
)
IMPORT_UNREADABLE: Final = "Cannot read {path}: {reason}."
IMPORT_UNREADABLE_AT: Final = "Cannot read {path} as CSV at line {line}: {reason}."
IMPORT_TOO_LARGE: Final = (
    "{path} is {size} MB; vanort imports files of up to {limit} MB. Split it into "
    "smaller files, or move a whole registry with `vanort db import`."
)
IMPORT_EMPTY_FILE: Final = (
    "{path} is empty. Fill in the template (`vanort collaborations template -o FILE`) "
    "and import that."
)
IMPORT_NOT_TEXT: Final = (
    "{path} is not a CSV text file (it holds bytes text never has). Import a CSV or an "
    "Excel workbook (.xlsx)."
)
IMPORT_OLD_EXCEL: Final = (
    "{path} is an old Excel workbook (.xls). In Excel, Save As 'Excel Workbook (*.xlsx)' "
    "or 'CSV UTF-8', and import that."
)
IMPORT_BAD_ENCODING: Final = (
    "{path} is not {encoding} text (line {line} has a byte it does not allow). Leave out "
    "--encoding to detect it, or name the right one."
)
IMPORT_UNKNOWN_ENCODING: Final = (
    "'{encoding}' is not an encoding vanort knows. Use utf-8, utf-8-sig, utf-16 or windows-1252."
)
IMPORT_BAD_DELIMITER: Final = "'{value}' is not a delimiter vanort reads. Use ',', ';' or tab."
IMPORT_NOT_WORKBOOK: Final = (
    "{path} cannot be read as an Excel workbook (.xlsx): {reason}. Save it again from "
    "Excel, or as CSV."
)
IMPORT_NOT_ZIP: Final = "it is not the zip file a workbook is"
IMPORT_ENCRYPTED: Final = (
    "{path} is protected with a password, so vanort cannot read it. In Excel, remove the "
    "password (File > Info > Protect Workbook) and save it again, or save it as CSV."
)
IMPORT_WORKBOOK_PARTS: Final = Counted(
    "{path} is a zip of {parts:# file|# files}, more than the {limit:# file|# files} any "
    "workbook holds (a zip bomb); it was not read. Save it again from Excel, or as CSV."
)
IMPORT_WORKBOOK_PART_SIZE: Final = (
    "{path} unpacks its part {part} to {size} MB, more than the {limit} MB a workbook of "
    "collaborations needs (a zip bomb); it was not read. Save it as CSV, or split it."
)
IMPORT_WORKBOOK_UNPACKED: Final = (
    "{path} unpacks to {size} MB, more than the {limit} MB a workbook of collaborations "
    "needs (a zip bomb); it was not read. Save it as CSV, or split it."
)
IMPORT_WORKBOOK_PACKED: Final = (
    "{path} packs its part {part} {ratio}:1, tighter than the {limit}:1 any workbook "
    "packs (a zip bomb); it was not read. Save it again from Excel, or as CSV."
)
IMPORT_WORKBOOK_DTD: Final = (
    "{path} has a document type declaration (DTD) in its part {part}, which no saved "
    "workbook has and which can expand entities or read other files; it was not read. "
    "Save it again from Excel, or as CSV."
)
IMPORT_TOO_MANY_COLUMNS: Final = Counted(
    "{path} has {columns:# column|# columns} in {place}; a file of collaborations has at "
    "most {limit:# column|# columns}. Delete the columns after the last one in use, or "
    "check that it is the right file."
)
IMPORT_TOO_MANY_ROWS: Final = Counted(
    "{path} reaches row {row} of sheet {sheet}; vanort reads at most {limit:# row|# rows} "
    "of a workbook. Delete the rows after the last one in use, or split the file."
)
IMPORT_BAD_CELL: Final = (
    "{path} has a cell {place} that cannot be read ({reason}). Open and save it in "
    "Excel, or save it as CSV."
)
IMPORT_BAD_CELL_FIRST: Final = "in the first row"
IMPORT_BAD_CELL_AFTER: Final = "after row {row}"
IMPORT_HEADER_FORMULAS: Final = (
    "{path}: the header row (row {row}) holds formulas whose values the file does not "
    "hold (it was not saved by Excel). Open and save it in Excel, or type the headings."
)
IMPORT_CELL_TOO_LARGE: Final = (
    "{path} has a cell of more than {limit} characters at line {line}; no value of the "
    "registry is that long. Check that it is the right file, and that its quotes close."
)
IMPORT_NO_SHEET: Final = "{path} has no sheet to import."
IMPORT_UNKNOWN_SHEET: Final = "{path} has no sheet '{sheet}'. Its sheets: {sheets}."
IMPORT_SHEET_ON_CSV: Final = "--sheet is for Excel workbooks; {path} is a CSV file."
IMPORT_CSV_KIND: Final = "{separated}, {encoding}"
IMPORT_XLSX_KIND: Final = "sheet {sheet}"
IMPORT_PROGRESS: Final = "Importing"
IMPORT_READ: Final = Counted("Read {path} ({kind}): {rows:# row|# rows}.")
IMPORT_PLACE_LINE: Final = "line {number}"
IMPORT_PLACE_ROW: Final = "row {number}"
IMPORT_PLACE_ITEM: Final = "item {number}"
IMPORT_JSON_KIND: Final = "JSON"
IMPORT_NOT_JSON: Final = "{path} is not valid JSON: {reason}."
IMPORT_JSON_TOO_DEEP: Final = (
    "{path} nests its JSON deeper than Python can read (an export nests three deep); it "
    "was not read. Export it again with `vanort collaborations export -o FILE.json`."
)
IMPORT_JSON_SHAPE: Final = (
    "{path}: a JSON file to import is a list of collaborations, one object each, as "
    "`vanort collaborations export -o FILE.json` writes it."
)
IMPORT_HEADER_PROBLEM: Final = "header row: {problem}"
IMPORT_NO_HEADER: Final = (
    "the first row names no columns. It must name the columns, e.g. Titel, "
    "Förvaltning/bolag, Område, Vänorter."
)
IMPORT_UNKNOWN_COLUMN: Final = "vanort does not know the column '{column}'{close}."
IMPORT_DID_YOU_MEAN: Final = " (did you mean {close}?)"
IMPORT_COLUMN_TWICE: Final = "the columns '{first}' and '{second}' are the same column; keep one."
IMPORT_MISSING_COLUMNS: Final = "the file lacks the columns {columns}."
IMPORT_NO_ROWS: Final = (
    "{path} has no rows to import: each row after the header is one collaboration."
)
IMPORT_CELL_WITHOUT_COLUMN: Final = (
    "cell {cell} has a value but no column header; name its column or empty it."
)
IMPORT_REQUIRED_EMPTY: Final = "empty; every row needs a title, organisation, area and towns."
IMPORT_TEXT_CONTROL: Final = "contains control or hidden direction characters; type it again."
IMPORT_TEXT_NOT_A_CHARACTER: Final = (
    "contains a blank-looking, private-use or unassigned character; type it again."
)
IMPORT_TEXT_TOO_LONG: Final = "longer than {limit} characters; shorten it."
IMPORT_UNSAVED_FORMULA: Final = (
    "a formula whose value the file does not hold (it was not saved by Excel); open and "
    "save the file in Excel, or type the value."
)
IMPORT_NOT_A_DATE: Final = "not a date; write it as 2026-03-01 (or 1 March 2026)."
IMPORT_TWO_DIGIT_YEAR: Final = "a two-digit year, which vanort never guesses; write 2026-03-01."
IMPORT_NO_YEAR: Final = "no year; write the year in full, as in 2026-03-01."
IMPORT_NO_DAY: Final = "no day; write a whole date, as in 2026-03-01."
IMPORT_NO_SUCH_DAY: Final = "no such day in the calendar; check the month and the day."
IMPORT_OUTSIDE_YEARS: Final = "outside the years vanort handles: {first} to {last}."
IMPORT_UNKNOWN_KIND: Final = "not a form of collaboration; use one of {kinds}."
IMPORT_END_BEFORE_START: Final = "before the start date {start}."
IMPORT_END_BEFORE_TODAY: Final = (
    "before the start, which is today ({today}) when the start date is empty; give the start."
)
IMPORT_REPORTED_IN_FUTURE: Final = "in the future; record a report when it has been made."
IMPORT_DID_YOU_MEAN_NAME: Final = "did you mean {names}?"
IMPORT_NOT_KNOWN: Final = "not in the registry; see `vanort {command}`."
IMPORT_ORG_RETIRED: Final = (
    "retired on {date}, so no collaboration of it can start on {start}; name the "
    "organisation that took over."
)
IMPORT_HOME_TOWN: Final = "Gothenburg cannot be a partner in its own collaboration."
IMPORT_TOWN_NOT_YET: Final = (
    "has been a {what} only since {when}, so a collaboration starting {start} cannot include it."
)
IMPORT_TOWN_LEFT: Final = "left on {date}, so a collaboration starting {start} cannot include it."
IMPORT_TOWN_LEFT_UNDATED: Final = (
    "has left, and the registry has no date for it; see `vanort towns show`."
)
IMPORT_IDS_NOT_CONSECUTIVE: Final = (
    "The rows stored in {table} did not get the ids vanort expected, so nothing was "
    "imported. Run `vanort db check`, and import again."
)
IMPORT_DORMANT: Final = Counted(
    "Note: {town} is a dormant partner city; {count:# row names|# rows name} it "
    "and {count:is|are} stored all the same: {which}."
)
IMPORT_PAST_DEPARTURE: Final = Counted(
    "Note: {count:# row goes|# rows go} on after a town of {count:its|theirs} left or "
    "{count:its|their} organisation's last day, and {count:is|are} stored all the same: "
    "{which}. Give {count:its end|their ends}, or `vanort check` flags {count:it|them}."
)
IMPORT_FORMER_ORG_NAME: Final = Counted(
    "Note: {typed} is now {org} (renamed or merged); {count:# row names|# rows name} "
    "it and {count:is|are} filed under {org}: {which}."
)
IMPORT_MORE_PROBLEMS: Final = Counted("... and {count:# more problem|# more problems}.")
IMPORT_REFUSED: Final = Counted(
    "Nothing was imported: {path} has {count:# problem|# problems} (above). Correct "
    "{count:it|them} and import again; --dry-run checks a file without importing."
)
IMPORT_DONE: Final = Counted(
    "Imported {count:# collaboration|# collaborations} from {path} ({ids})."
)
IMPORT_ONE_ID: Final = "id {id}"
IMPORT_ID_RANGE: Final = "ids {first}-{last}"
IMPORT_NOTHING_NEW: Final = Counted(
    "Nothing new in {path}: {count:its # row is|all # rows are} already in the registry. "
    "--allow-duplicates imports them all the same."
)
IMPORT_DRY_RUN: Final = Counted(
    "Dry run: {count:# collaboration|# collaborations} would be imported from {path}. "
    "Nothing was written."
)
IMPORT_DRY_RUN_NOTHING_NEW: Final = Counted(
    "Dry run: nothing new in {path}: {count:its # row is|all # rows are} already in the "
    "registry. Nothing was written."
)
IMPORT_DUPLICATES: Final = Counted(
    "Skipped {count:# duplicate|# duplicates} (same organisation, title, towns and start): {which}."
)
IMPORT_DUPLICATE_OF_RECORD: Final = "{at} is #{id}"
IMPORT_DUPLICATE_OF_ROW: Final = "{at} repeats {earlier}"
IMPORT_EMPTY_ROWS: Final = Counted("Skipped {count:# empty row|# empty rows}.")
IMPORT_TOTAL_ROWS: Final = Counted("Skipped {count:a total row|# total rows}: {which}.")
IMPORT_IGNORED_COLUMNS: Final = (
    "Not read: the columns {columns} (an import gives new ids and times, and the "
    "others follow from the rest)."
)
TEMPLATE_NOT_XLSX: Final = (
    "{path}: the template is an Excel workbook; give a file name ending in .xlsx."
)
TEMPLATE_WRITTEN: Final = Counted(
    "Wrote {path}: fill in the sheet {sheet}, one collaboration a row; its lists offer "
    "{orgs:# organisation|# organisations}, {areas:# area|# areas} and "
    "{towns:# town|# towns}. Import it with `vanort collaborations import {path}`."
)
IMPORT_AND_MORE: Final = Counted("{shown} and {count:# more|# more}")
DECISION_REQUIRED_TWIN: Final = (
    "To {action} give the decision: --decision REF (e.g. 'KF 2027-03-16 §12') and "
    "--decided-on DATE. Policy P7: the City Council decides on twin towns."
)
DECISION_BODY_MISMATCH: Final = (
    "The reference '{reference}' names {named}, but --body says {body}. Give --body {named}, "
    "or correct the reference."
)
DATE_IN_FUTURE: Final = "{option} {date} is in the future. Record it when it has happened."
TOWN_SIMILAR: Final = (
    "'{name}' is very close to {owner}. If it is really another town, add --allow-similar."
)
RETIRE_BEFORE_HOSTING: Final = (
    "{town} hosted the recorded {year} meeting, after that decision date. Check --decided-on."
)
RETIRE_LAST_PARTNER: Final = (
    "Retiring {town} would leave Gothenburg with fewer than two twin towns in the rotation."
)
STATUS_ALREADY: Final = "{town} is already {status}."
DECISION_KNOWN: Final = "The decision {reference} is already recorded for {town}."
PARTICIPANT_EXISTS: Final = "{name} is already in that town's delegation to the {year} meeting."
SEMINAR_EXISTS: Final = "The {year} meeting already has the seminar '{title}'."
CHECK_NOT_CLOSED: Final = (
    "The {year} meeting is over but still recorded as planned. Record what happened: "
    "`vanort meeting record {year} --status held|postponed|cancelled`."
)
EVALUATION_NEEDS_HELD: Final = (
    "The {year} meeting in Gothenburg is not recorded as held: the consolidated report follows "
    "the meeting (P11). Record it first: `vanort meeting record {year} --status held`."
)
REGISTRY_SCHEMA_MISMATCH: Final = (
    "The registry {location} does not match this vanort's schema (it may come from a "
    "pre-release build). Restore a backup, or start a new registry with --db; it was not changed."
)
NOT_A_REGISTRY_FILE: Final = "{path} is not a usable vanort registry."
USAGE_LINE: Final = "{message} (see `{command} --help`)"
# Usage errors, worded in one place (cli/usage.py) for every command and group.
USAGE_BAD_VALUE: Final = "Invalid value for {name}: {problem}"
USAGE_BAD_CHOICE: Final = "Invalid value for {name}: '{value}'. Accepted: {accepted}."
USAGE_NOT_A_LIMIT: Final = "{value} is not a number of rows to show: give 1 or more."
USAGE_NOT_A_PORT: Final = "{value} is not a port: give a number from 1 to 65535, for example 8080."
USAGE_NOT_WHOLE_NUMBER: Final = "'{value}' is not a whole number."
USAGE_NOT_NUMBER: Final = "'{value}' is not a number."
USAGE_NOT_UTF8: Final = (
    "Invalid value for {name}: {value} is not UTF-8 text. "
    "Set your terminal to UTF-8, or type the text again."
)
USAGE_NOT_AN_ID: Final = "{value} is not a record id: ids go from {smallest} to {largest}."
USAGE_OUT_OF_RANGE: Final = (
    "{value} is out of range: the smallest accepted is {smallest}, the largest {largest}."
)
# A word no value of an option's family has (`--status nyss`): what can be typed.
USAGE_NOT_A_WORD: Final = "'{value}' is none of these: {accepted}."
USAGE_NOT_ACCEPTED: Final = "'{value}' cannot be read as {metavar}."
USAGE_MISSING_ARGUMENT: Final = "Missing argument {name}: {what}."
USAGE_MISSING_OPTION: Final = "Missing option {name}: {what}."
USAGE_OPTION_NEEDS_VALUE: Final = "{option} needs a value: {expects}."
USAGE_ONE_OF: Final = "one of {values}"
USAGE_FLAG_TAKES_NO_VALUE: Final = "{option} is a switch and takes no value."
USAGE_UNKNOWN_OPTION: Final = "Unknown option {option}. Accepted: {accepted}."
USAGE_UNKNOWN_OPTION_CLOSE: Final = (
    "Unknown option {option}; did you mean {close}? Accepted: {accepted}."
)
USAGE_UNKNOWN_COMMAND: Final = "Unknown command '{command}'. Accepted: {accepted}."
USAGE_UNKNOWN_COMMAND_CLOSE: Final = (
    "Unknown command '{command}'; did you mean '{close}'? Accepted: {accepted}."
)
USAGE_MISSING_COMMAND: Final = "Missing command. Accepted: {accepted}."
USAGE_EXTRA_ARGUMENT: Final = "Unexpected argument '{value}': `{command}` {takes}."
USAGE_TAKES: Final = "takes {arguments} only"
USAGE_TAKES_NONE: Final = "takes no arguments"
# In --help, after an option whose choices are too many to show beside it.
HELP_ONE_OF: Final = "One of: {values}."
RESTORE_YEAR_TAKEN: Final = (
    "{year} already has a meeting record. Delete it first if the deleted one should come back."
)
OUTPUT_IS_REGISTRY: Final = "{path} is the registry itself. Choose another file."


# -- msg-a --------------------------------------------------------------------------
# A yes/no question (`cli.common.confirm`): the answers it takes, the default (no)
# in capitals, and what it says to an answer it does not take before asking again.
CONFIRM_CHOICES: Final = "y/N"
CONFIRM_AGAIN: Final = "Answer y (yes) or n (no)."

# -- help --
# Usage errors (cli/usage.py): close matches of an unknown option, and what a
# parameter without help or metavar expects.
USAGE_EITHER: Final = "{some} or {last}"
USAGE_A_VALUE: Final = "a value"
# A value that is not UTF-8 text, given as an argument rather than an option's.
USAGE_AN_ARGUMENT: Final = "an argument"
# Before every error on stderr (output.show_error).
ERROR_PREFIX: Final = "Error: "

# -- msg-b --
# How a detected CSV file is described in the import's summary ("semicolon-separated,
# Windows-1252"): the delimiter and the encoding in words.
IMPORT_COMMA_SEPARATED: Final = "comma-separated"
IMPORT_SEMICOLON_SEPARATED: Final = "semicolon-separated"
IMPORT_TAB_SEPARATED: Final = "tab-separated"
IMPORT_UTF8_BOM: Final = "UTF-8 with BOM"
# An organisation an import names that the registry does not know: {add} is
# ADD_ORGANISATION, how a new one is added.
IMPORT_NOT_KNOWN_ORG: Final = "not in the registry; see `vanort {command}`. {add}"
# Where a command takes the file it writes, for OUTPUT_DIR_MISSING and the like ({how}).
OUTPUT_WITH_O: Final = "with -o"
OUTPUT_AS_FILE: Final = "as FILE"
# A row of a registry document (`db import`), for REGISTRY_JSON_* ({where}).
REGISTRY_JSON_WHERE: Final = "table {table}, row {number}"
# The same, with the row's id (or a setting's key), for REGISTRY_JSON_REFUSED_VALUE.
REGISTRY_JSON_WHERE_ID: Final = "table {table}, row {number} (id {id})"
# What a column's value must be, by its Python type, for REGISTRY_JSON_BAD_VALUE ({kind}).
REGISTRY_JSON_KINDS: Final = {
    "bool": "true or false",
    "int": "a whole number",
    "str": "text",
    "datetime": "an ISO 8601 time",
    "date": "a date (YYYY-MM-DD)",
}

# -- tables --
# A recorded meeting in the basis note: "2017 Göteborg (held)".
BASIS_MEETING: Final = "{year} {host} ({status})"
# Who changed a record (`vanort history`): the login, and the name given beside it.
HISTORY_WHO_CLAIMS: Final = "{who} (claims: {given})"
HISTORY_WHO_OUTSIDE: Final = "{who} (outside vanort)"
HISTORY_WHO_IMPORTED: Final = "{who} (imported)"
# What a name was not found as, in UNKNOWN_NAME's and KNOWN_ARE's {what}.
NAMED_WHAT: Final = {"town": "town", "organisation": "organisation", "area": "area"}
# What `vanort restore-record` brought back, in RESTORED_RECORD's {what}.
RESTORED_WHAT: Final = {"meeting": "meeting {key}", "collaboration": "collaboration {key}"}


# -- the lead --
# Why the operating system refused (errors.os_reason), by errno name: its own
# words are English in every locale.
OS_REASONS: Final = {
    "ENOENT": "no such file or directory",
    "EACCES": "permission denied",
    "EPERM": "operation not permitted",
    "EISDIR": "it is a directory",
    "ENOTDIR": "a part of the path is not a directory",
    "ENOSPC": "no space left on the disk",
    "EROFS": "the file system is read-only",
    "EEXIST": "the file already exists",
    "ENAMETOOLONG": "the file name is too long",
    "EIO": "input/output error (the disk may be failing)",
    "EDQUOT": "the disk quota is exceeded",
    "ELOOP": "too many symbolic links",
    "EBUSY": "the file is busy",
    "ETXTBSY": "the file is busy",
    "EINVAL": "invalid argument",
}

# What `vanort db check` shows, by the key its JSON has.
DB_CHECK_LABELS: Final = {
    "path": "Registry",
    "location": "Registry",
    "schema_version": "Schema version",
    "integrity": "Integrity check",
    "private": "Readable only by its owner",
    "server_version": "Server version",
}
DB_CHECK_ROWS: Final = "Rows in {table}"

# -- pg-roles -------------------------------------------------------------------------
# `vanort db roles` and the refusals of a PostgreSQL registry's roles.
ROLES_NEED_SERVER: Final = (
    "Roles are a feature of a database server: {location} is a SQLite file, whose "
    "access is its file permissions. Use --db postgresql://USER@HOST:PORT/DB."
)
ROLES_SET_UP: Final = (
    "Roles set up on {location}: vanort_reader, vanort_reporter, vanort_editor and "
    "vanort_web. Add "
    "logins with: vanort db roles --grant LOGIN --as reporter"
)
ROLES_UNCHANGED: Final = "Roles already set up on {location}; nothing changed."
ROLES_SETUP_REFUSED: Final = (
    "The roles could not be set up as {user}: {reason}. Run `vanort db roles --setup` as "
    "the database owner, with the right to create roles (CREATEROLE)."
)
ROLES_NOT_SET_UP: Final = (
    "There is no role {group} on this server yet: run `vanort db roles --setup` as the "
    "database owner first."
)
ROLES_NO_SUCH_LOGIN: Final = (
    "There is no role {login} on this server. Create the login first, in psql: "
    "CREATE ROLE \"{login}\" LOGIN PASSWORD '...'; then add it to {group} again."
)
ROLES_GROUP_AS_LOGIN: Final = "{login} is one of vanort's groups, not a login."
ROLES_GRANTED: Final = "{login} is now in {group}."
ROLES_BOUND: Final = "{login} reports for {organisations}."
ROLES_ORG_NEEDS_REPORTER: Final = (
    "--org binds a reporter to the organisations it reports for: "
    "--grant LOGIN --as reporter --org ORG."
)
CHECK_UNBOUND_REPORTERS: Final = (
    "Reporters bound to no organisation yet, who may log for any: {logins}; "
    "bind each with: vanort db roles --grant LOGIN --as reporter --org ORG"
)
ROLES_ALREADY_MEMBER: Final = "{login} is already in {group}; nothing changed."
ROLES_NO_MEMBERS: Final = (
    "No one is in vanort's roles yet: vanort db roles --grant LOGIN --as reporter"
)
ROLES_ONE_ACTION: Final = "Give --setup or --grant LOGIN --as ROLE, not both."
ROLES_GRANT_NEEDS_AS: Final = "Say which role: --grant {login} --as reporter|editor|reader|web."
ROLES_AS_NEEDS_GRANT: Final = (
    "--as says which role the login of --grant joins: --grant LOGIN --as {group}."
)
ROLE_REFUSED: Final = "{role} may {may}; {action} needs {needed}."
ROLE_NONE: Final = (
    "{user} is in none of vanort's roles (vanort_reader, vanort_reporter, vanort_editor, "
    "vanort_web); "
    "ask the database owner to run: vanort db roles --grant {user} --as reporter"
)
ROLE_ACTION_MEETINGS: Final = "recording meetings"
ROLE_ACTION_TOWNS: Final = "changing towns and their decisions"
ROLE_ACTION_ORGANISATIONS: Final = "changing organisations and areas"
ROLE_ACTION_SETTINGS: Final = "changing settings"
ROLE_ACTION_COLLABORATIONS: Final = "logging and editing collaborations"
ROLE_ACTION_OTHERS_COLLABORATION: Final = "changing a collaboration someone else reported"
ROLE_REFUSED_ORGANISATIONS: Final = (
    "{user} reports for {organisations} only; a collaboration of another organisation, "
    "or deleting one for good, needs {needed}."
)
ROLE_ACTION_HISTORY: Final = "changing the history"
ROLE_ACTION_ROUNDS: Final = "opening, closing and changing a reporting round"
ROLE_ACTION_ANSWERS: Final = "answering a reporting round"
ROLE_REFUSED_ANSWER: Final = (
    "{user} answers a reporting round only for the organisations it is bound to ({organisations}); "
    "another organisation's answer needs {needed}, or binding the login to it: "
    "vanort db roles --grant {user} --as reporter --org ORG."
)
ROLE_ACTION_SCHEMA: Final = "changing the schema"
ROLE_OWNER: Final = "the database owner"

# -- pg-core --
PG_DRIVER_MISSING: Final = (
    "{location} is a PostgreSQL database, and its driver is not installed: "
    "pip install 'vanort[postgresql]'"
)
PG_LOGIN_FAILED: Final = (
    "The PostgreSQL server of {location} did not let {user} in: check the user name and "
    "the password (in the URL, PGPASSWORD or ~/.pgpass)."
)
PG_NO_DATABASE: Final = (
    "The PostgreSQL server of {location} has no database {database}: create it first "
    "(createdb), or check the name in the URL."
)
PG_SERVER_DOWN: Final = (
    "No PostgreSQL server answers at {server} ({location}): check that it is running and "
    "that the host and port are right."
)

# -- pg-ops --
# `vanort db copy`: the registry moved whole to an empty database ({location} and
# {source}/{target} are file paths or URLs with the password masked).
COPY_TO_ITSELF: Final = (
    "--to names the registry in use ({location}). Give an empty database or a new file. "
    "Nothing was copied."
)
COPY_TARGET_NOT_VANORT: Final = (
    "{location} holds tables that are not a vanort registry's; `db copy` fills only an empty "
    "database or a new file. Nothing was copied."
)
COPY_TARGET_OTHER_SCHEMA: Final = (
    "{location} holds a vanort registry of schema {found}, not {supported}; `db copy` fills "
    "only an empty database or a new file. Nothing was copied."
)
COPY_TARGET_IN_USE: Final = (
    "The registry at {location} holds what staff recorded ({found}); `db copy` fills only an "
    "empty database, a new file or a registry with nothing but the shipped data. "
    "Nothing was copied."
)
COPY_COUNTS_DIFFER: Final = Counted(
    "The copy at {location} does not match the registry: its table {table} has "
    "{found:# row|# rows}, the registry's {expected}. Nothing was copied."
)
REGISTRY_COPIED: Final = Counted(
    "Copied the registry from {source} to {target}, its history included: "
    "{rows:# row|# rows} in {tables:# table|# tables}, every table with as many rows as "
    "the registry's. Use it with `vanort --db {target} ...` or VANORT_DB."
)
# `db backup` and `db restore` on PostgreSQL, through the server's own tools.
PG_TOOL_MISSING: Final = (
    "{tool} is not installed; `db backup` and `db restore` on PostgreSQL need it. Install the "
    "PostgreSQL client tools (Debian and Ubuntu: `apt-get install postgresql-client`), "
    "then try again. Nothing was {done}."
)
PG_TOOL_DONE_BACKUP: Final = "backed up"
PG_TOOL_DONE_RESTORE: Final = "restored"
PG_TOOL_FAILED: Final = "{tool} failed on {location}: {reason}. Nothing was {done}."
PG_RESTORE_NOT_DUMP: Final = (
    "{path} is not a backup made by `vanort db backup` of a PostgreSQL registry (a pg_dump "
    "archive in custom format). Nothing was restored."
)

# -- the reporting round: the lead (issue 24) ------------------------------------------
ROUND_NOT_OPEN: Final = (
    "No reporting round has been opened for {year}. Open it with "
    "`vanort round open {year} --deadline DATE`."
)
ROUND_YEAR_AHEAD: Final = (
    "{year} has not begun: a round asks for a year's collaborations during or after it. "
    "Give this year or an earlier one."
)
ROUND_ALREADY_OPEN: Final = (
    "The round for {year} is already open (deadline {deadline}); there is one round a year. "
    "See `vanort round show {year}`, or add an organisation with "
    "`vanort round open {year} --org ORG`."
)
ROUND_CLOSED: Final = (
    "The round for {year} was closed on {date}: nothing more is sent or added in it. "
    "Answers are still taken, marked late."
)
ROUND_NEEDS_DEADLINE: Final = (
    "Opening the round for {year} needs its deadline: add --deadline DATE, for example "
    "--deadline {next}-01-31."
)
ROUND_DEADLINE_PASSED: Final = (
    "The deadline {date} has passed: every organisation that has not answered is late. "
    "Record the answers you already have with `vanort round answer` or "
    "`vanort collaborations import`."
)
ROUND_ORG_NOT_YET: Final = (
    "{name} came into being in {since}, after {year}: it is not asked for {year}. "
    "If it existed earlier, correct it with `vanort orgs edit ORG --since DATE`."
)
ROUND_ORG_GONE: Final = (
    "{name} was retired on {date}, before {year}: it is not asked for {year}; its "
    "successor answers."
)
ROUND_ORG_RETIRED: Final = (
    "{name} was retired on {date}: there is no one there to ask. Ask the organisation "
    "that took over its work."
)
ROUND_ORG_NOT_ASKED: Final = (
    "{name} was not asked in the round for {year}. Add it with "
    "`vanort round open {year} --org ORG`."
)
ROUND_NOTHING_BUT_GIVEN: Final = Counted(
    "{name} has already answered the round for {year} with "
    "{count:# collaboration|# collaborations}: it cannot also answer that it had none. "
    "Delete those first if they were given by mistake."
)
CONTACT_BAD_EMAIL: Final = (
    "'{value}' is not an e-mail address: write it as name@example.se, one address."
)
CONTACT_BAD_PHONE: Final = (
    "'{value}' is not a phone number: use digits, spaces, - and a leading +, "
    "for example 031-365 00 00."
)
CONTACT_BAD_LANGUAGE: Final = "'{value}' is not a language of the letters: use sv or en."
CONTACT_EXISTS: Final = "{email} is already a contact of {name}. Edit that contact instead."
CONTACT_NOT_FOUND: Final = (
    "{name} has no contact '{value}'. Its contacts, by id and address: {known}."
)
CONTACT_NONE: Final = (
    "{name} has no contacts yet. Add one with "
    "`vanort orgs contact add ORG --name NAME --email ADDRESS`."
)
CONTACT_AMBIGUOUS: Final = (
    "'{value}' names more than one contact of {name}: give the id or the address. "
    "Its contacts: {known}."
)

# -- contacts-cli (helper) --
# An organisation's start (`orgs add/edit --since`) and contacts (`orgs contact`).
ORG_BAD_SINCE: Final = (
    "'{value}' is not a start: give a year (2021), a month (2021-10) or a day "
    "(2021-10-01), or unknown."
)
ORG_SINCE_AFTER_RETIRED: Final = (
    "{name}'s last day was {date}, before {since}: give a start on or before {date}, or unknown."
)
ORG_SINCE_AFTER_WORK: Final = (
    "{name} has collaboration {id}, starting {start}, before {since}: give a start on "
    "or before {start}, or correct the collaboration with "
    "`vanort collaborations edit {id} --start DATE`."
)
ORG_RETIRED_BEFORE_SINCE: Final = (
    "{name} came into being in {since}, after {date}: give a last day after its start, "
    "or correct the start with `vanort orgs edit ORG --since DATE`."
)
ORG_EDIT_NOTHING: Final = "Nothing to change: give --since DATE (or --since unknown)."
ORG_SINCE_SET: Final = "{name} came into being in {since} (before: {before})."
ORG_SINCE_CLEARED: Final = (
    "{name}'s start is now unknown (before: {before}): it counts as existing in any "
    "year asked about."
)
# An organisation's start that is not known, in a table (JSON has null).
SINCE_UNKNOWN: Final = "unknown"
ORG_CONTACTS_TITLE: Final = "Contacts"
CONTACTS_TITLE: Final = "Contacts of the administrations and companies"
CONTACT_ADDED: Final = "Added contact {id} to {org}."
CONTACT_EDITED: Final = "Changed contact {id} of {org}."
CONTACT_PRIMARY: Final = "Contact {id} is the one the round writes to at {org}."
CONTACT_EDIT_NOTHING: Final = (
    "Nothing to change: give --name, --email, --phone, --lang or --primary."
)
# For REGISTRY_JSON_REFUSED_VALUE: a document's organisation start or contact.
REGISTRY_JSON_NOT_A_SINCE: Final = (
    "is not a start as vanort stores it: a year (2021), a month (2021-10) or a day (2021-10-01)"
)
REGISTRY_JSON_NOT_AN_EMAIL: Final = "is not an e-mail address"
REGISTRY_JSON_NOT_A_PHONE: Final = "is not a phone number"
# For ROLE_REFUSED (PostgreSQL): contacts are personal data, for editors only.
ROLE_ACTION_CONTACTS: Final = "reading or changing contacts (personal data)"
CONFIRM_REMOVE_CONTACT: Final = "Remove contact {id} of {org} ({email}) for good?"
CONTACT_REMOVED: Final = (
    "Removed contact {id} of {org} for good; the history records that it was removed, "
    "not who it was."
)

# -- round-core (helper) --
ROUND_OPENED_NEW: Final = Counted(
    "The round for {year} is open: it asks "
    "{count:no organisation|# organisation|# organisations}; deadline {deadline}."
)
ROUND_ADDED: Final = Counted(
    "The round for {year} {count:already asks every organisation named|"
    "now also asks # organisation|now also asks # organisations}; deadline {deadline}."
)
ROUND_ALREADY_CLOSED: Final = (
    "The round for {year} was already closed on {date}. Answers are still taken, marked late."
)
ROUND_CLOSE_BEFORE_OPENED: Final = (
    "The round for {year} was opened on {date}: it cannot be closed before (today is "
    "{today}). Give --today a day from {date} on."
)
ROUND_CLOSED_NOW: Final = Counted(
    "The round for {year} is closed as of {date}; "
    "{count:everyone asked has answered|# organisation has not answered|"
    "# organisations have not answered}. Answers are still taken, marked late."
)
ROUND_ANSWER_HOW: Final = (
    "Say what {name} answered: --nothing if it had no collaborations with the twin towns "
    "in {year}; else its collaborations, by importing its workbook or CSV "
    "(`vanort collaborations import FILE`) or with `vanort log-collaboration ... "
    "--round {year}`."
)
ROUND_ANSWERED_NOTHING: Final = (
    "{name} answered the round for {year}: no collaborations with the twin towns "
    "(on {date}, recorded by {by})."
)
ROUND_ANSWERED_NOTHING_AGAIN: Final = (
    "{name} had already answered the round for {year} that it had no collaborations "
    "(on {date}, recorded by {by}); nothing changed."
)
ROUND_ANSWER_LATE: Final = "The answer came after the deadline: it is marked late."
ROUND_LOGGED_AS_ANSWER: Final = "Logged as {name}'s answer to the round for {year}."
ROUND_COLLAB_AFTER_YEAR: Final = (
    "The collaboration starts on {date}, after {year}: the round for {year} asks for the "
    "collaborations active during {year}. Give its first day with --start DATE."
)
ROUND_COLLAB_BEFORE_YEAR: Final = (
    "The collaboration ended on {date}, before {year}: the round for {year} asks for the "
    "collaborations active during {year}. Check --end DATE."
)
ROUND_NONE_YET: Final = (
    "No reporting round has been opened. Open one with `vanort round open YEAR --deadline DATE`."
)
ROUND_SHOW_TITLE: Final = "The reporting round for {year}"
ROUND_LIST_TITLE: Final = "Reporting rounds"
ROUND_STATUS_TITLE: Final = "Who has answered the round for {year}"
ROUND_STATUS_SHEET: Final = "Round {year}"
ROUND_ANSWER_COLLABORATIONS: Final = Counted(
    "{count:no collaborations|# collaboration|# collaborations}"
)
ROUND_ANSWER_NOTHING: Final = "nothing"

# -- round-workbooks (helper) --
ROUND_WORKBOOKS_WRITTEN: Final = Counted(
    "Wrote {count:no workbook|# workbook|# workbooks} for the round for {year} to "
    "{directory} ({swedish} in Swedish, {english} in English)."
)
ROUND_WORKBOOKS_DASH: Final = (
    "- is standard output, where .xlsx workbooks cannot go: give the directory to write "
    "them to with -o."
)
ROUND_WORKBOOKS_NOT_A_DIRECTORY: Final = (
    "{path} is a file: -o names the directory the workbooks go to. Give a directory."
)
ROUND_WORKBOOK_MARK_DAMAGED: Final = (
    "{path} is a round's workbook, but its hidden mark is damaged: write the "
    "organisation's workbook again with `vanort round workbooks YEAR -o DIR --org ORG`, "
    "or import the rows with --round YEAR --org ORG."
)
ROUND_WORKBOOK_ORG_GONE: Final = (
    "{path} is the workbook of {org} for the round for {year}, and the registry no longer "
    "has that organisation: import it with --round {year} --org ORG, naming who answers."
)
ROUND_WORKBOOK_OTHER_ORG: Final = (
    "{path} is the workbook of {marked} for the round for {year}, not of {org}: import "
    "it as {marked}'s answer (without --org), or import {org}'s own workbook."
)
ROUND_WORKBOOK_OTHER_YEAR: Final = (
    "{path} is a workbook of the round for {marked}, not {year}: import it without "
    "--round, or import the workbook of the round for {year}."
)
ROUND_ORG_WITHOUT_ROUND: Final = "--org says whose answer to a round the file is: add --round YEAR."
ROUND_ANSWER_NO_ROWS: Final = (
    "{path} has no collaboration in it. If {org} had none with the twin towns in {year}, "
    "record that with `vanort round answer {year} {org_arg} --nothing`."
)
ROUND_ANSWER_NO_ROWS_ANYONE: Final = (
    "{path} has no collaboration in it. An organisation that had none in {year} answers "
    "with `vanort round answer {year} ORG --nothing`."
)
ROUND_ROW_OTHER_ORG: Final = (
    "this is the answer of {org}, and a row names {other}: correct the cell to {org} "
    "(or leave it empty), or send {other}'s collaborations in its own workbook."
)
ROUND_ID_NOT_A_NUMBER: Final = (
    "not an id: keep the Id vanort wrote on a listed row, and leave it empty on a new one."
)
ROUND_ID_TWICE: Final = (
    "the same Id as row {first}: a collaboration is listed once; remove one of the rows, "
    "or empty the Id of a new one."
)
ROUND_ID_UNKNOWN: Final = (
    "no collaboration in the registry has this Id (or it was deleted): leave the Id "
    "empty to add the row as a new collaboration."
)
ROUND_ID_OTHER_ORG: Final = (
    "#{id} is a collaboration of {other}, not of {org}: leave the Id empty to add the "
    "row as a collaboration of {org}, or send it in {other}'s workbook."
)
ROUND_ANSWER_UPDATED: Final = Counted(
    "Updated {count:# listed collaboration|# listed collaborations}: {which}."
)
ROUND_ANSWER_CONFIRMED: Final = Counted(
    "Confirmed as they are: {count:# listed collaboration|# listed collaborations}."
)
ROUND_ANSWER_NOT_RETURNED: Final = Counted(
    "Listed in the workbook but not returned, left as {count:it is|they are}: {which}."
)
ROUND_ANSWER_RECORDED: Final = Counted(
    "Recorded as the answer of {org} to the round for {year}: "
    "{count:# collaboration|# collaborations}."
)
ROUND_ANSWER_NOTHING_CHANGED: Final = (
    "Nothing changed: {path} was already imported as the answer of {org} to the round for {year}."
)
ROUND_ANSWER_DRY_RUN: Final = Counted(
    "Dry run: {updated:no listed collaboration|# listed collaboration|# listed "
    "collaborations} would be updated and {new:no new one|# new one|# new ones} imported, "
    "as the answer to the round for {year}. Nothing was written."
)

# -- round-letters (helper) --
# The letter and the reminder, in the contact's language (exchange/letters.py).
LETTER_SUBJECT: Final = "Twin-town collaborations in {year}: please reply by {deadline}"
REMINDER_SUBJECT: Final = "Reminder: twin-town collaborations in {year}"
LETTER_GREETING: Final = "Dear {name},"
LETTER_ASK: Final = (
    "Every year the City Executive Office gathers the City's collaborations with "
    "Gothenburg's twin towns. We would now like to know which collaborations "
    "{organisation} had with the twin towns during {year}."
)
REMINDER_ASK: Final = (
    "We have not yet had a reply from {organisation} about its collaborations with "
    "Gothenburg's twin towns during {year}."
)
LETTER_WORKBOOK: Final = (
    "The attached workbook lists the collaborations we already know of. Please confirm, "
    "correct or end them, add any new ones on the rows below, and send the workbook "
    "back in reply to this e-mail."
)
LETTER_NOTHING: Final = (
    "If {organisation} had no collaborations with the twin towns in {year}, simply "
    "reply to this e-mail and say so."
)
LETTER_DEADLINE: Final = "We need your reply by {deadline}."
REMINDER_DEADLINE_WAS: Final = "The deadline was {deadline}: please reply as soon as you can."
REMINDER_DEADLINE_IS: Final = "The deadline is {deadline}."
LETTER_THANKS: Final = "Thank you in advance."
LETTER_CLOSING: Final = "Kind regards,"
LETTER_SIGNATURE: Final = "City Executive Office (Stadsledningskontoret)\nCity of Gothenburg"
# What the commands say.
LETTERS_WRITTEN: Final = Counted(
    "Wrote {count:no letter|# letter|# letters} for the round for {year} to {directory}."
)
REMINDERS_WRITTEN: Final = Counted(
    "Wrote {count:no reminder|# reminder|# reminders} for the round for {year} to {directory}."
)
LETTERS_SENT: Final = Counted(
    "Sent {count:no letter|# letter|# letters} for the round for {year} through {server}."
)
REMINDERS_SENT: Final = Counted(
    "Sent {count:no reminder|# reminder|# reminders} for the round for {year} through {server}."
)
LETTERS_ALREADY_SENT: Final = Counted(
    "{count:No letter|# letter|# letters} already sent, not sent again: {names}. "
    "Add --again to send them again."
)
REMINDERS_ALREADY_SENT: Final = Counted(
    "{count:No reminder|# reminder|# reminders} already sent today, not sent again: {names}."
)
LETTERS_NO_CONTACT: Final = Counted(
    "{count:No organisation|# organisation|# organisations} without a contact, "
    "not written to: {names}. Add one with "
    "`vanort orgs contact add ORG --name NAME --email ADDRESS`."
)
LETTERS_NOT_STDOUT: Final = (
    "The letters are files, one an organisation: give -o a directory (for example "
    "-o letters), not -."
)
LETTERS_ALL_ANSWERED: Final = (
    "Every organisation asked has answered the round for {year}: no reminder."
)
LETTERS_NOWHERE: Final = (
    "Say where the letters go: -o DIR to write them as files, --send to send them, or both."
)
LETTERS_DIR_NOT_DIR: Final = "{path} is not a directory. Give a directory with -o."
LETTERS_ROUND_CLOSED: Final = (
    "The round for {year} was closed on {date}: no letter or reminder is written in it."
)
LETTERS_SEND_INTERRUPTED: Final = Counted(
    "Sent {sent} of {total} {kind} before {server} stopped: {reason}. Run the same "
    "command again to send the other {rest}; none is sent twice."
)
LETTERS_SEND_INTERRUPTED_AGAIN: Final = Counted(
    "Sent {sent} of {total} {kind} before {server} stopped: {reason}. Run the same "
    "command again without --again to send the other {rest}; none is sent twice."
)
LETTERS_KIND_WORDS: Final = {"letter": "letters", "reminder": "reminders"}
# The mail settings (exchange/mail_config.py) and the SMTP server (exchange/smtp.py).
MAIL_NO_SENDER: Final = (
    "No sender for the letters: set VANORT_MAIL_FROM (for example "
    '"Stadsledningskontoret <vanort@example.se>") or `from` in the [mail] table of {path}.'
)
MAIL_BAD_SENDER: Final = (
    "The sender '{value}' is not an e-mail address: write it as name@example.se or "
    '"Name <name@example.se>" in {source}.'
)
MAIL_NO_HOST: Final = (
    "No SMTP server to send through: set VANORT_SMTP_HOST (and VANORT_SMTP_PORT, "
    "VANORT_SMTP_USER) or `host` in the [mail] table of {path}."
)
MAIL_BAD_PORT: Final = (
    "The SMTP port '{value}' in {source} is not a port: give a number from 1 to 65535, usually 587."
)
MAIL_NO_PASSWORD: Final = (
    "The SMTP user {user} has no password: set VANORT_SMTP_PASSWORD or `password` in the "
    "[mail] table of {path} (readable by you only)."
)
MAIL_CONFIG_UNREADABLE: Final = "Cannot read the settings file {path}: {reason}."
MAIL_CONFIG_NOT_TOML: Final = (
    "The settings file {path} is not TOML: {reason}. Correct it, or move it away."
)
MAIL_CONFIG_BAD_VALUE: Final = "`{key}` in the [mail] table of {path} must be text. Correct it."
MAIL_CONFIG_OPEN: Final = (
    "The settings file {path} holds the SMTP password but others may read it: make it "
    "yours only with `chmod 600 {path}`."
)
SMTP_NO_STARTTLS: Final = (
    "The SMTP server {server} does not offer STARTTLS, so the letters and the password "
    "would cross the network unencrypted: nothing was sent. Use the server's submission "
    "port (usually 587) or ask its administrators."
)
SMTP_UNREACHABLE: Final = "Cannot reach the SMTP server {server}: {reason}. Nothing was sent."
SMTP_LOGIN_REFUSED: Final = (
    "The SMTP server {server} refused the login of {user}: {reason}. Nothing was sent; "
    "check VANORT_SMTP_USER and the password."
)
SMTP_TLS_FAILED: Final = (
    "The SMTP server {server} offered STARTTLS but its certificate could not be "
    "trusted: {reason}. Nothing was sent."
)

# -- round-report (helper) --
# `check`: a round whose deadline passed with organisations still silent; {names}:
# the first few, and OUTLASTING_MORE ("... and 3 more") past them.
CHECK_ROUND_UNANSWERED: Final = Counted(
    "The deadline of the {year} reporting round was {deadline} and "
    "{count:# organisation has|# organisations have} not answered: {names}. Remind them "
    "with `vanort round remind {year}`, or record an answer of nothing with "
    "`vanort round answer {year} ORG --nothing`."
)
# `check`: the last year that ended has no round (earlier years are not asked
# about: the registry has no rounds from before vanort knew of them).
CHECK_ROUND_NOT_OPENED: Final = (
    "{year} has ended and no reporting round has been opened for it (P10): the annual "
    "report cannot say who answered. Open it with `vanort round open {year} --deadline DATE`."
)

# -- the web front (issue 25): the lead ------------------------------------------------
SERVE_NEEDS_WEB: Final = (
    "vanort serve needs the web extra, which is not installed: "
    "pip install 'vanort[web]' (in vanort's own environment)."
)
SERVE_STARTING: Final = "Serving {registry} at {url} (stop with Ctrl-C)."
WEB_TITLE: Final = "Gothenburg's twin towns"
WEB_SKIP: Final = "Skip to the content"
WEB_LANGUAGE: Final = "Language"
WEB_FOOTER: Final = "The City of Gothenburg, City Executive Office (Stadsledningskontoret)."
WEB_NEXT_MEETING: Final = "The next twin-town meeting"
WEB_YEAR: Final = "Year"
WEB_HOST: Final = "Host"
WEB_GOTHENBURG_NEXT: Final = "Gothenburg hosts next in"
WEB_ERROR_TITLE: Final = "Something went wrong"
WEB_NOT_FOUND: Final = "There is no such page."
WEB_TOO_LARGE: Final = "What was sent is too large."
WEB_FAILED: Final = "The page could not be shown. Nothing you sent was stored; try again later."

# -- web-links (helper) --
LINKS_NONE_TO_REVOKE: Final = (
    "{name} has no live link in the round for {year}; nothing was revoked "
    "(vanort round links {year} lists them)."
)
LINKS_REVOKED: Final = "Revoked {count} link(s) of {name} in the round for {year}."
LINKS_NEED_BASE_URL: Final = (
    "A new link can be shown only with the web's address: give --base-url URL "
    "or set VANORT_BASE_URL (the links were not made)."
)
LINKS_TITLE: Final = "Personal links, round {year}"
LINKS_ORGANISATION: Final = "Organisation"
LINKS_URL: Final = "Link"
LINKS_EXPIRES: Final = "Opens until"
LINKS_ID: Final = "Link id"
LINKS_COORDINATOR: Final = "(coordinator)"
LINKS_MADE_BEFORE: Final = "made before (renew with --renew to show a new one)"
LETTER_LINK: Final = "Answer in your browser, no login needed: {url}"

# -- web-reporter (helper) --
WEB_ANSWER_TITLE: Final = "{organisation}: collaborations with the twin towns in {year}"
WEB_ANSWER_INTRO: Final = (
    "The City Executive Office asks which collaborations with the twin towns and "
    "partner cities you had in {year}. Please answer by {deadline}."
)
WEB_ANSWER_CLOSED: Final = (
    "The round for {year} is closed; nothing can be changed here. "
    "Contact the City Executive Office (Stadsledningskontoret) to change your answer."
)
WEB_ROUND_CLOSED_REFUSED: Final = "The round for {year} is closed: nothing was stored."
WEB_ANSWERED: Final = "Your answer so far: {answer}, given on {date} by {by}."
WEB_ANSWER_COLLABORATIONS: Final = "our collaborations"
WEB_ANSWER_NOTHING: Final = "no collaborations this year"
WEB_SAVED: Final = "Saved."
WEB_LISTED: Final = "Your collaborations active during {year}"
WEB_NONE_LISTED: Final = "No collaborations of yours are registered for {year}."
WEB_CORRECT: Final = "Correct or end: {title}"
WEB_ADD: Final = "Add a collaboration"
WEB_FIELD_TITLE: Final = "Title"
WEB_FIELD_DESCRIPTION: Final = "Description"
WEB_FIELD_TOWNS: Final = "Twin towns"
WEB_FIELD_AREA: Final = "Area"
WEB_FIELD_KIND: Final = "Form"
WEB_FIELD_START: Final = "Start date"
WEB_FIELD_END: Final = "End date"
WEB_FIELD_NAME: Final = "Your name"
WEB_DATE_HINT: Final = "For example 2026-03-01 or 1 mars 2026."
WEB_SAVE: Final = "Save the correction"
WEB_END: Final = "End it"
WEB_ADD_BUTTON: Final = "Add"
WEB_FINISH: Final = "Finish"
WEB_SEND: Final = "Send our answer"
WEB_NOTHING: Final = "We had no collaborations with the twin towns this year"
WEB_NAME_NEEDED: Final = "Give your name, so the office knows who answered: nothing was stored."
WEB_BAD_DATE: Final = "{value!r} is not a date: write it as 2026-03-01 or 1 mars 2026."
WEB_NOTHING_LISTED: Final = (
    "No collaborations are listed to send: add one, or answer that you had none."
)
WEB_CHANGED_MEANWHILE: Final = (
    "Someone changed this collaboration at {at} (UTC) after you opened the page: its "
    "title is now {title!r}, its end date {end}. Nothing was stored; check it and save again."
)
WEB_FORM_EXPIRED: Final = "This form is no longer valid: open the page again and resend."

WEB_TOWNS_NEEDED: Final = "Choose at least one twin town or partner city: nothing was stored."
# -- web-office (helper) --
# The navigation and the public pages (web/public.py). The columns' words are the
# same msgids as the commands' column headers, so their Swedish is already there.
WEB_NAV: Final = "Pages"
WEB_HOME: Final = "Next meeting"
WEB_SCHEDULE: Final = "Meeting schedule"
WEB_TOWNS: Final = "Twin towns and partner cities"
WEB_COL_STATUS: Final = "Status"
WEB_COL_START: Final = "Start"
WEB_COL_END: Final = "End"
WEB_COL_PLACE: Final = "Place"
WEB_COL_NAME: Final = "Name"
WEB_COL_COUNTRY: Final = "Country"
WEB_COL_KIND: Final = "Kind"
WEB_COL_SINCE: Final = "Since"
WEB_COL_LEFT_ON: Final = "Left on"
WEB_SUBSCRIBE: Final = "Subscribe to the calendar"
WEB_SUBSCRIBE_HOW: Final = (
    "Outlook and Google Calendar keep a subscribed calendar up to date by themselves: "
    "the meetings, Gothenburg's preparation and the evaluations."
)
WEB_DOWNLOAD_ICS: Final = "Download the calendar file (.ics)"
# The office's pages (web/office.py).
WEB_FORBIDDEN: Final = (
    "This page is for the City Executive Office. Sign in through the City's "
    "single sign-on, or open the coordinator link you were given."
)
WEB_OFFICE_TITLE: Final = "The reporting round {year}"
WEB_OFFICE_NO_ROUND: Final = "No reporting round has been opened yet."
WEB_OFFICE_DEADLINE: Final = "Deadline"
WEB_OFFICE_OPENED: Final = "Opened"
WEB_OFFICE_CLOSED: Final = "Closed"
WEB_OFFICE_SIGNED_IN: Final = "Signed in as {user}."
WEB_OFFICE_YEAR_LABEL: Final = "Round"
WEB_OFFICE_SHOW: Final = "Show"
WEB_COL_ORGANISATION: Final = "Organisation"
WEB_COL_ASKED: Final = "Asked"
WEB_COL_REMINDED: Final = "Reminded"
WEB_COL_ANSWERED: Final = "Answered"
WEB_COL_ANSWER: Final = "Answer"
WEB_COL_LATE: Final = "Late"
WEB_YES: Final = "yes"
WEB_NO: Final = "no"
WEB_OFFICE_ORG_TITLE: Final = "{name}: the answer to the round {year}"
WEB_OFFICE_NOT_ASKED: Final = "{name} was not asked in the round {year}."
WEB_OFFICE_ANSWERED_BY: Final = "Answered by"
WEB_OFFICE_NOT_ANSWERED: Final = "Not answered yet."
WEB_OFFICE_COLLABORATIONS: Final = "Collaborations in the answer"
WEB_OFFICE_NONE_GIVEN: Final = "None."
WEB_COL_TITLE: Final = "Title"
WEB_OFFICE_BACK: Final = "Back to the round"

# -- web-tests (helper) --

# -- in the language of the command --------------------------------------------
# The constants above are the English. They are taken out of the module's
# namespace here, so that every `m.NAME` comes to __getattr__ and is looked up in
# the language chosen for the command running now, not the one at import (one
# process, the tests, speaks both).
_ENGLISH: Final[dict[str, Any]] = {
    name: value for name, value in globals().items() if name.isupper() and name[0] != "_"
}
for _name in _ENGLISH:
    del globals()[_name]
del _name


def english() -> dict[str, Any]:
    """Every constant as written above (the catalog's source)."""
    return dict(_ENGLISH)


def translated(value: Any) -> Any:
    if isinstance(value, str):
        return Counted(gettext(value))
    if isinstance(value, Mapping):
        return {key: translated(item) for key, item in value.items()}
    return value


def __getattr__(name: str) -> Any:
    try:
        return translated(_ENGLISH[name])
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


class _English:
    """`m.EN.NAME`: a constant as written above, to be worded later (`Prose`)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return _ENGLISH[name]
        except KeyError:
            raise AttributeError(name) from None


EN: Final = _English()


class Prose(Worded):
    """A sentence put together now and worded when it is shown: `check` findings
    and the basis note go to a table in the reader's language and to JSON in
    English, so JSON does not change with the language.

        Prose(m.EN.NO_MEETING_RECORDED, year=2019)

    Fields may be `Worded` themselves (a town's `Name`, a `Day`), worded alike."""

    __slots__ = ("fields", "template")

    def __init__(self, template: str, /, **fields: Any) -> None:
        self.template = template
        self.fields = fields

    def __str__(self) -> str:
        return str(translated(self.template).format(**self.fields))
