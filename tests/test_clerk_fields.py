"""What a clerk expects in a committee report, printed when the record gives it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.docx_text import docx_to_text
from docgen.errors import DocgenError
from docgen.loading import load_record
from docgen.pdf_text import pdf_to_text
from docgen.render import Templates, render_record

from .conftest import MINIMAL_REPORT, RECORDS, TEMPLATES

CABINET = RECORDS / "northfield" / "cabinet-2026-10-senior-management-review.yaml"
KEY_THEMES = RECORDS / "london-councils" / "leaders-2017-02-challenge-key-themes.yaml"


def _render(path: Path) -> dict[str, bytes]:
    rendered = render_record(load_record(path), [], Templates(TEMPLATES), Path("out"))
    return {f"{p.parts[1]}{p.suffix}": data for p, data in rendered.items()}


@pytest.fixture(scope="module")
def cabinet() -> dict[str, bytes]:
    return _render(CABINET)


def test_the_front_page_gives_wards_key_decision_portfolio_holder_sign_off_and_appendices(
    cabinet: dict[str, bytes],
) -> None:
    word = docx_to_text(cabinet["public.docx"])
    front = word.split("[table: Summary and recommendations]")[0]
    for label, value in [
        ("Wards affected", "None directly"),
        ("Key decision", "Yes – Forward Plan reference FP/2026/041"),
        ("Portfolio holder", "Councillor Adaeze Whitfield, Cabinet Member for Resources"),
        ("Monitoring Officer", "Gwen Marchetti, 5 October 2026"),
        ("Chief Finance Officer", "Robert Nakamura-Lee, 1 October 2026"),
        ("Appendices", "Appendix 1 – Comparable councils' senior management structures"),
    ]:
        assert f"| [Table Label] {label}\n    | [Table Text] {value}" in front
    assert "Appendix 2 – {WithheldText: [Not for publication: paragraphs 1 and 4" in front
    pdf = " ".join(pdf_to_text(cabinet["public.pdf"]).split())
    assert "Key decision Yes – Forward Plan reference FP/2026/041" in pdf


def test_reasons_alternatives_and_risks_follow_the_report_in_its_numbering(
    cabinet: dict[str, bytes],
) -> None:
    word = docx_to_text(cabinet["full.docx"])
    assert "[heading 1] Reasons for the recommendations\n[Numbered Paragraph 10.]" in word
    assert "[heading 1] Alternative options considered\n[Numbered Paragraph 12.]" in word
    assert "[heading 1] Risk implications for the Council\n[Body Text] The main risks" in word


def test_fields_not_given_are_not_printed(write_record: Callable[..., Path]) -> None:
    word = docx_to_text(_render(write_record(MINIMAL_REPORT))["full.docx"])
    for label in ("Wards affected", "Key decision", "Portfolio holder", "Appendices", "Risk"):
        assert label not in word


def test_a_forward_plan_reference_needs_a_key_decision(write_record: Callable[..., Path]) -> None:
    path = write_record(MINIMAL_REPORT + "forward_plan_reference: FP/1\n")
    with pytest.raises(DocgenError, match="forward_plan_reference: only a key decision"):
        load_record(path)


def test_a_report_may_print_no_date_and_close_with_attachments() -> None:
    """Reference 001 prints neither date nor item, and "Attachments: None"."""
    word = docx_to_text(_render(KEY_THEMES)["full.docx"])
    assert "[Table Label] Date" not in word
    assert "[Table Label] Item no" not in word
    assert "[Closing Heading] Attachments\n[Body Text] None" in word
    assert "Background papers" not in word
    assert "[Recommendation (i)] Note the report" in word
    assert "[Recommendation (ii)] Comment on the steps" in word
    assert "[heading 1] Organisational implications\n[Numbered Paragraph 21.]" in word
    assert "[Numbered Paragraph 22.]" in word and "[Numbered Paragraph 23.]" not in word


def test_reference_000_is_reproduced_paragraph_for_paragraph() -> None:
    """21 numbered paragraphs with both quotations; Appendix 1 with its seven headings,
    the nine kinds of evidence and the five outcomes of engagement as lists."""
    path = RECORDS / "london-councils" / "leaders-2017-03-item-7-challenge-contribution.yaml"
    word = docx_to_text(_render(path)["full.docx"])
    report, appendix = word.split("[Appendix Heading] Appendix 1")
    assert report.count("[Numbered Paragraph ") == 21
    assert report.count("[Quote] ") == 2
    headings = [line for line in appendix.splitlines() if line.startswith("[heading 1]")]
    assert len(headings) == 7
    assert appendix.count("[Numbered Paragraph ") == 13
    lists = appendix.split("[Numbered Paragraph ")
    bullets = [part.count("[List Bullet") for part in lists]
    assert 9 in bullets and 5 in bullets
