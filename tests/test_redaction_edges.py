"""Redaction at the edges: exemption of gathering records, explicit marks against public
fields, marks where no mark can go, near-miss marks, and figures derived from withheld data.

Each test builds real example records, changed in one way, in a temporary project, and
looks for the withheld text in every byte of the public papers (the scanner's reading of
the file), not only in the text a reader sees.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen.docx_text import docx_to_text
from docgen.errors import RecordError
from docgen.loading import RecordSet, load_record
from docgen.pdf_text import pdf_to_text
from docgen.render import Templates, render_record
from docgen.scan import scan_paper
from docgen.views import ExemptValue

from .conftest import TEMPLATES, copy_records, replace_in


@pytest.fixture(scope="module")
def templates() -> Templates:
    return Templates(TEMPLATES)


def public_papers(root: Path, path: Path, templates: Templates) -> dict[str, bytes]:
    """The public papers of the record at ``path``: {"<paper>.<ext>": bytes}."""
    records = RecordSet(root)
    record = records.load(path)
    rendered = render_record(record, records.related(record), templates, Path("out"))
    return {
        f"{target.stem}{target.suffix}": data
        for target, data in rendered.items()
        if target.parts[1] == "public"
    }


def found_in(data: bytes, *needles: str) -> list[str]:
    """Which of ``needles`` occur anywhere in a paper, as the leak scan reads it."""
    return [n for n in needles if scan_paper(data, [ExemptValue(n, n)])]


def reader_text(name: str, data: bytes) -> str:
    return pdf_to_text(data) if name.endswith("pdf") else docx_to_text(data)


# 1. A record exempt as a whole withholds everything its papers gather.


def test_a_commission_set_exempt_as_a_whole_withholds_the_commissions_it_gathers(
    tmp_path: Path, templates: Templates
) -> None:
    root = copy_records(tmp_path, "commissions")
    record_set = root / "commissions/commissions-2019.yaml"
    replace_in(record_set, "kind: commission_set\n", "kind: commission_set\nexempt: 3\n")
    papers = public_papers(root, record_set, templates)
    assert set(papers) == {
        f"{p}.{x}" for p in ("annual_commissions_report", "mou_draft") for x in ("docx", "pdf")
    }
    leads = [
        load_record(p).data.lead.name for p in sorted((root / "commissions").glob("2019-*.yaml"))
    ]
    for name, data in papers.items():
        assert found_in(data, *(str(lead) for lead in leads), "Children and Young People") == [], (
            name
        )
        text = reader_text(name, data)
        assert "not for publication by virtue of paragraph 3" in text, name
        assert "Leaders' Committee – 8 October 2019 – Item 6" in text, name


def test_a_radar_exempt_as_a_whole_reports_no_counts_of_its_cases(
    tmp_path: Path, templates: Templates
) -> None:
    root = copy_records(tmp_path, "concern-cases")
    radar = root / "concern-cases/radar-2026-11.yaml"
    replace_in(radar, "kind: radar\n", "kind: radar\nexempt: 3\n")
    for name, data in public_papers(root, radar, templates).items():
        text = reader_text(name, data)
        assert "on the radar, at these stages" not in text, name
        assert "Open cases by stage" not in text, name
        assert "not for publication by virtue of paragraph 3" in text, name


# 2. An explicit mark wins over a field that is public by default.


EXEMPT_BOARD = """\
board:
  exempt: 3
  name: Riverside Recovery Panel
  chair: {name: Orla Penhaligon, job_title: Panel convenor}
  meetings: [2017-06-21, 2017-09-12]
"""

EXEMPT_SUBMISSION = """\
submission:
  exempt: 3
  addressee: Permanent Secretary Quentin Marchbank
  department: Office of Municipal Oversight
  address: [11 Larkspur Row, Gloucester GL9 7QQ]
  due: 2018-08-01
  dated: 2018-07-27
  salutation: Dear Quentin
  signatories: [{name: Wilhelmina Ostrova, job_title: Acting returning officer}]
"""


def replace_block(path: Path, key: str, block: str) -> None:
    """Replace the top-level mapping ``key:`` of a record with ``block``."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"{key}:\n")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    path.write_text("".join(lines[:start]) + block + "".join(lines[end:]), encoding="utf-8")


def test_a_board_marked_exempt_loses_its_name_and_meetings(
    tmp_path: Path, templates: Templates
) -> None:
    """The board's name is public by default; marking the board exempt withholds it."""
    root = copy_records(tmp_path, "best-value", "peer-challenges")
    directions = root / "best-value/tower-hamlets-directions-2017.yaml"
    replace_block(directions, "board", EXEMPT_BOARD)
    papers = public_papers(root, directions, templates)
    assert len(papers) == 4
    for name, data in papers.items():
        found = found_in(data, "Riverside Recovery Panel", "Penhaligon", "12 September 2017")
        assert found == [], name


