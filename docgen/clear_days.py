"""Clear days, as the courts read the access-to-information rules.

An agenda must be open to inspection "at least five clear days before the meeting"
(section 100B(3), Local Government Act 1972); a private executive meeting needs notices
28 and 5 clear days before (regulation 5 of the 2012 Executive Arrangements
Regulations). A clear day excludes the day the agenda is published and the day of the
meeting, and, by section 100K(1), any Saturday, Sunday or bank holiday. Bank holidays
are those of England and Wales, from the ``holidays`` package (offline, maintained),
so a year's new or moved holiday (a coronation, a jubilee) is known without a table
of our own.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    """Whether ``day`` can count as a clear day: not a weekend nor a bank holiday."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def clear_days_between(published: date, meeting: date) -> int:
    """How many clear days lie strictly between publication and the meeting."""
    count = 0
    day = published + timedelta(days=1)
    while day < meeting:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def latest_publication(meeting: date, clear_days: int) -> date:
    """The last day something may be published and still leave ``clear_days`` before."""
    day = meeting
    counted = 0
    while counted < clear_days:
        day -= timedelta(days=1)
        counted += is_working_day(day)
    return day - timedelta(days=1)
