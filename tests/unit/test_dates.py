from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.dates import DateError, parse_date, year_in_range


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
    assert parse_date(text) == expected


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
        parse_date(text)


SIGNS = ("-", "+", "\u2212", "\u2013", "- ", "+ ")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.sampled_from(SIGNS))
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
            parse_date(text)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_every_iso_date_reads_back(day: date) -> None:
    assert parse_date(day.isoformat()) == day


# Random text is almost never a date: whole dates in the documented forms, too.
DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(
    st.text(max_size=40)
    | DAYS.map(date.isoformat)
    | DAYS.map(lambda day: f"{day.day}/{day.month}/{day.year}")
)
def test_never_fails_other_than_with_date_error(text: str) -> None:
    try:
        result = parse_date(text)
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
        parse_date(text)


@pytest.mark.parametrize("text", ["26-03-01", "1/3/26", "01.03.26", "260301", "1 mars 26"])
def test_a_two_digit_year_is_never_guessed(text: str) -> None:
    with pytest.raises(DateError) as raised:
        parse_date(text)
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
        parse_date(text)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
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
    assert {parse_date(text) for text in forms} == {day}
