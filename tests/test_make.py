"""The Makefile is incremental: it rebuilds exactly the stale records, in one process."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from docgen.docx_text import docx_to_text

from .conftest import MINIMAL_REPORT, PROJECT, RECORDS
from .word_edits import add_header_logo, edit_word_template, png, resave_as_word

SETUP_STUB = ".setup-done"
"""Stands in for .venv/.setup-done, so make never re-runs set-up in the shared venv."""

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project: the real Makefile, templates and venv, and five records."""
    root = tmp_path_factory.mktemp("project")
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy2(PROJECT / name, root / name)
    shutil.copytree(PROJECT / "tools", root / "tools")
    shutil.copytree(PROJECT / "templates", root / "templates")
    (root / ".venv").symlink_to(PROJECT / ".venv")
    (root / SETUP_STUB).touch()  # newer than the copied pyproject.toml: set-up never runs here
    records = root / "records"
    records.mkdir()
    (records / "cabinet-a.yaml").write_text(MINIMAL_REPORT, encoding="utf-8")
    (records / "cabinet-b.yaml").write_text(
        MINIMAL_REPORT.replace("Library", "Leisure"), encoding="utf-8"
    )
    for name in (
        "commissions-2019",
        "2019-health-and-care",
        "2019-business-rates",
        "2018-business-rates",
    ):
        shutil.copy2(RECORDS / "commissions" / f"{name}.yaml", records / f"{name}.yaml")
    return root