def test_a_submission_marked_exempt_withholds_the_submission_whole(
    tmp_path: Path, templates: Templates
) -> None:
    root = copy_records(tmp_path, "best-value", "peer-challenges")
    directions = root / "best-value/tower-hamlets-directions-2017.yaml"
    replace_block(directions, "submission", EXEMPT_SUBMISSION)
    papers = public_papers(root, directions, templates)
    for name, data in papers.items():
        found = found_in(data, "Marchbank", "Municipal Oversight", "Larkspur", "Ostrova")
        assert found == [], name
    for suffix in ("docx", "pdf"):
        text = reader_text(suffix, papers[f"dclg_submission.{suffix}"])
        assert "not for publication by virtue of paragraph 3" in text


# 3. A mark in a field that cannot hold one is refused, never printed with its brackets.


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("political_control", "[exempt 1]Conservative[/exempt]"),
        ("sub_region", "[exempt 2]West[/exempt]"),
        ("political_control", "Conservative [exmept 1]"),
    ],
)
def test_a_mark_in_a_fixed_value_is_a_located_error(tmp_path: Path, field: str, value: str) -> None:
    path = tmp_path / "2019-air.yaml"
    lead = {"sub_region": "West", "political_control": "Labour", field: value}
    path.write_text(
        "kind: commission\npolicy_area: Air quality\nportfolio: Environment\nyear: 2019\n"
        "lead:\n  name: Ada Quist\n  borough: Ealing\n"
        + "".join(f"  {key}: '{text}'\n" for key, text in lead.items()),
        encoding="utf-8",
    )
    with pytest.raises(RecordError) as caught:
        load_record(path)
    messages = [(p.line, p.field, p.message) for p in caught.value.problems]
    [(line, where, message)] = messages
    assert (line, where) == ({"sub_region": 8, "political_control": 9}[field], f"lead.{field}")
    assert "exempt" in message and "mark" in message


