"""The docgen command: thin, quiet on success, located and traceback-free on failure."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main

from .conftest import PROJECT


@pytest.fixture
def in_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary project folder with the real templates, as the current folder."""
    (tmp_path / "templates").symlink_to(PROJECT / "templates")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_build_writes_both_versions_and_says_so(
    in_project: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """``docgen build`` with no paths builds records/ into outputs/, Word and PDF."""
    write_record(minimal_report, "cabinet-libraries")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert "4 written, 0 unchanged, 0 failed" in result.output
    assert (in_project / "outputs/public/cabinet-libraries/committee_report.docx").is_file()
    assert (in_project / "outputs/public/cabinet-libraries/committee_report.pdf").is_file()


def test_build_of_the_records_folder_says_which_papers_it_withdrew(
    in_project: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """A deleted record's papers go, each named on a line, and the summary counts them."""
    write_record(minimal_report, "cabinet-libraries")
    gone = write_record(minimal_report, "cabinet-leisure")
    assert CliRunner().invoke(main, ["build", "--format", "docx"]).exit_code == 0
    gone.unlink()
    result = CliRunner().invoke(main, ["build", "--format", "docx"])
    assert result.exit_code == 0, result.output
    assert (
        "withdrawn: outputs/public/cabinet-leisure/committee_report.docx: its record "
        "records/cabinet-leisure.yaml no longer exists"
    ) in result.output
    assert "0 written, 2 unchanged, 0 failed, 4 withdrawn" in result.output


def test_build_one_format(
    in_project: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """``--format pdf`` builds only the PDFs (and the register beside the full ones)."""
    write_record(minimal_report, "cabinet-libraries")
    result = CliRunner().invoke(main, ["build", "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert sorted(
        p.name for p in (in_project / "outputs").rglob("*.*") if ".stamps" not in p.parts
    ) == ["committee_report.pdf"] * 2 + ["register.csv", "register.html"]


def test_build_into_another_folder(
    in_project: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """``--out`` chooses the output folder."""
    write_record(minimal_report, "cabinet-libraries")
    result = CliRunner().invoke(
        main, ["build", "--format", "docx", "--out", "elsewhere", "records"]
    )
    assert result.exit_code == 0
    assert (in_project / "elsewhere/full/cabinet-libraries/committee_report.docx").is_file()


def test_errors_are_located_lines_without_a_traceback(
    in_project: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """A bad record exits 1 and prints file:line: field: problem."""
    write_record(minimal_report.replace("summary:", "sumary:"), "bad")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "records/bad.yaml:8: sumary: unknown field; did you mean 'summary'?" in result.output
    assert "Traceback" not in result.output


def test_check_writes_nothing(
    in_project: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """``docgen check`` validates only."""
    write_record(minimal_report)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0 and "all records are valid" in result.output
    assert not (in_project / "outputs").exists()


def test_papers_lists_each_paper_and_the_records_it_accepts() -> None:
    """``docgen papers`` is the registry, readable."""
    result = CliRunner().invoke(main, ["papers"])
    assert result.exit_code == 0
    assert "committee_report" in result.output and "accepts: committee_report" in result.output


@pytest.mark.parametrize(
    ("arguments", "not_loaded"),
    [
        (["--help"], ["docxtpl", "docx", "lxml", "weasyprint", "pypdfium2", "pikepdf"]),
        (["check", "records"], ["docxtpl", "docx", "weasyprint", "pypdfium2", "pikepdf", "PIL"]),
        (["papers"], ["docxtpl", "docx", "weasyprint", "pypdfium2", "pikepdf", "PIL"]),
    ],
)
def test_start_up_does_not_import_the_rendering_libraries(
    arguments: list[str], not_loaded: list[str]
) -> None:
    """Start-up stays quick: heavy libraries load only when a command renders or scans."""
    code = (
        "import sys; from click.testing import CliRunner; from docgen.cli import main; "
        f"result = CliRunner().invoke(main, {arguments!r}); assert result.exit_code == 0, result.output; "
        f"print(sorted(m for m in {not_loaded!r} if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT
    )
    assert output.stdout.strip() == "[]"


def test_scan_reports_a_leak_by_part_and_field_never_by_value(
    in_project: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """A public paper replaced by its full version is caught; the log stays publishable."""
    write_record(
        minimal_report.replace(
            "summary: The report", "summary: For [exempt 1]Jo Bloggs[/exempt], the report"
        ),
        "cabinet-libraries",
    )
    assert CliRunner().invoke(main, ["build", "-q"]).exit_code == 0
    clean = CliRunner().invoke(main, ["scan"])
    assert clean.exit_code == 0 and "2 public paper(s) scanned, 2 clean, 0 leaking" in clean.output
    full = in_project / "outputs/full/cabinet-libraries/committee_report.docx"
    public = in_project / "outputs/public/cabinet-libraries/committee_report.docx"
    public.write_bytes(full.read_bytes())
    result = CliRunner().invoke(main, ["scan"])
    assert result.exit_code == 1
    assert (
        "leak: outputs/public/cabinet-libraries/committee_report.docx: word/document.xml: exempt text of 'summary'"
        in result.output
    )
    assert "Bloggs" not in result.output


def test_scan_refuses_full_versions(
    in_project: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """Full versions hold exempt text by design; scanning one is a mistake worth saying."""
    write_record(minimal_report, "cabinet-libraries")
    CliRunner().invoke(main, ["build", "-q", "--format", "docx"])
    result = CliRunner().invoke(main, ["scan", "outputs/full"])
    assert result.exit_code == 1 and "not a public paper" in result.output
