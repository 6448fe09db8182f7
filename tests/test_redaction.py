"""Redaction proven on an adversarial corpus: exempt text in every position a paper has."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from docgen.charts import chart_png
from docgen.docx_text import docx_to_text
from docgen.loading import load_record
from docgen.render import Templates, paper_exempt_values, render_record
from docgen.scan import MIN_VALUE_LENGTH, scan_paper
from docgen.views import Version, view

from .conftest import TEMPLATES

CORPUS = Path(__file__).resolve().parent / "corpus"
ADVERSARIAL = CORPUS / "adversarial-every-position.yaml"


@pytest.fixture(scope="module")
def papers() -> dict[str, bytes]:
    """The adversarial record's committee report, {"full.docx": bytes, "public.pdf": …}."""
    record = load_record(ADVERSARIAL)
    rendered = render_record(record, [], Templates(TEMPLATES), Path("out"))
    return {f"{path.parts[1]}{path.suffix}": data for path, data in rendered.items()}


def test_the_corpus_has_an_exempt_value_in_each_position() -> None:
    """The canaries (all but 27, which the corpus retired) and the spacing variants."""
    values = paper_exempt_values(load_record(ADVERSARIAL), [])
    canaries = {n for v in values for n in re.findall(r"Canary (\d\d)", v.text)}
    assert canaries == {f"{n:02d}" for n in range(1, 47)} - {"27"}
    assert sum("marlowe-fitch" in v.text.casefold() for v in values) == 3


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_every_exempt_value_is_in_the_full_version(papers: dict[str, bytes], suffix: str) -> None:
    """Each position is real: the scanner finds every value in the full paper, a chart's
    words included in the PDF, where they are text (in Word they are a picture's pixels)."""
    values = paper_exempt_values(load_record(ADVERSARIAL), [])
    found = {leak.field for leak in scan_paper(papers["full" + suffix], values)}
    searchable = {
        v.field
        for v in values
        if len(v.text.strip()) >= MIN_VALUE_LENGTH  # "£2" is too short to search for
        and (suffix == ".pdf" or ".chart.categories" not in v.field)
    }
    assert found == searchable


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_no_exempt_value_is_anywhere_in_the_public_version(
    papers: dict[str, bytes], suffix: str
) -> None:
    """Not in the text, tables, headers, properties, metadata, streams or any other part."""
    values = paper_exempt_values(load_record(ADVERSARIAL), [])
    name = f"out/public/adversarial-every-position/committee_report{suffix}"
    assert scan_paper(papers["public" + suffix], values, name=name) == []


def test_the_public_version_says_what_it_withheld(papers: dict[str, bytes]) -> None:
    """Notices and statements stand where the exempt text was, naming the paragraphs."""
    text = docx_to_text(papers["public.docx"])
    assert "Cabinet {WithheldText: [Not for publication: paragraph 1 of Schedule 12A]}" in text
    assert "by virtue of paragraphs 1 and 2 of Part 1 of Schedule 12A" in text
    assert "One further background paper is not listed: exempt under paragraph 3" in text
    assert "canary" not in text.casefold() and "marlowe" not in text.casefold()


def test_the_full_version_is_marked_with_every_paragraph(papers: dict[str, bytes]) -> None:
    """The marking covers every paragraph of Schedule 12A the record uses."""
    text = docx_to_text(papers["full.docx"])
    assert "NOT FOR PUBLICATION by virtue of paragraphs 1, 2, 3, 4, 5 and 7 of Part 1" in text


def test_a_public_chart_is_drawn_from_public_data(papers: dict[str, bytes]) -> None:
    """Text in a picture escapes any text scan, so the public picture is the public view's."""
    record = load_record(ADVERSARIAL)
    full_chart = record.data.sections[2].paragraphs[0].chart
    public_chart = view(record.data, Version.PUBLIC).sections[2].paragraphs[0].chart
    with zipfile.ZipFile(io.BytesIO(papers["public.docx"])) as archive:
        public_picture = archive.read("word/media/docgen-chart1.png")
    with zipfile.ZipFile(io.BytesIO(papers["full.docx"])) as archive:
        full_picture = archive.read("word/media/docgen-chart1.png")
    assert public_picture == chart_png(public_chart) != chart_png(full_chart) == full_picture
    assert "Canary" not in public_chart.description and "Canary" not in str(
        public_chart.categories[0]
    )
