"""Concern cases: confidential by default, checked, and summarised in public by counts only."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.docx_text import docx_to_text
from docgen.errors import RecordError
from docgen.loading import check, load_record
from docgen.models.concern_case import ConcernCase
from docgen.papers.concern_cases import suppressed
from docgen.pdf_text import pdf_to_text
from docgen.scan import scan_paper
from docgen.views import ExemptValue, public_view

from .conftest import RECORDS

CASES = sorted((RECORDS / "concern-cases").glob("case-*.yaml"))

CASE = """\
kind: concern_case
authority: London Borough of Testwick
raised_by: {name: Jo Raiser, job_title: Adviser}
raised_on: 2026-01-05
lead: {name: Lee Lead, job_title: Chair}
signs:
  - {indicator: financial, description: Reserves are low.}
evidence: [auditors]
stage: 3
history:
  - {when: 2026-01-05, stage: 1, event: Raised.}
  - {when: 2026-02-05, stage: 2, event: Met the chief executive.}
  - {when: 2026-03-05, stage: 3, event: Support agreed.}
outcome: london_support
"""


RADAR = """\
kind: radar
committee: Self-Improvement Board
body: London Councils
meeting_date: 2026-04-15
report_by: {name: Ada Chiefly, job_title: "Chief Executive, London Councils"}
contact: {name: Cy Contact}
last_report: 2026-02-01
"""


def problems(path: Path) -> list[str]:
    with pytest.raises(RecordError) as caught:
        load_record(path)
    return [p.message for p in caught.value.problems]


def warnings(path: Path) -> list[str]:
    errors, found = check([path], path.parent)
    assert errors == []
    return [w.message for w in found]


def test_every_identifying_field_is_exempt_without_a_mark(
    write_record: Callable[..., Path],
) -> None:
    """The public view of a case holds no authority, person, date or detail."""
    case = load_record(write_record(CASE)).data
    assert isinstance(case, ConcernCase)
    public = public_view(case)
    shown = repr(public)
    for secret in (
        "Testwick",
        "Jo Raiser",
        "Lee Lead",
        "Reserves are low",
        "Met the chief",
        "2026",
    ):
        assert secret not in shown
    assert (public.stage, public.outcome, public.signs[0].indicator) == (
        3,
        "london_support",
        "financial",
    )


def test_a_case_that_passes_every_check(write_record: Callable[..., Path]) -> None:
    """Moving forward, outcome at stage 3, real evidence: no problem, no warning."""
    assert warnings(write_record(CASE)) == []


def test_a_stage_that_goes_backwards_is_an_error(write_record: Callable[..., Path]) -> None:
    """A case moves forward through the stages."""
    path = write_record(
        CASE.replace("{when: 2026-03-05, stage: 3", "{when: 2026-03-05, stage: 1")
        .replace("stage: 3\nhistory", "stage: 1\nhistory")
        .replace("outcome: london_support\n", "")
    )
    assert problems(path) == [
        "the stage goes back from 2 to 1 on 2026-03-05; a case moves forward through the stages"
    ]


def test_an_outcome_before_stage_3_is_an_error(write_record: Callable[..., Path]) -> None:
    """Outcomes follow engagement."""
    text = CASE.replace("stage: 3\nhistory", "stage: 2\nhistory").replace(
        "  - {when: 2026-03-05, stage: 3, event: Support agreed.}\n", ""
    )
    assert problems(write_record(text)) == [
        "an outcome is recorded at stage 2; outcomes follow engagement, at stage 3"
    ]


@pytest.mark.parametrize("outcome", ["lga_programmes", "lga_leads"])
def test_the_latter_outcomes_need_a_private_briefing(
    write_record: Callable[..., Path], outcome: str
) -> None:
    """Group Leaders are briefed privately when the LGA's help is significant (Appendix 1 para 12)."""
    write_record(RADAR, "radar")
    path = write_record(CASE.replace("london_support", outcome))
    assert (
        len(warnings(path)) == 1
        and "needs the relevant Group Leaders briefed privately" in warnings(path)[0]
    )
    briefed = write_record(
        CASE.replace("london_support", outcome) + "group_leaders_briefed: 2026-03-20\n", "briefed"
    )
    assert warnings(briefed) == []


