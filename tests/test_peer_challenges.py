"""Peer challenges: timetable dates as written, the LGA's rules, the proposal report."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from docgen.docx_text import docx_to_text
from docgen.errors import RecordError
from docgen.loading import check, load_record
from docgen.pdf_text import page_texts
from docgen.when import WhenError, parse_when

from .conftest import RECORDS

TOWER_HAMLETS = RECORDS / "peer-challenges/tower-hamlets-2018.yaml"

CHALLENGE = """\
kind: peer_challenge
council: Testwick Council
scope: The five core components.
proposal:
  committee: Cabinet
  meeting_date: 2026-01-10
  report_by: {name: A Chief Executive}
  contact: {name: An Officer}
  summary: A proposal.
  recommendations: [agree the challenge.]
  implications: {financial: None, legal: None, equalities: None}
team:
  - {name: A Leader, role: leader, organisation: A council}
  - {name: A Chief Executive, role: chief_executive, organisation: A council}
  - {name: A Manager, role: programme_manager, organisation: LGA}
timeline:
  - {activity: Review scoping, when: Jan 2026}
  - {activity: Draft report, when: 2026-10-01}
  - {activity: Final sign off, when: 2026-10-20}
  - {activity: Follow up visit, when: Apr – Jun 2027}
visit: {start: 2026-09-07, end: 2026-09-10}
submission_deadline: 2026-11-01
context:
  - Testwick is a small market town.
assessment:
  - {area: place, strengths: [A clear plan.]}
  - {area: leadership_of_place, strengths: [Good partners.]}
  - {area: governance, weaknesses: [Slow decisions.]}
  - {area: finance, evidence: ["Budget report, February 2026."]}
  - {area: capacity, strengths: [Stable staffing.]}
"""


def warnings(write_record: Callable[..., Path], text: str) -> list[str]:
    path = write_record(text)
    errors, found = check([path], path.parent)
    assert errors == []
    return [w.message for w in found]


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ("Sep – Dec 2017", date(2017, 9, 1), date(2017, 12, 31)),
        ("Feb-May 2018", date(2018, 2, 1), date(2018, 5, 31)),
        ("Early 2018", date(2018, 1, 1), date(2018, 4, 30)),
        ("3 May 2018", date(2018, 5, 3), date(2018, 5, 3)),
        ("Mid May 2018", date(2018, 5, 11), date(2018, 5, 20)),
        ("Early June 2018", date(2018, 6, 1), date(2018, 6, 10)),
        ("End of July 2018", date(2018, 7, 21), date(2018, 7, 31)),
        ("Aug-Sept 2018", date(2018, 8, 1), date(2018, 9, 30)),
        ("1st Aug 2018", date(2018, 8, 1), date(2018, 8, 1)),
        ("Jan 2019 Dec 2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("Dec 2017 – Feb 2018", date(2017, 12, 1), date(2018, 2, 28)),
        ("Spring 2027", date(2027, 3, 1), date(2027, 5, 31)),
    ],
)
def test_timetable_dates_are_read_as_officers_write_them(
    written: str, start: date, end: date
) -> None:
    """Each form in reference 003's table, and a few more, keeps its wording and gains dates."""
    when = parse_when(written)
    assert (when.written, when.start, when.end) == (written, start, end)


@pytest.mark.parametrize("written", ["Whenever", "30 Feb 2018", "Dec 2018 - Jan 2018"])
def test_an_unreadable_date_says_what_it_expected(written: str) -> None:
    """No guessing: a date docgen cannot read is an error naming the forms it reads."""
    with pytest.raises(WhenError, match="expected a date"):
        parse_when(written)


def test_a_timetable_that_follows_every_rule_raises_no_warning(
    write_record: Callable[..., Path],
) -> None:
    """Four days on site, eight months' lead-in, draft three weeks on, follow-up in range."""
    assert warnings(write_record, CHALLENGE) == []


