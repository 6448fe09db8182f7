"""The PDF builder: accessible, deterministic, and numbered exactly as the Word version."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pikepdf
import pytest

from docgen.builders.pdf import css_string
from docgen.docx_text import docx_to_text
from docgen.loading import load_record
from docgen.pdf_text import page_texts, pdf_to_text
from docgen.render import Format, Templates, render_record

from .conftest import EXAMPLE_RECORDS, TEMPLATES

EXAMPLE_IDS = [
    "bvib-2017-09-peer-challenge-proposal",
    "cabinet-2026-10-senior-management-review",
    "leaders-2017-02-challenge-key-themes",
    "leaders-2017-03-item-7-challenge-contribution",
]
"""The example committee reports (the commissions papers are checked in test_commissions)."""


@pytest.fixture(scope="module")
def papers(example_papers: dict[str, bytes]) -> dict[str, bytes]:
    """The example committee reports: {"<id>/<version>.<suffix>": bytes}."""
    return {
        name.replace("/committee_report/", "/"): data
        for name, data in example_papers.items()
        if "/committee_report/" in name
    }


def structure_types(pdf: pikepdf.Pdf) -> list[str]:
    """The structure element types of a tagged PDF, in document order."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found.append(str(node.S)[1:])
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)
    return found


@pytest.mark.parametrize("record", EXAMPLE_IDS)
@pytest.mark.parametrize("version", ["full", "public"])
def test_the_pdf_is_tagged_with_its_language_and_title(
    papers: dict[str, bytes], record: str, version: str
) -> None:
    """PDF/UA basics: marked content, a structure tree, en-GB, the title shown as the window title."""
    with pikepdf.open(io.BytesIO(papers[f"{record}/{version}.pdf"])) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == str(
            load_record(next(p for p in EXAMPLE_RECORDS if p.stem == record)).data.title
        )
        types = structure_types(pdf)
    headings = [int(t[1]) for t in types if re.fullmatch(r"H[1-6]", t)]
    assert headings[0] == 1, "the first heading is the report's title"
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings)), "no heading level is skipped"
    assert {"Table", "TR", "TH", "TD", "L", "LI"} <= set(types)


@pytest.mark.parametrize("record", EXAMPLE_IDS)
def test_paragraph_numbers_match_the_word_version(papers: dict[str, bytes], record: str) -> None:
    """Both formats number the same paragraphs (and, numbered by section, the same section
    headings) the same way, through every version."""
    for version in ("full", "public"):
        word = re.findall(
            r"^\[(?:Numbered Paragraph|heading 1) (\d{1,3}\.(?:\d{1,2})?)[\] ]",
            docx_to_text(papers[f"{record}/{version}.docx"]),
            flags=re.MULTILINE,
        )
        pdf = re.findall(
            r"^(\d{1,3}\.(?:\d{1,2})?) ",
            pdf_to_text(papers[f"{record}/{version}.pdf"]),
            flags=re.MULTILINE,
        )
        assert word
        assert pdf == word


def test_a_report_numbered_by_section_numbers_its_headings_and_paragraphs(
    papers: dict[str, bytes],
) -> None:
    """Tower Hamlets numbers by section: 1. Introduction/Summary, 1.1 …, 5.6, in real Word lists."""
    text = docx_to_text(papers["bvib-2017-09-peer-challenge-proposal/full.docx"])
    numbers = re.findall(r"^\[Numbered Paragraph (\d+\.\d+)\]", text, flags=re.MULTILINE)
    sections = re.findall(r"^\[heading 1 (\d+)\.\] (.+)$", text, flags=re.MULTILINE)
    assert [heading for _, heading in sections] == [
        "Introduction/Summary",
        "Recommendations",
        "Background",
        "Comments of the Chief Finance Officer",
        "Legal comments",
    ]
    assert [n for n, _ in sections] == ["1", "2", "3", "4", "5"]
    per_section = {s: sum(n.startswith(f"{s}.") for n in numbers) for s, _ in sections}
    assert per_section == {"1": 3, "2": 1, "3": 16, "4": 2, "5": 6}
    assert "Equalities" not in text


@pytest.mark.parametrize("record", EXAMPLE_IDS)
def test_each_example_has_a_sensible_number_of_pages(papers: dict[str, bytes], record: str) -> None:
    """A committee report of these sizes runs to two to twelve A4 pages (reference 000,
    reproduced whole with its appendix, is the longest)."""
    with pikepdf.open(io.BytesIO(papers[f"{record}/full.pdf"])) as pdf:
        assert 2 <= len(pdf.pages) <= 12
        _, _, width, height = pdf.pages[0].mediabox
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (210, 297)


def test_rendering_twice_gives_identical_pdfs(papers: dict[str, bytes]) -> None:
    """Fixed dates from the record and a fixed identifier: the same bytes every build."""
    path = next(p for p in EXAMPLE_RECORDS if p.stem == "cabinet-2026-10-senior-management-review")
    again = render_record(load_record(path), [], Templates(TEMPLATES), Path("out"), (Format.PDF,))
    for output, data in again.items():
        assert data == papers[f"{path.stem}/{output.parts[1]}.pdf"]


def test_the_full_version_is_marked_on_every_page(papers: dict[str, bytes]) -> None:
    """NOT FOR PUBLICATION stands at the top of every page of a full paper with exempt content."""
    record = "cabinet-2026-10-senior-management-review"
    assert all("NOT FOR PUBLICATION" in text for text in page_texts(papers[f"{record}/full.pdf"]))
    assert not any(
        "NOT FOR PUBLICATION" in text for text in page_texts(papers[f"{record}/public.pdf"])
    )


def test_every_page_says_which_page_of_how_many(papers: dict[str, bytes]) -> None:
    """The footer reads Page X of Y."""
    texts = page_texts(papers["leaders-2017-03-item-7-challenge-contribution/public.pdf"])
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


def test_the_fonts_are_the_shipped_liberation_sans_embedded(papers: dict[str, bytes]) -> None:
    """Papers look the same on every machine: only the shipped font, embedded."""
    with pikepdf.open(io.BytesIO(papers["leaders-2017-02-challenge-key-themes/full.pdf"])) as pdf:
        fonts = [font for page in pdf.pages for font in page.Resources.Font.values()]
        names = {str(font.BaseFont).split("+")[-1] for font in fonts}
        embedded = all(
            "/FontFile2" in descendant.FontDescriptor
            for font in fonts
            for descendant in font.get("/DescendantFonts", [font])
        )
    assert names == {"Liberation-Sans", "Liberation-Sans-Bold"} and embedded


def test_a_css_string_cannot_escape_its_rule() -> None:
    """Running-header text is escaped so no record value can close the string or the style."""
    value = css_string('a"; } </style><script>x</script> \\')
    assert '"' not in value[1:-1] and "<" not in value and "}" not in value
