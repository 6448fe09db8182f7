"""The leak scanner finds exempt text wherever it hides in a .docx, and only there."""

from __future__ import annotations

import io
import zipfile

import pytest

from docgen.scan import scan_docx, scan_paper, scan_text
from docgen.views import ExemptValue

VALUE = [ExemptValue("contact.name", "Marguerite Okonkwo-Hale")]


NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
)


def part(body: str) -> str:
    """A well-formed part holding ``body``, as a real package's parts are."""
    return f'<?xml version="1.0"?><w:document {NAMESPACES}><w:body>{body}</w:body></w:document>'


def docx_with(parts: dict[str, str], comment: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.comment = comment
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "xml"),
    [
        ("word/document.xml", part("<w:p><w:r><w:t>Marguerite Okonkwo-Hale</w:t></w:r></w:p>")),
        (
            "word/document.xml",
            part(
                "<w:p><w:r><w:t>Margue</w:t></w:r><w:r><w:t>rite Okonkwo-</w:t><w:t>Hale</w:t></w:r></w:p>"
            ),
        ),
        ("word/document.xml", part("<w:p><w:r><w:t>MARGUERITE   okonkwo-hale</w:t></w:r></w:p>")),
        (
            "word/document.xml",
            part(
                "<w:p><w:r><w:t>Marguerite</w:t></w:r></w:p><w:p><w:r><w:t>Okonkwo-Hale</w:t></w:r></w:p>"
            ),
        ),
        ("word/document.xml", part('<wp:docPr id="1" name="x" descr="Marguerite Okonkwo-Hale"/>')),
        (
            "word/document.xml",
            part("<w:del><w:r><w:delText>Marguerite Okonkwo-Hale</w:delText></w:r></w:del>"),
        ),
        (
            "word/document.xml",
            part("<w:r><w:rPr><w:vanish/></w:rPr><w:t>Marguerite Okonkwo-Hale</w:t></w:r>"),
        ),
        (
            "word/document.xml",
            part("<w:r><w:instrText>HYPERLINK Marguerite Okonkwo-Hale</w:instrText></w:r>"),
        ),
        ("word/document.xml", part('<w:bookmarkStart w:id="0" w:name="Marguerite Okonkwo-Hale"/>')),
        ("word/document.xml", part("<!-- Marguerite Okonkwo-Hale -->")),
        ("word/header1.xml", part("<w:t>Marguerite Okonkwo&#45;Hale</w:t>")),
        ("word/footnotes.xml", part("<w:t>Marguerite Okonkwo-Hale</w:t>")),
        ("word/comments.xml", part('<w:comment w:author="Marguerite Okonkwo-Hale"/>')),
        (
            "word/settings.xml",
            part('<w:docVars><w:docVar w:name="x" w:val="Marguerite Okonkwo-Hale"/></w:docVars>'),
        ),
        (
            "docProps/core.xml",
            '<cp:p xmlns:cp="urn:x" xmlns:dc="urn:d"><dc:creator>Marguerite Okonkwo-Hale</dc:creator></cp:p>',
        ),
        (
            "word/_rels/document.xml.rels",
            '<Relationships><Relationship Target="mailto:Marguerite%20Okonkwo-Hale"/></Relationships>',
        ),
        ("word/media/Marguerite Okonkwo-Hale.png", ""),
        ("word/media/image1.png", "\x89PNG tEXt Author\x00Marguerite Okonkwo-Hale"),
        ("word/not-well-formed.xml", "<w:t>Margue</w:t></w:r><w:r><w:t>rite Okonkwo-Hale"),
    ],
)
def test_a_hidden_value_is_found_in_each_part(name: str, xml: str) -> None:
    """Split runs, case, spacing, entities, attributes and member names: found every time."""
    files = {"word/document.xml": part("<w:t>clean</w:t>"), name: xml}
    leaks = scan_docx(docx_with(files), VALUE)
    assert leaks and all(leak.field == "contact.name" for leak in leaks)


