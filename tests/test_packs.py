"""The agenda packs and the private-meeting notices of the example Cabinet meeting.

The pack is read as a reader reads it: the text of each page, its bookmarks, its
page labels and its structure tree. The agenda's page references must be the pages
where the items start, the public pack must hold nothing of a Part 2 report, and
the full pack must mark every page of Part 2.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from docgen.builders.environment import long_date
from docgen.clear_days import clear_days_between, latest_publication
from docgen.docx_text import docx_to_text
from docgen.fingerprint import Index, Project
from docgen.loading import RecordSet
from docgen.models.committee_report import CommitteeReport
from docgen.models.meeting import Meeting
from docgen.pdf_text import page_texts
from docgen.render import Templates, paper_exempt_values, render_record
from docgen.scan import scan_paper
from docgen.views import exempt_values, plain_texts

from .conftest import RECORDS, TEMPLATES

MEETING = RECORDS / "northfield/cabinet-2026-10-14.yaml"
MEETING_DATE = date(2026, 10, 14)
PRIVATE_ITEMS = {9: "paragraphs 1, 3 and 5", 10: "paragraph 3"}
REPORT_ITEMS = {6, 7, 9, 10}


@pytest.fixture(scope="module")
def papers() -> dict[str, bytes]:
    """Every paper of the example meeting: {"<version>/<paper>.<ext>": bytes}."""
    records = RecordSet(RECORDS)
    record = records.load(MEETING)
    rendered = render_record(record, records.related(record), Templates(TEMPLATES), Path("out"))
    return {f"{path.parts[1]}/{path.name}": data for path, data in rendered.items()}


@pytest.fixture(scope="module")
def reports() -> dict[int, CommitteeReport]:
    """The meeting's reports by item number, full."""
    records = RecordSet(RECORDS)
    record = records.load(MEETING)
    assert isinstance(record.data, Meeting)
    related = [r.data for r in records.related(record)]
    return {number: report for number, _item, report in record.data.reports(related)}


def agenda_page_references(texts: list[str]) -> dict[int, int]:
    """{item number: page} as the pack's agenda prints them ("Page 5" in an item's row)."""
    first_item = next(i for i, text in enumerate(texts) if header_item(text) is not None)
    references: dict[int, int] = {}
    row = 0
    for text in texts[:first_item]:
        for line in text.splitlines():
            start = re.match(r"(\d+) \S", line)
            if start and int(start.group(1)) == row + 1:
                row = int(start.group(1))
            page = re.search(r"Page (\d+)$", line.strip())
            if page and " of " not in line:
                references[row] = int(page.group(1))
    return references


def header_item(text: str) -> int | None:
    """The item a page's running header names ("Cabinet – 14 October 2026 – Item 6")."""
    found = re.search(r"14 October 2026 – Item (\d+)", text)
    return int(found.group(1)) if found else None


@pytest.mark.parametrize("version", ["public", "full"])
def test_the_agenda_s_page_references_are_the_pages_where_the_items_start(
    papers: dict[str, bytes], version: str
) -> None:
    texts = page_texts(papers[f"{version}/agenda_pack.pdf"])
    references = agenda_page_references(texts)
    assert set(references) == REPORT_ITEMS
    for number, page in references.items():
        printed = texts[page - 1]
        assert f"Page {page} of {len(texts)}" in printed
        assert f"Item {number} – " in printed  # the item's own label opens its first page
        assert header_item(printed) == number
        assert header_item(texts[page - 2]) != number  # and it did not start earlier


def test_the_public_pack_shows_each_private_item_only_as_its_reasons_restricted_page(
    papers: dict[str, bytes],
) -> None:
    texts = page_texts(papers["public/agenda_pack.pdf"])
    for number, paragraphs in PRIVATE_ITEMS.items():
        pages = [text for text in texts if header_item(text) == number]
        assert len(pages) == 1
        assert "Reasons restricted" in pages[0]
        assert (
            f"This item is not for publication by virtue of {paragraphs} of Part 1 of Schedule"
            in " ".join(pages[0].split())
        )


