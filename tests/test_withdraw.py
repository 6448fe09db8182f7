"""Withdrawing papers: a deleted record's, and every public paper that holds what its
record now marks exempt — even when the record no longer loads."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from docgen import render as render_module
from docgen.build import BuildResult, build
from docgen.errors import LeakError, RecordError
from docgen.register import REGISTER_NAMES
from docgen.render import ALL_FORMATS, Format
from docgen.withdraw import lenient_phrases, read_marks

from .conftest import MINIMAL_REPORT, RECORDS, TEMPLATES

NAMED = MINIMAL_REPORT.replace("summary: The report", "summary: For Jo Bloggs the report")
"""A report whose summary names somebody, in public."""
NOW_EXEMPT = NAMED.replace("Jo Bloggs", "[exempt 1]Jo Bloggs[/exempt]")
"""The same report once the name is marked exempt."""


def built(
    tmp_path: Path, *paths: Path, formats: tuple[Format, ...] = (Format.DOCX,)
) -> BuildResult:
    return build(
        paths or (tmp_path / "records",),
        out=tmp_path / "out",
        templates_folder=TEMPLATES,
        records_root=tmp_path / "records",
        formats=formats,
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / "records" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def papers(tmp_path: Path, version: str, record_id: str) -> list[str]:
    """The papers in a record's output folder (its register, beside the full ones, is not one)."""
    folder = tmp_path / "out" / version / record_id
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.name not in REGISTER_NAMES)


def withdrawn(result: BuildResult) -> list[str]:
    return sorted(str(w.paper.relative_to(w.paper.parents[2])) for w in result.withdrawn)


# A deleted record


def test_building_a_folder_withdraws_the_papers_of_a_record_no_longer_in_it(
    tmp_path: Path,
) -> None:
    """Both versions go, and the stamp, and the output prints each paper withdrawn."""
    write(tmp_path, "cabinet-a", MINIMAL_REPORT)
    gone = write(tmp_path, "cabinet-b", MINIMAL_REPORT)
    assert built(tmp_path).ok
    gone.unlink()
    result = built(tmp_path)
    assert result.ok
    assert withdrawn(result) == [
        "full/cabinet-b/committee_report.docx",
        "full/cabinet-b/register.csv",
        "full/cabinet-b/register.html",
        "public/cabinet-b/committee_report.docx",
    ]
    assert "no longer exists" in str(result.withdrawn[0])
    assert str(result.withdrawn[0]).startswith("withdrawn: ")
    assert not (tmp_path / "out/public/cabinet-b").exists()
    assert not (tmp_path / "out/full/cabinet-b").exists()
    assert not (tmp_path / "out/.stamps/cabinet-b.stamp").exists()
    assert papers(tmp_path, "public", "cabinet-a") == ["committee_report.docx"]


def test_naming_record_files_withdraws_nothing(tmp_path: Path) -> None:
    """Records not named were not asked for: their papers stay, deleted or not."""
    kept = write(tmp_path, "cabinet-a", MINIMAL_REPORT)
    gone = write(tmp_path, "cabinet-b", MINIMAL_REPORT)
    assert built(tmp_path).ok
    gone.unlink()
    result = built(tmp_path, kept)
    assert result.ok and result.withdrawn == []
    assert papers(tmp_path, "public", "cabinet-b") == ["committee_report.docx"]


def test_building_another_folder_leaves_the_papers_made_from_the_records_folder(
    tmp_path: Path,
) -> None:
    """Only papers built from the folder being built can be withdrawn by building it."""
    write(tmp_path, "cabinet-a", MINIMAL_REPORT)
    assert built(tmp_path).ok
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "cabinet-draft.yaml").write_text(MINIMAL_REPORT, encoding="utf-8")
    result = built(tmp_path, drafts)
    assert result.ok and result.withdrawn == []
    assert papers(tmp_path, "public", "cabinet-a") == ["committee_report.docx"]


def test_a_record_moved_to_another_folder_keeps_its_papers(tmp_path: Path) -> None:
    """The id still has a record, so its papers are not a deleted record's."""
    path = write(tmp_path, "cabinet-a", MINIMAL_REPORT)
    assert built(tmp_path).ok
    moved = tmp_path / "records/2026/cabinet-a.yaml"
    moved.parent.mkdir()
    path.rename(moved)
    result = built(tmp_path, tmp_path / "records/2026")
    assert result.ok and result.withdrawn == []
    assert papers(tmp_path, "full", "cabinet-a") == ["committee_report.docx"]


