"""One house style for both formats: a council's restyle reaches the .docx and the PDF."""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from lxml import etree

from docgen.builders.wordml import W
from docgen.cli import main
from docgen.docx_text import docx_to_text
from docgen.errors import RecordError
from docgen.house_style import house_style

from .conftest import PROJECT, TEMPLATES
from .word_edits import png

ACCENT = (0x1F, 0x4E, 0x79)
ACCENT_RGB = b"0.121569 0.305882 0.47451 rg"
"""#1f4e79 as WeasyPrint sets a fill colour in a page's content stream."""


def readme_restyle() -> str:
    """The README's restyle example: the TOML block that sets [house.font]."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, re.DOTALL)
    (block,) = [block for block in blocks if "[house.font]" in block]
    return block


@pytest.fixture(scope="module")
def restyled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A project with the README's restyle in its docgen.toml and a logo, built once."""
    from .conftest import MINIMAL_REPORT

    root = tmp_path_factory.mktemp("council")
    (root / "records").mkdir()
    (root / "records/cabinet-libraries.yaml").write_text(MINIMAL_REPORT, encoding="utf-8")
    (root / "docgen.toml").write_text(
        '[docgen]\nrecords = "records"\n\n' + readme_restyle(), encoding="utf-8"
    )
    (root / "logo.png").write_bytes(png(ACCENT, (120, 60)))
    result = CliRunner().invoke(main, ["build", "--format", "all", str(root / "records")])
    assert result.exit_code == 0, result.output
    paper = root / "outputs/public/cabinet-libraries/committee_report"
    return {
        "docx": paper.with_suffix(".docx").read_bytes(),
        "pdf": paper.with_suffix(".pdf").read_bytes(),
        "logo": (root / "logo.png").read_bytes(),
    }


def style(styles: etree._Element, style_id: str) -> etree._Element:
    (found,) = [s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == style_id]
    return found


def test_the_restyle_reaches_the_word_styles(restyled: dict[str, bytes]) -> None:
    """The font is the document's default and the accent colours the headings."""
    with zipfile.ZipFile(io.BytesIO(restyled["docx"])) as docx:
        styles = etree.fromstring(docx.read("word/styles.xml"))
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert fonts is not None and fonts.get(f"{W}ascii") == "Liberation Serif"
    for style_id in ("Heading1", "Heading2", "Committee", "ReportTitle"):
        colour = style(styles, style_id).find(f"{W}rPr/{W}color")
        assert colour is not None and colour.get(f"{W}val") == "1F4E79", style_id
    marking = style(styles, "Marking").find(f"{W}rPr/{W}color")
    assert marking is not None and marking.get(f"{W}val") == "9C0006", "only what is set changes"


def test_the_logo_and_address_open_the_word_paper(restyled: dict[str, bytes]) -> None:
    """The letterhead: the council's logo as a picture with alt text, its name and address."""
    with zipfile.ZipFile(io.BytesIO(restyled["docx"])) as docx:
        document = docx.read("word/document.xml").decode("utf-8")
        relationships = docx.read("word/_rels/document.xml.rels").decode("utf-8")
        (logo,) = [name for name in docx.namelist() if name.startswith("word/media/docgen-logo")]
        assert docx.read(logo) == restyled["logo"]
    body = document[document.index("<w:body>") :]
    assert body.index('r:embed="rIdDocgenLogo"') < body.index("Cabinet")
    assert 'descr="Northfield Council logo"' in body
    assert (
        f'Id="rIdDocgenLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{logo.removeprefix("word/")}"'
        in relationships
    )
    text = docx_to_text(restyled["docx"])
    assert text.index("Town Hall") < text.index("Library opening hours")


def test_the_restyle_reaches_the_pdf(restyled: dict[str, bytes]) -> None:
    """The PDF embeds the new font, sets headings in the accent colour and shows the logo."""
    with pikepdf.open(io.BytesIO(restyled["pdf"])) as pdf:
        page = pdf.pages[0]
        fonts = {str(font.BaseFont).replace("-", "") for font in page.Resources.Font.values()}
        assert any("LiberationSerif" in name for name in fonts), fonts
        assert not any("LiberationSans" in name for name in fonts), fonts
        images = [
            image
            for image in page.Resources.get("/XObject", {}).values()
            if image.get("/Subtype") == "/Image"
        ]
        assert [(int(i.Width), int(i.Height)) for i in images] == [(120, 60)]
    assert ACCENT_RGB in _contents(restyled["pdf"]), "no text in the accent colour"


