"""A project's folders come from the paths given, never from the current folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.project import Project
from docgen.resources import shipped_templates
from tests.conftest import RECORDS, TEMPLATES


@pytest.fixture
def council(tmp_path: Path) -> Path:
    """The example records, copied into a council's own project folder."""
    shutil.copytree(RECORDS, tmp_path / "council" / "records")
    return tmp_path / "council"


def test_check_run_from_another_folder_finds_every_reference(
    council: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """References and gathered records are looked up in the folder given, not ./records."""
    monkeypatch.chdir("/")
    result = CliRunner().invoke(main, ["check", str(council / "records")])
    assert result.exit_code == 0, result.output
    assert "does not exist" not in result.output
    assert "all records are valid" in result.output


def test_a_record_given_alone_belongs_to_the_project_holding_it(council: Path) -> None:
    """The nearest folder holding records/ is the root; outputs go beside it."""
    record = council / "records" / "commissions" / "commissions-2019.yaml"
    project = Project.find([record])
    assert project.root == council
    assert project.records == council / "records"
    assert project.out == council / "outputs"
    assert project.templates == shipped_templates()


def test_a_projects_own_templates_are_used(council: Path) -> None:
    """A council can keep its own restyled templates beside its records."""
    shutil.copytree(TEMPLATES, council / "templates")
    assert Project.find([council / "records"]).templates == council / "templates"


def test_the_settings_file_names_the_folders(tmp_path: Path) -> None:
    """docgen.toml marks the root and may move records and outputs."""
    (tmp_path / "papers-in").mkdir()
    (tmp_path / "docgen.toml").write_text('[docgen]\nrecords = "papers-in"\noutputs = "built"\n')
    project = Project.find([tmp_path / "papers-in"])
    assert (project.root, project.records, project.out) == (
        tmp_path,
        tmp_path / "papers-in",
        tmp_path / "built",
    )


def test_an_unknown_setting_is_a_located_error(tmp_path: Path) -> None:
    """A misspelt setting is named with the file, not silently ignored."""
    (tmp_path / "docgen.toml").write_text('[docgen]\nrecord = "records"\n')
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'docgen.toml'}: docgen.record: unknown setting" in result.output


def test_the_records_option_says_where_references_are(
    council: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--records means the same on check as on build and deps."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(council / "records" / "commissions" / "commissions-2019.yaml", elsewhere)
    monkeypatch.chdir(tmp_path)
    alone = CliRunner().invoke(main, ["check", "elsewhere/commissions-2019.yaml"])
    assert alone.exit_code == 1
    with_records = CliRunner().invoke(
        main,
        ["check", "--records", str(council / "records"), "elsewhere/commissions-2019.yaml"],
    )
    assert with_records.exit_code == 0, with_records.output


def test_a_set_that_gathers_nothing_is_an_error(tmp_path: Path) -> None:
    """A year's commissions report with no commissions is not written as '0 policy areas'."""
    records = tmp_path / "records"
    records.mkdir()
    shutil.copy(RECORDS / "commissions" / "commissions-2019.yaml", records)
    result = CliRunner().invoke(main, ["build", "--format", "docx", str(records)])
    assert result.exit_code == 1
    assert "gathers commission records, but the records folder" in result.output
    assert not (tmp_path / "outputs" / "full" / "commissions-2019").exists()


def test_init_never_overwrites_a_project(tmp_path: Path) -> None:
    """A second init leaves the first project's files as they were, and says which are there."""
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path / "council")]).exit_code == 0
    (tmp_path / "council" / "Makefile").write_text("# ours\n")
    again = runner.invoke(main, ["init", str(tmp_path / "council")])
    assert again.exit_code == 1
    assert "already there, so nothing was written" in again.output
    assert (tmp_path / "council" / "Makefile").read_text() == "# ours\n"


def test_an_initialised_project_checks_clean_from_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new project's records, settings and templates work with no further set-up."""
    CliRunner().invoke(main, ["init", str(tmp_path / "council")])
    project = Project.find([tmp_path / "council" / "records"])
    assert project.root == tmp_path / "council"
    assert project.templates == shipped_templates()
    monkeypatch.chdir("/")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "council" / "records")])
    assert result.exit_code == 0, result.output


def test_a_broken_template_is_one_error_not_one_per_record(tmp_path: Path) -> None:
    """The template's fault is printed once, and no record is built with it."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    base = templates / "html" / "committee_report.html"
    base.write_text(base.read_text(encoding="utf-8").replace("{% block", "{% blok", 1))
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--format",
            "pdf",
            "--templates",
            str(templates),
            str(RECORDS / "london-councils"),
        ],
    )
    assert result.exit_code == 1
    faults = [line for line in result.output.splitlines() if "unknown tag 'blok'" in line]
    assert len(faults) == 1, result.output
    assert "0 written, 0 unchanged, 1 failed" in result.output
