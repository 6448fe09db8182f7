"""The Word builder: safe, strict, deterministic rendering of docxtpl templates."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import pytest
from lxml import etree

from docgen.builders.docx import WordTemplate
from docgen.builders.properties import DocumentProperties
from docgen.docx_text import docx_to_text
from docgen.errors import TemplateError
from docgen.loading import load_record
from docgen.render import Format, Templates, render_record

from .conftest import TEMPLATES

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PROPERTIES = DocumentProperties(title="T", subject="S", author="A", created=date(2026, 1, 2))


def template_with_paragraph(tmp_path: Path, text: str) -> Path:
    """A copy of the committee report template whose body is one paragraph of ``text``."""
    source = TEMPLATES / "committee_report.docx"
    target = tmp_path / "probe.docx"
    body = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
        f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:body></w:document>'
    )
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = body.encode() if info.filename == "word/document.xml" else old.read(info)
            new.writestr(info, data)
    return target


def render_example(path: Path, tmp_path: Path) -> dict[Path, bytes]:
    """The Word papers of the record at ``path``."""
    return render_record(load_record(path), [], Templates(TEMPLATES), tmp_path, (Format.DOCX,))


def test_building_twice_gives_identical_bytes(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """Same inputs, same bytes: fixed zip times, fixed properties, fresh state per render."""
    path = write_record(minimal_report)
    first = render_example(path, tmp_path)
    second = render_example(path, tmp_path)
    assert first == second


def test_one_template_renders_many_papers_independently(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """docxtpl renders a template object once; docgen's adapter renders it any number of times."""
    template = WordTemplate(TEMPLATES / "committee_report.docx")
    records = Templates(TEMPLATES)
    records._word["committee_report.docx"] = template
    one = render_record(
        load_record(write_record(minimal_report, "one")), [], records, tmp_path, (Format.DOCX,)
    )
    other = minimal_report.replace("Library opening hours", "Parks strategy")
    two = render_record(
        load_record(write_record(other, "two")), [], records, tmp_path, (Format.DOCX,)
    )
    assert "Library opening hours" in docx_to_text(next(iter(one.values())))
    assert "Parks strategy" in docx_to_text(next(iter(two.values())))
    assert "Library opening hours" not in docx_to_text(next(iter(two.values())))


def test_record_text_that_looks_like_code_appears_literally(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """Jinja syntax, XML specials and quotes in data are data: printed as written, never run."""
    tricky = (
        "Cost {{ 7*7 }} {% if true %}yes{% endif %} <b>bold</b> & \"quoted\" 'single' ]]> &amp;"
    )
    path = write_record(
        minimal_report.replace(
            "summary: The report proposes longer opening hours at the central library.",
            "summary: '" + tricky.replace("'", "''") + "'",
        )
    )
    for data in render_example(path, tmp_path).values():
        document = docx.Document(io.BytesIO(data))  # python-docx opens it: the package is valid
        summary = document.tables[1].rows[0].cells[1].text
        assert summary == tricky
        assert "49" not in summary


def test_every_part_of_a_paper_is_well_formed_xml(tmp_path: Path) -> None:
    """The example with the most structure opens, and each XML part parses."""
    example = TEMPLATES.parent / "records/northfield/cabinet-2026-10-senior-management-review.yaml"
    for data in render_example(example, tmp_path).values():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(archive.read(name))
            assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
            assert "docProps/thumbnail.jpeg" not in archive.namelist()


def test_a_missing_value_fails_loudly_instead_of_rendering_blank(tmp_path: Path) -> None:
    """StrictUndefined: a template asking for a value the paper lacks is an error."""
    template = WordTemplate(template_with_paragraph(tmp_path, "{{ not_given }}"))
    with pytest.raises(TemplateError, match="'not_given' is undefined"):
        template.render({}, PROPERTIES)


def test_a_template_cannot_reach_python_internals(tmp_path: Path) -> None:
    """The sandbox stops attribute walks to classes and globals."""
    template = WordTemplate(template_with_paragraph(tmp_path, "{{ ''.__class__.__mro__ }}"))
    with pytest.raises(TemplateError, match=r"unsafe|__class__"):
        template.render({}, PROPERTIES)


def test_a_template_syntax_error_names_the_template(tmp_path: Path) -> None:
    """A broken tag is reported with the template's path, where Word shows it (the body,
    quoting the text), at load time; never as a line of the generated XML."""
    path = template_with_paragraph(tmp_path, "{% if %}")
    with pytest.raises(TemplateError) as caught:
        WordTemplate(path)
    assert caught.value.path == path
    assert str(caught.value).startswith(f"{path}: body, at '{{% if %}}': ")
    assert "xml" not in str(caught.value)


def test_appendix_paragraphs_restart_at_one_in_real_word_numbering(tmp_path: Path) -> None:
    """Each appendix gets its own numbering instance with a start override."""
    example = (
        TEMPLATES.parent
        / "records/london-councils/leaders-2017-03-item-7-challenge-contribution.yaml"
    )
    data = next(iter(render_example(example, tmp_path).values()))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        numbering = archive.read("word/numbering.xml").decode()
    assert '<w:startOverride w:val="1"/>' in numbering
    text = docx_to_text(data)
    assert "[Numbered Paragraph 21.] As indicated earlier" in text
    assert "[Numbered Paragraph 1.] This paper provides broad guidance" in text


def test_the_core_properties_come_from_the_record(tmp_path: Path) -> None:
    """Title, subject, author and dates are the record's; nothing says python-docx or now."""
    example = (
        TEMPLATES.parent
        / "records/london-councils/leaders-2017-03-item-7-challenge-contribution.yaml"
    )
    data = next(iter(render_example(example, tmp_path).values()))
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.title.startswith("London Councils Challenge")
    assert properties.author == "John O'Brien"
    assert properties.subject == "Leaders' Committee, 21 March 2017"
    assert properties.language == "en-GB"
    assert properties.created.year == 2017 and properties.modified == properties.created