def test_soft_intelligence_alone_at_stage_2_is_a_warning(write_record: Callable[..., Path]) -> None:
    """Signs are not evidence; stage 1 on soft intelligence is how cases begin."""
    path = write_record(CASE.replace("evidence: [auditors]", "evidence: [soft_intelligence]"))
    assert warnings(path) == [
        "a case at stage 3 rests on soft intelligence alone: signs are not evidence"
    ]
    early = CASE.replace("evidence: [auditors]", "evidence: [soft_intelligence]").replace(
        "stage: 3\nhistory", "stage: 1\nhistory"
    )
    early = early.replace(
        "  - {when: 2026-02-05, stage: 2, event: Met the chief executive.}\n  - {when: 2026-03-05, stage: 3, event: Support agreed.}\n",
        "",
    ).replace("outcome: london_support\n", "")
    assert warnings(write_record(early, "early")) == []


def test_an_unknown_indicator_or_evidence_is_an_error(write_record: Callable[..., Path]) -> None:
    """Tags come from the agreed lists."""
    indicator = write_record(CASE.replace("indicator: financial", "indicator: gossip"), "indicator")
    assert problems(indicator)[0].startswith("'gossip' is not one of: trust, high_risk_change")
    evidence = write_record(CASE.replace("[auditors]", "[rumour]"), "evidence")
    assert problems(evidence)[0].startswith("'rumour' is not one of: published_data, lg_inform")


@pytest.mark.parametrize(
    ("counts", "published"),
    [
        ({"a": 4, "b": 5}, {"a": "4", "b": "5"}),
        ({"a": 3, "b": 2, "c": 3}, {"a": "3 or more", "b": "fewer than 3", "c": "3"}),
        ({"a": 0, "b": 1, "c": 1, "d": 0, "e": 1}, dict.fromkeys("abcde", "fewer than 3")),
        ({"a": 0, "b": 6}, {"a": "0", "b": "6"}),
        # the hidden counts add up to 1: total less the others would give it away
        (
            {"a": 0, "b": 1, "c": 5, "d": 4},
            {"a": "fewer than 3", "b": "fewer than 3", "c": "5", "d": "3 or more"},
        ),
    ],
)
def test_small_counts_are_suppressed_so_none_can_be_worked_out(
    counts: dict[str, int], published: dict[str, str]
) -> None:
    """A count of one beside a total or a date can single a council out."""
    assert suppressed(counts) == published


def every_case_secret() -> list[ExemptValue]:
    """The authorities, people and dates of every example case, as text a paper could show."""
    values = []
    for path in CASES:
        case = load_record(path).data
        assert isinstance(case, ConcernCase)
        values.append(ExemptValue(f"{path.stem}.authority", str(case.authority)))
        for person in (case.raised_by, case.lead):
            values.append(ExemptValue(f"{path.stem}.person", str(person.name)))
        dates = [case.raised_on, *(e.when for e in case.history)]
        if case.group_leaders_briefed:
            dates.append(case.group_leaders_briefed)
        for when in dates:
            values.extend(
                ExemptValue(f"{path.stem}.date", form)
                for form in (when.isoformat(), f"{when.day} {when:%B %Y}", f"{when:%d/%m/%Y}")
            )
    return values


def test_nothing_identifying_reaches_any_public_file(example_papers: dict[str, bytes]) -> None:
    """No authority, person or date of any case in any part of any public paper."""
    secrets = every_case_secret()
    public = {name: data for name, data in example_papers.items() if "/public." in name}
    assert len(public) > 20
    for name, data in public.items():
        assert scan_paper(data, secrets, name=name) == [], name


def test_the_full_radar_names_the_councils_acute_first_and_is_marked(
    example_papers: dict[str, bytes],
) -> None:
    """Members see every council, the acute ones first, under a NOT FOR PUBLICATION marking."""
    text = docx_to_text(example_papers["radar-2026-11/radar_report/full.docx"])
    councils = re.findall(
        r"\| \[Table Text\] (London Borough of [\w ]+?|Royal Borough of [\w ]+?)( \(acute\))?\n",
        text,
    )
    assert [acute for _, acute in councils[:2]] == [" (acute)", " (acute)"]
    assert len({council for council, _ in councils}) == 9
    assert "NOT FOR PUBLICATION by virtue of paragraphs 1, 2 and 3" in text
    assert "{picture: Bar chart, Cases by stage and sign." in text
    assert "Ashcombe" not in text  # closed cases leave the radar


def test_the_public_summary_keeps_counts_only(example_papers: dict[str, bytes]) -> None:
    """Stages and outcomes counted, small counts suppressed, no table of councils."""
    text = pdf_to_text(example_papers["radar-2026-11/radar_report/public.pdf"])
    assert "fewer than 3" in text and "There are nine councils on the radar" in text
    docx = docx_to_text(example_papers["radar-2026-11/radar_report/public.docx"])
    assert "(acute)" not in docx and "Brackenford" not in docx


def numbered(text: str) -> list[str]:
    """The paragraph numbers and section headings of a report, in order."""
    return re.findall(r"^(\d+)\. |^\[Heading 2\] (.*)$", text, re.MULTILINE)


