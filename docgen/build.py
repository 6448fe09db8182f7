"""Building papers: what to build for a record, rendering both versions, writing safely.

For each record, every paper its kind has is rendered in memory in both versions
first; only when all of them have rendered (and every public one has passed the
leak scan) are they written, each atomically. A record that fails writes nothing,
and whatever an earlier build wrote for it stays as it was — except public papers that
hold what it now marks exempt, which are withdrawn (`docgen.withdraw`), as are any
the record's build did not rewrite.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import date
from pathlib import Path

import attrs

from docgen.errors import BuildError, DocgenError, Problem, RecordError
from docgen.fingerprint import INDEX_FILE, Index, Project
from docgen.loading import DEFAULT_RECORDS, RecordSet, load_with_related, unique_record_files
from docgen.register import register_files as write_register
from docgen.register import registers_among
from docgen.release import record_as_of
from docgen.render import ALL_FORMATS, Format, Templates, paper_exempt_values, render_record
from docgen.resources import shipped_templates
from docgen.scan import Leak, scan_paper
from docgen.views import Version
from docgen.withdraw import (
    Marks,
    Withdrawal,
    marks_for,
    withdraw_deleted,
    withdraw_inapplicable,
    withdraw_leaking,
    write_stamp,
)

FILE_MODE = 0o666
"""Papers get the permissions any new file would (mkstemp's own are owner-only)."""
DEFAULT_OUT = Path("outputs")
PACKAGE_TEMPLATES = shipped_templates()


@attrs.define
class BuildResult:
    """What a build wrote, what it left unchanged, what it withdrew, and what failed."""

    written: list[Path] = attrs.field(factory=list)
    unchanged: list[Path] = attrs.field(factory=list)
    errors: list[DocgenError] = attrs.field(factory=list)
    warnings: list[Problem] = attrs.field(factory=list)
    withdrawn: list[Withdrawal] = attrs.field(factory=list)

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


@attrs.define
class RecordOutcome:
    """What building one record did; picklable, so worker processes can return it."""

    path: Path
    written: list[Path] = attrs.field(factory=list)
    unchanged: list[Path] = attrs.field(factory=list)
    errors: list[DocgenError] = attrs.field(factory=list)
    warnings: list[Problem] = attrs.field(factory=list)
    withdrawn: list[Withdrawal] = attrs.field(factory=list)


@attrs.define
class RecordBuilder:
    """Builds records one at a time, as `build` does, keeping only the compiled templates
    between them: each worker of `build` has one, and `docgen.watch` keeps one up.

    Records are loaded afresh for each (a new `RecordSet` per record, unless the caller
    gives one), so memory does not grow with the batch.
    """

    templates: Templates
    records_root: Path
    out: Path
    formats: tuple[Format, ...]
    as_of: date
    project: Project | None = None
    """What each record's papers are made from, for the stamps (`docgen.fingerprint`);
    read from `docgen deps`'s index when first needed, if not given."""

    def fingerprint(self, path: Path) -> str:
        """What ``path``'s papers are made from, for its stamp: worked out only where
        `docgen deps` keeps an index (a build for make), since without one it means
        loading every record; a stamp without it is stale for make by content."""
        if self.project is None:
            if not (self.out / INDEX_FILE).is_file():
                return ""
            self.project = Project(
                self.records_root,
                self.templates.folder,
                Index.load(self.out),
                self.templates.house.files(),
            )
        return self.project.fingerprint(path)

    def build(self, path: Path, records: RecordSet | None = None) -> RecordOutcome:
        """Build the papers of the record at ``path`` (with those it draws on), write them
        and its stamp; what it did, and what failed, is returned. ``records``: records
        loaded already for this build (a watcher's, loaded to see what changed), else
        all are loaded afresh."""
        outcome = RecordOutcome(path)
        fingerprint = self.fingerprint(path)  # before reading: a later edit stays stale
        records = records if records is not None else RecordSet(self.records_root)
        loaded = load_with_related(path, records, outcome.errors, outcome.warnings)
        if loaded is None:
            because = f"{path} does not load"
            self._withdraw(outcome, path.stem, marks_for(path, records), because)
            return outcome
        record, related = (
            record_as_of(loaded[0], self.as_of),
            [record_as_of(r, self.as_of) for r in loaded[1]],
        )
        # What the scan of the new papers and the withdrawal of old ones look for, once.
        exempt = paper_exempt_values(record, related, self.templates.folder)
        marks = Marks(tuple(exempt))
        try:
            rendered = render_record(
                record, related, self.templates, self.out, self.formats, exempt=exempt
            )
            register = write_register(*loaded, self.out, self.templates.folder, self.as_of)
        except DocgenError as error:
            outcome.errors.append(error)
            self._withdraw(outcome, record.id, marks, "its public paper was refused")
            return outcome
        for target, data in register.items():  # beside the full papers; not a paper
            try:
                write_atomically(target, data)
            except OSError as error:
                outcome.errors.append(BuildError(f"cannot write: {error.strerror}", path=target))
        for target, data in rendered.items():
            try:
                changed = write_atomically(target, data)
            except OSError as error:
                outcome.errors.append(BuildError(f"cannot write: {error.strerror}", path=target))
                continue
            (outcome.written if changed else outcome.unchanged).append(target)
        # Papers of the record this build did not write (another format, a paper it no
        # longer has) are held to the record's marks as they are now.
        because = f"this build of {path} did not rewrite it"
        self._withdraw(outcome, record.id, marks, because, keep=rendered)
        withdrawn, errors = withdraw_inapplicable(self.out, record)
        outcome.withdrawn.extend(withdrawn)
        outcome.errors.extend(errors)
        if not outcome.errors:
            write_stamp(self.out, record, fingerprint)
        return outcome

    def _withdraw(
        self,
        outcome: RecordOutcome,
        record_id: str,
        marks: Marks,
        because: str,
        keep: Iterable[Path] = (),
    ) -> None:
        """Withdraw the record's public papers on disk that hold what it now marks exempt."""
        withdrawn, errors = withdraw_leaking(self.out, record_id, marks, because, set(keep))
        outcome.withdrawn.extend(withdrawn)
        outcome.errors.extend(errors)


_worker: RecordBuilder | None = None


def _start_worker(
    templates: Templates, records_root: Path, out: Path, formats: tuple[Format, ...], day: date
) -> None:
    global _worker
    _worker = RecordBuilder(templates, records_root, out, formats, day)


def _build_in_worker(path: Path) -> RecordOutcome:
    assert _worker is not None, "the worker was not started"
    return _worker.build(path)


def build(
    paths: Iterable[Path] = (DEFAULT_RECORDS,),
    out: Path = DEFAULT_OUT,
    templates_folder: Path | None = None,
    records_root: Path = DEFAULT_RECORDS,
    formats: Iterable[Format] = ALL_FORMATS,
    jobs: int = 1,
    progress: Callable[[RecordOutcome], None] | None = None,
    planned: Callable[[int], None] | None = None,
    as_of: date | None = None,
    settings: Path | None = None,
) -> BuildResult:
    """Build every paper of every record under ``paths`` into ``out``, in ``formats``.

    ``settings``: the project's docgen.toml, whose [house] table restyles the papers.

    The papers are those that may be published on ``as_of`` (default: today): an
    exemption released on or before that day no longer applies.

    With ``jobs`` above 1 the records are shared among that many worker processes,
    each loading every template once; ``planned`` is told how many records there are,
    and ``progress`` is called as each one finishes. A folder in ``paths`` is built as
    a whole: the papers of records built from it that are no longer in it are withdrawn.
    """
    paths = tuple(paths)
    result = BuildResult()
    refused: list[DocgenError] = []
    files = unique_record_files(paths, refused)
    if planned is not None:
        planned(len(files) + len(refused))
    for error in refused:
        result.errors.append(error)
        if progress is not None:
            progress(RecordOutcome(error.path or Path(), errors=[error]))
    folder = templates_folder or default_templates()
    formats = tuple(formats)
    day = as_of or date.today()
    outcomes: Iterable[RecordOutcome]
    templates = Templates(folder, settings)
    broken = templates.check(formats) if files else []
    if broken:  # reported once, rather than by every record that uses the template
        outcomes = [RecordOutcome(error.path or folder, errors=[error]) for error in broken]
    elif jobs <= 1 or len(files) <= 1:
        builder = RecordBuilder(templates, records_root, out, formats, day)
        outcomes = (builder.build(path) for path in files)
    else:
        templates = Templates(folder, settings)
        outcomes = _in_pool(files, jobs, (templates, records_root, out, formats, day))
    for outcome in outcomes:
        result.written.extend(outcome.written)
        result.unchanged.extend(outcome.unchanged)
        result.errors.extend(outcome.errors)
        result.warnings.extend(outcome.warnings)
        result.withdrawn.extend(outcome.withdrawn)
        if progress is not None:
            progress(outcome)
    for folder in (path for path in paths if path.is_dir()):
        withdrawn, errors = withdraw_deleted(out, folder, records_root)
        result.withdrawn.extend(withdrawn)
        result.errors.extend(errors)
    result.written.sort()
    result.unchanged.sort()
    return result


def _in_pool(
    files: list[Path], jobs: int, settings: tuple[Templates, Path, Path, tuple[Format, ...], date]
) -> Iterator[RecordOutcome]:
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(files)),
        mp_context=context,
        initializer=_start_worker,
        initargs=settings,
    ) as pool:
        futures = [pool.submit(_build_in_worker, path) for path in files]
        for future in as_completed(futures):
            yield future.result()


