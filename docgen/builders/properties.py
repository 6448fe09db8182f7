"""Document properties: what every format's metadata says about a paper.

Kept apart from the builders so that papers can name them without loading any
rendering library.
"""

from __future__ import annotations

from datetime import date

import attrs


@attrs.frozen
class DocumentProperties:
    """What goes in docProps/core.xml; the paper supplies it from the (viewed) record."""

    title: str
    subject: str
    author: str
    keywords: str = ""
    description: str = ""
    language: str = "en-GB"
    created: date | None = None
    """From the record (a meeting date); None where every date is exempt."""