def test_withdrawing_a_deleted_record_leaves_files_docgen_did_not_write(tmp_path: Path) -> None:
    """A file beside the papers that docgen did not write (a note) stays; the record's
    register, which docgen wrote, goes with its papers."""
    gone = write(tmp_path, "cabinet-b", MINIMAL_REPORT)
    assert built(tmp_path).ok
    other = tmp_path / "out/full/cabinet-b/notes.txt"
    other.write_text("kept\n", encoding="utf-8")
    gone.unlink()
    result = built(tmp_path)
    assert withdrawn(result) == [
        "full/cabinet-b/committee_report.docx",
        "full/cabinet-b/register.csv",
        "full/cabinet-b/register.html",
        "public/cabinet-b/committee_report.docx",
    ]
    assert papers(tmp_path, "full", "cabinet-b") == ["notes.txt"]


# A refused public paper


def test_a_refused_public_paper_takes_every_leaking_public_paper_of_its_record_with_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The Word paper is refused first; the older PDF holding the name goes too."""
    write(tmp_path, "cabinet-a", NAMED)
    assert built(tmp_path, formats=ALL_FORMATS).ok
    write(tmp_path, "cabinet-a", NOW_EXEMPT)
    monkeypatch.setattr(render_module, "view", lambda data, version: data)  # a broken public view
    result = built(tmp_path, formats=ALL_FORMATS)
    assert [type(e) for e in result.errors] == [LeakError]
    assert withdrawn(result) == [
        "public/cabinet-a/committee_report.docx",
        "public/cabinet-a/committee_report.pdf",
    ]
    assert "exempt ('summary')" in str(result.withdrawn[0]) and "Jo Bloggs" not in str(
        result.withdrawn[0]
    )
    assert papers(tmp_path, "public", "cabinet-a") == []
    assert papers(tmp_path, "full", "cabinet-a") == [
        "committee_report.docx",
        "committee_report.pdf",
    ]


def test_a_refused_public_paper_leaves_the_earlier_papers_that_do_not_leak(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Papers written before the name was ever there hold nothing it now marks exempt."""
    write(tmp_path, "cabinet-a", MINIMAL_REPORT)
    assert built(tmp_path).ok
    before = (tmp_path / "out/public/cabinet-a/committee_report.docx").read_bytes()
    write(tmp_path, "cabinet-a", NOW_EXEMPT)
    monkeypatch.setattr(render_module, "view", lambda data, version: data)
    result = built(tmp_path)
    assert [type(e) for e in result.errors] == [LeakError] and result.withdrawn == []
    assert (tmp_path / "out/public/cabinet-a/committee_report.docx").read_bytes() == before


def test_a_word_only_build_withdraws_the_older_pdf_that_now_leaks(tmp_path: Path) -> None:
    """The PDF was not asked for, but it is on disk holding a name now marked exempt."""
    write(tmp_path, "cabinet-a", NAMED)
    assert built(tmp_path, formats=ALL_FORMATS).ok
    write(tmp_path, "cabinet-a", NOW_EXEMPT)
    result = built(tmp_path, formats=(Format.DOCX,))
    assert result.ok
    assert withdrawn(result) == ["public/cabinet-a/committee_report.pdf"]
    assert papers(tmp_path, "public", "cabinet-a") == ["committee_report.docx"]
    assert papers(tmp_path, "full", "cabinet-a") == [
        "committee_report.docx",
        "committee_report.pdf",
    ]


# A record that fails to load


@pytest.mark.parametrize(
    ("now", "field"),
    [
        (NOW_EXEMPT, "summary"),
        (
            NAMED.replace(
                "contact: {name: Sam Okafor, telephone: 01632 960 001,",
                "contact: {name: Tomasz Achebe, exempt: 2, telephone: 01632 960 002,",
            ),
            "contact.name",
        ),
    ],
    ids=["a marked phrase", "an exempt mapping"],
)
def test_a_record_that_newly_marks_a_name_exempt_but_fails_withdraws_the_papers_holding_it(
    tmp_path: Path, now: str, field: str
) -> None:
    """A typo elsewhere fails the record; the marks it can still be read for still count."""
    before = NAMED.replace("contact: {name: Sam Okafor", "contact: {name: Tomasz Achebe")
    write(tmp_path, "cabinet-a", before if field == "contact.name" else NAMED)
    assert built(tmp_path).ok
    write(tmp_path, "cabinet-a", now.replace("title:", "titel:"))
    result = built(tmp_path)
    assert [type(e) for e in result.errors] == [RecordError]
    assert withdrawn(result) == ["public/cabinet-a/committee_report.docx"]
    message = str(result.withdrawn[0])
    assert f"'{field}'" in message and "cabinet-a.yaml does not load" in message
    assert papers(tmp_path, "full", "cabinet-a") == ["committee_report.docx"]
    assert not (tmp_path / "out/.stamps/cabinet-a.stamp").exists()