def default_templates() -> Path:
    """docgen's own templates: a project's are chosen from its paths (`docgen.project`)."""
    return PACKAGE_TEMPLATES


@attrs.frozen
class ScanResult:
    """One public paper scanned: its path and the leaks found (none, one hopes)."""

    path: Path
    leaks: tuple[Leak, ...]


def scan(
    paths: Iterable[Path] = (DEFAULT_OUT / Version.PUBLIC.value,),
    records_root: Path = DEFAULT_RECORDS,
    as_of: date | None = None,
) -> tuple[list[ScanResult], list[DocgenError]]:
    """Scan built public papers for their records' exempt values.

    A paper's record is found from its path (``…/public/<id>/<paper>.docx``) under
    ``records_root``; papers of the full version are not scanned (they hold exempt
    text by design) and are reported as errors if named. The values looked for are
    those exempt on ``as_of`` (default: today), the day the papers were built for.
    An exempt-information register found among the public papers is an error.
    """
    records = RecordSet(records_root)
    results: list[ScanResult] = []
    errors: list[DocgenError] = []
    day = as_of or date.today()
    errors.extend(registers_among(paths))
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
            values = paper_exempt_values(
                record_as_of(record, day),
                [record_as_of(r, day) for r in records.related(record)],
            )
        except RecordError as error:
            errors.append(error)
            continue
        try:
            leaks = scan_paper(path.read_bytes(), values, name=str(path))
        except _unreadable() as error:
            errors.append(BuildError(f"cannot be read as a paper ({error})", path=path))
            continue
        results.append(ScanResult(path, tuple(leaks)))
    return results, errors


def _unreadable() -> tuple[type[Exception], ...]:
    """What reading a file that is not a paper raises (PDFium's and pikepdf's errors included)."""
    import pikepdf

    return (OSError, zipfile.BadZipFile, RuntimeError, ValueError, pikepdf.PdfError)


def _paper_files(paths: Iterable[Path], errors: list[DocgenError]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.suffix in Format.suffixes() and p.is_file()
            )
        elif path.is_file():
            yield path
        else:
            errors.append(BuildError("no such paper or folder", path=path))