def test_the_public_radar_keeps_the_full_versions_sections_and_paragraph_numbers(
    example_papers: dict[str, bytes],
) -> None:
    """A member citing "paragraph 8" in open session is followed: a withheld paragraph
    keeps its number and its section's heading, as in committee reports."""
    full, public = (
        docx_to_text(example_papers[f"radar-2026-11/radar_report/{v}.docx"])
        for v in ("full", "public")
    )
    headings = re.findall(r"^\[heading 1\] (.*)$", full, re.MULTILINE)
    headings.remove("Reasons for exemption")  # the full version's panel for members
    assert headings == re.findall(r"^\[heading 1\] (.*)$", public, re.MULTILINE)
    assert "Events since 9 September 2026" in headings and "Councils on the radar" in headings
    numbers = re.findall(r"^\[Numbered Paragraph (\d+)\.(?: shaded)?\]", full, re.MULTILINE)
    assert numbers == re.findall(
        r"^\[Numbered Paragraph (\d+)\.(?: shaded)?\]", public, re.MULTILINE
    )
    assert numbers == [str(n) for n in range(1, 9)]
    assert public.count("This information is not for publication by virtue of paragraphs 1, 2") >= 3


def test_the_public_radar_draws_its_chart_from_the_published_counts(
    example_papers: dict[str, bytes],
) -> None:
    """Stages shown as ranges ("3 or more", "fewer than 3") are one bar: the published
    total less the counts shown, which the table gives away already; no bar is small."""
    public = docx_to_text(example_papers["radar-2026-11/radar_report/public.docx"])
    assert "{picture: Bar chart, Open cases by stage. Stages 1 and 2 5, Stage 3 4.}" in public
    full = docx_to_text(example_papers["radar-2026-11/radar_report/full.docx"])
    assert "{picture: Bar chart, Open cases by stage. Stage 1 3, Stage 2 2, Stage 3 4.}" in full


def test_a_range_is_explained_under_the_table_that_shows_it(
    example_papers: dict[str, bytes],
) -> None:
    text = " ".join(pdf_to_text(example_papers["radar-2026-11/radar_report/public.pdf"]).split())
    assert re.search(
        r"Stage 1: identifying signs 3 or more .* All open cases 9 Counts of 1 or 2 are shown as "
        r"“fewer than 3”; where that would hide only one count, or counts that add up to 1 or 2, "
        r"the next smallest is shown as "
        r"“3 or more”",
        text,
    )


def test_the_public_summary_and_recommendations_say_only_what_it_shows(
    example_papers: dict[str, bytes],
) -> None:
    public = pdf_to_text(example_papers["radar-2026-11/radar_report/public.pdf"])
    front = " ".join(public.split("The approach")[0].split())
    assert "support brokered" not in front and "progress made" not in front
    assert "(ii) [Not for publication: paragraphs 1, 2 and 3 of Schedule 12A]" in front
    assert "are not for publication (paragraphs 6 to 8)" in front
    full = " ".join(pdf_to_text(example_papers["radar-2026-11/radar_report/full.pdf"]).split())
    assert (
        "(ii) [Exempt: paragraphs 1, 2 and 3 of Schedule 12A] note the support brokered for "
        "each council and the progress made" in full
    )


def test_labels_begin_with_a_capital_in_every_table(example_papers: dict[str, bytes]) -> None:
    full = docx_to_text(example_papers["radar-2026-11/radar_report/full.docx"])
    assert "| [Table Text] Satisfactory resolution\n" in full
    assert "| [Table Text] Stage 1: identifying signs\n" in full
    assert "| [Table Text] satisfactory" not in full and "| [Table Text] stage" not in full


def test_progress_without_an_event_since_the_last_report_is_a_warning(
    write_record: Callable[..., Path],
) -> None:
    """The radar would print "No event since …" beside progress that says otherwise."""
    write_record(RADAR.replace("last_report: 2026-02-01", "last_report: 2026-03-10"), "radar")
    path = write_record(CASE + "progress: The council's review reported.\n")
    assert warnings(path) == [
        "progress is reported, but no event in the history is after the last radar report "
        "(2026-03-10, last_report of the radar); record the event the progress reports"
    ]
    later = CASE.replace("2026-03-05, stage: 3", "2026-03-20, stage: 3")
    assert warnings(write_record(later + "progress: The review reported.\n", "later")) == []


def test_a_briefing_dated_before_an_event_it_reports_is_a_warning(
    write_record: Callable[..., Path],
) -> None:
    write_record(RADAR, "radar")
    case = CASE.replace("london_support", "lga_leads") + "group_leaders_briefed: 2026-02-20\n"
    assert warnings(write_record(case)) == [
        "the briefing note is dated 2026-02-20 (group_leaders_briefed), before the event of "
        "2026-03-05 it reports (history[2].when); brief on or after the latest event"
    ]


