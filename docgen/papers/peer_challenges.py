"""Peer challenges: the proposal report to the council's board.

The proposal is a committee report (reference 003 is one), composed from the peer
challenge record and rendered through the committee report's own templates: purpose,
recommendations, the process with the core components and any extra areas, the peer
team, the timetable as a table, and the implications.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from docgen.builders.environment import long_date
from docgen.builders.properties import DocumentProperties
from docgen.exempt import Exemption, Text
from docgen.models.base import Model, notice_text
from docgen.models.blocks import Paragraph, Table, TableRow
from docgen.models.committee_report import CommitteeReport, Section
from docgen.models.peer_challenge import (
    COMPONENTS,
    DRAFT_AFTER,
    FOLLOW_UP,
    LEAD_IN,
    ROLES,
    VISIT_DAYS,
    Activity,
    PeerChallenge,
    months_after,
)
from docgen.papers.base import Paper, Source, register
from docgen.papers.committee_report import ComposedReport
from docgen.papers.compose import council_in_sentence, in_words, text, visit_dates


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
            TableRow(cells=(a.activity, when_cell(a)), exempt=a.exempt) for a in challenge.timeline
        ),
    )
    documents = tuple(challenge.background_documents)
    process = [
        Paragraph(text=Text.plain(lead_in_sentence(challenge))),
        Paragraph(
            text=Text.plain(
                "The Council prepares a position statement of 10–15 sides of A4 telling its story: its "
                "context, and its strengths and weaknesses against each core component and each extra "
                "area"
                + (
                    ". It sends background documents to the peer team in advance, among them:"
                    if documents
                    else ", with background documents sent in advance."
                )
            ),
            bullets=documents,
        ),
        Paragraph(
            text=Text.plain(
                f"{team_size(challenge)} spends {in_words(VISIT_DAYS)} days on site, from "
                f"{visit_dates(visit.start, visit.end)}, meeting members, officers and "
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
                    team_in_sentence(challenge.administrative_lead.name),
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
                        "A council may add up to two areas of focus of its own. "
                        + (
                            "None is suggested yet."
                            if not extra
                            else "The area suggested for consideration is:"
                            if len(extra) == 1
                            else f"The {in_words(len(extra))} areas suggested for consideration are:"
                        )
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


def lead_in_sentence(challenge: PeerChallenge) -> str:
    """The LGA's lead-in, and how long this proposal gives: never "at least six months"
    beside dates that give less."""
    months = _whole_months(challenge.proposal.meeting_date, challenge.visit.start)
    rule = (
        f"The LGA asks for a lead-in of at least {in_words(LEAD_IN // 30)} months before the visit, "
        "so that peers of suitable calibre can be confirmed"
    )
    gap = f"{in_words(months)} month{'s' if months != 1 else ''}"
    if (challenge.visit.start - challenge.proposal.meeting_date).days >= LEAD_IN:
        return f"{rule}; the visit proposed is {gap} after this meeting."
    return (
        f"{rule}. The visit proposed is only {gap} after this meeting, so the peer team would "
        "need to be confirmed as soon as the Council agrees."
    )


def _whole_months(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


_TEAMS = ("Team", "Unit", "Service", "Office", "Directorate", "Group", "Section")
"""The last words of a name that is a team's, not a person's."""


def team_in_sentence(name: Text) -> Text:
    """A team's name as a sentence has it ("the Corporate Strategy and Policy Team"); a
    person's name as it is."""
    if str(name).rstrip(".").endswith(_TEAMS) and not str(name).startswith(("the ", "The ")):
        return text("the ", name)
    return name


def when_cell(activity: Activity) -> Text:
    """A timetable line's date as written; a withheld line's notice (its date went with it)."""
    if activity.when is None:
        assert activity.exempt is not None, "only a withheld line has no date"
        return notice_text(activity.exempt)
    return Text.plain(activity.when.written)


