"""Best Value directions: the Secretary of State's directions to a council (s15 LGA 1999).

Reference 003 (paras 1.1, 3.1–3.2, 3.15, section 5). A ``best_value`` record holds the
directions, what each requires and how far it has got, the Best Value Improvement
Board, and the council's submission to the Secretary of State. The department's name
is data, not template text: it was DCLG until January 2018 and has been renamed since.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import ClassVar, Self

import attrs

from docgen.dates_written import reported_after
from docgen.exempt import Text
from docgen.models.base import (
    ALWAYS_PUBLIC,
    NON_EMPTY,
    Exemptable,
    Model,
    Person,
    Reference,
    Sender,
    notice_text,
)
from docgen.models.committee_report import RECORD_ID, ReportDetails
from docgen.when import When

STATUSES = {"not_started": "Not started", "in_progress": "In progress", "met": "Met"}
STATUS_MARKERS = {
    "not_started": "\u25cb Not started",
    "in_progress": "\u25d1 In progress",
    "met": "\u25cf Met",
}
"""A status shown with a shape as well as a word, readable in print and without colour."""


@attrs.frozen(kw_only=True)
class Direction(Exemptable):
    """One direction: what it requires, by when, who owns it, and how far it has got."""

    requirement: Text
    deadline: date | None = attrs.field(default=None, metadata=ALWAYS_PUBLIC)
    owner: Text
    status: str = attrs.field(metadata=ALWAYS_PUBLIC)
    action: tuple[Text, ...] = ()
    evidence: tuple[Text, ...] = ()
    met_by_submission: bool = attrs.field(default=False, metadata=ALWAYS_PUBLIC)
    """The submission itself completes it (an independent review "submitted to the
    Secretary of State"): the submission reports it as met, earlier papers as they stand."""

    @property
    def marker(self) -> str:
        return STATUS_MARKERS[self.status]

    def problems(self) -> Iterator[tuple[str | None, str]]:
        if self.status not in STATUSES:
            yield (
                "status",
                f"'{self.status}' is not a status; expected one of: {', '.join(STATUSES)}",
            )

    def withheld(self) -> Self:
        assert self.exempt is not None
        notice = notice_text(self.exempt)
        return type(self)(
            requirement=notice,
            deadline=self.deadline,
            owner=notice,
            status=self.status,
            met_by_submission=self.met_by_submission,
            exempt=self.exempt,
        )


@attrs.frozen(kw_only=True)
class Board(Exemptable):
    """The Best Value Improvement Board: chaired by the Mayor, cross-party, with external members."""

    name: Text
    chair: Person
    members: tuple[Person, ...] = ()
    external: tuple[Person, ...] = ()
    meetings: tuple[date, ...] = ()

    def withheld(self) -> Self:
        """An exempt board keeps nothing: not its name, not its meeting dates."""
        assert self.exempt is not None
        return type(self)(
            name=notice_text(self.exempt),
            chair=Person(name=notice_text(self.exempt), exempt=self.exempt),
            exempt=self.exempt,
        )


@attrs.frozen(kw_only=True)
class Action(Exemptable):
    """A line of the action plan."""

    action: Text
    owner: Text
    by: When = attrs.field(metadata=ALWAYS_PUBLIC)

    def withheld(self) -> Self:
        assert self.exempt is not None
        notice = notice_text(self.exempt)
        return type(self)(action=notice, owner=notice, by=self.by, exempt=self.exempt)


@attrs.frozen(kw_only=True)
class Submission(Exemptable):
    """The council's submission to the Secretary of State, and the covering letter's details."""

    sender: Sender | None = None
    """The council as the letter's sender, its letterhead; none: the house's."""
    addressee: Text
    department: Text
    address: tuple[Text, ...] = ()
    due: date = attrs.field(metadata=ALWAYS_PUBLIC)
    """The deadline the directions set, published with them: kept by an exempt submission."""
    dated: date = attrs.field(metadata=ALWAYS_PUBLIC)
    salutation: Text
    signatories: tuple[Person, ...] = attrs.field(metadata=NON_EMPTY)
    action_plan: tuple[Action, ...] = ()
    annexes: tuple[Text, ...] = ()

    def withheld(self) -> Self:
        """An exempt submission keeps its dates (the paper is then withheld whole). It
        loses its sender: the council is public, but the sender is text the record gave,
        and nothing exempt is copied across."""
        assert self.exempt is not None
        notice = notice_text(self.exempt)
        return attrs.evolve(
            self,
            sender=None,
            addressee=notice,
            department=notice,
            address=(),
            salutation=notice,
            signatories=(Person(name=notice, exempt=self.exempt),),
            action_plan=(),
            annexes=(),
        )


@attrs.frozen(kw_only=True)
class BestValue(Model):
    """Best Value directions to a council and its progress against them (``kind: best_value``)."""

    kind: ClassVar[str] = "best_value"

    council: Text = attrs.field(metadata=ALWAYS_PUBLIC)
    statutory_basis: Text = attrs.field(
        factory=lambda: Text.plain("section 15 of the Local Government Act 1999")
    )
    """The power the directions were issued under, stated neutrally: the council's own
    papers say what the Secretary of State did, never that the council failed."""
    issued: date = attrs.field(metadata=ALWAYS_PUBLIC)
    replaces: Text | None = None
    directions: tuple[Direction, ...] = attrs.field(metadata=NON_EMPTY)
    board: Board
    submission: Submission
    progress_report: ReportDetails
    peer_challenge: str | None = None
    """The id of the peer challenge record whose findings are the independent review."""

    def references(self) -> list[Reference]:
        if self.peer_challenge is None:
            return []
        return [Reference("peer_challenge", self.peer_challenge, "peer_challenge")]

    def problems(self) -> Iterator[tuple[str | None, str]]:
        if self.peer_challenge is not None and not RECORD_ID.fullmatch(self.peer_challenge):
            yield "peer_challenge", f"'{self.peer_challenge}' is not a record id"

    def warnings(self, related: Sequence[Model]) -> Iterator[tuple[str | None, str]]:
        submitted = self.submission.dated
        for index, direction in enumerate(self.directions):
            if (
                direction.deadline is not None
                and direction.deadline < submitted
                and direction.status != "met"
                and not direction.met_by_submission
            ):
                yield (
                    f"directions[{index}].status",
                    (
                        f"direction {index + 1} was due on {direction.deadline.isoformat()}, before the "
                        f"submission on {submitted.isoformat()}, and is {STATUSES.get(direction.status, direction.status).lower()}"
                    ),
                )
        yield from reported_after(
            "board progress report", self.progress_report.meeting_date, self._progress_texts()
        )
        yield from reported_after("submission", submitted, self._progress_texts())
        if submitted > self.submission.due:
            yield (
                "submission.dated",
                (
                    f"the submission is dated {submitted.isoformat()}, after it was due on {self.submission.due.isoformat()}"
                ),
            )

    def _progress_texts(self) -> Iterator[tuple[str, str]]:
        """What the directions' progress reports (not their requirements, whose dates are
        deadlines), as (field, text)."""
        for index, direction in enumerate(self.directions):
            for name in ("action", "evidence"):
                for number, item in enumerate(getattr(direction, name)):
                    yield f"directions[{index}].{name}[{number}]", str(item)

    def withheld(self) -> Self:
        """Directions exempt as a whole keep their council, date and board's name."""
        assert self.exempt is not None
        exempt = self.exempt
        return attrs.evolve(
            self,
            replaces=None,
            directions=tuple(attrs.evolve(d, exempt=exempt).withheld() for d in self.directions),
            board=attrs.evolve(self.board, exempt=exempt).withheld(),
            submission=attrs.evolve(self.submission, exempt=exempt).withheld(),
            progress_report=attrs.evolve(self.progress_report, exempt=exempt).withheld(),
            peer_challenge=None,
        )
