"""A meeting: its committee, date, membership, clerk and items, in order.

Which items are heard in private is worked out from the reports, never typed. An
item is in Part 2 when its report is exempt as a whole, or when anything in the body
of the report is exempt (the summary, a recommendation, a section, a paragraph, a
phrase, an implication): members cannot debate the report without that information,
so the press and public must be excluded for it. An item whose only exempt parts are
appendices or background papers stays in Part 1; the exempt appendix goes to Part 2.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from enum import StrEnum
from typing import Any, Self, cast

import attrs

from docgen.clear_days import clear_days_between, latest_publication
from docgen.exempt import Exemption, Text
from docgen.models.base import (
    ALWAYS_PUBLIC,
    NON_EMPTY,
    Contact,
    Exemptable,
    Model,
    Person,
    Reference,
)
from docgen.models.committee_report import RECORD_ID, CommitteeReport

AGENDA_CLEAR_DAYS = 5
"""Section 100B(3), Local Government Act 1972: agenda open to inspection five clear days before."""
PRIVATE_NOTICE_DAYS = (28, 5)
"""Regulation 5, 2012 Executive Arrangements Regulations: notices of a private meeting."""
OUTSIDE_BODY = ("appendices", "background_papers")
"""The parts of a report whose exemption alone leaves the item in Part 1."""


class Standard(StrEnum):
    """The standard items every agenda may carry."""

    APOLOGIES = "apologies"
    DECLARATIONS = "declarations"
    MINUTES = "minutes"
    URGENT_BUSINESS = "urgent_business"
    REPRESENTATIONS = "representations"
    EXCLUSION = "exclusion"


STANDARD_TITLES = {
    Standard.APOLOGIES: "Apologies for absence",
    Standard.DECLARATIONS: "Declarations of interest",
    Standard.MINUTES: "Minutes of the last meeting",
    Standard.URGENT_BUSINESS: "Urgent business",
    Standard.REPRESENTATIONS: "Representations received about items to be heard in private",
    Standard.EXCLUSION: "Exclusion of the press and public",
}


def exemptions_in(value: object, skip: tuple[str, ...] = ()) -> Iterator[Exemption]:
    """Every exemption marked anywhere inside ``value`` (mappings and phrases alike),
    leaving out the fields named in ``skip`` at the top level."""
    if isinstance(value, Exemptable) and value.exempt is not None:
        yield value.exempt
    if isinstance(value, Text):
        yield from (span.exemption for span in value.spans if span.exemption is not None)
    elif isinstance(value, tuple):
        for entry in value:
            yield from exemptions_in(entry)
    elif attrs.has(type(value)):
        for field in attrs.fields(cast(Any, type(value))):
            if field.name != "exempt" and field.name not in skip:
                yield from exemptions_in(getattr(value, field.name))


def private_exemption(report: CommitteeReport) -> Exemption | None:
    """What takes a report's item into Part 2 (all of its body's exemptions merged), or
    None when the report can be debated in public."""
    if report.exempt is not None:
        return report.exempt
    merged: Exemption | None = None
    for exemption in exemptions_in(report, skip=OUTSIDE_BODY):
        merged = exemption if merged is None else merged.merge(exemption)
    return merged


def exempt_appendices(report: CommitteeReport) -> tuple[int, ...]:
    """The numbers (from 1) of a report's exempt appendices, which go in Part 2."""
    return tuple(
        number
        for number, appendix in enumerate(report.appendices, start=1)
        if appendix.exempt is not None or any(exemptions_in(appendix))
    )


@attrs.frozen(kw_only=True)
class Notice(Exemptable):
    """A notice of a private meeting, given by the day it was published."""

    published: date

    def withheld(self) -> Self:
        return self


@attrs.frozen(kw_only=True)
class Item(Exemptable):
    """An agenda item: a standard item or a report, by its record id.

    ``public_title`` stands for a report whose very title is exempt; ``minutes_of``
    dates the minutes item; ``attachment`` is a PDF made elsewhere, listed and linked.
    """

    standard: str | None = None
    report: str | None = None
    title: Text | None = None
    public_title: Text | None = None
    minutes_of: date | None = None
    attachment: str | None = None
    notices: tuple[Notice, ...] = ()

    def problems(self) -> Iterator[tuple[str | None, str]]:
        if (self.standard is None) == (self.report is None):
            yield None, "an item is either a standard item or a report (give one of them)"
        if self.report is not None and not RECORD_ID.fullmatch(self.report):
            yield "report", f"'{self.report}' is not a record id (a file name without folders)"
        if self.standard is not None and self.standard not in set(Standard):
            known = ", ".join(Standard)
            yield "standard", f"'{self.standard}' is not a standard item; expected one of: {known}"
        if self.standard == Standard.MINUTES and self.minutes_of is None:
            yield "minutes_of", "the minutes item needs the date of the meeting they record"

    def withheld(self) -> Self:
        return self


