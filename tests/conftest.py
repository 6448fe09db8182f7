"""Shared fixtures: the project's folders, a record writer, and the .docx snapshot."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from docgen.docx_text import docx_to_text

PROJECT = Path(__file__).resolve().parent.parent
RECORDS = PROJECT / "records"
TEMPLATES = PROJECT / "templates"
EXAMPLE_RECORDS = sorted(RECORDS.rglob("*.yaml"))

MINIMAL_REPORT = """\
kind: committee_report
committee: Cabinet
meeting_date: 2026-10-14
item: "4"
title: Library opening hours
report_by: {name: Sam Okafor, job_title: Head of Libraries}
contact: {name: Sam Okafor, telephone: 01632 960 001, email: sam.okafor@example.gov.uk}
summary: The report proposes longer opening hours at the central library.
recommendations:
  - agree the longer opening hours from January.
sections:
  - heading: Proposal
    paragraphs:
      - The central library would open until 8pm on weekdays.
      - The cost is met from the existing budget.
implications:
  financial: None
  legal: None
  equalities: None
"""


def copy_records(tmp_path: Path, *names: str) -> Path:
    """Example records (files or whole folders under records/) copied into a temporary
    records folder, to be changed there; returns that folder."""
    root = tmp_path / "records"
    for name in names:
        source, target = RECORDS / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    return root


def replace_in(path: Path, old: str, new: str) -> None:
    """Change a copied record's text once, failing the test if ``old`` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class DocxTextSnapshot(SingleFileSnapshotExtension):
    """A .docx snapshot stored as the readable text of `docx_to_text`, one file each."""

    _write_mode = WriteMode.TEXT
    file_extension = "txt"

    def serialize(self, data: Any, **_kwargs: Any) -> str:
        return docx_to_text(data) if isinstance(data, bytes) else str(data)


@pytest.fixture(scope="session")
def example_papers() -> dict[str, bytes]:
    """Every paper of every example record, rendered once: {"<id>/<paper>/<version>.<ext>": bytes}."""
    from docgen.loading import RecordSet
    from docgen.render import Templates, render_record

    templates = Templates(TEMPLATES)
    records = RecordSet(RECORDS)
    papers = {}
    for path in EXAMPLE_RECORDS:
        record = records.load(path)
        for output, data in render_record(
            record, records.related(record), templates, Path("out")
        ).items():
            papers[f"{record.id}/{output.stem}/{output.parts[1]}{output.suffix}"] = data
    return papers


@pytest.fixture
def docx_snapshot(snapshot: Any) -> Any:
    return snapshot.use_extension(DocxTextSnapshot)


@pytest.fixture
def text_snapshot(snapshot: Any) -> Any:
    """A plain-text snapshot, one .txt file per test."""
    return snapshot.use_extension(DocxTextSnapshot)


@pytest.fixture
def write_record(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML (dedented) as ``records/<name>.yaml`` under a temporary folder."""

    def write(text: str, name: str = "report") -> Path:
        path = tmp_path / "records" / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def minimal_report() -> str:
    return MINIMAL_REPORT


@pytest.fixture(scope="session")
def word_layouts(
    example_papers: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, bytes]:
    """Every example .docx laid out by LibreOffice as PDF: {"<id>/<paper>/<version>": pdf}.

    One soffice process converts them all, with a profile of its own (so it neither
    reads nor waits on anyone's running LibreOffice); about ten seconds for the lot.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed: run `make setup` (tools/system-packages.sh)")
    folder = tmp_path_factory.mktemp("word-layouts")
    names = {}
    for name, data in example_papers.items():
        if name.endswith(".docx"):
            stem = name.removesuffix(".docx").replace("/", "__")
            (folder / f"{stem}.docx").write_bytes(data)
            names[stem] = name.removesuffix(".docx")
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            *("--convert-to", "pdf", "--outdir", str(folder / "pdf")),
            *sorted(str(folder / f"{stem}.docx") for stem in names),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {name: (folder / "pdf" / f"{stem}.pdf").read_bytes() for stem, name in names.items()}
