"""One owner of every enumerated value's words (issue 21): `i18n.values`.

Every value the code allows (its Literal types, constant tuples, the choices a
person can type and the shipped data) has words there, in English and in the
Swedish catalog; and one output says one value one way: `vanort --lang en
report` once said "bolag" in its by-organisation table and "company" in its list
of the same company.
"""

from __future__ import annotations

import enum
import re
import tomllib
import typing
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import typer

from conftest import Run
from vanort_cli import i18n
from vanort_cli.cli import typer_adapter as adapter
from vanort_cli.cli.app import app
from vanort_cli.cli.common import ValueWords
from vanort_cli.domain import followup, rotation
from vanort_cli.exchange.columns import kind_for
from vanort_cli.i18n import values
from vanort_cli.i18n.catalog import po_path, read
from vanort_cli.reports import charts
from vanort_cli.services import check, collaborations, delegation, governance, vocabulary
from vanort_cli.store import roles
from vanort_cli.store.shipped import preparation_words

DATA = Path(__file__).resolve().parent.parent / "data"

# -- every allowed value has words --------------------------------------------------


def _literal(alias: Any) -> set[str]:
    return {str(value) for value in typing.get_args(alias)}


# Where the code says which values are allowed, and the family that words them.
ALLOWED_IN_CODE: list[tuple[str, values.Family, set[str]]] = [
    ("domain.rotation.ScheduleStatus", values.MEETING_STATUS, _literal(rotation.ScheduleStatus)),
    ("domain.rotation.RECORDED_STATUSES", values.MEETING_STATUS, set(rotation.RECORDED_STATUSES)),
    ("domain.rotation.Source", values.SCHEDULE_SOURCE, _literal(rotation.Source)),
    ("reports.charts.Status", values.MEETING_STATUS, _literal(charts.Status)),
    ("domain.followup.StepStatus", values.STEP_STATUS, _literal(followup.StepStatus)),
    (
        "domain.followup.EvaluationStatus",
        values.EVALUATION_STATUS,
        _literal(followup.EvaluationStatus),
    ),
    (
        "services.collaborations.COLLABORATION_KINDS",
        values.COLLABORATION_KIND,
        set(collaborations.COLLABORATION_KINDS),
    ),
    (
        "services.vocabulary.ORGANISATION_KINDS",
        values.ORGANISATION_KIND,
        set(vocabulary.ORGANISATION_KINDS),
    ),
    ("services.governance.PARTNER_STATUSES", values.TOWN_STATUS, set(governance.PARTNER_STATUSES)),
    ("services.check.Severity", values.SEVERITY, _literal(check.Severity)),
    ("store.roles.GROUP_BY_NAME", values.ROLE, set(roles.GROUP_BY_NAME)),
]


def _commands(
    typer_app: Any, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, Callable[..., Any]]]:
    for command in typer_app.registered_commands:
        yield " ".join((*path, command.name or command.callback.__name__)), command.callback
    for group in typer_app.registered_groups:
        yield from _commands(group.typer_instance, (*path, group.name))


def _choices(annotation: Any) -> set[str]:
    """The values an option's annotation lets a person type: an Enum's or a Literal's."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {str(member.value) for member in annotation}
    if typing.get_origin(annotation) is typing.Literal:
        return _literal(annotation)
    return set().union(*(_choices(inner) for inner in typing.get_args(annotation)))


# The values of the command line, by command and option: the family whose words
# the option reads (cli/common.py value_option), and what the code below allows.
FAMILY_OF_OPTION = {
    ("log-collaboration", "kind"): (values.COLLABORATION_KIND, collaborations.COLLABORATION_KINDS),
    ("collaborations edit", "kind"): (
        values.COLLABORATION_KIND,
        collaborations.COLLABORATION_KINDS,
    ),
    ("meeting record", "status"): (values.MEETING_STATUS, rotation.RECORDED_STATUSES),
    ("towns add", "kind"): (values.TOWN_KIND, ("twin", "partner")),
    ("towns set-status", "status"): (values.TOWN_STATUS, governance.PARTNER_STATUSES),
    ("orgs add", "kind"): (values.ORGANISATION_KIND, vocabulary.ORGANISATION_KINDS),
    ("db roles", "as_"): (values.ROLE, tuple(roles.GROUP_BY_NAME)),
    ("restore-record", "kind"): (values.RECORD_KIND, ("meeting", "collaboration")),
    ("meeting step-done", "step"): (
        preparation_words(),
        tuple(step.key for step in delegation.preparation_steps()),
    ),
}
# Choices that are no value of the registry, typed as they are in every language:
# output formats and the language itself.
NOT_VALUES = {"format", "lang"}


def _params(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """Every parameter of every command, with its command's words."""
    for name, command in getattr(group, "commands", {}).items():
        if hasattr(command, "commands"):
            yield from _params(command, (*path, name))
        else:
            for param in command.params:
                yield " ".join((*path, name)), param


