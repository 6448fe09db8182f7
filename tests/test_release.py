"""Building as of a day: an exemption released by then no longer applies anywhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.build import build, scan
from docgen.cli import main
from docgen.docx_text import docx_to_text
from docgen.render import Format

from .conftest import TEMPLATES

RELEASED_SECTION = """\
  - heading: Commercial terms offered by the preferred bidder
    exempt:
      paragraphs: [3]
      public_interest: The terms are under negotiation.
      released_on: 2027-06-01
    paragraphs:
      - The supplier would be paid quarterly in arrears.
"""
PHRASE = """\
exempt_phrases:
  - phrase: Riverside branch
    public_interest: The branch's staff have not yet been told.
    released_on: 2027-03-01
"""


def _record(minimal_report: str) -> str:
    report = minimal_report.replace(
        "summary: The report proposes longer opening hours at the central library.",
        "summary: The report proposes longer opening hours at the [exempt 3]Riverside "
        "branch[/exempt].",
    ).replace("implications:\n", RELEASED_SECTION + "implications:\n")
    return report + PHRASE


def _public_text(tmp_path: Path, as_of: date | None) -> str:
    result = build(
        (tmp_path / "records",),
        out=tmp_path / "out",
        templates_folder=TEMPLATES,
        records_root=tmp_path / "records",
        formats=(Format.DOCX,),
        as_of=as_of,
    )
    assert result.ok, result.errors
    paper = tmp_path / "out/public/report/committee_report.docx"
    return docx_to_text(paper.read_bytes())


def test_before_its_release_date_an_exemption_withholds(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """The day before, the section and the phrase are still notices."""
    write_record(_record(minimal_report))
    text = _public_text(tmp_path, date(2027, 2, 28))
    assert "quarterly in arrears" not in text and "Riverside" not in text
    assert "Not for publication" in text


def test_on_its_release_date_the_information_is_published(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """Released on or before the as-of day: the public version shows it, each on its own day."""
    write_record(_record(minimal_report))
    phrase_only = _public_text(tmp_path, date(2027, 3, 1))
    assert "Riverside branch" in phrase_only and "quarterly in arrears" not in phrase_only
    both = _public_text(tmp_path, date(2027, 6, 1))
    assert "Riverside branch" in both and "quarterly in arrears" in both
    assert "Not for publication" not in both


def test_the_default_day_is_today(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """Released long ago: published by a build with no as-of; released far ahead: withheld."""
    write_record(_record(minimal_report).replace("2027-06-01", "2000-01-01"))
    text = _public_text(tmp_path, None)
    assert "quarterly in arrears" in text
    write_record(_record(minimal_report).replace("2027-06-01", "2199-01-01"))
    assert "quarterly in arrears" not in _public_text(tmp_path, None)


def test_the_scan_looks_for_what_is_exempt_on_the_day(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """Papers built as of the release day scan clean as of that day, and leak as of the day before."""
    write_record(_record(minimal_report))
    _public_text(tmp_path, date(2027, 6, 1))
    public = [tmp_path / "out/public"]
    on_the_day, errors = scan(public, records_root=tmp_path / "records", as_of=date(2027, 6, 1))
    assert errors == [] and [r.leaks for r in on_the_day] == [()]
    day_before, _ = scan(public, records_root=tmp_path / "records", as_of=date(2027, 5, 31))
    assert [str(leak) for r in day_before for leak in r.leaks] != []


def test_the_same_day_gives_the_same_bytes(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """Days on which nothing is released build byte-identical papers."""
    write_record(_record(minimal_report))
    paper = tmp_path / "out/public/report/committee_report.docx"
    _public_text(tmp_path, date(2027, 1, 1))
    first = paper.read_bytes()
    paper.unlink()
    _public_text(tmp_path, date(2027, 2, 28))
    assert paper.read_bytes() == first


def test_docgen_build_and_scan_take_as_of(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """``--as-of YYYY-MM-DD`` on the command line; anything else is refused."""
    path = write_record(_record(minimal_report))
    out = tmp_path / "out"
    runner = CliRunner()
    built = runner.invoke(
        main,
        ["build", "-q", "--format", "docx", "--out", str(out), "--as-of", "2027-06-01", str(path)],
    )
    assert built.exit_code == 0, built.output
    text = docx_to_text((out / "public/report/committee_report.docx").read_bytes())
    assert "quarterly in arrears" in text
    bad = runner.invoke(main, ["build", "--as-of", "1 June 2027", str(path)])
    assert bad.exit_code == 2 and "--as-of" in bad.output


def test_docgen_scan_takes_as_of(
    write_record: Callable[..., Path],
    minimal_report: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Papers built as of the release day scan clean with ``--as-of`` that day, and leak before."""
    path = write_record(_record(minimal_report))
    _public_text(tmp_path, date(2027, 6, 1))
    monkeypatch.chdir(tmp_path)  # the scan finds records/ in the current folder
    runner = CliRunner()
    public = str(tmp_path / "out/public")
    with_day = ["scan", "--as-of", "2027-06-01", public]
    assert runner.invoke(main, with_day).exit_code == 0
    before = runner.invoke(main, ["scan", "--as-of", "2027-05-31", public])
    assert before.exit_code == 1 and "sections[1]" in before.output
    assert path.is_file()
