"""Best Value directions: references, checks, the submission and the board report."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.docx_text import docx_to_text
from docgen.errors import RecordError
from docgen.loading import RecordSet, check

from .conftest import MINIMAL_REPORT, RECORDS

DIRECTIONS = RECORDS / "best-value/tower-hamlets-directions-2017.yaml"

BEST_VALUE = """\
kind: best_value
council: Testwick Council
issued: 2017-03-28
directions:
  - {requirement: Set up a board., deadline: 2017-06-30, owner: Chief Executive, status: met}
  - {requirement: Review achievement., deadline: 2018-08-01, owner: Chief Executive, status: in_progress}
board: {name: Improvement Board, chair: {name: The Mayor}}
submission:
  addressee: The Secretary of State
  department: The Department
  due: 2018-08-01
  dated: 2018-07-27
  salutation: Dear Secretary of State
  signatories: [{name: The Mayor}]
progress_report:
  committee: Improvement Board
  meeting_date: 2018-06-18
  report_by: {name: The Chief Executive}
  contact: {name: An Officer}
  summary: Progress.
  recommendations: [note the progress.]
  implications: {financial: None, legal: None, equalities: None}
"""


def found(write_record: Callable[..., Path], text: str) -> tuple[list[str], list[str]]:
    path = write_record(text)
    errors, warnings = check([path], path.parent)
    return [str(e) for e in errors], [w.message for w in warnings]


def test_directions_on_track_raise_nothing(write_record: Callable[..., Path]) -> None:
    """Due dates after the submission, submission on time: no warning."""
    assert found(write_record, BEST_VALUE) == ([], [])


def test_a_direction_due_before_the_submission_and_not_met_warns(
    write_record: Callable[..., Path],
) -> None:
    """The Secretary of State will ask why; the officer should know first."""
    text = BEST_VALUE.replace(
        "deadline: 2017-06-30, owner: Chief Executive, status: met",
        "deadline: 2017-06-30, owner: Chief Executive, status: in_progress",
    )
    assert found(write_record, text) == (
        [],
        [
            "direction 1 was due on 2017-06-30, before the submission on 2018-07-27, and is in progress"
        ],
    )


def test_a_late_submission_warns(write_record: Callable[..., Path]) -> None:
    """A submission dated after it was due."""
    assert found(write_record, BEST_VALUE.replace("dated: 2018-07-27", "dated: 2018-08-03"))[1] == [
        "direction 2 was due on 2018-08-01, before the submission on 2018-08-03, and is in progress",
        "the submission is dated 2018-08-03, after it was due on 2018-08-01",
    ]


def test_a_reference_to_a_missing_record_is_a_located_error(
    write_record: Callable[..., Path],
) -> None:
    """The peer challenge the submission draws on must exist."""
    path = write_record(BEST_VALUE + "peer_challenge: no-such-challenge\n")
    records = RecordSet(path.parent)
    with pytest.raises(RecordError) as caught:
        records.references(records.load(path))
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:23: peer_challenge: refers to record 'no-such-challenge', which does not exist"
    ]


def test_a_reference_to_the_wrong_kind_names_both(write_record: Callable[..., Path]) -> None:
    """Naming a committee report where a peer challenge belongs says what each is."""
    other = write_record(MINIMAL_REPORT, "a-report")
    path = write_record(BEST_VALUE + "peer_challenge: a-report\n")
    records = RecordSet(path.parent)
    with pytest.raises(RecordError) as caught:
        records.references(records.load(path))
    (problem,) = caught.value.problems
    assert problem.field == "peer_challenge" and problem.line == 23
    assert (
        problem.message
        == f"refers to 'a-report' ({other}), a committee_report record; expected a peer_challenge record"
    )


def test_the_example_is_flagged_where_a_careful_officer_would() -> None:
    """Direction 2 was due in March 2018 and is still in progress at the July submission."""
    errors, warnings = check([DIRECTIONS], RECORDS)
    assert errors == [] and [(w.field, w.line) for w in warnings] == [("directions[1].status", 28)]


def test_the_submission_has_its_letter_table_review_and_plan(
    example_papers: dict[str, bytes],
) -> None:
    """Covering letter signed by Mayor and Chief Executive; a status marker per direction;
    the peer challenge's findings as the independent review; the department as data."""
    text = docx_to_text(example_papers["tower-hamlets-directions-2017/dclg_submission/public.docx"])
    for expected in (
        "[Letter Address] Ministry of Housing, Communities and Local Government",
        "[Signatory] The Executive Mayor",
        "[Signatory] The Chief Executive",
        "| [Table Text] \u25cf Met",
        "| [Table Text] \u25d1 In progress",
        "The independent review was an LGA Corporate Peer Challenge of the London Borough of Tower Hamlets, on site from 5 to 8 June 2018.",
        "[heading 2] Financial planning and viability",
        "[heading 1 3.] Action plan",  # Word numbers the heading
    ):
        assert expected in text, expected


