"""Clear days: publication and meeting days, weekends and bank holidays do not count."""

from datetime import date, timedelta

import pytest

from docgen.clear_days import clear_days_between, is_working_day, latest_publication


def test_an_ordinary_week_has_five_clear_days_between_two_tuesdays() -> None:
    # Tue 6 Oct 2026 to Tue 13 Oct 2026: Wed, Thu, Fri, Mon count; the weekend does not.
    assert clear_days_between(date(2026, 10, 6), date(2026, 10, 13)) == 4
    assert clear_days_between(date(2026, 10, 5), date(2026, 10, 13)) == 5


def test_easter_good_friday_and_easter_monday_are_not_clear_days() -> None:
    # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
    assert not is_working_day(date(2026, 4, 3))
    assert not is_working_day(date(2026, 4, 6))
    # Published Wed 1 April for Fri 10 April: only Thu 2, Tue 7, Wed 8, Thu 9 count.
    assert clear_days_between(date(2026, 4, 1), date(2026, 4, 10)) == 4


def test_christmas_boxing_day_substitute_and_new_year_are_not_clear_days() -> None:
    # Christmas 2026 is a Friday, Boxing Day a Saturday: Monday 28 December is the
    # substitute bank holiday. 1 January 2027 is a Friday.
    assert not is_working_day(date(2026, 12, 25))
    assert not is_working_day(date(2026, 12, 28))
    assert not is_working_day(date(2027, 1, 1))
    # Published Wed 23 Dec for Tue 5 Jan: Thu 24, Tue 29, Wed 30, Thu 31, Mon 4 count.
    assert clear_days_between(date(2026, 12, 23), date(2027, 1, 5)) == 5


def test_the_england_calendar_agrees_with_the_published_2027_list() -> None:
    # GOV.UK's England and Wales bank holidays for 2027.
    published = {
        date(2027, 1, 1),
        date(2027, 3, 26),
        date(2027, 3, 29),
        date(2027, 5, 3),
        date(2027, 5, 31),
        date(2027, 8, 30),
        date(2027, 12, 27),
        date(2027, 12, 28),
    }
    weekdays_off = {
        date.fromordinal(n)
        for n in range(date(2027, 1, 1).toordinal(), date(2027, 12, 31).toordinal() + 1)
        if date.fromordinal(n).weekday() < 5 and not is_working_day(date.fromordinal(n))
    }
    assert weekdays_off == published


@pytest.mark.parametrize(
    ("meeting", "clear", "latest"),
    [
        (date(2026, 10, 13), 5, date(2026, 10, 5)),
        (date(2026, 4, 10), 5, date(2026, 3, 31)),
        (date(2027, 1, 5), 5, date(2026, 12, 23)),
    ],
)
def test_latest_publication_leaves_exactly_the_clear_days(
    meeting: date, clear: int, latest: date
) -> None:
    assert latest_publication(meeting, clear) == latest
    assert clear_days_between(latest, meeting) == clear
    assert clear_days_between(latest + timedelta(days=1), meeting) < clear
