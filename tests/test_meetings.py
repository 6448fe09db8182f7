"""A meeting record: its reports are looked up, Part 2 is worked out from them, and the
statutory timetable is checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.docx_text import docx_to_text
from docgen.loading import RecordSet, check
from docgen.models.committee_report import CommitteeReport
from docgen.models.meeting import Meeting, exempt_appendices
from docgen.papers.meeting import word_lists
from docgen.render import Format, Templates, render_record
from docgen.views import Version
from tests.conftest import RECORDS, TEMPLATES, copy_records, replace_in

MEETING = "northfield/cabinet-2026-10-14.yaml"


def load(root: Path) -> tuple[Meeting, list[CommitteeReport]]:
    records = RecordSet(root)
    record = records.load(root / MEETING)
    assert isinstance(record.data, Meeting)
    related = [r.data for r in records.related(record)]
    assert all(isinstance(r, CommitteeReport) for r in related)
    return record.data, related  # type: ignore[return-value]


def warnings_of(root: Path) -> list[str]:
    errors, warnings = check([root / MEETING], root)
    assert not errors, errors
    return [f"{w.field}: {w.message}" for w in warnings if w.path.name == Path(MEETING).name]


@pytest.fixture
def northfield(tmp_path: Path) -> Path:
    return copy_records(tmp_path, "northfield")


def test_part_2_holds_the_exempt_report_and_the_report_whose_body_is_exempt() -> None:
    meeting, reports = load(RECORDS)
    assert [number for number, _item, _why in meeting.part_2(reports)] == [9, 10]


def test_an_item_whose_only_exempt_part_is_an_appendix_stays_in_part_1() -> None:
    meeting, reports = load(RECORDS)
    leisure = {number: report for number, _item, report in meeting.reports(reports)}[7]
    assert 7 not in [number for number, _i, _w in meeting.part_2(reports)]
    assert exempt_appendices(leisure) == (1,)


def test_the_part_2_paragraphs_are_those_of_the_reports_exemptions() -> None:
    meeting, reports = load(RECORDS)
    paragraphs = {number: why.paragraphs for number, _item, why in meeting.part_2(reports)}
    # Item 9's body marks paragraphs 1, 3 and 5; its appendix (1, 4) is not the body.
    assert paragraphs == {9: (1, 3, 5), 10: (3,)}


def test_the_example_meeting_checks_without_warnings() -> None:
    assert warnings_of(RECORDS) == []


def test_an_agenda_published_with_fewer_than_five_clear_days_warns(northfield: Path) -> None:
    replace_in(
        northfield / MEETING, "published: 2026-10-05\nitems:", "published: 2026-10-08\nitems:"
    )
    assert warnings_of(northfield) == [
        "published: the agenda is published 3 clear day(s) before the meeting; "
        "five are needed, so publish by 2026-10-06"
    ]


def test_a_private_item_without_its_two_notices_warns(northfield: Path) -> None:
    replace_in(
        northfield / MEETING,
        "    notices:\n      - published: 2026-09-02\n      - published: 2026-10-06\n",
        "    notices:\n      - published: 2026-09-04\n",
    )
    assert warnings_of(northfield) == [
        "items[8].notices: a private item needs a notice 28 clear days before the meeting "
        "(published by 2026-09-03); none is recorded",
        "items[8].notices: a private item needs a further notice 5 clear days before the "
        "meeting (published by 2026-10-06); none is recorded",
    ]


def test_a_report_for_another_date_or_item_warns(northfield: Path) -> None:
    budget = northfield / "northfield/cabinet-2026-10-budget-monitoring.yaml"
    replace_in(budget, "meeting_date: 2026-10-14", "meeting_date: 2026-11-11")
    replace_in(budget, 'item: "6"', 'item: "5"')
    assert warnings_of(northfield) == [
        "items[5].report: the report is dated for a meeting on 2026-11-11, not this meeting "
        "(2026-10-14)",
        "items[5].report: the report says it is item 5; it is item 6 of this agenda",
    ]


def test_a_private_item_without_public_interest_reasoning_warns(northfield: Path) -> None:
    disposal = northfield / "northfield/cabinet-2026-10-land-disposal.yaml"
    text = disposal.read_text(encoding="utf-8")
    start = text.index("  public_interest:")
    end = text.index("  review_by:")
    disposal.write_text(text[:start] + text[end:], encoding="utf-8")
    assert "items[9]: a private item needs the reasons" in "\n".join(warnings_of(northfield))


def test_a_private_item_with_no_exclusion_item_before_it_warns(northfield: Path) -> None:
    replace_in(northfield / MEETING, "  - standard: exclusion\n", "")
    assert (
        "items: item 8 is heard in private, but no 'exclusion' item comes before it"
        in warnings_of(northfield)
    )


def test_an_item_naming_a_missing_report_is_an_error(northfield: Path) -> None:
    replace_in(northfield / MEETING, "report: cabinet-2026-10-budget-monitoring", "report: nowhere")
    errors, _ = check([northfield / MEETING], northfield)
    assert "items[5].report" in str(errors[0]) and "'nowhere', which does not exist" in str(
        errors[0]
    )


def test_an_item_naming_a_meeting_instead_of_a_report_is_an_error(northfield: Path) -> None:
    replace_in(
        northfield / MEETING,
        "report: cabinet-2026-10-budget-monitoring",
        "report: cabinet-2026-10-14",
    )
    errors, _ = check([northfield / MEETING], northfield)
    assert "a meeting record; expected a committee_report record" in str(errors[0])


def test_an_unknown_standard_item_is_an_error(northfield: Path) -> None:
    replace_in(northfield / MEETING, "standard: apologies", "standard: apologise")
    errors, _ = check([northfield / MEETING], northfield)
    assert "'apologise' is not a standard item" in str(errors[0])


def test_the_resolution_names_exactly_the_part_2_items_and_their_paragraphs() -> None:
    from docgen.papers.base import Source
    from docgen.papers.meeting import Agenda
    from docgen.views import Version, view

    records = RecordSet(RECORDS)
    record = records.load(RECORDS / MEETING)
    related = records.related(record)
    for version in (Version.FULL, Version.PUBLIC):
        source = Source(
            record_id=record.id,
            data=view(record.data, version),
            version=version,
            references=tuple(view(r.data, version) for r in related),
        )
        resolution = Agenda().context(source)["resolution"]
        assert resolution.startswith(
            "That under section 100A(4) of the Local Government Act 1972 the press and public"
        )
        assert resolution.endswith(
            "item 9 (Senior management review and the shared legal service), "
            "paragraphs 1, 3 and 5; item 10 (Disposal of council land), paragraph 3."
        )


def test_a_meeting_with_no_private_item_has_no_resolution(northfield: Path) -> None:
    from docgen.papers.base import Source
    from docgen.papers.meeting import Agenda
    from docgen.views import Version

    meeting = northfield / MEETING
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text[: text.index("  - standard: exclusion")], encoding="utf-8")
    records = RecordSet(northfield)
    record = records.load(meeting)
    source = Source(
        record_id=record.id,
        data=record.data,
        version=Version.FULL,
        references=tuple(r.data for r in records.related(record)),
    )
    context = Agenda().context(source)
    assert context["resolution"] == "" and context["part_2"] == []


def test_each_run_of_consecutive_item_numbers_is_a_word_list_started_at_its_first() -> None:
    items = [{"number": n} for n in (1, 2, 4, 5, 9)]
    assert [i["word_list"] for i in word_lists(items)] == [
        "agenda/from-1@1",
        "agenda/from-1@1",
        "agenda/from-4@4",
        "agenda/from-4@4",
        "agenda/from-9@9",
    ]


def test_word_prints_the_meeting_s_item_numbers_where_a_part_skips_some(
    northfield: Path, tmp_path: Path
) -> None:
    """An item heard in public after the private ones keeps its number (10), in Word's
    own numbering, and Part 2 starts at its first item's number."""
    meeting = northfield / MEETING
    replace_in(meeting, "  - standard: urgent_business\n", "")
    meeting.write_text(
        meeting.read_text(encoding="utf-8").rstrip("\n") + "\n  - standard: urgent_business\n",
        encoding="utf-8",
    )
    records = RecordSet(northfield)
    record = records.load(meeting)
    papers = render_record(
        record,
        list(records.related(record)),
        Templates(TEMPLATES),
        tmp_path / "out",
        (Format.DOCX,),
        versions=(Version.PUBLIC,),
    )
    agenda = next(data for path, data in papers.items() if path.name == "agenda.docx")
    text = docx_to_text(agenda)
    assert "[Agenda Item 7.] Exclusion of the press and public" in text
    assert "[Agenda Item 10.] Urgent business" in text
    assert "[Agenda Item 8.] Senior management review" in text
    assert "⏎{AgendaItemNote: Not for publication: paragraph" in text
