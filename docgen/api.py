"""docgen from Python: load records, render a paper to bytes, build, scan.

(The names say what they make: ``docgen.render``, ``docgen.build`` and ``docgen.scan``
are modules.)

Everything here raises `DocgenError` (a `RecordError` for a record, listing every
problem as ``file:line: field: message``) — the same located errors the command prints.
A record given as YAML text or as a dict is named by the ``name`` the caller gives: it
stands for the file in every problem, and its stem is the record's id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml

from docgen.build import BuildResult, ScanResult
from docgen.build import build as _build
from docgen.build import scan as _scan
from docgen.errors import DocgenError
from docgen.loading import Record, load_record, record_from_text
from docgen.project import Project
from docgen.release import record_as_of
from docgen.render import Format, Templates, render_record
from docgen.resources import shipped_templates
from docgen.views import Version

__all__ = [
    "BuildResult",
    "DocgenError",
    "Record",
    "ScanResult",
    "build_papers",
    "load",
    "load_data",
    "load_text",
    "render_paper",
    "scan_papers",
]


def load(path: str | Path) -> Record:
    """The record in the YAML file at ``path``, validated."""
    return load_record(Path(path))


def load_text(text: str, name: str) -> Record:
    """The record in YAML ``text``; ``name`` (say ``"cabinet-2026-10.yaml"``) names it."""
    return record_from_text(text, Path(name))


def load_data(data: Mapping[str, Any], name: str) -> Record:
    """The record in ``data`` (as YAML would give it: dicts, lists, text, dates).

    It is written out as YAML and read back, so it is checked exactly as a file is.
    """
    text = yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False)
    return record_from_text(text, Path(name))


def render_paper(
    record: Record,
    paper: str,
    version: Literal["full", "public"] = "public",
    output_format: Literal["docx", "pdf"] = "pdf",
    *,
    related: Sequence[Record] = (),
    templates: str | Path | None = None,
    as_of: date | None = None,
) -> bytes:
    """One paper (``docgen papers`` lists their names) of ``record``, as file bytes.

    ``related`` are the records it refers to or gathers. A public paper is scanned for
    exempt text first, as a build does; one that would leak raises `LeakError`.
    """
    day = as_of or date.today()
    record = record_as_of(record, day)
    references = [record_as_of(r, day) for r in related]
    wanted, kind = Version(version), Format(output_format)
    folder = Templates(Path(templates) if templates is not None else shipped_templates())
    rendered = render_record(record, references, folder, Path(), (kind,), versions=(wanted,))
    for path, data in rendered.items():
        if path.name == f"{paper}{kind.suffix}":
            return data
    names = sorted({path.stem for path in rendered})
    raise DocgenError(
        f"{record.path}: no paper '{paper}' for a {record.kind} record; its papers: "
        + (", ".join(names) or "none of its own")
    )


def build_papers(
    paths: Iterable[str | Path],
    out: str | Path | None = None,
    *,
    as_of: date | None = None,
    jobs: int = 1,
) -> BuildResult:
    """Build every paper of the records under ``paths``, as ``docgen build`` does.

    The project (records folder, templates, outputs) comes from the paths; ``out``
    overrides its outputs folder. Problems are in the result's ``errors``.
    """
    given = [Path(path) for path in paths]
    project = Project.find(given, out=Path(out) if out is not None else None)
    return _build(
        given or [project.records],
        out=project.out,
        templates_folder=project.templates,
        records_root=project.records,
        jobs=jobs,
        as_of=as_of,
        settings=project.settings,
    )


def scan_papers(
    paths: Iterable[str | Path], *, as_of: date | None = None
) -> tuple[list[ScanResult], list[DocgenError]]:
    """Scan built public papers for their records' exempt text, as ``docgen scan`` does."""
    given = [Path(path) for path in paths]
    project = Project.find(given)
    return _scan(given, records_root=project.records, as_of=as_of)
