"""The house style in Word: its values written into a template's named styles.

docgen's Word templates are made with every value of its house style applied here
(tools/make_docx_templates.py); when a paper is rendered, the values a council set
(`HouseStyle.council_keys`) are applied again to the template it renders with, so a
council's restyle reaches Word without remaking any template, and a template a council
edited in Word keeps everything the council did not set in its house style.

Each value goes to the styles named after what they are for (``Heading1``,
``Marking`` …); a template without one of them is left as it is there.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping

from lxml import etree
from markupsafe import escape

from docgen.builders.wordml import A_NS, IMAGE_RELATIONSHIP, PIC_NS, W_NS, WP_NS, W
from docgen.house_style import HouseStyle

STYLES = "word/styles.xml"
DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
DEFAULTS = "docDefaults"
"""Stands for the document's default run and paragraph properties in the maps below."""

SIZES: Mapping[str, tuple[str, ...]] = {
    "size.body": (DEFAULTS,),
    "size.committee": ("Committee",),
    "size.title": ("ReportTitle",),
    "size.heading1": ("Heading1",),
    "size.heading2": ("Heading2",),
    "size.caption": ("Caption",),
    "size.header": ("Header", "HeaderMarking", "HeaderDraft", "Footer"),
}
COLOURS: Mapping[str, tuple[str, ...]] = {
    "colour.text": (DEFAULTS,),
    "colour.accent": (
        "Committee",
        "ReportTitle",
        "Heading1",
        "Heading2",
        "AppendixTitle",
        "CoverTitle",
        "ClauseHeading",
    ),
    "colour.marking": (
        "Marking",
        "WithheldMarking",
        "HeaderMarking",
        "HeaderMarkingRun",
        "ExemptLabel",
    ),
    "colour.draft": ("Banner", "HeaderDraft", "HeaderDraftRun"),
    "colour.muted": ("Header", "WithheldText"),
}
"""Which styles take each colour (their text, and their borders where they have them)."""
BORDERED_TABLES = ("HeaderTable",)
LOGO_REL = "rIdDocgenLogo"
LOGO_PART = "word/media/docgen-logo"
LOGO_HEIGHT_MM = 18
EMU_PER_MM = 36000
LETTERHEAD_STYLE = "Letterhead"
LETTERHEAD_AFTER = 240
"""The space after the letterhead's last line, in twentieths of a point: the 12pt below
the PDF's ``div.letterhead``, so both formats' first pages start alike."""
OWN_LETTERHEAD = "sender"
"""The context value by which a paper says it has a letterhead of its own (a letter's
sender): when it is given, the council's is left out, as the PDF's base.html does."""
BASE_LINE = 1.149
"""A font's own line height, as a multiple of its size (Arial's and Liberation Sans's
ascent, descent and line gap: 0.905 + 0.212 + 0.033): Word's "multiple" line spacing
counts in these, CSS's line-height in the font size, so 1.32 in CSS is 1.15 lines in
Word (276), as LibreOffice lays the pages out alike."""


def apply_house(
    parts: Mapping[str, bytes], house: HouseStyle, keys: Iterable[str], shipped: HouseStyle
) -> dict[str, bytes]:
    """The template's parts with the house style's ``keys`` applied; ``shipped`` is
    docgen's own house style, whose table-header shading a council's replaces."""
    keys = set(keys)
    changed = dict(parts)
    if STYLES in parts:
        changed[STYLES] = apply_to_styles(parts[STYLES], house, keys)
    if "page.footer" in keys:
        for name, data in parts.items():
            if name.startswith("word/footer") and name.endswith(".xml"):
                changed[name] = _replace_footer(data, house["page.footer"])
    if "colour.table_header" in keys:
        old = f'w:fill="{shipped.colour("table_header")}"'.encode()
        new = f'w:fill="{house.colour("table_header")}"'.encode()
        for name in parts:
            if name.startswith("word/") and name.endswith(".xml") and name != STYLES:
                changed[name] = changed[name].replace(old, new)
    if keys & {"council.logo", "council.address"} and DOCUMENT in parts:
        changed.update(_letterhead(changed, house))
    return changed


