"""LGA corporate peer challenges of one council (references 003 and 004).

The five core components are the LGA's, fixed here, never typed; a council may add at
most two areas of focus. The timetable keeps the officer's own wording ("Early June
2018") beside the dates it can mean, so the LGA's timing rules can be checked: a
four-day visit, six months' lead-in, the draft report three to four weeks after, the
follow-up six to eighteen months after, sign-off before the submission deadline.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import ClassVar, Self

import attrs

from docgen.exempt import Text
from docgen.limits import MAX_TIMELINE_ROWS
from docgen.models.base import (
    ALWAYS_PUBLIC,
    NON_EMPTY,
    Exemptable,
    Model,
    Person,
    Sender,
    notice_text,
)
from docgen.models.blocks import Paragraph
from docgen.models.committee_report import ReportDetails
from docgen.when import When

COMPONENTS = {
    "place": (
        "Understanding of the local place and priority setting",
        "Does the council understand its local context and place, and use that to inform a clear vision and set of priorities?",
    ),
    "leadership_of_place": (
        "Leadership of place",
        "Does the council provide effective leadership of place through its elected members, officers and constructive relationships and partnerships with external stakeholders?",
    ),
    "governance": (
        "Organisational leadership and governance",
        "Is there effective political and managerial leadership, supported by good governance and decision-making, that responds to key challenges and enables change?",
    ),
    "finance": (
        "Financial planning and viability",
        "Does the council have a financial plan to ensure long-term viability, and is there evidence that it is being implemented successfully?",
    ),
    "capacity": (
        "Capacity to deliver",
        "Is organisational capacity aligned with priorities, and does the council influence, enable and leverage external capacity to focus on agreed outcomes?",
    ),
}
"""The LGA's five core components: (title, the question the peer team asks)."""

ROLES = {
    "leader": "Leader",
    "mayor": "Mayor",
    "chief_executive": "Chief executive",
    "programme_manager": "LGA programme manager",
    "senior_manager": "Senior manager",
    "member_peer": "Member peer",
    "other": "Peer",
}
MAX_EXTRA_AREAS = 2
VISIT_DAYS = 4
LEAD_IN = 182  # six months, in days
DRAFT_AFTER = (21, 28)  # three to four weeks, in days
FOLLOW_UP = (6, 18)  # months


def months_after(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))


@attrs.frozen(kw_only=True)
class Assessment(Exemptable):
    """The council's own view of itself against a component or area (by its key)."""

    area: str = attrs.field(metadata=ALWAYS_PUBLIC)
    strengths: tuple[Text, ...] = ()
    weaknesses: tuple[Text, ...] = ()
    evidence: tuple[Text, ...] = ()

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(area=self.area, strengths=(notice_text(self.exempt),), exempt=self.exempt)


@attrs.frozen(kw_only=True)
class Findings(Exemptable):
    """The peer team's findings and recommendations on a component or area (by its key)."""

    area: str = attrs.field(metadata=ALWAYS_PUBLIC)
    findings: tuple[Text, ...] = ()
    recommendations: tuple[Text, ...] = ()

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(area=self.area, findings=(notice_text(self.exempt),), exempt=self.exempt)


@attrs.frozen(kw_only=True)
class ExtraArea(Exemptable):
    """An additional area of focus the council chose."""

    key: str = attrs.field(metadata=ALWAYS_PUBLIC)
    title: Text
    question: Text | None = None

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(key=self.key, title=notice_text(self.exempt), exempt=self.exempt)


@attrs.frozen(kw_only=True)
class TeamMember(Exemptable):
    """A member of the peer team."""

    name: Text
    role: str = attrs.field(metadata=ALWAYS_PUBLIC)
    organisation: Text
    political_group: Text | None = None

    def problems(self) -> Iterator[tuple[str | None, str]]:
        if self.role not in ROLES:
            yield "role", f"'{self.role}' is not a peer role; expected one of: {', '.join(ROLES)}"

    def withheld(self) -> Self:
        assert self.exempt is not None
        notice = notice_text(self.exempt)
        return type(self)(name=notice, role=self.role, organisation=notice, exempt=self.exempt)


