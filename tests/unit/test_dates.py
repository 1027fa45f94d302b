from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.dates import DateError, DateProblem, parse_date, year_in_range, years_handled

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-16", date(2027, 3, 16)),
        ("2027-3-6", date(2027, 3, 6)),
        ("16 March 2027", date(2027, 3, 16)),
        ("16/3/2027", date(2027, 3, 16)),
        ("20270316", date(2027, 3, 16)),
        ("  2027-03-16 ", date(2027, 3, 16)),
        ("2026-03-01T10:00", date(2026, 3, 1)),
        ("2026/03/01", date(2026, 3, 1)),
        ("2026.03.01", date(2026, 3, 1)),
        ("20260102", date(2026, 1, 2)),
        ("1 mars 2026", date(2026, 3, 1)),
        ("den 1 maj 2026", date(2026, 5, 1)),
        ("12 okt 2026", date(2026, 10, 12)),
        ("1 March 2026", date(2026, 3, 1)),
        ("1/3/2026", date(2026, 3, 1)),
        ("1.3.2026", date(2026, 3, 1)),
    ],
)
def test_reads_iso_and_other_full_dates(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2027",
        "March 2027",
        "2027-13-01",
        "2026-02-30",
        "0000-00-00",
        "99999-01-01",
        "tomorrow",
        "2027-03-16; DROP TABLE town",
        "x" * 1000,
    ],
)
def test_refuses_what_is_not_a_whole_date(text: str) -> None:
    with pytest.raises(DateError):
        parse_date(text, today=TODAY)


SIGNS = ("-", "+", "\u2212", "\u2013", "- ", "+ ")


@given(st.dates(min_value=date(1946, 1, 1), max_value=date(2126, 12, 31)), st.sampled_from(SIGNS))
def test_a_date_with_a_sign_is_refused_not_read_without_it(day: date, sign: str) -> None:
    # dateutil reads past a leading minus: -2026-01-01 was stored as 2026-01-01 (issue 22).
    for text in (
        sign + day.isoformat(),
        f"{sign}{day.day}/{day.month}/{day.year}",
        f"{day.day}/{sign.strip()}{day.month}/{day.year}",
        f"{day.day} March {sign.strip()}{day.year}",
        day.isoformat() + sign.strip(),
    ):
        with pytest.raises(DateError):
            parse_date(text, today=TODAY)


@given(st.dates(min_value=date(1946, 1, 1), max_value=date(2126, 12, 31)))
def test_every_iso_date_reads_back(day: date) -> None:
    assert parse_date(day.isoformat(), today=TODAY) == day


# Random text is almost never a date: whole dates in the documented forms, too.
DAYS = st.dates(min_value=date(1946, 1, 1), max_value=date(2126, 12, 31))


@given(
    st.text(max_size=40)
    | DAYS.map(date.isoformat)
    | DAYS.map(lambda day: f"{day.day}/{day.month}/{day.year}")
)
def test_never_fails_other_than_with_date_error(text: str) -> None:
    try:
        result = parse_date(text, today=TODAY)
    except DateError:
        return
    assert isinstance(result, date)


def test_meeting_years_run_from_1946_to_a_century_ahead() -> None:
    today = date(2026, 11, 27)
    assert year_in_range(1946, today) and year_in_range(2126, today)
    assert not year_in_range(1945, today) and not year_in_range(2127, today)


@pytest.mark.parametrize("text", ["0001-01-01", "9999-12-31", "0026-03-01"])
def test_refuses_implausible_or_two_digit_year_dates(text: str) -> None:
    with pytest.raises(DateError):
        parse_date(text, today=TODAY)


@pytest.mark.parametrize("text", ["26-03-01", "1/3/26", "01.03.26", "260301", "1 mars 26"])
def test_a_two_digit_year_is_never_guessed(text: str) -> None:
    with pytest.raises(DateError) as raised:
        parse_date(text, today=TODAY)
    assert raised.value.two_digit_year


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)),
    st.sampled_from(["{d}/{m}/{yy}", "{yy}-{mm}-{dd}", "{d}.{m}.{yy}", "{yy}{mm}{dd}"]),
)
def test_no_two_digit_year_form_reads_as_a_date(day: date, form: str) -> None:
    text = form.format(
        d=day.day, m=day.month, dd=f"{day.day:02}", mm=f"{day.month:02}", yy=f"{day.year % 100:02}"
    )
    with pytest.raises(DateError):
        parse_date(text, today=TODAY)


