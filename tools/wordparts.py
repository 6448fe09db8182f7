"""The parts every docgen Word template shares: package plumbing, styles, numbering.

Used by ``make_docx_templates.py``, which writes the house style's values over the
sizes and colours given here (templates/house.toml is their one source). Writing the XML here (rather than editing
.docx files by hand in Word) keeps every ``{{ tag }}`` in a single run and keeps
out everything Word would add on its own: rsids, thumbnails, authors.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

FONT = "Arial"
"""The house font; Liberation Sans (metrically the same) stands in where Arial is absent."""
PDF_FONT = "Liberation Sans"
"""The font docgen ships and its PDFs embed (docgen/fonts)."""

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def run(text: str, properties: str = "") -> str:
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(style: str, *content: str, properties: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{properties}</w:pPr>{"".join(content)}</w:p>'


def tag(text: str) -> str:
    """A paragraph holding only a docxtpl ``{%p … %}`` or ``{{p … }}`` tag."""
    return f"<w:p>{run(text)}</w:p>"


def cell(width: int, *paragraphs: str, shade: str | None = None) -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
        f"{''.join(paragraphs)}</w:tc>"
    )


def row(*cells: str, header: bool = False, cant_split: bool = True) -> str:
    props = ("<w:cantSplit/>" if cant_split else "") + ("<w:tblHeader/>" if header else "")
    trpr = f"<w:trPr>{props}</w:trPr>" if props else ""
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


def tag_row(text: str, columns: int) -> str:
    """A table row holding only a docxtpl ``{%tr … %}`` tag (replaced when rendered)."""
    return row(cell(1000, tag(text)), *[cell(1000, para("TableText")) for _ in range(columns - 1)])


def table(widths: list[int], *rows: str, style: str = "HeaderTable", caption: str = "") -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    caption_xml = f'<w:tblCaption w:val="{escape(caption)}"/>' if caption else ""
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" '
        f'w:firstColumn="1" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>{caption_xml}</w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


HEADINGS_LIST = 6
"""The numbering instance of numbered headings (numbering.xml)."""
AGENDA_LIST = 7
"""The numbering instance of agenda items (numbering.xml); an agenda whose items skip a
number (a private item heard in Part 2) starts a new instance at the number it needs."""


WITHHELD_BOX = (
    "<w:pBdr>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="12" w:space="{space}" w:color="9C0006"/>'
        for side, space in (("top", 4), ("left", 8), ("bottom", 4), ("right", 8))
    )
    + '</w:pBdr><w:ind w:left="190" w:right="190"/>'
)
"""The withheld paper's "Not for publication" box as the PDF draws it: its border on the
margins (Word draws a border outside the indent, by its space and width: 8 pt + 1.5 pt),
8 pt between the border and the words at the sides, 4 pt above and below."""


TEXT_WIDTH = 9638
"""The width between the margins of an A4 page with 20 mm margins, in twips."""


def kept_together(*paragraphs: str) -> str:
    """``paragraphs`` on one page, whatever comes before them: a borderless table of one
    cell in a row that cannot split. A letter's last words, its close and its signatures
    are kept so; keep-with-next alone is not enough, because LibreOffice does not carry
    a paragraph over with the next one when that one moves for a keep of its own."""
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="KeptTogether"/>'
        f'<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{TEXT_WIDTH}"/></w:tblGrid>'
        f"{row(cell(TEXT_WIDTH, *paragraphs))}</w:tbl>"
    )


def field(instruction: str, placeholder: str, properties: str = "") -> str:
    """A simple field (PAGE, NUMPAGES) with a cached result Word updates on display."""
    return f'<w:fldSimple w:instr=" {instruction} ">{run(placeholder, properties)}</w:fldSimple>'


def document(body: str, first_page: bool = False) -> str:
    """The main part; ``first_page``: the first page has a header and footer of its own
    (a letter's, header2.xml and footer2.xml)."""
    first = (
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        '<w:footerReference w:type="first" r:id="rIdFooterFirst"/>'
        if first_page
        else ""
    )
    # The page as the PDF's: A4, margins 22 mm top, 24 mm bottom, 20 mm sides (house.css
    # @page); the running header's line 15.5 mm from the top edge and the footer's 10 mm
    # from the foot, where the PDF draws them.
    section = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
        f'<w:footerReference w:type="default" r:id="rIdFooter"/>{first}'
        '<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1247" w:right="1134" w:bottom="1361" w:left="1134" '
        'w:header="879" w:footer="567" w:gutter="0"/>'
        f"{'<w:titlePg/>' if first_page else ''}</w:sectPr>"
    )
    return f"{DECLARATION}<w:document {NS}><w:body>{body}{section}</w:body></w:document>"


def header_part(*paragraphs: str) -> str:
    return f"{DECLARATION}<w:hdr {NS}>{''.join(paragraphs)}</w:hdr>"


