"""How big and how strange a record may be, and reading record files within those bounds.

Every limit here is far beyond what a real paper needs (the numbers say how far), and
each exists so that hostile or broken input gets a located error instead of a
traceback, a hang, a crash of the interpreter or minutes of work. A record is read
only from a regular file inside its records folder, never more than `MAX_FILE_BYTES`
of it; its YAML is walked as a stream of events (which needs no recursion) to refuse
aliases and over-deep nesting *before* any composer builds a tree from it.
"""

from __future__ import annotations

import math
import os
import re
import stat
from pathlib import Path

import yaml

try:  # the C parser: iterative, and fast
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
"""A record file's size. The largest example is 30 KB; a long report with appendices
and tables is perhaps 100 KB."""
MAX_DEPTH = 32
"""Nested mappings and lists. The deepest example nests 10 (a report's appendix, its
sections, their paragraphs, a table's rows and their cells, each a list of mappings)."""
MAX_TEXT_CHARACTERS = 20_000
"""One field's text. The longest example paragraph is under 1,200 characters; 20,000 is
some eight pages of a paper in one paragraph."""
MAX_LIST_ITEMS = 1_000
"""Entries in one list (paragraphs, rows, bullets …). The longest example list has 12."""
MAX_CATEGORIES = 40
"""Bars along a chart's bottom: beyond about 40 the labels cannot be read at 16 cm."""
MAX_SERIES = 12
"""Bars per category: a chart has twelve fills, each its own grey and pattern."""
MAX_BARS = 120
"""Bars in one chart (categories × series): 120 leaves each bar some 8 pixels of 1,600."""
MAX_TIMELINE_ROWS = 100
"""Lines of a peer challenge timetable, each a bar of the Gantt chart (examples: 7–12)."""
MAX_WHOLE_NUMBER = 10**12
"""A number's magnitude (a count, or a chart value with decimals): counts and years are
far smaller; a trillion is headroom."""
MAX_PROBLEMS = 100
"""Problems listed for one record; past that, one line says how many more there are."""
FIRST_YEAR, LAST_YEAR = 1900, 2200
"""Dates: any paper's dates fall well inside, and date arithmetic (a follow-up eighteen
months on, a commission year's end) can never leave the calendar."""

NOT_YAML_CHARACTER = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""Characters YAML does not allow in a document (control characters, mostly)."""

FILE_TYPES = {
    stat.S_IFDIR: "a folder",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
}


class LimitError(ValueError):
    """Input beyond a limit, or not a record file at all; ``line`` says where, if anywhere."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(message)


def read_record_bytes(path: Path, tree: Path | None = None) -> bytes:
    """The bytes of the record file at ``path``, refusing what is no record file.

    ``tree`` is the records folder the file was found in (its own folder if none):
    a symbolic link that leads out of it, or to anything but a regular file, is
    refused by name without being opened; so is a file over `MAX_FILE_BYTES`, and
    at most that many bytes (and one more) are ever read.
    """
    base = tree if tree is not None and _inside(path.absolute(), tree) else path.parent
    real = Path(os.path.realpath(path))  # unlike Path.resolve, never raises on a link loop
    try:
        info = real.stat()
    except OSError as error:
        raise LimitError(f"cannot be read: {error.strerror}") from None
    if not _inside(real, base):
        raise LimitError(
            f"is a symbolic link that leads out of {base}; records are read only from "
            "inside their folder"
        )
    if not stat.S_ISREG(info.st_mode):
        kind = FILE_TYPES.get(stat.S_IFMT(info.st_mode), "not a regular file")
        raise LimitError(f"is {kind}, not a record file; it was not read")
    if info.st_size > MAX_FILE_BYTES:
        raise LimitError(_too_big(info.st_size))
    try:
        with real.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise LimitError(f"cannot be read: {error.strerror}") from None
    if len(data) > MAX_FILE_BYTES:  # it grew after the stat
        raise LimitError(_too_big(len(data)))
    return data


def _too_big(size: int) -> str:
    return (
        f"is {size:,} bytes; a record file may be at most {MAX_FILE_BYTES:,} bytes "
        "(split it, or move long material to an appendix document)"
    )


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def check_characters(text: str) -> None:
    """Refuse a character YAML does not allow, naming its line and column."""
    found = NOT_YAML_CHARACTER.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    raise LimitError(
        f"the control character U+{ord(found.group()):04X} (column {column}) is not "
        "allowed in a record; delete it",
        line,
    )


def check_structure(text: str) -> None:
    """Refuse YAML anchors, aliases and nesting deeper than `MAX_DEPTH`, before composing.

    The event stream is read in a loop, so no depth of nesting can exhaust the stack,
    and an alias is refused before anything is expanded. Syntax errors are left for
    the composer, which reports them with their lines.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark is not None else None
            if isinstance(event, yaml.AliasEvent):
                raise LimitError(
                    f"'*{event.anchor}' is a YAML alias; records do not use aliases "
                    "(write the value out where it is needed)",
                    line,
                )
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                raise LimitError(
                    f"'&{event.anchor}' is a YAML anchor; records do not use anchors or "
                    "aliases (write the value out where it is needed)",
                    line,
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise LimitError(
                        f"nests mappings and lists more than {MAX_DEPTH} deep; no paper needs that",
                        line,
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return


def check_year(year: int) -> None:
    """Refuse a year outside `FIRST_YEAR`–`LAST_YEAR`."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise LimitError(
            f"the year {year} is outside {FIRST_YEAR}–{LAST_YEAR}; is it a typing mistake?"
        )


def check_number(value: float) -> None:
    """Refuse a number that is not finite (``.inf``, ``.nan``) or is larger than
    `MAX_WHOLE_NUMBER` either way: a chart could draw neither."""
    if isinstance(value, float) and not math.isfinite(value):
        raise LimitError(f"{value} is not a number a chart can draw; give a finite value")
    if abs(value) > MAX_WHOLE_NUMBER:
        shown = f"{value:g}" if isinstance(value, float) else _shown_whole(value)
        raise LimitError(
            f"{shown} is too large; numbers may be at most {MAX_WHOLE_NUMBER:,} either way"
        )


def check_whole_number(value: int) -> None:
    """Refuse a whole number larger than `MAX_WHOLE_NUMBER` either way."""
    if abs(value) > MAX_WHOLE_NUMBER:
        raise LimitError(
            f"{_shown_whole(value)} is too large; "
            f"whole numbers may be at most {MAX_WHOLE_NUMBER:,} either way"
        )


def _shown_whole(value: int) -> str:
    """A whole number as a message quotes it: a huge one is not written out in full."""
    return str(value) if value.bit_length() < 100 else "the number"
