"""The second line of defence: look for exempt text in every byte of a finished paper.

The public view already has no exempt data, so a public paper should never contain
any. This scan proves it for the file actually written: every member of the .docx
zip, as raw XML (entities decoded) and with the tags removed (so a word split
across runs is still found), compared as a reader reads text (`docgen.reading`:
case, accents, look-alike quotes and dashes, invisible characters folded) and as
whole words, so "Ward" is not found in "Edwards". What it looks for comes from
`docgen.needles`: exempt values and their distinctive words.
It reports the field an exempt value came from, never the value itself, so its
report can go into a public log.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import PurePath
from urllib.parse import unquote

import attrs
from lxml import etree

from docgen.needles import ExemptWord
from docgen.reading import compact, data_words, spaced, words
from docgen.views import ExemptValue

MIN_VALUE_LENGTH = 3
"""Values shorter than this, once folded, are not searched for: they match everywhere."""
SPACELESS_MIN_LENGTH = 8
"""Values at least this long are also searched for with all white space removed."""

_XML_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, no_network=True)
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
    spaced: str
    compact: str | None
    level: int
    """The least reader-like text it is looked for in (`READER`, `MARKUP`, `DATA`)."""


READER, MARKUP, DATA = 0, 1, 2
"""How a piece of a file is read: text a reader sees (every needle is looked for);
markup, names and metadata (whole values and words of letters: numbers there are
sizes and positions); binary data or page-description code (whole values only)."""


@attrs.frozen
class Needles:
    """What a scan looks for, worked out once: the values, and each as it is matched.

    Working the values out costs as much as scanning a few parts, and a paper has dozens
    of parts (a PDF's streams, a .docx's members): every scan of a record's papers can
    share one `Needles` (`docgen.render` does), and every part of one paper always does.
    """

    values: tuple[ExemptValue, ...]
    items: tuple[_Needle, ...]

    @classmethod
    def of(cls, values: Iterable[ExemptValue] | Needles) -> Needles:
        if isinstance(values, Needles):
            return values
        values = tuple(values)
        return cls(values, tuple(_needles(values)))


def _needles(values: Iterable[ExemptValue]) -> list[_Needle]:
    needles = []
    for value in values:
        together = compact(value.text)
        if len(together) < MIN_VALUE_LENGTH:
            continue
        several = len(words(value.text)) > 1
        level = DATA
        if isinstance(value, ExemptWord):
            level = READER if any(c.isdigit() for c in together) else MARKUP
        needles.append(
            _Needle(
                value.field,
                spaced(value.text),
                together if several and len(together) >= SPACELESS_MIN_LENGTH else None,
                level,
            )
        )
    return needles


def _xml_forms(raw: str) -> list[tuple[str, int]] | None:
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
    return [
        ("".join(pieces), READER),
        (" ".join(pieces), READER),
        (" | ".join(attributes), MARKUP),
        (" | ".join(comments), MARKUP),
    ]


def _haystacks(raw: str, level: int) -> list[tuple[str, int]]:
    """The forms of one part's text that a value is looked for in, each with how it is read.

    XML is read as a parser reads it (entities decoded): its text with tags removed (a
    word split across runs) and with a space between pieces (words in separate
    paragraphs), its attribute values and its comments. Anything else is taken as it
    is, at ``level`` (binary data, with NULs or bytes that are not UTF-8, as data).
    %-encoding (relationship targets) is undone in both.
    """
    forms = _xml_forms(raw) if raw.lstrip().startswith("<") else None
    if forms is None:  # not XML, or not well-formed: read it every way at once
        if _binary(raw):
            level = DATA
        texts = [raw, html.unescape(raw), *(html.unescape(_TAG.sub(s, raw)) for s in ("", " "))]
        forms = [(text, level) for text in texts]
    if "%" in raw:
        forms.extend((unquote(form), how) for form, how in list(forms))
    return forms


def _binary(raw: str) -> bool:
    return "\x00" in raw or "\ufffd" in raw


def _words_forms(raw: str, level: int) -> list[tuple[str, str, int]]:
    """Each form of ``raw`` as (its words spaced, its words run together, how it is read)."""
    read = data_words if _binary(raw) else words
    found = []
    for form, how in _haystacks(raw, level):
        found_words = read(form)
        found.append((f" {' '.join(found_words)} ", "".join(found_words), how))
    return found


def scan_text(
    part: str, raw: str, values: Iterable[ExemptValue] | Needles, level: int = MARKUP
) -> list[Leak]:
    """Leaks of ``values`` in one part's text (XML, or plain text read at ``level``)."""
    needles = Needles.of(values).items
    if not needles:
        return []
    forms = _words_forms(raw, level)
    leaks = []
    for needle in needles:
        found = any(
            needle.spaced in words_of or (needle.compact is not None and needle.compact in squeezed)
            for words_of, squeezed, how in forms
            if how <= needle.level
        )
        if found:
            leaks.append(Leak(part, needle.field))
    return leaks


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8", errors="replace")


