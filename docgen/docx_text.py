"""A .docx as readable text: what a snapshot compares and what a reviewer reads.

Each paragraph is shown with its style and its list label as Word would number it
(computed from numbering.xml, so a numbering mistake shows as a wrong number),
runs with bold as ``**…**``, italic as ``_…_`` and character styles as
``{Style: …}``; tables row by row; then headers, footers and the core properties.
"""

from __future__ import annotations

import io
import zipfile

import attrs
from lxml import etree

from docgen.builders.environment import roman

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def _val(element: etree._Element | None, name: str = "val") -> str | None:
    return None if element is None else element.get(f"{W}{name}")


@attrs.define
class _Numbering:
    """Word's list counters, enough to label lists as Word does (levels included)."""

    levels: dict[
        tuple[str, int], tuple[str, str, int]
    ]  # (abstractNumId, ilvl) -> (numFmt, lvlText, start)
    nums: dict[str, tuple[str, int | None]]  # numId -> (abstractNumId, startOverride)
    counters: dict[str, list[int]] = attrs.field(factory=dict)
    seen: set[str] = attrs.field(factory=set)

    @classmethod
    def parse(cls, xml: bytes | None) -> _Numbering:
        levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        nums: dict[str, tuple[str, int | None]] = {}
        if xml is not None:
            root = etree.fromstring(xml)
            for abstract in root.iter(f"{W}abstractNum"):
                for level in abstract.iterfind(f"{W}lvl"):
                    levels[(abstract.get(f"{W}abstractNumId"), int(level.get(f"{W}ilvl")))] = (
                        _val(level.find(f"{W}numFmt")) or "decimal",
                        _val(level.find(f"{W}lvlText")) or "%1.",
                        int(_val(level.find(f"{W}start")) or 1),
                    )
            for num in root.iter(f"{W}num"):
                start = _val(num.find(f"{W}lvlOverride/{W}startOverride"))
                nums[num.get(f"{W}numId")] = (
                    _val(num.find(f"{W}abstractNumId")) or "",
                    int(start) if start is not None else None,
                )
        return cls(levels, nums)

    def label(self, num_id: str, level: int = 0) -> str:
        if num_id not in self.nums:
            return f"?num{num_id}"
        abstract, override = self.nums[num_id]
        fmt, text, start = self.levels.get((abstract, level), ("decimal", "%1.", 1))
        if fmt == "bullet":
            return text
        counters = self.counters.setdefault(abstract, [0] * 9)
        if num_id not in self.seen:
            self.seen.add(num_id)
            if override is not None:
                counters[0] = override - 1
        counters[level] = counters[level] + 1 if counters[level] else start
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        for number in range(level + 1):
            value = counters[number] or self.levels.get((abstract, number), ("decimal", "", 1))[2]
            level_fmt = self.levels.get((abstract, number), ("decimal", "", 1))[0]
            shown = roman(value) if level_fmt == "lowerRoman" else str(value)
            text = text.replace(f"%{number + 1}", shown)
        return text


@attrs.define
class _Styles:
    names: dict[str, str]
    num_ids: dict[str, str]
    based_on: dict[str, str]

    @classmethod
    def parse(cls, xml: bytes | None) -> _Styles:
        names: dict[str, str] = {}
        num_ids: dict[str, str] = {}
        based_on: dict[str, str] = {}
        if xml is not None:
            for style in etree.fromstring(xml).iter(f"{W}style"):
                style_id = style.get(f"{W}styleId")
                names[style_id] = _val(style.find(f"{W}name")) or style_id
                num_id = _val(style.find(f"{W}pPr/{W}numPr/{W}numId"))
                if num_id is not None:
                    num_ids[style_id] = num_id
                parent = _val(style.find(f"{W}basedOn"))
                if parent is not None:
                    based_on[style_id] = parent
        return cls(names, num_ids, based_on)

    def num_id(self, style_id: str) -> str | None:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self.num_ids:
                return self.num_ids[style_id]
            style_id = self.based_on.get(style_id, "")
        return None