def test_the_public_pack_holds_no_page_of_a_part_2_report(
    papers: dict[str, bytes], reports: dict[int, CommitteeReport]
) -> None:
    """Not even what the public version of a private report would show (a report exempt
    as a whole shows nothing: its one page is the reasons-restricted page)."""
    pack = " ".join(" ".join(page_texts(papers["public/agenda_pack.pdf"])).split())
    part_exempt = [number for number in PRIVATE_ITEMS if reports[number].exempt is None]
    assert part_exempt == [9]
    for number in part_exempt:
        shown = [
            " ".join(text.split())
            for field, text in plain_texts(reports[number])
            if field.startswith(("sections", "appendices")) and len(text) > 40
        ]
        assert shown, number  # the public view has text the pack could have shown
        assert [text for text in shown if text[:60] in pack] == [], number


def test_the_public_pack_holds_no_exempt_text_and_the_scan_would_see_any(
    papers: dict[str, bytes], reports: dict[int, CommitteeReport]
) -> None:
    records = RecordSet(RECORDS)
    record = records.load(MEETING)
    related = records.related(record)
    values = paper_exempt_values(record, related)
    # Every report of the pack that has exempt values is searched for.
    with_exempt = {r.id for r in related if any(exempt_values(r.data))}
    assert len(with_exempt) == 3
    assert {value.field.split(":")[0] for value in values} >= with_exempt
    for version, paper in (("public", "agenda_pack.pdf"), ("full", "agenda_pack.pdf")):
        leaks = scan_paper(papers[f"{version}/{paper}"], values, name=paper)
        if version == "public":
            assert leaks == []
        else:  # the same needles find each private report's exempt text in the full pack
            found = {leak.field.split(":")[0] for leak in leaks}
            assert {
                "cabinet-2026-10-senior-management-review",
                "cabinet-2026-10-land-disposal",
                "cabinet-2026-10-leisure-contract-extension",
            } <= found


def test_every_page_of_part_2_of_the_full_pack_is_marked_not_for_publication(
    papers: dict[str, bytes],
) -> None:
    texts = page_texts(papers["full/agenda_pack.pdf"])
    start = next(i for i, text in enumerate(texts) if "Part 2 – not for publication" in text)
    assert start < len(texts) - 1
    assert all("NOT FOR PUBLICATION" in text for text in texts[start:])
    # Part 2 holds each private report in full, and the report whose appendix is exempt.
    assert sorted({header_item(text) for text in texts[start + 1 :]}) == [7, 9, 10]  # type: ignore[type-var]


def outline(pdf: pikepdf.Pdf) -> list[tuple[int, str, int]]:
    """(depth, title, page number) of every bookmark, in order."""
    pages = [page.objgen for page in pdf.pages]
    found: list[tuple[int, str, int]] = []

    def walk(items: Any, depth: int) -> None:
        for item in items:
            found.append((depth, item.title, pages.index(item.destination[0].objgen) + 1))
            walk(item.children, depth + 1)

    with pdf.open_outline() as tree:
        walk(tree.root, 0)
    return found


@pytest.mark.parametrize("version", ["public", "full"])
def test_each_item_has_a_bookmark_at_the_page_where_it_starts(
    papers: dict[str, bytes], version: str
) -> None:
    data = papers[f"{version}/agenda_pack.pdf"]
    references = agenda_page_references(page_texts(data))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        marks = outline(pdf)
    items: dict[int, list[int]] = {}
    for _depth, title, page in marks:
        if m := re.match(r"Item (\d+) – ", title):
            items.setdefault(int(m.group(1)), []).append(page)
    assert sorted(items) == sorted(REPORT_ITEMS)
    # The agenda turns a member to an item's report: in the full pack, a private item's
    # reference is to its report in Part 2, a bookmark of its own.
    assert all(references[number] in pages for number, pages in items.items())
    assert [title for depth, title, _ in marks if depth == 0][:2] == [
        "Cabinet: Agenda and reports"
        + ("" if version == "public" else ", with Part 2 (not for publication)"),
        "Agenda",
    ]
    under_part_2 = [title for depth, title, _ in marks if depth == 1]
    assert len(under_part_2) == (0 if version == "public" else 3)


