"""The wheel carries everything docgen needs, and works installed alone, outside this folder.

The install test builds the wheel, installs it (with its dependencies, pinned by
constraints.txt) into a fresh virtual environment that sees nothing of this checkout,
and builds the example records copied to a temporary folder, run from ``/``. It is slow
(the dependencies are installed for real) and runs in ``make test`` all the same: it is
the proof that an installed docgen finds its templates, wording and fonts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

from tests.conftest import PROJECT, RECORDS


def _packages_listed() -> set[str]:
    settings = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(settings["tool"]["setuptools"]["packages"])


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


def _run(*command: str | Path, cwd: Path = Path("/")) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result


def test_the_wheel_installed_alone_builds_the_example_records(tmp_path: Path) -> None:
    """Templates, wording and fonts come from the installed package; the folders from the paths."""
    wheels = tmp_path / "wheels"
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, PROJECT)
    (wheel,) = wheels.glob("docgen-*.whl")
    environment = tmp_path / "env"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(environment)
    python = environment / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", "-c", PROJECT / "constraints.txt", wheel)
    council = tmp_path / "council"
    shutil.copytree(RECORDS, council / "records")

    shown = _run(python, "-c", "import docgen.resources as r; print(r.shipped_templates())")
    assert Path(shown.stdout.strip()).is_relative_to(environment)
    _run(environment / "bin" / "docgen", "check", council / "records")
    built = _run(environment / "bin" / "docgen", "build", "-q", "-j", "2", council / "records")
    assert "error" not in built.stderr
    records = sorted(path.stem for path in RECORDS.rglob("*.yaml"))
    public = council / "outputs" / "public"
    assert sorted(folder.name for folder in public.iterdir()) == records
    assert list(public.rglob("*.pdf")) and list(public.rglob("*.docx"))
    version = _run(python, "-m", "docgen", "--version")
    assert "docgen, version" in version.stdout
