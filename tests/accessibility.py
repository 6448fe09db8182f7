"""Accessibility checks for any paper docgen writes, for tests to assert on.

`pdf_problems` is PDF/UA-1 as an independent validator checks it (page, on PyPI as
``page-validation``: veraPDF's PDF/UA-1 rules reimplemented in Rust, which its authors
test against veraPDF's own corpus), plus what it does not check: that every piece of tagged content
belongs to an element of the structure tree, so nothing a screen reader reads is
outside the document's reading order (running headers and footers must be artifacts),
and that no caption, heading or header cell is empty.

`docx_problems` is what Word's accessibility checker looks for: alt text on every
picture (headers and footers too), a header row on every table (or, for a table of
labels and values, a header column), headings that never skip a level, a language and
a title. A table of a single cell holds no data to be read as a table (docgen uses one
to keep a letter's close and signatures on one page); assistive technology reads it as
text, and it needs no header.

Each returns a list of readable problems, empty when the paper passes, so a test can
``assert not problems`` and show them all when it fails.
"""

from __future__ import annotations

import ctypes
import io
import re
import zipfile
from collections.abc import Iterator

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
DC = "http://purl.org/dc/elements/1.1/"
NS = {"w": W, "wp": WP, "dc": DC}
HEADING_STYLE = re.compile(r"Heading([1-9])$")


# --- PDF ---------------------------------------------------------------------------------


def pdf_problems(data: bytes) -> list[str]:
    """Every PDF/UA-1 failure of the validator, then any content outside the structure
    tree, then any empty caption, heading or header cell."""
    import page

    report = page.validate_pdf_bytes(data, profile=page.ValidationProfile.PDF_UA_1)
    problems = [f"{failure.rule_id}: {failure.message}" for failure in report.failures]
    if not report.is_compliant and not problems:
        problems.append("not PDF/UA-1 compliant (the validator names no rule)")
    return problems + content_outside_the_tree(data) + empty_elements(data)


def _number_tree(node: pikepdf.Object) -> Iterator[tuple[int, pikepdf.Object]]:
    """The (key, value) pairs of a PDF number tree, leaves and kids alike."""
    nums = node.get("/Nums")
    if nums is not None:
        for index in range(0, len(nums), 2):
            yield int(nums[index]), nums[index + 1]
    for kid in node.get("/Kids", []):
        yield from _number_tree(kid)


def _reachable(root: pikepdf.Object) -> set[tuple[int, int]]:
    """The structure elements reachable from the structure tree root, by object id."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary):
            continue
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        kids = node.get("/K")
        if kids is not None:
            stack.append(kids)
    return seen


def content_outside_the_tree(data: bytes) -> list[str]:
    """Tagged content (a marked-content id) whose structure element is not in the tree:
    a reader following the tree never reaches it, one reading the page does."""
    problems = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return ["the PDF has no structure tree"]
        reachable = _reachable(root)
        parents = dict(_number_tree(root.ParentTree))
        for number, pdf_page in enumerate(pdf.pages, start=1):
            index = pdf_page.obj.get("/StructParents")
            if index is None:
                continue
            for mcid, element in enumerate(parents.get(int(index), [])):
                if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable:
                    problems.append(
                        f"page {number}: marked content {mcid} ({element.get('/S')}) is in no "
                        "element of the structure tree; mark it as an artifact or tag it"
                    )
    return problems


MUST_SAY_SOMETHING = {"/Caption", "/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/TH"}


def _says_something(element: pikepdf.Dictionary) -> bool:
    """Whether a structure element holds content: marked content, an annotation, an
    element that does, or text of its own (/Alt, /ActualText)."""
    if "/Alt" in element or "/ActualText" in element:
        return True
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, int) or (
            isinstance(kid, pikepdf.Object) and kid._type_code == pikepdf.ObjectType.integer
        ):
            return True
        if isinstance(kid, pikepdf.Dictionary) and (
            kid.get("/Type") in ("/MCR", "/OBJR") or _says_something(kid)
        ):
            return True
    return False


def empty_elements(data: bytes) -> list[str]:
    """Captions, headings and header cells with nothing in them: a screen reader
    announces a caption, heading or column and then says nothing."""
    problems = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        stack = [root] if root is not None else []
        seen: set[tuple[int, int]] = set()
        while stack:
            node = stack.pop()
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if not isinstance(kid, pikepdf.Dictionary) or kid.get("/Type") != "/StructElem":
                    continue
                if kid.is_indirect:
                    if kid.objgen in seen:
                        continue
                    seen.add(kid.objgen)
                if str(kid.get("/S")) in MUST_SAY_SOMETHING and not _says_something(kid):
                    problems.append(f"an empty {kid.get('/S')} element: announced, then silent")
                stack.append(kid)
    return problems


def _utf16(function: object, *args: object) -> str:
    """A PDFium string getter's answer (UTF-16LE, asked for its length first)."""
    length = function(*args, None, 0)  # type: ignore[operator]
    if length <= 2:
        return ""
    buffer = ctypes.create_string_buffer(length)
    function(*args, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), length)  # type: ignore[operator]
    return buffer.raw[: length - 2].decode("utf-16-le")


def _mark_names(handle: object) -> list[str]:
    names = []
    for index in range(pdfium.FPDFPageObj_CountMarks(handle)):
        mark = pdfium.FPDFPageObj_GetMark(handle, index)
        length = ctypes.c_ulong()
        pdfium.FPDFPageObjMark_GetName(mark, None, 0, ctypes.byref(length))
        buffer = ctypes.create_string_buffer(length.value)
        pointer = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
        pdfium.FPDFPageObjMark_GetName(mark, pointer, length, ctypes.byref(length))
        names.append(buffer.raw[: max(length.value - 2, 0)].decode("utf-16-le"))
    return names


