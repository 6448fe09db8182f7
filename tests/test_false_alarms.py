"""Correct records always get their public version; real leaks are still refused.

Each record here withholds everything it should, yet its exempt text coincides with
what a public paper prints anyway: the papers' own wording ("None", "Report details",
"the Chair of the Board", the standard commission dates), public data of the same
paper (a peer's role "Leader", a meeting date, a lead public in another year), or part
of an unrelated word ("Ward" in "Edwards"). None of these may stop the build.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docgen.docx_text import docx_to_text
from docgen.errors import DocgenError
from docgen.loading import RecordSet, load_record, load_with_related
from docgen.render import Format, Templates, paper_exempt_values, render_record
from docgen.scan import scan_docx
from docgen.views import exempt_values

from .conftest import MINIMAL_REPORT, TEMPLATES, copy_records, replace_in


def public_papers(
    path: Path, root: Path, formats: tuple[Format, ...] = (Format.DOCX,)
) -> dict[str, str]:
    """Load ``path`` as a build does, render its papers (each public one scanned) and
    return the public Word papers' text: {paper: text}.

    Fails the test with docgen's own messages if the record is refused.
    """
    errors: list[DocgenError] = []
    loaded = load_with_related(path, RecordSet(root), errors)
    assert loaded is not None, [str(e) for e in errors]
    record, related = loaded
    rendered = render_record(record, related, Templates(TEMPLATES), root.parent / "out", formats)
    return {
        p.stem: docx_to_text(d)
        for p, d in rendered.items()
        if p.parts[-3] == "public" and p.suffix == ".docx"
    }


def write(root: Path, name: str, text: str) -> Path:
    path = root / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_wholly_exempt_report_whose_implications_say_none(tmp_path: Path) -> None:
    """The template prints "None" for the background papers; that is no leak."""
    root = tmp_path / "records"
    path = write(root, "report", "exempt: 3\n" + MINIMAL_REPORT)
    papers = public_papers(path, root, (Format.DOCX, Format.PDF))
    assert "Library" not in papers["committee_report"]


def test_a_wholly_exempt_report_with_a_section_headed_details(tmp_path: Path) -> None:
    """The template's "Report details" is the template's."""
    root = tmp_path / "records"
    text = "exempt: 3\n" + MINIMAL_REPORT.replace("heading: Proposal", "heading: Details")
    public_papers(write(root, "report", text), root, (Format.DOCX, Format.PDF))


def test_a_wholly_exempt_best_value_record_builds(tmp_path: Path) -> None:
    """What `withheld()` keeps (the council) is not exempt text; the public papers are
    statements that they are withheld, naming the council."""
    root = copy_records(
        tmp_path,
        "best-value/tower-hamlets-directions-2017.yaml",
        "peer-challenges/tower-hamlets-2018.yaml",
    )
    path = root / "best-value/tower-hamlets-directions-2017.yaml"
    replace_in(path, "kind: best_value\n", "kind: best_value\nexempt: 3\n")
    fields = {v.field for v in exempt_values(load_record(path).data)}
    assert "council" not in fields
    papers = public_papers(path, root)
    assert "Tower Hamlets" in papers["dclg_submission"]


def test_a_wholly_exempt_peer_challenge_builds(tmp_path: Path) -> None:
    """The visit's dates, kept public by `withheld()`, are not exempt text."""
    root = copy_records(tmp_path, "peer-challenges/northfield-2027.yaml")
    path = root / "peer-challenges/northfield-2027.yaml"
    replace_in(path, "kind: peer_challenge\n", "kind: peer_challenge\nexempt: 3\n")
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("feedback:")], encoding="utf-8")  # no letter yet
    papers = public_papers(path, root)
    assert papers.keys() == {"proposal_report", "position_statement"}
    assert "Ollerenshaw" not in " ".join(papers.values())