def test_more_than_two_extra_areas_is_an_error(write_record: Callable[..., Path]) -> None:
    """The LGA allows a council two additional areas of focus."""
    areas = "extra_areas:\n" + "".join(f"  - {{key: a{n}, title: Area {n}}}\n" for n in range(3))
    with pytest.raises(
        RecordError, match="3 additional areas of focus; a peer challenge takes at most 2"
    ):
        load_record(write_record(CHALLENGE + areas))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("start: 2026-09-07", "start: 2026-09-06"),
            "the on-site visit runs 5 days (2026-09-06 to 2026-09-10); the LGA's visit is 4 days",
        ),
        (
            ("when: Jan 2026", "when: May 2026"),
            "the lead-in from scoping (May 2026) to the visit (2026-09-07) is under the LGA's six months",
        ),
        (
            ("when: 2026-10-01", "when: 2026-11-20"),
            "the draft report (2026-11-20) is not 3–4 weeks after the visit ends (2026-09-10): expected between 2026-10-01 and 2026-10-08",
        ),
        (
            ("when: Apr – Jun 2027", "when: Spring 2028"),
            "the follow-up (Spring 2028, 2028-03-01 to 2028-05-31) falls outside 6–18 months after the visit: 2027-03-10 to 2028-03-10",
        ),
        (
            ("when: 2026-10-20", "when: End of November 2026"),
            "final sign-off (End of November 2026) may fall after the submission deadline (2026-11-01)",
        ),
        (
            ("role: programme_manager", "role: senior_manager"),
            "the peer team lacks an LGA programme manager",
        ),
        (("role: leader", "role: member_peer"), "the peer team lacks a Leader or Mayor"),
    ],
)
def test_each_timing_and_team_rule_warns_when_broken(
    write_record: Callable[..., Path], change: tuple[str, str], expected: str
) -> None:
    """Warnings name the rule and the dates; they never stop a build."""
    assert warnings(write_record, CHALLENGE.replace(*change)) == [expected]


def test_the_reference_timetable_is_flagged_where_a_careful_officer_would(
    write_record: Callable[..., Path],
) -> None:
    """Reference 003: the follow-up may run past 18 months; the statement is due before it is written."""
    errors, found = check([TOWER_HAMLETS], RECORDS)
    assert errors == []
    assert [(w.field, w.line) for w in found] == [
        ("timeline[11].when", 64),
        ("timeline[3].when", 56),
    ]


def test_the_proposal_report_reproduces_the_reference_timetable(
    example_papers: dict[str, bytes],
) -> None:
    """The timetable table keeps every line of reference 003's, as written."""
    text = docx_to_text(example_papers["tower-hamlets-2018/proposal_report/full.docx"])
    for activity, when in [
        ("Review scoping", "Sep – Dec 2017"),
        ("Submission of position statement to LGA", "Early 2018"),
        ("On-site visit", "Early June 2018"),
        ("Submission to DCLG", "1st Aug 2018"),
        ("Follow up visit", "Jan 2019 Dec 2019"),
    ]:
        assert f"| [Table Text] {activity}\n    | [Table Text] {when}\n" in text
    assert "[Recommendation (ii)] comment on which of the best value areas" in text


def test_the_exempt_staffing_matter_is_withheld_in_public(example_papers: dict[str, bytes]) -> None:
    """The invented council's staffing matter (paragraph 1) is shaded in full, gone in public."""
    full = docx_to_text(example_papers["northfield-2027/proposal_report/full.docx"])
    public = docx_to_text(example_papers["northfield-2027/proposal_report/public.docx"])
    assert "Mensah-Latham" in full and "NOT FOR PUBLICATION by virtue of paragraph 1" in full
    assert "Mensah-Latham" not in public and "Ollerenshaw" not in public
    assert "[Not for publication: paragraph 1 of Schedule 12A]" in public


def test_the_position_statement_runs_to_ten_pages_with_contents_and_a_timetable_chart(
    example_papers: dict[str, bytes],
) -> None:
    """Cover, contents with page numbers, context, a part per component and area, the Gantt chart."""
    pdf = example_papers["tower-hamlets-2018/position_statement/full.pdf"]
    pages = page_texts(pdf)
    assert 5 <= len(pages) <= 8  # the areas flow, not one mostly empty page each
    contents = pages[1]
    assert "Contents" in contents and "6. Children's services improvement" in contents
    assert re.search(r"4\. Financial planning and viability\.+\s*\d", contents)
    word = docx_to_text(example_papers["tower-hamlets-2018/position_statement/full.docx"])
    assert (
        "{picture: Gantt chart, Peer challenge timetable: Review scoping, Sep – Dec 2017;" in word
    )
    assert "[heading 1 1.] Understanding of the local place and priority setting" in word
    assert "DRAFT" not in word
    # The Word contents list carries the PDF's page numbers, with no field to update.
    assert re.search(r"\[toc 1\] Background documents\t\d", word) and "F9" not in word


