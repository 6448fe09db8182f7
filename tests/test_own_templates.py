"""A council's own templates: a folder holding only the files it changed, docgen's for the rest."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pikepdf
from click.testing import CliRunner

from docgen.cli import main
from docgen.docx_text import docx_to_text
from docgen.pdf_text import pdf_to_text

from .conftest import TEMPLATES
from .word_edits import add_header_logo, edit_word_template, png

A5_WIDTH = 419.53
"""An A5 page's width in points, as WeasyPrint writes it."""


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


def test_a_chart_never_replaces_a_picture_of_the_templates_own(
    tmp_path: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """The template's header logo is media/image1.png; the chart docgen adds is another part."""
    from docgen.loading import load_record
    from docgen.render import Format, Templates, render_record
    from docgen.views import Version

    chart = (
        "      - text: Visits were higher in the centre.\n"
        "        chart:\n"
        "          title: Visits by library\n"
        "          categories: [Central, East]\n"
        "          series: [{name: Visits, values: [120, 80]}]\n"
    )
    marker = "      - The cost is met from the existing budget.\n"
    record = load_record(write_record(minimal_report.replace(marker, marker + chart)))
    own = tmp_path / "own"
    own.mkdir()
    shutil.copy(TEMPLATES / "committee_report.docx", own)
    logo = png((200, 0, 0))
    add_header_logo(own / "committee_report.docx", logo)
    rendered = render_record(
        record, [], Templates(own), Path("out"), (Format.DOCX,), versions=(Version.FULL,)
    )
    (data,) = rendered.values()
    with zipfile.ZipFile(io.BytesIO(data)) as paper:
        names = paper.namelist()
        assert paper.read("word/media/image1.png") == logo
        assert b'Target="media/image1.png"' in paper.read("word/_rels/header1.xml.rels")
        charts = [name for name in names if name.startswith("word/media/") and "image1" not in name]
        assert len(charts) == 1
        assert paper.read(charts[0]).startswith(b"\x89PNG") and paper.read(charts[0]) != logo
        target = charts[0].removeprefix("word/")
        assert f'Target="{target}"'.encode() in paper.read("word/_rels/document.xml.rels")
        document = paper.read("word/document.xml").decode("utf-8")
    drawing_ids = [int(i) for i in re.findall(r'<wp:docPr id="(\d+)"', document)]
    assert 1 not in drawing_ids, "the chart's drawing id is the header logo's"


def test_a_broken_template_is_one_error_for_the_whole_build(
    tmp_path: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """A Jinja tag left open in the council's Word template is reported once, not per record."""
    for name in ("cabinet-a", "cabinet-b", "cabinet-c"):
        write_record(minimal_report, name)
    own = tmp_path / "own"
    edit_word_template(
        TEMPLATES / "committee_report.docx",
        own / "committee_report.docx",
        "{{r runs(report.committee) }}",
        "{{r runs(report.committee }}",
    )
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--templates",
            str(own),
            "--out",
            str(tmp_path / "out"),
            "-j",
            "1",
            str(tmp_path / "records"),
        ],
    )
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    assert (
        f"{own / 'committee_report.docx'}: body, at '{{{{ runs(report.committee }}}}" in errors[0]
    )
    assert "xml" not in errors[0]
