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

from docgen.builders.docx import WordTemplate
from docgen.errors import BuildError, DocgenError, LeakError, RecordError
from docgen.loading import Record, RecordSet, record_files
from docgen.papers import Paper, Source, papers_for
from docgen.scan import Leak, scan_docx
from docgen.views import ExemptValue, Version, exempt_values, view

DEFAULT_OUT = Path("outputs")
PAPER_SUFFIXES = (".docx",)
DEFAULT_RECORDS = Path("records")
PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def output_path(out: Path, version: Version, record_id: str, paper: Paper, suffix: str) -> Path:
    """``out/full/<id>/<paper>.docx`` or ``out/public/<id>/<paper>.docx``."""
    return out / version.value / record_id / f"{paper.name}{suffix}"


@attrs.define
class Templates:
    """Templates by file name, each loaded and compiled once per process."""

    folder: Path
    _loaded: dict[str, WordTemplate] = attrs.field(factory=dict)

    def word(self, name: str) -> WordTemplate:
        if name not in self._loaded:
            self._loaded[name] = WordTemplate(self.folder / name)
        return self._loaded[name]


@attrs.define
class BuildResult:
    """What a build wrote, what it left unchanged, and what failed."""

    written: list[Path] = attrs.field(factory=list)
    unchanged: list[Path] = attrs.field(factory=list)
    errors: list[DocgenError] = attrs.field(factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def render_record(
    record: Record, references: list[Record], templates: Templates, out: Path
) -> dict[Path, bytes]:
    """Every paper for ``record``, both versions, as {path: bytes}; raises on any failure."""
    rendered: dict[Path, bytes] = {}
    values = paper_exempt_values(record, references)
    for paper in papers_for(record.kind):
        template = templates.word(paper.word_template)
        for version in Version:
            source = Source(
                record_id=record.id,
                data=view(record.data, version),
                version=version,
                references=tuple(view(r.data, version) for r in references),
                full_data=record.data,
            )
            data = template.render(paper.context(source), paper.properties(source))
            path = output_path(out, version, record.id, paper, ".docx")
            if version is Version.PUBLIC:
                leaks = scan_docx(data, values, name=str(path))
                if leaks:
                    _remove(path)
                    details = "; ".join(str(leak) for leak in leaks)
                    raise LeakError(
                        f"public {paper.name} not written: exempt text found ({details})",
                        path=record.path,
                    )
            rendered[path] = data
    return rendered


def paper_exempt_values(record: Record, references: list[Record]) -> list[ExemptValue]:
    """Every exempt value a paper of ``record`` could draw on, its references' included."""
    values = list(exempt_values(record.data))
    for reference in references:
        values.extend(
            ExemptValue(f"{reference.id}: {v.field}", v.text) for v in exempt_values(reference.data)
        )
    return values


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
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def build(
    paths: Iterable[Path] = (DEFAULT_RECORDS,),
    out: Path = DEFAULT_OUT,
    templates_folder: Path | None = None,
    records_root: Path = DEFAULT_RECORDS,
) -> BuildResult:
    """Build every paper of every record under ``paths`` into ``out``."""
    templates = Templates(templates_folder or default_templates())
    records = RecordSet(records_root)
    result = BuildResult()
    for record, references in _loaded(paths, records, result):
        try:
            rendered = render_record(record, references, templates, out)
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


def check(
    paths: Iterable[Path] = (DEFAULT_RECORDS,), records_root: Path = DEFAULT_RECORDS
) -> list[DocgenError]:
    """Validate records (and what they refer to) without writing anything."""
    result = BuildResult()
    for _record, _references in _loaded(paths, RecordSet(records_root), result):
        pass
    return result.errors


def _loaded(
    paths: Iterable[Path], records: RecordSet, result: BuildResult
) -> Iterator[tuple[Record, list[Record]]]:
    """Each valid record with the records it refers to; failures go to ``result``."""
    files = record_files(paths)
    seen: dict[str, Path] = {}
    for path in files:
        if not path.exists():
            result.errors.append(BuildError("no such record file or folder", path=path))
            continue
        if path.stem in seen and seen[path.stem].resolve() != path.resolve():
            result.errors.append(
                BuildError(f"has the same id as {seen[path.stem]}; ids must be unique", path=path)
            )
            continue
        seen[path.stem] = path
        try:
            record = records.load(path)
            references = records.references(record)
        except RecordError as error:
            result.errors.append(error)
            continue
        yield record, references


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
            values = paper_exempt_values(record, records.references(record))
        except RecordError as error:
            errors.append(error)
            continue
        results.append(
            ScanResult(path, tuple(scan_docx(path.read_bytes(), values, name=str(path))))
        )
    return results, errors


def _paper_files(paths: Iterable[Path], errors: list[DocgenError]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in PAPER_SUFFIXES)
        elif path.is_file():
            yield path
        else:
            errors.append(BuildError("no such paper or folder", path=path))
