"""WordprocessingML fragments that Word templates ask for through Jinja helpers.

A docxtpl template places ``{{p paragraph(...) }}`` where a whole paragraph goes
and ``{{r runs(...) }}`` where runs go inside one. The helpers here build that XML
from `Text` (so exempt and withheld spans get their character styles) and give
numbered paragraphs real Word numbering, restarting a list where a template
names a new instance of it (``list="appendix/2"``).

Everything returned is `Markup`: its text has been escaped here, once.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Sequence
from typing import Any

import attrs
from lxml import etree
from markupsafe import Markup, escape

from docgen.exempt import SpanKind, Text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

LABEL_STYLE = "ExemptLabel"
"""Character style of the label that says, in a full version, which paragraph applies."""

SPAN_STYLES = {
    SpanKind.PLAIN: None,
    SpanKind.EXEMPT: "ExemptText",
    SpanKind.NOTICE: "WithheldText",
}
"""Character style (in the template's styles.xml) for each kind of span."""

EXEMPT_PARAGRAPH_SHADING = "D9D9D9"


def label_run(label: str) -> str:
    """The shaded label naming the paragraph of Schedule 12A that applies."""
    return (
        f'<w:r><w:rPr><w:rStyle w:val="{LABEL_STYLE}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(label)}</w:t></w:r>'
    )


def runs(text: Text | str | None, *, bold: bool = False, italic: bool = False) -> Markup:
    """``<w:r>`` elements for ``text``; exempt and withheld spans keep their styles.

    An exempt phrase (full version) is followed by its label, inside the shading.
    """
    if text is None:
        return Markup("")
    spans = text.spans if isinstance(text, Text) else (None,)
    labels = text.labels() if isinstance(text, Text) else (None,)
    parts = []
    for span, label in zip(spans, labels, strict=True):
        content = str(text) if span is None else span.text
        style = None if span is None else SPAN_STYLES[span.kind]
        properties = ""
        if style:
            properties += f'<w:rStyle w:val="{style}"/>'
        if bold:
            properties += "<w:b/>"
        if italic:
            properties += "<w:i/>"
        rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
        parts.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(content)}</w:t></w:r>')
        if label is not None:
            parts.append(label_run(f" {label}"))
    return Markup("".join(parts))


@attrs.define
class Numbering:
    """The numbering instances one rendering of a template uses.

    The template's numbering.xml names each abstract list (``<w:name w:val="paragraphs"/>``)
    and gives it a first instance. A list name with a ``/`` suffix asks for a separate
    instance that starts again from 1, or from N with an ``@N`` suffix
    (``paragraphs/resumed-1@8``: the list goes on at 8 after paragraphs withheld);
    each such instance is added to numbering.xml.
    """

    abstract_ids: dict[str, int]
    first_num_ids: dict[str, int]
    next_id: int
    instances: dict[str, int] = attrs.field(factory=dict)
    added: list[tuple[int, int, int]] = attrs.field(factory=list)

    @classmethod
    def from_xml(cls, numbering_xml: bytes) -> Numbering:
        root = etree.fromstring(numbering_xml)
        abstract_ids: dict[str, int] = {}
        for abstract in root.iter(f"{W}abstractNum"):
            name = abstract.find(f"{W}name")
            if name is not None:
                abstract_ids[name.get(f"{W}val")] = int(abstract.get(f"{W}abstractNumId"))
        first_num_ids: dict[str, int] = {}
        highest = 0
        for num in root.iter(f"{W}num"):
            num_id = int(num.get(f"{W}numId"))
            highest = max(highest, num_id)
            abstract_id = int(num.find(f"{W}abstractNumId").get(f"{W}val"))
            for name, candidate in abstract_ids.items():
                if candidate == abstract_id:
                    first_num_ids.setdefault(name, num_id)
        return cls(abstract_ids, first_num_ids, highest + 1)

    def num_id(self, list_name: str) -> int:
        """The numbering instance for ``list_name`` (``paragraphs`` or ``appendix/2``)."""
        if list_name in self.instances:
            return self.instances[list_name]
        abstract, _, instance = list_name.partition("/")
        start = 1
        if "@" in instance:
            instance, _, first = instance.rpartition("@")
            if not first.isdigit() or int(first) < 1:
                raise KeyError(f"'{list_name}' does not end in @ and a number to start from")
            start = int(first)
        if abstract not in self.abstract_ids:
            known = ", ".join(sorted(self.abstract_ids))
            raise KeyError(f"the template defines no list named '{abstract}' (it has {known})")
        if not instance and abstract in self.first_num_ids:
            num_id = self.first_num_ids[abstract]
        else:
            num_id = self.next_id
            self.next_id += 1
            self.added.append((num_id, self.abstract_ids[abstract], start))
        self.instances[list_name] = num_id
        return num_id

    def extend(self, numbering_xml: bytes) -> bytes:
        """numbering.xml with the instances added during this rendering."""
        if not self.added:
            return numbering_xml
        extra = "".join(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
            for num_id, abstract_id, start in self.added
        )
        closing = b"</w:numbering>"
        head, found, tail = numbering_xml.rpartition(closing)
        if not found:
            raise ValueError("numbering.xml has no closing </w:numbering>")
        return head + extra.encode() + closing + tail


