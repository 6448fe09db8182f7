"""The Python API: the README's snippet runs as written, and errors are located."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import docgen
from docgen.pdf_text import pdf_to_text
from tests.conftest import MINIMAL_REPORT, PROJECT


def _readme_snippet() -> str:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## From Python") :]
    found = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert found is not None
    return found.group(1)


def test_the_readme_snippet_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It writes a public PDF without the exempt paragraph, and prints a located error."""
    monkeypatch.chdir(tmp_path)
    exec(compile(_readme_snippet(), "README.md", "exec"), {})
    text = pdf_to_text((tmp_path / "public.pdf").read_bytes())
    assert "existing budget" in text
    assert "Dunmore" not in text
    assert "draft.yaml:1: committee: is required but missing" in capsys.readouterr().out


def test_a_record_from_text_is_checked_as_a_file_is() -> None:
    """The name the caller gives stands for the file, with the line of each problem."""
    with pytest.raises(docgen.RecordError) as raised:
        docgen.load_text(MINIMAL_REPORT.replace('item: "4"', "item: 4"), name="mine.yaml")
    assert (
        str(raised.value.problems[0])
        == "mine.yaml:4: item: expected text, found int 4; put it in quotes"
    )


def test_a_record_from_a_dict_is_the_same_record_as_from_its_file(tmp_path: Path) -> None:
    """A dict is checked exactly as the file it would be written to."""
    path = tmp_path / "cabinet.yaml"
    path.write_text(MINIMAL_REPORT, encoding="utf-8")
    import yaml

    from_file = docgen.load(path)
    from_data = docgen.load_data(yaml.safe_load(MINIMAL_REPORT), name="cabinet.yaml")
    assert (from_data.id, from_data.data) == (from_file.id, from_file.data)


def test_rendering_a_paper_a_record_has_not_names_those_it_has(tmp_path: Path) -> None:
    """An unknown paper name is a DocgenError naming the record's papers, not a KeyError."""
    report = docgen.load_text(MINIMAL_REPORT, name="cabinet.yaml")
    with pytest.raises(
        docgen.DocgenError, match=r"no paper 'mou_draft'.*its papers: committee_report"
    ):
        docgen.render_paper(report, "mou_draft")
