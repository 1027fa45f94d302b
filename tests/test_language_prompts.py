"""The yes/no questions of `meeting delete` and `collaborations delete` (without
--yes) in both languages: `[j/N]` in Swedish, where ja and yes both say yes, and
`[y/N]` in English; no by default; any other answer asks again; on stderr."""

from __future__ import annotations

import json

import pytest

from conftest import Run


@pytest.fixture
def meeting(run: Run) -> str:
    """A recorded meeting hosted by the town whose name differs: Åbo / Turku."""
    recorded = run("meeting", "record", "2027", "--host", "Turku", "--status", "planned")
    assert recorded.exit_code == 0, recorded.output
    return "2027"


def kept(run: Run, year: str) -> bool:
    return run("meeting", "show", year).exit_code == 0


def delete_meeting(run: Run, language: str, answers: str) -> tuple[int, str]:
    result = run("--lang", language, "meeting", "delete", "2027", input=answers)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("answer", ["j", "ja", "JA", "Ja", "y", "yes", " ja "])
def test_swedish_yes_deletes(run: Run, meeting: str, answer: str) -> None:
    code, said = delete_meeting(run, "sv", answer + "\n")
    assert code == 0, said
    assert said.startswith("Ta bort det registrerade mötet 2027 (Åbo)? [j/N]:")
    assert "Posten för mötet 2027 är borttagen" in said
    assert not kept(run, meeting)


@pytest.mark.parametrize("answer", ["n", "nej", "NEJ", "no", ""])
def test_swedish_no_or_nothing_keeps_the_record(run: Run, meeting: str, answer: str) -> None:
    code, said = delete_meeting(run, "sv", answer + "\n")
    assert code == 1
    assert "[j/N]" in said and "Ingenting togs bort." in said
    assert kept(run, meeting)


@pytest.mark.parametrize("answer", ["y", "yes", "Y", "YES"])
def test_english_yes_deletes(run: Run, meeting: str, answer: str) -> None:
    code, said = delete_meeting(run, "en", answer + "\n")
    assert code == 0, said
    assert said.startswith("Delete the recorded 2027 meeting (Turku)? [y/N]:")
    assert "Deleted the 2027 meeting record" in said
    assert not kept(run, meeting)


@pytest.mark.parametrize("answer", ["n", "no", ""])
def test_english_no_or_nothing_keeps_the_record(run: Run, meeting: str, answer: str) -> None:
    code, said = delete_meeting(run, "en", answer + "\n")
    assert code == 1
    assert "[y/N]" in said and "Nothing was deleted." in said
    assert kept(run, meeting)


def test_english_does_not_take_swedish_answers(run: Run, meeting: str) -> None:
    """`ja` is no answer in English: asked again, and `nej` neither; then no."""
    code, said = delete_meeting(run, "en", "ja\nnej\nn\n")
    assert code == 1
    assert said.count("[y/N]:") == 3
    assert said.count("Answer y (yes) or n (no).") == 2
    assert "Nothing was deleted." in said
    assert kept(run, meeting)


def test_any_other_answer_asks_again_in_swedish(run: Run, meeting: str) -> None:
    code, said = delete_meeting(run, "sv", "kanske\nOK\nja\n")
    assert code == 0, said
    assert said.count("Ta bort det registrerade mötet 2027 (Åbo)? [j/N]:") == 3
    assert said.count("Svara j (ja) eller n (nej).") == 2
    assert "Answer" not in said and "[y/N]" not in said
    assert not kept(run, meeting)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_no_answer_at_all_aborts_and_keeps_the_record(
    run: Run, meeting: str, language: str
) -> None:
    code, said = delete_meeting(run, language, "")
    assert code == 1
    assert "Traceback" not in said and "Unexpected" not in said and "Oväntat" not in said
    assert kept(run, meeting)


def test_the_question_is_on_stderr_and_the_data_stream_stays_clean(run: Run, meeting: str) -> None:
    result = run("--lang", "sv", "meeting", "delete", "2027", input="nej\n")
    assert "Ta bort" not in result.stdout and "[j/N]" not in result.stdout
    assert "[j/N]" in result.stderr


def test_yes_option_asks_nothing_in_either_language(run: Run, meeting: str) -> None:
    result = run("--lang", "sv", "meeting", "delete", "2027", "--yes")
    assert result.exit_code == 0 and "[j/N]" not in result.stderr


def test_the_locale_chooses_the_question(
    run: Run, meeting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VANORT_LANG")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    result = run("meeting", "delete", "2027", input="ja\n")
    assert result.exit_code == 0, result.output
    assert "[j/N]" in result.stderr


# -- collaborations delete ------------------------------------------------------------


@pytest.fixture
def collaboration(run: Run) -> str:
    result = run("log-collaboration", "--town", "Åbo", "--org", "Kulturförvaltningen",
                 "--area", "culture", "--title", "Författarbyte")  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def exists(run: Run, cid: str) -> bool:
    shown = run("collaborations", "show", cid, "-f", "json")
    return shown.exit_code == 0 and json.loads(shown.stdout)["title"] == "Författarbyte"


@pytest.mark.parametrize(
    ("language", "answers", "question", "deleted"),
    [
        ("sv", "ja\n", "Ta bort samarbete {id} (Författarbyte)? [j/N]:", True),
        ("sv", "j\n", "[j/N]:", True),
        ("sv", "nej\n", "[j/N]:", False),
        ("sv", "\n", "[j/N]:", False),
        ("sv", "kanske\nyes\n", "[j/N]:", True),
        ("en", "yes\n", "Delete collaboration {id} (Författarbyte)? [y/N]:", True),
        ("en", "no\n", "[y/N]:", False),
        ("en", "\n", "[y/N]:", False),
        ("en", "j\nja\ny\n", "[y/N]:", True),
    ],
)
def test_collaborations_delete_asks_in_the_language(
    run: Run, collaboration: str, language: str, answers: str, question: str, deleted: bool
) -> None:
    result = run("--lang", language, "collaborations", "delete", collaboration, input=answers)
    assert result.exit_code == (0 if deleted else 1), result.output
    assert question.format(id=collaboration) in result.stderr
    assert exists(run, collaboration) is not deleted
    again = "Svara j (ja) eller n (nej)." if language == "sv" else "Answer y (yes) or n (no)."
    assert result.stderr.count(again) == answers.count("\n") - 1


@pytest.mark.parametrize(
    ("language", "said_aborted"),
    [("sv", "Avbrutet: inget svar, så ingenting ändrades."), ("en", "Aborted: no answer")],
)
def test_no_answer_at_all_aborts_in_the_command_language(
    run: Run, meeting: str, language: str, said_aborted: str
) -> None:
    """End of input at the question: Click's own "Aborted." is English whatever the
    language; vanort says it in the command's, and keeps the record."""
    code, said = delete_meeting(run, language, "")
    assert code == 1
    assert said_aborted in said
    if language == "sv":
        assert "Aborted" not in said and "[y/N]" not in said
    assert kept(run, meeting)


def test_a_declined_collaboration_delete_speaks_swedish(run: Run) -> None:
    logged = run(
        "log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture", "--title", "Bokmässan"
    )
    assert logged.exit_code == 0, logged.output
    result = run("--lang", "sv", "collaborations", "delete", "1", input="nej\n")
    assert result.exit_code == 1
    assert "[j/N]" in result.stderr
    assert not any(word in result.stderr for word in ("Aborted", "Nothing", "[y/N]"))
    assert run("collaborations", "show", "1").exit_code == 0