def test_an_exempt_commission_in_the_standard_period(tmp_path: Path) -> None:
    """The report prints 1 September to 31 August of the public year, for every lead."""
    root = copy_records(
        tmp_path,
        "commissions/commissions-2019.yaml",
        "commissions/2019-health-and-care.yaml",
        "commissions/2019-housing-supply.yaml",
    )
    exempt = root / "commissions/2019-commission-7.yaml"  # an id that spells nothing exempt
    (root / "commissions/2019-health-and-care.yaml").rename(exempt)
    replace_in(
        exempt,
        "year: 2019\n",
        "year: 2019\nperiod: {start: 2019-09-01, end: 2020-08-31}\nexempt: 3\n",
    )
    papers = public_papers(root / "commissions/commissions-2019.yaml", root)
    assert "Hartwell" not in papers["annual_commissions_report"]


def test_a_lead_exempt_in_one_year_and_public_in_the_next(tmp_path: Path) -> None:
    """2019's report names its public lead; the 2018 record's mark covers 2018."""
    root = copy_records(
        tmp_path,
        "commissions/commissions-2019.yaml",
        "commissions/2018-health-and-care.yaml",
        "commissions/2019-health-and-care.yaml",
    )
    replace_in(
        root / "commissions/2018-health-and-care.yaml",
        "political_control: Labour}",
        "political_control: Labour, exempt: 1}",
    )
    papers = public_papers(root / "commissions/commissions-2019.yaml", root)
    assert "Dr Imogen Hartwell" in papers["annual_commissions_report"]


def test_a_lead_exempt_this_year_is_looked_for_though_public_in_an_earlier_year(
    tmp_path: Path,
) -> None:
    """The counterpart: the year's report must never print this year's withheld lead."""
    root = copy_records(
        tmp_path,
        "commissions/commissions-2019.yaml",
        "commissions/2018-health-and-care.yaml",
        "commissions/2019-health-and-care.yaml",
    )
    this_year = root / "commissions/2019-health-and-care.yaml"
    replace_in(this_year, "political_control: Labour}", "political_control: Labour, exempt: 1}")
    replace_in(this_year, "borough: Camden}", "borough: Camden, exempt: 1}")  # the interest
    records = RecordSet(root)
    record = records.load(root / "commissions/commissions-2019.yaml")
    values = paper_exempt_values(record, records.related(record))
    leaks = scan_docx(docx_holding("Led by Imogen Hartwell."), values)
    assert "2019-health-and-care: lead.name" in {leak.field for leak in leaks}
    assert (
        "Imogen Hartwell"
        not in public_papers(root / "commissions/commissions-2019.yaml", root)[
            "annual_commissions_report"
        ]
    )


def radar_with(tmp_path: Path, old: str, new: str) -> dict[str, str]:
    root = copy_records(
        tmp_path, "concern-cases/radar-2026-11.yaml", "concern-cases/case-2026-01.yaml"
    )
    replace_in(root / "concern-cases/case-2026-01.yaml", old, new)
    return public_papers(root / "concern-cases/radar-2026-11.yaml", root)


def test_a_concern_case_with_an_event_on_the_meeting_date(tmp_path: Path) -> None:
    """The radar prints its own meeting date; a case's event that day is not shown by it."""
    papers = radar_with(tmp_path, "when: 2026-10-27", "when: 2026-11-18")
    assert "Brackenford" not in papers["radar_report"]


def test_a_concern_case_raised_by_a_chair(tmp_path: Path) -> None:
    """The radar explains that "the Chair of the Board" engages at stage 2."""
    papers = radar_with(
        tmp_path, "job_title: Chair of the Self-Improvement Board", "job_title: Chair"
    )
    assert "Ottilie" not in papers["radar_report"]


def test_an_exempt_addressee_titled_leader_beside_a_peer_whose_role_is_leader(
    tmp_path: Path,
) -> None:
    """ "Leader" is a word of the papers and a public role; it gives nobody away."""
    root = copy_records(tmp_path, "peer-challenges/northfield-2027.yaml")
    path = root / "peer-challenges/northfield-2027.yaml"
    replace_in(
        path,
        "addressee: {name: Cllr Harriet Vale, job_title: Leader of the Council}",
        "addressee: {name: Cllr Harriet Vale, job_title: Leader, exempt: 1}",
    )
    replace_in(path, "salutation: Dear Harriet", "salutation: Dear Colleague")
    papers = public_papers(path, root)
    assert "Harriet Vale" not in papers["feedback_letter"]


