"""The year's commissions: the annual report to Leaders' Committee and the MoU draft.

Both are made from a ``commission_set`` record and the commissions it gathers. The
annual report is a committee report: this module composes one from the (viewed)
records and hands it to the committee report paper, so it has the house style,
numbering and redaction of every other report without a template of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from docgen.builders.environment import long_date
from docgen.builders.properties import DocumentProperties
from docgen.exempt import Text
from docgen.models.blocks import Chart, Paragraph, Series, Table, TableRow
from docgen.models.commission import SUB_REGIONS, Commission, CommissionSet, spread
from docgen.models.committee_report import CommitteeReport, Implications, Recommendation, Section
from docgen.papers.base import Paper, Source, register
from docgen.papers.committee_report import ComposedReport
from docgen.papers.compose import capitalised, in_words, text
from docgen.resources import template_file


def years_as_lead(commission: Commission, everyone: Sequence[Commission]) -> int | None:
    """How many consecutive years, to this one, the same lead has held this policy area.

    None for a lead whose name is withheld: notices cannot tell one person from another.
    """
    if commission.exempt is not None or commission.lead.exempt is not None:
        return None
    held = {
        c.year
        for c in everyone
        if str(c.lead.name) == str(commission.lead.name)
        and str(c.policy_area) == str(commission.policy_area)
    }
    years = 0
    while commission.year - years in held:
        years += 1
    return max(years, 1)


def _uncounted(members: Sequence[Commission]) -> str:
    """The sentence saying that withheld leads are left out of the diversity figures."""
    withheld = sum(1 for m in members if m.lead.sub_region is None)
    if not withheld:
        return ""
    leads = "the lead who is" if withheld == 1 else f"the {in_words(withheld)} leads who are"
    return (
        f" The figures below leave out {leads} not for publication, so that no figure "
        "can be traced to them."
    )


def _ordinal_or_dash(number: int | None) -> str:
    return "–" if number is None else ordinal(number)


def ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _members(source: Source, full: bool = False) -> tuple[CommissionSet, list[Commission]]:
    """The set and this year's commissions: as the version sees them, or in full."""
    record_set = source.full_data if full else source.data
    related = source.full_references if full else source.references
    assert isinstance(record_set, CommissionSet)
    return record_set, record_set.members(related)