def gantt(challenge: PeerChallenge) -> dict[str, object] | None:
    """The timetable as a picture (with its alt text), drawn from this view's data.

    Lines withheld from this view have no date and are not drawn; the alt text says how
    many there are (the table shows them as withheld rows anyway). None when no line
    can be drawn.
    """
    from PIL import Image  # drawing loads only when a paper is built

    from docgen.charts import TimelineData, timeline_description, timeline_png, timeline_svg

    data = TimelineData(
        "Peer challenge timetable",
        tuple(
            (str(a.activity), a.when.start, a.when.end, a.when.written)
            for a in challenge.timeline
            if a.when is not None
        ),
    )
    if not data.rows:
        return None
    withheld = len(challenge.timeline) - len(data.rows)
    alt = timeline_description(data)
    if withheld:
        lines = "line" if withheld == 1 else "lines"
        alt += f" {withheld} further {lines} of the timetable, not for publication, not shown."
    png = timeline_png(data)
    width, height = Image.open(io.BytesIO(png)).size
    return {
        "png": png,
        "svg": timeline_svg(data),
        "alt": alt,
        "title": data.title,
        "aspect": height / width,
    }


def timetable(challenge: PeerChallenge) -> Table:
    return Table(
        caption=Text.plain("Outline timetable"),
        columns=(Text.plain("Activity"), Text.plain("Timeline")),
        rows=tuple(
            TableRow(cells=(a.activity, when_cell(a)), exempt=a.exempt) for a in challenge.timeline
        ),
    )


@register
class PositionStatement(Paper):
    """The council's own story for the peer team: context, then each component and area."""

    name = "position_statement"
    title = "Peer challenge position statement"
    accepts = ("peer_challenge",)
    word_template = "position_statement.docx"
    contents_pages = True

    def context(self, source: Source) -> dict[str, Any]:
        challenge = source.data
        assert isinstance(challenge, PeerChallenge)
        areas = []
        for number, (key, title, question) in enumerate(challenge.areas, start=1):
            assessment = challenge.assessment_of(key)
            shaded = assessment is not None and assessment.exempt is not None and not source.public
            parts = []
            if assessment is not None:
                for heading, items in (
                    ("Strengths", assessment.strengths),
                    ("Areas for development", assessment.weaknesses),
                    ("Evidence", assessment.evidence),
                ):
                    if items:
                        parts.append({"heading": heading, "entries": items, "shaded": shaded})
            areas.append(
                {
                    "key": key,
                    "heading": f"{number}. {title}",
                    "title": title,
                    "question": question or "",
                    "parts": parts,
                }
            )
        visit = challenge.visit
        missing = still_to_write(challenge)
        return {
            "challenge": challenge,
            "public": source.public,
            "marking": self.marking(source),
            "running_marking": self.running_marking(source),
            "running_header": f"{challenge.council} – Position statement"
            + (" – DRAFT" if missing else ""),
            "draft": "DRAFT – not yet complete" if missing else None,
            "missing": missing,
            "visit_line": f"On-site visit: {visit_dates(visit.start, visit.end)}",
            "toc": [
                *([{"text": "Context", "anchor": "part-context"}] if challenge.context else []),
                *(
                    {"text": area["heading"], "anchor": f"part-{number}"}
                    for number, area in enumerate(areas, start=1)
                ),
                {"text": "Timetable", "anchor": "part-timetable"},
                {"text": "Background documents", "anchor": "part-documents"},
            ],
            "areas": areas,
            "gantt": gantt(challenge),
            "timetable": timetable(challenge),
        }

    def properties(self, source: Source) -> DocumentProperties:
        challenge = source.data
        assert isinstance(challenge, PeerChallenge)
        return DocumentProperties(
            title=f"{challenge.council}: Corporate Peer Challenge position statement",
            subject="LGA Corporate Peer Challenge",
            author=str(challenge.council),
            keywords="peer challenge; position statement",
            created=challenge.visit.start,
        )


def still_to_write(challenge: PeerChallenge) -> list[str]:
    """What the position statement lacks (its context, an area's self-assessment): while
    anything does, the paper is a DRAFT that lists it, never a page saying "To follow"."""
    missing = [] if challenge.context else ["the context"]
    missing.extend(
        f"the self-assessment for {title}"
        for key, title, _question in challenge.areas
        if not _assessed(challenge, key)
    )
    return missing