def test_a_clean_file_is_reported_clean() -> None:
    """No leak, no report."""
    assert (
        scan_docx(docx_with({"word/document.xml": part("<w:t>Director of Place</w:t>")}), VALUE)
        == []
    )


def test_a_value_inside_an_embedded_package_is_found() -> None:
    """An embedded workbook or document is a zip inside the zip; it is opened too."""
    inner = docx_with(
        {"xl/sharedStrings.xml": "<sst><si><t>Marguerite Okonkwo-Hale</t></si></sst>"}
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/embeddings/Workbook1.xlsx", inner)
    (leak,) = scan_docx(buffer.getvalue(), VALUE)
    assert leak.part == "word/embeddings/Workbook1.xlsx!xl/sharedStrings.xml"


def test_names_of_the_format_do_not_count_as_leaks() -> None:
    """A short value that is also a tag or attribute name is not found in the markup itself."""
    short = [ExemptValue("grade", "pStyle")]
    xml = part('<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:p>')
    assert scan_docx(docx_with({"word/document.xml": xml}), short) == []


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


def test_utf16_custom_xml_is_read() -> None:
    """customXml parts may be UTF-16; the scan decodes them by their byte-order mark."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "customXml/item1.xml", "<root>Marguerite Okonkwo-Hale</root>".encode("utf-16")
        )
    assert scan_docx(buffer.getvalue(), VALUE)


@pytest.fixture(scope="module")
def clean_pdf() -> bytes:
    """A small tagged PDF by WeasyPrint that holds no exempt value."""
    import weasyprint

    html = '<html lang="en-GB"><title>Clean</title><p>Director of Place</p></html>'
    return weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def hidden_in_pdf(clean: bytes, place: str) -> bytes:
    """``clean`` with the value put in one place a PDF can hide text."""
    import pikepdf

    secret = "Marguerite Okonkwo-Hale"
    with pikepdf.open(io.BytesIO(clean)) as pdf:
        page = pdf.pages[0]
        if place == "info":
            pdf.docinfo["/Author"] = secret
        elif place == "xmp":
            with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
                meta["dc:creator"] = [secret]
        elif place == "outline":
            with pdf.open_outline() as outline:
                outline.root.append(pikepdf.OutlineItem(secret, 0))
        elif place in ("annotation", "link"):
            action = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=f"https://example.org/{secret}")
            annotation = pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Link if place == "link" else pikepdf.Name.Text,
                Rect=[0, 0, 10, 10],
                **({"A": action} if place == "link" else {"Contents": pikepdf.String(secret)}),
            )
            page.Annots = pdf.make_indirect(pikepdf.Array([annotation]))
        elif place == "alt":
            pdf.Root.StructTreeRoot.K = pikepdf.Array(
                [pikepdf.Dictionary(S=pikepdf.Name.Figure, Alt=pikepdf.String(secret))]
            )
        elif place == "hex string":
            pdf.docinfo["/Subject"] = pikepdf.String(secret.encode("utf-16-be"))
        elif place == "embedded file":
            pdf.attachments["notes.txt"] = pikepdf.AttachedFileSpec(pdf, secret.encode())
        elif place == "page text":
            page.contents_add(
                pdf.make_stream(b"BT /F1 1 Tf 3 Tr (Marguerite Okonkwo-Hale) Tj ET"), prepend=False
            )
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


@pytest.mark.parametrize(
    "place",
    [
        "info",
        "xmp",
        "outline",
        "annotation",
        "link",
        "alt",
        "hex string",
        "embedded file",
        "page text",
    ],
)
def test_a_hidden_value_is_found_in_each_place_in_a_pdf(clean_pdf: bytes, place: str) -> None:
    """Metadata, bookmarks, annotations, link targets, alt text, attachments, invisible text."""
    leaks = scan_paper(hidden_in_pdf(clean_pdf, place), VALUE)
    assert leaks and all(leak.field == "contact.name" for leak in leaks)


def test_a_clean_pdf_is_reported_clean(clean_pdf: bytes) -> None:
    """No leak, no report."""
    assert scan_paper(clean_pdf, VALUE) == []
