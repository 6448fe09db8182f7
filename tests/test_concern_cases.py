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
authority: London Borough of Testwick (fictional)
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
        r"\| \[Table Text\] (London Borough of [\w ]+|Royal Borough of [\w ]+) \(fictional\)( \(acute\))?",
        text,
    )
    assert [acute for _, acute in councils[:2]] == [" (acute)", " (acute)"] and len(councils) == 9
    assert "NOT FOR PUBLICATION by virtue of paragraphs 1, 2 and 3" in text
    assert "{picture: Bar chart, Cases by stage and sign." in text
    assert "Ashcombe" not in text  # closed cases leave the radar


def test_the_public_summary_keeps_counts_only(example_papers: dict[str, bytes]) -> None:
    """Stages and outcomes counted, small counts suppressed, no table of councils, no chart."""
    text = pdf_to_text(example_papers["radar-2026-11/radar_report/public.pdf"])
    assert "fewer than 3" in text and "There are 9 councils on the radar" in text
    assert "Councils on the radar\n" not in text.replace("Councils on the radar:", "")
    docx = docx_to_text(example_papers["radar-2026-11/radar_report/public.docx"])
    assert "{picture:" not in docx and "(acute)" not in docx


def test_a_briefing_note_is_full_only(example_papers: dict[str, bytes]) -> None:
    """The public version of a briefing note says it is exempt and holds nothing else."""
    public = docx_to_text(example_papers["case-2026-01/briefing_note/public.docx"])
    assert "not for publication by virtue of paragraphs 1, 2 and 3" in public
    assert "Brackenford" not in public and "created:" not in public
    full = docx_to_text(example_papers["case-2026-01/briefing_note/full.docx"])
    assert "Brackenford" in full and "NOT FOR PUBLICATION" in full