def _typed_values() -> Iterator[tuple[str, str, values.Family]]:
    for command, param in _params(typer.main.get_command(app)):
        words = ValueWords.of(adapter.parser(param))
        if words is not None:
            yield command, param.name, words.words()


def test_every_value_option_reads_its_familys_words() -> None:
    """Each option or argument that takes a value reads its words (value_option),
    and takes exactly the values the code below allows; no other takes a choice
    that people could type in Swedish."""
    found = {(command, name): family for command, name, family in _typed_values()}
    assert set(found) == set(FAMILY_OF_OPTION), set(found) ^ set(FAMILY_OF_OPTION)
    for where, (family, allowed) in FAMILY_OF_OPTION.items():
        assert set(found[where].keys) == set(allowed), where
        assert set(found[where].keys) <= set(family.keys), where
    for command, callback in _commands(app):
        for name, annotation in typing.get_type_hints(callback, include_extras=True).items():
            assert not _choices(annotation) or name in NOT_VALUES, (
                f"`vanort {command}` --{name} is a choice: make it a value_option of a "
                "family in i18n.values, so its Swedish words are read too"
            )


def _shipped() -> Iterator[tuple[str, values.Family, set[str]]]:
    """The values of the shipped registry's data, which every new registry holds."""
    towns = tomllib.loads((DATA / "towns.toml").read_text(encoding="utf-8"))["towns"]
    yield "data/towns.toml kind", values.TOWN_KIND, {t["kind"] for t in towns}
    yield "data/towns.toml status", values.TOWN_STATUS, {t["status"] for t in towns}
    orgs = tomllib.loads((DATA / "organisations.toml").read_text(encoding="utf-8"))
    yield (
        "data/organisations.toml kind",
        values.ORGANISATION_KIND,
        {o["kind"] for o in orgs["organisations"]},
    )
    meetings = tomllib.loads((DATA / "meetings.toml").read_text(encoding="utf-8"))["meetings"]
    yield "data/meetings.toml status", values.MEETING_STATUS, {m["status"] for m in meetings}


def test_every_value_the_code_allows_has_a_family() -> None:
    allowed = [*ALLOWED_IN_CODE, *_shipped()]
    for where, family, found in allowed:
        assert found, where  # a source that says nothing proves nothing
        missing = found - set(family.keys)
        assert not missing, f"{where} allows {sorted(missing)}, which {family!r} has no words for"


def test_every_word_is_english_and_swedish() -> None:
    catalog = read(po_path("sv"))
    for family in values.FAMILIES:
        for value in family:
            for long in (False, True):
                english = value.english(long=long)
                assert english.strip(), (family, value.key)
                entry = catalog.get(english)
                assert entry is not None and str(entry.string).strip(), (
                    f"{family.name} {value.key!r}: {english!r} has no Swedish in {po_path('sv')}"
                )
                with i18n.speaking("sv"):
                    assert family.word(value.key, long=long) == entry.string
                with i18n.speaking("en"):
                    assert family.word(value.key, long=long) == english


def test_a_value_no_family_knows_is_shown_as_it_is() -> None:
    # A value written by a newer vanort is shown, not refused.
    with i18n.speaking("sv"):
        assert values.MEETING_STATUS.word("rescheduled") == "rescheduled"
        assert values.MEETING_STATUS.word("held") == "hållet"
        assert str(values.MEETING_STATUS.worded("held")) == "hållet"
    assert str(values.MEETING_STATUS.worded("held")) == "held"


def test_a_family_listed_in_a_sentence() -> None:
    with i18n.speaking("sv"):
        assert values.COLLABORATION_KIND.listing() == (
            "projekt, nätverk, erfarenhetsutbyte, studiebesök eller annat"
        )
    assert values.TOWN_KIND.listing(long=True) == "twin town or partner city"


def test_the_check_help_names_every_code(run: Run) -> None:
    """A `check` code is a name, not a word (see i18n.values): the help says what
    each means, so it names every code there is, in both languages."""
    for lang in ("en", "sv"):
        shown = run("--lang", lang, "check", "--help")
        assert shown.exit_code == 0, shown.output
        missing = [code for code in typing.get_args(check.CheckCode) if code not in shown.stdout]
        assert not missing, (lang, missing)