def make(project: Path) -> str:
    done = subprocess.run(
        ["make", "--no-print-directory", f"SETUP={SETUP_STUB}"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def stamps(project: Path) -> dict[str, float]:
    return {p.stem: p.stat().st_mtime for p in (project / "outputs/.stamps").glob("*.stamp")}


def touch(path: Path) -> None:
    """Make ``path`` newer than anything built so far, whatever the clock's resolution."""
    later = time.time() + 2
    os.utime(path, (later, later))


def test_first_make_builds_every_record_with_papers(project: Path) -> None:
    """Three records have papers (two reports, one commission set); commissions alone have none."""
    make(project)
    assert set(stamps(project)) == {"cabinet-a", "cabinet-b", "commissions-2019"}
    assert (project / "outputs/public/commissions-2019/mou_draft.pdf").is_file()


def test_with_nothing_changed_make_starts_no_docgen(project: Path) -> None:
    """A no-op make runs no recipe at all."""
    make(project)
    before = stamps(project)
    output = make(project)
    assert "docgen" not in output and stamps(project) == before


def test_touching_a_record_rebuilds_it_and_the_sets_that_gather_it(project: Path) -> None:
    """A commission changed: its set's papers rebuild; the committee reports do not."""
    make(project)
    before = stamps(project)
    touch(project / "records/2019-health-and-care.yaml")
    make(project)
    after = stamps(project)
    assert [name for name in before if after[name] != before[name]] == ["commissions-2019"]


def test_touching_a_template_rebuilds_only_the_papers_that_use_it(project: Path) -> None:
    """The MoU template is the commission set's alone; the report template is everyone's."""
    make(project)
    before = stamps(project)
    touch(project / "templates/mou_draft.docx")
    make(project)
    changed = stamps(project)
    assert [name for name in before if changed[name] != before[name]] == ["commissions-2019"]
    touch(project / "templates/html/house.css")
    make(project)
    assert all(stamps(project)[name] != changed[name] for name in changed)


def test_a_failing_record_stays_stale_and_fails_make(project: Path) -> None:
    """A bad record fails the build, leaves its stamp old, and is retried next time."""
    make(project)
    before = stamps(project)
    path = project / "records/cabinet-a.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("title:", "titel:"), encoding="utf-8")
    touch(path)
    done = subprocess.run(
        ["make", f"SETUP={SETUP_STUB}"], cwd=project, capture_output=True, text=True, check=False
    )
    assert done.returncode != 0 and "titel: unknown field" in done.stderr
    assert stamps(project)["cabinet-a"] <= before["cabinet-a"]  # old, or older still
    path.write_text(good, encoding="utf-8")
    touch(path)
    make(project)
    assert stamps(project)["cabinet-a"] != before["cabinet-a"]


def test_adding_and_deleting_records_needs_no_clean(project: Path) -> None:
    """A new record is built; a deleted one is forgotten, without an error from make."""
    make(project)
    extra = project / "records/cabinet-c.yaml"
    extra.write_text(MINIMAL_REPORT.replace("Library", "Lido"), encoding="utf-8")
    make(project)
    assert "cabinet-c" in stamps(project)
    extra.unlink()
    make(project)
    assert (project / "outputs/public/cabinet-a/committee_report.pdf").is_file()


def test_deleting_a_record_withdraws_its_papers_and_its_stamp(project: Path) -> None:
    """make says which papers it withdrew; if the record comes back, even as an older
    file, make builds it again."""
    extra = project / "records/cabinet-d.yaml"
    extra.write_text(MINIMAL_REPORT.replace("Library", "Lido"), encoding="utf-8")
    make(project)
    assert "cabinet-d" in stamps(project)
    saved = extra.read_text(encoding="utf-8")
    extra.unlink()
    output = make(project)
    assert "withdrawn: outputs/public/cabinet-d/committee_report.pdf" in output
    assert "withdrawn: outputs/full/cabinet-d/committee_report.docx" in output
    assert not (project / "outputs/public/cabinet-d").exists()
    assert not (project / "outputs/full/cabinet-d").exists()
    assert "cabinet-d" not in stamps(project)
    assert "docgen" not in make(project)
    extra.write_text(saved, encoding="utf-8")
    os.utime(extra, (1_000_000_000, 1_000_000_000))  # older than every stamp
    make(project)
    assert (project / "outputs/public/cabinet-d/committee_report.pdf").is_file()
    extra.unlink()
    make(project)


def test_a_gathered_record_that_breaks_fails_its_set_and_withdraws_what_leaks(
    project: Path,
) -> None:
    """A commission (no papers of its own) marks its lead exempt, with a typo elsewhere:
    make rebuilds the set that gathers it, which fails and withdraws its public papers."""
    make(project)
    path = project / "records/2019-health-and-care.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(
        good.replace("political_control: Labour}", "political_control: Labour, exempt: 2}").replace(
            "portfolio:", "portfolo:"
        ),
        encoding="utf-8",
    )
    touch(path)
    done = subprocess.run(
        ["make", f"SETUP={SETUP_STUB}"], cwd=project, capture_output=True, text=True, check=False
    )
    assert done.returncode != 0
    for paper in ("annual_commissions_report", "mou_draft"):
        for suffix in (".docx", ".pdf"):
            assert f"withdrawn: outputs/public/commissions-2019/{paper}{suffix}" in done.stderr
            assert (project / f"outputs/full/commissions-2019/{paper}{suffix}").is_file()
    assert not list((project / "outputs/public/commissions-2019").iterdir())
    path.write_text(good, encoding="utf-8")
    touch(path)
    make(project)
    assert (project / "outputs/public/commissions-2019/mou_draft.pdf").is_file()


def test_deleting_a_gathered_record_rebuilds_the_set_that_gathered_it(project: Path) -> None:
    """The year's report must not go on listing a commission that is gone."""
    make(project)
    path = project / "records/2019-business-rates.yaml"
    saved = path.read_text(encoding="utf-8")
    before = stamps(project)
    path.unlink()
    make(project)
    after = stamps(project)
    assert [name for name in before if after[name] != before[name]] == ["commissions-2019"]
    path.write_text(saved, encoding="utf-8")
    make(project)


def small_project(root: Path, names: list[str]) -> Path:
    """The real Makefile, tools, templates and venv, with a minimal report under each name."""
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy2(PROJECT / name, root / name)
    shutil.copytree(PROJECT / "tools", root / "tools")
    shutil.copytree(PROJECT / "templates", root / "templates")
    (root / ".venv").symlink_to(PROJECT / ".venv")
    (root / SETUP_STUB).touch()
    (root / "records").mkdir()
    for name in names:
        (root / "records" / f"{name}.yaml").write_text(MINIMAL_REPORT, encoding="utf-8")
    return root


def test_names_make_can_carry_are_built(tmp_path: Path) -> None:
    """A unicode name and a leading dash are built like any other."""
    project = small_project(tmp_path, ["café-étude", "-leading-dash", "plain"])
    make(project)
    built = sorted(p.name for p in (project / "outputs" / "public").iterdir())
    assert built == ["-leading-dash", "café-étude", "plain"]


ODD_NAMES = ["my report", "it's", 'say "hi"', "50%", "a$b", "x:y", "(1)", "tab\there"]


def test_a_name_make_cannot_carry_fails_make_by_name(tmp_path: Path) -> None:
    """``my report.yaml`` was split in the include file, and make exited 0 having done nothing."""
    project = small_project(tmp_path, [*ODD_NAMES, "plain"])
    done = subprocess.run(
        ["make", "--no-print-directory", f"SETUP={SETUP_STUB}"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0, done.stdout + done.stderr
    for odd in ODD_NAMES:
        assert (
            f"error: records/{odd}.yaml:1: id: make cannot carry a file name holding" in done.stderr
        )


def test_restoring_an_older_copy_of_a_record_rebuilds_its_papers(project: Path) -> None:
    """A backup put back with its old time (`cp -p`) is older than the stamp, yet its
    papers were built from other text: make rebuilds them from the restored copy."""
    make(project)
    path = project / "records/cabinet-b.yaml"
    backup = project / "cabinet-b.yaml.bak"
    shutil.copy2(path, backup)
    os.utime(backup, (1_000_000_000, 1_000_000_000))  # older than every stamp
    path.write_text(
        path.read_text(encoding="utf-8").replace("Leisure", "Lantern"), encoding="utf-8"
    )
    touch(path)
    make(project)
    full = project / "outputs/full/cabinet-b/committee_report.docx"
    assert b"Lantern" in docx_text_bytes(full)
    before = stamps(project)
    shutil.copy2(backup, path)  # as `cp -p`: content and times of the older copy
    make(project)
    assert stamps(project)["cabinet-b"] != before["cabinet-b"]
    assert b"Lantern" not in docx_text_bytes(full) and b"Leisure" in docx_text_bytes(full)
    assert "docgen" not in make(project)
    backup.unlink()


def docx_text_bytes(path: Path) -> bytes:
    """The Word file's document part, where its text is."""
    import zipfile

    with zipfile.ZipFile(path) as docx:
        return docx.read("word/document.xml")


def run_make(project: Path, *goals: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", f"SETUP={SETUP_STUB}", *goals],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_template_edited_in_word_survives_every_target(tmp_path: Path) -> None:
    """A council's committee_report.docx, changed and saved in Word (its wording, revision
    ids, a logo in the header), is used by ``make`` and left as it is by every target."""
    project = small_project(tmp_path, ["cabinet-libraries"])
    template = project / "templates/committee_report.docx"
    edit_word_template(template, template, "Contact officer", "Officer to contact")
    resave_as_word(template)
    add_header_logo(template, png((0, 90, 160)))
    edited = template.read_bytes()
    make(project)
    built = project / "outputs/full/cabinet-libraries/committee_report.docx"
    assert "Officer to contact" in docx_to_text(built.read_bytes())
    refused = run_make(project, "templates")
    assert refused.returncode != 0
    assert "committee_report.docx: not overwritten" in refused.stderr
    for goals in (("scan",), ("clean",), ("all",), ("papers",)):
        done = run_make(project, *goals)
        assert done.returncode == 0, done.stdout + done.stderr
        assert template.read_bytes() == edited, f"make {' '.join(goals)} changed the template"
    # `make test` and `make lint` run pytest, ruff and mypy: none of them writes templates.
    dry_run = run_make(project, "-n", "test", "lint", "snapshots")
    assert "make_docx_templates" not in dry_run.stdout


def test_a_change_to_the_house_style_rebuilds_every_paper(tmp_path: Path) -> None:
    """The accent colour changed in templates/house.toml: make rebuilds both records."""
    project = small_project(tmp_path, ["cabinet-a", "cabinet-b"])
    make(project)
    before = stamps(project)
    house = project / "templates/house.toml"
    text = house.read_text(encoding="utf-8")
    assert 'accent = "#000000"' in text
    house.write_text(text.replace('accent = "#000000"', 'accent = "#1f4e79"'), encoding="utf-8")
    touch(house)
    make(project)
    after = stamps(project)
    assert sorted(name for name in before if after[name] != before[name]) == [
        "cabinet-a",
        "cabinet-b",
    ]