def test_a_failing_record_keeps_the_public_papers_that_hold_nothing_it_marks_exempt(
    tmp_path: Path,
) -> None:
    """A typo alone withdraws nothing: the earlier papers stay as they were."""
    write(tmp_path, "cabinet-a", NOW_EXEMPT)
    assert built(tmp_path).ok
    write(tmp_path, "cabinet-a", NOW_EXEMPT.replace("title:", "titel:"))
    result = built(tmp_path)
    assert not result.ok and result.withdrawn == []
    assert papers(tmp_path, "public", "cabinet-a") == ["committee_report.docx"]


def test_a_record_that_is_no_longer_yaml_has_every_public_paper_withdrawn(
    tmp_path: Path,
) -> None:
    """Its marks cannot be read at all, so none of its public papers can be vouched for."""
    path = write(tmp_path, "cabinet-a", MINIMAL_REPORT)
    assert built(tmp_path, formats=ALL_FORMATS).ok
    path.write_text(MINIMAL_REPORT + "  - [unclosed\n: {\n", encoding="utf-8")
    result = built(tmp_path)
    assert not result.ok
    assert withdrawn(result) == [
        "public/cabinet-a/committee_report.docx",
        "public/cabinet-a/committee_report.pdf",
    ]
    assert "is not valid YAML" in str(result.withdrawn[0])
    assert len(papers(tmp_path, "full", "cabinet-a")) == 2


def test_a_gathered_record_that_breaks_withdraws_the_gathering_papers_that_name_it(
    tmp_path: Path,
) -> None:
    """A commission marks its lead exempt with a typo elsewhere: the year's set fails,
    and its public papers naming the lead go."""
    records = tmp_path / "records"
    records.mkdir()
    for name in ("commissions-2019", "2019-health-and-care", "2019-business-rates"):
        shutil.copy2(RECORDS / "commissions" / f"{name}.yaml", records / f"{name}.yaml")
    assert built(tmp_path).ok
    commission = records / "2019-health-and-care.yaml"
    commission.write_text(
        commission.read_text(encoding="utf-8")
        .replace("political_control: Labour}", "political_control: Labour, exempt: 2}")
        .replace("portfolio:", "portfolo:"),
        encoding="utf-8",
    )
    result = built(tmp_path)
    assert "commissions-2019.yaml" in " ".join(str(e.path) for e in result.errors)
    assert withdrawn(result) == [
        "public/commissions-2019/annual_commissions_report.docx",
        "public/commissions-2019/mou_draft.docx",
    ]
    assert "'2019-health-and-care: lead.name'" in str(result.withdrawn[0])
    assert len(papers(tmp_path, "full", "commissions-2019")) == 2


# Reading the marks of a record that does not load


def test_the_marks_of_a_record_that_does_not_load_are_read_as_far_as_they_can_be(
    tmp_path: Path,
) -> None:
    """Parts that load are read as a build reads them; the rest is walked as written."""
    path = write(
        tmp_path,
        "broken",
        """\
        kind: committee_report
        titel: A misspelt field
        committee: Cabinet
        contact: {name: Jo Bloggs, telephone: 01632 960 001, exempt: 1}
        summary: For [exempt 2]Acme Ltd[/exempt], in summary.
        recommendations:
          - one [exempt 3]unclosed phrase
        unknown_mapping: {note: Secret note, exempt: 1}
        sections:
          - heading: Proposal
            paragraphs:
              - Public text.
              - {text: A withheld paragraph, exempt: 1}
              - text: A [exempt 1]marked phrase[/exempt]
                bad_key: 1
        """,
    )
    marks = read_marks(path)
    assert marks.unreadable is None
    assert {(v.field, v.text) for v in marks.values} >= {
        ("contact.name", "Jo Bloggs"),
        ("contact.telephone", "01632 960 001"),
        ("summary", "Acme Ltd"),
        ("unknown_mapping.note", "Secret note"),
        ("sections[0].paragraphs[1].text", "A withheld paragraph"),
        ("sections[0].paragraphs[2].text", "marked phrase"),
    }
    assert "committee" not in {v.field for v in marks.values}
    assert any(v.field == "recommendations[0].text" and "unclosed" in v.text for v in marks.values)


