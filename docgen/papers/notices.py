"""The two notices of a private meeting, regulation 5 of the 2012 Executive Arrangements
Regulations: one at least 28 clear days before the meeting, a further one at least 5.

Each is dated by the rule: the latest day it may be published and still leave its
clear days (`docgen.clear_days`). Each lists the items to be heard in private, as the
agenda works them out from the reports (`Meeting.part_2`), with the paragraphs of
Schedule 12A that apply and what those paragraphs protect. The public-interest
reasoning is the register's, not for publication: the public view has none, so only
the full version (for the clerk) shows it.

A notice is published as it stands, so it is made as PDF only.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docgen.builders.environment import long_date
from docgen.builders.properties import DocumentProperties
from docgen.clear_days import latest_publication
from docgen.exempt import SCHEDULE_12A
from docgen.models import Model
from docgen.models.meeting import PRIVATE_NOTICE_DAYS, STANDARD_TITLES, Meeting, Standard
from docgen.papers.base import Paper, Source, register
from docgen.papers.meeting import Agenda

REGULATIONS = (
    "the Local Authorities (Executive Arrangements) (Meetings and Access to Information) "
    "(England) Regulations 2012"
)
PARAGRAPHS_12A = {
    1: "Information relating to any individual.",
    2: "Information which is likely to reveal the identity of an individual.",
    3: (
        "Information relating to the financial or business affairs of any particular person "
        "(including the authority holding that information)."
    ),
    4: (
        "Information relating to any consultations or negotiations, or contemplated "
        "consultations or negotiations, in connection with any labour relations matter "
        "arising between the authority or a Minister of the Crown and employees of, or "
        "office-holders under, the authority."
    ),
    5: (
        "Information in respect of which a claim to legal professional privilege could be "
        "maintained in legal proceedings."
    ),
    6: (
        "Information which reveals that the authority proposes to give under any enactment "
        "a notice by virtue of which requirements are imposed on a person, or to make an "
        "order or direction under any enactment."
    ),
    7: (
        "Information relating to any action taken or to be taken in connection with the "
        "prevention, investigation or prosecution of crime."
    ),
}
"""What each paragraph of Part 1 of Schedule 12A protects, in the Schedule's words."""


class PrivateMeetingNotice(Paper):
    """A notice that part of a meeting will be held in private."""

    accepts = ("meeting",)
    word_template = ""
    html_template_name: ClassVar[str] = "private_meeting_notice.html"
    pdf_only = True
    clear_days: ClassVar[int]
    further: ClassVar[bool]
    heading: ClassVar[str]
    """The notice's heading, in the words councils publish it under."""

    @property
    def html_template(self) -> str:
        return self.html_template_name

    def template_files(self) -> tuple[str, ...]:
        return (f"html/{self.html_template}", "html/base.html", "html/house.css")

    def applies(self, data: Model) -> bool:
        """A meeting whose agenda excludes the press and public for some items."""
        return isinstance(data, Meeting) and any(
            item.standard == Standard.EXCLUSION for item in data.items
        )

    def dated(self, meeting: Meeting) -> str:
        """The latest day the notice may be published: ``clear_days`` clear days before."""
        return long_date(latest_publication(meeting.meeting_date, self.clear_days))

    def context(self, source: Source) -> dict[str, Any]:
        meeting = source.data
        assert isinstance(meeting, Meeting)
        agenda = Agenda().context(source)
        reasons = {number: why for number, _item, why in meeting.part_2(source.references)}
        items = [
            {
                "number": entry["number"],
                "title": entry["title"],
                "paragraphs": entry["paragraphs"],
                "protects": [PARAGRAPHS_12A[n] for n in reasons[entry["number"]].paragraphs],
                "public_interest": list(reasons[entry["number"]].public_interest),
            }
            for entry in agenda["part_2"]
        ]
        representations = [
            f"item {number} ({STANDARD_TITLES[Standard.REPRESENTATIONS]})"
            for number, item in enumerate(meeting.items, start=1)
            if item.standard == Standard.REPRESENTATIONS
        ]
        return {
            **agenda,
            "public": source.public,
            "notice_heading": self.heading,
            "dated": self.dated(meeting),
            "clear_days": self.clear_days,
            "further": self.further,
            "regulations": REGULATIONS,
            "schedule": SCHEDULE_12A,
            "private_items": items,
            "representations": representations[0] if representations else "",
            "running_header": f"{meeting.committee} – {long_date(meeting.meeting_date)} – "
            f"{self.title}",
            "running_marking": None,
        }

    def properties(self, source: Source) -> DocumentProperties:
        meeting = source.data
        assert isinstance(meeting, Meeting)
        return DocumentProperties(
            title=f"{meeting.committee}, {long_date(meeting.meeting_date)}: {self.title.lower()}",
            subject=f"Regulation 5 notice of the meeting of {meeting.committee}",
            author=str(meeting.clerk.name),
            keywords="notice; private meeting; regulation 5",
            created=meeting.meeting_date,
        )


@register
class FirstNotice(PrivateMeetingNotice):
    """The notice at least 28 clear days before the meeting (regulation 5)."""

    name = "private_meeting_notice"
    title = "Private meeting notice"
    heading = "Notice of intention to hold part of the meeting in private"
    clear_days = PRIVATE_NOTICE_DAYS[0]
    further = False


@register
class FurtherNotice(PrivateMeetingNotice):
    """The further notice at least 5 clear days before the meeting (regulation 5)."""

    name = "private_meeting_further_notice"
    title = "Private meeting further notice"
    heading = "Further notice: part of the meeting to be held in private"
    clear_days = PRIVATE_NOTICE_DAYS[1]
    further = True