def scan_docx(data: bytes, values: Iterable[ExemptValue] | Needles, name: str = "") -> list[Leak]:
    """Leaks of ``values`` anywhere in a .docx: every zip member, its name and comments.

    A member that is itself a zip (an embedded workbook or document) is opened and
    scanned the same way.
    """
    values = Needles.of(values)
    leaks = _scan_zip(data, values, prefix="")
    if name:
        leaks.extend(scan_path(name, values))
    return leaks


def scan_paper(data: bytes, values: Iterable[ExemptValue] | Needles, name: str = "") -> list[Leak]:
    """Leaks in a paper of either format, told apart by their first bytes."""
    if data.startswith(b"%PDF"):
        return scan_pdf(data, values, name)
    return scan_docx(data, values, name)


def scan_pdf(data: bytes, values: Iterable[ExemptValue] | Needles, name: str = "") -> list[Leak]:
    """Leaks of ``values`` anywhere in a PDF.

    The text of every page as a reader extracts it; and every object in the file:
    each string (Info dictionary, outline titles, annotation contents, link URIs,
    /Alt and /ActualText, form fields, named destinations) decoded from its PDF
    encoding, each name, and each stream decompressed (content streams, XMP
    metadata, embedded files).
    """
    import pikepdf

    from docgen.pdf_text import page_texts

    values = Needles.of(values)
    leaks: list[Leak] = []
    for number, text in enumerate(page_texts(data), start=1):
        leaks.extend(scan_text(f"page {number} text", text, values, READER))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        strings: list[str] = []
        for obj in pdf.objects:
            _collect_strings(obj, strings)
            if isinstance(obj, pikepdf.Stream):
                try:
                    content = obj.read_bytes()
                except pikepdf.PdfError:
                    content = obj.read_raw_bytes()
                leaks.extend(scan_text(f"stream {obj.objgen[0]}", _decode(content), values, DATA))
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


def _scan_zip(data: bytes, values: Needles, prefix: str) -> list[Leak]:
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


PATH_COMPACT_MIN_LENGTH = 6
"""A name of several words is also looked for run together in a path ("jobloggs")."""


def scan_path(path: str, values: Iterable[ExemptValue] | Needles) -> list[Leak]:
    """Leaks in a paper's path, ignoring punctuation: ``jo-bloggs`` spells "Jo Bloggs".

    Only the part docgen names is read: the record id's folder and the file name. The
    output folder above them is the user's choice and is never published. A value of
    one ordinary word is not looked for: the id has passed the load-time check, which
    refuses any distinctive word or whole phrase of exempt text in it, and one word of
    English in a file name tells nothing (a distinctive word has its own needle).
    """
    named = "/".join(PurePath(path).parts[-2:])
    words_of_path, squeezed = spaced(named), compact(named)
    leaks = []
    for value in values.values if isinstance(values, Needles) else values:
        together = compact(value.text)
        several = len(words(value.text)) > 1
        if len(together) < MIN_VALUE_LENGTH or not (several or isinstance(value, ExemptWord)):
            continue
        if spaced(value.text) in words_of_path or (
            several and len(together) >= PATH_COMPACT_MIN_LENGTH and together in squeezed
        ):
            leaks.append(Leak("file path", value.field))
    return leaks
