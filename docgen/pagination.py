"""How a paper's pages fall, read back from a laid-out PDF: what the page checks use.

A clerk will not print a page that ends with a heading, a caption or a lead-in (a line
ending in a colon) whose list, table or chart is over the page, nor a table that leaves a
single row on a page. The same checks apply to a .docx once a word processor has laid
it out as PDF (LibreOffice, in the tests), so the two formats are held to one standard
and can be compared page by page.

The paper's own structure comes from its .docx (headings, captions, table rows by
style), which holds the same text as its PDF; the pages come from the PDF's text, with
the running header and footer (the page margins) left out.
"""

from __future__ import annotations

import ctypes
import io
import re
import zipfile
from collections.abc import Iterable, Sequence

import attrs
import pypdfium2
import pypdfium2.raw as pdfium_c
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

MARGIN_BAND = 57.0
"""Points from the top and from the bottom edge of an A4 page that hold only the running
header and the footer: both formats set the body at least 62pt from either edge, and
their header and footer text within 55pt of it."""

KEEP_STYLES = frozenset(
    {
        "Heading1",
        "Heading2",
        "ReportTitle",
        "AreaHeading",
        "ClauseHeading",
        "AppendixHeading",
        "AppendixTitle",
        "Caption",
        "LetterClose",
    }
)
"""Word styles of paragraphs that belong with what follows them: headings, captions and
the complimentary close of a letter."""

NUMBERING = re.compile(r"^(\(?[0-9ivxlc]+[.)]|[0-9]+(\.[0-9]+)+\.?|[•·–-])$")
"""A token that is only a paragraph or list number ("1.", "(ii)", "2.3") or a bullet."""


@attrs.frozen
class Structure:
    """What a paper holds that pagination must respect, in reading order."""

    keep_with_next: tuple[str, ...]
    """The text of each heading, caption and letter close."""
    tables: tuple[tuple[str, tuple[str, ...]], ...]
    """Each table: its caption ("" if none), and the opening words of the first cell of
    each row after its header row."""


@attrs.frozen
class Stranded:
    """One page that breaks a rule: its number (from 1) and what is wrong."""

    page: int
    problem: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.problem}"


def normalise(text: str) -> str:
    """Text as compared across formats: one space between words, no soft hyphens."""
    return " ".join(text.replace("\u00ad", "").replace("\u00a0", " ").split())


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded, without numbering, bullets or punctuation."""
    found = []
    for token in normalise(text).split(" "):
        if NUMBERING.match(token.lower()):
            continue
        word = re.sub(r"[^\w]", "", token.casefold())
        if word:
            found.append(word)
    return found


def page_bodies(pdf: bytes) -> list[list[str]]:
    """Each page's lines of body text, top to bottom, without the running header and footer."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            pages.append(_body_lines(text_page, page.get_height()))
            text_page.close()
            page.close()
        return pages
    finally:
        document.close()


PICTURE = "[picture]"
"""The line that stands, after a page's last text, for a picture below it (a chart under
its caption ends the page, not the caption)."""


Box = tuple[float, float, float, float]


def _figures(page: pypdfium2.PdfPage) -> list[Box]:
    """Where the page's pictures are: every object a PDF tags as part of a figure (a
    chart drawn as SVG: its bars, rules and words), and every image (left, bottom,
    right, top)."""
    boxes = [
        tuple(item.get_bounds())
        for item in page.get_objects(max_depth=0)
        if item.type != pdfium_c.FPDF_PAGEOBJ_IMAGE and _marked(item, b"Figure")
    ]
    for picture in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        boxes.append(tuple(picture.get_bounds()))
    return boxes


def _marked(item: pypdfium2.PdfObject, name: bytes) -> bool:
    """Whether a page object's marked content carries the tag ``name``."""
    wanted = name.decode("ascii")
    for index in range(pdfium_c.FPDFPageObj_CountMarks(item.raw)):
        mark = pdfium_c.FPDFPageObj_GetMark(item.raw, index)
        length = ctypes.c_ulong()
        pdfium_c.FPDFPageObjMark_GetName(mark, None, 0, ctypes.byref(length))
        buffer = ctypes.create_string_buffer(length.value)
        pointer = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
        pdfium_c.FPDFPageObjMark_GetName(mark, pointer, length, ctypes.byref(length))
        if buffer.raw[: max(length.value - 2, 0)].decode("utf-16-le") == wanted:
            return True
    return False


def _inside(x: float, y: float, boxes: list[Box]) -> bool:
    return any(left <= x <= right and bottom <= y <= top for left, bottom, right, top in boxes)


def _body_lines(text_page: pypdfium2.PdfTextPage, height: float) -> list[str]:
    """The page's lines of text, without its margins' and its pictures' words (a chart's
    labels are text in the PDF and part of a picture in Word: neither is body text)."""
    figures = _figures(text_page.page)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    lines: list[str] = []
    current: list[str] = []
    lowest = height
    for index in range(text_page.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(text_page.raw, index))
        if char in "\r\n":
            if current:
                lines.append("".join(current))
                current = []
            continue
        pdfium_c.FPDFText_GetCharBox(
            text_page.raw, index, *(ctypes.byref(v) for v in (left, right, bottom, top))
        )
        middle = (bottom.value + top.value) / 2
        if (top.value or bottom.value) and not MARGIN_BAND < middle < height - MARGIN_BAND:
            continue
        if (top.value or bottom.value) and _inside((left.value + right.value) / 2, middle, figures):
            continue
        if top.value or bottom.value:
            lowest = min(lowest, bottom.value)
        current.append(char)
    if current:
        lines.append("".join(current))
    found = [normalise(line) for line in lines if normalise(line)]
    if any(MARGIN_BAND < box[3] <= lowest + 2 for box in figures):
        found.append(PICTURE)  # a picture below the page's last text
    return found