def footer_part(*paragraphs: str) -> str:
    return f"{DECLARATION}<w:ftr {NS}>{''.join(paragraphs)}</w:ftr>"


CONTENT_TYPES = (
    DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)


def with_first_page_types(types: str) -> str:
    """[Content_Types].xml naming a first-page header and footer too."""
    extra = "".join(
        f'<Override PartName="/word/{part}2.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.wordprocessingml.{part}+xml"/>'
        for part in ("header", "footer")
    )
    return types.replace("</Types>", extra + "</Types>")


def with_first_page_rels(rels: str) -> str:
    """document.xml.rels with the first-page header and footer."""
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    extra = (
        f'<Relationship Id="rIdHeaderFirst" Type="{base}/header" Target="header2.xml"/>'
        f'<Relationship Id="rIdFooterFirst" Type="{base}/footer" Target="footer2.xml"/>'
    )
    return rels.replace("</Relationships>", extra + "</Relationships>")


PACKAGE_RELS = (
    DECLARATION
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS = (
    DECLARATION
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    '<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>'
    '<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
    '<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
    "</Relationships>"
)

FONT_TABLE = (
    DECLARATION + f"<w:fonts {NS}>"
    f'<w:font w:name="{FONT}"><w:altName w:val="{PDF_FONT}"/>'
    '<w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>'
    '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
    "</w:fonts>"
)
"""The house font, with the shipped PDF font (same metrics) named as its alternative."""

SETTINGS = (
    DECLARATION + f"<w:settings {NS}>"
    '<w:defaultTabStop w:val="567"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-GB"/>'
    "</w:settings>"
)

PLACEHOLDER_CORE = (
    DECLARATION
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>docgen template</dc:title></cp:coreProperties>'
)

PLACEHOLDER_APP = (
    DECLARATION
    + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>docgen</Application></Properties>"
)


def _run_props(
    size: int | None = None, bold: bool = False, italic: bool = False, colour: str | None = None
) -> str:
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>"
    if italic:
        props += "<w:i/><w:iCs/>"
    if colour:
        props += f'<w:color w:val="{colour}"/>'
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return props


def _style(
    style_id: str,
    name: str,
    kind: str = "paragraph",
    *,
    based_on: str | None = "Normal",
    ppr: str = "",
    rpr: str = "",
    next_style: str | None = None,
    extra: str = "",
) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    following = f'<w:next w:val="{next_style}"/>' if next_style else ""
    return (
        f'<w:style w:type="{kind}" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f"{based}{following}<w:qFormat/>{extra}"
        f"{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}</w:style>"
    )


def _heading(level: int, *, size: int, before: int, italic: bool = False) -> str:
    """Word's own "heading N" style (so navigation panes and TOCs find it), restyled."""
    return (
        f'<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="NumberedParagraph"/><w:qFormat/><w:pPr>'
        f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="120"/>'
        f'<w:outlineLvl w:val="{level - 1}"/></w:pPr>'
        f"<w:rPr>{_run_props(size, bold=True, italic=italic)}</w:rPr></w:style>"
    )


def styles() -> str:
    """Word styles named after what they are for, so an officer can restyle in Word."""
    keep = "<w:keepNext/><w:keepLines/>"
    numbered_indent = '<w:ind w:left="567" w:hanging="567"/>'
    items = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        _style(
            "Committee",
            "Committee",
            ppr='<w:spacing w:after="240"/>',
            rpr=_run_props(32, bold=True),
        ),
        _style(
            "ReportTitle",
            "Report Title",
            ppr=keep + '<w:spacing w:before="360" w:after="240"/><w:outlineLvl w:val="0"/>',
            rpr=_run_props(28, bold=True),
            next_style="Heading1",
        ),
        _heading(1, size=26, before=280),
        _heading(2, size=24, before=200),
        _style(
            "ClosingHeading",
            "Closing Heading",
            based_on="Heading1",
            ppr='<w:keepNext/><w:keepLines/><w:outlineLvl w:val="0"/>',
            next_style="BodyText",
        ),
        _style(
            "AppendixHeading",
            "Appendix Heading",
            based_on="Heading1",
            ppr=keep + '<w:pageBreakBefore/><w:outlineLvl w:val="0"/>',
            next_style="AppendixTitle",
        ),
        _style(
            "AppendixTitle",
            "Appendix Title",
            ppr=keep + '<w:spacing w:after="240"/>',
            rpr=_run_props(24, bold=True),
            next_style="Heading1",
        ),
        _style("BodyText", "Body Text"),
        _style(
            "CoverTitle",
            "Cover Title",
            ppr='<w:spacing w:before="3600" w:after="480"/>',
            rpr=_run_props(48, bold=True),
        ),
        _style(
            "CoverSubtitle", "Cover Subtitle", ppr='<w:spacing w:after="240"/>', rpr=_run_props(32)
        ),
        _style(
            "AreaHeading",
            "Area Heading",
            based_on="Heading1",
            ppr='<w:keepNext/><w:pageBreakBefore/><w:outlineLvl w:val="0"/>',
        ),
        _style(
            "TOC1",
            "toc 1",
            ppr='<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9638"/></w:tabs>'
            '<w:spacing w:after="100"/>',
        ),
        _style("LetterAddress", "Letter Address", ppr='<w:spacing w:after="0"/>'),
        _style("LetterDate", "Letter Date", ppr='<w:spacing w:before="240" w:after="240"/>'),
        _style(
            "LetterClose",
            "Letter Close",
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="600"/>',
        ),
        _style(
            "ClauseHeading",
            "Clause Heading",
            ppr='<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/>',
            rpr=_run_props(24, bold=True),
        ),
        _style("Clause", "Clause", ppr='<w:spacing w:after="120"/>'),
        _style(
            "Signature",
            "Signature",
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="60"/>',
        ),
        _style("Signatory", "Signatory", based_on="Signature", rpr=_run_props(bold=True)),
        _style("Letterhead", "Letterhead", ppr='<w:spacing w:after="120"/><w:jc w:val="right"/>'),
        _style(
            "Caption",
            "caption",
            ppr='<w:keepNext/><w:spacing w:before="120" w:after="60"/>',
            rpr=_run_props(20, bold=True),
        ),
        _style("Figure", "Figure", ppr='<w:spacing w:after="200"/><w:jc w:val="center"/>'),
        _style(
            "NumberedParagraph",
            "Numbered Paragraph",
            ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' + numbered_indent,
        ),
        _style(
            "Recommendation",
            "Recommendation",
            ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:spacing w:after="80"/>'
            + numbered_indent,
        ),
        _style(
            "ListBullet",
            "List Bullet",
            ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr><w:spacing w:after="60"/>'
            '<w:ind w:left="1134" w:hanging="397"/>',
        ),
        _style(
            "Quote",
            "Quote",
            ppr='<w:ind w:left="1134" w:right="567"/>',
            rpr=_run_props(italic=True),
        ),
        _style("ContinuedText", "Continued Text", ppr='<w:ind w:left="567"/>'),
        _style(
            "Marking",
            "Not For Publication Marking",
            ppr='<w:pBdr><w:top w:val="single" w:sz="12" w:space="4" w:color="9C0006"/>'
            '<w:left w:val="single" w:sz="12" w:space="4" w:color="9C0006"/>'
            '<w:bottom w:val="single" w:sz="12" w:space="4" w:color="9C0006"/>'
            '<w:right w:val="single" w:sz="12" w:space="4" w:color="9C0006"/></w:pBdr>'
            '<w:spacing w:before="120" w:after="240"/><w:jc w:val="center"/>',
            rpr=_run_props(22, bold=True, colour="9C0006"),
        ),
        _style(
            "Banner",
            "Draft Banner",
            ppr='<w:pBdr><w:top w:val="single" w:sz="12" w:space="4" w:color="7F7F7F"/>'
            '<w:bottom w:val="single" w:sz="12" w:space="4" w:color="7F7F7F"/></w:pBdr>'
            '<w:spacing w:before="120" w:after="240"/><w:jc w:val="center"/>',
            rpr=_run_props(28, bold=True, colour="7F7F7F"),
        ),
        _style("TableText", "Table Text", ppr='<w:spacing w:before="0" w:after="0"/>'),
        _style("TableLabel", "Table Label", based_on="TableText", rpr=_run_props(bold=True)),
        _style(
            "Header",
            "header",
            ppr='<w:jc w:val="right"/><w:spacing w:after="0"/>',
            rpr=_run_props(17),
        ),
        _style(
            "HeaderMarking",
            "Header Marking",
            based_on="Header",
            rpr=_run_props(18, bold=True, colour="9C0006"),
        ),
        _style(
            "HeaderMarkingRun",
            "Header Marking Run",
            "character",
            based_on="DefaultParagraphFont",
            rpr=_run_props(bold=True, colour="9C0006"),
        ),
        _style(
            "HeaderDraft",
            "Header Draft",
            based_on="Header",
            rpr=_run_props(18, bold=True, colour="7F7F7F"),
        ),
        _style(
            "Footer",
            "footer",
            ppr='<w:jc w:val="center"/><w:spacing w:after="0"/>',
            rpr=_run_props(18),
        ),
        _style(
            "HeaderDraftRun",
            "Header Draft Run",
            "character",
            based_on="DefaultParagraphFont",
            rpr=_run_props(bold=True, colour="7F7F7F"),
        ),
        _style(
            "WithheldMarking",
            "Withheld Marking",
            based_on="Marking",
            ppr=WITHHELD_BOX,
        ),
        _style(
            "Strong",
            "Strong",
            "character",
            based_on="DefaultParagraphFont",
            rpr=_run_props(bold=True),
        ),
        _style(
            "AgendaItem",
            "Agenda Item",
            ppr=f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{AGENDA_LIST}"/></w:numPr>'
            + numbered_indent,
        ),
        _style(
            "AgendaItemDetail",
            "Agenda Item Detail",
            "character",
            based_on="DefaultParagraphFont",
        ),
        _style(
            "AgendaItemNote",
            "Agenda Item Note",
            "character",
            based_on="DefaultParagraphFont",
            rpr=_run_props(italic=True),
        ),
        _style(
            "ExemptText",
            "Exempt Text",
            "character",
            based_on="DefaultParagraphFont",
            rpr='<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>',
        ),
        _style(
            "ExemptLabel",
            "Exempt Label",
            "character",
            based_on="DefaultParagraphFont",
            rpr='<w:b/><w:bCs/><w:color w:val="9C0006"/><w:sz w:val="18"/><w:szCs w:val="18"/>'
            '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>',
        ),
        _style(
            "PublicationNote",
            "Publication Note",
            ppr='<w:pBdr><w:top w:val="single" w:sz="8" w:space="4" w:color="404040"/>'
            '<w:bottom w:val="single" w:sz="8" w:space="4" w:color="404040"/></w:pBdr>'
            '<w:spacing w:before="120" w:after="240"/>',
            rpr=_run_props(22, bold=True),
        ),
        _style(
            "WithheldText",
            "Withheld Text",
            "character",
            based_on="DefaultParagraphFont",
            rpr=_run_props(italic=True, colour="404040"),
        ),
        '<w:style w:type="table" w:customStyle="1" w:styleId="KeptTogether">'
        '<w:name w:val="Kept Together"/><w:basedOn w:val="TableNormal"/><w:tblPr>'
        '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        '<w:style w:type="table" w:customStyle="1" w:styleId="HeaderTable"><w:name w:val="Header Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:qFormat/><w:tblPr><w:tblBorders>'
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + '</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
    ]
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        '<w:sz w:val="23"/><w:szCs w:val="23"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>"
    )
    return f"{DECLARATION}<w:styles {NS}>{defaults}{''.join(items)}</w:styles>"


