"""The Word structure behind pages a clerk would print: what keeps with what, table
widths and header rows, a letter's first page, a contents list with page numbers."""

from __future__ import annotations

import io
import zipfile
from types import SimpleNamespace

from docgen.builders.wordml import column_widths, paragraph_helper, table
from docgen.pagination import header_lines

from .test_papers import PAPERS


def rows(*cells: list[str]) -> list[SimpleNamespace]:
    return [SimpleNamespace(cells=row, exempt=None) for row in cells]


def part(docx: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read(name).decode("utf-8")


def test_a_lead_in_keeps_with_what_it_introduces_and_other_paragraphs_do_not() -> None:
    paragraph = paragraph_helper(None)
    assert "<w:keepNext/>" in paragraph("The main changes are:")
    assert "<w:keepNext/>" not in paragraph("The main changes are set out below.")


def test_table_columns_are_as_wide_as_their_content_asks() -> None:
    widths = column_widths(
        ["No.", "Requirement", "Deadline"],
        rows(
            ["1", "Establish a Best Value Improvement Board, chaired by the Mayor", "30 June 2017"],
            ["2", "Prepare, agree and deliver a Best Value action plan", "31 March 2018"],
        ),
    )
    number, requirement, deadline = widths
    assert number < deadline < requirement
    assert sum(widths) <= 9638
    assert deadline >= len("February") * 125  # its longest word never breaks


def test_a_table_header_row_repeats_is_shaded_and_the_first_and_last_rows_keep_company() -> None:
    xml = str(
        table(
            "Peers",
            ["Role", "Peer"],
            rows(*[[f"Role {n}", "Name"] for n in range(5)]),
            shade_exempt_rows=False,
        )
    )
    header = xml.split("<w:tr>")[1]
    assert "<w:tblHeader/>" in header and 'w:fill="F2F2F2"' in header
    body = xml.split("<w:tr>")[2:]
    kept = ["<w:keepNext/>" in row for row in body]
    assert kept == [True, False, False, True, False]


def test_a_letter_has_no_running_header_on_its_first_page_in_either_format(
    example_papers: dict[str, bytes], word_layouts: dict[str, bytes]
) -> None:
    letters = [
        name for name in PAPERS if "/feedback_letter/" in name or "/dclg_submission/" in name
    ]
    assert letters
    for name in letters:
        for pdf in (example_papers[f"{name}.pdf"], word_layouts[name]):
            lines = header_lines(pdf)
            assert lines[0] == 0 and all(count == 1 for count in lines[1:]), name


def test_the_word_contents_list_carries_the_pdf_page_numbers(
    example_papers: dict[str, bytes],
) -> None:
    name = "northfield-2027/position_statement/full"
    document = part(example_papers[f"{name}.docx"], "word/document.xml")
    assert "F9" not in document and "TOC \\o" not in document
    assert "Background documents</w:t></w:r><w:r><w:tab/></w:r>" in document
    assert '<w:t xml:space="preserve">4</w:t>' in document.split("Background documents", 1)[1][:200]
