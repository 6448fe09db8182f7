"""Record text is printed literally: template syntax and XML in any field stay as typed.

Every text field of every example record gets a numbered marker and the same payload
of Jinja, docxtpl and XML syntax; every paper of every record kind is rendered, full
and public, Word and PDF, and wherever a marker is printed the payload must follow it
unchanged — never evaluated (``49``), never dropped, never escaped twice (``&amp;``).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from docgen.docx_text import docx_to_text
from docgen.loading import RecordSet
from docgen.pdf_text import pdf_to_text
from docgen.render import Templates, render_record

from .conftest import RECORDS, TEMPLATES

PAYLOAD = "{{ 7*7 }} {%p if 1 %} {{r x }} & <b> </w:t> ]]>"
SOLID = re.sub(r"\s+", "", PAYLOAD)
NOT_TEXT = {
    "kind", "role", "area", "key", "indicator", "evidence", "outcome", "sub_region",
    "political_control", "about", "peer_challenge", "when", "by", "status", "email", "telephone",
    "exempt_phrases",
}  # fmt: skip
"""Fields that are codes, ids, dates or addresses rather than text to print (and the
reasons for exempt phrases, which name the phrases as marked and are never printed)."""
ONE_OF_EACH_KIND = [
    "northfield/cabinet-2026-10-senior-management-review.yaml",
    "commissions/commissions-2019.yaml",
    "concern-cases/case-2026-01.yaml",
    "concern-cases/radar-2026-11.yaml",
    "peer-challenges/northfield-2027.yaml",
    "best-value/tower-hamlets-directions-2017.yaml",
]


def with_payload(value: Any, counter: Iterator[int]) -> Any:
    """Every text value with ``Q<n>Q`` and the payload appended."""
    if isinstance(value, dict):
        return {k: v if k in NOT_TEXT else with_payload(v, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [with_payload(v, counter) for v in value]
    if isinstance(value, str) and not re.fullmatch(r"[a-z_]+|\d+", value):
        return f"{value} Q{next(counter)}Q {PAYLOAD}"
    return value


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("literal") / "records"
    shutil.copytree(RECORDS, root)
    counter = iter(range(1, 1_000_000))
    for path in sorted(root.rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        path.write_text(
            yaml.safe_dump(with_payload(data, counter), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
    return root


@pytest.mark.parametrize("name", ONE_OF_EACH_KIND)
def test_every_field_prints_literally_in_every_paper(records: Path, name: str) -> None:
    record_set = RecordSet(records)
    record = record_set.load(records / name)
    papers = render_record(record, record_set.related(record), Templates(TEMPLATES), Path("out"))
    markers = 0
    for path, data in papers.items():
        text = docx_to_text(data) if path.suffix == ".docx" else pdf_to_text(data)
        text = re.sub(r"\s+", "", text)  # a PDF's lines may break anywhere, even after "</"
        for found in re.finditer(rf"Q(\d+)Q(.{{0,{len(SOLID)}}})", text):
            markers += 1
            assert found.group(2) == SOLID, f"{path}: Q{found.group(1)}Q {found.group(2)}"
        if path.parts[1] == "full":
            assert re.search(r"Q\d+Q", text), f"{path} prints no record text"
    assert markers > 0
