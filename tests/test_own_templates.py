"""A council's own templates: a folder holding only the files it changed, docgen's for the rest."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pikepdf
from click.testing import CliRunner

from docgen.cli import main
from docgen.docx_text import docx_to_text
from docgen.pdf_text import pdf_to_text

from .conftest import TEMPLATES

A5_WIDTH = 419.53
"""An A5 page's width in points, as WeasyPrint writes it."""


def edit_word_template(source: Path, target: Path, old: str, new: str) -> None:
    """Copy a Word template, changing its wording in document.xml as an officer would."""
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    document = parts["word/document.xml"].decode("utf-8")
    assert old in document, f"{old!r} is not in {source.name}"
    parts["word/document.xml"] = document.replace(old, new).encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def build(records: Path, templates: Path) -> Path:
    """``docgen build --templates`` into an outputs folder beside the records."""
    out = records.parent / "outputs"
    result = CliRunner().invoke(
        main, ["build", "--templates", str(templates), "--out", str(out), str(records)]
    )
    assert result.exit_code == 0, result.output
    return out


def test_a_folder_with_only_one_word_template_gets_docgens_own_for_the_rest(
    tmp_path: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """Only committee_report.docx changed: Word uses it, the PDF docgen's HTML and stylesheet."""
    write_record(minimal_report, "cabinet-libraries")
    own = tmp_path / "own"
    edit_word_template(
        TEMPLATES / "committee_report.docx",
        own / "committee_report.docx",
        "Contact officer",
        "Officer to contact",
    )
    out = build(tmp_path / "records", own)
    paper = out / "full/cabinet-libraries/committee_report"
    assert "Officer to contact" in docx_to_text(paper.with_suffix(".docx").read_bytes())
    pdf_text = pdf_to_text(paper.with_suffix(".pdf").read_bytes())
    assert "Contact officer" in pdf_text
    assert "Officer to contact" not in pdf_text


def test_a_folder_with_only_the_stylesheet_gets_docgens_own_templates(
    tmp_path: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """Only html/house.css changed (A5 pages): the PDF uses it, Word docgen's own template."""
    write_record(minimal_report, "cabinet-libraries")
    own = tmp_path / "own"
    (own / "html").mkdir(parents=True)
    css = (TEMPLATES / "html/house.css").read_text(encoding="utf-8")
    (own / "html/house.css").write_text(css.replace("size: A4;", "size: A5;"), encoding="utf-8")
    out = build(tmp_path / "records", own)
    paper = out / "public/cabinet-libraries/committee_report"
    with pikepdf.open(io.BytesIO(paper.with_suffix(".pdf").read_bytes())) as pdf:
        assert round(float(pdf.pages[0].mediabox[2]), 2) == A5_WIDTH
    assert "Library opening hours" in docx_to_text(paper.with_suffix(".docx").read_bytes())


def test_a_folder_with_only_one_html_template_extends_docgens_base(
    tmp_path: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """An HTML template of the council's own still finds docgen's base.html and stylesheet."""
    write_record(minimal_report, "cabinet-libraries")
    own = tmp_path / "own"
    (own / "html").mkdir(parents=True)
    html = (TEMPLATES / "html/committee_report.html").read_text(encoding="utf-8")
    assert "Contact officer" in html
    (own / "html/committee_report.html").write_text(
        html.replace("Contact officer", "Officer to contact"), encoding="utf-8"
    )
    out = build(tmp_path / "records", own)
    pdf = (out / "full/cabinet-libraries/committee_report.pdf").read_bytes()
    assert "Officer to contact" in pdf_to_text(pdf)


def test_an_empty_templates_folder_in_the_settings_is_docgens_own(
    tmp_path: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """A project whose templates folder exists but is empty builds with docgen's templates."""
    write_record(minimal_report, "cabinet-libraries")
    (tmp_path / "templates").mkdir()
    (tmp_path / "docgen.toml").write_text('[docgen]\ntemplates = "templates"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--format", "docx", str(tmp_path / "records")])
    assert result.exit_code == 0, result.output
    assert any((tmp_path / "outputs/public").rglob("*.docx"))
