"""An exemption's reasoning, review date and release date survive everything done to it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.errors import RecordError
from docgen.exempt import Exemption, merge_exemptions, parse_text
from docgen.loading import check, load_record
from docgen.models.base import Person
from docgen.views import _withhold_field, public_view

NEGOTIATION = "Disclosure during negotiations would weaken the Council's position."
PERSONAL = "The officer has a reasonable expectation that their health stays private."


def test_merging_keeps_every_reason_and_the_earlier_review_date() -> None:
    """Two exemptions' reasoning both survive a merge; the sooner review date wins."""
    first = Exemption((3,), public_interest=NEGOTIATION, review_by=date(2027, 4, 1))
    second = Exemption((1,), public_interest=PERSONAL, review_by=date(2026, 12, 1))
    merged = first.merge(second)
    assert merged.paragraphs == (1, 3)
    assert merged.public_interest == (NEGOTIATION, PERSONAL)
    assert merged.review_by == date(2026, 12, 1)


def test_merging_with_an_exemption_without_details_keeps_the_details() -> None:
    """A bare ``exempt: 1`` merged in takes nothing away."""
    detailed = Exemption((3,), public_interest=NEGOTIATION, review_by=date(2027, 4, 1))
    for merged in (detailed.merge(Exemption((1,))), Exemption((1,)).merge(detailed)):
        assert merged.public_interest == (NEGOTIATION,)
        assert merged.review_by == date(2027, 4, 1)


def test_the_same_reason_twice_is_kept_once() -> None:
    """Merging an exemption with itself does not repeat its reasoning."""
    one = Exemption((3,), public_interest=NEGOTIATION)
    assert one.merge(one).public_interest == (NEGOTIATION,)


def test_merged_information_is_released_only_when_both_release_it() -> None:
    """Released on the later date; never while one of them has no release date."""
    early = Exemption((3,), released_on=date(2027, 1, 1))
    late = Exemption((1,), released_on=date(2028, 1, 1))
    assert early.merge(late).released_on == date(2028, 1, 1)
    assert early.merge(Exemption((1,))).released_on is None
    assert Exemption((1,)).merge(early).released_on is None


def test_merge_exemptions_keeps_the_reasons_in_the_order_given() -> None:
    """The register lists reasons as the record gives them."""
    merged = merge_exemptions(
        [Exemption((3,), public_interest=NEGOTIATION), Exemption((1,), public_interest=PERSONAL)]
    )
    assert merged is not None and merged.public_interest == (NEGOTIATION, PERSONAL)


def test_a_default_exemption_keeps_the_mappings_own_reasoning() -> None:
    """A person exempt by default who is also marked keeps the mark's reasoning and date."""
    marked = Exemption((1,), public_interest=PERSONAL, review_by=date(2027, 1, 1))
    person = Person(name=parse_text("Ann Example"), exempt=marked)
    withheld = _withhold_field(person, Exemption((2,)))
    assert withheld.exempt.public_interest == (PERSONAL,)
    assert withheld.exempt.review_by == date(2027, 1, 1)


