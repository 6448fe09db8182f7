"""Record files (YAML) into validated records, every problem located by file and line.

A record file holds one mapping with a ``kind:``; its file name (without suffix) is
the record's id. Loading reports *every* problem it finds, not only the first,
each as ``path:line: field: what is wrong``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import attrs

from docgen.errors import BuildError, DocgenError, Problem, RecordError, Severity
from docgen.limits import MAX_FILE_BYTES, MAX_PROBLEMS, LimitError, read_record_bytes
from docgen.models import RECORD_KINDS, Model
from docgen.phrases import PHRASES, with_phrase_details
from docgen.structure import field_name, make_converter, problems
from docgen.yamlnodes import Document, Path_, YamlSyntaxError, line_of, parse

RECORD_SUFFIXES = (".yaml", ".yml")
DEFAULT_RECORDS = Path("records")


@attrs.frozen
class Record:
    """A loaded record: its id (the file's stem), where it came from, and its data."""

    id: str
    path: Path
    data: Model
    lines: dict[Path_, int] = attrs.field(factory=dict, eq=False, repr=False)
    notes: tuple[Problem, ...] = attrs.field(default=(), eq=False, repr=False)
    """Warnings from reading the file (a list that seems cut at a comma)."""

    @property
    def kind(self) -> str:
        return self.data.kind

    def problem(self, field: str, message: str, severity: Severity = Severity.ERROR) -> Problem:
        """A problem located at ``field`` of this record's file."""
        return Problem(self.path, _line_for(self.lines, field), field or None, message, severity)


@cache
def _converter() -> Any:
    return make_converter()


def load_record(path: Path, tree: Path | None = None, *, check_text: bool = True) -> Record:
    """Load and validate one record file; raise `RecordError` listing every problem.

    ``tree`` is the records folder the file was found in: a symbolic link must not
    lead out of it (see `docgen.limits.read_record_bytes`). ``check_text=False`` leaves
    out the check that exempt text stands nowhere unmarked (`docgen.repeats`), which
    reads the papers' wording, docgen's own code included: only for reading what a
    record is and draws on (`docgen.fingerprint`), never for a build.
    """
    record_id = path.stem
    refused = id_problem(record_id)
    if refused is not None:
        raise RecordError(path, [_problem(path, 1, "id", refused)])
    try:
        raw = read_record_bytes(path, tree)
    except LimitError as error:
        raise RecordError(path, [_problem(path, error.line, None, str(error))]) from None
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark, as Windows editors write, is fine
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = f"is not UTF-8 text (byte {raw[error.start]:#04x}); save it as UTF-8"
        raise RecordError(path, [_problem(path, line, None, message)]) from None
    return record_from_text(text, path, check_text=check_text)


def record_from_text(text: str, path: Path, *, check_text: bool = True) -> Record:
    """Validate one record's YAML ``text``; ``path`` names it in every problem and its
    stem is the id. Raises `RecordError` listing every problem, as `load_record` does."""
    record_id = path.stem
    refused = id_problem(record_id)
    if refused is not None:
        raise RecordError(path, [_problem(path, 1, "id", refused)])
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        message = f"is {size:,} bytes; a record may be at most {MAX_FILE_BYTES:,}"
        raise RecordError(path, [_problem(path, None, None, message)])
    try:
        document = parse(text)
    except YamlSyntaxError as error:
        raise RecordError(path, [_problem(path, error.line, None, str(error))]) from None
    found = [_problem(path, line, field_name(p) or None, m) for p, line, m in document.problems]
    data = _structure(path, document, found)
    if data is not None and check_text:
        found.extend(_check_exempt_text(path, record_id, document, data))
    if found or data is None:
        found.sort(key=lambda p: (p.line or 0, p.field or ""))
        if len(found) > MAX_PROBLEMS:
            rest = found[MAX_PROBLEMS]
            more = (
                f"and {len(found) - MAX_PROBLEMS:,} more problem(s) from here on; fix these first"
            )
            found = [*found[:MAX_PROBLEMS], _problem(path, rest.line, None, more)]
        raise RecordError(path, found)
    notes = tuple(
        Problem(path, line, field_name(p) or None, m, Severity.WARNING)
        for p, line, m in document.notes
    )
    return Record(record_id, path, data, document.lines, notes)


def id_problem(record_id: str) -> str | None:
    """Why ``record_id`` cannot be an id, or None: an id names folders, so it is a plain
    name — no separators, no leading dot (``.``, ``..``, hidden files), no control
    characters."""
    if not record_id or record_id.startswith("."):
        return (
            f"the record id (file name) {record_id!r} starts with a dot; ids name output "
            "folders, so rename the file to start with a letter or digit"
        )
    odd = [c for c in record_id if c in "/\\" or unicodedata.category(c).startswith("C")]
    if odd:
        return (
            f"the record id (file name) {record_id!r} holds {odd[0]!r}, a separator or "
            "control character; ids name output folders, so rename the file"
        )
    return None


def _problem(path: Path, line: int | None, field: str | None, message: str) -> Problem:
    return Problem(path=path, line=line, field=field, message=message)


def _structure(path: Path, document: Document, found: list[Problem]) -> Model | None:
    value = document.value
    if not isinstance(value, dict):
        found.append(_problem(path, 1, None, "a record is a mapping of fields with a 'kind:'"))
        return None
    kind = value.get("kind")
    model = RECORD_KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        known = ", ".join(sorted(RECORD_KINDS))
        saw = "is missing" if kind is None else f"'{kind}' is not a record kind"
        found.append(
            _problem(path, document.line_of(("kind",)), "kind", f"{saw}; expected one of: {known}")
        )
        return None
    fields = {k: v for k, v in value.items() if k not in ("kind", PHRASES)}
    try:
        data = _converter().structure(fields, model)
    except Exception as error:
        reported = {p for p, _line, _m in document.problems}
        for where, message in problems(error):
            if where in reported:
                continue  # the YAML reader already said what is wrong with this value
            found.append(
                _problem(path, document.line_of(where), field_name(where) or None, message)
            )
        return None
    data, phrase_problems = with_phrase_details(data, value.get(PHRASES), _converter())
    reported = {p for p, _line, _m in document.problems}
    found.extend(
        _problem(path, document.line_of(p), field_name(p), m)
        for p, m in phrase_problems
        if p not in reported
    )
    return data


def _check_exempt_text(
    path: Path, record_id: str, document: Document, data: Model
) -> Iterator[Problem]:
    """The id must not spell exempt text, and exempt text must not stand unmarked elsewhere
    (`docgen.repeats`)."""
    # Imported here: it reads the papers' wording, which reading what a record is and
    # draws on (`docgen deps`, with ``check_text=False``) never needs.
    from docgen.repeats import within_record

    for field, message in within_record(record_id, data):
        line = 1 if field == "id" else _line_for(document.lines, field)
        yield _problem(path, line, field, message)


def _line_for(lines: dict[Path_, int], field: str) -> int | None:
    path: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field):
        path.append(int(index) if index else name)
    return line_of(lines, tuple(path))


