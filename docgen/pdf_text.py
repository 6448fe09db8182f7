"""A PDF as readable text, page by page, with its metadata: what snapshots compare.

Text comes from PDFium (pypdfium2), which reads a page's text the way a PDF
viewer's copy and search do, some thirty times faster than a pure-Python reader.
"""

from __future__ import annotations

import io

import pikepdf
import pypdfium2


def page_texts(data: bytes) -> list[str]:
    """The text of each page, as a reader selecting all of it would get it."""
    document = pypdfium2.PdfDocument(data)
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            texts.append(text_page.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            text_page.close()
            page.close()
        return texts
    finally:
        document.close()


def pdf_to_text(data: bytes) -> str:
    """Each page's text under ``== page N of M ==``, then the Info dictionary and catalogue."""
    texts = page_texts(data)
    lines: list[str] = []
    for number, text in enumerate(texts, start=1):
        lines.append(f"== page {number} of {len(texts)} ==")
        lines.extend(line.rstrip() for line in text.splitlines() if line.strip())
    lines.append("== metadata ==")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for key, value in sorted(pdf.docinfo.items()):
            lines.append(f"{key}: {value}")
        mark_info = pdf.Root.get("/MarkInfo", pikepdf.Dictionary())
        lines.append(f"/Lang: {pdf.Root.get('/Lang')}")
        lines.append(f"tagged: {bool(mark_info.get('/Marked', False))}")
    return "\n".join(lines) + "\n"