def _abstract(
    abstract_id: int,
    name: str,
    fmt: str,
    text: str,
    left: int,
    hanging: int,
    font: str | None = None,
) -> str:
    fonts = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="singleLevel"/>'
        f'<w:name w:val="{name}"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>{fonts}</w:lvl></w:abstractNum>'
    )


def _clauses_abstract(abstract_id: int) -> str:
    """Two-level clause numbering: 1. for a part, 1.1 for its clauses."""
    levels = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="680" w:hanging="680"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="680" w:hanging="680"/></w:pPr></w:lvl>'
    )
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>'
        f'<w:name w:val="clauses"/>{levels}</w:abstractNum>'
    )


def _sections_abstract(abstract_id: int) -> str:
    """Sectional numbering of a report: 1. for a section heading, 1.1 for its paragraphs."""
    levels = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>'
    )
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>'
        f'<w:name w:val="sections"/>{levels}</w:abstractNum>'
    )


def _headings_abstract(abstract_id: int) -> str:
    """Numbered headings (1. Progress against the directions): the number and a space
    before the heading's text, flush with the margin, as the PDF prints them."""
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="singleLevel"/>'
        '<w:name w:val="headings"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:suff w:val="space"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )


def numbering() -> str:
    """Seven lists: paragraphs (1. 2. …), recommendations ((i) (ii) …), bullets, clauses
    (1, 1.1), sections (1., 1.1: a report numbered by section), numbered headings and
    agenda items (1. 2. …, hung as paragraphs are)."""
    return (
        f"{DECLARATION}<w:numbering {NS}>"
        + _abstract(0, "paragraphs", "decimal", "%1.", 567, 567)
        + _abstract(1, "recommendations", "lowerRoman", "(%1)", 567, 567)
        + _abstract(2, "bullets", "bullet", "\u2022", 1134, 397, font=FONT)
        + _clauses_abstract(3)
        + _sections_abstract(4)
        + _headings_abstract(5)
        + _abstract(6, "agenda", "decimal", "%1.", 567, 567)
        + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>'
        '<w:num w:numId="5"><w:abstractNumId w:val="4"/></w:num>'
        f'<w:num w:numId="{HEADINGS_LIST}"><w:abstractNumId w:val="5"/></w:num>'
        f'<w:num w:numId="{AGENDA_LIST}"><w:abstractNumId w:val="6"/></w:num>'
        "</w:numbering>"
    )
