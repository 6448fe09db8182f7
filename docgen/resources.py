"""Where the files docgen ships are found: inside the installed package.

A wheel carries the templates (Word, HTML, the house stylesheet and the papers' wording)
as ``docgen/templates``, beside the fonts, the word list and the skeleton of a new
project, and `importlib.resources` finds them wherever docgen is installed. A source
checkout keeps the templates in ``templates/`` at its root (so they are edited in one
place); an editable install finds them there.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT_TEMPLATES = PACKAGE.parent / "templates"
"""The templates of a source checkout, used when the package itself carries none."""


def _packaged(name: str, checkout: Path) -> Path:
    packaged = resources.files("docgen").joinpath(name)
    if packaged.is_dir():
        return Path(str(packaged))
    return checkout


def shipped_templates() -> Path:
    """The folder of docgen's own templates, inside the installed package if it is there."""
    return _packaged("templates", CHECKOUT_TEMPLATES)


def template_file(folder: Path, name: str) -> Path:
    """``name`` (``committee_report.docx``, ``html/house.css``) in ``folder`` if the folder
    has it, else docgen's own: a council's folder holds only the files it changed."""
    own = folder / name
    if own.is_file():
        return own
    return shipped_templates() / name


def template_folders(folder: Path) -> tuple[Path, ...]:
    """Where a template is looked for, in order: ``folder``, then docgen's own folder."""
    shipped = shipped_templates()
    if folder.resolve() == shipped.resolve():
        return (folder,)
    return (folder, shipped)


def skeleton() -> Path:
    """The files of a new project: a small example record of each kind, a Makefile, the
    settings, the pins of docgen's dependencies and a .gitignore."""
    return _packaged("skeleton", PACKAGE / "skeleton")