def test_the_board_report_is_a_committee_report(example_papers: dict[str, bytes]) -> None:
    """Through the committee report paper: header, recommendations, numbered paragraphs."""
    text = docx_to_text(
        example_papers["tower-hamlets-directions-2017/board_progress_report/full.docx"]
    )
    assert "[Committee] Best Value Improvement Board" in text
    assert "[Numbered Paragraph 3.] Two of the four directions are met:" in text
    assert "[Recommendation (i)] note the progress against each direction;" in text


def test_the_statutory_basis_is_stated_neutrally(example_papers: dict[str, bytes]) -> None:
    """A council's own letter says what the Secretary of State did, never that it failed."""
    for paper in ("dclg_submission", "board_progress_report"):
        text = docx_to_text(example_papers[f"tower-hamlets-directions-2017/{paper}/public.docx"])
        assert "under section 15 of the Local Government Act 1999" in text, paper
        assert "failed" not in text, paper


def test_the_progress_table_shows_deadlines_and_flags_the_overdue(
    example_papers: dict[str, bytes],
) -> None:
    """Direction 2 was due on 31 March 2018 and is still in progress at the submission."""
    text = docx_to_text(example_papers["tower-hamlets-directions-2017/dclg_submission/public.docx"])
    assert "| [Table Label] Deadline" in text
    assert "| [Table Text] 31 March 2018" in text
    assert text.count("\u25d1 In progress \u2013 overdue") == 1
    assert "| [Table Text] None set" in text  # direction 4 has no deadline


def test_the_board_report_reads_as_sentences(example_papers: dict[str, bytes]) -> None:
    """The earlier directions in a sentence; the meetings before this one, listed with
    "and"; the addressee inside a sentence without a capital "The"."""
    text = docx_to_text(
        example_papers["tower-hamlets-directions-2017/board_progress_report/public.docx"]
    )
    assert "They replaced the directions of December 2014, which were revoked in March" in text
    assert "11 December 2017, 12 March 2018 and 18 June 2018." in text
    assert "16 July 2018." not in text  # this meeting is not one it "has met on"
    assert "submission to the Secretary of State for Housing" in text


def test_a_report_dated_before_what_it_reports_warns(write_record: Callable[..., Path]) -> None:
    """The board report of 18 June cannot cite a letter of 4 July; nor can the submission."""
    text = BEST_VALUE.replace(
        "owner: Chief Executive, status: in_progress}",
        "owner: Chief Executive, status: in_progress, evidence: [The letter of 4 July 2018.]}",
    ).replace("dated: 2018-07-27", "dated: 2018-07-02")
    errors, warnings = found(write_record, text)
    assert errors == []
    assert warnings == [
        "reports 4 July 2018, after the board progress report's own date, 18 June 2018",
        "reports 4 July 2018, after the submission's own date, 2 July 2018",
    ]


def test_deadlines_in_requirements_are_not_events(write_record: Callable[..., Path]) -> None:
    text = BEST_VALUE.replace("Review achievement.", "Review achievement by 1 August 2018.")
    assert found(write_record, text) == ([], [])


def test_a_direction_the_submission_completes_is_met_in_the_submission(
    example_papers: dict[str, bytes],
) -> None:
    """Direction 3 (the independent review, submitted with the letter): met in the
    submission, in progress in the board's report before it."""
    submission = docx_to_text(
        example_papers["tower-hamlets-directions-2017/dclg_submission/public.docx"]
    )
    assert "| [Table Text] \u25cf Met: by this submission" in submission
    board = docx_to_text(
        example_papers["tower-hamlets-directions-2017/board_progress_report/public.docx"]
    )
    assert "by this submission" not in board


def test_people_are_named_once_with_no_title_repeating_their_name(
    example_papers: dict[str, bytes],
) -> None:
    """ "The Chief Executive / Job title: Chief Executive" says one thing twice."""
    for paper in ("dclg_submission", "board_progress_report"):
        text = docx_to_text(example_papers[f"tower-hamlets-directions-2017/{paper}/public.docx"])
        assert "[Table Text] Chief Executive\n" not in text, paper
        assert "[Body Text] Executive Mayor\n" not in text, paper


def test_no_table_caption_repeats_its_heading(example_papers: dict[str, bytes]) -> None:
    """A caption that only repeats the heading above it says nothing twice."""
    text = docx_to_text(example_papers["tower-hamlets-directions-2017/dclg_submission/public.docx"])
    headings = re.findall(r"^\[(?:Area Heading|heading 1) \d+\.\] (.*)$", text, re.M)
    captions = set(re.findall(r"^\[caption\] (.*)$", text, re.M))
    assert headings and not set(headings) & captions
