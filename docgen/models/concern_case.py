"""Concern cases: councils that may be at risk of poor performance or failure.

Reference 000 Appendix 1 and reference 002. Every case is confidential by nature:
each field that could identify the authority, a person or the substance of the
concern is exempt by default (Schedule 12A paragraphs 1, 2 and 3), without the
officer marking it. What stays public is what a count needs: the stage, the
outcome, the indicators, whether the case is acute and open.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import ClassVar, Self, cast

import attrs

from docgen.exempt import Text
from docgen.models.base import (
    ALWAYS_PUBLIC,
    EXEMPT_BY_DEFAULT,
    NON_EMPTY,
    Contact,
    Exemptable,
    Gather,
    Model,
    Person,
    notice_text,
)

PERSONAL = {EXEMPT_BY_DEFAULT: (1, 2)}
"""Information relating to, or likely to reveal, an individual."""
AFFAIRS = {EXEMPT_BY_DEFAULT: (3,)}
"""Information about the affairs of a particular body, the authority included."""

INDICATORS = {
    "trust": "breakdown of trust between leading members and senior staff",
    "high_risk_change": "high-risk change strategy",
    "disengagement": "disengagement from the wider sector",
    "financial": "serious financial difficulty or no agreed financial strategy",
    "service_specific": "service-specific concern",
}
EVIDENCE = {
    "published_data": "published data and inspection",
    "lg_inform": "LG Inform",
    "auditors": "auditors' reports",
    "peer_feedback": "chief-executive peer feedback",
    "professional_associations": "professional associations",
    "soft_intelligence": "soft intelligence",
}
OUTCOMES = {
    "satisfactory_resolution": "satisfactory resolution",
    "in_hand": "challenge known and in hand",
    "london_support": "London support brokered",
    "lga_programmes": "significant support from LGA programmes",
    "lga_leads": "LGA leads the engagement",
}
STAGES = {1: "identifying signs", 2: "initial engagement", 3: "post-engagement action"}
PRIVATE_BRIEFING_OUTCOMES = ("lga_programmes", "lga_leads")
"""The outcomes at "the more significant, latter end of Stage 3" (reference 000, Appendix 1
para 12), of which the relevant Group Leaders are briefed privately."""


def latest_radar(related: Sequence[object]) -> Radar | None:
    """The radar report most recently presented, among the records drawn in."""
    radars = [m for m in related if isinstance(m, Radar)]
    return max(radars, key=lambda r: r.meeting_date) if radars else None


def _one_of(
    name: str, choices: dict[str, str] | dict[int, str], value: object
) -> Iterator[tuple[str | None, str]]:
    if value not in choices:
        yield name, f"'{value}' is not one of: {', '.join(str(c) for c in choices)}"


@attrs.frozen(kw_only=True)
class Sign(Exemptable):
    """A sign seen, tagged with the indicator it points to."""

    indicator: str = attrs.field(metadata=ALWAYS_PUBLIC)
    description: Text = attrs.field(metadata=AFFAIRS)

    def problems(self) -> Iterator[tuple[str | None, str]]:
        yield from _one_of("indicator", INDICATORS, self.indicator)

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(
            indicator=self.indicator, description=notice_text(self.exempt), exempt=self.exempt
        )


@attrs.frozen(kw_only=True)
class Event(Exemptable):
    """A dated event in the case's history, and the stage it left the case at."""

    when: date = attrs.field(metadata=AFFAIRS)
    """None in the public view, where the date is withheld (as every exempt date is)."""
    stage: int = attrs.field(metadata=ALWAYS_PUBLIC)
    event: Text = attrs.field(metadata=AFFAIRS)

    def withheld(self) -> Self:
        assert self.exempt is not None
        return attrs.evolve(self, when=None, event=notice_text(self.exempt))  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class ConcernCase(Model):
    """A council on the radar (``kind: concern_case``)."""

    kind: ClassVar[str] = "concern_case"
    default_public_interest: ClassVar[str | None] = (
        "A concern case is confidential by nature: signs are not evidence, and naming the "
        "council, the people involved or the substance of the concern while support is "
        "offered would read as a judgement on hearsay, could harm the council and its "
        "staff, and would deter councils from engaging early. The public interest in how "
        "councils at risk are supported is met by publishing the counts of cases by stage "
        "and outcome."
    )

    authority: Text = attrs.field(metadata=AFFAIRS)
    raised_by: Person = attrs.field(metadata=PERSONAL)
    raised_on: date = attrs.field(metadata=AFFAIRS)
    lead: Person = attrs.field(metadata=PERSONAL)
    signs: tuple[Sign, ...] = attrs.field(metadata={**NON_EMPTY, **AFFAIRS})
    evidence: tuple[str, ...] = attrs.field(metadata={**NON_EMPTY, **ALWAYS_PUBLIC})
    stage: int = attrs.field(metadata=ALWAYS_PUBLIC)
    history: tuple[Event, ...] = attrs.field(metadata={**NON_EMPTY, **AFFAIRS})
    outcome: str | None = attrs.field(default=None, metadata=ALWAYS_PUBLIC)
    support: Text | None = attrs.field(default=None, metadata=AFFAIRS)
    progress: Text | None = attrs.field(default=None, metadata=AFFAIRS)
    group_leaders_briefed: date | None = attrs.field(default=None, metadata=AFFAIRS)
    acute: bool = attrs.field(default=False, metadata=ALWAYS_PUBLIC)
    open: bool = attrs.field(default=True, metadata=ALWAYS_PUBLIC)

    def problems(self) -> Iterator[tuple[str | None, str]]:
        yield from _one_of("stage", STAGES, self.stage)
        for item in self.evidence:
            yield from _one_of("evidence", EVIDENCE, item)
        if self.outcome is not None:
            yield from _one_of("outcome", OUTCOMES, self.outcome)
            if self.stage != 3:
                yield (
                    "outcome",
                    f"an outcome is recorded at stage {self.stage}; outcomes follow engagement, at stage 3",
                )
        for earlier, later in zip(self.history, self.history[1:], strict=False):
            if later.when < earlier.when:
                yield (
                    "history",
                    f"events are out of date order ({later.when.isoformat()} after {earlier.when.isoformat()})",
                )
            if later.stage < earlier.stage:
                yield (
                    "history",
                    (
                        f"the stage goes back from {earlier.stage} to {later.stage} on {later.when.isoformat()}; "
                        "a case moves forward through the stages"
                    ),
                )
        if self.history and self.history[-1].stage != self.stage:
            yield (
                "stage",
                f"is {self.stage}, but the last event in the history leaves the case at stage {self.history[-1].stage}",
            )

    def gathers(self) -> Gather:
        """Every radar: a briefing note is written by the Chief Executive the latest names,
        and the events a radar reports are those since its last report."""
        return Gather(kind=Radar.kind)

    @property
    def briefing_due(self) -> bool:
        """Whether Group Leaders are briefed on this case: an open case at the latter end of
        stage 3, with significant LGA programme support or LGA-led engagement."""
        return self.open and self.stage == 3 and self.outcome in PRIVATE_BRIEFING_OUTCOMES

    def warnings(self, related: Sequence[Model]) -> Iterator[tuple[str | None, str]]:
        latest = len(self.history) - 1
        if self.group_leaders_briefed is not None and self.history:
            last = self.history[latest].when
            if self.group_leaders_briefed < last:
                yield (
                    "group_leaders_briefed",
                    (
                        f"the briefing note is dated {self.group_leaders_briefed.isoformat()} "
                        f"(group_leaders_briefed), before the event of {last.isoformat()} it "
                        f"reports (history[{latest}].when); brief on or after the latest event"
                    ),
                )
        radar = latest_radar(related)
        if self.briefing_due and radar is None:
            yield (
                "outcome",
                (
                    "the briefing note for Group Leaders is written by the Chief Executive named "
                    "in the radar report, and no radar record is found"
                ),
            )
        if (
            self.open
            and self.progress is not None
            and radar is not None
            and radar.last_report is not None
            and not any(e.when > radar.last_report for e in self.history)
        ):
            yield (
                "progress",
                (
                    f"progress is reported, but no event in the history is after the last radar "
                    f"report ({radar.last_report.isoformat()}, last_report of the radar); record "
                    "the event the progress reports"
                ),
            )
        if self.outcome in PRIVATE_BRIEFING_OUTCOMES and self.group_leaders_briefed is None:
            yield (
                "group_leaders_briefed",
                (
                    f"the outcome '{OUTCOMES[self.outcome]}' needs the relevant Group Leaders briefed "
                    "privately; no briefing is recorded"
                ),
            )
        if self.stage >= 2 and set(self.evidence) == {"soft_intelligence"}:
            yield (
                "evidence",
                (
                    f"a case at stage {self.stage} rests on soft intelligence alone: signs are not evidence"
                ),
            )

    def withheld(self) -> Self:
        """A case exempt as a whole keeps only what its own public view keeps."""
        return cast(Self, _public_view_of(self))