@given(st.dates(min_value=date(1946, 1, 1), max_value=date(2126, 12, 31)))
def test_the_documented_forms_read_the_same_day(day: date) -> None:
    months_sv = (
        "januari februari mars april maj juni juli augusti september oktober november december"
    )
    forms = [
        day.isoformat(),
        day.strftime("%Y%m%d"),
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day} {months_sv.split()[day.month - 1]} {day.year}",
        f"{day.day} {day.strftime('%B')} {day.year}",
    ]
    assert {parse_date(text, today=TODAY) for text in forms} == {day}


# -- a refusal names what is wrong (issue 23) -------------------------------------

IN_RANGE = st.dates(min_value=date(1946, 1, 1), max_value=date(2126, 12, 31))
SWEDISH_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti"]
SWEDISH_MONTHS += ["september", "oktober", "november", "december"]
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July"]
ENGLISH_MONTHS += ["August", "September", "October", "November", "December"]


def problem_of(text: str) -> DateProblem:
    with pytest.raises(DateError) as raised:
        parse_date(text, today=TODAY)
    return raised.value.problem


@given(IN_RANGE, st.sampled_from(["{d}/{m}", "{d}.{m}", "{d} {sv}", "den {d} {sv}", "{d} {en}"]))
def test_a_date_without_its_year_has_no_year(day: date, form: str) -> None:
    text = form.format(
        d=day.day, m=day.month, sv=SWEDISH_MONTHS[day.month - 1], en=ENGLISH_MONTHS[day.month - 1]
    )
    assert problem_of(text) is DateProblem.NO_YEAR


@given(st.text(max_size=30))
def test_a_formula_is_not_a_date(formula: str) -> None:
    assert problem_of("=" + formula) is DateProblem.NOT_A_DATE


@given(IN_RANGE)
def test_a_formula_is_not_a_date_even_when_it_computes_one(day: date) -> None:
    assert problem_of(f"=DATE({day.year},{day.month},{day.day})") is DateProblem.NOT_A_DATE


@given(
    st.dates(min_value=date(1000, 1, 1)).filter(lambda day: day.year not in years_handled(TODAY))
)
def test_a_date_outside_the_years_says_them(day: date) -> None:
    with pytest.raises(DateError) as raised:
        parse_date(day.isoformat(), today=TODAY)
    assert raised.value.problem is DateProblem.OUTSIDE_YEARS
    assert raised.value.years == range(1946, 2127)


@given(IN_RANGE, st.sampled_from(["{sv} {y}", "{en} {y}"]))
def test_a_month_and_a_year_have_no_day(day: date, form: str) -> None:
    text = form.format(
        y=day.year, sv=SWEDISH_MONTHS[day.month - 1], en=ENGLISH_MONTHS[day.month - 1]
    )
    assert problem_of(text) is DateProblem.NO_DAY


@given(IN_RANGE)
def test_a_year_alone_has_no_month_or_day(day: date) -> None:
    assert problem_of(str(day.year)) is DateProblem.NO_MONTH_OR_DAY


@given(IN_RANGE, st.integers(min_value=29, max_value=40), st.integers(min_value=1, max_value=12))
def test_a_day_the_calendar_lacks_is_no_such_day(day: date, dom: int, month: int) -> None:
    try:
        date(day.year, month, dom)
    except ValueError:
        for text in (f"{day.year}-{month:02}-{dom:02}", f"{dom}/{month}/{day.year}"):
            assert problem_of(text) is DateProblem.NO_SUCH_DAY, text
    else:
        assert parse_date(f"{day.year}-{month:02}-{dom:02}", today=TODAY).day == dom


@given(IN_RANGE)
def test_a_thirteenth_month_is_no_such_day(day: date) -> None:
    assert problem_of(f"{day.year}-13-{day.day:02}") is DateProblem.NO_SUCH_DAY
