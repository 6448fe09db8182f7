"""The second line of defence: look for exempt text in every byte of a finished paper.

The public view already has no exempt data, so a public paper should never contain
any. This scan proves it for the file actually written: every member of the .docx
zip, as raw XML (entities decoded) and with the tags removed (so a word split
across runs is still found), compared case-insensitively with white space folded.
It reports the field an exempt value came from, never the value itself, so its
report can go into a public log.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterable
from urllib.parse import unquote

import attrs
from lxml import etree

from docgen.views import ExemptValue

MIN_VALUE_LENGTH = 3
"""Values shorter than this, once folded, are not searched for: they match everywhere."""
SPACELESS_MIN_LENGTH = 8
"""Values at least this long are also searched for with all white space removed."""

_XML_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, no_network=True)
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")


@attrs.frozen
class Leak:
    """Exempt text found in a file: where (part) and whose (field), never what."""

    part: str
    field: str

    def __str__(self) -> str:
        return f"{self.part}: exempt text of '{self.field}'"


@attrs.frozen
class _Needle:
    field: str
    folded: str
    spaceless: str | None


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _needles(values: Iterable[ExemptValue]) -> list[_Needle]:
    needles = []
    for value in values:
        folded = _fold(value.text)
        if len(folded) < MIN_VALUE_LENGTH:
            continue
        spaceless = folded.replace(" ", "")
        needles.append(
            _Needle(
                value.field, folded, spaceless if len(spaceless) >= SPACELESS_MIN_LENGTH else None
            )
        )
    return needles


def _xml_forms(raw: str) -> list[str] | None:
    """What a reader can get out of an XML part: text (runs joined, and spaced), attribute
    values, comments. Tag and attribute *names* are left out: they are the format's,
    and a short exempt value would match them by chance."""
    try:
        root = etree.fromstring(raw.encode("utf-8"), parser=_XML_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    pieces = [piece for piece in root.itertext() if piece]
    attributes = [value for node in root.iter() for value in node.attrib.values()]
    comments = [node.text or "" for node in root.iter(etree.Comment, etree.ProcessingInstruction)]
    return ["".join(pieces), " ".join(pieces), " | ".join(attributes), " | ".join(comments)]


def _haystacks(raw: str) -> list[str]:
    """The forms of one part's text that a value is looked for in.

    XML is read as a parser reads it (entities decoded): its text with tags removed (a
    word split across runs) and with a space between pieces (words in separate
    paragraphs), its attribute values and its comments. Anything else is taken as it
    is. %-encoding (relationship targets) is undone in both.
    """
    forms = _xml_forms(raw) if raw.lstrip().startswith("<") else None
    if forms is None:  # not XML, or not well-formed: read it every way at once
        forms = [raw, html.unescape(raw), *(html.unescape(_TAG.sub(s, raw)) for s in ("", " "))]
    if "%" in raw:
        forms.extend(unquote(form) for form in list(forms))
    return [_fold(form) for form in forms]


def scan_text(part: str, raw: str, values: Iterable[ExemptValue]) -> list[Leak]:
    """Leaks of ``values`` in one part's text (XML or plain)."""
    haystacks = _haystacks(raw)
    squeezed = [h.replace(" ", "") for h in haystacks]
    leaks = []
    for needle in _needles(values):
        found = any(needle.folded in h for h in haystacks) or (
            needle.spaceless is not None and any(needle.spaceless in h for h in squeezed)
        )
        if found:
            leaks.append(Leak(part, needle.field))
    return leaks


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8", errors="replace")


def scan_docx(data: bytes, values: Iterable[ExemptValue], name: str = "") -> list[Leak]:
    """Leaks of ``values`` anywhere in a .docx: every zip member, its name and comments.

    A member that is itself a zip (an embedded workbook or document) is opened and
    scanned the same way.
    """
    values = list(values)
    leaks = _scan_zip(data, values, prefix="")
    if name:
        leaks.extend(scan_path(name, values))
    return leaks