def test_a_record_reads_the_reasoning_review_and_release_dates(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """``exempt:`` as a mapping gives all four; the reasoning's white space is folded."""
    path = write_record(
        minimal_report.replace(
            "      - The cost is met from the existing budget.",
            "      - text: The cost is met from the existing budget.\n"
            "        exempt:\n          paragraphs: [3]\n"
            "          public_interest: >\n            Disclosure would\n            weaken us.\n"
            "          review_by: 2027-04-01\n          released_on: 2027-06-01",
        )
    )
    exemption = load_record(path).data.sections[0].paragraphs[1].exempt
    assert exemption == Exemption(
        (3,),
        public_interest="Disclosure would weaken us.",
        review_by=date(2027, 4, 1),
        released_on=date(2027, 6, 1),
    )


def _with_exempt_paragraph(report: str, exempt: str) -> str:
    """The minimal report with its second paragraph exempt as ``exempt`` (YAML) says."""
    return report.replace(
        "      - The cost is met from the existing budget.",
        "      - text: The cost is met from the existing budget.\n        exempt: " + exempt,
    )


def _warnings(path: Path, as_of: date | None = None) -> list[str]:
    errors, warnings = check([path], path.parent, as_of=as_of)
    assert not errors
    return [str(w) for w in warnings]


def test_check_warns_of_an_exemption_without_reasoning(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """``exempt: 3`` alone is located at its line and asks for the reasoning."""
    path = write_record(_with_exempt_paragraph(minimal_report, "3"))
    [warning] = _warnings(path)
    assert warning.startswith(f"{path}:16: sections[0].paragraphs[1].exempt: warning: ")
    assert "no public-interest reasoning" in warning


def test_check_is_quiet_about_an_exemption_with_reasoning(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """Reasoning and a review date still ahead: nothing to say."""
    path = write_record(
        _with_exempt_paragraph(
            minimal_report,
            "{paragraphs: [3], public_interest: Prejudice to negotiations., review_by: 2027-04-01}",
        )
    )
    assert _warnings(path, as_of=date(2027, 4, 1)) == []


def test_check_warns_when_the_review_date_has_passed(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """A review date before the as-of day (today unless given) is overdue."""
    path = write_record(
        _with_exempt_paragraph(
            minimal_report,
            "{paragraphs: [3], public_interest: Prejudice to negotiations., review_by: 2027-04-01}",
        )
    )
    [warning] = _warnings(path, as_of=date(2027, 4, 2))
    assert "sections[0].paragraphs[1].exempt: warning:" in warning
    assert "review date, 2027-04-01, has passed (as of 2027-04-02)" in warning


def test_a_released_exemption_is_not_warned_about(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """Once released, neither missing reasoning nor an old review date matters."""
    path = write_record(
        _with_exempt_paragraph(
            minimal_report, "{paragraphs: [3], review_by: 2027-01-01, released_on: 2027-02-01}"
        )
    )
    assert len(_warnings(path, as_of=date(2027, 1, 31))) == 2
    assert _warnings(path, as_of=date(2027, 2, 1)) == []


def test_check_strict_fails_on_missing_reasoning(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """``docgen check --strict`` makes the reasoning warning an error; ``--as-of`` is read."""
    path = write_record(_with_exempt_paragraph(minimal_report, "3"))
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(path)]).exit_code == 0
    strict = runner.invoke(main, ["check", "--strict", str(path)])
    assert strict.exit_code == 1 and "no public-interest reasoning" in strict.output
    late = _with_exempt_paragraph(
        minimal_report, "{paragraphs: [3], public_interest: Prejudice., review_by: 2027-04-01}"
    )
    path.write_text(late, encoding="utf-8")
    assert (
        runner.invoke(main, ["check", "--strict", "--as-of", "2027-04-01", str(path)]).exit_code
        == 0
    )
    overdue = runner.invoke(main, ["check", "--strict", "--as-of", "2027-04-02", str(path)])
    assert overdue.exit_code == 1 and "has passed" in overdue.output


PHRASE_REPORT_LINES = "summary: The report proposes longer opening hours at the [exempt 3]Riverside   branch[/exempt].\n"


def _phrase_report(report: str, details: str) -> str:
    return (
        report.replace(
            "summary: The report proposes longer opening hours at the central library.\n",
            PHRASE_REPORT_LINES,
        )
        + details
    )


def test_exempt_phrases_give_a_phrase_its_reasoning_and_dates(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """The phrase is named by its text (white space and case aside)."""
    path = write_record(
        _phrase_report(
            minimal_report,
            "exempt_phrases:\n  - phrase: riverside Branch\n"
            "    public_interest: The hours are still being negotiated with staff.\n"
            "    review_by: 2027-01-31\n    released_on: 2027-03-01\n",
        )
    )
    [span] = [s for s in load_record(path).data.summary.spans if s.exemption is not None]
    assert span.exemption == Exemption(
        (3,),
        public_interest="The hours are still being negotiated with staff.",
        review_by=date(2027, 1, 31),
        released_on=date(2027, 3, 1),
    )
    assert _warnings(path, as_of=date(2027, 1, 1)) == []


def test_a_phrase_without_details_is_warned_about(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """The warning names the text field and how to give the reasoning."""
    path = write_record(_phrase_report(minimal_report, ""))
    [warning] = _warnings(path)
    assert f"{path}:8: summary: warning:" in warning and "(exempt_phrases:)" in warning


def test_exempt_phrases_naming_no_marked_phrase_are_an_error(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """A misspelt phrase would leave an exemption without its reasoning: refused, located."""
    path = write_record(
        _phrase_report(
            minimal_report,
            "exempt_phrases:\n  - phrase: riverside brnch\n    public_interest: Why.\n",
        )
    )
    with pytest.raises(RecordError) as raised:
        load_record(path)
    assert str(raised.value) == (
        f"{path}:21: exempt_phrases[0].phrase: matches no [exempt] phrase in the record; "
        "copy the phrase as it is marked"
    )


def test_exempt_phrases_are_checked_like_any_field(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """An unknown key or an impossible date in the list is a located error."""
    path = write_record(
        _phrase_report(
            minimal_report,
            "exempt_phrases:\n  - phrase: Riverside branch\n    reviewby: 2027-01-01\n",
        )
    )
    with pytest.raises(RecordError) as raised:
        load_record(path)
    assert f"{path}:22: exempt_phrases[0].reviewby: unknown field" in str(raised.value)


def test_exempt_phrases_never_reach_a_view(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """The list is not record data: the public view's text holds nothing of it."""
    path = write_record(
        _phrase_report(
            minimal_report,
            "exempt_phrases:\n  - phrase: Riverside branch\n    public_interest: Why.\n",
        )
    )
    data = load_record(path).data
    assert "riverside branch" not in repr(public_view(data)).casefold().replace("  ", " ")
    assert not hasattr(data, "exempt_phrases")


def test_the_public_view_keeps_no_reasoning_or_dates() -> None:
    """The reasoning is for the register: the public view's exemptions give paragraphs only."""
    example = Path(__file__).resolve().parent.parent / (
        "records/northfield/cabinet-2026-10-senior-management-review.yaml"
    )
    data = load_record(example).data
    assert "negotiating limit" in repr(data)
    public = repr(public_view(data))
    assert "negotiating limit" not in public and "public_interest=('" not in public
    assert "review_by=datetime" not in public


def test_every_problem_in_exempt_phrases_is_reported_at_once(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """A number for a phrase, an entry that is not a mapping, a missing phrase: all located."""
    path = write_record(
        minimal_report + "exempt_phrases:\n  - phrase: 3\n  - nope\n  - {public_interest: x}\n"
    )
    with pytest.raises(RecordError) as raised:
        load_record(path)
    assert str(raised.value).splitlines() == [
        f"{path}:21: exempt_phrases[0].phrase: expected text, found int 3",
        f"{path}:22: exempt_phrases[1]: expected a mapping with phrase, public_interest, "
        "review_by, released_on",
        f"{path}:23: exempt_phrases[2].phrase: is required but missing",
    ]


def test_an_impossible_release_date_is_reported_once(
    write_record: Callable[..., Path], minimal_report: str
) -> None:
    """The YAML reader's own message, not a second one from structuring."""
    report = _phrase_report(
        minimal_report, "exempt_phrases:\n  - {phrase: Riverside branch, released_on: 2027-02-30}\n"
    )
    path = write_record(report)
    with pytest.raises(RecordError) as raised:
        load_record(path)
    assert str(raised.value) == (
        f"{path}:21: exempt_phrases[0].released_on: '2027-02-30' is not a real date; "
        "expected YYYY-MM-DD"
    )
