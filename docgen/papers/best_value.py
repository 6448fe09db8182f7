"""Best Value directions: the submission to the Secretary of State and the board report.

The submission is the council's formal response (reference 003 para 3.15): a covering
letter signed by the Mayor and the Chief Executive, progress against every direction
with a clear status marker, the independent review of achievement drawn from the peer
challenge record's findings, the action plan and the annexes. The board progress
report is a committee report composed from the same record.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from docgen.builders.environment import long_date
from docgen.builders.properties import DocumentProperties
from docgen.exempt import Exemption, Text
from docgen.models.best_value import STATUS_MARKERS, BestValue, Direction
from docgen.models.blocks import Paragraph, Table, TableRow
from docgen.models.committee_report import CommitteeReport, Section
from docgen.models.peer_challenge import PeerChallenge
from docgen.papers.base import Paper, Source, register
from docgen.papers.committee_report import ComposedReport
from docgen.papers.compose import (
    capitalised,
    council_in_sentence,
    in_words,
    listed,
    mid_sentence,
    text,
    visit_dates,
)


def _joined(items: tuple[Text, ...]) -> Text:
    """Several texts as one cell: each item, then the next."""
    parts: list[str | Text] = []
    for index, item in enumerate(items):
        parts += (["; "] if index else []) + [item]
    return text(*parts) if parts else Text.plain("–")


def _deadline(direction: Direction) -> Text:
    return Text.plain(long_date(direction.deadline) if direction.deadline else "None set")


def _status(direction: Direction, as_at: date, submission: bool) -> Text:
    """The status with its marker, and "overdue" when the deadline passed before ``as_at``.

    In the submission, a direction the submission itself completes is met.
    """
    if submission and direction.met_by_submission:
        return Text.plain(f"{STATUS_MARKERS['met']}: by this submission")
    overdue = (
        direction.deadline is not None and direction.deadline < as_at and direction.status != "met"
    )
    return Text.plain(direction.marker + (" – overdue" if overdue else ""))


def progress_table(record: BestValue, as_at: date, submission: bool = False) -> Table:
    """One row per direction: requirement, deadline, action taken, evidence, and status
    with its marker, flagged overdue when its deadline passed before the paper's date."""
    return Table(
        caption=Text.plain(
            "Each direction: its deadline, the action taken, the evidence and its status"
        ),
        columns=tuple(
            Text.plain(c)
            for c in ("No.", "Requirement", "Deadline", "Action taken", "Evidence", "Status")
        ),
        rows=tuple(
            TableRow(
                cells=(
                    Text.plain(str(number)),
                    direction.requirement,
                    _deadline(direction),
                    _joined(direction.action),
                    _joined(direction.evidence),
                    _status(direction, as_at, submission),
                ),
                exempt=direction.exempt,
            )
            for number, direction in enumerate(record.directions, start=1)
        ),
    )


def review(challenge: PeerChallenge | None) -> list[dict[str, Any]]:
    """The independent review of achievement: the peer challenge's findings, by area."""
    if challenge is None:
        return []
    sections = []
    for key, title, _question in challenge.areas:
        found = challenge.findings_on(key)
        if found is not None:
            sections.append(
                {
                    "heading": title,
                    "findings": found.findings,
                    "recommendations": found.recommendations,
                }
            )
    return sections


def _challenge(source: Source) -> PeerChallenge | None:
    return next((r for r in source.references if isinstance(r, PeerChallenge)), None)


