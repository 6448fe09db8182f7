"""The few exceptions docgen raises on purpose, each carrying where the trouble is.

Anything that is a `DocgenError` is the user's to fix and is printed without a
traceback; any other exception is a bug in docgen and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from pathlib import Path

import attrs


class Severity(Enum):
    """Whether a problem stops a build (error) or is only reported (warning)."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Problem:
    """One thing wrong with an input, located as precisely as docgen can.

    ``field`` is a dotted path into the record (``sections[2].paragraphs[0].text``);
    ``line`` is the line of the YAML node that holds it (1-based).
    """

    path: Path | None
    line: int | None
    field: str | None
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = str(self.path) if self.path is not None else "<input>"
        if self.line is not None:
            where += f":{self.line}"
        label = "warning: " if self.severity is Severity.WARNING else ""
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {label}{self.message}"


class DocgenError(Exception):
    """Base of every error docgen reports to its user (never with a traceback)."""

    def __init__(self, message: str, *, path: Path | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        """Picklable, so a worker process can hand an error back to the batch."""
        return (_rebuild, (type(self), self.message, self.path, self.line))

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class RecordError(DocgenError):
    """A record file could not be turned into a valid record; lists every problem."""

    def __init__(self, path: Path, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the record", path=path)

    def __reduce__(self) -> tuple[object, ...]:
        return (RecordError, (self.path, self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class TemplateError(DocgenError):
    """A template is missing, malformed, or asked for a value the paper does not give."""


class BuildError(DocgenError):
    """A paper could not be rendered or written."""


class LeakError(BuildError):
    """Exempt text was found in a public paper; it is not written."""


def _rebuild(
    cls: type[DocgenError], message: str, path: Path | None, line: int | None
) -> DocgenError:
    return cls(message, path=path, line=line)
