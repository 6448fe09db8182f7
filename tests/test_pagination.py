"""Pages a clerk would print, in both formats: nothing stranded at the foot of a page, and
the Word paper (as LibreOffice lays it out) breaking its pages where the PDF does."""

from __future__ import annotations

import pytest

from docgen.pagination import (
    AGREEMENT,
    Structure,
    docx_structure,
    header_lines,
    page_bodies,
    pages_agree,
    start_differences,
    stranded_pages,
)

from .test_papers import PAPERS, WORD_PAPERS

IDS = {"ids": lambda name: name.replace("/", "-")}

HEADING = Structure(keep_with_next=("Background papers",), tables=())


def test_a_page_ending_with_a_heading_is_stranded() -> None:
    pages = [["1. The report.", "Background papers"], ["None"]]
    assert [str(s) for s in stranded_pages(pages, HEADING)] == [
        "page 1: ends with 'Background papers'"
    ]


def test_a_numbered_heading_wrapped_over_two_lines_is_found_by_its_words() -> None:
    structure = Structure(keep_with_next=("Reasons for the recommendations given",), tables=())
    pages = [["Some text.", "4. Reasons for the", "recommendations given"], ["5. Because."]]
    assert [s.page for s in stranded_pages(pages, structure)] == [1]


def test_a_page_ending_with_a_lead_in_is_stranded_but_the_last_page_never_is() -> None:
    pages = [["The main changes are:"], ["• fewer posts", "Cabinet is asked to:"]]
    assert [str(s) for s in stranded_pages(pages, HEADING)] == [
        "page 1: ends with the lead-in 'The main changes are:'"
    ]


def test_a_heading_followed_on_its_page_by_its_text_is_not_stranded() -> None:
    pages = [["Background papers", "Budget report, June 2026."], ["Appendix 1"]]
    assert stranded_pages(pages, HEADING) == []


def test_a_table_leaving_one_row_on_a_page_is_found() -> None:
    structure = Structure(keep_with_next=(), tables=(("", ("peer one", "peer two", "peer three")),))
    one_left = [["Peer one, Leader", "Peer two, Chief Executive"], ["Peer three, Member"]]
    two_and_two = [["Peer one, Leader"], ["Peer two, Chief", "Peer three, Member"]]
    assert [str(s) for s in stranded_pages(one_left, structure)] == [
        "page 2: holds a single row of the table of 'peer one'"
    ]
    assert [s.page for s in stranded_pages(two_and_two, structure)] == [1]
    assert stranded_pages([["Peer one", "Peer two", "Peer three"], ["After."]], structure) == []


def test_pages_agree_when_each_starts_within_a_few_lines_of_the_other() -> None:
    pdf = [["Cabinet report " + "word " * 200], ["second page " + "word " * 200]]
    close = [["Cabinet report " + "word " * 190], ["word " * 10 + "second page"]]
    far = [["Cabinet report " + "word " * 100], ["word " * 100 + "second page"]]
    assert pages_agree(close, pdf)
    assert not pages_agree(far, pdf)
    assert not pages_agree([*close, ["third"]], pdf)


@pytest.fixture(scope="module")
def pdf_pages(example_papers: dict[str, bytes]) -> dict[str, list[list[str]]]:
    return {name: page_bodies(example_papers[f"{name}.pdf"]) for name in PAPERS}


@pytest.fixture(scope="module")
def word_pages(word_layouts: dict[str, bytes]) -> dict[str, list[list[str]]]:
    return {name: page_bodies(word_layouts[name]) for name in WORD_PAPERS}


def _structure(example_papers: dict[str, bytes], name: str) -> Structure:
    """The headings, captions and tables of a paper, read from its Word version; a paper
    made only as PDF (an agenda pack, a notice) is checked for its lead-ins alone."""
    docx = example_papers.get(f"{name}.docx")
    return docx_structure(docx) if docx is not None else Structure(keep_with_next=(), tables=())


