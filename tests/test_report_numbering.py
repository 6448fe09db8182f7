"""Sectional numbering and implications named and written as the body writes them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docgen.docx_text import docx_to_text
from docgen.loading import load_record
from docgen.pdf_text import pdf_to_text
from docgen.render import Templates, render_record

from .conftest import TEMPLATES

SECTIONAL = """\
kind: committee_report
numbering: sectional
committee: Best Value Improvement Board
meeting_date: 2017-09-11
title: Peer challenge
report_by: {name: Sam Okafor}
contact: {name: Sam Okafor}
summary: The report proposes a peer challenge.
recommendations:
  - agree the timing.
sections:
  - heading: Introduction
    paragraphs:
      - The Board asked for a proposal.
      - The LGA has offered a date.
  - heading: Costs
    exempt: 3
    paragraphs:
      - The venue costs £4,000.
      - The catering costs £900.
  - heading: Background
    paragraphs:
      - Peer challenges began in 2011.
implications:
  financial_heading: Comments of the Chief Finance Officer
  financial:
    - There are no direct financial implications.
    - Any costs will be approved in the usual way.
  legal_heading: Legal comments
  legal: The Council has a best value duty.
"""


def _render(path: Path) -> dict[str, bytes]:
    rendered = render_record(load_record(path), [], Templates(TEMPLATES), Path("out"))
    return {f"{p.parts[1]}{p.suffix}": data for p, data in rendered.items()}


def test_sectional_numbering_numbers_headings_and_paragraphs_by_section(
    write_record: Callable[..., Path],
) -> None:
    papers = _render(write_record(SECTIONAL))
    word = docx_to_text(papers["full.docx"])
    assert "[heading 1 1.] Introduction\n[Numbered Paragraph 1.1] The Board asked" in word
    assert "[Numbered Paragraph 2.2 shaded] The catering costs £900." in word
    assert "[heading 1 3.] Background\n[Numbered Paragraph 3.1] Peer challenges" in word
    assert "[heading 1 4.] Comments of the Chief Finance Officer" in word
    assert "[Numbered Paragraph 4.2] Any costs will be approved in the usual way." in word
    assert "[heading 1 5.] Legal comments\n[Numbered Paragraph 5.1] The Council has" in word
    assert "Equalities" not in word
    pdf = pdf_to_text(papers["full.pdf"])
    assert "4. Comments of the Chief Finance Officer\n4.1 There are no direct" in pdf


def test_a_withheld_section_numbered_by_section_keeps_its_heading_number(
    write_record: Callable[..., Path],
) -> None:
    papers = _render(write_record(SECTIONAL))
    word = docx_to_text(papers["public.docx"])
    assert (
        "[heading 1 2.] Not for publication\n[Body Text] {WithheldText: Paragraphs 2.1 and 2.2 "
        "are not for publication by virtue of paragraph 3"
    ) in word
    assert "[heading 1 3.] Background\n[Numbered Paragraph 3.1] Peer challenges" in word
    pdf = pdf_to_text(papers["public.pdf"])
    assert "Paragraphs 2.1 and 2.2 are not for publication" in pdf
    assert "3.1 Peer challenges began in 2011." in pdf


def test_implications_keep_the_house_headings_unless_named(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    word = docx_to_text(_render(write_record(minimal_report))["full.docx"])
    assert "[heading 1] Financial implications\n[Body Text] None" in word
    assert "[heading 1] Equalities implications\n[Body Text] None" in word