@register
class DclgSubmission(Paper):
    """The council's submission to the Secretary of State on the Best Value directions."""

    name = "dclg_submission"
    title = "Submission to the Secretary of State"
    accepts = ("best_value",)
    word_template = "dclg_submission.docx"

    def withheld_in_public(self, source: Source) -> Exemption | None:
        """The paper is the submission: a submission marked exempt is withheld whole."""
        assert isinstance(source.data, BestValue)
        return source.data.submission.exempt

    def context(self, source: Source) -> dict[str, Any]:
        record = source.data
        assert isinstance(record, BestValue)
        challenge = _challenge(source)
        submission = record.submission
        return {
            "record": record,
            "submission": submission,
            "sender": submission.sender,
            "public": source.public,
            "marking": self.marking(source),
            "running_marking": self.running_marking(source),
            "running_header": f"{record.council} – Best Value: submission to the Secretary of State",
            "date_line": long_date(submission.dated),
            "opening": text(
                f"In accordance with the directions issued to the Council on {long_date(record.issued)} under ",
                record.statutory_basis,
                ", we enclose the Council's submission: our progress against each direction, the "
                "independent review of our achievement, and our action plan.",
            ),
            "progress": progress_table(record, submission.dated, submission=True),
            "review": review(challenge),
            "review_source": (
                text(
                    "The independent review was an LGA Corporate Peer Challenge of ",
                    council_in_sentence(challenge.council),
                    f", on site from {visit_dates(challenge.visit.start, challenge.visit.end)}. "
                    "Its findings were:",
                )
                if challenge is not None
                else Text.plain(
                    "The independent review of achievement will follow under separate cover."
                )
            ),
            "action_plan": Table(
                caption=Text.plain("Each action, who owns it and when it is due"),
                columns=(Text.plain("Action"), Text.plain("Owner"), Text.plain("By")),
                rows=tuple(
                    TableRow(cells=(a.action, a.owner, Text.plain(a.by.written)), exempt=a.exempt)
                    for a in submission.action_plan
                ),
            ),
        }

    def properties(self, source: Source) -> DocumentProperties:
        record = source.data
        assert isinstance(record, BestValue)
        return DocumentProperties(
            title=f"{record.council}: Best Value submission to the Secretary of State",
            subject=f"Directions of {long_date(record.issued)}",
            author=str(record.council),
            keywords="best value; directions; submission",
            created=record.submission.dated,
        )


@register
class BoardProgressReport(ComposedReport):
    """The report to the Best Value Improvement Board on progress against the directions."""

    name = "board_progress_report"
    title = "Best Value board progress report"
    accepts = ("best_value",)

    def compose(self, source: Source) -> CommitteeReport:
        record = source.data
        assert isinstance(record, BestValue)
        details = record.progress_report
        met = sum(1 for d in record.directions if d.status == "met")
        board = record.board
        members = (board.chair, *board.members, *board.external)
        meetings = listed([long_date(m) for m in board.meetings if m < details.meeting_date])
        return CommitteeReport(
            committee=details.committee,
            body=Text.plain("the Council"),
            meeting_date=details.meeting_date,
            item=details.item,
            title=text("Progress against the Best Value directions: ", record.council),
            report_by=details.report_by,
            contact=details.contact,
            purpose=details.purpose,
            summary=details.summary,
            recommendations_lead_in=details.recommendations_lead_in,
            recommendations=details.recommendations,
            sections=(
                Section(
                    heading=Text.plain("Background"),
                    paragraphs=tuple(
                        p
                        for p in (
                            Paragraph(
                                text=text(
                                    f"The Secretary of State issued directions to the Council on {long_date(record.issued)} under ",
                                    record.statutory_basis,
                                    ".",
                                )
                            ),
                            Paragraph(text=text("They replaced ", record.replaces, "."))
                            if record.replaces
                            else None,
                        )
                        if p is not None
                    ),
                ),
                Section(
                    heading=Text.plain("Progress"),
                    paragraphs=(
                        Paragraph(
                            text=Text.plain(
                                f"{capitalised(in_words(met))} of the "
                                f"{in_words(len(record.directions))} directions are met:"
                            ),
                            table=progress_table(record, details.meeting_date),
                        ),
                    ),
                ),
                Section(
                    heading=text(board.name),
                    paragraphs=(
                        Paragraph(
                            text=Text.plain(
                                "The Board, chaired by the Mayor, has cross-party and external members:"
                            ),
                            bullets=tuple(
                                text(m.name, ", " if m.job_title else "", m.job_title)
                                for m in members
                            ),
                        ),
                        Paragraph(
                            text=Text.plain(
                                f"It has met on {meetings}."
                                if meetings
                                else "Its meetings are to be arranged."
                            )
                        ),
                    ),
                ),
                Section(
                    heading=Text.plain("Submission to the Secretary of State"),
                    paragraphs=(
                        Paragraph(
                            text=text(
                                "The Council's submission to ",
                                mid_sentence(record.submission.addressee),
                                f" is due by {long_date(record.submission.due)}.",
                            )
                        ),
                    ),
                ),
            ),
            implications=details.implications,
            background_papers=details.background_papers,
        )
