"""Hostile and extreme input: a located error every time, never a traceback, hang or crash.

Each case here once ended in a traceback, a crash of the interpreter, minutes of work
or silence; each must now be one located problem (file, line, field) from loading.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from docgen import limits
from docgen.errors import RecordError
from docgen.loading import RecordSet, check, load_record

from .conftest import RECORDS

PEER_CHALLENGE = RECORDS / "peer-challenges" / "northfield-2027.yaml"
CASE = RECORDS / "concern-cases" / "case-2026-01.yaml"

CHART = """\
      - text: Bids received.
        chart:
          title: Bids
          categories: [{categories}]
          series:
            - {{name: Bids, values: [{values}]}}
"""


def problems_of(path: Path, tree: Path | None = None) -> list[str]:
    with pytest.raises(RecordError) as caught:
        load_record(path, tree)
    return [str(p) for p in caught.value.problems]


def only_problem(path: Path, tree: Path | None = None) -> str:
    found = problems_of(path, tree)
    assert len(found) == 1, found
    return found[0]


def line_with(path: Path, fragment: str) -> int:
    """The (1-based) number of the first line of ``path`` that holds ``fragment``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if fragment in line)


def with_paragraph(report: str, paragraph: str) -> str:
    """The minimal report with one more paragraph in its first section."""
    marker = "      - The cost is met from the existing budget.\n"
    return report.replace(marker, marker + paragraph)