@pytest.mark.parametrize("version", ["public", "full"])
def test_page_labels_are_the_printed_page_numbers(papers: dict[str, bytes], version: str) -> None:
    data = papers[f"{version}/agenda_pack.pdf"]
    texts = page_texts(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        labels = [page.label for page in pdf.pages]
    printed = [re.search(r"Page (\d+) of \d+", text).group(1) for text in texts]  # type: ignore[union-attr]
    assert labels == printed == [str(n) for n in range(1, len(texts) + 1)]


def parent_tree(node: pikepdf.Object) -> dict[int, pikepdf.Object]:
    """The structure parent tree's entries: {StructParents key: marked content parents}."""
    found: dict[int, pikepdf.Object] = {}
    nums = node.get("/Nums")
    if nums is not None:
        for index in range(0, len(nums), 2):
            found[int(nums[index])] = nums[index + 1]
    for kid in node.get("/Kids", []):
        found.update(parent_tree(kid))
    return found


@pytest.mark.parametrize("version", ["public", "full"])
def test_the_structure_tree_covers_every_page_of_the_pack(
    papers: dict[str, bytes], version: str
) -> None:
    with pikepdf.open(io.BytesIO(papers[f"{version}/agenda_pack.pdf"])) as pdf:
        assert pdf.Root.MarkInfo.Marked
        entries = parent_tree(pdf.Root.StructTreeRoot.ParentTree)
        for number, page in enumerate(pdf.pages, start=1):
            key = page.obj.get("/StructParents")
            assert key is not None, f"page {number} is outside the structure tree"
            parents = entries[int(key)]
            assert len(parents) > 0 and all(p.get("/S") is not None for p in parents), number


def test_the_pack_and_the_notices_are_made_as_pdf_only(papers: dict[str, bytes]) -> None:
    assert {"public/agenda_pack.pdf", "full/agenda_pack.pdf"} <= set(papers)
    assert sorted(name for name in papers if name.endswith(".docx")) == [
        "full/agenda.docx",
        "public/agenda.docx",
    ]


@pytest.mark.parametrize(
    ("paper", "clear_days"),
    [("private_meeting_notice", 28), ("private_meeting_further_notice", 5)],
)
def test_each_notice_is_dated_the_last_day_that_leaves_its_clear_days(
    papers: dict[str, bytes], paper: str, clear_days: int
) -> None:
    day = latest_publication(MEETING_DATE, clear_days)
    assert clear_days_between(day, MEETING_DATE) == clear_days
    assert clear_days_between(day + timedelta(days=1), MEETING_DATE) < clear_days
    text = " ".join(page_texts(papers[f"public/{paper}.pdf"])[0].split())
    assert f"Date of this notice: {long_date(day)}" in text


def test_the_notices_are_dated_3_september_and_6_october_for_14_october() -> None:
    """Worked by hand: 28 weekdays back from 14 October 2026, with no bank holiday between."""
    assert latest_publication(MEETING_DATE, 28) == date(2026, 9, 3)
    assert latest_publication(MEETING_DATE, 5) == date(2026, 10, 6)


@pytest.mark.parametrize("paper", ["private_meeting_notice", "private_meeting_further_notice"])
def test_a_notice_lists_the_private_items_and_their_paragraphs_and_no_reasoning_in_public(
    papers: dict[str, bytes], reports: dict[int, CommitteeReport], paper: str
) -> None:
    public = " ".join(" ".join(page_texts(papers[f"public/{paper}.pdf"])).split())
    full = " ".join(" ".join(page_texts(papers[f"full/{paper}.pdf"])).split())
    for number, paragraphs in PRIVATE_ITEMS.items():
        assert re.search(rf"\b{number} [A-Z][^|]*? {paragraphs.capitalize()} ", public)
    assert "Information relating to any individual." in public  # what paragraph 1 protects
    assert re.search(r"\b6 Revenue budget", public) is None  # a Part 1 item is not listed
    reasons = [
        " ".join(reason.split())[:50]
        for number in PRIVATE_ITEMS
        for value in [reports[number]]
        for reason in _reasons(value)
    ]
    assert reasons
    assert [r for r in reasons if r in public] == []  # the register's, not for publication
    assert [r for r in reasons if r in full] != []


def _reasons(report: CommitteeReport) -> list[str]:
    from docgen.models.meeting import private_exemption

    exemption = private_exemption(report)
    return list(exemption.public_interest) if exemption else []


def test_the_public_notices_hold_no_exempt_text(papers: dict[str, bytes]) -> None:
    records = RecordSet(RECORDS)
    record = records.load(MEETING)
    values = paper_exempt_values(record, records.related(record))
    for paper in ("private_meeting_notice", "private_meeting_further_notice"):
        assert scan_paper(papers[f"public/{paper}.pdf"], values, name=paper) == []


def test_a_meeting_s_papers_are_stale_when_one_of_its_reports_or_their_template_changes(
    tmp_path: Path,
) -> None:
    project = Project(RECORDS, TEMPLATES, Index.load(tmp_path))
    records, templates = project.record_inputs(MEETING)
    assert {path.stem for path in records} >= {
        "cabinet-2026-10-budget-monitoring",
        "cabinet-2026-10-leisure-contract-extension",
        "cabinet-2026-10-senior-management-review",
        "cabinet-2026-10-land-disposal",
    }
    assert TEMPLATES / "html/committee_report.html" in templates
    assert TEMPLATES / "html/agenda_pack.html" in templates


def test_a_meeting_with_no_exclusion_item_has_no_private_meeting_notices(tmp_path: Path) -> None:
    from docgen.papers import papers_for

    from .conftest import copy_records

    root = copy_records(tmp_path, "northfield")
    meeting = root / "northfield/cabinet-2026-10-14.yaml"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text[: text.index("  - standard: exclusion")], encoding="utf-8")
    data = RecordSet(root).load(meeting).data
    names = [paper.name for paper in papers_for("meeting", data)]
    assert "agenda_pack" in names
    assert "private_meeting_notice" not in names
    assert "private_meeting_further_notice" not in names
    assert {p.name for p in papers_for("meeting", RecordSet(RECORDS).load(MEETING).data)} >= {
        "private_meeting_notice",
        "private_meeting_further_notice",
    }