def apply_to_styles(styles_xml: bytes, house: HouseStyle, keys: Iterable[str]) -> bytes:
    """styles.xml with the values of ``keys`` written into the styles they belong to."""
    root = etree.fromstring(styles_xml)
    keys = set(keys)
    for key in keys & set(SIZES):
        half_points = str(round(house[key] * 2))
        for run in _run_properties(root, SIZES[key]):
            _set(run, "sz", half_points)
            _set(run, "szCs", half_points)
    for key in keys & set(COLOURS):
        colour = house[key]
        for style_id in COLOURS[key]:
            for run in _run_properties(root, (style_id,)):
                _set(run, "color", colour)
            for border in _style_borders(root, style_id):
                border.set(f"{W}color", colour)
    if "colour.rule" in keys:
        for style_id in BORDERED_TABLES:
            for border in _style_borders(root, style_id):
                border.set(f"{W}color", house["colour.rule"])
    if "font.family" in keys:
        family = house["font.family"]
        for run in _run_properties(root, (DEFAULTS,)):
            fonts = _child(run, "rFonts")
            for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(f"{W}{attribute}", family)
        for fonts in root.iter(f"{W}rFonts"):
            for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
                if fonts.get(f"{W}{attribute}") is not None:
                    fonts.set(f"{W}{attribute}", family)
    normal = _paragraph_properties(root, "Normal")
    if normal is not None and keys & {"spacing.paragraph_after", "spacing.line_height"}:
        spacing = _child(normal, "spacing")
        if "spacing.paragraph_after" in keys:
            spacing.set(f"{W}after", str(round(house["spacing.paragraph_after"] * 20)))
        if "spacing.line_height" in keys:
            spacing.set(f"{W}line", str(round(240 * house["spacing.line_height"] / BASE_LINE)))
            spacing.set(f"{W}lineRule", "auto")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def footer_runs(pattern: str) -> str:
    """The runs of a footer from ``Page {page} of {pages}``: text and live page fields."""
    runs = []
    for piece in _pieces(pattern):
        if piece in ("{page}", "{pages}"):
            instruction = "PAGE" if piece == "{page}" else "NUMPAGES"
            runs.append(
                f'<w:fldSimple w:instr=" {instruction} "><w:r><w:t xml:space="preserve">1</w:t>'
                "</w:r></w:fldSimple>"
            )
        elif piece:
            runs.append(f'<w:r><w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(runs)


def _pieces(pattern: str) -> list[str]:
    return re.split(r"(\{page\}|\{pages\})", pattern)


def _replace_footer(footer_xml: bytes, pattern: str) -> bytes:
    """A footer part whose ``Footer`` paragraphs say ``pattern`` (their style kept)."""
    root = etree.fromstring(footer_xml)
    content = etree.fromstring(f'<w:p xmlns:w="{W_NS}">{footer_runs(pattern)}</w:p>')
    for paragraph in root.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is None or style.get(f"{W}val") != "Footer":
            continue
        for child in list(paragraph):
            if child.tag != f"{W}pPr":
                paragraph.remove(child)
        for child in content:
            paragraph.append(_copy(child))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _letterhead(parts: Mapping[str, bytes], house: HouseStyle) -> dict[str, bytes]:
    """The council's letterhead (logo, name and address, right-aligned) opening the
    document's body, with the logo as a picture part of its own.

    It is put between docxtpl paragraph tags that leave it out of a paper whose context
    gives a letterhead of its own (`OWN_LETTERHEAD`): a letter from the LGA is not
    printed under the council's logo. The template is compiled once, so this is decided
    as each paper is rendered."""
    paragraphs = []
    added: dict[str, bytes] = {}
    if house.logo is not None:
        from PIL import Image

        data = house.logo.read_bytes()
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
        suffix = ".png" if house.logo.suffix.lower() == ".png" else ".jpeg"
        part = LOGO_PART + suffix
        cy = LOGO_HEIGHT_MM * EMU_PER_MM
        cx = round(cy * width / height)
        alt = escape(house.logo_alt())
        paragraphs.append(
            f'<w:p><w:pPr><w:pStyle w:val="{LETTERHEAD_STYLE}"/><w:jc w:val="right"/></w:pPr>'
            f'<w:r><w:drawing><wp:inline xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="999" name="Logo" descr="{alt}"/>'
            f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{PIC_NS}"><pic:pic xmlns:pic="{PIC_NS}">'
            f'<pic:nvPicPr><pic:cNvPr id="999" name="Logo" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{LOGO_REL}"/><a:stretch><a:fillRect/></a:stretch>'
            f'</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
            '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        )
        added[part] = data
        relationship = (
            f'<Relationship Id="{LOGO_REL}" Type="{IMAGE_RELATIONSHIP}" '
            f'Target="{part.removeprefix("word/")}"/>'
        ).encode()
        added[DOCUMENT_RELS] = _insert_before(
            parts[DOCUMENT_RELS], b"</Relationships>", relationship
        )
        kind = suffix.lstrip(".")
        if f'Extension="{kind}"'.encode() not in parts[CONTENT_TYPES]:
            default = f'<Default Extension="{kind}" ContentType="image/{kind}"/>'.encode()
            added[CONTENT_TYPES] = _insert_before(parts[CONTENT_TYPES], b"</Types>", default)
    if house["council.address"]:
        lines = (house["council.name"], *house["council.address"])
        for number, line in enumerate(lines, start=1):
            after = LETTERHEAD_AFTER if number == len(lines) else 0  # as the PDF's margin
            paragraphs.append(
                f'<w:p><w:pPr><w:pStyle w:val="{LETTERHEAD_STYLE}"/><w:spacing w:after="{after}"/>'
                f'<w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">{escape(line)}'
                "</w:t></w:r></w:p>"
            )
    document = parts[DOCUMENT].decode("utf-8")
    head, found, tail = document.partition("<w:body>")
    if not found:
        raise ValueError("document.xml has no <w:body>")
    condition = f"{OWN_LETTERHEAD} is not defined or not {OWN_LETTERHEAD}"
    wrapped = [_tag(f"{{%p if {condition} %}}"), *paragraphs, _tag("{%p endif %}")]
    added[DOCUMENT] = (head + found + "".join(wrapped) + tail).encode("utf-8")
    return added


def without_unused_logo(parts: Mapping[str, bytes]) -> dict[str, bytes]:
    """A rendered paper's parts without the council's logo when its body does not show
    it (a letter with a letterhead of its own): no council's picture is carried, unseen,
    inside a letter from someone else."""
    parts = dict(parts)
    relationships = parts.get(DOCUMENT_RELS, b"")
    shown = f'r:embed="{LOGO_REL}"'.encode() in parts.get(DOCUMENT, b"")
    if shown or f'Id="{LOGO_REL}"'.encode() not in relationships:
        return parts
    root = etree.fromstring(relationships)
    for relationship in list(root):
        if relationship.get("Id") == LOGO_REL:
            parts.pop(f"word/{relationship.get('Target')}", None)
            root.remove(relationship)
    parts[DOCUMENT_RELS] = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    return parts


def _tag(text: str) -> str:
    """A paragraph holding only a docxtpl ``{%p … %}`` tag (it leaves no paragraph)."""
    return f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>"


def _insert_before(xml: bytes, closing: bytes, extra: bytes) -> bytes:
    head, found, tail = xml.rpartition(closing)
    if not found:
        raise ValueError(f"no closing {closing.decode()}")
    return head + extra + closing + tail


def _styles(root: etree._Element, style_ids: Iterable[str]) -> list[etree._Element]:
    wanted = set(style_ids)
    return [s for s in root.iter(f"{W}style") if s.get(f"{W}styleId") in wanted]


def _run_properties(root: etree._Element, style_ids: Iterable[str]) -> list[etree._Element]:
    """The run properties of the named styles (created where a style has none)."""
    found = []
    style_ids = tuple(style_ids)
    if DEFAULTS in style_ids:
        defaults = _child(_child(root, "docDefaults", first=True), "rPrDefault")
        found.append(_child(defaults, "rPr"))
    for style in _styles(root, style_ids):
        found.append(_child(style, "rPr"))
    return found


def _paragraph_properties(root: etree._Element, style_id: str) -> etree._Element | None:
    styles = _styles(root, (style_id,))
    return _child(styles[0], "pPr") if styles else None


def _style_borders(root: etree._Element, style_id: str) -> list[etree._Element]:
    borders: list[etree._Element] = []
    for style in _styles(root, (style_id,)):
        for container in (*style.iter(f"{W}pBdr"), *style.iter(f"{W}tblBorders")):
            borders.extend(container)
    return borders


ORDER = {
    "rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "color", "sz", "szCs", "shd", "lang"),
}
"""The order Word's schema wants run properties in (an element added is put in place)."""


def _child(parent: etree._Element, name: str, *, first: bool = False) -> etree._Element:
    """``parent``'s ``w:name`` child, added (in schema order, where known) if missing."""
    found = parent.find(f"{W}{name}")
    if found is not None:
        return found
    element = etree.Element(f"{W}{name}")
    order = ORDER.get(etree.QName(parent).localname)
    if first:
        parent.insert(0, element)
    elif order and name in order:
        later = order[order.index(name) + 1 :]
        for index, child in enumerate(parent):
            if etree.QName(child).localname in later:
                parent.insert(index, element)
                break
        else:
            parent.append(element)
    elif name == "pPr" and (properties := parent.find(f"{W}rPr")) is not None:
        properties.addprevious(element)  # a style's pPr comes before its rPr
    else:
        parent.append(element)
    return element


def _set(properties: etree._Element, name: str, value: str) -> None:
    _child(properties, name).set(f"{W}val", value)


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))