def test_without_a_restyle_the_papers_have_no_letterhead(example_papers: dict[str, bytes]) -> None:
    """docgen's own house style names no council, so no paper carries a logo."""
    for name, data in example_papers.items():
        if name.endswith(".docx"):
            with zipfile.ZipFile(io.BytesIO(data)) as docx:
                assert not any("docgen-logo" in part for part in docx.namelist()), name


def test_a_bad_value_is_reported_at_its_file_line_and_key(tmp_path: Path) -> None:
    """A colour that is not one, an unknown key and a missing logo: each located."""
    settings = tmp_path / "docgen.toml"
    settings.write_text(
        '[docgen]\nrecords = "records"\n\n[house.colour]\naccent = "blue"\n'
        'shade = "#ffffff"\n\n[house.council]\nlogo = "missing.png"\n',
        encoding="utf-8",
    )
    with pytest.raises(RecordError) as caught:
        house_style(TEMPLATES, settings)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{settings}:5: house.colour.accent: expected a colour as six hex digits (#1f4e79), "
        "found 'blue'",
        f"{settings}:6: house.colour.shade: unknown setting (known: colour.text, colour.accent, "
        "colour.marking, colour.draft, colour.muted, colour.rule, colour.table_header)",
        f"{settings}:9: house.council.logo: no such file: {tmp_path / 'missing.png'}",
    ]