def commissions_report(
    record_set: CommissionSet, members: list[Commission], history: list[Commission]
) -> CommitteeReport:
    """The annual commissions report, as a committee report made from the records."""
    year = record_set.year
    span = f"{year}–{str(year + 1)[-2:]}"
    regions, parties = spread(members)
    leads = Table(
        caption=Text.plain(f"Lead Chief Executives commissioned for {span}"),
        columns=tuple(
            Text.plain(c)
            for c in (
                "Policy area",
                "Executive portfolio",
                "Lead Chief Executive",
                "Borough",
                "Year as lead",
            )
        ),
        rows=tuple(
            TableRow(
                cells=(
                    c.policy_area,
                    c.portfolio,
                    c.lead.name,
                    c.lead.borough,
                    Text.plain(_ordinal_or_dash(years_as_lead(c, history))),
                ),
                exempt=c.lead.exempt or c.exempt,
            )
            for c in members
        ),
    )
    by_region = Table(
        caption=Text.plain("Commissions by sub-region of the lead's borough"),
        columns=(Text.plain("Sub-region"), Text.plain("Commissions")),
        rows=tuple(
            TableRow(cells=(Text.plain(r), Text.plain(str(regions[r])))) for r in SUB_REGIONS
        ),
    )
    by_party = Table(
        caption=Text.plain("Commissions by political control of the lead's borough"),
        columns=(Text.plain("Political control"), Text.plain("Commissions")),
        rows=tuple(
            TableRow(cells=(Text.plain(p), Text.plain(str(n)))) for p, n in sorted(parties.items())
        ),
    )
    chart = Chart(
        title=Text.plain(f"Commissions {span} by sub-region and political control"),
        categories=tuple(Text.plain(r) for r in SUB_REGIONS),
        series=tuple(
            Series(
                name=Text.plain(party),
                values=tuple(
                    sum(
                        1
                        for m in members
                        if m.lead.sub_region == r and m.lead.political_control == party
                    )
                    for r in SUB_REGIONS
                ),
            )
            for party in sorted(parties)
        ),
    )
    groups = []
    for c in members:
        bullets = tuple(
            text(m.name, " (", m.borough, "), ", m.profession, within=m) for m in c.supporting_group
        )
        interests = len(c.interests)
        considered = (
            "No expressions of interest are recorded."
            if not interests
            else f"{capitalised(in_words(interests))} expression"
            + (
                " of interest was considered."
                if interests == 1
                else "s of interest were considered."
            )
        )
        groups.append(
            Paragraph(
                text=text(
                    c.policy_area,
                    " is led by ",
                    c.lead.name,
                    ". ",
                    considered,
                    " The supporting group:" if bullets else "",
                ),
                bullets=bullets or (Text.plain("No supporting group has been formed yet."),),
            )
        )
    return CommitteeReport(
        committee=record_set.committee,
        body=record_set.body,
        meeting_date=record_set.meeting_date,
        item=record_set.item,
        title=Text.plain(f"Lead Chief Executive commissions {span}"),
        report_by=record_set.report_by,
        contact=record_set.contact,
        summary=Text.plain(
            f"This report sets out the Lead Chief Executives commissioned to support London "
            f"Councils for the twelve months from 1 September {year}, their supporting groups, "
            "and the spread of the commissions across London's sub-regions and political control."
        ),
        recommendations=(
            Recommendation(
                text=Text.plain(f"note the Lead Chief Executive commissions for {span};")
            ),
            Recommendation(
                text=Text.plain(
                    "note the supporting groups and the diversity of the commissioned group."
                )
            ),
        ),
        sections=(
            Section(
                heading=Text.plain("Background"),
                paragraphs=(
                    Paragraph(
                        text=Text.plain(
                            "In March 2017 Leaders' Committee endorsed a process by which the Chief "
                            "Executive of London Councils, working with the Chair and Deputy Chair of "
                            "CELC, commissions support each year from Lead Chief Executives in a small "
                            "number of policy areas, accountable through London Councils to Leaders' Committee."
                        )
                    ),
                    Paragraph(
                        text=Text.plain(
                            f"After the Annual General Meeting in June {year} the Executive was consulted "
                            "on the support to be commissioned, and all CELC members were told of the "
                            f"roles. Commissions run for twelve months from 1 September {year}; the "
                            "completed list is reported to this October meeting for information."
                        )
                    ),
                ),
            ),
            Section(
                heading=Text.plain(f"Commissions for {span}"),
                paragraphs=(
                    Paragraph(
                        text=Text.plain(
                            f"{capitalised(in_words(len(members)))} policy "
                            + (
                                "area has a Lead Chief Executive this year:"
                                if len(members) == 1
                                else "areas have a Lead Chief Executive this year:"
                            )
                        ),
                        table=leads,
                    ),
                ),
            ),
            Section(heading=Text.plain("Supporting groups"), paragraphs=tuple(groups)),
            Section(
                heading=Text.plain("Diversity of the commissioned group"),
                paragraphs=(
                    Paragraph(
                        text=Text.plain(
                            "In commissioning, account is taken of the diversity of the boroughs "
                            "the leads work for, including geographical spread and political control."
                            + _uncounted(members)
                        ),
                        table=by_region,
                    ),
                    Paragraph(
                        text=Text.plain("By political control:"), table=by_party, chart=chart
                    ),
                ),
            ),
        ),
        implications=Implications(
            financial=Paragraph(
                text=Text.plain(
                    "None: chief executives provide this support as part of their wider role."
                )
            ),
            legal=Paragraph(text=Text.plain("None")),
            equalities=Paragraph(
                text=Text.plain(
                    "The Chief Executive has had regard to equality considerations, including the "
                    "personal diversity of the group commissioned."
                )
            ),
        ),
    )


