"""``docgen templates check``: what is wrong with a Word template, said in Word's terms."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.template_check import check_folder

from .conftest import TEMPLATES
from .word_edits import edit_word_template, read_parts, write_parts

DELETION = (
    '<w:del w:id="9" w:author="Clerk" w:date="2026-11-01T00:00:00Z"><w:r>'
    '<w:delText xml:space="preserve">{{ report.purpose }}</w:delText></w:r></w:del>'
)
INSERTION = (
    '<w:ins w:id="8" w:author="Clerk" w:date="2026-11-01T00:00:00Z"><w:r>'
    '<w:t xml:space="preserve"> ({{ meeting_date }})</w:t></w:r></w:ins>'
)


@pytest.fixture
def own(tmp_path: Path) -> Path:
    """A council's folder holding a copy of docgen's committee report template."""
    folder = tmp_path / "own"
    folder.mkdir()
    shutil.copy(TEMPLATES / "committee_report.docx", folder)
    return folder


def findings(folder: Path) -> list[str]:
    return [str(finding) for finding in check_folder(folder)[0]]


def test_docgens_own_templates_are_clean() -> None:
    """Every shipped template passes, with the values the example records' papers give."""
    result = CliRunner().invoke(main, ["templates", "check", str(TEMPLATES)])
    assert result.exit_code == 0, result.output
    assert "7 Word template(s) checked: 0 error(s), 0 warning(s)" in result.output


def test_an_unknown_value_is_named_at_its_table_cell(own: Path) -> None:
    """A misspelt value is found before any paper is built, where Word shows it."""
    template = own / "committee_report.docx"
    edit_word_template(template, template, "{{ meeting_date }}", "{{ meeting_dat }}")
    (finding,) = findings(own)
    assert finding == (
        f"{template}: body, paragraph 46 (table 1, row 10, cell 2) ('{{{{ meeting_dat }}}}'): "
        "the paper gives no value 'meeting_dat'"
    )


def test_a_tag_never_closed_is_one_error_quoting_the_paragraph(own: Path) -> None:
    """A syntax error is reported once, at its paragraph, not as a line of XML."""
    template = own / "committee_report.docx"
    edit_word_template(
        template, template, "{{r runs(report.committee) }}", "{{r runs(report.committee }}"
    )
    (finding,) = findings(own)
    assert finding.startswith(
        f"{template}: body, paragraph 20 ('{{{{r runs(report.committee }}}}')"
    )
    assert "xml" not in finding.lower()


def test_a_tag_split_across_runs_is_a_warning(own: Path) -> None:
    """Word split a tag in two when part of it was made bold: reported, quoting the tag."""
    template = own / "committee_report.docx"
    edit_word_template(
        template,
        template,
        '<w:t xml:space="preserve">{{r runs(report.committee) }}</w:t></w:r>',
        '<w:t xml:space="preserve">{{r runs(report.commi</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>'
        '<w:t xml:space="preserve">ttee) }}</w:t></w:r>',
    )
    (finding,) = check_folder(own)[0]
    assert finding.warning
    assert finding.where == "body, paragraph 20"
    assert finding.text == "{{r runs(report.committee) }}"
    assert "split this tag into 2 runs" in finding.message


def test_template_code_in_tracked_changes_is_an_error(own: Path) -> None:
    """Code in an insertion or a deletion Word still tracks: accept or reject it first."""
    template = own / "committee_report.docx"
    parts = read_parts(template)
    document = parts["word/document.xml"].decode("utf-8")
    for heading, change in (("Background papers", INSERTION), ("Attachments", DELETION)):
        run = f'<w:t xml:space="preserve">{heading}</w:t></w:r>'
        assert run in document
        document = document.replace(run, run + change, 1)
    parts["word/document.xml"] = document.encode("utf-8")
    write_parts(template, parts)
    found = findings(own)
    assert any(
        "('Background papers ({{ meeting_date }})'): template code inside a tracked insertion"
        in line
        for line in found
    ), found
    assert any(
        "('{{ report.purpose }}'): this paragraph has an unaccepted tracked deletion" in line
        for line in found
    ), found


def test_a_style_the_paper_needs_is_missing(own: Path) -> None:
    """A template saved without the List Bullet style its background papers are set in."""
    template = own / "committee_report.docx"
    parts = read_parts(template)
    styles = parts["word/styles.xml"].decode("utf-8")
    start = styles.index('<w:style w:type="paragraph" w:customStyle="1" w:styleId="ListBullet">')
    end = styles.index("</w:style>", start) + len("</w:style>")
    parts["word/styles.xml"] = (styles[:start] + styles[end:]).encode("utf-8")
    write_parts(template, parts)
    (finding,) = findings(own)
    assert "the style 'ListBullet' is not defined in this template" in finding
    assert "{{p paragraph(bullet, 'ListBullet'" in finding


def test_the_command_says_which_templates_are_docgens_and_fails_on_an_error(own: Path) -> None:
    """Exit 1 on an error, no traceback; the templates the folder lacks are named."""
    template = own / "committee_report.docx"
    edit_word_template(template, template, "{{ meeting_date }}", "{{ meeting_dat }}")
    result = CliRunner().invoke(main, ["templates", "check", str(own)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "1 Word template(s) checked: 1 error(s), 0 warning(s); docgen's own used for " in (
        result.output
    )
