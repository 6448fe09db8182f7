"""docgen: local-government papers from structured records, in full and public versions.

The Python API (see `docgen.api` and the README): ``docgen.load``, ``docgen.load_text``,
``docgen.load_data``, ``docgen.render_paper``, ``docgen.build_papers``,
``docgen.scan_papers``, and the
errors they raise, ``docgen.DocgenError`` and ``docgen.RecordError``. They are imported
when first used, so ``docgen --help`` stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from docgen.api import build_papers, load, load_data, load_text, render_paper, scan_papers
    from docgen.errors import DocgenError, RecordError

__all__ = [
    "DocgenError",
    "RecordError",
    "build_papers",
    "load",
    "load_data",
    "load_text",
    "render_paper",
    "scan_papers",
]


def __getattr__(name: str) -> Any:
    if name in ("DocgenError", "RecordError"):
        from docgen import errors

        return getattr(errors, name)
    if name in __all__:
        from docgen import api

        return getattr(api, name)
    raise AttributeError(f"module 'docgen' has no attribute {name!r}")
