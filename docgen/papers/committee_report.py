"""The committee report paper: the report itself, from a ``committee_report`` record."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

import attrs

from docgen.builders.environment import long_date
from docgen.builders.properties import DocumentProperties
from docgen.exempt import SCHEDULE_12A, Exemption, Span, Text, merge_exemptions
from docgen.models.base import notice_text
from docgen.models.committee_report import CommitteeReport, Section, SignOff
from docgen.papers.base import Paper, Source, register
from docgen.papers.compose import in_words
from docgen.papers.report_numbers import implication_sections, report_numbers
from docgen.register import Entry, composed_entries, numbered_entries
from docgen.views import exemptions_in

REASONS_COLUMNS = (
    "Exempt item",
    "Schedule 12A",
    "Why the public interest favours withholding it",
    "Review by",
)


@attrs.frozen
class ReasonRow:
    """One row of the "Reasons for exemption" panel (a full version only)."""

    cells: tuple[str, ...]
    exempt: None = None


MOST_PLACES = 6
"""Places named in one row of the panel; beyond them, a count ("and 12 more")."""


def reasons_for_exemption(entries: list[Entry]) -> list[ReasonRow]:
    """Each exempt item of the full report: where it is, its paragraph, why, when reviewed.

    ``entries`` are found as the exempt-information register finds them, so the panel
    and the register always agree on where each item is. Items withheld for the same
    reasons under the same paragraphs, reviewed on the same day, share a row.
    """
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for entry in entries:
        where = "the whole report" if entry.where == "the whole record" else entry.where
        where = f"{where} (a phrase)" if entry.what == "phrase" else where
        review_by = entry.exemption.review_by
        key = (
            entry.exemption.paragraph_words.capitalize(),
            " ".join(entry.reasons) or "No reasoning is given in the record.",
            long_date(review_by) if review_by else "No review date is set.",
        )
        places = grouped.setdefault(key, [])
        if where not in places:
            places.append(where)
    rows = []
    for (paragraphs, reasons, review), places in grouped.items():
        shown = places[:MOST_PLACES]
        if len(places) > MOST_PLACES:
            shown.append(f"{in_words(len(places) - MOST_PLACES)} more")
        where = "; ".join(shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1]
        rows.append(ReasonRow((where[:1].upper() + where[1:], paragraphs, reasons, review)))
    return rows


def closing_sections(report: CommitteeReport) -> tuple[Section, ...]:
    """The reasons for the recommendations and the alternative options considered, as
    numbered sections after the record's own (so its cross-references keep their numbers)."""
    found = []
    for heading, paragraphs in (
        ("Reasons for the recommendations", report.reasons_for_recommendations),
        ("Alternative options considered", report.alternative_options),
    ):
        if paragraphs:
            found.append(Section(heading=Text.plain(heading), paragraphs=paragraphs))
    return tuple(found)


def key_decision(report: CommitteeReport) -> Text | None:
    """``Yes – Forward Plan reference FP/2026/041``, ``Yes``, ``No``, or None if not said."""
    if report.key_decision is None:
        return None
    if not report.key_decision:
        return Text.plain("No")
    if report.forward_plan_reference is None:
        return Text.plain("Yes")
    return Text((Span("Yes – Forward Plan reference "), *report.forward_plan_reference.spans))


def sign_off_line(item: SignOff) -> tuple[Text, Text]:
    """A sign-off row: the role, and the name with the day it was signed off."""
    if item.signed_on is None:
        return item.role, item.name
    return item.role, Text((*item.name.spans, Span(f", {long_date(item.signed_on)}")))


def appendix_list(report: CommitteeReport, public: bool) -> list[Text]:
    """The appendices by number and title, for the front page (a withheld one by number)."""
    found = []
    for number, appendix in enumerate(report.appendices, start=1):
        if public and appendix.exempt is not None:
            title = notice_text(appendix.exempt)
        else:
            title = appendix.title
        found.append(Text((Span(f"Appendix {number} – "), *title.spans)))
    return found


def publication_note(exemption: Exemption) -> Text:
    """The line at the top of a part-exempt report's public version."""
    return Text.plain(
        f"Part of this report is not for publication by virtue of {exemption.paragraph_words} "
        f"of {SCHEDULE_12A}."
    )


def lead_in(report: CommitteeReport) -> Text:
    """ "<Committee> is asked to:" unless the record words it otherwise."""
    if report.recommendations_lead_in is not None:
        return report.recommendations_lead_in
    return Text((*report.committee.spans, Span(" is asked to:")))


def running_header(report: CommitteeReport) -> str:
    parts = [str(report.committee)]
    if report.meeting_date is not None:
        parts.append(long_date(report.meeting_date))
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
                f"{in_words(count).capitalize()} further {noun} not listed: exempt under "
                f"{exemption.paragraph_words} of {SCHEDULE_12A}."
            )
        record = report
        report = attrs.evolve(report, sections=report.sections + closing_sections(report))
        implications = implication_sections(report)
        numbers = report_numbers(report, public=source.public, implications=implications)
        public_exemption = exemptions_in(report) if source.public else None

        def exempt_label(item: object) -> str | None:
            exempt = getattr(item, "exempt", None)
            return None if source.public or exempt is None else exempt.label

        return {
            "number_of": numbers.label,
            "word_list": numbers.word_list,
            "word_level": numbers.word_level,
            "withheld_notice": numbers.notice,
            "exempt_label": exempt_label,
            "publication_note": (
                publication_note(public_exemption) if public_exemption is not None else None
            ),
            "reasons": (
                []
                if source.public
                else reasons_for_exemption(numbered_entries(self.name, source.record_id, record))
            ),
            "reasons_columns": REASONS_COLUMNS,
            "report": report,
            "public": source.public,
            "marking": self.marking(source),
            "running_marking": self.running_marking(source),
            "meeting_date": long_date(report.meeting_date) if report.meeting_date else None,
            "key_decision": key_decision(report),
            "sign_off": [sign_off_line(item) for item in report.sign_off],
            "appendix_list": appendix_list(report, source.public),
            "background_papers_shown": "background_papers" in report.closing_lists,
            "attachments_shown": "attachments" in report.closing_lists,
            "lead_in": lead_in(report),
            "implications": implications,
            "running_header": running_header(report),
            "background_papers": listed,
            "withheld_background_papers": withheld_note,
        }

    def properties(self, source: Source) -> DocumentProperties:
        report = source.data
        assert isinstance(report, CommitteeReport)
        return DocumentProperties(
            title=str(report.title),
            subject=", ".join(
                [str(report.committee)]
                + ([long_date(report.meeting_date)] if report.meeting_date else [])
            ),
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
        composed = self._as_report(source)
        context = CommitteeReportPaper().context(composed)
        context["marking"] = self.marking(source)
        context["running_marking"] = self.running_marking(source)
        if not source.public and source.full_data is not None:
            report = composed.data
            assert isinstance(report, CommitteeReport)
            records = (source.full_data, *source.full_references)
            entries = composed_entries(self.name, source.record_id, records, report)
            context["reasons"] = reasons_for_exemption(entries)
        return context

    def properties(self, source: Source) -> DocumentProperties:
        return CommitteeReportPaper().properties(self._as_report(source))
