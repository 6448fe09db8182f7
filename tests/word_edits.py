"""Changes to a Word template of the kinds an officer makes in Word, for tests."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path


def read_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_parts(path: Path, parts: dict[str, bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def edit_word_template(source: Path, target: Path, old: str, new: str) -> None:
    """Copy a Word template, changing its wording in document.xml as an officer would."""
    parts = read_parts(source)
    document = parts["word/document.xml"].decode("utf-8")
    assert old in document, f"{old!r} is not in {source.name}"
    parts["word/document.xml"] = document.replace(old, new).encode("utf-8")
    write_parts(target, parts)


def png(colour: tuple[int, int, int], size: tuple[int, int] = (40, 20)) -> bytes:
    """A small PNG of one colour: a stand-in for a council's logo."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


HEADER_PICTURE = (
    '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
    'wordprocessingDrawing"><wp:extent cx="720000" cy="360000"/><wp:docPr id="1" name="Logo" '
    'descr="Council logo"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/'
    'main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr '
    'id="1" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdLogo"/>'
    "</pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
)


def add_header_logo(template: Path, logo: bytes) -> None:
    """Put a picture in the template's header as Word saves one: word/media/image1.png."""
    parts = read_parts(template)
    header = parts["word/header1.xml"].decode("utf-8")
    head, _, tail = header.partition("</w:hdr>")
    parts["word/header1.xml"] = (head + HEADER_PICTURE + "</w:hdr>" + tail).encode("utf-8")
    parts["word/_rels/header1.xml.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/image" Target="media/image1.png"/></Relationships>'
    )
    parts["word/media/image1.png"] = logo
    write_parts(template, parts)


def resave_as_word(template: Path) -> None:
    """What saving in Word does to a template besides the change made: revision ids on
    every paragraph and run, and a heading's words split into runs of their own."""
    parts = read_parts(template)
    document = parts["word/document.xml"].decode("utf-8")
    document = document.replace("<w:p>", '<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3">')
    document = document.replace("<w:r>", '<w:r w:rsidRPr="00D4E5F6">')
    document = re.sub(
        r'<w:t xml:space="preserve">Background papers</w:t></w:r>',
        '<w:t xml:space="preserve">Background </w:t></w:r><w:r w:rsidRPr="00D4E5F7">'
        '<w:t xml:space="preserve">papers</w:t></w:r>',
        document,
    )
    parts["word/document.xml"] = document.encode("utf-8")
    write_parts(template, parts)