def test_the_feedback_letter_has_a_letter_layout_and_offers_a_follow_up(
    example_papers: dict[str, bytes],
) -> None:
    """Addressee, date, reference, salutation, findings per component, follow-up, sign-off."""
    text = docx_to_text(example_papers["tower-hamlets-2018/feedback_letter/public.docx"])
    for expected in (
        "[Letter Address] The Mayor",
        "[Letter Date] 4 July 2018",
        "Our reference: CPC/2018/TH",
        "[Body Text] Dear Mayor,",
        "[heading 2] Organisational leadership and governance",
        "between December 2018 and December 2019",
        "[Letter Close] Yours sincerely,",
        "[Signatory] Cllr Rosalind Ferrers",
    ):
        assert expected in text, expected


def test_a_record_without_findings_has_no_feedback_letter(
    write_record: Callable[..., Path], tmp_path: Path
) -> None:
    """The letter follows the visit: no findings, no letter."""
    from docgen.render import Format, Templates, render_record

    from .conftest import TEMPLATES

    record = load_record(write_record(CHALLENGE))
    names = {
        path.name
        for path in render_record(record, [], Templates(TEMPLATES), tmp_path, (Format.DOCX,))
    }
    assert names == {"proposal_report.docx", "position_statement.docx"}


def test_the_feedback_letter_claims_only_the_components_it_covers(
    example_papers: dict[str, bytes],
) -> None:
    """Three of the five core components have findings: the letter names them."""
    text = docx_to_text(example_papers["tower-hamlets-2018/feedback_letter/public.docx"])
    assert "thank you for inviting us to the London Borough of Tower Hamlets" in text
    assert "from 5 to 8 June 2018," in text
    assert "each of the core components" not in text
    assert "our findings and recommendations on three of the five core components and on" in text


def test_the_proposal_counts_its_team_from_the_record(example_papers: dict[str, bytes]) -> None:
    """ "A team of seven peers" above a seven-row table, never "about six"."""
    for record in ("northfield-2027", "tower-hamlets-2018"):
        text = docx_to_text(example_papers[f"{record}/proposal_report/full.docx"])
        assert "about six" not in text, record
    northfield = docx_to_text(example_papers["northfield-2027/proposal_report/full.docx"])
    assert "A team of five peers spends four days on site" in northfield


def test_an_area_without_a_self_assessment_is_a_warning(
    write_record: Callable[..., Path],
) -> None:
    """The position statement would be a DRAFT: `check` says so, naming the areas."""
    text = CHALLENGE.replace(
        '  - {area: finance, evidence: ["Budget report, February 2026."]}\n', ""
    )
    assert warnings(write_record, text) == [
        "no self-assessment for 1 of 5 areas (Financial planning and viability): the position "
        "statement is marked DRAFT and lists them"
    ]
    no_context = CHALLENGE.replace("context:\n  - Testwick is a small market town.\n", "")
    assert warnings(write_record, no_context) == [
        "no context is written: the position statement is marked DRAFT"
    ]


def test_an_unfinished_position_statement_is_a_draft_listing_what_is_missing(
    example_papers: dict[str, bytes],
) -> None:
    """Never a page saying "To follow.": the cover says DRAFT and lists what is still to be
    written; the context is the record's own, never the proposal's scope."""
    for version in ("full", "public"):
        word = docx_to_text(example_papers[f"northfield-2027/position_statement/{version}.docx"])
        assert "To follow" not in word
        assert "[Draft Banner] DRAFT – not yet complete" in word
        assert "[List Bullet •] the context\n" in word
        assert "[List Bullet •] the self-assessment for Leadership of place\n" in word
        assert "the self-assessment for Capacity to deliver" not in word
        assert "The peer challenge would cover" not in word  # the scope is not the context
    pdf = " ".join(
        page_texts(example_papers["northfield-2027/position_statement/full.pdf"])[0].split()
    )
    assert "DRAFT – not yet complete Still to be written: the context the self-assessment" in pdf