def is_lead_in(text: Text | str | None) -> bool:
    """Whether a paragraph introduces what follows it (a list, table or chart): its text
    ends with a colon. Word keeps such a paragraph on the page of what it introduces."""
    return text is not None and str(text).rstrip().endswith(":")


def paragraph_helper(numbering: Numbering | None) -> Any:
    """The ``paragraph()`` function a template calls for one whole paragraph."""

    def paragraph(
        text: Text | str | None,
        style: str = "BodyText",
        *,
        list: str | None = None,
        level: int = 0,
        shaded: bool = False,
        bold: bool = False,
        keep_with_next: bool = False,
        label: str | None = None,
        lead: str | None = None,
        lines: Sequence[tuple[str, str]] = (),
    ) -> Markup:
        """``label``: the exemption label that opens a shaded paragraph; ``lead``: words in
        bold that open the paragraph ("Accountability."), then a space; ``lines``: further
        lines of the same paragraph, each (character style, text), after a line break (an
        agenda item's note: one paragraph cannot be parted from its item by a page)."""
        properties = f'<w:pStyle w:val="{escape(style)}"/>'
        if keep_with_next or is_lead_in(text):
            # Kept with what it introduces, yet free to break over a page as the PDF's
            # paragraphs are (two lines at least on each side): a long lead-in is not
            # moved whole to the next page.
            properties += "<w:keepNext/>"
        if list is not None:
            if numbering is None:
                raise KeyError("this template has no numbering.xml, so no numbered lists")
            num_id = numbering.num_id(list)
            properties += (
                f'<w:numPr><w:ilvl w:val="{int(level)}"/><w:numId w:val="{num_id}"/></w:numPr>'
            )
        if shaded:
            properties += (
                f'<w:shd w:val="clear" w:color="auto" w:fill="{EXEMPT_PARAGRAPH_SHADING}"/>'
            )
        labelled = label_run(f"{label} ") if label else ""
        opening = runs(f"{lead} ", bold=True) if lead else ""
        more = "".join(
            f'<w:r><w:br/></w:r><w:r><w:rPr><w:rStyle w:val="{escape(line_style)}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(str(line))}</w:t></w:r>'
            for line_style, line in lines
            if line
        )
        return Markup(
            f"<w:p><w:pPr>{properties}</w:pPr>{labelled}{opening}{runs(text, bold=bold)}"
            f"{more}</w:p>"
        )

    return paragraph


EMU_PER_MM = 36000
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
IMAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


FIRST_PICTURE_ID = 1000
"""Drawing ids of pictures docgen adds start here, clear of a template's own (1, 2 …)."""


