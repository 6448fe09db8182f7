"""Building papers: what to build for a record, rendering both versions, writing safely.

For each record, every paper its kind has is rendered in memory in both versions
first; only when all of them have rendered (and every public one has passed the
leak scan) are they written, each atomically. A record that fails writes nothing,
and whatever an earlier build wrote for it stays as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from docgen.errors import BuildError, DocgenError, Problem, RecordError
from docgen.loading import DEFAULT_RECORDS, RecordSet, load_records
from docgen.render import ALL_FORMATS, Format, Templates, paper_exempt_values, render_record
from docgen.scan import Leak, scan_paper
from docgen.views import Version

FILE_MODE = 0o666
"""Papers get the permissions any new file would (mkstemp's own are owner-only)."""
DEFAULT_OUT = Path("outputs")
PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@attrs.define
class BuildResult:
    """What a build wrote, what it left unchanged, and what failed."""

    written: list[Path] = attrs.field(factory=list)
    unchanged: list[Path] = attrs.field(factory=list)
    errors: list[DocgenError] = attrs.field(factory=list)
    warnings: list[Problem] = attrs.field(factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temporary file and a rename; False if unchanged.

    An identical file is left alone, so its time stamp (which make reads) stays put.
    """
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).chmod(FILE_MODE & ~_umask())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def build(
    paths: Iterable[Path] = (DEFAULT_RECORDS,),
    out: Path = DEFAULT_OUT,
    templates_folder: Path | None = None,
    records_root: Path = DEFAULT_RECORDS,
    formats: Iterable[Format] = ALL_FORMATS,
) -> BuildResult:
    """Build every paper of every record under ``paths`` into ``out``, in ``formats``."""
    templates = Templates(templates_folder or default_templates())
    records = RecordSet(records_root)
    result = BuildResult()
    formats = tuple(formats)
    for record, references in load_records(paths, records, result.errors, result.warnings):
        try:
            rendered = render_record(record, references, templates, out, formats)
        except DocgenError as error:
            result.errors.append(error)
            continue
        for path, data in rendered.items():
            try:
                changed = write_atomically(path, data)
            except OSError as error:
                result.errors.append(BuildError(f"cannot write: {error.strerror}", path=path))
                continue
            (result.written if changed else result.unchanged).append(path)
    return result


def default_templates() -> Path:
    """``templates/`` in the current folder if there is one, else the project's own."""
    local = Path("templates")
    return local if local.is_dir() else PACKAGE_TEMPLATES


@attrs.frozen
class ScanResult:
    """One public paper scanned: its path and the leaks found (none, one hopes)."""

    path: Path
    leaks: tuple[Leak, ...]


def scan(
    paths: Iterable[Path] = (DEFAULT_OUT / Version.PUBLIC.value,),
    records_root: Path = DEFAULT_RECORDS,
) -> tuple[list[ScanResult], list[DocgenError]]:
    """Scan built public papers for their records' exempt values.

    A paper's record is found from its path (``…/public/<id>/<paper>.docx``) under
    ``records_root``; papers of the full version are not scanned (they hold exempt
    text by design) and are reported as errors if named.
    """
    records = RecordSet(records_root)
    results: list[ScanResult] = []
    errors: list[DocgenError] = []
    for path in _paper_files(paths, errors):
        if path.parent.parent.name != Version.PUBLIC.value:
            errors.append(
                BuildError("not a public paper (…/public/<id>/<paper>); not scanned", path=path)
            )
            continue
        record_id = path.parent.name
        found = records.find(record_id, records_root / "_")
        if found is None:
            errors.append(
                BuildError(
                    f"no record '{record_id}' under {records_root} to scan against", path=path
                )
            )
            continue
        try:
            record = records.load(found)
            values = paper_exempt_values(record, records.related(record))
        except RecordError as error:
            errors.append(error)
            continue
        results.append(
            ScanResult(path, tuple(scan_paper(path.read_bytes(), values, name=str(path))))
        )
    return results, errors


def _paper_files(paths: Iterable[Path], errors: list[DocgenError]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in Format.suffixes())
        elif path.is_file():
            yield path
        else:
            errors.append(BuildError("no such paper or folder", path=path))
