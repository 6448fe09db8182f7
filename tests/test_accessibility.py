"""Every example paper is accessible: each PDF is PDF/UA-1 as an independent validator
checks it, with its running header and footer as artifacts; each .docx has alt text on
every picture, header rows, headings in order and a language (see tests/accessibility.py)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile

import pikepdf
import pytest

from .accessibility import (
    content_outside_the_tree,
    docx_problems,
    page_text_by_marking,
    pdf_problems,
)

PAGE_NUMBER = re.compile(r"Page (\d+) of (\d+)")


def _papers(example_papers: dict[str, bytes], suffix: str) -> dict[str, bytes]:
    """Every example paper in one format (a paper made only as PDF has no .docx)."""
    papers = {name: data for name, data in example_papers.items() if name.endswith(suffix)}
    assert papers, f"no example {suffix} paper"
    return papers


def test_every_example_pdf_is_pdf_ua_1(example_papers: dict[str, bytes]) -> None:
    problems = {name: pdf_problems(data) for name, data in _papers(example_papers, ".pdf").items()}
    assert {name: found for name, found in problems.items() if found} == {}


def test_page_numbers_are_artifacts_never_read_as_content(
    example_papers: dict[str, bytes],
) -> None:
    """A screen reader reads "Page 2 of 5" nowhere in the text; it is on the page, as
    an artifact of pagination, with the running header."""
    for name, data in _papers(example_papers, ".pdf").items():
        pages = page_text_by_marking(data)
        numbered = [
            number
            for number, (artifacts, _) in enumerate(pages, start=1)
            if f"Page {number} of {len(pages)}" in artifacts
        ]
        # A letter's first page carries its letterhead and no page number: a one-page
        # letter has none to find.
        if len(pages) > 1 or ("letter" not in name and "dclg_submission" not in name):
            assert numbered, f"{name}: no page number is drawn as an artifact"
        read = {number: PAGE_NUMBER.findall(tagged) for number, (_, tagged) in enumerate(pages, 1)}
        assert {number: found for number, found in read.items() if found} == {}, name


def test_the_running_header_is_an_artifact_of_every_page(example_papers: dict[str, bytes]) -> None:
    """The item of the running header is pagination on every page, and so is the
    NOT FOR PUBLICATION marking of a full version (read once, on its first page)."""
    pages = page_text_by_marking(
        example_papers["cabinet-2026-10-senior-management-review/committee_report/full.pdf"]
    )
    assert len(pages) > 1
    for artifacts, _ in pages:
        assert "Item 9" in artifacts
        assert "NOT FOR PUBLICATION" in artifacts
    # The marking is in capitals; the report's own sentences may say "not for publication".
    read = [n for n, (_, tagged) in enumerate(pages, 1) if "NOT FOR PUBLICATION" in tagged]
    assert read == [1]


def test_every_example_docx_is_accessible(example_papers: dict[str, bytes]) -> None:
    problems = {
        name: docx_problems(data) for name, data in _papers(example_papers, ".docx").items()
    }
    assert {name: found for name, found in problems.items() if found} == {}


MARGIN_PAGE = """\
import sys, weasyprint
{install}
html = '<html lang="en-GB"><head><title>T</title><style>@page {{ @bottom-center \
{{ content: "Page " counter(page) }} }}</style></head><body><p>Text</p></body></html>'
sys.stdout.buffer.write(weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
"""


def _artifact_kinds(data: bytes) -> list[tuple[str, str]]:
    """(Type, Subtype) of each artifact on the first page that says what it is."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [
            (str(item.operands[1].get("/Type")), str(item.operands[1].get("/Subtype")))
            for item in pikepdf.parse_content_stream(pdf.pages[0])
            if isinstance(item, pikepdf.ContentStreamInstruction)
            and str(item.operator) == "BDC"
            and item.operands[0] == pikepdf.Name.Artifact
        ]