@attrs.frozen(kw_only=True)
class Radar(Model):
    """The radar report's details; it gathers every open concern case (``kind: radar``)."""

    kind: ClassVar[str] = "radar"

    committee: Text = attrs.field(metadata=ALWAYS_PUBLIC)
    body: Text | None = attrs.field(default=None, metadata=ALWAYS_PUBLIC)
    meeting_date: date = attrs.field(metadata=ALWAYS_PUBLIC)
    item: Text | None = attrs.field(default=None, metadata=ALWAYS_PUBLIC)
    report_by: Person
    contact: Contact
    last_report: date | None = attrs.field(default=None, metadata=ALWAYS_PUBLIC)

    def gathers(self) -> Gather:
        return Gather(kind=ConcernCase.kind, field="open", value=True)

    def cases(self, related: Sequence[Model]) -> list[ConcernCase]:
        """The open cases, acute first, then by stage (latest first)."""
        cases = [m for m in related if isinstance(m, ConcernCase) and m.open]
        return sorted(cases, key=lambda c: (not c.acute, -c.stage))

    def withheld(self) -> Self:
        """A radar exempt as a whole keeps its meeting and committee, as an agenda does."""
        assert self.exempt is not None
        return attrs.evolve(
            self,
            report_by=Person(name=notice_text(self.exempt), exempt=self.exempt),
            contact=Contact(name=notice_text(self.exempt), exempt=self.exempt),
        )


def _public_view_of(model: ConcernCase) -> ConcernCase:
    """The case with its default-exempt fields withheld (what its public view holds)."""
    from docgen.views import public_view

    return attrs.evolve(public_view(attrs.evolve(model, exempt=None)), exempt=model.exempt)
