"""Dates as officers write them in timetables, made comparable.

A peer challenge timetable says "Sep – Dec 2017", "Early June 2018", "Mid May 2018",
"End of July 2018", "1st Aug 2018" or "Jan 2019 Dec 2019". `parse_when` keeps what the
officer wrote and adds the first and last day it can mean, so the timetable can be
checked and drawn; anything it cannot read is an error that says what it expected.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

import attrs

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in {calendar.month_name[number].lower(), calendar.month_abbr[number].lower()}
}
MONTHS["sept"] = 9
PART_OF_MONTH = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "end": (21, 31)}
PART_OF_YEAR = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "end": (9, 12)}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 14)}


@attrs.frozen
class When:
    """What the officer wrote, and the first and last day it can mean."""

    written: str
    start: date
    end: date


class WhenError(ValueError):
    """A timetable date docgen cannot read; the message gives the forms it reads."""


FORMS = "a date (2018-05-03, 3 May 2018), a month (Jan 2018), 'early/mid/end of' a month or year, a season (spring 2018), or a range of these ('Sep – Dec 2017')"


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_span(year: int, month: int, first: int = 1, last: int = 31) -> tuple[date, date]:
    last = min(last, _last_day(year, month))
    return date(year, month, first), date(year, month, last)


def _single(words: list[str], year: int | None) -> tuple[date, date] | None:
    """One date-like phrase (its year may come from the other end of a range)."""
    words = [w for w in words if w not in {"of", "the"}]
    if words and words[-1].isdigit() and len(words[-1]) == 4:
        year, words = int(words[-1]), words[:-1]
    if year is None:
        return None
    if not words:
        return date(year, 1, 1), date(year, 12, 31)
    part = words[0] if words[0] in PART_OF_MONTH else None
    rest = words[1:] if part else words
    day = None
    if rest and re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", rest[0]):
        day, rest = int(re.match(r"\d+", rest[0]).group()), rest[1:]  # type: ignore[union-attr]
    if len(rest) == 1 and rest[0] in MONTHS:
        month = MONTHS[rest[0]]
        if day is not None:
            single = date(year, month, day)
            return single, single
        if part:
            return _month_span(year, month, *PART_OF_MONTH[part])
        return _month_span(year, month)
    if part and not rest:
        first, last = PART_OF_YEAR[part]
        return date(year, first, 1), date(year, last, _last_day(year, last))
    if len(rest) == 1 and rest[0] in SEASONS and day is None:
        first, last = SEASONS[rest[0]]
        end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
        return date(year, first, 1), date(end_year, end_month, _last_day(end_year, end_month))
    return None


def parse_when(written: str | date) -> When:
    """``"Sep – Dec 2017"`` → When(start=2017-09-01, end=2017-12-31)."""
    if isinstance(written, date):
        return When(written.isoformat(), written, written)
    text = written.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        try:
            day = date(*map(int, iso.groups()))
        except ValueError:
            raise WhenError(f"'{written}' is not a real date") from None
        return When(written, day, day)
    words = re.findall(r"[a-z]+|\d+(?:st|nd|rd|th)?", text.lower())
    pieces = re.split(r"\s*(?:[–—-]|\bto\b)\s*", text.lower())
    halves: list[list[str]]
    if len(pieces) == 2:
        halves = [re.findall(r"[a-z]+|\d+(?:st|nd|rd|th)?", piece) for piece in pieces]
    else:
        years = [i for i, w in enumerate(words) if w.isdigit() and len(w) == 4]
        halves = [words[: years[0] + 1], words[years[0] + 1 :]] if len(years) == 2 else [words]
    try:
        if len(halves) == 2 and all(halves):
            later_year = next(
                (int(w) for w in reversed(halves[1]) if w.isdigit() and len(w) == 4), None
            )
            second = _single(halves[1], None)
            first = _single(halves[0], later_year)
            if first and second and first[0] <= second[1]:
                return When(written, first[0], second[1])
        else:
            single = _single(words, None)
            if single:
                return When(written, *single)
    except ValueError:
        pass
    raise WhenError(f"cannot read '{written}' as a date; expected {FORMS}")
