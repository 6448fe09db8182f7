"""Loading records: valid ones become models, invalid ones list every located problem."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from docgen.errors import RecordError
from docgen.loading import RecordSet, load_record
from docgen.models import CommitteeReport

from .conftest import EXAMPLE_RECORDS


def problems_of(path: Path) -> list[str]:
    with pytest.raises(RecordError) as caught:
        load_record(path)
    return [str(p) for p in caught.value.problems]


def test_a_valid_record_loads_with_its_file_stem_as_id(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """The id is the file name without its suffix; the data is the kind's model."""
    record = load_record(write_record(minimal_report, "cabinet-2026-10-libraries"))
    assert record.id == "cabinet-2026-10-libraries"
    assert isinstance(record.data, CommitteeReport)
    assert record.data.meeting_date == date(2026, 10, 14)
    assert (
        str(record.data.sections[0].paragraphs[1].text)
        == "The cost is met from the existing budget."
    )


@pytest.mark.parametrize("path", EXAMPLE_RECORDS, ids=lambda p: p.stem)
def test_every_example_record_is_valid(path: Path) -> None:
    """The records the project ships load without problems."""
    assert load_record(path).id == path.stem


def test_every_problem_is_reported_with_line_and_field(write_record: Callable[..., Path]) -> None:
    """Loading does not stop at the first problem; each names file, line and field."""
    path = write_record(
        """\
        kind: committee_report
        committee: Cabinet
        meeting_date: 2017-02-30
        item: 7
        titel: Hello
        report_by: {name: Ann Other, job_titel: Officer}
        contact: {name: "[exempt 1]Ann"}
        summary: ""
        recommendations: "do it"
        sections:
          - heading: Intro
            paragraphs:
              - text: hi
                exempt: 8
        implications: {financial: None, equalities: None}
        """
    )
    assert problems_of(path) == [
        f"{path}:3: meeting_date: '2017-02-30' is not a real date; expected YYYY-MM-DD",
        f"{path}:4: item: expected text, found int 7; put it in quotes",
        f"{path}:5: titel: unknown field; did you mean 'title'? (known fields: about, action, "
        "alternative_options, appendices, background_papers, body, closing_lists, committee, "
        "contact, exempt, forward_plan_reference, implications, item, key_decision, "
        "meeting_date, numbering, portfolio_holder, purpose, reasons_for_recommendations, "
        "recommendations, recommendations_lead_in, report_by, sections, sign_off, summary, "
        "title, wards_affected)",
        f"{path}:6: report_by.job_titel: unknown field; did you mean 'job_title'? "
        "(known fields: exempt, job_title, name)",
        f"{path}:7: contact.name: an [exempt] phrase is never closed with [/exempt]",
        f"{path}:8: summary: is empty; write the text, or leave the field out if it is optional",
        f"{path}:9: recommendations: expected a list, found str 'do it'",
        f"{path}:14: sections[0].paragraphs[0].exempt: exempt: 8 is not a paragraph of Part 1 "
        "of Schedule 12A; expected a number from 1 to 7",
        f"{path}:15: implications.legal: is required but missing",
    ]


def test_bad_yaml_is_located(write_record: Callable[..., Path]) -> None:
    """A syntax error names the line the parser stopped at."""
    path = write_record("kind: committee_report\ntitle: [unclosed\nsummary: x\n")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:3: not valid YAML")


