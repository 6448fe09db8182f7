"""WordprocessingML fragments that Word templates ask for through Jinja helpers.

A docxtpl template places ``{{p paragraph(...) }}`` where a whole paragraph goes
and ``{{r runs(...) }}`` where runs go inside one. The helpers here build that XML
from `Text` (so exempt and withheld spans get their character styles) and give
numbered paragraphs real Word numbering, restarting a list where a template
names a new instance of it (``list="appendix/2"``).

Everything returned is `Markup`: its text has been escaped here, once.
"""

from __future__ import annotations

from typing import Any

import attrs
from lxml import etree
from markupsafe import Markup, escape

from docgen.exempt import SpanKind, Text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

SPAN_STYLES = {
    SpanKind.PLAIN: None,
    SpanKind.EXEMPT: "ExemptText",
    SpanKind.NOTICE: "WithheldText",
}
"""Character style (in the template's styles.xml) for each kind of span."""

EXEMPT_PARAGRAPH_SHADING = "D9D9D9"


def runs(text: Text | str | None, *, bold: bool = False, italic: bool = False) -> Markup:
    """``<w:r>`` elements for ``text``; exempt and withheld spans keep their styles."""
    if text is None:
        return Markup("")
    spans = text.spans if isinstance(text, Text) else (None,)
    parts = []
    for span in spans:
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
    return Markup("".join(parts))


@attrs.define
class Numbering:
    """The numbering instances one rendering of a template uses.

    The template's numbering.xml names each abstract list (``<w:name w:val="paragraphs"/>``)
    and gives it a first instance. A list name with a ``/`` suffix asks for a separate
    instance that starts again from 1; each such instance is added to numbering.xml.
    """

    abstract_ids: dict[str, int]
    first_num_ids: dict[str, int]
    next_id: int
    instances: dict[str, int] = attrs.field(factory=dict)
    added: list[tuple[int, int]] = attrs.field(factory=list)

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
        if abstract not in self.abstract_ids:
            known = ", ".join(sorted(self.abstract_ids))
            raise KeyError(f"the template defines no list named '{abstract}' (it has {known})")
        if not instance and abstract in self.first_num_ids:
            num_id = self.first_num_ids[abstract]
        else:
            num_id = self.next_id
            self.next_id += 1
            self.added.append((num_id, self.abstract_ids[abstract]))
        self.instances[list_name] = num_id
        return num_id

    def extend(self, numbering_xml: bytes) -> bytes:
        """numbering.xml with the instances added during this rendering."""
        if not self.added:
            return numbering_xml
        extra = "".join(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            for num_id, abstract_id in self.added
        )
        closing = b"</w:numbering>"
        head, found, tail = numbering_xml.rpartition(closing)
        if not found:
            raise ValueError("numbering.xml has no closing </w:numbering>")
        return head + extra.encode() + closing + tail


def paragraph_helper(numbering: Numbering | None) -> Any:
    """The ``paragraph()`` function a template calls for one whole paragraph."""

    def paragraph(
        text: Text | str | None,
        style: str = "BodyText",
        *,
        list: str | None = None,
        shaded: bool = False,
        bold: bool = False,
        keep_with_next: bool = False,
    ) -> Markup:
        properties = f'<w:pStyle w:val="{escape(style)}"/>'
        if keep_with_next:
            properties += "<w:keepNext/>"
        if list is not None:
            if numbering is None:
                raise KeyError("this template has no numbering.xml, so no numbered lists")
            num_id = numbering.num_id(list)
            properties += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        if shaded:
            properties += (
                f'<w:shd w:val="clear" w:color="auto" w:fill="{EXEMPT_PARAGRAPH_SHADING}"/>'
            )
        return Markup(f"<w:p><w:pPr>{properties}</w:pPr>{runs(text, bold=bold)}</w:p>")

    return paragraph
