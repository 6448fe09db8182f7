"""The keeps a rendered Word body gets from its neighbours: no list leaves a single item on
a page, and a closing section ("Background papers") never stands alone on one."""

from __future__ import annotations

from lxml import etree

from docgen.builders.word_keeps import SHORT_ITEM, apply_keeps

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def document(*body: str) -> bytes:
    return (
        f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(body)}<w:sectPr/></w:body></w:document>'
    ).encode()


def paragraph(style: str, text: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


def kept(xml: bytes) -> list[str]:
    """The text of each body paragraph kept with the next (empty ones as "")."""
    root = etree.fromstring(xml)
    return [
        "".join(p.itertext())
        for p in root.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}keepNext") is not None
    ]


def test_a_list_keeps_its_first_two_and_its_last_two_items_together() -> None:
    items = [paragraph("ListBullet", f"item {n}") for n in range(1, 6)]
    xml = apply_keeps(document(paragraph("BodyText", "Text."), *items))
    assert kept(xml) == ["item 1", "item 4"]


def test_a_long_item_is_left_free_to_break_across_the_page() -> None:
    long = "word " * (SHORT_ITEM // 4)
    xml = apply_keeps(document(*(paragraph("ListBullet", t) for t in (long, "b", "c", long))))
    assert kept(xml) == []


def test_two_lists_apart_are_kept_each_on_its_own() -> None:
    xml = apply_keeps(
        document(
            paragraph("ListBullet", "a"),
            paragraph("ListBullet", "b"),
            paragraph("BodyText", "Between."),
            paragraph("ListBullet", "c"),
        )
    )
    assert kept(xml) == ["a"]


def test_a_closing_section_keeps_together_and_with_the_paragraph_before_it() -> None:
    xml = apply_keeps(
        document(
            paragraph("BodyText", "The last paragraph."),
            paragraph("ClosingHeading", "Background papers"),
            paragraph("ListBullet", "Budget report"),
            paragraph("ListBullet", "Audit letter"),
        )
    )
    assert kept(xml) == ["The last paragraph.", "Background papers", "Budget report"]


def test_a_closing_section_after_a_table_keeps_with_its_last_row() -> None:
    row = "<w:tr><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr>"
    table = f"<w:tbl>{row.format('first row')}{row.format('last row')}</w:tbl>"
    xml = apply_keeps(
        document(
            table,
            "<w:p/>",
            paragraph("ClosingHeading", "Background papers"),
            paragraph("BodyText", "None"),
        )
    )
    assert kept(xml) == ["last row", "", "Background papers"]


def test_a_body_without_lists_or_closing_sections_is_left_as_it_is() -> None:
    xml = document(paragraph("BodyText", "Only text."))
    assert apply_keeps(xml) is xml
