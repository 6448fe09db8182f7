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

import attrs

from docgen.views import ExemptValue

MIN_VALUE_LENGTH = 3
"""Values shorter than this, once folded, are not searched for: they match everywhere."""
SPACELESS_MIN_LENGTH = 8
"""Values at least this long are also searched for with all white space removed."""

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


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


def _haystacks(raw: str) -> list[str]:
    """The forms of one part's text that a value is looked for in."""
    decoded = html.unescape(raw)
    joined = html.unescape(_TAG.sub("", raw))
    spaced = html.unescape(_TAG.sub(" ", raw))
    return [_fold(decoded), _fold(joined), _fold(spaced)]


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
    """Leaks of ``values`` anywhere in a .docx: every zip member, its name and comments."""
    values = list(values)
    leaks: list[Leak] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        leaks.extend(scan_text("zip comment", _decode(archive.comment), values))
        for info in archive.infolist():
            leaks.extend(scan_text(f"zip member name {info.filename}", info.filename, values))
            if info.comment:
                leaks.extend(scan_text(f"{info.filename} (comment)", _decode(info.comment), values))
            leaks.extend(scan_text(info.filename, _decode(archive.read(info)), values))
    if name:
        leaks.extend(scan_path(name, values))
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