@register
class AnnualCommissionsReport(ComposedReport):
    """The year's commissions, reported to the October Leaders' Committee."""

    name = "annual_commissions_report"
    title = "Annual commissions report"
    accepts = ("commission_set",)

    def compose(self, source: Source) -> CommitteeReport:
        history = [m for m in source.references if isinstance(m, Commission)]
        return commissions_report(*_members(source), history)

    def shown_content(self, source: Source) -> object:
        """The set and this year's commissions, in full."""
        record_set, members = _members(source, full=True)
        return (record_set, tuple(members))


MOU_TEXT = "text/mou_draft.yaml"
"""The MoU's wording, under the templates folder the build uses."""


@cache
def _wording(path: Path) -> Any:
    """The wording file, read once per process (as templates are compiled once)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@register
class MouDraft(Paper):
    """The Memorandum of Understanding on commissioned support (reference 000)."""

    name = "mou_draft"
    title = "MoU draft"
    accepts = ("commission_set",)
    word_template = "mou_draft.docx"
    extra_templates = (MOU_TEXT,)

    def clauses(self, templates: Path, year: int) -> list[dict[str, Any]]:
        """The MoU's numbered clauses, from text/mou_draft.yaml in the templates folder.

        A clause is its text, or a mapping with ``lead`` (words printed in bold that open
        it, "Accountability.") and ``text``.
        """
        data = _wording(template_file(templates, MOU_TEXT))

        def filled(words: object) -> str:
            return str(words).replace("{year}", str(year)).replace("{next_year}", str(year + 1))

        return [
            {
                "heading": part["heading"],
                "clauses": [
                    {"lead": clause.get("lead"), "text": filled(clause["text"])}
                    if isinstance(clause, dict)
                    else {"lead": None, "text": filled(clause)}
                    for clause in part["clauses"]
                ],
            }
            for part in data["parts"]
        ]

    def context(self, source: Source) -> dict[str, Any]:
        record_set, members = _members(source, full=False)
        schedule = Table(
            caption=Text.plain(f"Commissions from 1 September {record_set.year}"),
            columns=tuple(
                Text.plain(c)
                for c in ("Policy area", "Executive portfolio", "Lead Chief Executive", "Borough")
            ),
            rows=tuple(
                TableRow(
                    cells=(c.policy_area, c.portfolio, c.lead.name, c.lead.borough),
                    exempt=c.lead.exempt or c.exempt,
                )
                for c in members
            ),
        )
        return {
            "mou": record_set,
            "public": source.public,
            "marking": self.marking(source),
            "running_marking": self.running_marking(source),
            "banner": "DRAFT – for discussion",
            "running_header": f"Memorandum of Understanding {record_set.year}–{str(record_set.year + 1)[-2:]}",
            "parts": self.clauses(source.templates, record_set.year),
            "schedule": schedule,
            "date_line": f"Draft for {record_set.committee}, {long_date(record_set.meeting_date)}",
        }

    def shown_content(self, source: Source) -> object:
        """The set, and of each commission what the schedule shows."""
        record_set, members = _members(source, full=True)
        return (record_set, tuple((c.policy_area, c.portfolio, c.lead, c.exempt) for c in members))

    def properties(self, source: Source) -> DocumentProperties:
        record_set, _ = _members(source, full=False)
        return DocumentProperties(
            title=f"Memorandum of Understanding: commissioned support to {record_set.body} (draft)",
            subject=f"Lead Chief Executive commissions {record_set.year}",
            author=str(record_set.report_by.name),
            keywords="memorandum of understanding; commissioned support; draft",
            created=record_set.meeting_date,
        )
