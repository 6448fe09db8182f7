"""Property tests: whatever text a record holds, a build never crashes, never writes an
invalid .docx and never puts an exempt phrase into a public paper."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import docx
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from docgen.build import BuildResult, build
from docgen.docx_text import docx_to_text
from docgen.errors import RecordError
from docgen.pdf_text import pdf_to_text
from docgen.render import Format

from .conftest import MINIMAL_REPORT, TEMPLATES

SPECIAL = [
    "{{ 7*7 }}",
    "{% if true %}x{% endif %}",
    "{# c #}",
    "{%p endfor %}",
    "{{r x }}",
    "<w:t>",
    "</w:p>",
    "]]>",
    "<![CDATA[x]]>",
    "&amp;",
    "&",
    "<",
    ">",
    '"',
    "'",
    "\x00",
    "\x07",
    "\x1b",
    "\ufffe",
    "\u202e",
    "\u200b",
    "💥",
    "ﬁ",
    "İ",
    "ß",
    "Å",
    "[exempt 1]",
    "[/exempt]",
    "\t",
    "\r\n",
    "  ",
    "\\",
    "%",
    "$ref",
]

texts = st.one_of(
    st.text(max_size=60),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=60),
    st.lists(st.sampled_from(SPECIAL) | st.text(max_size=8), max_size=8).map("".join),
    st.builds(
        lambda piece, times: piece * times, st.text(min_size=1, max_size=12), st.integers(1, 400)
    ),
)


def record_yaml(summary: str, secret: str) -> str:
    """The minimal report with random text in its summary and an exempt phrase in a paragraph."""
    data = yaml.safe_load(MINIMAL_REPORT)
    data["summary"] = summary
    data["sections"][0]["paragraphs"][0] = f"Paid to [exempt 3]{secret} zq-marker[/exempt] in May."
    return yaml.safe_dump(data, allow_unicode=True)


def build_one(tmp_path: Path, summary: str, secret: str, output_format: Format) -> BuildResult:
    """Write the record into a fresh folder of its own and build it in one format."""
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    path = root / "records" / "report.yaml"
    path.parent.mkdir()
    path.write_text(record_yaml(summary, secret), encoding="utf-8")
    return build(
        (path,),
        out=root / "out",
        templates_folder=TEMPLATES,
        records_root=root / "records",
        formats=(output_format,),
    )


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(summary=texts, secret=texts)
def test_any_text_builds_valid_papers_or_fails_with_a_located_error(
    tmp_path: Path, summary: str, secret: str
) -> None:
    """No traceback, no invalid file, no leak — for any text at all."""
    result = build_one(tmp_path, summary, secret, Format.DOCX)
    assert all(isinstance(error, RecordError) for error in result.errors), result.errors
    for error in result.errors:
        assert all(problem.line is not None for problem in error.problems)
    for paper in result.written:
        data = paper.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(archive.read(name))
        docx.Document(io.BytesIO(data))
        text = docx_to_text(data)
        assert " ".join(summary.split()) in text
        if "/public/" in paper.as_posix():
            assert "zq-marker" not in text


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(summary=texts, secret=texts)
def test_any_text_builds_pdfs_that_never_leak(tmp_path: Path, summary: str, secret: str) -> None:
    """The same property for the PDF builder (fewer cases: a PDF costs more than a .docx)."""
    result = build_one(tmp_path, summary, secret, Format.PDF)
    assert all(isinstance(error, RecordError) for error in result.errors), result.errors
    for paper in result.written:
        text = pdf_to_text(paper.read_bytes())
        if "/public/" in paper.as_posix():
            assert "zq-marker" not in text
