"""The committed Word templates: generated, clean, and free of anybody's details."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from pathlib import Path

import pytest

from .conftest import PROJECT, TEMPLATES

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


def test_committed_templates_are_what_the_maker_writes(tmp_path: Path) -> None:
    """Edit tools/make_docx_templates.py and run ``make templates``, never only the .docx."""
    load_maker().main(tmp_path)
    for made in sorted(tmp_path.glob("*.docx")):
        assert parts(made) == parts(TEMPLATES / made.name), f"run `make templates` for {made.name}"


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.docx")), ids=lambda p: p.name)
def test_every_tag_sits_whole_in_one_run(template: Path) -> None:
    """A tag split across runs (as hand-editing in Word does) would render wrongly."""
    for name, data in parts(template).items():
        if not name.endswith(".xml"):
            continue
        for text in re.findall(rb"<w:t[^>]*>([^<]*)</w:t>", data):
            assert text.count(b"{{") == text.count(b"}}"), (name, text)
            assert text.count(b"{%") == text.count(b"%}"), (name, text)


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.docx")), ids=lambda p: p.name)
def test_templates_carry_no_hidden_text_or_personal_details(template: Path) -> None:
    """No thumbnails, comments, tracked changes, hidden runs or authors in the template."""
    contents = parts(template)
    assert not any(
        name.startswith(("docProps/thumbnail", "word/comments", "customXml")) for name in contents
    )
    for name, data in contents.items():
        for marker in (b"<w:vanish", b"<w:del ", b"<w:ins ", b"<dc:creator", b"w:rsid"):
            assert marker not in data, (name, marker)