def test_nested_aliases_are_refused_before_any_expansion(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """A "billion laughs" is one located problem, found before anything is expanded."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for number in range(1, 10):
        previous, name = chr(96 + number), chr(97 + number)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    path = write_record("\n".join(lines) + "\n" + minimal_report)
    assert only_problem(path) == (
        f"{path}:1: '&a' is a YAML anchor; records do not use anchors or aliases "
        "(write the value out where it is needed)"
    )


def test_a_recursive_alias_is_refused(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    path = write_record(minimal_report + "extra: &loop [*loop]\n")
    assert "'&loop' is a YAML anchor" in only_problem(path)


def test_an_alias_without_an_anchor_is_refused_with_its_line(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    path = write_record(minimal_report.replace("committee: Cabinet", "committee: *name"))
    assert only_problem(path).startswith(f"{path}:2: '*name' is a YAML alias")


@pytest.mark.parametrize("levels", [limits.MAX_DEPTH + 1, 3_000, 100_000])
def test_deep_nesting_is_refused_before_it_is_composed(
    write_record: Callable[..., Path], minimal_report: str, levels: int
) -> None:
    """Deep nesting once exhausted the stack (3,000) or killed the interpreter (100,000)."""
    path = write_record(minimal_report + "deep: " + "[" * levels + "]" * levels + "\n")
    line = minimal_report.count("\n") + 1
    assert only_problem(path) == (
        f"{path}:{line}: nests mappings and lists more than {limits.MAX_DEPTH} deep; "
        "no paper needs that"
    )


def test_nesting_within_the_limit_is_only_an_unknown_field(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    depth = limits.MAX_DEPTH - 1  # the record's own mapping is one level
    path = write_record(minimal_report + "deep: " + "[" * depth + "]" * depth + "\n")
    assert "deep: unknown field" in only_problem(path)


@pytest.mark.parametrize("character", ["\x01", "\x00", "\x1b", "\x7f", "\ufffe"])
def test_a_control_character_is_located_by_line_and_column(
    write_record: Callable[..., Path], minimal_report: str, character: str
) -> None:
    path = write_record(minimal_report.replace("Library opening", f"Library{character} opening"))
    assert only_problem(path) == (
        f"{path}:5: the control character U+{ord(character):04X} (column 15) is not allowed "
        "in a record; delete it"
    )


def test_bytes_that_are_not_utf8_are_located(tmp_path: Path, minimal_report: str) -> None:
    path = tmp_path / "report.yaml"
    path.write_bytes(minimal_report.encode().replace(b"Library", b"Libr\xe9ry", 1))
    assert only_problem(path) == f"{path}:5: is not UTF-8 text (byte 0xe9); save it as UTF-8"


def test_a_byte_order_mark_is_no_reason_not_to_load(tmp_path: Path, minimal_report: str) -> None:
    path = tmp_path / "report.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + minimal_report.encode())
    assert str(load_record(path).data.title) == "Library opening hours"


def test_a_comment_on_the_kind_line_is_no_reason_not_to_load(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    text = minimal_report.replace("kind: committee_report", "kind: committee_report  # a note")
    assert load_record(write_record(text)).kind == "committee_report"


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path, minimal_report: str) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(minimal_report + "#" * limits.MAX_FILE_BYTES, encoding="utf-8")
    size = path.stat().st_size
    assert only_problem(path) == (
        f"{path}: is {size:,} bytes; a record file may be at most "
        f"{limits.MAX_FILE_BYTES:,} bytes (split it, or move long material to an appendix document)"
    )


def test_a_link_to_a_device_is_refused_by_name(tmp_path: Path) -> None:
    """A link to /dev/zero was read until memory ran out."""
    path = tmp_path / "records" / "zero.yaml"
    path.parent.mkdir()
    path.symlink_to("/dev/zero")
    assert only_problem(path, tmp_path / "records") == (
        f"{path}: is a symbolic link that leads out of {tmp_path / 'records'}; records are "
        "read only from inside their folder"
    )


def test_a_device_inside_the_tree_is_refused_unread(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    (tmp_path / "dev").symlink_to("/dev")
    path = tmp_path / "dev" / "zero"
    assert only_problem(path, Path("/")) == (
        f"{path}: is a character device, not a record file; it was not read"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    assert only_problem(path) == f"{path}: is a named pipe, not a record file; it was not read"


def test_a_folder_named_like_a_record_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "folder.yaml"
    path.mkdir()
    assert only_problem(path) == f"{path}: is a folder, not a record file; it was not read"


def test_a_link_inside_the_tree_is_followed(tmp_path: Path, minimal_report: str) -> None:
    records = tmp_path / "records"
    (records / "a").mkdir(parents=True)
    (records / "a" / "report.yaml").write_text(minimal_report, encoding="utf-8")
    (records / "link.yaml").symlink_to(Path("a") / "report.yaml")
    assert load_record(records / "link.yaml", records).id == "link"


def test_a_link_loop_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.symlink_to(tmp_path / "loop.yaml")
    assert only_problem(path).startswith(f"{path}: cannot be read")


def test_over_long_text_is_located_by_field(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    long = "word " * (limits.MAX_TEXT_CHARACTERS // 5 + 1)
    path = write_record(minimal_report.replace("Library opening hours", long.strip()))
    assert only_problem(path) == (
        f"{path}:5: title: is {len(long.strip()):,} characters long; one field may hold at "
        f"most {limits.MAX_TEXT_CHARACTERS:,} (split it into paragraphs)"
    )


def test_an_over_long_list_is_located_by_field(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    items = ", ".join(["a point"] * (limits.MAX_LIST_ITEMS + 1))
    text = minimal_report.replace(
        "  - agree the longer opening hours from January.", f"  [{items}]"
    ).replace("recommendations:\n", "recommendations:")
    path = write_record(text)
    assert only_problem(path) == (
        f"{path}:{line_with(path, 'recommendations:')}: recommendations: has {limits.MAX_LIST_ITEMS + 1:,} entries; a list may "
        f"have at most {limits.MAX_LIST_ITEMS:,}"
    )


@pytest.mark.parametrize("value", ["10" + "0" * 400, "-" + "9" * 20])
def test_a_huge_number_is_located(
    write_record: Callable[..., Path], minimal_report: str, value: str
) -> None:
    """A chart value of 10**400 ended in OverflowError in the drawing code."""
    path = write_record(with_paragraph(minimal_report, CHART.format(categories="A", values=value)))
    (found,) = problems_of(path)
    assert re.fullmatch(
        rf"{re.escape(str(path))}:\d+: sections\[0\]\.paragraphs\[2\]\.chart\.series\[0\]\."
        r"values\[0\]: .* is too large; numbers may be at most 1,000,000,000,000 either way",
        found,
    ), found


def test_too_many_chart_categories_are_located(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """3,000 categories ended in a ValueError from the drawing code."""
    for count in (limits.MAX_CATEGORIES + 1, 3_000):
        chart = CHART.format(
            categories=", ".join(f"c{i}" for i in range(count)), values=", ".join(["1"] * count)
        )
        path = write_record(with_paragraph(minimal_report, chart))
        found = problems_of(path)
        assert found[0] == (
            f"{path}:{line_with(path, 'categories:')}: sections[0].paragraphs[2].chart."
            + (
                f"categories: {count} categories; a chart can show at most "
                f"{limits.MAX_CATEGORIES} readably (use a table for more)"
                if count < limits.MAX_LIST_ITEMS
                else f"categories: has {count:,} entries; a list may have at most "
                f"{limits.MAX_LIST_ITEMS:,}"
            )
        )


def test_too_many_chart_series_are_located(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    chart = CHART.format(categories="A", values="1") + "".join(
        f"            - {{name: S{i}, values: [1]}}\n" for i in range(limits.MAX_SERIES)
    )
    path = write_record(with_paragraph(minimal_report, chart))
    assert problems_of(path) == [
        f"{path}:{line_with(path, 'series:')}: sections[0].paragraphs[2].chart.series: {limits.MAX_SERIES + 1} series; "
        f"a chart can show at most {limits.MAX_SERIES} readably (use a table for more)"
    ]


def test_a_gantt_chart_of_thousands_of_rows_is_refused(
    write_record: Callable[..., Path],
) -> None:
    """4,000 timetable lines ended in Pillow's decompression-bomb error."""
    text = PEER_CHALLENGE.read_text(encoding="utf-8")
    for count, message in (
        (4_000, f"has 4,007 entries; a list may have at most {limits.MAX_LIST_ITEMS:,}"),
        (
            limits.MAX_TIMELINE_ROWS,
            f"{limits.MAX_TIMELINE_ROWS + 7} lines; a timetable (and its Gantt chart) may "
            f"have at most {limits.MAX_TIMELINE_ROWS}",
        ),
    ):
        rows = "".join(f"  - {{activity: Step {i}, when: Jan 2027}}\n" for i in range(count))
        path = write_record(text.replace("timeline:\n", "timeline:\n" + rows), "challenge")
        assert problems_of(path) == [f"{path}:{line_with(path, 'timeline:')}: timeline: {message}"]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("visit: {start: 2027-03-02, end: 2027-03-05}", "visit: {start: 2027-03-02, end: 9999-03-05}", "visit.end"),
        ("when: Spring 2028}", "when: Spring 9999}", "timeline[6].when"),
        ("date: 2027-04-06", "date: 1066-10-14", "feedback.date"),
    ],
)  # fmt: skip
def test_a_date_outside_the_calendar_docgen_keeps_is_located(
    write_record: Callable[..., Path], old: str, new: str, field: str
) -> None:
    """A year 9999 ended in OverflowError when a later date was worked out."""
    text = PEER_CHALLENGE.read_text(encoding="utf-8")
    assert old in text
    path = write_record(text.replace(old, new), "challenge")
    (found,) = problems_of(path)
    assert re.fullmatch(
        rf"{re.escape(str(path))}:\d+: {re.escape(field)}: the year \d+ is outside "
        r"1900–2200; is it a typing mistake\?",
        found,
    ), found


