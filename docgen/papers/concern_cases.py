"""Concern cases: the radar report, its public summary, and briefing notes.

The radar report is a committee report composed from the radar record and the open
cases it gathers. Its full version names the councils, with stage, support and
progress, acute cases first. Its public version is composed from the public view,
and differently: it shows only counts — by stage and by outcome — with small counts
suppressed, because a count of one beside other facts can single a council out.
A briefing note for Group Leaders is produced in full only; its public version says
that it is exempt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from docgen.builders.environment import long_date
from docgen.exempt import Exemption, Text
from docgen.models.base import Contact, Person
from docgen.models.blocks import Chart, Paragraph, Series, Table, TableRow
from docgen.models.committee_report import CommitteeReport, Implications, Recommendation, Section
from docgen.models.concern_case import EVIDENCE, INDICATORS, OUTCOMES, STAGES, ConcernCase, Radar
from docgen.papers.base import Source, register
from docgen.papers.committee_report import ComposedReport
from docgen.papers.compose import text

SUPPRESS_BELOW = 3
"""Counts from 1 to this less one are published as "fewer than 3"."""
CONFIDENTIAL = Exemption((1, 2, 3))


def suppressed(counts: Mapping[str, int]) -> dict[str, str]:
    """Counts as published, so that no small count can be read or worked out.

    If any count in the table is 1 or 2, every count below 3 in it (zero included) is
    shown as "fewer than 3"; and if that hides only one count, the smallest other
    count is shown as "3 or more", so no hidden count follows from the total.
    """
    shown = {key: str(value) for key, value in counts.items()}
    if not any(0 < value < SUPPRESS_BELOW for value in counts.values()):
        return shown
    hidden = [key for key, value in counts.items() if value < SUPPRESS_BELOW]
    for key in hidden:
        shown[key] = f"fewer than {SUPPRESS_BELOW}"
    if len(hidden) == 1:
        others = sorted((value, key) for key, value in counts.items() if value >= SUPPRESS_BELOW)
        if others:
            shown[others[0][1]] = f"{SUPPRESS_BELOW} or more"
    return shown


def published_total(total: int, public: bool) -> str:
    """A total as published: a total is a count like any other, so 1 or 2 is suppressed.

    Every count a public radar shows — the number of open cases, the cases at each
    stage, the outcomes at stage 3, and their totals — goes through the same rule, so
    no small count can be read off a total or worked out from one table's total and
    another table's cells (a stage-3 count hidden in one table bounds every outcome
    total in the other below 3, which is hidden in turn).
    """
    if public and 0 < total < SUPPRESS_BELOW:
        return f"fewer than {SUPPRESS_BELOW}"
    return str(total)


def count_table(caption: str, heading: str, counts: Mapping[str, int], public: bool) -> Table:
    values = suppressed(counts) if public else {k: str(v) for k, v in counts.items()}
    rows = [TableRow(cells=(Text.plain(label), Text.plain(values[label]))) for label in counts]
    rows.append(
        TableRow(
            cells=(
                Text.plain("All open cases" if "stage" in heading.lower() else "All outcomes"),
                Text.plain(published_total(sum(counts.values()), public)),
            )
        )
    )
    return Table(
        caption=Text.plain(caption),
        columns=(Text.plain(heading), Text.plain("Cases")),
        rows=tuple(rows),
    )


def _on_the_radar(count: int, public: bool) -> str:
    shown = published_total(count, public)
    if shown == "1":
        return "There is 1 council on the radar, at this stage:"
    return f"There are {shown} councils on the radar, at these stages:"


def stage_label(stage: int) -> str:
    return f"Stage {stage}: {STAGES[stage]}"


def radar_report(radar: Radar, cases: Sequence[ConcernCase], public: bool) -> CommitteeReport:
    """The radar report as a committee report; the public one holds counts only."""
    by_stage = Counter(c.stage for c in cases)
    stage_counts = {stage_label(s): by_stage.get(s, 0) for s in STAGES}
    at_stage_three = [c for c in cases if c.stage == 3 and c.outcome]
    outcome_counts = {
        OUTCOMES[o]: sum(1 for c in at_stage_three if c.outcome == o) for o in OUTCOMES
    }
    approach = Section(
        heading=Text.plain("The approach"),
        paragraphs=(
            Paragraph(
                text=Text.plain(
                    "Councils come onto the radar when signs of potential poor performance or failure are "
                    "seen: a breakdown of trust between leading members and senior staff, high-risk change "
                    "strategies, disengagement from the wider sector, or serious financial difficulty."
                )
            ),
            Paragraph(
                text=Text.plain(
                    "Signs are not evidence. No judgement is made of any council on such signs: they prompt "
                    "initial engagement by the Chair of the Board with the chief executive (stage 2), and "
                    "then agreed action (stage 3), which ranges from a satisfactory resolution to "
                    "engagement led by the LGA."
                )
            ),
        ),
    )
    counts = Section(
        heading=Text.plain("Cases by stage and outcome"),
        paragraphs=(
            Paragraph(
                text=Text.plain(_on_the_radar(len(cases), public)),
                table=count_table("Open cases by stage", "Stage", stage_counts, public),
            ),
            Paragraph(
                text=Text.plain("Cases at stage 3 have reached these outcomes:"),
                table=count_table(
                    "Outcomes of cases at stage 3", "Outcome", outcome_counts, public
                ),
            ),
        ),
    )
    if public:
        sections: tuple[Section, ...] = (
            approach,
            counts,
            Section(
                heading=Text.plain("Individual cases"),
                paragraphs=(
                    Paragraph(
                        text=Text.plain(
                            f"Counts of 1 or 2 are shown as \u201cfewer than {SUPPRESS_BELOW}\u201d, and where that "
                            "would hide only one count another is hidden too, so that no council can be "
                            "identified. The names of councils, the people involved, dates and the details "
                            "of each case are not for publication by virtue of paragraphs 1, 2 and 3 of "
                            "Part 1 of Schedule 12A to the Local Government Act 1972."
                        )
                    ),
                ),
            ),
        )
    else:
        sections = (
            approach,
            counts,
            _cases_section(radar, cases),
            _chart_section(cases),
            _changes_section(radar, cases),
        )
    return CommitteeReport(
        committee=radar.committee,
        body=radar.body,
        meeting_date=radar.meeting_date,
        item=radar.item,
        title=Text.plain(
            "Councils on the radar: addressing poor performance and potential failure"
        ),
        report_by=radar.report_by,
        contact=radar.contact,
        summary=Text.plain(
            f"This report gives the position at {long_date(radar.meeting_date)} of the councils on the "
            "radar: how many there are at each stage of engagement, the outcomes agreed, "
            + (
                "and the support brokered."
                if public
                else "and, for each council, the support brokered and the progress since the last report."
            )
        ),
        recommendations=(
            Recommendation(text=Text.plain("note the position of the councils on the radar;")),
            Recommendation(text=Text.plain("note the support brokered and the progress made.")),
        ),
        sections=sections,
        implications=Implications(
            financial=Paragraph(
                text=Text.plain(
                    "None: support is provided through existing London and LGA programmes."
                )
            ),
            legal=Paragraph(
                text=Text.plain(
                    "Information about individual councils and people is exempt under paragraphs 1, 2 "
                    "and 3 of Part 1 of Schedule 12A to the Local Government Act 1972; the public "
                    "interest in withholding it, so that councils engage openly, outweighs that in "
                    "disclosing it."
                )
            ),
            equalities=Paragraph(text=Text.plain("None")),
        ),
    )


def _cases_section(radar: Radar, cases: Sequence[ConcernCase]) -> Section:
    rows = []
    for case in cases:
        indicators = "; ".join(INDICATORS[s.indicator] for s in case.signs)
        stage = stage_label(case.stage) + (f" ({OUTCOMES[case.outcome]})" if case.outcome else "")
        rows.append(
            TableRow(
                cells=(
                    text(case.authority, " (acute)" if case.acute else ""),
                    Text.plain(stage),
                    Text.plain(indicators),
                    case.support or Text.plain("None yet"),
                    case.progress or Text.plain("No change"),
                )
            )
        )
    return Section(
        heading=Text.plain("Councils on the radar"),
        paragraphs=(
            Paragraph(
                text=Text.plain("The councils on the radar, the few acute cases first:"),
                table=Table(
                    caption=Text.plain("Councils on the radar"),
                    columns=tuple(
                        Text.plain(c)
                        for c in (
                            "Council",
                            "Stage",
                            "Signs",
                            "Support",
                            "Progress since the last report",
                        )
                    ),
                    rows=tuple(rows),
                ),
            ),
        ),
    )


def _chart_section(cases: Sequence[ConcernCase]) -> Section:
    series = []
    for key, label in INDICATORS.items():
        values = tuple(
            sum(1 for c in cases if c.stage == s and any(x.indicator == key for x in c.signs))
            for s in STAGES
        )
        if any(values):
            series.append(Series(name=Text.plain(label[0].upper() + label[1:]), values=values))
    return Section(
        heading=Text.plain("Signs by stage"),
        paragraphs=(
            Paragraph(
                text=Text.plain("A council may show more than one sign; each is counted."),
                chart=Chart(
                    title=Text.plain("Cases by stage and sign"),
                    categories=tuple(Text.plain(f"Stage {s}") for s in STAGES),
                    series=tuple(series),
                ),
            ),
        ),
    )


def _changes_section(radar: Radar, cases: Sequence[ConcernCase]) -> Section:
    paragraphs = []
    for case in cases:
        recent = [
            e for e in case.history if radar.last_report is None or e.when > radar.last_report
        ]
        evidence = ", ".join(EVIDENCE[e] for e in case.evidence)
        bullets = tuple(text(f"{long_date(e.when)}: ", e.event) for e in recent) or (
            Text.plain("No new events."),
        )
        paragraphs.append(
            Paragraph(text=text(case.authority, f" (evidence: {evidence}):"), bullets=bullets)
        )
    since = f" since {long_date(radar.last_report)}" if radar.last_report else ""
    return Section(heading=Text.plain(f"Events{since}"), paragraphs=tuple(paragraphs))


def _radar_parts(source: Source) -> tuple[Radar, list[ConcernCase]]:
    """The radar and its cases as this version may see them."""
    radar = source.data
    assert isinstance(radar, Radar)
    return radar, radar.cases(source.references)


@register
class RadarReport(ComposedReport):
    """The confidential radar report; its public version keeps counts only."""

    name = "radar_report"
    title = "Radar report"
    accepts = ("radar",)

    def compose(self, source: Source) -> CommitteeReport:
        return radar_report(*_radar_parts(source), public=source.public)

    def shown_content(self, source: Source) -> object:
        assert isinstance(source.full_data, Radar)
        return (source.full_data, tuple(source.full_data.cases(source.full_references)))


@register
class BriefingNote(ComposedReport):
    """A private briefing for Group Leaders on one case (full version only)."""

    name = "briefing_note"
    title = "Group Leaders' briefing note"
    accepts = ("concern_case",)
    extra_templates = ("withheld.docx", "html/withheld.html")

    def withheld_in_public(self, source: Source) -> Exemption | None:
        return CONFIDENTIAL

    def compose(self, source: Source) -> CommitteeReport:
        case = source.full_data  # the full version only: the public one is withheld whole
        assert isinstance(case, ConcernCase) and not source.public
        return briefing(case)


def briefing(case: ConcernCase) -> CommitteeReport:
    """The briefing note for Group Leaders, as a short committee report (full data)."""
    when = case.group_leaders_briefed or case.history[-1].when
    exempt = Exemption((1, 2, 3))
    signs = tuple(
        text(INDICATORS[s.indicator][0].upper() + INDICATORS[s.indicator][1:] + ": ", s.description)
        for s in case.signs
    )
    history = tuple(text(f"{long_date(e.when)} (stage {e.stage}): ", e.event) for e in case.history)
    return CommitteeReport(
        committee=Text.plain("Group Leaders (private briefing)"),
        meeting_date=when,
        title=text("Briefing: ", case.authority),
        report_by=Person(name=case.lead.name, job_title=case.lead.job_title),
        contact=Contact(name=case.lead.name),
        summary=text(
            "A private briefing on ",
            case.authority,
            f", at stage {case.stage} ({STAGES[case.stage]})"
            + (f" with the outcome: {OUTCOMES[case.outcome]}." if case.outcome else "."),
        ),
        recommendations=(
            Recommendation(text=Text.plain("note the position, and treat it in confidence.")),
        ),
        sections=(
            Section(
                heading=Text.plain("Signs seen"),
                paragraphs=(
                    Paragraph(
                        text=Text.plain("The signs that brought the council onto the radar:"),
                        bullets=signs,
                    ),
                ),
            ),
            Section(
                heading=Text.plain("Engagement so far"),
                paragraphs=(
                    Paragraph(
                        text=text(
                            "Raised by ",
                            case.raised_by.name,
                            f" on {long_date(case.raised_on)}; led by ",
                            case.lead.name,
                            ".",
                        ),
                        bullets=history,
                    ),
                ),
            ),
            Section(
                heading=Text.plain("Support and progress"),
                paragraphs=(
                    Paragraph(text=case.support or Text.plain("No support has been brokered yet.")),
                    Paragraph(
                        text=case.progress
                        or Text.plain("No progress is recorded since the last report.")
                    ),
                ),
            ),
        ),
        implications=Implications(
            financial=Paragraph(text=Text.plain("None")),
            legal=Paragraph(
                text=Text.plain(
                    "This note is exempt under paragraphs 1, 2 and 3 of Part 1 of Schedule 12A to the "
                    "Local Government Act 1972; Group Leaders are asked to use it only when asked to help."
                )
            ),
            equalities=Paragraph(text=Text.plain("None")),
        ),
        exempt=exempt,
    )
