"""docgen's Word templates: what the maker writes is clean, and it never overwrites an edit."""

from __future__ import annotations

import importlib.util
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from .conftest import PROJECT, TEMPLATES
from .word_edits import edit_word_template, resave_as_word

MAKER = PROJECT / "tools/make_docx_templates.py"


def load_maker():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_docx_templates", MAKER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The templates the maker writes, into a folder of their own (never templates/)."""
    folder = tmp_path_factory.mktemp("made")
    assert load_maker().main(folder) == []
    return folder


def test_the_maker_writes_every_template(made: Path) -> None:
    """``make templates`` still runs; what it writes is docgen's set of Word templates."""
    assert sorted(p.name for p in made.glob("*.docx")) == sorted(
        p.name for p in TEMPLATES.glob("*.docx")
    )


def test_the_maker_keeps_a_template_edited_in_word_unless_forced(tmp_path: Path) -> None:
    """A council's edited template is never overwritten silently: refused, then forced."""
    maker = load_maker()
    maker.main(tmp_path)
    template = tmp_path / "committee_report.docx"
    edit_word_template(template, template, "Background papers", "Papers relied on")
    resave_as_word(template)
    edited = template.read_bytes()
    assert maker.main(tmp_path) == ["committee_report.docx"]
    assert template.read_bytes() == edited
    assert maker.main(tmp_path, force=True) == []
    assert template.read_bytes() != edited
    assert maker.main(tmp_path) == []


def test_the_maker_keeps_a_template_it_did_not_write(tmp_path: Path) -> None:
    """A template put in the folder by hand (none recorded) is not the maker's to replace."""
    shutil.copy(TEMPLATES / "withheld.docx", tmp_path / "withheld.docx")
    edit_word_template(
        tmp_path / "withheld.docx", tmp_path / "withheld.docx", "Not for publication", "Withheld"
    )
    assert load_maker().main(tmp_path) == ["withheld.docx"]


def made_templates() -> list[str]:
    return [name for name in load_maker().TEMPLATE_DEFINITIONS]


@pytest.mark.parametrize("name", made_templates())
def test_every_tag_sits_whole_in_one_run(made: Path, name: str) -> None:
    """A tag split across runs (as hand-editing in Word does) would render wrongly."""
    for part, data in parts(made / name).items():
        if not part.endswith(".xml"):
            continue
        for text in re.findall(rb"<w:t[^>]*>([^<]*)</w:t>", data):
            assert text.count(b"{{") == text.count(b"}}"), (part, text)
            assert text.count(b"{%") == text.count(b"%}"), (part, text)


@pytest.mark.parametrize("name", made_templates())
def test_templates_carry_no_hidden_text_or_personal_details(made: Path, name: str) -> None:
    """No thumbnails, comments, tracked changes, hidden runs or authors in what the maker writes."""
    contents = parts(made / name)
    assert not any(
        part.startswith(("docProps/thumbnail", "word/comments", "customXml")) for part in contents
    )
    for part, data in contents.items():
        for marker in (b"<w:vanish", b"<w:del ", b"<w:ins ", b"<dc:creator", b"w:rsid"):
            assert marker not in data, (part, marker)