def record_files(paths: Iterable[Path]) -> list[Path]:
    """Record files named by ``paths``: files as given, folders searched recursively."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in RECORD_SUFFIXES))
        else:
            files.append(path)
    return files


@attrs.define
class RecordSet:
    """The records of one build or check, and where referred-to records are found.

    A record's references (``about:``) are looked up beside the record's own file,
    then anywhere under the records folder.
    """

    root: Path
    _cache: dict[Path, Record | RecordError] = attrs.field(factory=dict)

    def load(self, path: Path, *, check_text: bool = True) -> Record:
        """The record at ``path``, loaded once per set; ``check_text=False`` as in
        `load_record` (a record loaded so is not kept: a build loads it in full)."""
        key = path.resolve()
        if not check_text and not isinstance(self._cache.get(key), Record):
            return load_record(path, self.root, check_text=False)
        if key not in self._cache:
            try:
                self._cache[key] = load_record(path, self.root)
            except RecordError as error:
                self._cache[key] = error
        result = self._cache[key]
        if isinstance(result, RecordError):
            raise result
        return result

    def find(self, record_id: str, near: Path) -> Path | None:
        for suffix in RECORD_SUFFIXES:
            beside = near.parent / f"{record_id}{suffix}"
            if beside.is_file():
                return beside
        if self.root.is_dir():
            for path in sorted(self.root.rglob(f"{record_id}.*")):
                if path.suffix in RECORD_SUFFIXES:
                    return path
        return None

    def gathered(self, record: Record) -> list[Record]:
        """The records ``record`` draws in (`Model.gathers`), in id order.

        A record of the gathered kind that does not load makes this one fail too: a
        paper must never quietly leave out a record it should hold. Nothing gathered at
        all is an error too.
        """
        query = record.data.gathers()
        if query is None:
            return []
        broken = []
        found = []
        for path in record_files([self.root]) if self.root.is_dir() else []:
            try:
                candidate = self.load(path)
            except RecordError as error:
                if _declares_kind(path, query.kind, self.root):
                    broken.append(f"{path} ({len(error.problems)} problem(s))")
                continue
            if query.matches(candidate.data):
                found.append(candidate)
        if broken:
            raise RecordError(
                record.path,
                [
                    Problem(
                        record.path,
                        1,
                        None,
                        f"draws in {query.kind} records with problems: {', '.join(broken)}",
                    )
                ],
            )
        if not found and query.required:
            # An empty set would print as a paper that is quietly incomplete ("0 policy
            # areas …"): most often the records folder is not the one meant.
            raise RecordError(
                record.path,
                [
                    Problem(
                        record.path,
                        1,
                        None,
                        f"gathers {query.kind} records, but the records folder {self.root} "
                        "has none that belong (give the folder with --records)",
                    )
                ],
            )
        return sorted(found, key=lambda r: r.id)

    def related(self, record: Record) -> list[Record]:
        """What a paper of ``record`` may draw on: what it refers to, then what it gathers."""
        return self.references(record) + self.gathered(record)

    def references(self, record: Record) -> list[Record]:
        """The records ``record`` names by id; a missing, broken or wrong-kind one is an error."""
        found: list[Record] = []
        problems: list[Problem] = []
        for reference in record.data.references():
            path = self.find(reference.record_id, record.path)
            if path is None:
                problems.append(
                    record.problem(
                        reference.field,
                        f"refers to record '{reference.record_id}', which does not exist",
                    )
                )
                continue
            try:
                target = self.load(path)
            except RecordError:
                problems.append(
                    record.problem(
                        reference.field,
                        f"refers to record '{reference.record_id}', which has problems of its own",
                    )
                )
                continue
            if reference.kind is not None and target.kind != reference.kind:
                problems.append(
                    record.problem(
                        reference.field,
                        f"refers to '{reference.record_id}' ({path}), a {target.kind} record; expected a {reference.kind} record",
                    )
                )
                continue
            found.append(target)
        if problems:
            raise RecordError(record.path, problems)
        return found


DECLARED_KIND = re.compile(
    r"""^\ufeff?\s*["']?kind["']?\s*:\s*["']?([A-Za-z_]+)["']?\s*(?:#.*)?$""", re.MULTILINE
)
"""A ``kind:`` line, read leniently: quotes, a comment after it, a byte-order mark before."""


