"""The committee report paper: the report itself, from a ``committee_report`` record."""

from __future__ import annotations

from typing import Any

from docgen.builders.environment import long_date
from docgen.builders.properties import DocumentProperties
from docgen.exempt import Span, Text, merge_exemptions
from docgen.models.committee_report import CommitteeReport
from docgen.papers.base import Paper, Source, register


def lead_in(report: CommitteeReport) -> Text:
    """ "<Committee> is asked to:" unless the record words it otherwise."""
    if report.recommendations_lead_in is not None:
        return report.recommendations_lead_in
    return Text((*report.committee.spans, Span(" is asked to:")))


def running_header(report: CommitteeReport) -> str:
    parts = [str(report.committee), long_date(report.meeting_date)]
    if report.item is not None:
        parts.append(f"Item {report.item}")
    return " – ".join(parts)


@register
class CommitteeReportPaper(Paper):
    """A report to a committee in the house style of the reference papers."""

    name = "committee_report"
    title = "Committee report"
    accepts = ("committee_report",)
    word_template = "committee_report.docx"

    def context(self, source: Source) -> dict[str, Any]:
        report = source.data
        assert isinstance(report, CommitteeReport)
        listed = [p for p in report.background_papers if not (source.public and p.exempt)]
        withheld = [p.exempt for p in report.background_papers if source.public and p.exempt]
        exemption = merge_exemptions(e for e in withheld if e is not None)
        withheld_note = None
        if exemption is not None:
            count = len(withheld)
            noun = "background paper is" if count == 1 else "background papers are"
            withheld_note = Text.plain(
                f"{count} further {noun} not listed: exempt under {exemption.paragraph_words} "
                "of Part 1 of Schedule 12A to the Local Government Act 1972."
            )
        return {
            "report": report,
            "public": source.public,
            "marking": self.marking(source),
            "running_marking": self.running_marking(source),
            "meeting_date": long_date(report.meeting_date),
            "lead_in": lead_in(report),
            "implications_for": f" for {report.body}" if report.body else "",
            "running_header": running_header(report),
            "background_papers": listed,
            "withheld_background_papers": withheld_note,
        }

    def properties(self, source: Source) -> DocumentProperties:
        report = source.data
        assert isinstance(report, CommitteeReport)
        return DocumentProperties(
            title=str(report.title),
            subject=f"{report.committee}, {long_date(report.meeting_date)}",
            author=str(report.report_by.name),
            keywords=f"committee report; {report.committee}",
            created=report.meeting_date,
        )
