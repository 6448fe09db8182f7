"""Dates written in record text, so that a paper is never dated before what it reports.

A board report that cites "the feedback letter of 4 July 2018" cannot be dated 18 June
2018; a check finds such dates in the text a paper shows and compares them with the
paper's own date. Dates are read as councils write them: ``4 July 2018``, ``4th July
2018`` and ``2018-07-04``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from docgen.builders.environment import long_date

_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_LONG = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def dates_written_in(text: str) -> list[date]:
    """Every real date written in ``text``, in the order written."""
    found: list[tuple[int, date]] = []
    for match in _LONG.finditer(text):
        day, month, year = int(match[1]), _MONTHS[match[2].lower()], int(match[3])
        found.extend(_checked(match.start(), year, month, day))
    for match in _ISO.finditer(text):
        found.extend(_checked(match.start(), int(match[1]), int(match[2]), int(match[3])))
    return [day for _, day in sorted(found)]


def _checked(position: int, year: int, month: int, day: int) -> Iterator[tuple[int, date]]:
    try:
        yield position, date(year, month, day)
    except ValueError:
        return


def reported_after(
    paper: str, dated: date, texts: Iterable[tuple[str, str]]
) -> Iterator[tuple[str, str]]:
    """(field, warning) for each text that reports a date after the paper's own date."""
    for field, value in texts:
        later = [day for day in dates_written_in(value) if day > dated]
        if later:
            yield (
                field,
                f"reports {long_date(later[0])}, after the {paper}'s own date, {long_date(dated)}",
            )
