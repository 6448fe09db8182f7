"""The exempt-information register: every withheld item, where it is, why, and until when."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from docgen.build import build, scan
from docgen.cli import main
from docgen.render import Format

from .conftest import RECORDS, TEMPLATES

REPORT = """\
kind: committee_report
committee: Cabinet
meeting_date: 2026-10-14
item: "4"
title: Library contracts
report_by: {name: Sam Okafor, job_title: Head of Libraries}
contact: {name: Sam Okafor}
summary: The report proposes a new contract for the library service.
recommendations:
  - agree the new contract;
  - text: agree the price ceiling.
    exempt: {paragraphs: [3], public_interest: Negotiations continue., review_by: 2027-01-31}
sections:
  - heading: Background
    paragraphs:
      - The contract ends in March.
      - text: Bids were received as follows.
        table:
          caption: Bids received
          columns: [Supplier, Bid]
          rows:
            - [Acme Ltd, "£1.2m"]
            - ["[exempt 3]Beta plc[/exempt]", "£1.1m"]
        chart:
          title: Bids by lot
          categories: [Lot 1, "[exempt 3]Lot Q[/exempt]"]
          series:
            - {name: Bids, values: [3, 1]}
            - name: Late bids
              values: [1, 0]
              exempt: {paragraphs: [3], public_interest: It would name the late bidder.}
  - heading: Commercial terms offered by the preferred bidder
    exempt:
      paragraphs: [3]
      public_interest: The terms are under negotiation.
      review_by: 2027-04-01
      released_on: 2027-06-01
    paragraphs:
      - The supplier would be paid quarterly in arrears.
    subsections:
      - heading: Penalties
        paragraphs: [Service credits apply to late openings.]
implications:
  financial: None
  legal: None
  equalities: None
appendices:
  - title: Evaluation
    paragraphs:
      - Quality was weighted at sixty per cent.
      - text: The evaluator was Ann Example.
        exempt: 1
exempt_phrases:
  - phrase: Beta plc
    public_interest: The bidder has not been told the outcome.
    review_by: 2026-12-01
