"""``docgen init DIR``: a council project of its own, ready for ``make``.

The project holds ``records/`` (docgen's example records, one or more of each kind, to
edit or replace), ``docgen.toml`` (where the folders are), a Makefile that runs the
installed docgen with the same incremental batches as docgen's own, and a ``.gitignore``
for ``outputs/``. Nothing that is already there is overwritten.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from docgen.errors import DocgenError
from docgen.resources import shipped_examples, skeleton

SKELETON_FILES = {"Makefile": "Makefile", "docgen.toml": "docgen.toml", "gitignore": ".gitignore"}
"""The skeleton's files and the names they take in a project (a dot file would not ship)."""


def init_project(folder: Path) -> list[Path]:
    """Create the project in ``folder``; return the paths written.

    Raises `DocgenError` if any of them is already there: a project is never half
    overwritten.
    """
    targets = [folder / "records", *(folder / name for name in SKELETON_FILES.values())]
    present = [str(path) for path in targets if path.exists()]
    if present:
        raise DocgenError(f"already there, so nothing was written: {', '.join(present)}")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(shipped_examples(), folder / "records", ignore=_not_records)
    for source, name in SKELETON_FILES.items():
        shutil.copyfile(skeleton() / source, folder / name)
    return targets


def _not_records(_folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name.startswith(("_", ".")) or name.endswith(".py")]
