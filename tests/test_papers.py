"""Every example paper, full and public, against its readable snapshot.

A change to a template or to redaction shows here as a diff of readable text:
review it, then accept it with ``make snapshots``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from docgen.loading import load_record
from docgen.pdf_text import pdf_to_text
from docgen.render import Templates, render_record
from docgen.scan import scan_docx, scan_paper
from docgen.views import exempt_values

from .conftest import EXAMPLE_RECORDS, TEMPLATES

OUT = Path("outputs")


@pytest.fixture(scope="module")
def rendered() -> dict[str, dict[str, bytes]]:
    """Every example record's papers, rendered once for this module: {id: {path: bytes}}."""
    templates = Templates(TEMPLATES)
    papers = {}
    for path in EXAMPLE_RECORDS:
        record = load_record(path)
        papers[record.id] = {
            p.as_posix(): data for p, data in render_record(record, [], templates, OUT).items()
        }
    return papers


@pytest.mark.parametrize("version", ["full", "public"])
@pytest.mark.parametrize("record", [p.stem for p in EXAMPLE_RECORDS])
def test_committee_report_matches_its_snapshot(
    rendered: dict[str, dict[str, bytes]], record: str, version: str, docx_snapshot: Any
) -> None:
    """Formatting and redaction of each example paper are as reviewed."""
    assert rendered[record][f"outputs/{version}/{record}/committee_report.docx"] == docx_snapshot


@pytest.mark.parametrize("version", ["full", "public"])
@pytest.mark.parametrize("record", [p.stem for p in EXAMPLE_RECORDS])
def test_committee_report_pdf_matches_its_snapshot(
    rendered: dict[str, dict[str, bytes]], record: str, version: str, text_snapshot: Any
) -> None:
    """The PDF's text, page by page, and its metadata are as reviewed."""
    pdf = rendered[record][f"outputs/{version}/{record}/committee_report.pdf"]
    assert pdf_to_text(pdf) == text_snapshot


@pytest.mark.parametrize("path", EXAMPLE_RECORDS, ids=lambda p: p.stem)
def test_public_papers_hold_no_exempt_text_in_any_part(
    rendered: dict[str, dict[str, bytes]], path: Path
) -> None:
    """Every zip member of every public paper is free of every exempt value."""
    record = load_record(path)
    values = list(exempt_values(record.data))
    for name, data in rendered[record.id].items():
        if "/public/" in name:
            assert scan_paper(data, values, name=name) == []


def test_the_scan_finds_each_exempt_value_in_the_full_version(
    rendered: dict[str, dict[str, bytes]],
) -> None:
    """The public papers are clean because the values were removed, not because the scan is blind."""
    path = next(p for p in EXAMPLE_RECORDS if p.parent.name == "northfield")
    record = load_record(path)
    values = list(exempt_values(record.data))
    full = rendered[record.id][f"outputs/full/{record.id}/committee_report.docx"]
    found = {leak.field for leak in scan_docx(full, values)}
    assert found == {v.field for v in values}