@attrs.define
class Media:
    """Pictures added while rendering: their parts and their relationships.

    ``taken`` are the template's own part names: a picture docgen adds is named so that
    it never replaces one of them (a council's logo is often ``media/image1.png``).
    """

    items: list[tuple[str, str, bytes]] = attrs.field(factory=list)
    taken: frozenset[str] = frozenset()

    def add(self, data: bytes) -> tuple[str, int]:
        """Store a PNG; its relationship id and its number (Chart 1, Chart 2 …)."""
        number = len(self.items) + 1
        name = f"media/docgen-chart{number}.png"
        if f"word/{name}" in self.taken:
            raise ValueError(f"the template already has a part word/{name}")
        self.items.append((f"rIdDocgenImage{number}", name, data))
        return f"rIdDocgenImage{number}", number

    def content_types(self, types_xml: bytes) -> bytes:
        """[Content_Types].xml with PNG declared, if the template (saved by Word with no
        PNG of its own) does not declare it already."""
        if b'Extension="png"' in types_xml:
            return types_xml
        extra = b'<Default Extension="png" ContentType="image/png"/>'
        closing = b"</Types>"
        head, found, tail = types_xml.rpartition(closing)
        if not found:
            raise ValueError("[Content_Types].xml has no closing </Types>")
        return head + extra + closing + tail

    def parts(self) -> dict[str, bytes]:
        return {f"word/{target}": data for _, target, data in self.items}

    def extend_relationships(self, rels_xml: bytes) -> bytes:
        """document.xml.rels with a relationship for each picture added."""
        if not self.items:
            return rels_xml
        extra = "".join(
            f'<Relationship Id="{rel_id}" Type="{IMAGE_RELATIONSHIP}" Target="{target}"/>'
            for rel_id, target, _ in self.items
        )
        closing = b"</Relationships>"
        head, found, tail = rels_xml.rpartition(closing)
        if not found:
            raise ValueError("document.xml.rels has no closing </Relationships>")
        return head + extra.encode() + closing + tail


def png_aspect(data: bytes) -> float:
    """Height over width of a PNG, read from its header (IHDR: width, then height)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("a picture docgen adds must be a PNG")
    width, height = struct.unpack(">II", data[16:24])
    return height / width


def picture_helper(media: Media) -> Any:
    """The ``picture()`` function: a paragraph holding a PNG, with its alt text."""

    def picture(
        data: bytes,
        alt: str,
        title: str,
        width_mm: float = 160,
        aspect: float | None = None,
        shaded: bool = False,
    ) -> Markup:
        """``aspect`` (height over width) is the PNG's own unless given: a chart is as
        tall as its legend and labels need, and is never stretched. ``shaded``: the
        picture is part of an exempt block (full version), shaded as its text is."""
        rel_id, number = media.add(data)
        cx = int(width_mm * EMU_PER_MM)
        cy = int(cx * (png_aspect(data) if aspect is None else aspect))
        alt_text, title_text = escape(alt), escape(title)
        shading = (
            f'<w:shd w:val="clear" w:color="auto" w:fill="{EXEMPT_PARAGRAPH_SHADING}"/>'
            if shaded
            else ""
        )
        return Markup(
            f'<w:p><w:pPr><w:pStyle w:val="Figure"/>{shading}</w:pPr><w:r><w:drawing>'
            f'<wp:inline xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{FIRST_PICTURE_ID + number}" name="Chart {number}" descr="{alt_text}" title="{title_text}"/>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{A_NS}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{PIC_NS}"><pic:pic xmlns:pic="{PIC_NS}">'
            f'<pic:nvPicPr><pic:cNvPr id="{FIRST_PICTURE_ID + number}" name="Chart {number}" descr="{alt_text}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing></w:r></w:p>"
        )

    return picture


TABLE_WIDTH = 9638
"""Twips between the page margins (A4 less 20mm each side), the width of every table."""

HEADER_SHADING = "F2F2F2"
"""The fill of a table's header row, as the PDF's ``th``."""


CHARACTER = 125
"""Twips an average character of body text takes (11.5pt Arial), to size a column."""

CELL_PADDING = 250
"""Twips of a cell's left and right margins, and a little room."""