def test_a_bad_house_style_stops_the_build_once(
    tmp_path: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """The build names the bad value once and writes nothing."""
    write_record(minimal_report, "cabinet-a")
    write_record(minimal_report, "cabinet-b")
    (tmp_path / "docgen.toml").write_text(
        '[docgen]\nrecords = "records"\n[house.size]\nbody = 200\n', encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["build", str(tmp_path / "records")])
    assert result.exit_code == 1
    assert result.output.count("house.size.body: 200 is outside 4 to 96") == 1, result.output
    assert not (tmp_path / "outputs/public").exists()


def test_a_house_toml_in_a_councils_templates_folder_is_used(
    tmp_path: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """A templates folder holding only house.toml restyles both formats; the rest is docgen's."""
    write_record(minimal_report, "cabinet-libraries")
    own = tmp_path / "own"
    own.mkdir()
    (own / "house.toml").write_text('[colour]\naccent = "#1f4e79"\n', encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", "--templates", str(own), "--out", str(out), str(tmp_path / "records")]
    )
    assert result.exit_code == 0, result.output
    paper = out / "public/cabinet-libraries/committee_report"
    with zipfile.ZipFile(paper.with_suffix(".docx")) as docx:
        styles = etree.fromstring(docx.read("word/styles.xml"))
    colour = style(styles, "Heading1").find(f"{W}rPr/{W}color")
    assert colour is not None and colour.get(f"{W}val") == "1F4E79"
    assert ACCENT_RGB in _contents(paper.with_suffix(".pdf").read_bytes())


def _contents(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return b"".join(
            page.Contents.read_bytes()
            if not isinstance(page.Contents, pikepdf.Array)
            else b"".join(part.read_bytes() for part in page.Contents)
            for page in pdf.pages
        )


def test_a_changed_house_toml_is_read_again(tmp_path: Path) -> None:
    """A long-running process (a watch) sees the house style as it is now, not as it was."""
    (tmp_path / "house.toml").write_text('[colour]\naccent = "#1f4e79"\n', encoding="utf-8")
    assert house_style(tmp_path).colour("accent") == "1F4E79"
    (tmp_path / "house.toml").write_text('[colour]\naccent = "#336600"\n', encoding="utf-8")
    os.utime(tmp_path / "house.toml", ns=(1, 10**18))
    assert house_style(tmp_path).colour("accent") == "336600"
    assert house_style(tmp_path).council_keys == {"colour.accent"}


def test_a_councils_footer_reaches_both_formats(
    tmp_path: Path, write_record: Callable[..., Path], minimal_report: str
) -> None:
    """``footer = "{page}"`` in docgen.toml: Word's footer field and the PDF's page box."""
    from docgen.pdf_text import page_texts

    write_record(minimal_report, "cabinet-libraries")
    (tmp_path / "docgen.toml").write_text(
        '[docgen]\nrecords = "records"\n[house.page]\nfooter = "Folio {page}"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", str(tmp_path / "records")])
    assert result.exit_code == 0, result.output
    paper = tmp_path / "outputs/public/cabinet-libraries/committee_report"
    with zipfile.ZipFile(paper.with_suffix(".docx")) as docx:
        footer = docx.read("word/footer1.xml").decode("utf-8")
    assert "Folio " in footer and " PAGE " in footer and "NUMPAGES" not in footer
    (first, *_) = page_texts(paper.with_suffix(".pdf").read_bytes())
    assert "Folio 1" in first and "Page 1 of" not in first


@pytest.fixture(scope="module")
def council_letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The skeleton's feedback letter (from the LGA) and the same letter naming no sender,
    built in a project whose house style has the council's letterhead (the README's)."""
    from .conftest import PROJECT

    root = tmp_path_factory.mktemp("council-letters")
    (root / "records").mkdir()
    letter = (PROJECT / "docgen/skeleton/records/peer-challenge-2027.yaml").read_text("utf-8")
    sender = "  sender: {name: Local Government Association, address: [18 Smith Square, London, SW1P 3HZ]}\n"
    assert sender in letter
    (root / "records/from-the-lga.yaml").write_text(letter, encoding="utf-8")
    (root / "records/unsent.yaml").write_text(letter.replace(sender, ""), encoding="utf-8")
    (root / "docgen.toml").write_text(
        '[docgen]\nrecords = "records"\n\n' + readme_restyle(), encoding="utf-8"
    )
    (root / "logo.png").write_bytes(png(ACCENT, (120, 60)))
    result = CliRunner().invoke(main, ["build", "--format", "all", str(root / "records")])
    assert result.exit_code == 0, result.output
    return {
        f"{record}.{suffix}": (
            root / f"outputs/full/{record}/feedback_letter.{suffix}"
        ).read_bytes()
        for record in ("from-the-lga", "unsent")
        for suffix in ("docx", "pdf")
    }


def _first_page_images(pdf_data: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf_data)) as pdf:
        objects = pdf.pages[0].Resources.get("/XObject", {}).values()
        return sum(1 for image in objects if image.get("/Subtype") == "/Image")


def test_a_letter_with_a_sender_is_not_also_under_the_councils_letterhead(
    council_letters: dict[str, bytes],
) -> None:
    """A letter from the LGA has the LGA's letterhead, not the council's logo and address
    as well; the same letter naming no sender has the council's, as every paper does."""
    from docgen.pdf_text import page_texts

    sent = docx_to_text(council_letters["from-the-lga.docx"])
    assert "[Letterhead] Local Government Association" in sent
    assert "Northfield NF1 1AA" not in sent
    with zipfile.ZipFile(io.BytesIO(council_letters["from-the-lga.docx"])) as docx:
        assert "rIdDocgenLogo" not in docx.read("word/document.xml").decode("utf-8")
        assert not any("docgen-logo" in name for name in docx.namelist())
        assert b"rIdDocgenLogo" not in docx.read("word/_rels/document.xml.rels")
    first_page = page_texts(council_letters["from-the-lga.pdf"])[0]
    assert "Local Government Association" in first_page
    assert "Northfield NF1 1AA" not in first_page
    assert _first_page_images(council_letters["from-the-lga.pdf"]) == 0

    unsent = docx_to_text(council_letters["unsent.docx"])
    assert "[Letterhead] Northfield NF1 1AA" in unsent
    assert "Local Government Association" not in unsent
    with zipfile.ZipFile(io.BytesIO(council_letters["unsent.docx"])) as docx:
        assert 'r:embed="rIdDocgenLogo"' in docx.read("word/document.xml").decode("utf-8")
    first_page = page_texts(council_letters["unsent.pdf"])[0]
    assert "Northfield NF1 1AA" in first_page
    assert _first_page_images(council_letters["unsent.pdf"]) == 1
