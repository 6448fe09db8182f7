"""The reasons for exemption, shown where members need them, and withheld passages read well."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.builders.wordml import Numbering
from docgen.docx_text import docx_to_text
from docgen.loading import load_record
from docgen.pdf_text import pdf_to_text
from docgen.render import Templates, render_record

from .conftest import RECORDS, TEMPLATES

CABINET = RECORDS / "northfield" / "cabinet-2026-10-senior-management-review.yaml"

WITHHELD_SECTIONS = """\
kind: committee_report
committee: Cabinet
meeting_date: 2026-10-14
title: Depot relocation
report_by: {name: Sam Okafor}
contact: {name: Sam Okafor}
summary: The report proposes moving the depot.
recommendations:
  - agree the move.
sections:
  - heading: Background
    paragraphs:
      - The depot lease ends in 2028.
      - Three sites were assessed.
  - heading: Negotiations
    exempt:
      paragraphs: [3]
      public_interest: Publishing the offers would weaken the Council's position.
      review_by: 2027-05-01
    paragraphs:
      - The landlord of the first site asks £90,000 a year.
      - The landlord of the second site asks £110,000 a year.
      - The third site is the Council's own.
  - heading: Next steps
    paragraphs:
      - A further report will come in March.
      - text: The second bidder is Harlow Freight Limited.
        exempt: 3
  - heading: Programme
    paragraphs:
      - Works would start in 2027.
implications:
  financial: None
  legal: None
  equalities: None
"""


def _render(path: Path) -> dict[str, bytes]:
    rendered = render_record(load_record(path), [], Templates(TEMPLATES), Path("out"))
    return {f"{p.parts[1]}{p.suffix}": data for p, data in rendered.items()}


@pytest.fixture(scope="module")
def cabinet() -> dict[str, bytes]:
    return _render(CABINET)


@pytest.fixture
def depot(write_record: Callable[..., Path]) -> dict[str, bytes]:
    return _render(write_record(WITHHELD_SECTIONS))


def test_a_withheld_section_reads_as_one_notice_that_accounts_for_its_numbers(
    depot: dict[str, bytes],
) -> None:
    word = docx_to_text(depot["public.docx"])
    assert (
        "[heading 1] Not for publication\n[Body Text] {WithheldText: Paragraphs 3 to 5 are not "
        "for publication by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local "
        "Government Act 1972.}\n[heading 1] Next steps\n[Numbered Paragraph 6.] A further report"
    ) in word
    assert "[Numbered Paragraph 7.] {WithheldText: [Not for publication" in word
    assert "[Numbered Paragraph 8.] Works would start in 2027." in word
    pdf = pdf_to_text(depot["public.pdf"])
    assert "Paragraphs 3 to 5 are not for publication" in pdf
    assert "6. A further report will come in March." in pdf
    assert "8. Works would start in 2027." in pdf


def test_the_full_version_numbers_the_withheld_section_as_written(depot: dict[str, bytes]) -> None:
    word = docx_to_text(depot["full.docx"])
    assert "[Numbered Paragraph 5. shaded] The third site is the Council's own." in word
    assert "[Numbered Paragraph 8.] Works would start in 2027." in word


def test_an_exempt_phrase_takes_exactly_its_words(cabinet: dict[str, bytes]) -> None:
    word = docx_to_text(cabinet["public.docx"])
    assert (
        "The change would save an estimated {WithheldText: [Not for publication: paragraph 3 of "
        "Schedule 12A]} once the full-year effect is reached"
    ) in word


def test_the_full_version_labels_each_exempt_passage_with_its_paragraph(
    cabinet: dict[str, bytes],
) -> None:
    word = docx_to_text(cabinet["full.docx"])
    assert (
        "{ExemptText: £412,000 a year}{ExemptLabel:  [Exempt: paragraph 3 of Schedule 12A]} once"
    ) in word
    assert (
        "[Numbered Paragraph 6. shaded] {ExemptLabel: [Exempt: paragraph 1 of Schedule 12A] }"
        in word
    )
    assert (
        "[heading 1 shaded] {ExemptLabel: [Exempt: paragraph 3 of Schedule 12A] }Shared legal"
    ) in word
    assert "{ExemptLabel: [Exempt: paragraphs 1 and 4 of Schedule 12A] }Staff consultation" in word
    pdf = pdf_to_text(cabinet["full.pdf"])
    assert "£412,000 a year [Exempt: paragraph 3 of Schedule 12A]" in pdf
    assert "[Exempt: paragraph 5 of Schedule 12A] Counsel's advice" in pdf


def test_the_full_version_gives_the_reasons_for_each_exemption(cabinet: dict[str, bytes]) -> None:
    """Each exempt item, its paragraph, the public-interest reasoning and the review date."""
    word = docx_to_text(cabinet["full.docx"])
    reasons = word.split("[heading 1] Reasons for exemption", 1)[1]
    assert (
        "| [Table Text] Section “The proposed structure”, paragraph 5 (a phrase)\n"
        "    | [Table Text] Paragraph 3\n"
        "    | [Table Text] In a team of nine posts the saving would let the pay"
    ) in reasons
    assert "| [Table Text] 1 March 2027" in reasons
    assert "| [Table Text] Paragraphs 1 and 4" in reasons
    assert "| [Table Text] 14 January 2027" in reasons
    pdf = pdf_to_text(cabinet["full.pdf"])
    assert "Reasons for exemption" in pdf
    assert "Counsel's advice is privileged" in pdf


def test_the_public_version_has_no_reasons_but_says_at_its_top_that_part_is_withheld(
    cabinet: dict[str, bytes],
) -> None:
    for text in (docx_to_text(cabinet["public.docx"]), pdf_to_text(cabinet["public.pdf"])):
        assert "Reasons for exemption" not in text
        assert "In a team of nine posts" not in text
        note = (
            "Part of this report is not for publication by virtue of paragraphs 1, 3, 4 and 5 "
            "of Part 1 of Schedule 12A to the Local Government Act 1972."
        )
        assert note in " ".join(text.split())
        assert text.index("Part of this report") < text.index("Report by")


def test_a_report_with_nothing_exempt_says_nothing_of_exemption(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    papers = _render(write_record(minimal_report))
    for name in ("full.docx", "public.docx"):
        text = docx_to_text(papers[name])
        assert "Reasons for exemption" not in text
        assert "not for publication" not in text.casefold()


def test_a_word_list_can_go_on_from_a_given_number() -> None:
    numbering = Numbering.from_xml(
        b'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:abstractNum w:abstractNumId="0"><w:name w:val="paragraphs"/></w:abstractNum>'
        b'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    assert numbering.num_id("paragraphs") == 1
    assert numbering.num_id("paragraphs/main-resumed-1@6") == 2
    extended = numbering.extend(b"<w:numbering></w:numbering>").decode()
    assert '<w:startOverride w:val="6"/>' in extended


def test_the_reasons_column_is_the_widest_in_word(cabinet: dict[str, bytes]) -> None:
    """The reasoning is the long text of the panel, so its column gets the room."""
    import re
    import zipfile
    from io import BytesIO

    with zipfile.ZipFile(BytesIO(cabinet["full.docx"])) as archive:
        xml = archive.read("word/document.xml").decode()
    panel = xml[xml.index('w:tblCaption w:val="Each exempt item') :]
    grid = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', panel.split("</w:tblGrid>")[0])]
    assert len(grid) == 4 and grid[2] > max(grid[0], grid[1], grid[3])