def _unbroken(text: str) -> list[str]:
    """The pieces of ``text`` a line never breaks inside: words, split after their
    hyphens ("post-" and "engagement"), as Word and the PDF both break them."""
    return re.findall(r"[^\s-]*-|[^\s-]+", text)


def column_widths(columns: Any, rows: Any) -> list[int]:
    """Each column's width in twips, from its content: every column at least as wide as
    its longest word, and the rest of the width shared by how much text its cells hold
    on average, so a column of sentences is wide and a column of dates narrow, and the
    table is about as short as its text allows. Both formats use these widths."""
    texts = [[str(column) for column in columns]] + [
        [str(cell) for cell in row.cells] for row in rows
    ]
    least, wanted = [], []
    for index in range(len(texts[0])):
        column = [row[index] for row in texts if index < len(row)]
        longest_word = max((len(word) for text in column for word in _unbroken(text)), default=1)
        least.append(longest_word * CHARACTER + CELL_PADDING)
        wanted.append(max(sum(min(len(text), 400) for text in column) // len(column), 1))
    spare = TABLE_WIDTH - sum(least)
    if spare < 0:
        return [TABLE_WIDTH * width // sum(least) for width in least]
    return [
        width + spare * share // sum(wanted) for width, share in zip(least, wanted, strict=True)
    ]


def table_widths(columns: Any, rows: Any, shares: Any = None) -> list[int]:
    """The widths of a table's columns in twips: as their content asks
    (`column_widths`), or each column's share of the width when ``shares`` gives them
    (``[1, 3]``). The PDF sets its columns from the same figures (`column_percentages`),
    so a table breaks its lines, and its pages, alike in both formats."""
    if shares:
        return [TABLE_WIDTH * part // sum(shares) for part in shares]
    return column_widths(columns, list(rows)) if columns else [TABLE_WIDTH]


def column_percentages(columns: Any, rows: Any, shares: Any = None) -> list[float]:
    """Each column's share of the table's width, in per cent, as the Word table has it."""
    widths = table_widths(columns, rows, shares)
    return [round(100 * width / sum(widths), 2) for width in widths]


def table(
    caption: Text | str,
    columns: Any,
    rows: Any,
    *,
    shade_exempt_rows: bool,
    shares: Any = None,
    shaded: bool = False,
) -> Markup:
    """A whole table: a heading row repeated on each page, rows that never split.

    ``rows`` are objects with ``cells`` (and ``exempt``, shaded when asked). Columns are
    as wide as `table_widths` gives them. The header row is shaded; so is every row of a
    table that is part of an exempt block (``shaded``, full version), as in the PDF.
    """
    rows = list(rows)
    widths = table_widths(columns, rows, shares)
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)

    def cell(text: Any, style: str, index: int, shading: str = "", keep: bool = False) -> str:
        keeping = "<w:keepNext/><w:keepLines/>" if keep else ""
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{widths[index]}" w:type="dxa"/>{shading}</w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keeping}</w:pPr>{runs(text)}</w:p></w:tc>'
        )

    header_fill = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_SHADING}"/>'
    header = "".join(cell(c, "TableLabel", i, header_fill, True) for i, c in enumerate(columns))
    body = []
    for number, row in enumerate(rows):
        shading = ""
        if shaded or (shade_exempt_rows and getattr(row, "exempt", None) is not None):
            shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{EXEMPT_PARAGRAPH_SHADING}"/>'
        # The first row stays with the header, the last with the row before it: a table
        # never leaves a single row on a page.
        keep = number == 0 or number == len(rows) - 2
        cells = "".join(cell(c, "TableText", i, shading, keep) for i, c in enumerate(row.cells))
        body.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    caption_text = escape(str(caption))
    return Markup(
        f'<w:p><w:pPr><w:pStyle w:val="Caption"/><w:keepNext/></w:pPr>{runs(caption)}</w:p>'
        f'<w:tbl><w:tblPr><w:tblStyle w:val="HeaderTable"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblLayout w:type="fixed"/><w:tblCaption w:val="{caption_text}"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
        f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>{''.join(body)}</w:tbl>"
        '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr></w:p>'
    )