def test_a_record_of_a_kind_that_cannot_be_told_is_unreadable(tmp_path: Path) -> None:
    """Without its kind, what the record withholds by default is unknown."""
    path = write(tmp_path, "broken", "kind: concern_cse\nauthority: Somewhere\n")
    assert read_marks(path).unreadable is not None


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("For [exempt 1]Jo Bloggs[/exempt] only", ["Jo Bloggs"]),
        ("For [exmept 3]Jo Bloggs[/exmept] only", ["Jo Bloggs"]),
        ("For [exempt3]Jo Bloggs[/exempt] only", ["Jo Bloggs"]),
        ("For {exempt 3}Jo Bloggs{/exempt} only", ["Jo Bloggs"]),
        ("For [EXEMPT 1] Jo Bloggs [ / exempt ] only", [" Jo Bloggs "]),
        ("For [exempt 1]Jo Bloggs, never closed", ["Jo Bloggs, never closed"]),
        ("[exempt 1]A[/exempt] and [exempt 2]B[/exempt]", ["A", "B"]),
        ("An [example] and [1] in brackets", []),
    ],
)
def test_marks_are_read_forgivingly_from_a_record_that_does_not_load(
    text: str, phrases: list[str]
) -> None:
    """A misspelt, unspaced, braced or unclosed mark still marks what follows it."""
    assert lenient_phrases(text) == phrases


def test_a_referred_record_that_breaks_withdraws_the_referring_papers_that_hold_its_marks(
    tmp_path: Path,
) -> None:
    """The peer challenge marks a finding exempt, with a typo elsewhere: the Best Value
    submission that prints its findings fails, and its public paper holding it goes."""
    records = tmp_path / "records"
    records.mkdir()
    challenge = records / "tower-hamlets-2018.yaml"
    shutil.copy2(RECORDS / "peer-challenges/tower-hamlets-2018.yaml", challenge)
    directions = records / "tower-hamlets-directions-2017.yaml"
    shutil.copy2(RECORDS / "best-value/tower-hamlets-directions-2017.yaml", directions)
    assert built(tmp_path, directions).ok
    challenge.write_text(
        challenge.read_text(encoding="utf-8")
        .replace(
            "decision records remain uneven",
            "[exempt 3]decision records remain uneven[/exempt]",
        )
        .replace("\nscope:", "\nscoep:"),
        encoding="utf-8",
    )
    result = built(tmp_path, directions)
    assert "refers to record 'tower-hamlets-2018'" in str(result.errors[0])
    assert withdrawn(result) == ["public/tower-hamlets-directions-2017/dclg_submission.docx"]
    assert "'tower-hamlets-2018: findings[1].findings[1]'" in str(result.withdrawn[0])
    assert papers(tmp_path, "public", "tower-hamlets-directions-2017") == [
        "board_progress_report.docx"
    ]


def test_a_failing_record_still_withholds_what_its_kind_withholds_by_default(
    tmp_path: Path,
) -> None:
    """A concern case's authority and people are exempt unmarked, typo or not."""
    text = (RECORDS / "concern-cases/case-2026-01.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, "case", text.replace("stage: 3\n", "stag: 3\n", 1))
    found = {(v.field, v.text) for v in read_marks(path).values}
    assert ("authority", "London Borough of Brackenford") in found
    assert ("lead.name", "Tamsin Rook") in found
    assert ("raised_on", "2026-02-03") in found


def test_a_failing_record_exempt_as_a_whole_keeps_public_only_what_the_agenda_shows(
    tmp_path: Path,
) -> None:
    """Marked exempt at the top, every field is exempt but the committee, date and item."""
    path = write(tmp_path, "whole", "exempt: 1\n" + NAMED.replace("title:", "titel:"))
    fields = {v.field for v in read_marks(path).values}
    assert {"summary", "titel", "contact.name", "report_by.name"} <= fields
    assert not fields & {"committee", "meeting_date", "item"}


def test_a_paper_the_record_no_longer_calls_for_is_withdrawn(tmp_path: Path) -> None:
    """A briefing note goes once its case is no longer at the latter end of stage 3."""
    radar = (RECORDS / "concern-cases/radar-2026-11.yaml").read_text(encoding="utf-8")
    case = (RECORDS / "concern-cases/case-2026-01.yaml").read_text(encoding="utf-8")
    write(tmp_path, "radar-2026-11", radar)
    path = write(tmp_path, "case-2026-01", case)
    first = built(tmp_path)
    assert first.ok and papers(tmp_path, "public", "case-2026-01") == ["briefing_note.docx"]
    path.write_text(case.replace("open: true", "").rstrip() + "\nopen: false\n", encoding="utf-8")
    second = built(tmp_path)
    assert second.ok
    assert papers(tmp_path, "public", "case-2026-01") == []
    assert papers(tmp_path, "full", "case-2026-01") == []
    assert not (tmp_path / "out/full/case-2026-01/register.csv").exists()
    assert withdrawn(second) == [
        "full/case-2026-01/briefing_note.docx",
        "full/case-2026-01/register.csv",
        "full/case-2026-01/register.html",
        "public/case-2026-01/briefing_note.docx",
    ]
    assert "no longer calls for this paper" in str(second.withdrawn[0])