@pytest.mark.parametrize("name", ["...", "..", ".hidden", "tab\there", "back\\slash"])
def test_an_id_that_is_not_a_plain_name_is_refused(
    tmp_path: Path, minimal_report: str, name: str
) -> None:
    """A file ``...yaml`` has the id ``..`` and would write papers outside the output tree."""
    path = tmp_path / f"{name}.yaml"
    path.write_text(minimal_report, encoding="utf-8")
    problem = only_problem(path)
    assert problem.startswith(f"{path}:1: id: the record id (file name) {path.stem!r}")
    assert "rename the file" in problem


def test_a_broken_id_writes_nothing_outside_the_output_folders(
    tmp_path: Path, minimal_report: str
) -> None:
    from docgen.build import build

    records = tmp_path / "records"
    records.mkdir()
    (records / "...yaml").write_text(minimal_report, encoding="utf-8")
    (records / "..yaml").write_text(minimal_report, encoding="utf-8")
    result = build([records], out=tmp_path / "out", records_root=records)
    assert len(result.errors) == 2
    assert not result.written
    outside_records = [p for p in tmp_path.rglob("*") if records not in (p, *p.parents)]
    assert [p for p in outside_records if p.is_file()] == []


@pytest.mark.parametrize(
    ("kind_line", "prefix"),
    [("kind: concern_case  # reviewed", b""), ("kind: 'concern_case'", b""), ("kind: concern_case", b"\xef\xbb\xbf")],
)  # fmt: skip
def test_a_gathered_record_that_fails_fails_the_gathering_paper(
    tmp_path: Path, kind_line: str, prefix: bytes
) -> None:
    """A broken case with a comment on its kind line, or a byte-order mark, was left out."""
    records = tmp_path / "records"
    records.mkdir()
    radar = RECORDS / "concern-cases" / "radar-2026-11.yaml"
    (records / radar.name).write_bytes(radar.read_bytes())
    broken = CASE.read_text(encoding="utf-8").replace("kind: concern_case", kind_line)
    broken = broken.replace("stage: ", "stgae: ", 1)
    (records / "case-a.yaml").write_bytes(prefix + broken.encode())
    errors, _warnings = check([records / radar.name], records)
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"{records / radar.name}:1: draws in concern_case records")
    assert "case-a.yaml" in str(errors[0])


