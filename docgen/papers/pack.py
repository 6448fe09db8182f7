"""The agenda pack of a meeting: front sheet, agenda, and every report, as one PDF.

Committee management systems publish a meeting as one pack, paged straight through
("Page 17"), with the agenda giving the page each item starts on. The pack here is
one HTML document rendered once by WeasyPrint: each report's body comes from the
committee report's own template (so it looks as the report does on its own), on
pages named after its item (its own running header), and the agenda's page numbers
are ``target-counter()`` of each item's anchor, so they are the printed numbers by
construction. Joining PDFs would lose their tags and the page references.

Two versions, as every paper:

* public: Part 1 reports in their public view; each Part 2 item only as a "reasons
  restricted" page (its number, public title and paragraphs of Schedule 12A), built
  from the public view of its report like everything else in the public version;
* full (members only): the same pages, then Part 2 in a part of its own, every page
  marked NOT FOR PUBLICATION: each private report in full, and the full report of
  each Part 1 item with exempt parts outside its body (an appendix, a background
  paper), which members see as the public do in Part 1.

A pack is a publishing artefact, made as PDF only: each report is edited in Word on
its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from docgen.builders.environment import long_date
from docgen.builders.properties import DocumentProperties
from docgen.exempt import SCHEDULE_12A
from docgen.models.committee_report import CommitteeReport
from docgen.models.meeting import Meeting
from docgen.papers.base import Paper, Source, register
from docgen.papers.committee_report import CommitteeReportPaper
from docgen.papers.meeting import Agenda
from docgen.views import Version, exemptions_in, public_view

REPORT_TEMPLATE = CommitteeReportPaper().html_template


def _report_source(record_id: str, full: CommitteeReport, version: Version) -> Source:
    """A report's source for its body in the pack: its public view, or its full data."""
    if version is Version.PUBLIC:
        return Source(record_id, public_view(full), Version.PUBLIC)
    return Source(record_id, full, Version.FULL, full_data=full)


@register
class AgendaPack(Paper):
    """The agenda and reports of a meeting (``kind: meeting``), as one PDF."""

    name = "agenda_pack"
    title = "Agenda pack"
    accepts = ("meeting",)
    word_template = ""
    pdf_only = True
    page_labels = True

    def template_files(self) -> tuple[str, ...]:
        reports = CommitteeReportPaper().template_files()
        return (
            f"html/{self.html_template}",
            *(name for name in reports if not name.endswith(".docx")),
        )

    def context(self, source: Source) -> dict[str, Any]:
        meeting = source.data
        assert isinstance(meeting, Meeting)
        agenda = Agenda().context(source)
        header = f"{meeting.committee} – {long_date(meeting.meeting_date)}"
        # Each report in the version of its part: Part 1 always as the public reads it
        # (so both packs share their Part 1 pages), Part 2 in full in the full pack only.
        # In the public version the references are public views already.
        references = source.references if source.public else source.full_references
        reports = {n: (item, r) for n, item, r in meeting.reports(references)}
        private = {number for number, _i, _why in meeting.part_2(references)}
        pages: list[dict[str, Any]] = [{"name": "front", "header": f"{header} – Agenda"}]
        part_1: list[dict[str, Any]] = []
        part_2: list[dict[str, Any]] = []
        for entry in agenda["part_1"] + agenda["part_2"]:
            number = entry["number"]
            entry["anchor"] = ""
            if number not in reports:
                continue
            item, report = reports[number]
            assert item.report is not None
            label = f"Item {number} – {entry['title']}"
            if number in private:
                entry["anchor"] = f"restricted-{number}"
                part_1.append(
                    {
                        "restricted": True,
                        "anchor": entry["anchor"],
                        "label": label,
                        "number": number,
                        "title": entry["title"],
                        "statement": (
                            f"This item is not for publication by virtue of "
                            f"{entry['paragraphs']} of {SCHEDULE_12A}."
                        ),
                    }
                )
            else:
                entry["anchor"] = f"item-{number}"
                part_1.append(
                    self._report(number, entry["anchor"], label, item.report, report, source)
                )
            pages.append({"name": entry["anchor"], "header": f"{header} – Item {number}"})
            if not source.public and exemptions_in(report) is not None:
                anchor = f"private-{number}"
                if number in private:
                    entry["anchor"] = anchor  # members turn to the report itself
                full = self._report(
                    number, anchor, label, item.report, report, source, Version.FULL
                )
                part_2.append(full)
                pages.append(
                    {
                        "name": anchor,
                        "header": f"{header} – Item {number}",
                        "marking": full["context"]["running_marking"],
                    }
                )
        return {
            **agenda,
            "pack_title": "Agenda and reports"
            + ("" if source.public else ", with Part 2 (not for publication)"),
            "items": sorted(part_1, key=lambda e: e["number"]),
            "private_part": sorted(part_2, key=lambda e: e["number"]),
            "pages": pages,
            "part_2_marking": f"NOT FOR PUBLICATION – {SCHEDULE_12A}",
            "report_template": REPORT_TEMPLATE,
            "running_header": f"{header} – Agenda",
            "running_marking": None,
        }

    def item_pages(
        self,
        source: Source,
        anchor_pages: Callable[[str, Mapping[str, Any], DocumentProperties], dict[str, int]],
    ) -> dict[int, int]:
        """{item number: the page of this pack where the item starts}, from the pack laid
        out by ``anchor_pages`` (`PdfTemplates.anchor_pages`): what the standalone agenda
        prints against each item, the same numbers as the pack's own agenda."""
        context = self.context(source)
        pages = anchor_pages(self.html_template, context, self.properties(source))
        entries = [*context["part_1"], *context["part_2"]]
        return {e["number"]: pages[e["anchor"]] for e in entries if e["anchor"] in pages}

    @staticmethod
    def _report(
        number: int,
        anchor: str,
        label: str,
        record_id: str,
        report: CommitteeReport,
        source: Source,
        version: Version = Version.PUBLIC,
    ) -> dict[str, Any]:
        """One report of the pack: its anchor, its bookmark label, and the committee
        report paper's context for it in ``version``."""
        if source.public:  # the references are public views already
            report_source = Source(record_id, report, Version.PUBLIC)
        else:
            report_source = _report_source(record_id, report, version)
        return {
            "restricted": False,
            "number": number,
            "anchor": anchor,
            "label": label,
            "context": CommitteeReportPaper().context(report_source),
        }

    def properties(self, source: Source) -> DocumentProperties:
        meeting = source.data
        assert isinstance(meeting, Meeting)
        return DocumentProperties(
            title=f"{meeting.committee}: agenda and reports, {long_date(meeting.meeting_date)}",
            subject=f"Agenda and reports of the meeting of {meeting.committee}",
            author=str(meeting.clerk.name),
            keywords="agenda; reports; meeting",
            created=meeting.meeting_date,
        )