def scan_paper(data: bytes, values: Iterable[ExemptValue], name: str = "") -> list[Leak]:
    """Leaks in a paper of either format, told apart by their first bytes."""
    if data.startswith(b"%PDF"):
        return scan_pdf(data, values, name)
    return scan_docx(data, values, name)


def scan_pdf(data: bytes, values: Iterable[ExemptValue], name: str = "") -> list[Leak]:
    """Leaks of ``values`` anywhere in a PDF.

    The text of every page as a reader extracts it; and every object in the file:
    each string (Info dictionary, outline titles, annotation contents, link URIs,
    /Alt and /ActualText, form fields, named destinations) decoded from its PDF
    encoding, each name, and each stream decompressed (content streams, XMP
    metadata, embedded files).
    """
    import pikepdf

    from docgen.pdf_text import page_texts

    values = list(values)
    leaks: list[Leak] = []
    for number, text in enumerate(page_texts(data), start=1):
        leaks.extend(scan_text(f"page {number} text", text, values))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        strings: list[str] = []
        for obj in pdf.objects:
            _collect_strings(obj, strings)
            if isinstance(obj, pikepdf.Stream):
                try:
                    content = obj.read_bytes()
                except pikepdf.PdfError:
                    content = obj.read_raw_bytes()
                leaks.extend(scan_text(f"stream {obj.objgen[0]}", _decode(content), values))
        leaks.extend(scan_text("strings and names", "\n".join(strings), values))
    if name:
        leaks.extend(scan_path(name, values))
    return _unique(leaks)


def _collect_strings(obj: object, found: list[str]) -> None:
    """Every string and name in ``obj`` and its direct children (indirect objects are
    walked on their own, so no object is read twice and no cycle is followed)."""
    import pikepdf

    if isinstance(obj, pikepdf.String):
        found.append(str(obj))
        raw = bytes(obj)
        if b"\x00" in raw and len(raw) % 2 == 0:  # UTF-16 written without its byte-order mark
            found.append(raw.decode("utf-16-be", errors="replace"))
        return
    if isinstance(obj, pikepdf.Name):
        found.append(str(obj)[1:])
        return
    if isinstance(obj, pikepdf.Array):
        children = list(obj)
    elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        keys = list(obj.keys())
        found.extend(str(key)[1:] for key in keys)
        children = [obj[key] for key in keys]
    else:
        return
    for child in children:  # numbers and booleans come back as Python values: no text
        if isinstance(child, pikepdf.Object) and not child.is_indirect:
            _collect_strings(child, found)


def _unique(leaks: list[Leak]) -> list[Leak]:
    return list(dict.fromkeys(leaks))


def _scan_zip(data: bytes, values: list[ExemptValue], prefix: str) -> list[Leak]:
    leaks: list[Leak] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        leaks.extend(scan_text(f"{prefix}zip comment", _decode(archive.comment), values))
        for info in archive.infolist():
            member = f"{prefix}{info.filename}"
            leaks.extend(scan_text(f"zip member name {member}", info.filename, values))
            if info.comment:
                leaks.extend(scan_text(f"{member} (comment)", _decode(info.comment), values))
            content = archive.read(info)
            if content.startswith(b"PK\x03\x04"):
                leaks.extend(_scan_zip(content, values, prefix=f"{member}!"))
            else:
                leaks.extend(scan_text(member, _decode(content), values))
    return leaks


def _alphanumeric(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def scan_path(path: str, values: Iterable[ExemptValue]) -> list[Leak]:
    """Leaks in a file path, ignoring punctuation: ``jo-bloggs`` spells "Jo Bloggs"."""
    squeezed = _alphanumeric(path)
    return [
        Leak("file path", value.field)
        for value in values
        if len(_alphanumeric(value.text)) >= MIN_VALUE_LENGTH
        and _alphanumeric(value.text) in squeezed
    ]