@attrs.frozen(kw_only=True)
class Activity(Exemptable):
    """One line of the timetable: what, and when as the officer wrote it."""

    activity: Text
    when: When | None
    """None only in the public view of a withheld line: its date is withheld with it."""

    def problems(self) -> Iterator[tuple[str | None, str]]:
        if self.when is None:
            yield "when", "expected a date as written in a timetable, found nothing"

    @property
    def dated(self) -> When:
        """The line's date, in the full data (where every line has one)."""
        assert self.when is not None, "a withheld line of a public view has no date"
        return self.when

    def withheld(self) -> Self:
        assert self.exempt is not None
        return type(self)(activity=notice_text(self.exempt), when=None, exempt=self.exempt)


@attrs.frozen(kw_only=True)
class Visit:
    """The on-site visit: its first and last day (public: the visit is announced)."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@attrs.frozen(kw_only=True)
class Feedback(Exemptable):
    """The feedback letter's own details: to whom, when, from whom."""

    date: date
    reference: Text | None = None
    sender: Sender | None = None
    """The body the letter is from (the LGA), its letterhead; none: the house's."""
    addressee: Person
    address: tuple[Text, ...] = ()
    salutation: Text
    signed_by: Person

    def withheld(self) -> Self:
        """A letter exempt as a whole keeps its date only: it loses its sender too, which
        the public never sees anyway (the paper is then withheld whole, and the stand-in
        names the council, not the sender)."""
        assert self.exempt is not None
        notice = notice_text(self.exempt)
        return type(self)(
            date=self.date,
            addressee=Person(name=notice, exempt=self.exempt),
            salutation=notice,
            signed_by=Person(name=notice, exempt=self.exempt),
            exempt=self.exempt,
        )


