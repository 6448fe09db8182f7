"""Keep rules a rendered Word body needs that no single paragraph of a template can say.

A template's paragraphs carry their own keeps (a heading keeps with its text, a lead-in
with its list), but two rules depend on a paragraph's neighbours, known only once the
paper is rendered:

* a list never leaves a single item on a page: its first item keeps with the second,
  and the last but one with the last (as the PDF's ``li`` rules in house.css);
* a closing section (a heading in the Closing Heading style, such as "Background
  papers", and the few lines under it) never stands alone on a page: it keeps together
  and with the paragraph before it (as the PDF's ``section.closing``).

Both act on every paper's document part, a council's own templates' included.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LIST_STYLES = frozenset({"ListBullet"})
"""Paragraph styles whose consecutive paragraphs are the items of one list."""
CLOSING_STYLE = "ClosingHeading"
_HEADINGS = ("Heading1", "Heading2", "AppendixHeading", "AreaHeading")
"""Styles that open the next section, so end a closing one."""


def apply_keeps(document_xml: bytes) -> bytes:
    """The document part with the list and closing-section keeps set."""
    if b"ListBullet" not in document_xml and CLOSING_STYLE.encode() not in document_xml:
        return document_xml
    root = etree.fromstring(document_xml)
    body = root.find(f"{W}body")
    if body is None:
        return document_xml
    for container in (body, *body.iter(f"{W}tc")):
        children = list(container)
        _keep_lists_together(children)
        _keep_closing_sections(children)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _style(element: etree._Element) -> str | None:
    if element.tag != f"{W}p":
        return None
    style = element.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(f"{W}val")


def _keep_with_next(paragraph: etree._Element) -> None:
    properties = paragraph.find(f"{W}pPr")
    if properties is None:
        properties = etree.SubElement(paragraph, f"{W}pPr")
        paragraph.insert(0, properties)
    if properties.find(f"{W}keepNext") is None:
        keep = etree.Element(f"{W}keepNext")
        style = properties.find(f"{W}pStyle")
        # keepNext follows pStyle (and any numPr-free start) in the schema's order
        properties.insert(0 if style is None else properties.index(style) + 1, keep)


def _runs_of_list_items(children: list[etree._Element]) -> Iterator[list[etree._Element]]:
    items: list[etree._Element] = []
    for child in children:
        if _style(child) in LIST_STYLES:
            items.append(child)
            continue
        if items:
            yield items
        items = []
    if items:
        yield items


SHORT_ITEM = 200
"""Characters in a list item of at most about two lines. Only a short item could be left
alone on a page; a long one breaks across the page like any paragraph, whereas keeping
it whole with its neighbour (as LibreOffice does a paragraph kept with the next) would
move a long list, lead-in and all, to the next page and leave a gap."""


def _short(paragraph: etree._Element) -> bool:
    return len("".join(paragraph.itertext())) <= SHORT_ITEM


def _keep_lists_together(children: list[etree._Element]) -> None:
    for items in _runs_of_list_items(children):
        if len(items) < 2:
            continue
        if _short(items[0]):
            _keep_with_next(items[0])
        if _short(items[-1]) and _short(items[-2]):
            _keep_with_next(items[-2])


def _keep_closing_sections(children: list[etree._Element]) -> None:
    for index, child in enumerate(children):
        if _style(child) != CLOSING_STYLE:
            continue
        section = [child]
        for follower in children[index + 1 :]:
            if follower.tag != f"{W}p" or _style(follower) in (CLOSING_STYLE, *_HEADINGS):
                break
            if follower.find(f"{W}pPr/{W}pageBreakBefore") is not None:
                break
            section.append(follower)
        for paragraph in section[:-1]:
            _keep_with_next(paragraph)
        _keep_with_what_comes_before(children[:index])


def _keep_with_what_comes_before(before: list[etree._Element]) -> None:
    """Keep the last paragraph before a closing section with it: past any empty
    paragraph (the one after a table), and for a table its last row."""
    for element in reversed(before):
        if element.tag == f"{W}tbl":
            rows = element.findall(f"{W}tr")
            for paragraph in rows[-1].iter(f"{W}p") if rows else ():
                _keep_with_next(paragraph)
            return
        if element.tag != f"{W}p":
            return
        _keep_with_next(element)
        if "".join(element.itertext()).strip():
            return
