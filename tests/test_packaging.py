"""The wheel carries everything docgen needs, and works installed alone, outside this folder.

The install test builds the wheel, installs it (with its dependencies, pinned by
constraints.txt) into a fresh virtual environment that sees nothing of this checkout,
creates a project with ``docgen init`` in a temporary folder and runs ``make`` there. It is slow
(the dependencies are installed for real) and runs in ``make test`` all the same: it is
the proof that an installed docgen finds its templates, wording and fonts.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

from packaging.requirements import Requirement

from docgen.loading import load_record
from docgen.papers import papers_for
from tests.conftest import PROJECT


def _settings() -> dict:
    return tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))


def _packages_listed() -> set[str]:
    return set(_settings()["tool"]["setuptools"]["packages"])


def _pins() -> dict[str, str]:
    """constraints.txt as {normalised name: version}."""
    pins = {}
    for line in (PROJECT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[Requirement(name).name.lower().replace("_", "-")] = version.strip()
    return pins


def test_every_pinned_version_is_within_the_range_pyproject_allows() -> None:
    """The versions the tests run with are ones a user's install may choose, and every
    dependency (and test tool) is pinned, so no install route picks an untested version."""
    settings = _settings()["project"]
    required = [Requirement(text) for text in settings["dependencies"]]
    required += [Requirement(text) for text in settings["optional-dependencies"]["test"]]
    pins = _pins()
    for requirement in required:
        name = requirement.name.lower().replace("_", "-")
        assert name in pins, f"{requirement.name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {name}=={pins[name]}, outside pyproject's {requirement}"
        )


def _build_wheel(folder: Path) -> Path:
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", folder, PROJECT)
    (wheel,) = folder.glob("docgen-*.whl")
    return wheel


def test_the_wheel_carries_the_licences(tmp_path: Path) -> None:
    """docgen's MIT licence in the metadata, and the fonts' and word list's notices beside them."""
    with zipfile.ZipFile(_build_wheel(tmp_path)) as wheel:
        names = set(wheel.namelist())
        metadata = wheel.read("docgen-0.1.0.dist-info/METADATA").decode()
        licence = wheel.read("docgen-0.1.0.dist-info/licenses/LICENSE").decode()
    assert "License-Expression: MIT AND OFL-1.1 AND LicenseRef-SCOWL" in metadata.splitlines()
    assert licence == (PROJECT / "LICENSE").read_text(encoding="utf-8")
    assert "Copyright (c) 2026 The docgen authors" in licence
    assert {"docgen/fonts/OFL.txt", "docgen/data/LICENSE-SCOWL.txt"} <= names
    assert "docgen/fonts/LiberationSans-Regular.ttf" in names
    assert "Requires-Python: >=3.11" in metadata


def test_every_package_of_the_checkout_is_listed_for_the_wheel() -> None:
    """The package list is explicit (the templates are mapped in), so a new one must join it."""
    on_disk = {
        ".".join(folder.relative_to(PROJECT).parts)
        for folder in (PROJECT / "docgen").rglob("*")
        if folder.is_dir() and folder.name != "__pycache__"
    } | {"docgen"}
    templates = {
        ".".join(("docgen", *folder.relative_to(PROJECT).parts))
        for folder in (PROJECT / "templates").rglob("*")
        if folder.is_dir()
    } | {"docgen.templates"}
    assert _packages_listed() == on_disk | templates


def _records_with_papers(records: Path) -> list[str]:
    """The records that have papers of their own (others are drawn into those)."""
    loaded = (load_record(path) for path in records.rglob("*.yaml"))
    return sorted(record.id for record in loaded if papers_for(record.kind, record.data))


def _installed(python: Path) -> dict[str, str]:
    """What pip installed in an environment, as {normalised name: version}."""
    frozen = _run(python, "-m", "pip", "list", "--format=freeze").stdout.splitlines()
    return {
        name.lower().replace("_", "-"): version
        for name, version in (line.split("==") for line in frozen)
    }


def _run(*command: str | Path, cwd: Path = Path("/")) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result


def test_the_wheel_installed_alone_makes_a_project_of_its_own(tmp_path: Path) -> None:
    """``docgen init council && cd council && make`` builds every example paper.

    The project's Makefile installs the docgen that made it (here the wheel) into the
    project's own .venv, pinned by the constraints.txt it was given; templates, wording,
    fonts and the example records come from the installed package; the folders from the
    paths given, whatever the current folder.
    """
    wheel = _build_wheel(tmp_path / "wheels")
    environment = tmp_path / "env"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(environment)
    python, docgen = environment / "bin" / "python", environment / "bin" / "docgen"
    _run(python, "-m", "pip", "install", "-q", "-c", PROJECT / "constraints.txt", wheel)
    shown = _run(python, "-c", "import docgen.resources as r; print(r.shipped_templates())")
    assert Path(shown.stdout.strip()).is_relative_to(environment)

    _run(docgen, "init", "council", cwd=tmp_path)
    council = tmp_path / "council"
    requirements = (council / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert requirements[-1] == f"docgen @ {wheel.as_uri()}"
    made = _run("make", "--no-print-directory", cwd=council)
    assert "0 failed" in made.stdout
    own = council / ".venv" / "bin" / "python"
    shown = _run(own, "-c", "import docgen.resources as r; print(r.shipped_templates())")
    assert Path(shown.stdout.strip()).is_relative_to(council / ".venv")
    pins, installed = _pins(), _installed(own)
    assert {name: installed[name] for name in installed if name in pins} == {
        name: pins[name] for name in installed if name in pins
    }
    assert {"weasyprint", "docxtpl", "lxml"} <= installed.keys()

    public = council / "outputs" / "public"
    assert sorted(folder.name for folder in public.iterdir()) == _records_with_papers(
        council / "records"
    )
    assert list(public.rglob("*.pdf")) and list(public.rglob("*.docx"))
    _run("make", "--no-print-directory", "scan", cwd=council)
    checked = _run("make", "--no-print-directory", "check", cwd=council)
    assert "all records are valid" in checked.stdout
    checked = _run(docgen, "check", council / "records")
    assert "all records are valid" in checked.stdout
    again = _run("make", "--no-print-directory", cwd=council)
    assert "written" not in again.stdout
    version = _run(python, "-m", "docgen", "--version")
    assert "docgen, version" in version.stdout