def test_an_unreadable_file_in_the_tree_fails_a_gathering_paper(tmp_path: Path) -> None:
    """A file that cannot be read might be of any kind: it is never silently left out."""
    records = tmp_path / "records"
    records.mkdir()
    radar = RECORDS / "concern-cases" / "radar-2026-11.yaml"
    (records / radar.name).write_bytes(radar.read_bytes())
    (records / "case-b.yaml").symlink_to("/dev/zero")
    record_set = RecordSet(records)
    with pytest.raises(RecordError) as caught:
        record_set.gathered(record_set.load(records / radar.name))
    assert "case-b.yaml" in str(caught.value)


def test_too_many_bars_are_located(write_record: Callable[..., Path], minimal_report: str) -> None:
    """40 categories of 12 series left each bar narrower than nothing: a ValueError."""
    categories = ", ".join(f"c{i}" for i in range(limits.MAX_CATEGORIES))
    values = ", ".join(["1"] * limits.MAX_CATEGORIES)
    chart = CHART.format(categories=categories, values=values) + "".join(
        f"            - {{name: S{i}, values: [{values}]}}\n" for i in range(3)
    )
    path = write_record(with_paragraph(minimal_report, chart))
    assert problems_of(path) == [
        f"{path}:{line_with(path, 'series:')}: sections[0].paragraphs[2].chart.series: 4 series "
        f"of {limits.MAX_CATEGORIES} categories make 160 bars; a chart can show at most "
        f"{limits.MAX_BARS} readably (use a table for more)"
    ]


@pytest.mark.parametrize(
    ("categories", "series"),
    [(limits.MAX_CATEGORIES, limits.MAX_BARS // limits.MAX_CATEGORIES), (10, limits.MAX_SERIES)],
)
def test_the_largest_chart_the_limits_allow_is_drawn(categories: int, series: int) -> None:
    from docgen.charts import bar_chart_png, chart_data

    long = "word " * 400
    data = chart_data(
        [f"{long} {i}" for i in range(categories)],
        [(f"{long} {n}", [limits.MAX_WHOLE_NUMBER] * categories) for n in range(series)],
    )
    assert bar_chart_png(data).startswith(b"\x89PNG")


def test_the_largest_timetable_the_limits_allow_is_drawn() -> None:
    from datetime import date

    from docgen.charts import TimelineData, timeline_png

    rows = tuple(
        ("word " * 100, date(limits.FIRST_YEAR, 1, 1), date(limits.LAST_YEAR, 12, 31), "always")
        for _ in range(limits.MAX_TIMELINE_ROWS)
    )
    assert timeline_png(TimelineData("word " * 400, rows)).startswith(b"\x89PNG")


def test_thousands_of_problems_are_listed_up_to_a_limit(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    row = "{" + ", ".join(f"k{i}: 1" for i in range(50)) + "}"
    rows = "".join(f"  - {row}\n" for _ in range(100))
    text = minimal_report.replace("  - agree the longer opening hours from January.\n", rows)
    path = write_record(text)
    found = problems_of(path)
    assert len(found) == limits.MAX_PROBLEMS + 1
    assert re.fullmatch(
        rf"{re.escape(str(path))}:\d+: and [\d,]+ more problem\(s\) from here on; fix these first",
        found[-1],
    ), found[-1]


def test_a_file_that_is_not_a_paper_is_reported_by_the_scan(tmp_path: Path) -> None:
    """A damaged paper, or a pipe named like one, under outputs/public: a located error."""
    from docgen.build import scan

    folder = tmp_path / "public" / "cabinet-2026-10-senior-management-review"
    folder.mkdir(parents=True)
    (folder / "committee_report.docx").write_bytes(b"not a zip")
    (folder / "committee_report.pdf").write_bytes(b"%PDF-1.7 and nothing else")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.pdf")
    results, errors = scan([tmp_path / "public"], RECORDS)
    assert results == []
    assert sorted(str(e).split(": cannot be read as a paper")[0] for e in errors) == [
        str(folder / "committee_report.docx"),
        str(folder / "committee_report.pdf"),
    ]
