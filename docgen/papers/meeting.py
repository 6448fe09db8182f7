"""The agenda of a meeting: the summons, the items in order and, when some items are
heard in private, the resolution excluding the press and public.

Everything is read from the viewed records: the meeting and its (viewed) reports. Which
items are private, and under which paragraphs of Schedule 12A, comes from the reports'
own exemptions (`Meeting.part_2`), so the resolution names exactly the items and
paragraphs that the reports mark; the public-interest statement is the reports' own
reasoning.
"""

from __future__ import annotations

from typing import Any

from docgen.builders.environment import long_date
from docgen.builders.properties import DocumentProperties
from docgen.exempt import SCHEDULE_12A, Exemption
from docgen.models.committee_report import CommitteeReport
from docgen.models.meeting import STANDARD_TITLES, Meeting, Standard, exempt_appendices
from docgen.papers.base import Paper, Source, register

SECTION_100A = "section 100A(4) of the Local Government Act 1972"


def exclusion_resolution(private: list[tuple[int, str, Exemption]]) -> str:
    """The resolution under section 100A(4), naming each private item and its paragraphs."""
    items = "; ".join(
        f"item {number} ({title}), {exemption.paragraph_words}"
        for number, title, exemption in private
    )
    return (
        f"That under {SECTION_100A} the press and public be excluded from the meeting for "
        f"the following items of business, on the grounds that they involve the likely "
        f"disclosure of exempt information as defined in the paragraphs of {SCHEDULE_12A} "
        f"shown against each: {items}."
    )


def word_lists(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``items`` (one part of the agenda), each with the Word list that prints its number.

    An item's number is its place in the meeting, so a part's numbers skip where an item
    is heard in the other part (Part 1: 1, 2, 4; Part 2: 3). Word counts a list from its
    start, so each run of consecutive numbers is a list instance of its own, started at
    its first number (``agenda/from-4@4``).
    """
    listed: list[dict[str, Any]] = []
    first = 0
    for item in items:
        if not listed or item["number"] != listed[-1]["number"] + 1:
            first = item["number"]
        listed.append({**item, "word_list": f"agenda/from-{first}@{first}"})
    return listed


def _item_title(item: Any, report: CommitteeReport | None) -> str:
    if item.standard is not None:
        title = STANDARD_TITLES[Standard(item.standard)]
        if item.minutes_of is not None:
            title = f"{title} ({long_date(item.minutes_of)})"
        return title
    if item.public_title is not None:
        return str(item.public_title)
    assert report is not None
    return str(report.title)


@register
class Agenda(Paper):
    """The agenda of a meeting (``kind: meeting``)."""

    name = "agenda"
    title = "Agenda"
    accepts = ("meeting",)
    word_template = "agenda.docx"
    pack_pages = True

    def context(self, source: Source) -> dict[str, Any]:
        meeting = source.data
        assert isinstance(meeting, Meeting)
        reports = {number: report for number, _i, report in meeting.reports(source.references)}
        private = {number: why for number, _i, why in meeting.part_2(source.references)}
        titles = {
            number: _item_title(item, reports.get(number))
            for number, item in enumerate(meeting.items, start=1)
        }
        items = []
        for number, item in enumerate(meeting.items, start=1):
            report = reports.get(number)
            appendices = exempt_appendices(report) if report is not None else ()
            items.append(
                {
                    "number": number,
                    "title": titles[number],
                    "private": number in private,
                    "paragraphs": private[number].paragraph_words if number in private else "",
                    "exempt_appendices": (
                        "Appendix "
                        + ", ".join(str(a) for a in appendices)
                        + " is not for publication (Part 2)"
                        if appendices and number not in private
                        else ""
                    ),
                    "attachment": item.attachment or "",
                }
            )
        reasons = [
            f"Item {number}: {reason}"
            for number, why in private.items()
            for reason in why.public_interest
        ]
        return {
            "meeting": meeting,
            "public": source.public,
            "heading": f"{meeting.committee}",
            "body": str(meeting.body) if meeting.body is not None else "",
            "when": f"{long_date(meeting.meeting_date)} at {meeting.time}",
            "venue": str(meeting.venue),
            "members": [str(m.name) for m in (meeting.chair, meeting.vice_chair) if m]
            + [str(m.name) for m in meeting.members],
            "chair": str(meeting.chair.name),
            "vice_chair": str(meeting.vice_chair.name) if meeting.vice_chair else "",
            "clerk": meeting.clerk,
            "published": long_date(meeting.published),
            "part_1": word_lists([i for i in items if not i["private"]]),
            "part_2": word_lists([i for i in items if i["private"]]),
            "resolution": exclusion_resolution([(n, titles[n], why) for n, why in private.items()])
            if private
            else "",
            "public_interest": reasons,
            "marking": None,
            "running_marking": None,
            "running_header": f"{meeting.committee} – {long_date(meeting.meeting_date)} – Agenda",
        }

    def properties(self, source: Source) -> DocumentProperties:
        meeting = source.data
        assert isinstance(meeting, Meeting)
        return DocumentProperties(
            title=f"{meeting.committee}: agenda, {long_date(meeting.meeting_date)}",
            subject=f"Agenda of the meeting of {meeting.committee}",
            author=str(meeting.clerk.name),
            keywords="agenda; meeting",
            created=meeting.meeting_date,
        )
