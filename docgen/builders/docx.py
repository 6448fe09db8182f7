"""The Word builder: a docxtpl template, pre-processed once, rendered many times.

docxtpl's own ``render()`` re-reads and re-parses the template for every paper,
renders a template object only once, and saves with the current time in the zip.
This adapter uses docxtpl for what it is good at – cleaning a hand-edited
template's XML so Jinja can read it (``patch_xml``) – and does the rest itself:

* parts are patched and compiled once per template, with docgen's Jinja
  environment (autoescaping, StrictUndefined, sandboxed);
* every rendering starts from the template's original bytes, so papers in a batch
  never share state;
* the zip is written with fixed entry times and fixed document properties, so the
  same inputs give the same bytes;
* every XML part of the result is parsed before it is returned, so a template or
  a value can never produce a file Word refuses to open.

It knows WordprocessingML, not the domain: papers hand it a context of plain
values and the document properties.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from lxml import etree
from markupsafe import escape

from docgen.builders.environment import make_environment
from docgen.builders.house_word import apply_house, without_unused_logo
from docgen.builders.properties import DocumentProperties
from docgen.builders.word_keeps import apply_keeps
from docgen.builders.wordml import Media, Numbering, paragraph_helper, picture_helper, runs, table
from docgen.charts import chart_png
from docgen.errors import BuildError, TemplateError
from docgen.house_style import HouseStyle, shipped_house
from docgen.template_check import part_name

ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's time: the earliest a zip can hold, and the same for every build."""

JINJA_MARK = re.compile(rb"\{[{%#]")
TEMPLATED_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
CORE_PROPERTIES = "docProps/core.xml"
APP_PROPERTIES = "docProps/app.xml"
NUMBERING = "word/numbering.xml"
DOCUMENT = "word/document.xml"
CONTENT_TYPES = "[Content_Types].xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
DROPPED_PARTS = ("docProps/thumbnail.jpeg", "docProps/custom.xml")
"""Parts a template may carry that could hold someone else's text; never copied."""


class WordTemplate:
    """A .docx template, loaded and compiled once, rendered into many papers."""

    def __init__(self, path: Path, house: HouseStyle | None = None):
        """``house``: the house style in force; the values a council set in it are
        applied to the template's named styles (`docgen.builders.house_word`)."""
        self.path = path
        self.environment = make_environment()
        try:
            with zipfile.ZipFile(path) as archive:
                self.parts = {
                    info.filename: archive.read(info)
                    for info in archive.infolist()
                    if info.filename not in DROPPED_PARTS
                }
        except (OSError, zipfile.BadZipFile) as error:
            raise TemplateError(f"cannot read the Word template: {error}", path=path) from None
        if house is not None and house.council_keys:
            try:
                self.parts = apply_house(self.parts, house, house.council_keys, shipped_house())
            except (ValueError, etree.XMLSyntaxError) as error:
                raise TemplateError(f"cannot apply the house style: {error}", path=path) from None
        patcher = DocxTemplate(path)
        self.templates: dict[str, jinja2.Template] = {}
        for name, data in self.parts.items():
            if TEMPLATED_PARTS.match(name) and JINJA_MARK.search(data):
                xml = patcher.patch_xml(data.decode("utf-8"))
                xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
                try:
                    self.templates[name] = self.environment.from_string(xml)
                except jinja2.TemplateSyntaxError as error:
                    raise TemplateError(
                        f"{part_name(name)}, at {_quoted_line(xml, error.lineno)}: "
                        f"{error.message} (`docgen templates check` names the paragraph)",
                        path=path,
                    ) from None

    def render(self, context: Mapping[str, Any], properties: DocumentProperties) -> bytes:
        """The finished .docx for ``context``, as bytes."""
        numbering = Numbering.from_xml(self.parts[NUMBERING]) if NUMBERING in self.parts else None
        media = Media(taken=frozenset(self.parts))
        helpers = {
            "paragraph": paragraph_helper(numbering),
            "runs": runs,
            "table": table,
            "picture": picture_helper(media),
            "chart_png": chart_png,
        }
        rendered: dict[str, bytes] = {}
        for name, template in self.templates.items():
            try:
                xml = template.render({**context, **helpers})
            except jinja2.UndefinedError as error:
                raise TemplateError(
                    f"{name}: {error.message} (the paper gives no such value)", path=self.path
                ) from None
            except (jinja2.TemplateError, KeyError) as error:
                raise TemplateError(f"{name}: {error}", path=self.path) from None
            rendered[name] = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml).encode("utf-8")
        if DOCUMENT in rendered:
            rendered[DOCUMENT] = apply_keeps(rendered[DOCUMENT])
        if numbering is not None:
            rendered[NUMBERING] = numbering.extend(self.parts[NUMBERING])
        if media.items:
            rendered[DOCUMENT_RELS] = media.extend_relationships(self.parts[DOCUMENT_RELS])
            rendered.update(media.parts())
            rendered[CONTENT_TYPES] = media.content_types(self.parts[CONTENT_TYPES])
        rendered[CORE_PROPERTIES] = core_properties_xml(properties)
        rendered[APP_PROPERTIES] = APP_XML
        return self._zip(without_unused_logo({**self.parts, **rendered}))

    def _zip(self, parts: Mapping[str, bytes]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                if name.endswith((".xml", ".rels")):
                    _check_well_formed(self.path, name, data)
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3
                info.external_attr = 0o644 << 16
                archive.writestr(info, data, compresslevel=6)
        return buffer.getvalue()


def _quoted_line(xml: str, line: int) -> str:
    """The text of the generated line a Jinja error is on (one paragraph), quoted."""
    lines = xml.split("\n")
    text = re.sub(r"<[^>]*>", "", lines[line - 1] if 0 < line <= len(lines) else "")
    return repr(text if len(text) <= 60 else text[:60] + "…")


def _check_well_formed(path: Path, name: str, data: bytes) -> None:
    try:
        etree.fromstring(data)
    except etree.XMLSyntaxError as error:
        raise BuildError(
            f"the rendered {name} is not well-formed XML: {error}", path=path
        ) from None


def core_properties_xml(properties: DocumentProperties) -> bytes:
    """docProps/core.xml from ``properties``; its dates come from the record, never now."""
    dates = ""
    if properties.created is not None:
        stamp = datetime(
            properties.created.year, properties.created.month, properties.created.day
        ).strftime("%Y-%m-%dT%H:%M:%SZ")
        dates = (
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        )
    fields = {
        "dc:title": properties.title,
        "dc:subject": properties.subject,
        "dc:creator": properties.author,
        "cp:keywords": properties.keywords,
        "dc:description": properties.description,
        "dc:language": properties.language,
        "cp:lastModifiedBy": properties.author,
    }
    body = "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in fields.items() if value)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{body}<cp:revision>1</cp:revision>{dates}</cp:coreProperties>"
    ).encode()


APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>docgen</Application><DocSecurity>0</DocSecurity>"
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    b"</Properties>"
)
"""docProps/app.xml: no company, manager or template path, which could name anyone."""
