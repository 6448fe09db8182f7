"""Where a council project's records, templates and outputs are, from the paths given.

A project is a folder holding ``records/`` (and, optionally, a ``docgen.toml`` settings
file, its own ``templates/`` and its ``outputs/``). Its root is found from the paths a
command is given — the nearest folder, going up, that has a ``docgen.toml`` or holds a
``records/`` folder — never from the current folder, so a command run from
anywhere on absolute paths gives the same answer as one run in the project. Only when
no path is given does the search start from the current folder, as ``git`` does.

``docgen.toml`` may name the folders (relative to itself)::

    [docgen]
    records = "records"
    templates = "templates"
    outputs = "outputs"
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from pathlib import Path

import attrs

from docgen.errors import DocgenError, Problem, RecordError
from docgen.resources import shipped_templates

SETTINGS = "docgen.toml"
"""The settings file that marks a project's root."""
FOLDER_SETTINGS = ("records", "templates", "outputs")


@attrs.frozen
class Project:
    """The folders one command works with."""

    root: Path
    records: Path
    templates: Path
    out: Path
    settings: Path | None = None
    """The project's docgen.toml, if it has one: its [house] table restyles the papers."""

    @classmethod
    def find(
        cls,
        paths: Iterable[Path] = (),
        records: Path | None = None,
        templates: Path | None = None,
        out: Path | None = None,
    ) -> Project:
        """The project of ``paths`` (or of the current folder if none); options override it.

        Raises `DocgenError` for a settings file that cannot be read.
        """
        start = next(iter(paths), None) or records or Path()
        root, settings = _root_of(start.absolute())
        settings_file = root / SETTINGS if (root / SETTINGS).is_file() else None
        if not start.is_absolute():
            # Paths given relative are reported relative, as the user wrote them.
            root = Path(os.path.relpath(root))
        folders = {name: root / name for name in FOLDER_SETTINGS}
        for name, value in settings.items():
            folders[name] = root / value
        project_templates = folders["templates"]
        return cls(
            root=root,
            records=records if records is not None else folders["records"],
            templates=templates
            if templates is not None
            else project_templates
            if project_templates.is_dir()
            else shipped_templates(),
            out=out if out is not None else folders["outputs"],
            settings=settings_file,
        )


def _root_of(start: Path) -> tuple[Path, dict[str, str]]:
    """The project root above ``start`` and its settings; ``start``'s folder if there is none."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        settings = candidate / SETTINGS
        if settings.is_file():
            return candidate, read_settings(settings)
        if (candidate / "records").is_dir():
            return candidate, {}
    return folder, {"records": "."}


def read_settings(path: Path) -> dict[str, str]:
    """The folder settings of a ``docgen.toml``, checked: each a relative path in text."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise DocgenError(f"{path}: cannot read the settings file: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise RecordError(path, [Problem(path, None, "", f"not valid TOML: {error}")]) from error
    section = table.get("docgen", {})
    problems: list[Problem] = []
    settings: dict[str, str] = {}
    if not isinstance(section, dict):
        problems.append(Problem(path, None, "docgen", "expected a table of settings"))
        section = {}
    for name, value in section.items():
        if name not in FOLDER_SETTINGS:
            known = ", ".join(FOLDER_SETTINGS)
            problems.append(
                Problem(path, None, f"docgen.{name}", f"unknown setting (known: {known})")
            )
        elif not isinstance(value, str) or not value or Path(value).is_absolute():
            problems.append(
                Problem(path, None, f"docgen.{name}", "expected a folder, relative to this file")
            )
        else:
            settings[name] = value
    if problems:
        raise RecordError(path, problems)
    return settings