# 4. Near-miss marks: a located error with what was meant, never text.


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("[exmept 3]Acme Ltd[/exmept]", "[exempt 3]"),
        ("[exempt 3]Acme Ltd[/exmept]", "[/exempt]"),
        ("{exempt 3}Acme Ltd{/exempt}", "[exempt 3]"),
        ("［exempt 3］Acme Ltd［/exempt］", "[exempt 3]"),
        ("(exempt 3)Acme Ltd(/exempt)", "[exempt 3]"),
        ("[exemt 1]Acme Ltd[/exempt]", "[exempt 1]"),
        ("[exemption 3]Acme Ltd[/exempt]", "[exempt 3]"),
        ("[EXEMTP 3]Acme Ltd[/exempt]", "[exempt 3]"),
    ],
)
def test_a_near_miss_mark_is_a_located_error_saying_what_was_meant(
    write_record, minimal_report: str, written: str, meant: str
) -> None:
    path = write_record(
        minimal_report.replace("longer opening hours at the central library", f"paying {written}")
    )
    with pytest.raises(RecordError) as caught:
        load_record(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (8, "summary")
    assert f"did you mean '{meant}'" in problem.message


@pytest.mark.parametrize(
    "written",
    [
        "[exempt 3]Acme Ltd[/exempt]",
        "[Exempt 3]Acme Ltd[/EXEMPT]",
        "[ exempt 3 ]Acme Ltd[ /exempt ]",
        "[exempt3]Acme Ltd[/exempt]",
    ],
)
def test_marks_in_any_case_and_spacing_are_marks(
    write_record, minimal_report: str, written: str
) -> None:
    path = write_record(
        minimal_report.replace("longer opening hours at the central library", f"paying {written}")
    )
    summary = load_record(path).data.summary
    assert [s.text for s in summary.spans if s.kind == "exempt"] == ["Acme Ltd"]


def test_a_mark_left_open_is_an_error(write_record, minimal_report: str) -> None:
    path = write_record(minimal_report.replace("longer opening hours", "[exempt 3 Acme Ltd"))
    with pytest.raises(RecordError, match="not finished"):
        load_record(path)


def test_prose_in_brackets_is_not_taken_for_a_mark(write_record, minimal_report: str) -> None:
    path = write_record(
        minimal_report.replace(
            "longer opening hours", "longer hours (except on Sundays) (exempt information aside)"
        )
    )
    assert "(except on Sundays)" in str(load_record(path).data.summary)


# 7. A withheld value cannot be worked out from what the public version shows about it.


def test_a_radar_of_one_open_case_publishes_no_count_of_one(
    tmp_path: Path, templates: Templates
) -> None:
    root = copy_records(tmp_path, "concern-cases")
    for case in (root / "concern-cases").glob("case-*.yaml"):
        if case.name != "case-2026-01.yaml":
            case.unlink()
    papers = public_papers(root, root / "concern-cases/radar-2026-11.yaml", templates)
    for name, data in papers.items():
        text = reader_text(name, data)
        assert "There are fewer than 3 councils on the radar" in text, name
        assert "1 council" not in text, name
        assert re.search(r"All open cases\W+(\[Table Text\] )?fewer than 3", text), name


def test_the_diversity_figures_leave_out_a_withheld_lead(
    tmp_path: Path, templates: Templates
) -> None:
    """A withheld Independent lead in the West is counted under neither."""
    root = copy_records(tmp_path, "commissions")
    (root / "commissions/2019-air-quality.yaml").write_text(
        "kind: commission\npolicy_area: Air quality\nportfolio: Environment\nyear: 2019\n"
        "lead:\n  exempt: 1\n  name: Ada Quist\n  borough: Havering\n  sub_region: West\n"
        "  political_control: Independent\n",
        encoding="utf-8",
    )
    papers = public_papers(root, root / "commissions/commissions-2019.yaml", templates)
    report = reader_text("pdf", papers["annual_commissions_report.pdf"])
    assert "Independent" not in report
    assert "West 1" in report.splitlines()  # the one published lead in the West; not 2
    assert "leave out the lead who is not for publication" in " ".join(report.split())
    for name, data in papers.items():
        assert found_in(data, "Ada Quist", "Havering", "Independent") == [], name


def test_a_feedback_letter_marked_exempt_is_withheld_whole(
    tmp_path: Path, templates: Templates
) -> None:
    """Its date, addressee and signatory are the letter: none of them reaches the public."""
    root = copy_records(tmp_path, "peer-challenges")
    challenge = root / "peer-challenges/tower-hamlets-2018.yaml"
    replace_in(
        challenge, "feedback:\n  date: 2018-07-04\n", "feedback:\n  exempt: 3\n  date: 2018-07-04\n"
    )
    papers = public_papers(root, challenge, templates)
    for suffix in ("docx", "pdf"):
        data = papers[f"feedback_letter.{suffix}"]
        assert found_in(data, "4 July 2018", "2018-07-04", "CPC/2018/TH", "Ferrers") == []
        assert "not for publication by virtue of paragraph 3" in reader_text(suffix, data)


def test_a_peer_challenge_exempt_as_a_whole_withholds_its_letter_too(
    tmp_path: Path, templates: Templates
) -> None:
    root = copy_records(tmp_path, "peer-challenges")
    challenge = root / "peer-challenges/tower-hamlets-2018.yaml"
    replace_in(challenge, "kind: peer_challenge\n", "kind: peer_challenge\nexempt: 3\n")
    papers = public_papers(root, challenge, templates)
    assert {"feedback_letter.docx", "feedback_letter.pdf"} <= set(papers)
    for name, data in papers.items():
        assert "not for publication by virtue of paragraph 3" in reader_text(name, data), name


def test_a_withheld_timetable_line_keeps_no_date(tmp_path: Path, templates: Templates) -> None:
    root = copy_records(tmp_path, "peer-challenges")
    challenge = root / "peer-challenges/northfield-2027.yaml"
    replace_in(
        challenge,
        "{activity: Follow up visit, when: Spring 2028}",
        "{activity: Quillfeather follow up visit, when: Spring 2028, exempt: 2}",
    )
    papers = public_papers(root, challenge, templates)
    assert {"position_statement.docx", "proposal_report.pdf"} <= set(papers)
    for name, data in papers.items():
        assert found_in(data, "Spring 2028", "Quillfeather") == [], name
    alt = docx_to_text(papers["position_statement.docx"])
    assert "1 further line of the timetable, not for publication, not shown" in alt


def test_a_sender_marked_exempt_leaves_its_notice_not_its_name_or_address(
    tmp_path: Path, templates: Templates
) -> None:
    """A letter's sender may be marked like any mapping: the public letterhead is the notice."""
    root = copy_records(tmp_path, "peer-challenges")
    challenge = root / "peer-challenges/tower-hamlets-2018.yaml"
    replace_in(
        challenge,
        "  sender: {name: Local Government Association, address: [18 Smith Square, London, SW1P 3HZ]}\n",
        "  sender: {exempt: 2, name: Imelda Crane Consulting, address: [4 Wren Close, Oxford OX2 7AA]}\n",
    )
    papers = public_papers(root, challenge, templates)
    for suffix in ("docx", "pdf"):
        data = papers[f"feedback_letter.{suffix}"]
        assert found_in(data, "Imelda Crane", "Wren Close", "OX2 7AA") == [], suffix
        text = reader_text(suffix, data)
        assert text.index("Not for publication: paragraph 2") < text.index("The Mayor"), suffix


def test_a_submission_marked_exempt_loses_its_sender_in_the_public_view(tmp_path: Path) -> None:
    """A wholly exempt submission keeps only its dates: its sender goes with the rest."""
    from docgen.models import BestValue
    from docgen.views import public_view

    root = copy_records(tmp_path, "best-value", "peer-challenges")
    directions = root / "best-value/tower-hamlets-directions-2017.yaml"
    replace_in(directions, "submission:\n", "submission:\n  exempt: 3\n")
    data = load_record(directions).data
    assert isinstance(data, BestValue) and data.submission.sender is not None
    public = public_view(data)
    assert public.submission.sender is None
    assert public.submission.dated == data.submission.dated
