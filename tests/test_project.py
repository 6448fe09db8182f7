"""A project's folders come from the paths given, never from the current folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.loading import load_record
from docgen.models import RECORD_KINDS
from docgen.papers import PAPERS, papers_for
from docgen.project import Project
from docgen.resources import shipped_templates
from docgen.scaffold import docgen_requirement, requirement_from_direct_url
from tests.conftest import PROJECT, RECORDS, TEMPLATES


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


def test_init_gives_a_small_example_of_each_record_kind(tmp_path: Path) -> None:
    """One record of each kind (five commissions, one per sub-region), not every example."""
    CliRunner().invoke(main, ["init", str(tmp_path / "council")])
    records = [load_record(path) for path in (tmp_path / "council" / "records").rglob("*.yaml")]
    kinds = sorted(record.kind for record in records)
    assert set(kinds) == set(RECORD_KINDS)
    assert [kind for kind in kinds if kind != "commission"] == sorted(
        set(RECORD_KINDS) - {"commission"}
    )
    assert kinds.count("commission") == 5
    assert len(records) < len(list(RECORDS.rglob("*.yaml")))


def test_the_examples_of_a_new_project_check_quietly(tmp_path: Path) -> None:
    """No warning in --strict: a new user's first `make check` says all is well."""
    CliRunner().invoke(main, ["init", str(tmp_path / "council")])
    result = CliRunner().invoke(
        main, ["check", "--strict", "--as-of", "2026-12-01", str(tmp_path / "council" / "records")]
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "all records are valid"


def test_a_new_project_builds_every_paper_and_its_public_papers_scan_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every paper kind is made from the examples, full and public; the scan passes."""
    CliRunner().invoke(main, ["init", str(tmp_path / "council")])
    council = tmp_path / "council"
    monkeypatch.chdir("/")
    built = CliRunner().invoke(
        main, ["build", "--format", "docx", "--as-of", "2026-12-01", str(council / "records")]
    )
    assert built.exit_code == 0, built.output
    records = [load_record(path) for path in (council / "records").glob("*.yaml")]
    papers = {
        (record.id, paper.name, paper.pdf_only)
        for record in records
        for paper in papers_for(record.kind, record.data)
    }
    for record_id, paper, pdf_only in papers:
        for version in ("full", "public"):
            built_docx = (council / "outputs" / version / record_id / f"{paper}.docx").is_file()
            assert built_docx != pdf_only, (record_id, paper, version)
    assert {paper for _, paper, _ in papers} == set(PAPERS)
    scanned = CliRunner().invoke(main, ["scan", str(council / "outputs" / "public")])
    assert scanned.exit_code == 0, scanned.output


def test_a_new_project_installs_docgen_with_docgen_s_own_pins(tmp_path: Path) -> None:
    """constraints.txt is docgen's; requirements.txt names the docgen that made the project;
    the Makefile installs from both into the project's .venv, which git ignores."""
    CliRunner().invoke(main, ["init", str(tmp_path / "council")])
    council = tmp_path / "council"
    assert (council / "constraints.txt").read_text() == (PROJECT / "constraints.txt").read_text()
    requirements = (council / "requirements.txt").read_text().splitlines()
    assert requirements[-1] == docgen_requirement()
    assert docgen_requirement() == f"docgen @ {PROJECT.as_uri()}"  # this checkout, editable
    makefile = (council / "Makefile").read_text()
    assert "pip install --quiet --upgrade -c constraints.txt -r requirements.txt" in makefile
    assert set((council / ".gitignore").read_text().split()) == {"/outputs/", "/.venv/"}


def test_a_docgen_installed_from_a_repository_is_named_at_its_commit() -> None:
    """pip's record of a wheel, a folder or a repository becomes the line that reinstalls it."""
    wheel = {"url": "file:///srv/docgen-0.1.0-py3-none-any.whl", "archive_info": {}}
    assert requirement_from_direct_url(wheel) == (
        "docgen @ file:///srv/docgen-0.1.0-py3-none-any.whl"
    )
    repository = {
        "url": "https://git.example.org/docgen.git",
        "vcs_info": {"vcs": "git", "commit_id": "4aa61d1", "requested_revision": "main"},
    }
    assert requirement_from_direct_url(repository) == (
        "docgen @ git+https://git.example.org/docgen.git@4aa61d1"
    )