@pytest.mark.parametrize(
    ("edit", "briefed"),
    [
        (("", ""), False),  # London support: not the latter end of stage 3
        (("london_support", "lga_programmes"), True),
        (("london_support", "lga_leads"), True),
        (("outcome: london_support", "outcome: lga_leads\nopen: false"), False),
    ],
)
def test_a_briefing_note_only_at_the_latter_end_of_stage_3(
    write_record: Callable[..., Path], edit: tuple[str, str], briefed: bool
) -> None:
    """Reference 000, Appendix 1 para 12: Group Leaders are briefed of significant activity
    at the latter end of stage 3, not of every case on the radar."""
    from docgen.papers import papers_for

    case = load_record(write_record(CASE.replace(*edit) if edit[0] else CASE)).data
    names = [paper.name for paper in papers_for("concern_case", case)]
    assert names == (["briefing_note"] if briefed else [])


def test_a_briefing_note_is_by_the_chief_executive_named_in_the_radar(
    write_record: Callable[..., Path],
) -> None:
    """Reference 000, Appendix 1 para 14: the Chief Executive of London Councils briefs."""
    from docgen.loading import RecordSet
    from docgen.render import Templates, render_record

    from .conftest import TEMPLATES

    write_record(RADAR, "radar")
    path = write_record(
        CASE.replace("london_support", "lga_leads").replace("Jo Raiser", "Lee Lead")
        + "group_leaders_briefed: 2026-03-20\n"
    )
    records = RecordSet(path.parent)
    record = records.load(path)
    papers = render_record(record, records.related(record), Templates(TEMPLATES), Path("out"))
    full = next(d for t, d in papers.items() if t.parts[1] == "full" and t.suffix == ".pdf")
    text = " ".join(pdf_to_text(full).split())
    assert "Report by Ada Chiefly Job title Chief Executive, London Councils" in text
    assert "Date 20 March 2026" in text
    assert "Group Leaders are asked to:" in text and "is asked to" not in text
    assert "by Lee Lead, who also leads the engagement." in text
    assert "on the London Borough of Testwick, where engagement has reached" in text


def test_a_briefing_note_is_full_only(example_papers: dict[str, bytes]) -> None:
    """The public version shows what an agenda would: the title, the meeting and the
    paragraphs of Schedule 12A; nothing of the case."""
    public = docx_to_text(example_papers["case-2026-01/briefing_note/public.docx"])
    body = public.split("== word/document.xml ==")[1].split("== word/footer1.xml ==")[0]
    assert body.strip().splitlines() == [
        "[Committee] Private briefing for Group Leaders",
        "[Body Text] Group Leaders: private briefing",
        "[Withheld Marking] Not for publication",
        "[Body Text] This information is not for publication by virtue of paragraphs 1, 2 and 3 "
        "of Part 1 of Schedule 12A to the Local Government Act 1972.",
    ]
    full = docx_to_text(example_papers["case-2026-01/briefing_note/full.docx"])
    assert "Brackenford" in full and "NOT FOR PUBLICATION" in full
    assert not any(name.startswith("case-2026-05/briefing_note") for name in example_papers)


@pytest.mark.parametrize(
    ("by_stage", "bars"),
    [
        ({1: 3, 2: 2, 3: 4}, [("Stages 1 and 2", 5), ("Stage 3", 4)]),
        ({1: 0, 2: 1, 3: 5}, [("Stages 1, 2 and 3", 6)]),  # never a bar of one
        ({1: 4, 2: 0, 3: 1}, [("Stages 1, 2 and 3", 5)]),
        ({1: 4, 2: 5, 3: 6}, [("Stage 1", 4), ("Stage 2", 5), ("Stage 3", 6)]),
    ],
)
def test_no_bar_of_the_public_chart_is_a_small_count(
    by_stage: dict[int, int], bars: list[tuple[str, int]]
) -> None:
    from docgen.papers.concern_cases import _stage_chart

    chart = _stage_chart(by_stage, public=True).chart
    assert chart is not None
    drawn = [(str(c), v) for c, v in zip(chart.categories, chart.series[0].values, strict=True)]
    assert drawn == bars


def test_a_chart_of_too_few_cases_is_not_drawn() -> None:
    from docgen.papers.concern_cases import _stage_chart

    paragraph = _stage_chart({1: 1, 2: 0, 3: 1}, public=True)
    assert paragraph.chart is None and "too few open cases" in str(paragraph.text)