def _assessed(challenge: PeerChallenge, key: str) -> bool:
    found = challenge.assessment_of(key)
    return found is not None and bool(found.strengths or found.weaknesses or found.evidence)


def team_size(challenge: PeerChallenge) -> str:
    """The team as the record has it ("A team of seven peers"), or as the LGA usually sends."""
    if not challenge.team:
        return "A team of peers, usually five or six,"
    return f"A team of {in_words(len(challenge.team))} peers"


def covered(challenge: PeerChallenge) -> str:
    """What the letter's findings cover, claiming "each of the core components" only if so.

    Said by number, each part then under its own heading below, so the sentence stays
    short whatever the components are called.
    """
    core = sum(1 for key in COMPONENTS if challenge.findings_on(key))
    extra = sum(1 for area in challenge.extra_areas if challenge.findings_on(area.key))
    parts = []
    if core == len(COMPONENTS):
        parts.append("each of the core components")
    elif core:
        parts.append(f"{in_words(core)} of the {in_words(len(COMPONENTS))} core components")
    if extra:
        areas = "the area" if extra == 1 else f"the {in_words(extra)} areas"
        parts.append(f"{areas} of focus you asked us to consider")
    return " and on ".join(parts) + ", each under its own heading below"


@register
class FeedbackLetter(Paper):
    """The peer team's letter after the visit: findings and recommendations per area."""

    name = "feedback_letter"
    title = "Peer challenge feedback letter"
    accepts = ("peer_challenge",)
    word_template = "feedback_letter.docx"

    def applies(self, data: Model) -> bool:
        return isinstance(data, PeerChallenge) and data.feedback is not None and bool(data.findings)

    def withheld_in_public(self, source: Source) -> Exemption | None:
        """The letter is its ``feedback:`` details: marked exempt, it is withheld whole."""
        assert isinstance(source.data, PeerChallenge)
        feedback = source.data.feedback
        return None if feedback is None else feedback.exempt

    def context(self, source: Source) -> dict[str, Any]:
        challenge = source.data
        assert isinstance(challenge, PeerChallenge) and challenge.feedback is not None
        letter = challenge.feedback
        visit = challenge.visit
        sections = []
        for key, title, _question in challenge.areas:
            found = challenge.findings_on(key)
            if found is not None:
                shaded = found.exempt is not None and not source.public
                sections.append(
                    {
                        "heading": title,
                        "findings": found.findings,
                        "recommendations": found.recommendations,
                        "shaded": shaded,
                    }
                )
        follow_from, follow_to = (months_after(visit.end, m) for m in FOLLOW_UP)
        return {
            "challenge": challenge,
            "letter": letter,
            "sender": letter.sender,
            "public": source.public,
            "marking": self.marking(source),
            "running_marking": self.running_marking(source),
            "running_header": f"{challenge.council} – Corporate Peer Challenge feedback",
            "date_line": long_date(letter.date),
            "opening": (
                "On behalf of the peer team, thank you for inviting us to "
                f"{council_in_sentence(challenge.council)} for the Corporate Peer Challenge from "
                f"{visit_dates(visit.start, visit.end)}, and for the welcome and openness of everyone "
                f"we met. This letter sets out our findings and recommendations on {covered(challenge)}."
            ),
            "follow_up": (
                "The LGA will meet you to discuss any support that would help with the areas above, and "
                f"we would be glad to return for a follow-up visit between {follow_from:%B %Y} and "
                f"{follow_to:%B %Y} to consider the progress made."
            ),
            "sections": sections,
        }

    def properties(self, source: Source) -> DocumentProperties:
        challenge = source.data
        assert isinstance(challenge, PeerChallenge) and challenge.feedback is not None
        return DocumentProperties(
            title=f"Corporate Peer Challenge feedback: {challenge.council}",
            subject="LGA Corporate Peer Challenge",
            author=str(challenge.feedback.signed_by.name),
            keywords="peer challenge; feedback letter",
            created=challenge.feedback.date,
        )