def test_a_field_given_twice_is_an_error_not_a_silent_overwrite(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """YAML would keep the second value and drop the first; docgen refuses."""
    path = write_record(minimal_report + "summary: A second summary.\n")
    assert problems_of(path) == [f"{path}:20: summary: appears twice (first on line 8); keep one"]


def test_an_unknown_kind_lists_the_known_ones(write_record: Callable[..., Path]) -> None:
    """The kind must be one docgen knows."""
    path = write_record("kind: minutes\n")
    assert problems_of(path) == [
        f"{path}:1: kind: 'minutes' is not a record kind; expected one of: best_value, "
        "commission, commission_set, committee_report, concern_case, meeting, peer_challenge, radar"
    ]


def test_more_than_one_document_in_a_file_is_refused(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """One record per file, so the id is unambiguous."""
    path = write_record(minimal_report + "---\n" + minimal_report)
    (problem,) = problems_of(path)
    assert "more than one YAML document" in problem


def test_an_exemption_mapping_takes_reasons_and_a_review_date(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """The long form records the public-interest test and when to review it."""
    path = write_record(
        minimal_report.replace(
            "  - heading: Proposal\n",
            "  - heading: Proposal\n    exempt: {paragraphs: [3], public_interest: Prejudice to"
            " negotiations., review_by: 2027-01-31}\n",
        )
    )
    exemption = load_record(path).data.sections[0].exempt
    assert exemption is not None
    assert exemption.paragraphs == (3,)
    assert exemption.public_interest == ("Prejudice to negotiations.",)
    assert exemption.review_by == date(2027, 1, 31)


def test_an_exemption_mapping_with_an_unknown_field_is_refused(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """Misspelt exemption details are errors too."""
    path = write_record(
        minimal_report.replace(
            "  - heading: Proposal\n", "  - heading: Proposal\n    exempt: {paragraph: 3}\n"
        )
    )
    (problem,) = problems_of(path)
    assert "sections[0].exempt: unknown field(s) paragraph in the exemption" in problem


def test_an_id_that_spells_exempt_text_is_refused(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """Ids appear in the public paper's path, so they must not carry exempt text."""
    text = minimal_report.replace(
        "summary: The report", "summary: For [exempt 1]Jo Bloggs[/exempt], the report"
    )
    path = write_record(text, "cabinet-jo-bloggs-libraries")
    (problem,) = problems_of(path)
    assert problem == (
        f"{path}:1: id: the record id (file name) contains the exempt text of summary; ids appear "
        "in the public paper's path, so rename the file"
    )


def test_exempt_text_repeated_unmarked_elsewhere_is_refused(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """Marking a name in one place and not another would publish it; docgen says where."""
    text = minimal_report.replace(
        "summary: The report",
        "summary: Following [exempt 1]Jo Bloggs[/exempt]'s complaint, the report",
    ).replace("The cost is met", "Jo Bloggs says the cost is met")
    (problem,) = problems_of(write_record(text))
    assert (
        ":15: sections[0].paragraphs[1].text: repeats, unmarked, text that summary marks exempt"
        in problem
    )


def test_a_reference_to_a_missing_record_is_located(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """``about:`` must name a record beside this one or under the records folder."""
    path = write_record(minimal_report + "about: no-such-record\n")
    records = RecordSet(tmp_path / "records")
    with pytest.raises(RecordError) as caught:
        records.references(records.load(path))
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:20: about: refers to record 'no-such-record', which does not exist"
    ]


def test_a_reference_is_found_beside_the_record(
    write_record: Callable[..., Path], minimal_report: str, tmp_path: Path
) -> None:
    """Records given by path find the records they refer to next to them."""
    write_record(minimal_report, "earlier-report")
    path = write_record(minimal_report + "about: earlier-report\n")
    records = RecordSet(tmp_path / "elsewhere")
    (reference,) = records.references(records.load(path))
    assert reference.id == "earlier-report"


def test_text_must_be_text_not_a_number_or_a_list(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """A telephone number written bare would lose its leading zero; docgen asks for quotes."""
    path = write_record(minimal_report.replace("telephone: 01632 960 001", "telephone: 1632960001"))
    assert problems_of(path) == [
        f"{path}:7: contact.telephone: expected text, found int 1632960001; put it in quotes"
    ]


def test_empty_lists_and_empty_sections_are_located(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """A report needs recommendations and sections; a heading needs something under it."""
    text = (
        minimal_report.replace(
            "recommendations:\n  - agree the longer opening hours from January.\n",
            "recommendations: []\n",
        ).replace("sections:\n", "sections:\n  - heading: Nothing under me\n")
        + "appendices:\n  - title: Empty appendix\n"
    )
    assert [p.split(": ", 1)[1] for p in problems_of(write_record(text))] == [
        "recommendations: needs at least one entry",
        "sections[0]: a section needs paragraphs or subsections under its heading",
        "appendices[0]: an appendix needs paragraphs or sections",
    ]


def test_a_reference_cannot_be_a_path(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """``about:`` names a record id, so a record cannot send docgen to read other folders."""
    path = write_record(minimal_report + "about: ../../secrets/report\n")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:20: about: '../../secrets/report' is not a record id")


def test_a_list_in_brackets_cut_at_a_comma_is_a_warning(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """YAML splits "[Report to Cabinet, October 2026.]" into two items; the officer meant one."""
    from docgen.loading import check

    cut = minimal_report + "background_papers: [Report to Cabinet, October 2026.]\n"
    errors, warnings = check([write_record(cut)], write_record(cut).parent)
    assert errors == []
    assert [(w.field, w.line) for w in warnings] == [("background_papers", 20)]
    assert "seems cut in two ('Report to Cabinet', 'October 2026.')" in warnings[0].message
    for fine in (
        "background_papers: [Corporate Plan, Budget 2026]\n",  # no item ends a sentence
        'background_papers: ["Report to Cabinet, October 2026."]\n',  # quoted
        "background_papers: [The plan was agreed., The budget followed.]\n",
    ):
        path = write_record(minimal_report + fine, "fine")
        assert check([path], path.parent) == ([], []), fine
