"""Building: both versions per paper, written atomically, failures isolated."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docgen import build as build_module
from docgen import render as render_module
from docgen.build import build
from docgen.errors import LeakError, RecordError
from docgen.render import ALL_FORMATS, Format
from docgen.views import Version

from .conftest import TEMPLATES


def built(
    tmp_path: Path, *records: Path, formats: tuple[Format, ...] = (Format.DOCX,)
) -> build_module.BuildResult:
    """Build into ``tmp_path/out`` (Word only, unless a test is about formats)."""
    return build(
        records or (tmp_path / "records",),
        out=tmp_path / "out",
        templates_folder=TEMPLATES,
        records_root=tmp_path / "records",
        formats=formats,
    )


def test_each_record_gets_a_full_and_a_public_paper(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """Outputs go to out/{full,public}/<id>/<paper>.{docx,pdf}."""
    write_record(minimal_report, "cabinet-libraries")
    result = built(tmp_path, formats=ALL_FORMATS)
    assert result.ok
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in result.written) == [
        "full/cabinet-libraries/committee_report.docx",
        "full/cabinet-libraries/committee_report.pdf",
        "public/cabinet-libraries/committee_report.docx",
        "public/cabinet-libraries/committee_report.pdf",
    ]
    assert all(p.stat().st_mode & 0o044 for p in result.written)  # readable, as a new file is


def test_a_bad_record_writes_nothing_and_keeps_earlier_papers(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """A record that stops validating leaves what the last good build wrote untouched."""
    path = write_record(minimal_report, "cabinet-libraries")
    assert built(tmp_path).ok
    paper = tmp_path / "out/full/cabinet-libraries/committee_report.docx"
    before = paper.read_bytes()
    path.write_text(minimal_report.replace("title:", "titel:"), encoding="utf-8")
    result = built(tmp_path)
    assert [type(e) for e in result.errors] == [RecordError]
    assert paper.read_bytes() == before
    assert not list((tmp_path / "out").rglob("*.tmp"))


def test_one_bad_record_does_not_stop_the_others(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """The good records build; the result lists the failure."""
    write_record(minimal_report, "a-good-one")
    write_record("kind: committee_report\n", "b-bad-one")
    result = built(tmp_path)
    assert len(result.errors) == 1 and "b-bad-one.yaml" in str(result.errors[0].path)
    assert (tmp_path / "out/public/a-good-one/committee_report.docx").is_file()
    assert not (tmp_path / "out/public/b-bad-one").exists()


def test_an_unchanged_paper_is_not_rewritten(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """Identical bytes are left alone, so make sees nothing new."""
    write_record(minimal_report, "cabinet-libraries")
    built(tmp_path)
    again = built(tmp_path)
    assert again.written == [] and len(again.unchanged) == 2


def test_two_records_with_one_id_are_refused(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """Ids name output folders, so two files with the same stem would overwrite each other."""
    write_record(minimal_report, "same")
    write_record(minimal_report, "sub/same")
    result = built(tmp_path)
    assert len(result.errors) == 1 and "same id" in str(result.errors[0])


def test_a_public_paper_that_leaks_is_never_written(
    monkeypatch: pytest.MonkeyPatch,
    write_record: Callable[..., Path],
    minimal_report: str,
    tmp_path: Path,
) -> None:
    """If a fault let exempt text reach a public paper, the scan stops it being written."""
    text = minimal_report.replace(
        "summary: The report", "summary: For [exempt 1]Jo Bloggs[/exempt] the report"
    )
    write_record(text, "cabinet-libraries")
    stale = tmp_path / "out/public/cabinet-libraries/committee_report.docx"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"an earlier public paper")
    monkeypatch.setattr(render_module, "view", lambda data, version: data)  # a broken public view
    result = built(tmp_path)
    (error,) = result.errors
    assert isinstance(error, LeakError)
    assert "exempt text of 'summary'" in str(error) and "Jo Bloggs" not in str(error)
    assert not stale.exists()
    assert not (tmp_path / "out/full/cabinet-libraries").exists()


def test_records_outside_the_records_folder_can_be_built(
    minimal_report: str, tmp_path: Path
) -> None:
    """A record given by path may live anywhere."""
    elsewhere = tmp_path / "drafts/cabinet-libraries.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(minimal_report, encoding="utf-8")
    result = built(tmp_path, elsewhere)
    assert result.ok and len(result.written) == 2


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    """Naming a record that does not exist fails, with its path."""
    result = built(tmp_path, tmp_path / "nope.yaml")
    assert "no such record" in str(result.errors[0])


def test_output_paths_use_the_version_names() -> None:
    """The two version folders are called full and public."""
    assert [v.value for v in Version] == ["full", "public"]
