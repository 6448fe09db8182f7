"""Concern cases: the radar report, its public summary, and briefing notes.

The radar report is a committee report composed from the radar record and the open
cases it gathers. Its full version names the councils, with stage, support and
progress, acute cases first. Its public version is composed from the public view,
and differently: it shows only counts — by stage and by outcome — with small counts
suppressed, because a count of one beside other facts can single a council out.
Both versions have the same numbered paragraphs: the public one withholds each
paragraph about individual councils, keeping its number. A briefing note for Group
Leaders, only for a case at the latter end of stage 3, is produced in full only; its
public version shows what an agenda would, and says that it is exempt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from docgen.builders.environment import long_date
from docgen.errors import BuildError
from docgen.exempt import Exemption, Text
from docgen.models import Model
from docgen.models.base import notice_text, statement_text
from docgen.models.blocks import Chart, Paragraph, Series, Table, TableRow
from docgen.models.committee_report import CommitteeReport, Implications, Recommendation, Section
from docgen.models.concern_case import (
    EVIDENCE,
    INDICATORS,
    OUTCOMES,
    STAGES,
    ConcernCase,
    Radar,
    latest_radar,
)
from docgen.papers.base import Source, register
from docgen.papers.committee_report import ComposedReport
from docgen.papers.compose import council_in_sentence, in_words, listed, text

SUPPRESS_BELOW = 3
"""Counts from 1 to this less one are published as "fewer than 3"."""
CONFIDENTIAL = Exemption((1, 2, 3))


def suppressed(counts: Mapping[str, int]) -> dict[str, str]:
    """Counts as published, so that no small count can be read or worked out.

    If any count in the table is 1 or 2, every count below 3 in it (zero included) is
    shown as "fewer than 3"; and if that hides only one count, or counts that add up to
    1 or 2, the smallest other count is shown as "3 or more" (and the next, until neither
    holds), so that neither a hidden count nor the sum of the hidden counts follows from
    the total.
    """
    shown = {key: str(value) for key, value in counts.items()}
    if not any(0 < value < SUPPRESS_BELOW for value in counts.values()):
        return shown
    hidden = [key for key, value in counts.items() if value < SUPPRESS_BELOW]
    for key in hidden:
        shown[key] = f"fewer than {SUPPRESS_BELOW}"
    others = sorted((value, key) for key, value in counts.items() if value >= SUPPRESS_BELOW)
    while others and (len(hidden) == 1 or sum(counts[k] for k in hidden) < SUPPRESS_BELOW):
        _value, key = others.pop(0)
        shown[key] = f"{SUPPRESS_BELOW} or more"
        hidden.append(key)
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


def label(words: str) -> str:
    """A label as a table row or a bar begins it: its first letter a capital."""
    return words[:1].upper() + words[1:]


def stage_label(stage: int) -> str:
    return f"Stage {stage}: {STAGES[stage]}"


SUPPRESSION_NOTE = (
    f"Counts of 1 or 2 are shown as \u201cfewer than {SUPPRESS_BELOW}\u201d; where that would "
    "hide only one count, or counts that add up to 1 or 2, the next smallest is shown as "
    f"\u201c{SUPPRESS_BELOW} or more\u201d, so that no hidden count can be worked out from the "
    "total."
)
"""What "fewer than 3" and "3 or more" mean, said under the table that shows them."""


def count_table(
    caption: str, heading: str, total_label: str, counts: Mapping[str, int], public: bool
) -> Table:
    values = suppressed(counts) if public else {k: str(v) for k, v in counts.items()}
    rows = [TableRow(cells=(Text.plain(name), Text.plain(values[name]))) for name in counts]
    rows.append(
        TableRow(
            cells=(
                Text.plain(total_label),
                Text.plain(published_total(sum(counts.values()), public)),
            )
        )
    )
    return Table(
        caption=Text.plain(caption),
        columns=(Text.plain(heading), Text.plain("Cases")),
        rows=tuple(rows),
    )


def _suppression_note(counts: Mapping[str, int], public: bool) -> Text | None:
    """The note under a public table whose counts are shown as ranges; None if none is."""
    if not public:
        return None
    total = sum(counts.values())
    shown = [*suppressed(counts).values(), published_total(total, public)]
    if f"{SUPPRESS_BELOW} or more" in shown:
        return Text.plain(SUPPRESSION_NOTE)
    if any(not v.isdigit() for v in shown):
        return Text.plain(
            SUPPRESSION_NOTE.split(";")[0] + ", so that no council can be singled out."
        )
    return None


def _on_the_radar(count: int, public: bool) -> str:
    shown = published_total(count, public)
    if shown == "0":
        return "There are no councils on the radar."
    if shown == "1":
        return "There is one council on the radar, at this stage:"
    words = in_words(count) if shown.isdigit() else shown
    return f"There are {words} councils on the radar, at these stages:"


def _stage_chart(by_stage: Mapping[int, int], public: bool) -> Paragraph:
    """Open cases by stage as a chart, drawn from the counts this version shows.

    In the public version a stage whose count is shown as a range is not drawn alone:
    such stages are drawn together as one bar, the published total less the counts
    shown, which a reader of the table can work out already; should that bar be 1 or 2,
    the smallest stage shown joins it, so no bar is a small count. With the total itself
    withheld, nothing can be drawn.
    """
    total = sum(by_stage.values())
    if published_total(total, public) in ("0", f"fewer than {SUPPRESS_BELOW}"):
        return Paragraph(text=Text.plain("There are too few open cases to draw a chart of them."))
    shown = suppressed({str(s): n for s, n in by_stage.items()}) if public else {}
    ranged = [s for s in by_stage if str(s) in shown and not shown[str(s)].isdigit()]
    while ranged and sum(by_stage[s] for s in ranged) < SUPPRESS_BELOW:
        # a bar of 1 or 2 is a small count like any other: take in the smallest stage shown
        ranged.append(min((s for s in by_stage if s not in ranged), key=lambda s: by_stage[s]))
        ranged.sort()
    bars: list[tuple[str, int]] = []
    for stage, count in by_stage.items():
        if stage not in ranged:
            bars.append((f"Stage {stage}", count))
        elif stage == ranged[0]:
            names = listed([str(s) for s in ranged])
            bars.append(
                (f"Stages {names}", total - sum(by_stage[s] for s in by_stage if s not in ranged))
            )
    chart = Chart(
        title=Text.plain("Open cases by stage"),
        categories=tuple(Text.plain(name) for name, _ in bars),
        series=(Series(name=Text.plain("Open cases"), values=tuple(v for _, v in bars)),),
    )
    words = "The chart shows the open cases at each stage."
    if ranged:
        words = (
            "The chart shows the open cases by stage. Stages whose counts are shown above as a "
            "range are drawn as one bar: the total less the counts shown."
        )
    return Paragraph(text=Text.plain(words), chart=chart)


def _withheld(heading: str) -> Section:
    """A section of the full report as the public one has it: its heading, and its one
    paragraph, numbered as in the full report, saying why it is withheld."""
    return Section(
        heading=Text.plain(heading),
        paragraphs=(Paragraph(text=statement_text(CONFIDENTIAL), exempt=CONFIDENTIAL),),
    )


def radar_report(radar: Radar, cases: Sequence[ConcernCase], public: bool) -> CommitteeReport:
    """The radar report as a committee report.

    Both versions have the same sections and paragraph numbers, so members can cite a
    paragraph in open session: the public one shows counts (small ones suppressed) and
    withholds each paragraph about individual councils, keeping its number.
    """
    by_stage = Counter(c.stage for c in cases)
    stage_counts = {stage_label(s): by_stage.get(s, 0) for s in STAGES}
    at_stage_three = [c for c in cases if c.stage == 3 and c.outcome]
    outcome_counts = {
        label(OUTCOMES[o]): sum(1 for c in at_stage_three if c.outcome == o) for o in OUTCOMES
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
                table=count_table(
                    "Open cases by stage", "Stage", "All open cases", stage_counts, public
                ),
                continued=_suppression_note(stage_counts, public),
            ),
            Paragraph(
                text=Text.plain("Cases at stage 3 have reached these outcomes:"),
                table=count_table(
                    "Outcomes of cases at stage 3",
                    "Outcome",
                    "All cases at stage 3",
                    outcome_counts,
                    public,
                ),
                continued=_suppression_note(outcome_counts, public),
            ),
            _stage_chart({s: by_stage.get(s, 0) for s in STAGES}, public),
        ),
    )
    since = f" since {long_date(radar.last_report)}" if radar.last_report else ""
    headings = ("Councils on the radar", "Signs by stage", f"Events{since}")
    if public:
        individual = tuple(_withheld(heading) for heading in headings)
    else:
        individual = (
            _cases_section(headings[0], cases),
            _chart_section(headings[1], cases),
            _changes_section(headings[2], radar, cases),
        )
    first = 1 + len(approach.paragraphs) + len(counts.paragraphs)
    about_councils = f"paragraphs {first} to {first + len(individual) - 1}"
    summary = (
        f"This report gives the position at {long_date(radar.meeting_date)} of the councils on the "
        "radar: how many there are at each stage of engagement, and the outcomes agreed at stage 3"
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
            summary
            + (
                f". Which councils they are, and the support and progress of each, are not for "
                f"publication ({about_councils})."
                if public
                else f"; and, for each council, the support brokered and the progress since the "
                f"last report ({about_councils})."
            )
        ),
        recommendations=(
            Recommendation(
                text=Text.plain(
                    "note the numbers of councils on the radar at each stage, and the outcomes agreed;"
                )
            ),
            Recommendation(text=notice_text(CONFIDENTIAL), exempt=CONFIDENTIAL)
            if public
            else Recommendation(
                text=Text.plain(
                    f"note the support brokered for each council and the progress made ({about_councils})."
                ),
                exempt=CONFIDENTIAL,
            ),
        ),
        sections=(approach, counts, *individual),
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


def _cases_section(heading: str, cases: Sequence[ConcernCase]) -> Section:
    rows = []
    for case in cases:
        indicators = "; ".join(INDICATORS[s.indicator] for s in case.signs)
        stage = stage_label(case.stage) + (f" ({OUTCOMES[case.outcome]})" if case.outcome else "")
        rows.append(
            TableRow(
                cells=(
                    text(case.authority, " (acute)" if case.acute else ""),
                    Text.plain(stage),
                    Text.plain(label(indicators)),
                    case.support or Text.plain("None yet"),
                    case.progress or Text.plain("None recorded"),
                )
            )
        )
    return Section(
        heading=Text.plain(heading),
        paragraphs=(
            Paragraph(
                text=Text.plain("The councils on the radar, the acute cases first:"),
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
                exempt=CONFIDENTIAL,
            ),
        ),
    )


def _chart_section(heading: str, cases: Sequence[ConcernCase]) -> Section:
    series = []
    for key, name in INDICATORS.items():
        values = tuple(
            sum(1 for c in cases if c.stage == s and any(x.indicator == key for x in c.signs))
            for s in STAGES
        )
        if any(values):
            series.append(Series(name=Text.plain(label(name)), values=values))
    if not series:
        return Section(
            heading=Text.plain(heading),
            paragraphs=(Paragraph(text=Text.plain("No signs are recorded."), exempt=CONFIDENTIAL),),
        )
    return Section(
        heading=Text.plain(heading),
        paragraphs=(
            Paragraph(
                text=Text.plain(
                    "The signs seen, by stage; a council may show more than one sign, and each is "
                    "counted. These counts are small enough to identify councils, so they are not "
                    "for publication."
                ),
                chart=Chart(
                    title=Text.plain("Cases by stage and sign"),
                    categories=tuple(Text.plain(f"Stage {s}") for s in STAGES),
                    series=tuple(series),
                ),
                exempt=CONFIDENTIAL,
            ),
        ),
    )


def _changes_section(heading: str, radar: Radar, cases: Sequence[ConcernCase]) -> Section:
    """Each council's events since the last report, one row a council (so the public
    version withholds one paragraph however many councils there are)."""
    since = f"since {long_date(radar.last_report)}" if radar.last_report else "recorded"
    rows = []
    for case in cases:
        recent = [
            e for e in case.history if radar.last_report is None or e.when > radar.last_report
        ]
        evidence = "; ".join(EVIDENCE[e] for e in case.evidence)
        events = text(
            *(
                part
                for index, e in enumerate(recent)
                for part in (" " if index else "", f"{long_date(e.when)}: ", e.event)
            )
        )
        rows.append(
            TableRow(
                cells=(
                    case.authority,
                    Text.plain(label(evidence)),
                    events if recent else Text.plain(f"No event {since}"),
                )
            )
        )
    return Section(
        heading=Text.plain(heading),
        paragraphs=(
            Paragraph(
                text=Text.plain(
                    "The evidence for each case, and the events since the last report:"
                ),
                table=Table(
                    caption=Text.plain("Evidence and events"),
                    columns=(
                        Text.plain("Council"),
                        Text.plain("Evidence"),
                        Text.plain(f"Events {since}"),
                    ),
                    rows=tuple(rows),
                ),
                exempt=CONFIDENTIAL,
            )
            if cases
            else Paragraph(text=Text.plain("No councils are on the radar."), exempt=CONFIDENTIAL),
        ),
    )


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
    """The Chief Executive's private briefing of Group Leaders on one case (reference 000,
    Appendix 1 paras 12 to 14): only for a case at the latter end of stage 3."""

    name = "briefing_note"
    title = "Group Leaders' briefing note"
    accepts = ("concern_case",)
    extra_templates = ("withheld.docx", "html/withheld.html")

    def applies(self, data: Model) -> bool:
        return isinstance(data, ConcernCase) and data.briefing_due

    def withheld_in_public(self, source: Source) -> Exemption | None:
        return CONFIDENTIAL

    def withheld_context(self, source: Source, exemption: Exemption) -> dict[str, Any]:
        """What an agenda shows of a private briefing: its title, the meeting and the
        paragraphs of Schedule 12A, and nothing of the case."""
        context = super().withheld_context(source, exemption)
        context["heading"] = BRIEFING_TITLE
        context["meeting"] = BRIEFING_MEETING
        context["running_header"] = f"{BRIEFING_MEETING} – not for publication"
        return context

    def compose(self, source: Source) -> CommitteeReport:
        case = source.full_data  # the full version only: the public one is withheld whole
        assert isinstance(case, ConcernCase) and not source.public
        radar = latest_radar(source.full_references)
        if radar is None:
            raise BuildError(
                "a briefing note is written by the Chief Executive named in the radar report, "
                "and no radar record is found",
                path=None,
            )
        return briefing(case, radar)


BRIEFING_TITLE = "Private briefing for Group Leaders"
BRIEFING_MEETING = "Group Leaders: private briefing"


def briefing(case: ConcernCase, radar: Radar) -> CommitteeReport:
    """The briefing note for Group Leaders, as a short committee report (full data).

    Dated the day Group Leaders are briefed, or, until a briefing is recorded, the day of
    the case's latest event: never before an event it reports.
    """
    when = case.group_leaders_briefed or case.history[-1].when
    signs = tuple(text(label(INDICATORS[s.indicator]) + ": ", s.description) for s in case.signs)
    history = tuple(text(f"{long_date(e.when)} (stage {e.stage}): ", e.event) for e in case.history)
    council = council_in_sentence(case.authority)
    if str(case.raised_by.name) == str(case.lead.name):
        engagement = text(
            "The concern was raised on ",
            long_date(case.raised_on),
            " by ",
            case.raised_by.name,
            ", who also leads the engagement. The events so far:",
        )
    else:
        engagement = text(
            "The concern was raised on ",
            long_date(case.raised_on),
            " by ",
            case.raised_by.name,
            ", and ",
            case.lead.name,
            " leads the engagement. The events so far:",
        )
    assert case.outcome is not None
    return CommitteeReport(
        committee=Text.plain(BRIEFING_MEETING),
        body=radar.body,
        meeting_date=when,
        title=text("Private briefing: ", case.authority),
        report_by=radar.report_by,
        contact=radar.contact,
        summary=text(
            "A private briefing, as the agreed principles provide, on ",
            council,
            ", where engagement has reached the latter end of stage 3 with the outcome: ",
            OUTCOMES[case.outcome],
            ".",
        ),
        recommendations_lead_in=Text.plain("Group Leaders are asked to:"),
        recommendations=(
            Recommendation(text=Text.plain("note the position and the support brokered;")),
            Recommendation(
                text=Text.plain(
                    "treat this briefing in confidence, and use it only if asked to give further "
                    "support or intervention."
                )
            ),
        ),
        sections=(
            Section(
                heading=Text.plain("Signs seen"),
                paragraphs=(
                    Paragraph(
                        text=Text.plain("The signs that brought the council onto the radar were:"),
                        bullets=signs,
                    ),
                ),
            ),
            Section(
                heading=Text.plain("Engagement so far"),
                paragraphs=(Paragraph(text=engagement, bullets=history),),
            ),
            Section(
                heading=Text.plain("Support and progress"),
                paragraphs=(
                    Paragraph(
                        text=Text.plain("The support brokered, and the progress since:"),
                        bullets=(
                            text("Support: ", case.support or "none brokered yet."),
                            text("Progress: ", case.progress or "none recorded yet."),
                        ),
                    ),
                ),
            ),
        ),
        implications=Implications(
            financial=Paragraph(text=Text.plain("None")),
            legal=Paragraph(
                text=Text.plain(
                    "This note is exempt under paragraphs 1, 2 and 3 of Part 1 of Schedule 12A to the "
                    "Local Government Act 1972. Group Leaders are asked to treat it in confidence."
                )
            ),
            equalities=Paragraph(text=Text.plain("None")),
        ),
        exempt=CONFIDENTIAL,
    )