def page_text_by_marking(data: bytes) -> list[tuple[str, str]]:
    """Each page's text in two parts: (artifact text, tagged text), each text object's
    words joined by single spaces, as PDFium reads the marked-content sequences."""
    document = pypdfium2.PdfDocument(data)
    pages = []
    try:
        for index in range(len(document)):
            pdf_page = document[index]
            text_page = pdf_page.get_textpage()
            parts: dict[bool, list[str]] = {True: [], False: []}
            for obj in pdf_page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_TEXT]):
                text = _utf16(pdfium.FPDFTextObj_GetText, obj.raw, text_page.raw)
                parts["Artifact" in _mark_names(obj.raw)].append(text.strip())
            pages.append(
                (" ".join(filter(None, parts[True])), " ".join(filter(None, parts[False])))
            )
            text_page.close()
            pdf_page.close()
    finally:
        document.close()
    return pages


# --- Word --------------------------------------------------------------------------------


def docx_problems(data: bytes) -> list[str]:
    """What Word's accessibility checker would flag in the .docx ``data``."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        styles = etree.fromstring(package.read("word/styles.xml"))
        margins = [
            (name, etree.fromstring(package.read(name)))
            for name in sorted(package.namelist())
            if re.fullmatch(r"word/(header|footer)\d*\.xml", name)
        ]
        core = (
            etree.fromstring(package.read("docProps/core.xml"))
            if "docProps/core.xml" in package.namelist()
            else None
        )
    return [
        *_pictures_without_alt_text(document),
        *(
            f"{name}: {problem}"
            for name, part in margins
            for problem in _pictures_without_alt_text(part)
        ),
        *_tables_without_headers(document),
        *_skipped_heading_levels(document, styles),
        *_missing_language(styles, core),
        *_missing_title(core),
    ]


def _pictures_without_alt_text(document: etree._Element) -> list[str]:
    problems = []
    for properties in document.iter(f"{{{WP}}}docPr"):
        if not (properties.get("descr") or "").strip():
            problems.append(f"picture {properties.get('name')!r} has no alt text (wp:docPr descr)")
    return problems


def _tables_without_headers(document: etree._Element) -> list[str]:
    """A table must mark its first row as a header row (repeated on each page, announced
    as column headers), or, laid out as label and value, say its first column is the
    header (w:tblLook w:firstColumn)."""
    problems = []
    for number, table in enumerate(document.iter(f"{{{W}}}tbl"), start=1):
        rows = table.findall("w:tr", NS)
        if not rows or (len(rows) == 1 and len(rows[0].findall("w:tc", NS)) == 1):
            continue
        header_row = rows[0].find("w:trPr/w:tblHeader", NS) is not None
        look = table.find("w:tblPr/w:tblLook", NS)
        header_column = look is not None and look.get(f"{{{W}}}firstColumn") in ("1", "true")
        if not (header_row or header_column):
            first = "".join(rows[0].itertext()).strip()[:60]
            problems.append(
                f"table {number} (first row {first!r}) marks no header row (w:tblHeader) "
                "and no header column (w:tblLook w:firstColumn)"
            )
        if (
            any(row.find("w:trPr/w:tblHeader", NS) is not None for row in rows[1:])
            and not header_row
        ):
            problems.append(f"table {number} marks a header row below its first row")
    return problems


def _heading_levels(document: etree._Element, styles: etree._Element) -> Iterator[tuple[int, str]]:
    """(level, text) of each heading paragraph, by its style's outline level or name."""
    levels: dict[str, int] = {}
    for style in styles.findall("w:style[@w:type='paragraph']", NS):
        style_id = style.get(f"{{{W}}}styleId") or ""
        outline = style.find("w:pPr/w:outlineLvl", NS)
        match = HEADING_STYLE.match(style_id)
        if outline is not None and int(outline.get(f"{{{W}}}val") or 9) < 9:
            levels[style_id] = int(outline.get(f"{{{W}}}val") or 0) + 1
        elif match:
            levels[style_id] = int(match.group(1))
    for paragraph in document.iter(f"{{{W}}}p"):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        outline = paragraph.find("w:pPr/w:outlineLvl", NS)
        level = None
        if outline is not None and int(outline.get(f"{{{W}}}val") or 9) < 9:
            level = int(outline.get(f"{{{W}}}val") or 0) + 1
        elif style is not None:
            level = levels.get(style.get(f"{{{W}}}val") or "")
        if level is not None:
            yield level, "".join(paragraph.itertext()).strip()[:60]


def _skipped_heading_levels(document: etree._Element, styles: etree._Element) -> list[str]:
    problems = []
    previous = 0
    for level, text in _heading_levels(document, styles):
        if level > previous + 1:
            problems.append(
                f"heading {text!r} is level {level} after "
                + (f"level {previous}" if previous else "no heading")
                + f"; it skips level {previous + 1}"
            )
        previous = level
    return problems


def _missing_language(styles: etree._Element, core: etree._Element | None) -> list[str]:
    problems = []
    language = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    if language is None or not language.get(f"{{{W}}}val"):
        problems.append("no language in the styles' document defaults (w:docDefaults w:lang)")
    if core is None or not (core.findtext("dc:language", namespaces=NS) or "").strip():
        problems.append("no language in the core properties (dc:language)")
    return problems


def _missing_title(core: etree._Element | None) -> list[str]:
    """The title a reader's window and a screen reader announce (dc:title)."""
    if core is None or not (core.findtext("dc:title", namespaces=NS) or "").strip():
        return ["no title in the core properties (dc:title)"]
    return []
