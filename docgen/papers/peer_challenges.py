"""Peer challenges: the proposal report to the council's board.

The proposal is a committee report (reference 003 is one), composed from the peer
challenge record and rendered through the committee report's own templates: purpose,
recommendations, the process with the core components and any extra areas, the peer
team, the timetable as a table, and the implications.
"""

from __future__ import annotations

from datetime import date

from docgen.builders.environment import long_date
from docgen.exempt import Text
from docgen.models.blocks import Paragraph, Table, TableRow
from docgen.models.committee_report import CommitteeReport, Section
from docgen.models.peer_challenge import (
    COMPONENTS,
    DRAFT_AFTER,
    LEAD_IN,
    ROLES,
    VISIT_DAYS,
    PeerChallenge,
)
from docgen.papers.base import Source, register
from docgen.papers.committee_report import ComposedReport
from docgen.papers.compose import text


def _month_year(day: date) -> str:
    return f"{day:%B %Y}"


def proposal_report(challenge: PeerChallenge) -> CommitteeReport:
    """The proposal report, from the (viewed) peer challenge record."""
    proposal = challenge.proposal
    visit = challenge.visit
    components = tuple(
        Text.plain(f"{title}: {question}") for title, question in COMPONENTS.values()
    )
    extra = tuple(
        text(area.title, ": ", area.question, within=area)
        if area.question
        else text(area.title, within=area)
        for area in challenge.extra_areas
    )
    team = Table(
        caption=Text.plain("The peer team"),
        columns=(Text.plain("Role"), Text.plain("Peer"), Text.plain("Council or organisation")),
        rows=tuple(
            TableRow(
                cells=(
                    text(ROLES[m.role], " (", m.political_group, ")")
                    if m.political_group
                    else Text.plain(ROLES[m.role]),
                    m.name,
                    m.organisation,
                ),
                exempt=m.exempt,
            )
            for m in challenge.team
        ),
    )
    timeline = Table(
        caption=Text.plain("Outline timetable"),
        columns=(Text.plain("Activity"), Text.plain("Timeline")),
        rows=tuple(
            TableRow(cells=(a.activity, Text.plain(a.when.written)), exempt=a.exempt)
            for a in challenge.timeline
        ),
    )
    process = [
        Paragraph(
            text=Text.plain(
                f"If the Council agrees to proceed, the LGA proposes a lead-in of at least {LEAD_IN // 30} months "
                "before the visit, so that peers of suitable calibre can be confirmed."
            )
        ),
        Paragraph(
            text=Text.plain(
                "The Council prepares a position statement of 10–15 sides of A4 telling its story: its "
                "context, and its strengths and weaknesses against each core component and each extra "
                "area, with background documents sent in advance."
            ),
            bullets=tuple(challenge.background_documents),
        ),
        Paragraph(
            text=Text.plain(
                f"A team of about six peers spends {VISIT_DAYS} days on site, from "
                f"{long_date(visit.start)} to {long_date(visit.end)}, meeting members, officers and "
                "partners, and presents its findings on the last day."
            ),
            table=team if challenge.team else None,
        ),
        Paragraph(
            text=Text.plain(
                f"The LGA provides a draft report {DRAFT_AFTER[0] // 7}–{DRAFT_AFTER[1] // 7} weeks after the "
                "visit; the Council may ask for amendments before signing off the final version, and is "
                "strongly encouraged to publish it. A follow-up visit can take place six to eighteen "
                "months later."
            )
        ),
    ]
    arrangements = []
    if challenge.lead_contact is not None:
        arrangements.append(
            Paragraph(
                text=text(
                    "The lead contact for oversight is ",
                    challenge.lead_contact.name,
                    ".",
                    within=challenge.lead_contact,
                )
            )
        )
    if challenge.administrative_lead is not None:
        arrangements.append(
            Paragraph(
                text=text(
                    "The administrative lead co-ordinating the on-site programme is ",
                    challenge.administrative_lead.name,
                    ".",
                    within=challenge.administrative_lead,
                )
            )
        )
    sections = [
        Section(heading=Text.plain("Scope"), paragraphs=(Paragraph(text=challenge.scope),)),
        Section(
            heading=Text.plain("What a peer challenge focuses on"),
            paragraphs=(
                Paragraph(
                    text=Text.plain("Every peer challenge covers five core components:"),
                    bullets=components,
                ),
                Paragraph(
                    text=Text.plain(
                        "A council may add up to two areas of focus of its own"
                        + (", and the Council proposes:" if extra else "; none is proposed yet.")
                    ),
                    bullets=extra,
                ),
            ),
        ),
        Section(heading=Text.plain("The peer challenge process"), paragraphs=tuple(process)),
        Section(
            heading=Text.plain("Timetable"),
            paragraphs=(
                Paragraph(
                    text=Text.plain(
                        f"The on-site visit is proposed for {_month_year(visit.start)}; the outline timetable is:"
                    ),
                    table=timeline,
                ),
                *arrangements,
            ),
        ),
    ]
    return CommitteeReport(
        committee=proposal.committee,
        body=Text.plain("the Council"),
        meeting_date=proposal.meeting_date,
        item=proposal.item,
        title=text("LGA Corporate Peer Challenge proposal: ", challenge.council),
        report_by=proposal.report_by,
        contact=proposal.contact,
        purpose=proposal.purpose,
        summary=proposal.summary,
        recommendations_lead_in=proposal.recommendations_lead_in,
        recommendations=proposal.recommendations,
        sections=tuple(sections),
        implications=proposal.implications,
        background_papers=proposal.background_papers,
    )


@register
class ProposalReport(ComposedReport):
    """The committee report proposing the peer challenge to the council's board."""

    name = "proposal_report"
    title = "Peer challenge proposal report"
    accepts = ("peer_challenge",)

    def compose(self, source: Source) -> CommitteeReport:
        assert isinstance(source.data, PeerChallenge)
        return proposal_report(source.data)