def header_lines(pdf: bytes) -> list[int]:
    """How many lines of text each page's running header takes (the top margin's text)."""
    document = pypdfium2.PdfDocument(pdf)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    try:
        counts = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            height = page.get_height()
            baselines: list[float] = []
            for char in range(text_page.count_chars()):
                pdfium_c.FPDFText_GetCharBox(
                    text_page.raw, char, *(ctypes.byref(v) for v in (left, right, bottom, top))
                )
                middle = (bottom.value + top.value) / 2
                in_header = (top.value or bottom.value) and middle >= height - MARGIN_BAND
                if in_header and not any(abs(middle - seen) < 3 for seen in baselines):
                    baselines.append(middle)
            counts.append(len(baselines))
            text_page.close()
            page.close()
        return counts
    finally:
        document.close()


def docx_structure(docx: bytes) -> Structure:
    """The headings, captions, letter closes and table rows of a .docx, from its styles."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    keep: list[str] = []
    tables: list[tuple[str, tuple[str, ...]]] = []
    caption = ""
    for element in body:
        if element.tag == f"{W}p":
            style = element.find(f"{W}pPr/{W}pStyle")
            text = normalise("".join(element.itertext()))
            if text and style is not None and style.get(f"{W}val") in KEEP_STYLES:
                keep.append(text)
            if text:
                is_caption = style is not None and style.get(f"{W}val") == "Caption"
                caption = text if is_caption else ""
        elif element.tag == f"{W}tbl":
            rows = element.findall(f"{W}tr")
            header = rows[:1] if rows and rows[0].find(f"{W}trPr/{W}tblHeader") is not None else []
            openings = []
            for row in rows[len(header) :]:
                first = row.find(f"{W}tc")
                opening = words("".join(first.itertext()))[:2] if first is not None else []
                openings.append(" ".join(opening))
            tables.append((caption, tuple(openings)))
            caption = ""
    return Structure(tuple(keep), tuple(tables))


def stranded_pages(pages: Sequence[Sequence[str]], structure: Structure) -> list[Stranded]:
    """Every page but the last that ends with a heading, caption, letter close or lead-in,
    and every page holding a single row of a table that runs over more pages."""
    found = []
    endings = [(words(text), text) for text in structure.keep_with_next]
    for number, lines in enumerate(pages[:-1], start=1):
        if not lines:
            continue
        last = lines[-1]
        if last.endswith(":"):
            found.append(Stranded(number, f"ends with the lead-in {last!r}"))
            continue
        # A heading fills the page's last lines from the start of one of them.
        tails = [words(" ".join(lines[-count:])) for count in range(1, 6)]
        for ending, text in endings:
            if ending and ending in tails:
                found.append(Stranded(number, f"ends with {text!r}"))
                break
    found.extend(_single_rows(pages, structure.tables))
    return found


def _single_rows(
    pages: Sequence[Sequence[str]], tables: Iterable[tuple[str, Sequence[str]]]
) -> list[Stranded]:
    """Pages holding one row of a table whose rows fall on more than one page.

    Each table is found by its caption, then each row by its first cell's opening
    words, searching on from the row before it, so rows are placed in order even when
    their words recur.
    """
    text: list[str] = []
    page_of_word: list[int] = []
    for number, lines in enumerate(pages, start=1):
        for word in words(" ".join(lines)):
            text.append(word)
            page_of_word.append(number)
    found = []
    position = 0
    for caption, rows in tables:
        if caption:
            at = _find(text, words(caption), position)
            if at is None:
                continue
            position = at + len(words(caption))
        row_pages = []
        for opening in rows:
            target = opening.split()
            if not target:
                continue
            at = _find(text, target, position)
            if at is None:
                break
            position = at + len(target)
            row_pages.append(page_of_word[at])
        if len(set(row_pages)) > 1:
            for page in sorted(set(row_pages)):
                if row_pages.count(page) == 1 and len(row_pages) > 2:
                    found.append(Stranded(page, f"holds a single row of the table of {rows[0]!r}"))
    return found


def _find(text: Sequence[str], target: Sequence[str], start: int) -> int | None:
    for index in range(start, len(text) - len(target) + 1):
        if list(text[index : index + len(target)]) == list(target):
            return index
    return None


AGREEMENT = 60
"""Words by which two layouts of one paper may differ in where a page starts and still
agree: about five lines of body text, an eighth of a page."""


def page_starts(pages: Sequence[Sequence[str]]) -> list[int]:
    """Where each page starts, counted in words of body text from the paper's first."""
    starts, count = [], 0
    for lines in pages:
        starts.append(count)
        count += len(words(" ".join(lines)))
    return starts


def start_differences(
    word_pages: Sequence[Sequence[str]], pdf_pages: Sequence[Sequence[str]]
) -> list[int]:
    """For each page both layouts have: how many words later the Word page starts."""
    return [w - p for w, p in zip(page_starts(word_pages), page_starts(pdf_pages), strict=False)]


def pages_agree(word_pages: Sequence[Sequence[str]], pdf_pages: Sequence[Sequence[str]]) -> bool:
    """Whether two layouts of one paper have as many pages, each starting with the same
    words give or take `AGREEMENT` (numbering, bullets and punctuation left out)."""
    return len(word_pages) == len(pdf_pages) and all(
        abs(difference) <= AGREEMENT for difference in start_differences(word_pages, pdf_pages)
    )