"""


def _build(tmp_path: Path, as_of: date | None = None) -> None:
    result = build(
        (tmp_path / "records",),
        out=tmp_path / "out",
        templates_folder=TEMPLATES,
        records_root=tmp_path / "records",
        formats=(Format.DOCX,),
        as_of=as_of,
    )
    assert result.ok, result.errors


def _rows(tmp_path: Path, record_id: str = "report") -> list[dict[str, str]]:
    data = (tmp_path / "out/full" / record_id / "register.csv").read_bytes()
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_build_writes_the_register_beside_the_full_papers_only(
    write_record: Callable[..., Path], tmp_path: Path
) -> None:
    """register.csv and register.html go to full/<id>/; nothing of it to public/."""
    write_record(REPORT)
    _build(tmp_path, as_of=date(2026, 11, 1))
    full = tmp_path / "out/full/report"
    assert (full / "register.csv").is_file() and (full / "register.html").is_file()
    public = sorted(p.name for p in (tmp_path / "out/public").rglob("*") if p.is_file())
    assert public == ["committee_report.docx"]


def test_the_register_locates_every_withheld_item(
    write_record: Callable[..., Path], tmp_path: Path
) -> None:
    """Paragraph numbers as the paper prints them, sections, appendices, cells and charts."""
    write_record(REPORT)
    _build(tmp_path, as_of=date(2026, 11, 1))
    rows = _rows(tmp_path)
    assert [(r["field"], r["where"], r["what"]) for r in rows] == [
        ("recommendations[1]", "recommendation (ii)", "recommendation"),
        (
            "sections[0].paragraphs[1].table.rows[1].cells[0]",
            "section “Background”, paragraph 2, table “Bids received”, row 2, cell 1",
            "phrase",
        ),
        (
            "sections[0].paragraphs[1].chart.categories[1]",
            "section “Background”, paragraph 2, chart “Bids by lot”, category 2",
            "phrase",
        ),
        (
            "sections[0].paragraphs[1].chart.series[1]",
            "section “Background”, paragraph 2, chart “Bids by lot”, series 2",
            "series",
        ),
        ("sections[1]", "section 2", "section"),
        ("appendices[0].paragraphs[1]", "Appendix 1, paragraph 2", "paragraph"),
    ]
    assert {r["paper"] for r in rows} == {"committee_report"}


def test_the_register_gives_the_paragraphs_reasoning_review_and_release(
    write_record: Callable[..., Path], tmp_path: Path
) -> None:
    """Each row says why, until when, and whether the item has been released."""
    write_record(REPORT)
    _build(tmp_path, as_of=date(2026, 11, 1))
    rows = {r["field"]: r for r in _rows(tmp_path)}
    cell = rows["sections[0].paragraphs[1].table.rows[1].cells[0]"]
    assert cell["schedule_12a_paragraphs"] == "3"
    assert cell["public_interest"] == "The bidder has not been told the outcome."
    assert cell["review_by"] == "2026-12-01"
    terms = rows["sections[1]"]
    assert (terms["review_by"], terms["released_on"], terms["status"]) == (
        "2027-04-01",
        "2027-06-01",
        "to be released on 2027-06-01",
    )
    evaluator = rows["appendices[0].paragraphs[1]"]
    assert (evaluator["schedule_12a_paragraphs"], evaluator["public_interest"]) == ("1", "")


def test_the_register_page_is_readable_and_holds_no_withheld_text(
    write_record: Callable[..., Path], tmp_path: Path
) -> None:
    """The HTML page says where and why, never the withheld words themselves."""
    write_record(REPORT)
    _build(tmp_path, as_of=date(2026, 11, 1))
    page = (tmp_path / "out/full/report/register.html").read_text(encoding="utf-8")
    assert "<h2>committee_report</h2>" in page
    assert "Appendix 1, paragraph 2 (paragraph)" in page
    assert "The terms are under negotiation." in page and "1 April 2027" in page
    assert "No reasoning recorded" in page
    withheld_texts = ("Beta plc", "Lot Q", "Late bids", "quarterly", "Ann Example", "preferred")
    for withheld in withheld_texts:
        assert withheld not in page
    csv_text = (tmp_path / "out/full/report/register.csv").read_text(encoding="utf-8-sig")
    for withheld in withheld_texts:
        assert withheld not in csv_text


def test_a_released_item_is_listed_as_released(
    write_record: Callable[..., Path], tmp_path: Path
) -> None:
    """Built as of its release date, the section stays in the register, marked released."""
    write_record(REPORT)
    _build(tmp_path, as_of=date(2027, 6, 1))
    rows = {r["field"]: r for r in _rows(tmp_path)}
    assert rows["sections[1]"]["status"] == "released on 2027-06-01"


def test_the_register_is_the_same_bytes_for_the_same_day(
    write_record: Callable[..., Path], tmp_path: Path
) -> None:
    """Building again as of the same day changes nothing."""
    write_record(REPORT)
    _build(tmp_path, as_of=date(2026, 11, 1))
    first = (tmp_path / "out/full/report/register.html").read_bytes()
    (tmp_path / "out/full/report/register.html").unlink()
    _build(tmp_path, as_of=date(2026, 11, 2))
    assert (tmp_path / "out/full/report/register.html").read_bytes() == first


def test_a_register_among_the_public_papers_fails_the_scan(
    write_record: Callable[..., Path], tmp_path: Path
) -> None:
    """Copied into public/ by mistake, a register is reported by ``docgen scan``."""
    write_record(REPORT)
    _build(tmp_path, as_of=date(2026, 11, 1))
    public = tmp_path / "out/public"
    _results, errors = scan([public], records_root=tmp_path / "records", as_of=date(2026, 11, 1))
    assert errors == []
    stray = public / "report/register.csv"
    stray.write_bytes((tmp_path / "out/full/report/register.csv").read_bytes())
    _results, errors = scan([public], records_root=tmp_path / "records", as_of=date(2026, 11, 1))
    assert [str(e) for e in errors] == [
        f"{stray}: an exempt-information register is among the public papers; it says what "
        "is withheld and must never be published"
    ]


def test_the_examples_registers_list_their_exempt_items(tmp_path: Path) -> None:
    """The Cabinet example: every exempt form, located, each with its reasoning."""
    example = RECORDS / "northfield/cabinet-2026-10-senior-management-review.yaml"
    result = build(
        (example,),
        out=tmp_path / "out",
        templates_folder=TEMPLATES,
        records_root=RECORDS,
        formats=(Format.DOCX,),
        as_of=date(2026, 11, 1),
    )
    assert result.ok
    rows = _rows(tmp_path, example.stem)
    assert [r["where"] for r in rows] == [
        "recommendation (ii)",
        "section “The proposed structure”, paragraph 5",
        "section “The proposed structure”, paragraph 6",
        "section 3",
        "legal implications",
        "Appendix 2",
        "background paper 2",
    ]
    assert all(r["public_interest"] and r["review_by"] for r in rows)


def test_docgen_register_lists_what_is_due_for_review(
    write_record: Callable[..., Path], tmp_path: Path
) -> None:
    """Located lines, soonest first; released and not-yet-due exemptions left out."""
    path = write_record(REPORT)
    result = CliRunner().invoke(main, ["register", "--due-by", "2027-01-31", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{path}:23: sections[0].paragraphs[1].table.rows[1].cells[0]: paragraph 3; "
        "review by 2026-12-01; The bidder has not been told the outcome.",
        f"{path}:12: recommendations[1].exempt: paragraph 3; review by 2027-01-31; "
        "Negotiations continue.",
        f"{path}:26: sections[0].paragraphs[1].chart.categories[1]: paragraph 3; "
        "no review date; no public-interest reasoning",
        f"{path}:31: sections[0].paragraphs[1].chart.series[1].exempt: paragraph 3; "
        "no review date; It would name the late bidder.",
        f"{path}:52: appendices[0].paragraphs[1].exempt: paragraph 1; no review date; "
        "no public-interest reasoning",
        "5 exemption(s) due for review by 2027-01-31",
    ]
    later = CliRunner().invoke(main, ["register", "--due-by", "2027-06-01", str(path)])
    assert "sections[1].exempt" not in later.output  # released by then
    sooner = CliRunner().invoke(main, ["register", "--due-by", "2027-05-31", str(path)])
    assert f"{path}:33: sections[1].exempt: paragraph 3; review by 2027-04-01" in sooner.output


def test_papers_composed_from_a_record_locate_items_by_record_and_field(tmp_path: Path) -> None:
    """The peer challenge example: each of its papers lists the same located items."""
    example = RECORDS / "peer-challenges/northfield-2027.yaml"
    result = build(
        (example,),
        out=tmp_path / "out",
        templates_folder=TEMPLATES,
        records_root=RECORDS,
        formats=(Format.DOCX,),
        as_of=date(2026, 11, 1),
    )
    assert result.ok
    rows = [r for r in _rows(tmp_path, example.stem) if r["paper"] == "position_statement"]
    assert [(r["field"], r["where"]) for r in rows] == [
        ("scope", "scope"),
        ("team[4]", "team 5"),
        ("assessment[0].weaknesses[0]", "assessment 1, weakness 1"),
        ("findings[1]", "finding 2"),
    ]
    assert all(r["public_interest"] and r["review_by"] == "2027-06-30" for r in rows)


def test_a_composed_report_locates_items_by_its_own_paragraph_numbers(tmp_path: Path) -> None:
    """The proposal report is a committee report made from the record: items get its numbers."""
    example = RECORDS / "peer-challenges/northfield-2027.yaml"
    result = build(
        (example,),
        out=tmp_path / "out",
        templates_folder=TEMPLATES,
        records_root=RECORDS,
        formats=(Format.DOCX,),
        as_of=date(2026, 11, 1),
    )
    assert result.ok
    rows = {r["field"]: r for r in _rows(tmp_path, example.stem) if r["paper"] == "proposal_report"}
    assert rows["scope"]["where"] == "section “Scope”, paragraph 1"
    assert rows["team[4]"]["where"] == (
        "section “The peer challenge process”, paragraph 6, table “The peer team”, row 5"
    )


def test_a_record_without_papers_gets_no_register(tmp_path: Path) -> None:
    """A commission has no papers of its own: no full/<id>/ folder appears for it."""
    commission = RECORDS / "commissions/2019-childrens-services.yaml"
    result = build(
        (commission,),
        out=tmp_path / "out",
        templates_folder=TEMPLATES,
        records_root=RECORDS,
        formats=(Format.DOCX,),
    )
    assert result.ok
    assert not (tmp_path / "out/full" / commission.stem).exists()