@attrs.frozen(kw_only=True)
class PeerChallenge(Model):
    """An LGA corporate peer challenge (``kind: peer_challenge``)."""

    kind: ClassVar[str] = "peer_challenge"

    council: Text = attrs.field(metadata=ALWAYS_PUBLIC)
    proposal: ReportDetails
    scope: Text
    extra_areas: tuple[ExtraArea, ...] = ()
    team: tuple[TeamMember, ...] = ()
    lead_contact: Person | None = None
    administrative_lead: Person | None = None
    timeline: tuple[Activity, ...] = attrs.field(metadata=NON_EMPTY)
    visit: Visit
    submission_deadline: date | None = None
    context: tuple[Paragraph, ...] = ()
    assessment: tuple[Assessment, ...] = ()
    background_documents: tuple[Text, ...] = ()
    findings: tuple[Findings, ...] = ()
    feedback: Feedback | None = None

    def assessment_of(self, key: str) -> Assessment | None:
        return next((a for a in self.assessment if a.area == key), None)

    def findings_on(self, key: str) -> Findings | None:
        return next((f for f in self.findings if f.area == key), None)

    @property
    def areas(self) -> list[tuple[str, str, str | None]]:
        """Every component and extra area: (key, title, question)."""
        core = [(key, title, question) for key, (title, question) in COMPONENTS.items()]
        extra = [
            (a.key, str(a.title), str(a.question) if a.question else None) for a in self.extra_areas
        ]
        return core + extra

    def problems(self) -> Iterator[tuple[str | None, str]]:
        if len(self.extra_areas) > MAX_EXTRA_AREAS:
            yield (
                "extra_areas",
                (
                    f"{len(self.extra_areas)} additional areas of focus; a peer challenge takes at most {MAX_EXTRA_AREAS}"
                ),
            )
        if len(self.timeline) > MAX_TIMELINE_ROWS:
            yield (
                "timeline",
                f"{len(self.timeline)} lines; a timetable (and its Gantt chart) may have at "
                f"most {MAX_TIMELINE_ROWS}",
            )
        keys = {key for key, _, _ in self.areas}
        for field, entries in (("assessment", self.assessment), ("findings", self.findings)):
            for entry in entries:
                if entry.area not in keys:
                    yield (
                        field,
                        (
                            f"'{entry.area}' is neither a core component ({', '.join(COMPONENTS)}) "
                            "nor an extra area's key"
                        ),
                    )
        if self.visit.end < self.visit.start:
            yield "visit", "ends before it starts"

    def activity(self, *words: str) -> Activity | None:
        """The first timetable line whose wording contains any of ``words``."""
        found = self._line(*words)
        return None if found is None else self.timeline[found]

    def _line(self, *words: str) -> int | None:
        for index, line in enumerate(self.timeline):
            lowered = str(line.activity).casefold()
            if any(word in lowered for word in words):
                return index
        return None

    def _at(self, *words: str) -> str:
        """The field path of the timetable line found by ``words``, for locating a warning."""
        index = self._line(*words)
        return "timeline" if index is None else f"timeline[{index}].when"

    def warnings(self, related: Sequence[Model]) -> Iterator[tuple[str | None, str]]:
        visit = self.visit
        if visit.days != VISIT_DAYS:
            yield (
                "visit",
                (
                    f"the on-site visit runs {visit.days} days ({visit.start.isoformat()} to "
                    f"{visit.end.isoformat()}); the LGA's visit is {VISIT_DAYS} days"
                ),
            )
        scoping = self.activity("scop")
        if scoping is not None and (visit.start - scoping.dated.start).days < LEAD_IN:
            yield (
                self._at("scop"),
                (
                    f"the lead-in from scoping ({scoping.dated.written}) to the visit "
                    f"({visit.start.isoformat()}) is under the LGA's six months"
                ),
            )
        draft = self.activity("draft report")
        if draft is not None:
            earliest, latest = (visit.end + timedelta(days=d) for d in DRAFT_AFTER)
            if draft.dated.end < earliest or draft.dated.start > latest:
                yield (
                    self._at("draft report"),
                    (
                        f"the draft report ({draft.dated.written}) is not 3–4 weeks after the visit "
                        f"ends ({visit.end.isoformat()}): expected between {earliest.isoformat()} and {latest.isoformat()}"
                    ),
                )
        follow_up = self.activity("follow")
        if follow_up is not None:
            earliest, latest = (months_after(visit.end, m) for m in FOLLOW_UP)
            if follow_up.dated.start < earliest or follow_up.dated.end > latest:
                yield (
                    self._at("follow"),
                    (
                        f"the follow-up ({follow_up.dated.written}, {follow_up.dated.start.isoformat()} to "
                        f"{follow_up.dated.end.isoformat()}) falls outside 6–18 months after the visit: "
                        f"{earliest.isoformat()} to {latest.isoformat()}"
                    ),
                )
        sign_off = self.activity("sign off", "sign-off")
        if (
            sign_off is not None
            and self.submission_deadline is not None
            and sign_off.dated.end > self.submission_deadline
        ):
            yield (
                self._at("sign off", "sign-off"),
                (
                    f"final sign-off ({sign_off.dated.written}) may fall after the submission deadline "
                    f"({self.submission_deadline.isoformat()})"
                ),
            )
        preparation, submission = (
            self.activity("preparation of"),
            self.activity("submission of position"),
        )
        if (
            preparation is not None
            and submission is not None
            and submission.dated.end < preparation.dated.end
        ):
            yield (
                self._at("submission of position"),
                (
                    f"the position statement is submitted ({submission.dated.written}) before its "
                    f"preparation ends ({preparation.dated.written})"
                ),
            )
        if not self.context:
            yield "context", "no context is written: the position statement is marked DRAFT"
        unassessed = [
            title
            for key, title, _question in self.areas
            if not (found := self.assessment_of(key))
            or not (found.strengths or found.weaknesses or found.evidence)
        ]
        if unassessed:
            yield (
                "assessment",
                (
                    f"no self-assessment for {len(unassessed)} of {len(self.areas)} areas "
                    f"({'; '.join(unassessed)}): the position statement is marked DRAFT "
                    "and lists them"
                ),
            )
        roles = {member.role for member in self.team}
        missing = []
        if not roles & {"leader", "mayor"}:
            missing.append("a Leader or Mayor")
        if "chief_executive" not in roles:
            missing.append("a chief executive")
        if "programme_manager" not in roles:
            missing.append("an LGA programme manager")
        if missing:
            lacks = (
                missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
            )
            yield "team", "the peer team lacks " + lacks

    def withheld(self) -> Self:
        """A challenge exempt as a whole keeps its council, its board and the visit dates."""
        assert self.exempt is not None
        exempt = self.exempt
        return type(self)(
            council=self.council,
            proposal=attrs.evolve(self.proposal, exempt=exempt).withheld(),
            scope=notice_text(exempt),
            timeline=tuple(attrs.evolve(a, exempt=exempt).withheld() for a in self.timeline),
            visit=self.visit,
            exempt=exempt,
        )