def _declares_kind(path: Path, kind: str, tree: Path) -> bool:
    """Whether a file that failed to load may be of ``kind``.

    A file that cannot even be read (not a regular file, too big, a link out of the
    tree) might be of any kind, so it counts: a paper must never quietly leave out
    a record it should hold.
    """
    try:
        text = read_record_bytes(path, tree).decode("utf-8", errors="replace")
    except LimitError:
        return True
    return any(found.group(1) == kind for found in DECLARED_KIND.finditer(text))


def unique_record_files(paths: Iterable[Path], errors: list[DocgenError]) -> list[Path]:
    """The record files under ``paths``, each id once (ids name output folders).

    A missing path, or a second file with an id already seen, goes to ``errors``.
    """
    seen: dict[str, Path] = {}
    files = []
    for path in record_files(paths):
        if not path.exists():
            errors.append(BuildError("no such record file or folder", path=path))
        elif path.stem in seen and seen[path.stem].resolve() != path.resolve():
            errors.append(
                BuildError(f"has the same id as {seen[path.stem]}; ids must be unique", path=path)
            )
        elif path.stem not in seen:
            seen[path.stem] = path
            files.append(path)
    return files


def load_with_related(
    path: Path, records: RecordSet, errors: list[DocgenError], warnings: list[Problem] | None = None
) -> tuple[Record, list[Record]] | None:
    """The record at ``path`` with the records it refers to or gathers; None if it fails.

    Its problems go to ``errors``; its domain checks' warnings to ``warnings``.
    """
    from docgen.repeats import across_records  # see `_check_exempt_text`

    try:
        record = records.load(path)
        related = records.related(record)
        repeated = across_records(record, related)
        if repeated:
            raise RecordError(record.path, repeated)
    except RecordError as error:
        errors.append(error)
        return None
    if warnings is not None:
        warnings.extend(record.notes)
        warnings.extend(
            record.problem(field or "", message, Severity.WARNING)
            for field, message in record.data.warnings([r.data for r in related])
        )
    return record, related


def check(
    paths: Iterable[Path], records_root: Path, as_of: date | None = None
) -> tuple[list[DocgenError], list[Problem]]:
    """Validate records (and what they refer to) without rendering or writing anything.

    Returns the errors and the warnings: the domain checks', and each exemption's with
    no public-interest reasoning or a review date before ``as_of`` (default: today).
    """
    from docgen.register import exemption_warnings

    errors: list[DocgenError] = []
    warnings: list[Problem] = []
    records = RecordSet(records_root)
    for path in unique_record_files(paths, errors):
        loaded = load_with_related(path, records, errors, warnings)
        if loaded is not None:
            warnings.extend(exemption_warnings(loaded[0], as_of or date.today()))
    return errors, warnings
