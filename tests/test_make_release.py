"""make rebuilds a record's papers once when one of its release dates comes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from docgen.docx_text import docx_to_text

from .conftest import MINIMAL_REPORT, PROJECT
from .test_make import SETUP_STUB, stamps

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")

RELEASED = MINIMAL_REPORT.replace(
    "      - The cost is met from the existing budget.",
    "      - text: The cost is met from the existing budget.\n"
    "        exempt: {paragraphs: [3], public_interest: Negotiations continue.,"
    " released_on: 2027-06-01}",
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The real Makefile, templates and venv, and one report with a release date."""
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy2(PROJECT / name, tmp_path / name)
    shutil.copytree(PROJECT / "tools", tmp_path / "tools")
    shutil.copytree(PROJECT / "templates", tmp_path / "templates")
    (tmp_path / ".venv").symlink_to(PROJECT / ".venv")
    (tmp_path / SETUP_STUB).touch()
    (tmp_path / "records").mkdir()
    (tmp_path / "records/cabinet-a.yaml").write_text(RELEASED, encoding="utf-8")
    return tmp_path


def make(project: Path, today: str) -> str:
    done = subprocess.run(
        ["make", "--no-print-directory", f"SETUP={SETUP_STUB}", f"TODAY={today}"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def public_text(project: Path) -> str:
    paper = project / "outputs/public/cabinet-a/committee_report.docx"
    return docx_to_text(paper.read_bytes())


def test_the_release_date_makes_the_record_stale_once(project: Path) -> None:
    """Before the date nothing rebuilds; on it the papers rebuild as of that day; then not again."""
    make(project, "2027-05-30")
    assert "existing budget" not in public_text(project)
    before = stamps(project)
    assert "written" not in make(project, "2027-05-31")
    assert stamps(project) == before
    assert "4 written" in make(project, "2027-06-01")
    assert "existing budget" in public_text(project)
    assert "written" not in make(project, "2027-06-02")
    register = project / "outputs/full/cabinet-a/register.csv"
    assert "released on 2027-06-01" in register.read_text(encoding="utf-8-sig")