def test_the_areas_and_steps_have_their_words_in_the_shipped_data() -> None:
    """The two families whose words are data (see i18n.values): every shipped area
    and preparation step has an English and a Swedish name beside its key."""
    areas = tomllib.loads((DATA / "areas.toml").read_text(encoding="utf-8"))["areas"]
    steps = tomllib.loads((DATA / "preparation.toml").read_text(encoding="utf-8"))["steps"]
    assert areas and steps
    for row in areas:
        assert row["key"] and row["name_en"].strip() and row["name_sv"].strip(), row
    for row in steps:
        assert row["key"] and row["name"].strip() and row["name_sv"].strip(), row


def test_an_import_reads_every_word_of_a_form_in_either_language() -> None:
    """What a table, the memo or the template shows a form as, an import reads back,
    whatever the language of the import."""
    for value in values.COLLABORATION_KIND:
        words = {value.key}
        for lang in ("en", "sv"):
            with i18n.speaking(lang):
                words |= {
                    values.COLLABORATION_KIND.word(value.key, long=long) for long in (False, True)
                }
        for text in words:
            for lang in ("en", "sv"):
                with i18n.speaking(lang):
                    assert kind_for(text) == kind_for(text.upper()) == value.key, (text, lang)
    assert kind_for("Övrigt") == "other"
    assert kind_for("workshop") is None


# -- one output says one value one way ------------------------------------------------


@pytest.fixture
def boplats(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """A collaboration of Boplats Göteborg, a company (bolag), and one of an
    administration, in 2026."""
    monkeypatch.setenv("VANORT_TODAY", "2026-06-01")
    for org, title in (("Boplats Göteborg", "Bostadsmässa"), ("Kulturförvaltningen", "Bokdagar")):
        logged = run(
            "log-collaboration", "-t", "Bergen", "-o", org, "-a", "culture", "--title", title,
            "--start", "2026-02-01", "--kind", "study-visit",
        )  # fmt: skip
        assert logged.exit_code == 0, logged.output


def _report(run: Run, lang: str, *args: str) -> str:
    result = run("--lang", lang, "report", "--year", "2026", *args)
    assert result.exit_code == 0, result.output
    text = result.stdout
    if "html" in args:
        text = unescape(re.sub(r"<svg.*?</svg>|<style.*?</style>|<[^>]+>", " ", text, flags=re.S))
    return text


# The words of an organisation's kind, as a whole word (not inside a name such as
# Kulturförvaltningen or "Förvaltnings AB Framtiden").
ENGLISH_KINDS = re.compile(r"\b(company|administration)\b", re.IGNORECASE)
SWEDISH_KINDS = re.compile(r"\b(bolag|f[oö]rvaltning)\b", re.IGNORECASE)


@pytest.mark.parametrize("form", ["table", "markdown", "html"])
def test_the_report_says_company_in_english_and_bolag_in_swedish(
    run: Run, boplats: None, form: str
) -> None:
    for lang, own, other in (
        ("en", ENGLISH_KINDS, SWEDISH_KINDS),
        ("sv", SWEDISH_KINDS, ENGLISH_KINDS),
    ):
        text = _report(run, lang, "--format", form)
        assert not other.search(text), (lang, form, other.search(text))
        # The word after the company's name, where it is its kind: in the table by
        # organisation, in the list of collaborations (the memo's has no kind), in
        # the list of who reported (the memo's).
        after = re.findall(r"Boplats Göteborg[\s|│(]+(\w+)", text)
        kinds = [word.lower() for word in after if own.fullmatch(word)]
        assert len(kinds) >= 2, (lang, form, after)
        assert set(kinds) == {"company" if lang == "en" else "bolag"}, (lang, form, after)


def test_a_swedish_report_workbook_words_every_sheet_alike(
    run: Run, boplats: None, tmp_path: Path
) -> None:
    """In Swedish a workbook shows the words of a table (for people), in English the
    keys (as every English file has had them); never both in one workbook."""
    for lang, kind, form in (("sv", "bolag", "studiebesök"), ("en", "bolag", "study-visit")):
        path = tmp_path / f"rapport-{lang}.xlsx"
        result = run("--lang", lang, "report", "--year", "2026", "-o", str(path))
        assert result.exit_code == 0, result.output
        cells = [
            cell
            for sheet in openpyxl.load_workbook(path).worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if isinstance(cell, str)
        ]
        boplats_kinds = {
            row[row.index("Boplats Göteborg") + 1]
            for sheet in openpyxl.load_workbook(path).worksheets
            for row in sheet.iter_rows(values_only=True)
            if "Boplats Göteborg" in row
        }
        assert boplats_kinds == {kind}, lang
        assert form in cells and ("study-visit" in cells) == (lang == "en"), lang
        assert ("forvaltning" in cells) == (lang == "en"), lang
