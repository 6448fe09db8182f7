"""The leak scanner finds exempt text wherever it hides in a .docx, and only there."""

from __future__ import annotations

import io
import zipfile

import pytest

from docgen.scan import scan_docx, scan_text
from docgen.views import ExemptValue

VALUE = [ExemptValue("contact.name", "Marguerite Okonkwo-Hale")]


def docx_with(parts: dict[str, str], comment: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.comment = comment
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("part", "xml"),
    [
        ("word/document.xml", "<w:t>Marguerite Okonkwo-Hale</w:t>"),
        (
            "word/document.xml",
            "<w:t>Margue</w:t></w:r><w:r><w:t>rite Okonkwo-</w:t><w:t>Hale</w:t>",
        ),
        ("word/document.xml", "<w:t>MARGUERITE   okonkwo-hale</w:t>"),
        ("word/document.xml", "<w:t>Marguerite</w:t></w:p><w:p><w:t>Okonkwo-Hale</w:t>"),
        ("word/document.xml", '<wp:docPr id="1" name="x" descr="Marguerite Okonkwo-Hale"/>'),
        ("word/document.xml", "<w:delText>Marguerite Okonkwo-Hale</w:delText>"),
        ("word/header1.xml", "<w:t>Marguerite Okonkwo&#45;Hale</w:t>"),
        ("word/footnotes.xml", "<w:t>Marguerite Okonkwo-Hale</w:t>"),
        ("word/comments.xml", '<w:comment w:author="Marguerite Okonkwo-Hale"/>'),
        ("docProps/core.xml", "<dc:creator>Marguerite Okonkwo-Hale</dc:creator>"),
        ("docProps/custom.xml", "<vt:lpwstr>Marguerite Okonkwo-Hale</vt:lpwstr>"),
        ("word/_rels/document.xml.rels", '<Relationship Target="mailto:Marguerite Okonkwo-Hale"/>'),
        ("word/media/Marguerite Okonkwo-Hale.png", ""),
    ],
)
def test_a_hidden_value_is_found_in_each_part(part: str, xml: str) -> None:
    """Split runs, case, spacing, entities, attributes and member names: found every time."""
    leaks = scan_docx(docx_with({"word/document.xml": "<w:t>clean</w:t>", part: xml}), VALUE)
    assert leaks and all(leak.field == "contact.name" for leak in leaks)


def test_a_clean_file_is_reported_clean() -> None:
    """No leak, no report."""
    assert scan_docx(docx_with({"word/document.xml": "<w:t>Director of Place</w:t>"}), VALUE) == []


def test_the_zip_comment_and_the_file_path_are_scanned() -> None:
    """Text can hide outside the parts too."""
    assert scan_docx(docx_with({}, comment=b"Marguerite Okonkwo-Hale"), VALUE)
    assert scan_docx(docx_with({}), VALUE, name="out/public/marguerite-okonkwo-hale/x.docx")
    assert scan_docx(docx_with({}), VALUE, name="out/public/cabinet-2026-10/x.docx") == []


def test_a_leak_report_never_contains_the_value() -> None:
    """Reports go to logs, so they name the field only."""
    (leak,) = scan_text("word/document.xml", "<w:t>Marguerite Okonkwo-Hale</w:t>", VALUE)
    assert "Marguerite" not in str(leak) and "contact.name" in str(leak)


def test_very_short_values_are_not_searched_for() -> None:
    """Two letters would match everywhere; such values are left to the public view."""
    assert scan_text("x", "<w:t>ab</w:t>", [ExemptValue("f", "ab")]) == []