def test_a_list_item_keeps_its_comma(example_papers: dict[str, bytes]) -> None:
    word = docx_to_text(example_papers["northfield-2027/position_statement/full.docx"])
    assert "[List Bullet •] Senior management review report to Cabinet, October 2026.\n" in word


def test_the_proposal_says_the_lead_in_its_dates_give(example_papers: dict[str, bytes]) -> None:
    """Never "at least six months" beside dates that give three."""
    northfield = docx_to_text(example_papers["northfield-2027/proposal_report/full.docx"])
    assert (
        "The LGA asks for a lead-in of at least six months before the visit, so that peers of "
        "suitable calibre can be confirmed. The visit proposed is only three months after this "
        "meeting" in northfield
    )
    tower = docx_to_text(example_papers["tower-hamlets-2018/proposal_report/full.docx"])
    assert "; the visit proposed is eight months after this meeting." in tower


def test_the_proposal_reads_as_sentences(example_papers: dict[str, bytes]) -> None:
    """A team is "the … Team"; background documents have a lead-in; the extra area is
    suggested for the Board to consider, as its recommendation asks."""
    tower = docx_to_text(example_papers["tower-hamlets-2018/proposal_report/full.docx"])
    assert "co-ordinating the on-site programme is the Corporate Strategy and Policy Team." in tower
    assert "sends background documents to the peer team in advance, among them:" in tower
    assert "The area suggested for consideration is:" in tower
    assert "the Council proposes:" not in tower
    assert re.search(r"\[Numbered Paragraph 1\.\] The corporate peer challenge would cover", tower)


def test_no_health_detail_of_a_named_officer_in_the_example() -> None:
    """A staffing matter to withhold, but never anyone's health: it has no place in a
    committee report, withheld or not."""
    text = (RECORDS / "peer-challenges/northfield-2027.yaml").read_text(encoding="utf-8")
    assert "sick" not in text and "health" not in text.lower().replace("health and", "")


def test_the_letters_recommendations_read_as_the_record_writes_them(
    example_papers: dict[str, bytes],
) -> None:
    """Recommendations written as sentences ("Show more plainly …") follow a lead-in they
    can follow, never "We recommend that the Council: Show …"."""
    text = docx_to_text(example_papers["tower-hamlets-2018/feedback_letter/public.docx"])
    assert "We recommend that the Council:" not in text
    assert "[Body Text] Our recommendations:\n[List Bullet \u2022] Show more plainly" in text


FEEDBACK = """\
findings:
  - {area: finance, findings: [Sound.], recommendations: [Keep it so.]}
feedback:
  date: 2026-10-05
  sender: {name: Local Government Association, address: [18 Smith Square, London, SW1P 3HZ]}
  addressee: {name: A Leader}
  salutation: Dear Leader
  signed_by: {name: A Peer}
"""


def test_a_feedback_letter_names_its_sender(write_record: Callable[..., Path]) -> None:
    """``feedback.sender``: the body the letter is from and its address lines."""
    record = load_record(write_record(CHALLENGE + FEEDBACK))
    sender = record.data.feedback.sender  # type: ignore[attr-defined]
    assert str(sender.name) == "Local Government Association"
    assert [str(line) for line in sender.address] == ["18 Smith Square", "London", "SW1P 3HZ"]


def test_an_unknown_field_of_a_sender_is_a_located_error(
    write_record: Callable[..., Path],
) -> None:
    """A misspelt sub-field is an error at its line, never ignored."""
    path = write_record(CHALLENGE + FEEDBACK.replace("address: [18", "adress: [18"))
    errors, _ = check([path], path.parent)
    lines = CHALLENGE.count("\n") + FEEDBACK.count("\n", 0, FEEDBACK.index("sender")) + 1
    assert [str(e) for e in errors] == [
        f"{path}:{lines}: feedback.sender.adress: unknown field; did you mean 'address'? "
        "(known fields: address, exempt, name)"
    ]