def test_an_exempt_ward_is_not_found_in_edwards(tmp_path: Path) -> None:
    """Matching is by whole words."""
    root = tmp_path / "records"
    text = MINIMAL_REPORT.replace(
        "summary: The report proposes",
        "summary: Raised by [exempt 1]Ward[/exempt], the report proposes",
    ).replace("name: Sam Okafor, telephone", "name: Sam Edwards, telephone")
    papers = public_papers(write(root, "report", text), root)
    assert "Sam Edwards" in papers["committee_report"]


def docx_holding(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def test_exempt_text_of_common_words_is_still_found_where_nothing_lawful_holds_it(
    tmp_path: Path,
) -> None:
    """A real leak always is refused: words no paper and no public data print are looked
    for, however ordinary; "Ward" still as a word."""
    root = tmp_path / "records"
    text = MINIMAL_REPORT.replace(
        "summary: The report proposes longer opening hours at the central library.",
        "summary: '[exempt 3]Closure of the reading room[/exempt] and [exempt 1]Ward[/exempt].'",
    )
    values = paper_exempt_values(load_record(write(root, "report", text)), [])
    assert {
        leak.field for leak in scan_docx(docx_holding("the closure of the Reading Room"), values)
    } == {"summary"}
    assert scan_docx(docx_holding("Councillor Ward spoke."), values)
    assert scan_docx(docx_holding("Mr Edwards spoke of the room."), values) == []


def test_an_exempt_paragraph_naming_the_reports_public_author(tmp_path: Path) -> None:
    """The author's name is published as the author's; mentioning it in exempt text
    does not make it a secret."""
    root = tmp_path / "records"
    text = MINIMAL_REPORT.replace(
        "      - The cost is met from the existing budget.\n",
        "      - text: Sam Okafor has agreed the terms with Zenquist Facilities.\n"
        "        exempt: 3\n",
    )
    papers = public_papers(write(root, "report", text), root)
    assert "Sam Okafor" in papers["committee_report"]
    assert "Zenquist" not in papers["committee_report"]


def test_a_wholly_exempt_record_keeps_a_fact_with_a_phrase_marked_inside(tmp_path: Path) -> None:
    """The committee is kept, its marked phrase withheld: only the phrase is exempt."""
    root = tmp_path / "records"
    text = "exempt: 3\n" + MINIMAL_REPORT.replace(
        "committee: Cabinet", "committee: Cabinet Zenquist [exempt 1]Jo Bloggs[/exempt]"
    )
    fields = [v.text for v in exempt_values(load_record(write(root, "report", text)).data)]
    assert "Jo Bloggs" in fields and not any("Zenquist" in f for f in fields)
    assert "Cabinet Zenquist" in public_papers(root / "report.yaml", root)["committee_report"]


def test_a_wholly_exempt_report_whose_id_holds_an_ordinary_word_of_it(tmp_path: Path) -> None:
    """One ordinary word ("allotments") of a withheld heading in the file name gives
    nothing away; a distinctive word or a whole phrase would be refused at load."""
    root = tmp_path / "records"
    text = "exempt: 3\n" + MINIMAL_REPORT.replace("heading: Proposal", "heading: Allotments")
    public_papers(write(root, "cabinet-allotments", text), root)


def test_a_postcode_district_two_addresses_share_is_no_evidence() -> None:
    """The LGA (SW1P 3HZ) and a department (SW1P 4DF) share a district: an exempt
    address is told by its postcode's second half, which is still found."""
    from docgen.reading import words
    from docgen.vocabulary import Vocabulary

    vocabulary = Vocabulary(frozenset())
    exempt = set(vocabulary.distinctive_words("2 Marsham Street, London SW1P 4DF"))
    assert not exempt & set(words("18 Smith Square, London SW1P 3HZ")) - {"london"}
    assert exempt & set(words("a letter to SW1P 4DF"))
    assert "sw1p" in vocabulary.distinctive_words("the SW1P account")
