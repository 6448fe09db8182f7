"""The committee report paper: the report itself, from a ``committee_report`` record."""

from __future__ import annotations

from abc import abstractmethod
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


class ComposedReport(Paper):
    """A paper that is a committee report composed from other records.

    A subclass composes, from the viewed records of its `Source`, a `CommitteeReport`;
    it is then rendered through the committee report paper's templates, so it has the
    house style, numbering and redaction of every report. The full version's marking
    names what the records themselves hold (`shown_content`), not the composition.
    """

    word_template = CommitteeReportPaper.word_template

    @property
    def html_template(self) -> str:
        return CommitteeReportPaper().html_template

    def template_files(self) -> tuple[str, ...]:
        return (*CommitteeReportPaper().template_files(), *self.extra_templates)

    @abstractmethod
    def compose(self, source: Source) -> CommitteeReport:
        """The report, from this version's view of the records only."""

    def _as_report(self, source: Source) -> Source:
        report = self.compose(source)
        full = None if source.public else report
        return Source(source.record_id, report, source.version, full_data=full)

    def context(self, source: Source) -> dict[str, Any]:
        context = CommitteeReportPaper().context(self._as_report(source))
        context["marking"] = self.marking(source)
        context["running_marking"] = self.running_marking(source)
        return context

    def properties(self, source: Source) -> DocumentProperties:
        return CommitteeReportPaper().properties(self._as_report(source))
