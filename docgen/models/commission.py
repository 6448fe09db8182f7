"""Commissions of Lead Chief Executives, and the year's set of them (reference 000).

A ``commission`` record is one policy area's lead for one commissioning year. The
cycle is fixed: the Executive is consulted after the June AGM, the commission runs
twelve months from 1 September, and the completed list is reported to the October
Leaders' Committee. A ``commission_set`` record is that annual report's own details
(meeting, author, contact); it gathers every commission of its year.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import ClassVar, Self

import attrs

from docgen.exempt import Text
from docgen.models.base import (
    ALWAYS_PUBLIC,
    FIXED_CHOICE,
    NON_EMPTY,
    Contact,
    Exemptable,
    Gather,
    Model,
    Person,
    notice_text,
    statement_text,
)

SUB_REGIONS = ("Central", "East", "North", "South", "West")
"""The London Plan's five sub-regions, against which the spread of commissions is read."""


@attrs.frozen(kw_only=True)
class Lead(Exemptable):
    """The commissioned Lead Chief Executive and the borough they serve."""

    name: Text
    borough: Text
    sub_region: str | None = attrs.field(metadata=FIXED_CHOICE)
    """None only in the public view of a withheld lead: with the borough known to the
    reader of the other rows, a region or party would single the withheld lead out."""
    political_control: str | None = attrs.field(metadata=FIXED_CHOICE)

    def problems(self) -> Iterator[tuple[str | None, str]]:
        for field in ("sub_region", "political_control"):
            if getattr(self, field) is None:
                yield field, "expected text, found nothing"
        if self.sub_region is not None and self.sub_region not in SUB_REGIONS:
            yield (
                "sub_region",
                (
                    f"'{self.sub_region}' is not a London sub-region; expected one of {', '.join(SUB_REGIONS)}"
                ),
            )

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(
            name=notice_text(self.exempt),
            borough=notice_text(self.exempt),
            sub_region=None,
            political_control=None,
            exempt=self.exempt,
        )


@attrs.frozen(kw_only=True)
class Member(Exemptable):
    """A member of a supporting group: chief executive or senior professional."""

    name: Text
    borough: Text
    profession: Text

    def withheld(self) -> Self:
        assert self.exempt is not None
        notice = notice_text(self.exempt)
        return type(self)(name=notice, borough=notice, profession=notice, exempt=self.exempt)


@attrs.frozen(kw_only=True)
class Interest(Exemptable):
    """An expression of interest in the role, considered when commissioning."""

    shorthand = "name"

    name: Text
    borough: Text | None = None
    note: Text | None = None

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(name=notice_text(self.exempt), exempt=self.exempt)


@attrs.frozen(kw_only=True)
class Period:
    """When a commission runs: by rule twelve months from 1 September (public, as the cycle is)."""

    start: date
    end: date


def twelve_months_from(start: date) -> date:
    """The last day of the twelve months that begin on ``start``."""
    anniversary = date(
        start.year + 1, start.month, min(start.day, 28 if start.month == 2 else start.day)
    )
    return anniversary - timedelta(days=1)


def standard_period(year: int) -> Period:
    return Period(start=date(year, 9, 1), end=date(year + 1, 8, 31))


@attrs.frozen(kw_only=True)
class Commission(Model):
    """One Lead Chief Executive commission (``kind: commission``)."""

    kind: ClassVar[str] = "commission"

    policy_area: Text
    portfolio: Text
    year: int = attrs.field(metadata=ALWAYS_PUBLIC)
    period: Period | None = None
    lead: Lead
    supporting_group: tuple[Member, ...] = ()
    interests: tuple[Interest, ...] = ()
    experience: Text | None = None

    @property
    def effective_period(self) -> Period:
        return self.period or standard_period(self.year)

    def problems(self) -> Iterator[tuple[str | None, str]]:
        if not 1990 <= self.year <= 2100:
            yield "year", f"{self.year} is not a commissioning year"
            return
        period = self.effective_period
        if (period.start.month, period.start.day) != (9, 1):
            yield (
                "period",
                (
                    f"starts on {period.start.isoformat()}; commissions run twelve months from 1 September"
                ),
            )
        elif period.start.year != self.year:
            yield "period", f"starts in {period.start.year}, not the commissioning year {self.year}"
        expected_end = twelve_months_from(period.start)
        if period.end != expected_end:
            yield (
                "period",
                (
                    f"ends on {period.end.isoformat()}; a commission starting {period.start.isoformat()} "
                    f"runs twelve months, to {expected_end.isoformat()}"
                ),
            )

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(
            policy_area=statement_text(self.exempt),
            portfolio=notice_text(self.exempt),
            year=self.year,
            period=self.period,  # the standard period: the public year says it anyway
            lead=Lead(
                name=notice_text(self.exempt),
                borough=notice_text(self.exempt),
                sub_region=None,
                political_control=None,
                exempt=self.exempt,
            ),
            exempt=self.exempt,
        )


