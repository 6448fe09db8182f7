"""The messages a new user met first read as a person would want them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.errors import RecordError
from docgen.loading import load_record
from tests.conftest import MINIMAL_REPORT


def _messages(path: Path) -> list[str]:
    with pytest.raises(RecordError) as raised:
        load_record(path)
    return [f"{p.line}: {p.field or ''}: {p.message}" for p in raised.value.problems]


def test_a_date_and_time_is_not_called_a_date(write_record: Callable[..., Path]) -> None:
    text = MINIMAL_REPORT.replace("meeting_date: 2026-10-14", "meeting_date: 2026-10-14 10:00:00")
    assert _messages(write_record(text)) == [
        "3: meeting_date: expected a date written YYYY-MM-DD, found a date and time "
        "(2026-10-14 10:00:00); write the date alone"
    ]


def test_an_empty_implication_asks_for_text(write_record: Callable[..., Path]) -> None:
    text = MINIMAL_REPORT.replace("  financial: None", "  financial:")
    assert _messages(write_record(text)) == [
        "17: implications.financial[0]: expected text, found nothing"
    ]


def test_an_implication_of_no_says_to_quote_it(write_record: Callable[..., Path]) -> None:
    text = MINIMAL_REPORT.replace("  financial: None", "  financial: No")
    assert _messages(write_record(text)) == [
        "17: implications.financial[0]: expected text, found yes/no (false); YAML reads yes, no, "
        "on and off as true or false: put the text in quotes"
    ]


def test_a_misspelt_field_is_not_also_reported_missing(write_record: Callable[..., Path]) -> None:
    messages = _messages(write_record(MINIMAL_REPORT.replace("summary:", "sumary:")))
    assert len(messages) == 1
    assert messages[0].startswith("8: sumary: unknown field; did you mean 'summary'?")


def test_an_unclosed_quote_is_reported_where_it_opens(write_record: Callable[..., Path]) -> None:
    messages = _messages(write_record(MINIMAL_REPORT.replace('item: "4"', 'item: "4')))
    assert messages == ["4: : not valid YAML: a quote opened on this line is never closed"]


def test_a_tab_is_named(write_record: Callable[..., Path]) -> None:
    messages = _messages(write_record(MINIMAL_REPORT.replace("  - agree", "\t- agree")))
    assert messages == ["10: : not valid YAML: a tab; YAML indents with spaces only"]


def test_a_colon_in_unquoted_text_says_to_quote_it(write_record: Callable[..., Path]) -> None:
    text = MINIMAL_REPORT.replace("summary: The report", "summary: The report: it")
    assert _messages(write_record(text)) == [
        "8: : not valid YAML: a colon followed by a space inside unquoted text; "
        "put the text in quotes"
    ]


def test_an_impossible_review_date_is_named_as_such(write_record: Callable[..., Path]) -> None:
    text = MINIMAL_REPORT + "exempt:\n  summary: {paragraphs: [3], review_by: 2027-06-31}\n"
    messages = _messages(write_record(text))
    assert any("'2027-06-31' is not a real date; expected YYYY-MM-DD" in m for m in messages)
    assert not any("_Unreadable" in m for m in messages)