@pytest.mark.parametrize("installed", [False, True], ids=["weasyprint", "docgen"])
def test_page_margins_leave_no_content_outside_the_structure_tree(installed: bool) -> None:
    """WeasyPrint alone tags the text of a page-margin box and leaves it out of the
    structure tree; docgen's PDFs draw it as an artifact. (A fresh process, since
    docgen's drawing of margins is installed once per process.) Once a WeasyPrint
    draws margins as artifacts itself, the first case fails: docgen's wrapping is then
    no longer needed."""
    install = "from docgen.builders import pdf_artifacts; pdf_artifacts.install()"
    script = MARGIN_PAGE.format(install=install if installed else "")
    data = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, timeout=120
    ).stdout
    problems = content_outside_the_tree(data)
    if installed:
        assert problems == []
        assert page_text_by_marking(data) == [("Page 1", "Text")]
        assert _artifact_kinds(data) == [("/Pagination", "/Footer")]
    else:
        assert problems and "is in no element of the structure tree" in problems[0]


def test_a_weasyprint_that_draws_margins_otherwise_is_refused() -> None:
    """docgen wraps WeasyPrint's own drawing functions; it says so rather than wrap others."""
    script = (
        "import weasyprint.draw as draw\n"
        "draw.draw_stacking_context = lambda *args: None\n"
        "from docgen.builders import pdf_artifacts\n"
        "from docgen.errors import DocgenError\n"
        "try:\n    pdf_artifacts.install()\nexcept DocgenError as error:\n    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True, timeout=120
    )
    assert "draws page margins in a way docgen does not know" in result.stdout


def test_the_validator_finds_a_skipped_heading_level() -> None:
    """The validator is live: a heading that skips a level fails PDF/UA-1."""
    import weasyprint

    html = (
        '<html lang="en-GB"><head><title>T</title></head><body><h1>A</h1><h3>B</h3></body></html>'
    )
    problems = pdf_problems(weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
    assert any(problem.startswith("PDFUA1-HEADING-NESTING") for problem in problems)


def _changed(data: bytes, part: str, old: str, new: str) -> bytes:
    """``data`` (a .docx) with ``old`` replaced by ``new`` in its part ``part``."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as changed:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == part:
                text = content.decode("utf-8")
                assert re.search(old, text), f"{old!r} is not in {part}"
                content = re.sub(old, new, text).encode("utf-8")
            changed.writestr(item, content)
    return target.getvalue()


RADAR = "radar-2026-11/radar_report/full.docx"  # pictures, tables of both kinds
LOGO = (
    '<w:p xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<w:r><w:drawing><wp:inline><wp:docPr id="9" name="Logo"/></wp:inline></w:drawing></w:r></w:p>'
)
SUBMISSION = "tower-hamlets-directions-2017/dclg_submission/full.docx"  # Heading 1 and 2


@pytest.mark.parametrize(
    ("paper", "part", "old", "new", "problem"),
    [
        (RADAR, "word/document.xml", r' descr="[^"]*"', "", "has no alt text"),
        (RADAR, "word/document.xml", r"<w:tblHeader/>", "", "marks no header row"),
        (RADAR, "word/document.xml", r'w:firstColumn="1"', 'w:firstColumn="0"', "no header row"),
        (SUBMISSION, "word/styles.xml", r'outlineLvl w:val="1"', 'outlineLvl w:val="2"', "skips"),
        (RADAR, "word/styles.xml", r"<w:lang [^>]*/>", "", "no language in the styles"),
        (RADAR, "docProps/core.xml", r"<dc:language>[^<]*</dc:language>", "", "(dc:language)"),
        (RADAR, "docProps/core.xml", r"<dc:title>[^<]*</dc:title>", "", "(dc:title)"),
        (RADAR, "word/header1.xml", r"</w:hdr>", LOGO + "</w:hdr>", "header1.xml: picture"),
    ],
    ids=[
        *("alt text", "header row", "header column", "heading order"),
        *("language", "dc:language", "title", "a logo without alt text"),
    ],
)
def test_the_docx_check_finds_what_word_would_flag(
    example_papers: dict[str, bytes], paper: str, part: str, old: str, new: str, problem: str
) -> None:
    """Each check of `docx_problems` fails a paper that lacks what it checks."""
    data = example_papers[paper]
    assert docx_problems(data) == []
    problems = docx_problems(_changed(data, part, old, new))
    assert any(problem in found for found in problems), problems
