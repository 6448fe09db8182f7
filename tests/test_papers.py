"""Every example paper, full and public, Word and PDF, against its readable snapshot.

A change to a template or to redaction shows here as a diff of readable text:
review it, then accept it with ``make snapshots``.
"""

from __future__ import annotations

from typing import Any

import pytest

from docgen.docx_text import docx_to_text
from docgen.loading import RecordSet
from docgen.pdf_text import page_texts, pdf_to_text
from docgen.render import paper_exempt_values
from docgen.scan import scan_paper

from .conftest import EXAMPLE_RECORDS, RECORDS

EXPECTED_PAPERS = {
    "bvib-2017-09-peer-challenge-proposal": ["committee_report"],
    "cabinet-2026-10-senior-management-review": ["committee_report"],
    "cabinet-2026-10-budget-monitoring": ["committee_report"],
    "cabinet-2026-10-leisure-contract-extension": ["committee_report"],
    "cabinet-2026-10-land-disposal": ["committee_report"],
    "cabinet-2026-10-14": [
        "agenda",
        "agenda_pack",
        "private_meeting_notice",
        "private_meeting_further_notice",
    ],
    "leaders-2017-02-challenge-key-themes": ["committee_report"],
    "leaders-2017-03-item-7-challenge-contribution": ["committee_report"],
    "commissions-2019": ["annual_commissions_report", "mou_draft"],
    "radar-2026-11": ["radar_report"],
    "tower-hamlets-2018": ["proposal_report", "position_statement", "feedback_letter"],
    "northfield-2027": ["proposal_report", "position_statement", "feedback_letter"],
    "tower-hamlets-directions-2017": ["dclg_submission", "board_progress_report"],
    "case-2026-01": ["briefing_note"],  # the two cases at the latter end of stage 3
    "case-2026-02": ["briefing_note"],
}
PDF_ONLY = {"agenda_pack", "private_meeting_notice", "private_meeting_further_notice"}
"""Papers published as they stand, made as PDF only."""
PAPERS = [
    f"{record}/{paper}/{version}"
    for record, papers in EXPECTED_PAPERS.items()
    for paper in papers
    for version in ("full", "public")
]
WORD_PAPERS = [name for name in PAPERS if name.split("/")[1] not in PDF_ONLY]


def test_every_example_builds_the_papers_its_kind_has(example_papers: dict[str, bytes]) -> None:
    """Each example gives each of its papers in both versions and both formats; no more."""
    expected = {f"{name}.pdf" for name in PAPERS} | {f"{name}.docx" for name in WORD_PAPERS}
    assert set(example_papers) == expected


@pytest.mark.parametrize("name", WORD_PAPERS, ids=lambda name: name.replace("/", "-"))
def test_word_paper_matches_its_snapshot(
    example_papers: dict[str, bytes], name: str, docx_snapshot: Any
) -> None:
    """Formatting and redaction of each example Word paper are as reviewed."""
    assert example_papers[f"{name}.docx"] == docx_snapshot


@pytest.mark.parametrize("name", PAPERS, ids=lambda name: name.replace("/", "-"))
def test_pdf_paper_matches_its_snapshot(
    example_papers: dict[str, bytes], name: str, text_snapshot: Any
) -> None:
    """The PDF's text, page by page, and its metadata are as reviewed."""
    assert pdf_to_text(example_papers[f"{name}.pdf"]) == text_snapshot


@pytest.mark.parametrize("path", EXAMPLE_RECORDS, ids=lambda p: p.stem)
def test_public_papers_hold_no_exempt_text_in_any_part(
    example_papers: dict[str, bytes], path: Any
) -> None:
    """Every part of every public paper is free of every exempt value it could draw on."""
    records = RecordSet(RECORDS)
    record = records.load(path)
    values = paper_exempt_values(record, records.related(record))
    for name, data in example_papers.items():
        if name.startswith(f"{record.id}/") and "/public." in name:
            assert scan_paper(data, values, name=name) == [], name


def test_the_scan_finds_each_exempt_value_in_the_full_version(
    example_papers: dict[str, bytes],
) -> None:
    """The public papers are clean because the values were removed, not because the scan is blind."""
    records = RecordSet(RECORDS)
    record = records.load(
        next(p for p in EXAMPLE_RECORDS if p.stem == "cabinet-2026-10-senior-management-review")
    )
    values = paper_exempt_values(record, [])
    full = example_papers[f"{record.id}/committee_report/full.docx"]
    assert {leak.field for leak in scan_paper(full, values)} == {v.field for v in values}


LGA = ["Local Government Association", "18 Smith Square", "London", "SW1P 3HZ"]
TOWER_HAMLETS = [
    "London Borough of Tower Hamlets",
    "Town Hall",
    "Mulberry Place",
    "5 Clove Crescent",
    "London",
    "E14 2BG",
]


@pytest.mark.parametrize("version", ["full", "public"])
@pytest.mark.parametrize(
    ("paper", "sender"),
    [
        ("northfield-2027/feedback_letter", LGA),
        ("tower-hamlets-2018/feedback_letter", LGA),
        ("tower-hamlets-directions-2017/dclg_submission", TOWER_HAMLETS),
    ],
)
def test_a_letter_opens_with_its_sender_as_its_letterhead(
    example_papers: dict[str, bytes], paper: str, version: str, sender: list[str]
) -> None:
    """The sender's name and address lines open the letter's first page, once, in both
    formats: in Word as the first paragraphs of the body, in the Letterhead style."""
    word = docx_to_text(example_papers[f"{paper}/{version}.docx"])
    body = word[word.index("== word/document.xml ==") :].splitlines()[1:]
    assert body[: len(sender)] == [f"[Letterhead] {line}" for line in sender]
    assert sum(line.startswith("[Letterhead]") for line in body) == len(sender)
    pages = page_texts(example_papers[f"{paper}/{version}.pdf"])
    assert [line.strip() for line in pages[0].splitlines()[: len(sender)]] == sender
    later = [[line.strip() for line in page.splitlines()] for page in pages[1:]]
    assert all(not _holds_lines(lines, sender) for lines in later)


def _holds_lines(lines: list[str], wanted: list[str]) -> bool:
    """Whether ``wanted`` are consecutive lines of ``lines``."""
    return any(lines[i : i + len(wanted)] == wanted for i in range(len(lines)))
