"""Where the files docgen ships are found: inside the installed package.

A wheel carries the templates (Word, HTML, the house stylesheet and the papers' wording)
as ``docgen/templates``, beside the fonts and the word list, and `importlib.resources`
finds them wherever docgen is installed. A source checkout keeps them in ``templates/``
at its root (so they are edited in one place); an editable install finds them there.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

CHECKOUT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
"""The templates of a source checkout, used when the package itself carries none."""


def shipped_templates() -> Path:
    """The folder of docgen's own templates, inside the installed package if it is there."""
    packaged = resources.files("docgen").joinpath("templates")
    if packaged.is_dir():
        return Path(str(packaged))
    return CHECKOUT_TEMPLATES