@pytest.mark.parametrize("name", PAPERS, **IDS)
def test_no_pdf_page_ends_with_a_heading_lead_in_or_caption_or_one_table_row(
    example_papers: dict[str, bytes], pdf_pages: dict[str, list[list[str]]], name: str
) -> None:
    structure = _structure(example_papers, name)
    assert [str(s) for s in stranded_pages(pdf_pages[name], structure)] == []


@pytest.mark.parametrize("name", WORD_PAPERS, **IDS)
def test_no_word_page_ends_with_a_heading_lead_in_or_caption_or_one_table_row(
    example_papers: dict[str, bytes], word_pages: dict[str, list[list[str]]], name: str
) -> None:
    structure = docx_structure(example_papers[f"{name}.docx"])
    assert [str(s) for s in stranded_pages(word_pages[name], structure)] == []


def test_no_word_paper_is_more_than_a_page_longer_or_shorter_than_its_pdf(
    pdf_pages: dict[str, list[list[str]]], word_pages: dict[str, list[list[str]]]
) -> None:
    counts = {name: (len(word_pages[name]), len(pdf_pages[name])) for name in WORD_PAPERS}
    assert {name: c for name, c in counts.items() if abs(c[0] - c[1]) > 1} == {}


def test_word_papers_have_as_many_pages_as_their_pdfs(
    pdf_pages: dict[str, list[list[str]]], word_pages: dict[str, list[list[str]]]
) -> None:
    """At least nine papers in ten alike, and none more than a page apart."""
    counts = {name: (len(word_pages[name]), len(pdf_pages[name])) for name in WORD_PAPERS}
    apart = {name: c for name, c in counts.items() if abs(c[0] - c[1]) > 1}
    differ = {name: c for name, c in counts.items() if c[0] != c[1]}
    assert apart == {}
    assert len(differ) <= len(WORD_PAPERS) // 10, differ


def test_word_pages_start_where_the_pdf_pages_start(
    pdf_pages: dict[str, list[list[str]]], word_pages: dict[str, list[list[str]]]
) -> None:
    """Where both have as many pages, each Word page starts within `AGREEMENT` words of
    the PDF page: the same words open it, give or take a few lines."""
    apart = {
        name: start_differences(word_pages[name], pdf_pages[name])
        for name in WORD_PAPERS
        if len(word_pages[name]) == len(pdf_pages[name])
        and not pages_agree(word_pages[name], pdf_pages[name])
    }
    assert apart == {}, f"Word page starts, in words after the PDF's (allowed ±{AGREEMENT})"


LETTERS = [name for name in PAPERS if name.split("/")[1] in ("feedback_letter", "dclg_submission")]


def close_stands_apart(pages: list[list[str]]) -> bool:
    """Whether a letter's "Yours sincerely," opens a page (the close left without the
    letter's last words) or ends one (the signatures gone on without it)."""
    for page in pages:
        for number, line in enumerate(page):
            if line.startswith("Yours sincerely"):
                return number == 0 or number == len(page) - 1
    raise AssertionError("no complimentary close")


def test_a_close_alone_at_the_top_or_foot_of_a_page_is_found() -> None:
    assert close_stands_apart([["Text."], ["Yours sincerely,", "A. Name"]])
    assert close_stands_apart([["Text.", "Yours sincerely,"], ["A. Name"]])
    assert not close_stands_apart([["Text."], ["Next steps", "Yours sincerely,", "A. Name"]])


@pytest.mark.parametrize("name", LETTERS, **IDS)
def test_a_letter_keeps_its_close_with_its_last_words_and_signatures_in_both_formats(
    pdf_pages: dict[str, list[list[str]]], word_pages: dict[str, list[list[str]]], name: str
) -> None:
    assert not close_stands_apart(pdf_pages[name])
    assert not close_stands_apart(word_pages[name])


@pytest.mark.parametrize("name", WORD_PAPERS, **IDS)
def test_the_running_header_is_one_line_in_both_formats(
    example_papers: dict[str, bytes], word_layouts: dict[str, bytes], name: str
) -> None:
    """The short marking fits beside what the paper is; the statutory sentence is on page 1."""
    assert set(header_lines(example_papers[f"{name}.pdf"])) <= {0, 1}
    assert set(header_lines(word_layouts[name])) <= {0, 1}