def _run_text(run: etree._Element) -> str:
    parts = []
    for child in run:
        if child.tag == f"{W}t":
            parts.append(child.text or "")
        elif child.tag == f"{W}tab":
            parts.append("\t")
        elif child.tag == f"{W}instrText":
            parts.append("{" + (child.text or "").strip() + "}")
        elif child.tag == f"{W}br":
            parts.append("⏎" if _val(child, "type") != "page" else "[page break]")
        elif child.tag == f"{W}drawing":
            described = next((e for e in child.iter() if etree.QName(e).localname == "docPr"), None)
            alt = described.get("descr", "") if described is not None else ""
            parts.append(f"{{picture: {alt}}}")
    text = "".join(parts)
    properties = run.find(f"{W}rPr")
    if properties is not None and text:
        style = _val(properties.find(f"{W}rStyle"))
        if properties.find(f"{W}i") is not None:
            text = f"_{text}_"
        if properties.find(f"{W}b") is not None:
            text = f"**{text}**"
        if style:
            text = f"{{{style}: {text}}}"
    return text


def _paragraph_text(paragraph: etree._Element) -> str:
    parts = []
    for child in paragraph:
        if child.tag == f"{W}r":
            parts.append(_run_text(child))
        elif child.tag == f"{W}fldSimple":
            parts.append("{" + (_val(child, "instr") or "").strip() + "}")
        elif child.tag == f"{W}hyperlink":
            parts.extend(_run_text(r) for r in child.iter(f"{W}r"))
    return "".join(parts)


@attrs.define
class _Reader:
    styles: _Styles
    numbering: _Numbering

    def paragraph(self, paragraph: etree._Element) -> str:
        properties = paragraph.find(f"{W}pPr")
        style_id = _val(properties.find(f"{W}pStyle")) if properties is not None else None
        style_id = style_id or "Normal"
        num_id = _val(paragraph.find(f"{W}pPr/{W}numPr/{W}numId")) or self.styles.num_id(style_id)
        level = int(_val(paragraph.find(f"{W}pPr/{W}numPr/{W}ilvl")) or 0)
        label = f" {self.numbering.label(num_id, level)}" if num_id and num_id != "0" else ""
        shaded = paragraph.find(f"{W}pPr/{W}shd") is not None
        mark = " shaded" if shaded else ""
        if properties is not None and properties.find(f"{W}pageBreakBefore") is not None:
            mark += " new-page"
        return f"[{self.styles.names.get(style_id, style_id)}{label}{mark}] {_paragraph_text(paragraph)}".rstrip()

    def block(self, element: etree._Element, indent: str = "") -> list[str]:
        if element.tag == f"{W}p":
            return [indent + self.paragraph(element)]
        if element.tag == f"{W}tbl":
            caption = _val(element.find(f"{W}tblPr/{W}tblCaption")) or ""
            lines = [f"{indent}[table{': ' + caption if caption else ''}]"]
            for number, table_row in enumerate(element.iter(f"{W}tr"), start=1):
                lines.append(f"{indent}  row {number}:")
                for table_cell in table_row.iterfind(f"{W}tc"):
                    cell_lines: list[str] = []
                    for child in table_cell:
                        cell_lines.extend(self.block(child))
                    for index, line in enumerate(cell_lines or [""]):
                        lines.append(f"{indent}    {'|' if index == 0 else ' '} {line}")
            return lines
        return []


def docx_to_text(data: bytes) -> str:
    """The readable text of a .docx (see the module docstring for the notation)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())

        def read(name: str) -> bytes | None:
            return archive.read(name) if name in names else None

        reader = _Reader(
            _Styles.parse(read("word/styles.xml")), _Numbering.parse(read("word/numbering.xml"))
        )
        lines: list[str] = []
        for name in sorted(n for n in names if n.startswith("word/header")):
            lines.append(f"== {name} ==")
            for element in etree.fromstring(archive.read(name)):
                lines.extend(reader.block(element))
        lines.append("== word/document.xml ==")
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
        for element in body if body is not None else []:
            lines.extend(reader.block(element))
        for name in sorted(n for n in names if n.startswith("word/footer")):
            lines.append(f"== {name} ==")
            for element in etree.fromstring(archive.read(name)):
                lines.extend(reader.block(element))
        core = read("docProps/core.xml")
        if core is not None:
            lines.append("== docProps/core.xml ==")
            for element in etree.fromstring(core):
                tag = etree.QName(element).localname
                lines.append(f"{tag}: {element.text or ''}")
        lines.append("== parts ==")
        lines.extend(sorted(names))
    return "\n".join(lines) + "\n"