@attrs.frozen(kw_only=True)
class CommissionSet(Model):
    """A year's commissions as reported to Leaders' Committee (``kind: commission_set``)."""

    kind: ClassVar[str] = "commission_set"

    year: int = attrs.field(metadata=ALWAYS_PUBLIC)
    committee: Text = attrs.field(metadata=ALWAYS_PUBLIC)
    body: Text = attrs.field(metadata=ALWAYS_PUBLIC)
    meeting_date: date = attrs.field(metadata=ALWAYS_PUBLIC)
    item: Text | None = attrs.field(default=None, metadata=ALWAYS_PUBLIC)
    report_by: Person
    contact: Contact
    mou_parties: tuple[Text, ...] = attrs.field(metadata=NON_EMPTY)
    mou_signatories: tuple[Person, ...] = attrs.field(metadata=NON_EMPTY)

    def gathers(self) -> Gather:
        """Every commission, of every year: the report derives how long each lead has served."""
        return Gather(kind=Commission.kind, required=True)

    def members(self, related: Sequence[Model]) -> list[Commission]:
        """This year's commissions among ``related``, by policy area."""
        found = [m for m in related if isinstance(m, Commission) and m.year == self.year]
        return sorted(found, key=lambda c: str(c.policy_area).casefold())

    def shown(self, related: Sequence[Model]) -> Sequence[Model]:
        """This year's commissions: earlier and later years are consulted, not shown."""
        return self.members(related)

    def warnings(self, related: Sequence[Model]) -> Iterator[tuple[str | None, str]]:
        yield from leaders_committee_in_october(self)
        members = self.members(related)
        if not members:
            yield None, f"there are no commission records for {self.year}"
            return
        yield from diversity_warnings(members)

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(
            year=self.year,
            committee=self.committee.redacted(),
            body=self.body.redacted(),
            meeting_date=self.meeting_date,
            item=self.item.redacted() if self.item else None,
            report_by=Person(name=notice_text(self.exempt), exempt=self.exempt),
            contact=Contact(name=notice_text(self.exempt), exempt=self.exempt),
            mou_parties=(notice_text(self.exempt),),
            mou_signatories=(Person(name=notice_text(self.exempt), exempt=self.exempt),),
            exempt=self.exempt,
        )


def leaders_committee_in_october(record_set: CommissionSet) -> list[tuple[str, str]]:
    """The rule of reference 000 para 12, as (field, warning) pairs."""
    warnings = []
    if not re.search(r"leaders.? committee", str(record_set.committee), re.IGNORECASE):
        warnings.append(
            (
                "committee",
                f"the annual commissions report goes to Leaders' Committee, not {record_set.committee}",
            )
        )
    if (record_set.meeting_date.year, record_set.meeting_date.month) != (record_set.year, 10):
        warnings.append(
            (
                "meeting_date",
                f"the {record_set.year} commissions are reported to the October {record_set.year} "
                f"Leaders' Committee, not on {record_set.meeting_date.isoformat()}",
            )
        )
    return warnings


def spread(members: Sequence[Commission]) -> tuple[Counter[str], Counter[str]]:
    """How many commissions each sub-region and each political control holds.

    Only leads whose region and party this view shows are counted: in the public view a
    withheld lead has neither, so no count can be worked back to them.
    """
    regions = Counter({region: 0 for region in SUB_REGIONS})
    regions.update(m.lead.sub_region for m in members if m.lead.sub_region is not None)
    parties = Counter(
        m.lead.political_control for m in members if m.lead.political_control is not None
    )
    return regions, parties


def diversity_warnings(members: Sequence[Commission]) -> Iterator[tuple[str | None, str]]:
    """Reference 000 para 13: the boroughs' spread across London and political control."""
    regions, parties = spread(members)
    total = len(members)
    for region, count in regions.items():
        if count * 2 > total:
            yield None, f"the {region} sub-region holds {count} of the {total} commissions"
    for region in (r for r, count in regions.items() if count == 0):
        yield None, f"no commission is held in the {region} sub-region"
    for party, count in parties.items():
        if count * 2 > total:
            yield None, f"boroughs under {party} control hold {count} of the {total} commissions"
