"""``docgen init DIR``: a council project of its own, ready for ``make``.

The project holds ``records/`` (a small example of each record kind, to edit or
replace), ``docgen.toml`` (where the folders are), a Makefile that installs docgen into
the project's own ``.venv`` and runs it with the same incremental batches as docgen's
own, ``requirements.txt`` (which docgen that is) and ``constraints.txt`` (the versions of
everything else, the ones docgen's tests ran with), and a ``.gitignore`` for ``outputs/``
and ``.venv/``. Nothing that is already there is overwritten.
"""

from __future__ import annotations

import json
import shutil
from importlib import metadata
from pathlib import Path
from typing import Any

from docgen import __version__
from docgen.errors import DocgenError
from docgen.resources import skeleton

SKELETON_FILES = {
    "Makefile": "Makefile",
    "docgen.toml": "docgen.toml",
    "gitignore": ".gitignore",
    "constraints.txt": "constraints.txt",
}
"""The skeleton's files and the names they take in a project (a dot file would not ship)."""

REQUIREMENTS_HEADER = """\
# The docgen this project is built with: `make` installs it into .venv, with the versions
# of everything else pinned by constraints.txt (those docgen's tests ran with). `docgen
# init` wrote where its own docgen came from; to upgrade, name a newer docgen (a wheel, a
# folder holding docgen's source, or a version) and copy that docgen's constraints.txt.
"""


def init_project(folder: Path) -> list[Path]:
    """Create the project in ``folder``; return the paths written.

    Raises `DocgenError` if any of them is already there: a project is never half
    overwritten.
    """
    targets = [
        folder / "records",
        *(folder / name for name in SKELETON_FILES.values()),
        folder / "requirements.txt",
    ]
    present = [str(path) for path in targets if path.exists()]
    if present:
        raise DocgenError(f"already there, so nothing was written: {', '.join(present)}")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(skeleton() / "records", folder / "records", ignore=_not_records)
    for source, name in SKELETON_FILES.items():
        shutil.copyfile(skeleton() / source, folder / name)
    (folder / "requirements.txt").write_text(
        REQUIREMENTS_HEADER + docgen_requirement() + "\n", encoding="utf-8"
    )
    return targets


def docgen_requirement() -> str:
    """The running docgen as a line pip installs: where it was installed from, if known.

    pip records a wheel, folder or repository installed by its address (PEP 610's
    ``direct_url.json``); a docgen installed from a package index is named by its
    version. A source checkout may also hold build metadata of its own
    (``docgen.egg-info``), which records nothing: the installed distribution's record is
    the one read.
    """
    for distribution in metadata.distributions(name="docgen"):
        recorded = distribution.read_text("direct_url.json")
        if recorded:
            return requirement_from_direct_url(json.loads(recorded))
    return f"docgen=={__version__}"


def requirement_from_direct_url(recorded: dict[str, Any]) -> str:
    """A PEP 610 record as a requirement: a repository at the very commit installed."""
    vcs = recorded.get("vcs_info")
    if vcs:
        return f"docgen @ {vcs['vcs']}+{recorded['url']}@{vcs['commit_id']}"
    return f"docgen @ {recorded['url']}"


def _not_records(_folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name.startswith(("_", ".")) or name.endswith(".py")]
