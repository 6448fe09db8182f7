"""A PDF as readable text, page by page, with its metadata: what snapshots compare."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader


def pdf_to_text(data: bytes) -> str:
    """Each page's extracted text under ``== page N of M ==``, then the Info dictionary."""
    reader = PdfReader(io.BytesIO(data))
    lines: list[str] = []
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        lines.append(f"== page {number} of {total} ==")
        text = page.extract_text() or ""
        lines.extend(line.rstrip() for line in text.splitlines() if line.strip())
    lines.append("== metadata ==")
    for key, value in sorted((reader.metadata or {}).items()):
        lines.append(f"{key}: {value}")
    root: Any = reader.trailer["/Root"]
    mark_info: Any = root.get("/MarkInfo", {})
    lines.append(f"/Lang: {root.get('/Lang')}")
    lines.append(f"tagged: {bool(mark_info.get('/Marked'))}")
    return "\n".join(lines) + "\n"