def test_the_full_pack_s_part_2_holds_a_public_item_whose_only_exempt_part_is_a_background_paper(
    tmp_path: Path,
) -> None:
    """Members see every exempt part of the meeting's reports; the item stays in Part 1."""
    from docgen.papers import Source
    from docgen.papers.pack import AgendaPack
    from docgen.views import Version, view

    from .conftest import copy_records

    root = copy_records(tmp_path, "northfield")
    budget = root / "northfield/cabinet-2026-10-budget-monitoring.yaml"
    budget.write_text(
        budget.read_text(encoding="utf-8")
        + "background_papers:\n  - title: Draft settlement with the contractor\n"
        + "    exempt: 3\n",
        encoding="utf-8",
    )
    records = RecordSet(root)
    record = records.load(root / "northfield/cabinet-2026-10-14.yaml")
    related = [r.data for r in records.related(record)]
    contexts = {}
    for version in Version:
        full = version is Version.FULL
        contexts[version] = AgendaPack().context(
            Source(
                record.id,
                view(record.data, version),
                version,
                references=tuple(view(r, version) for r in related),
                full_data=record.data if full else None,
                full_references=tuple(related) if full else (),
            )
        )
    full, public = contexts[Version.FULL], contexts[Version.PUBLIC]
    assert [item["number"] for item in full["private_part"]] == [6, 7, 9, 10]
    assert public["private_part"] == []
    assert [i["number"] for i in full["items"] if not i["restricted"]] == [6, 7]


@pytest.mark.parametrize("version", ["public", "full"])
def test_the_agenda_on_its_own_gives_the_pages_where_the_items_start_in_the_pack(
    papers: dict[str, bytes], version: str
) -> None:
    """The standalone agenda (Word and PDF) prints against each report the page of the
    pack of its version where the item starts: the numbers the pack's own agenda prints."""
    in_pack = agenda_page_references(page_texts(papers[f"{version}/agenda_pack.pdf"]))
    pdf_text = " ".join(" ".join(page_texts(papers[f"{version}/agenda.pdf"])).split())
    word_text = docx_to_text(papers[f"{version}/agenda.docx"])
    for number, page in in_pack.items():
        reference = f"(page {page} of the reports pack)"
        assert reference in pdf_text, (number, page)
        assert any(
            re.match(rf"\[Agenda Item {number}\.\] ", line)
            and line.split("⏎")[0].endswith(reference)  # the item's line, before its note
            for line in word_text.splitlines()
        ), (number, page)
    assert pdf_text.count("of the reports pack") == len(in_pack) == len(REPORT_ITEMS)