@attrs.frozen(kw_only=True)
class Meeting(Model):
    """A meeting of a committee and its agenda (``kind: meeting``)."""

    kind = "meeting"

    committee: Text = attrs.field(metadata=ALWAYS_PUBLIC)
    body: Text | None = attrs.field(default=None, metadata=ALWAYS_PUBLIC)
    meeting_date: date = attrs.field(metadata=ALWAYS_PUBLIC)
    time: Text
    venue: Text
    chair: Person
    vice_chair: Person | None = None
    members: tuple[Person, ...] = ()
    clerk: Contact
    published: date
    items: tuple[Item, ...] = attrs.field(metadata=NON_EMPTY)

    def problems(self) -> Iterator[tuple[str | None, str]]:
        if self.exempt is not None:
            yield "exempt", "a meeting is public; mark the exempt parts of its reports instead"
        if self.published >= self.meeting_date:
            yield "published", "the agenda must be published before the meeting"

    def references(self) -> list[Reference]:
        return [
            Reference(f"items[{index}].report", item.report, CommitteeReport.kind)
            for index, item in enumerate(self.items)
            if item.report is not None
        ]

    def reports(self, related: Sequence[Model]) -> list[tuple[int, Item, CommitteeReport]]:
        """Each report item with its number (from 1) and its report, in agenda order.

        ``related`` holds the reports in the order `references` names them (loading keeps
        that order); with none given (a render without references), there are none.
        """
        reports = [r for r in related if isinstance(r, CommitteeReport)]
        numbered = [
            (number, item) for number, item in enumerate(self.items, start=1) if item.report
        ]
        if not reports:
            return []
        return [
            (number, item, report) for (number, item), report in zip(numbered, reports, strict=True)
        ]

    def part_2(self, related: Sequence[Model]) -> list[tuple[int, Item, Exemption]]:
        """The items heard in private, each with what takes it there."""
        found = []
        for number, item, report in self.reports(related):
            exemption = private_exemption(report)
            if exemption is not None:
                found.append((number, item, exemption))
        return found

    def warnings(self, related: Sequence[Model]) -> Iterator[tuple[str | None, str]]:
        clear = clear_days_between(self.published, self.meeting_date)
        if clear < AGENDA_CLEAR_DAYS:
            latest = latest_publication(self.meeting_date, AGENDA_CLEAR_DAYS)
            yield (
                "published",
                (
                    f"the agenda is published {clear} clear day(s) before the meeting; "
                    f"five are needed, so publish by {latest.isoformat()}"
                ),
            )
        for number, _item, report in self.reports(related):
            at = f"items[{number - 1}]"
            if report.meeting_date is None:
                yield (
                    f"{at}.report",
                    f"the report gives no meeting date; this meeting is on "
                    f"{self.meeting_date.isoformat()}",
                )
            elif report.meeting_date != self.meeting_date:
                yield (
                    f"{at}.report",
                    f"the report is dated for a meeting on {report.meeting_date.isoformat()}, "
                    f"not this meeting ({self.meeting_date.isoformat()})",
                )
            if report.item is not None and str(report.item).strip() != str(number):
                yield (
                    f"{at}.report",
                    f"the report says it is item {report.item}; it is item {number} of this agenda",
                )
        yield from self._exclusion_warnings(related)
        for number, item, exemption in self.part_2(related):
            at = f"items[{number - 1}]"
            if not exemption.public_interest:
                yield (
                    at,
                    "a private item needs the reasons the public interest in withholding "
                    "outweighs that in disclosing (public_interest)",
                )
            yield from self._notice_warnings(at, item)

    def _exclusion_warnings(self, related: Sequence[Model]) -> Iterator[tuple[str | None, str]]:
        """The exclusion item stands before the first Part 2 item, and only when there is one."""
        private = [number for number, _item, _exemption in self.part_2(related)]
        exclusion = [
            number
            for number, item in enumerate(self.items, start=1)
            if item.standard == Standard.EXCLUSION
        ]
        if private and (not exclusion or exclusion[0] > private[0]):
            yield (
                "items",
                f"item {private[0]} is heard in private, but no 'exclusion' item comes before it",
            )
        if exclusion and not private:
            yield (
                f"items[{exclusion[0] - 1}]",
                "the exclusion of the press and public is on the agenda, but no item is private",
            )

    def _notice_warnings(self, at: str, item: Item) -> Iterator[tuple[str | None, str]]:
        """Regulation 5 notices: one 28 clear days before and a further one 5 before."""
        given = sorted(notice.published for notice in item.notices)
        first_by, further_by = (
            latest_publication(self.meeting_date, d) for d in PRIVATE_NOTICE_DAYS
        )
        if not given or given[0] > first_by:
            yield (
                f"{at}.notices",
                f"a private item needs a notice 28 clear days before the meeting "
                f"(published by {first_by.isoformat()}); none is recorded",
            )
        if not any(day <= further_by for day in given[1:]):
            yield (
                f"{at}.notices",
                f"a private item needs a further notice 5 clear days before the meeting "
                f"(published by {further_by.isoformat()}); none is recorded",
            )

    def withheld(self) -> Self:
        return self
